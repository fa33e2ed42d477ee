//! JSON Lines, Parquet, XLSX, UTF-16, BOM and TSV inputs, plus whole-file errors.

use std::sync::Arc;

use arrow::array::{ArrayRef, Date32Array, Float64Array, Int64Array, RecordBatch, StringArray};
use tradetrail_ingest::{
    Error, Format, IngestOptions, KnownRecords, Mapping, dry_run, ingest_path, ingest_reader,
};

use crate::common::{Collect, assert_adds_up, opts};

fn ingest_str(
    name: &str,
    text: &[u8],
    o: &IngestOptions,
) -> (tradetrail_ingest::FileReport, Collect) {
    let mut sink = Collect::default();
    let r = ingest_reader(name, text, o, &mut KnownRecords::new(), &mut sink, &()).expect("ingest");
    assert_adds_up(&r);
    (r, sink)
}

#[test]
fn json_lines() {
    let text = concat!(
        "{\"Shipper\":\"DJI\",\"HS\":\"8806221000\",\"Qty\":2,\"meta\":{\"a\":1}}\n",
        "\n",
        "[1,2,3]\n",
        "{\"HS\":\"8806\",\"Shipper\":null,\"Consignee\":\"ООО А\"}\n",
        "not json\n",
    );
    let (r, sink) = ingest_str("x.jsonl", text.as_bytes(), &opts());
    assert_eq!(r.format, Format::JsonLines);
    assert_eq!((r.rows_read, r.stored, r.quarantined), (4, 2, 2));
    assert_eq!(sink.ship("sender_name"), vec![Some("DJI".into()), None]);
    assert_eq!(
        sink.ship("recipient_name"),
        vec![None, Some("ООО А".into())]
    );
    assert_eq!(sink.ship_lines(), vec![1, 4]);
    let q = sink.quarantined();
    assert_eq!((q[0].0, q[0].2.as_str()), (3, "bad_json"));
    assert_eq!((q[1].0, q[1].2.as_str()), (5, "bad_json"));
    assert!(r.unmapped.contains(&"meta".to_owned()));
}

#[test]
fn utf16_and_bom_inputs() {
    let text = "Отправитель;Код ТН ВЭД;Количество\r\nООО Ромашка;8806221000;12,5\r\n";
    let mut le = vec![0xFF, 0xFE];
    le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let mut be = vec![0xFE, 0xFF];
    be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    let le_nobom: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let mut bom8 = b"\xEF\xBB\xBF".to_vec();
    bom8.extend(text.as_bytes());
    for (bytes, enc) in [
        (le, "UTF-16LE"),
        (be, "UTF-16BE"),
        (le_nobom, "UTF-16LE"),
        (bom8, "UTF-8"),
    ] {
        let (r, sink) = ingest_str("x.csv", &bytes, &opts());
        assert_eq!(r.encoding, enc);
        assert_eq!(r.stored, 1, "{enc}");
        assert_eq!(
            sink.ship("sender_name"),
            vec![Some("ООО Ромашка".into())],
            "{enc}"
        );
        assert_eq!(
            sink.ship("quantity_raw"),
            vec![Some("12,5".into())],
            "{enc}"
        );
        assert_eq!(sink.ship_lines(), vec![2], "{enc}");
    }
}

#[test]
fn tsv_pipes_and_header_row() {
    let (r, sink) = ingest_str("x.tsv", b"Shipper\tHS\nDJI\t8806\n", &opts());
    assert_eq!((r.format, r.stored), (Format::Tsv, 1));
    assert_eq!(sink.ship("hs_code"), vec![Some("8806".into())]);
    let (r, _) = ingest_str("x.txt", b"Shipper|HS\nDJI|8806\n", &opts());
    assert_eq!(r.stored, 1);
    let m =
        Mapping::from_toml_str("[file]\nheader_row = 3\n[columns]\nsender_name = \"Shipper\"\n")
            .expect("mapping");
    let o = IngestOptions {
        mapping: Some(m),
        ..opts()
    };
    let (r, sink) = ingest_str(
        "x.csv",
        b"Report, March\nmade by vendor, 2025\nShipper,HS\nDJI,8806\n",
        &o,
    );
    assert_eq!(r.stored, 1);
    assert_eq!(sink.ship_lines(), vec![4]);
}

