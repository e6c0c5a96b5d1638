//! Project links across trackers: the same project as AidData (GCOF 1.0, GCDF 2.0, GCDF 3.0),
//! WRI's COFI and AEI's CGIT each record it, so that no one adds a loan twice when combining
//! them. Computed from the store and written beside the indicator panel as `project_links`.
//!
//! Three rules (docs/reconciliation.md has them with examples):
//! - **same id**: AidData keeps a project's record id from GCOF 1.0 to GCDF 2.0 and 3.0 — certain;
//! - **plant and loan**: a COFI plant's Chinese debt and an AidData energy record, scored on
//!   evidence (name, lender, amount, year; see [`score`]);
//! - **plant and deal**: a COFI plant and a CGIT energy deal, scored the same way on the
//!   investor instead of the lender.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use galeon_store::{Column, Rows, Session};

use crate::engine::IndicatorError;

/// The table's name in the store's manifest, and its file.
pub const LINKS: (&str, &str) = ("project_links", "project_links/links.parquet");

const COFI: &str = "wri-cofi";

/// How two records were linked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Rule {
    /// The same AidData record id in two releases.
    SameId,
    /// A COFI plant's debt and an AidData record.
    PlantLoan,
    /// A COFI plant and a CGIT deal.
    PlantDeal,
}

impl Rule {
    /// The rule's name in the table.
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::SameId => "same_id",
            Rule::PlantLoan => "plant_loan",
            Rule::PlantDeal => "plant_deal",
        }
    }
}

/// One record of a tracker, as the rules compare it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Record {
    /// Dataset id.
    pub source: String,
    /// The record's id in its dataset.
    pub id: String,
    /// Host or recipient economy.
    pub country: String,
    /// Commitment or transaction year.
    pub year: Option<i32>,
    /// Amount in US dollars (current where published, else constant).
    pub usd: Option<f64>,
    /// The amount is in constant dollars of another year than the record's (GCDF 2.0's geocoded
    /// file has no current amounts): it is never taken as equal to a current amount, only as
    /// close.
    pub constant: bool,
    /// Name or title.
    pub name: String,
    /// Lender or investor as published.
    pub party: String,
}

/// A link between two records.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    /// The older tracker's record (COFI for plant rules).
    pub left: Record,
    /// The other record.
    pub right: Record,
    /// The rule that linked them.
    pub rule: Rule,
    /// Points of evidence (see [`score`]); 0 for the same id.
    pub score: u8,
    /// `certain`, `high`, `medium` or `low`.
    pub confidence: &'static str,
    /// What agreed, in words.
    pub evidence: String,
}

/// The links and the fingerprint of the store they were computed from.
#[derive(Debug, Default)]
pub struct Links {
    /// Every link, sorted.
    pub links: Vec<Link>,
    /// Fingerprint of the store's inputs, as for the panel.
    pub inputs: String,
}

/// Computes every link from the store's `finance`, `finance_locations`, `power_plants` and
/// `investment` tables.
pub async fn compute_links(store: &Path) -> Result<Links, IndicatorError> {
    let inputs = (galeon_store::read_manifest(store))
        .map(|m| galeon_store::fingerprint(&m, &crate::panel_code()))
        .unwrap_or_default();
    let session = Session::open(store).await?;
    let aid = records(&session, AID_SQL).await?;
    let locations = records(&session, LOCATIONS_SQL).await?;
    let plants = plants(&session).await?;
    let deals = records(&session, DEALS_SQL).await?;
    let mut links = same_id(&aid, &locations);
    links.extend(best_matches(&plants, &aid, Rule::PlantLoan));
    links.extend(best_matches(&plants, &deals, Rule::PlantDeal));
    links.sort_by(|a, b| order(a).cmp(&order(b)));
    Ok(Links { links, inputs })
}

/// The table's order: by rule, then the two records.
fn order(l: &Link) -> (Rule, &str, &str, &str, &str) {
    let (left, right) = (&l.left, &l.right);
    (l.rule, &left.source, &left.id, &right.source, &right.id)
}

