//! The investigation workspace end to end: `tradetrail serve` over a demo workspace, its API's authentication, roles, input checks and concurrent judgements, and the web UI driven in headless Chromium.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;

use serde_json::{Value, json};

use crate::urlencode;

/// The binary under test: `TRADETRAIL_BIN` when set (the uplifted `target/debug/tradetrail` is shared by every checkout using the same target folder), else Cargo's.
pub fn bin() -> PathBuf {
    std::env::var_os("TRADETRAIL_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_tradetrail")))
}

/// A demo workspace built once per test run; each test works on its own copy.
fn template() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let out = Command::new(bin())
            .arg("--home")
            .arg(dir.path())
            .args(["demo", "--lines", "6000"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        dir
    })
    .path()
}

/// A fresh copy of the demo workspace.
pub fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let status = Command::new("cp")
        .arg("-a")
        .arg(format!("{}/.", template().display()))
        .arg(dir.path())
        .status()
        .unwrap();
    assert!(status.success());
    dir
}

/// A running `tradetrail serve`, stopped on drop; stderr is kept in a file.
pub struct Server {
    child: Child,
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    stderr: PathBuf,
}

impl Server {
    pub fn start(home: &Path, extra: &[&str]) -> Server {
        let stderr = home.join("serve.stderr");
        let mut child = Command::new(bin())
            .arg("--home")
            .arg(home)
            .args(["serve", "--bind", "127.0.0.1:0"])
            .args(extra)
            .env_remove("TRADETRAIL_TOKEN")
            .env("TRADETRAIL_ANALYST", "local-analyst")
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(&stderr).unwrap())
            .spawn()
            .expect("tradetrail serve starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let base = line
            .split_whitespace()
            .nth(2)
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .to_string();
        Server {
            child,
            base,
            stderr,
        }
    }

