//! Pure value parsers, one module per kind of cell, each with its own table-driven tests.

pub mod date;
pub mod hs;
pub mod number;
pub mod refs;
pub mod text;
pub mod usd;
