//! The index engine on small worked examples and properties, and the uncertainty analysis on
//! functions whose Sobol indices are known analytically.

use galeon_index::engine::{aggregate_row, copeland, normalised_weights, rank_scores};
use galeon_index::ua::{sobol, Design, FACTORS};
use galeon_index::{analyse, parse, Aggregation, Config, Index, Inputs};
use proptest::prelude::*;

fn config(method: &str, pillars: &str) -> Config {
    let text = format!(
        "[index]\nname = \"test\"\nmin_indicator_share = 0.5\nmin_country_share = 0.5\n\n[method]\n{method}\n\n{pillars}"
    );
    parse("test.toml", &text, &|_| true).unwrap_or_else(|e| panic!("{e:?}"))
}

const TWO: &str = r#"
[[pillar]]
id = "p"
[[pillar.indicator]]
id = "x"
[[pillar.indicator]]
id = "y"
"#;

fn countries(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("C{i:02}")).collect()
}

fn inputs(rows: &[(&str, &[f64])], keys: &[&str]) -> Inputs {
    let mut inputs = Inputs::new();
    for (country, values) in rows {
        for (k, v) in keys.iter().zip(values.iter()) {
            inputs.insert(k, country, 2020, *v).unwrap();
        }
    }
    inputs
}

#[test]
fn hand_worked_three_countries_two_indicators() {
    // x: A 1, B 2, C 4 → min-max onto [0, 100]: A 0, B 100·(2−1)/(4−1) = 33.333…, C 100.
    // y: A 10, B 30, C 20 → A 0, B 100, C 50.
    // Equal weights, arithmetic mean: A 0, B (33.333… + 100)/2 = 66.666…, C (100 + 50)/2 = 75.
    // Ranks: C 1, B 2, A 3.
    let cfg = config(
        "outliers = \"none\"\nnormalisation = \"minmax\"\nrange = [0.0, 100.0]",
        TWO,
    );
    let data = inputs(
        &[
            ("A", &[1.0, 10.0]),
            ("B", &[2.0, 30.0]),
            ("C", &[4.0, 20.0]),
        ],
        &["x", "y"],
    );
    let index = Index::new(&cfg, &data, &["A".into(), "B".into(), "C".into()]).unwrap();
    let y = &index.nominal.years[0];
    let shown: Vec<String> = y
        .index
        .iter()
        .map(|s| format!("{:.6}", s.unwrap()))
        .collect();
    assert_eq!(shown, ["0.000000", "66.666667", "75.000000"]);
    assert_eq!(y.index[0], Some(0.0));
    assert_eq!(y.index[2], Some(75.0));
    assert_eq!(y.ranks, vec![Some(3), Some(2), Some(1)]);
    assert_eq!(format!("{:.6}", y.normalised[1][0].unwrap()), "33.333333");
    // The same data with a geometric mean over [1, 100]: x → 1, 34, 100; y → 1, 100, 50.5;
    // A √(1·1) = 1, B √(34·100) = 58.309519, C √(100·50.5) = 71.063352.
    let cfg = config(
        "outliers = \"none\"\nnormalisation = \"minmax\"\nrange = [1.0, 100.0]\naggregation = \"geometric\"",
        TWO,
    );
    let index = Index::new(&cfg, &data, &["A".into(), "B".into(), "C".into()]).unwrap();
    let shown: Vec<String> = index.nominal.years[0]
        .index
        .iter()
        .map(|s| format!("{:.6}", s.unwrap()))
        .collect();
    assert_eq!(shown, ["1.000000", "58.309519", "71.063352"]);
    // One choice changed, the rest kept: Copeland. C beats A on both; C vs B: one each with equal
    // weights (a tie); B beats A on both. Scores: A −2, B +1, C +1.
    let copeland = index.rebuild(|c| c.aggregation = Aggregation::Copeland);
    assert_eq!(
        copeland.years[0]
            .pillars
            .iter()
            .map(|p| p[0])
            .collect::<Vec<_>>(),
        vec![Some(-2.0), Some(1.0), Some(1.0)]
    );
}

