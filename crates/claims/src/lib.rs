//! galeon's claims registry: quantitative and factual sentences from the literature, each with
//! the query that decides it, checked against the store and the curated facts.
//!
//! A claim file (TOML, documented in docs/claims.md) quotes a document's claims exactly and
//! states, for each, the quantity in structured form, the claimed value and how it was hedged.
//! [`verify::Data::fetch`] reads what the checks need; [`verify::evaluate`] gives each claim a
//! [`Verdict`] with its evidence; [`report`] writes the audit report.

pub mod report;
pub mod said;
pub mod spec;
pub mod translations;
pub mod verify;

pub use said::{English, Said, Words};
pub use spec::{
    load_file, load_paths, load_str, Claim, ClaimError, ClaimFile, Claimed, Hedge, Part, Role,
};
pub use translations::{Language, Translations};
pub use verify::{
    evaluate, ClaimResult, Data, Evidence, FactsUnavailable, FileReport, PartResult, Verdict,
};
