//! Every verdict, hedge and role on small fixtures written here (no store needed), and the
//! errors malformed claim files give.

use galeon_claims::verify::{expand_sql, Cell};
use galeon_claims::{evaluate, load_str, Data, FileReport, Verdict};
use galeon_indicators::Value;

const HEADER: &str = r#"
[document]
id = "fixture"
title = "A fixture document"
authors = "Nobody"
published = "2024"
url = "https://example.org/paper"
"#;

fn value(country: &str, year: i32, v: f64) -> Value {
    Value {
        indicator: "china_reported_trade_with",
        country: country.into(),
        partner: Some("CHN".into()),
        dimension: None,
        year,
        value: v,
        unit: "USD".into(),
        provenance: "trade_flows (imf-dots) — releases: fixture".into(),
        source: "imf-dots".into(),
        series_break: false,
    }
}

/// China-reported trade with two states: 10 + 8 = 18 bn in 2002, 30 + 20 = 50 bn in 2010.
fn data() -> Data {
    let mut data = Data::default();
    data.values.insert(
        "china_reported_trade_with".into(),
        vec![
            value("BRA", 2002, 10e9),
            value("ARG", 2002, 8e9),
            value("BRA", 2010, 30e9),
            value("ARG", 2010, 20e9),
            value("BRA", 2011, 31e9),
        ],
    );
    data.releases
        .insert("aei-cgit".into(), "CGIT fixture".into());
    data.sql.insert(
        expand_sql("SELECT 49e9"),
        Ok(vec![vec![Cell::Number(49e9)]]),
    );
    data.sql.insert(
        expand_sql("SELECT 20e9"),
        Ok(vec![vec![Cell::Number(20e9)]]),
    );
    data.sql.insert(
        expand_sql("SELECT c FROM t"),
        Ok(vec![
            vec![Cell::Text("BRA".into())],
            vec![Cell::Text("ARG".into())],
        ]),
    );
    data.facts = galeon_facts::load_str(
        "bri.toml",
        r#"
[[fact]]
id = "bri-pan"
kind = "bri"
country = "PAN"
value = "member"
date = "2017-06"
text = "Panama joined."
[[fact.sources]]
title = "BRI countries"
publisher = "GFDC"
accessed = "2026-11-28"

[[fact]]
id = "bri-arg"
kind = "bri"
country = "ARG"
value = "member"
date = "2022-02-06"
text = "Argentina joined."
[[fact.sources]]
title = "BRI countries"
publisher = "GFDC"
accessed = "2026-11-28"

[[fact]]
id = "programme-own"
kind = "programme"
value = "programme"
date = "2016"
amount = 39
unit = "institutes"
text = "Only the paper says so."
[[fact.sources]]
title = "The paper"
publisher = "A journal"
url = "https://example.org/paper"
accessed = "2026-11-28"
"#,
    )
    .unwrap();
    data
}

fn run(claims: &str) -> FileReport {
    let file = load_str("fixture.toml", &format!("{HEADER}{claims}")).unwrap();
    evaluate(&file, &data())
}

fn verdict(claims: &str) -> (Verdict, String) {
    let report = run(claims);
    let c = &report.claims[0];
    (c.verdict, c.reason.clone())
}

fn trade_claim(claimed: &str, hedge: &str, year: i32) -> String {
    format!(
        r#"
[[claim]]
id = "c"
text = "t"
section = "1"
[[claim.part]]
what = "trade"
claimed = {claimed}
hedge = "{hedge}"
unit = "USD"
[[claim.part.check]]
label = "China-reported"
indicator = "china_reported_trade_with"
countries = ["BRA", "ARG"]
year = {year}
aggregate = "sum"
scan = true
"#
    )
}

#[test]
fn supported_when_the_sum_is_within_the_hedge() {
    // 10 + 8 = 18 bn, worked by hand from the fixture.
    assert_eq!(
        verdict(&trade_claim("18e9", "about", 2002)).0,
        Verdict::Supported
    );
    // "almost 18.3": 18 is 1.6 % under, inside the default 10 %.
    assert_eq!(
        verdict(&trade_claim("18.3e9", "almost", 2002)).0,
        Verdict::Supported
    );
    // "almost 17": 18 is 5.9 % over, and "almost" allows only 2 % over.
    assert_eq!(
        verdict(&trade_claim("17e9", "almost", 2002)).0,
        Verdict::Contradicted
    );
    assert_eq!(
        verdict(&trade_claim("15e9", "more than", 2002)).0,
        Verdict::Supported
    );
    assert_eq!(
        verdict(&trade_claim("18e9", "more than", 2002)).0,
        Verdict::Contradicted
    );
    assert_eq!(
        verdict(&trade_claim("19e9", "less than", 2002)).0,
        Verdict::Supported
    );
    assert_eq!(
        verdict(&trade_claim("18e9", "at most", 2002)).0,
        Verdict::Supported
    );
    // A plain figure: 5 % either way.
    assert_eq!(
        verdict(&trade_claim("17.2e9", "", 2002)).0,
        Verdict::Supported
    );
    assert_eq!(
        verdict(&trade_claim("16.9e9", "", 2002)).0,
        Verdict::Contradicted
    );
}

