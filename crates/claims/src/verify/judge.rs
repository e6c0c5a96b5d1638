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

/// [`short_number`] as words a language renders its own way ("17.7 bn" is "17,7 mil M" in
/// Spanish, "177亿" in Chinese).
pub(super) fn number_said(x: f64) -> Said {
    Said::Amount(x)
}

pub(super) fn number_with_unit(x: f64, unit: &str) -> Said {
    if unit.is_empty() {
        number_said(x)
    } else {
        say!(
            "said_number_unit",
            n = number_said(x),
            unit = Said::curated(unit)
        )
    }
}

pub(super) fn base(check: &Check, verdict: Verdict, reason: Said) -> Evidence {
    Evidence {
        label: Said::curated(&check.label),
        role: check.role,
        from: match check.query {
            Query::Indicator { .. } => Origin::Indicator,
            Query::Sql { .. } => Origin::Sql,
            Query::Facts { .. } => Origin::Facts,
            Query::Listed { .. } => Origin::Listed,
        },
        scope: check.scope.as_ref().map(Said::curated),
        margin: None,
        reproduce: reproduce(check),
        reproduce_margin: check.margin_sql.as_deref().map(expand_sql),
        rests_on: query_rests_on(check),
        computed: None,
        shown: Said::Plain("—".into()),
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
    pub(super) coverage: Option<Said>,
    /// The computed number is only a lower bound on the quantity (a sum over the countries with
    /// data, when some are missing), with the reason.
    pub(super) partial: Option<Said>,
    /// For sets: members that could not be decided (no data).
    pub(super) undecided: Vec<String>,
    pub(super) sources: Vec<Said>,
    pub(super) year: Option<i32>,
    /// What the evidence rests on, where the query alone does not say (facts: their sources).
    pub(super) rests_on: BTreeSet<String>,
    /// The measured margin of a bound, with how it was measured.
    pub(super) margin: Option<(f64, Said)>,
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
            sources: vec![say!("said_src_sentence", codes = countries.0.join(", "))],
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
pub(super) fn measured_margin(check: &Check, data: &Data) -> Result<Option<(f64, Said)>, Stop> {
    let Some(sql) = &check.margin_sql else {
        return Ok(None);
    };
    let stop = |why: Said| Err(Stop(Verdict::NotCheckable, why));
    match data.sql.get(&expand_sql(sql)) {
        Some(Ok(rows)) => match rows.as_slice() {
            [row] if matches!(row.first(), Some(Cell::Number(_))) => {
                let Some(Cell::Number(m)) = row.first() else {
                    unreachable!("matched above")
                };
                let m = m.max(0.0);
                Ok(Some((
                    m,
                    say!("said_margin", percent = format!("{:.1}", 100.0 * m)),
                )))
            }
            _ => stop(say!("said_margin_no_number")),
        },
        Some(Err(e)) => stop(say!("said_margin_failed", error = e)),
        None => stop(say!("said_margin_not_run")),
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
pub(super) struct Stop(pub(super) Verdict, pub(super) Said);

pub(super) fn judge(check: &Check, part: &Part, mut o: Outcome) -> Evidence {
    // A query that returns a single text row gives a set of one where the claim states a set.
    if let (Claimed::Set(_), Computed::Text(t)) = (&part.claimed, &o.computed) {
        o.computed = Computed::Set(vec![t.clone()]);
    }
    let mut e = base(check, Verdict::Inconclusive, Said::Plain(String::new()));
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
        e.reason = say!("said_context_only", reason = &e.reason);
    }
    e
}

/// "LABEL gives SHOWN" (" in YEAR" when the outcome is of one year).
fn gives(label: &Said, shown: &Said, o: &Outcome) -> Said {
    match o.year {
        Some(year) => say!("said_gives_in", label = label, shown = shown, year = year),
        None => say!("said_gives", label = label, shown = shown),
    }
}

/// A claimed number against a computed one, by the check's role: within the tolerance, or as a
/// bound after its measured margin.
fn judge_number(check: &Check, part: &Part, o: &Outcome, claimed: f64, raw: f64, e: &mut Evidence) {
    let (claimed, unit) = (&claimed, part.unit.as_deref().unwrap_or(""));
    let x = raw * check.scale;
    let allowed = Allowed::of(part, *claimed);
    e.computed = Some(Computed::Number(x));
    e.shown = number_with_unit(x, unit);
    let diff = x - claimed;
    e.difference = Some(if *claimed != 0.0 {
        say!(
            "said_difference",
            sign = if diff >= 0.0 { "+" } else { "" },
            n = number_said(diff),
            percent = format!("{:+.1}", 100.0 * diff / claimed)
        )
    } else {
        number_said(diff)
    });
    let claimed_s = claimed_text(part);
    let role = match (check.role, &o.partial) {
        (Role::Decides, Some(_)) => Role::LowerBound,
        (r, _) => r,
    };
    let scope = (check.scope.as_ref().map(Said::curated))
        .or_else(|| o.partial.clone())
        .unwrap_or_else(|| Said::Plain(String::new()));
    let margin = o.margin.as_ref().map_or(0.0, |(m, _)| *m);
    e.margin = o.margin.as_ref().map(|(_, said)| said.clone());
    let given = gives(&e.label, &e.shown, o);
    let (verdict, reason) = match role {
        Role::Proxy => {
            let consistent = match allowed.holds(x) {
                true => "said_proxy_consistent",
                false => "said_proxy_not_consistent",
            };
            let reason = Said::Say(
                consistent,
                vec![("given", given), ("claimed", claimed_s), ("scope", scope)],
            );
            (Verdict::Inconclusive, reason)
        }
        Role::Decides | Role::Context | Role::Alternative | Role::Cited => {
            let difference = e
                .difference
                .clone()
                .unwrap_or_else(|| Said::Plain(String::new()));
            if allowed.holds(x) && allowed.at_edge(x) {
                (
                    Verdict::SupportedAtEdge,
                    say!(
                        "said_at_edge",
                        given = given,
                        claimed = claimed_s,
                        difference = difference
                    ),
                )
            } else if allowed.holds(x) {
                (
                    Verdict::Supported,
                    say!("said_given_claimed", given = given, claimed = claimed_s),
                )
            } else {
                (
                    Verdict::Contradicted,
                    say!("said_given_claimed", given = given, claimed = claimed_s),
                )
            }
        }
        // The bound's definition may overstate the claimed quantity by the margin.
        Role::LowerBound => {
            let floor = x / (1.0 + margin);
            let given = with_margin(given, margin, floor);
            let args = vec![("given", given), ("scope", scope), ("claimed", claimed_s)];
            if allowed.above(floor) {
                (Verdict::Contradicted, Said::Say("said_lower_above", args))
            } else if allowed.hi.is_infinite() && allowed.holds(floor) {
                (Verdict::Supported, Said::Say("said_lower_meets", args))
            } else {
                (Verdict::Inconclusive, Said::Say("said_lower_only", args))
            }
        }
        // The bound's definition may understate the claimed quantity by the margin.
        Role::UpperBound => {
            let ceiling = x * (1.0 + margin);
            let given = with_margin(given, margin, ceiling);
            let args = vec![("given", given), ("scope", scope), ("claimed", claimed_s)];
            if allowed.below(ceiling) {
                (Verdict::Contradicted, Said::Say("said_upper_below", args))
            } else if allowed.lo.is_infinite() && allowed.holds(ceiling) {
                (Verdict::Supported, Said::Say("said_upper_meets", args))
            } else {
                (Verdict::Inconclusive, Said::Say("said_upper_only", args))
            }
        }
    };
    e.verdict = verdict;
    e.reason = reason;
}

/// "GIVEN (N after the measured margin)", where there is a margin.
fn with_margin(given: Said, margin: f64, bounded: f64) -> Said {
    match margin > 0.0 {
        true => say!(
            "said_with_margin",
            given = given,
            value = number_said(bounded)
        ),
        false => given,
    }
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
    e.computed = Some(o.computed.clone());
    e.shown = match got.is_empty() {
        true => say!("said_none"),
        false => got.join(", ").into(),
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
        wrong.push(say!("said_set_not", codes = missing.join(", ")));
    }
    if !extra.is_empty() && !includes {
        wrong.push(say!("said_set_also", codes = extra.join(", ")));
    }
    let open: Vec<&str> = claimed_set
        .iter()
        .filter(|c| undecided.contains(*c) && !got_set.contains(*c))
        .map(|s| s.as_str())
        .collect();
    let given = gives(&e.label, &e.shown, o);
    let (verdict, reason) = if !wrong.is_empty() {
        (
            Verdict::Contradicted,
            say!("said_set_wrong", given = given, wrong = Said::List(wrong)),
        )
    } else if !open.is_empty() || (!includes && !o.undecided.is_empty()) {
        (
            Verdict::Inconclusive,
            say!(
                "said_set_open",
                given = given,
                codes = o.undecided.join(", ")
            ),
        )
    } else {
        let exactly = match (o.year, includes) {
            (Some(year), false) => say!(
                "said_set_exactly_in",
                label = &e.label,
                year = year,
                shown = &e.shown
            ),
            (Some(year), true) => say!(
                "said_set_includes_in",
                label = &e.label,
                year = year,
                shown = &e.shown
            ),
            (None, false) => say!("said_set_exactly", label = &e.label, shown = &e.shown),
            (None, true) => say!("said_set_includes", label = &e.label, shown = &e.shown),
        };
        (Verdict::Supported, exactly)
    };
    let (verdict, reason) = bound_only(check, verdict, reason);
    e.verdict = verdict;
    e.reason = reason;
}

/// A claimed name or date against the computed one.
fn judge_text(check: &Check, o: &Outcome, claimed: &str, got: &str, e: &mut Evidence) {
    e.computed = Some(o.computed.clone());
    e.shown = got.into();
    let (verdict, reason) = match (claimed.parse::<FactDate>(), got.parse::<FactDate>()) {
        (Ok(c), Ok(g)) => compare_dates(c, g, &e.label),
        _ => {
            let given = gives(&e.label, &e.shown, o);
            if same_name(claimed, got) {
                (Verdict::Supported, given)
            } else {
                // A code or a date is said as it is; only words are translated.
                let claimed = match super::parts::is_worded(claimed) {
                    true => Said::curated(claimed),
                    false => Said::Plain(claimed.to_string()),
                };
                (
                    Verdict::Contradicted,
                    say!("said_given_not", given = given, claimed = claimed),
                )
            }
        }
    };
    let (verdict, reason) = bound_only(check, verdict, reason);
    e.verdict = verdict;
    e.reason = reason;
}

/// Whether two names are the same name, written with or without accents and capitals
/// ("Brasilia" and "Brasília").
fn same_name(a: &str, b: &str) -> bool {
    use unicode_normalization::UnicodeNormalization;
    let fold = |s: &str| -> String {
        (s.trim().nfd())
            .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
            .flat_map(char::to_lowercase)
            .collect()
    };
    fold(a) == fold(b)
}

/// The check computes another kind of thing than the claim states.
fn mismatch(check: &Check, part: &Part, claimed: &Claimed, got: &Computed, e: &mut Evidence) {
    let unit = part.unit.as_deref().unwrap_or("");
    e.computed = Some(got.clone());
    e.shown = match got {
        Computed::Number(n) => number_with_unit(n * check.scale, unit),
        Computed::Text(t) => t.into(),
        Computed::Set(s) => s.join(", ").into(),
    };
    e.verdict = Verdict::NotCheckable;
    let (got, claimed) = (kind_of_computed(got), kind_of_claimed(claimed));
    e.reason = match check.role {
        Role::Context => say!(
            "said_kind_context",
            label = &e.label,
            shown = &e.shown,
            claimed = say_key(claimed),
            got = say_key(got)
        ),
        _ => say!(
            "said_kind_fix",
            got = say_key(got),
            claimed = say_key(claimed)
        ),
    };
}

/// A template without arguments.
fn say_key(key: &'static str) -> Said {
    Said::Say(key, vec![])
}

pub(super) fn bound_only(check: &Check, verdict: Verdict, reason: Said) -> (Verdict, Said) {
    let scope = (check.scope.as_ref().map(Said::curated)).unwrap_or_else(|| "".into());
    match check.role {
        Role::Proxy => {
            let key = match verdict == Verdict::Supported {
                true => "said_bound_consistent",
                false => "said_bound_not_consistent",
            };
            (
                Verdict::Inconclusive,
                Said::Say(key, vec![("reason", reason), ("scope", scope)]),
            )
        }
        Role::UpperBound | Role::LowerBound if verdict == Verdict::Supported => (
            Verdict::Inconclusive,
            say!("said_but", reason = reason, scope = scope),
        ),
        _ => (verdict, reason),
    }
}

pub(super) fn kind_of_computed(c: &Computed) -> &'static str {
    match c {
        Computed::Number(_) => "said_kind_number",
        Computed::Text(_) => "said_kind_text",
        Computed::Set(_) => "said_kind_set",
    }
}

pub(super) fn kind_of_claimed(c: &Claimed) -> &'static str {
    match c {
        Claimed::Number(_) => "said_kind_number",
        Claimed::Text(_) => "said_kind_text",
        Claimed::Set(_) => "said_kind_set",
    }
}

pub(super) fn rank(p: Precision) -> u8 {
    match p {
        Precision::Year => 0,
        Precision::Month => 1,
        Precision::Day => 2,
    }
}

pub(super) fn compare_dates(claimed: FactDate, got: FactDate, label: &Said) -> (Verdict, Said) {
    let within = |outer: FactDate, inner: FactDate| {
        outer.first_day() <= inner.first_day() && inner.last_day() <= outer.last_day()
    };
    let (c, g) = (claimed.to_string(), got.to_string());
    if rank(got.precision()) >= rank(claimed.precision()) {
        if within(claimed, got) {
            let reason = say!("said_date_within", label = label, got = g, claimed = c);
            (Verdict::Supported, reason)
        } else {
            let reason = say!("said_date_not", label = label, got = g, claimed = c);
            (Verdict::Contradicted, reason)
        }
    } else if within(got, claimed) {
        let reason = say!("said_date_only", label = label, got = g, claimed = c);
        (Verdict::Inconclusive, reason)
    } else {
        let reason = say!("said_date_not", label = label, got = g, claimed = c);
        (Verdict::Contradicted, reason)
    }
}
