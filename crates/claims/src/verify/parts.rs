//! A part of a sentence: its checks evaluated, the same source never counted twice, and how each
//! check can be reproduced.

use super::*;

/// The SQL that reproduces a check's number, where there is one.
pub(super) fn reproduce(check: &Check) -> Option<String> {
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
pub(super) fn query_rests_on(check: &Check) -> BTreeSet<String> {
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

pub(super) fn evaluate_part(part: &Part, file: &ClaimFile, data: &Data) -> PartResult {
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
            match &part.not_checkable {
                Some(why) => Said::curated(why),
                None => say!("said_no_check"),
            },
        )
    } else {
        combine_checks(&evidence)
    };
    PartResult {
        what: Said::curated(&part.what),
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
pub(super) fn same_source_again(e: &mut Evidence, queried: &BTreeSet<String>) {
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
        e.reason = say!(
            "said_same_source",
            datasets = on.join(", "),
            reason = &e.reason
        );
    }
}

/// The sentence's own list is no evidence that the sentence is true: a count that matches it is
/// shown, and only a mismatch (the sentence contradicting itself) counts.
pub(super) fn own_list_only_contradicts(e: &mut Evidence) {
    if e.from == Origin::Listed && e.role.votes() && e.verdict != Verdict::Contradicted {
        e.role = Role::Context;
        e.reason = say!("said_own_list", reason = &e.reason);
    }
}

/// The answer of the `cited` checks: does the document report its source as the source says?
pub(super) fn faithful(evidence: &[Evidence]) -> Option<Faithful> {
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

/// Whether a claimed text is words a reader's language writes its own way ("many", "16th
/// century"), rather than a date, a year or a code said as is ("2014-07", "BRA", "UNIDO").
pub fn is_worded(text: &str) -> bool {
    let code = text.len() >= 3 && text.chars().all(|c| c.is_ascii_uppercase());
    !(code || text.parse::<FactDate>().is_ok())
}

/// The claimed value as a reader writes it: the hedge, the value and its unit.
pub(super) fn claimed_text(part: &Part) -> Said {
    let unit = part.unit.as_deref().unwrap_or("");
    let value = match &part.claimed {
        Claimed::Number(n) => number_with_unit(*n, unit),
        Claimed::Text(t) if is_worded(t) => Said::curated(t),
        Claimed::Text(t) => Said::Plain(t.clone()),
        Claimed::Set(s) => s.join(", ").into(),
    };
    match part.hedge.key() {
        None => value,
        Some(key) => Said::Say(key, vec![("value", value)]),
    }
}
