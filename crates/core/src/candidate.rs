//! Candidates in the talent pool. Skills are free tags, normalised through the taxonomy by
//! matching; the extended profile lives in `candidate_profile`.

use crate::candidate_profile::{
    CandidateProfile, ProfileInput, ProfileLinks, SkillDetailInput, VettingStatus,
};
use crate::contact::split_location;
use crate::email::Email;
use crate::error::ValidationErrors;
use crate::experience::{estimated_level, LevelFinding};
use crate::ids::CandidateId;
use crate::level::Level;
use crate::money::{Money, MoneyInput};
use crate::text::{optional, Location, PersonName};
use crate::vocab::vocabulary;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;

vocabulary!(
    /// The rate regions of FACTS.md §2 (StepTo 2026).
    Region, "region" {
        UnitedStates => "united_states", "United States";
        Canada => "canada", "Canada";
        WesternEurope => "western_europe", "Western Europe";
        LatinAmerica => "latin_america", "Latin America";
        EasternEurope => "eastern_europe", "Eastern Europe";
        Asia => "asia", "Asia (India, Philippines)";
    }
);

/// A skill as a free tag: lower case, single spaces, e.g. "go", "postgresql", "c#".
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(try_from = "String", into = "String")]
pub struct SkillTag(String);

impl SkillTag {
    pub const MAX_CHARS: usize = 40;

    pub fn parse(raw: &str) -> Result<Self, String> {
        let tag = raw
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        if tag.is_empty() {
            return Err("a skill must not be empty".into());
        }
        if tag.chars().count() > Self::MAX_CHARS {
            return Err(format!(
                "skill '{tag}' is longer than {} characters",
                Self::MAX_CHARS
            ));
        }
        if let Some(bad) = tag
            .chars()
            .find(|c| !(c.is_alphanumeric() || " +#./-_".contains(*c)))
        {
            return Err(format!(
                "skill '{tag}' contains '{bad}'; use letters, digits, spaces and + # . / - _"
            ));
        }
        Ok(Self(tag))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for SkillTag {
    type Error = String;
    fn try_from(raw: String) -> Result<Self, String> {
        Self::parse(&raw)
    }
}

impl From<SkillTag> for String {
    fn from(value: SkillTag) -> String {
        value.0
    }
}

impl fmt::Display for SkillTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// At most this many skills per candidate: a profile, not a keyword dump.
pub const MAX_SKILLS: usize = 50;

/// Parses a list of tags: trims, lower-cases, drops duplicates, keeps the given order.
pub fn parse_skills(raw: &[String]) -> Result<Vec<SkillTag>, String> {
    let mut skills: Vec<SkillTag> = Vec::with_capacity(raw.len());
    for item in raw.iter().filter(|s| !s.trim().is_empty()) {
        let tag = SkillTag::parse(item)?;
        if !skills.contains(&tag) {
            skills.push(tag);
        }
    }
    if skills.len() > MAX_SKILLS {
        return Err(format!(
            "at most {MAX_SKILLS} skills (got {})",
            skills.len()
        ));
    }
    Ok(skills)
}

/// A candidate as stored. As JSON it also carries two derived values, never stored: `level` (the
/// stated level, else the one estimated from `experience_years`, with its basis) and
/// `estimated_level` (from `experience_years` alone, StepTo 2026 bands).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Candidate {
    pub id: CandidateId,
    pub name: PersonName,
    pub email: Email,
    pub location: Option<Location>,
    pub region: Option<Region>,
    pub skills: Vec<SkillTag>,
    pub expected_rate: Option<Money>,
    /// The extended profile (time zone, links, years per skill, level, availability…).
    #[serde(flatten)]
    pub profile: CandidateProfile,
    /// Changed only through the vetting endpoint, which records who, when and why.
    pub vetting_status: VettingStatus,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A candidate as stored, with two derived values, never stored: `level` and `estimated_level`.
/// `Candidate`'s schema in the OpenAPI document: utoipa reads a struct's fields, not the
/// hand-written `Serialize` that adds the derived ones, so this lists them all.
#[cfg(feature = "openapi")]
#[derive(utoipa::ToSchema)]
#[allow(dead_code)] // only its schema is used
struct CandidateJson {
    id: CandidateId,
    name: PersonName,
    email: Email,
    location: Option<Location>,
    region: Option<Region>,
    skills: Vec<SkillTag>,
    expected_rate: Option<Money>,
    /// The extended profile (time zone, links, years per skill, level, availability…).
    #[serde(flatten)]
    profile: CandidateProfile,
    /// Changed only through the vetting endpoint, which records who, when and why.
    vetting_status: VettingStatus,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    /// Derived: the stated level, else the one estimated from `experience_years`, with its basis.
    level: Option<LevelFinding>,
    /// Derived: the level `experience_years` alone suggests (StepTo 2026 bands).
    estimated_level: Option<Level>,
}

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for Candidate {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        <CandidateJson as utoipa::PartialSchema>::schema()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for Candidate {
    fn name() -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Borrowed("Candidate")
    }

    fn schemas(
        schemas: &mut Vec<(
            String,
            utoipa::openapi::RefOr<utoipa::openapi::schema::Schema>,
        )>,
    ) {
        <CandidateJson as utoipa::ToSchema>::schemas(schemas)
    }
}

/// The stored fields of a `Candidate` as JSON; `Candidate`'s own `Serialize` adds the derived ones.
#[derive(Serialize)]
#[serde(remote = "Candidate")]
struct CandidateFields {
    id: CandidateId,
    name: PersonName,
    email: Email,
    location: Option<Location>,
    region: Option<Region>,
    skills: Vec<SkillTag>,
    expected_rate: Option<Money>,
    #[serde(flatten)]
    profile: CandidateProfile,
    vetting_status: VettingStatus,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl Serialize for Candidate {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        fn fields<S: serde::Serializer>(c: &&Candidate, s: S) -> Result<S::Ok, S::Error> {
            CandidateFields::serialize(c, s)
        }
        #[derive(Serialize)]
        struct Json<'a> {
            #[serde(flatten, serialize_with = "fields")]
            candidate: &'a Candidate,
            level: Option<LevelFinding>,
            estimated_level: Option<Level>,
        }
        Json {
            candidate: self,
            level: self.level(),
            estimated_level: self.profile.experience_years.map(estimated_level),
        }
        .serialize(serializer)
    }
}

impl Candidate {
    /// The stated level, else the one estimated from years of work; `None` when neither is known.
    pub fn level(&self) -> Option<LevelFinding> {
        LevelFinding::of(self.profile.stated_level, self.profile.experience_years)
    }

