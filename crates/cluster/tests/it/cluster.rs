//! A scheduler and executors of `tradetrail-cluster` as child processes on free loopback ports, killed when dropped, with their logs in files.

use std::fs::File;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How long a process may take to come up.
const STARTUP: Duration = Duration::from_secs(120);

/// A child process that is killed when dropped.
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// One scheduler and `n` executors on loopback.
pub struct LoopbackCluster {
    scheduler_port: u16,
    executor_logs: Vec<PathBuf>,
    // Executors first, so they stop before the scheduler does.
    _executors: Vec<Killed>,
    _scheduler: Killed,
}

/// A port nobody listens on now.
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

fn spawn(args: &[&str], log: &Path) -> Killed {
    let file = File::create(log).expect("a log file");
    let child = Command::new(env!("CARGO_BIN_EXE_tradetrail-cluster"))
        .args(args)
        .env("RUST_LOG", "info")
        .stdin(Stdio::null())
        .stdout(file.try_clone().expect("a log file handle"))
        .stderr(file)
        .spawn()
        .expect("tradetrail-cluster starts");
    Killed(child)
}

/// Waits until `done` holds, panicking with the log after [`STARTUP`].
fn wait_for(what: &str, log: &Path, done: impl Fn() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(
            start.elapsed() < STARTUP,
            "{what} did not happen within {STARTUP:?}; log:\n{}",
            std::fs::read_to_string(log).unwrap_or_default()
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

fn log_text(log: &Path) -> String {
    std::fs::read_to_string(log).unwrap_or_default()
}

impl LoopbackCluster {
    /// Starts the scheduler, then `n` executors, and waits until every executor has registered.
    pub fn start(dir: &Path, n: usize) -> LoopbackCluster {
        std::fs::create_dir_all(dir).unwrap();
        let scheduler_port = free_port();
        let scheduler_log = dir.join("scheduler.log");
        let bind = format!("127.0.0.1:{scheduler_port}");
        let scheduler = spawn(&["scheduler", "--bind", &bind], &scheduler_log);
        wait_for("the scheduler listening", &scheduler_log, || {
            TcpStream::connect(("127.0.0.1", scheduler_port)).is_ok()
        });
        let mut executors = Vec::new();
        let mut executor_logs = Vec::new();
        for i in 0..n {
            let log = dir.join(format!("executor-{i}.log"));
            let work = dir.join(format!("executor-{i}"));
            std::fs::create_dir_all(&work).unwrap();
            let flight = format!("127.0.0.1:{}", free_port());
            let grpc = free_port().to_string();
            executors.push(spawn(
                &[
                    "executor",
                    "--scheduler",
                    &bind,
                    "--bind",
                    &flight,
                    "--grpc-port",
                    &grpc,
                    "--vcores",
                    "2",
                    "--work-dir",
                    work.to_str().unwrap(),
                ],
                &log,
            ));
            executor_logs.push(log);
        }
        for log in &executor_logs {
            wait_for("the executor registering", log, || {
                log_text(log).contains("Executor registration succeed")
            });
        }
        LoopbackCluster {
            scheduler_port,
            executor_logs,
            _executors: executors,
            _scheduler: scheduler,
        }
    }

    /// The scheduler's address for clients.
    pub fn url(&self) -> String {
        format!("df://127.0.0.1:{}", self.scheduler_port)
    }

    /// Tasks each executor logged as run, in executor order.
    pub fn tasks_per_executor(&self) -> Vec<usize> {
        self.executor_logs
            .iter()
            .map(|log| {
                log_text(log)
                    .lines()
                    .filter(|l| l.contains("Execute task") || l.contains("Received task"))
                    .count()
            })
            .collect()
    }
}
