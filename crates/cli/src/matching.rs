//! `tradetrail match "NAME A" "NAME B"`: checks one pair of party names by hand and prints the verdict with every feature that contributed.

use std::process::ExitCode;

use anyhow::bail;
use clap::Args;
use tradetrail_resolve::{Identifier, Kind, Party, Scheme, Verdict, score};

/// Arguments of `tradetrail match`.
#[derive(Debug, Args)]
pub struct MatchArgs {
    /// First name, in any script.
    pub name_a: String,
    /// Second name, in any script.
    pub name_b: String,
    /// Country of the first party (ISO code or name in English or Russian).
    #[arg(long)]
    pub country_a: Option<String>,
    /// Country of the second party.
    #[arg(long)]
    pub country_b: Option<String>,
    /// Identifier of the first party as SCHEME:VALUE (inn, ogrn, bin, uscc, hk_cr, lei, other).
    #[arg(long)]
    pub id_a: Vec<String>,
    /// Identifier of the second party as SCHEME:VALUE.
    #[arg(long)]
    pub id_b: Vec<String>,
    /// Compare the names as persons, not organisations.
    #[arg(long)]
    pub person: bool,
}

pub fn run(args: MatchArgs) -> anyhow::Result<ExitCode> {
    let kind = if args.person {
        Kind::Person
    } else {
        Kind::Organisation
    };
    let a = party(&args.name_a, kind, args.country_a.as_deref(), &args.id_a)?;
    let b = party(&args.name_b, kind, args.country_b.as_deref(), &args.id_b)?;
    let s = score(&a, &b);
    let verdict = match s.verdict {
        Verdict::Match => "match",
        Verdict::Unsure => "unsure (for a person to decide)",
        Verdict::NoMatch => "no match",
    };
    println!("{verdict}: probability {:.3}", s.probability);
    println!(
        "  {:<28} {:>8} {:>8} {:>13}  detail",
        "feature", "value", "weight", "contribution"
    );
    for f in &s.features {
        println!(
            "  {:<28} {:>8.3} {:>8.3} {:>+13.3}  {}",
            f.name, f.value, f.weight, f.contribution, f.detail
        );
    }
    let total: f64 = s.features.iter().map(|f| f.contribution).sum();
    println!(
        "  {:<28} {:>8} {:>8} {:>+13.3}  probability = 1 / (1 + e^-sum)",
        "sum", "", "", total
    );
    Ok(ExitCode::SUCCESS)
}

fn party(name: &str, kind: Kind, country: Option<&str>, ids: &[String]) -> anyhow::Result<Party> {
    let country = match country {
        None => None,
        Some(text) => match tradetrail_refdata::countries::lookup(text) {
            Some(c) => Some(c.alpha2.to_owned()),
            None => bail!("unknown country {text:?}"),
        },
    };
    let mut identifiers = Vec::new();
    for id in ids {
        let Some((scheme, value)) = id.split_once(':') else {
            bail!("identifier {id:?} is not SCHEME:VALUE");
        };
        let scheme = match scheme.to_ascii_lowercase().as_str() {
            "inn" => Scheme::Inn,
            "ogrn" => Scheme::Ogrn,
            "bin" => Scheme::Bin,
            "uscc" => Scheme::Uscc,
            "hk_cr" | "hkcr" => Scheme::HkCr,
            "lei" => Scheme::Lei,
            "other" => Scheme::Other,
            other => bail!(
                "unknown identifier scheme {other:?}; schemes are inn, ogrn, bin, uscc, hk_cr, lei, other"
            ),
        };
        identifiers.push(Identifier::new(scheme, value));
    }
    Ok(Party {
        name: name.to_owned(),
        kind,
        country,
        identifiers,
        address: None,
    })
}
