//! What the engine knows about a candidate: only what matching may use. No name, gender, age,
//! photo or nationality; the display name is carried for callers and never read by the engine.

use crate::taxonomy::{SkillId, Taxonomy};
use chrono::{Datelike, NaiveDate};
use hireloop_core::candidate::Region;
use hireloop_core::ids::CandidateId;
use hireloop_core::level::Level;
use hireloop_core::market::advice::Engagement;
use hireloop_core::market::bands::DEFAULT_HOURS_PER_YEAR;
use hireloop_core::money::RatePeriod;
use serde::Serialize;
use std::fmt;

/// Where a candidate is willing to work from, and what a role asks for (core's `work_mode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkMode {
    Remote,
    Hybrid,
    Onsite,
}

impl WorkMode {
    pub const ALL: [WorkMode; 3] = [WorkMode::Remote, WorkMode::Hybrid, WorkMode::Onsite];

    /// The stated modes that keep a candidate when a query asks for this one: people who work on
    /// site accept a hybrid role, so a hybrid role keeps them too.
    pub fn accepted(self) -> &'static [WorkMode] {
        match self {
            WorkMode::Remote => &[WorkMode::Remote],
            WorkMode::Hybrid => &[WorkMode::Hybrid, WorkMode::Onsite],
            WorkMode::Onsite => &[WorkMode::Onsite],
        }
    }

    /// Whether being open to relocation keeps a candidate for this mode: it does for roles with
    /// an office to come to, and means nothing for a remote one.
    pub fn relocation_counts(self) -> bool {
        self != WorkMode::Remote
    }

    /// The work-mode filter, one profile at a time (the linear scan's oracle, and the rule the
    /// benchmark's SQL applies): a candidate who states an accepted mode, or is open to
    /// relocation where that counts, or states no mode at all (kept, like "no country stated").
    pub fn admits(self, modes: &[WorkMode], open_to_relocation: bool) -> bool {
        modes.is_empty()
            || modes.iter().any(|m| self.accepted().contains(m))
            || (open_to_relocation && self.relocation_counts())
    }
}

/// How far a candidate has been checked by the team or agency (FACTS.md §6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Vetting {
    NotVetted,
    /// Passed a screen, not the full loop.
    Screened,
    /// Passed the full vetting loop.
    Vetted,
}

impl Vetting {
    pub const ALL: [Vetting; 3] = [Vetting::NotVetted, Vetting::Screened, Vetting::Vetted];
}

/// Country of residence, ISO 3166 alpha-2. Residence decides payroll and law; it is not nationality.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Country([u8; 2]);

impl Country {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let up = raw.trim().to_ascii_uppercase();
        match up.as_bytes() {
            [a, b] if a.is_ascii_uppercase() && b.is_ascii_uppercase() => Ok(Self([*a, *b])),
            _ => Err(format!(
                "'{raw}' is not a country code (two letters, ISO 3166, e.g. DE)"
            )),
        }
    }

    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("??")
    }
}

impl fmt::Display for Country {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Country {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Where a candidate may work besides where they live: a country, or every country of a rate region
/// (`hireloop_core::import::region_for_country` says which countries a region holds).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WorkAuthorization {
    Country(Country),
    Region(Region),
}

impl WorkAuthorization {
    /// A region name ("western_europe") or a country code ("DE"), as core validates them.
    pub fn parse(raw: &str) -> Result<Self, String> {
        if let Ok(region) = raw.trim().parse::<Region>() {
            return Ok(Self::Region(region));
        }
        Country::parse(raw).map(Self::Country).map_err(|_| {
            format!("'{raw}' is neither a country code (two letters, e.g. DE) nor a rate region")
        })
    }
}

impl fmt::Display for WorkAuthorization {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Country(c) => c.fmt(f),
            Self::Region(r) => f.write_str(r.as_str()),
        }
    }
}

/// An expected rate or a budget, in whole USD (other currencies come with a currency table).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Rate {
    pub amount_usd: u32,
    pub period: RatePeriod,
}

