//! The column catalogue: one macro turns a list of named, typed, documented columns into a row struct, an Arrow schema and a batch builder.
//!
//! Keeping the three in one declaration means a column cannot exist in the struct and be missing from the schema.

/// The logical type of a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    /// Required UTF-8 text.
    Req,
    /// Optional UTF-8 text.
    Text,
    /// Optional calendar date, stored as Arrow `Date32`.
    Date,
    /// Optional 64-bit float.
    Float,
    /// Optional 64-bit signed integer.
    Int,
    /// Required unsigned 64-bit integer (line numbers).
    Line,
    /// Required boolean.
    Flag,
}

/// One column of a table: its name, its type and what it holds.
#[derive(Debug, Clone, Copy)]
pub struct ColumnSpec {
    /// Column name in the store, in snake case.
    pub name: &'static str,
    /// Logical type.
    pub kind: ColumnKind,
    /// One-sentence description, shown by `tradetrail stats --columns` and in the docs.
    pub doc: &'static str,
}

macro_rules! rust_type {
    (Req) => { String };
    (Text) => { Option<String> };
    (Date) => { Option<i32> };
    (Float) => { Option<f64> };
    (Int) => { Option<i64> };
    (Line) => { u64 };
    (Flag) => { bool };
}

macro_rules! builder_type {
    (Req) => {
        arrow::array::StringBuilder
    };
    (Text) => {
        arrow::array::StringBuilder
    };
    (Date) => {
        arrow::array::Date32Builder
    };
    (Float) => {
        arrow::array::Float64Builder
    };
    (Int) => {
        arrow::array::Int64Builder
    };
    (Line) => {
        arrow::array::UInt64Builder
    };
    (Flag) => {
        arrow::array::BooleanBuilder
    };
}

macro_rules! arrow_type {
    (Req) => {
        (arrow::datatypes::DataType::Utf8, false)
    };
    (Text) => {
        (arrow::datatypes::DataType::Utf8, true)
    };
    (Date) => {
        (arrow::datatypes::DataType::Date32, true)
    };
    (Float) => {
        (arrow::datatypes::DataType::Float64, true)
    };
    (Int) => {
        (arrow::datatypes::DataType::Int64, true)
    };
    (Line) => {
        (arrow::datatypes::DataType::UInt64, false)
    };
    (Flag) => {
        (arrow::datatypes::DataType::Boolean, false)
    };
}

macro_rules! append_value {
    (Req, $b:expr, $v:expr) => {
        $b.append_value(&$v)
    };
    (Text, $b:expr, $v:expr) => {
        $b.append_option($v.as_deref())
    };
    (Date, $b:expr, $v:expr) => {
        $b.append_option($v)
    };
    (Float, $b:expr, $v:expr) => {
        $b.append_option($v)
    };
    (Int, $b:expr, $v:expr) => {
        $b.append_option($v)
    };
    (Line, $b:expr, $v:expr) => {
        $b.append_value($v)
    };
    (Flag, $b:expr, $v:expr) => {
        $b.append_value($v)
    };
}

/// Declares a table: `table! { Row, Builder, COLUMNS, schema_fn; name: Kind = "doc", ... }`.
macro_rules! table {
    (
        $(#[$row_meta:meta])* $row:ident,
        $(#[$builder_meta:meta])* $builder:ident,
        $(#[$cols_meta:meta])* $cols:ident,
        $(#[$schema_meta:meta])* $schema_fn:ident;
        $( $name:ident : $kind:ident = $doc:literal ),* $(,)?
    ) => {
        $(#[$row_meta])*
        #[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
        pub struct $row {
            $( #[doc = $doc] pub $name: $crate::columns::rust_type!($kind), )*
        }

        $(#[$cols_meta])*
        pub const $cols: &[$crate::columns::ColumnSpec] = &[
            $( $crate::columns::ColumnSpec {
                name: stringify!($name),
                kind: $crate::columns::ColumnKind::$kind,
                doc: $doc,
            }, )*
        ];

        $(#[$schema_meta])*
        pub fn $schema_fn() -> arrow::datatypes::SchemaRef {
            std::sync::Arc::new(arrow::datatypes::Schema::new(vec![
                $( {
                    let (dt, nullable) = $crate::columns::arrow_type!($kind);
                    arrow::datatypes::Field::new(stringify!($name), dt, nullable)
                }, )*
            ]))
        }

        impl $row {
            /// Reads every row of a batch with this table's schema (columns found by name, extra columns ignored).
            ///
            /// Returns `None` when a column is missing or has another type.
            pub fn from_batch(batch: &arrow::record_batch::RecordBatch) -> Option<Vec<$row>> {
                use arrow::array::Array;
                let mut rows = Vec::with_capacity(batch.num_rows());
                for i in 0..batch.num_rows() {
                    rows.push($row {
                        $( $name: {
                            let col = batch.column_by_name(stringify!($name))?;
                            $crate::columns::read_value!($kind, col, i)
                        }, )*
                    });
                }
                Some(rows)
            }
        }

        $(#[$builder_meta])*
        #[derive(Debug, Default)]
        pub struct $builder {
            len: usize,
            $( $name: $crate::columns::builder_type!($kind), )*
        }

        impl $builder {
            /// Appends one row.
            pub fn push(&mut self, row: &$row) {
                self.len += 1;
                $( $crate::columns::append_value!($kind, self.$name, row.$name); )*
            }

            /// Number of rows appended since the last [`Self::finish`].
            pub fn len(&self) -> usize {
                self.len
            }

            /// True when no row has been appended since the last [`Self::finish`].
            pub fn is_empty(&self) -> bool {
                self.len == 0
            }

            /// Returns the appended rows as a record batch and resets the builder.
            pub fn finish(&mut self) -> arrow::record_batch::RecordBatch {
                self.len = 0;
                let columns: Vec<arrow::array::ArrayRef> = vec![
                    $( std::sync::Arc::new(self.$name.finish()), )*
                ];
                arrow::record_batch::RecordBatch::try_new($schema_fn(), columns)
                    .expect("builders follow the schema they were declared with")
            }
        }
    };
}

macro_rules! read_value {
    (Req, $col:expr, $i:expr) => {{
        let a = $col.as_any().downcast_ref::<arrow::array::StringArray>()?;
        a.value($i).to_owned()
    }};
    (Text, $col:expr, $i:expr) => {{
        let a = $col.as_any().downcast_ref::<arrow::array::StringArray>()?;
        a.is_valid($i).then(|| a.value($i).to_owned())
    }};
    (Date, $col:expr, $i:expr) => {{
        let a = $col.as_any().downcast_ref::<arrow::array::Date32Array>()?;
        a.is_valid($i).then(|| a.value($i))
    }};
    (Float, $col:expr, $i:expr) => {{
        let a = $col.as_any().downcast_ref::<arrow::array::Float64Array>()?;
        a.is_valid($i).then(|| a.value($i))
    }};
    (Int, $col:expr, $i:expr) => {{
        let a = $col.as_any().downcast_ref::<arrow::array::Int64Array>()?;
        a.is_valid($i).then(|| a.value($i))
    }};
    (Line, $col:expr, $i:expr) => {{
        let a = $col.as_any().downcast_ref::<arrow::array::UInt64Array>()?;
        a.value($i)
    }};
    (Flag, $col:expr, $i:expr) => {{
        let a = $col.as_any().downcast_ref::<arrow::array::BooleanArray>()?;
        a.value($i)
    }};
}

pub(crate) use {append_value, arrow_type, builder_type, read_value, rust_type, table};