/// AidData's records (GCOF 1.0 and GCDF 2.0), energy or not: the same-id rule takes them all,
/// the plant rule only those whose sector is energy.
const AID_SQL: &str = "SELECT source, record_id, recipient, year, \
    coalesce(amount_usd_current, amount_usd_constant) AS usd, title, lender || ' ' || title AS party, sector, \
    amount_usd_current IS NULL AND year <> coalesce(constant_base_year, 0) AS constant \
    FROM finance WHERE source LIKE 'aiddata-%'";
/// GCDF 3.0 projects (which have no year or title in the location files).
const LOCATIONS_SQL: &str = "SELECT source, record_id, country, CAST(NULL AS INT) AS year, \
    CAST(NULL AS DOUBLE) AS usd, '' AS name, '' AS party, '' AS sector, false AS constant FROM finance_locations \
    GROUP BY source, record_id, country";
/// CGIT's energy deals that went through (not Dataset 3's troubled ones); the counterpart is
/// part of the name, where a plant is often named.
const DEALS_SQL: &str = "SELECT source, deal_id, country, year, value_usd, \
    counterpart || ' ' || subsector AS name, investor, sector, false AS constant FROM investment \
    WHERE sector = 'Energy' AND kind <> 'troubled'";

/// Reads records from a query of nine columns: source, id, country, year, usd, name, party,
/// sector, constant; each with whether its sector is energy (the only records the plant rules
/// compare).
async fn records(session: &Session, sql: &str) -> Result<Vec<(Record, bool)>, IndicatorError> {
    let rows = session.rows(sql).await?;
    let text = |j| rows.text(j);
    let (source, id, country, name, party, sector) =
        (text(0), text(1), text(2), text(5), text(6), text(7));
    let (year, usd, constant) = (rows.int(3), rows.float(4), rows.bool(8));
    Ok((0..rows.len())
        .map(|i| {
            let s = |v: &[Option<String>]| v[i].clone().unwrap_or_default();
            let energy = s(&sector).to_lowercase().contains("energy");
            let record = Record {
                source: s(&source),
                id: s(&id),
                country: s(&country),
                year: year[i],
                usd: usd[i],
                constant: constant[i].unwrap_or(false),
                name: s(&name),
                party: s(&party),
            };
            (record, energy)
        })
        .collect())
}

/// A COFI row: the record for loans (debt year and amount, lenders) and for deals (the year of
/// the equity, else of the debt; the total investment; the investors).
struct Plant {
    loan: Record,
    deal: Record,
}

async fn plants(session: &Session) -> Result<Vec<Plant>, IndicatorError> {
    let sql = "SELECT plant_id, country, name, debt_year, debt_usd, lenders, \
        coalesce(equity_year, debt_year), investment_usd, investors FROM power_plants";
    let rows: Rows = session.rows(sql).await?;
    let (id, country, name, lenders, investors) = (
        rows.text(0),
        rows.text(1),
        rows.text(2),
        rows.text(5),
        rows.text(8),
    );
    let (debt_year, debt_usd, deal_year, deal_usd) =
        (rows.int(3), rows.float(4), rows.int(6), rows.float(7));
    Ok((0..rows.len())
        .map(|i| {
            let s = |v: &[Option<String>]| v[i].clone().unwrap_or_default();
            let base = Record {
                source: COFI.into(),
                id: s(&id),
                country: s(&country),
                name: s(&name),
                ..Record::default()
            };
            Plant {
                loan: Record {
                    year: debt_year[i],
                    usd: debt_usd[i],
                    party: s(&lenders),
                    ..base.clone()
                },
                deal: Record {
                    year: deal_year[i],
                    usd: deal_usd[i],
                    party: s(&investors),
                    ..base
                },
            }
        })
        .collect())
}

/// AidData's releases, oldest first: a same-id link's left record is the older one.
const AIDDATA: &[&str] = &[
    "aiddata-gcof-1.0",
    "aiddata-gcdf-2.0-partial",
    "aiddata-gcdf-3.0-adm-locations",
];

