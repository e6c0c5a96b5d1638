//! The claim file format (TOML) and its validation. The format is documented in docs/claims.md.

use std::collections::HashSet;
use std::fmt;
use std::path::Path;

use chrono::NaiveDate;
use galeon_facts::{FactDate, FactKind};
use galeon_registry::{Registry, LAC33};
use serde::{Deserialize, Serialize};
use toml::Spanned;

/// A problem in a claim file, with its file and line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimError {
    /// The file.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// What is wrong and what to do.
    pub message: String,
}

impl fmt::Display for ClaimError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for ClaimError {}

/// The document the claims were made in.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// Short identifier (`lu-2023`).
    pub id: String,
    /// Title as published.
    pub title: String,
    /// Authors as cited.
    pub authors: String,
    /// Year (or date) of publication.
    pub published: String,
    /// Journal, volume and pages, or publisher.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub venue: Option<String>,
    /// DOI or address. Facts whose only source is this address are not used to check the
    /// document's own claims.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// How a claim states its value: the words that set the tolerance rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Hedge {
    /// A figure stated plainly ("$140 billion"), or a date, a name, a set.
    Plain,
    /// "exactly": no tolerance beyond the declared one.
    Exactly,
    /// "about", "around", "approximately", "roughly".
    About,
    /// "almost", "nearly", "close to": just under the figure.
    Almost,
    /// "more than", "over".
    MoreThan,
    /// "at least".
    AtLeast,
    /// "less than", "under".
    LessThan,
    /// "at most".
    AtMost,
    /// For sets: the named members are among those the data give ("countries such as …").
    Includes,
    /// "most", "the majority of": more than half of the whole, which `claimed` states.
    Most,
    /// "many": at least a quarter of the whole, which `claimed` states.
    Many,
}

impl Hedge {
    fn parse(text: &str) -> Option<Hedge> {
        Some(match text.trim().to_lowercase().as_str() {
            "" | "plain" => Hedge::Plain,
            "exactly" => Hedge::Exactly,
            "about" | "around" | "approximately" | "roughly" => Hedge::About,
            "almost" | "nearly" | "close to" => Hedge::Almost,
            "more than" | "over" | "above" => Hedge::MoreThan,
            "at least" => Hedge::AtLeast,
            "less than" | "under" | "below" => Hedge::LessThan,
            "at most" => Hedge::AtMost,
            "includes" | "such as" => Hedge::Includes,
            "most" | "the majority of" | "majority" => Hedge::Most,
            "many" => Hedge::Many,
            _ => return None,
        })
    }

    /// The default relative tolerance for numbers stated this way.
    pub fn default_tolerance(self) -> f64 {
        match self {
            Hedge::Plain => 0.05,
            Hedge::About | Hedge::Almost => 0.10,
            _ => 0.0,
        }
    }

    /// The template (`i18n/*.json`) that writes a value with this hedge, as a reader would;
    /// none for a value stated plainly.
    pub fn key(self) -> Option<&'static str> {
        Some(match self {
            Hedge::Plain => return None,
            Hedge::Exactly => "said_hedge_exactly",
            Hedge::About => "said_hedge_about",
            Hedge::Almost => "said_hedge_almost",
            Hedge::MoreThan => "said_hedge_more_than",
            Hedge::AtLeast => "said_hedge_at_least",
            Hedge::LessThan => "said_hedge_less_than",
            Hedge::AtMost => "said_hedge_at_most",
            Hedge::Includes => "said_hedge_includes",
            Hedge::Most => "said_hedge_most",
            Hedge::Many => "said_hedge_many",
        })
    }
}

/// The value a claim states.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Claimed {
    /// An amount, count, share, rank or year.
    Number(f64),
    /// A name (a country code) or a date (`2022-02`).
    Text(String),
    /// A set of country codes.
    Set(Vec<String>),
}

/// Which countries a check covers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Countries(pub Vec<String>);

