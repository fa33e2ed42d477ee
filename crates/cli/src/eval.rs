//! `tradetrail eval`: quality figures printed from labelled data, never asserted here (the test suites hold the floors).

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, Subcommand};
use tradetrail_resolve::eval::{eval_pairs, is_company_schema, is_tuning, parse_pairs};

/// Arguments of `tradetrail eval`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    #[command(subcommand)]
    command: EvalCommand,
}

/// The tuning and held-out synthetic worlds an evaluation generates.
#[derive(Debug, Args)]
struct Worlds {
    /// Lines of each generated world.
    #[arg(long, default_value_t = 100_000)]
    lines: u64,
    /// Seed of the tuning world.
    #[arg(long, default_value_t = 7)]
    seed: u64,
    /// Seed of the held-out world (generated with the held-out templates).
    #[arg(long, default_value_t = 4242)]
    holdout_seed: u64,
}

#[derive(Debug, Subcommand)]
enum EvalCommand {
    /// Precision, recall and F1 of name matching on labelled pairs, overall, for companies and persons, and by script pair.
    Resolve {
        /// Labelled pairs CSV (case_group,schema,name1,name2,is_match,...), e.g. nomenklatura's name_bench cases.
        #[arg(long, required_unless_present = "world")]
        pairs: Option<PathBuf>,
        /// A synthetic world folder (from `tradetrail synth`): ingest it (into --home, else a temporary workspace), build entities, score them against truth/mentions.csv.
        #[arg(long)]
        world: Option<PathBuf>,
        /// Print this many of the largest wrong merges and splits (worlds), or of the misjudged pairs per split (labelled pairs, companies first).
        #[arg(long, default_value_t = 0)]
        examples: usize,
    },
    /// Precision and recall per category, brand and model accuracy and the hard-negative rate, on a tuning and a held-out synthetic world side by side.
    Classify {
        #[command(flatten)]
        worlds: Worlds,
        /// Score these world folders (from `tradetrail synth [--holdout]`) instead of generating two; repeatable.
        #[arg(long)]
        world: Vec<PathBuf>,
    },
    /// Precision and recall of each red-flag detector against the planted anomalies of a tuning and a held-out synthetic world, side by side.
    Detect {
        #[command(flatten)]
        worlds: Worlds,
        /// Score these world folders (from `tradetrail synth [--holdout]`) instead of generating two; repeatable.
        #[arg(long)]
        world: Vec<PathBuf>,
        /// Folder for generated worlds and temporary workspaces (default: the system's temporary folder).
        #[arg(long)]
        scratch: Option<PathBuf>,
    },
    /// Recall and hop-level precision of chain tracing on a held-out synthetic world, against its planted chains.
    Trace {
        /// A synthetic world folder (from `tradetrail synth --holdout`); default: generate a held-out world.
        #[arg(long)]
        world: Option<PathBuf>,
        /// Lines of the generated world.
        #[arg(long, default_value_t = 400_000)]
        lines: u64,
        /// Seed of the generated world.
        #[arg(long, default_value_t = 4242)]
        seed: u64,
    },
    /// Screening: top-1 recall on the real lists with one alias held out, by script, and false hits per 1,000 innocent parties of a tuning and a held-out synthetic world.
    Screen {
        /// Folder with the official list files in the shared-data layout (ofac-sdn/, un-consolidated/, us-csl/, ...).
        #[arg(long, default_value = "../shared/data")]
        data: PathBuf,
        #[command(flatten)]
        worlds: Worlds,
        /// Run every n-th held-out-alias case (1 runs all).
        #[arg(long, default_value_t = 1)]
        step: usize,
        /// False hits to print per world, with their features.
        #[arg(long, default_value_t = 5)]
        examples: usize,
    },
}

pub fn run(args: EvalArgs, home: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    match args.command {
        EvalCommand::Classify {
            worlds:
                Worlds {
                    lines,
                    seed,
                    holdout_seed,
                },
            world,
        } => {
            let args = crate::eval_classify::EvalClassify {
                lines,
                seed,
                holdout_seed,
                worlds: world,
            };
            crate::eval_classify::run(&args)?;
            Ok(ExitCode::SUCCESS)
        }
        EvalCommand::Detect {
            worlds:
                Worlds {
                    lines,
                    seed,
                    holdout_seed,
                },
            world,
            scratch,
        } => {
            crate::eval_detect::run(&crate::eval_detect::EvalDetect {
                lines,
                seed,
                holdout_seed,
                worlds: world,
                scratch,
            })?;
            Ok(ExitCode::SUCCESS)
        }
        EvalCommand::Trace { world, lines, seed } => {
            crate::eval_trace::run(world, lines, seed, home)?;
            Ok(ExitCode::SUCCESS)
        }
        EvalCommand::Screen {
            data,
            worlds:
                Worlds {
                    lines,
                    seed,
                    holdout_seed,
                },
            step,
            examples,
        } => {
            crate::eval_screen::run(&crate::eval_screen::EvalScreen {
                data,
                lines,
                seed,
                holdout_seed,
                step,
                examples,
            })?;
            Ok(ExitCode::SUCCESS)
        }
        EvalCommand::Resolve {
            world: Some(world),
            pairs: None,
            examples,
        } => {
            crate::eval_world::run(&world, home, examples)?;
            Ok(ExitCode::SUCCESS)
        }
        EvalCommand::Resolve {
            world,
            pairs: Some(pairs),
            examples,
        } => {
            if let Some(world) = world {
                crate::eval_world::run(&world, home, examples)?;
                println!();
            }
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
                let report = eval_pairs(set);
                for line in report.lines() {
                    println!("  {line}");
                }
                // The misjudged pairs, companies first, as false negatives (FN) and false positives (FP) with the probability given.
                let mut errors: Vec<_> = report.errors.iter().collect();
                errors.sort_by_key(|(p, _)| !is_company_schema(&p.schema));
                for (p, prob) in errors.into_iter().take(examples) {
                    println!(
                        "    {} p={prob:.2} {} | {} | {}",
                        if p.is_match { "FN" } else { "FP" },
                        p.schema,
                        p.name1,
                        p.name2
                    );
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        EvalCommand::Resolve { .. } => anyhow::bail!("give --pairs FILE or --world DIR"),
    }
}
