//! Building a [`Graph`] line by line: pure, so the store loader, the tests and the benchmark all feed the same code.

use std::collections::HashMap;

use crate::graph::{
    BuildStats, Category, Countries, EDGE_EVIDENCE, EDGE_SET_CAP, Edge, Evidence, Flow, Goods,
    Graph, Interner, Node, NodeId, Sym,
};

/// What the builder keeps.
#[derive(Debug, Clone)]
pub struct GraphOptions {
    /// Categories whose lines become flows (the unit of chains); every line still adds to its edge.
    pub flow_categories: Vec<Category>,
}

impl Default for GraphOptions {
    fn default() -> Self {
        GraphOptions {
            flow_categories: vec![Category::Drone, Category::DronePart, Category::Chpl],
        }
    }
}

/// One shipment line as the graph sees it.
#[derive(Debug, Clone, Default)]
pub struct LineFacts<'a> {
    /// Record id.
    pub record_id: &'a str,
    /// Dataset.
    pub dataset: &'a str,
    /// Source file.
    pub file: &'a str,
    /// 1-based physical line.
    pub line: u64,
    /// Declaration date (days since 1970-01-01).
    pub date: Option<i32>,
    /// Entity id of the sender.
    pub sender: Option<&'a str>,
    /// Entity id of the recipient.
    pub recipient: Option<&'a str>,
    /// HS6 code.
    pub hs6: &'a str,
    /// Goods class (`None` = unclassified, counted as other).
    pub category: Option<Category>,
    /// Brand.
    pub brand: &'a str,
    /// Model.
    pub model: &'a str,
    /// Catalogue product id.
    pub product: &'a str,
    /// Quantity.
    pub quantity: Option<f64>,
    /// Value in USD.
    pub value_usd: Option<f64>,
    /// Country of origin.
    pub origin: &'a str,
    /// Country of dispatch.
    pub dispatch: &'a str,
    /// Trading country.
    pub trading: &'a str,
    /// Sender's country.
    pub sender_country: &'a str,
    /// Reporting country.
    pub reporter: &'a str,
}

/// Collects nodes and lines, then [`GraphBuilder::finish`] sorts and indexes them.
#[derive(Debug, Default)]
pub struct GraphBuilder {
    options: GraphOptions,
    strings: Interner,
    nodes: Vec<Node>,
    by_entity: HashMap<Sym, NodeId>,
    flows: Vec<Flow>,
    edges: Vec<Edge>,
    edge_of: HashMap<(NodeId, NodeId), u32>,
    record_ids: Vec<Box<str>>,
    stats: BuildStats,
}

fn insert_capped(set: &mut Vec<Sym>, s: Sym) {
    if s != 0 && set.len() < EDGE_SET_CAP && !set.contains(&s) {
        set.push(s);
    }
}

impl GraphBuilder {
    /// A builder keeping flows of the given categories.
    pub fn new(options: GraphOptions) -> GraphBuilder {
        GraphBuilder {
            options,
            ..GraphBuilder::default()
        }
    }

    /// Adds (or updates the name and country of) the node of an entity.
    pub fn add_node(&mut self, entity_id: &str, name: &str, country: &str) -> NodeId {
        let id = self.node(entity_id);
        let (name, country) = (self.strings.intern(name), self.strings.intern(country));
        let node = &mut self.nodes[id as usize];
        if name != 0 {
            node.name = name;
        }
        if country != 0 {
            node.country = country;
        }
        id
    }

    fn node(&mut self, entity_id: &str) -> NodeId {
        let sym = self.strings.intern(entity_id);
        if let Some(&n) = self.by_entity.get(&sym) {
            return n;
        }
        let n = self.nodes.len() as NodeId;
        self.nodes.push(Node {
            entity_id: sym,
            name: sym,
            country: 0,
        });
        self.by_entity.insert(sym, n);
        n
    }

