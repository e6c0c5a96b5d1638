//! galeon's composite China–LAC cooperation index, built as the OECD/JRC Handbook and COINr build
//! composite indicators: a declared configuration ([`config`]), an engine that keeps every
//! intermediate table ([`engine`]), and uncertainty and sensitivity analysis ([`ua`]).
//!
//! The crate is pure computation: it takes indicator values ([`Inputs`]) and knows nothing of the
//! store, so its tests and its benchmark run without one.

pub mod config;
pub mod engine;
pub mod stats;
pub mod ua;

pub use config::{
    parse, Aggregation, Config, ConfigError, Imputation, Normalisation, Outliers, Weights, DEFAULT,
};
pub use engine::{Built, Choices, Explanation, Index, IndexError, Inputs, WeightSet};
pub use ua::{analyse, analyse_recomputing, Analysis, Design, RankInterval, Sensitivity};
