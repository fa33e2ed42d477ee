//! Entities over a small synthetic world: ids are the same in a second workspace, a not-same judgement splits, a merge joins, and both survive a rebuild.

use std::path::Path;

use crate::ok;

fn rows(home: &Path, sql: &str) -> Vec<Vec<String>> {
    let out = ok(home, &["query", "--output", "csv", sql]);
    let mut r = csv::Reader::from_reader(out.as_bytes());
    r.records()
        .map(|x| x.expect("csv row").iter().map(str::to_string).collect())
        .collect()
}

fn entity_of(home: &Path, key: &str) -> String {
    rows(
        home,
        &format!("SELECT DISTINCT entity_id FROM party_mentions WHERE mention_key = '{key}'"),
    )[0][0]
        .clone()
}

fn world_workspace(dir: &Path, name: &str, world: &Path) -> std::path::PathBuf {
    let home = dir.join(name);
    for f in ["ru_vendor.csv", "ru_customs.csv", "kz_imports.csv"] {
        ok(
            &home,
            &["ingest", world.join(f).to_str().unwrap(), "--dataset", f],
        );
    }
    ok(&home, &["entities", "build"]);
    home
}

#[test]
fn judgements_split_and_merge_and_survive_rebuilds() {
    let dir = tempfile::tempdir().unwrap();
    let world = dir.path().join("world");
    ok(
        dir.path(),
        &[
            "synth",
            "--seed",
            "5",
            "--lines",
            "3000",
            "--out",
            world.to_str().unwrap(),
        ],
    );
    let home = world_workspace(dir.path(), "a", &world);
    let again = world_workspace(dir.path(), "b", &world);
    let ids = "SELECT record_id, source_column, entity_id FROM party_mentions ORDER BY record_id, source_column";
    assert_eq!(
        rows(&home, ids),
        rows(&again, ids),
        "entity ids depend on the data only"
    );

    // Two mentions of one entity: not-same splits them.
    let pair = rows(
        &home,
        "SELECT entity_id, MIN(mention_key), MAX(mention_key) FROM party_mentions GROUP BY entity_id \
         HAVING COUNT(DISTINCT mention_key) >= 2 ORDER BY COUNT(*) DESC, entity_id LIMIT 1",
    );
    let (a, b) = (pair[0][1].clone(), pair[0][2].clone());
    assert_eq!(entity_of(&home, &a), entity_of(&home, &b));
    ok(
        &home,
        &[
            "entities",
            "judge",
            &a,
            &b,
            "not-same",
            "--note",
            "different INN on the invoice",
        ],
    );
    assert_ne!(
        entity_of(&home, &a),
        entity_of(&home, &b),
        "not-same splits"
    );

    // Two entities: merge joins them.
    let two = rows(
        &home,
        "SELECT entity_id FROM entities ORDER BY lines DESC, entity_id LIMIT 2",
    );
    let (x, y) = (two[0][0].clone(), two[1][0].clone());
    let kx = rows(
        &home,
        &format!("SELECT MIN(mention_key) FROM party_mentions WHERE entity_id = '{x}'"),
    )[0][0]
        .clone();
    let ky = rows(
        &home,
        &format!("SELECT MIN(mention_key) FROM party_mentions WHERE entity_id = '{y}'"),
    )[0][0]
        .clone();
    ok(&home, &["entities", "merge", &x, &y]);
    assert_eq!(entity_of(&home, &kx), entity_of(&home, &ky), "merge joins");

    // New data and a rebuild keep both judgements in force.
    let more = dir.path().join("more");
    ok(
        dir.path(),
        &[
            "synth",
            "--seed",
            "6",
            "--lines",
            "1000",
            "--out",
            more.to_str().unwrap(),
        ],
    );
    ok(
        &home,
        &[
            "ingest",
            more.join("ru_vendor.csv").to_str().unwrap(),
            "--dataset",
            "more",
        ],
    );
    let built = ok(&home, &["entities", "build"]);
    assert!(built.contains("resolved"), "{built}");
    assert_ne!(entity_of(&home, &a), entity_of(&home, &b));
    assert_eq!(entity_of(&home, &kx), entity_of(&home, &ky));
    let shown = ok(&home, &["entities", "show", &entity_of(&home, &a)]);
    assert!(
        shown.contains("not-same"),
        "show lists the judgement:\n{shown}"
    );
}
