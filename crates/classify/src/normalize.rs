//! Folds declaration text to one comparable form and cuts it into tokens, so that spelling, spacing and script variants meet.
//!
//! Folding upper-cases Latin and Cyrillic, maps Cyrillic letters that look like Latin ones to Latin (`М30Т` = `M30T`), and maps full-width forms to ASCII.
//! Tokens break at every non-alphanumeric character and between letters and digits (`MAVIC3` = `MAVIC 3`), and every Han character is a token of its own.
//! Roman `II` and `III` become `2` and `3`, and `+` or `ПЛЮС` becomes `PLUS`, so `EVO II` = `EVO 2` and `LITE+` = `LITE PLUS`.

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Latin or Cyrillic letters (after folding).
    Letter,
    /// ASCII digits.
    Digit,
    /// One Han character.
    Han,
}

/// One token: its folded text in [`Tokens::buf`] and the source bytes it came from.
#[derive(Debug, Clone, Copy)]
pub struct Tok {
    /// Start of the folded text in the buffer.
    pub start: u32,
    /// End of the folded text in the buffer.
    pub end: u32,
    /// Start of the source text.
    pub src_start: u32,
    /// End of the source text.
    pub src_end: u32,
    /// What the token is made of.
    pub kind: Kind,
    /// True when whitespace or the start of the text comes right before the token and whitespace, punctuation or the end right after it.
    pub standalone: bool,
    /// True when a clause mark (`,` `;` `:` `(` `)`) stands between the previous token and this one.
    pub clause_break: bool,
}

/// The tokens of one text, reusable between texts to avoid allocation.
#[derive(Debug, Default, Clone)]
pub struct Tokens {
    /// Folded text of every token, back to back.
    pub buf: String,
    /// The tokens in text order.
    pub toks: Vec<Tok>,
}

/// The folded spelling of Cyrillic `ПЛЮС` (its `С` becomes Latin `C`).
const PLUS_RU: &str = "\u{41F}\u{41B}\u{42E}C";

/// Character class before folding decides token breaks.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Letter,
    Digit,
    Han,
    Plus,
    Break,
    Space,
}

/// Folds one character: upper case, Cyrillic look-alikes to Latin, full-width to ASCII.
pub fn fold_char(c: char) -> char {
    let c = match c as u32 {
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    };
    let up = match c {
        'a'..='z' => c.to_ascii_uppercase(),
        '\u{430}'..='\u{44F}' => char::from_u32(c as u32 - 0x20).unwrap_or(c),
        '\u{450}'..='\u{45F}' => char::from_u32(c as u32 - 0x50).unwrap_or(c),
        c if c.is_ascii() => c,
        c if c.is_lowercase() => c.to_uppercase().next().unwrap_or(c),
        c => c,
    };
    match up {
        'А' => 'A',
        'В' => 'B',
        'Е' | 'Ё' | 'Ѐ' => 'E',
        'К' => 'K',
        'М' => 'M',
        'Н' => 'H',
        'О' => 'O',
        'Р' => 'P',
        'С' => 'C',
        'Т' => 'T',
        'У' => 'Y',
        'Х' => 'X',
        'І' => 'I',
        'Ј' => 'J',
        'Ѕ' => 'S',
        o => o,
    }
}

fn class(c: char) -> Class {
    match c {
        '0'..='9' => Class::Digit,
        'A'..='Z' | 'a'..='z' => Class::Letter,
        '+' => Class::Plus,
        ',' | ';' | ':' | '(' | ')' | '[' | ']' | '/' | '\\' | '|' => Class::Break,
        '\u{FF10}'..='\u{FF19}' => Class::Digit,
        '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' => Class::Han,
        c if c.is_alphabetic() => Class::Letter,
        c if c.is_whitespace() => Class::Space,
        _ => Class::Break,
    }
}

impl Tokens {
    /// Empties the tokens, keeping the allocations.
    pub fn clear(&mut self) {
        self.buf.clear();
        self.toks.clear();
    }

