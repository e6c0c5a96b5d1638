//! Every indicator galeon publishes: its definition, and how it is computed.

mod sql;
mod trade;

use sql::sql;
pub use sql::Sql;
pub use trade::COVERAGE;

/// The paper's fields and foundations, which group the indicators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Family {
    /// Trade (economic field, §3.1).
    Trade,
    /// Finance and investment (public goods, F2).
    Finance,
    /// Political field (§3.2) and government guarantees (F1).
    Political,
    /// Cultural field (§3.3) and shared history (F5).
    Cultural,
    /// Green field (§3.4).
    Green,
}

impl Family {
    /// Lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Family::Trade => "trade",
            Family::Finance => "finance",
            Family::Political => "political",
            Family::Cultural => "cultural",
            Family::Green => "green",
        }
    }
}

/// How an indicator is computed.
#[derive(Debug, Clone, Copy)]
pub enum Compute {
    /// One SQL query over the store returning `country`, `partner` (text or NULL), `year`, `value`.
    Sql(Sql),
    /// Computed in Rust from inputs the engine fetches (see `engine.rs`).
    Derived(Derived),
}

/// Indicators computed in Rust.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Derived {
    /// Year China's share first exceeded the United States' share.
    ChinaOvertookUs,
    /// Correlation of the yearly changes of China's and the United States' shares over ten years.
    ShareComovement,
    /// Complementarity of the country's exports with China's imports.
    ComplementarityCountryToChina,
    /// Complementarity of China's exports with the country's imports.
    ComplementarityChinaToCountry,
    /// Grubel-Lloyd, China's trade with the country at HS2.
    GrubelLloydHs2,
    /// Export concentration over the 16 WITS groups.
    ExportHhiWits16,
    /// Share of manufactured exports (WTO groups) threatened by China.
    ThreatShare,
    /// Share of manufactured exports (WTO groups) under partial threat from China.
    PartialThreatShare,
    /// Recognises Beijing on 31 December.
    RecognisesBeijing,
    /// AIIB membership on 31 December: 0 none recorded, 1 prospective, 2 member.
    AiibMember,
    /// Years since current recognition of Beijing.
    YearsSinceRecognition,
    /// Partnership level on 31 December.
    PartnershipLevel,
    /// BRI member on 31 December.
    BriMember,
    /// FTA with China in force on 31 December.
    FtaInForce,
}

impl Derived {
    /// Whether it is read from the curated facts rather than computed from the store's tables.
    pub fn reads_facts(self) -> bool {
        matches!(
            self,
            Derived::RecognisesBeijing
                | Derived::YearsSinceRecognition
                | Derived::PartnershipLevel
                | Derived::BriMember
                | Derived::AiibMember
                | Derived::FtaInForce
        )
    }
}

/// An indicator's definition: everything its docs page says.
#[derive(Debug, Clone, Copy)]
pub struct Indicator {
    /// Stable id.
    pub id: &'static str,
    /// Title.
    pub title: &'static str,
    /// Family.
    pub family: Family,
    /// Unit of `value`.
    pub unit: &'static str,
    /// Formula and definition.
    pub formula: &'static str,
    /// Nomenclature and level, where products are involved.
    pub nomenclature: &'static str,
    /// Whose statistics: reporter-reported, mirror, China-reported…
    pub reporter_side: &'static str,
    /// The world denominator or total used, where there is one.
    pub denominator: &'static str,
    /// Canonical tables and source datasets used.
    pub sources: &'static str,
    /// Coverage and its gaps.
    pub coverage: &'static str,
    /// Caveats.
    pub caveats: &'static str,
    /// References.
    pub references: &'static str,
    /// How it is computed.
    pub compute: Compute,
    /// The sources after the first, in order of precedence: each carries a country's series on
    /// past the last year the sources before it report trade between the country and the partner
    /// (never filling a gap inside their years).
    pub fallback: &'static [Fallback],
}

/// A later source in an indicator's precedence: the same definition, computed from other datasets.
/// Each value says which source it came from, and the first value of a series after a change of
/// source carries a series-break flag.
#[derive(Debug, Clone, Copy)]
pub struct Fallback {
    /// The datasets it reads, as the store's `source` column names them.
    pub datasets: &'static [&'static str],
    /// How it differs from the sources before it (statistics, totals, coverage), for the docs.
    pub note: &'static str,
    /// One SQL query with the same columns as the indicator's own.
    pub sql: Sql,
}

const DOTS: &str = "trade_flows (imf-dots: IMF Direction of Trade Statistics, 1960–2020)";
const FACTS: &str = "facts (galeon's curated facts, data/facts, each record sourced)";
const DOTS_COVERAGE: &str = "Reporters and years as in IMF DOTS (1960–2020); where the indicator has later sources (below), each series carries on past its last DOTS year from the first of them that has values. A country-year without a value has no row: missing is never zero.";
const RANK_COVERAGE: &str = "Reporter-years of IMF DOTS (1960–2020), then IMF IMTS where fetched, whose individual-economy partners account for at least 90 % of the World row: below that, a partner the reporter leaves unallocated could outrank the one ranked, so no rank is given. UN Comtrade's partner tables list one partner per table and never give a rank.";
const METHODS: &str = "shared/docs/methods.md; IMF, Direction of Trade Statistics";

