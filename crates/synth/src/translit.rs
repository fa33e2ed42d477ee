//! Cyrillic-to-Latin transliteration in several schemes, script detection, and folding text into what Windows-1251 can encode.
//!
//! The tuning templates use ICAO- and BGN-like schemes; the held-out templates use GOST 7.79 B-like and informal schemes.

/// A transliteration scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    /// ICAO Doc 9303 (Russian passports since 2014): Ж ZH, Х KH, Ц TS, Й I, Я IA, Ю IU.
    Icao,
    /// BGN/PCGN-like: Й Y, Я YA, Ю YU, Ё YE, Ь and Ъ dropped.
    Bgn,
    /// GOST 7.79 system B-like: Х X, Ц C (CZ before some vowels simplified to CZ), Щ SHH, Й J, Я YA, Ю YU, Ы Y'.
    Gost,
    /// Informal/German-flavoured: Ж SH, Ч TSCH, Ш SCH, Х CH, Й J, Я JA, Ю JU, Ц Z.
    Informal,
}

/// The Latin rendering of one upper-case Cyrillic letter under a scheme.
fn letter(s: Scheme, c: char) -> Option<&'static str> {
    use Scheme::*;
    Some(match c {
        'А' => "A",
        'Б' => "B",
        'В' => "V",
        'Г' => "G",
        'Д' => "D",
        'Е' => "E",
        'Ё' => match s {
            Bgn => "YE",
            Gost => "YO",
            Informal => "JO",
            Icao => "E",
        },
        'Ж' => match s {
            Informal => "SH",
            _ => "ZH",
        },
        'З' => "Z",
        'И' => "I",
        'Й' => match s {
            Icao => "I",
            Bgn => "Y",
            Gost | Informal => "J",
        },
        'К' => "K",
        'Л' => "L",
        'М' => "M",
        'Н' => "N",
        'О' => "O",
        'П' => "P",
        'Р' => "R",
        'С' => "S",
        'Т' => "T",
        'У' => "U",
        'Ф' => "F",
        'Х' => match s {
            Icao | Bgn => "KH",
            Gost => "X",
            Informal => "CH",
        },
        'Ц' => match s {
            Icao | Bgn => "TS",
            Gost => "CZ",
            Informal => "Z",
        },
        'Ч' => match s {
            Informal => "TSCH",
            _ => "CH",
        },
        'Ш' => match s {
            Informal => "SCH",
            _ => "SH",
        },
        'Щ' => match s {
            Icao | Bgn => "SHCH",
            Gost => "SHH",
            Informal => "SCHTSCH",
        },
        'Ъ' => match s {
            Icao => "IE",
            Gost => "''",
            _ => "",
        },
        'Ы' => match s {
            Gost => "Y'",
            _ => "Y",
        },
        'Ь' => match s {
            Gost => "'",
            _ => "",
        },
        'Э' => match s {
            Gost => "E'",
            _ => "E",
        },
        'Ю' => match s {
            Icao => "IU",
            Bgn | Gost => "YU",
            Informal => "JU",
        },
        'Я' => match s {
            Icao => "IA",
            Bgn | Gost => "YA",
            Informal => "JA",
        },
        _ => return None,
    })
}

/// Transliterates text (upper-cased first); characters that are not Cyrillic are kept.
pub fn transliterate(s: Scheme, text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        let up = ch.to_uppercase().next().unwrap_or(ch);
        match letter(s, up) {
            Some(l) => out.push_str(l),
            None => out.push(ch),
        }
    }
    out
}

/// The dominant script of a written name: `han`, `cyrillic`, `armenian`, `latin` or `mixed`.
pub fn script(text: &str) -> &'static str {
    if text.is_ascii() {
        return "latin";
    }
    let (mut han, mut cyr, mut arm, mut lat) = (0, 0, 0, 0);
    for ch in text.chars() {
        match ch as u32 {
            0x4E00..=0x9FFF | 0x3400..=0x4DBF => han += 1,
            0x0400..=0x04FF => cyr += 1,
            0x0530..=0x058F => arm += 1,
            _ if ch.is_alphabetic() => lat += 1,
            _ => {}
        }
    }
    if han > 0 {
        "han"
    } else if cyr > 0 && lat > cyr {
        "mixed"
    } else if cyr > 0 {
        "cyrillic"
    } else if arm > 0 {
        "armenian"
    } else {
        "latin"
    }
}

/// True when Windows-1251 can encode every character of the text.
pub fn cp1251_ok(text: &str) -> bool {
    if text.is_ascii() {
        return true;
    }
    text.chars().all(|c| {
        c.is_ascii() || ('\u{0400}'..='\u{045F}').contains(&c) || "«»№–—“”„‘’…•°±§©®€‰".contains(c)
    })
}

/// Folds text into characters Windows-1251 can encode: Turkish letters to ASCII, other letters to `?`.
pub fn fold_cp1251(text: &str) -> String {
    if cp1251_ok(text) {
        return text.to_string();
    }
    text.chars()
        .map(|c| match c {
            c if cp1251_ok(c.encode_utf8(&mut [0; 4])) => c,
            'Ş' | 'ş' => 'S',
            'İ' | 'ı' => 'I',
            'Ç' | 'ç' => 'C',
            'Ğ' | 'ğ' => 'G',
            'Ö' | 'ö' => 'O',
            'Ü' | 'ü' => 'U',
            _ => '?',
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes_differ_where_they_should() {
        assert_eq!(transliterate(Scheme::Icao, "ХИМЕРА ЮГ"), "KHIMERA IUG");
        assert_eq!(transliterate(Scheme::Bgn, "ХИМЕРА ЮГ"), "KHIMERA YUG");
        assert_eq!(transliterate(Scheme::Gost, "ХИМЕРА ЮГ"), "XIMERA YUG");
        assert_eq!(transliterate(Scheme::Informal, "ЖЕМЧУГ"), "SHEMTSCHUG");
    }

    #[test]
    fn scripts_and_folding() {
        assert_eq!(script("深圳市星河科技有限公司"), "han");
        assert_eq!(script("ООО «ЛЕГИОН»"), "cyrillic");
        assert_eq!(script("LEGION LLC"), "latin");
        assert_eq!(
            fold_cp1251("NOVA DIŞ TİCARET LTD. ŞTİ."),
            "NOVA DIS TICARET LTD. STI."
        );
        assert!(cp1251_ok("ООО «ЛЕГИОН» №1"));
    }
}