#[test]
fn weights_sum_to_one_and_effective_weights_multiply() {
    let cfg = config(
        "weights = \"manual\"",
        r#"
[[pillar]]
id = "a"
weight = 3.0
[[pillar.indicator]]
id = "x"
weight = 1.0
[[pillar.indicator]]
id = "y"
weight = 3.0
[[pillar]]
id = "b"
weight = 1.0
[[pillar.indicator]]
id = "z"
"#,
    );
    let keys = ["x", "y", "z"];
    let data = inputs(
        &[
            ("A", &[1.0, 5.0, 2.0]),
            ("B", &[2.0, 3.0, 9.0]),
            ("C", &[4.0, 1.0, 4.0]),
        ],
        &keys,
    );
    let index = Index::new(&cfg, &data, &["A".into(), "B".into(), "C".into()]).unwrap();
    let table = index.weight_table();
    // x: 1/4 within a, a weighs 3/4 → 3/16; y: 3/4 · 3/4 = 9/16; z: 1 · 1/4.
    let eff: Vec<f64> = table.iter().map(|r| r.4).collect();
    assert_eq!(eff, vec![3.0 / 16.0, 9.0 / 16.0, 0.25]);
    for r in &table {
        assert_eq!(r.4, r.2 * r.3);
    }
    assert!((eff.iter().sum::<f64>() - 1.0).abs() < 1e-12);
    // Noisy weight sets for the uncertainty analysis also sum to 1 in each group.
    for set in galeon_index::ua::weight_sets(&index) {
        assert!((set.indicator[0] + set.indicator[1] - 1.0).abs() < 1e-12);
        assert!((set.indicator[2] - 1.0).abs() < 1e-12);
        assert!((set.pillar.iter().sum::<f64>() - 1.0).abs() < 1e-12);
    }
}

fn matrix() -> impl Strategy<Value = (usize, Vec<Vec<f64>>)> {
    (3usize..12, 2usize..5).prop_flat_map(|(n, k)| {
        (
            Just(k),
            prop::collection::vec(prop::collection::vec(-1000.0f64..1000.0, k), n),
        )
    })
}

fn pillars(k: usize) -> String {
    (0..k)
        .map(|j| format!("[[pillar]]\nid = \"p{j}\"\n[[pillar.indicator]]\nid = \"i{j}\"\n"))
        .collect()
}

