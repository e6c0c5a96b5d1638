//! IMF IMTS (the successor of DOTS) in the SDMX-ML 2.1 structure-specific layout the IMF's
//! service answers: a hand-written message, and the real recorded response in
//! `api-samples/imf-sdmx21-imts-kuznets` checked against a separate reading of its text.

mod common;

use common::{put, read};
use galeon_sources::canonical::Flow;

const FOLDER: &str = "trade/imf-imts";

/// A message in the service's layout: header with Prepared, a DataSet, Series with Obs.
fn message(series: &str) -> String {
    format!(
        r#"<?xml version='1.0' encoding='UTF-8'?><message:StructureSpecificData xmlns:ss="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/structurespecific" xmlns:message="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:ns1="urn:sdmx:org.sdmx.infomodel.datastructure.Dataflow=IMF.STA:IMTS(1.0.0):ObsLevelDim:TIME_PERIOD"><message:Header><message:ID>DS1</message:ID><message:Test>false</message:Test><message:Prepared>2026-10-12T06:39:41Z</message:Prepared><message:Sender id="IMF"/></message:Header><message:DataSet ss:dataScope="DataStructure" xsi:type="ns1:DataSetType" action="Replace" PUBLISHER="IMF" UPDATE_DATE="2026-10-01T01:23:27Z">{series}</message:DataSet></message:StructureSpecificData>"#
    )
}

/// The trade flows a read stored: reporter, partner, flow, year, value.
fn stored(c: &common::Collected) -> Vec<(String, String, Flow, i32, f64)> {
    (common::flows(c).iter())
        .map(|r| {
            (
                r.reporter.to_string(),
                r.partner.to_string(),
                r.flow,
                r.year,
                r.value_usd,
            )
        })
        .collect()
}

/// Brazil's exports to China and imports from the World that both messages below hold.
fn brazil() -> Vec<(String, String, Flow, i32, f64)> {
    let row = |p: &str, f, y, v| ("BRA".to_string(), p.to_string(), f, y, v);
    vec![
        row("CHN", Flow::Export, 2023, 104_300_000_000.0),
        row("CHN", Flow::Export, 2024, 94_400_000_000.5),
        row("WLD", Flow::Import, 2024, 262_000_000_000.0),
    ]
}

#[test]
fn exports_and_imports_are_stored_in_dollars_and_the_rest_rejected_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let series = concat!(
        // Exports FOB to China, two years; OBS_VALUE is in dollars although SCALE says 6.
        r#"<Series COUNTRY="BRA" INDICATOR="XG_FOB_USD" COUNTERPART_COUNTRY="CHN" FREQUENCY="A" SCALE="6">"#,
        r#"<Obs TIME_PERIOD="2023" OBS_VALUE="104300000000" DERIVATION_TYPE="M"/><Obs TIME_PERIOD="2024" OBS_VALUE="94400000000.5"/></Series>"#,
        // Imports CIF from the World (IMF group G001).
        r#"<Series COUNTRY="BRA" INDICATOR="MG_CIF_USD" COUNTERPART_COUNTRY="G001" FREQUENCY="A" SCALE="6"><Obs TIME_PERIOD="2024" OBS_VALUE="262000000000"/></Series>"#,
        // An IMF group galeon does not map: each value rejected, naming the code.
        r#"<Series COUNTRY="BRA" INDICATOR="XG_FOB_USD" COUNTERPART_COUNTRY="G080" FREQUENCY="A"><Obs TIME_PERIOD="2024" OBS_VALUE="1"/></Series>"#,
        // Imports FOB and a monthly series: not stored, said why.
        r#"<Series COUNTRY="BRA" INDICATOR="MG_FOB_USD" COUNTERPART_COUNTRY="CHN" FREQUENCY="A"><Obs TIME_PERIOD="2024" OBS_VALUE="2"/></Series>"#,
        r#"<Series COUNTRY="BRA" INDICATOR="XG_FOB_USD" COUNTERPART_COUNTRY="CHN" FREQUENCY="M"><Obs TIME_PERIOD="2024-01" OBS_VALUE="3"/></Series>"#,
        // An empty series (the service sends them) holds no value; a value that is no number.
        r#"<Series COUNTRY="BRA" INDICATOR="XG_FOB_USD" COUNTERPART_COUNTRY="ARG" FREQUENCY="A"/>"#,
        r#"<Series COUNTRY="BRA" INDICATOR="XG_FOB_USD" COUNTERPART_COUNTRY="PER" FREQUENCY="A"><Obs TIME_PERIOD="2024" OBS_VALUE="NaN"/></Series>"#,
    );
    put(
        dir.path(),
        &format!("{FOLDER}/bra_2023_2024.xml"),
        message(series),
    );
    let (c, files) = read(dir.path(), "imf-imts");
    c.assert_balanced();
    assert_eq!(stored(&c), brazil());
    let rejects: Vec<(&str, &str)> = c
        .rejects
        .iter()
        .map(|(_, r)| (r.column.as_str(), r.value.as_str()))
        .collect();
    assert_eq!(
        rejects,
        vec![
            ("COUNTERPART_COUNTRY", "G080"),
            ("INDICATOR", "MG_FOB_USD"),
            ("FREQUENCY", "M"),
            ("TIME_PERIOD/OBS_VALUE", "2024 / NaN"),
        ]
    );
    assert_eq!(c.read_total(), 7);
    // The release is the time the service prepared the message.
    common::assert_release(&c, &files, "IMTS message prepared 2026-10-12T06:39:41Z");
}

