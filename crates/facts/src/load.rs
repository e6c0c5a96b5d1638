//! Reading and validating fact files.

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::path::Path;

use galeon_registry::{Lang, Registry};
use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::date::FactDate;

/// The fact files compiled into galeon: (file name, contents).
pub const EMBEDDED: &[(&str, &str)] = &[
    (
        "recognition.toml",
        include_str!("../../../data/facts/recognition.toml"),
    ),
    (
        "partnerships.toml",
        include_str!("../../../data/facts/partnerships.toml"),
    ),
    (
        "trade_agreements.toml",
        include_str!("../../../data/facts/trade_agreements.toml"),
    ),
    ("bri.toml", include_str!("../../../data/facts/bri.toml")),
    ("aiib.toml", include_str!("../../../data/facts/aiib.toml")),
    ("forum.toml", include_str!("../../../data/facts/forum.toml")),
    ("celac.toml", include_str!("../../../data/facts/celac.toml")),
    (
        "policy.toml",
        include_str!("../../../data/facts/policy.toml"),
    ),
    (
        "programmes.toml",
        include_str!("../../../data/facts/programmes.toml"),
    ),
    (
        "health.toml",
        include_str!("../../../data/facts/health.toml"),
    ),
    (
        "leaders.toml",
        include_str!("../../../data/facts/leaders.toml"),
    ),
    (
        "us_policy.toml",
        include_str!("../../../data/facts/us_policy.toml"),
    ),
];

/// What a fact is about. Each kind has its own set of allowed values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FactKind {
    /// Which government a state recognises, as an interval: value `beijing` or `taipei`.
    Recognition,
    /// Partnership level with China, as an interval: `strategic`, `comprehensive_strategic`…
    Partnership,
    /// A free-trade agreement event: `negotiation_launched`, `signed`, `in_force`, `early_harvest`.
    TradeAgreement,
    /// Belt and Road membership, as an interval: value `member` (from the memorandum to any exit).
    Bri,
    /// Asian Infrastructure Investment Bank membership events: `prospective` (application
    /// approved, or Articles signed by a founding member), `member` (instrument deposited).
    Aiib,
    /// China–CELAC Forum: `ministerial_meeting`, `joint_plan`.
    Forum,
    /// CELAC's own summits of heads of state and government: `summit`.
    Celac,
    /// China's policy documents and pledges: `policy_paper`, `white_paper`, `pledge`.
    Policy,
    /// Programmes and flagship projects with their figures: `programme`, `project`.
    Programme,
    /// China in global health: a Chinese vaccine's `emergency_use_listing` by the WHO; China's
    /// `covax_agreement` with Gavi, joining the COVAX Facility.
    Health,
    /// Leaders of China and the LAC states: `took_office`; LAC leaders' visits to China,
    /// `state_visit`, and `first_trip_abroad` (a visit its sources call the leader's first trip
    /// abroad in office).
    Leader,
    /// The United States in the region, the extra-regional force: `relations_restored`,
    /// `policy_tightened`, `designation` (a state named in an official's speech),
    /// `strategy` (a national security document), `initiative` (an economic initiative).
    UsPolicy,
}