/// Links between AidData releases that carry the same record id, with a confidence that depends
/// on their recipients (see [`same_recipient`]).
fn same_id(aid: &[(Record, bool)], locations: &[(Record, bool)]) -> Vec<Link> {
    // Per release and id, the record and every country it is in (GCDF 3.0's projects can
    // span several).
    let mut by_source: BTreeMap<&str, BTreeMap<&str, (&Record, BTreeSet<&str>)>> = BTreeMap::new();
    for (r, _) in aid.iter().chain(locations) {
        let entry = by_source.entry(&r.source).or_default().entry(&r.id);
        entry.or_insert((r, BTreeSet::new())).1.insert(&r.country);
    }
    let mut links = Vec::new();
    for (i, left) in AIDDATA.iter().enumerate() {
        for right in &AIDDATA[i + 1..] {
            let (Some(older), Some(newer)) = (by_source.get(left), by_source.get(right)) else {
                continue;
            };
            for (id, (l, l_countries)) in older {
                let Some((r, r_countries)) = newer.get(id) else {
                    continue;
                };
                let (confidence, evidence) = same_recipient(id, l_countries, r_countries);
                links.push(Link {
                    left: (*l).clone(),
                    right: (*r).clone(),
                    rule: Rule::SameId,
                    score: 0,
                    confidence,
                    evidence,
                });
            }
        }
    }
    links
}

/// How sure it is that two records of one id are one project: the same recipient (certain), a
/// regional record and a state (high), two states (low: mostly one project across a border —
/// the Renk–Malakal road in Sudan and South Sudan, Kariba North Bank in Zambia and Zimbabwe —
/// but AidData also reused ids for other projects: 30410 is in Mali in GCOF 1.0 and in the
/// Maldives in GCDF 3.0).
fn same_recipient(
    id: &str,
    left: &BTreeSet<&str>,
    right: &BTreeSet<&str>,
) -> (&'static str, String) {
    let shown = |set: &BTreeSet<&str>| set.iter().copied().collect::<Vec<_>>().join(", ");
    if let Some(common) = left.intersection(right).next() {
        return (
            "certain",
            format!("record id {id} in both; recipient {common}"),
        );
    }
    let registry = galeon_registry::Registry::global();
    let regional = |set: &BTreeSet<&str>| {
        set.iter().any(|c| {
            (c.parse().ok())
                .and_then(|iso3| registry.get(iso3))
                .is_some_and(|e| !e.kind.is_economy())
        })
    };
    let (l, r) = (shown(left), shown(right));
    match regional(left) || regional(right) {
        true => (
            "high",
            format!("record id {id} in both; a regional record: {l} and {r}"),
        ),
        false => (
            "low",
            format!("record id {id} in both; recipients differ: {l} and {r}"),
        ),
    }
}

/// For each plant and each tracker, the candidates that score highest (ties kept).
fn best_matches(plants: &[Plant], others: &[(Record, bool)], rule: Rule) -> Vec<Link> {
    let mut index: BTreeMap<&str, Vec<&Record>> = BTreeMap::new();
    for (r, _) in others.iter().filter(|(_, energy)| *energy) {
        index.entry(&r.country).or_default().push(r);
    }
    let mut links = Vec::new();
    for plant in plants {
        let left = match rule {
            Rule::PlantDeal => &plant.deal,
            _ => &plant.loan,
        };
        let Some(candidates) = index.get(left.country.as_str()) else {
            continue;
        };
        let mut best: BTreeMap<&str, (u8, Vec<Link>)> = BTreeMap::new();
        for right in candidates {
            let Some((points, evidence)) = score(left, right) else {
                continue;
            };
            let entry = best.entry(&right.source).or_insert((0, Vec::new()));
            if points > entry.0 {
                *entry = (points, Vec::new());
            }
            if points == entry.0 {
                entry.1.push(Link {
                    left: left.clone(),
                    right: (*right).clone(),
                    rule,
                    score: points,
                    confidence: if points >= 5 { "high" } else { "medium" },
                    evidence,
                });
            }
        }
        links.extend(best.into_values().flat_map(|(_, l)| l));
    }
    // The other way round too: a loan or deal is one project, so of the plants that meet it
    // only the best-scoring keep it (a plant named in its title outranks one that only shares
    // the lender and the amount). This runs after each plant kept its best records, so a plant
    // whose best record goes to another is left unlinked rather than given its second best:
    // fewer links, none weaker than the plant's best evidence.
    let mut top: BTreeMap<(String, String), u8> = BTreeMap::new();
    for l in &links {
        let best = top
            .entry((l.right.source.clone(), l.right.id.clone()))
            .or_default();
        *best = (*best).max(l.score);
    }
    links.retain(|l| top[&(l.right.source.clone(), l.right.id.clone())] == l.score);
    links
}