/// The catalogue, in display order.
pub const INDICATORS: &[Indicator] = &[
    Indicator {
        id: "exports_to_china",
        title: "Exports to China, as the country reports them",
        family: Family::Trade,
        unit: "USD (current)",
        formula: "x_ij: the country's exports (FOB) to China, reporter-reported.",
        nomenclature: "total merchandise",
        reporter_side: "reporter (the LAC state's own statistics)",
        denominator: "none",
        sources: DOTS,
        coverage: DOTS_COVERAGE,
        caveats: "Not comparable with China's reported imports from the country (CIF, typically 5–10 % higher); see china_imports_from.",
        references: METHODS,
        fallback: trade::EXPORTS_TO_CHINA_THEN,
        compute: Compute::Sql(sql!("exports_to_china.sql", source = "imf-dots")),
    },
    Indicator {
        id: "imports_from_china",
        title: "Imports from China, as the country reports them",
        family: Family::Trade,
        unit: "USD (current)",
        formula: "m_ij: the country's imports (CIF) from China, reporter-reported.",
        nomenclature: "total merchandise",
        reporter_side: "reporter",
        denominator: "none",
        sources: DOTS,
        coverage: DOTS_COVERAGE,
        caveats: "CIF values include freight and insurance.",
        references: METHODS,
        fallback: trade::IMPORTS_FROM_CHINA_THEN,
        compute: Compute::Sql(sql!("imports_from_china.sql", source = "imf-dots")),
    },
    Indicator {
        id: "china_exports_to",
        title: "China's exports to the country, as China reports them",
        family: Family::Trade,
        unit: "USD (current)",
        formula: "x_ji: China's exports (FOB) to the country, China-reported.",
        nomenclature: "total merchandise",
        reporter_side: "China",
        denominator: "none",
        sources: DOTS,
        coverage: DOTS_COVERAGE,
        caveats: "Mirror of imports_from_china; the two differ by freight, timing and classification.",
        references: METHODS,
        fallback: trade::CHINA_EXPORTS_TO_THEN,
        compute: Compute::Sql(sql!("china_exports_to.sql", source = "imf-dots")),
    },
    Indicator {
        id: "china_imports_from",
        title: "China's imports from the country, as China reports them",
        family: Family::Trade,
        unit: "USD (current)",
        formula: "m_ji: China's imports (CIF) from the country, China-reported.",
        nomenclature: "total merchandise",
        reporter_side: "China",
        denominator: "none",
        sources: DOTS,
        coverage: DOTS_COVERAGE,
        caveats: "Mirror of exports_to_china.",
        references: METHODS,
        fallback: trade::CHINA_IMPORTS_FROM_THEN,
        compute: Compute::Sql(sql!("china_imports_from.sql", source = "imf-dots")),
    },
    Indicator {
        id: "trade_with_china",
        title: "Trade with China (exports + imports), as the country reports it",
        family: Family::Trade,
        unit: "USD (current)",
        formula: "x_ij + m_ij, both from the country's own statistics (never one side's exports plus the other's imports).",
        nomenclature: "total merchandise",
        reporter_side: "reporter",
        denominator: "none",
        sources: DOTS,
        coverage: DOTS_COVERAGE,
        caveats: "Years with only one of the two flows reported are left out rather than half-counted.",
        references: METHODS,
        fallback: trade::TRADE_WITH_CHINA_THEN,
        compute: Compute::Sql(sql!("trade_with_china.sql", source = "imf-dots")),
    },
    Indicator {
        id: "china_reported_trade_with",
        title: "China's trade with the country (exports + imports), as China reports it",
        family: Family::Trade,
        unit: "USD (current)",
        formula: "x_ji + m_ji, both from China's statistics.",
        nomenclature: "total merchandise",
        reporter_side: "China",
        denominator: "none",
        sources: DOTS,
        coverage: DOTS_COVERAGE,
        caveats: "Summed over LAC this gives China-reported China–LAC trade (about USD 17.7 bn in 2002).",
        references: METHODS,
        fallback: trade::CHINA_REPORTED_TRADE_THEN,
        compute: Compute::Sql(sql!("china_reported_trade_with.sql", source = "imf-dots")),
    },
    Indicator {
        id: "trade_balance_with_china",
        title: "Trade balance with China, as the country reports it",
        family: Family::Trade,
        unit: "USD (current)",
        formula: "x_ij − m_ij, the country's own statistics.",
        nomenclature: "total merchandise",
        reporter_side: "reporter",
        denominator: "none",
        sources: DOTS,
        coverage: DOTS_COVERAGE,
        caveats: "Exports FOB against imports CIF: a small negative bias is built in.",
        references: METHODS,
        fallback: trade::BALANCE_WITH_CHINA_THEN,
        compute: Compute::Sql(sql!("trade_balance_with_china.sql", source = "imf-dots")),
    },
    Indicator {
        id: "trade_with_china_growth",
        title: "Growth of trade with China, country-reported",
        family: Family::Trade,
        unit: "fraction (0.1 = 10 %)",
        formula: "g_t = V_t / V_(t−1) − 1, V = trade_with_china.",
        nomenclature: "total merchandise",
        reporter_side: "reporter",
        denominator: "none",
        sources: DOTS,
        coverage: "Years with a value in both t and t−1.",
        caveats: "Current dollars: part of any growth is price change.",
        references: METHODS,
        fallback: trade::GROWTH_THEN,
        compute: Compute::Sql(sql!("trade_with_china_growth.sql", source = "imf-dots")),
    },
    Indicator {
        id: "trade_with_china_cagr_10y",
        title: "Ten-year compound annual growth of trade with China, country-reported",
        family: Family::Trade,
        unit: "fraction per year",
        formula: "(V_t / V_(t−10))^(1/10) − 1, V = trade_with_china.",
        nomenclature: "total merchandise",
        reporter_side: "reporter",
        denominator: "none",
        sources: DOTS,
        coverage: "Years t with values in t and t−10.",
        caveats: "Current dollars.",
        references: METHODS,
        fallback: trade::CAGR_10Y_THEN,
        compute: Compute::Sql(sql!("trade_with_china_cagr_10y.sql", source = "imf-dots")),
    },
    Indicator {
        id: "china_partner_rank",
        title: "China's rank among the country's trading partners",
        family: Family::Trade,
        unit: "rank (1 = top partner)",
        formula: "Rank of China among partners j of country i by x_ij + m_ij (country-reported), counting only individual economies (never World, regions, 'not specified' or other aggregates). Ties share the better rank.",
        nomenclature: "total merchandise",
        reporter_side: "reporter",
        denominator: "none",
        sources: "trade_flows (imf-dots); countries (is_economy)",
        coverage: RANK_COVERAGE,
        caveats: "Partners with only one flow reported in a year are ranked on that flow; historic partners (USSR…) are economies and rank in their years.",
        references: METHODS,
        fallback: trade::RANK_CHN_THEN,
        compute: Compute::Sql(sql!("partner_rank.sql", table = "dots_bilateral", partner = "CHN")),
    },
    Indicator {
        id: "china_partner_share",
        title: "China's share of the country's trade",
        family: Family::Trade,
        unit: "fraction",
        formula: "(x_ij + m_ij) / (x_iw + m_iw), j = China, w = the World row of the same statistics.",
        nomenclature: "total merchandise",
        reporter_side: "reporter",
        denominator: "the country's World row in DOTS (in IMTS, its World row there; with Comtrade's partner tables, which have no World row, the Atlas of Economic Complexity's exports + imports of the country)",
        sources: DOTS,
        coverage: DOTS_COVERAGE,
        caveats: "The World row includes 'not specified' trade, so shares of named partners sum to less than 1. A partner's trade is the sum of the flows the source gives: IMF DOTS leaves a cell blank where there was no trade or no report, so a year with one flow counts the other as none (LAC reporters with China, 2005–2020: 23 of 528 reporter-years have one flow, 19 of them imports only).",
        references: METHODS,
        fallback: trade::SHARE_CHN_THEN,
        compute: Compute::Sql(sql!("partner_share.sql", table = "dots_bilateral", partner = "CHN")),
    },
    Indicator {
        id: "us_partner_rank",
        title: "The United States' rank among the country's trading partners",
        family: Family::Trade,
        unit: "rank (1 = top partner)",
        formula: "As china_partner_rank, for the United States (the extra-regional comparator, F4).",
        nomenclature: "total merchandise",
        reporter_side: "reporter",
        denominator: "none",
        sources: "trade_flows (imf-dots); countries (is_economy)",
        coverage: RANK_COVERAGE,
        caveats: "As china_partner_rank.",
        references: METHODS,
        fallback: trade::RANK_USA_THEN,
        compute: Compute::Sql(sql!("partner_rank.sql", table = "dots_bilateral", partner = "USA")),
    },
    Indicator {
        id: "us_partner_share",
        title: "The United States' share of the country's trade",
        family: Family::Trade,
        unit: "fraction",
        formula: "(x_ij + m_ij) / (x_iw + m_iw), j = United States.",
        nomenclature: "total merchandise",
        reporter_side: "reporter",
        denominator: "the country's World row in DOTS",
        sources: DOTS,
        coverage: DOTS_COVERAGE,
        caveats: "As china_partner_share.",
        references: METHODS,
        fallback: trade::SHARE_USA_THEN,
        compute: Compute::Sql(sql!("partner_share.sql", table = "dots_bilateral", partner = "USA")),
    },
    Indicator {
        id: "china_overtook_us_year",
        title: "First year China's share of the country's trade exceeded the United States'",
        family: Family::Trade,
        unit: "year",
        formula: "min { t : china_partner_share_t > us_partner_share_t }; the row's year is that year.",
        nomenclature: "total merchandise",
        reporter_side: "reporter",
        denominator: "the country's World row in DOTS",
        sources: DOTS,
        coverage: "Countries where it has happened by 2020.",
        caveats: "A first crossing may be reversed later; the shares over time show it.",
        references: METHODS,
        fallback: &[],
        compute: Compute::Derived(Derived::ChinaOvertookUs),
    },
    Indicator {
        id: "china_us_share_comovement_10y",
        title: "Co-movement of China's and the United States' shares of the country's trade, over ten years",
        family: Family::Trade,
        unit: "correlation (−1 to 1)",
        formula: "Pearson's r of Δ china_partner_share_t and Δ us_partner_share_t over the ten yearly changes from t−10 to t (both shares in all eleven years).",
        nomenclature: "total merchandise",
        reporter_side: "reporter",
        denominator: "the country's World row in DOTS",
        sources: DOTS,
        coverage: "Country-years with both shares in each of the eleven years, IMF DOTS (to 2020).",
        caveats: "A sign of how a state placed its trade between the two powers, not of intent: negative when China's gains came with the United States' losses (substitution), positive when both rose or fell together (diversification, or hedging between them); near zero when the changes are unrelated. Ten changes make a noisy correlation: read it with the two shares.",
        references: METHODS,
        fallback: &[],
        compute: Compute::Derived(Derived::ShareComovement),
    },
    Indicator {
        id: "dependence_asymmetry",
        title: "Dependence asymmetry with China",
        family: Family::Trade,
        unit: "fraction (difference of shares)",
        formula: "s_ij − s_ji: China's share of the country's trade (country-reported) minus the country's share of China's trade (China-reported).",
        nomenclature: "total merchandise",
        reporter_side: "s_ij reporter; s_ji China",
        denominator: "each side's World row",
        sources: DOTS,
        coverage: "Country-years with both sides reported.",
        caveats: "Wintgens' asymmetric interdependence is s_ij ≫ s_ji; the ratio is dependence_ratio.",
        references: "shared/docs/methods.md; Wintgens (2022)",
        fallback: &[],
        compute: Compute::Sql(sql!("dependence.sql", value = "i.s_ij - j.v / w.total")),
    },
    Indicator {
        id: "dependence_ratio",
        title: "Dependence ratio with China",
        family: Family::Trade,
        unit: "ratio",
        formula: "s_ij / s_ji, with the shares of dependence_asymmetry.",
        nomenclature: "total merchandise",
        reporter_side: "s_ij reporter; s_ji China",
        denominator: "each side's World row",
        sources: DOTS,
        coverage: "Country-years with both sides reported and s_ji > 0.",
        caveats: "Large for small economies by construction.",
        references: "shared/docs/methods.md",
        fallback: &[],
        compute: Compute::Sql(sql!("dependence.sql", value = "i.s_ij / (j.v / w.total)")),
    },
    Indicator {
        id: "export_intensity_with_china",
        title: "Export intensity with China (trade intensity index)",
        family: Family::Trade,
        unit: "index (1 = as expected from China's weight in world imports)",
        formula: "TII = (x_ij / x_iw) / (m_jw / m_ww): the country's export share to China over China's share of world imports (ARTNeT, import-share form).",
        nomenclature: "total merchandise",
        reporter_side: "x reporter; m_jw China-reported; m_ww the World reporter row",
        denominator: "DOTS World reporter's imports from the World",
        sources: DOTS,
        coverage: DOTS_COVERAGE,
        caveats: "States the import-share form of the denominator.",
        references: "shared/docs/methods.md; ARTNeT trade indicators",
        fallback: &[],
        compute: Compute::Sql(sql!("export_intensity_with_china.sql")),
    },
    Indicator {
        id: "export_hhi_wits16",
        title: "Export concentration (HHI) over the 16 WITS product groups",
        family: Family::Trade,
        unit: "index 0–1 (normalised)",
        formula: "Normalised HHI = (Σ s_k² − 1/N) / (1 − 1/N), s_k the share of WITS group k in exports to the world, N = 16.",
        nomenclature: "WITS 16 HS-based product groups",
        reporter_side: "reporter",
        denominator: "sum of the 16 groups",
        sources: "trade_by_product (wits-trade-summary)",
        coverage: "Reporter-years in the WITS bulk file (1988–2019; Haiti absent).",
        caveats: "Coarse groups understate concentration relative to HS4 or HS6 measures (see macro.atlas_hs4_export_hhi).",
        references: "shared/docs/methods.md",
        fallback: &[],
        compute: Compute::Derived(Derived::ExportHhiWits16),
    },
    Indicator {
        id: "complementarity_exports_to_china",
        title: "Trade complementarity: the country's exports with China's imports",
        family: Family::Trade,
        unit: "index 0–100",
        formula: "TC = 100 · (1 − ½ Σ_k |m_jk − x_ik|), x_ik shares of k in the country's exports, m_jk shares of k in China's imports (fractions).",
        nomenclature: "WTO product groups, 10-way partition of total merchandise (AGFO, other AG, MIFU, other MI, MAIS, MACH, MAMT, MATE, MACL, other MA)",
        reporter_side: "reporter (both sides report to WTO)",
        denominator: "each side's total merchandise (TO)",
        sources: "trade_by_product (wto-product-groups, 2019–2020 file)",
        coverage: "2019 and 2020, reporters in the WTO file.",
        caveats: "The finest level with imports for all reporters here; finer products raise the distance and lower TC.",
        references: "Michaely (1996); WITS; shared/docs/methods.md",
        fallback: &[],
        compute: Compute::Derived(Derived::ComplementarityCountryToChina),
    },
    Indicator {
        id: "complementarity_china_to_country",
        title: "Trade complementarity: China's exports with the country's imports",
        family: Family::Trade,
        unit: "index 0–100",
        formula: "As complementarity_exports_to_china with the roles reversed.",
        nomenclature: "WTO product groups, 10-way partition",
        reporter_side: "reporter",
        denominator: "each side's total merchandise",
        sources: "trade_by_product (wto-product-groups, 2019–2020 file)",
        coverage: "2019 and 2020.",
        caveats: "Directional: differs from complementarity_exports_to_china.",
        references: "Michaely (1996)",
        fallback: &[],
        compute: Compute::Derived(Derived::ComplementarityChinaToCountry),
    },
    Indicator {
        id: "grubel_lloyd_hs2_with_china",
        title: "Intra-industry trade with China (Grubel-Lloyd, HS2)",
        family: Family::Trade,
        unit: "index 0–1",
        formula: "GL = Σ_k (x_k + m_k) GL_k / Σ_k (x_k + m_k), GL_k = 1 − |x_k − m_k| / (x_k + m_k); x_k the country's exports to China, m_k China's exports to the country (as the country's imports, mirror).",
        nomenclature: "HS 2017 (H5), 2 digits (97 chapters)",
        reporter_side: "x_k the country's exports; m_k China-reported exports (mirror of the country's imports)",
        denominator: "none",
        sources: "trade_by_product (comtrade-top30-hs2: exports by partner and HS2 for Brazil, Mexico and China, 2019–2020)",
        coverage: "Brazil and Mexico (the LAC reporters in the file), 2019 and 2020.",
        caveats: "Unadjusted GL is biased down by the overall imbalance (Aquino); it falls as products get finer.",
        references: "Grubel & Lloyd (1975); Brülhart (2009)",
        fallback: &[],
        compute: Compute::Derived(Derived::GrubelLloydHs2),
    },
    Indicator {
        id: "grubel_lloyd_hs6_with_china_baci",
        title: "Intra-industry trade with China (Grubel-Lloyd, HS6, CEPII BACI)",
        family: Family::Trade,
        unit: "index 0–1",
        formula: "GL = Σ_k (x_k + m_k − |x_k − m_k|) / Σ_k (x_k + m_k) over HS6 products k; x_k the state's exports to China, m_k China's exports to the state, both from BACI (which reconciles the two sides' declarations).",
        nomenclature: "HS, 6 digits, in the HS revision of the BACI files present (one revision per sources folder)",
        reporter_side: "BACI: one reconciled value per exporter, importer and product",
        denominator: "none",
        sources: "trade_by_product (cepii-baci)",
        coverage: "The 33 LAC states, the years of the BACI files in the sources folder; none when BACI is absent (it is not bundled: see docs/sources.md).",
        caveats: "Unadjusted GL is biased down by the overall imbalance (Aquino), and falls as products get finer: HS6 values are lower than the HS2 ones of grubel_lloyd_hs2_with_china.",
        references: "Grubel & Lloyd (1975); Brülhart (2009); Gaulier & Zignago (2010) for BACI",
        fallback: &[],
        compute: Compute::Sql(sql!("grubel_lloyd_hs6_with_china_baci.sql")),
    },
    Indicator {
        id: "manufactures_threatened_share",
        title: "Share of manufactured exports under direct threat from China",
        family: Family::Trade,
        unit: "fraction of manufactured exports (t1 values)",
        formula: "For each WTO manufactures group k and period [t0, t1]: threatened if the country's world market share falls while China's rises (Gallagher & Porzecanski). Value: exports in threatened groups / exports in all groups, at t1 values.",
        nomenclature: "WTO manufactures groups (SITC Rev.3): iron and steel, chemicals, office and telecom, automotive, other transport, textiles, clothing, other machinery",
        reporter_side: "reporter (exports to the world)",
        denominator: "World reporter's exports of each group",
        sources: "trade_by_product (wto-product-groups, manufactures 1990–2018)",
        coverage: "Periods between consecutive WTO years (1990, 1995, 2000, 2005, 2010, 2015, 2018); the row's year is t1.",
        caveats: "Group level, far coarser than Gallagher & Porzecanski's SITC 3-digit analysis.",
        references: "Gallagher & Porzecanski (2010)",
        fallback: &[],
        compute: Compute::Derived(Derived::ThreatShare),
    },
    Indicator {
        id: "manufactures_partial_threat_share",
        title: "Share of manufactured exports under partial threat from China",
        family: Family::Trade,
        unit: "fraction of manufactured exports (t1 values)",
        formula: "As manufactures_threatened_share, for the partial-threat class: China's world market share rises, the country's does not fall, and China's rises more (Gallagher & Porzecanski). The direct, partial and no-threat shares of a period add up to 1 where every group has world exports.",
        nomenclature: "WTO manufactures groups (SITC Rev.3), as manufactures_threatened_share",
        reporter_side: "reporter (exports to the world)",
        denominator: "World reporter's exports of each group",
        sources: "trade_by_product (wto-product-groups, manufactures 1990–2018)",
        coverage: "As manufactures_threatened_share.",
        caveats: "Group level, far coarser than Gallagher & Porzecanski's SITC 3-digit analysis.",
        references: "Gallagher & Porzecanski (2010)",
        fallback: &[],
        compute: Compute::Derived(Derived::PartialThreatShare),
    },
    Indicator {
        id: "rca_wits16",
        title: "Revealed comparative advantage by WITS product group",
        family: Family::Trade,
        unit: "index (≥ 1 = advantage)",
        formula: "RCA_ik = (x_ik / x_i) / (x_wk / x_w) (Balassa 1965), x exports to the world; dimension = the group.",
        nomenclature: "WITS 16 HS-based product groups",
        reporter_side: "reporter",
        denominator: "WITS World (WLD) reporter's exports by group and in total",
        sources: "trade_by_product (wits-trade-summary)",
        coverage: "Reporter-years in the WITS bulk file, 1988–2019.",
        caveats: "Group totals are the sum of the 16 groups on both sides.",
        references: "Balassa (1965); shared/docs/methods.md",
        fallback: &[],
        compute: Compute::Sql(sql!("rca_wits16.sql")),
    },
    Indicator {
        id: "rca_hs4_baci",
        title: "Revealed comparative advantage by HS4 heading (CEPII BACI)",
        family: Family::Trade,
        unit: "index (≥ 1 = advantage)",
        formula: "RCA_ik = (x_ik / x_i) / (x_wk / x_w) (Balassa 1965), x exports to every partner summed from HS6 to HS4; x_w the sum over every BACI exporter; dimension = the HS4 heading.",
        nomenclature: "HS, 4 digits, in the HS revision of the BACI files present (one revision per sources folder)",
        reporter_side: "BACI: one reconciled value per exporter, importer and product",
        denominator: "every exporter in the BACI files: BACI covers all partners, so the world is complete",
        sources: "trade_by_product (cepii-baci)",
        coverage: "The 33 LAC states, the years of the BACI files in the sources folder; none when BACI is absent (it is not bundled: see docs/sources.md).",
        caveats: "Headings a state does not export have no value (not zero). The world is BACI's sum over exporters, which leaves out trade BACI cannot reconcile.",
        references: "Balassa (1965); Gaulier & Zignago (2010) for BACI",
        fallback: &[],
        compute: Compute::Sql(sql!("rca_hs4_baci.sql")),
    },
    Indicator {
        id: "world_market_share_manufactures",
        title: "World market share in manufactures, by WTO product group",
        family: Family::Trade,
        unit: "fraction of world exports of the group",
        formula: "x_ck / x_wk: the economy's exports of group k over the World's (WTO); dimension = the WTO group code.",
        nomenclature: "WTO manufactures groups (SITC Rev.3 aggregates)",
        reporter_side: "reporter",
        denominator: "WTO World reporter",
        sources: "trade_by_product (wto-product-groups, manufactures file)",
        coverage: "1990, 1995, 2000, 2005, 2010, 2015, 2018.",
        caveats: "Small economies are missing in early years.",
        references: "Gallagher & Porzecanski (2010)",
        fallback: &[],
        compute: Compute::Sql(sql!("world_market_share_manufactures.sql")),
    },
    Indicator {
        id: "primary_share_of_exports_to_china",
        title: "Primary products' share of exports to China (Lall classes)",
        family: Family::Trade,
        unit: "fraction",
        formula: "Exports to China classed 'Productos primarios' (Lall 2000) / all exports to China.",
        nomenclature: "Lall (2000) technology classes",
        reporter_side: "reporter",
        denominator: "the country's exports to China",
        sources: "trade_by_product (argendata-argentina-lall)",
        coverage: "Argentina only, 2002–2023: the only Lall-classed bilateral data here.",
        caveats: "Tracks 're-primarisation'; Brazil's and Chile's HS-level mix is in trade_by_product.",
        references: "Lall (2000); Fundar/Argendata",
        fallback: &[],
        compute: Compute::Sql(sql!("primary_share_of_exports_to_china.sql")),
    },
    Indicator {
        id: "gcof_commitments_usd_current",
        title: "Chinese official finance commitments (AidData GCOF 1.0), current USD",
        family: Family::Finance,
        unit: "USD (current)",
        formula: "Σ usd_current over records recommended for aggregates (commitments, no umbrellas, no cancellations), by recipient and commitment year.",
        nomenclature: "all official finance (ODA-like, OOF-like, vague)",
        reporter_side: "AidData (tracked by media and official sources)",
        denominator: "none",
        sources: "finance (aiddata-gcof-1.0)",
        coverage: "2000–2014. Records without an amount are not counted (they are not zero).",
        caveats: "Never add another tracker's totals to these: they overlap.",
        references: "Dreher et al. (2017), AidData Working Paper 46",
        fallback: &[],
        compute: Compute::Sql(sql!("gcof_commitments_usd_current.sql")),
    },
    Indicator {
        id: "gcdf3_commitments_usd_const2021",
        title: "Chinese development finance commitments (AidData GCDF 3.0), constant 2021 USD",
        family: Family::Finance,
        unit: "USD (constant 2021)",
        formula: "Adjusted commitments recommended for aggregates, by recipient and year, as aggregated from the GCDF 3.0 workbook.",
        nomenclature: "all official finance",
        reporter_side: "AidData",
        denominator: "none",
        sources: "macro (aiddata-gcdf-3.0-aggregates)",
        coverage: "2000–2021; recipients with no commitment in a year have no row.",
        caveats: "Aggregates computed by third parties from the full workbook (not bundled).",
        references: "Custer et al. (2023)",
        fallback: &[],
        compute: Compute::Sql(sql!("gcdf3_commitments_usd_const2021.sql")),
    },
    Indicator {
        id: "cgit_investment_usd",
        title: "Chinese investment and construction deals of USD 100 m or more (CGIT)",
        family: Family::Finance,
        unit: "USD (current)",
        formula: "Σ value over CGIT investments and construction contracts, by host country and year (troubled transactions excluded).",
        nomenclature: "all sectors",
        reporter_side: "AEI/Heritage",
        denominator: "none",
        sources: "investment (aei-cgit)",
        coverage: "2005–2022H1.",
        caveats: "Deals under USD 100 m are not recorded.",
        references: "AEI/Heritage China Global Investment Tracker",
        fallback: &[],
        compute: Compute::Sql(sql!("cgit_investment_usd.sql")),
    },
    Indicator {
        id: "gcof_commitments_by_lender",
        title: "Chinese official finance commitments by lender (AidData GCOF 1.0), current USD",
        family: Family::Finance,
        unit: "USD (current)",
        formula: "As gcof_commitments_usd_current, by funding agency (dimension): China Development Bank, Export-Import Bank of China, …",
        nomenclature: "funding agency as published",
        reporter_side: "AidData",
        denominator: "none",
        sources: "finance (aiddata-gcof-1.0)",
        coverage: "2000–2014.",
        caveats: "Co-financed records are attributed to the first funding agency named.",
        references: "Dreher et al. (2017)",
        fallback: &[],
        compute: Compute::Sql(sql!("gcof_commitments_by_lender.sql")),
    },
    Indicator {
        id: "gcof_sector_share",
        title: "Sector shares of Chinese official finance (AidData GCOF 1.0), 2000–2014",
        family: Family::Finance,
        unit: "fraction of the recipient's commitments",
        formula: "Σ commitments in sector / Σ all commitments, recommended records with an amount, over 2000–2014; the row's year is 2014; dimension = the OECD CRS sector.",
        nomenclature: "OECD CRS sectors (AidData)",
        reporter_side: "AidData",
        denominator: "the recipient's commitments, 2000–2014",
        sources: "finance (aiddata-gcof-1.0)",
        coverage: "Recipients with commitments.",
        caveats: "AidData codes many oil-backed loans as 'Other Multisector' or 'Transport', so the energy share is lower than in the policy-bank databases.",
        references: "Dreher et al. (2017)",
        fallback: &[],
        compute: Compute::Sql(sql!("gcof_sector_share.sql")),
    },
    Indicator {
        id: "cgit_investment_by_sector_usd",
        title: "Chinese investment and construction by sector (CGIT)",
        family: Family::Finance,
        unit: "USD (current)",
        formula: "Σ value of CGIT investments and construction contracts by host country, year and sector (dimension).",
        nomenclature: "CGIT sectors",
        reporter_side: "AEI/Heritage",
        denominator: "none",
        sources: "investment (aei-cgit)",
        coverage: "2005–2022H1.",
        caveats: "Deals under USD 100 m are not recorded.",
        references: "AEI/Heritage China Global Investment Tracker",
        fallback: &[],
        compute: Compute::Sql(sql!("cgit_investment_by_sector_usd.sql")),
    },
    Indicator {
        id: "recognises_beijing",
        title: "Recognises the People's Republic of China (31 December)",
        family: Family::Political,
        unit: "1 = yes, 0 = no (Taipei)",
        formula: "1 if the used recognition interval covering 31 December of the year is 'beijing', 0 if 'taipei'.",
        nomenclature: "",
        reporter_side: "",
        denominator: "",
        sources: FACTS,
        coverage: "1960–2025 for the 33 LAC states; years before a state's first recorded interval have no row.",
        caveats: "",
        references: "data/facts/recognition.toml",
        fallback: &[],
        compute: Compute::Derived(Derived::RecognisesBeijing),
    },
    Indicator {
        id: "years_since_recognition",
        title: "Years since the current recognition of Beijing began",
        family: Family::Political,
        unit: "years",
        formula: "year − year of the start of the recognition interval covering 31 December (0 in the year it began).",
        nomenclature: "",
        reporter_side: "",
        denominator: "",
        sources: FACTS,
        coverage: "Years in which the state recognises Beijing.",
        caveats: "Counts the current spell only (Grenada, Nicaragua, Saint Lucia have had two).",
        references: "data/facts/recognition.toml",
        fallback: &[],
        compute: Compute::Derived(Derived::YearsSinceRecognition),
    },
    Indicator {
        id: "partnership_level",
        title: "Partnership level with China (31 December)",
        family: Family::Political,
        unit: "0 none recorded, 1 strategic, 2 comprehensive strategic",
        formula: "Level of the used partnership interval covering 31 December.",
        nomenclature: "",
        reporter_side: "",
        denominator: "",
        sources: FACTS,
        coverage: "1993–2025; 0 means no partnership recorded in galeon's facts (upgrades after 2017 are recorded only where a joint statement was read).",
        caveats: "Venezuela's all-weather strategic partnership (from 13 September 2023), China's highest named level, counts as 2, like a comprehensive strategic partnership.",
        references: "data/facts/partnerships.toml",
        fallback: &[],
        compute: Compute::Derived(Derived::PartnershipLevel),
    },
    Indicator {
        id: "bri_member",
        title: "Belt and Road member (31 December)",
        family: Family::Political,
        unit: "1 = member, 0 = not",
        formula: "1 if a BRI membership interval covers 31 December (from the memorandum's signing where a source gives it, else GFDC's likely date of joining, to GFDC's likely date of exit).",
        nomenclature: "",
        reporter_side: "",
        denominator: "",
        sources: FACTS,
        coverage: "2013–2025.",
        caveats: "Month-precision dates count from the first day of the month.",
        references: "data/facts/bri.toml; GFDC (2025)",
        fallback: &[],
        compute: Compute::Derived(Derived::BriMember),
    },
    Indicator {
        id: "aiib_member",
        title: "AIIB membership (31 December)",
        family: Family::Political,
        unit: "0 none recorded, 1 prospective member, 2 member",
        formula: "2 from the date the state became a member of the Asian Infrastructure Investment Bank; 1 from the approval of its application (for a founding member, its signature of the Articles of Agreement) until then; 0 before.",
        nomenclature: "",
        reporter_side: "",
        denominator: "",
        sources: FACTS,
        coverage: "2015–2025: Argentina, Brazil, Chile, Ecuador, Peru and Uruguay members; Bolivia, Venezuela, El Salvador and Colombia approved, not members.",
        caveats: "A date known only to the year or month counts from its first day. Ecuador's approval (December 2017) is not recorded, for want of a stored original source, so Ecuador reads 0 until it became a member in 2019.",
        references: "data/facts/aiib.toml",
        fallback: &[],
        compute: Compute::Derived(Derived::AiibMember),
    },
    Indicator {
        id: "fta_in_force",
        title: "Free-trade agreement with China in force (31 December)",
        family: Family::Political,
        unit: "1 = yes, 0 = no",
        formula: "1 from the year of the agreement's entry into force.",
        nomenclature: "",
        reporter_side: "",
        denominator: "",
        sources: FACTS,
        coverage: "2000–2025.",
        caveats: "Agreements signed but not in force count 0.",
        references: "data/facts/trade_agreements.toml",
        fallback: &[],
        compute: Compute::Derived(Derived::FtaInForce),
    },
    Indicator {
        id: "leader_engagements",
        title: "Chinese leaders' engagements with the country (China Vitae)",
        family: Family::Political,
        unit: "engagements (leader × country × day)",
        formula: "Count of China Vitae activity records mentioning the country, by year (president, premier, foreign minister).",
        nomenclature: "",
        reporter_side: "China Vitae",
        denominator: "",
        sources: "events (chinavitae)",
        coverage: "2003–2018. Country-years with no record count 0 only within that span (rows are written for mentioned countries).",
        caveats: "Scraped text matching; a signal, not an official list of visits.",
        references: "Carnegie China Vitae",
        fallback: &[],
        compute: Compute::Sql(sql!("leader_engagements.sql")),
    },
    Indicator {
        id: "leader_visit_days",
        title: "Days Chinese leaders spent in the country (China Vitae trips)",
        family: Family::Political,
        unit: "leader-days",
        formula: "Count of distinct (leader, day) China Vitae records in which the leader travelled to the country (\"… travelled to Peru, Lima …\" filed under Peru), by year. Meetings abroad with the country's leaders and meetings in China are not visits.",
        nomenclature: "",
        reporter_side: "China Vitae",
        denominator: "",
        sources: "events (chinavitae, leader_trip)",
        coverage: "2003–2018; countries with at least one visit (no row means no recorded visit in a year within that span).",
        caveats: "Seven officials (president, premier, foreign minister, state councillor): a visit by the foreign minister counts as one by the president does; the person column of events tells them apart. Scraped text: a signal, not an official list of visits.",
        references: "Carnegie China Vitae",
        fallback: &[],
        compute: Compute::Sql(sql!("leader_visit_days.sql")),
    },
    Indicator {
        id: "cooperative_event_share",
        title: "Cooperative share of China–country events (ICEWS, signal)",
        family: Family::Political,
        unit: "fraction",
        formula: "(verbal + material cooperation) / (all four quad classes), both directions (China → country and country → China).",
        nomenclature: "ICEWS quad classes",
        reporter_side: "ICEWS event coding",
        denominator: "all coded events of the dyad-year",
        sources: "events (icews-dyad-year)",
        coverage: "2002–2014; 23 LAC states (not Venezuela nor most small Caribbean states).",
        caveats: "Machine-coded news events: a signal, not a count of what happened.",
        references: "Boschee et al. (2015)",
        fallback: &[],
        compute: Compute::Sql(sql!("cooperative_event_share.sql")),
    },
    Indicator {
        id: "icews_cooperative_share",
        title: "Cooperative share of China–country events (ICEWS coded events, signal)",
        family: Family::Political,
        unit: "fraction",
        formula: "(verbal + material cooperation, CAMEO roots 01–08) / (all four quad classes), over the ICEWS coded events between China and the country, both directions, by year of the event date.",
        nomenclature: "ICEWS quad classes from CAMEO event codes",
        reporter_side: "ICEWS event coding",
        denominator: "all China–country ICEWS events of the year",
        sources: "events (icews-events)",
        coverage: "The yearly event files in events/icews-events (1995–2020 on Harvard Dataverse; galeon fetch icews-events); all 33 LAC states.",
        caveats: "Machine-coded news events: a signal, not a count of what happened. The same quad classes as cooperative_event_share (netify's dyad-year slice, 2002–2014, 23 states), counted here from the events themselves; the slice's own aggregation may differ, so compare trends first.",
        references: "Boschee et al. (2015), ICEWS Coded Event Data",
        fallback: &[],
        compute: Compute::Sql(sql!("icews_cooperative_share.sql")),
    },
    Indicator {
        id: "gdelt_goldstein_score",
        title: "China–country GDELT event score (Goldstein-based, signal)",
        family: Family::Political,
        unit: "score (sum of daily edges)",
        formula: "Σ over the year's days of the daily China–country edge of the GDELT country graph (Goldstein scale plus small coverage terms; positive = net cooperative coverage).",
        nomenclature: "GDELT 2.0 events with country-coded actors only",
        reporter_side: "GDELT machine coding of news",
        denominator: "",
        sources: "events (gdelt-country-graph)",
        coverage: "2018–2024 (2024 to 23 February only; about 96 days missing); all 33 LAC states.",
        caveats: "A signal of news coverage, not a measure of what happened; compare within a country over time rather than across countries.",
        references: "GDELT Project; gzemo/gdelt-graph-data",
        fallback: &[],
        compute: Compute::Sql(sql!("gdelt_goldstein_score.sql")),
    },
    Indicator {
        id: "gdelt_event_count",
        title: "China–country events in GDELT 2.0 (count, signal)",
        family: Family::Political,
        unit: "events",
        formula: "Number of GDELT 2.0 events whose two actors' countries are China and the country, either way round (China → country and country → China), by year of the event date (SQLDATE).",
        nomenclature: "GDELT 2.0 event exports, CAMEO country codes of actor 1 and actor 2",
        reporter_side: "GDELT machine coding of news",
        denominator: "",
        sources: "gdelt_events (gdelt-events)",
        coverage: "The export files in events/gdelt-events (published every 15 minutes since 18 February 2015); all 33 LAC states.",
        caveats: "A count of news-coded events, not of what happened: it grows with the number of news sources GDELT monitors. Compare within a country over time, or use the cooperative share. Events with one actor only are not counted.",
        references: "GDELT Event Codebook V2.0; Leetaru and Schrodt (2013)",
        fallback: &[],
        compute: Compute::Sql(sql!("gdelt_event_count.sql")),
    },
    Indicator {
        id: "gdelt_cooperative_share",
        title: "Cooperative share of China–country events (GDELT 2.0, signal)",
        family: Family::Political,
        unit: "fraction",
        formula: "(verbal + material cooperation, QuadClass 1–2) / (all four quad classes), over the GDELT 2.0 events between China and the country, both directions, by year of the event date.",
        nomenclature: "CAMEO quad classes",
        reporter_side: "GDELT machine coding of news",
        denominator: "all China–country GDELT events of the year",
        sources: "gdelt_events (gdelt-events)",
        coverage: "The export files in events/gdelt-events (since 18 February 2015); all 33 LAC states.",
        caveats: "Machine-coded news events: a signal, not a count of what happened. The ICEWS share (cooperative_event_share) covers 2002–2014 with other coding rules: compare trends, not levels.",
        references: "GDELT Event Codebook V2.0; Leetaru and Schrodt (2013)",
        fallback: &[],
        compute: Compute::Sql(sql!("gdelt_cooperative_share.sql")),
    },
    Indicator {
        id: "confucius_institutes",
        title: "Confucius Institutes founded by the end of the year",
        family: Family::Cultural,
        unit: "institutes (cumulative)",
        formula: "Number of institutes whose estimated founding date is on or before 31 December.",
        nomenclature: "",
        reporter_side: "NC State LAS compilation",
        denominator: "",
        sources: "culture (confucius-institutes)",
        coverage: "2004–2022. Institutes without a founding date (11 of 45 in LAC) are not counted; Confucius Classrooms are not in the data.",
        caveats: "Closures are not subtracted: the compilation's status field is unreliable.",
        references: "bridash (NC State LAS)",
        fallback: &[],
        compute: Compute::Sql(sql!("confucius_institutes.sql")),
    },
    Indicator {
        id: "migrant_stock_born_in_china",
        title: "Migrant stock born in China (Greater China)",
        family: Family::Cultural,
        unit: "persons",
        formula: "Mid-year stock of international migrants whose origin is any UN DESA area named China (including Hong Kong, Macao and, in UN naming, Taiwan).",
        nomenclature: "",
        reporter_side: "UN DESA",
        denominator: "",
        sources: "macro (un-desa-migrant-stock)",
        coverage: "2000, 2005, 2010, 2015, 2020; 28 of 33 LAC states.",
        caveats: "Greater-China-born, not PRC-born only.",
        references: "UN DESA International Migrant Stock 2020",
        fallback: &[],
        compute: Compute::Sql(sql!("migrant_stock_born_in_china.sql")),
    },
    Indicator {
        id: "cofi_capacity_mw",
        title: "Chinese-financed power capacity reaching financial close (COFI)",
        family: Family::Green,
        unit: "MW",
        formula: "Σ installed capacity of plants whose Chinese debt or equity reached financial close in the year, each plant counted once (duplicate rows skipped).",
        nomenclature: "all technologies",
        reporter_side: "WRI COFI",
        denominator: "",
        sources: "power_plants (wri-cofi)",
        coverage: "BRI-MoU countries only, 2000–2023: Brazil, Mexico and Colombia are not covered.",
        caveats: "One mis-coded Chilean row (Stanari, 300 MW) is in the source.",
        references: "WRI China Overseas Finance Inventory 2.2",
        fallback: &[],
        compute: Compute::Sql(sql!("cofi_capacity_mw.sql")),
    },
    Indicator {
        id: "cofi_renewable_share",
        title: "Renewable share of Chinese-financed power capacity (COFI, cumulative)",
        family: Family::Green,
        unit: "fraction",
        formula: "Capacity in hydro, solar, wind, geothermal and biomass plants / all capacity, over plants reaching financial close by the end of the year (every year from the country's first plant on).",
        nomenclature: "COFI primary fuel",
        reporter_side: "WRI COFI",
        denominator: "all COFI capacity in the country to date",
        sources: "power_plants (wri-cofi)",
        coverage: "As cofi_capacity_mw.",
        caveats: "Biomass counted as renewable.",
        references: "WRI COFI 2.2",
        fallback: &[],
        compute: Compute::Sql(sql!("cofi_renewable_share.sql")),
    },
    Indicator {
        id: "cofi_cumulative_capacity_mw",
        title: "Chinese-financed power capacity to date (COFI, cumulative)",
        family: Family::Green,
        unit: "MW",
        formula: "Σ installed capacity of plants whose Chinese debt or equity reached financial close by the end of the year, each plant counted once; every year from the country's first plant to COFI's last year.",
        nomenclature: "all technologies",
        reporter_side: "WRI COFI",
        denominator: "",
        sources: "power_plants (wri-cofi)",
        coverage: "BRI-MoU countries only, 2000–2023: Brazil, Mexico and Colombia are not covered. A country with no plant has no row (the index reads it as zero within COFI's years).",
        caveats: "Capacity at financial close, not commissioned capacity: a plant counts from the year its financing closed.",
        references: "WRI China Overseas Finance Inventory 2.2",
        fallback: &[],
        compute: Compute::Sql(sql!("cofi_cumulative_capacity_mw.sql")),
    },
    Indicator {
        id: "cofi_cumulative_renewable_mw",
        title: "Chinese-financed renewable power capacity to date (COFI, cumulative)",
        family: Family::Green,
        unit: "MW",
        formula: "As cofi_cumulative_capacity_mw, over hydro, solar, wind, geothermal and biomass plants.",
        nomenclature: "COFI primary fuel",
        reporter_side: "WRI COFI",
        denominator: "",
        sources: "power_plants (wri-cofi)",
        coverage: "As cofi_cumulative_capacity_mw.",
        caveats: "Biomass and large hydro counted as renewable.",
        references: "WRI COFI 2.2",
        fallback: &[],
        compute: Compute::Sql(sql!("cofi_cumulative_renewable_mw.sql")),
    },
    Indicator {
        id: "cofi_share_of_national_capacity",
        title: "Chinese-financed power capacity to date as a share of the country's capacity",
        family: Family::Green,
        unit: "fraction",
        formula: "cofi_cumulative_capacity_mw / the country's total capacity in the Global Power Plant Database (GW × 1000); zero in COFI's years before a covered country's first plant.",
        nomenclature: "all technologies",
        reporter_side: "WRI COFI; WRI GPPD",
        denominator: "the country's total capacity in GPPD 1.3 (one snapshot, about 2020, for every year)",
        sources: "power_plants (wri-cofi); macro (wri-gppd-summary); memberships (gfdc-bri)",
        coverage: "Countries COFI covers — those in the Belt and Road by COFI's release (October 2023), per GFDC — with a GPPD total, 2000–2023. Others have no row: not covered is not zero.",
        caveats: "One denominator for all years: in early years the share understates, later it overstates, as national capacity grows. Plants are counted at financial close, not at commissioning.",
        references: "WRI COFI 2.2; Global Power Plant Database 1.3",
        fallback: &[],
        compute: Compute::Sql(sql!("cofi_share_of_national_capacity.sql")),
    },
    Indicator {
        id: "cofi_capacity_by_fuel_mw",
        title: "Chinese-financed power capacity by technology (COFI)",
        family: Family::Green,
        unit: "MW",
        formula: "As cofi_capacity_mw, by primary fuel (dimension).",
        nomenclature: "COFI primary fuel",
        reporter_side: "WRI COFI",
        denominator: "",
        sources: "power_plants (wri-cofi)",
        coverage: "BRI-MoU countries only, 2000–2023.",
        caveats: "",
        references: "WRI COFI 2.2",
        fallback: &[],
        compute: Compute::Sql(sql!("cofi_capacity_by_fuel_mw.sql")),
    },
    Indicator {
        id: "energy_share_of_finance",
        title: "Energy share of Chinese official finance (AidData GCOF 1.0), 2000–2014",
        family: Family::Green,
        unit: "fraction",
        formula: "Commitments in the CRS sector 'Energy Generation and Supply' / all commitments, recommended records with an amount, 2000–2014; the row's year is 2014.",
        nomenclature: "OECD CRS sectors",
        reporter_side: "AidData",
        denominator: "the recipient's commitments, 2000–2014",
        sources: "finance (aiddata-gcof-1.0)",
        coverage: "Recipients with commitments.",
        caveats: "See gcof_sector_share on how oil-backed loans are coded.",
        references: "Dreher et al. (2017)",
        fallback: &[],
        compute: Compute::Sql(sql!("energy_share_of_finance.sql")),
    },
];

