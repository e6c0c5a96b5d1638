//! SDMX-JSON 2.0 data messages, as SDMX 3.0 services answer a data query (the IMF's
//! `api.imf.org/external/sdmx/3.0`): the format, not a publisher.
//!
//! A message keeps codes out of its series: a series key is the colon-joined *indices* of its
//! codes in `structures[s].dimensions.series[d].values`, and an observation's key the index of
//! its period in `dimensions.observation[0].values`; an observation is an array whose first
//! element is the value (a string, or null) and the rest attribute indices. This module turns a
//! message into plain observations: each series' codes by dimension id, the period and the value.

use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;
use serde_json::Value;

/// One series of a message: its codes by dimension id (`COUNTRY` → `CHN`), and its observations
/// as (period, value as written), in the message's order of periods.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// The series key as written in the message (`0:3:12:0`), to name it in errors.
    pub key: String,
    /// Codes by dimension id.
    pub codes: BTreeMap<String, String>,
    /// (period, value); `None` where the message has a null value.
    pub observations: Vec<(String, Option<String>)>,
}

/// A message read: when the service prepared it (if it says), and its series.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    /// `meta.prepared`, where given.
    pub prepared: Option<String>,
    /// Every series of every data set.
    pub series: Vec<Series>,
}

#[derive(Deserialize)]
struct Raw {
    #[serde(default)]
    meta: Option<RawMeta>,
    data: RawData,
}

#[derive(Deserialize)]
struct RawMeta {
    #[serde(default)]
    prepared: Option<String>,
}

#[derive(Deserialize)]
struct RawData {
    #[serde(rename = "dataSets")]
    data_sets: Vec<RawDataSet>,
    structures: Vec<RawStructure>,
}

#[derive(Deserialize)]
struct RawDataSet {
    #[serde(default)]
    structure: usize,
    #[serde(default)]
    series: HashMap<String, RawSeries>,
}

#[derive(Deserialize)]
struct RawSeries {
    #[serde(default)]
    observations: HashMap<String, Vec<Value>>,
}

#[derive(Deserialize)]
struct RawStructure {
    dimensions: RawDimensions,
}

#[derive(Deserialize)]
struct RawDimensions {
    #[serde(default)]
    series: Vec<RawDimension>,
    #[serde(default)]
    observation: Vec<RawDimension>,
}

#[derive(Deserialize)]
struct RawDimension {
    id: String,
    values: Vec<RawCode>,
}

#[derive(Deserialize)]
struct RawCode {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    value: Option<String>,
}

impl RawCode {
    /// A code's identifier: `id` for series dimensions, `value` for periods (either may be
    /// given).
    fn code(&self) -> Option<&str> {
        self.id.as_deref().or(self.value.as_deref())
    }
}

/// Reads an SDMX-JSON 2.0 data message. A key or index that points past its dimension's codes,
/// or an observation that is not an array, is an error naming the series: the message is not
/// read in part.
pub fn read(text: &str) -> Result<Message, String> {
    let raw: Raw = serde_json::from_str(text).map_err(|e| {
        format!(
            "not an SDMX-JSON data message (line {}, column {}): {e}",
            e.line(),
            e.column()
        )
    })?;
    let mut out = Vec::new();
    for (n, set) in raw.data.data_sets.iter().enumerate() {
        let structure = (raw.data.structures.get(set.structure)).ok_or_else(|| {
            format!(
                "data set {n} names structure {}, which the message lacks",
                set.structure
            )
        })?;
        let dims = &structure.dimensions;
        let periods = dims.observation.first();
        // Series in the order of their keys' indices, so that a file reads the same every time.
        let mut keys: Vec<&String> = set.series.keys().collect();
        keys.sort_by_key(|k| {
            k.split(':')
                .map(|i| i.parse::<usize>().unwrap_or(usize::MAX))
                .collect::<Vec<_>>()
        });
        for key in keys {
            let codes = series_codes(key, &dims.series)?;
            let mut observations = Vec::new();
            let mut at: Vec<(&String, &Vec<Value>)> = set.series[key].observations.iter().collect();
            at.sort_by_key(|(i, _)| i.parse::<usize>().unwrap_or(usize::MAX));
            for (index, obs) in at {
                let period = (index.parse::<usize>().ok())
                    .and_then(|i| periods?.values.get(i))
                    .and_then(RawCode::code)
                    .ok_or_else(|| format!("series {key}: observation {index} has no period"))?;
                let value = match obs.first() {
                    Some(Value::String(s)) => Some(s.clone()),
                    Some(Value::Number(n)) => Some(n.to_string()),
                    Some(Value::Null) | None => None,
                    Some(other) => {
                        return Err(format!("series {key}, period {period}: value {other}"))
                    }
                };
                observations.push((period.to_string(), value));
            }
            out.push(Series {
                key: key.clone(),
                codes,
                observations,
            });
        }
    }
    Ok(Message {
        prepared: raw.meta.and_then(|m| m.prepared),
        series: out,
    })
}

