//! Small reference facts that tradetrail writes and cites itself, compiled into the binary.
//!
//! - [`countries`]: ISO 3166 countries with their English and Russian names, alpha-3 and numeric codes, for reading declarations.
//! - [`currencies`]: ISO 4217 currencies with their Russian names and numeric codes, and documented USD exchange rates.
//! - [`products`]: the drone product catalogue (brands, models, aliases in Latin, Cyrillic and Chinese, prices, weights, HS codes).
//! - [`controls`]: versioned control code sets we transcribe and cite: the Common High Priority List, the drone HS family, transshipment-risk countries.
//! - [`hs`]: parsers for the HS2017/HS2022 nomenclature and the UNSD correlation tables, and the mapping of declared codes to HS2022.
//! - [`components`]: the parser for the GUR "War & Sanctions" foreign-components catalogue and a look-up of what is documented per platform.
//!
//! Large third-party reference sets (HS nomenclature, sanctions lists, the components catalogue) are not embedded: the binary reads the files the user names, and the parsers here take their text.

pub mod components;
pub mod controls;
pub mod countries;
pub mod currencies;
pub mod hs;
pub mod products;
