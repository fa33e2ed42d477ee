//! `tradetrail report` through the binary: the demo writes it, its headline equals direct queries over the same store, and headless Chromium draws its charts.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{ok, tradetrail};

/// The first row of `tradetrail query` as CSV cells.
fn row(home: &Path, sql: &str) -> Vec<String> {
    let out = ok(home, &["query", "--output", "csv", sql]);
    let mut lines = out.lines();
    lines.next().expect("a header");
    lines
        .next()
        .unwrap_or_else(|| panic!("no row for {sql}"))
        .split(',')
        .map(|c| c.trim_matches('"').to_owned())
        .collect()
}

fn number(home: &Path, sql: &str) -> f64 {
    let cells = row(home, sql);
    cells[0]
        .parse()
        .unwrap_or_else(|_| panic!("not a number: {cells:?}"))
}

/// The goods in scope, written independently of the report's own view.
const SCOPE: &str = "FROM shipments s, classifications c WHERE s.record_id = c.record_id \
    AND c.category IN ('drone', 'drone_part') AND s.declaration_date >= DATE '2022-02-24' \
    AND ((s.reporting_country = 'RU' AND s.direction = 'import') OR s.destination_country = 'RU')";

#[test]
fn the_demo_report_headline_equals_direct_queries() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path();
    let demo = ok(home, &["demo", "--lines", "8000"]);
    assert!(demo.contains("9. wrote the report"), "{demo}");
    let folder = home.join("reports/drones-to-ru-since-2022-02-24");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(folder.join("report.json")).unwrap())
            .unwrap();
    let h = &json["headline"];
    let text = h["text"].as_str().unwrap();
    assert!(
        demo.contains(text),
        "the demo prints the headline {text:?}: {demo}"
    );

    let total = number(home, &format!("SELECT SUM(s.value_usd) {SCOPE}"));
    assert!(total > 0.0);
    assert!((h["value_usd"].as_f64().unwrap() - total).abs() < 0.01 * 2.0);
    let lines = number(home, &format!("SELECT COUNT(*) {SCOPE}"));
    assert_eq!(h["lines"].as_f64().unwrap(), lines);
    let models = number(
        home,
        &format!("SELECT COUNT(DISTINCT c.model) {SCOPE} AND c.model IS NOT NULL"),
    );
    assert_eq!(h["models"].as_f64().unwrap(), models);
    let exporters = number(
        home,
        &format!("SELECT COUNT(DISTINCT p.entity_id) {SCOPE} AND p.record_id = s.record_id AND p.role = 'sender'")
            .replace("FROM shipments s, classifications c", "FROM shipments s, classifications c, party_mentions p"),
    );
    assert_eq!(h["exporters"].as_f64().unwrap(), exporters);

    // The brands: the top one's share and the second one's value and last month.
    let brands = ok(
        home,
        &[
            "query",
            "--output",
            "csv",
            &format!(
                "SELECT COALESCE(c.brand, '(no brand)') AS b, SUM(s.value_usd) AS v, CAST(MAX(s.declaration_date) AS VARCHAR) AS last \
                 {SCOPE} GROUP BY 1 ORDER BY v DESC, b LIMIT 2"
            ),
        ],
    );
    let brands: Vec<Vec<&str>> = brands
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect())
        .collect();
    let top = &h["top_brand"];
    assert_eq!(top[0], brands[0][0]);
    let share = 100.0 * brands[0][1].parse::<f64>().unwrap() / total;
    assert!(
        (top[1].as_f64().unwrap() - share).abs() < 0.01,
        "{top} vs {share}"
    );
    let second = &h["second_brand"];
    assert_eq!(second[0], brands[1][0]);
    assert!((second[1].as_f64().unwrap() - brands[1][1].parse::<f64>().unwrap()).abs() < 0.02);
    assert_eq!(second[2], &brands[1][2][..7]);
    assert!(
        text.contains(&format!("{} {:.0}%", brands[0][0], share)),
        "{text}"
    );

    // Every SQL section reruns through `tradetrail query` to the same first row.
    for s in json["sections"].as_array().unwrap() {
        if s["query"]["kind"] == "sql" && !s["table"]["rows"].as_array().unwrap().is_empty() {
            let out = ok(
                home,
                &[
                    "query",
                    "--output",
                    "csv",
                    s["query"]["text"].as_str().unwrap(),
                ],
            );
            let rows = out.lines().count() - 1;
            assert_eq!(
                rows,
                s["table"]["rows"].as_array().unwrap().len(),
                "{}",
                s["id"]
            );
        }
    }
    let md = std::fs::read_to_string(folder.join("report.md")).unwrap();
    assert!(md.contains(text) && md.contains("## What the data cannot show"));

    // A narrower report through the command; a bad scope is refused with a clear message.
    let out = home.join("parts");
    let printed = ok(
        home,
        &[
            "report",
            "--goods",
            "drone_part",
            "--to",
            "ru",
            "--since",
            "2022-02-24",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(
        printed.contains("drone parts to RU since 2022-02-24"),
        "{printed}"
    );
    assert!(out.join("report.html").exists());
    let bad = tradetrail(home, &["report", "--to", "RUS"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("ISO 3166 alpha-2"));
    let bad = tradetrail(home, &["report", "--since", "2022-13-01"]);
    assert!(String::from_utf8_lossy(&bad.stderr).contains("expected an ISO date"));

    render_in_chromium(&folder.join("report.html"));
}

/// The browser: `TRADETRAIL_CHROMIUM`, else Debian's `chromium` on the PATH.
fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("TRADETRAIL_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
}

fn chromium_command(browser: &Path, profile: &Path) -> Command {
    let mut c = Command::new(browser);
    c.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        "--virtual-time-budget=15000",
    ])
    .arg(format!("--user-data-dir={}", profile.display()));
    c
}

