//! `tradetrail eval`: quality figures printed from labelled data, never asserted here (the test suites hold the floors).

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, Subcommand};
use tradetrail_resolve::eval::{eval_pairs, is_tuning, parse_pairs};

/// Arguments of `tradetrail eval`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    #[command(subcommand)]
    command: EvalCommand,
}

#[derive(Debug, Subcommand)]
enum EvalCommand {
    /// Precision, recall and F1 of name matching on labelled pairs, overall, for companies and persons, and by script pair.
    Resolve {
        /// Labelled pairs CSV (case_group,schema,name1,name2,is_match,...), e.g. nomenklatura's name_bench cases.
        #[arg(long)]
        pairs: PathBuf,
    },
}

pub fn run(args: EvalArgs) -> anyhow::Result<ExitCode> {
    match args.command {
        EvalCommand::Resolve { pairs } => {
            let text = fs_err::read_to_string(&pairs)
                .with_context(|| format!("labelled pairs {}", pairs.display()))?;
            let all = parse_pairs(&text);
            let (tuning, held_out): (Vec<_>, Vec<_>) = all.iter().partition(|p| is_tuning(p));
            println!(
                "{}: {} labelled pairs ({} tuning, {} held out)",
                pairs.display(),
                all.len(),
                tuning.len(),
                held_out.len()
            );
            for (title, set) in [
                ("tuning split (weights were fitted here)", &tuning),
                ("held-out split", &held_out),
            ] {
                println!("\n{title}:");
                for line in eval_pairs(set).lines() {
                    println!("  {line}");
                }
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
