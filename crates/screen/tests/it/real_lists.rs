//! Screening against the real lists in `../shared/data` (skipped with a message when they are absent; CI always has them).

use std::path::PathBuf;
use std::sync::OnceLock;

use tradetrail_lists::{ListFormat, ListImport, import_path};
use tradetrail_screen::{Index, Options, Query, targets_from_rows};

fn data() -> Option<PathBuf> {
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data"));
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipped: ../shared/data is absent (CI always has it)");
        None
    }
}

/// The US restricted-party lists, OFAC's SDN list and the UN list, imported with the project's importers.
fn index() -> Option<&'static Index> {
    static INDEX: OnceLock<Option<Index>> = OnceLock::new();
    INDEX
        .get_or_init(|| {
            let d = data()?;
            let mut all = ListImport::default();
            all.extend(import_path(ListFormat::OfacSdnCsv, &d.join("ofac-sdn")).unwrap());
            all.extend(
                import_path(
                    ListFormat::UnXml,
                    &d.join("un-consolidated/UN_consolidated.xml"),
                )
                .unwrap(),
            );
            for f in ["bis_entity_list.json", "ofac_nscmic.json", "dow_1260h.json"] {
                let p = d.join("us-restricted-party-lists-2026").join(f);
                all.extend(import_path(ListFormat::UsRestrictedJson, &p).unwrap());
            }
            Some(Index::build(targets_from_rows(&all.entries, &all.names)))
        })
        .as_ref()
}

fn top(index: &Index, name: &str) -> Vec<(String, String, f64)> {
    let q = Query {
        names: vec![name.into()],
        ..Query::default()
    };
    index
        .screen(&q, &Options::default())
        .into_iter()
        .map(|h| (h.list_id, h.caption, h.score))
        .collect()
}

#[test]
fn dji_is_found_from_latin_chinese_and_pinyin_names() {
    let Some(index) = index() else { return };
    for name in [
        "SZ DJI TECHNOLOGY CO LTD",
        "深圳市大疆创新科技有限公司",
        "Shenzhen Dajiang Innovation Technology Co., Ltd.",
    ] {
        let hits = top(index, name);
        assert!(
            hits.iter()
                .any(|(_, caption, _)| caption.to_uppercase().contains("DJI")
                    || caption.to_uppercase().contains("DA-JIANG")
                    || caption.to_uppercase().contains("DAJIANG")),
            "{name}: {hits:?}"
        );
    }
}

#[test]
fn cyrillic_queries_find_latin_entries() {
    let Some(index) = index() else { return };
    let hits = top(index, "АО \"РОСОБОРОНЭКСПОРТ\"");
    assert!(
        hits.iter()
            .any(|(_, c, _)| c.to_uppercase().contains("ROSOBORONEXPORT")
                || c.to_uppercase().contains("ROSOBORONEKSPORT")),
        "{hits:?}"
    );
}

#[test]
fn invented_traders_do_not_hit() {
    let Some(index) = index() else { return };
    for name in [
        "ZHEJIANG QINGFENG BAMBOO PRODUCTS CO LTD",
        "ООО \"СЕВЕРНЫЙ ЛЁН\"",
        "ALTYN DALA AGRO LLP",
    ] {
        let hits = top(index, name);
        assert!(hits.is_empty(), "{name}: {hits:?}");
    }
}
