//! `tradetrail serve` with tokens: every route but the UI shell and the health check needs a token, read-only tokens cannot write, no request path reaches a file, and no token reaches a log, the audit log or any file of the workspace.

use std::path::Path;
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::abuse::{raw, status_of};
use crate::urlencode;
use crate::web::{bin, get, post, workspace};

const READER: &str = "reader-secret-7f3a9c2e41d8b6";
const ANALYST: &str = "analyst-secret-5b8e1d7c94a2f0";

/// Routes outside `/api/` (the OpenAPI document lists those): (method, path).
const OTHER_ROUTES: &[(&str, &str)] = &[
    ("post", "/match/default"),
    ("get", "/search"),
    ("get", "/search/default"),
    ("get", "/entities/x"),
    ("get", "/reconcile"),
    ("post", "/reconcile"),
    ("get", "/reconcile/default"),
    ("post", "/reconcile/default"),
    ("get", "/reconcile/default/suggest/entity"),
    ("get", "/no-such-route"),
];

/// Routes anyone may fetch: the UI's static files hold no data, and a load balancer needs the health check.
const PUBLIC: &[&str] = &["/", "/healthz", "/ui/index.html", "/ui/app.js"];

/// Routes that write: a read-only token gets 403 on them.
const WRITING: &[&str] = &[
    "/api/findings/x/judgements",
    "/api/hits/x/y/review",
    "/api/judgements/pairs",
];

fn tokens_file(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("tokens.txt");
    std::fs::write(
        &path,
        format!("{READER} read-only rita\n{ANALYST} analyst anna\n"),
    )
    .unwrap();
    path
}

/// A server with tokens, started with the most verbose logging any library might honour; stdout and stderr go to files in `out`.
struct Logged {
    child: Child,
    base: String,
    out: std::path::PathBuf,
}