impl FactKind {
    /// Values allowed for this kind.
    pub fn allowed_values(self) -> &'static [&'static str] {
        match self {
            FactKind::Recognition => &["beijing", "taipei"],
            FactKind::Partnership => &[
                "friendly_cooperative",
                "strategic",
                "comprehensive_strategic",
                "comprehensive_cooperative",
                "all_weather_strategic",
            ],
            FactKind::TradeAgreement => &[
                "negotiation_launched",
                "early_harvest",
                "signed",
                "in_force",
                "upgrade_signed",
            ],
            FactKind::Bri => &["member"],
            FactKind::Aiib => &["prospective", "member"],
            FactKind::Forum => &["ministerial_meeting", "joint_plan", "founded"],
            FactKind::Celac => &["summit"],
            FactKind::Policy => &["policy_paper", "white_paper", "pledge"],
            FactKind::Programme => &["programme", "project"],
            FactKind::Health => &["emergency_use_listing", "covax_agreement"],
            FactKind::Leader => &["took_office", "state_visit", "first_trip_abroad"],
            FactKind::UsPolicy => &[
                "relations_restored",
                "policy_tightened",
                "designation",
                "strategy",
                "initiative",
            ],
        }
    }

    /// Whether records of this kind are intervals that must not overlap for one country.
    pub fn is_state(self) -> bool {
        matches!(
            self,
            FactKind::Recognition | FactKind::Partnership | FactKind::Bri
        )
    }

    /// All kinds.
    pub const ALL: [FactKind; 12] = [
        FactKind::Recognition,
        FactKind::Partnership,
        FactKind::TradeAgreement,
        FactKind::Bri,
        FactKind::Aiib,
        FactKind::Forum,
        FactKind::Celac,
        FactKind::Policy,
        FactKind::Programme,
        FactKind::Health,
        FactKind::Leader,
        FactKind::UsPolicy,
    ];

    /// The name used in files and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            FactKind::Recognition => "recognition",
            FactKind::Partnership => "partnership",
            FactKind::TradeAgreement => "trade_agreement",
            FactKind::Bri => "bri",
            FactKind::Aiib => "aiib",
            FactKind::Forum => "forum",
            FactKind::Celac => "celac",
            FactKind::Policy => "policy",
            FactKind::Programme => "programme",
            FactKind::Health => "health",
            FactKind::Leader => "leader",
            FactKind::UsPolicy => "us_policy",
        }
    }
}

impl fmt::Display for FactKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for FactKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        FactKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| {
                let names: Vec<&str> = FactKind::ALL.iter().map(|k| k.as_str()).collect();
                format!("unknown kind {s:?}: use one of {}", names.join(", "))
            })
    }
}

/// Where a fact comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Title of the document or page.
    pub title: String,
    /// Who published it.
    pub publisher: String,
    /// Where to read it, where there is an address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// When it was published, where known (free text: `2017-06-13`, `2016`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// When it was read for galeon (YYYY-MM-DD).
    pub accessed: String,
    /// The galeon dataset (`galeon sources` id) this source is, or is published with: a record
    /// copied from a dataset is the same evidence as a query on it, never a second source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dataset: Option<String>,
    /// The passage that states the fact, quoted, for a source without an address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub excerpt: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFact {
    id: String,
    kind: FactKind,
    #[serde(default)]
    country: Option<String>,
    value: String,
    date: String,
    #[serde(default)]
    until: Option<String>,
    text: String,
    #[serde(default)]
    text_es: Option<String>,
    #[serde(default)]
    text_pt: Option<String>,
    #[serde(default)]
    text_zh: Option<String>,
    #[serde(default)]
    place: Option<String>,
    #[serde(default)]
    place_country: Option<String>,
    #[serde(default)]
    builders: Vec<String>,
    #[serde(default)]
    amount: Option<f64>,
    #[serde(default)]
    unit: Option<String>,
    #[serde(default = "yes")]
    used: bool,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    sources: Vec<Source>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    fact: Vec<Spanned<RawFact>>,
}

/// A validated fact.
#[derive(Debug, Clone, Serialize)]
pub struct Fact {
    /// Stable identifier, unique across all files.
    pub id: String,
    /// What the fact is about.
    pub kind: FactKind,
    /// ISO alpha-3 of the country, or none for region-wide facts.
    pub country: Option<String>,
    /// The value, from the kind's allowed values.
    pub value: String,
    /// When it happened or began.
    pub date: FactDate,
    /// When it ended, for intervals that have ended.
    pub until: Option<FactDate>,
    /// What happened, in one or two sentences (English).
    pub text: String,
    /// `text` in Spanish, where translated.
    pub text_es: Option<String>,
    /// `text` in Portuguese, where translated.
    pub text_pt: Option<String>,
    /// `text` in Chinese, where translated.
    pub text_zh: Option<String>,
    /// Where it happened, for meetings and visits: the city's English name (`Brasília`,
    /// `Santiago de Chile`); none for a meeting held by video.
    pub place: Option<String>,
    /// The country of `place` (galeon code).
    pub place_country: Option<String>,
    /// For projects: the countries of the companies that built it or were awarded its
    /// construction (galeon codes), as its sources name them, so that "jointly built by China
    /// and Argentina" can be checked.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub builders: Vec<String>,
    /// A figure, for programmes and projects.
    pub amount: Option<f64>,
    /// The figure's unit.
    pub unit: Option<String>,
    /// False for versions that sources give but galeon does not use (the note says why).
    pub used: bool,
    /// Why this version is used or not, or other remarks.
    pub note: Option<String>,
    /// Where it comes from (at least one).
    pub sources: Vec<Source>,
    /// The file it was read from.
    pub file: String,
    /// The line of its `[[fact]]` table.
    pub line: usize,
}

