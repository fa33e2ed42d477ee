//! The foreign-components catalogue (GUR "War & Sanctions"): which components, by which manufacturers of which countries, are documented in a platform.
//!
//! [`parse::parse_catalogue`] turns the catalogue files into [`Component`] rows; [`ComponentsKb`] answers questions over them.
//! Answers never claim more than the source shows: a platform the catalogue does not document yields nothing, and the caller says so.

pub mod parse;

use std::collections::{BTreeMap, HashMap};

use tradetrail_model::Component;

pub use parse::{GUR_SOURCE, Platform, parse_catalogue, parse_platforms};

use crate::products;

/// Words that say what a platform is rather than which one it is, dropped before comparing names.
const STOPWORDS: &[&str] = &["uav", "bpla", "бпла", "drone", "дрон", "the", "of"];

/// Platform matches scoring below this are not returned.
pub const MIN_SCORE: f64 = 0.5;

/// A platform whose name matches a query.
#[derive(Debug, Clone, PartialEq)]
pub struct PlatformMatch {
    /// Catalogue id of the platform.
    pub platform_id: String,
    /// Display name of the platform.
    pub platform_name: String,
    /// Match strength in (0, 1]; 1 means the same name up to case, punctuation and spacing.
    pub score: f64,
    /// How the match was made: `name`, or `product catalogue: <product id>` when the query was a product alias.
    pub via: String,
}

/// What the catalogue documents for one platform.
#[derive(Debug, Clone, PartialEq)]
pub struct PlatformComponents<'a> {
    /// Catalogue id of the platform.
    pub platform_id: &'a str,
    /// Display name of the platform, when the catalogue gives one.
    pub platform_name: Option<&'a str>,
    /// Every documented component, in catalogue order.
    pub components: Vec<&'a Component>,
    /// Number of components per manufacturer country (ISO alpha-2; `unknown` when not documented).
    pub by_country: BTreeMap<String, usize>,
    /// Number of components per manufacturer as documented (`unknown` when not documented).
    pub by_manufacturer: BTreeMap<String, usize>,
}

/// Look-ups over catalogue rows: platforms by loose name, and the components documented in each.
#[derive(Debug, Clone, Default)]
pub struct ComponentsKb {
    /// Every row.
    rows: Vec<Component>,
    /// Row indices per platform id, in catalogue order.
    by_platform: BTreeMap<String, Vec<usize>>,
    /// Display name and name tokens per platform id.
    names: BTreeMap<String, (String, Vec<String>)>,
}

impl ComponentsKb {
    /// Builds the look-ups over catalogue rows.
    pub fn new(rows: Vec<Component>) -> ComponentsKb {
        let mut by_platform: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        let mut names = BTreeMap::new();
        for (i, r) in rows.iter().enumerate() {
            by_platform
                .entry(r.platform_id.clone())
                .or_default()
                .push(i);
            names.entry(r.platform_id.clone()).or_insert_with(|| {
                let shown = r
                    .platform_name
                    .clone()
                    .unwrap_or_else(|| r.platform_id.clone());
                let tokens = tokens(&shown);
                (shown, tokens)
            });
        }
        ComponentsKb {
            rows,
            by_platform,
            names,
        }
    }

    /// Every row.
    pub fn rows(&self) -> &[Component] {
        &self.rows
    }

    /// Number of platforms with at least one documented component.
    pub fn platform_count(&self) -> usize {
        self.by_platform.len()
    }

