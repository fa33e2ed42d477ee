//! Tests of the embedded control code sets: they parse, they are well formed, and the CHPL agrees with the staged transcription.

use std::collections::BTreeMap;

use tradetrail_refdata::controls::{
    CHPL_TIERS, DroneRole, chpl, chpl_as_of, chpl_tier, chpl_versions, drone_family, drone_role,
    drone_role_on, is_transshipment_risk, parse, transshipment_risk,
};
use tradetrail_refdata::countries;

/// Where the shared reference data is staged, seen from the crate directory.
const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data");

#[test]
fn sets_are_well_formed() {
    for set in chpl_versions()
        .iter()
        .chain([drone_family(), transshipment_risk()])
    {
        assert!(
            !set.source.is_empty() && !set.members.is_empty(),
            "{}",
            set.name
        );
        assert_eq!(set.effective_from.len(), 10, "{}", set.name);
        let mut codes: Vec<&str> = set.members.iter().map(|m| m.code.as_str()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(
            codes.len(),
            set.members.len(),
            "duplicate code in {} {}",
            set.name,
            set.version
        );
        for m in &set.members {
            assert!(!m.note.is_empty(), "{}", m.code);
            for d in [&m.effective_from, &m.effective_to].into_iter().flatten() {
                assert_eq!(d.len(), 10, "{}: {d}", m.code);
            }
        }
    }
    for set in chpl_versions().iter().chain([drone_family()]) {
        for m in &set.members {
            assert!(
                m.code.len() == 6 && m.code.bytes().all(|b| b.is_ascii_digit()),
                "{}",
                m.code
            );
        }
    }
    for m in &drone_family().members {
        assert!(
            DroneRole::parse(m.role.as_deref().unwrap_or("")).is_some(),
            "{}",
            m.code
        );
    }
    for m in &transshipment_risk().members {
        assert!(countries::by_alpha2(&m.code).is_some(), "{}", m.code);
    }
    assert!(parse("set = 3").is_err());
}

#[test]
fn chpl_versions_and_tiers() {
    let latest = chpl();
    assert_eq!(
        (latest.version.as_str(), latest.members.len()),
        ("2024-02-23", 50)
    );
    let mut by_tier: BTreeMap<&str, usize> = BTreeMap::new();
    for m in &latest.members {
        let tier = m.tier.as_deref().unwrap();
        assert!(CHPL_TIERS.contains(&tier), "{}: {tier}", m.code);
        *by_tier.entry(tier).or_default() += 1;
    }
    let expected = [
        ("1", 4),
        ("2", 5),
        ("3.A", 16),
        ("3.B", 9),
        ("4.A", 11),
        ("4.B", 5),
    ];
    assert_eq!(by_tier.into_iter().collect::<Vec<_>>(), expected);
    assert_eq!(chpl_tier("8542.31"), Some("1"));
    assert_eq!(chpl_tier("8807300000"), Some("3.B"));
    assert_eq!(chpl_tier("880622"), None);
    assert_eq!(chpl_tier("junk"), None);
    assert!(chpl_as_of("2023-01-01").is_none());
    assert_eq!(chpl_as_of("2023-12-31").unwrap().members.len(), 9);
    assert_eq!(chpl_as_of("2024-02-23").unwrap().version, "2024-02-23");
    assert_eq!(chpl_as_of("2026-01-01").unwrap().version, "2024-02-23");
}

#[test]
fn chpl_matches_staged_transcription() {
    let path = format!("{SHARED}/chpl/chpl_hs6.csv");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("skipping: shared data {path} is not available");
        return;
    };
    let mut staged: Vec<(String, String)> = text
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.splitn(4, ',').collect();
            (f[0].to_owned(), f[2].to_owned())
        })
        .collect();
    staged.sort();
    let mut ours: Vec<(String, String)> = chpl()
        .members
        .iter()
        .map(|m| (m.code.clone(), m.tier.clone().unwrap()))
        .collect();
    ours.sort();
    assert_eq!(ours, staged);
}

#[test]
fn drone_roles() {
    assert_eq!(drone_role("8806.22"), Some(DroneRole::CompleteDrone));
    assert_eq!(drone_role("8806220000"), Some(DroneRole::CompleteDrone));
    assert_eq!(drone_role("880730"), Some(DroneRole::DronePart));
    assert_eq!(
        drone_role("8802.20"),
        Some(DroneRole::Pre2022DroneEquivalent)
    );
    assert_eq!(drone_role("852580"), Some(DroneRole::CameraPossibleDrone));
    assert_eq!(drone_role("900630"), Some(DroneRole::CameraPossibleDrone));
    assert_eq!(drone_role("950300"), None);
    assert_eq!(
        drone_role_on("880220", "2021-05-01"),
        Some(DroneRole::Pre2022DroneEquivalent)
    );
    assert_eq!(
        drone_role_on("880220", "2023-05-01"),
        None,
        "manned aircraft from 2022"
    );
    assert_eq!(
        drone_role_on("880622", "2021-05-01"),
        None,
        "8806 did not exist before 2022"
    );
    let complete = drone_family()
        .members
        .iter()
        .filter(|m| m.role.as_deref() == Some("complete_drone"))
        .count();
    assert_eq!(complete, 11);
}

#[test]
fn transshipment_points() {
    for code in ["AM", "CN", "kz", "HK", "TR", "AE", "UZ", "GE", "ZA"] {
        assert!(is_transshipment_risk(code), "{code}");
    }
    for code in ["DE", "US", "RU", "", "XX"] {
        assert!(!is_transshipment_risk(code), "{code}");
    }
    let named_2022 = transshipment_risk()
        .members
        .iter()
        .filter(|m| m.effective_from.as_deref() == Some("2022-06-28"))
        .count();
    assert_eq!(named_2022, 18);
}
