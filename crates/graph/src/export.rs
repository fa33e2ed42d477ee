//! Exports for the tools investigators use: GraphML for Gephi (and networkx), FollowTheMoney JSON lines for Aleph and OpenSanctions tooling, CSV edge lists.
//!
//! Output is deterministic: nodes in node order, edges sorted by (sender, recipient), flows by (sender, date, recipient, record).

use std::collections::BTreeSet;
use std::io::Write;

use quick_xml::escape::escape;
use serde_json::{Value, json};
use tradetrail_model::iso_date;

use crate::Result;
use crate::graph::{Category, Edge, Flow, Graph, NodeId};

/// Which part of the graph to export.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Only edges that carried goods of this class, and only flows of it.
    pub category: Option<Category>,
}

impl Selection {
    fn edges<'g>(&self, g: &'g Graph) -> impl Iterator<Item = &'g Edge> {
        let c = self.category;
        g.edges
            .iter()
            .filter(move |e| c.is_none_or(|c| e.categories().any(|k| k == c)))
    }

    fn flows<'g>(&self, g: &'g Graph) -> impl Iterator<Item = &'g Flow> {
        let c = self.category;
        g.flows
            .iter()
            .filter(move |f| c.is_none_or(|c| f.goods.category == c))
    }

    fn nodes(&self, g: &Graph) -> BTreeSet<NodeId> {
        self.edges(g).flat_map(|e| [e.from, e.to]).collect()
    }
}

fn date(d: i32) -> String {
    if d == i32::MAX || d == i32::MIN {
        String::new()
    } else {
        iso_date(d)
    }
}

fn joined(g: &Graph, syms: &[u32]) -> String {
    syms.iter()
        .map(|&s| g.text(s))
        .collect::<Vec<_>>()
        .join(";")
}

fn categories(e: &Edge) -> String {
    e.categories()
        .map(Category::as_str)
        .collect::<Vec<_>>()
        .join(";")
}

