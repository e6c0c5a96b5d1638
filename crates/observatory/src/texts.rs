//! What a reader sees, in the four languages galeon speaks: the translation files in `i18n/`
//! (one per language, the same files the dashboard is built with), and numbers and dates written
//! the way each language writes them. A test checks that every file has every key of the English
//! one, with the same placeholders.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use chrono::Datelike;
use galeon_facts::{FactDate, Precision};
use galeon_registry::Lang;

/// The translation files, by language.
pub const FILES: [(Lang, &str, &str); 4] = [
    (
        Lang::En,
        "i18n/en.json",
        include_str!("../../../i18n/en.json"),
    ),
    (
        Lang::Es,
        "i18n/es.json",
        include_str!("../../../i18n/es.json"),
    ),
    (
        Lang::Pt,
        "i18n/pt.json",
        include_str!("../../../i18n/pt.json"),
    ),
    (
        Lang::Zh,
        "i18n/zh.json",
        include_str!("../../../i18n/zh.json"),
    ),
];

type Dictionary = BTreeMap<String, String>;

fn dictionaries() -> &'static [Dictionary; 4] {
    static ALL: OnceLock<[Dictionary; 4]> = OnceLock::new();
    ALL.get_or_init(|| {
        FILES.map(|(_, file, text)| {
            serde_json::from_str(text).unwrap_or_else(|e| panic!("{file} is not valid: {e}"))
        })
    })
}

/// The texts of one language.
#[derive(Debug, Clone, Copy)]
pub struct Texts {
    /// The language.
    pub lang: Lang,
    words: &'static Dictionary,
}

impl Texts {
    /// The texts of `lang`.
    pub fn of(lang: Lang) -> Texts {
        let at = Lang::ALL
            .iter()
            .position(|l| *l == lang)
            .expect("a language");
        Texts {
            lang,
            words: &dictionaries()[at],
        }
    }

    /// The text of `key`. Every key a page uses is in every file (tested), so a missing one is a
    /// programming error: it shows as the key itself rather than failing the page.
    pub fn get<'k>(&self, key: &'k str) -> &'k str {
        let words: &'static Dictionary = self.words;
        words.get(key).map_or(key, |text| text.as_str())
    }

    /// The text of `key`, if the language has one.
    pub fn find(&self, key: &str) -> Option<&'static str> {
        let words: &'static Dictionary = self.words;
        words.get(key).map(String::as_str)
    }

    /// An indicator's unit in the language (`unit_*` keys, named after the English unit); the
    /// unit as written where it has none.
    pub fn unit<'u>(&self, unit: &'u str) -> &'u str {
        let words: &'static Dictionary = self.words;
        words
            .get(&unit_key(unit))
            .map_or(unit, |text| text.as_str())
    }

    /// The text of `key` with its `{placeholders}` filled.
    pub fn fill(&self, key: &str, vars: &[(&str, &str)]) -> String {
        let mut text = self.get(key).to_string();
        for (name, value) in vars {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        text
    }

    /// `value` with at most `decimals` decimals, grouped and with the decimal mark of the
    /// language (Spanish groups from five digits, as its style guides and CLDR do).
    pub fn number(&self, value: f64, decimals: usize) -> String {
        let (group, mark) = match self.lang {
            Lang::En | Lang::Zh => (",", "."),
            Lang::Es | Lang::Pt => (".", ","),
        };
        let text = format!("{:.*}", decimals, value.abs());
        let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
        let fraction = fraction.trim_end_matches('0');
        let grouped = match self.lang == Lang::Es && whole.len() <= 4 {
            true => whole.to_string(),
            false => group_digits(whole, group),
        };
        let sign = if value < 0.0 && text.bytes().any(|b| b.is_ascii_digit() && b != b'0') {
            "-"
        } else {
            ""
        };
        match fraction.is_empty() {
            true => format!("{sign}{grouped}"),
            false => format!("{sign}{grouped}{mark}{fraction}"),
        }
    }

    /// A fraction as a percentage with one decimal.
    pub fn percent(&self, fraction: f64) -> String {
        let n = self.number(fraction * 100.0, 1);
        match self.lang {
            // Spanish separates the sign, with a space that does not break the line.
            Lang::Es => format!("{n}\u{a0}%"),
            _ => format!("{n}%"),
        }
    }

    /// An amount in US dollars, in the large units the language counts in (billions and
    /// millions; 亿 and 万 in Chinese).
    pub fn usd(&self, value: f64) -> String {
        let (large, small) = match self.lang {
            Lang::Zh => (1e8, 1e4),
            _ => (1e9, 1e6),
        };
        // The unit is chosen after rounding, so that 999.97 million is 1.0 billion.
        let rounded = |v: f64, unit: f64| (v / unit * 10.0).round() / 10.0 * unit;
        let (key, n) = match value.abs() {
            v if rounded(v, small) >= large => ("usd_large", self.number(value / large, 1)),
            v if v.round() >= small => ("usd_small", self.number(value / small, 1)),
            _ => ("usd_units", self.number(value, 0)),
        };
        self.fill(key, &[("n", &n)])
    }

    /// A number as the language writes amounts in prose: large ones in its large units
    /// (`amount_large`, `amount_small`: 17.7 bn, 17,7 mil M, 177亿), others with two or three
    /// decimals below 100, none above, as the claims' reasons give them.
    pub fn amount(&self, value: f64) -> String {
        let (large, small) = match self.lang {
            Lang::Zh => (1e8, 1e4),
            _ => (1e9, 1e6),
        };
        let a = value.abs();
        let decimals = match a {
            a if a >= 100.0 || value.fract() == 0.0 => 0,
            a if a >= 1.0 => 2,
            _ => 3,
        };
        match a {
            a if a >= large => self.fill("amount_large", &[("n", &self.number(value / large, 1))]),
            a if a >= small => self.fill("amount_small", &[("n", &self.number(value / small, 1))]),
            _ => self.number(value, decimals),
        }
    }

    /// A date at its precision: a year, a month of a year, or a day.
    pub fn date(&self, date: &FactDate) -> String {
        let day = date.first_day();
        let year = day.year().to_string();
        let month = self.get(&format!("month_{}", day.month())).to_string();
        match date.precision() {
            Precision::Year => year,
            Precision::Month => self.fill("date_month", &[("month", &month), ("year", &year)]),
            Precision::Day => self.fill(
                "date_day",
                &[
                    ("day", &day.day().to_string()),
                    ("month", &month),
                    ("year", &year),
                ],
            ),
        }
    }
}

