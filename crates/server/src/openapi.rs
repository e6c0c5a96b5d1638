//! The OpenAPI 3 description of the API, served at /api/openapi.json.

use serde_json::{json, Value};

fn param(name: &str, description: &str, required: bool, example: &str) -> Value {
    json!({"name": name, "in": "query", "required": required, "description": description, "schema": {"type": "string"}, "example": example})
}

fn format(parquet: bool) -> Value {
    let mut values = vec!["json", "csv"];
    if parquet {
        values.push("parquet");
    }
    json!({"name": "format", "in": "query", "required": false, "description": "json (default: data, provenance, meta), csv (provenance in the X-Galeon-Provenance header) or parquet where offered", "schema": {"type": "string", "enum": values}})
}

fn list(summary: &str, description: &str, params: Vec<Value>, parquet: bool) -> Value {
    let mut p = params;
    p.push(format(parquet));
    json!({"get": {
        "summary": summary,
        "description": description,
        "parameters": p,
        "responses": {
            "200": {"description": "the rows with their provenance", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Table"}}, "text/csv": {}}},
            "400": {"description": "a parameter is unknown or malformed", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
            "404": {"description": "no such indicator, claim or index", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
        }
    }})
}

/// The document.
pub fn document() -> Value {
    json!({
        "openapi": "3.0.3",
        "info": {
            "title": "galeon API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "An open observatory of China–Latin America & Caribbean cooperation: countries, curated facts, indicators, the composite cooperation index with its rank intervals, claims from the literature with their verdicts, and the sources with their releases and licences. Every response carries its provenance. Read-only.",
            "license": {"name": "Apache-2.0"}
        },
        "paths": {
            "/api/health": {"get": {"summary": "Server status", "responses": {"200": {"description": "status, version, store build time"}}}},
            "/api/countries": list("Countries", "The 33 LAC states (or, with lac=false, every economy) with codes and names in English, Spanish, Portuguese and Chinese.", vec![param("lac", "true (default) or false", false, "true")], false),
            "/api/facts": list("Curated facts", "Recognition, partnerships, FTAs, BRI, forum, policy papers and programmes, each with its sources.", vec![param("country", "ISO alpha-3 codes, comma-separated", false, "PAN"), param("kind", "recognition, partnership, trade_agreement, bri, forum, policy, programme", false, "bri"), param("as_of", "only facts holding on this day (YYYY-MM-DD)", false, "2022-10-31")], false),
            "/api/indicators": list("Indicator catalogue", "Every indicator with its family, unit, sources and coverage.", vec![], false),
            "/api/indicators/{id}": {"get": {
                "summary": "Indicator values",
                "parameters": [
                    {"name": "id", "in": "path", "required": true, "schema": {"type": "string"}, "example": "china_partner_share"},
                    param("country", "ISO alpha-3 codes, comma-separated", false, "BRA,CHL"),
                    param("years", "FIRST..LAST or one year", false, "2000..2020"),
                    param("dimension", "only this breakdown (product group, sector, lender)", false, ""),
                    param("latest", "true: only the latest year with a value of each series (within years); meta.latest_years lists {year, series}: how many series end in each year", false, "true"),
                    format(true)
                ],
                "responses": {"200": {"description": "values with provenance", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Table"}}}}, "400": {"description": "bad parameter"}, "404": {"description": "unknown indicator"}}
            }},
            "/api/map": list("Map payload", "One row per LAC state for an indicator (or the index), each with the year of its value; states without data have a null value. meta gives min, max, unit and the years available.", vec![param("indicator", "an indicator id, or index", true, "china_partner_share"), param("year", "a year; or latest (indicators only): each state's latest value, its year in the row, meta.latest_years counting the states that end in each year; default: the latest year at least half the states have a value for", false, "2020"), param("dimension", "for indicators with a breakdown", false, "")], true),
            "/api/index": list("Cooperation index", "Score, rank, median rank and 5–95 % rank interval from the uncertainty analysis, and pillar scores, per country-year.", vec![param("year", "one year", false, "2020"), param("country", "ISO alpha-3 codes, comma-separated", false, "BRA")], true),
            "/api/index/explain": list("What drives a score", "Each indicator's raw and normalised value, nominal, effective and used weight, and contribution.", vec![param("country", "ISO alpha-3", true, "BRA"), param("year", "year", true, "2020")], false),
            "/api/index/sensitivity": list("Sensitivity of the ranks", "First- and total-order Sobol indices of the mean absolute rank shift, per uncertain choice.", vec![], false),
            "/api/claims": list("Claims and verdicts", "Claims from the literature, each with its verdict, reason, claimed and computed values.", vec![param("verdict", "supported, supported_at_edge, partly_supported, mischaracterised, internally_inconsistent, contradicted, inconclusive or not_checkable", false, "contradicted")], false),
            "/api/claims/{id}": {"get": {"summary": "One claim with its evidence", "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}, "example": "trade-total-2002-2021"}], "responses": {"200": {"description": "the claim, parts, evidence, sources"}, "404": {"description": "unknown claim"}}}},
            "/api/sources": list("Sources", "Every dataset: publisher, licence, status in the store, releases, files and rows read, stored and rejected.", vec![], false)
        },
        "components": {"schemas": {
            "Table": {"type": "object", "properties": {
                "data": {"type": "array", "items": {"type": "object"}},
                "provenance": {"type": "object", "properties": {"sources": {"type": "array", "items": {"type": "string"}}, "store_built_at": {"type": "string"}, "galeon": {"type": "string"}}},
                "meta": {"type": "object"}
            }},
            "Error": {"type": "object", "properties": {"error": {"type": "string"}, "status": {"type": "integer"}}}
        }}
    })
}