#[test]
fn contradicted_names_the_year_the_value_fits() {
    // 18 bn claimed for 2010, where the data give 50 bn; 2002 gives 18 bn.
    let (v, reason) = verdict(&trade_claim("18e9", "almost", 2010));
    assert_eq!(v, Verdict::Contradicted);
    assert!(reason.contains("50.0 bn"), "{reason}");
    assert!(
        reason.contains("fits China-reported in 2002 (18.0 bn)"),
        "{reason}"
    );
}

#[test]
fn inconclusive_when_coverage_ends_or_countries_are_missing() {
    let (v, reason) = verdict(&trade_claim("18e9", "about", 2021));
    assert_eq!(v, Verdict::Inconclusive);
    assert!(
        reason.contains("no data for 2021") && reason.contains("2002–2011"),
        "{reason}"
    );
    // 2011 has Brazil only: the 31 bn sum is a lower bound, so "about 40" cannot be decided…
    let (v, reason) = verdict(&trade_claim("40e9", "about", 2011));
    assert_eq!(v, Verdict::Inconclusive, "{reason}");
    assert!(reason.contains("missing: ARG"), "{reason}");
    // …but "about 20" is contradicted: Brazil alone already exceeds it.
    assert_eq!(
        verdict(&trade_claim("20e9", "about", 2011)).0,
        Verdict::Contradicted
    );
}

#[test]
fn sources_that_disagree_are_shown_not_hidden() {
    let claims = r#"
[[claim]]
id = "c"
text = "t"
section = "1"
[[claim.part]]
what = "trade"
claimed = 50e9
unit = "USD"
[[claim.part.check]]
label = "DOTS"
indicator = "china_reported_trade_with"
countries = ["BRA", "ARG"]
year = 2010
aggregate = "sum"
[[claim.part.check]]
label = "Another source"
sql = "SELECT 20e9"
datasets = ["aei-cgit"]
"#;
    let (v, reason) = verdict(claims);
    assert_eq!(v, Verdict::Inconclusive);
    assert!(reason.starts_with("sources disagree"), "{reason}");
    assert!(
        reason.contains("DOTS gives 50.0 bn") && reason.contains("Another source gives 20.0 bn")
    );
}

#[test]
fn bounds_and_proxies() {
    let claim = |claimed: &str, role: &str, margin: &str| {
        format!(
            r#"
[[claim]]
id = "c"
text = "t"
section = "1"
[[claim.part]]
what = "x"
claimed = {claimed}
[[claim.part.check]]
label = "bound"
role = "{role}"
scope = "a different scope"
{margin}
sql = "SELECT 49e9"
datasets = ["aei-cgit"]
"#
        )
    };
    // An upper bound of 49 contradicts 60 and cannot decide 40.
    assert_eq!(
        verdict(&claim("60e9", "upper_bound", "")).0,
        Verdict::Contradicted
    );
    assert_eq!(
        verdict(&claim("40e9", "upper_bound", "")).0,
        Verdict::Inconclusive
    );
    // A lower bound of 49 contradicts 18, not 60; a 25 % margin still contradicts 18 (36.75 > 18).
    assert_eq!(
        verdict(&claim("18e9", "lower_bound", "")).0,
        Verdict::Contradicted
    );
    assert_eq!(
        verdict(&claim("18e9", "lower_bound", "margin = 0.25")).0,
        Verdict::Contradicted
    );
    assert_eq!(
        verdict(&claim("40e9", "lower_bound", "margin = 0.25")).0,
        Verdict::Inconclusive
    );
    assert_eq!(
        verdict(&claim("60e9", "lower_bound", "")).0,
        Verdict::Inconclusive
    );
    // A proxy never decides, but says whether it agrees.
    let (v, reason) = verdict(&claim("49e9", "proxy", ""));
    assert_eq!(v, Verdict::Inconclusive);
    assert!(
        reason.contains("consistent with") && reason.contains("a different scope"),
        "{reason}"
    );
}