/// Scores a plant against another tracker's record of the same country, or `None` when they
/// are not linked. Points: a distinctive word of the plant's name found in the other's name 2;
/// the lender or investor 1; the amount within 2 % 2 (both in current dollars), within a third 1;
/// the same year 1 (a year
/// apart 0; further apart, no link). Amounts more than twice apart rule a link out. A link needs
/// 3 points and either the name or both the party and the amount within 2 %.
pub fn score(plant: &Record, other: &Record) -> Option<(u8, String)> {
    let (py, oy) = (plant.year?, other.year?);
    if (py - oy).abs() > 1 {
        return None;
    }
    let mut points = 0;
    let mut evidence = Vec::new();
    let name = name_match(&plant.name, &other.name);
    if let Some(word) = &name {
        points += 2;
        evidence.push(format!("name: {word:?}"));
    }
    let party = party_match(&plant.party, &other.party);
    if let Some(who) = &party {
        points += 1;
        evidence.push(format!("party: {who}"));
    }
    let mut exact = false;
    if let (Some(a), Some(b)) = (plant.usd, other.usd) {
        let ratio = b / a;
        if !(0.5..=2.0).contains(&ratio) {
            return None;
        }
        exact = (ratio - 1.0).abs() <= 0.02 && !plant.constant && !other.constant;
        let amount_points = if exact {
            2
        } else {
            u8::from((0.75..=1.34).contains(&ratio))
        };
        points += amount_points;
        if amount_points > 0 {
            let m = |v: f64| v / 1e6;
            evidence.push(format!(
                "amount: {:.1} and {:.1} mn (×{ratio:.2})",
                m(a),
                m(b)
            ));
        }
    }
    if py == oy {
        points += 1;
        evidence.push(format!("year: {py}"));
    }
    let decisive = name.is_some() || (party.is_some() && exact);
    (decisive && points >= 3).then(|| (points, evidence.join("; ")))
}

/// Words that name no particular plant: kinds of plant, places and common words, in English and
/// Spanish, and the region's country names.
const COMMON: &str = "\
    plant plants power station project projects hydro hydroelectric hidroelectrica \
    hidroelectrico central parque eolico eolica solar wind farm farms park photovoltaic \
    fotovoltaico fotovoltaica thermal termica energy energia complex phase represa china \
    chinese loan bank million billion provides portfolio group norte nuevo nueva santa \
    combined cycle ciclo combinado expansion unit units module modules alternative \
    construction build fund financing coal fired diesel natural steam fuel heavy nuclear \
    biomass upper lower north south east west river lake city grande tanjung pelabuhan stung \
    argentina bolivia brazil brasil chile colombia ecuador peru uruguay paraguay venezuela \
    mexico cuba panama honduras guatemala nicaragua salvador costa rica jamaica guyana \
    suriname bahamas barbados trinidad tobago dominica dominican haiti grenada antigua barbuda \
    lucia vincent kitts nevis belize nova novo vila";

/// The first distinctive word of `plant` (four letters or more, not in [`COMMON`]) that is a
/// word of `other`, or begins or ends one: names written together meet ("Coca Codo Sinclair"
/// and "CocaSinclair" on "coca"), a word inside another does not ("nova" in "Renovaveis").
fn name_match(plant: &str, other: &str) -> Option<String> {
    let theirs = words(other);
    words(plant).into_iter().find(|w| {
        !is_in(COMMON, w)
            && (theirs.iter())
                .any(|t| t == w || t.starts_with(w.as_str()) || t.ends_with(w.as_str()))
    })
}

/// Whether `word` is one of the space-separated `words`.
fn is_in(words: &str, word: &str) -> bool {
    words.split_whitespace().any(|w| w == word)
}

fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4 && !w.chars().all(|c| c.is_ascii_digit()))
        .map(str::to_string)
        .collect()
}

