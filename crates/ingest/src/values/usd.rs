//! Chooses the USD value of a line: the declared statistical value, else the invoice or customs value converted with documented rates.

use tradetrail_model::value_source;

use super::refs;

/// Chooses `value_usd`: statistical value, else invoice in USD, else invoice converted, else customs value converted.
pub fn usd_value(
    stat: Option<f64>,
    invoice: Option<f64>,
    currency: Option<&str>,
    customs: Option<f64>,
    reporting: Option<&str>,
    date: Option<i32>,
) -> (Option<f64>, Option<&'static str>, Option<f64>) {
    if let Some(s) = stat {
        return (Some(s), Some(value_source::STATISTICAL), None);
    }
    let ym = date.map(|d| {
        let (y, m, _) = tradetrail_model::civil_from_days(d);
        (y, m)
    });
    if let (Some(inv), Some(cur)) = (invoice, currency) {
        if cur == "USD" {
            return (Some(inv), Some(value_source::INVOICE_USD), None);
        }
        if let Some((y, m)) = ym
            && let Some(rate) = refs::usd_per_unit(cur, y, m)
        {
            return (Some(inv * rate), Some(value_source::INVOICE_FX), Some(rate));
        }
    }
    if let (Some(cv), Some(rc), Some((y, m))) = (customs, reporting, ym)
        && let Some(local) = refs::local_currency(rc)
        && let Some(rate) = refs::usd_per_unit(local, y, m)
    {
        return (Some(cv * rate), Some(value_source::CUSTOMS_FX), Some(rate));
    }
    (None, None, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usd_value_table() {
        let d = Some(tradetrail_model::days_from_civil(2025, 3, 31));
        let cases = [
            (
                (Some(10.0), Some(5.0), Some("EUR"), None, Some("RU"), d),
                (Some(10.0), Some("statistical_usd"), None),
            ),
            (
                (None, Some(5.0), Some("USD"), None, Some("RU"), d),
                (Some(5.0), Some("invoice_usd"), None),
            ),
            ((None, None, None, None, Some("RU"), d), (None, None, None)),
            (
                (None, Some(5.0), None, None, None, None),
                (None, None, None),
            ),
        ];
        for ((s, i, c, cv, r, dt), want) in cases {
            assert_eq!(usd_value(s, i, c, cv, r, dt), want);
        }
    }
}