#[test]
fn sets_ranks_and_text() {
    let set = |claimed: &str, hedge: &str| {
        format!(
            r#"
[[claim]]
id = "c"
text = "t"
section = "1"
[[claim.part]]
what = "x"
claimed = {claimed}
hedge = "{hedge}"
[[claim.part.check]]
label = "q"
sql = "SELECT c FROM t"
datasets = ["aei-cgit"]
"#
        )
    };
    assert_eq!(verdict(&set(r#"["ARG", "BRA"]"#, "")).0, Verdict::Supported);
    let (v, reason) = verdict(&set(r#"["BRA", "PER"]"#, ""));
    assert_eq!(v, Verdict::Contradicted);
    assert!(
        reason.contains("not PER") && reason.contains("also ARG"),
        "{reason}"
    );
    assert_eq!(
        verdict(&set(r#"["BRA"]"#, "includes")).0,
        Verdict::Supported
    );
    // A rank decided from indicator values: the countries where the value is 30 bn or more.
    let rank = r#"
[[claim]]
id = "c"
text = "t"
section = "1"
[[claim.part]]
what = "big"
claimed = ["BRA"]
[[claim.part.check]]
label = "q"
indicator = "china_reported_trade_with"
countries = ["BRA", "ARG"]
year = 2010
aggregate = "countries_where"
condition = ">= 30e9"
"#;
    assert_eq!(verdict(rank).0, Verdict::Supported);
}

fn bri(measure: &str, claimed: &str, extra: &str) -> String {
    format!(
        r#"
[[claim]]
id = "c"
text = "t"
section = "1"
[[claim.part]]
what = "x"
claimed = {claimed}
[[claim.part.check]]
label = "facts"
facts = "bri"
measure = "{measure}"
{extra}
"#
    )
}

#[test]
fn facts_decide_counts_firsts_and_dates() {
    assert_eq!(verdict(&bri("first", r#""PAN""#, "")).0, Verdict::Supported);
    assert_eq!(
        verdict(&bri("first", r#""ARG""#, "")).0,
        Verdict::Contradicted
    );
    assert_eq!(
        verdict(&bri("latest", r#""ARG""#, r#"as_of = "2022-10-31""#)).0,
        Verdict::Supported
    );
    // Before Argentina joined, Panama was the latest (and only) member.
    assert_eq!(
        verdict(&bri("latest", r#""PAN""#, r#"as_of = "2021-12-31""#)).0,
        Verdict::Supported
    );
    // A count is exact: 2 members on 2022-10-31, so 3 is contradicted.
    assert_eq!(
        verdict(&bri("count", "2", r#"as_of = "2022-10-31""#)).0,
        Verdict::Supported
    );
    assert_eq!(
        verdict(&bri("count", "3", r#"as_of = "2022-10-31""#)).0,
        Verdict::Contradicted
    );
    // Dates compare at the claim's precision; a coarser source cannot confirm a finer claim.
    assert_eq!(
        verdict(&bri("date", r#""2022-02""#, r#"country = "ARG""#)).0,
        Verdict::Supported
    );
    assert_eq!(
        verdict(&bri("date", r#""2022-03""#, r#"country = "ARG""#)).0,
        Verdict::Contradicted
    );
    assert_eq!(
        verdict(&bri("date", r#""2017-06-13""#, r#"country = "PAN""#)).0,
        Verdict::Inconclusive
    );
}

#[test]
fn facts_that_failed_to_load_make_fact_checks_not_checkable_and_say_why() {
    let file = load_str(
        "fixture.toml",
        &format!("{HEADER}{}", bri("first", r#""PAN""#, "")),
    )
    .unwrap();
    let mut broken = data();
    broken.facts.clear();
    broken.facts_error = Some("the curated facts could not be loaded: bri.toml:3: bad date".into());
    let report = evaluate(&file, &broken);
    assert_eq!(report.claims[0].verdict, Verdict::NotCheckable);
    assert!(
        report.claims[0].reason.contains("bri.toml:3: bad date"),
        "{}",
        report.claims[0].reason
    );
}

#[test]
fn not_checkable_without_data_or_with_only_the_document_itself() {
    // A fact whose only source is the document being checked does not count.
    let own = r#"
[[claim]]
id = "c"
text = "t"
section = "1"
[[claim.part]]
what = "x"
claimed = 39
[[claim.part.check]]
label = "own"
facts = "programme"
measure = "amount"
fact = "programme-own"
"#;
    let (v, reason) = verdict(own);
    assert_eq!(v, Verdict::NotCheckable);
    assert!(reason.contains("the document itself"), "{reason}");
    // A dataset missing from the store.
    let missing = r#"
[[claim]]
id = "c"
text = "t"
section = "1"
[[claim.part]]
what = "x"
claimed = 1
[[claim.part.check]]
label = "q"
sql = "SELECT 1"
datasets = ["imf-dots"]
"#;
    let (v, reason) = verdict(missing);
    assert_eq!(v, Verdict::NotCheckable);
    assert!(reason.contains("imf-dots"), "{reason}");
    // A claim declared not checkable.
    let declared = r#"
[[claim]]
id = "c"
text = "t"
section = "1"
not_checkable = "no source has it"
"#;
    assert_eq!(
        verdict(declared),
        (Verdict::NotCheckable, "no source has it".into())
    );
    // A sentence whose count disagrees with its own list.
    let listed = r#"
[[claim]]
id = "c"
text = "eight countries (A, B, C, D, E, F, G, H and I)"
section = "1"
[[claim.part]]
what = "count"
claimed = 8
[[claim.part.check]]
label = "named"
listed = ["ARG", "BOL", "CHL", "CRI", "SLV", "GTM", "PER", "PAN", "PRY"]
"#;
    assert_eq!(verdict(listed).0, Verdict::Contradicted);
}

#[test]
fn a_claim_with_parts_is_as_strong_as_its_weakest_part() {
    let claims = format!(
        "{}\n[[claim.part]]\nwhat = \"y\"\nclaimed = 1\nnot_checkable = \"no data\"\n",
        trade_claim("18e9", "about", 2002)
    );
    let report = run(&claims);
    assert_eq!(report.claims[0].verdict, Verdict::Inconclusive);
    assert!(report.claims[0]
        .reason
        .starts_with("1 of 2 parts supported"));
    assert_eq!(report.summary[&Verdict::Inconclusive], 1);
}

/// The errors for a claims fixture, and a function giving the 1-based line of a text in it.
fn errors(claims: &str) -> (Vec<String>, impl Fn(&str, usize) -> String) {
    let full = format!("{HEADER}{claims}");
    let list = load_str("bad.toml", &full)
        .unwrap_err()
        .iter()
        .map(|e| e.to_string())
        .collect();
    // `at(needle, n)`: "bad.toml:L:" for the n-th line (0-based) containing `needle`.
    let at = move |needle: &str, n: usize| {
        let line = full
            .lines()
            .enumerate()
            .filter(|(_, l)| l.contains(needle))
            .nth(n)
            .map(|(i, _)| i + 1)
            .expect("needle in fixture");
        format!("bad.toml:{line}:")
    };
    (list, at)
}

#[test]
fn malformed_files_give_file_and_line() {
    // An unknown field: the error points at the field.
    let (e, at) =
        errors("\n[[claim]]\nid = \"a\"\ntext = \"t\"\nsection = \"1\"\ncolour = \"red\"\n");
    assert!(
        e[0].starts_with(&at("colour", 0)) && e[0].contains("colour"),
        "{e:?}"
    );
    // A claim with nothing to check: the error points at the claim.
    let (e, at) = errors("\n[[claim]]\nid = \"a\"\ntext = \"t\"\nsection = \"1\"\n");
    assert!(
        e[0].starts_with(&at("[[claim]]", 0)) && e[0].contains("at least one"),
        "{e:?}"
    );
    // A bad hedge (at its part) and an unknown indicator (at its check), both reported.
    let bad_check = r#"
[[claim]]
id = "a"
text = "t"
section = "1"
[[claim.part]]
what = "x"
claimed = 1
hedge = "sort of"
[[claim.part.check]]
label = "q"
indicator = "no_such_indicator"
year = 2020
"#;
    let (e, at) = errors(bad_check);
    assert!(
        e.iter()
            .any(|m| m.starts_with(&at("[[claim.part]]", 0)) && m.contains("sort of")),
        "{e:?}"
    );
    assert!(
        e.iter()
            .any(|m| m.starts_with(&at("[[claim.part.check]]", 0))
                && m.contains("no_such_indicator")),
        "{e:?}"
    );
    // A duplicate id: at the second claim.
    let (e, at) = errors("\n[[claim]]\nid = \"a\"\ntext = \"t\"\nsection = \"1\"\nnot_checkable = \"x\"\n[[claim]]\nid = \"a\"\ntext = \"t\"\nsection = \"1\"\nnot_checkable = \"x\"\n");
    assert!(
        e[0].starts_with(&at("[[claim]]", 1)) && e[0].contains("used twice"),
        "{e:?}"
    );
    // A country name where a code belongs.
    let (e, at) = errors("\n[[claim]]\nid = \"a\"\ntext = \"t\"\nsection = \"1\"\n[[claim.part]]\nwhat = \"x\"\nclaimed = [\"Brasil\"]\nnot_checkable = \"x\"\n");
    assert!(
        e[0].starts_with(&at("[[claim.part]]", 0)) && e[0].contains("Brasil"),
        "{e:?}"
    );
    // A TOML syntax error.
    let (e, at) = errors("\n[[claim]\n");
    assert!(e[0].starts_with(&at("[[claim]", 0)), "{e:?}");
}
