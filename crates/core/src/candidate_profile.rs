//! The extended candidate profile (issue #5, talent pool): time zone, links, years per skill,
//! level, availability, engagement, work authorization, work modes and relocation (`work_mode`),
//! industries, consent, source and tags; and
//! the vetting status with its transition rule. Every field is optional, so candidates created
//! before the profile existed, and imports that state none of it, stay valid.
//!
//! Contact and place (phone, country, city) and years of work are parsed by `phone`, `contact` and
//! `experience`; the level estimated from those years is `experience::LevelFinding`.

use crate::candidate::SkillTag;
use crate::contact::{parse_country, City};
use crate::error::ValidationErrors;
use crate::experience::parse_experience_years;
use crate::ids::{CandidateId, UserId};
use crate::level::Level;
use crate::phone::Phone;
pub use crate::profile_links::ProfileLinks;
use crate::scorecard::{CountryCode, TimezoneName};
use crate::text::{PersonName, PrimaryLanguage, Reason};
use crate::vocab::vocabulary;
use crate::work_mode::{parse_work_mode, WorkMode};
use chrono::{DateTime, Datelike, NaiveDate, Offset, TimeZone, Utc};
use serde::{Deserialize, Serialize};

vocabulary!(
    /// How far the team or agency has checked a candidate. Every change is recorded with who,
    /// when and why (`VettingEvent`).
    VettingStatus, "vetting status" {
        Unvetted => "unvetted", "Unvetted";
        InVetting => "in_vetting", "In vetting";
        Vetted => "vetted", "Vetted";
        NotAccepted => "not_accepted", "Not accepted";
    }
);

vocabulary!(
    /// How a candidate is willing to be engaged.
    EngagementPreference, "engagement" {
        FullTime => "full_time", "Full-time";
        PartTime => "part_time", "Part-time";
        Contract => "contract", "Contract";
        ContractToHire => "contract_to_hire", "Contract-to-hire";
    }
);

vocabulary!(
    /// Where the candidate came from: the channel analytics compare (FACTS.md §5).
    SourceChannel, "source channel" {
        Referral => "referral", "Referral";
        JobBoard => "job_board", "Job board";
        Agency => "agency", "Agency";
        Sourced => "sourced", "Sourced";
        Inbound => "inbound", "Inbound";
        TalentNetwork => "talent_network", "Talent network";
        Other => "other", "Other";
    }
);

impl VettingStatus {
    /// The statuses a candidate may move to from this one: unvetted → in vetting → vetted or not
    /// accepted; someone not accepted may be vetted again later (back to in vetting).
    pub fn next(self) -> &'static [VettingStatus] {
        use VettingStatus::*;
        match self {
            Unvetted => &[InVetting],
            InVetting => &[Vetted, NotAccepted],
            NotAccepted => &[InVetting],
            Vetted => &[],
        }
    }
}

/// Checks a vetting move; the error names the allowed moves. Moving to `not_accepted` needs a
/// note: the candidate may ask why, and the next vetting round should know.
pub fn check_vetting_move(
    from: VettingStatus,
    to: VettingStatus,
    note: Option<&Reason>,
) -> Result<(), String> {
    if !from.next().contains(&to) {
        let allowed: Vec<&str> = from.next().iter().map(|s| s.as_str()).collect();
        return Err(if allowed.is_empty() {
            format!(
                "a candidate who is {} stays {}",
                from.as_str(),
                from.as_str()
            )
        } else {
            format!(
                "cannot move from {} to {}; allowed: {}",
                from.as_str(),
                to.as_str(),
                allowed.join(", ")
            )
        });
    }
    if to == VettingStatus::NotAccepted && note.is_none() {
        return Err("a note saying why is required when a candidate is not accepted".into());
    }
    Ok(())
}

/// A vetting change as it arrives from the API or a form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct VettingInput {
    /// unvetted, in_vetting, vetted or not_accepted.
    pub status: String,
    /// Why; required for not_accepted.
    #[serde(default)]
    pub note: Option<String>,
}

/// A valid vetting change, not yet checked against the current status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VettingChange {
    pub to: VettingStatus,
    pub note: Option<Reason>,
}

