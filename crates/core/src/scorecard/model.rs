//! The role scorecard (FACTS.md §7): what the hire must make true, what they own, under which
//! constraints, what is required and what is preferred, on which terms, and how the loop tests it.

use super::weights::Matching;
use crate::level::Level;
use crate::market::advice::{CompanyStage, Engagement};
use crate::money::{Currency, RatePeriod};
use crate::text::Title;
use crate::vocab::vocabulary;
use chrono::{NaiveDate, Offset, TimeZone};
use serde::{Deserialize, Serialize};
use std::fmt;

vocabulary!(
    /// How senior a scorecard is. `Level` plus `staff`; kept apart from `Level` because stored roles
    /// are limited to junior/mid/senior (the market data has no staff band: staff is priced as senior).
    ScorecardLevel, "level" {
        Junior => "junior", "Junior";
        Mid => "mid", "Mid-level";
        Senior => "senior", "Senior";
        /// Beyond senior: sets technical direction across teams.
        Staff => "staff", "Staff";
    }
);

impl ScorecardLevel {
    /// The market level used for rates and budgets (staff is priced as senior).
    pub fn market_level(self) -> Level {
        match self {
            ScorecardLevel::Junior => Level::Junior,
            ScorecardLevel::Mid => Level::Mid,
            ScorecardLevel::Senior | ScorecardLevel::Staff => Level::Senior,
        }
    }

    pub fn from_level(level: Level) -> Self {
        match level {
            Level::Junior => ScorecardLevel::Junior,
            Level::Mid => ScorecardLevel::Mid,
            Level::Senior => ScorecardLevel::Senior,
        }
    }

    /// Mid and above design systems (KORE1 2026: microservices and APIs at mid, distributed systems at senior).
    pub fn at_least_mid(self) -> bool {
        self >= ScorecardLevel::Mid
    }
}

vocabulary!(
    /// Where the work is done.
    LocationPolicy, "location policy" {
        Remote => "remote", "Remote";
        Hybrid => "hybrid", "Hybrid";
        Onsite => "onsite", "On-site";
    }
);

vocabulary!(
    /// What a stage of the interview loop is (FACTS.md §6).
    LoopStageKind, "loop stage type" {
        /// Reading the resume for the complexity of the APIs and systems built (StepTo 2026).
        ResumeScreen => "resume_screen", "Resume screen";
        Screening => "screening", "Screening call";
        /// A bounded exercise done alone, resembling real work.
        TakeHome => "take_home", "Take-home work sample";
        /// A bounded practical exercise in the interview itself.
        WorkSample => "work_sample", "Work sample";
        /// Live technical collaboration in a shared environment.
        PairProgramming => "pair_programming", "Pair programming";
        /// A general technical interview (language, databases, APIs).
        Technical => "technical", "Technical interview";
        SystemDesign => "system_design", "System design";
        /// Puzzle-style algorithm questions.
        Algorithms => "algorithms", "Algorithm puzzles";
        Behavioural => "behavioural", "Behavioural and communication";
        HiringManager => "hiring_manager", "Hiring manager conversation";
        References => "references", "Reference checks";
        /// A paid trial on real work.
        Trial => "trial", "Paid trial";
    }
);

impl LoopStageKind {
    /// Practical: the candidate builds or changes working software (HireDevelopers 2026, StepTo 2026).
    pub fn is_practical(self) -> bool {
        matches!(
            self,
            LoopStageKind::TakeHome
                | LoopStageKind::WorkSample
                | LoopStageKind::PairProgramming
                | LoopStageKind::Trial
        )
    }
}

/// A skill as the role file writes it ("PostgreSQL", "Go"); matched against the catalog by the linter.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(try_from = "String", into = "String")]
pub struct SkillName(String);

impl SkillName {
    pub const MAX_CHARS: usize = 60;

    pub fn parse(raw: &str) -> Result<Self, String> {
        let text = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if text.is_empty() {
            return Err("a skill must not be empty".into());
        }
        if text.chars().count() > Self::MAX_CHARS {
            return Err(format!(
                "skill '{text}' is longer than {} characters",
                Self::MAX_CHARS
            ));
        }
        Ok(Self(text))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for SkillName {
    type Error = String;
    fn try_from(raw: String) -> Result<Self, String> {
        Self::parse(&raw)
    }
}

impl From<SkillName> for String {
    fn from(value: SkillName) -> String {
        value.0
    }
}

impl fmt::Display for SkillName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An ISO 3166-1 alpha-2 country code, upper case; "UK" is read as "GB".
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(try_from = "String", into = "String")]
pub struct CountryCode(String);

impl CountryCode {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let code = raw.trim().to_ascii_uppercase();
        if code.len() != 2 || !code.chars().all(|c| c.is_ascii_uppercase()) {
            return Err(format!(
                "'{raw}' is not a country code (expected two letters, e.g. DE)"
            ));
        }
        Ok(Self(if code == "UK" { "GB".into() } else { code }))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for CountryCode {
    type Error = String;
    fn try_from(raw: String) -> Result<Self, String> {
        Self::parse(&raw)
    }
}

impl From<CountryCode> for String {
    fn from(value: CountryCode) -> String {
        value.0
    }
}

/// An IANA time zone name, e.g. "Europe/Berlin", checked against the tz database.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(try_from = "String", into = "String")]
pub struct TimezoneName(String);

impl TimezoneName {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let name = raw.trim();
        name.parse::<chrono_tz::Tz>()
            .map(|tz| Self(tz.name().to_string()))
            .map_err(|_| {
                format!("unknown time zone '{name}'; use an IANA name such as Europe/Berlin or America/New_York")
            })
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The standard-time UTC offset in hours. DST is ignored: of the January and July offsets the
    /// smaller is taken, which is standard time in both hemispheres.
    pub fn standard_offset_hours(&self) -> f64 {
        let Ok(tz) = self.0.parse::<chrono_tz::Tz>() else {
            return 0.0;
        };
        let offset_at = |month: u32| {
            NaiveDate::from_ymd_opt(2026, month, 15)
                .and_then(|d| d.and_hms_opt(12, 0, 0))
                .map(|t| tz.offset_from_utc_datetime(&t).fix().local_minus_utc())
                .unwrap_or(0)
        };
        f64::from(offset_at(1).min(offset_at(7))) / 3600.0
    }
}

impl TryFrom<String> for TimezoneName {
    type Error = String;
    fn try_from(raw: String) -> Result<Self, String> {
        Self::parse(&raw)
    }
}

impl From<TimezoneName> for String {
    fn from(value: TimezoneName) -> String {
        value.0
    }
}

/// A non-negotiable skill, optionally with minimum years.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MustHave {
    pub skill: SkillName,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_years: Option<u8>,
}

/// A preference: counts in the candidate's favour, never a gate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NiceToHave {
    pub skill: SkillName,
    /// 1 (slight) to 10 (strong).
    pub weight: u8,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Location {
    pub policy: LocationPolicy,
    /// Where candidates may live and work from.
    #[serde(default)]
    pub countries: Vec<CountryCode>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team_timezone: Option<TimezoneName>,
    /// Working hours a day shared with the team's timezone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overlap_hours: Option<u8>,
}

/// The pay range for the role, in whole units of `currency` per `period`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RoleBudget {
    pub currency: Currency,
    pub period: RatePeriod,
    pub min: i64,
    pub max: i64,
}