fn group_digits(digits: &str, separator: &str) -> String {
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push_str(separator);
        }
        out.push(c);
    }
    out
}

/// Every problem with the translation files: a key of the English file missing from another
/// (or one the English file lacks), an empty text, or placeholders that differ.
pub fn problems() -> Vec<String> {
    let files: Vec<(&str, &Dictionary)> = (FILES.iter().zip(dictionaries().iter()))
        .map(|((_, file, _), words)| (*file, words))
        .collect();
    problems_in(&files)
}

/// The problems of `files`, the first being the English one.
fn problems_in(files: &[(&str, &Dictionary)]) -> Vec<String> {
    let english = files[0].1;
    let mut found = Vec::new();
    for &(file, words) in files {
        for key in english.keys().filter(|k| !words.contains_key(*k)) {
            found.push(format!("{file}: no text for {key:?}"));
        }
        for (key, text) in words {
            let Some(en) = english.get(key) else {
                found.push(format!("{file}: {key:?} is not in i18n/en.json"));
                continue;
            };
            if text.trim().is_empty() {
                found.push(format!("{file}: {key:?} is empty"));
            }
            if placeholders(text) != placeholders(en) {
                found.push(format!(
                    "{file}: {key:?} has placeholders {:?}, English has {:?}",
                    placeholders(text),
                    placeholders(en)
                ));
            }
        }
    }
    found
}

fn placeholders(text: &str) -> Vec<&str> {
    let mut names: Vec<&str> = (text.split('{').skip(1))
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .collect();
    names.sort_unstable();
    names
}

