//! What HS codes say: the drone role of a declared code on its date, the CHPL tier, the codes a part or component kind is expected under, and HS2017 equivalents before 2022.
//!
//! Roles come from `refdata::controls::drone_role_on`, so 8802 and 8525.80 count as drone codes only before 2022-01-01.
//! CHPL tiers come from the latest CHPL in `refdata::controls`, read once into a table.

use std::collections::HashMap;

use tradetrail_refdata::controls::{DroneRole, chpl, drone_role_on};

use crate::lexicon::PartKind;

/// Day number (days since 1970-01-01) of 2022-01-01, when HS2022 entered into force.
pub const HS2022_DAY: i32 = 18_993;

/// A six-digit HS code as ASCII digits.
pub type Hs6 = [u8; 6];

/// The first six digits of a declared code, if it has at least six digits.
pub fn hs6(line_hs6: Option<&str>, hs_code: Option<&str>) -> Option<Hs6> {
    let text = line_hs6.or(hs_code)?;
    let mut out = [0u8; 6];
    let mut n = 0;
    for b in text.bytes() {
        if b.is_ascii_digit() {
            out[n] = b;
            n += 1;
            if n == 6 {
                return Some(out);
            }
        } else if !matches!(b, b'.' | b' ' | b'-') {
            return None;
        }
    }
    None
}

/// The code as text.
pub fn as_str(h: &Hs6) -> &str {
    std::str::from_utf8(h).unwrap_or("")
}

/// The ISO date of a day number, for the dated look-ups of `refdata`.
pub fn iso_date(days: i32) -> String {
    tradetrail_model::iso_date(days)
}

/// The drone role of a declared code on a day; codes outside chapters 85, 88 and 90 are skipped without a look-up.
pub fn role_on(h: &Hs6, day: Option<i32>) -> Option<DroneRole> {
    if !(h.starts_with(b"88") || h.starts_with(b"8525") || h.starts_with(b"9006")) {
        return None;
    }
    let date = day.map_or_else(|| "2024-01-01".to_string(), iso_date);
    drone_role_on(as_str(h), &date)
}

/// True when a role fits a complete drone.
pub fn is_drone_role(r: DroneRole) -> bool {
    matches!(
        r,
        DroneRole::CompleteDrone
            | DroneRole::Pre2022DroneEquivalent
            | DroneRole::CameraPossibleDrone
    )
}

/// True when a role fits a drone part.
pub fn is_part_role(r: DroneRole) -> bool {
    matches!(r, DroneRole::DronePart | DroneRole::Pre2022PartEquivalent)
}

/// The CHPL tiers by code, read once from the latest CHPL.
#[derive(Debug)]
pub struct ChplTable(HashMap<Hs6, &'static str>);

impl ChplTable {
    /// Reads the latest CHPL.
    pub fn new() -> Self {
        let mut m = HashMap::new();
        for mem in &chpl().members {
            if let (Some(h), Some(t)) = (hs6(Some(&mem.code), None), mem.tier.as_deref()) {
                m.insert(h, t);
            }
        }
        ChplTable(m)
    }

    /// The tier of a code.
    pub fn tier(&self, h: &Hs6) -> Option<&'static str> {
        self.0.get(h).copied()
    }
}

impl Default for ChplTable {
    fn default() -> Self {
        Self::new()
    }
}

/// True for codes of electronic components that only drone-grade electronics use in this context: ICs, GNSS receivers, capacitors, semiconductors, navigation instruments.
pub fn is_component_code(h: &Hs6) -> bool {
    h.starts_with(b"8542")
        || h.starts_with(b"8541")
        || h == b"852691"
        || h.starts_with(b"85322")
        || h == b"901420"
}

/// The codes a part kind is usually declared under (HS2022).
pub fn part_codes(kind: PartKind) -> &'static [&'static str] {
    match kind {
        PartKind::Generic => &["880730", "880790"],
        PartKind::Propeller => &["880710"],
        PartKind::Battery => &["850760", "850650"],
        PartKind::Motor => &["850131", "850110"],
        PartKind::Esc => &["850440"],
        PartKind::FlightController => &["853710", "854370", "847150", "880730"],
        PartKind::RemoteController => &["852692", "852691"],
        PartKind::Frame => &["880730"],
        PartKind::Vtx => &["852560", "852550", "851762"],
        PartKind::Camera => &["852589", "880730"],
        PartKind::Gnss => &["852691", "854239"],
        PartKind::Radio => &["851762", "851769", "852910"],
    }
}

/// True when `h` is one of the part codes of any kind, or in the drone-part family.
pub fn is_any_part_code(h: &Hs6) -> bool {
    PartKind::ALL
        .iter()
        .any(|k| part_codes(*k).iter().any(|c| c.as_bytes() == h))
}

/// HS2017 codes that carried goods of an HS2022 code before 2022 (the correlation for the drone-relevant codes).
pub fn hs2017_equivalents(hs2022: &str) -> &'static [&'static str] {
    match hs2022 {
        h if h.starts_with("8806") => &["880211", "880212", "880220", "852580", "900630"],
        "880710" => &["880310"],
        "880720" => &["880320"],
        "880730" => &["880330"],
        "880790" => &["880390"],
        "852581" | "852582" | "852583" | "852589" => &["852580"],
        _ => &[],
    }
}

/// True when the declared code fits one of the expected HS2022 codes on the day (its HS2017 equivalents count before 2022).
pub fn fits(declared: &Hs6, expected: &[String], day: Option<i32>) -> bool {
    let d = as_str(declared);
    let before = day.is_some_and(|x| x < HS2022_DAY);
    expected
        .iter()
        .any(|e| e == d || (before && hs2017_equivalents(e).contains(&d)))
}

/// The usual name of the goods a code's heading covers, for readable reasons.
pub fn label(h: &Hs6) -> &'static str {
    match &h[..4] {
        b"9503" => "toys",
        b"8525" => "cameras and transmitters",
        b"8473" => "computer parts",
        b"8529" => "radio and TV parts",
        b"8543" => "electrical machines n.e.s.",
        b"3926" => "plastic articles",
        b"9032" => "regulating instruments",
        b"8807" => "aircraft and drone parts",
        b"8803" => "aircraft parts (HS2017)",
        b"8806" => "unmanned aircraft",
        b"8802" => "aircraft",
        b"8538" => "switchgear parts",
        b"8507" => "batteries",
        b"8501" => "electric motors",
        b"8504" => "static converters",
        b"8542" => "integrated circuits",
        b"8526" => "radio navigation and remote control",
        b"8517" => "telecom apparatus",
        _ => "other goods",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_roles() {
        assert_eq!(iso_date(HS2022_DAY), "2022-01-01");
        assert_eq!(iso_date(0), "1970-01-01");
        let h = hs6(Some("852580"), None).unwrap();
        assert_eq!(
            role_on(&h, Some(HS2022_DAY - 1)),
            Some(DroneRole::CameraPossibleDrone)
        );
        assert_eq!(role_on(&h, Some(HS2022_DAY)), None);
        assert_eq!(hs6(None, Some("8806.22.0000")), Some(*b"880622"));
        assert_eq!(hs6(None, Some("88")), None);
        assert_eq!(ChplTable::new().tier(b"854231"), Some("1"));
    }
}