/// Chinese lenders and the names they go by in AidData's records.
const LENDERS: &[(&str, &[&str])] = &[
    ("China Development Bank", &["china development bank", "cdb"]),
    (
        "Export-Import Bank of China",
        &["export-import bank of china", "eximbank", "ex-im", "exim"],
    ),
    (
        "Industrial and Commercial Bank of China",
        &["industrial and commercial bank", "icbc"],
    ),
    ("China Construction Bank", &["china construction bank"]),
    ("Bank of Communications", &["bank of communications"]),
    (
        "Agricultural Bank of China",
        &["agricultural bank of china"],
    ),
    ("Silk Road Fund", &["silk road fund"]),
    (
        "China Co-financing Fund for Latin America and the Caribbean",
        &["co-financing fund"],
    ),
];

/// Words of company names that do not tell companies apart.
const COMPANY: &str = "\
    china chinese group corp corporation company limited holding holdings international \
    investment energy power state science technology engineering construction electric \
    national solar renewable renewables new development bank";

/// The lender or investor of the plant (`; `-separated) that the other record names.
fn party_match(plant: &str, other: &str) -> Option<String> {
    let lower = other.to_lowercase();
    for party in plant.split("; ").filter(|p| !p.is_empty()) {
        if let Some((_, aliases)) = LENDERS.iter().find(|(name, _)| *name == party) {
            // "exim" is not found in "eximbank", which has its own alias.
            if aliases
                .iter()
                .any(|a| galeon_registry::contains_word(&lower, a))
            {
                return Some(party.to_string());
            }
        } else if party == "Bank of China" {
            // Not the Export-Import, Agricultural, Construction or Industrial and Commercial one.
            let rest = [
                "export-import ",
                "agricultural ",
                "construction ",
                "commercial ",
            ]
            .iter()
            .fold(lower.clone(), |t, p| {
                t.replace(&format!("{p}bank of china"), "")
            });
            if rest.contains("bank of china") {
                return Some(party.to_string());
            }
        } else {
            let theirs: BTreeSet<String> = words(other).into_iter().collect();
            let shared = words(party)
                .into_iter()
                .find(|w| !is_in(COMPANY, w) && theirs.contains(w));
            if shared.is_some() {
                return Some(party.to_string());
            }
        }
    }
    None
}

/// The table's columns, for the store and for downloads.
pub fn links_columns(links: &[Link]) -> Vec<(String, Column)> {
    let text =
        |f: &dyn Fn(&Link) -> String| Column::Text(links.iter().map(|l| Some(f(l))).collect());
    let int = |f: &dyn Fn(&Link) -> Option<i32>| {
        Column::Int(links.iter().map(|l| f(l).map(i64::from)).collect())
    };
    let float = |f: &dyn Fn(&Link) -> Option<f64>| Column::Float(links.iter().map(f).collect());
    vec![
        ("left_source".into(), text(&|l| l.left.source.clone())),
        ("left_id".into(), text(&|l| l.left.id.clone())),
        ("right_source".into(), text(&|l| l.right.source.clone())),
        ("right_id".into(), text(&|l| l.right.id.clone())),
        ("country".into(), text(&|l| l.left.country.clone())),
        ("rule".into(), text(&|l| l.rule.as_str().to_string())),
        ("confidence".into(), text(&|l| l.confidence.to_string())),
        ("score".into(), int(&|l| Some(i32::from(l.score)))),
        ("evidence".into(), text(&|l| l.evidence.clone())),
        ("left_year".into(), int(&|l| l.left.year)),
        ("right_year".into(), int(&|l| l.right.year)),
        ("left_usd".into(), float(&|l| l.left.usd)),
        ("right_usd".into(), float(&|l| l.right.usd)),
    ]
}