#[test]
fn parquet_columns_become_text() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("x.parquet");
    let cols: Vec<(&str, ArrayRef)> = vec![
        (
            "declaration_number",
            Arc::new(StringArray::from(vec![
                Some("10012020/310325/5016594"),
                None,
            ])),
        ),
        (
            "declaration_date",
            Arc::new(Date32Array::from(vec![Some(20_178), None])),
        ),
        (
            "hs_code",
            Arc::new(Int64Array::from(vec![Some(8_806_221_000), Some(850_760)])),
        ),
        (
            "quantity",
            Arc::new(Float64Array::from(vec![Some(12.0), Some(0.5)])),
        ),
        (
            "sender_name",
            Arc::new(StringArray::from(vec![Some("DJI"), Some("X")])),
        ),
    ];
    let batch = RecordBatch::try_from_iter(cols).expect("batch");
    let file = std::fs::File::create(&path).expect("create");
    let mut w = parquet::arrow::ArrowWriter::try_new(file, batch.schema(), None).expect("writer");
    w.write(&batch).expect("write");
    w.close().expect("close");
    let mut sink = Collect::default();
    let r = ingest_path(&path, &opts(), &mut KnownRecords::new(), &mut sink, &()).expect("ingest");
    assert_adds_up(&r);
    assert_eq!(
        (r.format, r.stored, r.profile.as_str()),
        (Format::Parquet, 2, "canonical")
    );
    assert_eq!(
        sink.ship("quantity_raw"),
        vec![Some("12".into()), Some("0.5".into())]
    );
    assert_eq!(
        sink.ship("hs6"),
        vec![Some("880622".into()), Some("850760".into())]
    );
    assert_eq!(
        sink.ship("declaration_date_raw"),
        vec![Some("2025-03-31".into()), None]
    );
    assert_eq!(sink.ship_lines(), vec![1, 2]);
}

#[test]
fn xlsx_first_sheet_dates_and_numbers() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("x.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    let date = rust_xlsxwriter::Format::new().set_num_format("dd.mm.yyyy");
    ws.write_string(0, 0, "Выгрузка за март").expect("cell");
    for (c, h) in [
        "Номер ДТ",
        "Дата ДТ",
        "Код ТН ВЭД",
        "Количество",
        "Отправитель",
        "Получатель",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(2, c as u16, *h).expect("cell");
    }
    ws.write_string(3, 0, "10012020/310325/5016594")
        .expect("cell");
    ws.write_number_with_format(3, 1, 45747.0, &date)
        .expect("cell");
    ws.write_number(3, 2, 8_806_221_000.0).expect("cell");
    ws.write_number(3, 3, 12.0).expect("cell");
    ws.write_string(3, 4, "DJI").expect("cell");
    ws.write_string(3, 5, "ООО А").expect("cell");
    ws.write_string(4, 0, "10012020/310325/5016595")
        .expect("cell");
    ws.write_number(4, 1, 45748.0).expect("cell");
    ws.write_number(4, 2, 850_760.0).expect("cell");
    ws.write_number(4, 3, 2.5).expect("cell");
    wb.save(&path).expect("save");
    let mut sink = Collect::default();
    let r = ingest_path(&path, &opts(), &mut KnownRecords::new(), &mut sink, &()).expect("ingest");
    assert_adds_up(&r);
    assert_eq!((r.format, r.stored), (Format::Xlsx, 2));
    assert_eq!(
        sink.ship("declaration_date_raw"),
        vec![Some("2025-03-31".into()), Some("2025-04-01".into())]
    );
    assert_eq!(
        sink.ship("hs_code_raw"),
        vec![Some("8806221000".into()), Some("850760".into())]
    );
    assert_eq!(
        sink.ship("quantity_raw"),
        vec![Some("12".into()), Some("2.5".into())]
    );
    assert_eq!(sink.ship_lines(), vec![4, 5]);
}