/// Contract-to-hire terms: it only works with all three agreed up front (FACTS.md §8).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Conversion {
    /// When the conversion decision is made, in months after the start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after_months: Option<u8>,
    /// What must be true to convert.
    #[serde(default)]
    pub criteria: Vec<String>,
    /// Who decides.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision_maker: Option<String>,
}

/// One stage of the interview loop and the competencies it assesses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoopStage {
    #[serde(rename = "type")]
    pub kind: LoopStageKind,
    #[serde(default)]
    pub competencies: Vec<String>,
}

/// A role's scorecard. Only `title` and `level` are required: a draft may be incomplete, and the
/// linter says what is missing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Scorecard {
    pub title: Title,
    pub level: ScorecardLevel,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_language: Option<SkillName>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub framework: Option<SkillName>,
    /// What this person must make true in the next few quarters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mission: Option<String>,
    /// Systems, services or areas owned.
    #[serde(default)]
    pub scope: Vec<String>,
    /// Team size, legacy, cloud, compliance, release pace.
    #[serde(default)]
    pub constraints: Vec<String>,
    #[serde(default)]
    pub must_have: Vec<MustHave>,
    #[serde(default)]
    pub nice_to_have: Vec<NiceToHave>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<CompanyStage>,
    pub engagement: Engagement,
    /// Contract-to-hire terms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conversion: Option<Conversion>,
    /// How long the need lasts, in months; absent when open-ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_months: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<RoleBudget>,
    pub headcount: u16,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hiring_manager: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date: Option<NaiveDate>,
    #[serde(rename = "loop", default)]
    pub interview_loop: Vec<LoopStage>,
    /// The role's own matching weights; `None` ranks with the defaults.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub matching: Option<Matching>,
}

impl Scorecard {
    /// A scorecard with only the required fields, for building one step by step.
    pub fn new(title: Title, level: ScorecardLevel) -> Self {
        Self {
            title,
            level,
            primary_language: None,
            framework: None,
            mission: None,
            scope: Vec::new(),
            constraints: Vec::new(),
            must_have: Vec::new(),
            nice_to_have: Vec::new(),
            stage: None,
            engagement: Engagement::FullTime,
            conversion: None,
            duration_months: None,
            location: None,
            budget: None,
            headcount: 1,
            hiring_manager: None,
            start_date: None,
            interview_loop: Vec::new(),
            matching: None,
        }
    }

    pub fn policy(&self) -> Option<LocationPolicy> {
        self.location.as_ref().map(|l| l.policy)
    }

    /// The weights the role sets itself, when it sets any.
    pub fn matching_weights(&self) -> Option<&super::weights::MatchingWeights> {
        self.matching
            .as_ref()
            .and_then(|m| m.weights.as_ref())
            .filter(|w| !w.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timezones_are_checked_and_give_standard_offsets() {
        let berlin = TimezoneName::parse("Europe/Berlin").unwrap();
        assert_eq!(berlin.standard_offset_hours(), 1.0);
        let sydney = TimezoneName::parse("Australia/Sydney").unwrap();
        assert_eq!(sydney.standard_offset_hours(), 10.0);
        assert_eq!(
            TimezoneName::parse("Asia/Kolkata")
                .unwrap()
                .standard_offset_hours(),
            5.5
        );
        assert!(TimezoneName::parse("Mars/Olympus")
            .unwrap_err()
            .contains("IANA"));
    }

    #[test]
    fn country_codes_are_two_letters_and_uk_is_gb() {
        assert_eq!(CountryCode::parse("uk").unwrap().as_str(), "GB");
        assert!(CountryCode::parse("Germany").is_err());
    }

    #[test]
    fn staff_is_priced_as_senior_and_ordered_above_it() {
        assert_eq!(ScorecardLevel::Staff.market_level(), Level::Senior);
        assert!(ScorecardLevel::Staff > ScorecardLevel::Senior);
        assert!(!ScorecardLevel::Junior.at_least_mid());
        let err = "principal".parse::<ScorecardLevel>().unwrap_err();
        assert!(err.contains("junior, mid, senior, staff"), "{err}");
    }
}
