//! The web UI in a real browser: headless Chromium, driven through chromedriver, searches for a party, opens its trade graph and expands a node, confirms a finding, reloads and sees the judgement kept; screenshots are kept as test artifacts.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

use crate::web::{Server, try_get, workspace};

fn chromedriver() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("TRADETRAIL_CHROMEDRIVER") {
        return Some(PathBuf::from(p));
    }
    ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
}

struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        self.0.kill().ok();
        self.0.wait().ok();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn start_driver(path: &Path) -> (Driver, String) {
    let port = free_port();
    // Owned by the guard before the first wait, so a failed start still stops it.
    let driver = Driver(
        Command::new(path)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts"),
    );
    let url = format!("http://127.0.0.1:{port}");
    let started = Instant::now();
    while try_get(&format!("{url}/status"), None).is_none_or(|r| r.0 != 200) {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "chromedriver did not start"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    (driver, url)
}

fn artifacts() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("artifacts");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

async fn shot(c: &Client, name: &str) {
    let png = c.screenshot().await.expect("a screenshot");
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 10_000,
        "a real screenshot"
    );
    let path = artifacts().join(name);
    std::fs::write(&path, png).unwrap();
    eprintln!("screenshot kept at {}", path.display());
}

async fn attr(c: &Client, css: &str, name: &str) -> Option<String> {
    c.find(Locator::Css(css))
        .await
        .ok()?
        .attr(name)
        .await
        .ok()?
}

/// Waits until `css`'s attribute `name` satisfies `ok`.
async fn wait_attr(c: &Client, css: &str, name: &str, ok: impl Fn(&str) -> bool) -> String {
    let started = Instant::now();
    loop {
        if let Some(v) = attr(c, css, name).await
            && ok(&v)
        {
            return v;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "{css}[{name}] never became ready"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[test]
fn main_flow_in_headless_chromium() {
    let Some(driver) = chromedriver() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install Debian's chromium-driver (see .ci/run)"
        );
        eprintln!(
            "SKIPPED: web UI browser test: no chromedriver on this machine (apt-get install chromium-driver)"
        );
        return;
    };
    let ws = workspace();
    let server = Server::start(ws.path(), &[]);
    let party = crate::web::json_get(&format!(
        "{}/api/query?sql=SELECT%20canonical_name%2C%20entity_id%20FROM%20entities%20ORDER%20BY%20lines%20DESC%2C%20entity_id%20LIMIT%201",
        server.base
    ));
    let name = party["rows"][0]["canonical_name"]
        .as_str()
        .unwrap()
        .to_string();
    let (_driver, url) = start_driver(&driver);
    let profile = tempfile::tempdir().unwrap();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let caps = json!({
            "goog:chromeOptions": {
                "binary": std::env::var("TRADETRAIL_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()),
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--window-size=1400,1000", format!("--user-data-dir={}", profile.path().display()),
                ],
            }
        });
        let caps = caps.as_object().unwrap().clone();
        let c = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps)
            .connect(&url)
            .await
            .expect("a WebDriver session");
        let base = &server.base;

        // Search for the party and open its page.
        c.goto(&format!("{base}/#/search")).await.unwrap();
        let q = c.wait().for_element(Locator::Css("#q")).await.unwrap();
        q.send_keys(&name).await.unwrap();
        c.find(Locator::Css("#search-button")).await.unwrap().click().await.unwrap();
        let link = c.wait().for_element(Locator::Css("#entities a.entity-link")).await.unwrap();
        assert_eq!(link.text().await.unwrap(), name);
        shot(&c, "web-search.png").await;
        link.click().await.unwrap();
        let title = c.wait().for_element(Locator::Css("#entity-name")).await.unwrap();
        assert_eq!(title.text().await.unwrap(), name);
        wait_attr(&c, "#timeline", "data-drawn", |v| v == "true").await;
        shot(&c, "web-entity.png").await;

        // Its trade graph: expand neighbours until one brings new entities.
        c.find(Locator::Css("#open-graph")).await.unwrap().click().await.unwrap();
        let first: usize = wait_attr(&c, "#cy", "data-nodes", |v| v.parse::<usize>().is_ok_and(|n| n > 1)).await.parse().unwrap();
        let mut grown = false;
        for _ in 0..8 {
            let Ok(button) = c.find(Locator::Css("#graph-nodes button.expand")).await else { break };
            let before: usize = attr(&c, "#cy", "data-nodes").await.unwrap().parse().unwrap();
            let expanded = c.find_all(Locator::Css("#graph-nodes li.expanded")).await.unwrap().len();
            button.click().await.unwrap();
            let started = Instant::now();
            while c.find_all(Locator::Css("#graph-nodes li.expanded")).await.unwrap().len() == expanded {
                assert!(started.elapsed() < Duration::from_secs(30), "the node was never expanded");
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            let after: usize = attr(&c, "#cy", "data-nodes").await.unwrap().parse().unwrap();
            if after > before {
                grown = true;
                break;
            }
        }
        assert!(grown, "expanding a neighbour of the busiest party adds entities to the graph (started with {first})");
        shot(&c, "web-graph.png").await;

        // The findings queue: open the strongest open finding and confirm it.
        c.goto(&format!("{base}/#/findings?status=open")).await.unwrap();
        let finding = c.wait().for_element(Locator::Css("#findings a.finding-link")).await.unwrap();
        finding.click().await.unwrap();
        let confirm = c.wait().for_element(Locator::Css("#confirm")).await.unwrap();
        assert_eq!(attr(&c, "#status", "data-status").await.as_deref(), Some("open"));
        let finding_url = c.current_url().await.unwrap().to_string();
        confirm.click().await.unwrap();
        wait_attr(&c, "#status", "data-status", |v| v == "confirmed").await;
        shot(&c, "web-finding-confirmed.png").await;

        // Reload: the judgement is read back from judgements.sqlite.
        c.refresh().await.unwrap();
        wait_attr(&c, "#status", "data-status", |v| v == "confirmed").await;
        assert_eq!(c.current_url().await.unwrap().to_string(), finding_url);
        let rows = c.find_all(Locator::Css("#judgements tbody tr")).await.unwrap();
        assert_eq!(rows.len(), 1, "one judgement in the history");
        shot(&c, "web-finding-reloaded.png").await;

        // The report view draws the route Sankey.
        c.goto(&format!("{base}/#/report")).await.unwrap();
        c.wait().for_element(Locator::Css("#headline")).await.unwrap();
        wait_attr(&c, "#sankey", "data-drawn", |v| v == "true").await;
        let sections = c.find_all(Locator::Css("section.report-section")).await.unwrap();
        assert!(sections.len() >= 5, "the report's sections are drawn");
        let text = c.find(Locator::Css("main")).await.unwrap().text().await.unwrap();
        assert!(!text.contains("[object"), "no object is printed as text");
        shot(&c, "web-report.png").await;
        c.close().await.unwrap();
    });
    let audit = crate::web::json_get(&format!("{}/api/audit?kind=finding", server.base));
    assert_eq!(audit["entries"].as_array().unwrap().len(), 1);
    assert_eq!(audit["entries"][0]["after"], "confirmed");
}
