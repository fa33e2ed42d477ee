//! Fuzz target: any bytes as an HTTP API request body or query string must be decoded and checked, or refused with a 400-class error that has a message, never a panic.
//!
//! The first byte picks the route; the rest is the body (or query string) exactly as a client would send it, through the same pure functions the handlers call.

#![no_main]

use libfuzzer_sys::fuzz_target;
use tradetrail_server::{ApiError, Limits, api, body, reconcile, yente};

fn refused(e: ApiError) {
    let text = e.to_string();
    assert!(!text.is_empty(), "an error without a message");
    assert!(
        matches!(e, ApiError::BadRequest(_)),
        "input is refused as a bad request, got {e:?}"
    );
}

fn check<T>(r: Result<T, ApiError>) -> Option<T> {
    r.map_err(refused).ok()
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let limits = Limits::default();
    let text = std::str::from_utf8(rest).ok();
    match pick % 10 {
        0 => {
            if let Some(batch) = check(yente::match_request(rest)) {
                assert!(!batch.queries.is_empty() && batch.queries.len() <= yente::MAX_BATCH);
                for (_, _, q) in &batch.queries {
                    assert!(!q.names.is_empty() || !q.identifiers.is_empty());
                }
            }
        }
        1 => {
            if let Some(p) = check(body::query::<yente::MatchParams>(text)) {
                if let Some((opts, _)) = check(yente::match_options(&p)) {
                    assert!(opts.limit >= 1 && opts.limit <= yente::MAX_LIMIT);
                    assert!((0.0..=1.0).contains(&opts.threshold));
                }
            }
        }
        2 => {
            if let Some(f) = check(body::form::<reconcile::ReconcileForm>(rest))
                && let Some(q) = f.queries
            {
                check_reconcile(&q);
            }
        }
        3 => {
            if let Some(t) = text {
                check_reconcile(t);
            }
        }
        4 => {
            check(api::finding_judgement(rest));
        }
        5 => {
            check(api::hit_review(rest));
        }
        6 => {
            if let Some(p) = check(api::pair_judgement(rest)) {
                assert_ne!(p.a, p.b);
            }
        }
        7 => {
            if let Some(r) = check(api::shipment_request(text, &limits)) {
                assert!(r.limit >= 1 && r.limit <= limits.max_limit);
            }
        }
        8 => {
            if let Some(r) = check(api::trace_request(text, &limits)) {
                assert!(r.query.max_hops >= 1 && r.query.max_hops <= limits.max_hops);
                assert!(r.query.min_hops <= r.query.max_hops);
            }
        }
        _ => {
            if let Some(p) = check(body::query::<yente::SearchParams>(text)) {
                check(yente::search_request(p));
            }
        }
    }
});

fn check_reconcile(text: &str) {
    if let Some(queries) = check(reconcile::reconcile_queries(text)) {
        assert!(queries.len() <= yente::MAX_BATCH);
        for (_, _, opts) in &queries {
            assert!(opts.limit >= 1 && opts.limit <= yente::MAX_LIMIT);
        }
    }
}