    /// Platforms whose name matches the query loosely, best first.
    ///
    /// Case, punctuation, spacing and letter-digit joins are ignored (`Mugin-5 Pro` = `mugin5 pro` = `Mugin 5 Pro`), and so are words like `UAV`.
    /// Every number in the query must appear in the platform's name, so `Shahed 136` never matches `Shahed 131`.
    /// A query that is a product name or alias in the product catalogue (`Mavic 3`, `МАВИК 3`, `МУГИН-5`) is also looked up as that product's brand and model.
    /// An empty list means the catalogue documents no such platform.
    pub fn find_platforms(&self, query: &str) -> Vec<PlatformMatch> {
        let mut queries = vec![(tokens(query), 1.0, "name".to_owned())];
        for p in matching_products(query) {
            let via = format!("product catalogue: {}", p.id);
            queries.push((tokens(&p.model), 0.95, via.clone()));
            queries.push((tokens(&format!("{} {}", p.brand, p.model)), 0.95, via));
        }
        let mut best: HashMap<&str, PlatformMatch> = HashMap::new();
        for (q, weight, via) in &queries {
            if q.is_empty() {
                continue;
            }
            for (id, (name, t)) in &self.names {
                let score = similarity(q, t) * weight;
                if score < MIN_SCORE || best.get(id.as_str()).is_some_and(|m| m.score >= score) {
                    continue;
                }
                let m = PlatformMatch {
                    platform_id: id.clone(),
                    platform_name: name.clone(),
                    score,
                    via: via.clone(),
                };
                best.insert(id, m);
            }
        }
        let mut out: Vec<PlatformMatch> = best.into_values().collect();
        out.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| a.platform_id.cmp(&b.platform_id))
        });
        out
    }

    /// The components documented for a platform id, with counts by manufacturer country and manufacturer; `None` when none are.
    pub fn documented(&self, platform_id: &str) -> Option<PlatformComponents<'_>> {
        let (id, indices) = self.by_platform.get_key_value(platform_id)?;
        let components: Vec<&Component> = indices.iter().map(|&i| &self.rows[i]).collect();
        let mut by_country = BTreeMap::new();
        let mut by_manufacturer = BTreeMap::new();
        for c in &components {
            let country = c.manufacturer_country.as_deref().unwrap_or("unknown");
            *by_country.entry(country.to_owned()).or_default() += 1;
            let maker = c.manufacturer.as_deref().unwrap_or("unknown");
            *by_manufacturer.entry(maker.to_owned()).or_default() += 1;
        }
        Some(PlatformComponents {
            platform_id: id,
            platform_name: components.first().and_then(|c| c.platform_name.as_deref()),
            components,
            by_country,
            by_manufacturer,
        })
    }
}

/// Products of the catalogue whose model, alias or brand-and-model reads like the query.
fn matching_products(query: &str) -> Vec<&'static products::Product> {
    let q = tokens(query);
    if q.is_empty() {
        return Vec::new();
    }
    products::catalogue()
        .products
        .iter()
        .filter(|p| {
            let with_brand = format!("{} {}", p.brand, p.model);
            std::iter::once(p.model.as_str())
                .chain(std::iter::once(with_brand.as_str()))
                .chain(p.aliases.iter().map(String::as_str))
                .any(|name| tokens(name) == q)
        })
        .collect()
}

/// The name tokens of a text: lower case, split at anything not a letter or digit and between letters and digits, without [`STOPWORDS`].
pub fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut cur_digit = false;
    for ch in text.chars().take(500).flat_map(char::to_lowercase) {
        let ch = if ch == 'ё' { 'е' } else { ch };
        if !ch.is_alphanumeric() {
            push_token(&mut out, &mut cur);
            continue;
        }
        let digit = ch.is_numeric();
        if !cur.is_empty() && digit != cur_digit {
            push_token(&mut out, &mut cur);
        }
        cur_digit = digit;
        cur.push(ch);
    }
    push_token(&mut out, &mut cur);
    out
}

/// Moves the current token to the list unless it is empty or a stop word.
fn push_token(out: &mut Vec<String>, cur: &mut String) {
    if !cur.is_empty() && !STOPWORDS.contains(&cur.as_str()) {
        out.push(std::mem::take(cur));
    }
    cur.clear();
}

/// How alike two token lists are: 1 when equal, else the Jaccard overlap of their sets; 0 when a number of the query is missing.
fn similarity(query: &[String], name: &[String]) -> f64 {
    if query == name {
        return 1.0;
    }
    let numbers_present = query
        .iter()
        .filter(|t| t.chars().all(char::is_numeric))
        .all(|t| name.contains(t));
    if !numbers_present {
        return 0.0;
    }
    let shared = query.iter().filter(|t| name.contains(t)).count();
    let union = query.len() + name.iter().filter(|t| !query.contains(t)).count();
    if union == 0 {
        0.0
    } else {
        shared as f64 / union as f64 * 0.9
    }
}