/// A table several indicators read, defined once in SQL over the canonical tables. Indicator
/// queries name it like a table; the engine computes it once per run when two or more of the
/// selected indicators read it (otherwise it stays a view), and
/// [`standalone_sql`] inlines it as a common table expression so that every query can be run on
/// its own, in `galeon sql` or any engine that reads the store's Parquet files.
#[derive(Debug, Clone, Copy)]
pub struct Shared {
    /// The name indicator queries use.
    pub name: &'static str,
    /// What it holds.
    pub description: &'static str,
    /// Its definition: one SELECT over the canonical tables.
    pub sql: Sql,
}

/// The shared tables.
pub const SHARED: &[Shared] = &[
    Shared {
        name: "dots_bilateral",
        description: "Bilateral merchandise trade, exports + imports, as each reporter reports it in IMF DOTS: one row per \
            reporter, partner and year, with whether the partner is an individual economy (not World, a region or an aggregate).",
        sql: sql!("shared/bilateral.sql", source = "imf-dots"),
    },
    Shared {
        name: "cofi_cumulative",
        description: "Chinese-financed power capacity reaching financial close by the end of each year, all and renewable \
            (hydro, solar, wind, geothermal, biomass), per country of WRI COFI: one row per country and year from its first plant \
            to COFI's last year.",
        sql: sql!("shared/cofi_cumulative.sql"),
    },
    Shared {
        name: "imts_bilateral",
        description: "The same as dots_bilateral, from IMF IMTS (empty unless `galeon fetch imf-imts` has fetched it).",
        sql: sql!("shared/bilateral.sql", source = "imf-imts"),
    },
];

