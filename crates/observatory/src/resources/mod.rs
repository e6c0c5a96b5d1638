//! One function per resource. Each takes the parts of the observatory it reads and typed
//! parameters, and returns a [`Table`](crate::Table); front ends only parse and render.

mod claims;
mod countries;
mod facts;
mod framework;
mod index;
mod indicators;
mod map;
mod profile;
mod sources;
mod whatif;

pub use claims::{claim, claims, verdict, ClaimsQuery};
pub use countries::{countries, CountriesQuery, Scope};
pub use facts::{facts, FactsQuery};
pub use framework::{framework_view, FrameworkQuery};
pub use index::{explain, index_scores, sensitivity, ExplainQuery, IndexQuery};
pub use indicators::{find, indicator_list, indicator_values, ValuesQuery};
pub use map::{map, MapQuery};
pub use profile::{
    profile, Breakdown, ClaimLine, Event, EventSource, Figure, Point, Profile, ProfileInputs,
    ProfileQuery, RankYear, Series, Slice,
};
pub use sources::store_datasets;
pub use whatif::{choice, configured, what_if, PillarWeights, WhatIfQuery, MAX_UNCERTAINTY};
