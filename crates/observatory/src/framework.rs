//! The framework galeon observes — five foundations and four fields of China–LAC cooperation —
//! as data (`data/framework/lu-2023.toml`): each part with the indicators and fact kinds that
//! observe it. docs/framework.md explains the choices; a test holds the two together.

use std::sync::OnceLock;

use galeon_facts::FactKind;
use galeon_registry::Names;
use serde::{Deserialize, Serialize};

/// The declaration, as shipped.
const TEXT: &str = include_str!("../../../data/framework/lu-2023.toml");

/// Foundation or field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PartKind {
    /// What cooperation rests on.
    Foundation,
    /// Where cooperation shows.
    Field,
}

/// One foundation or field.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Part {
    /// Its id (`f1_guarantee`, `economic`…).
    pub id: String,
    /// Foundation or field.
    pub kind: PartKind,
    /// Its name, in galeon's four languages.
    pub name: Names,
    /// What the literature argues, in a sentence, in galeon's four languages.
    pub argument: Names,
    /// The indicators that observe it, shown in the framework view.
    pub indicators: Vec<String>,
    /// For a field: the rest of its indicators (breakdowns and secondary measures), assigned to
    /// it but not shown in the view.
    #[serde(default)]
    pub also: Vec<String>,
    /// The kinds of curated facts that observe it.
    pub facts: Vec<String>,
}

/// The work the framework comes from.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Title.
    pub title: String,
    /// Author.
    pub author: String,
    /// Year.
    pub published: String,
    /// Where it was published.
    pub venue: String,
}

/// The framework.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    /// The work it comes from.
    pub source: Source,
    /// Its parts: foundations, then fields.
    #[serde(rename = "part")]
    pub parts: Vec<Part>,
}

impl PartKind {
    /// `foundation` or `field`.
    pub fn as_str(self) -> &'static str {
        match self {
            PartKind::Foundation => "foundation",
            PartKind::Field => "field",
        }
    }
}

impl Part {
    /// Its fact kinds, typed.
    pub fn fact_kinds(&self) -> Vec<FactKind> {
        self.facts.iter().filter_map(|k| k.parse().ok()).collect()
    }
}

/// Parses a framework declaration, checking that every indicator and fact kind it names exists.
pub fn parse(text: &str) -> Result<Framework, String> {
    let framework: Framework = toml::from_str(text).map_err(|e| e.to_string())?;
    for part in &framework.parts {
        if part.kind == PartKind::Foundation && !part.also.is_empty() {
            return Err(format!("part {}: `also` is for fields", part.id));
        }
        for id in part.indicators.iter().chain(&part.also) {
            if galeon_indicators::find(id).is_none() {
                return Err(format!("part {}: no indicator {id:?}", part.id));
            }
        }
        for kind in &part.facts {
            kind.parse::<FactKind>()
                .map_err(|e| format!("part {}: {e}", part.id))?;
        }
    }
    Ok(framework)
}

/// The framework galeon ships.
pub fn framework() -> &'static Framework {
    static FRAMEWORK: OnceLock<Framework> = OnceLock::new();
    FRAMEWORK.get_or_init(|| parse(TEXT).expect("data/framework/lu-2023.toml is valid (tested)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_framework_names_five_foundations_four_fields_and_only_known_observables() {
        let f = parse(TEXT).unwrap();
        let count = |k: PartKind| f.parts.iter().filter(|p| p.kind == k).count();
        assert_eq!(
            (count(PartKind::Foundation), count(PartKind::Field)),
            (5, 4)
        );
        assert!(f
            .parts
            .iter()
            .all(|p| !p.indicators.is_empty() || !p.facts.is_empty()));
        let bad = TEXT.replace("\"bri_member\"", "\"no_such_indicator\"");
        assert!(parse(&bad).unwrap_err().contains("no_such_indicator"));
    }

    /// Every indicator of the catalogue belongs to exactly one field.
    #[test]
    fn every_indicator_belongs_to_exactly_one_field() {
        for i in galeon_indicators::INDICATORS {
            let fields: Vec<&str> = (framework().parts.iter())
                .filter(|p| p.kind == PartKind::Field)
                .filter(|p| p.indicators.iter().chain(&p.also).any(|id| id == i.id))
                .map(|p| p.id.as_str())
                .collect();
            assert_eq!(fields.len(), 1, "{} is in fields {fields:?}", i.id);
        }
    }

    /// The index's pillars are the four fields, and each pillar scores indicators of its field.
    #[test]
    fn the_index_pillars_are_the_fields() {
        let config = galeon_index::parse("default", galeon_index::DEFAULT, &|_| true).unwrap();
        let fields: Vec<&Part> = (framework().parts.iter())
            .filter(|p| p.kind == PartKind::Field)
            .collect();
        let ids = |v: Vec<&str>| v.join(",");
        assert_eq!(
            ids(config.pillars.iter().map(|p| p.id.as_str()).collect()),
            ids(fields.iter().map(|p| p.id.as_str()).collect())
        );
        for (pillar, field) in config.pillars.iter().zip(&fields) {
            for spec in &pillar.indicators {
                let mut all = field.indicators.iter().chain(&field.also);
                assert!(
                    all.any(|id| *id == spec.id),
                    "{} scores {} of another field",
                    pillar.id,
                    spec.id
                );
            }
        }
    }

    #[test]
    fn docs_framework_md_names_every_observable_the_declaration_lists() {
        let doc = include_str!("../../../docs/framework.md");
        for part in &framework().parts {
            for id in &part.indicators {
                assert!(
                    doc.contains(&format!("`{id}`")),
                    "docs/framework.md: {id} ({})",
                    part.id
                );
            }
        }
    }
}
