//! Tests of the components catalogue reader and look-up: a golden hand-written sample, the staged GUR catalogue, and a no-panic property.

use proptest::prelude::*;
use tradetrail_refdata::components::{
    ComponentsKb, GUR_SOURCE, parse_catalogue, parse_platforms, tokens,
};

/// Where the shared reference data is staged, seen from the crate directory.
const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data");

const COMPONENTS: &str = r#"component_id,name_marking,category,function,manufacturer,manufacturer_country,oem_part_number,production_date,found_in_drones,sanctions_status,is_dual_use,replaceable_with,price_retail_usd,source_url,evidence_image,last_verified,notes
c-1,Microcontroller STM32F405,microcontroller,,STMicroelectronics,CH,STM32F405,,"[""uav-mugin-5-pro""]",unknown,False,[],,https://example.invalid/c/1,,2026-06-13,
c-2,(unspecified),capacitor,,KEMET,US,,,"[""uav-mugin-5-pro"", ""uav-shahed-136""]",unknown,False,[],,https://example.invalid/c/2,,2026-06-13,
c-3,GNSS module,gnss,,u-blox,,,,"[""uav-shahed-136""]",unknown,False,[],,https://example.invalid/c/3,,2026-06-13,
c-4,Servo,motor,,Not identified,UNK,,,"[""uav-shahed-136""]",unknown,False,[],,,,2026-06-13,
c-2,(unspecified),capacitor,,KEMET,US,,,"[""uav-mugin-5-pro""]",unknown,False,[],,https://example.invalid/c/2,,2026-06-13,
c-5,Chip,ic,,Acme,Atlantis,,,"[""uav-ghost""]",unknown,False,[],,,,2026-06-13,
c-6,Chip,ic,,Acme,US,,,not json,unknown,False,[],,,,2026-06-13,
c-7,Chip,ic,,Acme,US,,,[],unknown,False,[],,,,2026-06-13,
,Chip,ic,,Acme,US,,,"[""uav-shahed-136""]",unknown,False,[],,,,2026-06-13,
"#;

const DRONES: &str = r#"id,display_name,aka,operators,manufacturer_country,role,propulsion,total_components_documented,primary_source_url,secondary_sources,image_url,last_verified,notes
uav-mugin-5-pro,UAV Mugin 5 Pro,[],"[""UNK""]",UNK,unknown,unknown,2,https://example.invalid/p/mugin,[],,2026-06-13,
uav-shahed-136,UAV Shahed 136,[],"[""RU""]",RU,loitering_munition,piston,3,https://example.invalid/p/shahed,[],,2026-06-13,
uav-shahed-131,UAV Shahed 131,[],"[""RU""]",RU,loitering_munition,piston,0,,[],,2026-06-13,
"#;

const MAKERS: &str = "manufacturer_id,name,country\nu-blox-ch,u-blox,CH\n";

#[test]
fn golden_sample() {
    let (rows, issues) = parse_catalogue(COMPONENTS, DRONES, MAKERS, GUR_SOURCE);
    let pairs: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| (r.component_id.as_str(), r.platform_id.as_str()))
        .collect();
    assert_eq!(
        pairs,
        [
            ("c-1", "uav-mugin-5-pro"),
            ("c-2", "uav-mugin-5-pro"),
            ("c-2", "uav-shahed-136"),
            ("c-3", "uav-shahed-136"),
            ("c-4", "uav-shahed-136"),
            ("c-5", "uav-ghost"),
        ]
    );
    assert_eq!(rows[0].platform_name.as_deref(), Some("UAV Mugin 5 Pro"));
    assert_eq!(rows[0].manufacturer_country.as_deref(), Some("CH"));
    assert_eq!(rows[1].name, None, "(unspecified) is not a name");
    assert_eq!(
        rows[3].manufacturer_country.as_deref(),
        Some("CH"),
        "from manufacturers.csv"
    );
    assert_eq!(rows[4].manufacturer_country, None, "UNK stays unknown");
    assert_eq!(rows[5].platform_name, None);
    assert!(rows.iter().all(|r| r.source == GUR_SOURCE));
    let kinds: Vec<&str> = issues.iter().map(|i| i.code.as_str()).collect();
    assert_eq!(
        kinds,
        [
            "unknown_country",
            "orphan_platform",
            "bad_field",
            "no_platform",
            "bad_record",
            "duplicate_record"
        ]
    );
    assert!(issues.iter().all(|i| i.source_name == "gur-war-components"));

    let kb = ComponentsKb::new(rows);
    assert_eq!(kb.platform_count(), 3);
    let found = kb.find_platforms("mugin5 PRO");
    assert_eq!(found[0].platform_id, "uav-mugin-5-pro");
    assert_eq!(found[0].score, 1.0);
    let cyr = kb.find_platforms("МУГИН-5");
    assert_eq!(cyr[0].platform_id, "uav-mugin-5-pro");
    assert_eq!(cyr[0].via, "product catalogue: mugin-5-pro");
    let shahed = kb.find_platforms("Shahed-136");
    assert_eq!(shahed.len(), 1, "136 never matches 131: {shahed:?}");
    assert!(kb.find_platforms("Mavic 3").is_empty());
    assert!(kb.find_platforms("").is_empty());
    let doc = kb.documented("uav-shahed-136").unwrap();
    assert_eq!(doc.components.len(), 3);
    assert_eq!(doc.by_country.get("unknown"), Some(&1));
    assert_eq!(doc.by_manufacturer.get("KEMET"), Some(&1));
    assert!(kb.documented("uav-shahed-131").is_none());
}

