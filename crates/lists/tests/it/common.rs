//! Helpers shared by the integration tests: where the shared reference data and the golden samples live, and issue tallies.

use std::collections::BTreeMap;
use std::path::PathBuf;

use tradetrail_lists::ListImport;

/// The shared reference data folder (`../shared/data` of the workspace), or `None` with a message when it is absent.
pub fn shared(sub: &str) -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data")
        .join(sub);
    if p.exists() {
        Some(p)
    } else {
        eprintln!(
            "SKIPPED: {} is absent (shared reference data not staged here)",
            p.display()
        );
        None
    }
}

/// A golden sample under tests/data.
pub fn sample(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(rel)
}

/// Issue counts by code.
pub fn issues_by_code(i: &ListImport) -> BTreeMap<String, usize> {
    let mut m = BTreeMap::new();
    for issue in &i.issues {
        *m.entry(issue.code.clone()).or_insert(0) += 1;
    }
    m
}

/// Prints the headline numbers of an import, for the test log.
pub fn report(label: &str, i: &ListImport) {
    eprintln!(
        "{label}: {} entries, {} names, issues {:?}",
        i.entries.len(),
        i.names.len(),
        issues_by_code(i)
    );
    for l in &i.lists {
        eprintln!(
            "  {} ({}) {} entries, version {:?}",
            l.list_id, l.list_name, l.entries, l.version
        );
    }
}

/// Entries per entity type.
pub fn by_type(i: &ListImport) -> BTreeMap<String, usize> {
    let mut m = BTreeMap::new();
    for e in &i.entries {
        *m.entry(e.entity_type.clone()).or_insert(0) += 1;
    }
    m
}
