//! One shape for every resource: a table of typed cells with its provenance, rendered as JSON,
//! CSV or Parquet by whichever front end asks.

use serde_json::{Map, Value as Json};

/// One cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// No value.
    Null,
    /// A number.
    Num(f64),
    /// A whole number.
    Int(i64),
    /// Text.
    Text(String),
    /// Yes or no.
    Bool(bool),
}

macro_rules! cell_from {
    ($($t:ty => $f:expr),* $(,)?) => {$(
        impl From<$t> for Cell {
            fn from(v: $t) -> Cell {
                $f(v)
            }
        }
        impl From<Option<$t>> for Cell {
            fn from(v: Option<$t>) -> Cell {
                v.map_or(Cell::Null, $f)
            }
        }
    )*};
}

cell_from! {
    f64 => Cell::Num,
    i64 => Cell::Int,
    i32 => |v: i32| Cell::Int(v.into()),
    u32 => |v: u32| Cell::Int(v.into()),
    usize => |v: usize| Cell::Int(v as i64),
    bool => Cell::Bool,
    String => Cell::Text,
    &str => |v: &str| Cell::Text(v.to_string()),
}

impl Cell {
    /// The cell as JSON: numbers stay numbers; a non-finite number is null.
    pub fn json(&self) -> Json {
        match self {
            Cell::Null => Json::Null,
            Cell::Num(v) if v.is_finite() => Json::from(*v),
            Cell::Num(_) => Json::Null,
            Cell::Int(v) => Json::from(*v),
            Cell::Text(v) => Json::from(v.as_str()),
            Cell::Bool(v) => Json::from(*v),
        }
    }

    /// The cell as text, exactly (CSV): numbers in the shortest form that reads back the same,
    /// a non-finite number empty as in JSON.
    pub fn text(&self) -> String {
        match self {
            Cell::Null => String::new(),
            Cell::Num(v) if !v.is_finite() => String::new(),
            Cell::Num(v) => format!("{v}"),
            Cell::Int(v) => v.to_string(),
            Cell::Text(v) => v.clone(),
            Cell::Bool(v) => v.to_string(),
        }
    }

    /// The cell as people read it in a terminal: numbers to six significant digits.
    pub fn display(&self) -> String {
        match self {
            Cell::Num(v) => format_number(*v),
            other => other.text(),
        }
    }
}

/// Integers without decimals, others with up to six significant digits.
pub fn format_number(value: f64) -> String {
    if !value.is_finite() {
        return String::new();
    }
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{value:.0}")
    } else {
        let digits = 6 - (value.abs().log10().floor() as i32 + 1);
        format!("{value:.*}", digits.clamp(0, 6) as usize)
    }
}

/// A table and where it comes from.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// File name stem for downloads.
    pub name: String,
    /// Column names.
    pub columns: Vec<String>,
    /// Rows, one cell per column.
    pub rows: Vec<Vec<Cell>>,
    /// Sources and releases of the rows.
    pub sources: Vec<String>,
    /// When the store the rows come from was built; none for tables that read no store.
    pub store_built_at: Option<String>,
    /// Anything else worth saying (units, years available, counts).
    pub meta: Map<String, Json>,
}

impl Table {
    /// An empty table with these columns.
    pub fn new(name: impl Into<String>, columns: &[&str]) -> Table {
        Table {
            name: name.into(),
            columns: columns.iter().map(|c| c.to_string()).collect(),
            rows: Vec::new(),
            sources: Vec::new(),
            store_built_at: None,
            meta: Map::new(),
        }
    }

    /// Adds a row; it must have one cell per column.
    pub fn push(&mut self, row: Vec<Cell>) {
        debug_assert_eq!(row.len(), self.columns.len(), "{}", self.name);
        self.rows.push(row);
    }

    /// The same table with only these columns, in this order (names it lacks are skipped).
    pub fn select(&self, columns: &[&str]) -> Table {
        let picked: Vec<usize> = (columns.iter())
            .filter_map(|c| self.columns.iter().position(|k| k == c))
            .collect();
        Table {
            columns: picked.iter().map(|&j| self.columns[j].clone()).collect(),
            rows: (self.rows.iter())
                .map(|r| picked.iter().map(|&j| r[j].clone()).collect())
                .collect(),
            ..self.clone()
        }
    }

