//! Versioned control code sets that we transcribe and cite: the Common High Priority List, the drone HS family, and transshipment-risk countries.
//!
//! Each set lives in `data/controls/*.toml` with its version, effective date and source, is compiled in, and is parsed once on first use.
//! Membership is a risk factor for later stages; it is never a finding by itself.

use std::sync::LazyLock;

use serde::Deserialize;

use crate::hs::hs6_of;

/// The embedded CHPL versions, oldest first.
const CHPL_TOML: &str = include_str!("../data/controls/chpl.toml");
/// The embedded drone HS family.
const DRONE_FAMILY_TOML: &str = include_str!("../data/controls/drone_family.toml");
/// The embedded transshipment-risk countries.
const TRANSSHIPMENT_TOML: &str = include_str!("../data/controls/transshipment_risk.toml");

/// The tiers a CHPL member may have.
pub const CHPL_TIERS: &[&str] = &["1", "2", "3.A", "3.B", "4.A", "4.B"];

/// One version of a code set.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodeSet {
    /// Machine name, e.g. `chpl`.
    pub name: String,
    /// Version, usually the publication date.
    pub version: String,
    /// Date from which this version applies, `YYYY-MM-DD`.
    pub effective_from: String,
    /// Where the set comes from: issuer, title, date and address.
    pub source: String,
    /// The codes of the set.
    pub members: Vec<Member>,
}

/// One code of a set.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Member {
    /// HS six-digit code (digits only) or ISO 3166-1 alpha-2 country code.
    pub code: String,
    /// CHPL tier (`1`, `2`, `3.A`, `3.B`, `4.A`, `4.B`), for CHPL members.
    #[serde(default)]
    pub tier: Option<String>,
    /// Role of an HS code in the drone family (see [`DroneRole`]).
    #[serde(default)]
    pub role: Option<String>,
    /// First day the member applies, when it differs from the set's.
    #[serde(default)]
    pub effective_from: Option<String>,
    /// Last day the member applies, when it stopped applying.
    #[serde(default)]
    pub effective_to: Option<String>,
    /// Short description and, where the member has its own source, that source.
    pub note: String,
}

impl Member {
    /// True when the member applies on an ISO date.
    pub fn applies_on(&self, date: &str) -> bool {
        self.effective_from.as_deref().is_none_or(|f| f <= date)
            && self.effective_to.as_deref().is_none_or(|t| date <= t)
    }
}

impl CodeSet {
    /// The member with this code.
    pub fn member(&self, code: &str) -> Option<&Member> {
        self.members.iter().find(|m| m.code == code)
    }
}

/// The TOML layout of a file: one or more `[[set]]` tables.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SetFile {
    set: Vec<CodeSet>,
}

/// Parses a control file's TOML text into its sets, in file order.
pub fn parse(text: &str) -> Result<Vec<CodeSet>, toml::de::Error> {
    toml::from_str::<SetFile>(text).map(|f| f.set)
}

/// Parses an embedded file; the tests prove they are valid.
fn embedded(text: &str, what: &str) -> Vec<CodeSet> {
    parse(text).unwrap_or_else(|e| panic!("the embedded {what} is invalid (tested): {e}"))
}

static CHPL: LazyLock<Vec<CodeSet>> = LazyLock::new(|| {
    let mut sets = embedded(CHPL_TOML, "chpl.toml");
    sets.sort_by(|a, b| a.effective_from.cmp(&b.effective_from));
    sets
});
static DRONE_FAMILY: LazyLock<CodeSet> =
    LazyLock::new(|| embedded(DRONE_FAMILY_TOML, "drone_family.toml").remove(0));
static TRANSSHIPMENT: LazyLock<CodeSet> =
    LazyLock::new(|| embedded(TRANSSHIPMENT_TOML, "transshipment_risk.toml").remove(0));

/// Every CHPL version we hold, oldest first.
pub fn chpl_versions() -> &'static [CodeSet] {
    &CHPL
}

