//! The claims in four languages: every curated text of the claim file has its translations
//! (and no translation is left over), and every template the verifier says is in every
//! language's translation file; a report rendered in Spanish keeps no English template.

use std::collections::BTreeSet;
use std::path::Path;

use galeon_claims::{Data, English, Language, Said, Translations, Words};
use galeon_registry::Lang;

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn translations() -> Translations {
    let text = std::fs::read_to_string(root().join("i18n/claims/lu-2023.toml")).unwrap();
    Translations::parse("i18n/claims/lu-2023.toml", &text).unwrap_or_else(|e| panic!("{e}"))
}

fn dictionary(lang: &str) -> serde_json::Map<String, serde_json::Value> {
    let text = std::fs::read_to_string(root().join(format!("i18n/{lang}.json"))).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// The claim file's report, with the facts but no store (every store query stops, in words).
fn report() -> galeon_claims::FileReport {
    let file = galeon_claims::load_file(&root().join("claims/lu-2023.toml")).unwrap();
    let data = Data {
        facts: galeon_facts::load_embedded().unwrap(),
        ..Data::default()
    };
    galeon_claims::evaluate(&file, &data)
}

#[test]
fn every_curated_text_of_the_claim_file_is_translated_and_nothing_else_is() {
    let file = galeon_claims::load_file(&root().join("claims/lu-2023.toml")).unwrap();
    let translations = translations();
    let curated = file.curated_texts();
    let translated = translations.english();
    let missing: Vec<&&str> = curated.difference(&translated).collect();
    let unused: Vec<&&str> = translated.difference(&curated).collect();
    assert!(missing.is_empty(), "not translated: {missing:#?}");
    assert!(
        unused.is_empty(),
        "translated but not in the claim file: {unused:#?}"
    );
    // Every curated text a report shows is one of the file's.
    let mut shown = BTreeSet::new();
    let report = report();
    for c in &report.claims {
        for p in &c.parts {
            let mut saids: Vec<&Said> = vec![&p.what, &p.claimed, &p.reason];
            for e in &p.evidence {
                saids.extend([&e.label, &e.reason, &e.shown]);
                saids.extend(e.scope.iter());
            }
            for s in saids {
                s.visit(&mut |s| {
                    if let Said::Curated(t) = s {
                        shown.insert(t.clone());
                    }
                });
            }
        }
    }
    assert!(
        shown.len() > 200,
        "only {} curated texts shown",
        shown.len()
    );
    for t in &shown {
        assert!(
            curated.contains(t.as_str()),
            "{t:?} is shown but not in the file"
        );
    }
}

/// Every `said_*` and `verdict_*` key written in the verifier's source (read as text, so that a
/// path no test reaches is covered too) is in i18n/en.json; the key check of the translation
/// files then holds it to every language.
#[test]
fn every_key_the_verifier_names_is_in_the_english_file() {
    let en = dictionary("en");
    let mut named = BTreeSet::new();
    let src = root().join("crates/claims/src");
    let files = (walkdir::WalkDir::new(&src).into_iter())
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"));
    for entry in files {
        let text = std::fs::read_to_string(&entry).unwrap();
        for prefix in ["\"said_", "\"verdict_"] {
            for (at, _) in text.match_indices(prefix) {
                let key: String = text[at + 1..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                named.insert(key);
            }
        }
    }
    assert!(named.len() > 90, "only {} keys found", named.len());
    let missing: Vec<&String> = named.iter().filter(|k| !en.contains_key(*k)).collect();
    assert!(missing.is_empty(), "not in i18n/en.json: {missing:?}");
}

#[test]
fn every_template_the_verifier_says_is_in_every_language() {
    let report = report();
    let mut keys = BTreeSet::new();
    for c in &report.claims {
        c.reason.visit(&mut |s| {
            if let Said::Say(k, _) = s {
                keys.insert(*k);
            }
        });
        for p in &c.parts {
            for e in &p.evidence {
                for s in [&e.reason, &e.shown] {
                    s.visit(&mut |s| {
                        if let Said::Say(k, _) = s {
                            keys.insert(*k);
                        }
                    });
                }
            }
        }
    }
    assert!(keys.len() > 15, "only {keys:?}");
    for lang in ["en", "es", "pt", "zh"] {
        let words = dictionary(lang);
        for k in &keys {
            assert!(words.contains_key(*k), "{k} missing from i18n/{lang}.json");
        }
    }
    assert!(English.template("said_gives").is_some());
}

#[test]
fn a_report_in_spanish_is_rendered_from_the_spanish_files() {
    let es = dictionary("es");
    let templates = |k: &str| es.get(k).and_then(|v| v.as_str());
    let translations = translations();
    let words = Language {
        lang: Lang::Es,
        templates: &templates,
        translations: &translations,
        amount: &|x| format!("{x}"),
    };
    let mut report = report();
    let english = report.clone();
    report.localize(&words);
    // The policy paper's date: the label and the template both in Spanish (the label from
    // i18n/claims/lu-2023.toml, the sentence from the said_date_within template of es.json).
    let paper = report
        .claims
        .iter()
        .find(|c| c.id == "policy-paper-2008")
        .unwrap();
    let reason = paper.reason.to_string();
    let label = translations
        .get("galeon facts: first policy paper", Lang::Es)
        .unwrap();
    assert_eq!(reason, format!("{label} da 2008-11-05, dentro de 2008-11"));
    let before = english
        .claims
        .iter()
        .find(|c| c.id == "policy-paper-2008")
        .unwrap();
    assert_eq!(
        before.reason.to_string(),
        "galeon facts: first policy paper gives 2008-11-05, within 2008-11"
    );
    // Nothing is left to render: every text is now plain.
    for c in &report.claims {
        assert!(matches!(c.reason, Said::Plain(_)));
        for p in &c.parts {
            assert!(matches!(p.what, Said::Plain(_)) && matches!(p.reason, Said::Plain(_)));
        }
    }
}
