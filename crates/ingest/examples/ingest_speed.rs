//! Measures ingest speed on a generated 25-column vendor CSV: `cargo run --release -p tradetrail-ingest --example ingest_speed [rows]`.
//!
//! Prints rows/s, MB/s and the peak resident memory, for tuning; the project's real benchmark lives elsewhere.

use std::io::{BufWriter, Write};
use std::time::Instant;

use tradetrail_ingest::{IngestOptions, KnownRecords, NullSink, ingest_path};

const HEADER: &str = "RECORD_ID,DECLARATION_NUMBER,IMP_DATE,ITEM_NO,CUSTOMS_PROCEDURE_CODE,SUPPLIER_NAME,SUPPLIER_ADDRESS,SUPPLIER_COUNTRY,IMPORTER_CODE,IMPORTER_NAME,IMPORTER_ADDRESS,TRADING_COUNTRY,DISPATCH_COUNTRY,ORIGIN_COUNTRY,BRAND,MANUFACTURER,MODEL,HS_CODE,PRODUCT_DESCRIPTION,QUANTITY,UNIT,GROSS_WEIGHT_KG,NET_WEIGHT_KG,INVOICE_VALUE,CURRENCY";

fn peak_rss_mib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(str::to_owned)
        })
        .and_then(|l| {
            l.split_whitespace()
                .nth(1)
                .and_then(|v| v.parse::<u64>().ok())
        })
        .map_or(0, |kb| kb / 1024)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let rows: u64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let dir = std::env::temp_dir().join("tradetrail-ingest-speed");
    std::fs::create_dir_all(&dir)?;
    let path = dir.join(format!("vendor_{rows}.csv"));
    if !path.exists() {
        let mut w = BufWriter::new(std::fs::File::create(&path)?);
        writeln!(w, "{HEADER}")?;
        let suppliers = [
            "SHENZHEN DJI SCIENCES AND TECHNOLOGIES LTD",
            "AUTEL ROBOTICS CO LTD",
            "ARTERY TECHNOLOGY LIMITED",
            "HONG KONG TRADING LIMITED",
        ];
        let countries = ["CN", "HK", "КИТАЙ", "TR", "AE"];
        let brands = ["DJI", "AUTEL", "NULL", "ОТСУТСТВУЕТ"];
        for i in 0..rows {
            let s = suppliers[(i % 4) as usize];
            let c = countries[(i % 5) as usize];
            writeln!(
                w,
                "R{i},1001{:04}/{:02}0324/{:07},2024-03-{:02},{},40,{s},\"SHENZHEN, GUANGDONG\",{c},77{:08},ООО \"РОМАШКА {}\",МОСКВА,{c},{c},CN,{},SZ DJI TECHNOLOGY,MAVIC {},8806{:06},КВАДРОКОПТЕР С КАМЕРОЙ И ПУЛЬТОМ,{},PCS,{}.5,{}.25,{}.75,{}",
                i % 9999,
                i % 28 + 1,
                i,
                i % 28 + 1,
                i % 30 + 1,
                i % 100_000_000,
                i % 1000,
                brands[(i % 4) as usize],
                i % 4,
                i % 1_000_000,
                i % 100 + 1,
                i % 50,
                i % 40,
                i * 3 % 100_000,
                if i % 3 == 0 { "USD" } else { "CNY" },
            )?;
        }
        w.flush()?;
    }
    let size = std::fs::metadata(&path)?.len();
    let opts = IngestOptions {
        dataset: "speed".into(),
        ingest_id: "speed".into(),
        ..Default::default()
    };
    let start = Instant::now();
    let report = ingest_path(&path, &opts, &mut KnownRecords::new(), &mut NullSink, &())?;
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{} rows ({} stored, {} quarantined, {} duplicates), {:.1} MB in {:.2} s: {:.0} rows/s, {:.1} MB/s, peak RSS {} MiB, {} threads",
        report.rows_read,
        report.stored,
        report.quarantined,
        report.duplicates,
        size as f64 / 1e6,
        secs,
        report.rows_read as f64 / secs,
        size as f64 / 1e6 / secs,
        peak_rss_mib(),
        rayon::current_num_threads(),
    );
    Ok(())
}
