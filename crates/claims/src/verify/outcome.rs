//! What each kind of query produced: an indicator's values, a SQL result, or the curated facts
//! with their independent sources.

use super::*;

pub(super) fn indicator_outcome(check: &Check, data: &Data) -> Result<Outcome, Stop> {
    let Query::Indicator {
        id,
        countries,
        years,
        ..
    } = &check.query
    else {
        unreachable!("indicator check")
    };
    let values = indicator_values(check, data)?;
    let span = |vals: &[&Value]| -> Said {
        let years = vals.iter().map(|v| v.year);
        match (years.clone().min(), years.max()) {
            (Some(a), Some(b)) => format!("{a}–{b}").into(),
            _ => say!("said_none"),
        }
    };
    let in_years: Vec<&Value> = (values.iter().copied())
        .filter(|v| v.year >= years.0 && v.year <= years.1)
        .collect();
    let when = match years.0 == years.1 {
        true => years.0.to_string(),
        false => format!("{}–{}", years.0, years.1),
    };
    if in_years.is_empty() {
        return Err(Stop(
            Verdict::Inconclusive,
            say!(
                "said_no_data_for",
                label = Said::curated(&check.label),
                when = &when,
                span = span(&values),
                id = id
            ),
        ));
    }
    let cover = Cover::of(countries, *years, &in_years, &when);
    let mut outcome = Outcome {
        computed: Computed::Number(0.0),
        coverage: Some(cover.text.clone()),
        partial: None,
        undecided: vec![],
        sources: value_sources(id, &values),
        year: (years.0 == years.1).then_some(years.0),
        rests_on: BTreeSet::new(),
        margin: None,
    };
    aggregate_values(check, &in_years, &cover, &when, &mut outcome)?;
    Ok(outcome)
}

/// The indicator's values for the check's countries and dimension, all years; or why there are
/// none.
fn indicator_values<'a>(check: &Check, data: &'a Data) -> Result<Vec<&'a Value>, Stop> {
    let Query::Indicator {
        id,
        countries,
        dimension,
        ..
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
            say!("said_not_computed", id = id, error = e),
        ));
    }
    let values: Vec<&Value> = (data.values.get(id).into_iter().flatten())
        .filter(|v| dimension.is_none() || v.dimension.as_deref() == dimension.as_deref())
        .filter(|v| countries.0.contains(&v.country))
        .collect();
    if values.is_empty() {
        return Err(Stop(
            Verdict::NotCheckable,
            say!("said_no_values", id = id, countries = describe(countries)),
        ));
    }
    Ok(values)
}

/// The provenance of the values (the indicator's declared sources when there are none).
fn value_sources(id: &str, values: &[&Value]) -> Vec<Said> {
    let mut sources: Vec<String> = (values.iter().map(|v| v.provenance.clone()))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    if sources.is_empty() {
        if let Some(i) = galeon_indicators::find(id) {
            sources.push(i.sources.to_string());
        }
    }
    sources
        .into_iter()
        .map(|s| format!("{id}: {s}").into())
        .collect()
}

/// Which of the check's countries have a value in every year asked.
struct Cover<'a> {
    by_country: BTreeMap<&'a str, Vec<&'a Value>>,
    complete: Vec<&'a str>,
    lacking: Vec<&'a str>,
    /// "N of M countries with data for WHEN".
    text: Said,
}

impl<'a> Cover<'a> {
    fn of(
        countries: &'a Countries,
        years: (i32, i32),
        in_years: &[&'a Value],
        when: &str,
    ) -> Cover<'a> {
        let mut by_country: BTreeMap<&str, Vec<&Value>> = BTreeMap::new();
        for v in in_years {
            by_country.entry(v.country.as_str()).or_default().push(*v);
        }
        let n_years = (years.1 - years.0 + 1) as usize;
        let full = |c: &&String| {
            by_country.get(c.as_str()).is_some_and(|vals| {
                vals.iter().map(|v| v.year).collect::<HashSet<_>>().len() == n_years
            })
        };
        let complete: Vec<&str> = countries
            .0
            .iter()
            .filter(full)
            .map(String::as_str)
            .collect();
        let lacking: Vec<&str> = (countries.0.iter().map(String::as_str))
            .filter(|c| !complete.contains(c))
            .collect();
        let text = say!(
            "said_cover",
            n = complete.len(),
            of = countries.0.len(),
            when = when
        );
        Cover {
            by_country,
            complete,
            lacking,
            text,
        }
    }
}

