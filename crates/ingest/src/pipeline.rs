//! Drives one file through the workers: reads chunks on the calling thread, normalises them on rayon in parallel,
//! and merges the results in input order (duplicates, counts, batches for the sink).
//!
//! At most a few chunks are in flight, so memory stays flat in the file size.

use std::collections::{BTreeMap, VecDeque};
use std::sync::{Arc, mpsc};

use arrow::array::BooleanArray;
use arrow::compute::filter_record_batch;
use arrow::record_batch::RecordBatch;
use tradetrail_model::{QuarantineBatchBuilder, QuarantineRow, ShipmentLine};

use crate::error::{Error, Result};
use crate::known::KnownRecords;
use crate::worker::{Body, ChunkOut, FileCtx, process_chunk};
use crate::{Progress, Sink};

/// Something that yields chunks of records.
pub(crate) trait Source {
    fn next_body(&mut self) -> Result<Option<Body>>;

    /// Columns holding dates, for formats that store dates as numbers (XLSX serials).
    fn set_date_columns(&mut self, _cols: &[usize]) {}
}

/// Counts and samples gathered while merging.
#[derive(Debug, Default)]
pub(crate) struct Tally {
    pub rows_read: u64,
    pub stored: u64,
    pub quarantined: u64,
    pub duplicates: u64,
    pub reasons: BTreeMap<String, u64>,
    pub lines: Vec<ShipmentLine>,
    pub quarantine_rows: Vec<QuarantineRow>,
}

/// Where merged results go.
pub(crate) struct Merger<'a> {
    pub file: String,
    pub known: &'a mut KnownRecords,
    pub sink: &'a mut dyn Sink,
    pub progress: &'a dyn Progress,
    pub batch_rows: usize,
    /// Keep up to this many lines and quarantine rows as values (dry runs).
    pub keep: usize,
    pub tally: Tally,
    pending: Vec<RecordBatch>,
    pending_rows: usize,
    quarantine: QuarantineBatchBuilder,
    quarantine_bytes: usize,
}

impl<'a> Merger<'a> {
    pub fn new(
        file: String,
        known: &'a mut KnownRecords,
        sink: &'a mut dyn Sink,
        progress: &'a dyn Progress,
        batch_rows: usize,
        keep: usize,
    ) -> Self {
        Merger {
            file,
            known,
            sink,
            progress,
            batch_rows: batch_rows.max(1),
            keep,
            tally: Tally::default(),
            pending: Vec::new(),
            pending_rows: 0,
            quarantine: QuarantineBatchBuilder::default(),
            quarantine_bytes: 0,
        }
    }

    fn sink_err(&self, e: Box<dyn std::error::Error + Send + Sync>) -> Error {
        Error::Sink {
            file: self.file.clone(),
            source: e,
        }
    }

    fn merge(&mut self, out: ChunkOut) -> Result<()> {
        let t = &mut self.tally;
        t.rows_read += out.rows_read;
        let mut keep = Vec::with_capacity(out.hashes.len());
        let mut dups = 0u64;
        for h in &out.hashes {
            let new = self.known.insert(*h);
            dups += u64::from(!new);
            keep.push(new);
        }
        t.duplicates += dups;
        t.stored += out.hashes.len() as u64 - dups;
        for (line, k) in out.lines.into_iter().zip(&keep) {
            if *k && t.lines.len() < self.keep {
                t.lines.push(line);
            }
        }
        if let Some(batch) = out.batch {
            let batch = if dups > 0 {
                filter_record_batch(&batch, &BooleanArray::from(keep))
                    .map_err(|e| self.sink_err(Box::new(e)))?
            } else {
                batch
            };
            if batch.num_rows() > 0 {
                self.pending_rows += batch.num_rows();
                self.pending.push(batch);
            }
        }
        let t = &mut self.tally;
        t.quarantined += out.quarantine.len() as u64;
        for q in out.quarantine {
            *t.reasons.entry(q.reason_code.clone()).or_default() += 1;
            self.quarantine_bytes += q.raw.len();
            self.quarantine.push(&q);
            if t.quarantine_rows.len() < self.keep {
                t.quarantine_rows.push(q);
            }
        }
        self.progress.advance(out.bytes, out.rows_read);
        self.flush(false)
    }

    fn flush(&mut self, all: bool) -> Result<()> {
        if self.pending_rows >= self.batch_rows || (all && self.pending_rows > 0) {
            // Chunks go to the sink as they are: concatenating them would copy every value once more,
            // and the Parquet writer gathers rows into row groups by itself.
            // Slices share the chunk's buffers, so capping a batch at `batch_rows` copies nothing.
            for batch in std::mem::take(&mut self.pending) {
                let mut offset = 0;
                while offset < batch.num_rows() {
                    let len = self.batch_rows.min(batch.num_rows() - offset);
                    self.sink
                        .shipments(batch.slice(offset, len))
                        .map_err(|e| self.sink_err(e))?;
                    offset += len;
                }
            }
            self.pending_rows = 0;
        }
        let q = self.quarantine.len();
        if q > 0 && (all || q >= self.batch_rows || self.quarantine_bytes >= 64 << 20) {
            let batch = self.quarantine.finish();
            self.quarantine_bytes = 0;
            self.sink.quarantine(batch).map_err(|e| self.sink_err(e))?;
        }
        Ok(())
    }

    /// Runs every chunk of `source` through the workers and merges the results in order.
    /// Stops reading early once `limit` rows were read.
    pub fn run(
        &mut self,
        source: &mut dyn Source,
        ctx: Arc<FileCtx>,
        limit: Option<u64>,
    ) -> Result<()> {
        let keep_lines = self.keep > 0;
        if limit.is_some() {
            // Dry runs are small: process on this thread.
            while let Some(body) = source.next_body()? {
                self.merge(process_chunk(&ctx, body, keep_lines))?;
                if limit.is_some_and(|l| self.tally.rows_read >= l) {
                    break;
                }
            }
            return self.flush(true);
        }
        let max_inflight = rayon::current_num_threads() + 2;
        let mut inflight: VecDeque<mpsc::Receiver<ChunkOut>> = VecDeque::new();
        let internal = |file: &str| Error::Read {
            file: file.to_owned(),
            source: std::io::Error::other("a worker thread stopped unexpectedly"),
        };
        while let Some(body) = source.next_body()? {
            let (tx, rx) = mpsc::sync_channel(1);
            let ctx = Arc::clone(&ctx);
            rayon::spawn(move || {
                let _ = tx.send(process_chunk(&ctx, body, keep_lines));
            });
            inflight.push_back(rx);
            while inflight.len() >= max_inflight {
                let rx = inflight.pop_front().ok_or_else(|| internal(&self.file))?;
                let out = rx.recv().map_err(|_| internal(&self.file))?;
                self.merge(out)?;
            }
        }
        while let Some(rx) = inflight.pop_front() {
            let out = rx.recv().map_err(|_| internal(&self.file))?;
            self.merge(out)?;
        }
        self.flush(true)
    }
}