    /// The candidate back in input form: what an edit starts from (a PATCH merges into it).
    pub fn to_input(&self) -> CandidateInput {
        let p = self.profile.to_input_parts();
        CandidateInput {
            name: self.name.to_string(),
            email: self.email.to_string(),
            location: self.location.as_ref().map(|l| l.to_string()),
            region: self.region.map(|r| r.as_str().to_string()),
            skills: self.skills.iter().map(|s| s.to_string()).collect(),
            expected_rate: self.expected_rate.as_ref().map(|m| MoneyInput {
                amount: m.amount,
                currency: Some(m.currency.as_str().to_string()),
                period: m.period.as_str().to_string(),
            }),
            phone: p.phone,
            country: p.country,
            city: p.city,
            experience_years: p.experience_years,
            timezone: p.timezone,
            links: p.links,
            skill_details: p.skill_details,
            primary_language: p.primary_language,
            stated_level: p.stated_level,
            available_from: p.available_from,
            hours_per_week: p.hours_per_week,
            engagement: p.engagement,
            work_authorization: p.work_authorization,
            work_modes: p.work_modes,
            open_to_relocation: p.open_to_relocation,
            industries: p.industries,
            consent_until: p.consent_until,
            source_channel: p.source_channel,
            tags: p.tags,
        }
    }
}

/// A candidate as it arrives from a form, the API or an import. Every profile field is optional,
/// so clients written before the profile existed keep working.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CandidateInput {
    pub name: String,
    pub email: String,
    #[serde(default)]
    pub location: Option<String>,
    /// One of the rate regions: united_states, canada, western_europe, latin_america, eastern_europe, asia.
    #[serde(default)]
    pub region: Option<String>,
    /// Free skill tags, e.g. ["go", "postgresql", "kafka"].
    #[serde(default)]
    pub skills: Vec<String>,
    #[serde(default)]
    pub expected_rate: Option<MoneyInput>,
    /// 7-15 digits; +, spaces, dashes, dots and parentheses allowed. Give it in international form
    /// (+381 64 …) or with `country`, so the same number is found however it is written.
    #[serde(default)]
    pub phone: Option<String>,
    /// ISO 3166 alpha-2 code, e.g. RS. When empty, read from a `location` like "Belgrade, RS".
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default)]
    pub city: Option<String>,
    /// Years of professional work, 0-60; imports compute it from dated work history.
    #[serde(default)]
    pub experience_years: Option<f32>,
    /// IANA time zone name, e.g. "Europe/Belgrade".
    #[serde(default)]
    pub timezone: Option<String>,
    /// {github, linkedin, website}: http(s) URLs.
    #[serde(default)]
    pub links: Option<ProfileLinks>,
    /// Years (0-50) and last-used year per skill tag; each names one of `skills`.
    #[serde(default)]
    pub skill_details: Vec<SkillDetailInput>,
    #[serde(default)]
    pub primary_language: Option<String>,
    /// junior, mid or senior, as the candidate states it.
    #[serde(default)]
    pub stated_level: Option<String>,
    /// YYYY-MM-DD.
    #[serde(default)]
    pub available_from: Option<String>,
    /// 1-80.
    #[serde(default)]
    pub hours_per_week: Option<i64>,
    /// Any of full_time, part_time, contract, contract_to_hire.
    #[serde(default)]
    pub engagement: Vec<String>,
    /// ISO 3166 country codes (DE) or rate regions (western_europe) the candidate may work in.
    #[serde(default)]
    pub work_authorization: Vec<String>,
    /// Where the candidate is willing to work: any of remote, hybrid, onsite. Empty = not stated.
    #[serde(default)]
    pub work_modes: Vec<String>,
    /// Whether the candidate would move for an on-site or hybrid role; absent or null = not stated.
    #[serde(default)]
    pub open_to_relocation: Option<bool>,
    #[serde(default)]
    pub industries: Vec<String>,
    /// Consent to be kept in the pool ends on this day (YYYY-MM-DD).
    #[serde(default)]
    pub consent_until: Option<String>,
    /// referral, job_board, agency, sourced, inbound, talent_network or other.
    #[serde(default)]
    pub source_channel: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
}

