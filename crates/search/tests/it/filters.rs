//! Each filter alone and together, and the structured hit a search returns.

use tradetrail_search::{Error, Filters};

use crate::{index, set, workspace};

#[test]
fn date_range_is_inclusive() {
    let dir = tempfile::tempdir().unwrap();
    let ix = index(&workspace(dir.path()));
    let f = Filters {
        since: Some("2023-03-01".into()),
        until: Some("2023-06-01".into()),
        ..Default::default()
    };
    assert_eq!(set(&ix, "", &f), vec!["r01", "r02", "r04"]);
    let f = Filters {
        until: Some("2022-02-23".into()),
        ..Default::default()
    };
    assert_eq!(set(&ix, "", &f), vec!["r03", "r07"]);
    let bad = Filters {
        since: Some("24.02.2022".into()),
        ..Default::default()
    };
    assert!(matches!(
        ix.search("", &bad, 5),
        Err(Error::Filter { name: "since", .. })
    ));
}

#[test]
fn country_matches_origin_or_destination() {
    let dir = tempfile::tempdir().unwrap();
    let ix = index(&workspace(dir.path()));
    let f = |c: &str| Filters {
        country: Some(c.into()),
        ..Default::default()
    };
    assert_eq!(set(&ix, "", &f("ae")), vec!["r05"]);
    assert_eq!(set(&ix, "", &f("KZ")), vec!["r04"]);
    assert_eq!(set(&ix, "квадрокоптер", &f("TR")), vec!["r09"]);
}

#[test]
fn hs_prefix_any_length() {
    let dir = tempfile::tempdir().unwrap();
    let ix = index(&workspace(dir.path()));
    let f = |p: &str| Filters {
        hs_prefix: Some(p.into()),
        ..Default::default()
    };
    assert_eq!(
        set(&ix, "", &f("8806")),
        vec!["r01", "r02", "r04", "r05", "r09"]
    );
    assert_eq!(set(&ix, "", &f("8806.22.10")), vec!["r01", "r04"]);
    assert_eq!(set(&ix, "", &f("95")), vec!["r08"]);
    assert!(ix.search("", &f("8"), 5).is_err());
}

#[test]
fn party_words_in_any_script() {
    let dir = tempfile::tempdir().unwrap();
    let ix = index(&workspace(dir.path()));
    let f = |p: &str| Filters {
        party: Some(p.into()),
        ..Default::default()
    };
    assert_eq!(set(&ix, "", &f("легион")), vec!["r01", "r03", "r05", "r09"]);
    assert_eq!(set(&ix, "", &f("LEGION")), vec!["r01", "r03", "r05", "r09"]);
    assert_eq!(set(&ix, "", &f("Alfa")), vec!["r02", "r05"]);
    assert_eq!(set(&ix, "", &f("大疆")), vec!["r04"]);
    assert_eq!(
        set(&ix, "", &f("dji technology")),
        vec!["r01", "r03", "r06"]
    );
}

#[test]
fn category_comes_from_the_classifications_table() {
    let dir = tempfile::tempdir().unwrap();
    let ix = index(&workspace(dir.path()));
    let f = |c: &str| Filters {
        category: Some(c.into()),
        ..Default::default()
    };
    assert_eq!(set(&ix, "dji", &f("drone")), vec!["r02", "r04", "r05"]);
    assert_eq!(set(&ix, "dji", &f("other")), vec!["r06"]);
    assert_eq!(set(&ix, "", &f("chpl")), vec!["r07"]);
    assert_eq!(set(&ix, "", &f("drone_part")), vec!["r03"]);
    assert!(ix.search("", &f("weapons"), 5).is_err());
}

#[test]
fn filters_combine_and_hits_carry_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let ix = index(&workspace(dir.path()));
    let f = Filters {
        since: Some("2023-01-01".into()),
        country: Some("CN".into()),
        hs_prefix: Some("8806".into()),
        party: Some("легион".into()),
        category: Some("drone".into()),
        ..Default::default()
    };
    let results = ix.search("kvadrokopter", &f, 10).unwrap();
    let mut hits = serde_json::to_value(&results.hits).unwrap();
    for h in hits.as_array_mut().unwrap() {
        h["score"] = serde_json::json!("(score)");
    }
    insta::assert_json_snapshot!(hits);
}
