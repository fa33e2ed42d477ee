//! The declaration files: headers, encodings, delimiters, date formats, and line counts that match the truth.

use std::collections::HashMap;

use crate::{scratch, small_world};
use tradetrail_synth::writers::{CUSTOMS_HEADERS, KZ_HEADERS, VENDOR_HEADERS};

fn profile_headers(profile: &str) -> Vec<String> {
    let path = format!(
        "{}/../ingest/profiles/{profile}.toml",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(path).unwrap();
    let cols = text.split("[columns]").nth(1).unwrap();
    cols.lines()
        .filter_map(|l| {
            l.split_once(" = ")
                .map(|(_, v)| v.trim().trim_matches('"').to_string())
        })
        .collect()
}

#[test]
fn files_follow_their_layouts_and_counts_match_truth() {
    let dir = scratch("files");
    let summary = small_world(&dir, 11, 5_000, false);
    assert_eq!(summary.lines, 5_000);
    assert!(summary.synthetic);

    let vendor =
        String::from_utf8_lossy(&std::fs::read(dir.join("ru_vendor.csv")).unwrap()).into_owned();
    assert_eq!(vendor.lines().next().unwrap(), VENDOR_HEADERS.join(","));
    for h in profile_headers("ru-vendor") {
        assert!(VENDOR_HEADERS.contains(&h.as_str()), "vendor lacks {h}");
    }
    let bytes = std::fs::read(dir.join("ru_customs.csv")).unwrap();
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "ru_customs.csv must not be UTF-8"
    );
    let (customs, _, bad) = encoding_rs::WINDOWS_1251.decode(&bytes);
    assert!(!bad);
    assert_eq!(customs.lines().next().unwrap(), CUSTOMS_HEADERS.join(";"));
    for h in profile_headers("ru-customs") {
        assert!(CUSTOMS_HEADERS.contains(&h.as_str()), "customs lacks {h}");
    }
    assert!(customs.lines().nth(1).unwrap().contains(";ИМ;"));
    let kz =
        String::from_utf8_lossy(&std::fs::read(dir.join("kz_imports.csv")).unwrap()).into_owned();
    assert_eq!(kz.lines().next().unwrap(), KZ_HEADERS.join(";"));
    assert!(kz.lines().nth(1).unwrap().starts_with("552"));

    let truth = std::fs::read_to_string(dir.join("truth/lines.csv")).unwrap();
    let mut per_file: HashMap<&str, u64> = HashMap::new();
    for l in truth.lines().skip(1) {
        *per_file.entry(l.split(',').next().unwrap()).or_default() += 1;
    }
    for (name, text) in [
        ("ru_vendor.csv", &vendor),
        ("ru_customs.csv", &customs.to_string()),
        ("kz_imports.csv", &kz),
    ] {
        let f = summary
            .files
            .iter()
            .find(|f| f.path.ends_with(name))
            .unwrap();
        let rows = text.lines().count() as u64 - 1 - f.malformed;
        assert_eq!(per_file[name], rows, "{name}");
        assert_eq!(f.lines, rows);
    }
    let shares: Vec<f64> = summary
        .files
        .iter()
        .map(|f| f.lines as f64 / 5_000.0)
        .collect();
    assert!(
        (0.45..0.65).contains(&shares[0])
            && (0.17..0.33).contains(&shares[1])
            && (0.12..0.28).contains(&shares[2]),
        "{shares:?}"
    );
    let world = std::fs::read_to_string(dir.join("world.json")).unwrap();
    assert!(world.contains("\"synthetic\": true"));
    assert!(
        std::fs::read_to_string(dir.join("README.txt"))
            .unwrap()
            .contains("SYNTHETIC")
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn declaration_numbers_match_their_dates() {
    let dir = scratch("numbers");
    small_world(&dir, 3, 2_000, true);
    let malformed = std::fs::read_to_string(dir.join("truth/malformed.csv")).unwrap();
    let bad: Vec<String> = malformed
        .lines()
        .filter_map(|l| l.strip_prefix("ru_vendor.csv,"))
        .map(|l| l.split(',').next().unwrap().to_string())
        .collect();
    let vendor =
        String::from_utf8_lossy(&std::fs::read(dir.join("ru_vendor.csv")).unwrap()).into_owned();
    for (i, l) in vendor.lines().enumerate().skip(1).take(500) {
        if bad.contains(&(i + 1).to_string()) {
            continue;
        }
        let cells: Vec<&str> = l.split(',').collect();
        let (num, date) = (cells[1], cells[2]);
        let parts: Vec<&str> = num.split('/').collect();
        assert_eq!(parts.len(), 3);
        assert_eq!(parts[0].len(), 8);
        assert_eq!(parts[2].len(), 7);
        let ddmmyy = format!("{}{}{}", &date[8..10], &date[5..7], &date[2..4]);
        assert_eq!(parts[1], ddmmyy, "{num} vs {date}");
    }
    let _ = std::fs::remove_dir_all(dir);
}
