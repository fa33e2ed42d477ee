//! The detectors' input: shipment lines joined to their classification and resolved parties, and the entities, held in memory.
//!
//! The binary builds a [`Context`] from the store's tables; tests build one from case files.
//! Inputs later stages add (watchlist matches, the trade graph) get their own fields, and [`Input`] says which are present.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use tradetrail_graph::Graph;

/// A table or stage a detector needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Input {
    /// The shipment lines (always present).
    Shipments,
    /// `classifications`: category, product, CHPL tier, misclassification and vagueness per line.
    Classifications,
    /// `party_mentions` and `entities`: the resolved sender and recipient of each line.
    Entities,
    /// `screening_hits`: the resolved entities that match a sanctions or export-control list entry.
    Screening,
    /// The trade graph: resolved entities joined by dated goods flows.
    Graph,
}

impl Input {
    /// The name shown when a detector is skipped for want of it.
    pub fn as_str(self) -> &'static str {
        match self {
            Input::Shipments => "shipments",
            Input::Classifications => "classifications",
            Input::Entities => "entities",
            Input::Screening => "screening",
            Input::Graph => "graph",
        }
    }
}

/// Shared, immutable text of a [`Line`]: the loader interns repeated values (countries, codes, brands, file names), so ten million lines hold each distinct value once.
pub type Text = Arc<str>;

/// One shipment line with what the earlier stages found about it.
///
/// Lines are the largest part of the detectors' memory: keep the fields small (text as [`Text`], no per-line collections).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Line {
    /// Record id.
    pub record_id: Text,
    /// Dataset.
    pub dataset: Text,
    /// Source file, as ingested.
    pub file: Text,
    /// 1-based physical line in the source file.
    pub line: u64,
    /// Declaration date (days since 1970-01-01).
    pub date: Option<i32>,
    /// Country whose customs produced the record.
    pub reporting_country: Option<Text>,
    /// Sender country.
    pub sender_country: Option<Text>,
    /// Country of dispatch.
    pub dispatch_country: Option<Text>,
    /// Country of origin.
    pub origin_country: Option<Text>,
    /// Trading country.
    pub trading_country: Option<Text>,
    /// Country of destination.
    pub destination_country: Option<Text>,
    /// Declared HS6.
    pub hs6: Option<Text>,
    /// Declared quantity.
    pub quantity: Option<f64>,
    /// Net weight, kg.
    pub net_kg: Option<f64>,
    /// Value in USD.
    pub value_usd: Option<f64>,
    /// Invoice currency, ISO 4217.
    pub currency: Option<Text>,
    /// Category from `classifications` (drone, drone_part, component, other).
    pub category: Option<Text>,
    /// Catalogue product id from `classifications`.
    pub product_id: Option<Text>,
    /// Brand from `classifications`.
    pub brand: Option<Text>,
    /// CHPL tier of the declared code.
    pub chpl_tier: Option<Text>,
    /// Why the declared code does not fit the goods.
    pub misclassified: Option<Text>,
    /// How generic the description is, 0 to 1.
    pub vague_score: Option<f64>,
    /// Sender entity, index into [`Context::entities`].
    pub sender: Option<u32>,
    /// Recipient entity, index into [`Context::entities`].
    pub recipient: Option<u32>,
}

impl Line {
    /// True for drones, drone parts and CHPL components (any classified category but other).
    pub fn is_controlled_goods(&self) -> bool {
        self.category
            .as_deref()
            .is_some_and(|c| c != tradetrail_classify::Category::Other.as_str())
    }

    /// True when the goods go to Russia: a Russian record, or Russia as destination.
    pub fn to_russia(&self) -> bool {
        self.reporting_country.as_deref() == Some("RU")
            || self.destination_country.as_deref() == Some("RU")
    }
}

/// One resolved party.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Entity {
    /// Stable entity id.
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// Every name seen, any script.
    pub names: Vec<String>,
    /// Addresses as written.
    pub addresses: Vec<String>,
    /// `scheme:value` identifiers.
    pub identifiers: Vec<String>,
}

