//! A country profile: one state's relation with China on a few pages — headline figures with
//! their years and sources, trade with China and the United States over time, finance and
//! investment by sector, power plants, the diplomatic timeline, the index rank with its interval,
//! and the claims that concern the state. One document, rendered as JSON by the API and as a
//! printable page by `galeon profile` and `/profile/{code}` ([`crate::render::profile`]).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use galeon_claims::FileReport;
use galeon_facts::{Fact, FactKind};
use galeon_index::{Analysis, Index};
use galeon_indicators::Value;
use galeon_registry::{Lang, Registry};
use serde::Serialize;

use crate::texts::Texts;
use crate::Error;

/// Whose profile, in which language.
#[derive(Debug, Clone)]
pub struct ProfileQuery {
    /// The state (a code or a name).
    pub country: String,
    /// The language of its texts.
    pub lang: Lang,
}

/// What a profile reads: the parts of the observatory it needs.
pub struct ProfileInputs<'a> {
    /// Indicator values by indicator.
    pub values: &'a HashMap<&'static str, Vec<Value>>,
    /// Curated facts.
    pub facts: &'a [Fact],
    /// The index and its analysis, if built.
    pub index: Option<(&'a Index, Option<&'a Analysis>)>,
    /// Verdicts on the claim files.
    pub claims: &'a [FileReport],
    /// The store's manifest (for the releases of the datasets cited).
    pub manifest: &'a galeon_store::Manifest,
}

/// One state's profile.
#[derive(Debug, Clone, Serialize)]
pub struct Profile {
    /// The state's code.
    pub country: String,
    /// Its name in the profile's language.
    pub name: String,
    /// The language (BCP 47).
    pub lang: &'static str,
    /// galeon's version.
    pub galeon: &'static str,
    /// When the store was built.
    pub store_built_at: String,
    /// Headline figures.
    pub headline: Vec<Figure>,
    /// The state's standing with China today, one line per kind of relation.
    pub status: Vec<Event>,
    /// Yearly series: shares of trade (China, United States), then flows with China.
    pub trade: Vec<Series>,
    /// Breakdowns: finance by sector, investment by sector, power capacity by fuel.
    pub breakdowns: Vec<Breakdown>,
    /// The diplomatic timeline, oldest first.
    pub timeline: Vec<Event>,
    /// The index rank, year by year.
    pub index: Vec<RankYear>,
    /// Claims that concern the state.
    pub claims: Vec<ClaimLine>,
    /// The datasets (with releases) the figures come from.
    pub sources: Vec<String>,
}

/// A headline figure.
#[derive(Debug, Clone, Serialize)]
pub struct Figure {
    /// Stable id (for pages and tests).
    pub id: &'static str,
    /// What it is, in the profile's language.
    pub label: String,
    /// The indicator it comes from.
    pub indicator: &'static str,
    /// The number, in the indicator's unit.
    pub value: f64,
    /// The number as the language writes it.
    pub shown: String,
    /// What qualifies it, if anything (a rank's interval).
    pub detail: Option<String>,
    /// The year it is of (the last year, for sums over years).
    pub year: i32,
    /// The years it covers: its year, or the first and last years of a sum.
    pub period: String,
    /// Where it comes from.
    pub source: String,
}

/// One yearly series.
#[derive(Debug, Clone, Serialize)]
pub struct Series {
    /// The indicator.
    pub indicator: &'static str,
    /// Its label in the profile's language.
    pub label: String,
    /// Its unit.
    pub unit: String,
    /// Its points, by year.
    pub points: Vec<Point>,
}

/// A year's value of a series.
#[derive(Debug, Clone, Serialize)]
pub struct Point {
    /// The year.
    pub year: i32,
    /// The value.
    pub value: f64,
    /// Where it comes from.
    pub source: String,
    /// Whether the source changes here.
    pub series_break: bool,
}

