//! hireloop-match: the skill taxonomy and the in-memory matching engine. A role's query is turned
//! into bitmap filters and a transparent weighted score; every result explains itself.
//! The scoring formula, weights and measured performance are in this crate's README.md.

pub mod adapt;
pub mod baseline;
mod catalog;
mod countries;
mod explain;
mod groups;
mod index;
mod plan;
mod profile;
mod query;
mod ranges;
mod role_terms;
mod role_weights;
mod search;
pub mod synth;
pub mod taxonomy;
mod text;
mod work_modes;

pub use explain::{Component, ComponentScore, Match, MatchedSkill, MissingSkill};
pub use index::{BuildReport, Index};
pub use plan::{
    AVAILABILITY_HORIZON_DAYS, CANDIDATE_DAY, EXPECTED_YEARS, EXPECTED_YEARS_ANY_LEVEL,
    PRIMARY_LANGUAGE_WEIGHT,
};
pub use profile::{
    Country, Profile, ProfileError, ProfileSkill, Rate, Vetting, WorkAuthorization, WorkMode,
    MAX_PROFILE_SKILLS, MAX_WORK_AUTHORIZATIONS, MAX_YEARS,
};
pub use query::{
    Budget, MustHave, NiceToHave, Query, QueryError, SlotHits, TeamHours, TextHits, TextMatch,
    Weights, DEFAULT_TEXT_WEIGHT, MAX_LIMIT, MAX_OFFSET,
};
pub use role_weights::{role_text_weight, WeightShares};
pub use search::{Filtered, SearchResult, Survivors};
pub use taxonomy::{Normalised, SkillId, Taxonomy, TaxonomyError};
