//! The judgement database: writes survive reopening, the newest judgement on a pair is in force, history keeps every one.

use tradetrail_store::{Decision, Judgements};

#[test]
fn judgements_persist_and_newest_wins() {
    let dir = tempfile::tempdir().expect("temp dir");
    {
        let mut j = Judgements::open(dir.path()).expect("open");
        let first = j
            .record(
                "bbbb",
                "aaaa",
                Decision::Same,
                "different entities",
                "ana",
                Some("same INN on the invoice"),
            )
            .expect("record");
        assert_eq!(
            (first.mention_a.as_str(), first.mention_b.as_str()),
            ("aaaa", "bbbb")
        );
        assert_eq!(first.decision, Decision::Same);
        assert!(first.at.ends_with('Z'), "{}", first.at);
        j.record("aaaa", "bbbb", Decision::NotSame, "same", "bo", None)
            .expect("record");
        j.record(
            "aaaa",
            "cccc",
            Decision::Unsure,
            "different entities",
            "bo",
            None,
        )
        .expect("record");
    }
    let j = Judgements::open(dir.path()).expect("reopen");
    let current = j.current().expect("current");
    assert_eq!(current.len(), 2);
    assert_eq!(current[0].decision, Decision::NotSame);
    assert_eq!(current[0].before, "same");
    assert_eq!(j.history("aaaa").expect("history").len(), 3);
    assert_eq!(j.state().expect("state"), "judgements-3-3");
    assert_eq!(Decision::parse("not_same"), Some(Decision::NotSame));
    assert_eq!(Decision::parse("maybe"), None);
}
