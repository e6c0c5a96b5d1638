//! GDELT 2.0 event export files in the published layout, for tests: `YYYYMMDDHHMMSS.export.CSV.zip`,
//! a zip holding one file of the same name without `.zip`, tab-separated, 61 columns in the order
//! of the GDELT Event Codebook V2.0, no header line.

use std::io::Write;
use std::path::Path;

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
