//! Splits glued spellings into alias tokens: `EVOIIPRO` = `EVO II PRO`, `ZINOMINIPRO` = `ZINO MINI PRO`, `ТАЙФУНHПЛЮС` = `ТАЙФУН H ПЛЮС`.
//!
//! Declarations drop the spaces of model names; a letter token no alias uses is split, by dynamic programming, into the fewest alias tokens that spell it.
//! Only tokens of 4 to 24 characters whose first two characters begin some alias token are tried, so ordinary words cost one hash look-up.

use crate::alias::{AliasIndex, NONE};

/// One alias token of a text: its id and the text token it comes from (several pieces share a token that was split).
#[derive(Debug, Clone, Copy)]
pub struct Piece {
    /// Token id, or `NONE`.
    pub id: u32,
    /// Index of the text token.
    pub tok: u16,
}

impl AliasIndex {
    /// Splits a letter token that no alias uses into alias tokens (`EVOIIPRO` = `EVO II PRO`), fewest pieces first; false when it cannot.
    pub(crate) fn segment(&self, t: &str, tok: u16, seq: &mut Vec<Piece>) -> bool {
        let bounds: Vec<usize> = t
            .char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(t.len()))
            .collect();
        let n = bounds.len() - 1;
        if !(4..=24).contains(&n) || !self.prefixes.contains(&t[..bounds[2]]) {
            return false;
        }
        let piece = |a: usize, b: usize| -> Option<u32> {
            let s = &t[bounds[a]..bounds[b]];
            let s = match s {
                "II" => "2",
                "III" => "3",
                "\u{41F}\u{41B}\u{42E}C" => "PLUS",
                s => s,
            };
            self.ids.get(s).copied()
        };
        // best[j] = (pieces, previous boundary) for the first j characters.
        let mut best: Vec<Option<(u8, usize)>> = vec![None; n + 1];
        best[0] = Some((0, 0));
        for j in 1..=n {
            for i in 0..j {
                if let Some((c, _)) = best[i]
                    && piece(i, j).is_some()
                    && best[j].is_none_or(|(b, _)| c + 1 < b)
                {
                    best[j] = Some((c + 1, i));
                }
            }
        }
        if best[n].is_none() {
            return false;
        }
        let at = seq.len();
        let mut j = n;
        while j > 0 {
            let Some((_, i)) = best[j] else { break };
            seq.push(Piece {
                id: piece(i, j).unwrap_or(NONE),
                tok,
            });
            j = i;
        }
        seq[at..].reverse();
        true
    }
}

#[cfg(test)]
mod tests {
    use tradetrail_refdata::products::catalogue;

    use super::*;

    fn split(t: &str) -> Option<usize> {
        let ix = AliasIndex::new(catalogue());
        let mut seq = Vec::new();
        ix.segment(t, 0, &mut seq).then_some(seq.len())
    }

    #[test]
    fn glued_models_split_into_alias_tokens() {
        assert_eq!(split("EVOIIPRO"), Some(3));
        assert_eq!(split("ZINOMINIPRO"), Some(3));
        assert_eq!(split("GREATSHARK"), Some(2));
        assert_eq!(split("TRIKOTAZH"), None);
        assert_eq!(split("ABC"), None);
    }
}
