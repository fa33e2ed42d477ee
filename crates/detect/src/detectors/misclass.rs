//! `TT-MISCLASS-HS`: drone goods declared under a code outside the drone family, as the classifier found.

use crate::context::{Context, Input};
use crate::detectors::per_line;
use crate::finding::{Feature, Finding, Severity};
use crate::{Detector, Info};

/// Misclassified drone HS code.
///
/// **Flags** a line whose description, brand or model names drone goods (or a controlled component) while its declared HS code does not fit them
/// (the `misclassified` column of `classifications`, which says why).
///
/// **Why it matters:** declaring drones as toys (9503), cameras (8525) or "parts" (8473, 8529) keeps them out of the drone headings (8806, 8807) that export controls and
/// statistics watch; the BIS/FinCEN joint alerts name misdescribed HS codes as an evasion indicator
/// (FinCEN and BIS, "Supplemental Alert: FinCEN and the U.S. Department of Commerce's Bureau of Industry and Security Urge Continued Vigilance for Potential Russian Export Control Evasion Attempts", FIN-2023-NCCA-001, May 2023).
///
/// **Known false positives:** accessories and spare parts whose own code is correct while the text names the drone they fit, declarations under the HS2017 codes before 2022,
/// classifier errors on look-alike goods (gimbals, action cameras, toy helicopters).
pub struct Misclassified;

impl Detector for Misclassified {
    fn info(&self) -> &'static Info {
        &Info {
            code: "TT-MISCLASS-HS",
            title: "drone goods declared under a code that does not fit them",
            severity: Severity::Medium,
            version: 1,
            needs: &[Input::Classifications],
        }
    }
    fn run(&self, ctx: &Context) -> Vec<Finding> {
        per_line(self.info(), ctx, |l| {
            let why = l.misclassified.as_ref()?;
            let mut features = vec![Feature::new("declared_code_does_not_fit_goods", 1.0, 1.0)];
            if l.category.as_deref() == Some("drone") {
                features.push(Feature::new("complete_drone", 1.0, 0.5));
            }
            Some((
                format!("HS {}: {why}", l.hs6.as_deref().unwrap_or("?")),
                features,
            ))
        })
    }
}
