//! Searching an index generation: query words in both analyzed forms, filters that narrow without scoring, BM25 ranking with stable ties.
//!
//! Every query word must match, in its stemmed form (field `text`) or its folded Latin form (field `fold`); a Han run must match all its character pairs.
//! Filters are required clauses with zero weight, so they never change a score.
//! Ties in score are broken by a hash of the record id, so the same index and query always give the same list.

use std::ops::Bound;
use std::path::Path;

use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, BoostQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DocAddress, DocId, Index, IndexReader, Score, SegmentReader, TantivyDocument, Term};

use crate::error::at;
use crate::schema::{self, Fields};
use crate::{Error, Result, analysis, days_to_iso, iso_to_days};

/// Score, then the complement of the record-id hash, so equal scores come out in a fixed order.
type SortKey = (Score, u64);

/// Filters of a search; every one that is set must hold.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// First declaration date, `YYYY-MM-DD`, inclusive.
    pub since: Option<String>,
    /// Last declaration date, `YYYY-MM-DD`, inclusive.
    pub until: Option<String>,
    /// ISO alpha-2 code matched against origin, dispatch, trading, destination and sender country.
    pub country: Option<String>,
    /// Leading digits of the commodity code (punctuation ignored), e.g. `8806` or `8806.22`.
    pub hs_prefix: Option<String>,
    /// Words of a sender, recipient or declarant name, in any script; all must occur in one line's party names.
    pub party: Option<String>,
    /// `drone`, `drone_part`, `chpl` (or `component`) or `other`, from the `classifications` table.
    pub category: Option<String>,
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// Record id of the shipment line.
    pub record_id: String,
    /// Declaration date, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Description as declared.
    pub description: String,
    /// Commodity code.
    pub hs_code: Option<String>,
    /// Sender name as written.
    pub sender: Option<String>,
    /// Recipient name as written.
    pub recipient: Option<String>,
    /// Declarant name as written.
    pub declarant: Option<String>,
    /// Category from the `classifications` table, when it was built.
    pub category: Option<String>,
    /// Value in USD.
    pub value_usd: Option<f64>,
    /// BM25 score.
    pub score: f32,
}

/// The hits of one search and how many lines matched in all.
#[derive(Debug, Clone, Serialize)]
pub struct Results {
    /// Lines matching the query and filters.
    pub total: usize,
    /// The best `limit` of them, best first.
    pub hits: Vec<Hit>,
}

/// An open index generation.
pub struct SearchIndex {
    reader: IndexReader,
    fields: Fields,
    text: TextAnalyzer,
    fold: TextAnalyzer,
    state: String,
}

impl SearchIndex {
    /// Opens the index in `path`, which covers `state`.
    pub(crate) fn open(path: &Path, state: String) -> Result<SearchIndex> {
        let mut index = Index::open_in_dir(path).map_err(at(path))?;
        let mut analyzers = analysis::analyzers();
        let mut take = |name: &str| {
            let i = analyzers.iter().position(|(n, _)| *n == name);
            i.map(|i| analyzers.swap_remove(i).1)
        };
        let (text, fold) = (take(analysis::TEXT_QUERY), take(analysis::FOLD_QUERY));
        for (name, analyzer) in analysis::analyzers() {
            index.tokenizers().register(name, analyzer);
        }
        index.set_default_multithread_executor().map_err(at(path))?;
        let reader = index.reader().map_err(at(path))?;
        let (_, fields) = schema::schema();
        Ok(SearchIndex {
            reader,
            fields,
            text: text.unwrap_or_default(),
            fold: fold.unwrap_or_default(),
            state,
        })
    }

    /// The workspace state this index covers.
    pub fn state(&self) -> &str {
        &self.state
    }

    /// Lines in the index.
    pub fn lines(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// The best `limit` lines for `query` under `filters`, best first; an empty query ranks all lines that pass the filters.
    pub fn search(&self, query: &str, filters: &Filters, limit: usize) -> Result<Results> {
        let q = self.build_query(query, filters)?;
        let searcher = self.reader.searcher();
        let top = TopDocs::with_limit(limit.max(1)).tweak_score(|segment: &SegmentReader| {
            let hashes = segment
                .fast_fields()
                .u64("rid_hash")
                .ok()
                .map(|c| c.first_or_default_col(0));
            move |doc: DocId, score: Score| {
                let h = hashes.as_ref().map_or(0, |c| c.get_val(doc));
                (score, u64::MAX - h)
            }
        });
        let index_err = |e| Error::Index {
            path: "(open index)".into(),
            source: e,
        };
        let (found, total): (Vec<(SortKey, DocAddress)>, usize) =
            searcher.search(&q, &(top, Count)).map_err(index_err)?;
        let mut hits = Vec::with_capacity(found.len());
        for ((score, _), address) in found.into_iter().take(limit) {
            let doc: TantivyDocument = searcher.doc(address).map_err(index_err)?;
            hits.push(self.hit(&doc, score));
        }
        Ok(Results { total, hits })
    }

    fn hit(&self, doc: &TantivyDocument, score: Score) -> Hit {
        let f = &self.fields;
        let text = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .map(str::to_owned)
        };
        Hit {
            record_id: text(f.record_id).unwrap_or_default(),
            date: doc
                .get_first(f.date)
                .and_then(|v| v.as_i64())
                .and_then(|d| i32::try_from(d).ok())
                .map(days_to_iso),
            description: text(f.description).unwrap_or_default(),
            hs_code: text(f.hs_code),
            sender: text(f.sender),
            recipient: text(f.recipient),
            declarant: text(f.declarant),
            category: text(f.category),
            value_usd: doc.get_first(f.value_usd).and_then(|v| v.as_f64()),
            score,
        }
    }

