//! Wording of descriptions and of name mentions, in two disjoint sets: one to tune the later stages on, one held out to evaluate them honestly.
//!
//! `WorldConfig::holdout` picks the set; every line's truth records the set and the template it was written from.

pub mod holdout;
pub mod tuning;

use crate::translit::Scheme;

/// A one-character typo pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Typo {
    /// Replace a letter by a neighbour on the keyboard.
    Substitute,
    /// Drop a letter.
    Delete,
    /// Swap two adjacent letters.
    Transpose,
    /// Double a letter.
    Double,
}

/// Surface noise on a written name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Noise {
    /// Doubled inner spaces.
    ExtraSpace,
    /// A trailing comma or full stop.
    TrailingPunct,
    /// Title case instead of upper case.
    TitleCase,
    /// Lower case.
    LowerCase,
}

/// One set of wording.
#[derive(Debug)]
pub struct TemplateSet {
    /// `tuning` or `holdout`.
    pub name: &'static str,
    /// Russian ООО mentions, `{X}` = name core.
    pub ru_ooo: &'static [&'static str],
    /// Russian АО mentions.
    pub ru_ao: &'static [&'static str],
    /// Latin mentions of a Russian ООО.
    pub ru_ooo_lat: &'static [&'static str],
    /// Latin mentions of a Russian АО.
    pub ru_ao_lat: &'static [&'static str],
    /// Kazakh ТОО mentions (Cyrillic).
    pub kz: &'static [&'static str],
    /// Latin mentions of a Kazakh ТОО.
    pub kz_lat: &'static [&'static str],
    /// Kyrgyz ОсОО mentions (Cyrillic).
    pub kg: &'static [&'static str],
    /// Latin mentions of a Kyrgyz ОсОО.
    pub kg_lat: &'static [&'static str],
    /// Latin mentions of a mainland Chinese company: `{C}` city, `{CA}` city abbreviation, `{T}` trade name, `{I}` business, `{IA}` abbreviated business, `{IP}` business in pinyin.
    pub cn_lat: &'static [&'static str],
    /// Han mentions of a mainland Chinese company: `{CH}` city, `{TH}` trade name, `{IH}` business.
    pub cn_han: &'static [&'static str],
    /// Latin mentions of a Hong Kong company.
    pub hk_lat: &'static [&'static str],
    /// Han mentions of a Hong Kong company.
    pub hk_han: &'static [&'static str],
    /// Which variant positions of [`crate::words::legal_forms`] this set uses (position 0, the canonical form, is shared).
    pub form_positions: &'static [usize],
    /// Word abbreviations applied to Latin names, as (long, short).
    pub abbreviations: &'static [(&'static str, &'static str)],
    /// Transliteration schemes for Cyrillic names.
    pub schemes: &'static [Scheme],
    /// Typo patterns.
    pub typos: &'static [Typo],
    /// Surface noise patterns.
    pub noise: &'static [Noise],
    /// Russian drone descriptions: `{N}` noun, `{B}` brand, `{M}` model, `{MF}` manufacturer, `{Q}` quantity.
    pub drone_ru: &'static [&'static str],
    /// English drone descriptions: `{E}` noun.
    pub drone_en: &'static [&'static str],
    /// Chinese drone descriptions: `{Z}` noun.
    pub drone_zh: &'static [&'static str],
    /// Russian drone-part descriptions.
    pub part_ru: &'static [&'static str],
    /// English drone-part descriptions.
    pub part_en: &'static [&'static str],
    /// Russian electronic-component descriptions.
    pub component_ru: &'static [&'static str],
    /// English electronic-component descriptions.
    pub component_en: &'static [&'static str],
    /// Russian descriptions of look-alike goods (cameras, gimbals, toys, batteries).
    pub negative_ru: &'static [&'static str],
    /// English descriptions of look-alike goods.
    pub negative_en: &'static [&'static str],
    /// Vague Russian descriptions without brand or model.
    pub vague_ru: &'static [&'static str],
    /// Vague English descriptions.
    pub vague_en: &'static [&'static str],
    /// Trademark fillers for goods without a declared brand.
    pub brand_fillers: &'static [&'static str],
    /// Whether model names are mutated (hyphens, spaces, Cyrillic look-alike letters) beyond the catalogue aliases.
    pub mutate_models: bool,
}

/// The set for a config.
pub fn set(holdout: bool) -> &'static TemplateSet {
    if holdout { &holdout::SET } else { &tuning::SET }
}

impl TemplateSet {
    /// Every description template of the set, for disjointness checks.
    pub fn description_templates(&self) -> Vec<&'static str> {
        [
            self.drone_ru,
            self.drone_en,
            self.drone_zh,
            self.part_ru,
            self.part_en,
            self.component_ru,
            self.component_en,
            self.negative_ru,
            self.negative_en,
            self.vague_ru,
            self.vague_en,
        ]
        .concat()
    }

    /// Every name template of the set.
    pub fn name_templates(&self) -> Vec<&'static str> {
        [
            self.ru_ooo,
            self.ru_ao,
            self.ru_ooo_lat,
            self.ru_ao_lat,
            self.kz,
            self.kz_lat,
            self.kg,
            self.kg_lat,
            self.cn_lat,
            self.cn_han,
            self.hk_lat,
            self.hk_han,
        ]
        .concat()
    }
}

/// Fills `{KEY}` placeholders from a lookup; unknown keys are left out.
pub fn fill<'a>(template: &str, lookup: impl Fn(&str) -> Option<&'a str>) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        match after.find('}') {
            Some(end) => {
                if let Some(v) = lookup(&after[..end]) {
                    out.push_str(v);
                }
                rest = &after[end + 1..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn sets_are_disjoint() {
        let t: HashSet<_> = tuning::SET.description_templates().into_iter().collect();
        let h: HashSet<_> = holdout::SET.description_templates().into_iter().collect();
        assert!(t.is_disjoint(&h));
        let t: HashSet<_> = tuning::SET.name_templates().into_iter().collect();
        let h: HashSet<_> = holdout::SET.name_templates().into_iter().collect();
        assert!(t.is_disjoint(&h));
        assert!(
            holdout::SET
                .schemes
                .iter()
                .all(|s| !tuning::SET.schemes.contains(s))
        );
        assert!(
            holdout::SET
                .typos
                .iter()
                .all(|s| !tuning::SET.typos.contains(s))
        );
        assert!(
            holdout::SET
                .form_positions
                .iter()
                .all(|p| !tuning::SET.form_positions.contains(p))
        );
    }

    #[test]
    fn fill_replaces_known_keys() {
        assert_eq!(
            fill("{N} {B} {M}!", |k| (k == "B").then_some("DJI")),
            " DJI !"
        );
    }
}
