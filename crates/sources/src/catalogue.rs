//! The catalogue: every dataset galeon reads, where its files sit under the sources directory,
//! who publishes it, and which columns of which file name economies.

use galeon_registry::CodeScheme;

use crate::read::{Encoding, Layout};

/// How a column names an economy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdKind {
    /// A name, resolved through the registry's names and aliases.
    Name,
    /// A code in one scheme.
    Code(CodeScheme),
    /// Several codes in one cell, separated by `;` (AidData's multi-country records).
    CodeList(CodeScheme),
}

/// A column that names economies.
#[derive(Debug, Clone, Copy)]
pub struct CountryColumn {
    /// Header text.
    pub column: &'static str,
    /// How the column names economies.
    pub kind: IdKind,
}

/// One table in a file: where it sits and which of its columns name economies.
#[derive(Debug, Clone, Copy)]
pub struct TableSpec {
    /// Where the table sits.
    pub layout: Layout,
    /// Columns that name economies.
    pub countries: &'static [CountryColumn],
}

/// What a file holds, as far as economies go.
#[derive(Debug, Clone, Copy)]
pub enum FileContent {
    /// Tables with economy columns.
    Tables(&'static [TableSpec]),
    /// An IMF DOTS workbook: reporter name in B4 of each sheet, partner names in column B from row 8.
    DotsWorkbook,
    /// No economy in it, or nothing galeon reads from it; the reason says which.
    Skipped(&'static str),
}

/// A file, or a family of files matched by one `*` in the file name.
#[derive(Debug, Clone, Copy)]
pub struct FileSpec {
    /// Path relative to the dataset folder; may contain one `*` in the file name.
    pub pattern: &'static str,
    /// What it holds.
    pub content: FileContent,
}

/// A dataset as its publisher ships it.
#[derive(Debug, Clone, Copy)]
pub struct Dataset {
    /// Stable identifier, e.g. `imf-dots`.
    pub id: &'static str,
    /// Folder under the sources directory.
    pub folder: &'static str,
    /// Title.
    pub title: &'static str,
    /// Who publishes it, and where a user gets it.
    pub publisher: &'static str,
    /// Licence or terms.
    pub licence: &'static str,
    /// The files.
    pub files: &'static [FileSpec],
}

const fn csv(countries: &'static [CountryColumn]) -> TableSpec {
    TableSpec {
        layout: Layout::Csv {
            encoding: Encoding::Utf8,
            delimiter: b',',
        },
        countries,
    }
}

const fn latin1_csv(countries: &'static [CountryColumn]) -> TableSpec {
    TableSpec {
        layout: Layout::Csv {
            encoding: Encoding::Latin1,
            delimiter: b',',
        },
        countries,
    }
}

const fn sheet(
    sheet: &'static str,
    header_row: u32,
    countries: &'static [CountryColumn],
) -> TableSpec {
    TableSpec {
        layout: Layout::Sheet { sheet, header_row },
        countries,
    }
}

const fn name(column: &'static str) -> CountryColumn {
    CountryColumn {
        column,
        kind: IdKind::Name,
    }
}

const fn iso3(column: &'static str) -> CountryColumn {
    CountryColumn {
        column,
        kind: IdKind::Code(CodeScheme::Iso3),
    }
}

const fn code(column: &'static str, scheme: CodeScheme) -> CountryColumn {
    CountryColumn {
        column,
        kind: IdKind::Code(scheme),
    }
}

const fn file(pattern: &'static str, tables: &'static [TableSpec]) -> FileSpec {
    FileSpec {
        pattern,
        content: FileContent::Tables(tables),
    }
}

const fn skipped(pattern: &'static str, reason: &'static str) -> FileSpec {
    FileSpec {
        pattern,
        content: FileContent::Skipped(reason),
    }
}

const DOCS: &str = "documentation";

/// Comtrade product tables: reporter and partner names.
const COMTRADE_NAMES: &[TableSpec] = &[csv(&[name("reporterDesc"), name("partnerDesc")])];
const COMTRADE_REPORTER_NAMES: &[TableSpec] = &[csv(&[name("reporterDesc")])];
const CGIT_COUNTRY: &[CountryColumn] = &[name("Country")];
const ARGENDATA_EXPORTS: &[TableSpec] = &[csv(&[iso3("importer_iso3"), name("geonombreFundar")])];
const ARGENDATA_IMPORTS: &[TableSpec] = &[csv(&[iso3("exporter_iso3"), name("geonombreFundar")])];
const WORLD_BANK_NAMES: &[TableSpec] = &[csv(&[name("Country Name"), iso3("Country Code")])];
const MIGRANT_STOCK: &[TableSpec] = &[csv(&[name("destination_area")])];
const COMTRADE_PARTNER_SHEET: &[TableSpec] = &[sheet(
    "Sheet1",
    1,
    &[name("reporterDesc"), name("partnerDesc")],
)];

/// Every dataset galeon knows, in the layout of `shared/data` (each publisher's own files).
pub const DATASETS: &[Dataset] = &[
    Dataset {
        id: "imf-dots",
        folder: "trade/imf-dots",
        title: "IMF Direction of Trade Statistics, one workbook per reporter",
        publisher: "International Monetary Fund — data.imf.org (DOTS / IMTS)",
        licence: "IMF terms of use, attribution",
        files: &[
            FileSpec { pattern: "xlsx/DOTS_*.xlsx", content: FileContent::DotsWorkbook },
            skipped("SOURCE.md", DOCS),
        ],
    },
    Dataset {
        id: "comtrade-cipf-partner-tables",
        folder: "trade/comtrade-cipf-partner-tables",
        title: "UN Comtrade partner tables for China and Brazil",
        publisher: "UN Comtrade — comtradeplus.un.org (tables by the cipf-comtrade project)",
        licence: "UN Comtrade terms of use",
        files: &[
            skipped("Brazil_1.1_trade_balance_2003-2025.xlsx", "Brazil's totals only"),
            skipped("China_1.1_trade_balance_2014-2025.xlsx", "China's totals only"),
            file("Brazil_2.1.1_top_export_partners_reverse.xlsx", COMTRADE_PARTNER_SHEET),
            file("Brazil_3.1.1_top_import_partners.xlsx", COMTRADE_PARTNER_SHEET),
            file("China_2.1.1_top_export_partners_reverse.xlsx", COMTRADE_PARTNER_SHEET),
            file("China_3.1.1_top_import_partners.xlsx", COMTRADE_PARTNER_SHEET),
            file("cn_plp_trocas_2003-2024.xlsx", &[sheet("Sheet1", 1, &[name("partnerDesc")])]),
            file(
                "partner.csv",
                &[csv(&[
                    name("text"),
                    name("PartnerDesc"),
                    code("PartnerCode", CodeScheme::Comtrade),
                    iso3("PartnerCodeIsoAlpha3"),
                ])],
            ),
            file(
                "reporter.csv",
                &[csv(&[
                    name("text"),
                    name("reporterDesc"),
                    code("reporterCode", CodeScheme::Comtrade),
                    iso3("reporterCodeIsoAlpha3"),
                ])],
            ),
            skipped("SOURCE.md", DOCS),
        ],
    },
    Dataset {
        id: "comtrade-cipf-product-tables",
        folder: "trade/comtrade-cipf-product-tables",
        title: "UN Comtrade HS6 product tables for China and Brazil",
        publisher: "UN Comtrade — comtradeplus.un.org (tables by the cipf-comtrade project)",
        licence: "UN Comtrade terms of use",
        files: &[
            file("Brazil_2.3_*.csv", COMTRADE_NAMES),
            file("Brazil_2.4_*.csv", COMTRADE_NAMES),
            file("Brazil_2.5.1_*.csv.gz", COMTRADE_NAMES),
            file("Brazil_3.3_*.csv", COMTRADE_REPORTER_NAMES),
            file("Brazil_3.4_*.csv", COMTRADE_REPORTER_NAMES),
            file("Brazil_3.5.1_*.csv.gz", COMTRADE_NAMES),
            file("China_2.3_*.csv", COMTRADE_NAMES),
            file("China_2.4_*.csv", COMTRADE_NAMES),
            file("China_2.5.1_*.csv.gz", COMTRADE_NAMES),
            skipped("China_3.2_imports_products_HS-AG6-2014-2025.csv", "China's top products, no partner"),
            file("China_3.3_*.csv", COMTRADE_REPORTER_NAMES),
            file("China_3.4_*.csv", COMTRADE_REPORTER_NAMES),
            file("China_3.5.1_*.csv", COMTRADE_NAMES),
            file("China_PLP_tops_2003-2024_M_X.csv", COMTRADE_NAMES),
            file("china_plp_tops_1992-2022_M_X.csv", COMTRADE_NAMES),
            skipped("SOURCE.md", DOCS),
        ],
    },
    Dataset {
        id: "comtrade-top30-hs2",
        folder: "trade/comtrade-top30-hs2-2019-2020",
        title: "UN Comtrade legacy-API exports by partner and HS2, 30 reporters, 2019–2020",
        publisher: "UN Comtrade — comtradeplus.un.org",
        licence: "UN Comtrade terms of use",
        files: &[
            file(
                "comtrade_top30_reporters_exports_by_partner_hs2_2019_2020.csv.gz",
                &[csv(&[
                    name("rtTitle"),
                    iso3("rt3ISO"),
                    code("rtCode", CodeScheme::Comtrade),
                    name("ptTitle"),
                    iso3("pt3ISO"),
                    code("ptCode", CodeScheme::Comtrade),
                ])],
            ),
            skipped("SOURCE.md", DOCS),
        ],
    },
    Dataset {
        id: "comtrade-latam10",
        folder: "trade/comtrade-latam10-exports-to-china",
        title: "UN Comtrade: exports of 10 LAC countries to China",
        publisher: "UN Comtrade — comtradeplus.un.org",
        licence: "UN Comtrade terms of use",
        files: &[
            file("latam10_exports_to_chn_2000_2025.csv", &[csv(&[iso3("exporter"), iso3("importer")])]),
            skipped("SOURCE.md", DOCS),
        ],
    },
    Dataset {
        id: "wits-trade-summary",
        folder: "trade/wits-trade-summary",
        title: "World Bank WITS Trade Summary bulk file",
        publisher: "World Bank WITS — wits.worldbank.org/data/public/cp/wits_en_trade_summary_allcountries_allyears.zip",
        licence: "WITS terms of use",
        files: &[
            file("raw_csv/en_*_AllYears_WITS_Trade_Summary.CSV", &[latin1_csv(&[name("Reporter"), name("Partner")])]),
            skipped("SOURCE.md", DOCS),
        ],
    },
    Dataset {
        id: "wto-product-groups",
        folder: "trade/wto-product-groups",
        title: "WTO merchandise trade by product group",
        publisher: "WTO Stats — stats.wto.org",
        licence: "WTO terms, attribution",
        files: &[
            file(
                "WtoData_20200510015454_manufactures_exports_raw.csv",
                &[latin1_csv(&[
                    code("Reporting Economy Code", CodeScheme::Wto),
                    iso3("Reporting Economy ISO3A Code"),
                    name("Reporting Economy"),
                    code("Partner Economy Code", CodeScheme::Wto),
                    iso3("Partner Economy ISO3A Code"),
                    name("Partner Economy"),
                ])],
            ),
            file(
                "WtoMetadata_20200510015455.csv",
                &[csv(&[
                    code("Reporting Economy Code", CodeScheme::Wto),
                    iso3("Reporting Economy ISO3A Code"),
                    name("Reporting Economy"),
                ])],
            ),
            file("wto_imports_by_mtn_category_2015_98reporters.csv", &[csv(&[iso3("country")])]),
            file(
                "wto_merchandise_values_annual_2019_2020.csv",
                &[csv(&[code("ReporterCode", CodeScheme::Wto), iso3("ReporterISO3A"), name("Reporter")])],
            ),
            skipped("SOURCE.md", DOCS),
        ],
    },
    Dataset {
        id: "atlas-country-year",
        folder: "trade/atlas-country-year",
        title: "Atlas of Economic Complexity, country totals (HS92)",
        publisher: "Harvard Growth Lab — dataverse.harvard.edu (Atlas of Economic Complexity)",
        licence: "Harvard Dataverse / Growth Lab terms, cite",
        files: &[
            file(
                "atlas_hs92_country_year_1995_2024.csv",
                &[csv(&[code("country_id", CodeScheme::Numeric), iso3("country_iso3_code")])],
            ),
            skipped("geo-SCM_source_manifest.json", "provenance metadata"),
            skipped("SOURCE.md", DOCS),
        ],
    },
    Dataset {
        id: "export-concentration-indices",
        folder: "trade/export-concentration-indices",
        title: "Export concentration: Atlas HS4 and IMF diversification (Theil)",
        publisher: "Harvard Growth Lab; IMF Export Diversification database",
        licence: "see SOURCE.md",
        files: &[
            file("atlas_hs4_country_year_concentration_1995_2023.csv", &[csv(&[iso3("country_code")])]),
            file("imf_export_diversification_index_1962_2010.csv", &[latin1_csv(&[name("Countryname"), iso3("ISO")])]),
            skipped("SOURCE.md", DOCS),
        ],
    },
    Dataset {
        id: "hs4-exports-2017",
        folder: "trade/hs4-exports-2017",
        title: "Exports by country and HS4, 2017",
        publisher: "Open Trade Statistics / CEPII BACI (via the economiccomplexity R package)",
        licence: "Apache-2.0 (package)",
        files: &[
            file("world_trade_2017_hs4_exports.csv", &[csv(&[iso3("reporter_iso")])]),
            skipped("world_trade_2017.rda", "R binary; the CSV beside it holds the same data"),
            skipped("SOURCE.md", DOCS),
        ],
    },
    Dataset {
        id: "guardian-china-imports-2014",
        folder: "trade/guardian-china-imports-2014",
        title: "China's imports by partner, top HS2 chapters, 2014",
        publisher: "GACC via The Guardian",
        licence: "none stated",
        files: &[
            file("china_imports_top5_hs2_by_partner_2014.csv", &[csv(&[iso3("iso3"), name("country")])]),
            file("china_imports_total_by_partner_2014.csv", &[csv(&[iso3("iso3"), name("country")])]),
            skipped("SOURCE.md", DOCS),
        ],
    },
    Dataset {
        id: "argendata-argentina-lall",
        folder: "trade/argendata-argentina-lall",
        title: "Argentina's trade by Lall technology class and partner",
        publisher: "Fundar / Argendata — argendata.fund.ar",
        licence: "CC BY-NC-SA 4.0",
        files: &[
            file("argentina_exports_by_lall_class_and_destination.csv", ARGENDATA_EXPORTS),
            file("argentina_exports_by_primary_manuf_and_destination.csv", ARGENDATA_EXPORTS),
            file("argentina_imports_by_lall_class_and_origin.csv", ARGENDATA_IMPORTS),
            file("argentina_imports_by_type_and_origin.csv", ARGENDATA_IMPORTS),
            skipped("SOURCE.md", DOCS),
        ],
    },
    Dataset {
        id: "china-reported-anchors",
        folder: "trade/china-reported-anchors-2021-2024",
        title: "China-reported trade with LAC, text anchors 2021–2024",
        publisher: "GACC / MOFCOM via news pages (URL per row)",
        licence: "facts, cite",
        files: &[
            file("china_reported_trade_anchors.csv", &[csv(&[name("partner")])]),
            skipped("SOURCE.md", DOCS),
        ],
    },
    Dataset {
        id: "aiddata-gcof-1.0",
        folder: "finance/aiddata-gcof-1.0",
        title: "AidData Global Chinese Official Finance Dataset 1.0",
        publisher: "AidData at William & Mary — aiddata.org/data/chinese-global-official-finance-dataset",
        licence: "ODC-By 1.0",
        files: &[
            file(
                "GlobalChineseOfficialFinanceDataset_v1.0.xlsx",
                &[sheet(
                    "ChineseOfficialFinance1.0",
                    1,
                    &[
                        name("donor"),
                        name("recipient_condensed"),
                        CountryColumn { column: "recipient_iso3", kind: IdKind::CodeList(CodeScheme::Iso3) },
                        CountryColumn { column: "recipient_iso2", kind: IdKind::CodeList(CodeScheme::Iso2) },
                        CountryColumn { column: "recipient_un_code", kind: IdKind::CodeList(CodeScheme::Numeric) },
                        CountryColumn { column: "recipient_cow_code", kind: IdKind::CodeList(CodeScheme::Cow) },
                    ],
                )],
            ),
            skipped("Readme_GlobalChineseOfficialFinanceDataset_v1.0.pdf", DOCS),
            skipped("SOURCE.md", DOCS),
        ],
    },
    Dataset {
        id: "aiddata-gcdf-3.0-aggregates",
        folder: "finance/aiddata-gcdf-3.0-aggregates",
        title: "AidData GCDF 3.0, country-year aggregates",
        publisher: "AidData at William & Mary — aiddata.org/data/aiddatas-global-chinese-development-finance-dataset-version-3-0",
        licence: "ODC-By 1.0",
        files: &[
            file("aiddataviz_gcdf_country_commitments.csv", &[csv(&[name("country_name"), iso3("iso3c")])]),
            skipped("aiddataviz_gcdf_yearly_flows.csv", "global totals, no country"),
            file("gcdf3_country_year_recommended_all.csv", &[csv(&[iso3("Country Code")])]),
            file("gcdf3_cow_year_flowclass_all.csv", &[csv(&[code("ccode", CodeScheme::Cow)])]),
            skipped("SOURCE.md", DOCS),
        ],
    },
    Dataset {
        id: "aiddata-gcdf-2.0-partial",
        folder: "finance/aiddata-gcdf-2.0-partial",
        title: "AidData GCDF 2.0: military and Huawei datasets, geocoded LAC projects",
        publisher: "AidData at William & Mary — aiddata.org",
        licence: "ODC-By 1.0 (geometry ODbL)",
        files: &[
            file(
                "AidDatasGlobalChineseMilitaryFinanceDataset.xlsx",
                &[sheet("Military", 1, &[name("Financier Country"), name("Recipient")])],
            ),
            file(
                "AidDatasGlobalHuaweiFinanceDataset.xlsx",
                &[sheet("Huawei", 1, &[name("Financier Country"), name("Recipient")])],
            ),
            file("gcdf2_geocoded_project_properties_lac.csv", &[csv(&[name("Recipient"), iso3("iso3")])]),
            skipped("AIDDATA_2.0release_README.md", DOCS),
            skipped("AIDDATA_LICENSE.md", DOCS),
            skipped("SOURCE.md", DOCS),
        ],
    },
    Dataset {
        id: "aei-cgit",
        folder: "investment/aei-cgit-2022-spring",
        title: "China Global Investment Tracker",
        publisher: "American Enterprise Institute and The Heritage Foundation — aei.org/china-global-investment-tracker",
        licence: "© AEI/Heritage; use with citation, do not republish rows",
        files: &[
            file(
                "China-Global-Investment-Tracker-2022-SPRING-final-1.xlsx",
                &[
                    sheet("Dataset 1", 1, CGIT_COUNTRY),
                    sheet("Dataset 2", 6, CGIT_COUNTRY),
                    sheet("Dataset 3", 6, CGIT_COUNTRY),
                    sheet("Dataset 1+2", 6, CGIT_COUNTRY),
                ],
            ),
            skipped("SOURCE.md", DOCS),
        ],
    },
    Dataset {
        id: "wri-cofi",
        folder: "green/wri-cofi-2.2",
        title: "China Overseas Finance Inventory 2.2",
        publisher: "World Resources Institute — wri.org (COFI)",
        licence: "CC BY 4.0",
        files: &[
            file(
                "China Overseas Finance Inventory Database Version 2.2 - October 2023.xlsx",
                &[sheet("COFI_v2.2", 1, &[name("country"), iso3("country_iso3c")])],
            ),
            skipped("cofi_v2.2_variables.csv", "variable definitions"),
            skipped("SOURCE.md", DOCS),
        ],
    },
    Dataset {
        id: "wri-gppd-summary",
        folder: "green/wri-gppd-country-summary",
        title: "Global Power Plant Database, country summary",
        publisher: "World Resources Institute — datasets.wri.org (Global Power Plant Database)",
        licence: "CC BY 4.0",
        files: &[
            file("global_power_plant_database_country_summary.csv", &[csv(&[iso3("iso_code"), name("country")])]),
            skipped("SOURCE.md", DOCS),
        ],
    },
    Dataset {
        id: "gfdc-bri",
        folder: "diplomacy/gfdc-bri-countries",
        title: "Countries of the Belt and Road Initiative",
        publisher: "Green Finance & Development Center, FISF Fudan University — greenfdc.org",
        licence: "cite GFDC",
        files: &[
            file(
                "25_05_BRI-countries-public.xlsx",
                &[sheet("BRI countries", 1, &[name("Country"), iso3("Country Code")])],
            ),
            skipped("SOURCE.md", DOCS),
        ],
    },
    Dataset {
        id: "lac33-diplomacy",
        folder: "diplomacy/lac33-diplomacy-compiled",
        title: "LAC-33 × China diplomacy table (hand-compiled, URL per row)",
        publisher: "compiled from public pages (see row URLs)",
        licence: "facts, cite the row sources",
        files: &[
            file("lac33_china_diplomacy_compiled.csv", &[csv(&[iso3("iso3"), name("country")])]),
            skipped("SOURCE.md", DOCS),
        ],
    },
    Dataset {
        id: "chinavitae",
        folder: "diplomacy/chinavitae-elite-engagements",
        title: "Chinese leaders' foreign engagements, 2003–2018",
        publisher: "China Vitae (Carnegie Endowment)",
        licence: "research use; cite China Vitae",
        files: &[
            file("chinavitae_engagements_2003_2018_all.csv", &[csv(&[name("country"), iso3("iso3")])]),
            skipped("SOURCE.md", DOCS),
        ],
    },
    Dataset {
        id: "confucius-institutes",
        folder: "culture/confucius-institutes",
        title: "Confucius Institutes worldwide",
        publisher: "NC State Laboratory for Analytic Sciences (bridash)",
        licence: "no licence stated",
        files: &[
            file("confucius_institutes.csv", &[csv(&[name("country")])]),
            skipped("ConfuciusInstituteGuide.md", DOCS),
            skipped("SOURCE.md", DOCS),
        ],
    },
    Dataset {
        id: "un-desa-migrant-stock",
        folder: "culture/un-desa-chinese-migrant-stock",
        title: "Migrant stock born in China (and the USA) by destination",
        publisher: "UN DESA Population Division — un.org/development/desa/pd (International Migrant Stock 2020)",
        licence: "UN DESA terms, attribution",
        files: &[
            file("chinese_immigration.csv", MIGRANT_STOCK),
            file("us_immigration.csv", MIGRANT_STOCK),
            skipped("SOURCE.md", DOCS),
        ],
    },
    Dataset {
        id: "icews-dyad-year",
        folder: "events/icews-dyad-year",
        title: "ICEWS dyad-year event counts, China's dyads",
        publisher: "ICEWS (Harvard Dataverse) via the netify R package",
        licence: "ICEWS Dataverse terms; netify GPL-3",
        files: &[
            file(
                "icews_china_dyads_2002_2014.csv",
                &[csv(&[name("i"), name("j"), iso3("i_iso3c"), iso3("j_iso3c")])],
            ),
            skipped("SOURCE.md", DOCS),
        ],
    },
    Dataset {
        id: "gdelt-country-graph",
        folder: "events/gdelt-country-graph",
        title: "GDELT daily country graph, China–LAC edges",
        publisher: "The GDELT Project — gdeltproject.org (graph by gzemo/gdelt-graph-data)",
        licence: "GDELT open; graph GPL-3.0",
        files: &[
            file(
                "country_codes_clean.csv",
                &[TableSpec {
                    layout: Layout::Csv { encoding: Encoding::Utf8, delimiter: b'\t' },
                    countries: &[
                        iso3("Alpha3_code"),
                        code("Alpha2_code", CodeScheme::Iso2),
                        code("Numeric_code", CodeScheme::Numeric),
                    ],
                }],
            ),
            file("gdelt_daily_china_lac_edges_2018_2024.csv", &[csv(&[iso3("partner_iso3")])]),
            skipped("gdelt_daily_china_totals_2018_2024.csv", "China's totals, no partner"),
            skipped("SOURCE.md", DOCS),
        ],
    },
    Dataset {
        id: "worldbank-gdp-population",
        folder: "macro/worldbank-gdp-population",
        title: "World Bank WDI: GDP (current USD) and population",
        publisher: "World Bank — data.worldbank.org (NY.GDP.MKTP.CD, SP.POP.TOTL)",
        licence: "CC BY 4.0",
        files: &[
            file("gdp.csv", WORLD_BANK_NAMES),
            file("population.csv", WORLD_BANK_NAMES),
            skipped("gdp_datapackage.json", "metadata"),
            skipped("population_datapackage.json", "metadata"),
            skipped("SOURCE.md", DOCS),
        ],
    },
    Dataset {
        id: "reference",
        folder: "reference",
        title: "Reference tables: ISO 3166, HS nomenclature, US CPI, GDP deflators",
        publisher: "lukes/ISO-3166-Countries-with-Regional-Codes; datasets/harmonized-system; BLS CPI-U; Open Trade Statistics",
        licence: "CC BY-SA 4.0 / ODC-PDDL / Apache-2",
        files: &[
            file(
                "iso3166_lukes/all.csv",
                &[csv(&[
                    name("name"),
                    code("alpha-2", CodeScheme::Iso2),
                    iso3("alpha-3"),
                    code("country-code", CodeScheme::Numeric),
                ])],
            ),
            skipped("iso3166_lukes/LICENSE.md", DOCS),
            file("tradestatistics_ots/ots_gdp_deflator.csv", &[csv(&[iso3("country_iso")])]),
            skipped("tradestatistics_ots/ots_countries.json", "JSON country list; its codes are those of ots_gdp_deflator.csv"),
            skipped("tradestatistics_ots/ots_commodities.json", "products"),
            skipped("tradestatistics_ots/ots_commodities_short.json", "products"),
            skipped("tradestatistics_ots/ots_sections.json", "products"),
            skipped("hs_datasets/*", "products"),
            skipped("cpi_us_datasets/*", "United States prices"),
            skipped("SOURCE.md", DOCS),
        ],
    },
    Dataset {
        id: "geo",
        folder: "geo",
        title: "Natural Earth geometry and country names (npm packages)",
        publisher: "npm: world-atlas, world-countries, i18n-iso-countries",
        licence: "ISC / ODbL / MIT",
        files: &[
            file(
                "world-countries/countries.csv",
                &[csv(&[
                    name("name.common"),
                    iso3("cca3"),
                    code("cca2", CodeScheme::Iso2),
                    code("ccn3", CodeScheme::Numeric),
                ])],
            ),
            skipped("world-countries/countries.json", "the same records as countries.csv"),
            skipped("world-countries/LICENSE", DOCS),
            skipped("world-atlas/*", "map geometry, joined by ISO numeric code in the web dashboard"),
            skipped("i18n-iso-countries/*", "names by ISO alpha-2; compared with the registry's names in its tests"),
            skipped("SOURCE.md", DOCS),
        ],
    },
    BACI,
];

/// Datasets galeon reads when a user brings them; absent from the bundled sources.
pub const BACI: Dataset = Dataset {
    id: "cepii-baci",
    folder: "trade/cepii-baci",
    title: "CEPII BACI: bilateral trade by HS6 product, reconciled",
    publisher: "CEPII — cepii.fr/CEPII/en/bdd_modele/bdd_modele_item.asp?id=37 (download BACI_HS92_V*.zip, unzip into this folder)",
    licence: "Etalab Open Licence 2.0",
    files: &[
        skipped("BACI_*.csv", "values keyed by BACI country codes, which country_codes resolves"),
        file("country_codes_*.csv", &[csv(&[code("country_code", CodeScheme::Comtrade), iso3("country_iso3")])]),
        skipped("product_codes_*.csv", "product names"),
        skipped("Readme.txt", DOCS),
    ],
};

/// Files at the top of the sources directory that belong to no dataset.
pub const TOP_LEVEL_FILES: &[&str] = &["README.md"];

impl FileSpec {
    /// Whether `relative` (a path relative to the dataset folder, with `/`) matches the pattern.
    pub fn matches(&self, relative: &str) -> bool {
        match self.pattern.split_once('*') {
            None => self.pattern == relative,
            Some((prefix, suffix)) => {
                relative.len() >= prefix.len() + suffix.len()
                    && relative.starts_with(prefix)
                    && relative.ends_with(suffix)
                    && !relative[prefix.len()..relative.len() - suffix.len()].contains('/')
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_match_one_file_name_segment() {
        let spec = skipped("xlsx/DOTS_*.xlsx", "");
        assert!(spec.matches("xlsx/DOTS_1.xlsx"));
        assert!(spec.matches("xlsx/DOTS_235.xlsx"));
        assert!(!spec.matches("xlsx/DOTS_1.csv"));
        assert!(!spec.matches("xlsx/sub/DOTS_1.xlsx"));
        assert!(skipped("SOURCE.md", "").matches("SOURCE.md"));
        assert!(!skipped("SOURCE.md", "").matches("x/SOURCE.md"));
    }

    #[test]
    fn dataset_ids_are_unique() {
        let mut ids: Vec<&str> = DATASETS.iter().map(|d| d.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), DATASETS.len());
    }
}