    /// Says something in `meta`.
    pub fn note(&mut self, key: &str, value: impl Into<Json>) {
        self.meta.insert(key.to_string(), value.into());
    }

    /// Where the rows come from: sources, store and galeon version.
    pub fn provenance(&self) -> Json {
        serde_json::json!({
            "sources": self.sources,
            "store_built_at": self.store_built_at,
            "galeon": env!("CARGO_PKG_VERSION"),
        })
    }

    /// `{"data": [{column: value…}…], "provenance": {…}, "meta": {…}}`.
    pub fn to_json(&self) -> Json {
        let data: Vec<Json> = (self.rows.iter())
            .map(|r| {
                let row = self
                    .columns
                    .iter()
                    .zip(r)
                    .map(|(c, v)| (c.clone(), v.json()));
                Json::Object(row.collect())
            })
            .collect();
        serde_json::json!({
            "data": data,
            "provenance": self.provenance(),
            "meta": self.meta,
        })
    }

    /// The rows as CSV with a header row.
    pub fn write_csv(&self, out: impl std::io::Write) -> std::io::Result<()> {
        let mut writer = csv::Writer::from_writer(out);
        writer.write_record(&self.columns)?;
        for row in &self.rows {
            writer.write_record(row.iter().map(Cell::text))?;
        }
        writer.flush()
    }

    /// The rows as one Parquet file; each column typed by its first non-null cell (whole
    /// numbers in a column of numbers are widened to floating point).
    pub fn to_parquet(&self) -> Result<Vec<u8>, galeon_store::ExportError> {
        use galeon_store::Column;
        let columns = (self.columns.iter().enumerate())
            .map(|(j, name)| {
                let cells = self.rows.iter().map(move |r| &r[j]);
                let first = cells.clone().find(|c| !matches!(c, Cell::Null));
                let column = match first {
                    Some(Cell::Num(_)) => Column::Float(
                        cells
                            .map(|c| match c {
                                Cell::Num(v) => Some(*v),
                                Cell::Int(v) => Some(*v as f64),
                                _ => None,
                            })
                            .collect(),
                    ),
                    Some(Cell::Int(_)) => Column::Int(
                        cells
                            .map(|c| if let Cell::Int(v) = c { Some(*v) } else { None })
                            .collect(),
                    ),
                    Some(Cell::Bool(_)) => Column::Bool(
                        cells
                            .map(|c| {
                                if let Cell::Bool(v) = c {
                                    Some(*v)
                                } else {
                                    None
                                }
                            })
                            .collect(),
                    ),
                    _ => Column::Text(
                        cells
                            .map(|c| (!matches!(c, Cell::Null)).then(|| c.text()))
                            .collect(),
                    ),
                };
                (name.clone(), column)
            })
            .collect();
        galeon_store::parquet_bytes(columns)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_keeps_numbers_numbers_and_csv_quotes_what_needs_it() {
        let mut t = Table::new("t", &["name", "value", "n", "ok"]);
        t.push(vec![
            "a, \"b\"".into(),
            Cell::Num(1.5),
            Cell::Int(3),
            Cell::Null,
        ]);
        t.push(vec![
            Cell::Null,
            Cell::Num(f64::NAN),
            Cell::Null,
            true.into(),
        ]);
        let json = t.to_json();
        assert_eq!(json["data"][0]["value"], 1.5);
        assert_eq!(json["data"][0]["n"], 3);
        assert!(json["data"][1]["value"].is_null());
        assert_eq!(json["provenance"]["store_built_at"], Json::Null);
        let mut csv = Vec::new();
        t.write_csv(&mut csv).unwrap();
        assert_eq!(
            String::from_utf8(csv).unwrap(),
            "name,value,n,ok\n\"a, \"\"b\"\"\",1.5,3,\n,,,true\n"
        );
        // Parquet: a file that starts and ends with the magic bytes.
        let bytes = t.to_parquet().unwrap();
        assert_eq!(&bytes[..4], b"PAR1");
        assert_eq!(&bytes[bytes.len() - 4..], b"PAR1");
    }

    #[test]
    fn numbers_for_people() {
        assert_eq!(format_number(1234.0), "1234");
        assert_eq!(format_number(0.123456789), "0.123457");
        assert_eq!(format_number(98.7654321), "98.7654");
    }
}
