//! Every dataset galeon reads, one file per publisher. Each file declares its datasets — folder,
//! title, publisher, licence, the files and their layout, the columns that name economies, where
//! the release is stated — next to the connector that reads them, so nothing about a dataset is
//! said twice. [`DATASETS`] is the list the rest of galeon derives everything from: the
//! catalogue `galeon sources` prints, the store's build plan and the walk the registry's tests
//! make over every economy the sources name.

pub mod aei;
pub mod aiddata;
pub mod argendata;
pub mod atlas;
pub mod cepii;
pub mod chinavitae;
pub mod compiled;
pub mod comtrade;
pub mod confucius;
pub mod gdelt;
pub mod gfdc;
pub mod guardian;
pub mod icews;
pub mod imf;
pub mod reference;
pub mod undesa;
pub mod wits;
pub mod worldbank;
pub mod wri;
pub mod wto;

use crate::catalogue::Dataset;

/// Every dataset galeon knows, in the layout of the publishers' own files.
pub const DATASETS: &[Dataset] = &[
    imf::DOTS,
    imf::IMTS,
    comtrade::CIPF_PARTNER_TABLES,
    comtrade::CIPF_PRODUCT_TABLES,
    comtrade::TOP30_HS2,
    comtrade::LATAM10,
    comtrade::API,
    wits::TRADE_SUMMARY,
    wto::PRODUCT_GROUPS,
    atlas::COUNTRY_YEAR,
    atlas::EXPORT_CONCENTRATION,
    cepii::HS4_EXPORTS_2017,
    guardian::CHINA_IMPORTS_2014,
    argendata::ARGENTINA_LALL,
    compiled::CHINA_REPORTED_ANCHORS,
    aiddata::GCOF_1,
    aiddata::GCDF3_AGGREGATES,
    aiddata::GCDF2_PARTIAL,
    aiddata::GCDF3_ADM_LOCATIONS,
    aei::CGIT,
    wri::COFI,
    wri::GPPD_SUMMARY,
    gfdc::BRI_COUNTRIES,
    compiled::LAC33_DIPLOMACY,
    chinavitae::ENGAGEMENTS,
    confucius::INSTITUTES,
    undesa::MIGRANT_STOCK,
    icews::DYAD_YEAR,
    icews::EVENTS,
    gdelt::COUNTRY_GRAPH,
    gdelt::EVENTS,
    worldbank::GDP_POPULATION,
    worldbank::API,
    reference::REFERENCE,
    reference::GEO,
    cepii::BACI,
];

/// Folders of recorded publisher API responses (request, status, headers and body as the
/// publisher sent them): fixtures for testing downloaders against a local server, not data sets.
/// Their files are listed, never read into the store.
pub const RECORDED_RESPONSES: &[(&str, &str)] = &[
    (
        "api-samples/imf-sdmx21-imts-kuznets",
        "IMF SDMX 2.1 responses (IMTS data, dataflow and structure messages)",
    ),
    (
        "api-samples/imf-sdmx3-imfp",
        "IMF SDMX 3.0 responses (dataflows, data messages, codelists, a 204 reply)",
    ),
    (
        "api-samples/worldbank-api-v2-kuznets",
        "World Bank API v2 responses (data pages, an HTTP-200 error page, country and indicator lists)",
    ),
    (
        "api-samples/comtrade-api-v1-comtradr",
        "UN Comtrade API v1 responses (data, bulk listing, an empty reply, reference lists)",
    ),
];

/// The dataset with this id.
pub fn dataset(id: &str) -> Option<&'static Dataset> {
    DATASETS.iter().find(|d| d.id == id)
}
