//! Runs a Python check script: the interpreter is `TRADETRAIL_PYTHON` (then the check must run and pass), else `python3` when it has the modules (else the test is skipped with a message).

use std::path::Path;
use std::process::Command;

/// Runs `script` with `args`; `modules` are the imports it needs. Returns false when skipped.
pub fn check(script: &str, args: &[&Path], modules: &[&str]) -> bool {
    let (python, required) = match std::env::var("TRADETRAIL_PYTHON") {
        Ok(p) if !p.is_empty() => (p, true),
        _ => ("python3".to_string(), false),
    };
    let probe = Command::new(&python)
        .arg("-c")
        .arg(format!("import {}", modules.join(", ")))
        .output();
    let usable = probe.as_ref().is_ok_and(|o| o.status.success());
    if !usable {
        let why = match &probe {
            Ok(o) => String::from_utf8_lossy(&o.stderr).trim().to_string(),
            Err(e) => e.to_string(),
        };
        assert!(
            !required,
            "TRADETRAIL_PYTHON={python} cannot import {modules:?}: {why}"
        );
        println!(
            "SKIPPED: {python} cannot import {modules:?} ({why}); set TRADETRAIL_PYTHON to a venv with them to run this check"
        );
        return false;
    }
    let out = Command::new(&python)
        .arg("-c")
        .arg(script)
        .args(args)
        .output()
        .expect("running python");
    assert!(
        out.status.success(),
        "{python} check failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    println!("{}", String::from_utf8_lossy(&out.stdout));
    true
}
