//! The translations of a claim file's curated texts (`i18n/claims/NAME.toml`): what each part
//! states, what each check computes and its scope, why something is not checkable, notes and
//! worded values, each English text with its Spanish, Portuguese and Chinese. The sentences
//! quoted from a document are never translated: they are quotes.

use std::collections::{BTreeSet, HashMap};

use galeon_registry::Lang;
use serde::Deserialize;

use crate::said::{Said, Words};
use crate::spec::{ClaimError, ClaimFile, Claimed};
use crate::verify::FileReport;

/// The translations of one claim file.
#[derive(Debug, Clone, Default)]
pub struct Translations {
    by_english: HashMap<String, Entry>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    en: String,
    es: String,
    pt: String,
    zh: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    text: Vec<toml::Spanned<Entry>>,
}

impl Translations {
    /// Parses a translation file; an empty text, or an English text given twice, is an error
    /// naming its line.
    pub fn parse(file: &str, text: &str) -> Result<Translations, ClaimError> {
        let error = |line: usize, message: String| ClaimError {
            file: file.to_string(),
            line,
            message,
        };
        let line_of = |offset: usize| text[..offset.min(text.len())].lines().count().max(1);
        let raw: RawFile = toml::from_str(text).map_err(|e| {
            let line = e.span().map_or(1, |s| line_of(s.start));
            error(line, e.message().to_string())
        })?;
        let mut by_english = HashMap::new();
        for spanned in raw.text {
            let line = line_of(spanned.span().start) + 1;
            let entry = spanned.into_inner();
            if [&entry.en, &entry.es, &entry.pt, &entry.zh]
                .iter()
                .any(|t| t.trim().is_empty())
            {
                return Err(error(line, "a text is empty: write all four".into()));
            }
            if by_english.contains_key(&entry.en) {
                return Err(error(line, format!("{:?} is translated twice", entry.en)));
            }
            by_english.insert(entry.en.clone(), entry);
        }
        Ok(Translations { by_english })
    }

    /// The translation of a curated English text.
    pub fn get(&self, english: &str, lang: Lang) -> Option<&str> {
        let entry = self.by_english.get(english)?;
        Some(match lang {
            Lang::En => &entry.en,
            Lang::Es => &entry.es,
            Lang::Pt => &entry.pt,
            Lang::Zh => &entry.zh,
        })
    }

    /// The English texts translated.
    pub fn english(&self) -> BTreeSet<&str> {
        self.by_english.keys().map(String::as_str).collect()
    }
}

impl ClaimFile {
    /// Every text of the file a reader sees in their language, apart from the quoted sentences:
    /// what parts state, checks' labels and scopes, why something is not checkable, notes, units
    /// and worded values (dates and codes are said as they are).
    pub fn curated_texts(&self) -> BTreeSet<&str> {
        let mut texts = BTreeSet::new();
        for c in &self.claims {
            texts.extend(c.notes.as_deref());
            texts.extend(c.not_checkable.as_deref());
            for p in &c.parts {
                texts.insert(p.what.as_str());
                texts.extend(p.not_checkable.as_deref());
                texts.extend(p.unit.as_deref());
                if let Claimed::Text(t) = &p.claimed {
                    if crate::verify::is_worded(t) {
                        texts.insert(t.as_str());
                    }
                }
                for k in &p.checks {
                    texts.insert(k.label.as_str());
                    texts.extend(k.scope.as_deref());
                }
            }
        }
        texts.extend(self.unchecked.iter().map(|u| u.reason.as_str()));
        texts
    }
}

/// A language's words for a report: its templates, and a claim file's translations.
pub struct Language<'a> {
    /// The language.
    pub lang: Lang,
    /// Its templates (the `said_*` and `verdict_*` keys of `i18n/LANG.json`).
    pub templates: &'a dyn Fn(&str) -> Option<&'a str>,
    /// The claim file's translations.
    pub translations: &'a Translations,
    /// How the language writes a number (amounts in its large units).
    pub amount: &'a dyn Fn(f64) -> String,
}

impl Words for Language<'_> {
    fn template(&self, key: &str) -> Option<&str> {
        (self.templates)(key)
    }
    fn curated<'a>(&'a self, english: &'a str) -> Option<&'a str> {
        self.translations.get(english, self.lang)
    }
    fn separator(&self) -> &str {
        match self.lang {
            Lang::Zh => "；",
            _ => "; ",
        }
    }
    fn comma(&self) -> &str {
        match self.lang {
            Lang::Zh => "、",
            _ => ", ",
        }
    }
    fn lang(&self) -> Lang {
        self.lang
    }
    fn amount(&self, x: f64) -> String {
        (self.amount)(x)
    }
}

impl FileReport {
    /// Every text of the report rendered once in the language of `words` (quoted sentences
    /// stay as written): what the API, the command line and the pages then show.
    pub fn localize(&mut self, words: &dyn Words) {
        let mut said = |s: &mut Said| *s = Said::Plain(s.render(words));
        for c in &mut self.claims {
            said(&mut c.reason);
            c.notes.iter_mut().for_each(&mut said);
            for p in &mut c.parts {
                said(&mut p.what);
                said(&mut p.claimed);
                said(&mut p.reason);
                if let Some(f) = &mut p.faithful {
                    said(&mut f.reason);
                }
                for e in &mut p.evidence {
                    said(&mut e.label);
                    said(&mut e.shown);
                    said(&mut e.reason);
                    e.scope.iter_mut().for_each(&mut said);
                    e.margin.iter_mut().for_each(&mut said);
                    e.coverage.iter_mut().for_each(&mut said);
                    e.difference.iter_mut().for_each(&mut said);
                    e.sources.iter_mut().for_each(&mut said);
                }
            }
        }
        for u in &mut self.unchecked {
            if let Some(t) = words.curated(&u.reason) {
                u.reason = t.to_string();
            }
        }
    }
}
