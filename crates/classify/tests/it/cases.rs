//! Runs the case files in `tests/cases/*.csv`: lines that must and must not be drones, in Russian, English and Chinese.
//!
//! Columns: description, description_en, brand, model, hs_code, date (YYYY-MM-DD), expect_category, expect_brand, expect_model.
//! An empty expect_brand or expect_model means "none expected"; every failure is printed before the test fails.

use std::path::Path;

use tradetrail_classify::classify;
use tradetrail_model::ShipmentLine;

/// Days since 1970-01-01 of an ISO date.
fn days(iso: &str) -> Option<i32> {
    let mut it = iso.split('-').map(|x| x.parse::<i64>().ok());
    let (y, m, d) = (it.next()??, it.next()??, it.next()??);
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some((era * 146_097 + doe - 719_468) as i32)
}

fn opt(s: &str) -> Option<String> {
    (!s.trim().is_empty()).then(|| s.to_string())
}

#[test]
fn case_files_pass() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let (mut total, mut fails) = (0, Vec::new());
    for f in files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "csv"))
    {
        let mut rd = csv::Reader::from_path(f).unwrap();
        for (i, rec) in rd.records().enumerate() {
            let r = rec.unwrap();
            total += 1;
            let hs = r[4].to_string();
            let line = ShipmentLine {
                description: opt(&r[0]),
                description_en: opt(&r[1]),
                brand: opt(&r[2]),
                model: opt(&r[3]),
                hs6: hs.get(..6).map(str::to_string),
                hs_code: opt(&hs),
                declaration_date: days(&r[5]),
                ..Default::default()
            };
            let c = classify(&line);
            let ok = c.category.as_str() == &r[6]
                && c.brand.as_deref().unwrap_or("") == &r[7]
                && c.model.as_deref().unwrap_or("") == &r[8];
            if !ok {
                fails.push(format!(
                    "{}:{} {:?}: want {} {:?} {:?}, got {} {:?} {:?} {:?}",
                    f.file_name().unwrap().to_string_lossy(),
                    i + 2,
                    &r[0],
                    &r[6],
                    &r[7],
                    &r[8],
                    c.category.as_str(),
                    c.brand,
                    c.model,
                    c.evidence
                        .iter()
                        .map(|e| (e.feature, e.text.as_str()))
                        .collect::<Vec<_>>()
                ));
            }
        }
    }
    for f in &fails {
        println!("{f}");
    }
    println!("{} of {total} cases pass", total - fails.len());
    assert!(total >= 80, "only {total} cases");
    assert!(fails.is_empty(), "{} of {total} cases fail", fails.len());
}

#[test]
fn days_match_the_model_convention() {
    assert_eq!(days("1970-01-01"), Some(0));
    assert_eq!(days("2022-01-01"), Some(18_993));
}

#[test]
fn flags_and_evidence_are_explained() {
    let line = ShipmentLine {
        description: Some("КВАДРОКОПТЕР DJI MAVIC 3".into()),
        hs6: Some("950300".into()),
        hs_code: Some("9503000000".into()),
        declaration_date: days("2023-03-01"),
        ..Default::default()
    };
    let c = classify(&line);
    let m = c.misclassified.expect("toy code for a drone is flagged");
    assert_eq!(
        (m.declared.as_str(), m.expected.as_str()),
        ("950300", "880622")
    );
    assert!(
        c.evidence
            .iter()
            .any(|e| e.feature == "model_alias" && e.text == "MAVIC 3")
    );
    assert!(c.confidence > 0.6);
    // The same camera code is fine before 2022 and a misclassification after.
    let mut old = line.clone();
    old.hs6 = Some("852580".into());
    old.hs_code = Some("8525800000".into());
    old.declaration_date = days("2021-06-01");
    assert!(classify(&old).misclassified.is_none());
    old.declaration_date = days("2022-06-01");
    assert!(classify(&old).misclassified.is_some());
    // Vague wording scores high, a named product low.
    let vague = ShipmentLine {
        description: Some("ЗАПАСНЫЕ ЧАСТИ".into()),
        brand: Some("ОТСУТСТВУЕТ".into()),
        ..Default::default()
    };
    assert!(classify(&vague).vague_score >= tradetrail_classify::VAGUE_THRESHOLD);
    assert!(classify(&line).vague_score < tradetrail_classify::VAGUE_THRESHOLD);
    // CHPL tiers come from the declared code.
    let ic = ShipmentLine {
        description: Some("МИКРОКОНТРОЛЛЕРЫ".into()),
        hs6: Some("854231".into()),
        ..Default::default()
    };
    assert_eq!(classify(&ic).chpl_tier.as_deref(), Some("1"));
}
