//! Candidates in the talent pool. Skills are free tags for now; the taxonomy comes with matching.

use crate::email::Email;
use crate::error::ValidationErrors;
use crate::ids::CandidateId;
use crate::money::{Money, MoneyInput};
use crate::text::{optional, Location, PersonName};
use crate::vocab::vocabulary;
use chrono::{DateTime, Utc};
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

/// A candidate as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Candidate {
    pub id: CandidateId,
    pub name: PersonName,
    pub email: Email,
    pub location: Option<Location>,
    pub region: Option<Region>,
    pub skills: Vec<SkillTag>,
    pub expected_rate: Option<Money>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A candidate as it arrives from a form, the API or an import.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
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
}

impl CandidateInput {
    pub fn parse(&self) -> Result<NewCandidate, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let name = errors.check("name", PersonName::parse(&self.name));
        let email = errors.check("email", Email::parse(&self.email));
        let location = errors.check(
            "location",
            optional(self.location.as_deref(), Location::parse),
        );
        let region = errors.check("region", optional(self.region.as_deref(), |r| r.parse()));
        let skills = errors.check("skills", parse_skills(&self.skills));
        let expected_rate = match &self.expected_rate {
            None => Some(None),
            Some(rate) => rate.parse("expected_rate", &mut errors).map(Some),
        };
        match (name, email, location, region, skills, expected_rate) {
            (
                Some(name),
                Some(email),
                Some(location),
                Some(region),
                Some(skills),
                Some(expected_rate),
            ) if errors.is_empty() => Ok(NewCandidate {
                name,
                email,
                location,
                region,
                skills,
                expected_rate,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skills_are_normalised_and_deduplicated() {
        let skills = parse_skills(&[
            "Go".into(),
            " go ".into(),
            "PostgreSQL".into(),
            "".into(),
            "C#".into(),
        ])
        .unwrap();
        let names: Vec<_> = skills.iter().map(SkillTag::as_str).collect();
        assert_eq!(names, ["go", "postgresql", "c#"]);
        assert!(parse_skills(&["rust;drop".into()])
            .unwrap_err()
            .contains("';'"));
        let many: Vec<String> = (0..51).map(|i| format!("skill{i}")).collect();
        assert!(parse_skills(&many).unwrap_err().contains("at most 50"));
    }

    #[test]
    fn every_bad_field_is_named() {
        let input = CandidateInput {
            name: " ".into(),
            email: "nope".into(),
            region: Some("mars".into()),
            ..Default::default()
        };
        let errors = input.parse().unwrap_err();
        let fields: Vec<_> = errors.errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["name", "email", "region"]);
        assert!(errors
            .message_for("region")
            .unwrap()
            .contains("eastern_europe"));
    }
}