/// Renders the page headless, checks every chart element was drawn as SVG, and keeps a screenshot.
fn render_in_chromium(page: &Path) {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install Debian's chromium (see .ci/run)"
        );
        eprintln!(
            "SKIPPED: headless Chromium check of the HTML report: no chromium on this machine (apt-get install chromium)"
        );
        return;
    };
    let html = std::fs::read_to_string(page).unwrap();
    let charts = html.matches("data-chart=\"").count();
    assert_eq!(charts, 3, "the page asks for three charts");
    let profile = tempfile::tempdir().unwrap();
    let url = format!("file://{}", page.display());
    let dom = chromium_command(&browser, profile.path())
        .arg("--dump-dom")
        .arg(&url)
        .output()
        .expect("chromium runs");
    let dom = String::from_utf8_lossy(&dom.stdout);
    let artifacts = Path::new(env!("CARGO_TARGET_TMPDIR")).join("artifacts");
    std::fs::create_dir_all(&artifacts).unwrap();
    std::fs::write(artifacts.join("report.dom.html"), dom.as_bytes()).unwrap();
    assert!(
        dom.contains(&format!("data-charts-drawn=\"{charts}\"")),
        "every chart reported drawn: {}",
        dom.get(..2000).unwrap_or(&dom)
    );
    assert_eq!(dom.matches("data-drawn=\"true\"").count(), charts);
    assert!(dom.matches("<svg").count() >= charts, "charts are SVG");
    assert!(dom.matches("<path").count() > 50, "the charts have marks");

    let shot = artifacts.join("report.png");
    let _ = std::fs::remove_file(&shot);
    let status = chromium_command(&browser, profile.path())
        .arg("--window-size=1280,2600")
        .arg(format!("--screenshot={}", shot.display()))
        .arg(&url)
        .output()
        .expect("chromium runs");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let png = std::fs::read(&shot).expect("a screenshot");
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 50_000,
        "a real screenshot"
    );
    eprintln!("screenshot of the report kept at {}", shot.display());
}
