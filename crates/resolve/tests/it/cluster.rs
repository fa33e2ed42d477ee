//! Clustering case file (`tests/cases/clusters.tsv`): the must-match names end in one entity, look-alikes with different identifiers stay apart, and judgements split and merge.

use tradetrail_resolve::{
    ClusterConfig, Constraints, Identifier, Party, Prepared, Scheme, cluster, entity_id,
    mention_key,
};

struct Case {
    group: String,
    party: Party,
}

fn scheme(label: &str) -> Scheme {
    match label {
        "inn" => Scheme::Inn,
        "ogrn" => Scheme::Ogrn,
        "bin" => Scheme::Bin,
        "uscc" => Scheme::Uscc,
        "hk_cr" => Scheme::HkCr,
        _ => Scheme::Other,
    }
}

fn cases() -> Vec<Case> {
    let text = include_str!("../cases/clusters.tsv");
    let mut out: Vec<Case> = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let cells: Vec<&str> = l.split('\t').collect();
            let mut party = Party::org(cells[1]);
            if let Some(c) = cells.get(2).filter(|c| !c.is_empty()) {
                party = party.with_country(c);
            }
            for id in cells
                .get(3)
                .unwrap_or(&"")
                .split(',')
                .filter(|s| !s.is_empty())
            {
                let (s, v) = id.split_once(':').expect("scheme:value");
                party = party.with_id(Identifier::new(scheme(s), v));
            }
            Case {
                group: cells[0].to_string(),
                party,
            }
        })
        .collect();
    // Clustering expects mentions sorted by key, as `entities build` gives them.
    out.sort_by_cached_key(|c| mention_key(&c.party));
    out
}

fn run(cases: &[Case], constraints: &Constraints) -> Vec<u32> {
    let prepared: Vec<Prepared> = cases
        .iter()
        .map(|c| Prepared::new(c.party.clone()))
        .collect();
    let weight = vec![1; cases.len()];
    cluster(&prepared, &weight, constraints, &ClusterConfig::default()).label
}

fn index(cases: &[Case], name: &str) -> u32 {
    cases
        .iter()
        .position(|c| c.party.name == name)
        .expect("name in the case file") as u32
}

#[test]
fn case_file_groups_are_the_clusters() {
    let cases = cases();
    let label = run(&cases, &Constraints::default());
    for (i, a) in cases.iter().enumerate() {
        for (j, b) in cases.iter().enumerate().skip(i + 1) {
            let together = label[i] == label[j];
            assert_eq!(
                together,
                a.group == b.group,
                "{} ({}) and {} ({}): together={together}",
                a.party.name,
                a.group,
                b.party.name,
                b.group
            );
        }
    }
}

#[test]
fn judgements_split_and_merge() {
    let cases = cases();
    let legion = index(&cases, "LEGION LLC");
    let legion_ru = index(&cases, "ООО \"ЛЕГИОН\"");
    let yida = index(&cases, "NINGBO YIDA INDUSTRIAL CO LTD");
    let astana = index(&cases, "ASTANA TECHNO TRADE LLP");
    let judged = Constraints {
        same: vec![(yida, astana)],
        not_same: vec![(legion, legion_ru)],
    };
    let label = run(&cases, &judged);
    assert_ne!(
        label[legion as usize], label[legion_ru as usize],
        "not-same splits"
    );
    assert_eq!(label[yida as usize], label[astana as usize], "same merges");
    // A rebuild from the same mentions and judgements gives the same labels, and so the same entity ids.
    assert_eq!(run(&cases, &judged), label);
    let key = mention_key(&cases[label[yida as usize] as usize].party);
    assert_eq!(entity_id(&key), entity_id(&key.clone()));
}
