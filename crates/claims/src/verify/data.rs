//! The data a claim file needs, read once: indicator values, SQL results as cells, the store's
//! releases, and the curated facts.

use super::*;

/// One cell of an SQL result.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// NULL.
    Null,
    /// A number.
    Number(f64),
    /// Anything else, as text.
    Text(String),
}

/// Everything the checks read, fetched once.
#[derive(Debug, Default)]
pub struct Data {
    /// Why the store could not be read, if it could not.
    pub store_error: Option<crate::said::Said>,
    /// Indicator values by indicator id.
    pub values: HashMap<String, Vec<Value>>,
    /// Indicators that failed, with the error.
    pub indicator_errors: HashMap<String, String>,
    /// SQL results by statement (after `{LAC33}` expansion).
    pub sql: HashMap<String, Result<Vec<Vec<Cell>>, String>>,
    /// The curated facts.
    pub facts: Vec<Fact>,
    /// Datasets in the store (built or carried over) with their releases.
    pub releases: BTreeMap<String, String>,
}

/// The SQL a check runs, with `{LAC33}` expanded.
pub fn expand_sql(sql: &str) -> String {
    let list: Vec<String> = LAC33.iter().map(|c| format!("'{c}'")).collect();
    sql.replace("{LAC33}", &format!("({})", list.join(", ")))
}

/// The curated facts could not be loaded (the message names each file and line): no claim is
/// judged against none.
#[derive(Debug, Clone, thiserror::Error)]
#[error("the curated facts could not be loaded: {0}")]
pub struct FactsUnavailable(pub String);

impl Data {
    /// Reads what `files` need from the store at `store`, and the embedded facts. Facts that
    /// fail to load are an error: no claim is judged against none.
    pub async fn fetch(store: &Path, files: &[ClaimFile]) -> Result<Data, FactsUnavailable> {
        Self::fetch_with(store, files, None).await
    }

    /// [`Data::fetch`], taking indicator values from `panel` (all of galeon's indicators, already
    /// computed) instead of computing them again.
    pub async fn fetch_with(
        store: &Path,
        files: &[ClaimFile],
        panel: Option<&[Value]>,
    ) -> Result<Data, FactsUnavailable> {
        Self::fetch_from(store, files, panel, galeon_facts::load_embedded()).await
    }

    /// [`Data::fetch_with`], with the facts as loaded: an error loading them is returned, naming
    /// the file and line, before anything is read.
    pub async fn fetch_from<E: fmt::Display>(
        store: &Path,
        files: &[ClaimFile],
        panel: Option<&[Value]>,
        facts: Result<Vec<Fact>, Vec<E>>,
    ) -> Result<Data, FactsUnavailable> {
        let facts = facts.map_err(|errors| {
            let said: Vec<String> = errors.iter().map(ToString::to_string).collect();
            FactsUnavailable(said.join("; "))
        })?;
        let mut data = Data {
            facts,
            ..Data::default()
        };
        let Some(manifest) = galeon_store::read_manifest(store) else {
            let path = store.display().to_string();
            data.store_error = Some(crate::said::say!("said_no_store", path = path));
            return Ok(data);
        };
        for d in &manifest.datasets {
            if d.status.in_store() && !d.files.is_empty() {
                data.releases.insert(d.id.clone(), d.releases());
            }
        }
        let mut ids = BTreeSet::new();
        let mut statements = BTreeSet::new();
        for check in files
            .iter()
            .flat_map(|f| &f.claims)
            .flat_map(|c| &c.parts)
            .flat_map(|p| &p.checks)
        {
            match &check.query {
                Query::Indicator { id, .. } => {
                    ids.insert(id.clone());
                }
                Query::Sql { sql, .. } => {
                    statements.insert(expand_sql(sql));
                }
                Query::Facts { .. } | Query::Listed { .. } => {}
            }
            if let Some(sql) = &check.margin_sql {
                statements.insert(expand_sql(sql));
            }
        }
        for id in ids {
            if let Some(panel) = panel {
                let values: Vec<Value> = panel
                    .iter()
                    .filter(|v| v.indicator == id)
                    .cloned()
                    .collect();
                data.values.insert(id, values);
                continue;
            }
            match galeon_indicators::compute(store, &[id.as_str()]).await {
                Ok(panel) => {
                    data.values.insert(id, panel.values);
                }
                Err(e) => {
                    data.indicator_errors.insert(id, e.to_string());
                }
            }
        }
        for sql in statements {
            let result = galeon_store::query(store, &sql, galeon_store::QueryLimits::default())
                .await
                .and_then(|r| r.rows())
                .map(|r| cells(&r))
                .map_err(|e| e.to_string());
            data.sql.insert(sql, result);
        }
        Ok(data)
    }
}

/// The rows as cells: numbers (whole or not) as numbers, everything else as text.
pub(super) fn cells(rows: &galeon_store::Rows) -> Vec<Vec<Cell>> {
    use galeon_store::Column;
    let columns: Vec<Vec<Cell>> = (0..rows.names().len())
        .map(|j| match rows.column(j) {
            Column::Float(_) | Column::Int(_) => (rows.float(j).into_iter())
                .map(|v| v.map_or(Cell::Null, Cell::Number))
                .collect(),
            _ => (rows.text(j).into_iter())
                .map(|v| v.map_or(Cell::Null, Cell::Text))
                .collect(),
        })
        .collect();
    (0..rows.len())
        .map(|r| columns.iter().map(|c| c[r].clone()).collect())
        .collect()
}