fn build(cfg: &Config, rows: &[Vec<f64>]) -> Index {
    let keys: Vec<String> = (0..rows[0].len()).map(|j| format!("i{j}")).collect();
    let names = countries(rows.len());
    let mut data = Inputs::new();
    for (c, row) in names.iter().zip(rows) {
        for (k, v) in keys.iter().zip(row) {
            data.insert(k, c, 2020, *v).unwrap();
        }
    }
    Index::new(cfg, &data, &names).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn ranks_do_not_change_when_one_indicator_is_rescaled_under_minmax(
        (k, rows) in matrix(), scale in 0.001f64..1000.0, shift in -1e4f64..1e4, which in 0usize..8,
        geometric in any::<bool>(),
    ) {
        let method = format!(
            "outliers = \"none\"\nnormalisation = \"minmax\"\nindex_aggregation = \"{}\"",
            if geometric { "geometric" } else { "arithmetic" }
        );
        let cfg = config(&method, &pillars(k));
        let j = which % k;
        let rescaled: Vec<Vec<f64>> = rows
            .iter()
            .map(|r| r.iter().enumerate().map(|(i, v)| if i == j { v * scale + shift } else { *v }).collect())
            .collect();
        let a = build(&cfg, &rows);
        let b = build(&cfg, &rescaled);
        // Rescaling can only move values by rounding; ranks are compared on scores rounded to
        // 1e-9 so that a rounding-level tie does not count as a change.
        let rounded = |i: &Index| {
            let s: Vec<Option<f64>> = i.nominal.years[0].index.iter().map(|s| s.map(|s| (s * 1e9).round() / 1e9)).collect();
            rank_scores(&s)
        };
        prop_assert_eq!(rounded(&a), rounded(&b));
    }

    #[test]
    fn a_country_best_on_every_indicator_ranks_first_under_every_aggregator(
        (k, rows) in matrix(), which in 0usize..12, aggregator in 0usize..4,
    ) {
        let best = which % rows.len();
        let mut rows = rows;
        for j in 0..k {
            let max = rows.iter().map(|r| r[j]).fold(f64::NEG_INFINITY, f64::max);
            rows[best][j] = max + 1.0;
        }
        let name = ["arithmetic", "geometric", "generalised", "copeland"][aggregator];
        let method = format!("outliers = \"none\"\naggregation = \"{name}\"\nindex_aggregation = \"{name}\"");
        // All indicators in one pillar, so the aggregator works on the indicators themselves.
        let one: String = std::iter::once("[[pillar]]\nid = \"p\"\n".to_string())
            .chain((0..k).map(|j| format!("[[pillar.indicator]]\nid = \"i{j}\"\n")))
            .collect();
        let index = build(&config(&method, &one), &rows);
        prop_assert_eq!(index.nominal.years[0].ranks[best], Some(1));
    }

    #[test]
    fn weights_sum_to_one_in_every_group(ws in prop::collection::vec(0.01f64..100.0, 2..8), split in 1usize..7) {
        let split = split.min(ws.len() - 1);
        let columns: Vec<galeon_index::engine::Column> = (0..ws.len())
            .map(|j| galeon_index::engine::Column {
                key: format!("i{j}"),
                pillar: usize::from(j >= split),
                direction: 1.0,
                absent_zero: false,
                goalposts: None,
                treat_outliers: true,
            })
            .collect();
        let set = normalised_weights(&columns, &ws, &[ws[0], ws[1]]);
        let first: f64 = set.indicator[..split].iter().sum();
        let second: f64 = set.indicator[split..].iter().sum();
        prop_assert!((first - 1.0).abs() < 1e-12 && (second - 1.0).abs() < 1e-12);
        prop_assert!((set.pillar.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        let eff = set.effective(&columns);
        prop_assert!((eff.iter().sum::<f64>() - 1.0).abs() < 1e-12);
    }
}

#[test]
fn aggregators_on_a_row_worked_by_hand() {
    // Values 4 and 16 with weights 1 and 3: arithmetic (4 + 48)/4 = 13; geometric
    // 4^¼ · 16^¾ = 2^½ · 2³ = 8√2;
    // generalised of order ½: ((2 + 12)/4)² = 12.25. A missing value is skipped and the weights
    // renormalised: (16·3)/3 = 16.
    let w = [1.0, 3.0];
    assert_eq!(
        aggregate_row(&[Some(4.0), Some(16.0)], &w, Aggregation::Arithmetic, 0.5),
        Some(13.0)
    );
    let g = aggregate_row(&[Some(4.0), Some(16.0)], &w, Aggregation::Geometric, 0.5).unwrap();
    assert!((g - 8.0 * 2f64.sqrt()).abs() < 1e-12);
    assert_eq!(
        aggregate_row(&[Some(4.0), Some(16.0)], &w, Aggregation::Generalised, 0.5),
        Some(12.25)
    );
    assert_eq!(
        aggregate_row(&[None, Some(16.0)], &w, Aggregation::Arithmetic, 0.5),
        Some(16.0)
    );
    assert_eq!(
        aggregate_row(&[None, None], &w, Aggregation::Arithmetic, 0.5),
        None
    );
    // Copeland over three rows.
    let rows = vec![
        vec![Some(1.0), Some(1.0)],
        vec![Some(2.0), Some(0.0)],
        vec![Some(3.0), Some(3.0)],
    ];
    assert_eq!(
        copeland(&rows, &[1.0, 3.0]),
        vec![Some(0.0), Some(-2.0), Some(2.0)]
    );
}

#[test]
fn sobol_indices_of_an_additive_function_match_theory() {
    // Y = u₀ + 2·u₁ with independent uniform factors: Var = 1/12 + 4/12, so S₁ = 0.2 and 0.8,
    // total = first order (no interactions), and 0 for the other factors.
    let n = 8192;
    let design = Design::saltelli(n, 7);
    let y: Vec<f64> = design.rows.iter().map(|r| r[0] + 2.0 * r[1]).collect();
    let s = sobol(&y, n, 50, 1);
    assert_eq!(s.len(), FACTORS.len());
    assert!((s[0].s1 - 0.2).abs() < 0.03, "{s:?}");
    assert!((s[1].s1 - 0.8).abs() < 0.03, "{s:?}");
    assert!(
        (s[0].st - 0.2).abs() < 0.03 && (s[1].st - 0.8).abs() < 0.03,
        "{s:?}"
    );
    for f in &s[2..] {
        assert!(f.s1.abs() < 0.03 && f.st.abs() < 1e-12, "{f:?}");
    }
    // Y = (u₀ − ½)(u₁ − ½) + u₀ + u₁ has an interaction.
    let y: Vec<f64> = design
        .rows
        .iter()
        .map(|r| (r[0] - 0.5) * (r[1] - 0.5) + r[0] + r[1])
        .collect();
    let s = sobol(&y, n, 0, 1);
    // Var = 1/12 + 1/12 + 1/144 = 25/144: S₁ = 12/25 each, S_T = 13/25 each.
    assert!(
        (s[0].s1 - 0.48).abs() < 0.03 && (s[0].st - 0.52).abs() < 0.03,
        "{s:?}"
    );
}

#[test]
fn the_analysis_is_seeded_and_reproducible_and_reads_a_design() {
    let cfg_text = format!(
        "[index]\nname = \"t\"\n[method]\n{}\n[uncertainty]\nnormalisation = [\"minmax\", \"percentile\"]\nindex_aggregation = [\"arithmetic\", \"geometric\"]\nweight_noise = 0.25\nweight_sets = 10\nseed = 3\n",
        pillars(3)
    );
    let cfg = parse("t.toml", &cfg_text, &|_| true).unwrap();
    let rows: Vec<Vec<f64>> = (0..8)
        .map(|i| vec![i as f64, ((i * 7) % 5) as f64, ((i * 3) % 8) as f64 + 0.5])
        .collect();
    let index = build(&cfg, &rows);
    let design = Design::saltelli(64, 11);
    let a = analyse(&index, &design, &[], 20);
    let b = analyse(&index, &design, &[], 20);
    assert_eq!(a, b);
    // Reusing the normalised tables across runs changes nothing.
    assert_eq!(
        galeon_index::analyse_recomputing(&index, &design, &[], 20),
        a
    );
    assert_eq!(a.runs, 64 * (FACTORS.len() + 2));
    for r in &a.intervals {
        assert!(r.p05 <= r.median && r.median <= r.p95, "{r:?}");
    }
    // The same design written as CSV and read back gives the same analysis.
    let csv: String = std::iter::once(FACTORS.join(","))
        .chain(design.rows.iter().map(|r| {
            r.iter()
                .map(|u| format!("{u:?}"))
                .collect::<Vec<_>>()
                .join(",")
        }))
        .collect::<Vec<_>>()
        .join("\n");
    let read = Design::from_csv(&csv).unwrap();
    assert_eq!(read, design);
    assert!(Design::from_csv("a,b\n1,2\n").is_err());
}

#[test]
fn malformed_configurations_give_file_and_line() {
    let text = "[index]\nname = \"t\"\n[method]\nnormalisation = \"zscore\"\nindex_aggregation = \"geometric\"\n[[pillar]]\nid = \"p\"\n[[pillar.indicator]]\nid = \"nope\"\ndirection = 2\n";
    let errors = parse("bad.toml", text, &|id| id != "nope").unwrap_err();
    let shown: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    assert!(
        shown
            .iter()
            .any(|e| e.starts_with("bad.toml:8:") && e.contains("\"nope\" is unknown")),
        "{shown:?}"
    );
    assert!(
        shown
            .iter()
            .any(|e| e.starts_with("bad.toml:8:") && e.contains("direction")),
        "{shown:?}"
    );
    assert!(shown.iter().any(|e| e.contains("geometric")), "{shown:?}");
    let errors = parse(
        "bad.toml",
        "[index]\nname = \"t\"\n[method]\nnormalisation = \"fancy\"\n",
        &|_| true,
    )
    .unwrap_err();
    assert!(
        errors[0].to_string().starts_with("bad.toml:4:"),
        "{errors:?}"
    );
    // The default configuration parses.
    galeon_index::parse("default.toml", galeon_index::DEFAULT, &|_| true).unwrap();
}

#[test]
fn pca_weights_follow_the_first_component() {
    use galeon_index::engine::pca_weights;
    // Two perfectly correlated indicators: the first component loads on both equally, 1/√2 each,
    // so the squared loadings are ½ and ½.
    let rows: Vec<Vec<f64>> = (0..10)
        .map(|i| vec![i as f64, 2.0 * i as f64 + 1.0])
        .collect();
    let w = pca_weights(&rows).unwrap();
    assert!(
        (w[0] - 0.5).abs() < 1e-9 && (w[1] - 0.5).abs() < 1e-9,
        "{w:?}"
    );
    // Two correlated indicators and one uncorrelated with them: the third weighs least.
    let rows: Vec<Vec<f64>> = (0..12)
        .map(|i| {
            let x = i as f64;
            vec![
                x,
                x + if i % 2 == 0 { 0.5 } else { -0.5 },
                if i % 3 == 0 { 1.0 } else { -0.5 },
            ]
        })
        .collect();
    let w = pca_weights(&rows).unwrap();
    assert!((w.iter().sum::<f64>() - 1.0).abs() < 1e-9);
    assert!(w[2] < w[0] && w[2] < w[1], "{w:?}");
    // A configuration with PCA weights builds, and its weights sum to 1 in each pillar.
    let one = "[[pillar]]\nid = \"p\"\n[[pillar.indicator]]\nid = \"i0\"\n[[pillar.indicator]]\nid = \"i1\"\n";
    let cfg = config("weights = \"pca\"\noutliers = \"none\"", one);
    let index = build(
        &cfg,
        &rows.iter().map(|r| r[..2].to_vec()).collect::<Vec<_>>(),
    );
    let w = &index.weights.indicator;
    assert!((w[0] + w[1] - 1.0).abs() < 1e-12, "{w:?}");
    assert!(index
        .log
        .iter()
        .any(|l| l.contains("first principal component")));
}

#[test]
fn winsorising_never_erases_a_column_of_mostly_zeros() {
    use galeon_index::engine::treat_outliers;
    use galeon_index::Outliers;
    // Nine states with no capacity and one with 39 MW: skewness 3.16 and kurtosis 10 (by hand:
    // n = 10, one outlier), so the rule treats it. Winsorising the one point would make every
    // value 0, which min-max cannot normalise: the log transform is used instead, and keeps the
    // order.
    let mut v: Vec<Option<f64>> = vec![Some(0.0); 9];
    v.push(Some(39.0));
    let (t, what) = treat_outliers(&v, Outliers::Winsorise, 5, 2.0, 3.5);
    assert_eq!(what.as_deref(), Some("log (winsorising was not enough)"));
    let t: Vec<f64> = t.into_iter().flatten().collect();
    assert!((t[0] - 0.39f64.ln()).abs() < 1e-12);
    assert!((t[9] - 39.39f64.ln()).abs() < 1e-12);
    // With two large values among zeros, winsorising the larger one to the other still leaves
    // two distinct values, as before.
    let mut v: Vec<Option<f64>> = vec![Some(0.0); 12];
    v.extend([Some(10.0), Some(500.0)]);
    let (t, _) = treat_outliers(&v, Outliers::Winsorise, 5, 2.0, 3.5);
    let distinct: std::collections::BTreeSet<u64> =
        t.iter().flatten().map(|x| x.to_bits()).collect();
    assert!(distinct.len() >= 2);
}