/// The shared table with this name.
pub fn shared(name: &str) -> Option<&'static Shared> {
    SHARED.iter().find(|s| s.name == name)
}

/// Whether `sql` names `table` (as a whole word, not inside a longer name).
pub fn mentions(sql: &str, table: &str) -> bool {
    let word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    sql.match_indices(table).any(|(at, _)| {
        !sql[..at].chars().next_back().is_some_and(word)
            && !sql[at + table.len()..].chars().next().is_some_and(word)
    })
}

/// `sql` with the shared tables it reads defined inline (`WITH dots_bilateral AS (…)`), so that it
/// runs on its own over the canonical tables.
pub fn standalone_sql(sql: &str) -> String {
    let definitions: Vec<String> = SHARED
        .iter()
        .filter(|s| mentions(sql, s.name))
        .map(|s| format!("{} AS ({})", s.name, s.sql.text()))
        .collect();
    if definitions.is_empty() {
        return sql.to_string();
    }
    let with = definitions.join(", ");
    match sql.strip_prefix("WITH ") {
        Some(rest) => format!("WITH {with}, {rest}"),
        None => format!("WITH {with} {sql}"),
    }
}

/// One query that gives what the engine publishes for an indicator with later sources: each
/// source's rows (its own query as a subquery), a later source's rows only for years past the last
/// year of every source before it in the same series. `inline` writes the shared tables as
/// `WITH` inside each part. `None` for indicators computed in Rust.
pub fn precedence_sql(indicator: &Indicator, inline: bool) -> Option<String> {
    let Compute::Sql(first) = indicator.compute else {
        return None;
    };
    let sql = |s: &str| {
        if inline {
            standalone_sql(s)
        } else {
            s.to_string()
        }
    };
    if indicator.fallback.is_empty() {
        return Some(sql(&first.text()));
    }
    let parts: Vec<String> = std::iter::once(first)
        .chain(indicator.fallback.iter().map(|f| f.sql))
        .enumerate()
        .map(|(k, s)| {
            let s = s.text();
            format!(
                "SELECT q.country, q.partner, q.year, q.value, {k} AS part FROM ({}) q \
                 WHERE q.value IS NOT NULL AND NOT isnan(q.value) AND abs(q.value) <= 1.7976931348623157e308",
                sql(&s)
            )
        })
        .collect();
    // Which datasets' coverage bounds each later part: those of every part before it.
    let datasets: Vec<&str> = std::iter::once(primary_dataset(indicator))
        .chain(indicator.fallback.iter().map(|f| f.datasets[0]))
        .collect();
    let bounds: Vec<String> = (1..datasets.len())
        .flat_map(|k| datasets[..k].iter().map(move |d| format!("('{d}', {k})")))
        .collect();
    Some(format!(
        "WITH u AS ({}), \
         l AS (SELECT country, partner, part, max(year) AS last FROM u GROUP BY country, partner, part), \
         e AS (SELECT country, partner, part, max(last) OVER (PARTITION BY country, partner ORDER BY part \
           ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before FROM l), \
         coverage AS ({}), \
         b AS (SELECT c.country, c.partner, x.part, max(c.last) AS before FROM coverage c \
           JOIN (VALUES {}) AS x(source, part) ON x.source = c.source GROUP BY c.country, c.partner, x.part) \
         SELECT u.country, u.partner, u.year, u.value FROM u \
         JOIN e ON e.country = u.country AND (e.partner IS NOT DISTINCT FROM u.partner) AND e.part = u.part \
         LEFT JOIN b ON b.country = u.country AND b.partner = u.partner AND b.part = u.part \
         WHERE (e.before IS NULL OR u.year > e.before) AND (b.before IS NULL OR u.year > b.before)",
        parts.join(" UNION ALL "),
        COVERAGE.text(),
        bounds.join(", ")
    ))
}