#[test]
fn a_truncated_message_or_foreign_xml_fails_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let whole = message(
        r#"<Series COUNTRY="BRA" INDICATOR="XG_FOB_USD" COUNTERPART_COUNTRY="CHN" FREQUENCY="A"><Obs TIME_PERIOD="2024" OBS_VALUE="1"/></Series>"#,
    );
    let cut = &whole[..whole.find("</message:DataSet>").unwrap()];
    put(dir.path(), &format!("{FOLDER}/cut.xml"), cut);
    put(
        dir.path(),
        &format!("{FOLDER}/broken.xml"),
        "<a><Series COUNTRY=\"BRA\"</a>",
    );
    let mut sink = common::Collected::default();
    let err = galeon_sources::survey::read_dataset(dir.path(), "imf-imts", &mut sink).unwrap_err();
    let message = err.to_string();
    assert!(
        message.contains("broken.xml") || message.contains("cut.xml"),
        "{message}"
    );
    assert!(message.contains("no complete SDMX DataSet"), "{message}");
}

#[test]
fn the_recorded_imf_response_is_stored_value_for_value() {
    let Some(shared) = galeon_testkit::shared_data() else {
        return;
    };
    let recorded = shared.join("api-samples/imf-sdmx21-imts-kuznets/imts_lao_2019_exports.xml");
    let text = std::fs::read_to_string(&recorded).unwrap();
    let dir = tempfile::tempdir().unwrap();
    put(
        dir.path(),
        &format!("{FOLDER}/imts_lao_2019_exports.xml"),
        &text,
    );
    let (c, _) = read(dir.path(), "imf-imts");
    c.assert_balanced();
    // A separate reading of the text: every Series start, and the OBS_VALUE of the Obs that
    // follows it, by partner code.
    let mut expected = std::collections::BTreeMap::new();
    let mut observations = 0;
    for part in text.split("<Series ").skip(1) {
        let attr = |name: &str| {
            part.split(&format!("{name}=\""))
                .nth(1)
                .map(|rest| rest.split('"').next().unwrap().to_string())
        };
        if let Some(value) = attr("OBS_VALUE") {
            observations += 1;
            expected.insert(
                attr("COUNTERPART_COUNTRY").unwrap(),
                value.parse::<f64>().unwrap(),
            );
        }
    }
    assert_eq!(observations, 105);
    assert_eq!(c.read_total(), 105);
    let stored: std::collections::BTreeMap<String, f64> = common::flows(&c)
        .iter()
        .map(|r| {
            assert_eq!(
                (r.reporter.as_str(), r.flow, r.year),
                ("LAO", Flow::Export, 2019)
            );
            (r.partner.to_string(), r.value_usd)
        })
        .collect();
    // Lao PDR → China: USD 1.67 bn, as the message says in dollars.
    assert_eq!(stored["CHN"], expected["CHN"]);
    assert!(
        (stored["CHN"] - 1_672_284_904.0).abs() < 1.0,
        "{}",
        stored["CHN"]
    );
    assert_eq!(stored["WLD"], expected["G001"]);
    for (partner, value) in &stored {
        if partner != "WLD" {
            assert_eq!(Some(value), expected.get(partner), "{partner}");
        }
    }
    // Every IMF group code but G001 is rejected, naming it.
    for (_, r) in &c.rejects {
        assert!(
            r.value.starts_with('G') || r.value.starts_with('T'),
            "{r:?}"
        );
    }
}

