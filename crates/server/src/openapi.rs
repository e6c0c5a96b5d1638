//! What the OpenAPI document says beyond the routes: the title, the shapes of answers, and each
//! endpoint's parameters. The paths themselves are collected from the handlers' `#[utoipa::path]`
//! as the router registers them (api.rs), so a route cannot exist undocumented.

use serde_json::Value as Json;
use utoipa::{IntoParams, IntoResponses, OpenApi, ToSchema};

/// The document's frame.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "galeon API",
        description = "An open observatory of China–Latin America & Caribbean cooperation: countries, curated facts, indicators, the composite cooperation index with its rank intervals, claims from the literature with their verdicts, and the sources with their releases and licences. Every response carries its provenance. Read-only. Every table is the one the command line prints for the same request (`galeon countries`, `galeon facts`, `galeon indicators`, `galeon index`).",
        license(name = "Apache-2.0")
    ),
    components(schemas(TableBody, Provenance, ErrorBody))
)]
pub struct ApiDoc;

/// A table: its rows as objects (column → value, numbers as numbers), where they come from,
/// and what else is worth saying (units, years available, counts).
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct TableBody {
    /// The rows.
    #[schema(value_type = Vec<Object>)]
    data: Vec<Json>,
    provenance: Provenance,
    /// Notes on the table: title, unit, years, latest_years, min, max, weights…
    #[schema(value_type = Object)]
    meta: Json,
}

/// Where a table comes from (CSV and Parquet carry it in the `X-Galeon-Provenance` header).
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct Provenance {
    /// Datasets with their releases, or the documents cited.
    sources: Vec<String>,
    /// When the store was built (RFC 3339); null for tables that read no store.
    store_built_at: Option<String>,
    /// galeon's version.
    galeon: String,
}

/// An error, with a message that says what to write instead.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct ErrorBody {
    /// What is wrong.
    error: String,
    /// The HTTP status.
    status: u16,
}

/// The answers of a table endpoint.
#[derive(IntoResponses)]
#[allow(dead_code)]
pub enum TableAnswers {
    /// The table (JSON; `format=csv` or `format=parquet` where offered for a download).
    #[response(status = 200)]
    Ok(TableBody),
    /// A parameter is unknown or malformed.
    #[response(status = 400)]
    Bad(ErrorBody),
    /// No such indicator, claim or index.
    #[response(status = 404)]
    NotFound(ErrorBody),
}

