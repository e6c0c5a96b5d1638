//! Deciding claims: the data a claim file needs, and the verdicts.
//!
//! [`Data::fetch`] reads what the checks need from the store (indicator values, SQL results,
//! the manifest's releases) and the curated facts; [`evaluate`] is then a pure function of the
//! claims and that data, which is what the tests exercise with small fixtures.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt;
use std::path::Path;

use chrono::NaiveDate;
use galeon_facts::{Fact, FactDate, Precision};
use galeon_indicators::Value;
use galeon_registry::LAC33;
use serde::Serialize;

use crate::spec::{
    Aggregate, Check, Claim, ClaimFile, Claimed, Countries, FactMeasure, Hedge, Part, Query, Role,
};

/// A verdict on a claim, a part of one, or one check. The scale is documented, with examples,
/// in docs/claims.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The data give the claimed value, well within the tolerance the claim's wording allows.
    Supported,
    /// The data give the claimed value, but in the outer fifth of the tolerance: a reader should
    /// know the figure is only just inside.
    SupportedAtEdge,
    /// Some parts of the sentence hold and others are contradicted.
    PartlySupported,
    /// The figure is right but under the wrong label, scope, year or kind.
    Mischaracterised,
    /// The sentence contradicts itself (a count and the list that follows it disagree).
    InternallyInconsistent,
    /// The data give a value the wording does not allow.
    Contradicted,
    /// There are data, but they cannot decide (coverage, scope or definition differ, or sources
    /// disagree); the reason says which.
    Inconclusive,
    /// There are no independent data to check it with.
    NotCheckable,
}

impl Verdict {
    /// All verdicts, in report order.
    pub const ALL: [Verdict; 8] = [
        Verdict::Supported,
        Verdict::SupportedAtEdge,
        Verdict::PartlySupported,
        Verdict::Mischaracterised,
        Verdict::InternallyInconsistent,
        Verdict::Contradicted,
        Verdict::Inconclusive,
        Verdict::NotCheckable,
    ];

    /// The verdict as written in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Supported => "supported",
            Verdict::SupportedAtEdge => "supported at the edge",
            Verdict::PartlySupported => "partly supported",
            Verdict::Mischaracterised => "mischaracterised",
            Verdict::InternallyInconsistent => "internally inconsistent",
            Verdict::Contradicted => "contradicted",
            Verdict::Inconclusive => "inconclusive",
            Verdict::NotCheckable => "not checkable",
        }
    }

    /// The verdict as an identifier (`supported_at_edge`), as in JSON and API filters.
    pub fn id(self) -> &'static str {
        match self {
            Verdict::Supported => "supported",
            Verdict::SupportedAtEdge => "supported_at_edge",
            Verdict::PartlySupported => "partly_supported",
            Verdict::Mischaracterised => "mischaracterised",
            Verdict::InternallyInconsistent => "internally_inconsistent",
            Verdict::Contradicted => "contradicted",
            Verdict::Inconclusive => "inconclusive",
            Verdict::NotCheckable => "not_checkable",
        }
    }

    /// Whether the verdict says the data give the claimed value.
    pub fn supports(self) -> bool {
        matches!(self, Verdict::Supported | Verdict::SupportedAtEdge)
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One cell of an SQL result.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// NULL.
    Null,
    /// A number.
    Number(f64),
    /// Anything else, as text.
    Text(String),
}

/// Everything the checks read, fetched once.
#[derive(Debug, Default)]
pub struct Data {
    /// Why the store could not be read, if it could not.
    pub store_error: Option<String>,
    /// Indicator values by indicator id.
    pub values: HashMap<String, Vec<Value>>,
    /// Indicators that failed, with the error.
    pub indicator_errors: HashMap<String, String>,
    /// SQL results by statement (after `{LAC33}` expansion).
    pub sql: HashMap<String, Result<Vec<Vec<Cell>>, String>>,
    /// The curated facts.
    pub facts: Vec<Fact>,
    /// Datasets in the store (built or carried over) with their releases.
    pub releases: BTreeMap<String, String>,
}

/// The SQL a check runs, with `{LAC33}` expanded.
pub fn expand_sql(sql: &str) -> String {
    let list: Vec<String> = LAC33.iter().map(|c| format!("'{c}'")).collect();
    sql.replace("{LAC33}", &format!("({})", list.join(", ")))
}

impl Data {
    /// Reads what `files` need from the store at `store`, and the embedded facts. Facts that
    /// fail to load are an error: no claim is judged against none.
    pub async fn fetch(store: &Path, files: &[ClaimFile]) -> Result<Data, String> {
        Self::fetch_with(store, files, None).await
    }

    /// [`Data::fetch`], taking indicator values from `panel` (all of galeon's indicators, already
    /// computed) instead of computing them again.
    pub async fn fetch_with(
        store: &Path,
        files: &[ClaimFile],
        panel: Option<&[Value]>,
    ) -> Result<Data, String> {
        Self::fetch_from(store, files, panel, galeon_facts::load_embedded()).await
    }

    /// [`Data::fetch_with`], with the facts as loaded: an error loading them is returned, naming
    /// the file and line, before anything is read.
    pub async fn fetch_from<E: fmt::Display>(
        store: &Path,
        files: &[ClaimFile],
        panel: Option<&[Value]>,
        facts: Result<Vec<Fact>, Vec<E>>,
    ) -> Result<Data, String> {
        let facts = facts.map_err(|errors| {
            let said: Vec<String> = errors.iter().map(ToString::to_string).collect();
            format!("the curated facts could not be loaded: {}", said.join("; "))
        })?;
        let mut data = Data {
            facts,
            ..Data::default()
        };
        let Some(manifest) = galeon_store::read_manifest(store) else {
            data.store_error = Some(format!(
                "no store at {} (build one with `galeon build --sources DIR --store {}`)",
                store.display(),
                store.display()
            ));
            return Ok(data);
        };
        for d in &manifest.datasets {
            if d.status.in_store() && !d.files.is_empty() {
                data.releases.insert(d.id.clone(), d.releases());
            }
        }
        let mut ids = BTreeSet::new();
        let mut statements = BTreeSet::new();
        for check in files
            .iter()
            .flat_map(|f| &f.claims)
            .flat_map(|c| &c.parts)
            .flat_map(|p| &p.checks)
        {
            match &check.query {
                Query::Indicator { id, .. } => {
                    ids.insert(id.clone());
                }
                Query::Sql { sql, .. } => {
                    statements.insert(expand_sql(sql));
                }
                Query::Facts { .. } | Query::Listed { .. } => {}
            }
            if let Some(sql) = &check.margin_sql {
                statements.insert(expand_sql(sql));
            }
        }
        for id in ids {
            if let Some(panel) = panel {
                let values: Vec<Value> = panel
                    .iter()
                    .filter(|v| v.indicator == id)
                    .cloned()
                    .collect();
                data.values.insert(id, values);
                continue;
            }
            match galeon_indicators::compute(store, &[id.as_str()]).await {
                Ok(panel) => {
                    data.values.insert(id, panel.values);
                }
                Err(e) => {
                    data.indicator_errors.insert(id, e.to_string());
                }
            }
        }
        for sql in statements {
            let result = galeon_store::query(store, &sql, galeon_store::QueryLimits::default())
                .await
                .and_then(|r| r.rows())
                .map(|r| cells(&r))
                .map_err(|e| e.to_string());
            data.sql.insert(sql, result);
        }
        Ok(data)
    }
}

/// The rows as cells: numbers (whole or not) as numbers, everything else as text.
fn cells(rows: &galeon_store::Rows) -> Vec<Vec<Cell>> {
    use galeon_store::Column;
    let columns: Vec<Vec<Cell>> = (0..rows.names().len())
        .map(|j| match rows.column(j) {
            Column::Float(_) | Column::Int(_) => (rows.float(j).into_iter())
                .map(|v| v.map_or(Cell::Null, Cell::Number))
                .collect(),
            _ => (rows.text(j).into_iter())
                .map(|v| v.map_or(Cell::Null, Cell::Text))
                .collect(),
        })
        .collect();
    (0..rows.len())
        .map(|r| columns.iter().map(|c| c[r].clone()).collect())
        .collect()
}

/// What a check computed.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Computed {
    /// A number.
    Number(f64),
    /// A name or a date.
    Text(String),
    /// A set of codes.
    Set(Vec<String>),
}

