//! GDELT 2.0 event export files in the published layout, for tests: `YYYYMMDDHHMMSS.export.CSV.zip`,
//! a zip holding one file of the same name without `.zip`, tab-separated, 61 columns in the order
//! of the GDELT Event Codebook V2.0, no header line.

use std::io::Write;
use std::path::Path;

use chrono::{Datelike, Days, NaiveDate};
use galeon_registry::LAC33;

use crate::Rng;

/// The fields of one event that galeon reads; [`Event::line`] fills the other 48 columns the
/// way GDELT does (actor names and codes, geography, the fraction date).
#[derive(Debug, Clone)]
pub struct Event<'a> {
    /// GLOBALEVENTID.
    pub id: i64,
    /// SQLDATE, YYYYMMDD.
    pub date: &'a str,
    /// Actor1CountryCode (empty for none).
    pub actor1: &'a str,
    /// Actor2CountryCode (empty for none).
    pub actor2: &'a str,
    /// EventCode.
    pub code: &'a str,
    /// QuadClass.
    pub quad: &'a str,
    /// GoldsteinScale.
    pub goldstein: &'a str,
    /// NumMentions, NumSources, NumArticles.
    pub counts: (u32, u32, u32),
    /// DATEADDED, YYYYMMDDHHMMSS.
    pub added: &'a str,
    /// SOURCEURL.
    pub url: &'a str,
}

impl Event<'_> {
    /// The event as one line of an export file (without the line break).
    pub fn line(&self) -> String {
        let year = self.date.get(..4).unwrap_or("");
        let month_year = self.date.get(..6).unwrap_or("");
        let actor = |country: &str| -> [String; 10] {
            let name = if country.is_empty() {
                String::new()
            } else {
                format!("{country} GOVERNMENT")
            };
            let code = if country.is_empty() {
                String::new()
            } else {
                format!("{country}GOV")
            };
            let kind = if country.is_empty() { "" } else { "GOV" };
            [
                code,
                name,
                country.to_string(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                kind.to_string(),
                String::new(),
                String::new(),
            ]
        };
        let geo = |country: &str| -> [String; 8] {
            match country {
                "" => [
                    "0".into(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                ],
                c => [
                    "1".into(),
                    format!("{c} (country)"),
                    c[..2].to_string(),
                    c[..2].to_string(),
                    String::new(),
                    "-10.5".into(),
                    "-55.25".into(),
                    c[..2].to_string(),
                ],
            }
        };
        let mut fields: Vec<String> = vec![
            self.id.to_string(),
            self.date.to_string(),
            month_year.to_string(),
            year.to_string(),
            format!("{year}.0849"),
        ];
        fields.extend(actor(self.actor1));
        fields.extend(actor(self.actor2));
        let root = self.code.get(..2).unwrap_or("");
        let base = self.code.get(..3).unwrap_or(self.code);
        fields.extend([
            "1".to_string(),
            self.code.to_string(),
            base.to_string(),
            root.to_string(),
            self.quad.to_string(),
            self.goldstein.to_string(),
            self.counts.0.to_string(),
            self.counts.1.to_string(),
            self.counts.2.to_string(),
            "-1.25".to_string(),
        ]);
        fields.extend(geo(self.actor1));
        fields.extend(geo(self.actor2));
        fields.extend(geo(self.actor1));
        fields.push(self.added.to_string());
        fields.push(self.url.to_string());
        assert_eq!(fields.len(), 61, "an export line has 61 columns");
        fields.join("\t")
    }
}

/// Writes `lines` as the export file `name` (`20240131234500.export.CSV.zip`) in `dir`.
pub fn write_export(dir: &Path, name: &str, lines: &[String]) {
    std::fs::create_dir_all(dir).expect("the folder can be made");
    let inner = name
        .strip_suffix(".zip")
        .expect("an export file's name ends in .zip");
    let file = std::fs::File::create(dir.join(name)).expect("the zip can be created");
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file(inner, options)
        .expect("the zip's file starts");
    for line in lines {
        zip.write_all(line.as_bytes()).expect("written");
        zip.write_all(b"\n").expect("written");
    }
    zip.finish().expect("the zip is finished");
}

/// What [`generate`] wrote, counted as it wrote it: the expected results of reading the files.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Tally {
    /// Export files written.
    pub files: u64,
    /// Events written.
    pub events: u64,
    /// Events in which China or a LAC state is an actor's country: the rows galeon keeps.
    pub in_scope: u64,
    /// China–LAC events by `COUNTRY YEAR` (the LAC state, the event date's year): how many, and
    /// how many of them cooperative (quad class 1 or 2).
    pub china_lac: std::collections::BTreeMap<String, (u64, u64)>,
}