impl Fact {
    /// The text in `lang`, and the language it is really in: English where it is not
    /// translated yet, so that a page can say so rather than pass English off as a translation.
    pub fn text_in(&self, lang: Lang) -> (&str, Lang) {
        let translated = match lang {
            Lang::En => None,
            Lang::Es => self.text_es.as_deref(),
            Lang::Pt => self.text_pt.as_deref(),
            Lang::Zh => self.text_zh.as_deref(),
        };
        match translated {
            Some(text) => (text, lang),
            None => (&self.text, Lang::En),
        }
    }

    /// Whether the fact holds on `day`: intervals that include it, and events dated on or before it.
    pub fn holds_on(&self, day: chrono::NaiveDate) -> bool {
        if self.date.first_day() > day {
            return false;
        }
        match (self.kind.is_state(), self.until) {
            (true, Some(until)) => until.last_day() >= day,
            _ => true,
        }
    }
}

/// A problem in a fact file, with its file and line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FactError {
    /// The file.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// What is wrong and what to do.
    pub message: String,
}

impl fmt::Display for FactError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for FactError {}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())]
        .bytes()
        .filter(|&b| b == b'\n')
        .count()
        + 1
}

/// Parses one fact file's text. Schema errors stop the file; record errors are all collected.
pub fn load_str(file: &str, text: &str) -> Result<Vec<Fact>, Vec<FactError>> {
    let raw: RawFile = toml::from_str(text).map_err(|e| {
        let line = e.span().map_or(1, |span| line_of(text, span.start));
        vec![FactError {
            file: file.to_string(),
            line,
            message: e.message().trim().to_string(),
        }]
    })?;
    let registry = Registry::global();
    let mut facts = Vec::new();
    let mut errors = Vec::new();
    for spanned in raw.fact {
        let line = line_of(text, spanned.span().start);
        let raw = spanned.into_inner();
        let mut error = |message: String| {
            errors.push(FactError {
                file: file.to_string(),
                line,
                message,
            })
        };
        let date = raw
            .date
            .parse::<FactDate>()
            .map_err(|e| error(format!("date: {e}")))
            .ok();
        let until = match &raw.until {
            Some(u) => match u.parse::<FactDate>() {
                Ok(d) => Some(d),
                Err(e) => {
                    error(format!("until: {e}"));
                    None
                }
            },
            None => None,
        };
        if let (Some(date), Some(until)) = (date, until) {
            if until.last_day() < date.first_day() {
                error(format!("until {until} is before date {date}"));
            }
        }
        if raw.id.trim().is_empty() {
            error("id is empty".into());
        }
        if raw.text.trim().is_empty() {
            error("text is empty: say what happened".into());
        }
        for (field, t) in [
            ("text_es", &raw.text_es),
            ("text_pt", &raw.text_pt),
            ("text_zh", &raw.text_zh),
        ] {
            if t.as_deref().is_some_and(|t| t.trim().is_empty()) {
                error(format!(
                    "{field} is empty: translate the text or leave the field out"
                ));
            }
        }
        if !raw.kind.allowed_values().contains(&raw.value.as_str()) {
            error(format!(
                "value {:?} is not allowed for kind {}: use one of {}",
                raw.value,
                raw.kind,
                raw.kind.allowed_values().join(", ")
            ));
        }
        let mut galeon_code = |field: &str, code: &Option<String>| match code {
            Some(code) => match registry.resolve_code(galeon_registry::CodeScheme::Iso3, code) {
                Ok(entity) if entity.iso3.as_str() == code => Some(code.clone()),
                Ok(entity) => {
                    error(format!(
                        "{field} {code:?}: write the galeon code {}",
                        entity.iso3
                    ));
                    None
                }
                Err(e) => {
                    error(format!("{field}: {e}"));
                    None
                }
            },
            None => None,
        };
        let country = galeon_code("country", &raw.country);
        let place_country = galeon_code("place_country", &raw.place_country);
        let builders: Vec<String> = raw
            .builders
            .iter()
            .filter_map(|code| galeon_code("builders", &Some(code.clone())))
            .collect();
        if raw.place.as_deref().is_some_and(|p| p.trim().is_empty()) {
            error("place is empty: name the city or leave the field out".into());
        }
        if raw.place.is_some() != raw.place_country.is_some() {
            error("place and place_country go together: the city and its country's code".into());
        }
        if !raw.builders.is_empty()
            && (raw.kind, raw.value.as_str()) != (FactKind::Programme, "project")
        {
            error(format!(
                "builders are for projects (kind programme, value project), not {} {}",
                raw.kind, raw.value
            ));
        }
        if (1..raw.builders.len()).any(|i| raw.builders[..i].contains(&raw.builders[i])) {
            error(format!(
                "builders {:?}: a country named twice",
                raw.builders
            ));
        }
        if raw.kind.is_state() && raw.country.is_none() {
            error(format!("kind {} needs a country", raw.kind));
        }
        if raw.sources.is_empty() {
            error("no source: every record needs at least one [[fact.sources]] with title, publisher and accessed".into());
        }
        for source in &raw.sources {
            if source.title.trim().is_empty() || source.publisher.trim().is_empty() {
                error("a source needs a title and a publisher".into());
            }
            if source
                .accessed
                .parse::<FactDate>()
                .map(|d| d.precision() != crate::Precision::Day)
                .unwrap_or(true)
            {
                error(format!(
                    "source accessed {:?}: write the day it was read, YYYY-MM-DD",
                    source.accessed
                ));
            }
            if let Some(url) = &source.url {
                if !(url.starts_with("https://") || url.starts_with("http://")) {
                    error(format!("source url {url:?} is not an http(s) address"));
                }
            }
        }
        if !raw.used && raw.note.as_deref().is_none_or(|n| n.trim().is_empty()) {
            error("a version that is not used needs a note saying why".into());
        }
        if let (Some(date), true) = (date, raw.country.is_none() || country.is_some()) {
            facts.push(Fact {
                id: raw.id,
                kind: raw.kind,
                country,
                value: raw.value,
                date,
                until,
                text: raw.text,
                text_es: raw.text_es,
                text_pt: raw.text_pt,
                text_zh: raw.text_zh,
                place: raw.place,
                place_country,
                builders,
                amount: raw.amount,
                unit: raw.unit,
                used: raw.used,
                note: raw.note,
                sources: raw.sources,
                file: file.to_string(),
                line,
            });
        }
    }
    if errors.is_empty() {
        Ok(facts)
    } else {
        Err(errors)
    }
}