/// A valid new candidate.
#[derive(Debug, Clone, PartialEq)]
pub struct NewCandidate {
    pub name: PersonName,
    pub email: Email,
    pub location: Option<Location>,
    pub region: Option<Region>,
    pub skills: Vec<SkillTag>,
    pub expected_rate: Option<Money>,
    pub profile: CandidateProfile,
}

impl NewCandidate {
    /// Keeps from `existing` what this candidate leaves unstated (an import that says nothing of a
    /// time zone must not erase the one a recruiter entered), and drops years for skills this
    /// candidate no longer lists, so a detail always describes one of the skills.
    pub fn keep_unstated_from(&mut self, existing: &Candidate) {
        self.profile.fill_unstated_from(&existing.profile);
        let skills = &self.skills;
        self.profile
            .skill_details
            .retain(|d| skills.contains(&d.skill));
    }
}

impl CandidateInput {
    /// The country and city to parse: as given, else read from a `location` like "Belgrade, RS"
    /// (only when neither is given, so a stated country is never mixed with a guessed city).
    fn place_from_location(&self) -> (Option<String>, Option<String>) {
        let blank = |v: &Option<String>| v.as_deref().is_none_or(|s| s.trim().is_empty());
        if blank(&self.country) && blank(&self.city) {
            if let Some((city, country)) = self.location.as_deref().and_then(split_location) {
                return (
                    Some(country.as_str().to_string()),
                    city.map(|c| c.as_str().to_string()),
                );
            }
        }
        (self.country.clone(), self.city.clone())
    }

    /// Parses against today's date (UTC): a skill's last-used year may not be in the future.
    pub fn parse(&self) -> Result<NewCandidate, ValidationErrors> {
        self.parse_on(Utc::now().date_naive())
    }

    pub fn parse_on(&self, today: NaiveDate) -> Result<NewCandidate, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let name = errors.check("name", PersonName::parse(&self.name));
        let email = errors.check("email", Email::parse(&self.email));
        let location = errors.check(
            "location",
            optional(self.location.as_deref(), Location::parse),
        );
        let mut region = errors.check("region", optional(self.region.as_deref(), |r| r.parse()));
        let skills = errors.check("skills", parse_skills(&self.skills));
        let expected_rate = match &self.expected_rate {
            None => Some(None),
            Some(rate) => rate.parse("expected_rate", &mut errors).map(Some),
        };
        let (country, city) = self.place_from_location();
        let profile = ProfileInput {
            phone: self.phone.as_deref(),
            country: country.as_deref(),
            city: city.as_deref(),
            experience_years: self.experience_years,
            timezone: self.timezone.as_deref(),
            links: self.links.as_ref(),
            skill_details: &self.skill_details,
            primary_language: self.primary_language.as_deref(),
            stated_level: self.stated_level.as_deref(),
            available_from: self.available_from.as_deref(),
            hours_per_week: self.hours_per_week,
            engagement: &self.engagement,
            work_authorization: &self.work_authorization,
            work_modes: &self.work_modes,
            open_to_relocation: self.open_to_relocation,
            industries: &self.industries,
            consent_until: self.consent_until.as_deref(),
            source_channel: self.source_channel.as_deref(),
            tags: &self.tags,
        }
        .parse(skills.as_deref(), today, &mut errors);
        // A country with no region stated gives the rate region (FACTS.md §2 bands).
        if let (Some(region @ None), Some(profile)) = (region.as_mut(), profile.as_ref()) {
            *region = profile
                .country
                .as_ref()
                .and_then(|c| crate::import::region_for_country(c.as_str()));
        }
        match (
            name,
            email,
            location,
            region,
            skills,
            expected_rate,
            profile,
        ) {
            (
                Some(name),
                Some(email),
                Some(location),
                Some(region),
                Some(skills),
                Some(expected_rate),
                Some(profile),
            ) if errors.is_empty() => Ok(NewCandidate {
                name,
                email,
                location,
                region,
                skills,
                expected_rate,
                profile,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
#[path = "candidate_tests.rs"]
mod tests;
