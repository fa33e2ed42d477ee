//! Tests of the HS nomenclature readers and the mapping to HS2022: golden samples, the staged UNSD files, and a no-panic property.

use proptest::prelude::*;
use tradetrail_refdata::hs::{
    BASIS_ONE, BASIS_SAME, BASIS_SPLIT_EQUAL, Nomenclature, Vintage, hs6_of, parse_correlation,
    parse_nomenclature,
};

/// Where the shared reference data is staged, seen from the crate directory.
const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data");

/// A staged file's text, or `None` with a message when the staging is absent.
fn shared(path: &str) -> Option<String> {
    let full = format!("{SHARED}/{path}");
    match std::fs::read_to_string(&full) {
        Ok(t) => Some(t),
        Err(e) => {
            eprintln!("skipping: shared data {full} is not available ({e})");
            None
        }
    }
}

const SAMPLE_2022: &str = "section,hscode,description,parent,level
XVII,88,\"Aircraft, spacecraft, and parts thereof\",TOTAL,2
XVII,8802,Aircraft; other,88,4
XVII,880211,\"Helicopters; of an unladen weight not exceeding 2000kg\",8802,6
XVII,880220,Aeroplanes; unladen weight not exceeding 2000kg,8802,6
XVII,8806,Unmanned aircraft,88,4
XVII,880621,Unmanned aircraft; remote-controlled only; MTOW not more than 250g,8806,6
XVII,880622,Unmanned aircraft; remote-controlled only; MTOW 250g-7kg,8806,6
XVI,852589,Cameras; other,8525,6
,TOTAL,Total of all HS commodities,,5
XVII,8806x2,bad code,8806,6
XVII,880699,,8806,6
XVII,880622,Duplicate,8806,6
XVII,880623,Level wrong,8806,4
";

const SAMPLE_CORR: &str = "hs2022,hs2017,relationship
880211,880211,n:1
880621,880211,n:n
880622,880211,n:n
880621,852580,N:N
880622,852580,n:n
852589,852580,n:n
880730,880330,n:1
880730,880330,n:1
8807a0,880330,n:1
880710,880310,2:3
";

#[test]
fn golden_nomenclature_sample() {
    let (rows, issues) = parse_nomenclature("HS2022", SAMPLE_2022, "sample.csv");
    let codes: Vec<&str> = rows.iter().map(|r| r.code.as_str()).collect();
    assert_eq!(
        codes,
        [
            "88", "8802", "880211", "880220", "8806", "880621", "880622", "852589", "880623"
        ]
    );
    assert_eq!(rows[0].parent, None, "TOTAL is not a parent code");
    assert_eq!(rows[2].parent.as_deref(), Some("8802"));
    assert_eq!(rows[2].section.as_deref(), Some("XVII"));
    assert_eq!(rows[2].vintage, "HS2022");
    assert_eq!(rows[2].level, Some(6));
    let kinds: Vec<&str> = issues.iter().map(|i| i.code.as_str()).collect();
    assert_eq!(
        kinds,
        [
            "bad_code",
            "missing_description",
            "duplicate_code",
            "bad_level"
        ]
    );
    assert!(
        issues
            .iter()
            .all(|i| i.source_file == "sample.csv" && i.source_position.starts_with("line "))
    );
    let (rows, issues) = parse_nomenclature("HS1996", SAMPLE_2022, "x");
    assert!(rows.is_empty());
    assert_eq!(issues[0].code, "bad_vintage");
    let (rows, issues) = parse_nomenclature("hs 2017", "a,b\n1,2\n", "x");
    assert!(rows.is_empty());
    assert_eq!(issues[0].code, "missing_column");
}

#[test]
fn golden_correlation_sample() {
    let (rows, issues) = parse_correlation(SAMPLE_CORR, "corr.csv");
    assert_eq!(rows.len(), 7);
    assert_eq!(
        rows[3].relation, "n:n",
        "relation is normalised to lower case"
    );
    assert!(rows.iter().all(|r| r.share.is_none()));
    let kinds: Vec<&str> = issues.iter().map(|i| i.code.as_str()).collect();
    assert_eq!(kinds, ["duplicate_pair", "bad_code", "bad_relation"]);
    let (conv, issues) = parse_correlation(
        "hs2022,hs2017\n880621,852580\n880622,852580\n880730,880330\n",
        "conv.csv",
    );
    assert!(issues.is_empty());
    let rel: Vec<&str> = conv.iter().map(|r| r.relation.as_str()).collect();
    assert_eq!(
        rel,
        ["n:1", "n:1", "1:1"],
        "derived from the conversion table itself"
    );
}

#[test]
fn golden_mapping_sample() {
    let (codes, _) = parse_nomenclature("HS2022", SAMPLE_2022, "sample.csv");
    let (corr, _) = parse_correlation(SAMPLE_CORR, "corr.csv");
    let n = Nomenclature::new(&codes, &corr);
    assert_eq!(
        n.description(Vintage::Hs2022, "8806"),
        Some("Unmanned aircraft")
    );
    assert_eq!(n.count(Vintage::Hs2022, 6), 6);
    let same = n.to_hs2022("8806.22");
    assert_eq!(same.len(), 1);
    assert_eq!(
        (same[0].hs6.as_str(), same[0].share, same[0].basis),
        ("880622", 1.0, BASIS_SAME)
    );
    assert_eq!(
        n.to_hs2022("8806 22 000 0")[0].hs6,
        "880622",
        "10-digit TN VED codes cut to six"
    );
    let cams = n.to_hs2022("8525.80");
    let hs: Vec<&str> = cams.iter().map(|c| c.hs6.as_str()).collect();
    assert_eq!(hs, ["852589", "880621", "880622"]);
    assert!(
        cams.iter()
            .all(|c| (c.share - 1.0 / 3.0).abs() < 1e-9 && c.basis == BASIS_SPLIT_EQUAL)
    );
    let heli = n.to_hs2022_from(Vintage::Hs2017, "880211");
    assert_eq!(heli.len(), 3);
    assert_eq!(
        n.to_hs2022("880211")[0].basis,
        BASIS_SAME,
        "valid HS2022 digits are read as HS2022"
    );
    assert_eq!(n.to_hs2022_on("880211", "2021-06-30").len(), 3);
    assert_eq!(n.to_hs2022_on("880211", "2022-06-30").len(), 1);
    assert_eq!(
        n.to_hs2022_from(Vintage::Hs2017, "880330")[0].basis,
        BASIS_ONE
    );
    assert!(n.to_hs2022("770000").is_empty());
    assert!(n.to_hs2022("8806").is_empty());
    assert!(n.to_hs2022("drone").is_empty());
}

