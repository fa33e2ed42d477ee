//! Cross-script names: UN entries with NAME_ORIGINAL_SCRIPT must give `original_script` names in Arabic, Cyrillic and Han.

use std::collections::BTreeMap;

use tradetrail_lists::{ListFormat, import_path};

use crate::common::{sample, shared};

#[test]
fn un_sample_original_scripts() {
    let i = import_path(ListFormat::UnXml, &sample("un-xml/un_sample.xml")).expect("import");
    let scripts: Vec<&str> = i
        .names
        .iter()
        .filter(|n| n.kind == "original_script")
        .map(|n| n.script.as_str())
        .collect();
    assert_eq!(scripts, ["arabic", "cyrillic", "han"]);
}

#[test]
fn un_real_list_original_scripts() {
    let Some(file) = shared("un-consolidated/UN_consolidated.xml") else {
        return;
    };
    let i = import_path(ListFormat::UnXml, &file).expect("import");
    let mut by_script: BTreeMap<&str, usize> = BTreeMap::new();
    for n in i.names.iter().filter(|n| n.kind == "original_script") {
        *by_script.entry(n.script.as_str()).or_default() += 1;
    }
    eprintln!("UN original-script names by script: {by_script:?}");
    // The 2026-02-27 list has Arabic and Cyrillic original-script names but no Han one; the sample covers Han.
    for s in ["arabic", "cyrillic"] {
        assert!(
            by_script.get(s).copied().unwrap_or(0) > 0,
            "no {s} original-script name"
        );
    }
    // Every NAME_ORIGINAL_SCRIPT element with text becomes one name.
    let text = std::fs::read_to_string(&file).unwrap();
    let elements = text.matches("<NAME_ORIGINAL_SCRIPT>").count();
    let total: usize = by_script.values().sum();
    assert!(total <= elements && total > 0);
}
