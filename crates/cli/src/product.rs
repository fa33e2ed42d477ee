//! `tradetrail product NAME`: what the product catalogue says about a drone or component, and which foreign components are documented in it, with sources.
//!
//! It never claims more than the sources show: a platform without a documented teardown is reported as undocumented, not as free of foreign parts.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;
use tradetrail_model::Component;
use tradetrail_refdata::components::{ComponentsKb, tokens};
use tradetrail_refdata::products;
use tradetrail_store::Workspace;

/// Arguments of `tradetrail product`.
#[derive(Debug, Args)]
pub struct ProductArgs {
    /// Product or platform name in any script, e.g. "Mugin-5 Pro", "Mavic 3", "МАВИК 3".
    pub name: String,
}

pub fn run(home: &Path, args: ProductArgs) -> anyhow::Result<ExitCode> {
    let ws = Workspace::open(home).with_context(|| format!("workspace {}", home.display()))?;
    print_catalogue_facts(&args.name);
    let batches = crate::runtime()?.block_on(ws.query("SELECT * FROM components"))?;
    let mut rows = Vec::new();
    for batch in &batches {
        rows.extend(
            Component::from_batch(batch)
                .context("the components table has the component schema")?,
        );
    }
    if rows.is_empty() {
        println!("\nNo components catalogue is imported in this workspace.");
        println!(
            "Import one with: tradetrail reference import components DIR (components.csv, drones.csv, manufacturers.csv)"
        );
        return Ok(ExitCode::SUCCESS);
    }
    let kb = ComponentsKb::new(rows);
    let matches = kb.find_platforms(&args.name);
    let Some(best) = matches.first() else {
        println!(
            "\nNo components are documented for {:?} in the imported catalogue ({} platforms documented).",
            args.name,
            kb.platform_count()
        );
        println!(
            "This means the catalogue holds no teardown of it; it does not mean the product has no foreign parts."
        );
        return Ok(ExitCode::SUCCESS);
    };
    let documented = kb
        .documented(&best.platform_id)
        .context("a matched platform has components")?;
    let source = documented
        .components
        .first()
        .map(|c| c.source.as_str())
        .unwrap_or("-");
    println!(
        "\nDocumented components of {} ({}, matched by {}), source: {source}",
        best.platform_name, best.platform_id, best.via
    );
    println!("{} components:", documented.components.len());
    for c in &documented.components {
        println!(
            "  {:<34} {:<40} {:<3} {:<18} {}",
            clip(c.name.as_deref().unwrap_or("-"), 34),
            clip(c.manufacturer.as_deref().unwrap_or("not identified"), 40),
            c.manufacturer_country.as_deref().unwrap_or("?"),
            clip(c.part_number.as_deref().unwrap_or("-"), 18),
            c.source_url.as_deref().unwrap_or("-")
        );
    }
    println!("\nby manufacturer country:");
    let mut by_country: Vec<_> = documented.by_country.iter().collect();
    by_country.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    for (country, n) in by_country {
        let makers: Vec<&str> = documented
            .components
            .iter()
            .filter(|c| c.manufacturer_country.as_deref().unwrap_or("unknown") == country)
            .filter_map(|c| c.manufacturer.as_deref())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        println!("  {country:<8} {n:>3}  {}", makers.join(", "));
    }
    for other in matches.iter().skip(1).take(4) {
        println!(
            "also matches: {} ({}, score {:.2})",
            other.platform_name, other.platform_id, other.score
        );
    }
    println!(
        "\nThese are components found in recovered examples of this platform; other units may differ."
    );
    Ok(ExitCode::SUCCESS)
}

fn print_catalogue_facts(name: &str) {
    let query = tokens(name);
    let catalogue = products::catalogue();
    let found: Vec<&products::Product> = catalogue
        .products
        .iter()
        .filter(|p| {
            let with_brand = format!("{} {}", p.brand, p.model);
            [p.model.as_str(), with_brand.as_str()]
                .into_iter()
                .chain(p.aliases.iter().map(String::as_str))
                .any(|n| tokens(n) == query)
        })
        .collect();
    if found.is_empty() {
        println!("{name}: not in the product catalogue");
        return;
    }
    for p in found {
        println!(
            "{} {} ({}, {}): list price ${} as of {}, expected HS {}; source: {}",
            p.brand,
            p.model,
            p.category,
            p.kind,
            crate::inspect::money(p.list_price_usd),
            p.price_date,
            p.hs6_expected.join(", "),
            p.source
        );
        if let Some(brand) = catalogue.brand(&p.brand) {
            for s in &brand.statements {
                println!(
                    "  {} statement {}: {} ({})",
                    brand.name, s.date, s.text, s.source
                );
            }
        }
    }
}

fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_owned()
    } else {
        s.chars().take(n - 1).collect::<String>() + "…"
    }
}
