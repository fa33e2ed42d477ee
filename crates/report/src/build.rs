//! Runs the report's named queries over a workspace and assembles the [`Report`]: headline, totals, chains, findings, hits, components and methods.

use serde_json::Value;
use tradetrail_graph::Graph;
use tradetrail_store::Workspace;

use crate::table::Table;
use crate::{Chart, Error, Headline, Query, Report, Scope, Section, short_usd};

/// What the report reads besides the workspace's tables.
#[derive(Debug, Default, Clone, Copy)]
pub struct Inputs<'a> {
    /// The trade graph, for the top chains; without it the chains section says how to get them.
    pub graph: Option<&'a Graph>,
}

const TOTALS: &str = "SELECT ROUND(SUM(value_usd), 2) AS value_usd, SUM(quantity) AS quantity, COUNT(*) AS lines, \
    COUNT(DISTINCT exporter_id) AS exporters, COUNT(DISTINCT importer_id) AS importers, COUNT(DISTINCT model) AS models, \
    COUNT(DISTINCT brand) AS brands, CAST(MIN(day) AS VARCHAR) AS first_shipment, CAST(MAX(day) AS VARCHAR) AS last_shipment FROM lines";

const BY_BRAND: &str = "SELECT brand, ROUND(SUM(value_usd), 2) AS value_usd, \
    ROUND(100 * SUM(value_usd) / (SELECT SUM(value_usd) AS total_usd FROM lines), 1) AS share_pct, SUM(quantity) AS quantity, \
    COUNT(*) AS lines, COUNT(DISTINCT exporter_id) AS exporters, COUNT(DISTINCT model) AS models, \
    CAST(MIN(day) AS VARCHAR) AS first_shipment, CAST(MAX(day) AS VARCHAR) AS last_shipment \
    FROM lines GROUP BY brand ORDER BY value_usd DESC, brand";

const TOP_BRANDS: &str =
    "SELECT brand FROM lines GROUP BY brand ORDER BY SUM(value_usd) DESC, brand LIMIT 6";

const BY_MONTH: &str = "SELECT SUBSTR(CAST(l.day AS VARCHAR), 1, 7) AS month, \
    CASE WHEN t.brand IS NULL THEN 'other brands' ELSE l.brand END AS brand_group, \
    ROUND(SUM(l.value_usd), 2) AS value_usd, COUNT(*) AS lines FROM lines l LEFT JOIN top_brands t ON t.brand = l.brand \
    GROUP BY 1, 2 ORDER BY 1, 2";

const BY_MODEL: &str = "SELECT brand, model, ROUND(SUM(value_usd), 2) AS value_usd, SUM(quantity) AS quantity, COUNT(*) AS lines, \
    COUNT(DISTINCT exporter_id) AS exporters, CAST(MIN(day) AS VARCHAR) AS first_shipment, CAST(MAX(day) AS VARCHAR) AS last_shipment \
    FROM lines WHERE model IS NOT NULL GROUP BY brand, model ORDER BY value_usd DESC, brand, model LIMIT 30";

const BY_EXPORTER: &str = "SELECT e.canonical_name AS exporter, e.countries, ROUND(SUM(l.value_usd), 2) AS value_usd, COUNT(*) AS lines, \
    COUNT(DISTINCT l.brand) AS brands, COUNT(DISTINCT l.importer_id) AS importers, CAST(MIN(l.day) AS VARCHAR) AS first_shipment, \
    CAST(MAX(l.day) AS VARCHAR) AS last_shipment, l.exporter_id AS entity_id \
    FROM lines l JOIN entities e ON e.entity_id = l.exporter_id \
    GROUP BY l.exporter_id, e.canonical_name, e.countries ORDER BY value_usd DESC, entity_id LIMIT 25";

const BY_IMPORTER: &str = "SELECT e.canonical_name AS importer, e.countries, ROUND(SUM(l.value_usd), 2) AS value_usd, COUNT(*) AS lines, \
    COUNT(DISTINCT l.brand) AS brands, COUNT(DISTINCT l.exporter_id) AS exporters, CAST(MIN(l.day) AS VARCHAR) AS first_shipment, \
    CAST(MAX(l.day) AS VARCHAR) AS last_shipment, l.importer_id AS entity_id \
    FROM lines l JOIN entities e ON e.entity_id = l.importer_id \
    GROUP BY l.importer_id, e.canonical_name, e.countries ORDER BY value_usd DESC, entity_id LIMIT 25";