impl VettingInput {
    pub fn parse(&self) -> Result<VettingChange, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let to = errors.check("status", self.status.parse());
        let note = errors.check(
            "note",
            crate::text::optional(self.note.as_deref(), Reason::parse),
        );
        match (to, note) {
            (Some(to), Some(note)) if errors.is_empty() => Ok(VettingChange { to, note }),
            _ => Err(errors),
        }
    }
}

/// One recorded vetting change: the who, when and why. Append-only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VettingEvent {
    pub candidate_id: CandidateId,
    pub from_status: VettingStatus,
    pub to_status: VettingStatus,
    pub actor_id: Option<UserId>,
    pub actor_name: Option<PersonName>,
    pub note: Option<Reason>,
    pub at: DateTime<Utc>,
}

/// Years of hands-on use and the last year used, for one of the candidate's skill tags.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SkillDetail {
    pub skill: SkillTag,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub years: Option<f32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_used_year: Option<i32>,
}

/// A skill detail as it arrives.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SkillDetailInput {
    /// One of the candidate's `skills`.
    pub skill: String,
    /// 0-50, halves allowed.
    #[serde(default)]
    pub years: Option<f32>,
    /// Not in the future.
    #[serde(default)]
    pub last_used_year: Option<i32>,
}

pub const MAX_SKILL_YEARS: f32 = 50.0;
/// The earliest last-used year accepted: older than any working programmer's career.
pub const MIN_LAST_USED_YEAR: i32 = 1950;
pub const MAX_HOURS_PER_WEEK: i64 = 80;
/// At most this many entries in each short list (engagement, authorization, industries, tags).
pub const MAX_LIST: usize = 20;
const MAX_TAG_CHARS: usize = 40;

/// The profile beyond identity, contact, region, skills and rate.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CandidateProfile {
    /// As entered, tidied: "+381 64 123 4567".
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub phone: Option<Phone>,
    /// ISO 3166 alpha-2, upper case.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub country: Option<CountryCode>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub city: Option<City>,
    /// Years of professional work from dated work entries (overlaps counted once), or as stated.
    pub experience_years: Option<f32>,
    /// IANA name, e.g. Europe/Belgrade.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub timezone: Option<TimezoneName>,
    pub links: ProfileLinks,
    pub skill_details: Vec<SkillDetail>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub primary_language: Option<PrimaryLanguage>,
    pub stated_level: Option<Level>,
    pub available_from: Option<NaiveDate>,
    pub hours_per_week: Option<u8>,
    pub engagement: Vec<EngagementPreference>,
    /// ISO 3166 country codes (e.g. DE) or rate regions (e.g. western_europe).
    pub work_authorization: Vec<String>,
    /// Where the candidate is willing to work; empty = not stated.
    #[serde(default)]
    pub work_modes: Vec<WorkMode>,
    /// Whether the candidate would move for a role; `None` = not stated.
    #[serde(default)]
    pub open_to_relocation: Option<bool>,
    pub industries: Vec<String>,
    /// Consent to be kept in the pool ends on this day.
    pub consent_until: Option<NaiveDate>,
    pub source_channel: Option<SourceChannel>,
    pub tags: Vec<String>,
}

impl CandidateProfile {
    /// The stated years for a skill tag, if any.
    pub fn years_for(&self, skill: &SkillTag) -> Option<f32> {
        self.skill_details
            .iter()
            .find(|d| &d.skill == skill)
            .and_then(|d| d.years)
    }

    /// Whether consent to keep the candidate has run out by `today`.
    pub fn consent_expired(&self, today: NaiveDate) -> bool {
        self.consent_until.is_some_and(|d| d < today)
    }