/// The check's aggregate of the values: their sum (partial where countries lack data and the
/// values cannot be negative), or the countries (or their count) where the condition holds.
fn aggregate_values(
    check: &Check,
    in_years: &[&Value],
    cover: &Cover,
    when: &str,
    outcome: &mut Outcome,
) -> Result<(), Stop> {
    let Query::Indicator {
        aggregate,
        condition,
        ..
    } = &check.query
    else {
        unreachable!("indicator check")
    };
    let (lacking, coverage) = (&cover.lacking, &cover.text);
    match aggregate {
        Aggregate::Value | Aggregate::Sum => {
            let sum: f64 = in_years.iter().map(|v| v.value).sum();
            outcome.computed = Computed::Number(sum);
            if !lacking.is_empty() {
                if in_years.iter().all(|v| v.value >= 0.0) && *aggregate == Aggregate::Sum {
                    let lacking = lacking.join(", ");
                    outcome.partial = Some(say!(
                        "said_partial_sum",
                        coverage = coverage,
                        lacking = lacking
                    ));
                } else {
                    return Err(Stop(
                        Verdict::Inconclusive,
                        say!(
                            "said_lacks_data",
                            label = Said::curated(&check.label),
                            lacking = lacking.join(", "),
                            when = when
                        ),
                    ));
                }
            }
        }
        Aggregate::CountriesWhere | Aggregate::CountWhere => {
            let condition = condition.expect("validated");
            let mut set: Vec<String> = (cover.complete.iter())
                .filter(|c| {
                    cover.by_country[*c]
                        .iter()
                        .any(|v| condition.holds(v.value))
                })
                .map(|c| c.to_string())
                .collect();
            set.sort();
            outcome.undecided = lacking.iter().map(|c| c.to_string()).collect();
            if *aggregate == Aggregate::CountriesWhere {
                outcome.computed = Computed::Set(set);
            } else {
                outcome.computed = Computed::Number(set.len() as f64);
                if !lacking.is_empty() {
                    let lacking = lacking.join(", ");
                    outcome.partial = Some(say!(
                        "said_partial_count",
                        coverage = coverage,
                        lacking = lacking
                    ));
                }
            }
        }
    }
    Ok(())
}

pub(super) fn describe(countries: &Countries) -> Said {
    if countries.0.len() == LAC33.len() {
        say!("said_lac33")
    } else {
        countries.0.join(", ").into()
    }
}

