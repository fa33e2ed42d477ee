//! Chains, neighbourhoods, country flows, transshipment routes, pass-through and mirror flows on the case files.

use tradetrail_graph::{
    Category, PassThroughParams, TraceQuery, country_flows, field_routes, find_brand, find_nodes,
    mirror, neighbours, pass_through, trace,
};

use crate::{case_graph, records};

#[test]
fn build_counts_every_line_and_keeps_goods_of_interest_as_flows() {
    let g = case_graph();
    insta::assert_json_snapshot!(g.stats, @r#"
    {
      "lines": 9,
      "linked": 8,
      "flows": 7,
      "unresolved": 1,
      "undated": 0
    }
    "#);
}

#[test]
fn trace_from_a_name_finds_the_one_consistent_chain() {
    let g = case_graph();
    let sources = find_nodes(&g, "SZ DJI");
    assert_eq!(sources.len(), 1, "SZ DJI names the Shenzhen exporter");
    let q = TraceQuery {
        sources,
        to_country: Some("RU".into()),
        category: Some(Category::Drone),
        ..TraceQuery::default()
    };
    let r = trace(&g, &q);
    let got: Vec<Vec<String>> = r.paths.iter().map(|p| records(&g, &p.flows)).collect();
    // R4 is another model, R5 leaves after the window, R6 is four times the quantity that came in.
    assert_eq!(got, vec![vec!["R1", "R2", "R3"]]);
    assert_eq!(r.paths[0].delivered_usd, 170_000.0);
}

#[test]
fn trace_from_a_brand_starts_where_its_goods_enter_the_data() {
    let g = case_graph();
    let brand = find_brand(&g, "DJI").expect("brand DJI");
    let q = TraceQuery {
        brand: Some(brand),
        to_country: Some("RU".into()),
        max_hops: 12,
        ..TraceQuery::default()
    };
    let r = trace(&g, &q);
    let got: Vec<Vec<String>> = r.paths.iter().map(|p| records(&g, &p.flows)).collect();
    assert!(
        got.contains(&vec!["R1".into(), "R2".into(), "R3".into()]),
        "{got:?}"
    );
    // R2 and R3 continue R1, so they never start a chain; R6 (four times what came in), R5 (after the window)
    // and R4 (another model) cannot continue anything that came in, so each enters on its own.
    let starts: Vec<&str> = got.iter().map(|p| p[0].as_str()).collect();
    assert_eq!(
        starts,
        vec!["R6", "R1", "R5", "R4"],
        "highest delivered value first"
    );
}

#[test]
fn a_tight_window_or_hop_limit_cuts_the_chain() {
    let g = case_graph();
    let sources = find_nodes(&g, "SZ DJI");
    let base = TraceQuery {
        sources,
        to_country: Some("RU".into()),
        category: Some(Category::Drone),
        ..TraceQuery::default()
    };
    let short = TraceQuery {
        window_days: 15,
        ..base.clone()
    };
    assert!(trace(&g, &short).paths.is_empty());
    let two = TraceQuery {
        max_hops: 2,
        ..base
    };
    assert!(trace(&g, &two).paths.is_empty());
}

#[test]
fn neighbourhood_and_country_flows() {
    let g = case_graph();
    let kz = find_nodes(&g, "СТЕППЕ ЛОГИСТИК")[0];
    let hood = neighbours(&g, kz, None);
    assert_eq!(hood.out.len(), 3);
    assert_eq!(hood.inbound.len(), 1);
    assert_eq!(g.entity_id(hood.out[0].to), "E_RU3", "highest value first");
    let flows = country_flows(&g, Some(Category::Drone));
    let kz_ru = flows
        .iter()
        .find(|f| f.from == "KZ" && f.to == "RU")
        .expect("KZ->RU");
    assert_eq!((kz_ru.edges, kz_ru.lines), (3, 4));
}

#[test]
fn field_routes_name_the_third_country() {
    let g = case_graph();
    let routes = field_routes(&g, Some(Category::Drone));
    let summary: Vec<String> = routes
        .iter()
        .map(|r| {
            format!(
                "{}>{}>{} {} lines [{}]",
                r.origin,
                r.dispatch,
                r.reporter,
                r.lines,
                r.risk_fields.join(",")
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            "CN>KZ>RU 4 lines [dispatch,trading,sender]",
            "CN>HK>KZ 1 lines [dispatch,trading,sender]"
        ]
    );
}

#[test]
fn pass_through_flags_the_reseller_not_the_stockist() {
    let g = case_graph();
    let rows = pass_through(&g, &PassThroughParams::default());
    let flagged: Vec<&str> = rows
        .iter()
        .filter(|r| r.flagged)
        .map(|r| g.entity_id(r.node))
        .collect();
    assert_eq!(flagged, vec!["E_HK"]);
    let hk = &rows[0];
    assert_eq!(
        (hk.dwell_median_days, hk.in_quantity, hk.out_quantity),
        (Some(9), 100.0, 98.0)
    );
}

#[test]
fn mirror_gaps_and_surges() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/cases/aggregates.csv");
    let (rows, issues) =
        mirror::parse(std::fs::File::open(path).expect("aggregates.csv")).expect("csv");
    assert_eq!(rows.len(), 8);
    assert_eq!(issues.len(), 1);
    assert_eq!(issues[0].line, 8);
    let gaps = mirror::mirror_gaps(&rows, 1.075, 0.4);
    let flagged: Vec<String> = gaps
        .iter()
        .filter(|g| g.flagged)
        .map(|g| format!("{}>{} {:.2}", g.exporter, g.importer, g.gap_share))
        .collect();
    assert_eq!(flagged, vec!["DE>KZ 0.63"]);
    let surges = mirror::surges(&rows, 1.0);
    let flagged: Vec<String> = surges
        .iter()
        .filter(|s| s.flagged)
        .map(|s| format!("{}>{} {:?}", s.reporter, s.partner, s.flow))
        .collect();
    assert_eq!(
        flagged,
        vec!["KZ>RU Export"],
        "FR>IT grew too, but no lane end is a transshipment country"
    );
}
