//! The report as one self-contained HTML page: tables, the query behind each, and charts drawn by the inlined Apache ECharts.
//!
//! Every value is escaped by the templates; the section tables are embedded once as JSON (with `<` escaped) for the charts to read.

use maud::{DOCTYPE, Markup, PreEscaped, html};
use serde_json::Value;

use crate::table::cell_text;
use crate::{Chart, Query, Report, Section, grouped, short_usd};

/// Apache ECharts, inlined into every report (Apache License 2.0, see `assets/vendor/echarts`).
pub const ECHARTS_JS: &str = include_str!("../assets/vendor/echarts/echarts.min.js");
const REPORT_JS: &str = include_str!("../assets/report.js");
const REPORT_CSS: &str = include_str!("../assets/report.css");

/// The page.
pub fn render(r: &Report) -> String {
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="generator" content="tradetrail report";
                title { "tradetrail report: " (r.title) }
                style { (PreEscaped(REPORT_CSS)) }
            }
            body {
                main {
                    h1 { (r.title) }
                    p.scope { "Counted: " (r.scope_text) "." }
                    p.state { "Built from workspace state: " (r.workspace_state) "." }
                    p.headline #headline { (r.headline.text) }
                    (cards(r))
                    nav {
                        ol {
                            @for s in &r.sections { li { a href={ "#" (s.id) } { (s.title) } } }
                            li { a href="#limits" { "What the data cannot show" } }
                        }
                    }
                    @for s in &r.sections { (section(s)) }
                    h2 #limits { "What the data cannot show" }
                    @for p in &r.limits { p.note { (p) } }
                    h2 #scope-view { "The lines counted" }
                    p.note { "Every query above starts from this view of the workspace's tables; run any of them with `tradetrail query`." }
                    pre { code { "WITH lines AS (" (r.lines_view) ")" } }
                    footer { "Written by tradetrail. Charts by Apache ECharts (Apache License 2.0)." }
                }
                script type="application/json" #tt-data { (PreEscaped(chart_data(r))) }
                script { (PreEscaped(ECHARTS_JS)) }
                script { (PreEscaped(REPORT_JS)) }
            }
        }
    };
    page.into_string()
}

fn cards(r: &Report) -> Markup {
    let h = &r.headline;
    html! {
        div.cards {
            div.card { b { (short_usd(h.value_usd)) } span { "declared value" } }
            div.card { b { (grouped(h.lines as f64)) } span { "shipment lines" } }
            div.card { b { (grouped(h.exporters as f64)) } span { "exporters (resolved)" } }
            div.card { b { (grouped(h.models as f64)) } span { "models identified" } }
            @if let Some((b, p)) = &h.top_brand {
                div.card { b { (format!("{p:.0}%")) } span { (b) " share of value" } }
            }
            @if let Some((b, v, m)) = &h.second_brand {
                div.card { b { (short_usd(*v)) } span { (b) ", last shipment " (m) } }
            }
        }
    }
}

fn section(s: &Section) -> Markup {
    let chart_class = match s.chart {
        Some(Chart::RouteSankey) => "chart tall",
        _ => "chart",
    };
    html! {
        section {
            h2 id=(s.id) { (s.title) }
            @for line in s.note.lines() { p.note { (line) } }
            @if let Some(kind) = s.chart {
                @if !s.table.rows.is_empty() {
                    div class=(chart_class) data-chart=(chart_name(kind)) data-section=(s.id) {}
                }
            }
            (table(s))
            details {
                summary { "Reproduce" }
                @match &s.query {
                    Query::Sql(sql) => { p { "Run with " code { "tradetrail query \"…\"" } ":" } pre { code { (sql) } } }
                    Query::Command(c) => { pre { code { (c) } } }
                }
            }
        }
    }
}

fn chart_name(c: Chart) -> &'static str {
    match c {
        Chart::Bars => "bars",
        Chart::MonthlyStacked => "monthly_stacked",
        Chart::RouteSankey => "route_sankey",
    }
}

fn table(s: &Section) -> Markup {
    if s.table.rows.is_empty() {
        return html! { p.empty { "No rows." } };
    }
    let rows = s.table.rows.len();
    if rows > FOLD_ROWS {
        return html! {
            details.rows {
                summary { "Table: " (rows) " rows" }
                (table_body(s))
            }
        };
    }
    table_body(s)
}

/// Tables longer than this are folded away under a summary line.
const FOLD_ROWS: usize = 40;

fn table_body(s: &Section) -> Markup {
    html! {
        div.scroll {
            table {
                thead { tr { @for c in &s.table.columns { th { (c) } } } }
                tbody {
                    @for row in &s.table.rows {
                        tr {
                            @for (c, v) in s.table.columns.iter().zip(row) { (cell(c, v)) }
                        }
                    }
                }
            }
        }
    }
}

