//! The trade graph: resolved entities joined by dated goods flows, and what investigators ask of it.
//!
//! - [`load`] builds a [`Graph`] from a workspace (`shipments`, `party_mentions`, `classifications`, `entities`); [`GraphBuilder`] builds one from any lines.
//! - [`trace()`] finds intermediary chains consistent in time, goods and quantity, ranked by delivered value, each flow with its evidence.
//! - [`neighbours`] and [`country_flows`] answer an entity's neighbourhood and the flows between countries.
//! - [`field_routes`], [`chained_routes`] and [`pass_through`] find transshipment: third countries in declaration fields, chains across countries' data, entities whose outflow matches their inflow within weeks.
//! - [`mirror`] reads aggregate statistics, compares declared exports with partners' imports and finds surges after 2022-02-24 against 2017-2021.
//! - [`export`] writes GraphML for Gephi, FollowTheMoney JSON lines and CSV edge lists.
//!
//! Everything except [`load`] is pure.

mod builder;
mod error;
pub mod export;
mod graph;
mod load;
pub mod mirror;
mod names;
mod query;
mod trace;
mod transship;

pub use builder::{GraphBuilder, GraphOptions, LineFacts};
pub use error::{Error, Result};
pub use export::path_json;
pub use graph::{
    BuildStats, Category, Countries, EDGE_EVIDENCE, Edge, Evidence, Flow, Goods, Graph, Interner,
    Node, NodeId, Sym,
};
pub use load::load;
pub use names::{find_brand, find_nodes};
pub use query::{CountryFlow, Neighbourhood, country_flows, neighbours};
pub use trace::{Path, TraceQuery, TraceResult, has_predecessor, out_between, trace};
pub use transship::{
    ChainedRoute, FieldRoute, PassThrough, PassThroughParams, chained_routes, field_routes,
    pass_through, pass_through_of,
};