/// How a check's result bears on the claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Measures what the claim states: it can support or contradict it.
    Decides,
    /// Measures something that can only be larger than or equal to the claimed quantity (a
    /// broader scope): it can contradict a claim above it, never support one.
    UpperBound,
    /// Measures something that can only be smaller than or equal to the claimed quantity (a
    /// narrower scope, or a sum over the countries with data): it can contradict a claim below
    /// it, never support one.
    LowerBound,
    /// Measures a neighbouring quantity (another period, a broader or narrower definition
    /// without a sure direction): it shows whether it agrees, but can only leave the claim
    /// inconclusive.
    Proxy,
    /// Measures the claimed figure under another label, scope or kind than the sentence gives
    /// it (all official finance where the sentence says policy banks; an event of another kind
    /// in the month named). When the deciding checks contradict the claim and this one fits, the
    /// claim is mischaracterised: the right figure under the wrong label.
    Alternative,
    /// Reads the work the sentence cites: whether the document reports its source faithfully,
    /// given as a separate answer, never as evidence that the statement is true.
    Cited,
    /// Shown next to the evidence; never votes.
    Context,
}

impl Role {
    /// Whether the check's verdict decides the part (bounds and proxies included).
    pub fn votes(self) -> bool {
        !matches!(self, Role::Context | Role::Alternative | Role::Cited)
    }

    /// The role as written in claim files.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Decides => "decides",
            Role::UpperBound => "upper_bound",
            Role::LowerBound => "lower_bound",
            Role::Proxy => "proxy",
            Role::Alternative => "alternative",
            Role::Cited => "cited",
            Role::Context => "context",
        }
    }
}

/// How an indicator's values are turned into one result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Aggregate {
    /// One country, one year.
    Value,
    /// Sum over the countries (and years, for a range).
    Sum,
    /// The countries whose value meets the condition (a set).
    CountriesWhere,
    /// How many countries meet the condition.
    CountWhere,
}

/// A comparison such as `= 1` or `<= 2`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Condition {
    /// `=`, `<`, `<=`, `>`, `>=`.
    pub op: &'static str,
    /// The number compared with.
    pub value: f64,
}

impl Condition {
    fn parse(text: &str) -> Option<Condition> {
        let t = text.trim();
        for op in ["<=", ">=", "=", "<", ">"] {
            if let Some(rest) = t.strip_prefix(op) {
                let value = rest.trim().parse().ok()?;
                return Some(Condition { op, value });
            }
        }
        None
    }

    /// Whether `x` meets the condition.
    pub fn holds(&self, x: f64) -> bool {
        match self.op {
            "=" => (x - self.value).abs() < 1e-9,
            "<" => x < self.value,
            "<=" => x <= self.value,
            ">" => x > self.value,
            _ => x >= self.value,
        }
    }
}

impl fmt::Display for Condition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.op, self.value)
    }
}

/// What a fact check measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FactMeasure {
    /// How many countries hold the value on the date.
    Count,
    /// Which countries hold the value on the date (a set).
    Members,
    /// How many records hold on the date: events counted one by one where a country has many
    /// (the WHO's listings of Chinese vaccines), not the countries.
    Records,
    /// The country whose record starts first.
    First,
    /// The country whose record starts last (on or before the date).
    Latest,
    /// The start date of the country's first matching record.
    Date,
    /// The city of that record (`place`).
    Place,
    /// The country of that record's place (`place_country`), a code.
    PlaceCountry,
    /// The value of one named record (`fact = "ID"`): what kind of event it was
    /// (`ministerial_meeting`, `summit`…).
    Value,
    /// The figure (`amount`) of one named record.
    Amount,
    /// The countries of the companies that built one named project (`builders`), a set.
    Builders,
}

impl FactMeasure {
    /// Whether it reads one record (the `nth` of the country, or of the region): its date or
    /// its place.
    pub fn of_one_record(self) -> bool {
        matches!(
            self,
            FactMeasure::Date | FactMeasure::Place | FactMeasure::PlaceCountry
        )
    }
}

