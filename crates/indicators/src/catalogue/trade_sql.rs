//! The trade indicators' queries, written once and instantiated per source: IMF DOTS first, then
//! IMF IMTS (its successor, where fetched), then UN Comtrade's partner tables. Each source's rows
//! have the same shape in `trade_flows`, so one definition serves all three; only the totals that
//! shares divide by differ (see [`COMTRADE_SHARE_CHN`]).

use super::Fallback;

/// A reporter's trade with China by flow: `$side` chooses which side is the country.
macro_rules! flow {
    ($source:literal, $where:literal, $side:literal) => {
        concat!(
            "SELECT ",
            $side,
            " FROM trade_flows WHERE source = '",
            $source,
            "' AND flow = '",
            $where,
            "'"
        )
    };
}

/// Exports + imports, or exports − imports, both from one side's statistics, in years that side
/// reports both flows.
macro_rules! both_flows {
    ($source:literal, $country:literal, $china:literal, $sum:literal) => {
        concat!(
            "SELECT ",
            $country,
            " AS country, 'CHN' AS partner, year, sum(",
            $sum,
            ") AS value FROM trade_flows \
             WHERE source = '",
            $source,
            "' AND ",
            $china,
            " = 'CHN' GROUP BY ",
            $country,
            ", year HAVING count(DISTINCT flow) = 2"
        )
    };
}

/// Country-reported trade with China in years both flows are reported: V in the growth rates.
macro_rules! trade_v {
    ($source:literal) => {
        concat!(
            "WITH v AS (SELECT reporter AS country, year, sum(value_usd) AS value FROM trade_flows \
               WHERE source = '", $source, "' AND partner = 'CHN' GROUP BY reporter, year HAVING count(DISTINCT flow) = 2)"
        )
    };
}

macro_rules! growth {
    ($source:literal) => {
        concat!(
            trade_v!($source),
            ", l AS (SELECT country, year, value, lag(value) OVER (PARTITION BY country ORDER BY year) AS previous, \
               lag(year) OVER (PARTITION BY country ORDER BY year) AS previous_year FROM v) \
             SELECT country, 'CHN' AS partner, year, value / previous - 1 AS value FROM l \
             WHERE previous_year = year - 1 AND previous > 0"
        )
    };
}

macro_rules! cagr_10y {
    ($source:literal) => {
        concat!(
            trade_v!($source),
            " SELECT a.country, 'CHN' AS partner, a.year, power(a.value / b.value, 0.1) - 1 AS value \
             FROM v a JOIN v b ON a.country = b.country AND b.year = a.year - 10 WHERE b.value > 0"
        )
    };
}

/// Bilateral trade, exports + imports, as each reporter reports it in one IMF dataset: the shared
/// tables `dots_bilateral` and `imts_bilateral`.
macro_rules! bilateral {
    ($source:literal) => {
        concat!(
            "SELECT t.reporter, t.partner, t.year, t.value_usd, coalesce(p.is_economy, false) AS partner_is_economy \
             FROM (SELECT reporter, partner, year, sum(value_usd) AS value_usd FROM trade_flows \
             WHERE source = '", $source, "' AND value_usd IS NOT NULL GROUP BY reporter, partner, year) t \
             LEFT JOIN countries p ON p.iso3 = t.partner"
        )
    };
}

/// The last year each source reports any trade between a country and a partner, in either
/// direction: a later source in an indicator's precedence carries the country's series on only
/// past it, so that every trade indicator of a country changes source in the same year.
pub const COVERAGE: &str = "SELECT source, country, partner, max(year) AS last FROM (\
    SELECT source, reporter AS country, partner, year FROM trade_flows WHERE value_usd IS NOT NULL \
    UNION ALL SELECT source, partner AS country, reporter AS partner, year FROM trade_flows WHERE value_usd IS NOT NULL) c \
    GROUP BY source, country, partner";

pub(super) const DOTS_BILATERAL: &str = bilateral!("imf-dots");
pub(super) const IMTS_BILATERAL: &str = bilateral!("imf-imts");