    /// Adds one shipment line: to its edge always (when both parties are resolved), as a flow when its class is kept and it has a date.
    pub fn add_line(&mut self, l: &LineFacts) {
        self.stats.lines += 1;
        let (Some(s), Some(r)) = (l.sender, l.recipient) else {
            self.stats.unresolved += 1;
            return;
        };
        self.stats.linked += 1;
        let (from, to) = (self.node(s), self.node(r));
        let category = l.category.unwrap_or(Category::Other);
        let hs6 = self.strings.intern(l.hs6);
        let goods = Goods {
            category,
            brand: self.strings.intern(l.brand),
            model: self.strings.intern(l.model),
            product: self.strings.intern(l.product),
        };
        let value = l.value_usd.filter(|v| v.is_finite()).unwrap_or(0.0);
        let keep = l.date.is_some() && self.options.flow_categories.contains(&category);
        let edge_idx = *self.edge_of.entry((from, to)).or_insert_with(|| {
            self.edges.push(Edge {
                from,
                to,
                lines: 0,
                value_usd: 0.0,
                first: i32::MAX,
                last: i32::MIN,
                hs6: Vec::new(),
                brands: Vec::new(),
                models: Vec::new(),
                categories: 0,
                evidence: Vec::new(),
            });
            (self.edges.len() - 1) as u32
        });
        let wants_evidence = self.edges[edge_idx as usize].evidence.len() < EDGE_EVIDENCE;
        let record = if keep || wants_evidence {
            self.record_ids.push(l.record_id.into());
            (self.record_ids.len() - 1) as u32
        } else {
            u32::MAX
        };
        let edge = &mut self.edges[edge_idx as usize];
        edge.lines += 1;
        edge.value_usd += value;
        if let Some(d) = l.date {
            edge.first = edge.first.min(d);
            edge.last = edge.last.max(d);
        }
        insert_capped(&mut edge.hs6, hs6);
        insert_capped(&mut edge.brands, goods.brand);
        insert_capped(&mut edge.models, goods.model);
        edge.categories |= 1 << category as u8;
        if wants_evidence {
            edge.evidence.push(record);
        }
        let Some(date) = l.date else {
            self.stats.undated += 1;
            return;
        };
        if !keep {
            return;
        }
        self.stats.flows += 1;
        let countries = Countries {
            origin: self.strings.intern(l.origin),
            dispatch: self.strings.intern(l.dispatch),
            trading: self.strings.intern(l.trading),
            sender: self.strings.intern(l.sender_country),
            reporter: self.strings.intern(l.reporter),
        };
        let evidence = Evidence {
            dataset: self.strings.intern(l.dataset),
            file: self.strings.intern(l.file),
            line: u32::try_from(l.line).unwrap_or(u32::MAX),
            record,
        };
        self.flows.push(Flow {
            from,
            to,
            date,
            goods,
            hs6,
            quantity: l.quantity.filter(|q| q.is_finite()).unwrap_or(0.0) as f32,
            value_usd: value as f32,
            countries,
            evidence,
        });
    }

    /// Sorts flows and edges and builds the adjacency indexes.
    pub fn finish(self) -> Graph {
        let GraphBuilder {
            strings,
            nodes,
            by_entity,
            mut flows,
            mut edges,
            record_ids,
            stats,
            ..
        } = self;
        let n = nodes.len();
        flows.sort_unstable_by(|a, b| {
            (a.from, a.date, a.to, a.evidence.record).cmp(&(
                b.from,
                b.date,
                b.to,
                b.evidence.record,
            ))
        });
        for e in &mut edges {
            for set in [&mut e.hs6, &mut e.brands, &mut e.models] {
                set.sort_unstable_by(|a, b| strings.text(*a).cmp(strings.text(*b)));
            }
        }
        edges.sort_unstable_by_key(|e| (e.from, e.to));
        let starts = |keys: &mut dyn Iterator<Item = NodeId>| {
            let mut start = vec![0u32; n + 1];
            for k in keys {
                start[k as usize + 1] += 1;
            }
            for i in 0..n {
                start[i + 1] += start[i];
            }
            start
        };
        let out_start = starts(&mut flows.iter().map(|f| f.from));
        let edge_start = starts(&mut edges.iter().map(|e| e.from));
        let in_start = starts(&mut flows.iter().map(|f| f.to));
        let mut in_flows: Vec<u32> = (0..flows.len() as u32).collect();
        in_flows.sort_unstable_by_key(|&i| {
            let f = &flows[i as usize];
            (f.to, f.date, i)
        });
        Graph {
            strings,
            nodes,
            flows,
            edges,
            record_ids,
            out_start,
            in_flows,
            in_start,
            edge_start,
            by_entity,
            stats,
        }
    }
}