/// The latest CHPL version (2024-02-23, 50 codes).
pub fn chpl() -> &'static CodeSet {
    CHPL.last()
        .expect("chpl.toml holds at least one version (tested)")
}

/// The CHPL version in effect on an ISO date, or `None` before the first version we hold.
pub fn chpl_as_of(date: &str) -> Option<&'static CodeSet> {
    let date = date.trim();
    CHPL.iter()
        .rev()
        .find(|s| s.effective_from.as_str() <= date)
}

/// The tier of a code in the latest CHPL; 8-10-digit national codes are cut to six digits.
pub fn chpl_tier(hs6: &str) -> Option<&'static str> {
    let hs6 = hs6_of(hs6)?;
    chpl().member(&hs6)?.tier.as_deref()
}

/// What an HS code says about drones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DroneRole {
    /// HS2022 heading 88.06: a complete unmanned aircraft.
    CompleteDrone,
    /// HS2022 heading 88.07: parts of aircraft including unmanned aircraft.
    DronePart,
    /// HS2017 88.02 aircraft codes under which drones were declared before 2022.
    Pre2022DroneEquivalent,
    /// HS2017 88.03 aircraft parts, the predecessors of 88.07.
    Pre2022PartEquivalent,
    /// Camera codes (8525.80 before 2022, 9006.30) under which camera drones were declared.
    CameraPossibleDrone,
}

impl DroneRole {
    /// The role as written in `drone_family.toml`.
    pub fn as_str(self) -> &'static str {
        match self {
            DroneRole::CompleteDrone => "complete_drone",
            DroneRole::DronePart => "drone_part",
            DroneRole::Pre2022DroneEquivalent => "pre2022_drone_equivalent",
            DroneRole::Pre2022PartEquivalent => "pre2022_part_equivalent",
            DroneRole::CameraPossibleDrone => "camera_possible_drone",
        }
    }

    /// Reads a role as written in `drone_family.toml`.
    pub fn parse(text: &str) -> Option<DroneRole> {
        [
            DroneRole::CompleteDrone,
            DroneRole::DronePart,
            DroneRole::Pre2022DroneEquivalent,
            DroneRole::Pre2022PartEquivalent,
            DroneRole::CameraPossibleDrone,
        ]
        .into_iter()
        .find(|r| r.as_str() == text)
    }
}

/// The drone HS family: 8806.xx, 8807.xx and their pre-2022 equivalents, with roles and dates.
pub fn drone_family() -> &'static CodeSet {
    &DRONE_FAMILY
}

/// The drone role of an HS code, whatever the date; 8-10-digit national codes are cut to six digits.
///
/// 8802.11, 8802.12 and 8802.20 get their pre-2022 role here even though they mean manned aircraft from 2022; use [`drone_role_on`] when the date is known.
pub fn drone_role(hs6: &str) -> Option<DroneRole> {
    let hs6 = hs6_of(hs6)?;
    DroneRole::parse(drone_family().member(&hs6)?.role.as_deref()?)
}

/// The drone role of an HS code declared on an ISO date, or `None` when the code did not carry drones then.
pub fn drone_role_on(hs6: &str, date: &str) -> Option<DroneRole> {
    let hs6 = hs6_of(hs6)?;
    let member = drone_family().member(&hs6)?;
    if !member.applies_on(date.trim()) {
        return None;
    }
    DroneRole::parse(member.role.as_deref()?)
}

/// The countries US agencies name as transshipment points for Russia, with the alert that names each.
pub fn transshipment_risk() -> &'static CodeSet {
    &TRANSSHIPMENT
}

/// True when an ISO alpha-2 code (any case) is a named transshipment point.
pub fn is_transshipment_risk(alpha2: &str) -> bool {
    let code = alpha2.trim().to_ascii_uppercase();
    transshipment_risk().member(&code).is_some()
}
