//! Property tests: arbitrary bytes as CSV never panic, and the counts always add up.

use proptest::prelude::*;
use tradetrail_ingest::{KnownRecords, NullSink, ingest_reader};

use crate::common::opts;

fn csvish() -> impl Strategy<Value = Vec<u8>> {
    let atoms = prop::sample::select(vec![
        &b","[..],
        b";",
        b"\"",
        b"\"\"",
        b"\n",
        b"\r\n",
        b"a",
        b"12,5",
        b"\xff",
        b"\xd0\x96",
        b" ",
        b"NULL",
        b"31.03.2025",
        b"\t",
        b"{",
    ]);
    prop::collection::vec(atoms, 0..200).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        if let Ok(r) = ingest_reader("p.csv", &bytes[..], &opts(), &mut KnownRecords::new(), &mut NullSink, &()) {
            prop_assert_eq!(r.rows_read, r.stored + r.quarantined + r.duplicates);
        }
    }

    #[test]
    fn csv_like_bytes_add_up(mut bytes in csvish()) {
        bytes.splice(0..0, b"Shipper,HS,Qty,Date\n".iter().copied());
        let r = ingest_reader("p.csv", &bytes[..], &opts(), &mut KnownRecords::new(), &mut NullSink, &());
        let r = r.expect("a file with a header never fails");
        prop_assert_eq!(r.rows_read, r.stored + r.quarantined + r.duplicates);
    }
}
