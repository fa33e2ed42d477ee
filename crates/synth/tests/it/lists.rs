//! The synthetic watchlists read back through `tradetrail-lists`: exactly the entries written, and no import issue.

use crate::{scratch, small_world};
use tradetrail_lists::{ListFormat, import_path};

#[test]
fn importers_read_every_entry_without_issues() {
    let dir = scratch("watchlist-import");
    let summary = small_world(&dir, 19, 20_000, false);
    let by_file = &summary.watchlist_entries_by_file;
    let ofac = import_path(ListFormat::OfacSdnCsv, &dir.join("watchlist/ofac-sdn")).unwrap();
    assert_eq!(
        ofac.entries.len() as u64,
        by_file["watchlist/ofac-sdn/sdn.csv"]
    );
    assert!(ofac.issues.is_empty(), "{:#?}", ofac.issues);
    let ftm = import_path(
        ListFormat::FtmJson,
        &dir.join("watchlist/synthetic.ftm.jsonl"),
    )
    .unwrap();
    assert_eq!(
        ftm.entries.len() as u64,
        by_file["watchlist/synthetic.ftm.jsonl"]
    );
    assert!(ftm.issues.is_empty(), "{:#?}", ftm.issues);
    assert_eq!(
        (ofac.entries.len() + ftm.entries.len()) as u64,
        summary.watchlist_entries
    );
    let _ = std::fs::remove_dir_all(dir);
}
