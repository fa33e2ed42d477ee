//! SQL over the workspace with Apache DataFusion, and exports of any table or query to CSV, Parquet or JSON Lines.
//!
//! Tables registered in every session:
//! - `shipments`: canonical shipment lines (the manifest's shipment parts);
//! - `quarantine`: rows that were not stored, with file, line and reason;
//! - `ingests`: one row per committed ingest, with its counts;
//! - `list_entries`, `list_names`, `import_issues`, `hs_codes`, `hs_correlation`, `components`: imported lists and references;
//! - `imports`: one row per list or reference import in force.

use std::path::Path;
use std::sync::Arc;

use arrow::array::{ArrayRef, StringArray, UInt64Array};
use arrow::datatypes::{DataType, Field, Schema, SchemaRef};
use arrow::record_batch::RecordBatch;
use datafusion::datasource::MemTable;
use datafusion::datasource::file_format::parquet::ParquetFormat;
use datafusion::datasource::listing::{
    ListingOptions, ListingTable, ListingTableConfig, ListingTableUrl,
};
use datafusion::prelude::{SessionConfig, SessionContext};
use futures::StreamExt;
use parquet::arrow::ArrowWriter;

use crate::manifest::Table;
use crate::workspace::Workspace;
use crate::{Error, Result};

/// File formats for `tradetrail export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// Comma-separated values with a header row.
    Csv,
    /// Apache Parquet.
    Parquet,
    /// One JSON object per line.
    JsonLines,
}

impl Workspace {
    /// A DataFusion session with the workspace's tables registered.
    pub async fn session(&self) -> Result<SessionContext> {
        let config = SessionConfig::new().with_information_schema(true);
        let ctx = SessionContext::new_with_config(config);
        self.register_tables(&ctx)?;
        Ok(ctx)
    }

    /// Registers the workspace's tables into a session made elsewhere (one with extra functions, or one whose plans run on a cluster).
    ///
    /// Parquet tables are registered by absolute path, so every process that executes the plan must see the workspace at the same path.
    pub fn register_tables(&self, ctx: &SessionContext) -> Result<()> {
        for table in Table::ALL {
            let schema = table.schema();
            let urls = self
                .manifest()
                .files(table)
                .map(|f| {
                    let path = self.part_path(&f.path);
                    let absolute = std::path::absolute(&path)?;
                    ListingTableUrl::parse(absolute.to_string_lossy()).map_err(Error::from)
                })
                .collect::<Result<Vec<_>>>()?;
            if urls.is_empty() {
                let empty = MemTable::try_new(schema, vec![vec![]])?;
                ctx.register_table(table.name(), Arc::new(empty))?;
            } else {
                let options = ListingOptions::new(Arc::new(ParquetFormat::default()))
                    .with_file_extension(".parquet");
                let config = ListingTableConfig::new_with_multi_paths(urls)
                    .with_listing_options(options)
                    .with_schema(schema);
                ctx.register_table(table.name(), Arc::new(ListingTable::try_new(config)?))?;
            }
        }
        let ingests = self.ingests_batch()?;
        ctx.register_table(
            "ingests",
            Arc::new(MemTable::try_new(ingests.schema(), vec![vec![ingests]])?),
        )?;
        let imports = self.imports_batch()?;
        ctx.register_table(
            "imports",
            Arc::new(MemTable::try_new(imports.schema(), vec![vec![imports]])?),
        )?;
        Ok(())
    }

    /// Runs one SQL statement and collects its result.
    pub async fn query(&self, sql: &str) -> Result<Vec<RecordBatch>> {
        let ctx = self.session().await?;
        Ok(ctx.sql(sql).await?.collect().await?)
    }

    /// Streams the result of `sql` into `out` in the given format; returns the number of rows written.
    pub async fn export_sql(&self, sql: &str, format: ExportFormat, out: &Path) -> Result<u64> {
        let ctx = self.session().await?;
        let df = ctx.sql(sql).await?;
        let schema: SchemaRef = Arc::new(df.schema().as_arrow().clone());
        let mut stream = df.execute_stream().await?;
        let file = std::io::BufWriter::new(fs_err::File::create(out)?);
        let mut rows = 0u64;
        match format {
            ExportFormat::Csv => {
                let mut writer = arrow::csv::WriterBuilder::new()
                    .with_header(true)
                    .build(file);
                while let Some(batch) = stream.next().await {
                    let batch = batch?;
                    rows += batch.num_rows() as u64;
                    writer.write(&batch)?;
                }
            }
            ExportFormat::JsonLines => {
                let mut writer = arrow::json::LineDelimitedWriter::new(file);
                while let Some(batch) = stream.next().await {
                    let batch = batch?;
                    rows += batch.num_rows() as u64;
                    writer.write(&batch)?;
                }
                writer.finish()?;
            }
            ExportFormat::Parquet => {
                let parquet_err = |source| Error::Parquet {
                    path: out.to_owned(),
                    source,
                };
                let mut writer = ArrowWriter::try_new(file, schema, None).map_err(parquet_err)?;
                while let Some(batch) = stream.next().await {
                    let batch = batch?;
                    rows += batch.num_rows() as u64;
                    writer.write(&batch).map_err(parquet_err)?;
                }
                writer.close().map_err(parquet_err)?;
            }
        }
        Ok(rows)
    }

