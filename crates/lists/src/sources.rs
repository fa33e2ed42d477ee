//! Where each list is published, so `tradetrail lists update` can fetch the official files without the user looking them up.
//!
//! URLs are the publishers' stable download addresses as of 2025; a list whose publisher moves its files needs an edit here.

use crate::ListFormat;

/// One official download: which list, in which format, from where, saved under which file names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OfficialSource {
    /// List id the import produces (for the CSL, the bundle: `us-csl`).
    pub list_id: &'static str,
    /// Format to import the files with.
    pub format: ListFormat,
    /// Download URLs, one per file, in the order of `files`.
    pub urls: &'static [&'static str],
    /// File names to save the downloads under, so multi-file formats find their parts.
    pub files: &'static [&'static str],
}

static SOURCES: &[OfficialSource] = &[
    OfficialSource {
        list_id: "us-ofac-sdn",
        format: ListFormat::OfacSdnCsv,
        urls: &[
            "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN.CSV",
            "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ADD.CSV",
            "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ALT.CSV",
            "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN_COMMENTS.CSV",
        ],
        files: &["sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv"],
    },
    OfficialSource {
        list_id: "us-ofac-cons",
        format: ListFormat::OfacConsCsv,
        urls: &[
            "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/CONS_PRIM.CSV",
            "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/CONS_ADD.CSV",
            "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/CONS_ALT.CSV",
            "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/CONS_COMMENTS.CSV",
        ],
        files: &[
            "cons_prim.csv",
            "cons_add.csv",
            "cons_alt.csv",
            "cons_comments.csv",
        ],
    },
    OfficialSource {
        list_id: "us-ofac-cons",
        format: ListFormat::OfacXml,
        urls: &[
            "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/CONS_ENHANCED.XML",
        ],
        files: &["CONS_ENHANCED.XML"],
    },
    OfficialSource {
        list_id: "un-sc",
        format: ListFormat::UnXml,
        urls: &["https://scsanctions.un.org/resources/xml/en/consolidated.xml"],
        files: &["UN_consolidated.xml"],
    },
    OfficialSource {
        list_id: "us-csl",
        format: ListFormat::CslCsv,
        urls: &[
            "https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.csv",
        ],
        files: &["consolidated.csv"],
    },
    OfficialSource {
        list_id: "eu-833",
        format: ListFormat::EuCsv,
        urls: &[
            "https://raw.githubusercontent.com/opensanctions/opensanctions/main/datasets/eu/journal_sanctions/data/consolidated/32014R0833.csv",
        ],
        files: &["32014R0833.csv"],
    },
    OfficialSource {
        list_id: "eu-269",
        format: ListFormat::EuCsv,
        urls: &[
            "https://raw.githubusercontent.com/opensanctions/opensanctions/main/datasets/eu/journal_sanctions/data/consolidated/32014R0269.csv",
        ],
        files: &["32014R0269.csv"],
    },
    OfficialSource {
        list_id: "eu-765",
        format: ListFormat::EuCsv,
        urls: &[
            "https://raw.githubusercontent.com/opensanctions/opensanctions/main/datasets/eu/journal_sanctions/data/consolidated/32006R0765.csv",
        ],
        files: &["32006R0765.csv"],
    },
    OfficialSource {
        list_id: "opensanctions-sanctions",
        format: ListFormat::FtmJson,
        urls: &["https://data.opensanctions.org/datasets/latest/sanctions/entities.ftm.json"],
        files: &["entities.ftm.json"],
    },
];

/// The official download of every list this crate can import.
pub fn official_sources() -> &'static [OfficialSource] {
    SOURCES
}
