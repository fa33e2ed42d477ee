//! The glue between the public entry points and the parts: choosing the format, opening the file,
//! settling the mapping and the row context, and running the pipeline.

use std::io::Read;
use std::path::Path;
use std::sync::Arc;

use crate::formats::{self, Counting, Opened};
use crate::normalise::RowCtx;
use crate::pipeline::{self, Merger};
use crate::plan;
use crate::values::{refs, text};
use crate::worker::FileCtx;
use crate::{
    Error, Field, FileReport, FileSection, Format, IngestOptions, KnownRecords, Mapping, Progress,
    Result, Sink, Values,
};

/// Decides the format: option, user mapping, extension, profile, then content.
pub(crate) fn choose_format(
    name: &str,
    opts: &IngestOptions,
    pre: Option<&Mapping>,
    prefix: &[u8],
) -> Format {
    let user = pre
        .filter(|m| m.builtin.is_none())
        .and_then(|m| m.file.format);
    let profile = pre
        .filter(|m| m.builtin.is_some())
        .and_then(|m| m.file.format);
    opts.format
        .or(user)
        .or_else(|| Format::from_extension(Path::new(name)))
        .or(profile.filter(|_| !prefix.starts_with(b"PAR1") && !prefix.starts_with(b"PK\x03\x04")))
        .unwrap_or_else(|| Format::sniff(prefix))
}

/// Opens text formats from a stream.
pub(crate) fn open_text<'a>(
    name: &str,
    reader: impl Read + 'a,
    format: Format,
    opts: &IngestOptions,
    pre: Option<&Mapping>,
) -> Result<Opened<'a>> {
    match format {
        Format::Csv | Format::Tsv => {
            formats::csv::open(name, reader, format, opts.encoding.as_deref(), pre)
        }
        Format::JsonLines => formats::jsonl::open(name, reader, opts.encoding.as_deref(), pre),
        Format::Parquet | Format::Xlsx => Err(Error::NotStreamable {
            file: name.to_owned(),
            format: format.name().to_owned(),
        }),
    }
}

/// Opens any format from a path; returns the opened file and a byte counter for text formats.
pub(crate) fn open_path<'a>(
    path: &Path,
    opts: &IngestOptions,
    pre: Option<&Mapping>,
) -> Result<(Opened<'a>, Option<std::rc::Rc<std::cell::Cell<u64>>>)> {
    let name = path.display().to_string();
    let open = || {
        std::fs::File::open(path).map_err(|e| Error::Open {
            path: path.to_owned(),
            source: e,
        })
    };
    let mut prefix = Vec::new();
    open()?
        .take(8)
        .read_to_end(&mut prefix)
        .map_err(|e| Error::Read {
            file: name.clone(),
            source: e,
        })?;
    let mut format = choose_format(&name, opts, pre, &prefix);
    if format == Format::Csv && opts.format.is_none() && Format::from_extension(path).is_none() {
        let mut head = Vec::new();
        let _ = open()?.take(4096).read_to_end(&mut head);
        format = Format::sniff(&head);
    }
    match format {
        Format::Parquet => Ok((formats::parquet::open(&name, path)?, None)),
        Format::Xlsx => Ok((formats::xlsx::open(&name, path, pre)?, None)),
        _ => {
            let (reader, count) = Counting::new(open()?);
            Ok((open_text(&name, reader, format, opts, pre)?, Some(count)))
        }
    }
}