/// Writes the links to `STORE/project_links/links.parquet` through the store, recorded in the
/// manifest like the panel.
pub fn write_links(
    store: &Path,
    links: &Links,
) -> Result<std::path::PathBuf, galeon_store::DerivedError> {
    galeon_store::write_derived(
        store,
        LINKS.0,
        LINKS.1,
        &crate::panel_code(),
        &links.inputs,
        links_columns(&links.links),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(source: &str, year: i32, millions: f64, name: &str, party: &str) -> Record {
        Record {
            source: source.into(),
            id: "x".into(),
            country: "ECU".into(),
            year: Some(year),
            usd: Some(millions * 1e6),
            constant: false,
            name: name.into(),
            party: party.into(),
        }
    }

    #[test]
    fn name_lender_amount_and_year_make_a_high_score() {
        // COFI ECU2021008 and GCOF 1.0 35818, as published.
        let plant = record(
            COFI,
            2010,
            571.0,
            "PAUTE-SOPLADORA",
            "Export-Import Bank of China",
        );
        let loan = record(
            "aiddata-gcof-1.0",
            2010,
            571.0,
            "China Ex-Im bank loans Ecuador 621.7 million USD to build Sopladora hydroelectric",
            "Export-Import Bank of China, Government of Ecuador China Ex-Im bank loans…",
        );
        let (points, evidence) = score(&plant, &loan).unwrap();
        assert_eq!(points, 6, "{evidence}");
        assert!(evidence.contains("\"sopladora\""), "{evidence}");
    }

    #[test]
    fn a_lender_and_a_close_amount_without_the_name_are_not_enough() {
        // Two CDB loans to Argentina in 2014 of 1.6 and 2.1 bn: a dam and a railway.
        let plant = record(
            COFI,
            2014,
            1620.7,
            "PRESIDENTE NESTOR KIRCHNER",
            "China Development Bank",
        );
        let rail = record(
            "aiddata-gcof-1.0",
            2014,
            2100.0,
            "Belgrano Cargas railway",
            "China Development Bank (CDB)",
        );
        assert_eq!(score(&plant, &rail), None);
        // With the amount within 2 %, lender and amount decide.
        let same = record(
            "aiddata-gcof-1.0",
            2014,
            1625.0,
            "a loan",
            "China Development Bank (CDB)",
        );
        assert_eq!(score(&plant, &same).unwrap().0, 4);
    }

    #[test]
    fn amounts_twice_apart_and_years_two_apart_rule_a_link_out() {
        let plant = record(
            COFI,
            2017,
            4.3,
            "YPF LOMA CAMPANA-II",
            "Industrial and Commercial Bank of China",
        );
        let other = record(
            "g",
            2016,
            35.0,
            "ICBC loan to Central Térmica Loma de la Lata",
            "ICBC",
        );
        assert_eq!(
            score(&plant, &other),
            None,
            "the name meets but the amounts do not"
        );
        let later = record("g", 2019, 4.3, "Loma Campana", "ICBC");
        assert_eq!(score(&plant, &later), None);
    }

    #[test]
    fn names_meet_without_spaces_and_common_words_do_not_count() {
        assert_eq!(
            name_match("COCA CODO SINCLAIR", "CocaSinclair Hydro").as_deref(),
            Some("coca")
        );
        assert_eq!(
            name_match(
                "Sky Solar's Uruguay PV portfolio",
                "Confucius Institute in Uruguay"
            ),
            None
        );
    }

    #[test]
    fn constant_dollars_are_close_at_best_never_equal() {
        // GCDF 2.0 35818 holds the Sopladora loan in constant 2017 dollars only.
        let plant = record(COFI, 2010, 571.0, "PAUTE-SOPLADORA", "");
        let mut loan = record("aiddata-gcdf-2.0-partial", 2010, 571.0, "Sopladora", "");
        assert_eq!(score(&plant, &loan).unwrap().0, 5);
        loan.constant = true;
        assert_eq!(score(&plant, &loan).unwrap().0, 4);
    }

    #[test]
    fn a_name_meets_whole_words_and_their_ends_not_their_middles() {
        assert_eq!(
            name_match("El Corti", "loan for El Corti wind farm").as_deref(),
            Some("corti")
        );
        assert_eq!(name_match("El Corti", "Escortinho"), None);
        assert_eq!(
            name_match("Quijos", "Quijoshydro").as_deref(),
            Some("quijos")
        );
    }

    #[test]
    fn bank_of_china_is_not_any_bank_of_china() {
        assert_eq!(
            party_match("Bank of China", "Export-Import Bank of China"),
            None
        );
        assert_eq!(
            party_match("Bank of China", "Bank of China (BOC)").as_deref(),
            Some("Bank of China")
        );
        assert!(party_match("Export-Import Bank of China", "China Eximbank provides").is_some());
        assert_eq!(party_match("China Development Bank", "ABCDB Ltd"), None);
        assert!(party_match("China Gezhouba Group Corp", "Gezhouba").is_some());
        assert_eq!(
            party_match("State Power Investment Corp Ltd", "State Grid"),
            None
        );
    }
}
