//! Ground truth in `out_dir/truth/`: lines, mentions and anomalies streamed as rows are written; entities, chains and the world summary at the end.
//!
//! `line` is always the 1-based physical line of the row in its file (header = line 1), the key later stages join on.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;

use crate::chains::Chain;
use crate::declarations::Decl;
use crate::entities::Population;
use crate::geo;
use crate::goods::Item;
use crate::writers::{Csv, Line, Mention};

const LINE_HEADERS: &[&str] = &[
    "file",
    "line",
    "record_id_in_file",
    "date",
    "class",
    "product_id",
    "category",
    "brand",
    "model",
    "is_hard_negative",
    "true_hs6",
    "declared_hs6",
    "hs_version",
    "true_unit_value_usd",
    "declared_value_usd",
    "quantity_true",
    "quantity_declared",
    "description_template_set",
    "description_template",
    "sender_entity",
    "recipient_entity",
    "chain_id",
];

/// The streaming truth writers and running counts.
pub struct Truth {
    lines: Csv,
    mentions: Csv,
    anomalies: Csv,
    buf: Line,
    /// Anomaly rows per code.
    pub by_code: BTreeMap<&'static str, u64>,
    /// Declared value of drone lines per brand, USD.
    pub drone_value: BTreeMap<String, f64>,
    /// Number of drone lines.
    pub drone_lines: u64,
    /// Lines per category.
    pub by_category: BTreeMap<&'static str, u64>,
    /// Hard-negative lines.
    pub hard_negatives: u64,
}

impl Truth {
    /// Creates the streaming truth files.
    pub fn create(dir: &Path) -> std::io::Result<Self> {
        Ok(Self {
            lines: Csv::create(&dir.join("lines.csv"), ',', false, LINE_HEADERS)?,
            mentions: Csv::create(
                &dir.join("mentions.csv"),
                ',',
                false,
                &[
                    "file",
                    "line",
                    "record_id_in_file",
                    "role",
                    "column",
                    "name",
                    "entity_id",
                    "script",
                ],
            )?,
            anomalies: Csv::create(
                &dir.join("anomalies.csv"),
                ',',
                false,
                &["file", "line", "code", "detail"],
            )?,
            buf: Line::new(',', false),
            by_code: BTreeMap::new(),
            drone_value: BTreeMap::new(),
            drone_lines: 0,
            by_category: BTreeMap::new(),
            hard_negatives: 0,
        })
    }

    /// Records one written row.
    #[allow(clippy::too_many_arguments)]
    pub fn row(
        &mut self,
        pop: &Population,
        set: &str,
        file: &str,
        line: u64,
        rid: &str,
        d: &Decl,
        it: &Item,
        mentions: &[Mention],
    ) -> std::io::Result<()> {
        let p = it.product;
        let hard = p.is_some_and(|p| p.is_hard_negative());
        *self.by_category.entry(it.category).or_default() += 1;
        self.hard_negatives += u64::from(hard);
        if it.category == "drone" {
            self.drone_lines += 1;
            *self
                .drone_value
                .entry(p.map_or(String::new(), |p| p.brand.clone()))
                .or_default() += it.declared_usd;
        }
        let b = &mut self.buf;
        b.clear();
        b.cell(file);
        b.with(|s| {
            let _ = write!(s, "{line}");
        });
        b.cell(rid);
        b.with(|s| geo::push_iso_date(d.date, s));
        b.cell(&it.class);
        b.cell(p.map_or("", |p| p.id.as_str()));
        b.cell(it.category);
        b.cell(p.map_or("", |p| p.brand.as_str()));
        b.cell(p.map_or("", |p| p.model.as_str()));
        b.cell(if hard { "true" } else { "false" });
        b.cell(&it.true_hs6);
        b.cell(&it.declared_hs[..6]);
        b.cell(it.hs_version);
        b.with(|s| {
            let _ = write!(s, "{:.2}", it.true_unit_usd);
        });
        b.with(|s| {
            let _ = write!(s, "{:.2}", it.declared_usd);
        });
        b.with(|s| {
            let _ = write!(s, "{}", it.qty_true);
        });
        b.with(|s| {
            let _ = write!(s, "{}", it.qty_declared);
        });
        b.cell(if it.desc.template == "background" {
            ""
        } else {
            set
        });
        b.cell(&it.desc.template);
        b.cell(pop.get(d.sender).tag());
        b.cell(pop.get(d.recipient).tag());
        b.with(|s| {
            if let Some((c, _)) = d.chain {
                let _ = write!(s, "C{c:05}");
            }
        });
        self.lines.text(b.finish())?;
        // The prefix `file,line,record_id,` is shared by the row's mentions and anomalies.
        b.clear();
        b.cell(file);
        b.with(|s| {
            let _ = write!(s, "{line}");
        });
        let anomaly_prefix = b.mark();
        b.cell(rid);
        let mention_prefix = b.mark();
        for (role, column, name, e) in mentions {
            b.reset(mention_prefix);
            b.cell(role);
            b.cell(column);
            b.cell(name);
            b.cell(pop.get(*e).tag());
            b.cell(crate::translit::script(name));
            self.mentions.text(b.finish())?;
        }
        for (code, detail) in it.anomalies.iter().chain(d.anomalies.iter()) {
            *self.by_code.entry(code).or_default() += 1;
            b.reset(anomaly_prefix);
            b.cell(code);
            b.cell(detail);
            self.anomalies.text(b.finish())?;
        }
        Ok(())
    }