impl Logged {
    fn start(home: &Path, out: &Path, tokens: &Path) -> Logged {
        let child = Command::new(bin())
            .arg("--home")
            .arg(home)
            .args(["serve", "--bind", "127.0.0.1:0", "--token-file"])
            .arg(tokens)
            .env("TRADETRAIL_TOKEN", "env-analyst-secret-c4d2e8f1a9")
            .env("RUST_LOG", "trace")
            .env("RUST_BACKTRACE", "full")
            .stdout(std::fs::File::create(out.join("stdout")).unwrap())
            .stderr(std::fs::File::create(out.join("stderr")).unwrap())
            .spawn()
            .unwrap();
        let mut server = Logged {
            child,
            base: String::new(),
            out: out.to_path_buf(),
        };
        let started = Instant::now();
        loop {
            let text = std::fs::read_to_string(out.join("stdout")).unwrap_or_default();
            if let Some(base) = text
                .split_whitespace()
                .nth(2)
                .filter(|_| text.contains('\n'))
            {
                server.base = base.to_string();
                return server;
            }
            assert!(
                started.elapsed() < Duration::from_secs(120),
                "the server did not start: {}",
                std::fs::read_to_string(out.join("stderr")).unwrap_or_default()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Logged {
    fn drop(&mut self) {
        if std::thread::panicking() {
            let exit = self.child.try_wait();
            let err = std::fs::read_to_string(self.out.join("stderr")).unwrap_or_default();
            let tail = &err[err.len().saturating_sub(4000)..];
            eprintln!("server exit status: {exit:?}\nlast server stderr:\n{tail}");
        }
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

/// A request with any Authorization header value: the status.
///
/// A server that stops answering fails the test with the request named; the server's exit status and stderr are printed on the way out (a client hanging up once killed it with SIGPIPE).
fn call(method: &str, url: &str, authorization: Option<&str>, body: &str) -> u16 {
    call_once(method, url, authorization, body).unwrap_or_else(|e| {
        panic!("{method} {url} {authorization:?}: the server does not answer: {e}")
    })
}

fn call_once(
    method: &str,
    url: &str,
    authorization: Option<&str>,
    body: &str,
) -> Result<u16, ureq::Error> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let resp = if method == "post" {
        let mut req = agent.post(url).header("Content-Type", "application/json");
        if let Some(a) = authorization {
            req = req.header("Authorization", a);
        }
        req.send(body)
    } else {
        let mut req = agent.get(url);
        if let Some(a) = authorization {
            req = req.header("Authorization", a);
        }
        req.call()
    };
    Ok(resp?.status().as_u16())
}

#[test]
fn every_route_but_the_ui_shell_needs_a_token_and_readers_cannot_write() {
    let ws = workspace();
    let out = tempfile::tempdir().unwrap();
    let s = Logged::start(ws.path(), out.path(), &tokens_file(out.path()));
    let b = &s.base;
    let (status, doc) = get(&format!("{b}/api/openapi.json"), Some(READER));
    assert_eq!(status, 200);
    let doc: Value = serde_json::from_str(&doc).unwrap();
    let mut routes: Vec<(String, String)> = Vec::new();
    for (path, ops) in doc["paths"].as_object().unwrap() {
        let concrete: String = path
            .split('/')
            .map(|seg| if seg.starts_with('{') { "x" } else { seg })
            .collect::<Vec<_>>()
            .join("/");
        let concrete = concrete.replace("/hits/x/x/", "/hits/x/y/");
        for method in ops.as_object().unwrap().keys() {
            routes.push((method.clone(), concrete.clone()));
        }
    }
    assert!(routes.len() >= 23, "{routes:?}");
    routes.extend(
        OTHER_ROUTES
            .iter()
            .map(|(m, p)| (m.to_string(), p.to_string())),
    );
    let wrong = format!("Bearer {}", &ANALYST[..ANALYST.len() - 1]);
    for (method, path) in &routes {
        let url = format!("{b}{path}");
        for auth in [
            None,
            Some(wrong.as_str()),
            Some("Bearer "),
            Some(&format!("Basic {ANALYST}")[..]),
            Some(&format!("bearer{ANALYST}")[..]),
        ] {
            assert_eq!(
                call(method, &url, auth, "{}"),
                401,
                "{method} {path} {auth:?}"
            );
        }
        let sep = if path.contains('?') { '&' } else { '?' };
        for param in ["token", "access_token", "api_key"] {
            let url = format!("{url}{sep}{param}={ANALYST}");
            assert_eq!(
                call(method, &url, None, "{}"),
                401,
                "{method} {url}: tokens only in the header"
            );
        }
        let reader = call(method, &url, Some(&format!("Bearer {READER}")), "{}");
        if method == "post" && WRITING.contains(&path.as_str()) {
            assert_eq!(reader, 403, "{method} {path}: a reader may not write");
            let analyst = call(method, &url, Some(&format!("Bearer {ANALYST}")), "{}");
            assert!(![401, 403].contains(&analyst), "{method} {path}: {analyst}");
        } else {
            assert!(![401, 403].contains(&reader), "{method} {path}: {reader}");
        }
    }
    for path in PUBLIC {
        assert_eq!(get(&format!("{b}{path}"), None).0, 200, "{path} is public");
    }
    assert_eq!(get(&format!("{b}/ui/nope.js"), None).0, 404);
    // A read-only token gets 403 on a writing route whatever the body: the role is checked before the body is read.
    // (A large body would race the early answer: the client may still be writing when the server has answered and closed.)
    for body in [
        "not json",
        "[[[[",
        r#"{"a":"m1","b":"m2","decision":"same"}"#,
    ] {
        let (status, _) = post(&format!("{b}/api/judgements/pairs"), Some(READER), body);
        assert_eq!(status, 403, "{body}");
    }
}

#[test]
fn no_request_path_reaches_a_file() {
    let ws = workspace();
    let canary = "CANARY-2b7e151628aed2a6";
    std::fs::write(ws.path().join("canary.txt"), canary).unwrap();
    let out = tempfile::tempdir().unwrap();
    let s = Logged::start(ws.path(), out.path(), &tokens_file(out.path()));
    let abs = ws.path().join("canary.txt").display().to_string();
    let names = [
        "../canary.txt".to_string(),
        "../../canary.txt".into(),
        "%2e%2e/canary.txt".into(),
        "%2e%2e%2fcanary.txt".into(),
        "..%2f..%2fcanary.txt".into(),
        "%252e%252e%252fcanary.txt".into(),
        "..\\canary.txt".into(),
        "..%5c..%5ccanary.txt".into(),
        "%c0%ae%c0%ae/canary.txt".into(),
        format!("..%00/{abs}"),
        abs.trim_start_matches('/').to_string(),
        format!("/{}", abs.trim_start_matches('/')),
        format!("%2f{}", abs.trim_start_matches('/').replace('/', "%2f")),
        "../../../../../../etc/passwd".into(),
        "%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd".into(),
        "....//....//etc/passwd".into(),
        "file:///etc/passwd".into(),
    ];
    let prefixes = [
        "/ui/",
        "/ui/vendor/",
        "/api/export/",
        "/entities/",
        "/api/entities/",
        "/api/findings/",
        "/api/graph/neighbourhood/",
        "/search/",
        "/reconcile/",
    ];
    let mut tried = 0;
    for prefix in prefixes {
        for name in &names {
            let answer = raw(
                &s.base,
                format!("GET {prefix}{name} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {READER}\r\nConnection: close\r\n\r\n")
                    .as_bytes(),
            );
            let status = status_of(&answer);
            assert!(
                (400..500).contains(&status) || (status == 200 && prefix == "/search/"),
                "{prefix}{name}: {answer}"
            );
            assert!(
                !answer.contains(canary),
                "{prefix}{name} leaked a file: {answer}"
            );
            assert!(
                !answer.contains("root:x:0:0"),
                "{prefix}{name} leaked /etc/passwd"
            );
            tried += 1;
        }
    }
    // SQL is the other way a client could name a file: table functions and file URLs are not available.
    for sql in [
        format!("SELECT * FROM '{abs}'"),
        "SELECT * FROM '/etc/passwd'".into(),
        format!("CREATE EXTERNAL TABLE t STORED AS CSV LOCATION '{abs}'"),
        format!("SELECT * FROM read_csv('{abs}')"),
        format!("COPY (SELECT 1) TO '{abs}'"),
    ] {
        for route in ["/api/query?sql=", "/api/export?sql="] {
            let (status, body) = get(
                &format!("{}{route}{}", s.base, urlencode(&sql)),
                Some(READER),
            );
            assert!(
                (400..500).contains(&status),
                "{route}{sql}: {status} {body}"
            );
            assert!(
                !body.contains(canary) && !body.contains("root:x:0:0"),
                "{sql}: {body}"
            );
            tried += 1;
        }
    }
    assert_eq!(
        std::fs::read_to_string(ws.path().join("canary.txt")).unwrap(),
        canary
    );
    println!("{tried} traversal attempts, none reached a file");
}

/// Every file under `dir` whose bytes contain `needle`.
fn files_containing(dir: &Path, needle: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if let Ok(bytes) = std::fs::read(&p)
                && bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
            {
                found.push(p.display().to_string());
            }
        }
    }
    found
}

#[test]
fn no_token_reaches_a_log_the_audit_log_or_a_workspace_file() {
    let ws = workspace();
    let out = tempfile::tempdir().unwrap();
    let tokens_dir = tempfile::tempdir().unwrap();
    let s = Logged::start(ws.path(), out.path(), &tokens_file(tokens_dir.path()));
    let b = &s.base;
    let env_token = "env-analyst-secret-c4d2e8f1a9";
    let near = &ANALYST[..ANALYST.len() - 2];
    let findings = get(&format!("{b}/api/findings?limit=2"), Some(ANALYST));
    assert_eq!(findings.0, 200, "{}", findings.1);
    let findings: Value = serde_json::from_str(&findings.1).unwrap();
    let id = findings["findings"][0]["finding_id"].as_str().unwrap();
    let url = format!("{b}/api/findings/{id}/judgements");
    let (status, j) = post(
        &url,
        Some(ANALYST),
        r#"{"action":"confirm","note":"checked"}"#,
    );
    assert_eq!(status, 201, "{j}");
    assert_eq!(post(&url, Some(env_token), r#"{"action":"reopen"}"#).0, 201);
    assert_eq!(post(&url, Some(READER), r#"{"action":"dismiss"}"#).0, 403);
    assert_eq!(post(&url, Some(near), r#"{"action":"dismiss"}"#).0, 401);
    assert_eq!(post(&url, Some(ANALYST), r#"{"action":"nope"}"#).0, 400);
    assert_eq!(post(&url, Some(ANALYST), &"[".repeat(1000)).0, 400);
    for path in [
        format!("/api/findings?token={ANALYST}"),
        format!("/api/findings?access_token={READER}"),
        format!("/match/default?api_key={ANALYST}"),
    ] {
        assert_eq!(get(&format!("{b}{path}"), None).0, 401);
    }
    let (status, audit) = get(&format!("{b}/api/audit"), Some(READER));
    assert_eq!(status, 200);
    let (_, whoami) = get(&format!("{b}/api/whoami"), Some(ANALYST));
    assert!(
        audit.contains("\"anna\"") && audit.contains("\"analyst\""),
        "{audit}"
    );
    drop(s);
    for secret in [READER, ANALYST, env_token, near] {
        assert!(
            !audit.contains(secret) && !whoami.contains(secret),
            "{secret} in an answer"
        );
        for dir in [ws.path(), out.path()] {
            let found = files_containing(dir, secret);
            assert!(found.is_empty(), "{secret} leaked into {found:?}");
        }
    }
}