/// One screening hit of a resolved entity on a list entry, as the detectors read it.
///
/// Detectors count only hits that [`ListHit::counts`]: at or above screening's default threshold and not cleared by an analyst.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListHit {
    /// The entity hit, index into [`Context::entities`].
    pub entity: u32,
    /// List entry id, `<list_id>:<source_id>`.
    pub entry_id: String,
    /// List id, e.g. `us-ofac-sdn`.
    pub list_id: String,
    /// Human name of the list.
    pub list_name: String,
    /// Programmes or legal bases of the entry.
    pub programmes: Option<String>,
    /// Calibrated probability that entity and entry are the same party.
    pub score: f64,
    /// Listing date (days since 1970-01-01), when the list gives it.
    pub listing_date: Option<i32>,
    /// Review status: `open`, `confirmed`, `cleared`, or `reopened` when the entity or entry changed after a clearing.
    pub status: String,
}

impl ListHit {
    /// True when an analyst confirmed the hit.
    pub fn confirmed(&self) -> bool {
        self.status == "confirmed"
    }

    /// True when the hit counts as a listing: an analyst confirmed it, or it scores at least screening's default threshold and no analyst cleared it.
    pub fn counts(&self) -> bool {
        self.confirmed()
            || (self.score >= tradetrail_screen::DEFAULT_THRESHOLD && self.status != "cleared")
    }
}

/// Everything the detectors read.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// The lines, in a stable order (the binary reads them by record id).
    pub lines: Vec<Line>,
    /// The resolved entities.
    pub entities: Vec<Entity>,
    /// Which inputs were present when the context was built.
    pub inputs: Vec<Input>,
    /// Screening hits (with [`Input::Screening`]), sorted by entity and entry.
    pub hits: Vec<ListHit>,
    /// The trade graph (with [`Input::Graph`]), built from the same lines and entities.
    pub graph: Option<Arc<Graph>>,
}

impl Context {
    /// The line at an index.
    pub fn line(&self, i: u32) -> &Line {
        &self.lines[i as usize]
    }

    /// The entity at an index.
    pub fn entity(&self, i: u32) -> &Entity {
        &self.entities[i as usize]
    }

    /// True when the input was present.
    pub fn has(&self, input: Input) -> bool {
        input == Input::Shipments || self.inputs.contains(&input)
    }

    /// Index of every entity by id.
    pub fn entity_index(&self) -> HashMap<&str, u32> {
        self.entities
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.as_str(), i as u32))
            .collect()
    }

    /// Lines grouped by a key, each group in date order (then line order); groups in key order.
    pub fn group_by<K: Ord>(&self, key: impl Fn(&Line) -> Option<K>) -> BTreeMap<K, Vec<u32>> {
        let mut groups: BTreeMap<K, Vec<u32>> = BTreeMap::new();
        for (i, l) in self.lines.iter().enumerate() {
            if let Some(k) = key(l) {
                groups.entry(k).or_default().push(i as u32);
            }
        }
        for v in groups.values_mut() {
            v.sort_by_key(|&i| (self.lines[i as usize].date, i));
        }
        groups
    }

    /// Lines of each sender entity, in date order.
    pub fn by_sender(&self) -> BTreeMap<u32, Vec<u32>> {
        self.group_by(|l| l.sender)
    }

    /// Lines of each lane (sender entity, recipient entity), in date order.
    pub fn by_lane(&self) -> BTreeMap<(u32, u32), Vec<u32>> {
        self.group_by(|l| Some((l.sender?, l.recipient?)))
    }

    /// Index of every line by record id.
    pub fn line_index(&self) -> HashMap<&str, u32> {
        self.lines
            .iter()
            .enumerate()
            .map(|(i, l)| (&*l.record_id, i as u32))
            .collect()
    }

    /// The lane subject text: `sender id > recipient id`.
    pub fn lane_name(&self, lane: (u32, u32)) -> String {
        format!("{} > {}", self.entity(lane.0).id, self.entity(lane.1).id)
    }
}

/// The day of 2022-02-24, when Russia invaded Ukraine: the break most detectors compare across.
pub const INVASION: i32 = 19_047;