    /// Flushes the streaming files.
    pub fn finish(self) -> std::io::Result<()> {
        self.lines.finish()?;
        self.mentions.finish()?;
        self.anomalies.finish()
    }
}

/// Appends a `listed_party` anomaly to `anomalies.csv` for every line of `lines.csv` whose sender or recipient is a listed world entity; returns the rows added.
///
/// Runs after the watchlist is planned, which needs every party's shipment dates, so it reads the finished `lines.csv` back instead of changing any earlier row.
pub fn append_listed(
    dir: &Path,
    pop: &Population,
    listed: &BTreeMap<u32, i32>,
) -> Result<u64, crate::Error> {
    if listed.is_empty() {
        return Ok(0);
    }
    let by_tag: BTreeMap<&str, i32> = listed
        .iter()
        .map(|(&id, &d)| (pop.get(id).tag(), d))
        .collect();
    let mut reader = csv::Reader::from_path(dir.join("lines.csv"))
        .map_err(|e| crate::Error::Config(format!("reading truth/lines.csv: {e}")))?;
    let mut out = std::io::BufWriter::new(
        fs_err::OpenOptions::new()
            .append(true)
            .open(dir.join("anomalies.csv"))?,
    );
    let mut added = 0;
    for rec in reader.records() {
        let rec = rec.map_err(|e| crate::Error::Config(format!("reading truth/lines.csv: {e}")))?;
        for (role, col) in [("sender", 19), ("recipient", 20)] {
            let Some(&d) = by_tag.get(&rec[col]) else {
                continue;
            };
            let when = if &rec[3] > geo::iso_date(d).as_str() {
                "after"
            } else {
                "on or before"
            };
            writeln!(
                out,
                "{},{},listed_party,{role} {} listed {}: line {when} the listing",
                &rec[0],
                &rec[1],
                &rec[col],
                geo::iso_date(d)
            )?;
            added += 1;
            break;
        }
    }
    out.flush()?;
    Ok(added)
}

/// Writes `entities.csv`.
pub fn write_entities(dir: &Path, pop: &Population) -> std::io::Result<()> {
    let headers = [
        "entity_id",
        "kind",
        "canonical_name",
        "local_name",
        "country",
        "identifiers",
        "address",
        "phone",
        "roles",
        "is_shell",
        "shell_group",
        "active_from",
        "active_to",
        "brand",
        "lookalike_of",
    ];
    let mut csv = Csv::create(&dir.join("entities.csv"), ',', false, &headers)?;
    for e in &pop.entities {
        let ids = e
            .ids
            .iter()
            .map(|(s, v)| format!("{s}:{v}"))
            .collect::<Vec<_>>()
            .join(";");
        csv.row(&[
            e.tag().to_string(),
            e.kind.to_string(),
            e.canonical.clone(),
            e.local.clone().unwrap_or_default(),
            e.country.to_string(),
            ids,
            e.address.clone(),
            e.phone.clone(),
            e.roles.join("|"),
            e.shell_group.is_some().to_string(),
            e.shell_group.map_or(String::new(), |g| g.to_string()),
            geo::iso_date(e.active.0),
            geo::iso_date(e.active.1),
            e.brand.unwrap_or("").to_string(),
            e.lookalike_of
                .map_or(String::new(), |l| pop.get(l).tag().to_string()),
        ])?;
    }
    csv.finish()
}

/// Writes `chains.jsonl`, one chain per line in chain-id order.
pub fn write_chains(dir: &Path, chains: &[Chain]) -> Result<(), crate::Error> {
    let mut out = std::io::BufWriter::new(fs_err::File::create(dir.join("chains.jsonl"))?);
    for c in chains {
        serde_json::to_writer(&mut out, c)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}

/// The text of `README.txt` in the output directory.
pub const README: &str = "\
THIS IS SYNTHETIC DATA generated by tradetrail-synth. It is not real customs data.

Every company, person, address, identifier, declaration and value in these files is invented,
except the names of real brand owners (e.g. SZ DJI TECHNOLOGY CO LTD, AUTEL ROBOTICS CO LTD, MUGIN LIMITED),
which appear as manufacturers and exporters because the world re-enacts a publicly reported case
(NYT, 21 March 2023). Their rows here are synthetic: they do not describe real shipments.
Synthetic company names are assembled from word parts; any resemblance to a real company is a coincidence.

Files: ru_vendor.csv (ru-vendor profile), ru_customs.csv (ru-customs profile, Windows-1251),
kz_imports.csv (Kazakh imports, auto-detected), truth/ (ground truth), world.json (summary, \"synthetic\": true).

watchlist/ holds SYNTHETIC WATCHLISTS, NOT REAL SANCTIONS LISTS: watchlist/ofac-sdn/ is written in the
layout of OFAC's SDN legacy CSV and watchlist/synthetic.ftm.jsonl in FollowTheMoney JSON lines, so screening
can be shown without any real list. No entry is a real designation; ent_num values start at 900001.
truth/watchlist.csv says which entries list a world party (same_entity), only resemble one (lookalike)
or are invented filler.

The declaration files also hold a few MALFORMED ROWS on purpose (about 0.1% of lines, at least 3 per file),
as real vendor exports do: bad numbers, short rows, impossible dates and, in the UTF-8 files, Windows-1251 bytes.
truth/malformed.csv lists them (file, line, reason_code, detail); an ingest should quarantine exactly those rows.
";
