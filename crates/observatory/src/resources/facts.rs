//! Curated facts: recognition, partnerships, FTAs, BRI, AIIB, forum, CELAC, policy, programmes,
//! health, leaders, US policy.

use std::collections::BTreeSet;

use galeon_facts::{Fact, FactKind};
use galeon_registry::Lang;

use crate::params::Countries;
use crate::{Answer, Table};

/// Which facts.
#[derive(Debug, Clone, Default)]
pub struct FactsQuery {
    /// Only facts about these countries.
    pub countries: Option<Countries>,
    /// Only facts of this kind.
    pub kind: Option<FactKind>,
    /// Only facts that hold on this day: intervals that include it, events before it.
    pub as_of: Option<chrono::NaiveDate>,
    /// Also versions that sources give but galeon does not use (where sources disagree).
    pub all_versions: bool,
    /// The language of the texts (English where a text is not translated yet: `text_lang`).
    pub lang: Lang,
}

/// The facts table, by country, date and kind; each row names its sources and the language its
/// text is in.
pub fn facts(all: &[Fact], q: &FactsQuery) -> Answer {
    let mut selected: Vec<&Fact> = (all.iter())
        .filter(|f| q.all_versions || f.used)
        .filter(|f| {
            (q.countries.as_ref())
                .is_none_or(|c| f.country.as_ref().is_some_and(|fc| c.contains(fc)))
        })
        .filter(|f| q.kind.is_none_or(|k| f.kind == k))
        .filter(|f| q.as_of.is_none_or(|day| f.holds_on(day)))
        .collect();
    selected.sort_by_key(|f| (f.country.clone(), f.date.first_day(), f.kind));
    let mut t = Table::new(
        "facts",
        &[
            "id",
            "country",
            "kind",
            "value",
            "date",
            "until",
            "text",
            "text_lang",
            "amount",
            "unit",
            "note",
            "used",
            "sources",
        ],
    );
    let mut sources = BTreeSet::new();
    for f in selected {
        let cited: Vec<String> = (f.sources.iter())
            .map(|s| match &s.url {
                Some(u) => format!("{} — {} <{u}>", s.title, s.publisher),
                None => format!("{} — {}", s.title, s.publisher),
            })
            .collect();
        sources.extend(cited.iter().cloned());
        let (text, text_lang) = f.text_in(q.lang);
        t.push(vec![
            f.id.as_str().into(),
            f.country.clone().into(),
            f.kind.as_str().into(),
            f.value.as_str().into(),
            f.date.to_string().into(),
            f.until.map(|d| d.to_string()).into(),
            text.into(),
            text_lang.tag().into(),
            f.amount.into(),
            f.unit.clone().into(),
            f.note.clone().into(),
            f.used.into(),
            cited.join(" | ").into(),
        ]);
    }
    t.sources = sources.into_iter().collect();
    Ok(t)
}