/// Checks facts across files: unique ids, and no overlapping intervals of one kind for one
/// country (a state recognises one government at a time, has one partnership level at a time).
pub fn validate(facts: &[Fact]) -> Vec<FactError> {
    let mut errors = Vec::new();
    let mut ids = HashSet::new();
    for fact in facts {
        if !ids.insert(fact.id.as_str()) {
            errors.push(FactError {
                file: fact.file.clone(),
                line: fact.line,
                message: format!("id {:?} is used twice", fact.id),
            });
        }
    }
    let mut intervals: BTreeMap<(FactKind, &str), Vec<&Fact>> = BTreeMap::new();
    for fact in facts.iter().filter(|f| f.used && f.kind.is_state()) {
        if let Some(country) = &fact.country {
            intervals
                .entry((fact.kind, country))
                .or_default()
                .push(fact);
        }
    }
    for ((kind, country), mut list) in intervals {
        list.sort_by_key(|f| f.date.first_day());
        for pair in list.windows(2) {
            let (earlier, later) = (pair[0], pair[1]);
            let open = earlier
                .until
                .is_none_or(|u| u.last_day() >= later.date.first_day());
            // An interval may end the day the next begins only when the dates are days.
            let touching = earlier
                .until
                .is_some_and(|u| u.first_day() == later.date.first_day());
            if open && !touching {
                errors.push(FactError {
                    file: later.file.clone(),
                    line: later.line,
                    message: format!(
                        "{kind} for {country} from {} overlaps {:?} ({}:{}), which runs {}; give that one an `until`",
                        later.date,
                        earlier.id,
                        earlier.file,
                        earlier.line,
                        earlier.until.map_or_else(|| format!("from {} with no end", earlier.date), |u| format!("{} to {u}", earlier.date)),
                    ),
                });
            }
        }
    }
    errors
}