/// A breakdown by sector or fuel, summed over its years.
#[derive(Debug, Clone, Serialize)]
pub struct Breakdown {
    /// Stable id.
    pub id: &'static str,
    /// Its title in the profile's language.
    pub title: String,
    /// The indicator it sums.
    pub indicator: &'static str,
    /// The unit of the values.
    pub unit: String,
    /// The first and last years summed, when there are rows.
    pub years: Option<(i32, i32)>,
    /// Rows, largest first.
    pub rows: Vec<Slice>,
    /// Where it comes from.
    pub source: String,
}

/// One row of a breakdown.
#[derive(Debug, Clone, Serialize)]
pub struct Slice {
    /// The sector or fuel, as the source names it.
    pub name: String,
    /// The value.
    pub value: f64,
    /// The value as the language writes it.
    pub shown: String,
}

/// A dated fact, in the profile's language.
#[derive(Debug, Clone, Serialize)]
pub struct Event {
    /// The fact's id.
    pub id: String,
    /// Its date (ISO, at its precision).
    pub date: String,
    /// When it ended, for intervals that ended.
    pub until: Option<String>,
    /// The date as the language writes it (with the end, if any).
    pub shown_date: String,
    /// The kind of relation, translated.
    pub kind: String,
    /// The value, translated.
    pub what: String,
    /// The curated sentence, in the language asked for where it is translated.
    pub text: String,
    /// The language `text` is in: English where it is not translated yet.
    pub text_lang: Lang,
    /// Its sources: title, publisher and address where there is one.
    pub sources: Vec<EventSource>,
}

/// A source of a fact.
#[derive(Debug, Clone, Serialize)]
pub struct EventSource {
    /// The document's title.
    pub title: String,
    /// Who published it.
    pub publisher: String,
    /// Where to read it.
    pub url: Option<String>,
}

/// The index rank of one year.
#[derive(Debug, Clone, Serialize)]
pub struct RankYear {
    /// The year.
    pub year: i32,
    /// The state's rank.
    pub rank: u32,
    /// How many states are ranked that year.
    pub of: usize,
    /// The 5th and 95th percentiles of its rank across the uncertainty analysis.
    pub p05: Option<f64>,
    /// See `p05`.
    pub p95: Option<f64>,
}

/// A claim that concerns the state.
#[derive(Debug, Clone, Serialize)]
pub struct ClaimLine {
    /// The claim's id.
    pub id: String,
    /// Its section in the document.
    pub section: String,
    /// The sentence, as the document writes it.
    pub text: String,
    /// The verdict id.
    pub verdict: &'static str,
    /// The verdict in the profile's language.
    pub verdict_label: String,
    /// Why.
    pub reason: String,
}

/// The profile of one LAC state.
pub fn profile(inputs: &ProfileInputs, q: &ProfileQuery) -> Result<Profile, Error> {
    let why = "profiles are of the 33 LAC states (`galeon countries` lists them)";
    let code = crate::params::lac_state(&q.country, why)?;
    let texts = Texts::of(q.lang);
    let name = Registry::global()
        .resolve(code)
        .expect("LAC33")
        .name(q.lang);
    let index = ranks(inputs.index, code);
    let mut profile = Profile {
        country: code.to_string(),
        name: name.to_string(),
        lang: q.lang.tag(),
        galeon: env!("CARGO_PKG_VERSION"),
        store_built_at: inputs.manifest.built_at.clone(),
        headline: headline(inputs.values, code, &texts),
        status: status(inputs.facts, code, &texts),
        trade: trade(inputs.values, code, &texts),
        breakdowns: breakdowns(inputs.values, code, &texts),
        timeline: timeline(inputs.facts, code, &texts),
        index,
        claims: claims(inputs.claims, code, &texts),
        sources: Vec::new(),
    };
    profile.sources = sources(inputs, &profile);
    if let Some(r) = profile.index.last() {
        profile.headline.push(rank_figure(r, &texts));
    }
    Ok(profile)
}

