//! The top chains: paths of two or more hops that carry the goods in scope to the destination, traced in the trade graph.
//!
//! One trace per goods category of the scope, merged and ranked by delivered value; every hop names its source row, and the command that reproduces the trace is shown.

use serde_json::Value;
use tradetrail_graph::{Category, Graph, TraceQuery, trace};
use tradetrail_model::iso_date;

use crate::table::Table;
use crate::{Query, Scope, Section};

/// Chains listed.
const TOP: usize = 10;

const COLUMNS: &[&str] = &[
    "rank",
    "hops",
    "delivered_usd",
    "goods",
    "path",
    "first_date",
    "last_date",
    "evidence",
];

fn command(scope: &Scope, category: &str) -> String {
    let mut c = format!(
        "tradetrail trace --to-country {} --goods {category} --min-hops 2 --limit {TOP}",
        scope.to
    );
    if let Some(since) = &scope.since {
        c.push_str(&format!(" --since {since}"));
    }
    c
}

/// The section; without a graph it says how to get one.
pub fn section(scope: &Scope, graph: Option<&Graph>) -> Section {
    let categories: Vec<Category> = scope
        .goods
        .categories()
        .iter()
        .filter_map(|c| Category::parse(c))
        .collect();
    let commands: Vec<String> = categories
        .iter()
        .map(|c| command(scope, c.as_str()))
        .collect();
    let mut section = Section {
        id: "chains",
        title: "Top chains through intermediaries".into(),
        note: String::new(),
        query: Query::Command(commands.join(" ; ")),
        table: Table::new(COLUMNS, Vec::new()),
        chart: None,
    };
    let Some(g) = graph else {
        section.note =
            "The trade graph was not built for this report, so no chains are listed.".into();
        return section;
    };
    let mut paths = Vec::new();
    let mut found = 0;
    for &category in &categories {
        let q = TraceQuery {
            all_entries: true,
            to_country: Some(scope.to.clone()),
            category: Some(category),
            min_hops: 2,
            delivered_since: scope.since_day(),
            limit: TOP,
            ..TraceQuery::default()
        };
        let r = trace(g, &q);
        found += r.found;
        paths.extend(r.paths);
    }
    paths.sort_by(|a, b| {
        b.delivered_usd
            .total_cmp(&a.delivered_usd)
            .then(a.flows.cmp(&b.flows))
    });
    paths.truncate(TOP);
    section.note = format!(
        "{found} chains of two or more hops deliver the goods in scope to {}; the {} of highest delivered value are listed.\nEach hop leaves an intermediary after the goods entered it, within 120 days, with the same goods and a plausible quantity; evidence is the source file and line of each hop.",
        scope.to,
        paths.len()
    );
    for (k, p) in paths.iter().enumerate() {
        let flows: Vec<_> = p.flows.iter().map(|&i| &g.flows[i as usize]).collect();
        let Some(first) = flows.first() else { continue };
        let mut path = format!("{} [{}]", g.name(first.from), g.country(first.from));
        let mut evidence = Vec::new();
        for f in &flows {
            path.push_str(&format!(" → {} [{}]", g.name(f.to), g.country(f.to)));
            let file = g.text(f.evidence.file);
            let file = file.rsplit(['/', '\\']).next().unwrap_or(file);
            evidence.push(format!("{file}:{}", f.evidence.line));
        }
        let goods = {
            let f = flows[flows.len() - 1];
            let mut parts = vec![f.goods.category.as_str().to_owned()];
            for s in [f.goods.brand, f.goods.model] {
                if s != 0 {
                    parts.push(g.text(s).to_owned());
                }
            }
            parts.join(" ")
        };
        section.table.rows.push(vec![
            Value::from(k + 1),
            Value::from(flows.len()),
            Value::from((p.delivered_usd * 100.0).round() / 100.0),
            Value::from(goods),
            Value::from(path),
            Value::from(iso_date(first.date)),
            Value::from(iso_date(flows[flows.len() - 1].date)),
            Value::from(evidence.join(" ")),
        ]);
    }
    section
}