/// Where a check's number comes from.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "from", rename_all = "snake_case")]
pub enum Query {
    /// Values of one of galeon's indicators.
    Indicator {
        /// Indicator id (`galeon indicators list`).
        id: String,
        /// Countries covered.
        countries: Countries,
        /// First and last year (inclusive).
        years: (i32, i32),
        /// Only values with this breakdown (product group, sector, lender…).
        dimension: Option<String>,
        /// How values become one result.
        aggregate: Aggregate,
        /// For `countries_where` and `count_where`.
        condition: Option<Condition>,
    },
    /// A read-only SQL query over the store returning one value (or one column for a set).
    Sql {
        /// The statement; `{LAC33}` expands to the quoted list of the 33 states' codes.
        sql: String,
        /// The datasets it reads (ids from `galeon sources`), for the evidence's vintages.
        datasets: Vec<String>,
    },
    /// The countries the claim itself lists: checks that a stated count matches its own list.
    Listed {
        /// The countries named in the sentence.
        countries: Countries,
    },
    /// galeon's curated facts (data/facts).
    Facts {
        /// Fact kind.
        kind: FactKind,
        /// Fact values that count (all when empty).
        values: Vec<String>,
        /// The day the claim speaks of.
        as_of: Option<NaiveDate>,
        /// What is measured.
        measure: FactMeasure,
        /// For `date`: the country (none for region-wide records such as policy papers).
        country: Option<String>,
        /// For `date`: the n-th record in date order (1 = the first).
        nth: usize,
        /// The one record read (`fact = "ID"`), for amount, value, builders, date and places.
        fact: Option<String>,
        /// Countries considered.
        countries: Countries,
    },
}

/// One way of computing the quantity a part of a claim states.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Check {
    /// What this check computes, in a few words ("China-reported, IMF DOTS").
    pub label: String,
    /// How it bears on the claim.
    pub role: Role,
    /// Why the check's scope differs from the claim's, for bounds and context.
    pub scope: Option<String>,
    /// Where the number comes from.
    pub query: Query,
    /// Multiply the computed number by this before comparing (e.g. 100 for shares in percent).
    pub scale: f64,
    /// For bounds: a query over the store measuring how far (relative) the bound's definition
    /// strays from the claim's (mirror statistics, CIF against FOB) in years both are known;
    /// the gap counts as a contradiction only beyond it. Measured, never a fixed constant.
    pub margin_sql: Option<String>,
    /// Datasets the check reads (an sql check's own, and those of `margin_sql`).
    pub datasets: Vec<String>,
    /// For a one-year check: also compute every other year, to show which years the claimed
    /// value fits (a likely slip in the year) and to draw the series.
    pub scan: bool,
    /// Line in the file.
    pub line: usize,
}

/// One checkable statement inside a claim.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Part {
    /// What is stated, in a few words.
    pub what: String,
    /// The stated value.
    pub claimed: Claimed,
    /// How it was stated.
    pub hedge: Hedge,
    /// The unit of the stated value.
    pub unit: Option<String>,
    /// Relative tolerance (0.05 = 5 %).
    pub tolerance: f64,
    /// Absolute tolerance, in the unit (added to the relative one).
    pub tolerance_abs: f64,
    /// Ways of checking it.
    pub checks: Vec<Check>,
    /// Why it cannot be checked, when there are no checks.
    pub not_checkable: Option<String>,
    /// Line in the file.
    pub line: usize,
}

/// A claim, quoted exactly from the document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Claim {
    /// Stable identifier.
    pub id: String,
    /// The sentence (or clause) exactly as written.
    pub text: String,
    /// Section number.
    pub section: String,
    /// Page, where known.
    pub page: Option<String>,
    /// Whom the document cites for it.
    pub cites: Option<String>,
    /// economic, political, cultural, green or foundations.
    pub field: Option<String>,
    /// Remarks.
    pub notes: Option<String>,
    /// The statements it makes.
    pub parts: Vec<Part>,
    /// Why the claim cannot be checked, when it has no parts.
    pub not_checkable: Option<String>,
    /// Line in the file.
    pub line: usize,
}

/// A parsed and validated claim file.
#[derive(Debug, Clone, Serialize)]
pub struct ClaimFile {
    /// Path as given.
    pub file: String,
    /// The document.
    pub document: Document,
    /// Its claims, in file order.
    pub claims: Vec<Claim>,
    /// Sentences of the document read and judged to state nothing a source could check
    /// (opinions, interpretations, forecasts), each with why: the record that nothing checkable
    /// was left out.
    pub unchecked: Vec<Unchecked>,
}

