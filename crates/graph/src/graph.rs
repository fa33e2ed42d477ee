//! The trade graph itself: resolved entities as nodes, goods lines as dated flows, and one aggregated edge per ordered pair of entities.
//!
//! Memory is what a 10M-line store needs and no more: u32 node ids, interned strings, and flows only for the goods of interest.
//! Every line with a resolved sender and recipient adds to an aggregated edge; only lines whose class is kept become [`Flow`]s, the unit chains are traced over.

use std::collections::HashMap;

/// Index of a node in [`Graph::nodes`].
pub type NodeId = u32;
/// Index of an interned string in [`Graph::strings`]; `0` is the empty string, meaning unknown.
pub type Sym = u32;

/// How many record ids an aggregated edge keeps as evidence.
pub const EDGE_EVIDENCE: usize = 5;
/// How many distinct HS6 codes, brands or models an aggregated edge keeps.
pub const EDGE_SET_CAP: usize = 32;

/// Strings stored once and named by a [`Sym`].
#[derive(Debug)]
pub struct Interner {
    map: HashMap<Box<str>, Sym>,
    strings: Vec<Box<str>>,
}

impl Default for Interner {
    fn default() -> Self {
        let mut i = Interner {
            map: HashMap::new(),
            strings: Vec::new(),
        };
        i.intern("");
        i
    }
}

impl Interner {
    /// The symbol of `s`, adding it when new.
    pub fn intern(&mut self, s: &str) -> Sym {
        if let Some(&id) = self.map.get(s) {
            return id;
        }
        let id = self.strings.len() as Sym;
        self.strings.push(s.into());
        self.map.insert(s.into(), id);
        id
    }

    /// The symbol of `s`, if it was interned.
    pub fn get(&self, s: &str) -> Option<Sym> {
        self.map.get(s).copied()
    }

    /// The text of a symbol.
    pub fn text(&self, id: Sym) -> &str {
        self.strings.get(id as usize).map_or("", |s| s)
    }
}

/// Goods class of a line, from the `classifications` table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Category {
    /// Complete drones.
    Drone,
    /// Drone parts.
    DronePart,
    /// Common High Priority List components.
    Chpl,
    /// Anything else, or unclassified.
    Other,
}

impl Category {
    /// Every category, in order.
    pub const ALL: [Category; 4] = [
        Category::Drone,
        Category::DronePart,
        Category::Chpl,
        Category::Other,
    ];

    /// Reads `drone`, `drone_part`, `chpl_component` (or `chpl`, `component`) and `other`.
    pub fn parse(text: &str) -> Option<Category> {
        Some(match text.trim().to_ascii_lowercase().as_str() {
            "drone" | "drones" => Category::Drone,
            "drone_part" | "drone_parts" | "part" | "parts" => Category::DronePart,
            "chpl" | "chpl_component" | "component" => Category::Chpl,
            "other" => Category::Other,
            _ => return None,
        })
    }

    /// The name used in tables and exports.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Drone => "drone",
            Category::DronePart => "drone_part",
            Category::Chpl => "chpl_component",
            Category::Other => "other",
        }
    }

    fn bit(self) -> u8 {
        1 << self as u8
    }
}

/// What a flow carries: category, brand, model and catalogue product (symbols, `0` when unknown).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Goods {
    /// Goods class.
    pub category: Category,
    /// Brand symbol.
    pub brand: Sym,
    /// Model symbol.
    pub model: Sym,
    /// Catalogue product id symbol.
    pub product: Sym,
}

impl Goods {
    /// Same goods as far as both lines tell: same category, and same product, model and brand wherever both are known.
    pub fn consistent(&self, other: &Goods) -> bool {
        let same = |a: Sym, b: Sym| a == 0 || b == 0 || a == b;
        self.category == other.category
            && same(self.product, other.product)
            && same(self.model, other.model)
            && same(self.brand, other.brand)
    }
}

/// The countries a declaration line names (symbols of ISO alpha-2 codes, `0` when missing).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Countries {
    /// Country of origin.
    pub origin: Sym,
    /// Country of dispatch.
    pub dispatch: Sym,
    /// Trading country.
    pub trading: Sym,
    /// Sender's country.
    pub sender: Sym,
    /// Country whose customs produced the record.
    pub reporter: Sym,
}

/// Where a line came from: dataset, file, physical line and record id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Evidence {
    /// Dataset symbol.
    pub dataset: Sym,
    /// Source file symbol.
    pub file: Sym,
    /// 1-based physical line in the source file.
    pub line: u32,
    /// Index of the record id in [`Graph::record_ids`].
    pub record: u32,
}

/// One goods line as a dated flow from sender to recipient.
#[derive(Debug, Clone, Copy)]
pub struct Flow {
    /// Sender node.
    pub from: NodeId,
    /// Recipient node.
    pub to: NodeId,
    /// Declaration date (days since 1970-01-01).
    pub date: i32,
    /// What was shipped.
    pub goods: Goods,
    /// HS6 symbol.
    pub hs6: Sym,
    /// Quantity in the supplementary unit (0 when missing).
    pub quantity: f32,
    /// Value in USD (0 when missing).
    pub value_usd: f32,
    /// Countries the declaration names.
    pub countries: Countries,
    /// Where the line is.
    pub evidence: Evidence,
}