/// A country's values of one indicator without a breakdown, by year (the partner, where the
/// indicator has one, is the one its definition names: China or the United States).
fn country_series<'a>(
    values: &'a HashMap<&'static str, Vec<Value>>,
    id: &str,
    code: &str,
) -> Vec<&'a Value> {
    let mut rows: Vec<&Value> = (values.get(id).into_iter().flatten())
        .filter(|v| v.country == code && v.dimension.is_none())
        .collect();
    rows.sort_by_key(|v| v.year);
    rows
}

/// How a figure is written.
#[derive(Debug, Clone, Copy)]
enum Shown {
    Percent,
    Usd,
    Megawatts,
    Number,
}

impl Shown {
    fn show(self, t: &Texts, value: f64) -> String {
        match self {
            Shown::Percent => t.percent(value),
            Shown::Usd => t.usd(value),
            Shown::Megawatts => format!("{} MW", t.number(value, 0)),
            Shown::Number => t.number(value, 0),
        }
    }
}

fn headline(values: &HashMap<&'static str, Vec<Value>>, code: &str, t: &Texts) -> Vec<Figure> {
    let latest = [
        ("china_partner_share", "china_share", Shown::Percent),
        ("us_partner_share", "us_share", Shown::Percent),
        ("trade_with_china", "fig_trade_with_china", Shown::Usd),
        (
            "cofi_cumulative_capacity_mw",
            "fig_capacity",
            Shown::Megawatts,
        ),
    ];
    let summed = [
        (
            "gcdf3_commitments_usd_const2021",
            "fig_finance_total",
            Shown::Usd,
        ),
        ("cgit_investment_usd", "fig_investment_total", Shown::Usd),
    ];
    let figure = |id: &'static str, key: &str, shown: Shown, sum: bool| {
        let rows = country_series(values, id, code);
        let (first, last) = (rows.first()?, rows.last()?);
        let value = match sum {
            true => rows.iter().map(|v| v.value).sum(),
            false => last.value,
        };
        Some(Figure {
            id,
            label: t.get(key).to_string(),
            indicator: id,
            value,
            shown: shown.show(t, value),
            detail: None,
            year: last.year,
            period: match sum && first.year < last.year {
                true => format!("{}–{}", first.year, last.year),
                false => last.year.to_string(),
            },
            source: sources_of(if sum { &rows } else { &rows[rows.len() - 1..] }),
        })
    };
    let latest = (latest.into_iter()).filter_map(|(id, key, f)| figure(id, key, f, false));
    let summed = (summed.into_iter()).filter_map(|(id, key, f)| figure(id, key, f, true));
    latest.chain(summed).collect()
}

fn rank_figure(r: &RankYear, t: &Texts) -> Figure {
    let interval = match (r.p05, r.p95) {
        (Some(a), Some(b)) => {
            let (a, b) = (t.number(a, 0), t.number(b, 0));
            Some(t.fill("rank_interval", &[("p05", &a), ("p95", &b)]))
        }
        _ => None,
    };
    let (rank, of) = (r.rank.to_string(), r.of.to_string());
    Figure {
        id: "index_rank",
        label: t.get("fig_index_rank").to_string(),
        indicator: "index",
        value: f64::from(r.rank),
        shown: t.fill("rank_of", &[("rank", &rank), ("n", &of)]),
        detail: interval,
        year: r.year,
        period: r.year.to_string(),
        source: "galeon cooperation index (data/index/default.toml)".into(),
    }
}