    /// The folded text of token `i`.
    pub fn text(&self, i: usize) -> &str {
        let t = self.toks[i];
        &self.buf[t.start as usize..t.end as usize]
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.toks.len()
    }

    /// True when there is no token.
    pub fn is_empty(&self) -> bool {
        self.toks.is_empty()
    }

    /// Replaces the tokens by those of `text`.
    pub fn fill(&mut self, text: &str) {
        self.clear();
        let mut cur: Option<(Class, usize, usize)> = None; // class, buf start, src start
        let mut brk = false;
        let mut space_before = true;
        for (i, c) in text.char_indices() {
            let cl = class(c);
            let joins = matches!((cur, cl), (Some((a, _, _)), b) if a == b && b != Class::Han && b != Class::Plus);
            if !joins && let Some((k, bs, ss)) = cur.take() {
                self.push(k, bs, ss, i, space_before, brk, cl);
                space_before = false;
                brk = false;
            }
            match cl {
                Class::Space => space_before = true,
                Class::Break => {
                    brk = true;
                    space_before = true;
                }
                _ => {
                    if cur.is_none() {
                        cur = Some((cl, self.buf.len(), i));
                    }
                    if cl == Class::Plus {
                        self.buf.push_str("PLUS");
                    } else {
                        self.buf.push(fold_char(c));
                    }
                }
            }
        }
        if let Some((k, bs, ss)) = cur {
            self.push(k, bs, ss, text.len(), space_before, brk, Class::Space);
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        k: Class,
        bs: usize,
        ss: usize,
        se: usize,
        before: bool,
        brk: bool,
        next: Class,
    ) {
        let kind = match k {
            Class::Digit => Kind::Digit,
            Class::Han => Kind::Han,
            _ => Kind::Letter,
        };
        let folded = &self.buf[bs..];
        let roman = match folded {
            "II" => Some("2"),
            "III" => Some("3"),
            PLUS_RU => Some("PLUS"),
            _ => None,
        };
        let kind = if let Some(r) = roman {
            self.buf.truncate(bs);
            self.buf.push_str(r);
            if r == "PLUS" {
                Kind::Letter
            } else {
                Kind::Digit
            }
        } else {
            kind
        };
        let after = matches!(next, Class::Space | Class::Break);
        self.toks.push(Tok {
            start: bs as u32,
            end: self.buf.len() as u32,
            src_start: ss as u32,
            src_end: se as u32,
            kind,
            standalone: before && after,
            clause_break: brk,
        });
    }
}

/// Folds a whole phrase into its tokens' folded texts, for building indexes.
pub fn fold_tokens(text: &str) -> Vec<String> {
    let mut t = Tokens::default();
    t.fill(text);
    (0..t.len()).map(|i| t.text(i).to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<String> {
        fold_tokens(s)
    }

    #[test]
    fn spellings_meet() {
        assert_eq!(toks("MAVIC3"), toks("Mavic 3"));
        assert_eq!(toks("М30Т"), toks("M30T"));
        assert_eq!(toks("EVO II PRO"), toks("evo 2 pro"));
        assert_eq!(toks("EVO LITE+"), toks("EVO LITE ПЛЮС"));
        assert_eq!(toks("X-5C"), toks("X5C"));
        assert_eq!(toks("大疆御3"), vec!["大", "疆", "御", "3"]);
        assert_eq!(toks("ＭＡＶＩＣ"), toks("MAVIC"));
    }

    #[test]
    fn marks_clauses_and_standalone_words() {
        let mut t = Tokens::default();
        t.fill("ДРОН, С ПУЛЬТОМ X5C");
        assert!(t.toks[1].clause_break && t.toks[1].standalone);
        assert!(!t.toks[3].standalone);
        assert_eq!(
            &"ДРОН, С ПУЛЬТОМ X5C"[t.toks[2].src_start as usize..t.toks[2].src_end as usize],
            "ПУЛЬТОМ"
        );
    }
}