impl Rate {
    pub fn hourly(amount_usd: u32) -> Self {
        Self {
            amount_usd,
            period: RatePeriod::Hour,
        }
    }

    pub fn annual(amount_usd: u32) -> Self {
        Self {
            amount_usd,
            period: RatePeriod::Year,
        }
    }

    /// USD per hour; annual amounts over a full-time year (core's convention, 2080 h).
    pub fn hourly_usd(self) -> f32 {
        match self.period {
            RatePeriod::Hour => self.amount_usd as f32,
            RatePeriod::Year => (f64::from(self.amount_usd) / DEFAULT_HOURS_PER_YEAR) as f32,
        }
    }
}

impl fmt::Display for Rate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.period {
            RatePeriod::Hour => write!(f, "{} USD/h", self.amount_usd),
            RatePeriod::Year => write!(f, "{} USD/yr", self.amount_usd),
        }
    }
}

/// A skill the candidate states, with years of hands-on use when known.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ProfileSkill {
    pub skill: SkillId,
    pub years: Option<f32>,
}

/// A candidate as the matching engine sees them.
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    pub id: CandidateId,
    /// For callers' convenience only: the engine never reads it (a proptest holds it to that).
    pub display_name: String,
    /// Stated skills; implied ones (Django → Python) are added by the engine.
    pub skills: Vec<ProfileSkill>,
    pub level: Level,
    pub region: Region,
    pub country: Country,
    /// Countries and regions the candidate may work in besides `country`; empty for most.
    pub work_authorization: Vec<WorkAuthorization>,
    /// Minutes east of UTC, a multiple of 15 between -12:00 and +14:00.
    pub utc_offset_minutes: i16,
    pub rate: Option<Rate>,
    pub engagements: Vec<Engagement>,
    /// Where the candidate is willing to work; empty = not stated.
    pub work_modes: Vec<WorkMode>,
    /// Stated as open to relocation (`false` also when not stated).
    pub open_to_relocation: bool,
    pub available_from: NaiveDate,
    pub vetting: Vetting,
}

/// A profile the engine refuses, naming the candidate and the field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("candidate {id}: {field}: {message}")]
pub struct ProfileError {
    pub id: CandidateId,
    pub field: &'static str,
    pub message: String,
}

/// At most this many stated skills per profile (core allows 50 tags).
pub const MAX_PROFILE_SKILLS: usize = 64;
/// At most this many work authorizations per profile (core allows 20).
pub const MAX_WORK_AUTHORIZATIONS: usize = 32;
/// Years of experience above this are taken as a typo.
pub const MAX_YEARS: f32 = 60.0;
/// Packed years meaning "not stated".
pub(crate) const YEARS_UNKNOWN: u8 = u8::MAX;
/// Packed flag: the skill was not stated but implied by another.
pub(crate) const FLAG_IMPLIED: u32 = 1;

/// Time zones run from UTC-12:00 to UTC+14:00 in quarter hours: 105 buckets.
pub(crate) const TZ_BUCKETS: usize = 105;

pub(crate) fn tz_bucket(utc_offset_minutes: i16) -> u8 {
    ((i32::from(utc_offset_minutes) + 720) / 15).clamp(0, TZ_BUCKETS as i32 - 1) as u8
}

pub(crate) fn bucket_offset_minutes(bucket: usize) -> i32 {
    bucket as i32 * 15 - 720
}

/// A date as a day number, so the hot path compares integers.
pub(crate) fn day_number(date: NaiveDate) -> i32 {
    date.num_days_from_ce()
}

/// Years packed in half-year steps (0.5 years is the finest resolution the engine keeps).
pub(crate) fn pack_years(years: Option<f32>) -> u8 {
    match years {
        None => YEARS_UNKNOWN,
        Some(y) => (y.clamp(0.0, MAX_YEARS) * 2.0).round() as u8,
    }
}