    /// Fills what this profile leaves unstated from `older`: an import that says nothing about a
    /// time zone must not erase the one a recruiter entered.
    pub fn fill_unstated_from(&mut self, older: &CandidateProfile) {
        fn keep<T: Clone>(field: &mut Option<T>, older: &Option<T>) {
            if field.is_none() {
                field.clone_from(older);
            }
        }
        fn keep_list<T: Clone>(field: &mut Vec<T>, older: &[T]) {
            if field.is_empty() {
                *field = older.to_vec();
            }
        }
        keep(&mut self.phone, &older.phone);
        keep(&mut self.country, &older.country);
        keep(&mut self.city, &older.city);
        keep(&mut self.experience_years, &older.experience_years);
        keep(&mut self.timezone, &older.timezone);
        keep(&mut self.links.github, &older.links.github);
        keep(&mut self.links.linkedin, &older.links.linkedin);
        keep(&mut self.links.website, &older.links.website);
        keep_list(&mut self.skill_details, &older.skill_details);
        keep(&mut self.primary_language, &older.primary_language);
        keep(&mut self.stated_level, &older.stated_level);
        keep(&mut self.available_from, &older.available_from);
        keep(&mut self.hours_per_week, &older.hours_per_week);
        keep_list(&mut self.engagement, &older.engagement);
        keep_list(&mut self.work_authorization, &older.work_authorization);
        keep_list(&mut self.work_modes, &older.work_modes);
        keep(&mut self.open_to_relocation, &older.open_to_relocation);
        keep_list(&mut self.industries, &older.industries);
        keep(&mut self.consent_until, &older.consent_until);
        keep(&mut self.source_channel, &older.source_channel);
        keep_list(&mut self.tags, &older.tags);
    }
}

/// The UTC offset of a zone at an instant, in minutes (daylight saving included).
pub fn utc_offset_minutes_at(zone: &TimezoneName, at: DateTime<Utc>) -> Option<i32> {
    let tz = zone.as_str().parse::<chrono_tz::Tz>().ok()?;
    Some(
        tz.offset_from_utc_datetime(&at.naive_utc())
            .fix()
            .local_minus_utc()
            / 60,
    )
}

/// "UTC+05:30", "UTC-03:00", "UTC".
pub fn format_utc_offset(minutes: i32) -> String {
    if minutes == 0 {
        return "UTC".into();
    }
    let sign = if minutes < 0 { '-' } else { '+' };
    let m = minutes.abs();
    format!("UTC{sign}{:02}:{:02}", m / 60, m % 60)
}

/// The profile fields as they arrive; flattened into `CandidateInput`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProfileInput<'a> {
    pub phone: Option<&'a str>,
    pub country: Option<&'a str>,
    pub city: Option<&'a str>,
    pub experience_years: Option<f32>,
    pub timezone: Option<&'a str>,
    pub links: Option<&'a ProfileLinks>,
    pub skill_details: &'a [SkillDetailInput],
    pub primary_language: Option<&'a str>,
    pub stated_level: Option<&'a str>,
    pub available_from: Option<&'a str>,
    pub hours_per_week: Option<i64>,
    pub engagement: &'a [String],
    pub work_authorization: &'a [String],
    pub work_modes: &'a [String],
    pub open_to_relocation: Option<bool>,
    pub industries: &'a [String],
    pub consent_until: Option<&'a str>,
    pub source_channel: Option<&'a str>,
    pub tags: &'a [String],
}

