/*!
galeon's data core: every resource as one function returning a [`Table`], which the command line
and the HTTP API only render (as a terminal table, CSV, JSON with real numbers, or Parquet).

The flow is one-way: the store and the curated facts are read once into an [`Observatory`]
(the indicator panel, the index with its uncertainty analysis, the verdicts on the claims); each
resource in [`resources`] is a function of those parts and of typed parameters ([`params`]), so
the same request gives the same table whichever front end asks. Resources that need only part of
the observatory (countries need none of it, facts only the facts) take only that part, so the
command line opens no more than a command needs.
*/

pub mod dictionary;
pub mod framework;
mod observatory;
pub mod params;
pub mod release;
pub mod render;
pub mod resources;
mod table;
pub mod texts;

pub use observatory::{by_indicator, index_with, stamped, LoadError, Observatory, Options, CLAIMS};
pub use table::{format_number, Cell, Table};

/// Why a resource could not be answered: the asker's mistake, or something that is not there.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// A parameter is missing, malformed or out of range; the message says what to write.
    #[error("{0}")]
    Invalid(String),
    /// The thing asked for does not exist (an unknown id, an index that could not be built).
    #[error("{0}")]
    NotFound(String),
}

/// A resource's answer.
pub type Answer = Result<Table, Error>;