/// A sentence judged not checkable, with why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unchecked {
    /// The sentence exactly as written (or its opening words, for a long one).
    pub text: String,
    /// Section number.
    pub section: String,
    /// Why no source could check it: `opinion`, `interpretation`, `forecast`, `aim`,
    /// `definition`, `restates` (another entry checks it), or a sentence saying more.
    pub reason: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    document: Document,
    #[serde(default)]
    claim: Vec<Spanned<RawClaim>>,
    #[serde(default)]
    unchecked: Vec<Unchecked>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawClaim {
    id: String,
    text: String,
    section: String,
    #[serde(default)]
    page: Option<String>,
    #[serde(default)]
    cites: Option<String>,
    #[serde(default)]
    field: Option<String>,
    #[serde(default)]
    notes: Option<String>,
    #[serde(default)]
    not_checkable: Option<String>,
    #[serde(default)]
    part: Vec<Spanned<RawPart>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPart {
    what: String,
    claimed: toml::Value,
    #[serde(default)]
    hedge: String,
    #[serde(default)]
    unit: Option<String>,
    #[serde(default)]
    tolerance: Option<f64>,
    #[serde(default)]
    tolerance_abs: Option<f64>,
    #[serde(default)]
    not_checkable: Option<String>,
    #[serde(default)]
    check: Vec<Spanned<RawCheck>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCheck {
    label: String,
    #[serde(default)]
    role: Option<String>,
    #[serde(default)]
    scope: Option<String>,
    #[serde(default)]
    scale: Option<f64>,
    #[serde(default)]
    margin: Option<toml::Value>,
    #[serde(default)]
    margin_sql: Option<String>,
    #[serde(default)]
    scan: bool,
    // indicator
    #[serde(default)]
    indicator: Option<String>,
    #[serde(default)]
    countries: Option<toml::Value>,
    #[serde(default)]
    country: Option<String>,
    #[serde(default)]
    year: Option<i32>,
    #[serde(default)]
    years: Option<[i32; 2]>,
    #[serde(default)]
    dimension: Option<String>,
    #[serde(default)]
    aggregate: Option<String>,
    #[serde(default)]
    condition: Option<String>,
    // sql
    #[serde(default)]
    sql: Option<String>,
    #[serde(default)]
    datasets: Vec<String>,
    // facts
    #[serde(default)]
    facts: Option<String>,
    #[serde(default)]
    values: Vec<String>,
    #[serde(default)]
    as_of: Option<String>,
    #[serde(default)]
    measure: Option<String>,
    #[serde(default)]
    nth: Option<usize>,
    #[serde(default)]
    fact: Option<String>,
    // listed
    #[serde(default)]
    listed: Option<Vec<String>>,
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())]
        .bytes()
        .filter(|&b| b == b'\n')
        .count()
        + 1
}

/// Reads and validates claim files: each path a file, or a folder whose `*.toml` files are read
/// in name order. Every problem in every file is returned; two claims with one id across the
/// files are a problem too (a claim's permalink is its id).
pub fn load_paths(paths: &[std::path::PathBuf]) -> Result<Vec<ClaimFile>, Vec<ClaimError>> {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let mut read = std::collections::HashSet::new();
    for path in paths {
        let listed = if path.is_dir() {
            match std::fs::read_dir(path) {
                Ok(entries) => {
                    let mut found: Vec<std::path::PathBuf> = entries
                        .filter_map(|e| e.ok().map(|e| e.path()))
                        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
                        .collect();
                    found.sort();
                    if found.is_empty() {
                        errors.push(ClaimError {
                            file: path.display().to_string(),
                            line: 1,
                            message: "this folder has no .toml claim files".into(),
                        });
                    }
                    found
                }
                Err(e) => {
                    errors.push(ClaimError {
                        file: path.display().to_string(),
                        line: 1,
                        message: format!("cannot read the folder: {e}"),
                    });
                    vec![]
                }
            }
        } else {
            vec![path.clone()]
        };
        for file in listed {
            // A file named both on its own and through its folder is read once.
            let canonical = std::fs::canonicalize(&file).unwrap_or_else(|_| file.clone());
            if !read.insert(canonical) {
                continue;
            }
            match load_file(&file) {
                Ok(f) => files.push(f),
                Err(mut e) => errors.append(&mut e),
            }
        }
    }
    let mut seen: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    for f in &files {
        for c in &f.claims {
            if let Some(first) = seen.insert(c.id.clone(), f.file.clone()) {
                errors.push(ClaimError {
                    file: f.file.clone(),
                    line: c.line,
                    message: format!("claim id {:?} is also used in {first}", c.id),
                });
            }
        }
    }
    if errors.is_empty() {
        Ok(files)
    } else {
        Err(errors)
    }
}

