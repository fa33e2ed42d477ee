//! A generated file of 1,200 rows where one in ten is bad in a different way: every good row is stored,
//! every bad row is quarantined with the right reason and line, and the counts add up.

use std::collections::BTreeMap;
use std::io::Write;

use tradetrail_ingest::{IngestOptions, KnownRecords, Mapping, ingest_path};

use crate::common::{Collect, assert_adds_up, opts};

const MAPPING: &str = r#"
[columns]
source_record_id = "id"
declaration_number = "decl"
declaration_date = "date"
hs_code = "hs"
description = "description"
quantity = "qty"
net_kg = "net"
invoice_value = "value"
"#;

/// What should happen to the row starting on a line.
#[derive(Debug, Clone, PartialEq)]
enum Want {
    Stored,
    Quarantined(&'static str, Option<&'static str>),
}

fn generate() -> (Vec<u8>, BTreeMap<u64, Want>) {
    let mut out = b"id,decl,date,hs,description,qty,net,value\n".to_vec();
    let mut want = BTreeMap::new();
    let mut line = 2u64;
    let bad_kinds = [
        "bad_number",
        "broken_quote",
        "bad_encoding",
        "short_row",
        "long_row",
        "oversized_field",
        "bad_date",
    ];
    let mut bad_seen = 0usize;
    for i in 0..1200u64 {
        let decl = format!("10012020/{:02}0325/{:07}", i % 28 + 1, i);
        let desc = if i % 4 == 0 {
            format!("\"Квадрокоптер, модель {i}\"")
        } else {
            format!("Запчасти БПЛА {i}")
        };
        let good = format!(
            "R{i},{decl},0{}.03.2025,880622{:04},{desc},{},{}.5,{}",
            i % 9 + 1,
            i,
            i % 50 + 1,
            i,
            i * 10
        );
        let (row, w): (Vec<u8>, Want) = if i % 10 == 3 {
            let kind = bad_kinds[bad_seen % bad_kinds.len()];
            bad_seen += 1;
            match kind {
                "bad_number" => (
                    format!("R{i},{decl},01.03.2025,8806,x,12;3,1,1").into_bytes(),
                    Want::Quarantined("bad_number", Some("qty")),
                ),
                "broken_quote" => (
                    format!("R{i},{decl},01.03.2025,8806,\"open quote never closed,1,1,1")
                        .into_bytes(),
                    Want::Quarantined("broken_quote", None),
                ),
                "bad_encoding" => {
                    let mut b = format!("R{i},{decl},01.03.2025,8806,").into_bytes();
                    b.extend(encoding_rs::WINDOWS_1251.encode("Квадрокоптер").0.iter());
                    b.extend(b",1,1,1");
                    (b, Want::Quarantined("bad_encoding", Some("description")))
                }
                "short_row" => (
                    format!("R{i},{decl},01.03.2025,8806,x,1").into_bytes(),
                    Want::Quarantined("short_row", None),
                ),
                "long_row" => (
                    format!("R{i},{decl},01.03.2025,8806,x,1,1,1,extra,more").into_bytes(),
                    Want::Quarantined("long_row", None),
                ),
                "oversized_field" => {
                    let size = if bad_seen == 6 { 2 << 20 } else { 70 * 1024 };
                    (
                        format!("R{i},{decl},01.03.2025,8806,{},1,1,1", "Ж".repeat(size / 2))
                            .into_bytes(),
                        Want::Quarantined("oversized_field", Some("description")),
                    )
                }
                _ => (
                    format!("R{i},{decl},31.02.2025,8806,x,1,1,1").into_bytes(),
                    Want::Quarantined("bad_date", Some("date")),
                ),
            }
        } else if i % 50 == 7 {
            // A good row with a cell spanning two lines.
            (
                format!("R{i},{decl},01.03.2025,8806,\"первая строка\nвторая, строка\",1,1,1")
                    .into_bytes(),
                Want::Stored,
            )
        } else {
            (good.into_bytes(), Want::Stored)
        };
        let spans = 1 + row.iter().filter(|&&b| b == b'\n').count() as u64;
        want.insert(line, w);
        out.extend(&row);
        out.extend(if i % 7 == 0 { &b"\r\n"[..] } else { &b"\n"[..] });
        line += spans;
        if i % 100 == 99 {
            out.extend(b"\n");
            line += 1;
        }
    }
    (out, want)
}

#[test]
fn every_row_is_accounted_for() {
    let (bytes, want) = generate();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("malformed.csv");
    std::fs::File::create(&path)
        .and_then(|mut f| f.write_all(&bytes))
        .expect("write");
    let o = IngestOptions {
        mapping: Some(Mapping::from_toml_str(MAPPING).expect("mapping")),
        batch_rows: 100,
        ..opts()
    };
    let mut sink = Collect::default();
    let r = ingest_path(&path, &o, &mut KnownRecords::new(), &mut sink, &()).expect("ingest");
    assert_adds_up(&r);
    assert_eq!(r.encoding, "UTF-8");
    assert_eq!(r.rows_read, 1200, "{r:?}");
    let stored: Vec<u64> = sink.ship_lines();
    let want_stored: Vec<u64> = want
        .iter()
        .filter(|(_, w)| **w == Want::Stored)
        .map(|(l, _)| *l)
        .collect();
    assert_eq!(stored, want_stored);
    assert!(sink.shipments.iter().all(|b| b.num_rows() <= 100));
    let got_q: Vec<(u64, String, Option<String>)> = sink
        .quarantined()
        .into_iter()
        .map(|(l, _, r, c)| (l, r, c))
        .collect();
    let want_q: Vec<(u64, String, Option<String>)> = want
        .iter()
        .filter_map(|(l, w)| match w {
            Want::Quarantined(r, c) => Some((*l, r.to_string(), c.map(str::to_owned))),
            Want::Stored => None,
        })
        .collect();
    assert_eq!(got_q, want_q);
    assert_eq!(r.quarantined, 120);
    // The 2 MB field is kept, cut at 1 MiB, in the quarantine table.
    let raws = sink.quar("raw");
    assert!(
        raws.iter()
            .flatten()
            .any(|r| r.len() <= 1 << 20 && r.len() > 1_000_000)
    );
    // The multi-line cell kept its newline.
    assert!(
        sink.ship("description")
            .iter()
            .flatten()
            .any(|d| d == "первая строка\nвторая, строка")
    );
}

#[test]
fn broken_quote_swallows_no_good_rows_until_the_bound() {
    // An open quote with 1,500 plain rows after it: the runaway record is cut at 1,000 lines and re-read line by line.
    let mut text = String::from("Shipper,Consignee,HS\n1,\"open,x\n");
    for i in 0..1500 {
        text.push_str(&format!("{i},b{i},c{i}\n"));
    }
    let mut sink = Collect::default();
    let r = tradetrail_ingest::ingest_reader(
        "q.csv",
        text.as_bytes(),
        &IngestOptions {
            profile: None,
            ..opts()
        },
        &mut KnownRecords::new(),
        &mut sink,
        &(),
    )
    .expect("ingest");
    assert_adds_up(&r);
    assert_eq!((r.rows_read, r.stored, r.quarantined), (1501, 1500, 1));
    assert_eq!(sink.quarantined()[0].0, 2);
    assert_eq!(sink.quarantined()[0].2, "broken_quote");
}