fn trade(values: &HashMap<&'static str, Vec<Value>>, code: &str, t: &Texts) -> Vec<Series> {
    let ids = [
        ("china_partner_share", "china_name"),
        ("us_partner_share", "us_name"),
        ("exports_to_china", "exports_to_china"),
        ("imports_from_china", "imports_from_china"),
    ];
    (ids.into_iter())
        .map(|(id, key)| {
            let rows = country_series(values, id, code);
            Series {
                indicator: id,
                label: t.get(key).to_string(),
                unit: rows.first().map(|v| v.unit.clone()).unwrap_or_default(),
                points: (rows.iter())
                    .map(|v| Point {
                        year: v.year,
                        value: v.value,
                        source: v.source.clone(),
                        series_break: v.series_break,
                    })
                    .collect(),
            }
        })
        .collect()
}

fn breakdowns(values: &HashMap<&'static str, Vec<Value>>, code: &str, t: &Texts) -> Vec<Breakdown> {
    // The id is also the key of the breakdown's title in the translation files.
    let specs = [
        ("finance_by_sector", "gcof_sector_share", Shown::Percent),
        (
            "investment_by_sector",
            "cgit_investment_by_sector_usd",
            Shown::Usd,
        ),
        (
            "capacity_by_fuel",
            "cofi_capacity_by_fuel_mw",
            Shown::Number,
        ),
    ];
    (specs.into_iter())
        .map(|(id, indicator, shown)| breakdown(values, code, t, (id, indicator), shown))
        .collect()
}

/// An indicator's values with a breakdown, by its dimension: amounts summed over the years,
/// shares (which do not add up across years) of the latest year.
fn breakdown(
    values: &HashMap<&'static str, Vec<Value>>,
    code: &str,
    t: &Texts,
    (id, indicator): (&'static str, &'static str),
    shown: Shown,
) -> Breakdown {
    let mut rows: Vec<&Value> = (values.get(indicator).into_iter().flatten())
        .filter(|v| v.country == code && v.dimension.is_some())
        .collect();
    if rows.iter().any(|v| v.unit.starts_with("fraction")) {
        let last = rows.iter().map(|v| v.year).max();
        rows.retain(|v| Some(v.year) == last);
    }
    let mut sums: BTreeMap<&str, f64> = BTreeMap::new();
    for v in &rows {
        *sums
            .entry(v.dimension.as_deref().unwrap_or(""))
            .or_default() += v.value;
    }
    let mut slices: Vec<Slice> = (sums.into_iter())
        .filter(|(_, v)| *v > 0.0)
        .map(|(name, value)| Slice {
            name: name.to_string(),
            value,
            shown: shown.show(t, value),
        })
        .collect();
    slices.sort_by(|a, b| b.value.total_cmp(&a.value));
    let first = rows.iter().map(|v| v.year).min();
    let last = rows.iter().map(|v| v.year).max();
    Breakdown {
        id,
        title: t.get(id).to_string(),
        indicator,
        unit: rows.first().map(|v| v.unit.clone()).unwrap_or_default(),
        years: first.zip(last),
        rows: slices,
        source: sources_of(&rows),
    }
}

fn sources_of(rows: &[&Value]) -> String {
    let names: BTreeSet<&str> = rows.iter().map(|v| v.source.as_str()).collect();
    names.into_iter().collect::<Vec<_>>().join(", ")
}

/// The facts of the state (the versions galeon uses), oldest first.
fn country_facts<'a>(facts: &'a [Fact], code: &str) -> Vec<&'a Fact> {
    let mut mine: Vec<&Fact> = (facts.iter())
        .filter(|f| f.used && f.country.as_deref() == Some(code))
        .collect();
    mine.sort_by_key(|f| (f.date.first_day(), f.id.clone()));
    mine
}

fn event(f: &Fact, t: &Texts) -> Event {
    let (text, text_lang) = f.text_in(t.lang);
    let shown = match &f.until {
        Some(until) => format!("{} – {}", t.date(&f.date), t.date(until)),
        None => t.date(&f.date),
    };
    Event {
        id: f.id.clone(),
        date: f.date.to_string(),
        until: f.until.map(|d| d.to_string()),
        shown_date: shown,
        kind: t.get(&format!("fact_{}", f.kind.as_str())).to_string(),
        what: t.get(&format!("fact_value_{}", f.value)).to_string(),
        text: text.to_string(),
        text_lang,
        sources: (f.sources.iter())
            .map(|s| EventSource {
                title: s.title.clone(),
                publisher: s.publisher.clone(),
                url: s.url.clone(),
            })
            .collect(),
    }
}