    pub fn stderr(&self) -> String {
        std::fs::read_to_string(&self.stderr).unwrap_or_default()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into()
}

/// GET with an optional token: status and body, or `None` when nothing listens.
pub fn try_get(url: &str, token: Option<&str>) -> Option<(u16, String)> {
    let mut req = agent().get(url);
    if let Some(t) = token {
        req = req.header("Authorization", &format!("Bearer {t}"));
    }
    let mut resp = req.call().ok()?;
    let status = resp.status().as_u16();
    Some((status, resp.body_mut().read_to_string().unwrap_or_default()))
}

/// GET with an optional token: status and body.
pub fn get(url: &str, token: Option<&str>) -> (u16, String) {
    try_get(url, token).expect("the server answers")
}

/// POST a JSON body with an optional token: status and body as JSON (or the text in a string).
pub fn post(url: &str, token: Option<&str>, body: &str) -> (u16, Value) {
    let mut req = agent().post(url).header("Content-Type", "application/json");
    if let Some(t) = token {
        req = req.header("Authorization", &format!("Bearer {t}"));
    }
    let mut resp = req.send(body).expect("the server answers");
    let status = resp.status().as_u16();
    let text = resp.body_mut().read_to_string().unwrap_or_default();
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

/// GET without a token, asserting 200, as JSON.
pub fn json_get(url: &str) -> Value {
    json_of(get(url, None))
}

fn json_of(r: (u16, String)) -> Value {
    assert_eq!(r.0, 200, "{}", r.1);
    serde_json::from_str(&r.1).unwrap()
}

fn first_finding(base: &str, token: Option<&str>) -> String {
    let f = json_of(get(&format!("{base}/api/findings?limit=1"), token));
    f["findings"][0]["finding_id"]
        .as_str()
        .expect("the demo has findings")
        .to_string()
}

const READER: &str = "reader-token-0123456789abcdef";
const ANALYST: &str = "analyst-token-0123456789abcdef";

#[test]
fn tokens_and_roles_guard_the_api() {
    let ws = workspace();
    let tokens = ws.path().join("tokens.txt");
    std::fs::write(
        &tokens,
        format!("# token role name\n{READER} read-only rita\n{ANALYST} analyst anna\n"),
    )
    .unwrap();
    let s = Server::start(ws.path(), &["--token-file", tokens.to_str().unwrap()]);
    let b = &s.base;
    assert_eq!(get(&format!("{b}/api/findings"), None).0, 401);
    assert_eq!(
        get(&format!("{b}/api/findings"), Some("wrong-token")).0,
        401
    );
    assert_eq!(
        get(&format!("{b}/match/default"), None).0,
        401,
        "yente routes are guarded too"
    );
    assert_eq!(
        get(&format!("{b}/"), None).0,
        200,
        "the UI's static page holds no data"
    );
    let who = json_of(get(&format!("{b}/api/whoami"), Some(READER)));
    assert_eq!(who, json!({ "name": "rita", "role": "read-only" }));
    let id = first_finding(b, Some(READER));
    let url = format!("{b}/api/findings/{id}/judgements");
    let (status, body) = post(&url, Some(READER), r#"{"action":"confirm"}"#);
    assert_eq!(status, 403, "{body}");
    assert!(
        body["detail"].as_str().unwrap().contains("read-only"),
        "{body}"
    );
    let (status, _) = post(&url, None, r#"{"action":"confirm"}"#);
    assert_eq!(status, 401);
    let (status, body) = post(&url, Some(ANALYST), r#"{"action":"confirm","note":"seen"}"#);
    assert_eq!(status, 201, "{body}");
    assert_eq!(
        (body["before"].as_str(), body["status"].as_str()),
        (Some("open"), Some("confirmed"))
    );
    let audit = json_of(get(&format!("{b}/api/audit?kind=finding"), Some(READER)));
    let entry = &audit["entries"][0];
    assert_eq!(entry["who"], "anna");
    assert_eq!(
        (entry["before"].as_str(), entry["after"].as_str()),
        (Some("open"), Some("confirmed"))
    );
    assert!(entry["at"].as_str().unwrap().starts_with("20"));
    let log = s.stderr();
    assert!(
        !log.contains(READER) && !log.contains(ANALYST),
        "tokens never reach the log: {log}"
    );
    drop(s);
    let out = Command::new(bin())
        .arg("--home")
        .arg(ws.path())
        .args(["serve", "--bind", "0.0.0.0:0"])
        .env_remove("TRADETRAIL_TOKEN")
        .output()
        .unwrap();
    assert!(
        !out.status.success(),
        "no tokens, no listening beyond loopback"
    );
}

#[test]
fn bad_input_gets_a_400_that_names_it() {
    let ws = workspace();
    let s = Server::start(ws.path(), &[]);
    let b = &s.base;
    for (path, words) in [
        ("/api/findings?limit=0", "limit"),
        ("/api/findings?limit=100000", "limit"),
        ("/api/findings?severity=urgent", "severity"),
        ("/api/findings?since=2024-1-1", "since"),
        ("/api/shipments?country=Russia", "country"),
        ("/api/shipments?limit=abc", "limit"),
        ("/api/trace?max_hops=50", "max_hops"),
        ("/api/graph/neighbourhood/E1?goods=tanks", "goods"),
        ("/api/entities?q=", "q"),
        ("/api/query?sql=DROP%20TABLE%20shipments", "query"),
        (
            "/api/export?sql=COPY%20shipments%20TO%20'/tmp/x.csv'",
            "query",
        ),
    ] {
        let (status, body) = get(&format!("{b}{path}"), None);
        assert_eq!(status, 400, "{path}: {body}");
        let detail: Value = serde_json::from_str(&body).unwrap();
        assert!(
            detail["detail"].as_str().unwrap().contains(words),
            "{path}: {body}"
        );
    }
    let id = first_finding(b, None);
    let url = format!("{b}/api/findings/{id}/judgements");
    for (body, words) in [
        ("{not json", "JSON"),
        (r#"{"action":"approve"}"#, "action"),
        (r#"{"action":"note"}"#, "note"),
        (r#"{"action":"confirm","extra":1}"#, "extra"),
    ] {
        let (status, answer) = post(&url, None, body);
        assert_eq!(status, 400, "{body}: {answer}");
        assert!(
            answer["detail"].as_str().unwrap().contains(words),
            "{body}: {answer}"
        );
    }
    let (status, _) = post(
        &format!("{b}/api/findings/nope/judgements"),
        None,
        r#"{"action":"confirm"}"#,
    );
    assert_eq!(status, 404);
    let big = format!(r#"{{"action":"note","note":"{}"}}"#, "x".repeat(400_000));
    assert_eq!(post(&url, None, &big).0, 413, "bodies are bounded");
    for path in [
        "/ui/../Cargo.toml",
        "/ui/%2e%2e/%2e%2e/etc/passwd",
        "/ui/..%2fapp.js",
        "/ui/vendor/../../README.md",
    ] {
        let (status, body) = get(&format!("{b}{path}"), None);
        assert_eq!(status, 404, "{path}: {body}");
    }
    // Exports are streamed, and no cell a spreadsheet would run as a formula survives unescaped.
    let sql = "SELECT '=HYPERLINK(\"http://x\")' AS a, '+1' AS b, '-2' AS c, '@SUM(A1)' AS d, 'plain' AS e";
    let (status, csv) = get(
        &format!("{b}/api/export?format=csv&sql={}", urlencode(sql)),
        None,
    );
    assert_eq!(status, 200, "{csv}");
    let row = csv.lines().nth(1).unwrap();
    assert_eq!(
        row,
        r#""'=HYPERLINK(""http://x"")",'+1,'-2,'@SUM(A1),plain"#
    );
    let mut resp = agent()
        .get(&format!("{b}/api/export/findings?format=parquet"))
        .call()
        .unwrap();
    let mut bytes = Vec::new();
    resp.body_mut().as_reader().read_to_end(&mut bytes).unwrap();
    assert!(
        bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1"),
        "a Parquet file"
    );
    let (status, csv) = get(&format!("{b}/api/export/entities"), None);
    assert_eq!(status, 200);
    assert!(
        csv.starts_with("entity_id,canonical_name,"),
        "{}",
        &csv[..100.min(csv.len())]
    );
}

#[test]
fn concurrent_judgements_on_one_finding_lose_no_update() {
    let ws = workspace();
    let s = Server::start(ws.path(), &[]);
    let id = first_finding(&s.base, None);
    let url = format!("{}/api/findings/{id}/judgements", s.base);
    let actions = ["confirm", "dismiss", "note", "reopen"];
    let acked: Vec<i64> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..32)
            .map(|t| {
                let url = &url;
                scope.spawn(move || {
                    (0..5)
                        .map(|k| {
                            let action = actions[(t + k) % 4];
                            let body =
                                json!({ "action": action, "note": format!("thread {t} step {k}") })
                                    .to_string();
                            let (status, answer) = post(url, None, &body);
                            assert_eq!(status, 201, "{answer}");
                            answer["id"].as_i64().unwrap()
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    assert_eq!(acked.len(), 160);
    let audit = json_of(get(
        &format!("{}/api/audit?kind=finding&subject={id}&limit=1000", s.base),
        None,
    ));
    let entries = audit["entries"].as_array().unwrap();
    assert_eq!(
        entries.len(),
        acked.len(),
        "every acknowledged judgement is audited"
    );
    let mut previous = "open".to_string();
    for e in entries {
        assert_eq!(
            e["before"].as_str().unwrap(),
            previous,
            "each before is the previous after: {e}"
        );
        assert_eq!(e["who"], "local-analyst");
        previous = e["after"].as_str().unwrap().to_string();
    }
    let f = json_of(get(&format!("{}/api/findings/{id}", s.base), None));
    assert_eq!(f["finding"]["status"].as_str().unwrap(), previous);
    assert_eq!(f["judgements"].as_array().unwrap().len(), acked.len());
}

#[test]
fn pair_and_hit_judgements_are_recorded_and_audited() {
    let ws = workspace();
    let s = Server::start(ws.path(), &[]);
    let b = &s.base;
    let keys = json_get(&format!(
        "{b}/api/query?limit=2&sql={}",
        urlencode("SELECT DISTINCT mention_key FROM party_mentions ORDER BY mention_key")
    ));
    let (a, k) = (
        keys["rows"][0]["mention_key"].as_str().unwrap(),
        keys["rows"][1]["mention_key"].as_str().unwrap(),
    );
    let body =
        json!({ "a": a, "b": k, "decision": "not-same", "note": "different INN" }).to_string();
    let (status, j) = post(&format!("{b}/api/judgements/pairs"), None, &body);
    assert_eq!(status, 201, "{j}");
    assert!(
        j["before"].as_str().unwrap().contains("(clustering)"),
        "{j}"
    );
    let (status, j) = post(
        &format!("{b}/api/judgements/pairs"),
        None,
        &json!({ "a": a, "b": "no-such-mention", "decision": "same" }).to_string(),
    );
    assert_eq!(status, 404, "{j}");
    let pairs = json_get(&format!("{b}/api/judgements/pairs"));
    assert_eq!(pairs["pairs"][0]["decision"], "not-same");

    let hits = json_get(&format!("{b}/api/hits?status=open&limit=1"));
    let hit = &hits["hits"][0];
    let (entity, entry) = (
        hit["entity_id"].as_str().unwrap(),
        hit["entry_id"].as_str().unwrap(),
    );
    let url = format!("{b}/api/hits/{entity}/{}/review", urlencode(entry));
    let (status, r) = post(&url, None, r#"{"decision":"clear","note":"other city"}"#);
    assert_eq!(status, 201, "{r}");
    let after = json_get(&format!("{b}/api/hits?entity={entity}&limit=100"));
    let row = after["hits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["entry_id"] == entry)
        .unwrap();
    assert_eq!(
        row["status"], "cleared",
        "the review is in force before the next `screen`"
    );
    let audit = json_get(&format!("{b}/api/audit"));
    let kinds: Vec<&str> = audit["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["pair", "hit"]);
    assert_eq!(audit["entries"][1]["before"], "open (never reviewed)");
    assert_eq!(audit["entries"][1]["after"], "cleared");
}