/// Reads and validates a claim file.
pub fn load_file(path: &Path) -> Result<ClaimFile, Vec<ClaimError>> {
    let file = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| {
        vec![ClaimError {
            file: file.clone(),
            line: 1,
            message: format!("cannot read the file: {e}"),
        }]
    })?;
    load_str(&file, &text)
}

/// Parses and validates a claim file's text. A syntax or schema error stops the file; errors in
/// claims are all collected.
pub fn load_str(file: &str, text: &str) -> Result<ClaimFile, Vec<ClaimError>> {
    let raw: RawFile = toml::from_str(text).map_err(|e| {
        let line = e.span().map_or(1, |span| line_of(text, span.start));
        vec![ClaimError {
            file: file.to_string(),
            line,
            message: e.message().trim().to_string(),
        }]
    })?;
    let mut errors = Vec::new();
    let mut claims = Vec::new();
    let mut ids = HashSet::new();
    for spanned in raw.claim {
        let line = line_of(text, spanned.span().start);
        let raw = spanned.into_inner();
        let mut error = |line: usize, message: String| {
            errors.push(ClaimError {
                file: file.to_string(),
                line,
                message,
            })
        };
        if raw.id.trim().is_empty() || raw.id.contains(char::is_whitespace) {
            error(
                line,
                format!("id {:?}: write a non-empty id without spaces", raw.id),
            );
        }
        if !ids.insert(raw.id.clone()) {
            error(line, format!("id {:?} is used twice", raw.id));
        }
        if raw.text.trim().is_empty() {
            error(
                line,
                "text is empty: quote the claim exactly as written".into(),
            );
        }
        if let Some(field) = &raw.field {
            const FIELDS: [&str; 5] = ["economic", "political", "cultural", "green", "foundations"];
            if !FIELDS.contains(&field.as_str()) {
                error(
                    line,
                    format!("field {field:?}: use one of {}", FIELDS.join(", ")),
                );
            }
        }
        if raw.part.is_empty() && raw.not_checkable.is_none() {
            error(
                line,
                "a claim needs at least one [[claim.part]], or `not_checkable = \"why\"`".into(),
            );
        }
        let mut parts = Vec::new();
        for part in raw.part {
            let pline = line_of(text, part.span().start);
            match parse_part(part.into_inner(), pline, text) {
                Ok(p) => parts.push(p),
                Err(list) => list.into_iter().for_each(|(l, m)| error(l, m)),
            }
        }
        claims.push(Claim {
            id: raw.id,
            text: raw.text,
            section: raw.section,
            page: raw.page,
            cites: raw.cites,
            field: raw.field,
            notes: raw.notes,
            parts,
            not_checkable: raw.not_checkable,
            line,
        });
    }
    if errors.is_empty() {
        Ok(ClaimFile {
            file: file.to_string(),
            document: raw.document,
            claims,
            unchecked: raw.unchecked,
        })
    } else {
        Err(errors)
    }
}

type Problems = Vec<(usize, String)>;

