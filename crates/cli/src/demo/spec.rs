//! The shape of `data/demo.toml`, embedded in the binary. Unknown keys are refused so a typo in the
//! data file fails the tests instead of being silently ignored.

use crate::error::CliError;
use hireloop_core::candidate::Region;
use hireloop_core::level::Level;
use serde::Deserialize;
use std::collections::BTreeMap;

const EMBEDDED: &str = include_str!("../../../../data/demo.toml");

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoSpec {
    pub seed: u64,
    pub email_domain: String,
    pub users: Vec<UserSpec>,
    pub rates: RateTable,
    pub regions: Vec<RegionSpec>,
    pub common_skills: Vec<String>,
    pub stacks: Vec<StackSpec>,
    pub roles: Vec<RoleSpec>,
    pub interviewer_assignments: usize,
    pub reasons: Reasons,
    /// Years per skill by level; without it, demo candidates state no years.
    #[serde(default)]
    pub years: Option<YearsSpec>,
    /// Where candidates are willing to work; without it, demo candidates state no work mode.
    #[serde(default)]
    pub work_modes: Option<WorkModesSpec>,
}

/// Work modes by weight, and the shares stating yes or no to relocation.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkModesSpec {
    pub choices: Vec<WorkModeChoice>,
    pub relocation_yes: f64,
    pub relocation_no: f64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkModeChoice {
    /// remote, hybrid, onsite; empty states none.
    pub modes: Vec<String>,
    pub weight: u32,
}

/// Years of hands-on use a demo candidate states for their stack's core skills, by level, with
/// the source of the bands. Other skills get up to those years.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct YearsSpec {
    /// Where the bands come from: required so the data file cites it; the tests check it.
    #[cfg_attr(not(test), allow(dead_code))]
    pub source: String,
    pub junior: [f32; 2],
    pub mid: [f32; 2],
    pub senior: [f32; 2],
}

impl YearsSpec {
    pub fn band(&self, level: Level) -> [f32; 2] {
        match level {
            Level::Junior => self.junior,
            Level::Mid => self.mid,
            Level::Senior => self.senior,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserSpec {
    pub key: String,
    pub email: String,
    pub name: String,
    pub role: String,
}

/// Hourly rate bands by region and level, with the source they come from.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RateTable {
    pub source: String,
    pub currency: String,
    pub period: String,
    pub bands: Vec<RateBand>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RateBand {
    pub region: Region,
    pub junior: [i64; 2],
    pub mid: [i64; 2],
    pub senior: [i64; 2],
}

impl RateTable {
    /// The (low, high) band for a region and level.
    pub fn band(&self, region: Region, level: Level) -> Option<(i64, i64)> {
        let band = self.bands.iter().find(|b| b.region == region)?;
        let [low, high] = match level {
            Level::Junior => band.junior,
            Level::Mid => band.mid,
            Level::Senior => band.senior,
        };
        Some((low, high))
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegionSpec {
    pub region: Region,
    pub weight: u32,
    pub locations: Vec<String>,
    /// The country code of each country (or state) named after a location's comma.
    #[serde(default)]
    pub countries: std::collections::BTreeMap<String, String>,
    pub first_names: Vec<String>,
    pub last_names: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StackSpec {
    pub key: String,
    pub candidates: usize,
    pub levels: LevelWeights,
    /// Where in the regional band this stack's rates fall, as fractions of the band.
    pub rate_position: [f64; 2],
    /// Skills every profile of this stack lists.
    pub core: Vec<String>,
    /// Skills profiles of this stack draw from.
    pub skills: Vec<String>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelWeights {
    pub junior: u32,
    pub mid: u32,
    pub senior: u32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleSpec {
    pub title: String,
    pub level: String,
    pub language: String,
    pub status: String,
    /// The `key` of a demo user.
    pub hiring_manager: String,
    /// The `key` of a stack: where its candidates come from.
    pub stack: String,
    /// How many applications end in each stage.
    pub funnel: BTreeMap<String, usize>,
    /// The role's scorecard: the fields of a role file (docs/role-as-code.md), nested here so the
    /// demo's Matches tab and `hireloop match` have something to rank with.
    #[serde(default)]
    pub scorecard: Option<toml::Table>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reasons {
    pub withdrawn: Vec<String>,
    /// By the stage the application was rejected in.
    pub rejected: BTreeMap<String, Vec<String>>,
}

impl DemoSpec {
    /// The data set shipped in the binary.
    pub fn embedded() -> Result<DemoSpec, CliError> {
        toml::from_str(EMBEDDED)
            .map_err(|e| CliError::Failed(format!("the embedded demo data does not parse: {e}")))
    }
}
