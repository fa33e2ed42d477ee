//! Case files: `tests/cases/entries.csv` is a small list, `tests/cases/queries.csv` says which entry each query must find first (or `-` for no hit at the default threshold) and why.

use std::path::PathBuf;

use tradetrail_model::{ListEntry, ListName, days_from_civil};
use tradetrail_screen::{Index, Options, Query, QueryKind, targets_from_rows};

fn cases_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cases"))
}

fn date(text: &str) -> Option<i32> {
    let mut it = text.split('-').map(|p| p.parse::<i32>().ok());
    let (y, m, d) = (it.next()??, it.next()??, it.next()??);
    Some(days_from_civil(y, m as u32, d as u32))
}

/// The case-file list as entry and name rows, the way the list importers write them.
pub fn case_index() -> Index {
    let mut entries = Vec::new();
    let mut names = Vec::new();
    let mut r = csv::Reader::from_path(cases_dir().join("entries.csv")).unwrap();
    for row in r.records() {
        let row = row.unwrap();
        let all: Vec<&str> = row[5].split('|').collect();
        let id = row[0].to_string();
        entries.push(ListEntry {
            entry_id: id.clone(),
            list_id: "test".into(),
            list_name: "Test list".into(),
            list_version: None,
            source_id: id.trim_start_matches("test:").into(),
            entity_type: row[1].into(),
            name: all[0].into(),
            programmes: Some("TEST".into()),
            countries: Some(row[2].to_string()).filter(|s| !s.is_empty()),
            listing_date: date(&row[4]),
            identifiers: Some(row[3].to_string()).filter(|s| !s.is_empty()),
            addresses: None,
            remarks: None,
            source_file: "entries.csv".into(),
            source_position: "1".into(),
        });
        for (i, n) in all.iter().enumerate() {
            names.push(ListName {
                entry_id: id.clone(),
                list_id: "test".into(),
                name: (*n).into(),
                kind: if i == 0 { "primary" } else { "alias" }.into(),
                script: tradetrail_resolve::text::dominant_script(n).label().into(),
            });
        }
    }
    Index::build(targets_from_rows(&entries, &names))
}

#[test]
fn queries_find_the_entries_the_case_file_expects() {
    let index = case_index();
    let mut r = csv::Reader::from_path(cases_dir().join("queries.csv")).unwrap();
    let mut failures = Vec::new();
    for row in r.records() {
        let row = row.unwrap();
        let q = Query {
            names: vec![row[0].to_string()],
            kind: QueryKind::from_schema(&row[1]),
            countries: Some(row[2].to_string())
                .filter(|s| !s.is_empty())
                .into_iter()
                .collect(),
            identifiers: Some(row[3].to_string())
                .filter(|s| !s.is_empty())
                .into_iter()
                .collect(),
            ..Query::default()
        };
        let hits = index.screen(&q, &Options::default());
        let got = hits.first().map_or("-", |h| h.entry_id.as_str());
        if got != &row[4] {
            failures.push(format!(
                "{:?} ({}): expected {}, got {got} {:?} ({})",
                &row[0],
                &row[1],
                &row[4],
                hits.iter()
                    .map(|h| (h.entry_id.as_str(), h.score))
                    .collect::<Vec<_>>(),
                &row[5]
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_hit_is_the_sum_of_its_features() {
    let index = case_index();
    let q = Query {
        names: vec!["Shenzhen Dajiang Innovation Technology Co. Ltd".into()],
        countries: vec!["CN".into()],
        ..Query::default()
    };
    let hit = &index.screen(&q, &Options::default())[0];
    let logit: f64 = hit.features.iter().map(|f| f.contribution).sum();
    assert!(
        (1.0 / (1.0 + (-logit).exp()) - hit.score).abs() < 1e-9,
        "{hit:#?}"
    );
    assert!(hit.features.iter().any(|f| f.name == "country_match"));
    assert_eq!(hit.listing_date.as_deref(), Some("2020-12-18"));
    assert_eq!(hit.schema, "Organization");
}

#[test]
fn an_identifier_alone_finds_its_entry_and_a_conflicting_one_excludes_it() {
    let index = case_index();
    let by_id = Query {
        identifiers: vec!["91440300279583285Y".into()],
        ..Query::default()
    };
    let hits = index.screen(&by_id, &Options::default());
    assert_eq!(hits[0].entry_id, "test:1");
    assert!(
        hits[0]
            .features
            .iter()
            .any(|f| f.name == "identifier_match")
    );
    let conflict = Query {
        names: vec!["SZ DJI TECHNOLOGY CO LTD".into()],
        identifiers: vec!["914403007084678371".into()],
        ..Query::default()
    };
    let hits = index.screen(&conflict, &Options::default());
    if tradetrail_resolve::Identifier::new(tradetrail_resolve::Scheme::Uscc, "914403007084678371")
        .is_valid()
    {
        assert!(hits.iter().all(|h| h.entry_id != "test:1"), "{hits:#?}");
    }
}

#[test]
fn excluded_entries_and_list_filters_are_honoured() {
    let index = case_index();
    let mut q = Query {
        names: vec!["SZ DJI TECHNOLOGY CO LTD".into()],
        exclude_entries: vec!["test:1".into()],
        ..Query::default()
    };
    assert!(index.screen(&q, &Options::default()).is_empty());
    q.exclude_entries.clear();
    q.lists = vec!["us-".into()];
    assert!(index.screen(&q, &Options::default()).is_empty());
    q.lists = vec!["te".into()];
    assert_eq!(index.screen(&q, &Options::default()).len(), 1);
}
