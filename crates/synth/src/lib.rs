//! Generates realistic, labelled synthetic customs worlds for the demo, the tests, the benchmarks and the evaluations.
//!
//! A world re-enacts the 2023 drone case in invented data: Chinese exporters, intermediaries in third countries and Russian buyers of drones,
//! inside a large background of ordinary trade, written as three declaration files with ground truth beside them.
//! The same [`WorldConfig`] always produces byte-identical files; see the crate README for the contents and the truth format.

#![warn(missing_docs)]

pub mod chains;
pub mod declarations;
pub mod describe;
pub mod entities;
pub mod geo;
pub mod goods;
pub mod malformed;
pub mod names;
pub mod planted;
pub mod registry;
pub mod render;
pub mod sample;
pub mod templates;
pub mod translit;
pub mod truth;
pub mod watchlist;
pub mod words;
pub mod writers;

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use declarations::{Ctx, Decl, FileKind};
use writers::Csv;

/// Version written into `world.json`.
pub const GENERATOR_VERSION: &str =
    concat!("tradetrail-synth ", env!("CARGO_PKG_VERSION"), " world-v1");

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct WorldConfig {
    /// Seed of every random draw.
    pub seed: u64,
    /// Target number of data rows over the three files.
    pub lines: u64,
    /// Use the held-out wording instead of the tuning wording.
    pub holdout: bool,
}

/// One written declaration file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WorldFile {
    /// Path of the file, relative to the output directory (so `world.json` does not depend on where the world was written).
    pub path: String,
    /// Built-in ingest profile to read it with, or `None` for auto-detection.
    pub profile: Option<String>,
    /// Suggested dataset name.
    pub dataset: String,
    /// Good data rows (header and malformed rows excluded).
    pub lines: u64,
    /// Malformed rows planted in the file (extra physical rows, listed in `truth/malformed.csv`).
    pub malformed: u64,
}

/// What a world contains; also written as `world.json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WorldSummary {
    /// Always true: the data is invented.
    pub synthetic: bool,
    /// Generator version.
    pub generator_version: String,
    /// The configuration.
    pub config: WorldConfig,
    /// Wording set used: `tuning` or `holdout`.
    pub template_set: String,
    /// The three declaration files.
    pub files: Vec<WorldFile>,
    /// Good data rows over all files (malformed rows not counted).
    pub lines: u64,
    /// Malformed rows planted over all files, extra physical rows listed in `truth/malformed.csv`.
    pub malformed: u64,
    /// Malformed rows per quarantine reason code.
    pub malformed_by_code: BTreeMap<String, u64>,
    /// Parties.
    pub entities: u64,
    /// Planted chains.
    pub chains: u64,
    /// Anomaly rows in `truth/anomalies.csv`.
    pub anomalies: u64,
    /// Anomaly rows per code.
    pub anomalies_by_code: BTreeMap<String, u64>,
    /// Rows per category (background rows count as `other`).
    pub lines_by_category: BTreeMap<String, u64>,
    /// Rows of complete drones.
    pub drone_lines: u64,
    /// Rows of hard negatives (look-alike goods).
    pub hard_negative_lines: u64,
    /// Declared value of drone rows per brand, USD.
    pub drone_value_usd_by_brand: BTreeMap<String, f64>,
    /// Entries on the synthetic watchlists in `watchlist/` (OFAC SDN CSV and FollowTheMoney), over both files.
    pub watchlist_entries: u64,
    /// Watchlist entries that list a world party (`same_entity` in `truth/watchlist.csv`).
    pub watchlist_planted: u64,
    /// Watchlist entries that resemble an unlisted world party but are another party.
    pub watchlist_lookalikes: u64,
    /// Watchlist entries that appear nowhere in the declarations.
    pub watchlist_filler: u64,
    /// Watchlist entries per list file.
    pub watchlist_entries_by_file: BTreeMap<String, u64>,
}

