//! Red-flag detectors over classified, resolved shipment lines, each with a stable code, a severity and findings that carry their evidence.
//!
//! A detector is pure: it reads a [`Context`] (lines joined to their classification and parties, and the entities) and returns [`Finding`]s.
//! A finding's score is the sum of named [`Feature`]s the user can see, and its evidence names the source rows (dataset, file, line).
//! Output is deterministic: findings are sorted by code, subject and evidence, and nothing reads a clock.
//!
//! Detectors that need inputs later stages provide (screening hits, the trade graph) declare them in [`Detector::needs`];
//! [`run`] skips them and says so while those inputs are absent.

#![warn(missing_docs)]

pub mod context;
pub mod detectors;
pub mod finding;
pub mod stats;

pub use context::{Context, Entity, INVASION, Input, Line, ListHit, Text};
pub use finding::{Feature, Finding, Severity, SubjectKind};

/// What a detector is: its code, what it flags, its severity and the inputs it reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Info {
    /// Stable code, e.g. `TT-UNDERVALUE`; findings and evaluations refer to it.
    pub code: &'static str,
    /// One line saying what it flags.
    pub title: &'static str,
    /// How strong its signal is on its own.
    pub severity: Severity,
    /// Version of its logic: bump it when what the detector flags or how it scores changes, so `tradetrail detect` rebuilds stored findings.
    pub version: u32,
    /// The inputs it reads besides the shipment lines.
    pub needs: &'static [Input],
}

/// One red-flag detector.
pub trait Detector: Sync {
    /// Its code, title, severity and inputs.
    fn info(&self) -> &'static Info;
    /// The findings over a context that holds every needed input.
    fn run(&self, ctx: &Context) -> Vec<Finding>;
    /// Its stable code.
    fn code(&self) -> &'static str {
        self.info().code
    }
}

/// Every detector, in code order.
pub fn registry() -> Vec<&'static dyn Detector> {
    use detectors::*;
    let mut all: Vec<&'static dyn Detector> = vec![
        &brand_exit::BrandExit,
        &chpl_route::ChplRoute,
        &currency::CurrencyShift,
        &ephemeral::Ephemeral,
        &line_change::LineChange,
        &listed_near::ListedNear,
        &listed_party::ListedParty,
        &long_chain::LongChain,
        &misclass::Misclassified,
        &pass_through::PassThroughEntity,
        &shell::ShellCluster,
        &structuring::Structuring,
        &triangle::Triangle,
        &undervalue::Undervalue,
        &unit_weight::UnitWeight,
        &vague::Vague,
    ];
    all.sort_by_key(|d| d.code());
    all
}

/// Every detector's code and logic version, `TT-BRAND-EXIT@1,TT-CHPL-ROUTE@1,...` in code order: part of the key that says stored findings are up to date.
pub fn logic_versions() -> String {
    registry()
        .iter()
        .map(|d| format!("{}@{}", d.code(), d.info().version))
        .collect::<Vec<_>>()
        .join(",")
}

/// The detector with this code (any case).
pub fn detector(code: &str) -> Option<&'static dyn Detector> {
    registry()
        .into_iter()
        .find(|d| d.code().eq_ignore_ascii_case(code.trim()))
}

/// What one run of every detector produced.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Every finding, sorted by code, subject and evidence.
    pub findings: Vec<Finding>,
    /// (code, findings) of each detector that ran, in code order.
    pub ran: Vec<(&'static str, usize)>,
    /// (code, missing input) of each detector that was skipped.
    pub skipped: Vec<(&'static str, Input)>,
}

/// Runs every detector whose inputs the context holds.
pub fn run(ctx: &Context) -> Outcome {
    let mut out = Outcome::default();
    for d in registry() {
        if let Some(missing) = d.info().needs.iter().find(|i| !ctx.has(**i)) {
            out.skipped.push((d.code(), *missing));
            continue;
        }
        let mut found = d.run(ctx);
        found.sort_by(|a, b| {
            (&a.subject, &a.lines)
                .cmp(&(&b.subject, &b.lines))
                .then(a.summary.cmp(&b.summary))
        });
        out.ran.push((d.code(), found.len()));
        out.findings.extend(found);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_stable() {
        let codes: Vec<&str> = registry().iter().map(|d| d.code()).collect();
        let mut sorted = codes.clone();
        sorted.dedup();
        assert_eq!(codes, sorted);
        assert!(codes.iter().all(|c| c.starts_with("TT-")));
        assert!(detector("tt-undervalue").is_some());
    }

    #[test]
    fn logic_versions_name_every_detector() {
        let v = logic_versions();
        assert_eq!(v.split(',').count(), registry().len());
        assert!(v.contains("TT-LONG-CHAIN@") && registry().iter().all(|d| d.info().version >= 1));
    }
}
