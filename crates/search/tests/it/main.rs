//! Integration tests of the search index over a small hand-written workspace: morphology, scripts, filters, ranking, rebuilds and interrupted builds.

mod filters;
mod lifecycle;
mod matching;

use std::path::Path;

use tradetrail_model::{LineClass, LineClassBatchBuilder, ShipmentBatchBuilder, ShipmentLine};
use tradetrail_search::{BuildOptions, Filters, SearchIndex, ensure};
use tradetrail_store::{ImportSpec, IngestCounts, IngestSource, Table, Workspace};

/// One fixture line: id, date, description, HS code, sender, recipient, origin country, value.
pub struct Row {
    pub id: &'static str,
    pub date: &'static str,
    pub description: &'static str,
    pub hs: &'static str,
    pub sender: &'static str,
    pub recipient: &'static str,
    pub origin: &'static str,
    pub value: f64,
    pub category: &'static str,
}

/// The lines of the first ingest.
pub const ROWS: &[Row] = &[
    row(
        "r01",
        "2023-03-01",
        "КВАДРОКОПТЕР MAVIC 3 CLASSIC, В КОМПЛЕКТЕ",
        "8806221000",
        "SZ DJI TECHNOLOGY CO LTD",
        "ООО \"ЛЕГИОН\"",
        "CN",
        2100.0,
        "drone",
    ),
    row(
        "r02",
        "2023-04-15",
        "КВАДРОКОПТЕРЫ DJI МАВИК 3 ПРО С ПУЛЬТОМ",
        "8806229000",
        "HONG KONG SKY TRADING LTD",
        "ООО \"АЛЬФА-ТРЕЙД\"",
        "CN",
        5400.0,
        "drone",
    ),
    row(
        "r03",
        "2022-01-10",
        "ЗАПАСНЫЕ ЧАСТИ ДЛЯ КВАДРОКОПТЕРА: ПРОПЕЛЛЕРЫ",
        "8807300000",
        "SZ DJI TECHNOLOGY CO LTD",
        "ООО \"ЛЕГИОН\"",
        "CN",
        120.0,
        "drone_part",
    ),
    row(
        "r04",
        "2023-06-01",
        "大疆御3无人机 DJI MAVIC 3",
        "8806221000",
        "深圳市大疆创新科技有限公司",
        "ТОО \"КАЗ ДРОН\"",
        "CN",
        1900.0,
        "drone",
    ),
    row(
        "r05",
        "2023-07-07",
        "UNMANNED AERIAL VEHICLE DJI MATRICE 30T WITH BATTERIES",
        "8806229000",
        "ALFA ELECTRONICS FZE",
        "ООО \"ЛЕГИОН\"",
        "AE",
        9800.0,
        "drone",
    ),
    row(
        "r06",
        "2023-08-20",
        "РУЧНОЙ СТАБИЛИЗАТОР DJI OSMO MOBILE 6",
        "8529909700",
        "SZ DJI TECHNOLOGY CO LTD",
        "ООО \"ФОТОМИР\"",
        "CN",
        150.0,
        "other",
    ),
    row(
        "r07",
        "2021-05-05",
        "МИКРОСХЕМЫ ИНТЕГРАЛЬНЫЕ ПРОЦЕССОРЫ",
        "8542310000",
        "TEXAS COMPONENTS GMBH",
        "АО \"ЭЛЕКТРОН\"",
        "DE",
        700.0,
        "component",
    ),
    row(
        "r08",
        "2023-09-09",
        "ИГРУШКА ВЕРТОЛЕТ НА РАДИОУПРАВЛЕНИИ",
        "9503007500",
        "YIWU TOYS CO",
        "ИП ИВАНОВ",
        "CN",
        30.0,
        "other",
    ),
    row(
        "r09",
        "2023-10-10",
        "квадрокоптер",
        "8806100000",
        "ШЭНЬЧЖЭНЬ ДЖИ АЙ",
        "ООО \"ЛЕГИОН\"",
        "TR",
        800.0,
        "drone",
    ),
];

#[allow(clippy::too_many_arguments)]
const fn row(
    id: &'static str,
    date: &'static str,
    description: &'static str,
    hs: &'static str,
    sender: &'static str,
    recipient: &'static str,
    origin: &'static str,
    value: f64,
    category: &'static str,
) -> Row {
    Row {
        id,
        date,
        description,
        hs,
        sender,
        recipient,
        origin,
        value,
        category,
    }
}

fn line(r: &Row, ingest: &str) -> ShipmentLine {
    ShipmentLine {
        record_id: r.id.into(),
        dataset: "fixture".into(),
        source_file: "fixture.csv".into(),
        source_line: 2,
        ingest_id: ingest.into(),
        declaration_date: tradetrail_search::iso_to_days(r.date),
        description: Some(r.description.into()),
        hs_code: Some(r.hs.into()),
        hs6: Some(r.hs[..6].into()),
        sender_name: Some(r.sender.into()),
        recipient_name: Some(r.recipient.into()),
        origin_country: Some(r.origin.into()),
        destination_country: Some(
            if r.recipient.starts_with("ТОО") {
                "KZ"
            } else {
                "RU"
            }
            .into(),
        ),
        value_usd: Some(r.value),
        ..Default::default()
    }
}

/// Commits `rows` as one ingest named by `digest`.
pub fn ingest(ws: &mut Workspace, digest: &str, rows: &[Row]) {
    let source = IngestSource {
        dataset: "fixture".into(),
        source_file: format!("{digest}.csv"),
        digest: digest.into(),
        bytes: 1,
        licence: None,
    };
    let mut txn = ws.begin_ingest(source).unwrap().expect("a new file");
    let id = txn.ingest_id().to_owned();
    let mut b = ShipmentBatchBuilder::default();
    rows.iter().for_each(|r| b.push(&line(r, &id)));
    txn.write_shipments(&b.finish()).unwrap();
    txn.commit(IngestCounts::default()).unwrap();
    ws.reload().unwrap();
}

/// Commits a `classifications` table giving each row its fixture category.
pub fn classify(ws: &mut Workspace, rows: &[Row], digest: &str) {
    let spec = ImportSpec {
        kind: "derived".into(),
        name: "classifications".into(),
        format: "fixture".into(),
        source: "shipments".into(),
        digest: digest.into(),
        version: None,
    };
    let mut txn = ws.begin_import(spec).unwrap().expect("a new state");
    let mut b = LineClassBatchBuilder::default();
    for r in rows {
        b.push(&LineClass {
            record_id: r.id.into(),
            category: r.category.into(),
            evidence: "[]".into(),
            ..Default::default()
        });
    }
    txn.write(Table::Classifications, &b.finish()).unwrap();
    txn.commit().unwrap();
    ws.reload().unwrap();
}

/// A workspace holding [`ROWS`] and their classifications.
pub fn workspace(dir: &Path) -> Workspace {
    let mut ws = Workspace::open(dir).unwrap();
    ingest(&mut ws, "first", ROWS);
    classify(&mut ws, ROWS, "c1");
    ws
}

/// Opens (building when needed) the index.
pub fn index(ws: &Workspace) -> SearchIndex {
    ensure(ws, &BuildOptions::default()).unwrap().0
}

/// Record ids found for `query` under `filters`, best first.
pub fn ids(index: &SearchIndex, query: &str, filters: &Filters) -> Vec<String> {
    index
        .search(query, filters, 20)
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.record_id)
        .collect()
}

/// Sorted record ids, for checks that do not depend on ranking.
pub fn set(index: &SearchIndex, query: &str, filters: &Filters) -> Vec<String> {
    let mut v = ids(index, query, filters);
    v.sort();
    v
}
