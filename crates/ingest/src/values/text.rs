//! Text cells: trimming, vendor null markers, brand fillers such as `ОТСУТСТВУЕТ`, and the direction vocabulary.

use tradetrail_model::direction;

/// Markers every file treats as "no value".
const NULLS: &[&str] = &[
    "", "NULL", "null", "Null", "N/A", "n/a", "#N/A", "-", "—", "–",
];

/// Fillers that mean "no brand/model given" in box 31 sub-fields, compared case-insensitively.
const FILLERS: &[&str] = &[
    "ОТСУТСТВУЕТ",
    "НЕ ОБОЗНАЧЕН",
    "НЕ ОБОЗНАЧЕНО",
    "НЕ УКАЗАН",
    "БЕЗ ТОВАРНОГО ЗНАКА",
    "НЕТ",
    "NO BRAND",
    "NONE",
    "NOBRAND",
];

/// Trims `raw` and returns `None` for null markers and the file's extra markers.
pub fn clean<'a>(raw: &'a str, extra_nulls: &[String]) -> Option<&'a str> {
    let t = raw.trim();
    if NULLS.contains(&t) || extra_nulls.iter().any(|n| n == t) {
        None
    } else {
        Some(t)
    }
}

/// True for a brand/manufacturer/model/article filler that means "not given".
pub fn is_filler(t: &str) -> bool {
    // Compare without allocating for the common ASCII-or-Cyrillic case.
    // Upper- and lower-case Latin and Cyrillic letters have the same UTF-8 length, so lengths must agree.
    FILLERS.iter().any(|f| {
        f.len() == t.len()
            && f.chars()
                .zip(t.chars())
                .all(|(a, b)| a == b || b.to_uppercase().eq(std::iter::once(a)))
    })
}

/// Maps the direction vocabulary of declarations onto `import`, `export`, `transit` and `reexport`.
pub fn normalise_direction(t: &str) -> Option<&'static str> {
    let t = t.trim();
    if t.len() > 20 {
        return None;
    }
    let upper = t.to_uppercase();
    Some(match upper.as_str() {
        "ИМ" | "IM" | "I" | "IMP" | "IMPORT" | "ИМПОРТ" => direction::IMPORT,
        "ЭК" | "EK" | "EX" | "E" | "EXP" | "EXPORT" | "ЭКСПОРТ" => direction::EXPORT,
        "ТТ" | "TT" | "TRANSIT" | "ТРАНЗИТ" => direction::TRANSIT,
        "РЭ" | "REEXPORT" | "RE-EXPORT" | "РЕЭКСПОРТ" => direction::REEXPORT,
        _ => return None,
    })
}

/// Cuts `s` to at most `max` bytes on a character boundary, reporting whether it was cut.
pub fn truncate_at(s: &str, max: usize) -> (&str, bool) {
    if s.len() <= max {
        return (s, false);
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    (&s[..end], true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nulls_table() {
        let extra = vec!["НЕ ИЗВЕСТНО".to_owned()];
        let cases: &[(&str, Option<&str>)] = &[
            ("", None),
            ("   ", None),
            ("NULL", None),
            ("null", None),
            ("N/A", None),
            ("-", None),
            ("—", None),
            ("НЕ ИЗВЕСТНО", None),
            (" DJI ", Some("DJI")),
            ("0", Some("0")),
            ("a\nb", Some("a\nb")),
        ];
        for (input, want) in cases {
            assert_eq!(clean(input, &extra), *want, "{input:?}");
        }
    }

    #[test]
    fn fillers_table() {
        let cases: &[(&str, bool)] = &[
            ("ОТСУТСТВУЕТ", true),
            ("отсутствует", true),
            ("НЕ ОБОЗНАЧЕН", true),
            ("БЕЗ ТОВАРНОГО ЗНАКА", true),
            ("НЕТ", true),
            ("No Brand", true),
            ("NONE", true),
            ("DJI", false),
            ("НЕТТО", false),
        ];
        for (input, want) in cases {
            assert_eq!(is_filler(input), *want, "{input:?}");
        }
    }

    #[test]
    fn directions_table() {
        let cases: &[(&str, Option<&str>)] = &[
            ("ИМ", Some("import")),
            ("им", Some("import")),
            ("IM", Some("import")),
            ("Import", Some("import")),
            ("ИМПОРТ", Some("import")),
            ("ЭК", Some("export")),
            ("EK", Some("export")),
            ("EX", Some("export")),
            ("EXPORT", Some("export")),
            ("ЭКСПОРТ", Some("export")),
            ("ТТ", Some("transit")),
            ("transit", Some("transit")),
            ("40", None),
        ];
        for (input, want) in cases {
            assert_eq!(normalise_direction(input), *want, "{input:?}");
        }
    }

    #[test]
    fn truncation() {
        assert_eq!(truncate_at("абв", 3), ("а", true));
        assert_eq!(truncate_at("abc", 3), ("abc", false));
    }
}