// Rank of a partner among the reporter's partners that are individual economies: one plus the
// number of partners with strictly more trade (so ties share the better rank, as SQL's rank()).
// Counting is cheaper than sorting every reporter's partners with a window function. A rank is
// only given where the partner list is whole: the individual economies account for at least 90 %
// of the reporter's World row (the rest is trade the reporter leaves unallocated). Below that, an
// unlisted partner could outrank the one ranked.
macro_rules! partner_rank {
    ($table:literal, $code:literal) => {
        concat!(
            "WITH e AS (SELECT reporter, partner, year, value_usd FROM ", $table, " WHERE partner_is_economy AND partner <> reporter), \
            whole AS (SELECT reporter, year FROM ", $table, " GROUP BY reporter, year \
              HAVING sum(CASE WHEN partner_is_economy AND partner <> reporter THEN value_usd END) >= 0.9 * sum(CASE WHEN partner = 'WLD' THEN value_usd END)), \
            c AS (SELECT e.reporter, e.year, e.value_usd FROM e JOIN whole k ON k.reporter = e.reporter AND k.year = e.year WHERE e.partner = '", $code, "') \
            SELECT c.reporter AS country, '", $code, "' AS partner, c.year, \
            CAST(1 + count(*) FILTER (WHERE e.value_usd > c.value_usd) AS DOUBLE) AS value \
            FROM c JOIN e ON e.reporter = c.reporter AND e.year = c.year GROUP BY c.reporter, c.year"
        )
    };
}

// Shares of China and the United States in each reporter's trade, with the World row of the same
// statistics as denominator.
macro_rules! partner_share {
    ($table:literal, $code:literal) => {
        concat!(
            "WITH t AS (SELECT reporter, year, sum(CASE WHEN partner = '",
            $code,
            "' THEN value_usd END) AS v, \
            sum(CASE WHEN partner = 'WLD' THEN value_usd END) AS w FROM ",
            $table,
            " WHERE partner IN ('",
            $code,
            "', 'WLD') \
            GROUP BY reporter, year) \
            SELECT reporter AS country, '",
            $code,
            "' AS partner, year, v / w AS value FROM t \
            WHERE v IS NOT NULL AND w > 0 AND reporter <> '",
            $code,
            "'"
        )
    };
}

/// The queries of the trade indicators for one IMF dataset and its shared bilateral table.
macro_rules! imf_queries {
    ($name:ident, $source:literal, $table:literal) => {
        pub(super) mod $name {
            pub const EXPORTS_TO_CHINA: &str = flow!(
                $source,
                "export' AND partner = 'CHN",
                "reporter AS country, 'CHN' AS partner, year, value_usd AS value"
            );
            pub const IMPORTS_FROM_CHINA: &str = flow!(
                $source,
                "import' AND partner = 'CHN",
                "reporter AS country, 'CHN' AS partner, year, value_usd AS value"
            );
            pub const CHINA_EXPORTS_TO: &str = flow!(
                $source,
                "export' AND reporter = 'CHN",
                "partner AS country, 'CHN' AS partner, year, value_usd AS value"
            );
            pub const CHINA_IMPORTS_FROM: &str = flow!(
                $source,
                "import' AND reporter = 'CHN",
                "partner AS country, 'CHN' AS partner, year, value_usd AS value"
            );
            pub const TRADE_WITH_CHINA: &str =
                both_flows!($source, "reporter", "partner", "value_usd");
            pub const CHINA_REPORTED_TRADE: &str =
                both_flows!($source, "partner", "reporter", "value_usd");
            pub const BALANCE_WITH_CHINA: &str = both_flows!(
                $source,
                "reporter",
                "partner",
                "CASE WHEN flow = 'export' THEN value_usd ELSE -value_usd END"
            );
            pub const GROWTH: &str = growth!($source);
            pub const CAGR_10Y: &str = cagr_10y!($source);
            pub const RANK_CHN: &str = partner_rank!($table, "CHN");
            pub const RANK_USA: &str = partner_rank!($table, "USA");
            pub const SHARE_CHN: &str = partner_share!($table, "CHN");
            pub const SHARE_USA: &str = partner_share!($table, "USA");
        }
    };
}

imf_queries!(dots, "imf-dots", "dots_bilateral");
imf_queries!(imts, "imf-imts", "imts_bilateral");

const CIPF: &str = "comtrade-cipf-partner-tables";

/// The Comtrade partner tables hold each reporter's trade with China, not with the World: shares
/// divide by the Growth Lab's country totals (exports + imports) of the Atlas of Economic
/// Complexity.
pub(super) const COMTRADE_SHARE_CHN: &str = "WITH t AS (SELECT reporter, year, sum(value_usd) AS v FROM trade_flows \
       WHERE source = 'comtrade-cipf-partner-tables' AND partner = 'CHN' GROUP BY reporter, year HAVING count(DISTINCT flow) = 2), \
     w AS (SELECT country, year, sum(value) AS w FROM macro WHERE source = 'atlas-country-year' \
       AND indicator IN ('atlas_exports_usd', 'atlas_imports_usd') GROUP BY country, year HAVING count(DISTINCT indicator) = 2) \
     SELECT t.reporter AS country, 'CHN' AS partner, t.year, t.v / w.w AS value FROM t \
     JOIN w ON w.country = t.reporter AND w.year = t.year WHERE w.w > 0 AND t.reporter <> 'CHN'";

