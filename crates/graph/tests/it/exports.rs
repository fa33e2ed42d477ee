//! Exports: the CSV edge list as a snapshot, the FollowTheMoney lines validated by the `followthemoney` package's own model, the GraphML loaded by networkx.

use tradetrail_graph::export::{Selection, csv_edges, ftm, graphml};

use crate::case_graph;
use crate::python::check;

fn render(
    f: fn(
        &tradetrail_graph::Graph,
        &Selection,
        &mut dyn std::io::Write,
    ) -> tradetrail_graph::Result<()>,
) -> Vec<u8> {
    let mut out = Vec::new();
    f(&case_graph(), &Selection::default(), &mut out).expect("export");
    out
}

#[test]
fn csv_edge_list() {
    let text = String::from_utf8(render(csv_edges)).expect("utf-8");
    insta::assert_snapshot!(text);
}

#[test]
fn exports_are_deterministic() {
    for f in [csv_edges, ftm, graphml] {
        assert_eq!(render(f), render(f));
    }
}

const FTM_CHECK: &str = r#"
import json, sys
from followthemoney import model
entities = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
ids = {e["id"]: e["schema"] for e in entities}
counts = {}
for e in entities:
    schema = model.get(e["schema"])
    assert schema is not None, e["schema"]
    assert not schema.abstract, e["schema"]
    proxy = model.get_proxy(e, cleaned=False)
    for name, values in e["properties"].items():
        prop = schema.get(name)
        assert prop is not None, f"{e['schema']} has no property {name}"
        for v in values:
            cleaned = prop.type.clean(v, proxy=proxy)
            assert cleaned is not None, f"{e['id']} {name}={v!r} is not a valid {prop.type.name}"
            if prop.type.name == "entity":
                assert v in ids, f"{e['id']} {name} points to a missing entity {v}"
                assert model.get(ids[v]).is_a(prop.range), f"{name} wants {prop.range.name}, got {ids[v]}"
    assert proxy.to_dict()["id"] == e["id"]
    counts[e["schema"]] = counts.get(e["schema"], 0) + 1
print("followthemoney model accepts", counts)
"#;

const GRAPHML_CHECK: &str = r#"
import sys
import networkx as nx
g = nx.read_graphml(sys.argv[1])
assert g.is_directed()
assert g.number_of_nodes() == 6, g.number_of_nodes()
assert g.number_of_edges() == 6, g.number_of_edges()
assert g.nodes["E_KZ"]["country"] == "KZ"
e = g.edges["E_SZ", "E_HK"]
assert e["lines"] == 1 and abs(e["value_usd"] - 150000.0) < 1e-6, e
assert "Mavic 3" in e["models"]
print("networkx reads", g.number_of_nodes(), "nodes and", g.number_of_edges(), "edges")
"#;

#[test]
fn ftm_export_passes_followthemoney_validation() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("graph.ftm.jsonl");
    std::fs::write(&path, render(ftm)).expect("write");
    check(FTM_CHECK, &[&path], &["followthemoney"]);
}

#[test]
fn graphml_export_loads_in_networkx() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("graph.graphml");
    std::fs::write(&path, render(graphml)).expect("write");
    check(GRAPHML_CHECK, &[&path], &["networkx"]);
}