/// The translation key of an indicator's unit: `unit_` and the English unit in lower case, each
/// run of other characters than letters and digits written `_` ("USD (current)" is
/// `unit_usd_current`).
pub fn unit_key(unit: &str) -> String {
    let mut key = String::from("unit_");
    for c in unit.to_lowercase().chars() {
        match c.is_ascii_lowercase() || c.is_ascii_digit() {
            true => key.push(c),
            false if !key.ends_with('_') => key.push('_'),
            false => {}
        }
    }
    key.trim_end_matches('_').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_key_with_the_same_placeholders() {
        assert_eq!(problems(), Vec::<String>::new());
        let zh = Texts::of(Lang::Zh);
        assert_eq!(zh.get("nav_map"), "地图");
    }

    #[test]
    fn every_indicator_has_a_title_in_every_language_and_the_english_one_is_the_catalogues() {
        let en = Texts::of(Lang::En);
        for i in galeon_indicators::INDICATORS {
            assert_eq!(
                en.get(&format!("ind_{}", i.id)),
                i.title,
                "i18n/en.json ind_{}",
                i.id
            );
        }
    }

    #[test]
    fn amounts_are_written_in_each_languages_large_units() {
        // Worked by hand: 17.7 bn is 177 亿 (units of 10^8) and 17,7 mil M in Spanish.
        assert_eq!(Texts::of(Lang::Es).amount(17.7e9), "17,7 mil M");
        assert_eq!(Texts::of(Lang::Zh).amount(17.7e9), "177亿");
        assert_eq!(Texts::of(Lang::Zh).amount(25_000.0), "2.5万");
        assert_eq!(Texts::of(Lang::Pt).amount(-2.3e6), "-2,3 mi");
        assert_eq!(Texts::of(Lang::En).amount(431.7e9), "431.7 bn");
        assert_eq!(Texts::of(Lang::Es).amount(21.0), "21");
        assert_eq!(Texts::of(Lang::En).amount(0.6912), "0.691");
    }

    #[test]
    fn every_indicator_definition_is_translated_and_the_english_one_is_the_catalogues() {
        let en = Texts::of(Lang::En);
        for i in galeon_indicators::INDICATORS {
            let key = format!("def_{}", i.id);
            assert_eq!(en.find(&key), Some(i.formula), "i18n/en.json {key}");
        }
    }

    #[test]
    fn every_indicator_unit_is_translated_and_the_english_one_is_the_catalogues() {
        let en = Texts::of(Lang::En);
        for i in galeon_indicators::INDICATORS {
            let key = unit_key(i.unit);
            assert_eq!(en.find(&key), Some(i.unit), "i18n/en.json {key}");
        }
        assert_eq!(
            Texts::of(Lang::Es).unit("USD (current)"),
            "USD (corrientes)"
        );
        assert_eq!(
            unit_key("index (≥ 1 = advantage)"),
            "unit_index_1_advantage"
        );
    }

    #[test]
    fn the_check_finds_a_missing_key_and_a_changed_placeholder() {
        // The check itself, on a broken pair of files.
        let dict = |pairs: &[(&str, &str)]| -> Dictionary {
            (pairs.iter().map(|(k, v)| (k.to_string(), v.to_string()))).collect()
        };
        let en = dict(&[("rank_of", "{rank} of {n}"), ("map", "Map")]);
        let es = dict(&[("rank_of", "{rank} de {m}"), ("extra", "sobra")]);
        let found = problems_in(&[("en.json", &en), ("es.json", &es)]);
        assert_eq!(
            found,
            [
                "es.json: no text for \"map\"",
                "es.json: \"extra\" is not in i18n/en.json",
                "es.json: \"rank_of\" has placeholders [\"m\", \"rank\"], English has [\"n\", \"rank\"]",
            ]
        );
    }

    #[test]
    fn numbers_are_written_as_each_language_writes_them() {
        // Written out by hand from each language's conventions (CLDR: es groups from 10 000).
        let [en, es, pt, zh] = Lang::ALL.map(Texts::of);
        assert_eq!(en.number(1234567.891, 2), "1,234,567.89");
        assert_eq!(es.number(1234.5, 1), "1234,5");
        assert_eq!(es.number(12345.5, 1), "12.345,5");
        assert_eq!(pt.number(1234.5, 1), "1.234,5");
        assert_eq!(en.number(-0.04, 1), "0");
        assert_eq!(en.number(-2.0, 0), "-2");
        assert_eq!(en.percent(0.2346), "23.5%");
        assert_eq!(es.percent(0.2346), "23,5\u{a0}%");
        assert_eq!(en.usd(2.46e9), "US$ 2.5 bn");
        assert_eq!(pt.usd(3.1e6), "US$ 3,1 mi");
        assert_eq!(zh.usd(2.46e9), "24.6 亿美元");
        assert_eq!(zh.usd(350_000.0), "35 万美元");
        assert_eq!(en.usd(950.0), "US$ 950");
        assert_eq!(en.usd(999.97e6), "US$ 1 bn");
        assert_eq!(zh.usd(99_999_990.0), "1 亿美元");
        let day: FactDate = "2015-06-29".parse().unwrap();
        let month: FactDate = "2017-06".parse().unwrap();
        assert_eq!(en.date(&day), "29 June 2015");
        assert_eq!(es.date(&month), "junio de 2017");
        assert_eq!(zh.date(&day), "2015年6月29日");
    }
}
