//! The data dictionary (`docs/data-dictionary.md`) read as data: each table's title and each
//! column's type, unit and meaning, for the schemas of a data release. The page stays the one
//! place columns are described; a test checks it describes every column of every table.

use std::collections::BTreeMap;

/// The page, compiled in.
pub const PAGE: &str = include_str!("../../../docs/data-dictionary.md");

/// One column as the page describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnDoc {
    /// `text`, `int`, `float`, `bool` as the page writes it.
    pub kind: String,
    /// The unit, where the type cell gives one after a comma (`float, USD`).
    pub unit: Option<String>,
    /// What it holds.
    pub meaning: String,
}

/// One table: its title (from the heading) and columns.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TableDoc {
    /// The heading's words after the table's name (`bilateral trade totals`).
    pub title: String,
    /// Columns by name.
    pub columns: BTreeMap<String, ColumnDoc>,
}

/// The dictionary: tables by name, and the columns described before any table (the provenance
/// columns every source table ends with).
#[derive(Debug, Clone, Default)]
pub struct Dictionary {
    /// Tables by name.
    pub tables: BTreeMap<String, TableDoc>,
    /// Columns every table that holds source data has.
    pub common: BTreeMap<String, ColumnDoc>,
}

impl Dictionary {
    /// The column of `table`, or one of the common columns.
    pub fn column(&self, table: &str, column: &str) -> Option<&ColumnDoc> {
        (self.tables.get(table))
            .and_then(|t| t.columns.get(column))
            .or_else(|| self.common.get(column))
    }
}

/// Reads the page: `## name — title` headings, and rows `| `a`, `b` | type | meaning |` of the
/// tables under them. A meaning that starts with "as above" takes the meaning of the same column
/// described earlier on the page.
pub fn parse(page: &str) -> Dictionary {
    let mut dictionary = Dictionary::default();
    let mut seen: BTreeMap<String, ColumnDoc> = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in page.lines() {
        if let Some(heading) = line.strip_prefix("## ") {
            let (name, title) = heading.split_once(" — ").unwrap_or((heading, ""));
            let name = name.trim().to_string();
            let doc = dictionary.tables.entry(name.clone()).or_default();
            doc.title = title.trim().to_string();
            current = Some(name);
            continue;
        }
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        // `| names | type | meaning |`, or `| names | meaning |` (the provenance columns).
        let (names, kind, meaning) = match cells[..] {
            [_, names, kind, meaning, _] => (names, kind, meaning),
            [_, names, meaning, _] => (names, "", meaning),
            _ => continue,
        };
        let names: Vec<&str> = names.split('`').skip(1).step_by(2).collect();
        if names.is_empty() {
            continue;
        }
        for name in names {
            let doc = match meaning.strip_prefix("as above") {
                Some(_) => match seen.get(name) {
                    Some(earlier) => earlier.clone(),
                    None => continue,
                },
                None => column_doc(kind, meaning),
            };
            seen.entry(name.to_string()).or_insert_with(|| doc.clone());
            let columns = match &current {
                Some(table) => &mut dictionary.tables.entry(table.clone()).or_default().columns,
                None => &mut dictionary.common,
            };
            columns.insert(name.to_string(), doc);
        }
    }
    dictionary
}

fn column_doc(kind: &str, meaning: &str) -> ColumnDoc {
    let (kind, unit) = match kind.split_once(',') {
        Some((kind, unit)) => (kind.trim(), Some(unit.trim().to_string())),
        None => (kind.trim(), None),
    };
    ColumnDoc {
        kind: kind.to_string(),
        unit,
        meaning: meaning.replace('`', ""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The release's schemas take every description from the page: none may be missing.
    #[test]
    fn the_page_describes_every_column_of_every_table() {
        let d = parse(PAGE);
        let mut missing = Vec::new();
        for &table in galeon_store::TABLES {
            let columns: Vec<String> = match table {
                "indicators" => (galeon_indicators::panel_columns(&[]).into_iter())
                    .map(|(name, _)| name)
                    .collect(),
                "project_links" => (galeon_indicators::links::links_columns(&[]).into_iter())
                    .map(|(name, _)| name)
                    .collect(),
                t => galeon_store::table_columns(t),
            };
            assert!(columns.len() >= 5, "{table}: {columns:?}");
            assert!(
                d.tables.get(table).is_some_and(|t| !t.title.is_empty()),
                "no `## {table} — title` heading"
            );
            let undescribed = columns.iter().filter(|c| d.column(table, c).is_none());
            missing.extend(undescribed.map(|c| format!("{table}.{c}")));
        }
        assert!(
            missing.is_empty(),
            "docs/data-dictionary.md does not describe {missing:?}"
        );
    }

    #[test]
    fn headings_rows_units_and_as_above() {
        let page = "| `source` | dataset id |\n\n## t1 — first table\n\n| column | type | meaning |\n|---|---|---|\n\
                    | `a`, `b` | float, USD | money in `USD` |\n\n## t2 — second\n\n| `a`, `c` | | as above |\n| `d` | int | a count |\n";
        let d = parse(page);
        assert_eq!(d.tables["t1"].title, "first table");
        let a = &d.tables["t1"].columns["a"];
        assert_eq!((a.kind.as_str(), a.unit.as_deref()), ("float", Some("USD")));
        assert_eq!(a.meaning, "money in USD");
        // "as above" copies a's description; c was never described, so it stays undescribed.
        assert_eq!(d.tables["t2"].columns["a"], *a);
        assert!(!d.tables["t2"].columns.contains_key("c"));
        assert_eq!(d.column("t2", "source").unwrap().meaning, "dataset id");
        assert!(
            d.column("t2", "column").is_none(),
            "the header row is not a column"
        );
    }
}