    /// The query words as required clauses, each matching either analyzed form.
    fn words(&self, query: &str) -> Vec<Box<dyn Query>> {
        let (mut text, mut fold) = (self.text.clone(), self.fold.clone());
        let stems = analysis::terms(&mut text, query);
        let folds = analysis::terms(&mut fold, query);
        let mut seen = std::collections::BTreeSet::new();
        let mut out: Vec<Box<dyn Query>> = Vec::new();
        for (stem, folded) in stems.iter().zip(folds.iter()) {
            if !seen.insert((stem.clone(), folded.clone())) {
                continue;
            }
            let mut either: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            for (field, term) in [(self.fields.text, stem), (self.fields.fold, folded)] {
                if !term.is_empty() {
                    let t = Term::from_field_text(field, term);
                    either.push((
                        Occur::Should,
                        Box::new(TermQuery::new(t, IndexRecordOption::WithFreqs)),
                    ));
                }
            }
            if !either.is_empty() {
                out.push(Box::new(BooleanQuery::new(either)));
            }
        }
        out
    }

    fn build_query(&self, query: &str, filters: &Filters) -> Result<Box<dyn Query>> {
        let f = &self.fields;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = self
            .words(query)
            .into_iter()
            .map(|q| (Occur::Must, q))
            .collect();
        if clauses.is_empty() {
            clauses.push((Occur::Must, Box::new(AllQuery)));
        }
        let mut filter =
            |q: Box<dyn Query>| clauses.push((Occur::Must, Box::new(BoostQuery::new(q, 0.0))));
        let term = |field, text: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(field, text),
                IndexRecordOption::Basic,
            ))
        };
        let day = |name: &'static str, value: &Option<String>| -> Result<Bound<Term>> {
            match value {
                None => Ok(Bound::Unbounded),
                Some(v) => iso_to_days(v)
                    .map(|d| Bound::Included(Term::from_field_i64(f.date, i64::from(d))))
                    .ok_or_else(|| Error::Filter {
                        name,
                        message: format!("{v:?} is not a date YYYY-MM-DD"),
                    }),
            }
        };
        if filters.since.is_some() || filters.until.is_some() {
            let (lo, hi) = (day("since", &filters.since)?, day("until", &filters.until)?);
            filter(Box::new(RangeQuery::new(lo, hi)));
        }
        if let Some(c) = &filters.country {
            filter(term(f.country, &c.trim().to_ascii_uppercase()));
        }
        if let Some(hs) = &filters.hs_prefix {
            let digits: String = hs.chars().filter(char::is_ascii_digit).collect();
            if digits.len() < 2 {
                return Err(Error::Filter {
                    name: "hs",
                    message: format!("{hs:?}: give at least two digits"),
                });
            }
            filter(term(f.hs_prefix, &digits[..digits.len().min(10)]));
        }
        if let Some(party) = &filters.party {
            let mut fold = self.fold.clone();
            let words = analysis::terms(&mut fold, party);
            if words.is_empty() {
                return Err(Error::Filter {
                    name: "party",
                    message: format!("{party:?} has no words"),
                });
            }
            for w in words {
                filter(term(f.party, &w));
            }
        }
        if let Some(c) = &filters.category {
            let name = match c.trim().to_ascii_lowercase().as_str() {
                "drone" => "drone",
                "drone_part" | "drone-part" | "part" => "drone_part",
                "chpl" | "component" | "chpl_component" => "component",
                "other" => "other",
                other => {
                    return Err(Error::Filter {
                        name: "category",
                        message: format!("{other:?}: one of drone, drone_part, chpl, other"),
                    });
                }
            };
            filter(term(f.category, name));
        }
        Ok(Box::new(BooleanQuery::new(clauses)))
    }
}
