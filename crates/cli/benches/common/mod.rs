//! What the benchmarks share: running a command while polling its peak resident set, and the machine's description for recorded runs.

// Each bench includes this module and uses part of it.
#![allow(dead_code)]

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// One measured command.
pub struct Run {
    /// Wall-clock seconds.
    pub seconds: f64,
    /// Peak resident set (VmHWM), MB.
    pub peak_rss_mb: f64,
    /// What it printed.
    pub stdout: String,
}

/// Runs a command, polling its peak resident set (VmHWM, monotonic, so only growth in the last 20 ms can be missed) until it exits.
pub fn measure(cmd: &mut Command) -> Run {
    let started = Instant::now();
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("command starts");
    let status_path = format!("/proc/{}/status", child.id());
    let stdout = child.stdout.take().expect("stdout is piped");
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let mut stdout = stdout;
        let _ = std::io::Read::read_to_string(&mut stdout, &mut s);
        s
    });
    let mut peak_kb = 0u64;
    loop {
        let status = std::fs::read_to_string(&status_path).unwrap_or_default();
        if let Some(line) = status.lines().find(|l| l.starts_with("VmHWM:")) {
            let kb = line
                .split_whitespace()
                .nth(1)
                .and_then(|v| v.parse().ok())
                .unwrap_or(0);
            peak_kb = peak_kb.max(kb);
        }
        if child.try_wait().expect("wait works").is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let seconds = started.elapsed().as_secs_f64();
    let status = child.wait().expect("the command ends");
    assert!(status.success(), "{cmd:?} failed");
    Run {
        seconds,
        peak_rss_mb: peak_kb as f64 / 1024.0,
        stdout: reader.join().unwrap_or_default(),
    }
}

/// Cores, memory and CPU model, for the header of a recorded run.
pub fn machine() -> String {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find(|l| l.starts_with("model name"))
        .and_then(|l| l.split(':').nth(1))
        .map_or("unknown CPU", str::trim)
        .to_owned();
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let mem_gb = meminfo
        .lines()
        .find(|l| l.starts_with("MemTotal:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0 / 1024.0);
    format!(
        "{} cores, {mem_gb:.0} GB memory, {model}",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    )
}