/// The rest of the world's actors, CAMEO regions among them.
const OTHERS: [&str; 16] = [
    "USA", "GBR", "RUS", "IND", "DEU", "FRA", "JPN", "ISR", "IRN", "UKR", "AUS", "CAN", "NGA",
    "EUR", "AFR", "SAS",
];

/// Picks one of `from`.
fn pick<'a>(rng: &mut Rng, from: &[&'a str]) -> &'a str {
    from[rng.below(from.len())]
}

/// Writes `files` GDELT-shaped export files of `per_file` events each into `dir`, one every 15
/// minutes from 1 January 2023, the way GDELT publishes them. The mix is GDELT's, roughly: China
/// is an actor's country in one event in twelve, a LAC state in one in ten, the rest of the world
/// (and CAMEO regions) otherwise; a third of the events have no second actor; most events are
/// dated the day they were added, some up to a year before. Returns what it wrote.
pub fn generate(dir: &Path, files: u64, per_file: u64, seed: u64) -> Tally {
    let mut rng = Rng::new(seed);
    let mut tally = Tally::default();
    let first = NaiveDate::from_ymd_opt(2023, 1, 1).expect("a calendar day");
    for file in 0..files {
        let (day, quarter) = (first + Days::new(file / 96), file % 96);
        let added = format!(
            "{}{:02}{:02}00",
            day.format("%Y%m%d"),
            quarter / 4,
            quarter % 4 * 15
        );
        let mut lines = Vec::with_capacity(per_file as usize);
        for _ in 0..per_file {
            let id = 1_000_000_000 + tally.events as i64;
            tally.events += 1;
            let actor = |rng: &mut Rng| match rng.below(100) {
                0..=7 => "CHN",
                8..=17 => pick(rng, &LAC33),
                _ => pick(rng, &OTHERS),
            };
            let actor1 = actor(&mut rng);
            let actor2 = if rng.below(3) == 0 {
                ""
            } else {
                actor(&mut rng)
            };
            let back = match rng.below(100) {
                0..=89 => 0,
                90..=97 => 1 + rng.below(30) as u64,
                _ => 31 + rng.below(335) as u64,
            };
            let event_day = day - Days::new(back);
            let root = 1 + rng.below(20);
            let quad = match root {
                1..=5 => 1,
                6..=8 => 2,
                9..=13 => 3,
                _ => 4,
            };
            let code = format!("{root:02}{}", rng.below(6));
            let goldstein = format!("{:.1}", (rng.below(201) as f64 - 100.0) / 10.0);
            let url = format!(
                "https://www.news{}.example/{}/story-{id}.html",
                rng.below(5000),
                day.format("%Y/%m/%d")
            );
            let date = event_day.format("%Y%m%d").to_string();
            let counts = (
                1 + rng.below(20) as u32,
                1 + rng.below(3) as u32,
                1 + rng.below(20) as u32,
            );
            lines.push(
                Event {
                    id,
                    date: &date,
                    actor1,
                    actor2,
                    code: &code,
                    quad: &quad.to_string(),
                    goldstein: &goldstein,
                    counts,
                    added: &added,
                    url: &url,
                }
                .line(),
            );
            let lac = |c: &str| LAC33.contains(&c);
            if actor1 == "CHN" || actor2 == "CHN" || lac(actor1) || lac(actor2) {
                tally.in_scope += 1;
            }
            let other = match (actor1, actor2) {
                ("CHN", other) | (other, "CHN") if lac(other) => Some(other),
                _ => None,
            };
            if let Some(country) = other {
                let entry = tally
                    .china_lac
                    .entry(format!("{country} {}", event_day.year()))
                    .or_default();
                entry.0 += 1;
                entry.1 += u64::from(quad <= 2);
            }
        }
        write_export(dir, &format!("{added}.export.CSV.zip"), &lines);
        tally.files += 1;
    }
    tally
}