#[test]
fn code_helpers() {
    assert_eq!(hs6_of("8806.22.000.0").as_deref(), Some("880622"));
    assert_eq!(
        hs6_of("85258").as_deref(),
        Some("085258"),
        "five digits lost a leading zero"
    );
    assert_eq!(hs6_of("12345"), Some("012345".into()));
    assert_eq!(hs6_of("8806"), None);
    assert_eq!(hs6_of("88062200001"), None);
    assert_eq!(Vintage::parse("hs2017"), Some(Vintage::Hs2017));
    assert_eq!(Vintage::in_force_on("2021-12-31"), Vintage::Hs2017);
    assert_eq!(Vintage::in_force_on("2022-01-01"), Vintage::Hs2022);
}

#[test]
fn staged_unsd_files() {
    let (Some(h22), Some(h17), Some(corr), Some(conv)) = (
        shared("hs-nomenclature/hs2022.csv"),
        shared("hs-nomenclature/hs2017.csv"),
        shared("hs-nomenclature/hs2022_hs2017_correlation.csv"),
        shared("hs-nomenclature/hs2022_to_hs2017_conversion.csv"),
    ) else {
        return;
    };
    let (c22, i22) = parse_nomenclature("HS2022", &h22, "hs2022.csv");
    let (c17, i17) = parse_nomenclature("HS2017", &h17, "hs2017.csv");
    assert!(i22.is_empty() && i17.is_empty(), "{i22:?} {i17:?}");
    // The README's 6,940 / 6,709 count the structural TOTAL row, which is not a code.
    assert_eq!((c22.len(), c17.len()), (6_939, 6_708));
    let (rows, issues) = parse_correlation(&corr, "hs2022_hs2017_correlation.csv");
    assert!(issues.is_empty(), "{issues:?}");
    assert_eq!(rows.len(), 15_657);
    let count = |rel: &str| rows.iter().filter(|r| r.relation == rel).count();
    assert_eq!(
        [count("1:1"), count("n:1"), count("1:n"), count("n:n")],
        [4_097, 1_392, 54, 10_114]
    );
    let (conversions, issues) = parse_correlation(&conv, "hs2022_to_hs2017_conversion.csv");
    assert!(issues.is_empty(), "{issues:?}");
    assert_eq!(conversions.len(), 5_613);

    let all: Vec<_> = c22.into_iter().chain(c17).collect();
    let n = Nomenclature::new(&all, &rows);
    assert_eq!(n.count(Vintage::Hs2022, 6), 5_613);
    assert_eq!(n.count(Vintage::Hs2017, 6), 5_388);
    assert_eq!(
        (n.count(Vintage::Hs2022, 4), n.count(Vintage::Hs2017, 4)),
        (1_229, 1_223)
    );
    assert!(
        n.description(Vintage::Hs2022, "8806")
            .unwrap()
            .to_lowercase()
            .contains("unmanned")
    );
    assert!(!n.contains(Vintage::Hs2017, "880622"));
    let drones = |c: &[tradetrail_refdata::hs::Candidate]| {
        c.iter().filter(|c| c.hs6.starts_with("8806")).count()
    };
    for old in ["8802.20", "8802.11", "8525.80"] {
        let cands = n.to_hs2022_from(Vintage::Hs2017, old);
        assert!(drones(&cands) >= 8, "{old}: {cands:?}");
        let total: f64 = cands.iter().map(|c| c.share).sum();
        assert!((total - 1.0).abs() < 1e-9, "{old}: shares sum to {total}");
    }
    assert!(
        drones(&n.to_hs2022("8525.80")) >= 8,
        "852580 is not an HS2022 code"
    );
    let same = n.to_hs2022("8806.22");
    assert_eq!(
        (same.len(), same[0].hs6.as_str(), same[0].share),
        (1, "880622", 1.0)
    );
    assert!(n.to_hs2022("8806220000").iter().all(|c| c.hs6 == "880622"));
    assert!(n.to_hs2022("770000").is_empty());
}

proptest! {
    #[test]
    fn readers_never_panic(text in "\\PC{0,300}", lines in proptest::collection::vec("[0-9a-zA-Z,\";:. \\-]{0,40}", 0..12)) {
        let csv = format!("section,hscode,description,parent,level\n{}", lines.join("\n"));
        let _ = parse_nomenclature("HS2022", &text, "p");
        let _ = parse_nomenclature("HS2017", &csv, "p");
        let _ = parse_correlation(&text, "p");
        let corr = format!("hs2022,hs2017,relationship\n{}", lines.join("\n"));
        let (rows, _) = parse_correlation(&corr, "p");
        let n = Nomenclature::new(&[], &rows);
        let _ = n.to_hs2022(&text);
        let _ = hs6_of(&text);
    }
}
