//! One check judged: its outcome compared with what the sentence claims, within the tolerance
//! the wording allows.

use super::*;

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

pub(super) fn number_with_unit(x: f64, unit: &str) -> String {
    if unit.is_empty() {
        short_number(x)
    } else {
        format!("{} {unit}", short_number(x))
    }
}

pub(super) fn base(check: &Check, verdict: Verdict, reason: String) -> Evidence {
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
pub(super) struct Outcome {
    pub(super) computed: Computed,
    pub(super) coverage: Option<String>,
    /// The computed number is only a lower bound on the quantity (a sum over the countries with
    /// data, when some are missing), with the reason.
    pub(super) partial: Option<String>,
    /// For sets: members that could not be decided (no data).
    pub(super) undecided: Vec<String>,
    pub(super) sources: Vec<String>,
    pub(super) year: Option<i32>,
    /// What the evidence rests on, where the query alone does not say (facts: their sources).
    pub(super) rests_on: BTreeSet<String>,
    /// The measured margin of a bound, with how it was measured.
    pub(super) margin: Option<(f64, String)>,
}

pub(super) fn evaluate_check(
    check: &Check,
    part: &Part,
    file: &ClaimFile,
    data: &Data,
) -> Evidence {
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
pub(super) fn measured_margin(check: &Check, data: &Data) -> Result<Option<(f64, String)>, Stop> {
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
pub(super) fn scan_series(check: &Check, data: &Data) -> Vec<(i32, f64)> {
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
pub(super) struct Stop(pub(super) Verdict, pub(super) String);

pub(super) fn judge(check: &Check, part: &Part, mut o: Outcome) -> Evidence {
    // A query that returns a single text row gives a set of one where the claim states a set.
    if let (Claimed::Set(_), Computed::Text(t)) = (&part.claimed, &o.computed) {
        o.computed = Computed::Set(vec![t.clone()]);
    }
    let mut e = base(check, Verdict::Inconclusive, String::new());
    e.coverage = o.coverage.clone();
    e.sources = o.sources.clone();
    e.rests_on.extend(o.rests_on.iter().cloned());
    e.year = o.year;
    match (&part.claimed, &o.computed) {
        (Claimed::Number(claimed), Computed::Number(raw)) => {
            judge_number(check, part, &o, *claimed, *raw, &mut e)
        }
        (Claimed::Set(claimed), Computed::Set(got)) => {
            judge_set(check, part, &o, claimed, got, &mut e)
        }
        (Claimed::Text(claimed), Computed::Text(got)) => {
            judge_text(check, &o, claimed, got, &mut e)
        }
        (claimed, got) => mismatch(check, part, claimed, got, &mut e),
    }
    if check.role == Role::Context && e.verdict != Verdict::NotCheckable {
        e.reason = format!("context only: {}", e.reason);
    }
    e
}

/// " in YEAR" when the outcome is of one year.
fn year_note(o: &Outcome) -> String {
    o.year.map(|y| format!(" in {y}")).unwrap_or_default()
}

/// A claimed number against a computed one, by the check's role: within the tolerance, or as a
/// bound after its measured margin.
fn judge_number(check: &Check, part: &Part, o: &Outcome, claimed: f64, raw: f64, e: &mut Evidence) {
    let (claimed, unit, year_note) = (&claimed, part.unit.as_deref().unwrap_or(""), year_note(o));
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

/// A claimed set of countries against the computed one: missing and extra members, and those
/// no data decide.
fn judge_set(
    check: &Check,
    part: &Part,
    o: &Outcome,
    claimed: &[String],
    got: &[String],
    e: &mut Evidence,
) {
    let year_note = year_note(o);
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

/// A claimed name or date against the computed one.
fn judge_text(check: &Check, o: &Outcome, claimed: &str, got: &str, e: &mut Evidence) {
    let year_note = year_note(o);
    e.computed = Some(o.computed.clone());
    e.shown = got.to_string();
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

/// The check computes another kind of thing than the claim states.
fn mismatch(check: &Check, part: &Part, claimed: &Claimed, got: &Computed, e: &mut Evidence) {
    let unit = part.unit.as_deref().unwrap_or("");
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

pub(super) fn bound_only(check: &Check, verdict: Verdict, reason: String) -> (Verdict, String) {
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

pub(super) fn kind_of_computed(c: &Computed) -> &'static str {
    match c {
        Computed::Number(_) => "a number",
        Computed::Text(_) => "a text",
        Computed::Set(_) => "a set",
    }
}

pub(super) fn kind_of_claimed(c: &Claimed) -> &'static str {
    match c {
        Claimed::Number(_) => "a number",
        Claimed::Text(_) => "a text",
        Claimed::Set(_) => "a set",
    }
}

pub(super) fn rank(p: Precision) -> u8 {
    match p {
        Precision::Year => 0,
        Precision::Month => 1,
        Precision::Day => 2,
    }
}

pub(super) fn compare_dates(claimed: FactDate, got: FactDate, label: &str) -> (Verdict, String) {
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
