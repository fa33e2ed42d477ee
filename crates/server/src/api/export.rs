//! Exports and ad-hoc SQL: a table or a read-only query streamed as CSV (safe from spreadsheet formula injection) or Parquet, and a bounded JSON page of a query.
//!
//! Streams are produced batch by batch from DataFusion, so an export's memory is bounded by a batch, not by the table.

use std::io::Write;
use std::sync::{Arc, Mutex};

use arrow::datatypes::SchemaRef;
use arrow::record_batch::RecordBatch;
use arrow::util::display::{ArrayFormatter, FormatOptions};
use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Json, Response};
use futures::StreamExt;
use parquet::arrow::ArrowWriter;
use serde::Deserialize;
use serde_json::{Value, json};
use tradetrail_store::Table;

use super::{Q, data, page};
use crate::{ApiError, AppState};

/// Makes a CSV cell safe to open in a spreadsheet: text starting with `=`, `+`, `-`, `@`, tab or carriage return gets a leading apostrophe, so it is never run as a formula.
pub fn defuse(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

/// Writes batches as CSV rows (header first) with every cell defused.
pub struct CsvRows {
    header_done: bool,
}

impl CsvRows {
    fn new() -> CsvRows {
        CsvRows { header_done: false }
    }

    /// The CSV text of one batch (and of the header before the first).
    pub fn encode(&mut self, schema: &SchemaRef, batch: &RecordBatch) -> Result<Vec<u8>, ApiError> {
        let mut w = csv::Writer::from_writer(Vec::new());
        let err = |e: csv::Error| ApiError::Internal(format!("csv: {e}"));
        if !self.header_done {
            w.write_record(
                schema
                    .fields()
                    .iter()
                    .map(|f| defuse(f.name()).into_owned()),
            )
            .map_err(err)?;
            self.header_done = true;
        }
        let options = FormatOptions::default().with_null("");
        let formatters = batch
            .columns()
            .iter()
            .map(|c| ArrayFormatter::try_new(c.as_ref(), &options))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| ApiError::Internal(format!("csv: {e}")))?;
        let mut record: Vec<String> = Vec::with_capacity(formatters.len());
        for row in 0..batch.num_rows() {
            record.clear();
            for f in &formatters {
                let text = f.value(row).to_string();
                record.push(defuse(&text).into_owned());
            }
            w.write_record(&record).map_err(err)?;
        }
        w.into_inner()
            .map_err(|e| ApiError::Internal(format!("csv: {e}")))
    }
}

/// A `Write` whose bytes are taken out after each batch and sent down the response.
#[derive(Clone, Default)]
struct Shared(Arc<Mutex<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .map_err(|_| std::io::Error::other("poisoned"))?
            .extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Shared {
    fn take(&self) -> Vec<u8> {
        self.0
            .lock()
            .map(|mut b| std::mem::take(&mut *b))
            .unwrap_or_default()
    }
}

/// Export file formats.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Comma-separated values with a header row.
    Csv,
    /// Apache Parquet.
    Parquet,
}

async fn stream(
    state: &AppState,
    sql: &str,
    format: Format,
    name: &str,
) -> Result<Response, ApiError> {
    let df = data(state)?.frame(sql).await?;
    let schema: SchemaRef = Arc::new(df.schema().as_arrow().clone());
    let batches = df
        .execute_stream()
        .await
        .map_err(|e| ApiError::Internal(format!("export: {e}")))?;
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<Bytes, std::io::Error>>(4);
    tokio::spawn(async move {
        let mut batches = batches;
        let mut csv = CsvRows::new();
        let sink = Shared::default();
        let mut parquet = match format {
            Format::Parquet => ArrowWriter::try_new(sink.clone(), schema.clone(), None).ok(),
            Format::Csv => None,
        };
        let send = |bytes: Vec<u8>| {
            let tx = tx.clone();
            async move { bytes.is_empty() || tx.send(Ok(Bytes::from(bytes))).await.is_ok() }
        };
        if format == Format::Csv {
            let head = RecordBatch::new_empty(schema.clone());
            if let Ok(b) = csv.encode(&schema, &head)
                && !send(b).await
            {
                return;
            }
        }
        while let Some(batch) = batches.next().await {
            let bytes = match (batch, &mut parquet) {
                (Err(e), _) => Err(std::io::Error::other(e.to_string())),
                (Ok(b), None) => csv
                    .encode(&schema, &b)
                    .map_err(|e| std::io::Error::other(e.to_string())),
                (Ok(b), Some(w)) => w
                    .write(&b)
                    .and_then(|_| w.flush())
                    .map(|_| sink.take())
                    .map_err(|e| std::io::Error::other(e.to_string())),
            };
            match bytes {
                Ok(b) => {
                    if !send(b).await {
                        return;
                    }
                }
                Err(e) => {
                    let _ = tx.send(Err(e)).await;
                    return;
                }
            }
        }
        if let Some(w) = parquet {
            match w.close() {
                Ok(_) => {
                    let _ = send(sink.take()).await;
                }
                Err(e) => {
                    let _ = tx.send(Err(std::io::Error::other(e.to_string()))).await;
                }
            }
        }
    });
    let body = Body::from_stream(futures::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|item| (item, rx))
    }));
    let (mime, ext) = match format {
        Format::Csv => ("text/csv; charset=utf-8", "csv"),
        Format::Parquet => ("application/vnd.apache.parquet", "parquet"),
    };
    Ok((
        [
            (header::CONTENT_TYPE, mime.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}.{ext}\""),
            ),
        ],
        body,
    )
        .into_response())
}

