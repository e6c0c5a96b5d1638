//! One file per command, each the same shape: `Args` (what clap parses, with the help text)
//! and `run(args)`. Commands that show a resource ask galeon-observatory for its table and only
//! render it, so `galeon facts --country PAN --format json` is /api/facts?country=PAN.

pub mod build;
pub mod claims;
pub mod cluster;
pub mod countries;
pub mod facts;
pub mod fetch;
pub mod framework;
pub mod index;
pub mod indicators;
pub mod map;
pub mod profile;
pub mod release;
pub mod serve;
pub mod sources;
pub mod sql;
pub mod verify;