fn cell(column: &str, v: &Value) -> Markup {
    match (column, v) {
        (_, Value::Null) => html! { td {} },
        ("severity", Value::String(s)) => html! { td class={ "sev-" (s) } { (s) } },
        ("evidence_rows", Value::String(s)) => evidence(s),
        (c, Value::Number(n)) => {
            let x = n.as_f64().unwrap_or(0.0);
            let text = if c.ends_with("_usd") {
                format!("${}", grouped(x))
            } else if c.ends_with("_pct") {
                format!("{x:.1}%")
            } else if n.is_f64() && x.fract() != 0.0 {
                format!("{x:.3}")
            } else {
                grouped(x)
            };
            html! { td.num { (text) } }
        }
        (_, Value::String(s)) if s.starts_with('[') => {
            let list: Option<Vec<String>> = serde_json::from_str(s).ok();
            html! { td { (list.map_or_else(|| s.clone(), |l| l.join(", "))) } }
        }
        (_, other) => html! { td { (cell_text(other).unwrap_or_default()) } },
    }
}

/// A finding's evidence rows: file and line of each, and the query that shows them.
fn evidence(json: &str) -> Markup {
    let rows: Vec<serde_json::Map<String, Value>> = serde_json::from_str(json).unwrap_or_default();
    let text = |r: &serde_json::Map<String, Value>, k: &str| {
        r.get(k).and_then(cell_text).unwrap_or_default()
    };
    let ids: Vec<String> = rows
        .iter()
        .map(|r| format!("'{}'", text(r, "record_id").replace('\'', "''")))
        .collect();
    html! {
        td {
            ul.evidence {
                @for r in rows.iter().take(5) {
                    @let file = text(r, "file");
                    li { (file.rsplit(['/', '\\']).next().unwrap_or(&file)) ":" (text(r, "line")) " (" (text(r, "dataset")) ")" }
                }
                @if rows.len() > 5 { li { "and " (rows.len() - 5) " more" } }
            }
            details {
                summary { "rows" }
                pre { code { "SELECT * FROM shipments WHERE record_id IN (" (ids.join(", ")) ")" } }
            }
        }
    }
}

/// The section tables the charts read, as JSON safe inside a script element.
fn chart_data(r: &Report) -> String {
    let mut sections = serde_json::Map::new();
    for s in r.sections.iter().filter(|s| s.chart.is_some()) {
        sections.insert(
            s.id.to_owned(),
            serde_json::json!({ "columns": s.table.columns, "rows": s.table.rows }),
        );
    }
    let data = serde_json::json!({ "to": r.scope.to, "sections": sections });
    data.to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::{Goods, Headline, Scope, Table};

    fn report() -> Report {
        let scope = Scope::new(Goods::Drones, "RU", Some("2022-02-24"), None).unwrap();
        let by_brand = Section {
            id: "by_brand",
            title: "By brand".into(),
            note: "one\ntwo".into(),
            query: Query::Sql("SELECT brand FROM lines WHERE x < 1".into()),
            table: Table::new(
                &["brand", "value_usd", "share_pct"],
                vec![
                    vec![
                        json!("<script>alert(1)</script>"),
                        json!(1234.6),
                        json!(60.0),
                    ],
                    vec![json!("A & B | C"), json!(823.0), json!(40.0)],
                ],
            ),
            chart: Some(Chart::Bars),
        };
        Report {
            title: "Drones to RU".into(),
            scope_text: scope.describe(),
            lines_view: scope.lines_sql(),
            scope,
            workspace_state: "generation 1".into(),
            headline: Headline {
                value_usd: 2057.5,
                quantity: 3.0,
                lines: 2,
                exporters: 1,
                models: 0,
                brands: 2,
                top_brand: Some(("<b>".into(), 60.0)),
                second_brand: None,
                text: "$2.1k by 1 exporters, 0 models; <b> 60%".into(),
                queries: Vec::new(),
            },
            sections: vec![by_brand],
            limits: vec!["Values can lie.".into()],
        }
    }

    #[test]
    fn every_value_is_escaped_and_the_chart_data_cannot_close_its_script() {
        let page = render(&report());
        assert!(!page.contains("<script>alert(1)</script>"));
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(page.contains("A &amp; B | C"));
        assert!(page.contains("x &lt; 1"));
        let data = page
            .split(r#"id="tt-data""#)
            .nth(1)
            .and_then(|rest| rest.split_once('>'))
            .and_then(|(_, rest)| rest.split("</script>").next())
            .expect("the chart data element");
        let parsed: serde_json::Value = serde_json::from_str(data).expect("valid JSON");
        assert_eq!(
            parsed["sections"]["by_brand"]["rows"][0][0],
            "<script>alert(1)</script>"
        );
        assert!(page.contains(r#"data-chart="bars" data-section="by_brand""#));
        assert!(page.contains("$1,235") && page.contains("60.0%"));
    }

    #[test]
    fn markdown_tables_keep_their_shape() {
        let md = crate::markdown::render(&report());
        assert!(md.contains("| brand | value_usd | share_pct |"));
        assert!(md.contains("| A & B \\| C | $823 | 40.0% |"));
        assert!(md.contains("```sql\nSELECT brand FROM lines WHERE x < 1\n```"));
    }
}
