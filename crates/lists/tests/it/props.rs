//! Property tests: arbitrary bytes, and arbitrary bytes after a plausible start, never make an importer panic.

use proptest::prelude::*;
use tradetrail_lists::{ListFormat, import_bytes};

/// Plausible file starts per format, so the fuzzed bytes reach the record parsers and not only the format checks.
fn prefix(format: ListFormat) -> &'static [u8] {
    match format {
        ListFormat::OfacSdnCsv | ListFormat::OfacConsCsv => b"1,\"A\",-0- ,\"X\",",
        ListFormat::OfacXml => b"<sanctionsData><entities><entity id=\"1\"><names><name>",
        ListFormat::UnXml => b"<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><DATAID>1</DATAID>",
        ListFormat::CslCsv => b"_id,source,name,alt_names,addresses,ids\n1,(EL),",
        ListFormat::UsRestrictedJson => b"{\"list_id\":\"x\",\"entities\":[{\"name\":",
        ListFormat::EuCsv => b"celex,recordId,annex,schema,name,alias\n32014R0833,1,IV,",
        ListFormat::FtmJson => b"{\"id\":\"a\",\"schema\":\"Person\",\"properties\":{\"name\":[",
    }
}

fn no_panic(format: ListFormat, bytes: &[u8]) {
    for name in ["sample", "add.csv", "alt.csv"] {
        let _ = import_bytes(format, name, bytes);
        let mut with_prefix = prefix(format).to_vec();
        with_prefix.extend_from_slice(bytes);
        let _ = import_bytes(format, name, &with_prefix);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn ofac_csv_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        no_panic(ListFormat::OfacSdnCsv, &bytes);
        no_panic(ListFormat::OfacConsCsv, &bytes);
    }

    #[test]
    fn xml_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        no_panic(ListFormat::OfacXml, &bytes);
        no_panic(ListFormat::UnXml, &bytes);
    }

    #[test]
    fn xml_text_never_panics(s in "[<>/a-zA-Z_ =\"&;#0-9\n]{0,300}") {
        no_panic(ListFormat::OfacXml, s.as_bytes());
        no_panic(ListFormat::UnXml, s.as_bytes());
    }

    #[test]
    fn csv_lists_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        no_panic(ListFormat::CslCsv, &bytes);
        no_panic(ListFormat::EuCsv, &bytes);
    }

    #[test]
    fn json_lists_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        no_panic(ListFormat::UsRestrictedJson, &bytes);
        no_panic(ListFormat::FtmJson, &bytes);
    }
}

#[test]
fn deep_nesting_is_bounded() {
    let mut xml = String::from("<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL>");
    xml.push_str(&"<A>".repeat(100_000));
    let i = import_bytes(ListFormat::UnXml, "deep.xml", xml.as_bytes()).expect("root is fine");
    assert!(i.issue_count("unknown_field") >= 1);
}
