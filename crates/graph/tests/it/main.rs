//! Integration tests of the trade graph: a small case file of lines traced, routed, exported and validated by the Python tools investigators use.

mod exports;
mod flows;
mod python;

use tradetrail_graph::{Category, Graph, GraphBuilder, GraphOptions, LineFacts};

/// Days since 1970-01-01 of a `yyyy-mm-dd` date.
fn days(text: &str) -> i32 {
    let p: Vec<u32> = text.split('-').map(|x| x.parse().expect("date")).collect();
    tradetrail_model::days_from_civil(p[0] as i32, p[1], p[2])
}

/// The graph of `cases/lines.csv` and `cases/entities.csv`.
pub fn case_graph() -> Graph {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/cases");
    let mut b = GraphBuilder::new(GraphOptions::default());
    let mut r = csv::Reader::from_path(dir.join("entities.csv")).expect("entities.csv");
    for rec in r.records() {
        let rec = rec.expect("entity row");
        b.add_node(&rec[0], &rec[1], &rec[2]);
    }
    let mut r = csv::Reader::from_path(dir.join("lines.csv")).expect("lines.csv");
    for rec in r.records() {
        let c = rec.expect("line row");
        let opt = |i: usize| (!c[i].is_empty()).then(|| &c[i]);
        b.add_line(&LineFacts {
            record_id: &c[0],
            dataset: &c[1],
            file: &c[2],
            line: c[3].parse().expect("line"),
            date: Some(days(&c[4])),
            sender: opt(5),
            recipient: opt(6),
            hs6: &c[7],
            category: Category::parse(&c[8]),
            brand: &c[9],
            model: &c[10],
            product: &c[11],
            quantity: c[12].parse().ok(),
            value_usd: c[13].parse().ok(),
            origin: &c[14],
            dispatch: &c[15],
            trading: &c[16],
            sender_country: &c[17],
            reporter: &c[18],
        });
    }
    b.finish()
}

/// The record ids of a path's flows.
pub fn records(g: &Graph, flows: &[u32]) -> Vec<String> {
    flows
        .iter()
        .map(|&i| g.record_id(g.flows[i as usize].evidence.record).to_string())
        .collect()
}