impl ProfileInput<'_> {
    /// Parses every field, recording problems by field name. `skills` are the candidate's parsed
    /// tags (details must name one of them); `today` bounds `last_used_year`.
    pub fn parse(
        &self,
        skills: Option<&[SkillTag]>,
        today: NaiveDate,
        errors: &mut ValidationErrors,
    ) -> Option<CandidateProfile> {
        use crate::text::optional;
        let country = errors.check("country", optional(self.country, parse_country));
        // A national number gets the country's calling code, so duplicates match across spellings.
        let phone = errors
            .check("phone", optional(self.phone, Phone::parse))
            .map(|p| match (p, country.as_ref()) {
                (Some(p), Some(Some(c))) => Some(p.in_country(c)),
                (p, _) => p,
            });
        let city = errors.check("city", optional(self.city, City::parse));
        let experience_years = errors.check(
            "experience_years",
            self.experience_years
                .map(parse_experience_years)
                .transpose(),
        );
        let timezone = errors.check("timezone", optional(self.timezone, TimezoneName::parse));
        let links = match self.links {
            None => Some(ProfileLinks::default()),
            Some(links) => links.parse(errors),
        };
        let skill_details = parse_details(self.skill_details, skills, today, errors);
        let primary_language = errors.check(
            "primary_language",
            optional(self.primary_language, PrimaryLanguage::parse),
        );
        let stated_level = errors.check("stated_level", optional(self.stated_level, str::parse));
        let available_from =
            errors.check("available_from", optional(self.available_from, parse_date));
        let hours_per_week = errors.check(
            "hours_per_week",
            match self.hours_per_week {
                None => Ok(None),
                Some(h @ 1..=MAX_HOURS_PER_WEEK) => Ok(u8::try_from(h).ok()),
                Some(h) => Err(format!("must be 1-{MAX_HOURS_PER_WEEK} (got {h})")),
            },
        );
        let engagement = parse_list("engagement", self.engagement, errors, |s| s.parse());
        let work_authorization = parse_list(
            "work_authorization",
            self.work_authorization,
            errors,
            parse_authorization,
        );
        let work_modes = parse_list("work_modes", self.work_modes, errors, parse_work_mode);
        let industries = parse_list("industries", self.industries, errors, parse_tag);
        let consent_until = errors.check("consent_until", optional(self.consent_until, parse_date));
        let source_channel =
            errors.check("source_channel", optional(self.source_channel, str::parse));
        let tags = parse_list("tags", self.tags, errors, parse_tag);
        Some(CandidateProfile {
            phone: phone?,
            country: country?,
            city: city?,
            experience_years: experience_years?,
            timezone: timezone?,
            links: links?,
            skill_details: skill_details?,
            primary_language: primary_language?,
            stated_level: stated_level?,
            available_from: available_from?,
            hours_per_week: hours_per_week?,
            engagement: engagement?,
            work_authorization: work_authorization?,
            work_modes: work_modes?,
            open_to_relocation: self.open_to_relocation,
            industries: industries?,
            consent_until: consent_until?,
            source_channel: source_channel?,
            tags: tags?,
        })
    }
}

fn parse_date(raw: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
        .map_err(|_| format!("'{raw}' is not a date; use YYYY-MM-DD"))
}

/// A short free tag (industry, label): lower case, single spaces, 1-40 characters.
fn parse_tag(raw: &str) -> Result<String, String> {
    let tag = raw
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    if tag.chars().count() > MAX_TAG_CHARS {
        return Err(format!("'{tag}' is longer than {MAX_TAG_CHARS} characters"));
    }
    if tag.chars().any(char::is_control) {
        return Err("must not contain control characters".into());
    }
    Ok(tag)
}

/// A country code (upper case) or a rate region name.
fn parse_authorization(raw: &str) -> Result<String, String> {
    if let Ok(region) = raw.parse::<crate::candidate::Region>() {
        return Ok(region.as_str().to_string());
    }
    CountryCode::parse(raw)
        .map(|c| c.as_str().to_string())
        .map_err(|_| {
            format!(
                "'{}' is neither a country code (two letters, e.g. DE) nor a region ({})",
                raw.trim(),
                crate::candidate::Region::NAMES.join(", ")
            )
        })
}

/// A list of values, blanks skipped, duplicates dropped, each error named `field[i]`.
fn parse_list<T: PartialEq>(
    field: &str,
    raw: &[String],
    errors: &mut ValidationErrors,
    parse: impl Fn(&str) -> Result<T, String>,
) -> Option<Vec<T>> {
    let mut values = Vec::new();
    let mut ok = true;
    for (i, item) in raw.iter().enumerate() {
        if item.trim().is_empty() {
            continue;
        }
        match parse(item) {
            Ok(v) if !values.contains(&v) => values.push(v),
            Ok(_) => {}
            Err(message) => {
                errors.add(format!("{field}[{i}]"), message);
                ok = false;
            }
        }
    }
    if values.len() > MAX_LIST {
        errors.add(
            field,
            format!("at most {MAX_LIST} entries (got {})", values.len()),
        );
        ok = false;
    }
    ok.then_some(values)
}

