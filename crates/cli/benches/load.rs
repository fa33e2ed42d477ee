//! Load benchmark of `tradetrail serve`: many concurrent clients on loopback against full-text search, entity search and entity pages, printing throughput, p50/p99 latency and the error count.
//!
//! Run: `cargo bench --bench load` (defaults: 200 clients for 60 s over a 20,000-line demo workspace).
//! Environment: `LOAD_SECONDS` (duration), `LOAD_CLIENTS` (concurrent clients), `LOAD_LINES` (demo size), `LOAD_HOME` (an existing workspace instead of a demo), `TRADETRAIL_BIN` (the binary to serve with).
//! Each client is a thread with its own keep-alive connection that sends its next request as soon as the previous one is answered.
//! It asserts nothing about speed; a non-zero error count is printed and makes the program exit 1.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The binary under test: `TRADETRAIL_BIN` when set (the uplifted binary is shared by every checkout using the same target folder), else Cargo's.
fn bin() -> PathBuf {
    std::env::var_os("TRADETRAIL_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_tradetrail")))
}
const WORDS: [&str; 8] = [
    "квадрокоптер",
    "mavic",
    "drone",
    "аккумулятор",
    "无人机",
    "камера",
    "autel",
    "двигатель",
];

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(120)))
        .build()
        .into()
}

fn get_json(agent: &ureq::Agent, url: &str) -> serde_json::Value {
    let mut r = agent.get(url).call().expect("the server answers");
    serde_json::from_str(&r.body_mut().read_to_string().unwrap()).unwrap()
}

fn percentile(sorted: &[u64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i] as f64 / 1000.0
}

#[derive(Default)]
struct Tally {
    latencies_us: Vec<u64>,
    errors: u64,
    first_error: Option<String>,
}

fn main() {
    let seconds: u64 = env_or("LOAD_SECONDS", 60);
    let clients: usize = env_or("LOAD_CLIENTS", 200);
    let lines: u64 = env_or("LOAD_LINES", 20_000);
    let _scratch;
    let home: PathBuf = match std::env::var_os("LOAD_HOME") {
        Some(h) => PathBuf::from(h),
        None => {
            let dir = tempfile::tempdir().unwrap();
            let started = Instant::now();
            let out = Command::new(bin())
                .arg("--home")
                .arg(dir.path())
                .args(["demo", "--lines", &lines.to_string()])
                .output()
                .expect("demo runs");
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            eprintln!(
                "demo workspace of {lines} lines in {:.1}s",
                started.elapsed().as_secs_f64()
            );
            let path = dir.path().to_path_buf();
            _scratch = dir;
            path
        }
    };
    let mut server = Command::new(bin())
        .arg("--home")
        .arg(&home)
        .args(["serve", "--bind", "127.0.0.1:0", "--timeout", "120"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("serve starts");
    let mut line = String::new();
    BufReader::new(server.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let base = line
        .split_whitespace()
        .nth(2)
        .expect("listening address")
        .to_string();

    let warm = agent();
    let ids: Vec<String> = get_json(
        &warm,
        &format!("{base}/api/query?limit=200&sql=SELECT%20entity_id%20FROM%20entities%20ORDER%20BY%20lines%20DESC%2C%20entity_id"),
    )["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["entity_id"].as_str().unwrap().to_string())
        .collect();
    let names: Vec<String> =
        get_json(&warm, &format!("{base}/api/entities?q=LLC&limit=50"))["entities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                r["canonical_name"]
                    .as_str()
                    .unwrap()
                    .split_whitespace()
                    .next()
                    .unwrap_or("LLC")
                    .to_string()
            })
            .collect();
    // The first entity page loads the trade graph and the first search opens the index: not part of the measurement.
    get_json(&warm, &format!("{base}/api/entities/{}", ids[0]));
    get_json(&warm, &format!("{base}/api/shipments?q=drone"));

    let deadline = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let tallies: Vec<Tally> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..clients)
            .map(|c| {
                let (base, ids, names) = (&base, &ids, &names);
                scope.spawn(move || {
                    let agent = agent();
                    let mut t = Tally::default();
                    let mut k = c;
                    while Instant::now() < deadline {
                        k += 7;
                        let url = match k % 3 {
                            0 => format!(
                                "{base}/api/shipments?q={}&limit=20",
                                WORDS[k % WORDS.len()]
                            ),
                            1 => format!("{base}/api/entities/{}", ids[k % ids.len()]),
                            _ => format!(
                                "{base}/api/entities?q={}&limit=20",
                                names[k % names.len().max(1)]
                            ),
                        };
                        let sent = Instant::now();
                        match agent.get(&url).call() {
                            Ok(mut r) if r.status() == 200 => {
                                let _ = r.body_mut().read_to_vec();
                                t.latencies_us.push(sent.elapsed().as_micros() as u64);
                            }
                            Ok(r) => {
                                t.errors += 1;
                                t.first_error
                                    .get_or_insert(format!("{url}: HTTP {}", r.status()));
                            }
                            Err(e) => {
                                t.errors += 1;
                                t.first_error.get_or_insert(format!("{url}: {e}"));
                            }
                        }
                    }
                    t
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let elapsed = started.elapsed().as_secs_f64();
    server.kill().ok();
    server.wait().ok();
    let mut all: Vec<u64> = tallies
        .iter()
        .flat_map(|t| t.latencies_us.iter().copied())
        .collect();
    all.sort_unstable();
    let errors: u64 = tallies.iter().map(|t| t.errors).sum();
    println!(
        "{clients} clients, {elapsed:.1}s: {} requests ok, {:.1} requests/s; latency p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms; {errors} errors",
        all.len(),
        all.len() as f64 / elapsed,
        percentile(&all, 0.50),
        percentile(&all, 0.99),
        percentile(&all, 1.0),
    );
    println!(
        "mix: one third each of full-text shipment search, entity search and entity pages ({} entities)",
        ids.len()
    );
    if let Some(e) = tallies.iter().find_map(|t| t.first_error.clone()) {
        println!("first error: {e}");
    }
    if errors > 0 {
        std::process::exit(1);
    }
}