const BY_ROUTE: &str = "SELECT origin, dispatch, ROUND(SUM(value_usd), 2) AS value_usd, COUNT(*) AS lines, \
    COUNT(DISTINCT exporter_id) AS exporters, CAST(MIN(day) AS VARCHAR) AS first_shipment, CAST(MAX(day) AS VARCHAR) AS last_shipment \
    FROM lines GROUP BY origin, dispatch ORDER BY value_usd DESC, origin, dispatch";

const PARTIES: &str = "SELECT exporter_id AS entity_id FROM lines WHERE exporter_id IS NOT NULL \
    UNION SELECT importer_id FROM lines WHERE importer_id IS NOT NULL";

const SCOPED_FINDINGS: &str = "SELECT f.finding_id FROM findings f JOIN lines l ON f.subject = l.record_id \
    UNION SELECT f.finding_id FROM findings f JOIN parties p ON f.entity_id = p.entity_id";

const FINDINGS_BY_CODE: &str = "SELECT f.code, f.severity, COUNT(*) AS findings, ROUND(SUM(f.score), 2) AS total_score \
    FROM findings f JOIN scoped_findings m ON m.finding_id = f.finding_id \
    GROUP BY f.code, f.severity ORDER BY CASE f.severity WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END, findings DESC, f.code";

const FINDINGS: &str = "SELECT f.severity, f.code, ROUND(f.score, 3) AS finding_score, f.entity_name, f.summary, \
    CAST(f.first_date AS VARCHAR) AS first_date, CAST(f.last_date AS VARCHAR) AS last_date, f.finding_id, f.evidence_rows \
    FROM findings f JOIN scoped_findings m ON m.finding_id = f.finding_id \
    ORDER BY CASE f.severity WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END, finding_score DESC, f.finding_id LIMIT 50";

const HITS: &str = "SELECT h.entity_name, h.caption AS listed_as, h.list_name, h.programmes, ROUND(h.score, 3) AS hit_score, \
    CAST(h.listing_date AS VARCHAR) AS listing_date, h.lines_after_listing, h.status, h.entry_id, h.entity_id \
    FROM screening_hits h JOIN parties p ON p.entity_id = h.entity_id WHERE h.status <> 'cleared' \
    ORDER BY hit_score DESC, h.entity_id, h.entry_id LIMIT 50";

const SOURCES: &str = "SELECT dataset, licence, COUNT(*) AS lines_stored, CAST(MIN(declaration_date) AS VARCHAR) AS first_date, \
    CAST(MAX(declaration_date) AS VARCHAR) AS last_date FROM shipments GROUP BY dataset, licence ORDER BY dataset, licence";

const QUARANTINE: &str = "SELECT dataset, reason, COUNT(*) AS rows FROM quarantine GROUP BY dataset, reason ORDER BY dataset, rows DESC, reason";

const LISTS: &str = "SELECT list_id, list_name, list_version, COUNT(*) AS entries FROM list_entries \
    GROUP BY list_id, list_name, list_version ORDER BY list_id, list_version";

pub(crate) async fn run(ws: &Workspace, id: &str, sql: &str) -> Result<Table, Error> {
    let batches = ws.query(sql).await.map_err(|source| Error::Query {
        section: id.to_owned(),
        source,
    })?;
    Table::from_batches(&batches).map_err(|message| Error::Rows {
        section: id.to_owned(),
        message,
    })
}

/// One SQL section: its id, heading, note, the views it adds to `lines`, its statement and chart.
struct Spec {
    id: &'static str,
    title: &'static str,
    note: &'static str,
    views: &'static [(&'static str, &'static str)],
    select: &'static str,
    chart: Option<Chart>,
}

const PARTY_VIEWS: &[(&str, &str)] = &[("parties", PARTIES)];
const FINDING_VIEWS: &[(&str, &str)] =
    &[("parties", PARTIES), ("scoped_findings", SCOPED_FINDINGS)];

