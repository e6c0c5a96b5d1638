//! The trade indicators' sources after IMF DOTS: IMF IMTS (its successor, where fetched), then
//! UN Comtrade's partner tables. Each source's rows have the same shape in `trade_flows`, so one
//! `.sql` file per indicator serves all three, bound to a source; only the totals that shares
//! divide by differ (`china_partner_share_comtrade.sql`).

use super::{sql, Fallback, Sql};

/// The last year each source reports any trade between a country and a partner, in either
/// direction: a later source in an indicator's precedence carries the country's series on only
/// past it, so that every trade indicator of a country changes source in the same year.
pub const COVERAGE: Sql = sql!("coverage.sql");

const IMTS: &str = "imf-imts";
const CIPF: &str = "comtrade-cipf-partner-tables";

const IMTS_NOTE: &str = "IMF IMTS, the successor of DOTS, where `galeon fetch imf-imts` has fetched it: the same definitions \
    over the IMF's current, revised figures.";
const CIPF_NOTE: &str =
    "UN Comtrade, each reporter's own exports to and imports from China (the cipf-comtrade \
    partner tables, about 170 reporters, 2014–2025; Haiti and Venezuela absent, 2025 partial).";

/// IMF IMTS, then UN Comtrade's partner tables, for an indicator whose definition reads only the
/// reporter's trade with China: the same file bound to each source.
macro_rules! then_imts_comtrade {
    ($name:ident, $file:literal) => {
        pub(super) const $name: &[Fallback] = &[
            Fallback {
                datasets: &[IMTS],
                note: IMTS_NOTE,
                sql: sql!($file, source = IMTS),
            },
            Fallback {
                datasets: &[CIPF],
                note: CIPF_NOTE,
                sql: sql!($file, source = CIPF),
            },
        ];
    };
}

then_imts_comtrade!(EXPORTS_TO_CHINA_THEN, "exports_to_china.sql");
then_imts_comtrade!(IMPORTS_FROM_CHINA_THEN, "imports_from_china.sql");
then_imts_comtrade!(TRADE_WITH_CHINA_THEN, "trade_with_china.sql");
then_imts_comtrade!(BALANCE_WITH_CHINA_THEN, "trade_balance_with_china.sql");
then_imts_comtrade!(GROWTH_THEN, "trade_with_china_growth.sql");
then_imts_comtrade!(CAGR_10Y_THEN, "trade_with_china_cagr_10y.sql");

pub(super) const SHARE_CHN_THEN: &[Fallback] = &[
    Fallback {
        datasets: &[IMTS],
        note: IMTS_NOTE,
        sql: sql!("partner_share.sql", table = "imts_bilateral", partner = "CHN"),
    },
    Fallback {
        datasets: &[CIPF, "atlas-country-year"],
        note: "UN Comtrade, each reporter's own trade with China (the cipf-comtrade partner tables, 2014–2025), over \
            the country's total exports + imports in the Atlas of Economic Complexity (Growth Lab's reconciled goods totals, \
            not the reporter's own World row: the level differs from DOTS, and the overlap years measure by how much).",
        sql: sql!("china_partner_share_comtrade.sql"),
    },
];

/// Only IMTS, for definitions the Comtrade partner tables cannot serve: China-reported flows,
/// the United States, and ranks (which need every partner, and those tables list one).
macro_rules! then_imts {
    ($name:ident, $sql:expr) => {
        pub(super) const $name: &[Fallback] = &[Fallback {
            datasets: &[IMTS],
            note: IMTS_NOTE,
            sql: $sql,
        }];
    };
}

then_imts!(
    CHINA_EXPORTS_TO_THEN,
    sql!("china_exports_to.sql", source = IMTS)
);
then_imts!(
    CHINA_IMPORTS_FROM_THEN,
    sql!("china_imports_from.sql", source = IMTS)
);
then_imts!(
    CHINA_REPORTED_TRADE_THEN,
    sql!("china_reported_trade_with.sql", source = IMTS)
);
then_imts!(
    RANK_CHN_THEN,
    sql!(
        "partner_rank.sql",
        table = "imts_bilateral",
        partner = "CHN"
    )
);
then_imts!(
    RANK_USA_THEN,
    sql!(
        "partner_rank.sql",
        table = "imts_bilateral",
        partner = "USA"
    )
);
then_imts!(
    SHARE_USA_THEN,
    sql!(
        "partner_share.sql",
        table = "imts_bilateral",
        partner = "USA"
    )
);