/// Writes GraphML: one node per entity (name, country), one edge per entity pair (lines, value, dates, HS6, brands, models, categories).
pub fn graphml(g: &Graph, sel: &Selection, out: &mut dyn Write) -> Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
    )?;
    let keys = [
        ("label", "node", "string"),
        ("country", "node", "string"),
        ("lines", "edge", "int"),
        ("value_usd", "edge", "double"),
        ("first", "edge", "string"),
        ("last", "edge", "string"),
        ("hs6", "edge", "string"),
        ("brands", "edge", "string"),
        ("models", "edge", "string"),
        ("categories", "edge", "string"),
        ("evidence", "edge", "string"),
    ];
    for (name, on, ty) in keys {
        writeln!(
            out,
            r#"  <key id="{name}" for="{on}" attr.name="{name}" attr.type="{ty}"/>"#
        )?;
    }
    writeln!(out, r#"  <graph id="tradetrail" edgedefault="directed">"#)?;
    for n in sel.nodes(g) {
        writeln!(out, r#"    <node id="{}">"#, escape(g.entity_id(n)))?;
        writeln!(
            out,
            r#"      <data key="label">{}</data>"#,
            escape(g.name(n))
        )?;
        writeln!(
            out,
            r#"      <data key="country">{}</data>"#,
            escape(g.country(n))
        )?;
        writeln!(out, "    </node>")?;
    }
    for (i, e) in sel.edges(g).enumerate() {
        let evidence: Vec<&str> = e.evidence.iter().map(|&r| g.record_id(r)).collect();
        writeln!(
            out,
            r#"    <edge id="e{i}" source="{}" target="{}">"#,
            escape(g.entity_id(e.from)),
            escape(g.entity_id(e.to))
        )?;
        let data = [
            ("lines", e.lines.to_string()),
            ("value_usd", format!("{:.2}", e.value_usd)),
            ("first", date(e.first)),
            ("last", date(e.last)),
            ("hs6", joined(g, &e.hs6)),
            ("brands", joined(g, &e.brands)),
            ("models", joined(g, &e.models)),
            ("categories", categories(e)),
            ("evidence", evidence.join(";")),
        ];
        for (k, v) in data {
            writeln!(
                out,
                r#"      <data key="{k}">{}</data>"#,
                escape(v.as_str())
            )?;
        }
        writeln!(out, "    </edge>")?;
    }
    writeln!(out, "  </graph>\n</graphml>")?;
    Ok(())
}

fn ftm_id(prefix: &str, raw: &str) -> String {
    let safe: String = raw
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '.' {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("tradetrail-{prefix}-{safe}")
}

fn country(code: &str) -> Vec<Value> {
    if code.len() == 2 {
        vec![json!(code.to_ascii_lowercase())]
    } else {
        Vec::new()
    }
}

/// Writes FollowTheMoney JSON lines: a `Company` per entity and an `EconomicActivity` per declaration line of the selected goods.
pub fn ftm(g: &Graph, sel: &Selection, out: &mut dyn Write) -> Result<()> {
    let nodes = sel.nodes(g);
    for &n in &nodes {
        let entity = json!({
            "id": ftm_id("entity", g.entity_id(n)),
            "schema": "Company",
            "properties": {
                "name": [g.name(n)],
                "country": country(g.country(n)),
                "notes": [format!("tradetrail entity {}", g.entity_id(n))],
            },
        });
        writeln!(out, "{entity}")?;
    }
    for f in sel
        .flows(g)
        .filter(|f| nodes.contains(&f.from) && nodes.contains(&f.to))
    {
        let c = f.countries;
        let goods = [g.text(f.goods.brand), g.text(f.goods.model)]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        let summary = format!(
            "{} {goods}: quantity {}, {:.2} USD",
            f.goods.category.as_str(),
            f.quantity,
            f.value_usd
        );
        let record = g.record_id(f.evidence.record);
        let mut props = json!({
            "sender": [ftm_id("entity", g.entity_id(f.from))],
            "receiver": [ftm_id("entity", g.entity_id(f.to))],
            "date": [iso_date(f.date)],
            "summary": [summary],
            "recordId": [record],
            "description": [format!("{} {}:{}", g.text(f.evidence.dataset), g.text(f.evidence.file), f.evidence.line)],
            "customsAmount": [format!("{:.2} USD", f.value_usd)],
            "originCountry": country(g.text(c.origin)),
            "departureCountry": country(g.text(c.dispatch)),
            "tradingCountry": country(g.text(c.trading)),
            "destinationCountry": country(g.text(c.reporter)),
        });
        if f.hs6 != 0
            && let Some(p) = props.as_object_mut()
        {
            p.insert("vedCode".into(), json!([g.text(f.hs6)]));
        }
        let activity = json!({
            "id": ftm_id("line", record),
            "schema": "EconomicActivity",
            "properties": props,
        });
        writeln!(out, "{activity}")?;
    }
    Ok(())
}

/// Writes a CSV edge list with a header row (source and target are entity ids).
pub fn csv_edges(g: &Graph, sel: &Selection, out: &mut dyn Write) -> Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "source",
        "target",
        "source_name",
        "target_name",
        "source_country",
        "target_country",
        "lines",
        "value_usd",
        "first",
        "last",
        "hs6",
        "brands",
        "models",
        "categories",
        "evidence",
    ])?;
    for e in sel.edges(g) {
        let evidence: Vec<&str> = e.evidence.iter().map(|&r| g.record_id(r)).collect();
        w.write_record([
            g.entity_id(e.from),
            g.entity_id(e.to),
            g.name(e.from),
            g.name(e.to),
            g.country(e.from),
            g.country(e.to),
            &e.lines.to_string(),
            &format!("{:.2}", e.value_usd),
            &date(e.first),
            &date(e.last),
            &joined(g, &e.hs6),
            &joined(g, &e.brands),
            &joined(g, &e.models),
            &categories(e),
            &evidence.join(";"),
        ])?;
    }
    w.flush()?;
    Ok(())
}

/// One traced path as JSON: the brand it entered the data with, the delivered value, and every hop with its parties, goods and source row.
/// The CLI's `trace --json` and the HTTP API print the same shape.
pub fn path_json(g: &Graph, p: &crate::trace::Path) -> serde_json::Value {
    let hops: Vec<serde_json::Value> = p
        .flows
        .iter()
        .map(|&i| {
            let f = &g.flows[i as usize];
            serde_json::json!({
                "from": g.entity_id(f.from), "from_name": g.name(f.from), "from_country": g.country(f.from),
                "to": g.entity_id(f.to), "to_name": g.name(f.to), "to_country": g.country(f.to),
                "date": tradetrail_model::iso_date(f.date), "category": f.goods.category.as_str(),
                "brand": g.text(f.goods.brand), "model": g.text(f.goods.model), "hs6": g.text(f.hs6),
                "quantity": f.quantity, "value_usd": f.value_usd,
                "dataset": g.text(f.evidence.dataset), "file": g.text(f.evidence.file),
                "line": f.evidence.line, "record_id": g.record_id(f.evidence.record),
            })
        })
        .collect();
    serde_json::json!({
        "via_brand": p.via_brand.map(|b| g.text(b)),
        "delivered_usd": p.delivered_usd,
        "hops": hops,
    })
}