#[test]
fn whole_file_errors_name_the_thing() {
    let e = ingest_reader(
        "x.csv",
        &b""[..],
        &opts(),
        &mut KnownRecords::new(),
        &mut Collect::default(),
        &(),
    )
    .unwrap_err();
    assert!(
        matches!(e, Error::NoHeader { .. }) && e.to_string().contains("x.csv"),
        "{e}"
    );
    let o = IngestOptions {
        profile: Some("nope".into()),
        ..opts()
    };
    let e = ingest_reader(
        "x.csv",
        &b"a\n"[..],
        &o,
        &mut KnownRecords::new(),
        &mut Collect::default(),
        &(),
    )
    .unwrap_err();
    assert!(e.to_string().contains("nope"), "{e}");
    let e = dry_run(std::path::Path::new("/nonexistent/file.csv"), &opts(), 5).unwrap_err();
    assert!(e.to_string().contains("/nonexistent/file.csv"), "{e}");
    let dir = tempfile::tempdir().expect("temp dir");
    let bad = dir.path().join("bad.xlsx");
    std::fs::write(&bad, b"not a zip").expect("write");
    let e = dry_run(&bad, &opts(), 5).unwrap_err();
    assert!(
        matches!(e, Error::Spreadsheet { .. }) && e.to_string().contains("bad.xlsx"),
        "{e}"
    );
}

#[test]
fn duplicates_within_and_across_files() {
    let text = b"Shipper,HS\nDJI,8806\nDJI,8806\nAutel,8806\n";
    let mut known = KnownRecords::new();
    let r = ingest_reader(
        "a.csv",
        &text[..],
        &opts(),
        &mut known,
        &mut Collect::default(),
        &(),
    )
    .expect("ingest");
    assert_eq!((r.stored, r.duplicates), (2, 1));
    let r = ingest_reader(
        "b.csv",
        &text[..],
        &opts(),
        &mut known,
        &mut Collect::default(),
        &(),
    )
    .expect("ingest");
    assert_eq!((r.stored, r.duplicates), (0, 3));
    // Another dataset hashes differently.
    let o = IngestOptions {
        dataset: "other".into(),
        ..opts()
    };
    let r = ingest_reader(
        "b.csv",
        &text[..],
        &o,
        &mut known,
        &mut Collect::default(),
        &(),
    )
    .expect("ingest");
    assert_eq!(r.stored, 2);
}

#[test]
fn values_and_defaults() {
    let text = "Номер ДТ;Дата ДТ;Направление;Фактурная стоимость;Валюта;Страна происхождения;Код ТН ВЭД;Товарный знак\n\
                10012020/310325/5016594;;ЭК;1 000,50;EUR;Китай;85076;ОТСУТСТВУЕТ\n";
    let o = IngestOptions {
        reporting_country: Some("KZ".into()),
        licence: Some("CC-BY".into()),
        ..opts()
    };
    let (r, sink) = ingest_str("x.csv", text.as_bytes(), &o);
    assert_eq!(r.stored, 1, "{r:?}");
    assert_eq!(sink.ship("direction"), vec![Some("export".into())]);
    assert_eq!(sink.ship("reporting_country"), vec![Some("KZ".into())]);
    assert_eq!(sink.ship("licence"), vec![Some("CC-BY".into())]);
    assert_eq!(sink.ship("origin_country"), vec![Some("CN".into())]);
    assert_eq!(sink.ship("hs_code"), vec![Some("085076".into())]);
    assert_eq!(sink.ship("brand"), vec![None]);
    assert_eq!(
        sink.ship("value_usd_source"),
        vec![Some("invoice_fx".into())]
    );
    assert_eq!(
        sink.ship("record_id")[0].as_ref().map(String::len),
        Some(16)
    );
}

/// Inputs the fuzzers once crashed on: each must give a result or a whole-file error naming the file, never a panic.
#[test]
fn fuzz_crashes_stay_fixed() {
    for file in [
        // A Parquet footer whose embedded Arrow schema (ARROW:schema) is malformed: the parquet crate panicked decoding it.
        "bad_arrow_schema.parquet",
        // A Parquet page whose RLE run overruns its buffer: the decoder asserted.
        "corrupt_rle_page.parquet",
        // An XLSX sheet whose cell reference overflows calamine's column arithmetic.
        "bad_cell_reference.xlsx",
    ] {
        let r = tradetrail_ingest::ingest_path(
            &crate::common::data(&format!("fuzz/{file}")),
            &crate::common::opts(),
            &mut tradetrail_ingest::KnownRecords::new(),
            &mut crate::common::Collect::default(),
            &(),
        );
        match r {
            Ok(r) => crate::common::assert_adds_up(&r),
            Err(e) => assert!(e.to_string().contains(file), "{e}"),
        }
    }
}