/// The dataset of an indicator's first source: the id its `sources` text names first, as in
/// `trade_flows (imf-dots: …)`.
pub fn primary_dataset(indicator: &Indicator) -> &'static str {
    let text = indicator.sources;
    let start = text.find('(').map_or(0, |i| i + 1);
    let rest = &text[start..];
    let end = rest.find([':', ')', ';', ',']).unwrap_or(rest.len());
    rest[..end].trim()
}

/// The indicator with this id.
pub fn find(id: &str) -> Option<&'static Indicator> {
    INDICATORS.iter().find(|i| i.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every query of the catalogue: indicators', later sources', shared tables' and coverage.
    fn every_query() -> Vec<Sql> {
        let own = INDICATORS.iter().filter_map(|i| match i.compute {
            Compute::Sql(sql) => Some(sql),
            Compute::Derived(_) => None,
        });
        let later = INDICATORS
            .iter()
            .flat_map(|i| i.fallback.iter().map(|f| f.sql));
        own.chain(later)
            .chain(SHARED.iter().map(|s| s.sql))
            .chain([COVERAGE])
            .collect()
    }

    #[test]
    fn every_query_binds_exactly_the_parameters_its_file_names() {
        for sql in every_query() {
            assert_eq!(
                sql.unmatched_parameters(),
                Vec::<String>::new(),
                "{}",
                sql.file
            );
        }
    }

    #[test]
    fn every_sql_file_is_read_by_the_catalogue() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sql");
        let used: std::collections::BTreeSet<&str> = every_query().iter().map(|s| s.file).collect();
        let files: Vec<String> = walkdir::WalkDir::new(&root)
            .into_iter()
            .map(|e| e.expect("sql/ is readable"))
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let relative = e.path().strip_prefix(&root).expect("under sql/");
                relative.to_string_lossy().replace('\\', "/")
            })
            .collect();
        assert!(files.len() >= 30, "found only {} files", files.len());
        let unused: Vec<&String> = files
            .iter()
            .filter(|f| !used.contains(f.as_str()))
            .collect();
        assert!(unused.is_empty(), "files no indicator reads: {unused:?}");
    }
}