/// Loads and validates the facts compiled into galeon.
pub fn load_embedded() -> Result<Vec<Fact>, Vec<FactError>> {
    let mut facts = Vec::new();
    let mut errors = Vec::new();
    for (name, text) in EMBEDDED {
        match load_str(&format!("data/facts/{name}"), text) {
            Ok(mut f) => facts.append(&mut f),
            Err(mut e) => errors.append(&mut e),
        }
    }
    errors.extend(validate(&facts));
    if errors.is_empty() {
        Ok(facts)
    } else {
        Err(errors)
    }
}

/// Loads and validates every `*.toml` file in `dir`.
pub fn load_dir(dir: &Path) -> Result<Vec<Fact>, Vec<FactError>> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| {
            vec![FactError {
                file: dir.display().to_string(),
                line: 0,
                message: e.to_string(),
            }]
        })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(vec![FactError {
            file: dir.display().to_string(),
            line: 0,
            message: "no .toml fact files here".into(),
        }]);
    }
    let mut facts = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        let name = path.display().to_string();
        match std::fs::read_to_string(&path) {
            Ok(text) => match load_str(&name, &text) {
                Ok(mut f) => facts.append(&mut f),
                Err(mut e) => errors.append(&mut e),
            },
            Err(e) => errors.push(FactError {
                file: name,
                line: 0,
                message: e.to_string(),
            }),
        }
    }
    errors.extend(validate(&facts));
    if errors.is_empty() {
        Ok(facts)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &str =
        "[[fact.sources]]\ntitle = \"t\"\npublisher = \"p\"\naccessed = \"2026-11-28\"\n";

    fn fact(body: &str) -> String {
        format!("[[fact]]\n{body}\n{SOURCE}")
    }

    #[test]
    fn the_embedded_facts_are_valid() {
        let facts = load_embedded().unwrap_or_else(|e| panic!("{e:#?}"));
        assert!(facts.len() > 80);
    }

    /// Every curated text is written in the four languages (pages mark a missing one as
    /// untranslated, but none should be missing in the facts galeon ships).
    #[test]
    fn every_embedded_fact_text_is_translated() {
        let facts = load_embedded().unwrap_or_else(|e| panic!("{e:#?}"));
        let missing: Vec<String> = (facts.iter())
            .flat_map(|f| {
                (Lang::ALL.iter())
                    .filter(|&&lang| f.text_in(lang).1 != lang)
                    .map(move |lang| format!("{} ({}:{}): {}", f.id, f.file, f.line, lang.tag()))
            })
            .collect();
        assert!(missing.is_empty(), "untranslated: {missing:#?}");
    }

    #[test]
    fn a_text_not_translated_is_given_in_english_and_says_so() {
        let text = fact("id = \"a\"\nkind = \"bri\"\ncountry = \"PAN\"\nvalue = \"member\"\ndate = \"2017\"\ntext = \"Joined.\"\ntext_es = \"Se adhirió.\"");
        let facts = load_str("f.toml", &text).unwrap();
        assert_eq!(facts[0].text_in(Lang::Es), ("Se adhirió.", Lang::Es));
        assert_eq!(facts[0].text_in(Lang::Pt), ("Joined.", Lang::En));
        let empty = fact("id = \"a\"\nkind = \"bri\"\ncountry = \"PAN\"\nvalue = \"member\"\ndate = \"2017\"\ntext = \"x\"\ntext_zh = \" \"");
        let errors = load_str("f.toml", &empty).unwrap_err();
        assert!(errors[0].message.contains("text_zh"), "{errors:?}");
    }

    #[test]
    fn a_bad_date_is_reported_with_its_line() {
        let text = format!(
            "{}\n{}",
            fact("id = \"a\"\nkind = \"bri\"\ncountry = \"PAN\"\nvalue = \"member\"\ndate = \"2017-06\"\ntext = \"x\""),
            fact("id = \"b\"\nkind = \"forum\"\nvalue = \"founded\"\ndate = \"2014-07-32\"\ntext = \"x\"")
        );
        let errors = load_str("f.toml", &text).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, 13, "{errors:?}");
        assert!(errors[0].message.contains("2014-07-32"));
    }

    #[test]
    fn unknown_countries_values_and_missing_sources_are_errors() {
        let text = "[[fact]]\nid = \"a\"\nkind = \"bri\"\ncountry = \"XYZ\"\nvalue = \"joined\"\ndate = \"2017\"\ntext = \"x\"\n";
        let errors = load_str("f.toml", text).unwrap_err();
        let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
        assert!(messages.iter().any(|m| m.contains("XYZ")), "{messages:?}");
        assert!(
            messages.iter().any(|m| m.contains("\"joined\"")),
            "{messages:?}"
        );
        assert!(
            messages.iter().any(|m| m.contains("no source")),
            "{messages:?}"
        );
    }

    #[test]
    fn a_place_needs_its_country_and_a_galeon_code() {
        let meeting = |place: &str| {
            fact(&format!("id = \"m\"\nkind = \"forum\"\nvalue = \"ministerial_meeting\"\ndate = \"2015-01-08\"\ntext = \"x\"\n{place}"))
        };
        let ok = load_str(
            "f.toml",
            &meeting("place = \"Beijing\"\nplace_country = \"CHN\""),
        )
        .unwrap();
        assert_eq!(
            (ok[0].place.as_deref(), ok[0].place_country.as_deref()),
            (Some("Beijing"), Some("CHN"))
        );
        for (bad, says) in [
            ("place = \"Beijing\"", "place and place_country go together"),
            (
                "place = \"Punta Cana\"\nplace_country = \"DO\"",
                "place_country",
            ),
        ] {
            let errors = load_str("f.toml", &meeting(bad)).unwrap_err();
            assert!(
                errors.iter().any(|e| e.message.contains(says)),
                "{bad}: {errors:?}"
            );
        }
    }

    #[test]
    fn builders_are_galeon_codes_and_only_for_projects() {
        let record = |kind: &str, value: &str, builders: &str| {
            fact(&format!("id = \"p\"\nkind = \"{kind}\"\nvalue = \"{value}\"\ndate = \"2013\"\ntext = \"x\"\nbuilders = {builders}"))
        };
        let ok = load_str(
            "f.toml",
            &record("programme", "project", "[\"CHN\", \"ARG\"]"),
        )
        .unwrap();
        assert_eq!(ok[0].builders, ["CHN", "ARG"]);
        for (kind, value, builders, says) in [
            ("programme", "project", "[\"CN\"]", "builders"),
            (
                "forum",
                "ministerial_meeting",
                "[\"CHN\"]",
                "builders are for projects",
            ),
            (
                "programme",
                "programme",
                "[\"CHN\"]",
                "builders are for projects",
            ),
            ("programme", "project", "[\"CHN\", \"CHN\"]", "named twice"),
        ] {
            let errors = load_str("f.toml", &record(kind, value, builders)).unwrap_err();
            assert!(
                errors.iter().any(|e| e.message.contains(says)),
                "{kind} {builders}: {errors:?}"
            );
        }
    }

    #[test]
    fn overlapping_intervals_are_errors_and_touching_ones_are_not() {
        let a = fact("id = \"a\"\nkind = \"recognition\"\ncountry = \"PAN\"\nvalue = \"taipei\"\ndate = \"1950\"\nuntil = \"2017-06-13\"\ntext = \"x\"");
        let b = fact("id = \"b\"\nkind = \"recognition\"\ncountry = \"PAN\"\nvalue = \"beijing\"\ndate = \"2017-06-13\"\ntext = \"x\"");
        let facts = load_str("f.toml", &format!("{a}\n{b}")).unwrap();
        assert!(validate(&facts).is_empty());
        let c = fact("id = \"c\"\nkind = \"recognition\"\ncountry = \"PAN\"\nvalue = \"beijing\"\ndate = \"2010\"\ntext = \"x\"");
        let facts = load_str("f.toml", &format!("{a}\n{c}")).unwrap();
        let errors = validate(&facts);
        assert_eq!(errors.len(), 1);
        assert!(errors[0].message.contains("overlaps"), "{errors:?}");
    }

    #[test]
    fn ends_before_starts_are_errors() {
        let text = fact("id = \"a\"\nkind = \"bri\"\ncountry = \"PAN\"\nvalue = \"member\"\ndate = \"2017\"\nuntil = \"2016\"\ntext = \"x\"");
        let errors = load_str("f.toml", &text).unwrap_err();
        assert!(errors[0].message.contains("before"), "{errors:?}");
    }
}