const IMTS_NOTE: &str = "IMF IMTS, the successor of DOTS, where `galeon fetch imf-imts` has fetched it: the same definitions \
    over the IMF's current, revised figures.";
const CIPF_NOTE: &str =
    "UN Comtrade, each reporter's own exports to and imports from China (the cipf-comtrade \
    partner tables, about 170 reporters, 2014–2025; Haiti and Venezuela absent, 2025 partial).";

/// IMF IMTS, then UN Comtrade's partner tables, for an indicator whose definition reads only the
/// reporter's trade with China.
macro_rules! then_imts_comtrade {
    ($name:ident, $imts:expr, $comtrade:expr) => {
        pub(super) const $name: &[Fallback] = &[
            Fallback {
                datasets: &["imf-imts"],
                note: IMTS_NOTE,
                sql: $imts,
            },
            Fallback {
                datasets: &[CIPF],
                note: CIPF_NOTE,
                sql: $comtrade,
            },
        ];
    };
}

then_imts_comtrade!(
    EXPORTS_TO_CHINA_THEN,
    imts::EXPORTS_TO_CHINA,
    flow!(
        "comtrade-cipf-partner-tables",
        "export' AND partner = 'CHN",
        "reporter AS country, 'CHN' AS partner, year, value_usd AS value"
    )
);
then_imts_comtrade!(
    IMPORTS_FROM_CHINA_THEN,
    imts::IMPORTS_FROM_CHINA,
    flow!(
        "comtrade-cipf-partner-tables",
        "import' AND partner = 'CHN",
        "reporter AS country, 'CHN' AS partner, year, value_usd AS value"
    )
);
then_imts_comtrade!(
    TRADE_WITH_CHINA_THEN,
    imts::TRADE_WITH_CHINA,
    both_flows!(
        "comtrade-cipf-partner-tables",
        "reporter",
        "partner",
        "value_usd"
    )
);
then_imts_comtrade!(
    BALANCE_WITH_CHINA_THEN,
    imts::BALANCE_WITH_CHINA,
    both_flows!(
        "comtrade-cipf-partner-tables",
        "reporter",
        "partner",
        "CASE WHEN flow = 'export' THEN value_usd ELSE -value_usd END"
    )
);
then_imts_comtrade!(
    GROWTH_THEN,
    imts::GROWTH,
    growth!("comtrade-cipf-partner-tables")
);
then_imts_comtrade!(
    CAGR_10Y_THEN,
    imts::CAGR_10Y,
    cagr_10y!("comtrade-cipf-partner-tables")
);

pub(super) const SHARE_CHN_THEN: &[Fallback] = &[
    Fallback { datasets: &["imf-imts"], note: IMTS_NOTE, sql: imts::SHARE_CHN },
    Fallback {
        datasets: &[CIPF, "atlas-country-year"],
        note: "UN Comtrade, each reporter's own trade with China (the cipf-comtrade partner tables, 2014–2025), over \
            the country's total exports + imports in the Atlas of Economic Complexity (Growth Lab's reconciled goods totals, \
            not the reporter's own World row: the level differs from DOTS, and the overlap years measure by how much).",
        sql: COMTRADE_SHARE_CHN,
    },
];

/// Only IMTS, for definitions the Comtrade partner tables cannot serve: China-reported flows,
/// the United States, and ranks (which need every partner, and those tables list one).
macro_rules! then_imts {
    ($name:ident, $imts:expr) => {
        pub(super) const $name: &[Fallback] = &[Fallback {
            datasets: &["imf-imts"],
            note: IMTS_NOTE,
            sql: $imts,
        }];
    };
}

then_imts!(CHINA_EXPORTS_TO_THEN, imts::CHINA_EXPORTS_TO);
then_imts!(CHINA_IMPORTS_FROM_THEN, imts::CHINA_IMPORTS_FROM);
then_imts!(CHINA_REPORTED_TRADE_THEN, imts::CHINA_REPORTED_TRADE);
then_imts!(RANK_CHN_THEN, imts::RANK_CHN);
then_imts!(RANK_USA_THEN, imts::RANK_USA);
then_imts!(SHARE_USA_THEN, imts::SHARE_USA);