/// Where a check's number comes from (`indicator`, `sql`, `facts` or `listed` in JSON).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// A galeon indicator.
    Indicator,
    /// An SQL query over the store.
    Sql,
    /// galeon's curated facts.
    Facts,
    /// The countries the sentence itself lists.
    Listed,
}

/// The evidence one check gives.
#[derive(Debug, Clone, Serialize)]
pub struct Evidence {
    /// What the check computes.
    pub label: String,
    /// How it bears on the claim.
    pub role: Role,
    /// Where the number comes from.
    pub from: Origin,
    /// For bounds, proxies and alternatives: how the check's scope differs from the claim's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// For bounds: the margin measured between the bound's definition and the claim's, shown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub margin: Option<String>,
    /// SQL over the store that reproduces the number (`galeon sql`), where one query does:
    /// the check's own query, or the indicator's query restricted to the check's countries and
    /// years (the rows the number is summed or counted from).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reproduce: Option<String>,
    /// For a bound: the SQL that measures its margin.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reproduce_margin: Option<String>,
    /// What the evidence rests on (`dataset:ID`, or a source's address), to tell a second
    /// source from the same one seen twice.
    #[serde(skip)]
    pub rests_on: BTreeSet<String>,
    /// The value computed, if any.
    pub computed: Option<Computed>,
    /// The value as text, with its unit.
    pub shown: String,
    /// Computed minus claimed, for numbers ("-0.3 bn (-1.7 %)").
    pub difference: Option<String>,
    /// Countries and years with data, where it matters.
    pub coverage: Option<String>,
    /// Sources and their releases.
    pub sources: Vec<String>,
    /// This check's verdict.
    pub verdict: Verdict,
    /// Why, in one line.
    pub reason: String,
    /// The same quantity for every year with data (for scanned one-year checks).
    pub series: Vec<(i32, f64)>,
    /// Years whose value fits the claim (for scanned checks).
    pub fitting_years: Vec<i32>,
    /// The year the check is about (one-year checks).
    pub year: Option<i32>,
}

/// The verdict on one part of a claim.
#[derive(Debug, Clone, Serialize)]
pub struct PartResult {
    /// What is stated.
    pub what: String,
    /// The claimed value as text ("almost 18 bn USD").
    pub claimed: String,
    /// The claimed value, when it is a number.
    pub claimed_number: Option<f64>,
    /// The verdict.
    pub verdict: Verdict,
    /// Why.
    pub reason: String,
    /// Whether the document reports the work it cites faithfully (checks with role `cited`),
    /// a separate answer from whether the statement is true.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub faithful: Option<Faithful>,
    /// Evidence, one per check.
    pub evidence: Vec<Evidence>,
}

/// Whether a sentence reports the work it cites as that work says it.
#[derive(Debug, Clone, Serialize)]
pub struct Faithful {
    /// supported (the cited work says so), contradicted, or inconclusive.
    pub verdict: Verdict,
    /// Why.
    pub reason: String,
}

/// The verdict on one claim.
#[derive(Debug, Clone, Serialize)]
pub struct ClaimResult {
    /// Claim id.
    pub id: String,
    /// The text as written.
    pub text: String,
    /// Section.
    pub section: String,
    /// Page, where known.
    pub page: Option<String>,
    /// Whom the document cites.
    pub cites: Option<String>,
    /// Field of cooperation.
    pub field: Option<String>,
    /// Notes from the claim file.
    pub notes: Option<String>,
    /// The verdict.
    pub verdict: Verdict,
    /// Why, in one line.
    pub reason: String,
    /// Verdicts per part.
    pub parts: Vec<PartResult>,
}

