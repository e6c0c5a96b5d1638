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
    for margin in ["SELECT 0.25", "SELECT 0.10"] {
        let m: f64 = margin[7..].parse().unwrap();
        data.sql
            .insert(expand_sql(margin), Ok(vec![vec![Cell::Number(m)]]));
    }
    data.sql.insert(
        expand_sql("SELECT 270e9"),
        Ok(vec![vec![Cell::Number(270e9)]]),
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
url = "https://greenfdc.org/bri"
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
excerpt = "Argentina: 6 February 2022"
accessed = "2026-11-28"

[[fact]]
id = "eul-first"
kind = "health"
value = "emergency_use_listing"
country = "CHN"
date = "2021-05-07"
text = "A first vaccine listed."
[[fact.sources]]
title = "A report"
publisher = "A news agency"
url = "https://example.org/eul-1"
accessed = "2026-12-02"

[[fact]]
id = "eul-second"
kind = "health"
value = "emergency_use_listing"
country = "CHN"
date = "2022-05-19"
text = "A second vaccine listed."
[[fact.sources]]
title = "Another report"
publisher = "A news agency"
url = "https://example.org/eul-2"
accessed = "2026-12-02"

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
    (c.verdict, c.reason.to_string())
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
fn numbers_against_every_hedge() {
    use Verdict::*;
    // The fixture sums to 10 + 8 = 18 bn in 2002 (worked by hand). Each row: claimed, hedge,
    // expected verdict, and why.
    let table = [
        ("18e9", "about", Supported, "exact"),
        (
            "18.3e9",
            "almost",
            Supported,
            "1.6 % under, inside the 10 % of almost",
        ),
        (
            "17e9",
            "almost",
            Contradicted,
            "5.9 % over; almost allows 2 %",
        ),
        ("15e9", "more than", Supported, "18 > 15"),
        ("18e9", "more than", Contradicted, "18 is not more than 18"),
        ("19e9", "less than", Supported, "18 < 19"),
        ("18e9", "at most", Supported, "18 ≤ 18"),
        (
            "18.5e9",
            "",
            Supported,
            "2.7 % under: inside 5 %, not in its outer fifth",
        ),
        (
            "17.2e9",
            "",
            SupportedAtEdge,
            "4.7 % over 17.2: outer fifth of the 5 %",
        ),
        (
            "18.9e9",
            "",
            SupportedAtEdge,
            "4.8 % under 18.9: outer fifth of the 5 %",
        ),
        ("16.9e9", "", Contradicted, "6.5 % over: outside 5 %"),
    ];
    for (claimed, hedge, expected, why) in table {
        let (v, reason) = verdict(&trade_claim(claimed, hedge, 2002));
        assert_eq!(v, expected, "{hedge} {claimed} ({why}): {reason}");
    }
    let (_, reason) = verdict(&trade_claim("18.9e9", "", 2002));
    assert!(reason.contains("outer fifth"), "{reason}");
}

#[test]
fn quantifiers_against_their_declared_thresholds() {
    use Verdict::*;
    // Two BRI members on 2022-10-31 in the fixture. "most of N": more than N/2; "many of N":
    // at least N/4.
    let table = [
        ("most", "3", Supported, "2 > 1.5"),
        ("most", "4", Contradicted, "2 is not more than 2"),
        ("many", "8", Supported, "2 ≥ 2"),
        ("many", "9", Contradicted, "2 < 2.25"),
    ];
    for (hedge, whole, expected, why) in table {
        let claim = bri("count", whole, r#"as_of = "2022-10-31""#)
            .replace("claimed = ", &format!("hedge = \"{hedge}\"\nclaimed = "));
        let (v, reason) = verdict(&claim);
        assert_eq!(v, expected, "{hedge} of {whole} ({why}): {reason}");
    }
}

#[test]
fn contradicted_names_the_year_the_value_fits() {
    // 18 bn claimed for 2010, where the data give 50 bn; 2002 gives 18 bn.
    // Right figure, wrong year: mischaracterised, not merely contradicted.
    let (v, reason) = verdict(&trade_claim("18e9", "almost", 2010));
    assert_eq!(v, Verdict::Mischaracterised);
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
    // …but "about 20" is wrong as written: Brazil alone already exceeds it; the figure fits
    // 2002 (18 bn), so the sentence has the right figure under the wrong year.
    let (v, reason) = verdict(&trade_claim("20e9", "about", 2011));
    assert_eq!(v, Verdict::Mischaracterised, "{reason}");
    assert!(reason.contains("in 2002 (18.0 bn)"), "{reason}");
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
    use Verdict::*;
    let claim = |claimed: &str, hedge: &str, role: &str, margin: &str, value: &str| {
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
label = "bound"
role = "{role}"
scope = "a different scope"
{margin}
sql = "SELECT {value}"
datasets = ["aei-cgit"]
"#
        )
    };
    let m25 = r#"margin_sql = "SELECT 0.25""#;
    let m10 = r#"margin_sql = "SELECT 0.10""#;
    // (claimed, hedge, role, margin, bound's value, expected, why) — worked by hand.
    let table = [
        (
            "60e9",
            "",
            "upper_bound",
            "",
            "49e9",
            Contradicted,
            "the bound 49 is below 60 − 5 %",
        ),
        (
            "40e9",
            "",
            "upper_bound",
            "",
            "49e9",
            Inconclusive,
            "49 ≥ 40: cannot decide",
        ),
        (
            "60e9",
            "less than",
            "upper_bound",
            "",
            "49e9",
            Supported,
            "≤ 49 < 60",
        ),
        (
            "18e9",
            "",
            "lower_bound",
            "",
            "49e9",
            Contradicted,
            "at least 49, claimed 18",
        ),
        (
            "18e9",
            "",
            "lower_bound",
            m25,
            "49e9",
            Contradicted,
            "49 / 1.25 = 39.2 > 18.9",
        ),
        (
            "40e9",
            "",
            "lower_bound",
            m25,
            "49e9",
            Inconclusive,
            "39.2 < 42",
        ),
        (
            "60e9",
            "",
            "lower_bound",
            "",
            "49e9",
            Inconclusive,
            "at least 49: 60 may hold",
        ),
        (
            "30e9",
            "more than",
            "lower_bound",
            m25,
            "49e9",
            Supported,
            "at least 39.2 > 30",
        ),
        // LAC-reported imports (CIF) 270 against a claimed 228 (FOB): with the margin measured
        // at 10 %, 270 / 1.1 = 245.5 is above 228 + 5 % = 239.4; a fixed 25 % would hide it
        // (270 / 1.25 = 216).
        (
            "228e9",
            "",
            "lower_bound",
            m10,
            "270e9",
            Contradicted,
            "245.5 > 239.4",
        ),
        (
            "228e9",
            "",
            "lower_bound",
            m25,
            "270e9",
            Inconclusive,
            "216 < 239.4",
        ),
    ];
    for (claimed, hedge, role, margin, value, expected, why) in table {
        let (v, reason) = verdict(&claim(claimed, hedge, role, margin, value));
        assert_eq!(
            v, expected,
            "{role} {value} vs {hedge} {claimed} ({why}): {reason}"
        );
    }
    // The measured margin is shown with the evidence.
    let report = run(&claim("228e9", "", "lower_bound", m10, "270e9"));
    let e = &report.claims[0].parts[0].evidence[0];
    assert!(
        e.margin
            .as_ref()
            .is_some_and(|m| m.to_string().starts_with("10.0 %")),
        "{:?}",
        e.margin
    );
    // A margin that cannot be measured leaves the bound unable to decide.
    let unmeasured = claim(
        "18e9",
        "",
        "lower_bound",
        r#"margin_sql = "SELECT nothing""#,
        "49e9",
    );
    let (v, reason) = verdict(&unmeasured);
    assert_eq!(v, NotCheckable, "{reason}");
    assert!(reason.contains("margin query"), "{reason}");
    // A fixed margin is refused: it can hide a real contradiction.
    let (e, _) = errors(&claim("18e9", "", "lower_bound", "margin = 0.25", "49e9"));
    assert!(e.iter().any(|m| m.contains("margin_sql")), "{e:?}");
    // A proxy never decides, but says whether it agrees.
    let (v, reason) = verdict(&claim("49e9", "", "proxy", "", "49e9"));
    assert_eq!(v, Inconclusive);
    assert!(
        reason.contains("consistent with") && reason.contains("a different scope"),
        "{reason}"
    );
}

#[test]
fn right_figure_under_another_label_is_mischaracterised() {
    // The claim gives 20 bn as 2010 trade (the data: 50 bn); 20 bn is what another scope
    // measures: the figure is right, its label is not.
    let claims = r#"
[[claim]]
id = "c"
text = "t"
section = "1"
[[claim.part]]
what = "trade"
claimed = 20e9
unit = "USD"
[[claim.part.check]]
label = "DOTS"
indicator = "china_reported_trade_with"
countries = ["BRA", "ARG"]
year = 2010
aggregate = "sum"
[[claim.part.check]]
label = "finance commitments"
role = "alternative"
scope = "official finance, not trade"
sql = "SELECT 20e9"
datasets = ["aei-cgit"]
"#;
    let (v, reason) = verdict(claims);
    assert_eq!(v, Verdict::Mischaracterised);
    assert!(reason.contains("official finance, not trade"), "{reason}");
}

#[test]
fn parts_combine_as_documented() {
    use Verdict::*;
    // One part holds (18 bn in 2002) and one is contradicted (50 bn in 2010, no year fits).
    let holds = trade_claim("18e9", "about", 2002);
    let wrong = "\n[[claim.part]]\nwhat = \"y\"\nclaimed = 5e9\nunit = \"USD\"\n[[claim.part.check]]\nlabel = \"DOTS\"\nindicator = \"china_reported_trade_with\"\ncountries = [\"BRA\", \"ARG\"]\nyear = 2010\naggregate = \"sum\"\n";
    let unknown = "\n[[claim.part]]\nwhat = \"z\"\nclaimed = 1\nnot_checkable = \"no data\"\n";
    let edge = "\n[[claim.part]]\nwhat = \"e\"\nclaimed = 18.9e9\nunit = \"USD\"\n[[claim.part.check]]\nlabel = \"DOTS\"\nindicator = \"china_reported_trade_with\"\ncountries = [\"BRA\", \"ARG\"]\nyear = 2002\naggregate = \"sum\"\n";
    let listed = "\n[[claim.part]]\nwhat = \"count\"\nclaimed = 2\n[[claim.part.check]]\nlabel = \"named\"\nlisted = [\"ARG\", \"BRA\", \"PER\"]\n";
    let table = [
        (format!("{holds}{wrong}"), PartlySupported),
        (format!("{holds}{unknown}"), Inconclusive),
        (format!("{holds}{edge}"), SupportedAtEdge),
        (format!("{holds}{wrong}{listed}"), InternallyInconsistent),
        (trade_claim("5e9", "", 2010), Contradicted),
    ];
    for (claims, expected) in table {
        let report = run(&claims);
        let c = &report.claims[0];
        assert_eq!(c.verdict, expected, "{}", c.reason);
    }
    let report = run(&format!("{holds}{wrong}"));
    assert!(
        report.claims[0].reason.to_string().contains("holds: trade"),
        "{}",
        report.claims[0].reason
    );
}

#[test]
fn the_cited_work_is_a_separate_answer() {
    // The sentence reports its source faithfully (the cited figure is 50 bn), but the data say
    // 18 bn for the year named: faithful to the source, not true to the data.
    let claims = r#"
[[claim]]
id = "c"
text = "t"
section = "1"
[[claim.part]]
what = "trade"
claimed = 49e9
unit = "USD"
[[claim.part.check]]
label = "DOTS"
indicator = "china_reported_trade_with"
countries = ["BRA", "ARG"]
year = 2002
aggregate = "sum"
[[claim.part.check]]
label = "the cited report"
role = "cited"
sql = "SELECT 49e9"
datasets = ["aei-cgit"]
"#;
    let report = run(claims);
    let part = &report.claims[0].parts[0];
    assert_eq!(part.verdict, Verdict::Contradicted, "{}", part.reason);
    let faithful = part
        .faithful
        .as_ref()
        .expect("a cited check gives an answer");
    assert_eq!(faithful.verdict, Verdict::Supported, "{}", faithful.reason);
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

/// A one-part claim checked against the facts of `kind` with `measure` (and `extra` lines).
fn facts_claim(kind: &str, measure: &str, claimed: &str, extra: &str) -> String {
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
facts = "{kind}"
measure = "{measure}"
{extra}
"#
    )
}

fn bri(measure: &str, claimed: &str, extra: &str) -> String {
    facts_claim("bri", measure, claimed, extra)
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
fn records_count_one_by_one_where_count_counts_countries() {
    // Two listings of one country: two records, one country.
    let health = |measure: &str, claimed: u32, as_of: &str| {
        let scope = format!("countries = [\"CHN\"]\nas_of = \"{as_of}\"");
        facts_claim("health", measure, &claimed.to_string(), &scope)
    };
    assert_eq!(
        verdict(&health("records", 2, "2022-10-31")).0,
        Verdict::Supported
    );
    assert_eq!(
        verdict(&health("records", 3, "2022-10-31")).0,
        Verdict::Contradicted
    );
    // Before the second listing, one record.
    assert_eq!(
        verdict(&health("records", 1, "2021-12-31")).0,
        Verdict::Supported
    );
    assert_eq!(
        verdict(&health("count", 1, "2022-10-31")).0,
        Verdict::Supported
    );
}

#[test]
fn facts_that_fail_to_load_are_an_error_naming_file_and_line() {
    let file = load_str(
        "fixture.toml",
        &format!("{HEADER}{}", bri("first", r#""PAN""#, "")),
    )
    .unwrap();
    let broken = galeon_facts::load_str(
        "bri.toml",
        "[[fact]]\nid = \"x\"\nkind = \"bri\"\nvalue = \"member\"\ndate = \"someday\"\ntext = \"t\"\n",
    );
    assert!(broken.is_err(), "the fixture must fail to load");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let missing = std::path::Path::new("/nonexistent/store");
    let result = runtime.block_on(Data::fetch_from(
        missing,
        std::slice::from_ref(&file),
        None,
        broken,
    ));
    let error = result
        .expect_err("no claim is judged against no facts")
        .to_string();
    assert!(
        error.contains("curated facts could not be loaded"),
        "{error}"
    );
    assert!(error.contains("bri.toml:"), "{error}");
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
    assert_eq!(verdict(listed).0, Verdict::InternallyInconsistent);
}

/// A fixture fact of kind `bri` for Chile, with the sources given (TOML `[[fact.sources]]`).
fn chile_with(sources: &str) -> Data {
    let mut data = data();
    let extra = galeon_facts::load_str(
        "extra.toml",
        &format!(
            "[[fact]]\nid = \"bri-chl\"\nkind = \"bri\"\ncountry = \"CHL\"\nvalue = \"member\"\n\
             date = \"2018-11\"\ntext = \"Chile joined.\"\n{sources}"
        ),
    )
    .unwrap();
    data.facts.extend(extra);
    data
}

#[test]
fn the_document_never_confirms_itself_however_its_address_is_written() {
    let claim = bri("date", r#""2018-11""#, r#"country = "CHL""#);
    let file = load_str("fixture.toml", &format!("{HEADER}{claim}")).unwrap();
    // (sources of galeon's only record, expected verdict, why)
    let table = [
        (
            "[[fact.sources]]\ntitle = \"x\"\npublisher = \"p\"\nurl = \"http://www.Example.org/paper/\"\naccessed = \"2026-11-30\"\n",
            Verdict::NotCheckable,
            "the document's own address, written another way",
        ),
        (
            "[[fact.sources]]\ntitle = \"A fixture document (Nobody 2024)\"\npublisher = \"p\"\naccessed = \"2026-11-30\"\n",
            Verdict::NotCheckable,
            "the document, by its title, without an address",
        ),
        (
            "[[fact.sources]]\ntitle = \"a page\"\npublisher = \"p\"\naccessed = \"2026-11-30\"\n",
            Verdict::NotCheckable,
            "neither address, dataset nor quoted passage",
        ),
        (
            "[[fact.sources]]\ntitle = \"a gazette\"\npublisher = \"p\"\nexcerpt = \"Chile, noviembre de 2018\"\naccessed = \"2026-11-30\"\n",
            Verdict::Supported,
            "a quoted passage can decide",
        ),
    ];
    for (sources, expected, why) in table {
        let report = evaluate(&file, &chile_with(sources));
        let c = &report.claims[0];
        assert_eq!(c.verdict, expected, "{why}: {}", c.reason);
    }
    let report = evaluate(&file, &chile_with(table[0].0));
    assert!(
        report.claims[0]
            .reason
            .to_string()
            .contains("the document itself"),
        "{}",
        report.claims[0].reason
    );
    let report = evaluate(&file, &chile_with(table[2].0));
    assert!(
        report.claims[0].reason.to_string().contains("verify"),
        "{}",
        report.claims[0].reason
    );
}

#[test]
fn a_record_copied_from_a_queried_dataset_is_not_a_second_source() {
    // The claim queries the BRI dataset (20 bn stands in for its count) and also reads galeon's
    // record copied from that dataset: the record is shown, but only the query votes.
    let sources = "[[fact.sources]]\ntitle = \"BRI workbook\"\npublisher = \"GFDC\"\nurl = \"https://greenfdc.org/bri\"\ndataset = \"aei-cgit\"\naccessed = \"2026-11-30\"\n";
    let claims = r#"
[[claim]]
id = "c"
text = "t"
section = "1"
[[claim.part]]
what = "date"
claimed = "2018-11"
[[claim.part.check]]
label = "the dataset"
sql = "SELECT c FROM t"
datasets = ["aei-cgit"]
[[claim.part.check]]
label = "the record"
facts = "bri"
measure = "date"
country = "CHL"
"#;
    let file = load_str("fixture.toml", &format!("{HEADER}{claims}")).unwrap();
    let report = evaluate(&file, &chile_with(sources));
    let part = &report.claims[0].parts[0];
    let record = &part.evidence[1];
    assert_eq!(
        record.role,
        galeon_claims::Role::Context,
        "{}",
        record.reason
    );
    assert!(
        record.reason.to_string().contains("not a second source"),
        "{}",
        record.reason
    );
    let voting = part.evidence.iter().filter(|e| e.role.votes()).count();
    assert_eq!(voting, 1);
    // The query gives a set where a date is claimed: the part cannot be decided by the record
    // alone, which it would have been had the copy counted.
    assert_ne!(part.verdict, Verdict::Supported, "{}", part.reason);
    // The same record with an independent second source does vote.
    let independent = format!(
        "{sources}[[fact.sources]]\ntitle = \"Joint statement\"\npublisher = \"MFA\"\nurl = \"https://mfa.example/chile\"\naccessed = \"2026-11-30\"\n"
    );
    let report = evaluate(&file, &chile_with(&independent));
    assert!(report.claims[0].parts[0].evidence[1].role.votes());
}

#[test]
fn the_sentences_own_list_cannot_confirm_it() {
    // "three countries (ARG, BRA, PER)": the count matches its own list, which is no evidence.
    let claims = r#"
[[claim]]
id = "c"
text = "t"
section = "1"
[[claim.part]]
what = "count"
claimed = 3
[[claim.part.check]]
label = "named"
listed = ["ARG", "BRA", "PER"]
"#;
    let report = run(claims);
    let part = &report.claims[0].parts[0];
    assert_eq!(part.verdict, Verdict::NotCheckable, "{}", part.reason);
    assert_eq!(part.evidence[0].role, galeon_claims::Role::Context);
}

#[test]
fn records_without_an_independent_source_leave_counts_and_firsts_open() {
    // Chile joins in 2016 on the paper's word only: the count of members on 2022-10-31 over the
    // verifiable records (ARG, PAN: 2) is then a lower bound, and "Panama first" is undecidable.
    let own = "[[fact.sources]]\ntitle = \"x\"\npublisher = \"p\"\nurl = \"https://example.org/paper\"\naccessed = \"2026-11-30\"\n";
    let data = chile_with(own).facts;
    let early = Data {
        facts: data
            .into_iter()
            .map(|mut f| {
                if f.id == "bri-chl" {
                    f.date = "2016-01".parse().unwrap();
                }
                f
            })
            .collect(),
        ..Data::default()
    };
    let judge = |claim: &str| {
        let file = load_str("fixture.toml", &format!("{HEADER}{claim}")).unwrap();
        let c = evaluate(&file, &early).claims.remove(0);
        (c.verdict, c.reason)
    };
    let (v, reason) = judge(&bri("count", "2", r#"as_of = "2022-10-31""#));
    assert_eq!(v, Verdict::Inconclusive, "{reason}");
    assert!(reason.to_string().contains("bri-chl"), "{reason}");
    // 1 is contradicted all the same: the verifiable records alone already exceed it.
    assert_eq!(
        judge(&bri("count", "1", r#"as_of = "2022-10-31""#)).0,
        Verdict::Contradicted
    );
    let (v, reason) = judge(&bri("first", r#""PAN""#, ""));
    assert_eq!(v, Verdict::Inconclusive, "{reason}");
    assert!(reason.to_string().contains("bri-chl"), "{reason}");
}

#[test]
fn a_short_document_title_matches_only_whole() {
    // A document titled "BRI countries" would otherwise swallow every source whose title names
    // it; the fixture's GFDC record is titled "BRI countries" exactly, so it is the document,
    // while "Countries of the BRI countries list" is not.
    let header = HEADER.replace("A fixture document", "BRI countries");
    let claim = bri("first", r#""PAN""#, "");
    let file = load_str("fixture.toml", &format!("{header}{claim}")).unwrap();
    let report = evaluate(&file, &data());
    // PAN's record is the document by title (exact); ARG's record has the same title too, so no
    // record is independent.
    assert_eq!(
        report.claims[0].verdict,
        Verdict::NotCheckable,
        "{}",
        report.claims[0].reason
    );
    let mut other = data();
    for f in &mut other.facts {
        for s in &mut f.sources {
            s.title = "Countries of the BRI countries list".into();
        }
    }
    let report = evaluate(&file, &other);
    assert_eq!(
        report.claims[0].verdict,
        Verdict::Supported,
        "{}",
        report.claims[0].reason
    );
}

#[test]
fn claim_folders_load_in_order_and_ids_are_unique_across_files() {
    let dir = std::env::temp_dir().join(format!("galeon-claims-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let one = format!(
        "{HEADER}\n[[claim]]\nid = \"a\"\ntext = \"t\"\nsection = \"1\"\nnot_checkable = \"x\"\n"
    );
    std::fs::write(dir.join("b.toml"), &one).unwrap();
    std::fs::write(dir.join("a.toml"), one.replace("id = \"a\"", "id = \"z\"")).unwrap();
    std::fs::write(dir.join("notes.txt"), "not a claim file").unwrap();
    let files = galeon_claims::load_paths(std::slice::from_ref(&dir)).unwrap();
    let ids: Vec<&str> = files.iter().map(|f| f.claims[0].id.as_str()).collect();
    assert_eq!(ids, ["z", "a"]);
    // A file named on its own and through its folder is read once.
    let twice = galeon_claims::load_paths(&[dir.clone(), dir.join("a.toml")]).unwrap();
    assert_eq!(twice.len(), 2);
    std::fs::write(dir.join("a.toml"), &one).unwrap();
    let errors = galeon_claims::load_paths(std::slice::from_ref(&dir)).unwrap_err();
    assert!(errors[0].to_string().contains("also used in"), "{errors:?}");
    std::fs::remove_dir_all(&dir).unwrap();
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
        .to_string()
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

#[test]
fn every_dataset_a_fact_source_names_is_one_galeon_reads() {
    // A misspelt `dataset` would silently switch off the same-source rule.
    let facts = galeon_facts::load_embedded().expect("the curated facts load");
    let mut named = 0;
    for f in &facts {
        for s in &f.sources {
            if let Some(d) = &s.dataset {
                named += 1;
                assert!(
                    galeon_sources::dataset(d).is_some(),
                    "fact {}: dataset {d:?} is not in `galeon sources`",
                    f.id
                );
            }
        }
    }
    assert!(named > 0, "no fact source names a dataset");
}

/// The facts written in `toml` (as the file `file`), as the verifier's only data.
fn facts_data(file: &str, toml: &str) -> Data {
    Data {
        facts: galeon_facts::load_str(file, toml).unwrap(),
        ..Data::default()
    }
}

/// Two meetings written here: one in Brasília with an address, one held by video (no place).
fn meetings() -> Data {
    facts_data(
        "forum.toml",
        r#"
[[fact]]
id = "meeting-1"
kind = "forum"
value = "ministerial_meeting"
date = "2014-07-17"
place = "Brasília"
place_country = "BRA"
text = "A meeting in Brasília."
[[fact.sources]]
title = "Release"
publisher = "A ministry"
url = "https://example.org/release"
accessed = "2026-12-02"

[[fact]]
id = "meeting-2"
kind = "forum"
value = "ministerial_meeting"
date = "2021-12-03"
text = "A meeting by video."
[[fact.sources]]
title = "Declaration"
publisher = "A forum"
url = "https://example.org/declaration"
accessed = "2026-12-02"
"#,
    )
}

#[test]
fn places_and_kinds_of_meetings() {
    let claim = |claimed: &str, check: &str| {
        format!(
            "[[claim]]\nid = \"c\"\ntext = \"t\"\nsection = \"1\"\n[[claim.part]]\nwhat = \"x\"\n\
             claimed = {claimed}\n[[claim.part.check]]\nlabel = \"facts\"\nfacts = \"forum\"\n{check}\n"
        )
    };
    let first = "measure = \"place\"\nvalues = [\"ministerial_meeting\"]";
    let second = "measure = \"place\"\nvalues = [\"ministerial_meeting\"]\nnth = 2";
    let country = "measure = \"place_country\"\nfact = \"meeting-1\"";
    let kind = "measure = \"value\"\nfact = \"meeting-1\"";
    let table = [
        // The same name with or without its accent and capitals.
        (r#""Brasília""#, first, Verdict::Supported),
        (r#""brasilia""#, first, Verdict::Supported),
        (r#""Beijing""#, first, Verdict::Contradicted),
        // A record with no place cannot decide one.
        (r#""Beijing""#, second, Verdict::NotCheckable),
        (r#""BRA""#, country, Verdict::Supported),
        // Dominica is not the Dominican Republic, nor Brazil.
        (r#""DMA""#, country, Verdict::Contradicted),
        (r#""ministerial_meeting""#, kind, Verdict::Supported),
        (r#""summit""#, kind, Verdict::Contradicted),
    ];
    for (claimed, check, expected) in table {
        let file = load_str(
            "fixture.toml",
            &format!("{HEADER}{}", claim(claimed, check)),
        )
        .unwrap();
        let report = evaluate(&file, &meetings());
        assert_eq!(
            report.claims[0].verdict, expected,
            "{claimed} with {check}: {}",
            report.claims[0].reason
        );
    }
    // `fact` names the record: `nth` beside it, or a kind without it, is an error in the file.
    for bad in [
        "measure = \"place\"\nfact = \"meeting-1\"\nnth = 2",
        "measure = \"value\"",
    ] {
        let text = format!("{HEADER}{}", claim(r#""x""#, bad));
        assert!(load_str("fixture.toml", &text).is_err(), "{bad}");
    }
}

/// Two projects written here: one built by a Chinese and an Argentine company, one whose
/// record names no builders.
fn projects() -> Data {
    facts_data(
        "programmes.toml",
        r#"
[[fact]]
id = "dam"
kind = "programme"
country = "ARG"
value = "project"
date = "2013-08-21"
builders = ["CHN", "ARG"]
text = "A dam awarded to a Chinese–Argentine consortium."
[[fact.sources]]
title = "Award"
publisher = "A gazette"
url = "https://example.org/award"
accessed = "2026-12-03"

[[fact]]
id = "farm"
kind = "programme"
country = "CHL"
value = "project"
date = "2018"
amount = 32
unit = "turbines"
text = "A wind farm of 32 turbines."
[[fact.sources]]
title = "Opening"
publisher = "An operator"
url = "https://example.org/opening"
accessed = "2026-12-03"
"#,
    )
}

#[test]
fn builders_of_a_project_as_a_set() {
    // The hedge is a line of the part, after its claimed value.
    let claim = |claimed: &str, hedge: &str, fact: &str| {
        let fact = format!("fact = \"{fact}\"");
        facts_claim(
            "programme",
            "builders",
            &format!("{claimed}\n{hedge}"),
            &fact,
        )
    };
    let includes = "hedge = \"includes\"";
    let table = [
        // "Jointly built by China and Argentina": the builders exactly, in any order.
        (r#"["ARG", "CHN"]"#, "", "dam", Verdict::Supported),
        // "Built by China" alone leaves Argentina out; "China among the builders" does not.
        (r#"["CHN"]"#, "", "dam", Verdict::Contradicted),
        (r#"["CHN"]"#, includes, "dam", Verdict::Supported),
        (r#"["CHN", "BRA"]"#, includes, "dam", Verdict::Contradicted),
        // A record that names no builders cannot decide them.
        (r#"["CHN"]"#, "", "farm", Verdict::NotCheckable),
    ];
    for (claimed, hedge, fact, expected) in table {
        let text = format!("{HEADER}{}", claim(claimed, hedge, fact));
        let file = load_str("fixture.toml", &text).unwrap();
        let report = evaluate(&file, &projects());
        assert_eq!(
            report.claims[0].verdict, expected,
            "{claimed} {hedge} of {fact}: {}",
            report.claims[0].reason
        );
    }
    // A named record of another kind than the check's decides nothing.
    let text = format!("{HEADER}{}", claim(r#"["CHN"]"#, "", "dam"))
        .replace("facts = \"programme\"", "facts = \"forum\"");
    let report = evaluate(&load_str("fixture.toml", &text).unwrap(), &projects());
    assert_eq!(report.claims[0].verdict, Verdict::NotCheckable);
    assert!(
        report.claims[0].parts[0].evidence[0]
            .reason
            .to_string()
            .contains("programme"),
        "{:?}",
        report.claims[0].parts[0].evidence[0].reason
    );
    // The measure reads one named record.
    let text = format!(
        "{HEADER}{}",
        claim(r#"["CHN"]"#, "", "dam").replace("fact = \"dam\"\n", "")
    );
    assert!(load_str("fixture.toml", &text).is_err());
}