fn parse_part(raw: RawPart, line: usize, text: &str) -> Result<Part, Problems> {
    let mut problems = Vec::new();
    let claimed = match &raw.claimed {
        toml::Value::Integer(i) => Some(Claimed::Number(*i as f64)),
        toml::Value::Float(f) => Some(Claimed::Number(*f)),
        toml::Value::String(s) => Some(Claimed::Text(s.clone())),
        toml::Value::Array(items) => {
            let codes: Option<Vec<String>> = items
                .iter()
                .map(|v| v.as_str().map(str::to_string))
                .collect();
            match codes {
                Some(codes) => {
                    for c in &codes {
                        if let Err(m) = check_country(c) {
                            problems.push((line, format!("claimed: {m}")));
                        }
                    }
                    Some(Claimed::Set(codes))
                }
                None => None,
            }
        }
        _ => None,
    };
    if claimed.is_none() {
        problems.push((
            line,
            "claimed: write a number, a text (country code or date) or a list of country codes"
                .into(),
        ));
    }
    let hedge = Hedge::parse(&raw.hedge);
    if hedge.is_none() {
        problems.push((
            line,
            format!(
                "hedge {:?}: use one of about, almost, nearly, more than, at least, less than, \
                 at most, exactly, includes, most, many (or leave it out)",
                raw.hedge
            ),
        ));
    }
    let hedge = hedge.unwrap_or(Hedge::Plain);
    if let Some(Claimed::Text(t)) = &claimed {
        if !matches!(hedge, Hedge::Plain | Hedge::Exactly) {
            problems.push((
                line,
                format!("hedge {:?} applies to numbers, not to {t:?}", raw.hedge),
            ));
        }
    }
    if matches!(hedge, Hedge::Most | Hedge::Many) && !matches!(claimed, Some(Claimed::Number(_))) {
        problems.push((
            line,
            format!(
                "hedge {:?} needs the whole it is a part of as a number (`claimed = 33` for \
                 \"most of the 33 states\")",
                raw.hedge
            ),
        ));
    }
    if matches!(hedge, Hedge::Includes) && !matches!(claimed, Some(Claimed::Set(_))) {
        problems.push((
            line,
            "hedge \"includes\" needs a list of country codes".into(),
        ));
    }
    if raw.tolerance.is_some()
        && matches!(
            hedge,
            Hedge::MoreThan
                | Hedge::AtLeast
                | Hedge::LessThan
                | Hedge::AtMost
                | Hedge::Most
                | Hedge::Many
        )
    {
        problems.push((
            line,
            format!(
                "tolerance: hedge {:?} is a threshold, not a band; use tolerance_abs to move it",
                raw.hedge
            ),
        ));
    }
    for t in [raw.tolerance, raw.tolerance_abs].into_iter().flatten() {
        if !(t >= 0.0 && t.is_finite()) {
            problems.push((line, format!("tolerance {t}: write a number ≥ 0")));
        }
    }
    if raw.check.is_empty() && raw.not_checkable.is_none() {
        problems.push((
            line,
            "a part needs at least one [[claim.part.check]], or `not_checkable = \"why\"`".into(),
        ));
    }
    let mut checks = Vec::new();
    for check in raw.check {
        let cline = line_of(text, check.span().start);
        match parse_check(check.into_inner(), cline) {
            Ok(c) => checks.push(c),
            Err(mut p) => problems.append(&mut p),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Part {
        what: raw.what,
        claimed: claimed.clone().expect("checked"),
        hedge,
        unit: raw.unit,
        tolerance: raw.tolerance.unwrap_or(match claimed {
            // A plain whole number under 1,000 (a count, a rank, a year) is exact unless the
            // file says otherwise.
            Some(Claimed::Number(n))
                if hedge == Hedge::Plain && n.fract() == 0.0 && n.abs() < 1000.0 =>
            {
                0.0
            }
            _ => hedge.default_tolerance(),
        }),
        tolerance_abs: raw.tolerance_abs.unwrap_or(0.0),
        checks,
        not_checkable: raw.not_checkable,
        line,
    })
}

fn check_country(code: &str) -> Result<(), String> {
    let registry = Registry::global();
    match registry.resolve(code) {
        Ok(e) if e.iso3.as_str() == code => Ok(()),
        Ok(e) => Err(format!(
            "{code:?} is not a code: write {:?}",
            e.iso3.as_str()
        )),
        Err(_) => Err(format!("{code:?} is not a country code galeon knows")),
    }
}

fn parse_countries(
    value: Option<&toml::Value>,
    single: Option<&String>,
) -> Result<Countries, String> {
    if let Some(c) = single {
        check_country(c)?;
        return Ok(Countries(vec![c.clone()]));
    }
    match value {
        None => Ok(Countries(LAC33.iter().map(|c| c.to_string()).collect())),
        Some(toml::Value::String(s)) if s == "LAC33" => {
            Ok(Countries(LAC33.iter().map(|c| c.to_string()).collect()))
        }
        Some(toml::Value::Array(items)) => {
            let mut out = Vec::new();
            for item in items {
                let code = item
                    .as_str()
                    .ok_or_else(|| "countries: write \"LAC33\" or a list of codes".to_string())?;
                check_country(code)?;
                out.push(code.to_string());
            }
            Ok(Countries(out))
        }
        Some(_) => Err("countries: write \"LAC33\" or a list of codes".into()),
    }
}

fn parse_check(raw: RawCheck, line: usize) -> Result<Check, Problems> {
    let mut problems: Problems = Vec::new();
    let mut problem = |m: String| problems.push((line, m));
    let sources = [
        raw.indicator.is_some(),
        raw.sql.is_some(),
        raw.facts.is_some(),
        raw.listed.is_some(),
    ]
    .iter()
    .filter(|b| **b)
    .count();
    if sources != 1 {
        problem("a check takes exactly one of `indicator`, `sql`, `facts` or `listed`".into());
        return Err(problems);
    }
    let role = match raw.role.as_deref() {
        None | Some("decides") => Role::Decides,
        Some("upper_bound") => Role::UpperBound,
        Some("lower_bound") => Role::LowerBound,
        Some("context") => Role::Context,
        Some("proxy") => Role::Proxy,
        Some("alternative") => Role::Alternative,
        Some("cited") => Role::Cited,
        Some(other) => {
            problem(format!(
                "role {other:?}: use decides, upper_bound, lower_bound, proxy, alternative, \
                 cited or context"
            ));
            Role::Context
        }
    };
    if matches!(
        role,
        Role::UpperBound | Role::LowerBound | Role::Proxy | Role::Alternative
    ) && raw.scope.is_none()
    {
        problem(
            "a bound, proxy or alternative needs `scope`: say how its scope differs from the claim's"
                .into(),
        );
    }
    let query = if let Some(id) = &raw.indicator {
        if galeon_indicators::find(id).is_none() {
            problem(format!(
                "indicator {id:?} is unknown (see `galeon indicators list`)"
            ));
        }
        let countries = parse_countries(raw.countries.as_ref(), raw.country.as_ref())
            .unwrap_or_else(|m| {
                problem(m);
                Countries(vec![])
            });
        let years = match (raw.year, raw.years) {
            (Some(y), None) => (y, y),
            (None, Some([a, b])) if a <= b => (a, b),
            _ => {
                problem("an indicator check takes `year = Y` or `years = [FIRST, LAST]`".into());
                (0, 0)
            }
        };
        let aggregate = match raw.aggregate.as_deref() {
            None | Some("value") => Aggregate::Value,
            Some("sum") => Aggregate::Sum,
            Some("countries_where") => Aggregate::CountriesWhere,
            Some("count_where") => Aggregate::CountWhere,
            Some(other) => {
                problem(format!(
                    "aggregate {other:?}: use value, sum, countries_where or count_where"
                ));
                Aggregate::Value
            }
        };
        if aggregate == Aggregate::Value && (countries.0.len() != 1 || years.0 != years.1) {
            problem("aggregate \"value\" takes one `country` and one `year`".into());
        }
        let condition = match &raw.condition {
            Some(c) => match Condition::parse(c) {
                Some(c) => Some(c),
                None => {
                    problem(format!("condition {c:?}: write e.g. \"= 1\" or \"<= 2\""));
                    None
                }
            },
            None => None,
        };
        if matches!(aggregate, Aggregate::CountriesWhere | Aggregate::CountWhere)
            && (condition.is_none() || years.0 != years.1)
        {
            problem(format!(
                "aggregate {:?} needs a `condition` and one `year`",
                raw.aggregate.as_deref().unwrap_or_default()
            ));
        }
        if raw.scan && years.0 != years.1 {
            problem("`scan` needs a one-year check".into());
        }
        Query::Indicator {
            id: id.clone(),
            countries,
            years,
            dimension: raw.dimension.clone(),
            aggregate,
            condition,
        }
    } else if let Some(listed) = &raw.listed {
        for c in listed {
            if let Err(m) = check_country(c) {
                problem(format!("listed: {m}"));
            }
        }
        Query::Listed {
            countries: Countries(listed.clone()),
        }
    } else if let Some(sql) = &raw.sql {
        if raw.datasets.is_empty() {
            problem(
                "an sql check names the `datasets` it reads (ids from `galeon sources`)".into(),
            );
        }
        Query::Sql {
            sql: sql.clone(),
            datasets: raw.datasets.clone(),
        }
    } else {
        let kind_text = raw.facts.clone().unwrap_or_default();
        let kind = kind_text.parse::<FactKind>().unwrap_or_else(|m| {
            problem(format!("facts: {m}"));
            FactKind::Bri
        });
        for v in &raw.values {
            if !kind.allowed_values().contains(&v.as_str()) {
                problem(format!(
                    "values: {v:?} is not a {kind} value (use {})",
                    kind.allowed_values().join(", ")
                ));
            }
        }
        let as_of = raw
            .as_of
            .as_ref()
            .and_then(|d| match d.parse::<FactDate>() {
                Ok(d) => Some(d.last_day()),
                Err(e) => {
                    problem(format!("as_of: {e}"));
                    None
                }
            });
        let measure = match raw.measure.as_deref() {
            Some("count") => FactMeasure::Count,
            Some("members") => FactMeasure::Members,
            Some("records") => FactMeasure::Records,
            Some("first") => FactMeasure::First,
            Some("latest") => FactMeasure::Latest,
            Some("date") => FactMeasure::Date,
            Some("place") => FactMeasure::Place,
            Some("place_country") => FactMeasure::PlaceCountry,
            Some("value") => FactMeasure::Value,
            Some("amount") => FactMeasure::Amount,
            Some("builders") => FactMeasure::Builders,
            other => {
                problem(format!(
                    "measure {:?}: use count, members, records, first, latest, date, place, place_country, value, amount or builders",
                    other.unwrap_or_default()
                ));
                FactMeasure::Count
            }
        };
        if raw.nth.is_some() && !measure.of_one_record() && raw.fact.is_none() {
            problem("`nth` applies to measures \"date\", \"place\" and \"place_country\"".into());
        }
        let needs_fact = matches!(
            measure,
            FactMeasure::Amount | FactMeasure::Value | FactMeasure::Builders
        );
        if needs_fact && raw.fact.is_none() {
            let name = match measure {
                FactMeasure::Amount => "amount",
                FactMeasure::Builders => "builders",
                _ => "value",
            };
            problem(format!("measure \"{name}\" takes `fact = \"ID\"`"));
        }
        if raw.fact.is_some() && !(needs_fact || measure.of_one_record()) {
            problem(
                "`fact = \"ID\"` names one record: use it with measure amount, value, builders, date, place or place_country"
                    .into(),
            );
        }
        if raw.fact.is_some() && raw.nth.is_some() {
            problem("`fact` names the record; `nth` would choose another: give one of them".into());
        }
        if raw.nth == Some(0) {
            problem("nth: the first record is 1".into());
        }
        let countries = if measure.of_one_record() {
            Countries(vec![])
        } else {
            parse_countries(raw.countries.as_ref(), None).unwrap_or_else(|m| {
                problem(m);
                Countries(vec![])
            })
        };
        if let Some(c) = &raw.country {
            if let Err(m) = check_country(c) {
                problem(m);
            }
        }
        Query::Facts {
            kind,
            values: raw.values.clone(),
            as_of,
            measure,
            country: raw.country.clone(),
            nth: raw.nth.unwrap_or(1),
            fact: raw.fact.clone(),
            countries,
        }
    };
    let scale = raw.scale.unwrap_or(1.0);
    if raw.margin.is_some() {
        problem(
            "`margin`: a fixed margin can hide a real contradiction; measure it from the data \
             with `margin_sql = \"SELECT …\"` (one number: the largest relative gap between the \
             two definitions in the years both are known)"
                .into(),
        );
    }
    if raw.margin_sql.is_some() {
        if !matches!(role, Role::UpperBound | Role::LowerBound) {
            problem("`margin_sql` applies to upper_bound and lower_bound checks".into());
        }
        if raw.datasets.is_empty() {
            problem("a check with `margin_sql` names the `datasets` the margin reads".into());
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Check {
        label: raw.label,
        role,
        scope: raw.scope,
        query,
        scale,
        margin_sql: raw.margin_sql,
        datasets: raw.datasets,
        scan: raw.scan,
        line,
    })
}