/// The codes a series key's indices stand for, by dimension id.
fn series_codes(key: &str, dims: &[RawDimension]) -> Result<BTreeMap<String, String>, String> {
    let indices: Vec<&str> = key.split(':').collect();
    if indices.len() != dims.len() {
        return Err(format!(
            "series {key}: {} indices for {} dimensions",
            indices.len(),
            dims.len()
        ));
    }
    let mut codes = BTreeMap::new();
    for (index, dim) in indices.iter().zip(dims) {
        let code = (index.parse::<usize>().ok())
            .and_then(|i| dim.values.get(i))
            .and_then(RawCode::code)
            .ok_or_else(|| format!("series {key}: no code {index} in dimension {}", dim.id))?;
        codes.insert(dim.id.clone(), code.to_string());
    }
    Ok(codes)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A message in the layout of the IMF's SDMX 3.0 answers, written by hand: two series whose
    /// keys index the codes, one null value.
    const MESSAGE: &str = r#"{"meta": {"prepared": "2026-11-30T10:00:00Z"},
      "data": {"dataSets": [{"structure": 0, "action": "Replace", "series": {
        "0:1:0:0": {"attributes": [], "observations": {"0": ["1500.5", null, 0], "1": [null]}},
        "0:0:1:0": {"observations": {"1": ["2000", 0]}}}}],
      "structures": [{"dimensions": {
        "series": [{"id": "COUNTRY", "values": [{"id": "CHN"}]},
                   {"id": "INDICATOR", "values": [{"id": "XG_FOB_USD"}, {"id": "MG_CIF_USD"}]},
                   {"id": "COUNTERPART_COUNTRY", "values": [{"id": "BRA"}, {"id": "G001"}]},
                   {"id": "FREQUENCY", "values": [{"id": "A"}]}],
        "observation": [{"id": "TIME_PERIOD", "values": [{"value": "2023"}, {"value": "2024"}]}]}}]}}"#;

    #[test]
    fn keys_and_periods_are_indices_into_the_structure() {
        let m = read(MESSAGE).unwrap();
        assert_eq!(m.prepared.as_deref(), Some("2026-11-30T10:00:00Z"));
        assert_eq!(m.series.len(), 2);
        // Sorted by key: 0:0:1:0 (exports to the World) before 0:1:0:0 (imports from Brazil).
        let exports = &m.series[0];
        assert_eq!(exports.codes["INDICATOR"], "XG_FOB_USD");
        assert_eq!(exports.codes["COUNTERPART_COUNTRY"], "G001");
        assert_eq!(
            exports.observations,
            vec![("2024".into(), Some("2000".into()))]
        );
        let imports = &m.series[1];
        assert_eq!(imports.codes["COUNTERPART_COUNTRY"], "BRA");
        assert_eq!(
            imports.observations,
            vec![
                ("2023".into(), Some("1500.5".into())),
                ("2024".into(), None)
            ]
        );
    }

    #[test]
    fn a_key_or_period_past_the_structure_and_a_cut_message_are_errors() {
        let bad_key = MESSAGE.replace("\"0:1:0:0\"", "\"0:7:0:0\"");
        assert!(read(&bad_key)
            .unwrap_err()
            .contains("no code 7 in dimension INDICATOR"));
        let bad_period = MESSAGE.replace("\"1\": [\"2000\"", "\"9\": [\"2000\"");
        assert!(read(&bad_period)
            .unwrap_err()
            .contains("observation 9 has no period"));
        let short = MESSAGE.replace("\"0:1:0:0\"", "\"0:1:0\"");
        assert!(read(&short)
            .unwrap_err()
            .contains("3 indices for 4 dimensions"));
        let cut = &MESSAGE[..MESSAGE.len() / 2];
        assert!(read(cut)
            .unwrap_err()
            .starts_with("not an SDMX-JSON data message"));
    }
}
