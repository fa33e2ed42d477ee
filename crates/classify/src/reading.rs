//! Reads the fields of a line: catalogue aliases in every field, and in free text the head word, drone context and the word counts for the vague score.
//!
//! The head is the first drone, part, component or look-alike word outside a `с …`/`with …` or `для …`/`for …` clause and outside a model name.
//! `DRONE SPARE PARTS` heads with the part: a drone word right before a part word names what the part is for.

use std::cell::RefCell;

use crate::Classifier;
use crate::alias::{Found, Piece, Target};
use crate::flags::Vague;
use crate::lexicon::{Cue, Hit, PartKind};
use crate::normalize::{Kind, Tokens};

/// Reusable buffers, one set per thread.
#[derive(Default)]
pub(crate) struct Scratch {
    toks: Tokens,
    stems: Vec<Option<u32>>,
    hits: Vec<Hit>,
    ids: Vec<Piece>,
    posts: Vec<(u32, u8, u16)>,
    found: Vec<Found>,
}

thread_local! {
    pub(crate) static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// A word or phrase found in a field: field name, source text, first token.
pub(crate) type Spot<'a> = (&'static str, &'a str, u16);

/// A candidate product: index, alias, where, weak, contiguous.
#[derive(Clone, Copy)]
pub(crate) struct Cand<'a> {
    pub(crate) product: u16,
    pub(crate) weight: u16,
    pub(crate) weak: bool,
    pub(crate) contiguous: bool,
    pub(crate) at: Spot<'a>,
}

/// What the fields of one line say.
#[derive(Default)]
pub(crate) struct Reading<'a> {
    pub(crate) head: Option<(Cue, Spot<'a>)>,
    pub(crate) drone_context: Option<Spot<'a>>,
    pub(crate) other_device: Option<Spot<'a>>,
    pub(crate) products: Vec<Cand<'a>>,
    pub(crate) brands: Vec<(u16, Spot<'a>)>,
    pub(crate) vague: Vague,
    pub(crate) has_model: bool,
    pub(crate) has_brand: bool,
    pub(crate) has_article: bool,
}

impl Classifier {
    /// Reads one field into `r`.
    pub(crate) fn read<'a>(
        &self,
        s: &mut Scratch,
        field: &'static str,
        text: &'a str,
        free: bool,
        r: &mut Reading<'a>,
    ) {
        s.toks.fill(text);
        if s.toks.is_empty() {
            return;
        }
        self.lex.scan(&s.toks, &mut s.stems, &mut s.hits);
        if !free {
            let covered: usize = s
                .hits
                .iter()
                .filter(|h| matches!(h.cue, Cue::Filler | Cue::Stop))
                .map(|h| (h.end - h.start) as usize)
                .sum();
            if covered >= s.toks.len() {
                return;
            }
            match field {
                "model" => r.has_model = true,
                _ => r.has_brand = true,
            }
        }
        s.found.clear();
        self.ix
            .find(&s.toks, &mut s.ids, &mut s.posts, &mut s.found);
        for f in &s.found {
            let al = &self.ix.aliases[f.alias as usize];
            let src = span(text, &s.toks, f.start, f.end);
            let at = (field, src, f.start);
            match al.target {
                Target::Product(p) => r.products.push(Cand {
                    product: p,
                    weight: al.weight,
                    weak: al.weak,
                    contiguous: f.contiguous,
                    at,
                }),
                Target::Brand(b) if !(al.weak && free) => r.brands.push((b, at)),
                Target::Brand(_) => {}
            }
        }
        if free {
            r.has_brand |= r.brands.iter().any(|b| b.1.0 == field);
            self.read_words(s, field, text, r);
        }
    }

    /// Finds the head word and the context words of a free-text field.
    fn read_words<'a>(&self, s: &Scratch, field: &'static str, text: &'a str, r: &mut Reading<'a>) {
        let toks = &s.toks;
        let count_vague = !r.vague.seen;
        let (mut clause, mut prev_end) = (None::<Cue>, 0usize);
        let (mut generic, mut stop) = (0u32, 0u32);
        for (k, h) in s.hits.iter().enumerate() {
            if (prev_end..=h.start as usize).any(|i| i < toks.len() && toks.toks[i].clause_break) {
                clause = None;
            }
            prev_end = h.end as usize;
            let in_model = s.found.iter().any(|f| {
                f.start < h.end
                    && h.start < f.end
                    && matches!(self.ix.aliases[f.alias as usize].target, Target::Product(_))
            });
            let at = (field, span(text, toks, h.start, h.end), h.start);
            let standalone = toks.toks[h.start as usize].standalone;
            let len = u32::from(h.end - h.start);
            match h.cue {
                Cue::With | Cue::For
                    if standalone || toks.toks[h.start as usize].kind == Kind::Han =>
                {
                    clause = Some(h.cue);
                    stop += len;
                }
                Cue::With | Cue::For | Cue::Stop | Cue::Filler => stop += len,
                Cue::Generic => generic += len,
                Cue::DroneContext => {
                    r.drone_context.get_or_insert(at);
                }
                Cue::OtherDevice => {
                    r.other_device.get_or_insert(at);
                }
                cue => {
                    if matches!(cue, Cue::Part(PartKind::Generic)) {
                        generic += len;
                    }
                    if cue == Cue::Drone {
                        r.drone_context.get_or_insert(at);
                    }
                    if clause.is_none() && r.head.is_none() && !in_model {
                        let next = s.hits.get(k + 1).filter(|n| n.start <= h.end + 1);
                        r.head = match (cue, next.map(|n| n.cue)) {
                            (Cue::Drone, Some(Cue::Part(p))) => Some((Cue::Part(p), at)),
                            _ => Some((cue, at)),
                        };
                    }
                }
            }
        }
        if count_vague {
            let words = toks.toks.iter().filter(|t| t.kind != Kind::Digit).count() as u32;
            let content = words.saturating_sub(stop);
            r.vague.seen = true;
            r.vague.content = content;
            r.vague.generic = generic.min(content);
            r.vague.specific = content - r.vague.generic;
        }
    }
}

/// The source text of tokens `start..end`.
fn span<'a>(text: &'a str, toks: &Tokens, start: u16, end: u16) -> &'a str {
    let (a, b) = (
        toks.toks[start as usize].src_start as usize,
        toks.toks[end as usize - 1].src_end as usize,
    );
    text.get(a..b).unwrap_or("")
}