const OVERVIEW: &[Spec] = &[
    Spec {
        id: "totals",
        title: "Totals",
        note: "Declared value, quantity (in the units declared) and line count of the goods in scope; exporters and importers are resolved entities, so spellings of one company count once.\nLines whose sender could not be resolved do not count as an exporter.",
        views: &[],
        select: TOTALS,
        chart: None,
    },
    Spec {
        id: "by_brand",
        title: "By brand",
        note: "Value, quantity, exporters and models per brand, with the first and last shipment of each.\nBrand comes from the classifier: the brand field, a catalogue model or a brand the description names.",
        views: &[],
        select: BY_BRAND,
        chart: Some(Chart::Bars),
    },
    Spec {
        id: "by_month",
        title: "Value by month",
        note: "Declared value per month, for the six brands of highest value and the rest together.",
        views: &[("top_brands", TOP_BRANDS)],
        select: BY_MONTH,
        chart: Some(Chart::MonthlyStacked),
    },
    Spec {
        id: "by_model",
        title: "By model",
        note: "The thirty models of highest value identified in the descriptions, article and model fields.",
        views: &[],
        select: BY_MODEL,
        chart: None,
    },
    Spec {
        id: "by_exporter",
        title: "By exporter",
        note: "The twenty-five exporters (resolved sender entities) of highest value.\n`tradetrail entities show ENTITY_ID` lists every name and line of one.",
        views: &[],
        select: BY_EXPORTER,
        chart: None,
    },
    Spec {
        id: "by_importer",
        title: "By importer",
        note: "The twenty-five importers (resolved recipient entities) of highest value.",
        views: &[],
        select: BY_IMPORTER,
        chart: None,
    },
    Spec {
        id: "by_route",
        title: "Routes",
        note: "Value by country of origin and country of dispatch (the sender's country when dispatch is not declared), all ending in the destination.\n`??` means the declaration leaves the field empty.",
        views: &[],
        select: BY_ROUTE,
        chart: Some(Chart::RouteSankey),
    },
];

const LEADS: &[Spec] = &[
    Spec {
        id: "findings_by_code",
        title: "Findings by detector",
        note: "Red-flag findings whose subject is a line in scope or whose entity is an exporter or importer in scope, by detector and severity.\n`tradetrail findings --code CODE` lists them.",
        views: FINDING_VIEWS,
        select: FINDINGS_BY_CODE,
        chart: None,
    },
    Spec {
        id: "findings",
        title: "Top findings",
        note: "The fifty findings ranked by severity, then score; each lists the source rows (file and line) it rests on.\nA finding is a lead for review, not a conclusion.",
        views: FINDING_VIEWS,
        select: FINDINGS,
        chart: None,
    },
    Spec {
        id: "hits",
        title: "Sanctions and export-control hits",
        note: "Watchlist hits of exporters and importers in scope that an analyst has not cleared, with the listing date and the lines the party declared after it.\nA hit is a name match with a score; `tradetrail screen review` records confirmation or clearance.",
        views: PARTY_VIEWS,
        select: HITS,
        chart: None,
    },
];

/// Runs one SQL section over the scope's `lines` view and the further views it names.
async fn sql_section(ws: &Workspace, scope: &Scope, spec: &Spec) -> Result<Section, Error> {
    let sql = scope.query(spec.views, spec.select);
    let table = run(ws, spec.id, &sql).await?;
    Ok(Section {
        id: spec.id,
        title: spec.title.to_owned(),
        note: spec.note.to_owned(),
        query: Query::Sql(sql),
        table,
        chart: spec.chart,
    })
}

/// Builds the report for a scope over a workspace.
pub async fn build(ws: &Workspace, scope: &Scope, inputs: Inputs<'_>) -> Result<Report, Error> {
    let mut sections = Vec::new();
    for spec in OVERVIEW {
        sections.push(sql_section(ws, scope, spec).await?);
    }
    sections.push(crate::chains::section(scope, inputs.graph));
    for spec in LEADS {
        sections.push(sql_section(ws, scope, spec).await?);
    }
    sections.push(crate::components::section(ws, scope).await?);
    let ingests = ingests_section(ws);
    sections.push(
        simple(
            ws,
            "sources",
            "Data sources",
            "Every dataset in the workspace with its licence, lines stored and date range.",
            SOURCES,
        )
        .await?,
    );
    sections.push(ingests);
    sections.push(simple(ws, "quarantine", "Quarantined rows", "Rows the ingest could not store, by dataset and reason; each is kept with its file, line and raw text in the `quarantine` table.", QUARANTINE).await?);
    sections.push(simple(ws, "lists", "Watchlists loaded", "Sanctions and export-control lists the parties were screened against, with their versions.", LISTS).await?);
    let headline = headline(&sections);
    let m = ws.manifest();
    Ok(Report {
        title: format!("{} to {}", capitalise(scope.goods.label()), scope.to),
        scope_text: scope.describe(),
        lines_view: scope.lines_sql(),
        workspace_state: format!(
            "manifest generation {}, last ingest {}",
            m.generation,
            m.last_ingest_id()
        ),
        scope: scope.clone(),
        headline,
        sections,
        limits: limits(scope),
    })
}

