//! Which lines a query finds: Russian inflection, transliteration both ways, Chinese, and ranking sanity.

use tradetrail_search::Filters;

use crate::{ids, index, set, workspace};

fn none() -> Filters {
    Filters::default()
}

#[test]
fn russian_inflected_forms_match() {
    let dir = tempfile::tempdir().unwrap();
    let ix = index(&workspace(dir.path()));
    let all = vec!["r01", "r02", "r03", "r09"];
    assert_eq!(set(&ix, "квадрокоптеры", &none()), all);
    assert_eq!(set(&ix, "квадрокоптера", &none()), all);
    assert_eq!(set(&ix, "КВАДРОКОПТЕР", &none()), all);
    assert_eq!(set(&ix, "пропеллер", &none()), vec!["r03"]);
}

#[test]
fn latin_transliteration_finds_cyrillic() {
    let dir = tempfile::tempdir().unwrap();
    let ix = index(&workspace(dir.path()));
    assert_eq!(set(&ix, "kvadrokopter mavic", &none()), vec!["r01", "r02"]);
    assert_eq!(
        set(&ix, "kvadrokopter", &none()),
        vec!["r01", "r02", "r03", "r09"]
    );
    assert_eq!(set(&ix, "stabilizator", &none()), vec!["r06"]);
}

#[test]
fn cyrillic_transliteration_finds_latin() {
    let dir = tempfile::tempdir().unwrap();
    let ix = index(&workspace(dir.path()));
    assert_eq!(set(&ix, "мавик", &none()), vec!["r01", "r02", "r04"]);
    assert_eq!(set(&ix, "квадрокоптер мавик", &none()), vec!["r01", "r02"]);
    assert_eq!(set(&ix, "матрис", &none()), vec!["r05"]);
    assert_eq!(set(&ix, "джи осмо", &none()), vec!["r06"]);
}

#[test]
fn chinese_words_match() {
    let dir = tempfile::tempdir().unwrap();
    let ix = index(&workspace(dir.path()));
    assert_eq!(set(&ix, "无人机", &none()), vec!["r04"]);
    assert_eq!(set(&ix, "御3", &none()), vec!["r04"]);
    assert_eq!(set(&ix, "大疆", &none()), vec!["r04"]);
    assert!(set(&ix, "人无", &none()).is_empty(), "pairs are ordered");
}

#[test]
fn english_stems_and_model_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let ix = index(&workspace(dir.path()));
    assert_eq!(set(&ix, "battery", &none()), vec!["r05"]);
    assert_eq!(set(&ix, "unmanned vehicles", &none()), vec!["r05"]);
    assert_eq!(set(&ix, "mavic3", &none()), vec!["r01", "r02", "r04"]);
}

#[test]
fn every_word_must_match_and_ranking_is_sane() {
    let dir = tempfile::tempdir().unwrap();
    let ix = index(&workspace(dir.path()));
    assert!(set(&ix, "квадрокоптер вертолет", &none()).is_empty());
    // The one-word description is the best match for its word; the same query twice gives the same list.
    let ranked = ids(&ix, "квадрокоптер", &none());
    assert_eq!(ranked[0], "r09", "{ranked:?}");
    assert_eq!(ranked, ids(&ix, "квадрокоптер", &none()));
    let hits = ix.search("квадрокоптер", &none(), 10).unwrap().hits;
    assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
    // An empty query ranks every line; a limit cuts the list but not the total.
    let all = ix.search("", &none(), 3).unwrap();
    assert_eq!((all.total, all.hits.len()), (9, 3));
}
