//! When the index is built, reused and rebuilt, and what an interrupted build leaves behind.

use tradetrail_search::{BuildOptions, Error, Filters, ensure, index_dir, rebuild, state_of};

use crate::{Row, classify, index, ingest, row, set, workspace};

const MORE: &[Row] = &[row(
    "r10",
    "2024-01-02",
    "ДРОН-КВАДРОКОПТЕР AUTEL EVO MAX 4T",
    "8806229000",
    "AUTEL ROBOTICS",
    "ООО \"ЛЕГИОН\"",
    "CN",
    7000.0,
    "drone",
)];

#[test]
fn built_on_first_use_then_reused() {
    let dir = tempfile::tempdir().unwrap();
    let ws = workspace(dir.path());
    let (first, built) = ensure(&ws, &BuildOptions::default()).unwrap();
    let built = built.expect("first use builds");
    assert_eq!((built.lines, built.categorised), (9, 9));
    assert_eq!(first.state(), state_of(&ws));
    let (again, built) = ensure(&ws, &BuildOptions::default()).unwrap();
    assert!(built.is_none(), "an up-to-date index is reused");
    assert_eq!(again.lines(), 9);
}

#[test]
fn new_ingest_and_new_classifications_trigger_a_rebuild() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = workspace(dir.path());
    let ix = index(&ws);
    assert!(set(&ix, "autel", &Filters::default()).is_empty());
    ingest(&mut ws, "second", MORE);
    let (ix, built) = ensure(&ws, &BuildOptions::default()).unwrap();
    assert_eq!(built.expect("stale index rebuilt").lines, 10);
    assert_eq!(set(&ix, "autel", &Filters::default()), vec!["r10"]);
    let drones = Filters {
        category: Some("drone".into()),
        ..Default::default()
    };
    assert!(set(&ix, "autel", &drones).is_empty(), "not classified yet");
    let all: Vec<Row> = crate::ROWS
        .iter()
        .chain(MORE)
        .map(|r| {
            row(
                r.id,
                r.date,
                r.description,
                r.hs,
                r.sender,
                r.recipient,
                r.origin,
                r.value,
                r.category,
            )
        })
        .collect();
    classify(&mut ws, &all, "c2");
    let (ix, built) = ensure(&ws, &BuildOptions::default()).unwrap();
    assert!(built.is_some());
    assert_eq!(set(&ix, "autel", &drones), vec!["r10"]);
    // Only the generation in force is kept.
    let gens = std::fs::read_dir(index_dir(&ws))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with("gen-")
        })
        .count();
    assert_eq!(gens, 1);
}

#[test]
fn an_interrupted_build_leaves_the_old_index_usable() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = workspace(dir.path());
    let old_state = index(&ws).state().to_owned();
    ingest(&mut ws, "second", MORE);
    let abort = BuildOptions {
        abort_after: Some(5),
        ..BuildOptions::default()
    };
    assert!(matches!(rebuild(&ws, &abort), Err(Error::Aborted(5))));
    // A half-written folder is left behind, as a kill would leave it, plus some junk.
    let leftovers: Vec<String> = std::fs::read_dir(index_dir(&ws))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".building"))
        .collect();
    assert_eq!(leftovers.len(), 1);
    std::fs::write(
        index_dir(&ws).join(&leftovers[0]).join("meta.json"),
        b"{ truncated",
    )
    .unwrap();
    std::fs::write(index_dir(&ws).join("CURRENT.tmp"), b"gen-999999").unwrap();
    // The previous generation is still the one in force and answers queries.
    let old = tradetrail_search::open_current(&ws)
        .unwrap()
        .expect("old index in force");
    assert_eq!(old.state(), old_state);
    assert_eq!(
        set(&old, "мавик", &Filters::default()),
        vec!["r01", "r02", "r04"]
    );
    // The next build cleans up and covers the new ingest.
    let (ix, built) = ensure(&ws, &BuildOptions::default()).unwrap();
    assert_eq!(built.unwrap().lines, 10);
    assert_eq!(set(&ix, "autel", &Filters::default()), vec!["r10"]);
    let names: Vec<String> = std::fs::read_dir(index_dir(&ws))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("gen-"))
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
}

#[test]
fn an_empty_workspace_gives_an_empty_index() {
    let dir = tempfile::tempdir().unwrap();
    let ws = tradetrail_store::Workspace::open(dir.path()).unwrap();
    let (ix, _) = ensure(&ws, &BuildOptions::default()).unwrap();
    assert_eq!(
        ix.search("квадрокоптер", &Filters::default(), 5)
            .unwrap()
            .total,
        0
    );
}
