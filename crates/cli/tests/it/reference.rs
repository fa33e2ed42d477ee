//! Lists and references through the binary: imports from the staged official files, URL imports, replacement, and `product`.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::PathBuf;

use crate::{ok, scalar, tradetrail};

/// The staged reference data, or None (with a message) when it is absent.
fn shared_data() -> Option<PathBuf> {
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data"));
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipped: ../shared/data is absent (CI always has it)");
        None
    }
}

#[test]
fn staged_lists_import_with_exact_counts_and_reimport_changes_nothing() {
    let Some(data) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path();
    let sdn = data.join("ofac-sdn");
    let out = ok(
        home,
        &["lists", "import", "ofac-sdn-csv", sdn.to_str().unwrap()],
    );
    assert!(out.contains("15443 entries"), "{out}");
    ok(
        home,
        &[
            "lists",
            "import",
            "un-xml",
            data.join("un-consolidated/UN_consolidated.xml")
                .to_str()
                .unwrap(),
        ],
    );
    assert_eq!(
        scalar(
            home,
            "SELECT COUNT(*) FROM list_entries WHERE list_id = 'us-ofac-sdn'"
        ),
        15_443
    );
    assert_eq!(
        scalar(
            home,
            "SELECT COUNT(*) FROM list_entries WHERE list_id = 'un-sc'"
        ),
        1_003
    );
    let orphans = scalar(
        home,
        "SELECT COUNT(*) FROM import_issues WHERE code IN ('orphan_alias', 'orphan_address')",
    );
    assert!(
        orphans > 0,
        "rows of the newer alt/add files whose entry is absent are reported"
    );

    let again = ok(
        home,
        &["lists", "import", "ofac-sdn-csv", sdn.to_str().unwrap()],
    );
    assert!(again.contains("already loaded"), "{again}");
    assert_eq!(scalar(home, "SELECT COUNT(*) FROM imports"), 2);
    let shown = ok(home, &["lists"]);
    assert!(
        shown.contains("us-ofac-sdn") && shown.contains("un-sc"),
        "{shown}"
    );
}

#[test]
fn product_lists_documented_components_and_says_plainly_when_none_are() {
    let Some(data) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path();
    let before = ok(home, &["product", "Mugin-5 Pro"]);
    assert!(
        before.contains("No components catalogue is imported"),
        "{before}"
    );

    ok(
        home,
        &[
            "reference",
            "import",
            "components",
            data.join("gur-war-components").to_str().unwrap(),
        ],
    );
    let mugin = ok(home, &["product", "Mugin-5 Pro"]);
    assert!(mugin.contains("16 components:"), "{mugin}");
    assert!(
        mugin.contains("Texas Instruments")
            && mugin.contains("Skyworks")
            && mugin.contains("Silicon Laboratories"),
        "{mugin}"
    );
    assert!(mugin.contains("US         9"), "{mugin}");
    let mavic = ok(home, &["product", "Mavic 3"]);
    assert!(
        mavic.contains("No components are documented for \"Mavic 3\""),
        "{mavic}"
    );
}

#[test]
fn hs_reference_imports_with_counts() {
    let Some(data) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path();
    ok(
        home,
        &[
            "reference",
            "import",
            "hs2022",
            data.join("hs-nomenclature/hs2022.csv").to_str().unwrap(),
        ],
    );
    ok(
        home,
        &[
            "reference",
            "import",
            "hs-correlation",
            data.join("hs-nomenclature/hs2022_hs2017_correlation.csv")
                .to_str()
                .unwrap(),
        ],
    );
    assert_eq!(
        scalar(home, "SELECT COUNT(*) FROM hs_codes WHERE level = 6"),
        5_613
    );
    assert_eq!(scalar(home, "SELECT COUNT(*) FROM hs_correlation"), 15_657);
}

/// Serves one response body on loopback, once, and returns the URL.
fn serve_once(body: Vec<u8>, path: &str) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/{path}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        if let Ok((mut stream, _)) = listener.accept() {
            let mut buf = [0u8; 4096];
            let _ = stream.read(&mut buf);
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&body);
        }
    });
    url
}

#[test]
fn a_list_is_imported_from_a_url_and_a_bad_format_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path();
    let csl = "_id,source,entity_number,type,programs,name,title,addresses,federal_register_notice,start_date,end_date,standard_order,license_requirement,license_policy,call_sign,vessel_type,gross_tonnage,gross_registered_tonnage,vessel_flag,vessel_owner,remarks,source_list_url,alt_names,citizenships,dates_of_birth,nationalities,places_of_birth,source_information_url,ids\n\
        abc1,Entity List (EL) - Bureau of Industry and Security,,Entity,,SZ EXAMPLE TECHNOLOGY CO LTD,,\"1 Road, Shenzhen, CN\",,2022-04-07,,,,,,,,,,,,,\"SZ EXAMPLE TECH\",,,,,,\n";
    let url = serve_once(csl.as_bytes().to_vec(), "consolidated.csv");
    let out = ok(home, &["lists", "import", "csl-csv", &url]);
    assert!(out.contains("1 entries"), "{out}");
    assert_eq!(scalar(home, "SELECT COUNT(*) FROM list_names"), 2);

    let bad = tradetrail(home, &["lists", "import", "no-such-format", "x"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&bad.stderr).contains("unknown list format \"no-such-format\"")
    );
}

#[test]
fn eval_resolve_prints_both_splits() {
    let Some(data) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let pairs = data.join("name-matching-pairs/nomenklatura_name_bench_cases.csv");
    let out = ok(
        dir.path(),
        &["eval", "resolve", "--pairs", pairs.to_str().unwrap()],
    );
    assert!(out.contains("826 labelled pairs"), "{out}");
    assert!(out.contains("held-out split"), "{out}");
}
