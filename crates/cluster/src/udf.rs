//! tradetrail's own functions as DataFusion scalar UDFs, so SQL on one machine or on a cluster can normalise names, score pairs and classify goods with the library code itself.
//!
//! Every function calls the resolver or the classifier directly; nothing here re-implements them.
//! All are immutable (same input, same output) and NULL in gives NULL out.
//!
//! | function | returns |
//! |---|---|
//! | `tt_name_key(name)` | the legal-form-stripped, transliteration-folded, sorted core of the name's first Latin reading: the key the resolver blocks on |
//! | `tt_name_script(name)` | the script most letters are written in (`latin`, `cyrillic`, `han`, ...) |
//! | `tt_match_score(a, b)` | the resolver's probability that two organisation names denote the same party |
//! | `tt_goods_category(description, hs_code)` | the classifier's category: `drone`, `drone_part`, `component` or `other` |

use std::sync::Arc;

use arrow::array::{Array, ArrayRef, Float64Builder, StringArray, StringBuilder};
use arrow::compute::cast;
use arrow::datatypes::DataType;
use datafusion::common::{Result, ScalarValue};
use datafusion::logical_expr::{ColumnarValue, ScalarUDF, Volatility, create_udf};
use tradetrail_model::ShipmentLine;
use tradetrail_resolve::text::Script;
use tradetrail_resolve::{Party, Prepared, fast_probability, fold, normalise};

/// The names of the functions [`functions`] returns, in order.
pub const NAMES: [&str; 4] = [
    "tt_name_key",
    "tt_name_script",
    "tt_match_score",
    "tt_goods_category",
];

/// Every tradetrail SQL function, ready to register in a session, a scheduler or an executor.
pub fn functions() -> Vec<Arc<ScalarUDF>> {
    vec![
        Arc::new(create_udf(
            NAMES[0],
            vec![DataType::Utf8],
            DataType::Utf8,
            Volatility::Immutable,
            Arc::new(|args| text_fn(args, |v| Some(name_key(v[0]?)))),
        )),
        Arc::new(create_udf(
            NAMES[1],
            vec![DataType::Utf8],
            DataType::Utf8,
            Volatility::Immutable,
            Arc::new(|args| text_fn(args, |v| Some(name_script(v[0]?).to_owned()))),
        )),
        Arc::new(create_udf(
            NAMES[2],
            vec![DataType::Utf8, DataType::Utf8],
            DataType::Float64,
            Volatility::Immutable,
            Arc::new(|args| number_fn(args, |v| Some(match_score(v[0]?, v[1]?)))),
        )),
        Arc::new(create_udf(
            NAMES[3],
            vec![DataType::Utf8, DataType::Utf8],
            DataType::Utf8,
            Volatility::Immutable,
            Arc::new(|args| text_fn(args, |v| Some(goods_category(v[0]?, v[1]).to_owned()))),
        )),
    ]
}

/// The resolver's blocking key of a name: folded core words of its first Latin reading, sorted and joined, for Latin and Cyrillic names; the sorted core for others (Han names read in pinyin).
pub fn name_key(name: &str) -> String {
    let n = normalise(name);
    match (n.script, n.script_variants.first()) {
        (Script::Latin | Script::Cyrillic, Some(v)) => {
            let mut folded = fold::fold_words(&v.core);
            folded.sort();
            folded.concat()
        }
        _ => n.keys.sorted.first().cloned().unwrap_or_default(),
    }
}

/// The script most letters of a name are written in, as the resolver labels it.
pub fn name_script(name: &str) -> &'static str {
    tradetrail_resolve::text::dominant_script(name).label()
}

/// The resolver's probability that two organisation names denote the same party (names only: no country, address or identifier).
pub fn match_score(a: &str, b: &str) -> f64 {
    fast_probability(&Prepared::new(Party::org(a)), &Prepared::new(Party::org(b)))
}

/// The classifier's category of goods described by a text and a declared HS code.
pub fn goods_category(description: &str, hs_code: Option<&str>) -> &'static str {
    let line = ShipmentLine {
        description: Some(description.to_owned()),
        hs_code: hs_code.map(str::to_owned),
        ..Default::default()
    };
    tradetrail_classify::classify(&line).category.as_str()
}

/// The arguments as UTF-8 string arrays of one length, and whether all were scalars.
fn strings(args: &[ColumnarValue]) -> Result<(Vec<StringArray>, usize, bool)> {
    let rows = args
        .iter()
        .find_map(|a| match a {
            ColumnarValue::Array(a) => Some(a.len()),
            ColumnarValue::Scalar(_) => None,
        })
        .unwrap_or(1);
    let all_scalar = args.iter().all(|a| matches!(a, ColumnarValue::Scalar(_)));
    let mut out = Vec::with_capacity(args.len());
    for a in args {
        let array = cast(&a.to_array(rows)?, &DataType::Utf8)?;
        let strings = array
            .as_any()
            .downcast_ref::<StringArray>()
            .cloned()
            .unwrap_or_else(|| StringArray::new_null(rows));
        out.push(strings);
    }
    Ok((out, rows, all_scalar))
}

/// The values of row `i` of every argument.
fn row(arrays: &[StringArray], i: usize) -> Vec<Option<&str>> {
    arrays
        .iter()
        .map(|a| (!a.is_null(i)).then(|| a.value(i)))
        .collect()
}

/// A scalar result stays scalar, so constant folding and all-literal calls keep their shape.
fn finish(array: ArrayRef, all_scalar: bool) -> Result<ColumnarValue> {
    if all_scalar {
        Ok(ColumnarValue::Scalar(ScalarValue::try_from_array(
            &array, 0,
        )?))
    } else {
        Ok(ColumnarValue::Array(array))
    }
}

fn text_fn(
    args: &[ColumnarValue],
    f: impl Fn(&[Option<&str>]) -> Option<String>,
) -> Result<ColumnarValue> {
    let (arrays, rows, all_scalar) = strings(args)?;
    let mut out = StringBuilder::with_capacity(rows, rows * 16);
    for i in 0..rows {
        out.append_option(f(&row(&arrays, i)));
    }
    finish(Arc::new(out.finish()), all_scalar)
}

fn number_fn(
    args: &[ColumnarValue],
    f: impl Fn(&[Option<&str>]) -> Option<f64>,
) -> Result<ColumnarValue> {
    let (arrays, rows, all_scalar) = strings(args)?;
    let mut out = Float64Builder::with_capacity(rows);
    for i in 0..rows {
        out.append_option(f(&row(&arrays, i)));
    }
    finish(Arc::new(out.finish()), all_scalar)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cyrillic_name_and_its_transliteration_share_a_key() {
        assert_eq!(name_key("ООО «ЖЕТЫСУСНАБ»"), name_key("Zhetysusnab LLC"));
        assert_eq!(name_script("ООО «ЖЕТЫСУСНАБ»"), "cyrillic");
    }

    #[test]
    fn the_same_name_scores_higher_than_a_different_one() {
        let same = match_score(
            "Shenzhen DJI Technology Co Ltd",
            "SZ DJI Technology Co., Ltd.",
        );
        let other = match_score("Shenzhen DJI Technology Co Ltd", "Autel Robotics");
        assert!(same > other, "{same} <= {other}");
    }

    #[test]
    fn a_drone_description_is_a_drone() {
        assert_eq!(
            goods_category("КВАДРОКОПТЕР DJI МАВИК 3 КЛАССИК", Some("8806229000")),
            "drone"
        );
    }
}
