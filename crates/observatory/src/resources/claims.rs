//! Claims from the literature and their verdicts.

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

use galeon_claims::{FileReport, Language, Translations, Verdict};
use galeon_registry::Lang;
use serde_json::json;

use crate::observatory::CLAIM_TRANSLATIONS;
use crate::texts::Texts;
use crate::{Answer, Error, Table};

/// Which claims.
#[derive(Debug, Clone, Copy, Default)]
pub struct ClaimsQuery {
    /// Only claims with this verdict.
    pub verdict: Option<Verdict>,
    /// The language of the reasons, labels and notes (the quoted sentences stay as written).
    pub lang: Lang,
}

/// The built-in translations of a document's curated texts (none for a user's own file, whose
/// texts then stay in English while the verifier's words are translated).
fn translations(document: &str) -> Option<&'static Translations> {
    static ALL: OnceLock<HashMap<&'static str, Translations>> = OnceLock::new();
    let all = ALL.get_or_init(|| {
        (CLAIM_TRANSLATIONS.iter())
            .map(|(id, file, text)| {
                let parsed = Translations::parse(file, text).unwrap_or_else(|e| panic!("{e}"));
                (*id, parsed)
            })
            .collect()
    });
    all.get(document)
}

/// The reports with every text in `lang` (as they are, in English).
pub fn in_language(reports: &[FileReport], lang: Lang) -> Cow<'_, [FileReport]> {
    if lang == Lang::En {
        return Cow::Borrowed(reports);
    }
    let texts = Texts::of(lang);
    let templates = |key: &str| texts.find(key);
    let amount = |x: f64| texts.amount(x);
    let none = Translations::default();
    let localized = (reports.iter())
        .map(|r| {
            let words = Language {
                lang,
                templates: &templates,
                translations: translations(&r.document.id).unwrap_or(&none),
                amount: &amount,
            };
            let mut r = r.clone();
            r.localize(&words);
            r
        })
        .collect();
    Cow::Owned(localized)
}

/// A verdict written by its id (`supported`, `not_checkable`…).
pub fn verdict(id: &str) -> Result<Verdict, Error> {
    (Verdict::ALL.into_iter().find(|v| v.id() == id)).ok_or_else(|| {
        let ids: Vec<&str> = Verdict::ALL.map(|x| x.id()).to_vec();
        Error::Invalid(format!("verdict {id:?}: use one of {}", ids.join(", ")))
    })
}

/// One row per claim: its sentence, verdict, reason, and the claimed and computed values;
/// `meta.documents` has each document with its verdict counts.
pub fn claims(reports: &[FileReport], q: &ClaimsQuery) -> Answer {
    let reports = in_language(reports, q.lang);
    let mut t = Table::new(
        "claims",
        &[
            "document", "id", "section", "text", "verdict", "reason", "claimed", "computed",
        ],
    );
    let mut sources = BTreeSet::new();
    for f in reports.iter() {
        let shown = (f.claims.iter()).filter(|c| q.verdict.is_none_or(|v| c.verdict == v));
        for c in shown {
            let evidence = c.parts.iter().flat_map(|p| &p.evidence);
            sources.extend(evidence.flat_map(|e| e.sources.iter().map(ToString::to_string)));
            t.push(vec![
                f.document.id.as_str().into(),
                c.id.as_str().into(),
                c.section.as_str().into(),
                c.text.as_str().into(),
                c.verdict.id().into(),
                c.reason.to_string().into(),
                c.claimed_summary().into(),
                c.computed_summary().into(),
            ]);
        }
    }
    t.sources = sources.into_iter().collect();
    let documents: Vec<_> = (reports.iter())
        .map(|f| json!({"document": f.document, "summary": f.summary}))
        .collect();
    t.note("documents", documents);
    Ok(t)
}

/// One claim in full (parts, checks, evidence, the SQL that reproduces each number) with its
/// document: `{"data": claim, "document": …, "provenance": …}`.
pub fn claim(
    reports: &[FileReport],
    id: &str,
    lang: Lang,
    store_built_at: Option<&str>,
) -> Result<serde_json::Value, Error> {
    for f in in_language(reports, lang).iter() {
        if let Some(c) = f.claims.iter().find(|c| c.id == id) {
            let provenance =
                json!({"store_built_at": store_built_at, "galeon": env!("CARGO_PKG_VERSION")});
            return Ok(json!({"data": c, "document": f.document, "provenance": provenance}));
        }
    }
    Err(Error::NotFound(format!(
        "no claim {id:?}: /api/claims or `galeon verify` lists them"
    )))
}
