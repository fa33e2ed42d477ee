//! What a report covers (goods, destination country, date range) and the SQL view `lines` every section's query starts from.
//!
//! The scope is validated when parsed, so the SQL it produces only ever holds known category names, a two-letter country code and ISO dates.

use serde::Serialize;
use tradetrail_model::{days_from_civil, iso_date};

use crate::Error;

/// Which goods a report counts, by the classifier's categories.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Goods {
    /// Complete drones and drone parts.
    Drones,
    /// Complete drones only.
    DronesOnly,
    /// Drone parts only.
    DroneParts,
    /// Common High Priority List components.
    Components,
    /// Drones, drone parts and CHPL components.
    All,
}

impl Goods {
    /// The goods named on the command line: drones, drone, drone_part (parts), component (chpl) or all.
    pub fn parse(text: &str) -> Result<Goods, Error> {
        match text.trim().to_ascii_lowercase().replace('-', "_").as_str() {
            "drones" => Ok(Goods::Drones),
            "drone" | "drones_only" => Ok(Goods::DronesOnly),
            "drone_part" | "drone_parts" | "parts" => Ok(Goods::DroneParts),
            "component" | "components" | "chpl" => Ok(Goods::Components),
            "all" => Ok(Goods::All),
            _ => Err(Error::Scope(format!(
                "goods {text:?}: expected drones (drones and drone parts), drone, drone_part, chpl or all"
            ))),
        }
    }

    /// The classifier categories counted.
    pub fn categories(self) -> &'static [&'static str] {
        match self {
            Goods::Drones => &["drone", "drone_part"],
            Goods::DronesOnly => &["drone"],
            Goods::DroneParts => &["drone_part"],
            Goods::Components => &["component"],
            Goods::All => &["drone", "drone_part", "component"],
        }
    }

    /// How the goods read in a sentence.
    pub fn label(self) -> &'static str {
        match self {
            Goods::Drones => "drones and drone parts",
            Goods::DronesOnly => "drones",
            Goods::DroneParts => "drone parts",
            Goods::Components => "Common High Priority List components",
            Goods::All => "drones, drone parts and CHPL components",
        }
    }
}

/// What a report covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Scope {
    /// The goods counted.
    pub goods: Goods,
    /// Destination country, ISO alpha-2 (a line counts when its destination is this country, or when it is an import declared there).
    pub to: String,
    /// First day counted, ISO `YYYY-MM-DD`.
    pub since: Option<String>,
    /// Last day counted, ISO `YYYY-MM-DD`.
    pub until: Option<String>,
}

/// The day Russia's full-scale invasion of Ukraine began, the default start of a report.
pub const INVASION: &str = "2022-02-24";

