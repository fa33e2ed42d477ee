//! A query result as plain columns and JSON rows, the form every renderer reads and the JSON report carries.

use arrow::array::RecordBatch;
use arrow::json::writer::JsonArray;
use arrow::json::{ArrayWriter, WriterBuilder};
use serde::Serialize;
use serde_json::Value;

/// Columns and rows of one result, in query order.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Table {
    /// Column names.
    pub columns: Vec<String>,
    /// Rows; each cell is a JSON number, string, boolean or null (dates are ISO strings).
    pub rows: Vec<Vec<Value>>,
}

impl Table {
    /// A table of these columns and rows.
    pub fn new(columns: &[&str], rows: Vec<Vec<Value>>) -> Table {
        Table {
            columns: columns.iter().map(|c| (*c).to_owned()).collect(),
            rows,
        }
    }

    /// The rows of record batches, columns in schema order.
    pub fn from_batches(batches: &[RecordBatch]) -> Result<Table, String> {
        let Some(first) = batches.first() else {
            return Ok(Table::default());
        };
        let columns: Vec<String> = first
            .schema()
            .fields()
            .iter()
            .map(|f| f.name().clone())
            .collect();
        let mut writer: ArrayWriter<Vec<u8>> = WriterBuilder::new()
            .with_explicit_nulls(true)
            .build::<_, JsonArray>(Vec::new());
        let refs: Vec<&RecordBatch> = batches.iter().collect();
        writer.write_batches(&refs).map_err(|e| e.to_string())?;
        writer.finish().map_err(|e| e.to_string())?;
        let bytes = writer.into_inner();
        let objects: Vec<serde_json::Map<String, Value>> = if bytes.is_empty() {
            Vec::new()
        } else {
            serde_json::from_slice(&bytes).map_err(|e| e.to_string())?
        };
        let rows = objects
            .into_iter()
            .map(|mut o| {
                columns
                    .iter()
                    .map(|c| o.remove(c).unwrap_or(Value::Null))
                    .collect()
            })
            .collect();
        Ok(Table { columns, rows })
    }

    /// The index of a column.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c == name)
    }

    /// A cell as a number (numbers, and strings that parse as numbers).
    pub fn number(&self, row: usize, column: &str) -> Option<f64> {
        let v = self.rows.get(row)?.get(self.column(column)?)?;
        match v {
            Value::Number(n) => n.as_f64(),
            Value::String(s) => s.parse().ok(),
            _ => None,
        }
    }

    /// A cell as text (numbers are written out; null is `None`).
    pub fn text(&self, row: usize, column: &str) -> Option<String> {
        let v = self.rows.get(row)?.get(self.column(column)?)?;
        cell_text(v)
    }
}

/// A cell's text, or `None` for null.
pub fn cell_text(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use arrow::array::{Float64Array, Int64Array, StringArray};
    use arrow::datatypes::{DataType, Field, Schema};

    use super::*;

    #[test]
    fn batches_become_rows_in_column_order() {
        let schema = Arc::new(Schema::new(vec![
            Field::new("brand", DataType::Utf8, true),
            Field::new("value_usd", DataType::Float64, true),
            Field::new("lines", DataType::Int64, false),
        ]));
        let batch = RecordBatch::try_new(
            schema,
            vec![
                Arc::new(StringArray::from(vec![Some("DJI"), None])),
                Arc::new(Float64Array::from(vec![Some(10.5), None])),
                Arc::new(Int64Array::from(vec![3, 1])),
            ],
        )
        .unwrap();
        let t = Table::from_batches(&[batch]).unwrap();
        assert_eq!(t.columns, ["brand", "value_usd", "lines"]);
        assert_eq!(
            t.rows[0],
            vec![Value::from("DJI"), Value::from(10.5), Value::from(3)]
        );
        assert_eq!(t.rows[1], vec![Value::Null, Value::Null, Value::from(1)]);
        assert_eq!(t.number(0, "value_usd"), Some(10.5));
        assert_eq!(t.text(1, "brand"), None);
        assert_eq!(Table::from_batches(&[]).unwrap(), Table::default());
    }
}