fn parse_details(
    raw: &[SkillDetailInput],
    skills: Option<&[SkillTag]>,
    today: NaiveDate,
    errors: &mut ValidationErrors,
) -> Option<Vec<SkillDetail>> {
    let mut details: Vec<SkillDetail> = Vec::new();
    let mut ok = true;
    for (i, d) in raw.iter().enumerate() {
        let before = errors.errors.len();
        let field = |name: &str| format!("skill_details[{i}].{name}");
        let skill = errors.check(&field("skill"), SkillTag::parse(&d.skill));
        if let (Some(skill), Some(skills)) = (&skill, skills) {
            if !skills.contains(skill) {
                errors.add(
                    field("skill"),
                    format!("'{skill}' is not one of the candidate's skills; add it to skills"),
                );
            } else if details.iter().any(|x| &x.skill == skill) {
                errors.add(field("skill"), format!("'{skill}' is described twice"));
            }
        }
        if let Some(y) = d.years {
            if !(0.0..=MAX_SKILL_YEARS).contains(&y) {
                errors.add(
                    field("years"),
                    format!("must be 0-{MAX_SKILL_YEARS} (got {y})"),
                );
            }
        }
        if let Some(year) = d.last_used_year {
            if year > today.year() {
                errors.add(
                    field("last_used_year"),
                    format!("{year} is in the future (this year is {})", today.year()),
                );
            } else if year < MIN_LAST_USED_YEAR {
                errors.add(
                    field("last_used_year"),
                    format!("must be {MIN_LAST_USED_YEAR} or later"),
                );
            }
        }
        match skill {
            Some(skill) if errors.errors.len() == before => details.push(SkillDetail {
                skill,
                // The engine keeps half years; round so what is stored is what is matched.
                years: d.years.map(|y| (y * 2.0).round() / 2.0),
                last_used_year: d.last_used_year,
            }),
            _ => ok = false,
        }
    }
    ok.then_some(details)
}

impl CandidateProfile {
    /// Back to input form, for editing (a PATCH merges into this).
    pub fn to_input_parts(&self) -> ProfileInputOwned {
        ProfileInputOwned {
            phone: self.phone.as_ref().map(|p| p.as_str().to_string()),
            country: self.country.as_ref().map(|c| c.as_str().to_string()),
            city: self.city.as_ref().map(|c| c.as_str().to_string()),
            experience_years: self.experience_years,
            timezone: self.timezone.as_ref().map(|t| t.as_str().to_string()),
            links: (!self.links.is_empty()).then(|| self.links.clone()),
            skill_details: self
                .skill_details
                .iter()
                .map(|d| SkillDetailInput {
                    skill: d.skill.to_string(),
                    years: d.years,
                    last_used_year: d.last_used_year,
                })
                .collect(),
            primary_language: self.primary_language.as_ref().map(|p| p.to_string()),
            stated_level: self.stated_level.map(|l| l.as_str().to_string()),
            available_from: self.available_from.map(|d| d.to_string()),
            hours_per_week: self.hours_per_week.map(i64::from),
            engagement: self
                .engagement
                .iter()
                .map(|e| e.as_str().to_string())
                .collect(),
            work_authorization: self.work_authorization.clone(),
            work_modes: self
                .work_modes
                .iter()
                .map(|m| m.as_str().to_string())
                .collect(),
            open_to_relocation: self.open_to_relocation,
            industries: self.industries.clone(),
            consent_until: self.consent_until.map(|d| d.to_string()),
            source_channel: self.source_channel.map(|s| s.as_str().to_string()),
            tags: self.tags.clone(),
        }
    }
}

/// Owned profile input fields, in the order `CandidateInput` has them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProfileInputOwned {
    pub phone: Option<String>,
    pub country: Option<String>,
    pub city: Option<String>,
    pub experience_years: Option<f32>,
    pub timezone: Option<String>,
    pub links: Option<ProfileLinks>,
    pub skill_details: Vec<SkillDetailInput>,
    pub primary_language: Option<String>,
    pub stated_level: Option<String>,
    pub available_from: Option<String>,
    pub hours_per_week: Option<i64>,
    pub engagement: Vec<String>,
    pub work_authorization: Vec<String>,
    pub work_modes: Vec<String>,
    pub open_to_relocation: Option<bool>,
    pub industries: Vec<String>,
    pub consent_until: Option<String>,
    pub source_channel: Option<String>,
    pub tags: Vec<String>,
}

#[cfg(test)]
#[path = "candidate_profile_tests.rs"]
mod tests;
