//! The drone product catalogue: brands, their owners and public statements, and products with aliases, weights, prices and expected HS codes.
//!
//! The facts are written by us in `data/products.toml`, one `source` per entry, and compiled into the binary.
//! Prices are approximate list prices at or near launch, for reference unit values, not ground truth.
//! Later stages classify shipment lines against [`catalogue()`]; the synthetic world generator draws its goods from it.

use std::sync::LazyLock;

use serde::Deserialize;

/// The embedded catalogue text.
const CATALOGUE_TOML: &str = include_str!("../data/products.toml");

/// The product categories a [`Product`] may have.
pub const CATEGORIES: &[&str] = &["drone", "drone_part", "component", "other"];

/// A brand with the companies that own it, their affiliates and their dated public statements.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Brand {
    /// Brand name as commonly written, e.g. `DJI`.
    pub name: String,
    /// Other spellings of the brand, in Latin, Cyrillic and Chinese.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Legal names of the owning company, in Latin and Chinese.
    #[serde(default)]
    pub owner_names: Vec<String>,
    /// ISO 3166 alpha-2 code of the owner's home country.
    pub country: String,
    /// Known subsidiaries and affiliates.
    #[serde(default)]
    pub affiliates: Vec<Affiliate>,
    /// Dated public statements, e.g. an exit from the Russian market.
    #[serde(default)]
    pub statements: Vec<Statement>,
    /// Where the facts come from.
    pub source: String,
}

/// A subsidiary or affiliate of a brand owner.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Affiliate {
    /// Legal name.
    pub name: String,
    /// ISO 3166 alpha-2 country code.
    pub country: String,
    /// Relation to the brand owner, e.g. `subsidiary`.
    pub relation: String,
    /// Where the fact comes from.
    pub source: String,
}

/// A dated public statement by a brand owner.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Statement {
    /// Date of the statement or of the fact it states, `YYYY-MM-DD`.
    pub date: String,
    /// Kind of statement, e.g. `exit_russia` or `last_direct_sale_russia`.
    pub kind: String,
    /// What was said, in short.
    pub text: String,
    /// Where the statement is reported.
    pub source: String,
}

/// A product with its identifying strings and reference facts.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Product {
    /// Stable id, e.g. `dji-mavic-3`.
    pub id: String,
    /// Brand name; a [`Brand::name`] in the same catalogue.
    pub brand: String,
    /// Model name as the brand writes it.
    pub model: String,
    /// Other spellings of the model, in Latin, Cyrillic and Chinese.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// One of [`CATEGORIES`]: `drone`, `drone_part`, `component` or `other` (look-alikes that are not drone goods).
    pub category: String,
    /// Finer kind, e.g. `camera_quad`, `motor` or `action_camera`.
    pub kind: String,
    /// Maximum take-off weight in grams, for aircraft.
    #[serde(default)]
    pub mtow_g: Option<f64>,
    /// Net weight of one unit in grams.
    pub unit_weight_g: f64,
    /// Approximate list price of one unit in USD.
    pub list_price_usd: f64,
    /// When the list price applied, `YYYY-MM` or `YYYY-MM-DD`.
    pub price_date: String,
    /// Expected HS 2022 six-digit subheadings, most likely first.
    pub hs6_expected: Vec<String>,
    /// Where the facts come from.
    pub source: String,
}

/// The whole catalogue.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalogue {
    /// Every brand.
    #[serde(rename = "brand")]
    pub brands: Vec<Brand>,
    /// Every product.
    #[serde(rename = "product")]
    pub products: Vec<Product>,
}

static CATALOGUE: LazyLock<Catalogue> =
    LazyLock::new(|| parse(CATALOGUE_TOML).expect("the embedded products.toml is valid (tested)"));

/// The catalogue, parsed once from the embedded TOML.
pub fn catalogue() -> &'static Catalogue {
    &CATALOGUE
}

/// Parses a catalogue from TOML text.
pub fn parse(text: &str) -> Result<Catalogue, toml::de::Error> {
    toml::from_str(text)
}

impl Catalogue {
    /// The product with this id.
    pub fn product(&self, id: &str) -> Option<&Product> {
        self.products.iter().find(|p| p.id == id)
    }

    /// The brand with this name, compared case-insensitively.
    pub fn brand(&self, name: &str) -> Option<&Brand> {
        self.brands
            .iter()
            .find(|b| b.name.eq_ignore_ascii_case(name))
    }

    /// Every product of one brand.
    pub fn products_of<'a>(&'a self, brand: &'a str) -> impl Iterator<Item = &'a Product> + 'a {
        self.products
            .iter()
            .filter(move |p| p.brand.eq_ignore_ascii_case(brand))
    }
}

impl Product {
    /// True for look-alike goods that are not drone goods (category `other`).
    pub fn is_hard_negative(&self) -> bool {
        self.category == "other"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn catalogue_parses() {
        let c = catalogue();
        assert!(c.products.len() >= 60, "{} products", c.products.len());
        assert!(c.brands.len() >= 20);
    }

    #[test]
    fn ids_are_unique_and_brands_exist() {
        let c = catalogue();
        let mut ids = HashSet::new();
        for p in &c.products {
            assert!(ids.insert(p.id.as_str()), "duplicate id {}", p.id);
            assert!(
                c.brand(&p.brand).is_some(),
                "{} has unknown brand {}",
                p.id,
                p.brand
            );
        }
        let names: HashSet<_> = c
            .brands
            .iter()
            .map(|b| b.name.to_ascii_lowercase())
            .collect();
        assert_eq!(names.len(), c.brands.len(), "duplicate brand");
    }

    #[test]
    fn categories_hs_codes_and_dates_are_valid() {
        for p in &catalogue().products {
            assert!(
                CATEGORIES.contains(&p.category.as_str()),
                "{}: {}",
                p.id,
                p.category
            );
            assert!(!p.hs6_expected.is_empty(), "{}", p.id);
            for hs in &p.hs6_expected {
                assert!(
                    hs.len() == 6 && hs.bytes().all(|b| b.is_ascii_digit()),
                    "{}: {hs}",
                    p.id
                );
            }
            assert!(p.unit_weight_g > 0.0 && p.list_price_usd > 0.0, "{}", p.id);
            assert!(
                p.price_date.len() >= 7 && p.price_date.starts_with("20"),
                "{}",
                p.id
            );
            assert!(!p.source.is_empty(), "{}", p.id);
        }
        for b in &catalogue().brands {
            for s in &b.statements {
                assert_eq!(s.date.len(), 10, "{}", s.date);
            }
        }
    }

    #[test]
    fn lookups_work() {
        let c = catalogue();
        let dji = c.brand("dji").unwrap();
        assert!(
            dji.owner_names
                .iter()
                .any(|n| n == "深圳市大疆创新科技有限公司")
        );
        assert!(
            dji.statements
                .iter()
                .any(|s| s.kind == "exit_russia" && s.date == "2022-04-26")
        );
        assert_eq!(c.product("dji-mavic-3").unwrap().hs6_expected[0], "880622");
        assert!(c.products_of("Autel Robotics").count() >= 4);
        assert!(c.products.iter().any(|p| p.is_hard_negative()));
        assert!(parse("brand = 3").is_err());
    }
}