async fn simple(
    ws: &Workspace,
    id: &'static str,
    title: &str,
    note: &str,
    sql: &str,
) -> Result<Section, Error> {
    Ok(Section {
        id,
        title: title.to_owned(),
        note: note.to_owned(),
        query: Query::Sql(sql.to_owned()),
        table: run(ws, id, sql).await?,
        chart: None,
    })
}

/// Rows read, stored, quarantined and duplicated per ingested file, from the manifest.
fn ingests_section(ws: &Workspace) -> Section {
    let rows = ws
        .manifest()
        .ingests
        .iter()
        .map(|i| {
            let file = std::path::Path::new(&i.source_file)
                .file_name()
                .map_or(i.source_file.clone(), |n| n.to_string_lossy().into_owned());
            vec![
                Value::from(i.ingest_id.clone()),
                Value::from(i.dataset.clone()),
                Value::from(file),
                Value::from(i.rows_read),
                Value::from(i.stored),
                Value::from(i.quarantined),
                Value::from(i.duplicates),
            ]
        })
        .collect();
    Section {
        id: "ingests",
        title: "Files ingested".into(),
        note: "For every file, rows read = stored + quarantined + duplicates.".into(),
        query: Query::Command("tradetrail stats".into()),
        table: Table::new(
            &[
                "ingest_id",
                "dataset",
                "file",
                "rows_read",
                "stored",
                "quarantined",
                "duplicates",
            ],
            rows,
        ),
        chart: None,
    }
}

/// The headline from the totals and brand sections.
fn headline(sections: &[Section]) -> Headline {
    let empty = Table::default();
    let find = |id: &str| {
        sections
            .iter()
            .find(|s| s.id == id)
            .map_or(&empty, |s| &s.table)
    };
    let totals = find("totals");
    let brands = find("by_brand");
    let value = totals.number(0, "value_usd").unwrap_or(0.0);
    let count = |c: &str| totals.number(0, c).unwrap_or(0.0) as u64;
    let top_brand = brands.text(0, "brand").map(|b| {
        let v = brands.number(0, "value_usd").unwrap_or(0.0);
        (b, if value > 0.0 { 100.0 * v / value } else { 0.0 })
    });
    let second_brand = brands.text(1, "brand").map(|b| {
        let last = brands.text(1, "last_shipment").unwrap_or_default();
        (
            b,
            brands.number(1, "value_usd").unwrap_or(0.0),
            last.get(..7).unwrap_or("").to_owned(),
        )
    });
    let mut text = format!(
        "{} by {} exporters, {} models",
        short_usd(value),
        count("exporters"),
        count("models")
    );
    if let Some((b, p)) = &top_brand {
        text.push_str(&format!("; {b} {p:.0}%"));
    }
    if let Some((b, v, m)) = &second_brand {
        text.push_str(&format!("; {b} {}, last shipment {m}", short_usd(*v)));
    }
    let query = |id: &str| {
        sections
            .iter()
            .find(|s| s.id == id)
            .map(|s| s.query.clone())
    };
    Headline {
        value_usd: value,
        quantity: totals.number(0, "quantity").unwrap_or(0.0),
        lines: count("lines"),
        exporters: count("exporters"),
        models: count("models"),
        brands: count("brands"),
        top_brand,
        second_brand,
        text,
        queries: ["totals", "by_brand"]
            .into_iter()
            .filter_map(query)
            .collect(),
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// What the data cannot show.
fn limits(scope: &Scope) -> Vec<String> {
    vec![
        format!("Only declarations in the loaded datasets are counted. Trade inside the Eurasian Economic Union (Kazakhstan, Kyrgyzstan, Armenia, Belarus to Russia) crosses no customs border and leaves no {} import declaration, so goods re-exported that way are missing unless the third country's own records are loaded.", scope.to),
        "Declared values are what the declarant wrote. Under-declaration is common in this trade, so totals are lower bounds; the TT-UNDERVALUE and TT-UNIT-WEIGHT findings point at lines whose value or quantity does not fit.".into(),
        "Descriptions can lie or stay vague. Brand and model come from the text and fields of each line; a line that names no brand counts as `(no brand)`, and goods declared as something else entirely are not counted.".into(),
        "Exporters and importers are resolved from names, countries, identifiers and addresses; two companies can be merged or one split when the data is thin. `tradetrail entities judge` records an analyst's correction, which every rebuild applies.".into(),
        "A watchlist hit is a name match with a score, not proof of identity; a finding is a lead, not a conclusion. Every row above names the query or command that reproduces it.".into(),
        "Documented components come from teardowns of captured or downed platforms. A model without a documented teardown is not known to be free of foreign parts; a documented one may differ between production batches.".into(),
    ]
}