/// One packed skill: skill index (high 16 bits), half-years (8 bits), flags (low 8 bits).
/// Sorting packed values sorts by skill.
pub(crate) fn pack(skill: u16, half_years: u8, flags: u32) -> u32 {
    (u32::from(skill) << 16) | (u32::from(half_years) << 8) | flags
}

pub(crate) fn unpack(packed: u32) -> (u16, u8, bool) {
    (
        (packed >> 16) as u16,
        ((packed >> 8) & 0xff) as u8,
        packed & FLAG_IMPLIED != 0,
    )
}

fn err(p: &Profile, field: &'static str, message: impl Into<String>) -> ProfileError {
    ProfileError {
        id: p.id,
        field,
        message: message.into(),
    }
}

impl Profile {
    /// Checks the profile against the taxonomy and returns its skills packed and sorted, with
    /// implied skills added (their years are those of the skill implying them, the largest if several).
    pub(crate) fn expand(&self, taxonomy: &Taxonomy) -> Result<Vec<u32>, ProfileError> {
        if self.skills.len() > MAX_PROFILE_SKILLS {
            return Err(err(
                self,
                "skills",
                format!("at most {MAX_PROFILE_SKILLS} skills"),
            ));
        }
        if self.work_authorization.len() > MAX_WORK_AUTHORIZATIONS {
            return Err(err(
                self,
                "work_authorization",
                format!("at most {MAX_WORK_AUTHORIZATIONS} countries or regions"),
            ));
        }
        if self.utc_offset_minutes % 15 != 0 || !(-720..=840).contains(&self.utc_offset_minutes) {
            return Err(err(
                self,
                "utc_offset_minutes",
                "must be a multiple of 15 between -720 and 840",
            ));
        }
        // (skill, half-years, implied); a stated skill always wins over an implied one.
        let mut all: Vec<(u16, u8, bool)> = Vec::with_capacity(self.skills.len() * 2);
        for s in &self.skills {
            if taxonomy.get(s.skill).is_none() {
                return Err(err(self, "skills", "a skill id from another taxonomy"));
            }
            if s.years.is_some_and(|y| !(0.0..=MAX_YEARS).contains(&y)) {
                return Err(err(
                    self,
                    "skills.years",
                    format!("years must be between 0 and {MAX_YEARS}"),
                ));
            }
            let years = pack_years(s.years);
            all.push((s.skill.0, years, false));
            for imp in taxonomy.implied(s.skill) {
                all.push((imp.0, years, true));
            }
        }
        // Per skill: stated if stated anywhere; years the most known years from any source.
        all.sort_unstable_by_key(|e| e.0);
        let mut merged: Vec<(u16, u8, bool)> = Vec::with_capacity(all.len());
        for (skill, years, implied) in all {
            match merged.last_mut() {
                Some(last) if last.0 == skill => {
                    last.2 &= implied;
                    if last.1 == YEARS_UNKNOWN || (years != YEARS_UNKNOWN && years > last.1) {
                        last.1 = years;
                    }
                }
                _ => merged.push((skill, years, implied)),
            }
        }
        let all = merged;
        if all.len() > usize::from(u8::MAX) {
            return Err(err(
                self,
                "skills",
                "too many skills once implied ones are added",
            ));
        }
        Ok(all
            .into_iter()
            .map(|(s, y, implied)| pack(s, y, if implied { FLAG_IMPLIED } else { 0 }))
            .collect())
    }

    pub(crate) fn engagement_mask(&self) -> u8 {
        mask(Engagement::ALL, &self.engagements)
    }
}

/// A bit per value present, by the value's position in `all`.
pub(crate) fn mask<T: PartialEq>(all: &[T], present: &[T]) -> u8 {
    all.iter()
        .enumerate()
        .filter(|(_, v)| present.contains(v))
        .fold(0u8, |m, (i, _)| m | (1 << i))
}

pub(crate) fn position<T: PartialEq>(all: &[T], value: &T) -> usize {
    all.iter().position(|v| v == value).unwrap_or(0)
}
