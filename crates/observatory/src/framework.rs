//! The framework galeon observes — five foundations and four fields of China–LAC cooperation —
//! as data (`data/framework/lu-2023.toml`): each part with the indicators and fact kinds that
//! observe it. docs/framework.md explains the choices; a test holds the two together.

use std::sync::OnceLock;

use galeon_facts::FactKind;
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
    /// Its name.
    pub name: String,
    /// What the literature argues, in a sentence.
    pub argument: String,
    /// The indicators that observe it.
    pub indicators: Vec<String>,
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
        for id in &part.indicators {
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