impl Scope {
    /// A checked scope: the country must be two letters and the dates real ISO dates.
    pub fn new(
        goods: Goods,
        to: &str,
        since: Option<&str>,
        until: Option<&str>,
    ) -> Result<Scope, Error> {
        let to = to.trim().to_ascii_uppercase();
        if to.len() != 2 || !to.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(Error::Scope(format!(
                "destination {to:?}: expected an ISO 3166 alpha-2 code such as RU"
            )));
        }
        let since = since.map(check_date).transpose()?;
        let until = until.map(check_date).transpose()?;
        if let (Some(a), Some(b)) = (&since, &until)
            && a > b
        {
            return Err(Error::Scope(format!("--since {a} is after --until {b}")));
        }
        Ok(Scope {
            goods,
            to,
            since,
            until,
        })
    }

    /// The first day as a `Date32` day number.
    pub fn since_day(&self) -> Option<i32> {
        self.since.as_deref().and_then(day_of)
    }

    /// The last day as a `Date32` day number.
    pub fn until_day(&self) -> Option<i32> {
        self.until.as_deref().and_then(day_of)
    }

    /// One sentence saying what is counted.
    pub fn describe(&self) -> String {
        let mut s = format!("{} to {}", self.goods.label(), self.to);
        match (&self.since, &self.until) {
            (Some(a), Some(b)) => s.push_str(&format!(" from {a} to {b}")),
            (Some(a), None) => s.push_str(&format!(" since {a}")),
            (None, Some(b)) => s.push_str(&format!(" until {b}")),
            (None, None) => {}
        }
        s
    }

    /// The body of the `lines` view: one row per shipment line in scope, with its classification and resolved parties.
    pub fn lines_sql(&self) -> String {
        let categories: Vec<String> = self
            .goods
            .categories()
            .iter()
            .map(|c| format!("'{c}'"))
            .collect();
        let mut sql = format!(
            "SELECT s.record_id, s.dataset, s.source_file, s.source_line, s.declaration_date AS day, \
             s.value_usd, s.quantity, c.category, COALESCE(c.brand, '(no brand)') AS brand, c.model, \
             COALESCE(NULLIF(s.origin_country, ''), '??') AS origin, \
             COALESCE(NULLIF(s.dispatch_country, ''), NULLIF(s.sender_country, ''), '??') AS dispatch, \
             snd.entity_id AS exporter_id, rcp.entity_id AS importer_id \
             FROM shipments s JOIN classifications c ON c.record_id = s.record_id \
             LEFT JOIN (SELECT record_id, MIN(entity_id) AS entity_id FROM party_mentions WHERE role = 'sender' GROUP BY record_id) snd ON snd.record_id = s.record_id \
             LEFT JOIN (SELECT record_id, MIN(entity_id) AS entity_id FROM party_mentions WHERE role = 'recipient' GROUP BY record_id) rcp ON rcp.record_id = s.record_id \
             WHERE c.category IN ({}) AND (s.destination_country = '{to}' OR (s.direction = 'import' AND s.reporting_country = '{to}'))",
            categories.join(", "),
            to = self.to
        );
        if let Some(d) = &self.since {
            sql.push_str(&format!(" AND s.declaration_date >= DATE '{d}'"));
        }
        if let Some(d) = &self.until {
            sql.push_str(&format!(" AND s.declaration_date <= DATE '{d}'"));
        }
        sql
    }

    /// A complete query: the `lines` view, further views, then the statement.
    pub fn query(&self, views: &[(&str, &str)], select: &str) -> String {
        let mut sql = format!("WITH lines AS ({})", self.lines_sql());
        for (name, body) in views {
            sql.push_str(&format!(", {name} AS ({body})"));
        }
        sql.push(' ');
        sql.push_str(select);
        sql
    }
}

fn check_date(text: &str) -> Result<String, Error> {
    let t = text.trim();
    match day_of(t) {
        Some(d) if iso_date(d) == t => Ok(t.to_owned()),
        _ => Err(Error::Scope(format!(
            "date {text:?}: expected an ISO date YYYY-MM-DD"
        ))),
    }
}

fn day_of(text: &str) -> Option<i32> {
    let mut parts = text.split('-');
    let y: i32 = parts.next()?.parse().ok()?;
    let m: u32 = parts.next()?.parse().ok()?;
    let d: u32 = parts.next()?.parse().ok()?;
    if parts.next().is_some() || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    Some(days_from_civil(y, m, d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scope_is_checked() {
        assert!(Scope::new(Goods::Drones, "ru", Some("2022-02-24"), None).is_ok());
        assert!(Scope::new(Goods::Drones, "RUS", None, None).is_err());
        assert!(Scope::new(Goods::Drones, "R'", None, None).is_err());
        assert!(Scope::new(Goods::Drones, "RU", Some("2022-02-30"), None).is_err());
        assert!(Scope::new(Goods::Drones, "RU", Some("2022-02-24' OR 1=1"), None).is_err());
        assert!(Scope::new(Goods::Drones, "RU", Some("2023-01-01"), Some("2022-01-01")).is_err());
        assert_eq!(Goods::parse("parts").unwrap(), Goods::DroneParts);
        assert!(Goods::parse("tanks").is_err());
    }

    #[test]
    fn lines_view_holds_the_scope() {
        let s = Scope::new(Goods::Drones, "RU", Some(INVASION), Some("2024-12-31")).unwrap();
        let sql = s.lines_sql();
        assert!(sql.contains("c.category IN ('drone', 'drone_part')"));
        assert!(sql.contains("s.reporting_country = 'RU'"));
        assert!(sql.contains(">= DATE '2022-02-24'"));
        assert!(sql.contains("<= DATE '2024-12-31'"));
        assert_eq!(
            s.describe(),
            "drones and drone parts to RU from 2022-02-24 to 2024-12-31"
        );
    }
}
