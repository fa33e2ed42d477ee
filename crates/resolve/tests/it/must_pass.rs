//! The pairs the issue names: DJI in three spellings, ООО ЛЕГИОН, ТОО АСТАНА ТЕХНО ТРЕЙД, and the XINGHE/XINHE identifier trap.

use tradetrail_resolve::{Identifier, Party, Scheme, Verdict, score};

fn assert_match(a: &str, b: &str) {
    let s = score(&Party::org(a), &Party::org(b));
    assert_eq!(s.verdict, Verdict::Match, "{a} ~ {b}: {s:#?}");
}

#[test]
fn dji_three_spellings_match_pairwise() {
    let names = [
        "SZ DJI TECHNOLOGY CO LTD",
        "深圳市大疆创新科技有限公司",
        "Shenzhen Dajiang Innovation Technology Co., Ltd.",
    ];
    for a in names {
        for b in names {
            assert_match(a, b);
        }
    }
}

#[test]
fn cyrillic_legal_forms_match_latin() {
    assert_match("ООО \"ЛЕГИОН\"", "LEGION LLC");
    assert_match("ТОО «АСТАНА ТЕХНО ТРЕЙД»", "ASTANA TECHNO TRADE LLP");
}

#[test]
fn different_usccs_override_similar_names() {
    let a = Party::org("SHENZHEN XINGHE TECHNOLOGY CO LTD")
        .with_id(Identifier::new(Scheme::Uscc, "91440300279583285Y"));
    let b = Party::org("SHENZHEN XINHE TECHNOLOGY CO LTD")
        .with_id(Identifier::new(Scheme::Uscc, "914403007084678371"));
    assert!(a.identifiers[0].is_valid() && b.identifiers[0].is_valid());
    let s = score(&a, &b);
    assert_eq!(s.verdict, Verdict::NoMatch, "{s:#?}");
    let f = s
        .features
        .iter()
        .find(|f| f.name == "identifier_conflict")
        .expect("the conflict is explained");
    assert!(f.detail.contains("no match"), "{}", f.detail);
}

#[test]
fn same_inn_overrides_different_names() {
    let a = Party::org("ООО \"ВОСТОК\"").with_id(Identifier::new(Scheme::Inn, "7707083893"));
    let b = Party::org("ZAPAD LLC").with_id(Identifier::new(Scheme::Inn, "7707083893"));
    let s = score(&a, &b);
    assert_eq!(s.verdict, Verdict::Match);
    assert!(s.features.iter().any(|f| f.name == "identifier_match"));
}

#[test]
fn explanation_names_every_feature() {
    let s = score(
        &Party::org("SZ DJI TECHNOLOGY CO LTD").with_country("CN"),
        &Party::org("深圳市大疆创新科技有限公司").with_country("China"),
    );
    let names: Vec<&str> = s.features.iter().map(|f| f.name).collect();
    for n in [
        "name_exact_core",
        "token_set_similarity",
        "jaro_winkler_core",
        "levenshtein",
        "cross_script_key_match",
        "numbers_mismatch",
        "legal_form_conflict",
        "country_match",
    ] {
        assert!(names.contains(&n), "{n} missing from {names:?}");
    }
}
