//! Progress bars for long work: rows/s and ETA on a terminal, silent when output is piped or in CI.

use std::sync::atomic::{AtomicU64, Ordering};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A byte-based progress bar that also counts rows.
pub struct Bar {
    bar: ProgressBar,
    rows: AtomicU64,
}

impl Bar {
    /// A bar over `total` bytes, hidden when stderr is not a terminal.
    pub fn bytes(total: u64, label: &str) -> Bar {
        Bar::styled(
            total,
            label,
            "{prefix} [{bar:30}] {bytes}/{total_bytes} {msg} ({eta})",
        )
    }

    /// A bar over `total` items.
    pub fn items(total: u64, label: &str) -> Bar {
        Bar::styled(
            total,
            label,
            "{prefix} [{bar:30}] {human_pos}/{human_len} {per_sec} ({eta})",
        )
    }

    fn styled(total: u64, label: &str, template: &str) -> Bar {
        let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
        let style = ProgressStyle::with_template(template).expect("template is valid");
        bar.set_style(style.progress_chars("=> "));
        bar.set_prefix(label.to_owned());
        Bar {
            bar,
            rows: AtomicU64::new(0),
        }
    }

    /// Sets the position to `n`.
    pub fn set(&self, n: u64) {
        self.bar.set_position(n);
    }

    /// Clears the bar.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

impl tradetrail_ingest::Progress for Bar {
    fn advance(&self, bytes: u64, rows: u64) {
        self.bar.inc(bytes);
        let total = self.rows.fetch_add(rows, Ordering::Relaxed) + rows;
        let elapsed = self.bar.elapsed().as_secs_f64().max(1e-3);
        self.bar.set_message(format!(
            "{total} rows, {:.0} rows/s",
            total as f64 / elapsed
        ));
    }
}
