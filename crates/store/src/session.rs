//! A session over the store for the crates that compute from it (indicators, claims): SQL in,
//! typed columns out, and shared intermediate tables kept for the session's later queries.

use std::path::Path;

use datafusion::execution::context::SessionContext;

use crate::export::Column;
use crate::rows::Rows;
use crate::sql::{session, QueryError};

/// The store's tables registered once, for many queries.
pub struct Session {
    ctx: SessionContext,
}

impl Session {
    /// Opens the store (an error if there is no store there).
    pub async fn open(store: &Path) -> Result<Session, QueryError> {
        Ok(Session {
            ctx: session(store).await?,
        })
    }

    /// Whether the session has a table of this name (a store table, or one materialised).
    pub fn has_table(&self, name: &str) -> bool {
        self.ctx.table_exist(name).unwrap_or(false)
    }

    /// The column names of a table.
    pub async fn columns(&self, table: &str) -> Result<Vec<String>, QueryError> {
        let frame = self.ctx.table(table).await.map_err(engine)?;
        Ok((frame.schema().fields().iter())
            .map(|f| f.name().clone())
            .collect())
    }

    /// Runs `sql` and returns every row.
    pub async fn rows(&self, sql: &str) -> Result<Rows, QueryError> {
        let frame = self.ctx.sql(sql).await.map_err(engine)?;
        let names = (frame.schema().fields().iter())
            .map(|f| f.name().clone())
            .collect();
        let batches = frame.collect().await.map_err(engine)?;
        Rows::from_batches(names, &batches)
    }

    /// Registers `sql` as the table `name` (replacing a table of that name), computed now and
    /// kept in memory when `cache`, otherwise as a view that each query reading it runs again.
    pub async fn materialise(&self, name: &str, sql: &str, cache: bool) -> Result<(), QueryError> {
        let mut frame = self.ctx.sql(sql).await.map_err(engine)?;
        if cache {
            frame = frame.cache().await.map_err(engine)?;
        }
        if self.has_table(name) {
            self.ctx.deregister_table(name).map_err(engine)?;
        }
        self.ctx
            .register_table(name, frame.into_view())
            .map_err(engine)?;
        Ok(())
    }

    /// Registers rows given column by column as the table `name`, for SQL to join with.
    pub fn register(&self, name: &str, columns: Vec<(String, Column)>) -> Result<(), QueryError> {
        let batch =
            crate::export::batch(columns).map_err(|e| QueryError::DataFusion(e.to_string()))?;
        let table = datafusion::datasource::MemTable::try_new(batch.schema(), vec![vec![batch]])
            .map_err(engine)?;
        if self.has_table(name) {
            self.ctx.deregister_table(name).map_err(engine)?;
        }
        self.ctx
            .register_table(name, std::sync::Arc::new(table))
            .map_err(engine)?;
        Ok(())
    }
}

fn engine(e: datafusion::error::DataFusionError) -> QueryError {
    crate::engine::failure(e.to_string())
}