/// Why a world could not be generated.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Writing a file failed.
    #[error("writing the synthetic world failed: {0}")]
    Io(#[from] std::io::Error),
    /// Serialising the truth failed.
    #[error("serialising the synthetic world failed: {0}")]
    Json(#[from] serde_json::Error),
    /// The configuration cannot be generated.
    #[error("invalid world configuration: {0}")]
    Config(String),
}

/// Declarations with their rendered rows, in file order.
type Batch = Vec<(Decl, Vec<writers::Row>)>;

/// The drawing thread's end of the pipeline: fills batches, sends them to the writer and recycles the written ones.
struct Pipe {
    tx: std::sync::mpsc::SyncSender<Batch>,
    back: std::sync::mpsc::Receiver<Batch>,
    batch: Batch,
}

impl Pipe {
    /// Adds a declaration; sends the batch when full. False when the writer has stopped.
    fn push(&mut self, d: Decl, rows: Vec<writers::Row>) -> bool {
        self.batch.push((d, rows));
        self.batch.len() < BATCH || self.flush()
    }

    /// Sends the batch, if any, and takes an empty one, reusing a written batch when one came back. False when the writer has stopped.
    fn flush(&mut self) -> bool {
        if self.batch.is_empty() {
            return true;
        }
        let mut next = Vec::new();
        while let Ok(mut done) = self.back.try_recv() {
            done.clear();
            next = done;
        }
        if next.capacity() == 0 {
            next.reserve(BATCH);
        }
        self.tx
            .send(std::mem::replace(&mut self.batch, next))
            .is_ok()
    }
}

/// Declarations per batch handed from the drawing thread to the writer thread.
///
/// A batch is sent as soon as it is full, planted declarations included, so at most 17 batches are in flight whatever the world's size.
const BATCH: usize = 256;

fn scaled(n: u64, per: u64, lo: usize, hi: usize) -> usize {
    ((n / per) as usize).clamp(lo, hi)
}

struct Out {
    files: [Csv; 3],
    truth: truth::Truth,
    malformed: malformed::Planter,
    /// First and last shipment day per entity (first > last until it ships), for the watchlist's listing dates.
    spans: Vec<(i32, i32)>,
}

/// Generates a world into `out_dir`, calling `progress` with the rows written so far after each month.
pub fn generate(
    cfg: &WorldConfig,
    out_dir: &Path,
    progress: &dyn Fn(u64),
) -> Result<WorldSummary, Error> {
    if cfg.lines == 0 {
        return Err(Error::Config("lines must be at least 1".into()));
    }
    let tdir = out_dir.join("truth");
    fs_err::create_dir_all(&tdir)?;
    let set = templates::set(cfg.holdout);
    let pop = entities::build(&mut sample::stream(cfg.seed, "entities"), cfg.lines);
    let goods = goods::Goods::new();
    let n = cfg.lines;
    let mut pr = sample::stream(cfg.seed, "planted");
    let (chains, mut planted) = chains::plan(&mut pr, &pop, &goods, set, scaled(n, 4000, 4, 2000));
    let mut planter = planted::Planter {
        pop: &pop,
        goods: &goods,
        set,
        out: Vec::new(),
    };
    planter.brand_owners(&mut pr, scaled(n, 100_000, 0, 40));
    planter.structuring(&mut pr, scaled(n, 50_000, 2, 100));
    planter.ephemeral(&mut pr);
    planter.shells(&mut pr);
    planter.currency_shift(&mut pr, scaled(n, 50_000, 2, 100));
    planter.triangles(&mut pr, scaled(n, 20_000, 3, 300));
    planted.append(&mut planter.out);
    planted.sort_by_key(|d| geo::month_of(d.date));

    let out = Out {
        files: [
            Csv::create(
                &out_dir.join(FileKind::Vendor.file_name()),
                ',',
                false,
                writers::VENDOR_HEADERS,
            )?,
            Csv::create(
                &out_dir.join(FileKind::Customs.file_name()),
                ';',
                true,
                writers::CUSTOMS_HEADERS,
            )?,
            Csv::create(
                &out_dir.join(FileKind::Kz.file_name()),
                ';',
                false,
                writers::KZ_HEADERS,
            )?,
        ],
        truth: truth::Truth::create(&tdir)?,
        malformed: malformed::Planter::create(&tdir, sample::stream(cfg.seed, "malformed"))?,
        spans: vec![(i32::MAX, i32::MIN); pop.entities.len()],
    };
    let mut numbering = render::Numbering::default();
    // Two stages on two threads so the bytes do not depend on scheduling:
    // this thread draws and renders declarations in order with its own random streams, the writer writes them in the same order.
    // Written batches come back to this thread to be dropped here, so memory is freed by the thread that allocated it
    // (glibc's allocator otherwise contends on its arena lock for every cross-thread free).
    let (tx, rx) = std::sync::mpsc::sync_channel::<Batch>(16);
    let (back_tx, back_rx) = std::sync::mpsc::sync_channel::<Batch>(64);
    let mut render_rng = sample::stream(cfg.seed, "render");
    let (written, out, chains) =
        std::thread::scope(|scope| -> Result<(u64, Out, Vec<chains::Chain>), Error> {
            let pop = &pop;
            let writer = scope.spawn(move || -> Result<(Out, Vec<chains::Chain>), Error> {
                let mut out = out;
                let mut chains = chains;
                for batch in rx {
                    for (d, rows) in &batch {
                        emit(pop, set, &mut out, d, rows, &mut chains)?;
                    }
                    // If the drawing thread is gone or behind, the batch is simply dropped here.
                    let _ = back_tx.try_send(batch);
                }
                out.malformed.top_up(&mut out.files)?;
                Ok((out, chains))
            });
            let mut rng = sample::stream(cfg.seed, "flow");
            let ctx = Ctx {
                pop,
                goods: &goods,
                set,
            };
            let weights: Vec<f64> = (0..geo::MONTHS).map(|m| 1.0 + m as f64 * 0.012).collect();
            let total: f64 = weights.iter().sum();
            let (mut written, mut cum) = (0u64, 0.0);
            let mut planted = planted.into_iter().peekable();
            let mut pipe = Pipe {
                tx,
                back: back_rx,
                batch: Vec::with_capacity(BATCH),
            };
            for (m, w) in weights.iter().enumerate() {
                cum += w;
                let target = (n as f64 * cum / total).round() as u64;
                while let Some(d) = planted.next_if(|d| geo::month_of(d.date) == m) {
                    written += d.items.len() as u64;
                    let rows = render::declaration(&mut render_rng, pop, set, &mut numbering, &d);
                    if !pipe.push(d, rows) {
                        break;
                    }
                }
                while written < target {
                    let mut d = declarations::random(&mut rng, &ctx, m);
                    d.items.truncate((target - written) as usize);
                    written += d.items.len() as u64;
                    let rows = render::declaration(&mut render_rng, pop, set, &mut numbering, &d);
                    if !pipe.push(d, rows) {
                        break;
                    }
                }
                if !pipe.flush() {
                    break;
                }
                progress(written);
            }
            drop(pipe);
            let (out, chains) = writer
                .join()
                .map_err(|_| Error::Config("the writer thread panicked".into()))??;
            Ok((written, out, chains))
        })?;

    let Out {
        files,
        truth,
        malformed,
        spans,
    } = out;
    let mut world_files = Vec::new();
    for ((csv, kind), bad) in files
        .into_iter()
        .zip([FileKind::Vendor, FileKind::Customs, FileKind::Kz])
        .zip(malformed.per_file)
    {
        let rows = csv.line - 1 - bad;
        csv.finish()?;
        let (profile, dataset) = match kind {
            FileKind::Vendor => (Some("ru-vendor".to_string()), "synth-ru-vendor"),
            FileKind::Customs => (Some("ru-customs".to_string()), "synth-ru-customs"),
            FileKind::Kz => (None, "synth-kz-imports"),
        };
        world_files.push(WorldFile {
            path: kind.file_name().to_string(),
            profile,
            dataset: dataset.into(),
            lines: rows,
            malformed: bad,
        });
    }
    let listed = watchlist::generate(cfg.seed, n, &pop, &chains, &spans, out_dir)?;
    let truth::Truth {
        by_code: mut_code,
        drone_value,
        drone_lines,
        by_category,
        hard_negatives,
        ..
    } = &truth;
    let (mut by_code, drone_value, drone_lines, by_category, hard_negatives) = (
        mut_code.clone(),
        drone_value.clone(),
        *drone_lines,
        by_category.clone(),
        *hard_negatives,
    );
    truth.finish()?;
    let listed_lines = truth::append_listed(&tdir, &pop, &listed.listed_parties)?;
    if listed_lines > 0 {
        by_code.insert("listed_party", listed_lines);
    }
    let summary = WorldSummary {
        synthetic: true,
        generator_version: GENERATOR_VERSION.into(),
        config: *cfg,
        template_set: set.name.into(),
        files: world_files,
        lines: written,
        malformed: malformed.per_file.iter().sum(),
        malformed_by_code: malformed
            .by_code
            .iter()
            .map(|(k, v)| (k.to_string(), *v))
            .collect(),
        entities: pop.entities.len() as u64,
        chains: chains.len() as u64,
        anomalies: by_code.values().sum(),
        anomalies_by_code: by_code.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
        lines_by_category: by_category
            .iter()
            .map(|(k, v)| (k.to_string(), *v))
            .collect(),
        drone_lines,
        hard_negative_lines: hard_negatives,
        drone_value_usd_by_brand: drone_value
            .iter()
            .map(|(k, v)| (k.clone(), (v * 100.0).round() / 100.0))
            .collect(),
        watchlist_entries: listed.entries,
        watchlist_planted: listed.planted,
        watchlist_lookalikes: listed.lookalikes,
        watchlist_filler: listed.filler,
        watchlist_entries_by_file: listed.by_file,
    };
    malformed.close()?;
    truth::write_entities(&tdir, &pop)?;
    truth::write_chains(&tdir, &chains)?;
    fs_err::write(out_dir.join("README.txt"), truth::README)?;
    let mut json = serde_json::to_string_pretty(&summary)?;
    json.push('\n');
    fs_err::write(out_dir.join("world.json"), json)?;
    Ok(summary)
}

/// Writes a rendered declaration and its truth (writer thread).
fn emit(
    pop: &entities::Population,
    set: &templates::TemplateSet,
    out: &mut Out,
    d: &Decl,
    rows: &[writers::Row],
    chains: &mut [chains::Chain],
) -> Result<(), Error> {
    let fi = d.file as usize;
    let file_name = d.file.file_name();
    for party in [d.sender, d.recipient] {
        let span = &mut out.spans[party as usize];
        *span = (span.0.min(d.date), span.1.max(d.date));
    }
    for (k, (it, row)) in d.items.iter().zip(rows).enumerate() {
        let line = out.files[fi].text(&row.text)?;
        out.malformed.after(fi, &row.text, &mut out.files[fi])?;
        out.truth.row(
            pop,
            set.name,
            file_name,
            line,
            &row.record_id,
            d,
            it,
            &row.mentions,
        )?;
        if k == 0
            && let Some((c, h)) = d.chain
        {
            chains[c as usize].hops[h].line = Some(line);
        }
    }
    Ok(())
}