pub(super) fn sql_outcome(sql: &str, datasets: &[String], data: &Data) -> Result<Outcome, Stop> {
    if let Some(e) = &data.store_error {
        return Err(Stop(Verdict::NotCheckable, e.clone()));
    }
    let mut sources = Vec::new();
    for d in datasets {
        match data.releases.get(d) {
            Some(release) => sources.push(format!("{d} ({release})").into()),
            None => {
                return Err(Stop(
                    Verdict::NotCheckable,
                    say!("said_needs_dataset", id = d),
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
                say!("said_query_failed", error = e),
            ))
        }
        None => return Err(Stop(Verdict::NotCheckable, say!("said_query_not_run"))),
    };
    let computed = match rows.as_slice() {
        [] => return Err(Stop(Verdict::Inconclusive, say!("said_no_rows"))),
        [row] if row.len() == 1 => match &row[0] {
            Cell::Null => return Err(Stop(Verdict::Inconclusive, say!("said_null"))),
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
pub(super) fn normal_url(url: &str) -> String {
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
pub(super) fn is_document(source: &galeon_facts::Source, document: &crate::spec::Document) -> bool {
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
pub(super) fn source_key(source: &galeon_facts::Source) -> Option<String> {
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
pub(super) fn independent_sources<'a>(
    fact: &'a Fact,
    document: &crate::spec::Document,
) -> Vec<&'a galeon_facts::Source> {
    fact.sources
        .iter()
        .filter(|s| !is_document(s, document) && source_key(s).is_some())
        .collect()
}

pub(super) fn source_line(s: &galeon_facts::Source) -> String {
    match &s.published {
        Some(p) => format!("{} — {} ({p})", s.title, s.publisher),
        None => format!("{} — {}", s.title, s.publisher),
    }
}

/// Why no record could decide: only the document itself, or only unverifiable sources.
pub(super) fn no_independent_record(
    records: &[&Fact],
    document: &crate::spec::Document,
    what: &str,
) -> Said {
    let own = records
        .iter()
        .filter(|f| f.sources.iter().any(|s| is_document(s, document)))
        .count();
    let unverifiable = records.len() - own;
    match (records.len(), own, unverifiable) {
        (0, _, _) => say!("said_no_record", kind = what),
        (_, _, 0) => say!("said_only_document", kind = what),
        (_, 0, _) => say!("said_unverifiable", kind = what),
        _ => say!(
            "said_own_and_unverifiable",
            n = records.len(),
            kind = what,
            own = own,
            unverifiable = unverifiable
        ),
    }
}

pub(super) fn facts_outcome(check: &Check, file: &ClaimFile, data: &Data) -> Result<Outcome, Stop> {
    let Query::Facts {
        kind,
        as_of,
        measure,
        nth,
        fact,
        ..
    } = &check.query
    else {
        unreachable!("facts check")
    };
    if let Some(id) = fact {
        return one_fact(id, *kind, *measure, file, data);
    }
    let records = Records::select(&check.query, file, data)?;
    let holding = &records.holding;
    let (computed, (sources, rests_on)) = match measure {
        FactMeasure::Count => {
            let n = members(holding).len() as f64;
            (Computed::Number(n), records.cited(holding))
        }
        FactMeasure::Members => (Computed::Set(members(holding)), records.cited(holding)),
        FactMeasure::Records => (
            Computed::Number(holding.len() as f64),
            records.cited(holding),
        ),
        FactMeasure::First | FactMeasure::Latest => records.first_or_latest(*measure, *as_of)?,
        FactMeasure::Date | FactMeasure::Place | FactMeasure::PlaceCountry => {
            records.nth_record(*nth, *measure)?
        }
        FactMeasure::Amount | FactMeasure::Value | FactMeasure::Builders => {
            unreachable!("handled above")
        }
    };
    // A count over the records with independent sources is a lower bound when others hold; a
    // set leaves their countries undecided.
    let dropped_holding = &records.dropped_holding;
    let counts = matches!(measure, FactMeasure::Count | FactMeasure::Records);
    let partial = (counts && !dropped_holding.is_empty())
        .then(|| say!("said_partial_records", ids = ids(dropped_holding)));
    let undecided: Vec<String> = if *measure == FactMeasure::Members {
        members(dropped_holding)
    } else {
        vec![]
    };
    Ok(Outcome {
        computed,
        coverage: as_of.map(|d: NaiveDate| say!("said_as_of", day = d.to_string())),
        partial,
        undecided,
        sources,
        year: None,
        rests_on,
        margin: None,
    })
}

/// One named record's figure, value, builders, date or place, if an independent source gives it
/// and the record is of the check's kind.
fn one_fact(
    id: &str,
    kind: galeon_facts::FactKind,
    measure: FactMeasure,
    file: &ClaimFile,
    data: &Data,
) -> Result<Outcome, Stop> {
    let Some(record) = data.facts.iter().find(|f| f.id == id) else {
        return Err(Stop(
            Verdict::NotCheckable,
            say!("said_no_fact", id = format!("{id:?}")),
        ));
    };
    // A record of another kind is a mistake in the claims file, never evidence.
    if record.kind != kind {
        return Err(Stop(
            Verdict::NotCheckable,
            say!(
                "said_fact_other_kind",
                id = id,
                found = record.kind.as_str(),
                kind = kind.as_str()
            ),
        ));
    }
    let others = independent_sources(record, &file.document);
    if others.is_empty() {
        return Err(Stop(
            Verdict::NotCheckable,
            no_independent_record(&[record], &file.document, kind.as_str()),
        ));
    }
    let computed = match measure {
        FactMeasure::Amount => record.amount.map(Computed::Number),
        FactMeasure::Value => Some(Computed::Text(record.value.clone())),
        FactMeasure::Date => Some(Computed::Text(record.date.to_string())),
        FactMeasure::Place => record.place.clone().map(Computed::Text),
        FactMeasure::Builders => {
            (!record.builders.is_empty()).then(|| Computed::Set(record.builders.clone()))
        }
        _ => record.place_country.clone().map(Computed::Text),
    };
    let Some(computed) = computed else {
        let missing = match measure {
            FactMeasure::Amount => say!("said_no_figure", id = id),
            FactMeasure::Builders => say!("said_no_builders", id = id),
            _ => say!("said_no_place", id = id),
        };
        return Err(Stop(Verdict::NotCheckable, missing));
    };
    let mut sources = vec![say!("said_src_fact", id = id)];
    sources.extend(others.iter().map(|s| source_line(s).into()));
    Ok(Outcome {
        computed,
        coverage: None,
        partial: None,
        undecided: vec![],
        sources,
        year: None,
        rests_on: others.iter().filter_map(|s| source_key(s)).collect(),
        margin: None,
    })
}

/// The ids of records, for reasons.
fn ids(list: &[&Fact]) -> String {
    let ids: Vec<&str> = list.iter().map(|f| f.id.as_str()).collect();
    ids.join(", ")
}

/// The countries of records, each once, in order.
fn members(facts: &[&Fact]) -> Vec<String> {
    let set: BTreeSet<String> = facts.iter().filter_map(|f| f.country.clone()).collect();
    set.into_iter().collect()
}

/// The lines and keys of the sources a result rests on.
type Cited = (Vec<Said>, BTreeSet<String>);

/// The records a facts check reads, split by whether they have a source independent of the
/// document, and by whether they hold on the day asked about.
struct Records<'a> {
    kind: galeon_facts::FactKind,
    document: &'a crate::spec::Document,
    /// Records of the kind, values and scope asked, with an independent source.
    independent: Vec<&'a Fact>,
    /// The same without one: they still exist, so a count or a set over the rest is partial,
    /// and a "first" or a date they could precede cannot be decided.
    dropped: Vec<&'a Fact>,
    /// Independent records holding on the day.
    holding: Vec<&'a Fact>,
    /// Dropped records holding on the day.
    dropped_holding: Vec<&'a Fact>,
}

impl<'a> Records<'a> {
    fn select(query: &Query, file: &'a ClaimFile, data: &'a Data) -> Result<Records<'a>, Stop> {
        let Query::Facts {
            kind,
            values,
            as_of,
            measure,
            country,
            countries,
            ..
        } = query
        else {
            unreachable!("facts check")
        };
        let in_scope = |f: &&Fact| match measure {
            m if m.of_one_record() => f.country.as_deref() == country.as_deref(),
            _ => f.country.as_ref().is_some_and(|c| countries.0.contains(c)),
        };
        let matching: Vec<&Fact> = (data.facts.iter())
            .filter(|f| f.kind == *kind && f.used)
            .filter(|f| values.is_empty() || values.contains(&f.value))
            .filter(in_scope)
            .collect();
        let (independent, dropped): (Vec<&Fact>, Vec<&Fact>) =
            (matching.iter()).partition(|f| !independent_sources(f, &file.document).is_empty());
        if independent.is_empty() {
            return Err(Stop(
                Verdict::NotCheckable,
                no_independent_record(&matching, &file.document, kind.as_str()),
            ));
        }
        let day = as_of.unwrap_or_else(|| chrono::Utc::now().date_naive());
        let holds = |list: &[&'a Fact]| list.iter().copied().filter(|f| f.holds_on(day)).collect();
        Ok(Records {
            kind: *kind,
            document: &file.document,
            holding: holds(&independent),
            dropped_holding: holds(&dropped),
            independent,
            dropped,
        })
    }

    /// The evidence listed is the evidence used: the independent sources of these records.
    fn cited(&self, records: &[&Fact]) -> Cited {
        let used: Vec<&galeon_facts::Source> = (records.iter())
            .flat_map(|f| independent_sources(f, self.document))
            .collect();
        let keys = used.iter().filter_map(|s| source_key(s)).collect();
        let lines: BTreeSet<String> = used.iter().map(|s| source_line(s)).collect();
        let mut lines: Vec<Said> = lines.into_iter().map(Said::Plain).collect();
        let kind = self.kind.to_string();
        lines.insert(0, say!("said_src_facts", kind = kind));
        (lines, keys)
    }

    /// Fails when a dropped record of `list` could come before `before`.
    fn undecidable(&self, before: NaiveDate, list: &[&Fact]) -> Result<(), Stop> {
        let earlier: Vec<&Fact> = (list.iter().copied())
            .filter(|f| f.date.first_day() <= before)
            .collect();
        if earlier.is_empty() {
            return Ok(());
        }
        Err(Stop(
            Verdict::Inconclusive,
            say!("said_may_come_first", ids = ids(&earlier)),
        ))
    }

    /// The country whose first record comes first (or, for `latest`, whose first record among
    /// those holding comes last), with that record's sources.
    fn first_or_latest(
        &self,
        measure: FactMeasure,
        as_of: Option<NaiveDate>,
    ) -> Result<(Computed, Cited), Stop> {
        let first = measure == FactMeasure::First;
        let before_day = |f: &&Fact| as_of.is_none_or(|d| f.date.first_day() <= d);
        let pool: Vec<&Fact> = match first {
            true => self
                .independent
                .iter()
                .copied()
                .filter(before_day)
                .collect(),
            false => self.holding.clone(),
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
        let days = starts.values().map(|d| d.first_day());
        let Some(pick) = (if first { days.min() } else { days.max() }) else {
            let kind = self.kind.to_string();
            let none = match as_of {
                Some(d) => say!("said_none_holds_on", kind = kind, day = d.to_string()),
                None => say!("said_none_holds", kind = kind),
            };
            return Err(Stop(Verdict::Inconclusive, none));
        };
        let chosen: Vec<(&String, &FactDate)> = (starts.iter())
            .filter(|(_, d)| d.first_day() == pick)
            .collect();
        if chosen.len() > 1 {
            let tied: Vec<String> = chosen.iter().map(|(c, d)| format!("{c} {d}")).collect();
            return Err(Stop(
                Verdict::Inconclusive,
                say!("said_tie", records = tied.join(", ")),
            ));
        }
        if first {
            let dropped: Vec<&Fact> = self.dropped.iter().copied().filter(before_day).collect();
            self.undecidable(pick, &dropped)?;
        } else if (self.dropped_holding.iter()).any(|f| f.date.first_day() >= pick) {
            return Err(Stop(
                Verdict::Inconclusive,
                say!("said_may_come_later", ids = ids(&self.dropped_holding)),
            ));
        }
        let (code, date) = chosen[0];
        let records: Vec<&Fact> = (pool.iter().copied())
            .filter(|f| f.country.as_deref() == Some(code.as_str()))
            .collect();
        let (mut sources, rests_on) = self.cited(&records);
        sources.insert(
            1,
            say!("said_src_from", code = code, date = date.to_string()),
        );
        Ok((Computed::Text(code.clone()), (sources, rests_on)))
    }

    /// The date, place or place's country (`measure`) of the `nth` record (1 = the first), with
    /// its sources.
    fn nth_record(&self, nth: usize, measure: FactMeasure) -> Result<(Computed, Cited), Stop> {
        let mut dated = self.independent.clone();
        dated.sort_by_key(|f| f.date.first_day());
        let Some(fact) = dated.get(nth - 1) else {
            let reason = match self.dropped.is_empty() {
                true => say!("said_records_not_nth", n = dated.len(), nth = nth),
                false => say!(
                    "said_records_not_nth_without",
                    n = dated.len(),
                    without = self.dropped.len(),
                    ids = ids(&self.dropped),
                    nth = nth
                ),
            };
            return Err(Stop(Verdict::Inconclusive, reason));
        };
        self.undecidable(fact.date.first_day(), &self.dropped)?;
        let (mut sources, rests_on) = self.cited(&[*fact]);
        let written = Lang::ALL.map(|lang| fact.text_in(lang).0.to_string());
        let text = Said::Written(Box::new(written));
        sources.insert(1, say!("said_src_record", id = &fact.id, text = text));
        let value = match measure {
            FactMeasure::Place => fact.place.clone(),
            FactMeasure::PlaceCountry => fact.place_country.clone(),
            _ => Some(fact.date.to_string()),
        };
        let Some(value) = value else {
            return Err(Stop(
                Verdict::NotCheckable,
                say!("said_no_place", id = &fact.id),
            ));
        };
        Ok((Computed::Text(value), (sources, rests_on)))
    }
}