fn timeline(facts: &[Fact], code: &str, t: &Texts) -> Vec<Event> {
    (country_facts(facts, code).into_iter())
        .map(|f| event(f, t))
        .collect()
}

/// The latest record of each kind of standing relation: recognition, partnership, Belt and
/// Road, the AIIB and a free-trade agreement; a relation that has ended (Panama left the Belt
/// and Road in 2025) is not a standing one, and the timeline keeps it.
fn status(facts: &[Fact], code: &str, t: &Texts) -> Vec<Event> {
    let today = chrono::Utc::now().date_naive();
    let mut mine = country_facts(facts, code);
    mine.retain(|f| !f.kind.is_state() || f.holds_on(today));
    let kinds = [
        FactKind::Recognition,
        FactKind::Partnership,
        FactKind::Bri,
        FactKind::Aiib,
        FactKind::TradeAgreement,
    ];
    (kinds.into_iter())
        .filter_map(|k| mine.iter().rev().find(|f| f.kind == k))
        .map(|f| event(f, t))
        .collect()
}

fn ranks(index: Option<(&Index, Option<&Analysis>)>, code: &str) -> Vec<RankYear> {
    let Some((index, analysis)) = index else {
        return Vec::new();
    };
    let intervals = analysis.map(|a| a.intervals_by_key()).unwrap_or_default();
    (index.nominal.years.iter())
        .filter_map(|y| {
            let c = y.countries.iter().position(|c| c == code)?;
            let rank = y.ranks[c]?;
            let interval = intervals.get(&(y.year, code));
            Some(RankYear {
                year: y.year,
                rank,
                of: y.ranks.iter().flatten().count(),
                p05: interval.map(|r| r.p05),
                p95: interval.map(|r| r.p95),
            })
        })
        .collect()
}

/// Claims whose sentence names the state, in any of its names. (Evidence is no guide: most
/// checks query all 33 states.)
fn claims(reports: &[FileReport], code: &str, t: &Texts) -> Vec<ClaimLine> {
    let entity = Registry::global().resolve(code).expect("LAC33");
    let names: Vec<&str> = Lang::ALL.iter().map(|l| entity.name(*l)).collect();
    let concerns = |c: &galeon_claims::ClaimResult| {
        names
            .iter()
            .any(|n| galeon_registry::contains_word(&c.text, n))
    };
    let reports = super::claims::in_language(reports, t.lang);
    (reports.iter().flat_map(|f| &f.claims))
        .filter(|c| concerns(c))
        .map(|c| ClaimLine {
            id: c.id.clone(),
            section: c.section.clone(),
            text: c.text.clone(),
            verdict: c.verdict.id(),
            verdict_label: t.get(&format!("verdict_{}", c.verdict.id())).to_string(),
            reason: c.reason.to_string(),
        })
        .collect()
}

fn sources(inputs: &ProfileInputs, p: &Profile) -> Vec<String> {
    let named = (p.headline.iter().map(|f| f.source.as_str()))
        .chain(
            p.trade
                .iter()
                .flat_map(|s| s.points.iter().map(|x| x.source.as_str())),
        )
        .chain(p.breakdowns.iter().map(|b| b.source.as_str()));
    let ids: BTreeSet<&str> = named
        .flat_map(|s| s.split([',', '+']))
        .map(str::trim)
        .collect();
    (inputs.manifest.datasets.iter())
        .filter(|d| ids.contains(d.id.as_str()))
        .map(|d| format!("{}: {} ({}; {})", d.id, d.title, d.publisher, d.releases()))
        .collect()
}
