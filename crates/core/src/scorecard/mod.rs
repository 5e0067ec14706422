//! Roles as scorecards (FACTS.md §7): the scorecard model, role-as-code TOML, the hiring-plan
//! linter, job descriptions (Markdown/HTML) and schema.org JobPosting JSON-LD. Pure: callers pass
//! the skill catalog and the market dataset in.

pub mod catalog;
pub mod geo;
pub mod jd;
pub mod jsonld;
pub mod lint;
pub mod model;
pub mod requisition;
pub mod toml;
pub mod weights;

#[cfg(test)]
mod examples;

pub use self::toml::{from_table, from_toml, to_toml, ParseError, Problem};
pub use catalog::{KnownSkill, SkillCatalog, StaticCatalog};
pub use lint::{lint, Finding, LintContext, LintReport, Rule, Severity};
pub use model::{
    Conversion, CountryCode, Location, LocationPolicy, LoopStage, LoopStageKind, MustHave,
    NiceToHave, RoleBudget, Scorecard, ScorecardLevel, SkillName, TimezoneName,
};
pub use requisition::{requisition, Requisition};
pub use weights::{Matching, MatchingWeights, WeightPoints};
