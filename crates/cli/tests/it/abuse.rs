//! `tradetrail serve` under abuse: oversized and deeply nested bodies on every route that reads one, and hundreds of clients trickling headers or bodies a byte at a time, while a well-behaved client keeps getting answers.
//!
//! Requests are written on raw TCP sockets, so nothing between the test and the server fixes or completes them.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::web::{Server, get, workspace};

/// Every route that reads a body: (path, content type, whether the body is JSON).
pub const POST_ROUTES: &[(&str, &str)] = &[
    ("/match/default", "application/json"),
    ("/reconcile", "application/x-www-form-urlencoded"),
    ("/reconcile/default", "application/x-www-form-urlencoded"),
    ("/api/findings/x/judgements", "application/json"),
    ("/api/hits/x/y/review", "application/json"),
    ("/api/judgements/pairs", "application/json"),
];

/// `host:port` of a server's base URL.
pub fn addr(base: &str) -> String {
    base.trim_start_matches("http://").to_string()
}

/// Sends raw bytes as one request and reads the whole answer (the connection is closed by `Connection: close`).
pub fn raw(base: &str, request: &[u8]) -> String {
    let mut s = TcpStream::connect(addr(base)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    s.write_all(request).unwrap();
    let mut out = Vec::new();
    s.read_to_end(&mut out).ok();
    String::from_utf8_lossy(&out).into_owned()
}

/// The status code of a raw HTTP answer (0 when there is none).
pub fn status_of(answer: &str) -> u16 {
    answer
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

/// Declares a 1 GiB body (by length, or chunked without one), writes a few MB of it and returns what the server answered meanwhile and how much was written.
fn endless_body(base: &str, path: &str, content_type: &str, chunked: bool) -> (String, usize) {
    let mut s = TcpStream::connect(addr(base)).unwrap();
    let framing = if chunked {
        "Transfer-Encoding: chunked".to_string()
    } else {
        format!("Content-Length: {}", 1u64 << 30)
    };
    write!(
        s,
        "POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: {content_type}\r\n{framing}\r\n\r\n"
    )
    .unwrap();
    let mut reader = s.try_clone().unwrap();
    reader
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let answer = std::thread::spawn(move || {
        let mut out = Vec::new();
        reader.read_to_end(&mut out).ok();
        String::from_utf8_lossy(&out).into_owned()
    });
    s.set_write_timeout(Some(Duration::from_secs(2))).unwrap();
    let chunk = vec![b'['; 64 * 1024];
    let mut written = 0;
    while written < 8 << 20 {
        let sent = if chunked {
            s.write_all(format!("{:x}\r\n", chunk.len()).as_bytes())
                .and_then(|_| s.write_all(&chunk))
                .and_then(|_| s.write_all(b"\r\n"))
        } else {
            s.write_all(&chunk)
        };
        if sent.is_err() {
            break;
        }
        written += chunk.len();
    }
    s.shutdown(std::net::Shutdown::Write).ok();
    (answer.join().unwrap(), written)
}

#[test]
fn oversized_bodies_get_413_before_they_are_read_whole() {
    let ws = workspace();
    let s = Server::start(ws.path(), &[]);
    for (path, content_type) in POST_ROUTES {
        for chunked in [false, true] {
            let (answer, written) = endless_body(&s.base, path, content_type, chunked);
            assert_eq!(
                status_of(&answer),
                413,
                "{path} (chunked: {chunked}) after {written} bytes: {answer}"
            );
            assert!(
                answer.contains("262144 bytes"),
                "{path}: the answer names the limit: {answer}"
            );
            assert!(written <= 8 << 20, "the server answered long before 1 GiB");
        }
    }
    assert_eq!(get(&format!("{}/healthz", s.base), None).0, 200);
}

#[test]
fn deeply_nested_json_gets_a_400_that_names_it() {
    let ws = workspace();
    let s = Server::start(ws.path(), &[]);
    let deep = "[".repeat(100_000);
    let deep_object = format!(
        r#"{{"queries":{{"q":{{"schema":"Person","properties":{{"name":{}}}}}}}}}"#,
        "[".repeat(50_000)
    );
    for (path, content_type) in POST_ROUTES {
        let bodies: Vec<String> = if content_type.contains("json") {
            vec![deep.clone(), deep_object.clone()]
        } else {
            vec![format!("queries={}", "%5B".repeat(80_000))]
        };
        for body in bodies {
            let answer = raw(
                &s.base,
                format!(
                    "POST {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n{body}",
                    body.len()
                )
                .as_bytes(),
            );
            assert_eq!(status_of(&answer), 400, "{path}: {answer}");
            let detail: Value = serde_json::from_str(answer.split("\r\n\r\n").nth(1).unwrap())
                .unwrap_or_else(|_| panic!("{path}: a JSON error: {answer}"));
            let detail = detail["detail"].as_str().unwrap();
            assert!(
                detail.contains("nested more than 100 levels"),
                "{path}: {detail}"
            );
        }
    }
    let (status, body) = get(
        &format!("{}/reconcile?queries={}", s.base, "%5B".repeat(20_000)),
        None,
    );
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("nested more than 100 levels"), "{body}");
    assert_eq!(
        get(&format!("{}/healthz", s.base), None).0,
        200,
        "the server is still up"
    );
}

/// One attacking connection and what became of it.
struct Trickle {
    stream: TcpStream,
    /// The bytes it sends one at a time.
    bytes: Vec<u8>,
    sent: usize,
    /// When the server closed it (or answered), since the attack began.
    closed: Option<Duration>,
    answer: Vec<u8>,
}

#[test]
fn slow_clients_are_cut_off_and_others_keep_getting_answers() {
    let ws = workspace();
    let s = Server::start(ws.path(), &["--header-timeout", "2", "--timeout", "3"]);
    let headers = b"GET /api/findings?limit=1 HTTP/1.1\r\nHost: x\r\nX-Padding: ".to_vec();
    let body_head = b"POST /api/judgements/pairs HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n";
    let mut conns: Vec<Trickle> = (0..200)
        .map(|i| {
            let stream = TcpStream::connect(addr(&s.base)).unwrap();
            let mut bytes = match i % 4 {
                // Silent: connects and sends nothing.
                0 => Vec::new(),
                // Headers a byte at a time, never finished.
                1 | 2 => [headers.clone(), vec![b'a'; 10_000]].concat(),
                // Whole headers, then the body a byte at a time.
                _ => [body_head.to_vec(), vec![b' '; 10_000]].concat(),
            };
            if i % 4 == 3 {
                let mut st = stream.try_clone().unwrap();
                st.write_all(body_head).unwrap();
                bytes.drain(..body_head.len());
            }
            stream.set_nonblocking(true).unwrap();
            Trickle {
                stream,
                bytes,
                sent: 0,
                closed: None,
                answer: Vec::new(),
            }
        })
        .collect();
    let start = Instant::now();
    let base = s.base.clone();
    let client = std::thread::spawn(move || {
        let mut latencies = Vec::new();
        while start.elapsed() < Duration::from_secs(8) {
            let t = Instant::now();
            let (status, body) = get(&format!("{base}/api/findings?limit=1"), None);
            assert_eq!(status, 200, "a well-behaved client is answered: {body}");
            latencies.push(t.elapsed());
            std::thread::sleep(Duration::from_millis(100));
        }
        latencies
    });
    while start.elapsed() < Duration::from_secs(30) && conns.iter().any(|c| c.closed.is_none()) {
        for c in conns.iter_mut().filter(|c| c.closed.is_none()) {
            let mut buf = [0u8; 4096];
            match c.stream.read(&mut buf) {
                Ok(0) => c.closed = Some(start.elapsed()),
                Ok(n) => c.answer.extend_from_slice(&buf[..n]),
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
                Err(_) => c.closed = Some(start.elapsed()),
            }
            if c.closed.is_none() && c.sent < c.bytes.len() {
                match c.stream.write(&c.bytes[c.sent..c.sent + 1]) {
                    Ok(n) => c.sent += n,
                    Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
                    Err(_) => c.closed = Some(start.elapsed()),
                }
            }
        }
        std::thread::sleep(Duration::from_millis(250));
    }
    let latencies = client.join().unwrap();
    let open = conns.iter().filter(|c| c.closed.is_none()).count();
    assert_eq!(open, 0, "every slow connection is closed by the server");
    let slowest = conns.iter().filter_map(|c| c.closed).max().unwrap();
    let worst = latencies.iter().max().unwrap();
    println!(
        "200 slow connections all closed after at most {:.1} s; {} requests of a well-behaved client meanwhile, slowest {:.0} ms",
        slowest.as_secs_f64(),
        latencies.len(),
        worst.as_secs_f64() * 1000.0
    );
    assert!(
        slowest < Duration::from_secs(20),
        "closed within the header and request time limits (2 s and 3 s) plus slack: {slowest:?}"
    );
    assert!(*worst < Duration::from_secs(5), "{worst:?}");
    // A body that trickles in is answered 503 when the request time limit ends.
    for c in conns.iter().skip(3).step_by(4) {
        let answer = String::from_utf8_lossy(&c.answer);
        assert!(
            answer.is_empty() || answer.starts_with("HTTP/1.1 503"),
            "{answer}"
        );
    }
    assert_eq!(get(&format!("{}/healthz", s.base), None).0, 200);
}
