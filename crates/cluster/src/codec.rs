//! A logical-plan codec that lets the workspace's in-memory tables (`ingests`, `imports`, and empty tables with no Parquet part yet) travel from the client to the Ballista scheduler.
//!
//! Ballista ships the client's logical plan to the scheduler with DataFusion's protobuf format, which knows Parquet listing tables but not `MemTable`.
//! This codec writes a `MemTable`'s batches as one Arrow IPC stream behind a one-byte tag, and hands every other node to Ballista's own codec (tag 0).
//! The scheduler turns the decoded table into a `MemorySourceConfig` scan, which the physical codec already carries to the executors.
//! The workspace's in-memory tables hold one row per ingest or import, so the plans stay small.

use std::sync::Arc;

use arrow::datatypes::SchemaRef;
use arrow::ipc::reader::StreamReader;
use arrow::ipc::writer::StreamWriter;
use arrow::record_batch::RecordBatch;
use ballista_core::serde::BallistaLogicalExtensionCodec;
use datafusion::catalog::TableProvider;
use datafusion::common::{DataFusionError, Result, TableReference};
use datafusion::datasource::MemTable;
use datafusion::datasource::file_format::FileFormatFactory;
use datafusion::execution::TaskContext;
use datafusion::logical_expr::{AggregateUDF, Extension, LogicalPlan, ScalarUDF, WindowUDF};
use datafusion_proto::logical_plan::LogicalExtensionCodec;

/// Tag of a node encoded by Ballista's codec.
const TAG_BALLISTA: u8 = 0;
/// Tag of a `MemTable` encoded as an Arrow IPC stream.
const TAG_MEMTABLE: u8 = 1;

/// Ballista's logical codec plus in-memory tables.
#[derive(Debug, Default)]
pub struct TradetrailLogicalCodec {
    inner: BallistaLogicalExtensionCodec,
}

/// The codec as the trait object Ballista's configuration takes.
pub fn logical_codec() -> Arc<dyn LogicalExtensionCodec> {
    Arc::new(TradetrailLogicalCodec::default())
}

fn split(buf: &[u8]) -> Result<(u8, &[u8])> {
    buf.split_first()
        .map(|(t, rest)| (*t, rest))
        .ok_or_else(|| DataFusionError::Internal("table provider: empty encoding".into()))
}

fn memtable_bytes(table: &MemTable, buf: &mut Vec<u8>) -> Result<()> {
    let mut batches: Vec<RecordBatch> = Vec::new();
    for partition in &table.batches {
        let guard = partition.try_read().map_err(|_| {
            DataFusionError::Internal(
                "in-memory table is being written while a plan is encoded".into(),
            )
        })?;
        batches.extend(guard.iter().cloned());
    }
    buf.push(TAG_MEMTABLE);
    let mut writer = StreamWriter::try_new(&mut *buf, &table.schema())?;
    for b in &batches {
        writer.write(b)?;
    }
    writer.finish()?;
    Ok(())
}

fn memtable_from(bytes: &[u8], schema: SchemaRef) -> Result<Arc<dyn TableProvider>> {
    let reader = StreamReader::try_new(bytes, None)?;
    let batches = reader.collect::<std::result::Result<Vec<_>, _>>()?;
    Ok(Arc::new(MemTable::try_new(schema, vec![batches])?))
}

impl LogicalExtensionCodec for TradetrailLogicalCodec {
    fn try_decode(
        &self,
        buf: &[u8],
        inputs: &[LogicalPlan],
        ctx: &TaskContext,
    ) -> Result<Extension> {
        self.inner.try_decode(buf, inputs, ctx)
    }

    fn try_encode(&self, node: &Extension, buf: &mut Vec<u8>) -> Result<()> {
        self.inner.try_encode(node, buf)
    }

    fn try_decode_table_provider(
        &self,
        buf: &[u8],
        table_ref: &TableReference,
        schema: SchemaRef,
        ctx: &TaskContext,
    ) -> Result<Arc<dyn TableProvider>> {
        match split(buf)? {
            (TAG_MEMTABLE, rest) => memtable_from(rest, schema),
            (TAG_BALLISTA, rest) => self
                .inner
                .try_decode_table_provider(rest, table_ref, schema, ctx),
            (tag, _) => Err(DataFusionError::Internal(format!(
                "table provider {table_ref}: unknown encoding tag {tag}"
            ))),
        }
    }

    fn try_encode_table_provider(
        &self,
        table_ref: &TableReference,
        node: Arc<dyn TableProvider>,
        buf: &mut Vec<u8>,
    ) -> Result<()> {
        if let Some(table) = node.downcast_ref::<MemTable>() {
            return memtable_bytes(table, buf);
        }
        buf.push(TAG_BALLISTA);
        self.inner.try_encode_table_provider(table_ref, node, buf)
    }

    fn try_decode_file_format(
        &self,
        buf: &[u8],
        ctx: &TaskContext,
    ) -> Result<Arc<dyn FileFormatFactory>> {
        self.inner.try_decode_file_format(buf, ctx)
    }

    fn try_encode_file_format(
        &self,
        buf: &mut Vec<u8>,
        node: Arc<dyn FileFormatFactory>,
    ) -> Result<()> {
        self.inner.try_encode_file_format(buf, node)
    }

    fn try_decode_udf(&self, name: &str, buf: &[u8]) -> Result<Arc<ScalarUDF>> {
        self.inner.try_decode_udf(name, buf)
    }

    fn try_encode_udf(&self, node: &ScalarUDF, buf: &mut Vec<u8>) -> Result<()> {
        self.inner.try_encode_udf(node, buf)
    }

    fn try_decode_udaf(&self, name: &str, buf: &[u8]) -> Result<Arc<AggregateUDF>> {
        self.inner.try_decode_udaf(name, buf)
    }

    fn try_encode_udaf(&self, node: &AggregateUDF, buf: &mut Vec<u8>) -> Result<()> {
        self.inner.try_encode_udaf(node, buf)
    }

    fn try_decode_udwf(&self, name: &str, buf: &[u8]) -> Result<Arc<WindowUDF>> {
        self.inner.try_decode_udwf(name, buf)
    }

    fn try_encode_udwf(&self, node: &WindowUDF, buf: &mut Vec<u8>) -> Result<()> {
        self.inner.try_encode_udwf(node, buf)
    }
}
