//! Evaluates the classifier on a small held-out world (20k lines, holdout templates) and asserts the floors it reaches.
//!
//! The floors are set a little under the measured figures, so a regression fails and noise does not; the figures are printed.

use tradetrail_classify::Category;
use tradetrail_classify::eval::side_by_side;

use crate::world;

#[test]
fn holdout_world_meets_floors() {
    let tmp = tempfile::tempdir().unwrap();
    let w = world::build(99, 20_000, true, tmp.path()).unwrap();
    assert_eq!(w.unmatched, 0);
    let m = world::score(&w);
    println!("{}", side_by_side(&["holdout 20k"], &[&m]));
    let (_, brand_named) = m.brand_accuracy();
    let (_, model_named) = m.model_accuracy();
    assert!(
        m.recall(Category::Drone) >= 0.98,
        "drone recall {}",
        m.recall(Category::Drone)
    );
    assert!(
        m.precision(Category::Drone) >= 0.99,
        "drone precision {}",
        m.precision(Category::Drone)
    );
    assert!(brand_named >= 0.99, "brand accuracy {brand_named}");
    assert!(model_named >= 0.97, "model accuracy {model_named}");
    assert!(
        m.hard_negative_as_drone() <= 0.01,
        "hard negatives as drone {}",
        m.hard_negative_as_drone()
    );
    assert!(m.precision(Category::ChplComponent) >= 0.98);
    assert!(m.recall(Category::DronePart) >= 0.95);
    assert!(m.vague_auc() >= 0.85, "vague AUC {}", m.vague_auc());
    assert!(
        m.misclassified_pr().0 >= 0.95 && m.misclassified_pr().1 >= 0.85,
        "{:?}",
        m.misclassified_pr()
    );
}