/// Parameters of an export.
#[derive(Debug, Deserialize)]
pub struct ExportQuery {
    /// csv (default) or parquet.
    format: Option<Format>,
}

/// `GET /api/export/{table}`: a whole table in its natural order.
pub async fn table(
    State(state): State<Arc<AppState>>,
    Path(name): Path<String>,
    Q(p): Q<ExportQuery>,
) -> Result<Response, ApiError> {
    let order = match (name.as_str(), Table::from_name(&name)) {
        (_, Some(t)) => t.order_by(),
        ("ingests", None) => "ingest_id",
        ("imports", None) => "import_id",
        (other, None) => {
            return Err(ApiError::NotFound(format!(
                "no table {other:?}; tables are shipments, quarantine, list_entries, list_names, import_issues, hs_codes, hs_correlation, components, classifications, party_mentions, entities, screening_hits, findings, ingests, imports"
            )));
        }
    };
    let sql = format!("SELECT * FROM {name} ORDER BY {order}");
    stream(&state, &sql, p.format.unwrap_or(Format::Csv), &name).await
}

/// Parameters of a query export.
#[derive(Debug, Deserialize)]
pub struct SqlExport {
    /// One read-only SQL statement.
    sql: String,
    format: Option<Format>,
}

/// `GET /api/export?sql=`: the result of a read-only query.
pub async fn sql(
    State(state): State<Arc<AppState>>,
    Q(p): Q<SqlExport>,
) -> Result<Response, ApiError> {
    if p.sql.trim().is_empty() {
        return Err(ApiError::BadRequest(
            "sql: give one SELECT statement".into(),
        ));
    }
    stream(&state, &p.sql, p.format.unwrap_or(Format::Csv), "query").await
}

/// Parameters of `GET /api/query`.
#[derive(Debug, Deserialize)]
pub struct QueryParams {
    /// One read-only SQL statement.
    sql: String,
    /// Most rows returned.
    limit: Option<usize>,
}

/// `GET /api/query?sql=`: the first rows of a read-only query as JSON.
pub async fn query(
    State(state): State<Arc<AppState>>,
    Q(p): Q<QueryParams>,
) -> Result<Json<Value>, ApiError> {
    let (limit, _) = page(&state, p.limit, None, 100)?;
    let sql = p.sql.trim().trim_end_matches(';');
    if sql.is_empty() {
        return Err(ApiError::BadRequest(
            "sql: give one SELECT statement".into(),
        ));
    }
    let rows = data(&state)?
        .rows(&format!("SELECT * FROM ({sql}) AS q LIMIT {limit}"))
        .await?;
    Ok(Json(json!({ "limit": limit, "rows": rows })))
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow::array::StringArray;
    use arrow::datatypes::{DataType, Field, Schema};

    #[test]
    fn cells_a_spreadsheet_would_run_get_an_apostrophe() {
        for (cell, want) in [
            ("=1+2", "'=1+2"),
            ("+7", "'+7"),
            ("-3", "'-3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("ООО «ТРАНСПРО»", "ООО «ТРАНСПРО»"),
            ("", ""),
        ] {
            assert_eq!(defuse(cell), want);
        }
        let schema: SchemaRef =
            Arc::new(Schema::new(vec![Field::new("=name", DataType::Utf8, true)]));
        let batch = RecordBatch::try_new(
            schema.clone(),
            vec![Arc::new(StringArray::from(vec![
                Some("=cmd|' /C calc'!A0"),
                None,
                Some("a,b"),
            ]))],
        )
        .unwrap();
        let mut rows = CsvRows::new();
        let text = String::from_utf8(rows.encode(&schema, &batch).unwrap()).unwrap();
        assert_eq!(text, "'=name\n'=cmd|' /C calc'!A0\n\"\"\n\"a,b\"\n");
    }
}
