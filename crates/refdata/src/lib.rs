//! Small reference facts that tradetrail writes and cites itself, compiled into the binary.
//!
//! - [`countries`]: ISO 3166 countries with their English and Russian names, alpha-3 and numeric codes, for reading declarations.
//! - [`currencies`]: ISO 4217 currencies with their Russian names and numeric codes, and documented USD exchange rates.
//! - [`products`]: the drone product catalogue (brands, models, aliases in Latin, Cyrillic and Chinese, prices, weights, HS codes).
//!
//! Large third-party reference sets (HS nomenclature, sanctions lists) are not here: they are loaded from files the user names.

pub mod countries;
pub mod currencies;
pub mod products;
