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
use galeon_registry::{Lang, LAC33};
use serde::Serialize;

use crate::said::{say, Said};
use crate::spec::{
    Aggregate, Check, Claim, ClaimFile, Claimed, Countries, FactMeasure, Hedge, Part, Query, Role,
};

mod combine;
mod data;
mod judge;
mod outcome;
mod parts;

use combine::*;
pub use data::{expand_sql, Cell, Data, FactsUnavailable};
pub use judge::short_number;
use judge::*;
use outcome::*;
pub use parts::is_worded;
use parts::*;

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

    /// The verdict's key in the translation files (`verdict_supported_at_edge`).
    pub fn key(self) -> &'static str {
        match self {
            Verdict::Supported => "verdict_supported",
            Verdict::SupportedAtEdge => "verdict_supported_at_edge",
            Verdict::PartlySupported => "verdict_partly_supported",
            Verdict::Mischaracterised => "verdict_mischaracterised",
            Verdict::InternallyInconsistent => "verdict_internally_inconsistent",
            Verdict::Contradicted => "verdict_contradicted",
            Verdict::Inconclusive => "verdict_inconclusive",
            Verdict::NotCheckable => "verdict_not_checkable",
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
    pub label: Said,
    /// How it bears on the claim.
    pub role: Role,
    /// Where the number comes from.
    pub from: Origin,
    /// For bounds, proxies and alternatives: how the check's scope differs from the claim's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<Said>,
    /// For bounds: the margin measured between the bound's definition and the claim's, shown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub margin: Option<Said>,
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
    pub shown: Said,
    /// Computed minus claimed, for numbers ("-0.3 bn (-1.7 %)").
    pub difference: Option<Said>,
    /// Countries and years with data, where it matters.
    pub coverage: Option<Said>,
    /// Sources and their releases.
    pub sources: Vec<Said>,
    /// This check's verdict.
    pub verdict: Verdict,
    /// Why, in one line.
    pub reason: Said,
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
    pub what: Said,
    /// The claimed value as text ("almost 18 bn USD").
    pub claimed: Said,
    /// The claimed value, when it is a number.
    pub claimed_number: Option<f64>,
    /// The verdict.
    pub verdict: Verdict,
    /// Why.
    pub reason: Said,
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
    pub reason: Said,
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
    pub notes: Option<Said>,
    /// The verdict.
    pub verdict: Verdict,
    /// Why, in one line.
    pub reason: Said,
    /// Verdicts per part.
    pub parts: Vec<PartResult>,
}

impl ClaimResult {
    /// The claimed values of the parts, "; "-separated ("almost 18.0 bn USD; nearly 449.0 bn USD").
    pub fn claimed_summary(&self) -> String {
        self.parts
            .iter()
            .map(|p| p.claimed.to_string())
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
                    .map_or("—".to_string(), |e| e.shown.to_string())
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
            match &claim.not_checkable {
                Some(why) => Said::curated(why),
                None => say!("said_no_check"),
            },
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
        notes: claim.notes.as_ref().map(Said::curated),
        verdict,
        reason,
        parts,
    }
}

/// The outer share of a tolerance band that reads "supported at the edge".
const EDGE: f64 = 0.2;
