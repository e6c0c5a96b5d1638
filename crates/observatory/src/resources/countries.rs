//! Countries and aggregates: codes, names in the four languages, UN M49 region.

use galeon_registry::{Entity, EntityKind, Lang, Registry};

use crate::{Answer, Cell, Error, Table};

/// Which entities to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scope {
    /// The 33 CELAC states.
    #[default]
    Lac,
    /// Every country.
    Countries,
    /// Countries, historic states and aggregates (World, Euro Area, "not specified"…).
    All,
}

/// What to list.
#[derive(Debug, Clone, Default)]
pub struct CountriesQuery {
    /// Which entities.
    pub scope: Scope,
    /// Sort by the name in this language (by code when none).
    pub sort: Option<Lang>,
    /// Only the entity this name or code resolves to, exactly as galeon reads sources.
    pub resolve: Option<String>,
}

/// The countries table.
pub fn countries(q: &CountriesQuery) -> Answer {
    let registry = Registry::global();
    let mut selected: Vec<&Entity> = match &q.resolve {
        Some(text) => vec![registry
            .resolve(text)
            .map_err(|e| Error::Invalid(e.to_string()))?],
        None => (registry.entities().iter())
            .filter(|e| match q.scope {
                Scope::Lac => e.lac,
                Scope::Countries => e.kind == EntityKind::Country,
                Scope::All => true,
            })
            .collect(),
    };
    if let Some(lang) = q.sort {
        selected.sort_by_key(|e| galeon_registry::normalize(e.name(lang)));
    }
    let mut t = Table::new(
        "countries",
        &[
            "code",
            "iso2",
            "numeric",
            "name_en",
            "name_es",
            "name_pt",
            "name_zh",
            "kind",
            "region",
            "subregion",
            "lac",
        ],
    );
    for e in selected {
        // The UN's intermediate region (Caribbean, Central America, South America) where
        // there is one: "Latin America and the Caribbean" says nothing within LAC.
        let subregion = match e.m49.intermediate.is_empty() {
            true => &e.m49.subregion,
            false => &e.m49.intermediate,
        };
        t.push(vec![
            e.iso3.as_str().into(),
            e.iso2.clone().into(),
            e.numeric.map(u32::from).into(),
            e.name(Lang::En).into(),
            e.name(Lang::Es).into(),
            e.name(Lang::Pt).into(),
            e.name(Lang::Zh).into(),
            e.kind.to_string().into(),
            e.m49.region.as_str().into(),
            subregion.as_str().into(),
            Cell::Bool(e.lac),
        ]);
    }
    t.sources
        .push("galeon registry (ISO 3166, UN M49, CLDR names)".into());
    Ok(t)
}

impl std::str::FromStr for Scope {
    type Err = String;
    fn from_str(s: &str) -> Result<Scope, String> {
        match s {
            "lac" => Ok(Scope::Lac),
            "countries" => Ok(Scope::Countries),
            "all" => Ok(Scope::All),
            other => Err(format!("{other:?}: write lac, countries or all")),
        }
    }
}