macro_rules! params {
    ($(#[$doc:meta])* $name:ident { $($(#[$fdoc:meta])* $field:ident),* $(,)? }) => {
        $(#[$doc])*
        #[derive(IntoParams)]
        #[into_params(parameter_in = Query)]
        #[allow(dead_code)]
        pub struct $name {
            $($(#[$fdoc])* $field: Option<String>,)*
        }
    };
}

params!(
    /// Parameters of /api/countries.
    Countries {
        /// Which entities: `lac` (the 33 CELAC states, default), `countries` or `all`
        /// (aggregates and historic states too).
        #[param(example = "lac")]
        scope,
        /// `false` is the older spelling of `scope=countries`.
        lac,
        /// Sort by the names in this language: en, es, pt or zh (default: the registry's order).
        #[param(example = "es")]
        sort,
        /// Only the entity this name or code resolves to, exactly as galeon reads sources.
        #[param(example = "Venezuela, Rep. Bolivariana de")]
        resolve,
        /// json (default: data, provenance, meta) or csv.
        format,
    }
);

params!(
    /// Parameters of /api/facts.
    Facts {
        /// Countries: ISO alpha-3 or alpha-2 codes or names, comma-separated.
        #[param(example = "PAN")]
        country,
        /// recognition, partnership, trade_agreement, bri, aiib, forum, celac, policy, programme, health,
        /// leader or us_policy.
        #[param(example = "bri")]
        kind,
        /// Only facts that hold on this day (YYYY-MM-DD): intervals that include it, events before it.
        #[param(example = "2022-10-31")]
        as_of,
        /// `true`: also versions that sources give but galeon does not use.
        all_versions,
        /// The language of the texts: en (default), es, pt or zh (`text_lang` says "en" where a
        /// text is not translated yet).
        #[param(example = "es")]
        lang,
        /// json (default) or csv.
        format,
    }
);

params!(
    /// Parameters of /api/indicators and /api/index/sensitivity.
    Plain {
        /// json (default) or csv.
        format,
    }
);

params!(
    /// Parameters of /api/indicators/{id}.
    Values {
        /// Countries: codes or names, comma-separated.
        #[param(example = "BRA,CHL")]
        country,
        /// FIRST..LAST (inclusive) or one year.
        #[param(example = "2000..2020")]
        years,
        /// Only this breakdown (product group, sector, lender, technology).
        dimension,
        /// `true`: only the latest year with a value of each series (within `years`);
        /// `meta.latest_years` lists {year, series}: how many series end in each year.
        latest,
        /// json (default), csv or parquet.
        format,
    }
);

params!(
    /// Parameters of /api/map.
    Map {
        /// An indicator id, or `index`.
        #[param(required = true, example = "china_partner_share")]
        indicator,
        /// A year; or `latest`: each state's latest value, its year in the row, and
        /// `meta.latest_years` counting the states that end in each year. Default: the latest
        /// year at least half the states have a value for.
        #[param(example = "2020")]
        year,
        /// The breakdown, for indicators that have one.
        dimension,
        /// json (default), csv or parquet.
        format,
    }
);

params!(
    /// Parameters of /api/index.
    Index {
        /// One year.
        #[param(example = "2020")]
        year,
        /// Countries: codes or names, comma-separated.
        #[param(example = "BRA")]
        country,
        /// json (default), csv or parquet.
        format,
    }
);

params!(
    /// Parameters of /api/index/explain.
    Explain {
        /// The country: a code or a name.
        #[param(required = true, example = "BRA")]
        country,
        /// The year.
        #[param(required = true, example = "2020")]
        year,
        /// json (default) or csv.
        format,
    }
);

params!(
    /// Parameters of /api/framework.
    Framework {
        /// The country: a code or a name (all 33 LAC states when not given).
        #[param(example = "PER")]
        country,
        /// The earlier year to compare with (default: ten years before each indicator's latest).
        #[param(example = "2012")]
        since,
        /// FIRST..LAST: read up to LAST and compare with FIRST, as if in LAST (not with since).
        #[param(example = "2008..2018")]
        years,
        /// The language of the names of parts and countries: en (default), es, pt or zh.
        #[param(example = "es")]
        lang,
        /// json (default), csv or parquet.
        format,
    }
);

params!(
    /// Parameters of /api/claims.
    Claims {
        /// supported, supported_at_edge, partly_supported, mischaracterised,
        /// internally_inconsistent, contradicted, inconclusive or not_checkable.
        #[param(example = "contradicted")]
        verdict,
        /// The language of the reasons, labels and notes: en (default), es, pt or zh (the
        /// quoted sentences stay as written).
        #[param(example = "es")]
        lang,
        /// json (default) or csv.
        format,
    }
);

params!(
    /// Parameters of /api/indicators.
    IndicatorList {
        /// The language of the titles: en (default), es, pt or zh.
        #[param(example = "es")]
        lang,
        /// json (default) or csv.
        format,
    }
);

params!(
    /// Parameters of /api/index/whatif.
    WhatIf {
        /// Pillar weights, PILLAR:WEIGHT comma-separated (0 to 100); pillars not named keep
        /// their default weight.
        #[param(example = "economic:2,political:1,cultural:1,green:0.5")]
        weights,
        /// How indicators are normalised: minmax, zscore, rank, percentile or distance_to_best.
        #[param(example = "percentile")]
        normalisation,
        /// How pillars are combined: arithmetic, geometric, generalised or copeland.
        #[param(example = "geometric")]
        aggregation,
        /// Base samples of the new index's uncertainty analysis (0 to 128; default 32).
        #[param(example = "32")]
        uncertainty,
        /// The year (default: the latest scored).
        #[param(example = "2020")]
        year,
        /// json (default), csv or parquet.
        format,
    }
);

params!(
    /// Parameters of /api/profile/{country} and of the page /profile/{country}.
    Profile {
        /// The language of the profile's texts: en (default), es, pt or zh.
        #[param(example = "es")]
        lang,
    }
);

params!(
    /// Endpoints without parameters.
    Nothing {}
);

params!(
    /// Parameters of /api/claims/{id}.
    Language {
        /// The language of the reasons, labels and notes: en (default), es, pt or zh.
        #[param(example = "es")]
        lang,
    }
);

/// The names of the parameters `P` documents: the only ones its endpoint takes.
pub fn names<P: IntoParams>() -> Vec<String> {
    (P::into_params(|| Some(utoipa::openapi::path::ParameterIn::Query)).into_iter())
        .map(|p| p.name)
        .collect()
}
