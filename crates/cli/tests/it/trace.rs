//! Chain tracing end to end: `eval trace` on a held-out world holds the recall and hop-precision floors, and `trace` and `graph export` run on its workspace.

use crate::ok;

fn figure(out: &str, label: &str) -> f64 {
    let line = out
        .lines()
        .find(|l| l.contains(label))
        .unwrap_or_else(|| panic!("no {label:?} in:\n{out}"));
    line.rsplit("= ")
        .next()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(|| panic!("no figure in {line:?}"))
}

#[test]
fn trace_recovers_planted_chains_on_a_held_out_world() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("ws");
    let out = ok(
        &home,
        &["eval", "trace", "--lines", "100000", "--seed", "4242"],
    );
    println!("{out}");
    let recall = figure(&out, "recall (every visible run");
    let precision = figure(&out, "hop-level precision");
    assert!(recall >= 0.9, "recall {recall}");
    assert!(precision >= 0.9, "hop-level precision {precision}");

    let chains = ok(
        &home,
        &[
            "trace",
            "--to-country",
            "RU",
            "--goods",
            "drone",
            "--json",
            "--limit",
            "5",
        ],
    );
    let first: serde_json::Value =
        serde_json::from_str(chains.lines().next().expect("a chain")).unwrap();
    let hop = &first["hops"][0];
    assert!(
        hop["file"].as_str().is_some_and(|f| f.ends_with(".csv")),
        "{hop}"
    );
    assert!(hop["line"].as_u64().is_some_and(|l| l >= 2), "{hop}");

    for format in ["graphml", "ftm", "csv"] {
        let path = dir.path().join(format!("graph.{format}"));
        ok(
            &home,
            &[
                "graph",
                "export",
                "--format",
                format,
                "--goods",
                "drone",
                path.to_str().unwrap(),
            ],
        );
        assert!(
            std::fs::metadata(&path).unwrap().len() > 100,
            "{format} export is empty"
        );
    }
    // The first sender of the best chain is a node with outgoing flows.
    let sender = hop["from"]
        .as_str()
        .or_else(|| hop["from_name"].as_str())
        .unwrap_or_else(|| panic!("a hop names its sender: {hop}"));
    let hood = ok(&home, &["graph", "neighbours", sender, "--limit", "3"]);
    assert!(hood.contains("sends to"), "{hood}");
}