impl ClaimResult {
    /// The claimed values of the parts, "; "-separated ("almost 18.0 bn USD; nearly 449.0 bn USD").
    pub fn claimed_summary(&self) -> String {
        self.parts
            .iter()
            .map(|p| p.claimed.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// For each part, the first value a check computed ("—" where none did), "; "-separated.
    pub fn computed_summary(&self) -> String {
        self.parts
            .iter()
            .map(|p| {
                p.evidence
                    .iter()
                    .find(|e| e.computed.is_some())
                    .map_or("—", |e| e.shown.as_str())
            })
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// The verdicts on one claim file.
#[derive(Debug, Clone, Serialize)]
pub struct FileReport {
    /// The file.
    pub file: String,
    /// The document.
    pub document: crate::spec::Document,
    /// One result per claim.
    pub claims: Vec<ClaimResult>,
    /// Verdict counts.
    pub summary: BTreeMap<Verdict, usize>,
    /// Sentences judged not checkable, with why.
    pub unchecked: Vec<crate::spec::Unchecked>,
}

/// Decides every claim of `file` with `data`.
pub fn evaluate(file: &ClaimFile, data: &Data) -> FileReport {
    let claims: Vec<ClaimResult> = file
        .claims
        .iter()
        .map(|c| evaluate_claim(c, file, data))
        .collect();
    let mut summary: BTreeMap<Verdict, usize> = Verdict::ALL.iter().map(|v| (*v, 0)).collect();
    for c in &claims {
        *summary.entry(c.verdict).or_default() += 1;
    }
    FileReport {
        file: file.file.clone(),
        document: file.document.clone(),
        claims,
        summary,
        unchecked: file.unchecked.clone(),
    }
}

fn evaluate_claim(claim: &Claim, file: &ClaimFile, data: &Data) -> ClaimResult {
    let parts: Vec<PartResult> = claim
        .parts
        .iter()
        .map(|p| evaluate_part(p, file, data))
        .collect();
    let (verdict, reason) = if parts.is_empty() {
        (
            Verdict::NotCheckable,
            claim
                .not_checkable
                .clone()
                .unwrap_or_else(|| "no check is declared".into()),
        )
    } else {
        combine_parts(&parts)
    };
    ClaimResult {
        id: claim.id.clone(),
        text: claim.text.clone(),
        section: claim.section.clone(),
        page: claim.page.clone(),
        cites: claim.cites.clone(),
        field: claim.field.clone(),
        notes: claim.notes.clone(),
        verdict,
        reason,
        parts,
    }
}

/// The SQL that reproduces a check's number, where there is one.
fn reproduce(check: &Check) -> Option<String> {
    let main = match &check.query {
        Query::Sql { sql, .. } => Some(expand_sql(sql)),
        Query::Indicator {
            id,
            countries,
            years,
            dimension,
            ..
        } => {
            let ind = galeon_indicators::find(id)?;
            let sql = galeon_indicators::precedence_sql(ind, true)?;
            let list: Vec<String> = countries.0.iter().map(|c| format!("'{c}'")).collect();
            let dim = dimension
                .as_ref()
                .map(|d| format!(" AND dimension = '{}'", d.replace('\'', "''")))
                .unwrap_or_default();
            Some(format!(
                "SELECT * FROM ({sql}) v WHERE country IN ({}) AND year BETWEEN {} AND {}{dim} ORDER BY country, year",
                list.join(", "),
                years.0,
                years.1
            ))
        }
        Query::Facts { .. } | Query::Listed { .. } => None,
    };
    main
}

/// What an indicator or SQL check rests on: the datasets it reads.
fn query_rests_on(check: &Check) -> BTreeSet<String> {
    if matches!(check.query, Query::Facts { .. } | Query::Listed { .. }) {
        return BTreeSet::new();
    }
    let mut datasets: Vec<String> = check.datasets.clone();
    if let Query::Indicator { id, .. } = &check.query {
        if let Some(ind) = galeon_indicators::find(id) {
            datasets.push(galeon_indicators::primary_dataset(ind).to_string());
            for f in ind.fallback {
                datasets.extend(f.datasets.iter().map(|d| d.to_string()));
            }
        }
    }
    datasets
        .into_iter()
        .map(|d| format!("dataset:{d}"))
        .collect()
}

/// Combines the parts of a sentence (documented in docs/claims.md): a sentence that contradicts
/// itself says so first; then contradicted parts make it contradicted, or partly supported when
/// other parts hold; a mischaracterised part (and nothing contradicted) makes it
/// mischaracterised; all parts supported make it supported (at the edge if any part is).
fn combine_parts(parts: &[PartResult]) -> (Verdict, String) {
    let single = parts.len() == 1;
    let label = |p: &PartResult| {
        if single {
            p.reason.clone()
        } else {
            format!("{}: {}", p.what, p.reason)
        }
    };
    let of = |v: Verdict| parts.iter().filter(move |p| p.verdict == v);
    let listing = |v: Verdict| {
        let list: Vec<&PartResult> = of(v).collect();
        let mut reason = label(list[0]);
        if list.len() > 1 {
            reason.push_str(&format!(" (and {} more such part(s))", list.len() - 1));
        }
        reason
    };
    let supported = parts.iter().filter(|p| p.verdict.supports()).count();
    if of(Verdict::InternallyInconsistent).next().is_some() {
        return (
            Verdict::InternallyInconsistent,
            listing(Verdict::InternallyInconsistent),
        );
    }
    if of(Verdict::Contradicted).next().is_some() {
        if supported > 0 {
            let held: Vec<&str> = parts
                .iter()
                .filter(|p| p.verdict.supports())
                .map(|p| p.what.as_str())
                .collect();
            return (
                Verdict::PartlySupported,
                format!(
                    "{}; holds: {}",
                    listing(Verdict::Contradicted),
                    held.join("; ")
                ),
            );
        }
        return (Verdict::Contradicted, listing(Verdict::Contradicted));
    }
    if of(Verdict::Mischaracterised).next().is_some() {
        return (
            Verdict::Mischaracterised,
            listing(Verdict::Mischaracterised),
        );
    }
    if supported == parts.len() {
        let edge = of(Verdict::SupportedAtEdge).next();
        let verdict = if edge.is_some() {
            Verdict::SupportedAtEdge
        } else {
            Verdict::Supported
        };
        let reason = if single {
            parts[0].reason.clone()
        } else if let Some(p) = edge {
            format!(
                "all {} parts supported; at the edge: {}",
                parts.len(),
                label(p)
            )
        } else {
            format!("all {} parts supported", parts.len())
        };
        return (verdict, reason);
    }
    if of(Verdict::NotCheckable).count() == parts.len() {
        return (Verdict::NotCheckable, label(&parts[0]));
    }
    let open: Vec<String> = parts
        .iter()
        .filter(|p| !p.verdict.supports())
        .map(|p| format!("{}: {} ({})", p.what, p.verdict, p.reason))
        .collect();
    let reason = if supported > 0 {
        format!(
            "{supported} of {} parts supported; {}",
            parts.len(),
            open.join("; ")
        )
    } else if single {
        parts[0].reason.clone()
    } else {
        open.join("; ")
    };
    (Verdict::Inconclusive, reason)
}

/// The interval of values the claim's wording allows, with the tolerance.
#[derive(Debug, Clone, Copy)]
struct Allowed {
    lo: f64,
    hi: f64,
    strict_lo: bool,
    strict_hi: bool,
    /// The value the band is drawn around, for a tolerance band (not for one-sided hedges or
    /// quantifiers, whose bounds are thresholds rather than tolerances).
    centre: Option<f64>,
}

/// The outer share of a tolerance band that reads "supported at the edge".
const EDGE: f64 = 0.2;

impl Allowed {
    fn of(part: &Part, claimed: f64) -> Allowed {
        let slack = part.tolerance * claimed.abs() + part.tolerance_abs;
        let (lo, hi, strict_lo, strict_hi) = match part.hedge {
            Hedge::Plain | Hedge::Exactly | Hedge::About | Hedge::Includes => {
                (claimed - slack, claimed + slack, false, false)
            }
            // Quantifiers: `claimed` is the whole; "most" is more than half of it, "many" at
            // least a quarter (docs/claims.md, declared thresholds).
            Hedge::Most => (0.5 * claimed, claimed + part.tolerance_abs, true, false),
            Hedge::Many => (0.25 * claimed, claimed + part.tolerance_abs, false, false),
            // "almost 18": a little under 18; rounding allows a hair over.
            Hedge::Almost => (
                claimed - slack,
                claimed + 0.02 * claimed.abs() + part.tolerance_abs,
                false,
                false,
            ),
            Hedge::MoreThan => (claimed - part.tolerance_abs, f64::INFINITY, true, false),
            Hedge::AtLeast => (claimed - part.tolerance_abs, f64::INFINITY, false, false),
            Hedge::LessThan => (f64::NEG_INFINITY, claimed + part.tolerance_abs, false, true),
            Hedge::AtMost => (
                f64::NEG_INFINITY,
                claimed + part.tolerance_abs,
                false,
                false,
            ),
        };
        let centre = match part.hedge {
            Hedge::Plain | Hedge::Exactly | Hedge::About | Hedge::Includes | Hedge::Almost => {
                Some(claimed)
            }
            _ => None,
        };
        Allowed {
            lo,
            hi,
            strict_lo,
            strict_hi,
            centre,
        }
    }

    /// Whether `x`, inside the band, lies in its outer fifth on its side of the claimed value.
    fn at_edge(&self, x: f64) -> bool {
        let Some(c) = self.centre else {
            return false;
        };
        let (gap, slack) = if x < c {
            (c - x, c - self.lo)
        } else {
            (x - c, self.hi - c)
        };
        slack > 0.0 && gap > (1.0 - EDGE) * slack
    }

    fn holds(&self, x: f64) -> bool {
        let above = if self.strict_lo {
            x > self.lo
        } else {
            x >= self.lo
        };
        let below = if self.strict_hi {
            x < self.hi
        } else {
            x <= self.hi
        };
        above && below
    }

    fn below(&self, x: f64) -> bool {
        if self.strict_lo {
            x <= self.lo
        } else {
            x < self.lo
        }
    }

    fn above(&self, x: f64) -> bool {
        if self.strict_hi {
            x >= self.hi
        } else {
            x > self.hi
        }
    }
}

fn evaluate_part(part: &Part, file: &ClaimFile, data: &Data) -> PartResult {
    let mut evidence: Vec<Evidence> = part
        .checks
        .iter()
        .map(|c| evaluate_check(c, part, file, data))
        .collect();
    // The datasets the part's own queries read, where they produced a value: a record copied
    // from one of them is the same source again, not a second one.
    let queried: BTreeSet<String> = evidence
        .iter()
        .filter(|e| e.role.votes() && e.from != Origin::Facts && e.computed.is_some())
        .flat_map(|e| e.rests_on.iter().cloned())
        .collect();
    for e in evidence.iter_mut() {
        same_source_again(e, &queried);
        own_list_only_contradicts(e);
    }
    let voting = evidence.iter().any(|e| e.role.votes());
    let (verdict, reason) = if evidence.is_empty() || (!voting && part.not_checkable.is_some()) {
        (
            Verdict::NotCheckable,
            part.not_checkable
                .clone()
                .unwrap_or_else(|| "no check is declared".into()),
        )
    } else {
        combine_checks(&evidence)
    };
    PartResult {
        what: part.what.clone(),
        claimed: claimed_text(part),
        claimed_number: match part.claimed {
            Claimed::Number(n) => Some(n),
            _ => None,
        },
        verdict,
        reason,
        faithful: faithful(&evidence),
        evidence,
    }
}

/// A record copied from a dataset the claim already queries is that dataset again: it is shown,
/// but does not vote as a second source.
fn same_source_again(e: &mut Evidence, queried: &BTreeSet<String>) {
    if e.from != Origin::Facts || !e.role.votes() || e.rests_on.is_empty() {
        return;
    }
    if e.rests_on.is_subset(queried) {
        let on: Vec<&str> = e
            .rests_on
            .iter()
            .map(|k| k.trim_start_matches("dataset:"))
            .collect();
        e.role = Role::Context;
        e.reason = format!(
            "the same source as this part's query on {}, from which these records were copied: \
             not a second source ({})",
            on.join(", "),
            e.reason
        );
    }
}

/// The sentence's own list is no evidence that the sentence is true: a count that matches it is
/// shown, and only a mismatch (the sentence contradicting itself) counts.
fn own_list_only_contradicts(e: &mut Evidence) {
    if e.from == Origin::Listed && e.role.votes() && e.verdict != Verdict::Contradicted {
        e.role = Role::Context;
        e.reason = format!(
            "matches the sentence's own list, which cannot confirm it ({})",
            e.reason
        );
    }
}

/// The answer of the `cited` checks: does the document report its source as the source says?
fn faithful(evidence: &[Evidence]) -> Option<Faithful> {
    let cited: Vec<&Evidence> = evidence.iter().filter(|e| e.role == Role::Cited).collect();
    let first = cited.first()?;
    let verdict = if cited.iter().any(|e| e.verdict == Verdict::Contradicted) {
        Verdict::Contradicted
    } else if cited.iter().all(|e| e.verdict.supports()) {
        Verdict::Supported
    } else {
        Verdict::Inconclusive
    };
    let reason = cited
        .iter()
        .find(|e| e.verdict == verdict || (verdict.supports() && e.verdict.supports()))
        .unwrap_or(first)
        .reason
        .clone();
    Some(Faithful { verdict, reason })
}

/// Combines the checks on one part (documented in docs/claims.md).
fn combine_checks(evidence: &[Evidence]) -> (Verdict, String) {
    let voting: Vec<&Evidence> = evidence.iter().filter(|e| e.role.votes()).collect();
    // The sentence's own list against its own count: a mismatch is the sentence's, whatever
    // the data say.
    if let Some(e) = voting
        .iter()
        .find(|e| e.from == Origin::Listed && e.verdict == Verdict::Contradicted)
    {
        return (
            Verdict::InternallyInconsistent,
            format!("the sentence contradicts itself: {}", e.reason),
        );
    }
    let fits = fitting_years(evidence);
    let supported: Vec<&&Evidence> = voting.iter().filter(|e| e.verdict.supports()).collect();
    let contradicted: Vec<&&Evidence> = voting
        .iter()
        .filter(|e| e.verdict == Verdict::Contradicted)
        .collect();
    let alternative = evidence
        .iter()
        .find(|e| e.role == Role::Alternative && e.verdict.supports());
    match (supported.is_empty(), contradicted.is_empty()) {
        (false, false) => {
            let say = |list: &[&&Evidence]| {
                list.iter()
                    .map(|e| format!("{} gives {}", e.label, e.shown))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            (
                Verdict::Inconclusive,
                format!(
                    "sources disagree: {} (supports); {} (contradicts)",
                    say(&supported),
                    say(&contradicted)
                ),
            )
        }
        (true, false) => {
            let as_written = format!("as written: {}", contradicted[0].reason);
            if let Some(f) = fits.first() {
                (Verdict::Mischaracterised, format!("{as_written}; {f}"))
            } else if let Some(a) = alternative {
                (
                    Verdict::Mischaracterised,
                    format!(
                        "{as_written}; the figure fits another scope: {} ({})",
                        a.reason,
                        a.scope.as_deref().unwrap_or_default()
                    ),
                )
            } else {
                (Verdict::Contradicted, as_written)
            }
        }
        (false, true) => {
            let clear = supported.iter().find(|e| e.verdict == Verdict::Supported);
            match clear {
                Some(e) => (Verdict::Supported, e.reason.clone()),
                None => (Verdict::SupportedAtEdge, supported[0].reason.clone()),
            }
        }
        (true, true) => {
            let append_fits = |mut reason: String| {
                if let Some(f) = fits.first() {
                    reason.push_str("; ");
                    reason.push_str(f);
                }
                reason
            };
            let first = voting
                .iter()
                .find(|e| e.verdict == Verdict::Inconclusive)
                .or_else(|| voting.first());
            match first {
                Some(e) => {
                    let verdict = if voting.iter().all(|e| e.verdict == Verdict::NotCheckable) {
                        Verdict::NotCheckable
                    } else {
                        Verdict::Inconclusive
                    };
                    (verdict, append_fits(e.reason.clone()))
                }
                None if evidence.iter().any(|e| e.role == Role::Cited) => (
                    Verdict::NotCheckable,
                    "no independent source: only the cited work, whose answer (is the sentence \
                     faithful to it?) is given apart"
                        .into(),
                ),
                None => (
                    Verdict::NotCheckable,
                    "no check decides: only context or alternative checks are declared".into(),
                ),
            }
        }
    }
}

/// For scanned one-year checks whose claimed value fits other years: "the claimed value fits
/// X in 2002 (18.0 bn), likely the intended year".
fn fitting_years(evidence: &[Evidence]) -> Vec<String> {
    evidence
        .iter()
        .filter(|e| {
            e.role.votes()
                && !e.fitting_years.is_empty()
                && e.year.is_some_and(|y| !e.fitting_years.contains(&y))
        })
        .map(|e| {
            let shown: Vec<String> = e
                .fitting_years
                .iter()
                .map(|y| {
                    let v = e.series.iter().find(|(sy, _)| sy == y).map(|(_, v)| *v);
                    match v {
                        Some(v) => format!("{y} ({})", short_number(v)),
                        None => y.to_string(),
                    }
                })
                .collect();
            format!(
                "the claimed value fits {} in {}, likely the intended year",
                e.label,
                shown.join(", ")
            )
        })
        .collect()
}

fn claimed_text(part: &Part) -> String {
    let unit = part.unit.as_deref().unwrap_or("");
    let value = match &part.claimed {
        Claimed::Number(n) => number_with_unit(*n, unit),
        Claimed::Text(t) => t.clone(),
        Claimed::Set(s) => s.join(", "),
    };
    let hedge = part.hedge.words();
    if hedge.is_empty() {
        value
    } else {
        format!("{hedge} {value}")
    }
}

/// A number written for readers: 17.7 bn, 2.3 m, 0.69, 21.
pub fn short_number(x: f64) -> String {
    let a = x.abs();
    if a >= 1e9 {
        format!("{:.1} bn", x / 1e9)
    } else if a >= 1e6 {
        format!("{:.1} m", x / 1e6)
    } else if x.fract() == 0.0 || a >= 100.0 {
        format!("{x:.0}")
    } else if a >= 1.0 {
        format!("{x:.2}")
    } else {
        format!("{x:.3}")
    }
}

fn number_with_unit(x: f64, unit: &str) -> String {
    if unit.is_empty() {
        short_number(x)
    } else {
        format!("{} {unit}", short_number(x))
    }
}

fn base(check: &Check, verdict: Verdict, reason: String) -> Evidence {
    Evidence {
        label: check.label.clone(),
        role: check.role,
        from: match check.query {
            Query::Indicator { .. } => Origin::Indicator,
            Query::Sql { .. } => Origin::Sql,
            Query::Facts { .. } => Origin::Facts,
            Query::Listed { .. } => Origin::Listed,
        },
        scope: check.scope.clone(),
        margin: None,
        reproduce: reproduce(check),
        reproduce_margin: check.margin_sql.as_deref().map(expand_sql),
        rests_on: query_rests_on(check),
        computed: None,
        shown: "—".into(),
        difference: None,
        coverage: None,
        sources: vec![],
        verdict,
        reason,
        series: vec![],
        fitting_years: vec![],
        year: None,
    }
}

/// What a query produced before judging.
struct Outcome {
    computed: Computed,
    coverage: Option<String>,
    /// The computed number is only a lower bound on the quantity (a sum over the countries with
    /// data, when some are missing), with the reason.
    partial: Option<String>,
    /// For sets: members that could not be decided (no data).
    undecided: Vec<String>,
    sources: Vec<String>,
    year: Option<i32>,
    /// What the evidence rests on, where the query alone does not say (facts: their sources).
    rests_on: BTreeSet<String>,
    /// The measured margin of a bound, with how it was measured.
    margin: Option<(f64, String)>,
}

fn evaluate_check(check: &Check, part: &Part, file: &ClaimFile, data: &Data) -> Evidence {
    let outcome = match &check.query {
        Query::Indicator { .. } => indicator_outcome(check, data),
        Query::Sql { sql, datasets } => sql_outcome(sql, datasets, data),
        Query::Facts { .. } => facts_outcome(check, file, data),
        Query::Listed { countries } => Ok(Outcome {
            computed: Computed::Number(countries.0.len() as f64),
            coverage: None,
            partial: None,
            undecided: vec![],
            sources: vec![format!("the sentence itself: {}", countries.0.join(", "))],
            year: None,
            rests_on: BTreeSet::new(),
            margin: None,
        }),
    };
    let outcome = outcome.and_then(|mut o| {
        o.margin = measured_margin(check, data)?;
        Ok(o)
    });
    let mut evidence = match outcome {
        Ok(o) => judge(check, part, o),
        Err(Stop(verdict, reason)) => base(check, verdict, reason),
    };
    if let Query::Indicator { years, .. } = &check.query {
        if years.0 == years.1 {
            evidence.year = Some(years.0);
        }
        if check.scan {
            evidence.series = scan_series(check, data);
            if let Claimed::Number(claimed) = part.claimed {
                let allowed = Allowed::of(part, claimed);
                // Only a figure (a band around a value) can fit another year; "more than X"
                // fits every year above X and names none.
                if allowed.centre.is_none() {
                    return evidence;
                }
                evidence.fitting_years = evidence
                    .series
                    .iter()
                    .filter(|(_, v)| allowed.holds(*v))
                    .map(|(y, _)| *y)
                    .collect();
            }
        }
    }
    evidence
}

/// A bound's margin, measured by its `margin_sql` over the store: the largest relative gap
/// between the bound's definition and the claim's in years both are known. A margin that cannot
/// be measured stops the check: a bound with an unknown margin cannot decide.
fn measured_margin(check: &Check, data: &Data) -> Result<Option<(f64, String)>, Stop> {
    let Some(sql) = &check.margin_sql else {
        return Ok(None);
    };
    let stop = |why: String| Err(Stop(Verdict::NotCheckable, why));
    match data.sql.get(&expand_sql(sql)) {
        Some(Ok(rows)) => match rows.as_slice() {
            [row] if matches!(row.first(), Some(Cell::Number(_))) => {
                let Some(Cell::Number(m)) = row.first() else {
                    unreachable!("matched above")
                };
                let m = m.max(0.0);
                Ok(Some((
                    m,
                    format!(
                        "{:.1} %, the largest gap between the two definitions in the years both are known (measured from the store)",
                        100.0 * m
                    ),
                )))
            }
            _ => stop(
                "the margin query gave no number (no year where both definitions are known)".into(),
            ),
        },
        Some(Err(e)) => stop(format!("the margin query failed: {e}")),
        None => stop("the margin query was not run".into()),
    }
}

/// The check's quantity for every year with data, over the years whose country coverage is
/// within 10 % of the best there is (so a year with far fewer reporters is not mistaken for a
/// fit), scaled.
fn scan_series(check: &Check, data: &Data) -> Vec<(i32, f64)> {
    let Query::Indicator {
        id,
        countries,
        dimension,
        ..
    } = &check.query
    else {
        return vec![];
    };
    let mut per_year: BTreeMap<i32, (f64, HashSet<&str>)> = BTreeMap::new();
    for v in data.values.get(id).into_iter().flatten() {
        if countries.0.contains(&v.country)
            && (dimension.is_none() || v.dimension.as_deref() == dimension.as_deref())
        {
            let slot = per_year.entry(v.year).or_insert((0.0, HashSet::new()));
            slot.0 += v.value;
            slot.1.insert(v.country.as_str());
        }
    }
    let best = per_year.values().map(|(_, c)| c.len()).max().unwrap_or(0);
    per_year
        .into_iter()
        .filter(|(_, (_, c))| c.len() * 10 >= best * 9)
        .map(|(y, (s, _))| (y, s * check.scale))
        .collect()
}

/// Why a check stopped before judging.
struct Stop(Verdict, String);

fn judge(check: &Check, part: &Part, mut o: Outcome) -> Evidence {
    // A query that returns a single text row gives a set of one where the claim states a set.
    if let (Claimed::Set(_), Computed::Text(t)) = (&part.claimed, &o.computed) {
        o.computed = Computed::Set(vec![t.clone()]);
    }
    let unit = part.unit.as_deref().unwrap_or("");
    let mut e = base(check, Verdict::Inconclusive, String::new());
    e.coverage = o.coverage.clone();
    e.sources = o.sources.clone();
    e.rests_on.extend(o.rests_on.iter().cloned());
    e.year = o.year;
    let year_note = o.year.map(|y| format!(" in {y}")).unwrap_or_default();
    match (&part.claimed, &o.computed) {
        (Claimed::Number(claimed), Computed::Number(raw)) => {
            let x = raw * check.scale;
            let allowed = Allowed::of(part, *claimed);
            e.computed = Some(Computed::Number(x));
            e.shown = number_with_unit(x, unit);
            let diff = x - claimed;
            e.difference = Some(if *claimed != 0.0 {
                format!(
                    "{}{} ({:+.1} %)",
                    if diff >= 0.0 { "+" } else { "" },
                    short_number(diff),
                    100.0 * diff / claimed
                )
            } else {
                short_number(diff)
            });
            let claimed_s = claimed_text(part);
            let role = match (check.role, &o.partial) {
                (Role::Decides, Some(_)) => Role::LowerBound,
                (r, _) => r,
            };
            let scope = check
                .scope
                .clone()
                .or_else(|| o.partial.clone())
                .unwrap_or_default();
            let margin = o.margin.as_ref().map_or(0.0, |(m, _)| *m);
            e.margin = o.margin.as_ref().map(|(_, said)| said.clone());
            let given = format!("{} gives {}{year_note}", check.label, e.shown);
            let (verdict, reason) = match role {
                Role::Proxy => (
                    Verdict::Inconclusive,
                    format!(
                        "{given} ({} the claimed {claimed_s}), but {scope}",
                        if allowed.holds(x) {
                            "consistent with"
                        } else {
                            "not consistent with"
                        }
                    ),
                ),
                Role::Decides | Role::Context | Role::Alternative | Role::Cited => {
                    if allowed.holds(x) && allowed.at_edge(x) {
                        (
                            Verdict::SupportedAtEdge,
                            format!(
                                "{given}, claimed {claimed_s}: inside the tolerance, but in its outer fifth ({})",
                                e.difference.clone().unwrap_or_default()
                            ),
                        )
                    } else if allowed.holds(x) {
                        (Verdict::Supported, format!("{given}, claimed {claimed_s}"))
                    } else {
                        (
                            Verdict::Contradicted,
                            format!("{given}, claimed {claimed_s}"),
                        )
                    }
                }
                // The bound's definition may overstate the claimed quantity by the margin.
                Role::LowerBound => {
                    let floor = x / (1.0 + margin);
                    let with_margin = if margin > 0.0 {
                        format!(" ({} after the measured margin)", short_number(floor))
                    } else {
                        String::new()
                    };
                    if allowed.above(floor) {
                        (
                            Verdict::Contradicted,
                            format!("{given}{with_margin}, a lower bound ({scope}), already above the claimed {claimed_s}"),
                        )
                    } else if allowed.hi.is_infinite() && allowed.holds(floor) {
                        (
                            Verdict::Supported,
                            format!("{given}{with_margin}, a lower bound ({scope}), already meets the claimed {claimed_s}"),
                        )
                    } else {
                        (
                            Verdict::Inconclusive,
                            format!("{given}{with_margin}, but only as a lower bound: {scope}"),
                        )
                    }
                }
                // The bound's definition may understate the claimed quantity by the margin.
                Role::UpperBound => {
                    let ceiling = x * (1.0 + margin);
                    let with_margin = if margin > 0.0 {
                        format!(" ({} after the measured margin)", short_number(ceiling))
                    } else {
                        String::new()
                    };
                    if allowed.below(ceiling) {
                        (
                            Verdict::Contradicted,
                            format!("{given}{with_margin}, an upper bound ({scope}), below the claimed {claimed_s}"),
                        )
                    } else if allowed.lo.is_infinite() && allowed.holds(ceiling) {
                        (
                            Verdict::Supported,
                            format!("{given}{with_margin}, an upper bound ({scope}), already meets the claimed {claimed_s}"),
                        )
                    } else {
                        (
                            Verdict::Inconclusive,
                            format!("{given}{with_margin}, but only as an upper bound: {scope}"),
                        )
                    }
                }
            };
            e.verdict = verdict;
            e.reason = reason;
        }
        (Claimed::Set(claimed), Computed::Set(got)) => {
            e.computed = Some(o.computed.clone());
            e.shown = if got.is_empty() {
                "none".into()
            } else {
                got.join(", ")
            };
            let claimed_set: BTreeSet<&String> = claimed.iter().collect();
            let got_set: BTreeSet<&String> = got.iter().collect();
            let undecided: BTreeSet<&String> = o.undecided.iter().collect();
            let missing: Vec<&str> = claimed_set
                .difference(&got_set)
                .filter(|c| !undecided.contains(*c))
                .map(|s| s.as_str())
                .collect();
            let extra: Vec<&str> = got_set
                .difference(&claimed_set)
                .map(|s| s.as_str())
                .collect();
            let includes = part.hedge == Hedge::Includes;
            let mut wrong = Vec::new();
            // A lower bound (a subset of the truth) can only show extra members; an upper bound
            // (a superset) can only show missing ones.
            let (missing, extra) = match check.role {
                Role::LowerBound => (vec![], extra),
                Role::UpperBound => (missing, vec![]),
                _ => (missing, extra),
            };
            if !missing.is_empty() {
                wrong.push(format!("not {}", missing.join(", ")));
            }
            if !extra.is_empty() && !includes {
                wrong.push(format!("also {}", extra.join(", ")));
            }
            let open: Vec<&str> = claimed_set
                .iter()
                .filter(|c| undecided.contains(*c) && !got_set.contains(*c))
                .map(|s| s.as_str())
                .collect();
            let (verdict, reason) = if !wrong.is_empty() {
                (
                    Verdict::Contradicted,
                    format!(
                        "{} gives {}{year_note} ({})",
                        check.label,
                        e.shown,
                        wrong.join("; ")
                    ),
                )
            } else if !open.is_empty() || (!includes && !o.undecided.is_empty()) {
                (
                    Verdict::Inconclusive,
                    format!(
                        "{} gives {}{year_note}; no data to decide {}",
                        check.label,
                        e.shown,
                        o.undecided.join(", ")
                    ),
                )
            } else {
                (
                    Verdict::Supported,
                    format!(
                        "{} gives exactly the claimed set{year_note}: {}",
                        check.label, e.shown
                    ),
                )
            };
            let (verdict, reason) = bound_only(check, verdict, reason);
            e.verdict = verdict;
            e.reason = reason;
        }
        (Claimed::Text(claimed), Computed::Text(got)) => {
            e.computed = Some(o.computed.clone());
            e.shown = got.clone();
            let (verdict, reason) = match (claimed.parse::<FactDate>(), got.parse::<FactDate>()) {
                (Ok(c), Ok(g)) => compare_dates(c, g, &check.label),
                _ => {
                    if claimed == got {
                        (
                            Verdict::Supported,
                            format!("{} gives {got}{year_note}", check.label),
                        )
                    } else {
                        (
                            Verdict::Contradicted,
                            format!("{} gives {got}{year_note}, not {claimed}", check.label),
                        )
                    }
                }
            };
            let (verdict, reason) = bound_only(check, verdict, reason);
            e.verdict = verdict;
            e.reason = reason;
        }
        (claimed, got) => {
            e.computed = Some(got.clone());
            e.shown = match got {
                Computed::Number(n) => number_with_unit(n * check.scale, unit),
                Computed::Text(t) => t.clone(),
                Computed::Set(s) => s.join(", "),
            };
            e.verdict = Verdict::NotCheckable;
            e.reason = format!(
                "{} gives {}; the claim states {}, not {}",
                check.label,
                e.shown,
                kind_of_claimed(claimed),
                kind_of_computed(got)
            );
            if check.role != Role::Context {
                e.reason = format!(
                    "the check gives {} but the claim states {}: fix the claim file",
                    kind_of_computed(got),
                    kind_of_claimed(claimed)
                );
            }
        }
    }
    if check.role == Role::Context && e.verdict != Verdict::NotCheckable {
        e.reason = format!("context only: {}", e.reason);
    }
    e
}

fn bound_only(check: &Check, verdict: Verdict, reason: String) -> (Verdict, String) {
    match check.role {
        Role::Proxy => (
            Verdict::Inconclusive,
            format!(
                "{reason} ({}), but {}",
                if verdict == Verdict::Supported {
                    "consistent"
                } else {
                    "not consistent"
                },
                check.scope.clone().unwrap_or_default()
            ),
        ),
        Role::UpperBound | Role::LowerBound if verdict == Verdict::Supported => (
            Verdict::Inconclusive,
            format!("{reason}, but {}", check.scope.clone().unwrap_or_default()),
        ),
        _ => (verdict, reason),
    }
}

fn kind_of_computed(c: &Computed) -> &'static str {
    match c {
        Computed::Number(_) => "a number",
        Computed::Text(_) => "a text",
        Computed::Set(_) => "a set",
    }
}

fn kind_of_claimed(c: &Claimed) -> &'static str {
    match c {
        Claimed::Number(_) => "a number",
        Claimed::Text(_) => "a text",
        Claimed::Set(_) => "a set",
    }
}

fn rank(p: Precision) -> u8 {
    match p {
        Precision::Year => 0,
        Precision::Month => 1,
        Precision::Day => 2,
    }
}

fn compare_dates(claimed: FactDate, got: FactDate, label: &str) -> (Verdict, String) {
    let within = |outer: FactDate, inner: FactDate| {
        outer.first_day() <= inner.first_day() && inner.last_day() <= outer.last_day()
    };
    if rank(got.precision()) >= rank(claimed.precision()) {
        if within(claimed, got) {
            (
                Verdict::Supported,
                format!("{label} gives {got}, within {claimed}"),
            )
        } else {
            (
                Verdict::Contradicted,
                format!("{label} gives {got}, not {claimed}"),
            )
        }
    } else if within(got, claimed) {
        (
            Verdict::Inconclusive,
            format!("{label} gives only {got}, which cannot confirm {claimed}"),
        )
    } else {
        (
            Verdict::Contradicted,
            format!("{label} gives {got}, not {claimed}"),
        )
    }
}

fn indicator_outcome(check: &Check, data: &Data) -> Result<Outcome, Stop> {
    let Query::Indicator {
        id,
        countries,
        years,
        dimension,
        aggregate,
        condition,
    } = &check.query
    else {
        unreachable!("indicator check")
    };
    if let Some(e) = &data.store_error {
        return Err(Stop(Verdict::NotCheckable, e.clone()));
    }
    if let Some(e) = data.indicator_errors.get(id) {
        return Err(Stop(
            Verdict::NotCheckable,
            format!("{id} could not be computed: {e}"),
        ));
    }
    let values: Vec<&Value> = data
        .values
        .get(id)
        .map(|v| v.iter().collect::<Vec<&Value>>())
        .unwrap_or_default()
        .into_iter()
        .filter(|v| dimension.is_none() || v.dimension.as_deref() == dimension.as_deref())
        .filter(|v| countries.0.contains(&v.country))
        .collect();
    let mut sources: Vec<String> = values
        .iter()
        .map(|v| v.provenance.clone())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    if sources.is_empty() {
        if let Some(i) = galeon_indicators::find(id) {
            sources.push(i.sources.to_string());
        }
    }
    let sources: Vec<String> = sources.into_iter().map(|s| format!("{id}: {s}")).collect();
    let span = |vals: &[&Value]| -> String {
        match (
            vals.iter().map(|v| v.year).min(),
            vals.iter().map(|v| v.year).max(),
        ) {
            (Some(a), Some(b)) => format!("{a}–{b}"),
            _ => "none".into(),
        }
    };
    if values.is_empty() {
        return Err(Stop(
            Verdict::NotCheckable,
            format!("{id} has no values for {}", describe(countries)),
        ));
    }
    let in_years: Vec<&Value> = values
        .iter()
        .copied()
        .filter(|v| v.year >= years.0 && v.year <= years.1)
        .collect();
    let year = (years.0 == years.1).then_some(years.0);
    let when = if years.0 == years.1 {
        years.0.to_string()
    } else {
        format!("{}–{}", years.0, years.1)
    };
    if in_years.is_empty() {
        return Err(Stop(
            Verdict::Inconclusive,
            format!(
                "{} has no data for {when}: its coverage is {} ({id})",
                check.label,
                span(&values)
            ),
        ));
    }
    let by_country: BTreeMap<&str, Vec<&Value>> =
        in_years.iter().fold(BTreeMap::new(), |mut m, v| {
            m.entry(v.country.as_str())
                .or_insert_with(Vec::new)
                .push(*v);
            m
        });
    let n_years = (years.1 - years.0 + 1) as usize;
    let complete: Vec<&str> = countries
        .0
        .iter()
        .filter(|c| {
            by_country.get(c.as_str()).is_some_and(|vals| {
                vals.iter().map(|v| v.year).collect::<HashSet<_>>().len() == n_years
            })
        })
        .map(String::as_str)
        .collect();
    let lacking: Vec<&str> = countries
        .0
        .iter()
        .map(String::as_str)
        .filter(|c| !complete.contains(c))
        .collect();
    let coverage = format!(
        "{} of {} countries with data for {when}",
        complete.len(),
        countries.0.len()
    );
    let mut outcome = Outcome {
        computed: Computed::Number(0.0),
        coverage: Some(coverage.clone()),
        partial: None,
        undecided: vec![],
        sources,
        year,
        rests_on: BTreeSet::new(),
        margin: None,
    };
    match aggregate {
        Aggregate::Value | Aggregate::Sum => {
            let sum: f64 = in_years.iter().map(|v| v.value).sum();
            outcome.computed = Computed::Number(sum);
            if !lacking.is_empty() {
                if in_years.iter().all(|v| v.value >= 0.0) && *aggregate == Aggregate::Sum {
                    outcome.partial = Some(format!(
                        "a sum over {coverage} (missing: {})",
                        lacking.join(", ")
                    ));
                } else {
                    return Err(Stop(
                        Verdict::Inconclusive,
                        format!(
                            "{} lacks data for {} in {when}",
                            check.label,
                            lacking.join(", ")
                        ),
                    ));
                }
            }
        }
        Aggregate::CountriesWhere | Aggregate::CountWhere => {
            let condition = condition.expect("validated");
            let mut set: Vec<String> = complete
                .iter()
                .filter(|c| by_country[*c].iter().any(|v| condition.holds(v.value)))
                .map(|c| c.to_string())
                .collect();
            set.sort();
            outcome.undecided = lacking.iter().map(|c| c.to_string()).collect();
            if *aggregate == Aggregate::CountriesWhere {
                outcome.computed = Computed::Set(set);
            } else {
                outcome.computed = Computed::Number(set.len() as f64);
                if !lacking.is_empty() {
                    outcome.partial = Some(format!(
                        "a count over {coverage} (no data: {})",
                        lacking.join(", ")
                    ));
                }
            }
        }
    }
    Ok(outcome)
}

fn describe(countries: &Countries) -> String {
    if countries.0.len() == LAC33.len() {
        "the 33 LAC states".into()
    } else {
        countries.0.join(", ")
    }
}

fn sql_outcome(sql: &str, datasets: &[String], data: &Data) -> Result<Outcome, Stop> {
    if let Some(e) = &data.store_error {
        return Err(Stop(Verdict::NotCheckable, e.clone()));
    }
    let mut sources = Vec::new();
    for d in datasets {
        match data.releases.get(d) {
            Some(release) => sources.push(format!("{d} ({release})")),
            None => {
                return Err(Stop(
                    Verdict::NotCheckable,
                    format!("needs dataset {d}, which is not in the store (see `galeon sources`)"),
                ))
            }
        }
    }
    let expanded = expand_sql(sql);
    let rows = match data.sql.get(&expanded) {
        Some(Ok(rows)) => rows,
        Some(Err(e)) => {
            return Err(Stop(
                Verdict::NotCheckable,
                format!("the query failed: {e}"),
            ))
        }
        None => return Err(Stop(Verdict::NotCheckable, "the query was not run".into())),
    };
    let computed = match rows.as_slice() {
        [] => {
            return Err(Stop(
                Verdict::Inconclusive,
                "the query returned no rows".into(),
            ))
        }
        [row] if row.len() == 1 => match &row[0] {
            Cell::Null => {
                return Err(Stop(
                    Verdict::Inconclusive,
                    "the query returned no value (NULL)".into(),
                ))
            }
            Cell::Number(n) => Computed::Number(*n),
            Cell::Text(t) => Computed::Text(t.clone()),
        },
        many => {
            let mut set: Vec<String> = many
                .iter()
                .filter_map(|r| match r.first() {
                    Some(Cell::Text(t)) => Some(t.clone()),
                    _ => None,
                })
                .collect();
            set.sort();
            set.dedup();
            Computed::Set(set)
        }
    };
    Ok(Outcome {
        computed,
        coverage: None,
        partial: None,
        undecided: vec![],
        sources,
        year: None,
        rests_on: BTreeSet::new(),
        margin: None,
    })
}

/// An address without scheme, `www.`, DOI resolver or trailing slash, lower-cased: the same
/// page written two ways is one page.
fn normal_url(url: &str) -> String {
    let u = url.trim().to_lowercase();
    let u = u
        .trim_start_matches("https://")
        .trim_start_matches("http://")
        .trim_start_matches("www.");
    let u = u
        .strip_prefix("doi.org/")
        .or_else(|| u.strip_prefix("dx.doi.org/"))
        .or_else(|| u.strip_prefix("doi:"))
        .unwrap_or(u);
    let u = u.split(['?', '#']).next().unwrap_or(u);
    u.trim_end_matches('/').to_string()
}

/// Whether a source is the document under review: its address (however written) or its title.
fn is_document(source: &galeon_facts::Source, document: &crate::spec::Document) -> bool {
    let by_url = match (&source.url, &document.url) {
        (Some(a), Some(b)) => normal_url(a) == normal_url(b),
        _ => false,
    };
    // A title of five words or more is found inside a source's title ("… (Lu, H.,
    // Ibero-América Studies)"), compared as words (dashes, quotes and case aside); a shorter one
    // must match whole, so that "Belt and Road" is not every page that names the initiative.
    let words = |t: &str| -> Vec<String> {
        t.to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    let (title, source_title) = (words(&document.title), words(&source.title));
    let by_title = if title.len() >= 5 {
        source_title
            .windows(title.len())
            .any(|w| w == title.as_slice())
    } else {
        !title.is_empty() && source_title == title
    };
    by_url || by_title
}

/// What a source rests on, if a reader can verify it: the dataset it was copied from, its
/// address, or its quoted passage. A source with none of these cannot decide anything.
fn source_key(source: &galeon_facts::Source) -> Option<String> {
    if let Some(d) = &source.dataset {
        return Some(format!("dataset:{d}"));
    }
    if let Some(u) = &source.url {
        return Some(format!("url:{}", normal_url(u)));
    }
    source
        .excerpt
        .as_ref()
        .filter(|e| !e.trim().is_empty())
        .map(|_| format!("excerpt:{} — {}", source.publisher, source.title))
}

/// The sources of a record that may decide a claim of `document`: not the document itself,
/// and verifiable.
fn independent_sources<'a>(
    fact: &'a Fact,
    document: &crate::spec::Document,
) -> Vec<&'a galeon_facts::Source> {
    fact.sources
        .iter()
        .filter(|s| !is_document(s, document) && source_key(s).is_some())
        .collect()
}

fn source_line(s: &galeon_facts::Source) -> String {
    match &s.published {
        Some(p) => format!("{} — {} ({p})", s.title, s.publisher),
        None => format!("{} — {}", s.title, s.publisher),
    }
}

/// Why no record could decide: only the document itself, or only unverifiable sources.
fn no_independent_record(
    records: &[&Fact],
    document: &crate::spec::Document,
    what: &str,
) -> String {
    let own = records
        .iter()
        .filter(|f| f.sources.iter().any(|s| is_document(s, document)))
        .count();
    let unverifiable = records.len() - own;
    match (records.len(), own, unverifiable) {
        (0, _, _) => format!("galeon has no sourced {what} record for this"),
        (_, _, 0) => format!(
            "galeon's only source for this {what} record is the document itself, which cannot \
             check its own claim"
        ),
        (_, 0, _) => format!(
            "galeon's {what} records for this have no source a reader can verify (no address, \
             dataset or quoted passage)"
        ),
        _ => format!(
            "of galeon's {} {what} records for this, {own} cite only the document itself and \
             {unverifiable} have no source a reader can verify",
            records.len()
        ),
    }
}

fn facts_outcome(check: &Check, file: &ClaimFile, data: &Data) -> Result<Outcome, Stop> {
    let Query::Facts {
        kind,
        values,
        as_of,
        measure,
        country,
        nth,
        fact,
        countries,
    } = &check.query
    else {
        unreachable!("facts check")
    };
    if let Some(id) = fact {
        let Some(record) = data.facts.iter().find(|f| &f.id == id) else {
            return Err(Stop(
                Verdict::NotCheckable,
                format!("galeon has no fact {id:?}"),
            ));
        };
        let others = independent_sources(record, &file.document);
        if others.is_empty() {
            return Err(Stop(
                Verdict::NotCheckable,
                no_independent_record(&[record], &file.document, kind.as_str()),
            ));
        }
        let Some(amount) = record.amount else {
            return Err(Stop(
                Verdict::NotCheckable,
                format!("fact {id} has no figure"),
            ));
        };
        let mut sources = vec![format!("galeon fact {id}")];
        sources.extend(others.iter().map(|s| source_line(s)));
        return Ok(Outcome {
            computed: Computed::Number(amount),
            coverage: None,
            partial: None,
            undecided: vec![],
            sources,
            year: None,
            rests_on: others.iter().filter_map(|s| source_key(s)).collect(),
            margin: None,
        });
    }
    let in_scope = |f: &&Fact| match measure {
        FactMeasure::Date => f.country.as_deref() == country.as_deref(),
        _ => f.country.as_ref().is_some_and(|c| countries.0.contains(c)),
    };
    let matching: Vec<&Fact> = data
        .facts
        .iter()
        .filter(|f| f.kind == *kind && f.used)
        .filter(|f| values.is_empty() || values.contains(&f.value))
        .filter(in_scope)
        .collect();
    let independent: Vec<&Fact> = matching
        .iter()
        .copied()
        .filter(|f| !independent_sources(f, &file.document).is_empty())
        .collect();
    if independent.is_empty() {
        return Err(Stop(
            Verdict::NotCheckable,
            no_independent_record(&matching, &file.document, kind.as_str()),
        ));
    }
    let day = as_of.unwrap_or_else(|| chrono::Utc::now().date_naive());
    // Records left out for want of an independent source still exist: a count or a set over
    // the rest is partial, and a "first" or a date they could precede cannot be decided.
    let dropped: Vec<&Fact> = matching
        .iter()
        .copied()
        .filter(|f| !independent.iter().any(|g| g.id == f.id))
        .collect();
    let dropped_ids = |list: &[&Fact]| {
        list.iter()
            .map(|f| f.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let dropped_holding: Vec<&Fact> = dropped
        .iter()
        .copied()
        .filter(|f| f.holds_on(day))
        .collect();
    let undecidable = |before: NaiveDate, list: &[&Fact]| -> Result<(), Stop> {
        let earlier: Vec<&Fact> = list
            .iter()
            .copied()
            .filter(|f| f.date.first_day() <= before)
            .collect();
        if earlier.is_empty() {
            Ok(())
        } else {
            Err(Stop(
                Verdict::Inconclusive,
                format!(
                    "record(s) {} without an independent source may come first; they cannot be used, so this cannot be decided",
                    dropped_ids(&earlier)
                ),
            ))
        }
    };
    let holding: Vec<&Fact> = independent
        .iter()
        .copied()
        .filter(|f| f.holds_on(day))
        .collect();
    let used: Vec<&Fact> = match measure {
        FactMeasure::Date | FactMeasure::First | FactMeasure::Amount => independent.clone(),
        _ => holding.clone(),
    };
    // The evidence listed is the evidence used: the independent sources of the records used
    // (for a "first", a "latest" or a date, those of the record chosen, set below).
    let cited = |records: &[&Fact]| -> (Vec<String>, BTreeSet<String>) {
        let used_sources: Vec<&galeon_facts::Source> = records
            .iter()
            .flat_map(|f| independent_sources(f, &file.document))
            .collect();
        let keys = used_sources.iter().filter_map(|s| source_key(s)).collect();
        let mut lines: Vec<String> = used_sources
            .iter()
            .map(|s| source_line(s))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        lines.insert(0, format!("galeon facts: {kind}"));
        (lines, keys)
    };
    let (mut sources, mut rests_on) = cited(&used);
    let members = |facts: &[&Fact]| -> Vec<String> {
        facts
            .iter()
            .filter_map(|f| f.country.clone())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect()
    };
    let as_of_note = as_of.map(|d| format!(" on {d}")).unwrap_or_default();
    let computed = match measure {
        FactMeasure::Count => Computed::Number(members(&holding).len() as f64),
        FactMeasure::Members => Computed::Set(members(&holding)),
        FactMeasure::First | FactMeasure::Latest => {
            let pool: Vec<&Fact> = if *measure == FactMeasure::First {
                independent
                    .iter()
                    .copied()
                    .filter(|f| as_of.is_none_or(|d| f.date.first_day() <= d))
                    .collect()
            } else {
                holding.clone()
            };
            // The first record of each country, then the earliest or latest of those.
            let mut starts: BTreeMap<String, FactDate> = BTreeMap::new();
            for f in &pool {
                if let Some(c) = &f.country {
                    let e = starts.entry(c.clone()).or_insert(f.date);
                    if f.date.first_day() < e.first_day() {
                        *e = f.date;
                    }
                }
            }
            let pick = if *measure == FactMeasure::First {
                starts.values().map(|d| d.first_day()).min()
            } else {
                starts.values().map(|d| d.first_day()).max()
            };
            let Some(pick) = pick else {
                return Err(Stop(
                    Verdict::Inconclusive,
                    format!("no {kind} record holds{as_of_note}"),
                ));
            };
            let chosen: Vec<String> = starts
                .iter()
                .filter(|(_, d)| d.first_day() == pick)
                .map(|(c, d)| format!("{c}|{d}"))
                .collect();
            if chosen.len() > 1 {
                return Err(Stop(
                    Verdict::Inconclusive,
                    format!(
                        "several records tie: {}",
                        chosen
                            .iter()
                            .map(|c| c.replace('|', " "))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ));
            }
            if *measure == FactMeasure::First {
                let pool: Vec<&Fact> = dropped
                    .iter()
                    .copied()
                    .filter(|f| as_of.is_none_or(|d| f.date.first_day() <= d))
                    .collect();
                undecidable(pick, &pool)?;
            } else if dropped_holding.iter().any(|f| f.date.first_day() >= pick) {
                return Err(Stop(
                    Verdict::Inconclusive,
                    format!(
                        "record(s) {} without an independent source may come later; this cannot be decided",
                        dropped_ids(&dropped_holding)
                    ),
                ));
            }
            let (code, date) = chosen[0].split_once('|').expect("joined above");
            let records: Vec<&Fact> = pool
                .iter()
                .copied()
                .filter(|f| f.country.as_deref() == Some(code))
                .collect();
            (sources, rests_on) = cited(&records);
            sources.insert(1, format!("{code} from {date}"));
            Computed::Text(code.to_string())
        }
        FactMeasure::Amount => unreachable!("handled above"),
        FactMeasure::Date => {
            let mut dated = independent.clone();
            dated.sort_by_key(|f| f.date.first_day());
            let Some(fact) = dated.get(nth - 1) else {
                let more = if dropped.is_empty() {
                    String::new()
                } else {
                    format!(
                        " with an independent source ({} without: {})",
                        dropped.len(),
                        dropped_ids(&dropped)
                    )
                };
                return Err(Stop(
                    Verdict::Inconclusive,
                    format!("galeon has {} such record(s){more}, not {nth}", dated.len()),
                ));
            };
            undecidable(fact.date.first_day(), &dropped)?;
            (sources, rests_on) = cited(&[*fact]);
            sources.insert(1, format!("record {}: {}", fact.id, fact.text));
            Computed::Text(fact.date.to_string())
        }
    };
    // A count over the records with independent sources is a lower bound when others hold; a
    // set leaves their countries undecided.
    let partial =
        (matches!(measure, FactMeasure::Count) && !dropped_holding.is_empty()).then(|| {
            format!(
                "a count of the records with an independent source; {} hold without one",
                dropped_ids(&dropped_holding)
            )
        });
    let undecided: Vec<String> = if *measure == FactMeasure::Members {
        members(&dropped_holding)
    } else {
        vec![]
    };
    Ok(Outcome {
        computed,
        coverage: as_of.map(|d: NaiveDate| format!("as of {d}")),
        partial,
        undecided,
        sources,
        year: None,
        rests_on,
        margin: None,
    })
}