/// The same series as the first test, as the SDMX 3.0 service answers them (SDMX-JSON 2.0,
/// written by hand in its layout: keys and periods are indices into the structure).
const JSON_MESSAGE: &str = r#"{"meta": {"prepared": "2026-11-30T06:39:41Z"},
 "data": {"dataSets": [{"structure": 0, "action": "Replace", "series": {
   "0:0:0:0": {"attributes": [0], "observations": {"0": ["104300000000", null], "1": ["94400000000.5"]}},
   "0:1:1:0": {"attributes": [0], "observations": {"1": ["262000000000"]}},
   "0:0:2:0": {"observations": {"1": ["1"]}},
   "0:2:0:0": {"observations": {"1": ["2"]}},
   "0:0:0:1": {"observations": {"2": ["3"]}},
   "0:0:3:0": {"observations": {}},
   "0:0:4:0": {"observations": {"1": ["NaN"], "0": [null]}}}}],
 "structures": [{"dimensions": {
   "series": [{"id": "COUNTRY", "values": [{"id": "BRA"}]},
              {"id": "INDICATOR", "values": [{"id": "XG_FOB_USD"}, {"id": "MG_CIF_USD"}, {"id": "MG_FOB_USD"}]},
              {"id": "COUNTERPART_COUNTRY", "values": [{"id": "CHN"}, {"id": "G001"}, {"id": "G080"}, {"id": "ARG"}, {"id": "PER"}]},
              {"id": "FREQUENCY", "values": [{"id": "A"}, {"id": "M"}]}],
   "observation": [{"id": "TIME_PERIOD", "values": [{"value": "2023"}, {"value": "2024"}, {"value": "2024-01"}]}]}}]}}"#;

#[test]
fn an_sdmx_json_answer_is_read_like_the_sdmx_ml_one() {
    let dir = tempfile::tempdir().unwrap();
    put(
        dir.path(),
        &format!("{FOLDER}/imts_BRA_X.json"),
        JSON_MESSAGE,
    );
    let (c, files) = read(dir.path(), "imf-imts");
    c.assert_balanced();
    // The rows the SDMX-ML message gives, from the same values.
    assert_eq!(stored(&c), brazil());
    let mut rejects: Vec<(&str, &str)> = (c.rejects.iter())
        .map(|(_, r)| (r.column.as_str(), r.value.as_str()))
        .collect();
    rejects.sort();
    assert_eq!(
        rejects,
        vec![
            ("COUNTERPART_COUNTRY", "G080"),
            ("FREQUENCY", "M"),
            ("INDICATOR", "MG_FOB_USD"),
            ("TIME_PERIOD/OBS_VALUE", "2023 / "),
            ("TIME_PERIOD/OBS_VALUE", "2024 / NaN"),
        ]
    );
    // 7 observations as in the SDMX-ML message, and a null one (read, and rejected).
    assert_eq!(c.read_total(), 8);
    common::assert_release(&c, &files, "IMTS message prepared 2026-11-30T06:39:41Z");
    // A message cut short fails naming the file.
    put(
        dir.path(),
        &format!("{FOLDER}/imts_BRA_X.json"),
        &JSON_MESSAGE[..JSON_MESSAGE.len() / 2],
    );
    let mut sink = common::Collected::default();
    let err = galeon_sources::survey::read_dataset(dir.path(), "imf-imts", &mut sink).unwrap_err();
    assert!(err.to_string().contains("imts_BRA_X.json"), "{err}");
    assert!(
        err.to_string().contains("not an SDMX-JSON data message"),
        "{err}"
    );
}

/// The SDMX 3.0 service's real answer recorded in `api-samples/imf-sdmx3-imfp` (a WHDREO series,
/// the layout IMTS answers use): read by the format reader, checked against a separate walk of
/// the JSON that takes each observation's period by its position.
#[test]
fn the_recorded_sdmx3_answer_is_read_observation_for_observation() {
    let Some(shared) = galeon_testkit::shared_data() else {
        return;
    };
    let recorded = shared.join(
        "api-samples/imf-sdmx3-imfp/9dcba8af9204df16738980adae12af854af8bea8ed129105e8d39692a1fb5b3e.json",
    );
    let wrapper: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(recorded).unwrap()).unwrap();
    let text = wrapper["text"].as_str().unwrap();
    let message = galeon_sources::sdmx_json::read(text).unwrap();
    assert_eq!(message.series.len(), 1);
    let series = &message.series[0];
    assert_eq!(series.codes["COUNTRY"], "GX1213");
    assert_eq!(series.codes["INDICATOR"], "BCA_GDP_BP6");
    assert_eq!(series.codes["FREQUENCY"], "A");
    let json: serde_json::Value = serde_json::from_str(text).unwrap();
    let periods = json["data"]["structures"][0]["dimensions"]["observation"][0]["values"]
        .as_array()
        .unwrap();
    let observations = json["data"]["dataSets"][0]["series"]["0:0:0"]["observations"]
        .as_object()
        .unwrap();
    assert_eq!(series.observations.len(), observations.len());
    for (period, value) in &series.observations {
        let at = periods
            .iter()
            .position(|p| p["value"] == period.as_str())
            .unwrap();
        assert_eq!(
            observations[&at.to_string()][0].as_str(),
            value.as_deref(),
            "{period}"
        );
    }
    // As SOURCE.md quotes the file: the first value, for 1976.
    assert_eq!(
        series.observations[0],
        ("1976".to_string(), Some("-7.436".to_string()))
    );
}