    /// Streams a whole table, in source order, into `out`; source record ids are kept so results join back to the input.
    pub async fn export_table(&self, table: &str, format: ExportFormat, out: &Path) -> Result<u64> {
        let order = match (table, Table::from_name(table)) {
            (_, Some(t)) => t.order_by(),
            ("ingests", None) => "ingest_id",
            ("imports", None) => "import_id",
            (other, None) => return Err(Error::UnknownTable(other.to_owned())),
        };
        self.export_sql(
            &format!("SELECT * FROM {table} ORDER BY {order}"),
            format,
            out,
        )
        .await
    }

    fn imports_batch(&self) -> Result<RecordBatch> {
        let imports = &self.manifest().imports;
        let text = |f: &dyn Fn(&crate::ImportRecord) -> String| -> ArrayRef {
            Arc::new(StringArray::from(imports.iter().map(f).collect::<Vec<_>>()))
        };
        let schema = Arc::new(Schema::new(vec![
            Field::new("import_id", DataType::Utf8, false),
            Field::new("kind", DataType::Utf8, false),
            Field::new("name", DataType::Utf8, false),
            Field::new("format", DataType::Utf8, false),
            Field::new("source", DataType::Utf8, false),
            Field::new("source_digest", DataType::Utf8, false),
            Field::new("version", DataType::Utf8, true),
            Field::new("rows", DataType::Utf8, false),
            Field::new("issues", DataType::UInt64, false),
        ]));
        let columns: Vec<ArrayRef> = vec![
            text(&|i| i.import_id.clone()),
            text(&|i| i.kind.clone()),
            text(&|i| i.name.clone()),
            text(&|i| i.format.clone()),
            text(&|i| i.source.clone()),
            text(&|i| i.source_digest.clone()),
            Arc::new(StringArray::from(
                imports
                    .iter()
                    .map(|i| i.version.clone())
                    .collect::<Vec<_>>(),
            )),
            text(&|i| serde_json::to_string(&i.rows).expect("a map of counts serialises")),
            Arc::new(UInt64Array::from(
                imports.iter().map(|i| i.issues).collect::<Vec<_>>(),
            )),
        ];
        Ok(RecordBatch::try_new(schema, columns)?)
    }

    fn ingests_batch(&self) -> Result<RecordBatch> {
        let ingests = &self.manifest().ingests;
        let text = |f: &dyn Fn(&crate::IngestRecord) -> String| -> ArrayRef {
            Arc::new(StringArray::from(ingests.iter().map(f).collect::<Vec<_>>()))
        };
        let count = |f: &dyn Fn(&crate::IngestRecord) -> u64| -> ArrayRef {
            Arc::new(UInt64Array::from(ingests.iter().map(f).collect::<Vec<_>>()))
        };
        let schema = Arc::new(Schema::new(vec![
            Field::new("ingest_id", DataType::Utf8, false),
            Field::new("dataset", DataType::Utf8, false),
            Field::new("source_file", DataType::Utf8, false),
            Field::new("source_digest", DataType::Utf8, false),
            Field::new("format", DataType::Utf8, false),
            Field::new("encoding", DataType::Utf8, false),
            Field::new("profile", DataType::Utf8, false),
            Field::new("licence", DataType::Utf8, false),
            Field::new("bytes", DataType::UInt64, false),
            Field::new("rows_read", DataType::UInt64, false),
            Field::new("stored", DataType::UInt64, false),
            Field::new("quarantined", DataType::UInt64, false),
            Field::new("duplicates", DataType::UInt64, false),
        ]));
        let columns = vec![
            text(&|i| i.ingest_id.clone()),
            text(&|i| i.dataset.clone()),
            text(&|i| i.source_file.clone()),
            text(&|i| i.source_digest.clone()),
            text(&|i| i.format.clone()),
            text(&|i| i.encoding.clone()),
            text(&|i| i.profile.clone()),
            text(&|i| i.licence.clone().unwrap_or_default()),
            count(&|i| i.bytes),
            count(&|i| i.rows_read),
            count(&|i| i.stored),
            count(&|i| i.quarantined),
            count(&|i| i.duplicates),
        ];
        Ok(RecordBatch::try_new(schema, columns)?)
    }
}

/// Renders batches as a text table for the terminal.
pub fn batches_to_table(batches: &[RecordBatch]) -> String {
    arrow::util::pretty::pretty_format_batches(batches)
        .map(|t| t.to_string())
        .unwrap_or_default()
}
