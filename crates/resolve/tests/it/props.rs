//! Properties: normalisation never panics and is idempotent on its own words; scoring never panics and stays in [0, 1].

use proptest::prelude::*;
use tradetrail_resolve::{Party, normalise, score};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn normalise_is_total_and_idempotent(s in "\\PC{0,40}") {
        let n = normalise(&s);
        let again = normalise(&n.tokens.join(" "));
        prop_assert_eq!(&again.tokens, &n.tokens);
    }

    #[test]
    fn mixed_scripts_never_panic(s in "[a-zA-Zа-яА-ЯёЁ大疆深圳市科技有限公司星河 .,&\"«»()-]{0,30}", t in "[a-zA-Z0-9 ]{0,20}") {
        let sc = score(&Party::org(&s), &Party::org(&t));
        prop_assert!(sc.probability >= 0.0 && sc.probability <= 1.0);
        let sc = score(&Party::person(&s), &Party::person(&s));
        prop_assert!(sc.probability.is_finite());
    }
}
