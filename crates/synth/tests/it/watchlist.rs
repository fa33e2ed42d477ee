//! The synthetic watchlists: OFAC legacy CSV layout and encoding, FollowTheMoney lines, and a truth that points at existing entries and entities.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::{scratch, small_world};

/// Splits one OFAC CSV line into fields (quoted fields hold no double quotes).
fn fields(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => out.push(std::mem::take(&mut cur)),
            c => cur.push(c),
        }
    }
    out.push(cur);
    out
}

/// Reads one OFAC file: Windows-1252, CRLF, closing 0x1A byte; returns its rows as fields.
fn ofac_rows(dir: &Path, name: &str) -> Vec<Vec<String>> {
    let bytes = std::fs::read(dir.join("watchlist/ofac-sdn").join(name)).unwrap();
    assert_eq!(bytes.last(), Some(&0x1a), "{name} must end with 0x1A");
    let (text, _, bad) = encoding_rs::WINDOWS_1252.decode(&bytes[..bytes.len() - 1]);
    assert!(!bad, "{name} is not Windows-1252");
    assert!(
        text.is_empty() || text.ends_with("\r\n"),
        "{name} lines end in CRLF"
    );
    text.split("\r\n")
        .filter(|l| !l.is_empty())
        .map(fields)
        .collect()
}

/// The truth rows as maps from column name to value.
fn truth(dir: &Path) -> Vec<HashMap<String, String>> {
    let text = std::fs::read_to_string(dir.join("truth/watchlist.csv")).unwrap();
    let mut lines = text.lines();
    let head: Vec<String> = lines
        .next()
        .unwrap()
        .split(',')
        .map(str::to_string)
        .collect();
    assert_eq!(
        head.join(","),
        "list_file,entry_id,source_id,entity_id,listed_name,relation,listing_date"
    );
    lines
        .map(|l| head.iter().cloned().zip(fields(l)).collect())
        .collect()
}

/// Entity id → identifier values, from `truth/entities.csv`.
fn entity_ids(dir: &Path) -> HashMap<String, Vec<String>> {
    let text = std::fs::read_to_string(dir.join("truth/entities.csv")).unwrap();
    text.lines()
        .skip(1)
        .map(|l| {
            let f = fields(l);
            let ids = f[5]
                .split(';')
                .filter_map(|p| p.split_once(':').map(|(_, v)| v.to_string()))
                .collect();
            (f[0].clone(), ids)
        })
        .collect()
}