/// All lines from one entity to another, aggregated.
#[derive(Debug, Clone)]
pub struct Edge {
    /// Sender node.
    pub from: NodeId,
    /// Recipient node.
    pub to: NodeId,
    /// Lines aggregated.
    pub lines: u32,
    /// Sum of value_usd.
    pub value_usd: f64,
    /// First declaration date (days), `i32::MAX` when no line had one.
    pub first: i32,
    /// Last declaration date (days), `i32::MIN` when no line had one.
    pub last: i32,
    /// Distinct HS6 symbols (at most [`EDGE_SET_CAP`]), sorted.
    pub hs6: Vec<Sym>,
    /// Distinct brand symbols, sorted.
    pub brands: Vec<Sym>,
    /// Distinct model symbols, sorted.
    pub models: Vec<Sym>,
    /// Bit set of the [`Category`] values seen.
    pub categories: u8,
    /// Record-id indices of the first lines (at most [`EDGE_EVIDENCE`]).
    pub evidence: Vec<u32>,
}

impl Edge {
    /// The categories seen on this edge.
    pub fn categories(&self) -> impl Iterator<Item = Category> + '_ {
        Category::ALL
            .into_iter()
            .filter(|c| self.categories & c.bit() != 0)
    }
}

/// A resolved entity.
#[derive(Debug, Clone)]
pub struct Node {
    /// Entity id symbol (from the `entities` table).
    pub entity_id: Sym,
    /// Canonical name symbol.
    pub name: Sym,
    /// Main country symbol (ISO alpha-2), `0` when unknown.
    pub country: Sym,
}

/// The trade graph: build it with [`crate::GraphBuilder`] or [`crate::load`].
#[derive(Debug, Default)]
pub struct Graph {
    /// Interned strings.
    pub strings: Interner,
    /// Nodes, indexed by [`NodeId`].
    pub nodes: Vec<Node>,
    /// Flows sorted by (sender, date, recipient, record).
    pub flows: Vec<Flow>,
    /// Aggregated edges sorted by (sender, recipient).
    pub edges: Vec<Edge>,
    /// Record ids of flows and edge evidence.
    pub record_ids: Vec<Box<str>>,
    /// `out_start[n]..out_start[n + 1]` are the flows sent by node `n`.
    pub(crate) out_start: Vec<u32>,
    /// Flow indices sorted by (recipient, date).
    pub(crate) in_flows: Vec<u32>,
    /// `in_start[n]..in_start[n + 1]` index `in_flows` for node `n`.
    pub(crate) in_start: Vec<u32>,
    /// `edge_start[n]..edge_start[n + 1]` are the edges sent by node `n`.
    pub(crate) edge_start: Vec<u32>,
    pub(crate) by_entity: HashMap<Sym, NodeId>,
    /// Counts of what the build skipped.
    pub stats: BuildStats,
}

/// What went into the graph and what did not.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct BuildStats {
    /// Shipment lines read.
    pub lines: u64,
    /// Lines with a resolved sender and recipient (in an edge).
    pub linked: u64,
    /// Lines that became flows (goods of interest).
    pub flows: u64,
    /// Lines without a resolved sender or recipient.
    pub unresolved: u64,
    /// Lines without a declaration date (in edges, never in flows).
    pub undated: u64,
}

impl Graph {
    /// Text of a symbol.
    pub fn text(&self, s: Sym) -> &str {
        self.strings.text(s)
    }

    /// The node of an entity id.
    pub fn node_of(&self, entity_id: &str) -> Option<NodeId> {
        self.by_entity.get(&self.strings.get(entity_id)?).copied()
    }

    /// Entity id of a node.
    pub fn entity_id(&self, n: NodeId) -> &str {
        self.text(self.nodes[n as usize].entity_id)
    }

    /// Canonical name of a node.
    pub fn name(&self, n: NodeId) -> &str {
        self.text(self.nodes[n as usize].name)
    }

    /// Country of a node, `""` when unknown.
    pub fn country(&self, n: NodeId) -> &str {
        self.text(self.nodes[n as usize].country)
    }

    /// Flows sent by `n`, by date.
    pub fn out_flows(&self, n: NodeId) -> &[Flow] {
        let (a, b) = (self.out_start[n as usize], self.out_start[n as usize + 1]);
        &self.flows[a as usize..b as usize]
    }

    /// Index of the first flow of [`Graph::out_flows`] in [`Graph::flows`].
    pub fn out_offset(&self, n: NodeId) -> usize {
        self.out_start[n as usize] as usize
    }

    /// Flows received by `n`, by date.
    pub fn in_flows(
        &self,
        n: NodeId,
    ) -> impl DoubleEndedIterator<Item = &Flow> + ExactSizeIterator {
        let (a, b) = (self.in_start[n as usize], self.in_start[n as usize + 1]);
        self.in_flows[a as usize..b as usize]
            .iter()
            .map(|&i| &self.flows[i as usize])
    }

    /// Aggregated edges sent by `n`.
    pub fn out_edges(&self, n: NodeId) -> &[Edge] {
        let (a, b) = (self.edge_start[n as usize], self.edge_start[n as usize + 1]);
        &self.edges[a as usize..b as usize]
    }

    /// Record id of an evidence index.
    pub fn record_id(&self, record: u32) -> &str {
        self.record_ids.get(record as usize).map_or("", |s| s)
    }
}