#[test]
fn tokens_ignore_case_punctuation_and_joins() {
    let want = ["mugin", "5", "pro"];
    for q in [
        "Mugin-5 Pro",
        "mugin5 pro",
        "Mugin 5 Pro",
        "UAV Mugin 5 Pro",
        "  MUGIN_5-PRO ",
    ] {
        assert_eq!(tokens(q), want, "{q}");
    }
    let (platforms, issues) = parse_platforms(DRONES);
    assert_eq!((platforms.len(), issues.len()), (3, 0));
    assert_eq!(platforms[1].role.as_deref(), Some("loitering_munition"));
}

#[test]
fn staged_catalogue() {
    let read = |f: &str| std::fs::read_to_string(format!("{SHARED}/gur-war-components/{f}"));
    let (Ok(components), Ok(drones), Ok(makers)) = (
        read("components.csv"),
        read("drones.csv"),
        read("manufacturers.csv"),
    ) else {
        eprintln!("skipping: shared data {SHARED}/gur-war-components is not available");
        return;
    };
    let (rows, issues) = parse_catalogue(&components, &drones, &makers, GUR_SOURCE);
    // 8,326 records, of which 8 component ids each appear 316 times for the same platform (a scrape artefact).
    assert_eq!(rows.len(), 8_326 - 8 * 315);
    assert_eq!(issues.len(), 8, "{issues:?}");
    assert!(issues.iter().all(|i| i.code == "duplicate_record"));
    let kb = ComponentsKb::new(rows);

    for q in ["Mugin-5 Pro", "mugin5 pro", "Mugin 5 Pro", "МУГИН-5"] {
        let found = kb.find_platforms(q);
        assert_eq!(
            found.first().map(|m| m.platform_id.as_str()),
            Some("uav-mugin-5-pro"),
            "{q}: {found:?}"
        );
    }
    let doc = kb.documented("uav-mugin-5-pro").unwrap();
    assert_eq!(doc.components.len(), 16);
    assert!(doc.components.iter().all(|c| {
        c.manufacturer.is_some()
            && c.manufacturer_country.is_some()
            && c.source_url
                .as_deref()
                .is_some_and(|u| u.starts_with("https://war-sanctions.gur.gov.ua/"))
    }));
    let by_country: Vec<(&str, usize)> = doc
        .by_country
        .iter()
        .map(|(k, v)| (k.as_str(), *v))
        .collect();
    assert_eq!(by_country, [("CH", 2), ("IE", 1), ("JP", 4), ("US", 9)]);
    for maker in [
        "Texas Instruments",
        "Skyworks Solutions, Inc",
        "Silicon Laboratories",
    ] {
        assert!(
            doc.by_manufacturer.contains_key(maker),
            "{maker}: {:?}",
            doc.by_manufacturer
        );
    }
    assert_eq!(doc.by_manufacturer["Texas Instruments"], 2);

    assert!(
        kb.find_platforms("Mavic 3").is_empty(),
        "the catalogue documents no Mavic 3"
    );
    assert!(kb.find_platforms("МАВИК 3").is_empty());
    assert!(
        kb.find_platforms("Shahed 136")
            .iter()
            .all(|m| !m.platform_id.contains("131"))
    );
}

proptest! {
    #[test]
    fn never_panics(text in "\\PC{0,300}", lines in proptest::collection::vec("[0-9a-zA-Z,\"\\[\\]:. \\-]{0,60}", 0..10)) {
        let header = "component_id,name_marking,category,function,manufacturer,manufacturer_country,oem_part_number,production_date,found_in_drones";
        let csv = format!("{header}\n{}", lines.join("\n"));
        let (rows, _) = parse_catalogue(&csv, &text, &text, "p");
        let _ = parse_catalogue(&text, &csv, &csv, "p");
        let _ = parse_platforms(&text);
        let kb = ComponentsKb::new(rows);
        let _ = kb.find_platforms(&text);
        let _ = kb.documented(&text);
        let _ = tokens(&text);
    }
}