#[test]
fn watchlists_follow_their_formats_and_truth_points_at_entries() {
    let dir = scratch("watchlist");
    let summary = small_world(&dir, 13, 20_000, false);

    let sdn = ofac_rows(&dir, "sdn.csv");
    assert!(!sdn[0][0].is_empty() && sdn[0][0].parse::<u32>().unwrap() >= 900_001);
    let mut ents: HashMap<String, String> = HashMap::new();
    for row in &sdn {
        assert_eq!(row.len(), 12, "{row:?}");
        assert!(["-0- ", "individual"].contains(&row[2].as_str()), "{row:?}");
        assert!(row[3].contains("EO1"), "{row:?}");
        ents.insert(row[0].clone(), format!("{} {}", row[1], row[11]));
    }
    let add = ofac_rows(&dir, "add.csv");
    let alt = ofac_rows(&dir, "alt.csv");
    let comments = ofac_rows(&dir, "sdn_comments.csv");
    assert!(!add.is_empty() && !alt.is_empty() && !comments.is_empty());
    for (rows, n) in [(&add, 6), (&alt, 5), (&comments, 2)] {
        for row in rows {
            assert_eq!(row.len(), n, "{row:?}");
            assert!(ents.contains_key(&row[0]), "orphan {row:?}");
        }
    }
    for row in &comments {
        ents.get_mut(&row[0]).unwrap().push_str(&row[1]);
    }
    for row in &alt {
        ents.get_mut(&row[0])
            .unwrap()
            .push_str(&format!(" {}", row[3]));
    }

    let ftm = std::fs::read_to_string(dir.join("watchlist/synthetic.ftm.jsonl")).unwrap();
    let mut ftm_ids: HashMap<String, String> = HashMap::new();
    let mut scripts = HashSet::new();
    for l in ftm.lines() {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        for k in [
            "id",
            "schema",
            "properties",
            "datasets",
            "referents",
            "first_seen",
            "last_seen",
            "target",
        ] {
            assert!(v.get(k).is_some(), "{k} missing in {l}");
        }
        assert!(["Company", "Organization", "Person"].contains(&v["schema"].as_str().unwrap()));
        let name = v["properties"]["name"][0].as_str().unwrap();
        scripts.insert(tradetrail_synth::translit::script(name));
        assert!(v["properties"]["createdAt"][0].as_str().is_some());
        ftm_ids.insert(v["id"].as_str().unwrap().to_string(), l.to_string());
    }
    assert!(
        scripts.contains("cyrillic") && scripts.contains("han"),
        "{scripts:?}"
    );

    let rows = truth(&dir);
    assert_eq!(rows.len() as u64, summary.watchlist_entries);
    assert_eq!(rows.len(), sdn.len() + ftm.lines().count());
    let ids = entity_ids(&dir);
    let mut relations: HashMap<String, u64> = HashMap::new();
    for t in &rows {
        let (file, sid, eid) = (&t["list_file"], &t["source_id"], &t["entity_id"]);
        let text = if file.ends_with("sdn.csv") {
            assert_eq!(t["entry_id"], format!("us-ofac-sdn:{sid}"));
            ents.get(sid).unwrap_or_else(|| panic!("no ent_num {sid}"))
        } else {
            ftm_ids
                .get(sid)
                .unwrap_or_else(|| panic!("no FtM id {sid}"))
        };
        *relations.entry(t["relation"].clone()).or_default() += 1;
        match t["relation"].as_str() {
            "filler" => assert!(eid.is_empty()),
            "same_entity" => {
                for v in &ids[eid] {
                    assert!(text.contains(v.as_str()), "{sid} lacks {v} of {eid}");
                }
            }
            "lookalike" => {
                for v in &ids[eid] {
                    assert!(!text.contains(v.as_str()), "look-alike {sid} has {v}");
                }
            }
            r => panic!("relation {r}"),
        }
        assert_eq!(t["listing_date"].len(), 10);
    }
    assert_eq!(relations["same_entity"], summary.watchlist_planted);
    assert_eq!(relations["lookalike"], summary.watchlist_lookalikes);
    assert_eq!(relations["filler"], summary.watchlist_filler);
    assert!(summary.watchlist_planted >= 5 && summary.watchlist_lookalikes >= 2);
    assert!((40..=300).contains(&summary.watchlist_entries));
    let world = std::fs::read_to_string(dir.join("world.json")).unwrap();
    assert!(world.contains("\"watchlist_entries\""));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn planted_listings_fall_before_and_after_shipments() {
    let dir = scratch("watchlist-dates");
    small_world(&dir, 17, 20_000, false);
    let rows = truth(&dir);
    let lines = std::fs::read_to_string(dir.join("truth/lines.csv")).unwrap();
    let (mut after, mut all_before) = (0, 0);
    for t in rows.iter().filter(|t| t["relation"] == "same_entity") {
        let e = format!(",{},", t["entity_id"]);
        let dates: Vec<&str> = lines
            .lines()
            .filter(|l| l.contains(&e))
            .filter_map(|l| l.split(',').nth(3))
            .collect();
        assert!(!dates.is_empty(), "{} never ships", t["entity_id"]);
        if dates.iter().any(|d| *d >= t["listing_date"].as_str()) {
            after += 1;
        } else {
            all_before += 1;
        }
    }
    assert!(after > 0 && all_before > 0, "{after} {all_before}");
    // Every line of a listed party, and only those, is a `listed_party` anomaly.
    let listed: HashSet<&str> = rows
        .iter()
        .filter(|t| t["relation"] == "same_entity")
        .map(|t| t["entity_id"].as_str())
        .collect();
    let mut want: Vec<String> = Vec::new();
    let mut reader = csv::Reader::from_path(dir.join("truth/lines.csv")).unwrap();
    for r in reader.records() {
        let r = r.unwrap();
        if listed.contains(&r[19]) || listed.contains(&r[20]) {
            want.push(format!("{},{}", &r[0], &r[1]));
        }
    }
    let anomalies = std::fs::read_to_string(dir.join("truth/anomalies.csv")).unwrap();
    let got: Vec<String> = anomalies
        .lines()
        .filter(|l| l.split(',').nth(2) == Some("listed_party"))
        .map(|l| l.splitn(3, ',').take(2).collect::<Vec<_>>().join(","))
        .collect();
    assert!(!want.is_empty());
    assert_eq!(got, want);
    let _ = std::fs::remove_dir_all(dir);
}