/// Builds the row context and the effective mapping for an opened file.
fn setup(
    name: &str,
    opened: &Opened<'_>,
    opts: &IngestOptions,
    pre: Option<(Mapping, String)>,
) -> (FileCtx, Mapping, String, plan::ColumnPlan) {
    let (mapping, label) = pre.unwrap_or_else(|| plan::auto_mapping(&opened.headers));
    let plan = plan::resolve(&mapping, &opened.headers);
    let decimal = mapping.values.decimal.unwrap_or_default();
    let hint = plan::decimal_hint(&opened.sample, &plan.cols);
    let reporting = opts
        .reporting_country
        .as_deref()
        .or(mapping.defaults.reporting_country.as_deref());
    let row = RowCtx {
        dataset: opts.dataset.clone(),
        ingest_id: opts.ingest_id.clone(),
        source_file: name.to_owned(),
        licence: opts
            .licence
            .clone()
            .or_else(|| mapping.defaults.licence.clone()),
        headers: opened.headers.clone(),
        cols: plan.cols,
        fallback: plan.fallback,
        nulls: mapping.values.null.clone(),
        decimal,
        hint,
        date_format: mapping.values.date_format.clone(),
        reporting_country: reporting.and_then(refs::country_alpha2),
        default_direction: mapping
            .defaults
            .direction
            .as_deref()
            .and_then(text::normalise_direction),
        default_currency: mapping
            .defaults
            .currency
            .as_deref()
            .and_then(refs::currency_code),
        record_id_col: plan.record_id_col,
        max_field_bytes: opts.max_field_bytes,
        earliest_date: opts.earliest_date,
        latest_date: opts.latest_date,
    };
    let ctx = FileCtx {
        row,
        delim: opened.delim,
        decode: opened.decode,
        keys: opened.keys.clone(),
    };
    let text_format = matches!(opened.format, Format::Csv | Format::Tsv | Format::JsonLines);
    let effective = Mapping {
        file: FileSection {
            format: Some(opened.format),
            delimiter: matches!(opened.format, Format::Csv | Format::Tsv).then(|| {
                match opened.delim {
                    b'\t' => "\\t".to_owned(),
                    d => (d as char).to_string(),
                }
            }),
            encoding: text_format.then(|| opened.encoding.clone()),
            sheet: mapping.file.sheet.clone(),
            header_row: mapping.file.header_row,
        },
        defaults: mapping.defaults.clone(),
        values: Values {
            decimal: Some(mapping.values.decimal.or(hint).unwrap_or_default()),
            ..mapping.values.clone()
        },
        columns: plan
            .pairs
            .iter()
            .filter_map(|(f, h)| Some((Field::from_name(f)?, h.clone())))
            .collect(),
        builtin: None,
    };
    (ctx, effective, label, plan)
}

/// Runs an opened file through the pipeline.
#[allow(clippy::too_many_arguments)]
pub(crate) fn run(
    name: &str,
    mut opened: Opened<'_>,
    opts: &IngestOptions,
    pre: Option<(Mapping, String)>,
    known: &mut KnownRecords,
    sink: &mut dyn Sink,
    progress: &dyn Progress,
    limit: Option<u64>,
) -> Result<(FileReport, pipeline::Tally, Mapping)> {
    let (ctx, effective, label, plan) = setup(name, &opened, opts, pre);
    let date_cols: Vec<usize> = Field::ALL
        .iter()
        .filter(|f| f.is_date())
        .filter_map(|f| plan.cols[*f as usize])
        .collect();
    opened.source.set_date_columns(&date_cols);
    let keep = limit.map_or(0, |l| l as usize);
    let mut merger = Merger::new(
        name.to_owned(),
        known,
        sink,
        progress,
        opts.batch_rows,
        keep,
    );
    merger.run(opened.source.as_mut(), Arc::new(ctx), limit)?;
    let t = std::mem::take(&mut merger.tally);
    let report = FileReport {
        source_file: name.to_owned(),
        format: opened.format,
        encoding: opened.encoding.clone(),
        profile: label,
        mapping: plan.pairs,
        unmapped: plan.unmapped,
        rows_read: t.rows_read,
        stored: t.stored,
        quarantined: t.quarantined,
        duplicates: t.duplicates,
        reasons: t.reasons.clone(),
        bytes: 0,
    };
    Ok((report, t, effective))
}
