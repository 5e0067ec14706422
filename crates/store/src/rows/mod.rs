//! Rows as the databases return them, and their conversion into domain types. The same row types
//! decode on SQLite and PostgreSQL: uuid, text, integers and UTC timestamps only.

use crate::error::{stored, Result};
use crate::records::{ApiToken, MarketFile};
use chrono::{DateTime, Utc};
use hireloop_core::application::{Application, StageChange};
use hireloop_core::candidate::{Candidate, SkillTag};
use hireloop_core::email::Email;
use hireloop_core::money::{Currency, Money};
use hireloop_core::role::Role;
use hireloop_core::scorecard::TimezoneName;
use hireloop_core::text::{Location, PersonName, PrimaryLanguage, Reason, Title};
use hireloop_core::user::User;
use uuid::Uuid;

#[derive(sqlx::FromRow)]
pub(crate) struct UserRow {
    pub id: Uuid,
    pub email: String,
    pub name: String,
    pub role: String,
    pub created_at: DateTime<Utc>,
}

impl UserRow {
    pub fn into_user(self) -> Result<User> {
        Ok(User {
            id: self.id.into(),
            email: stored("user email", Email::parse(&self.email))?,
            name: stored("user name", PersonName::parse(&self.name))?,
            role: stored("user role", self.role.parse())?,
            created_at: self.created_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct ApiTokenRow {
    pub id: Uuid,
    pub user_id: Uuid,
    pub name: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

impl From<ApiTokenRow> for ApiToken {
    fn from(row: ApiTokenRow) -> Self {
        ApiToken {
            id: row.id.into(),
            user_id: row.user_id.into(),
            name: row.name,
            created_at: row.created_at,
            last_used_at: row.last_used_at,
            revoked_at: row.revoked_at,
        }
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct RoleRow {
    pub id: Uuid,
    pub title: String,
    pub level: String,
    pub primary_language: String,
    pub status: String,
    pub hiring_manager_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl RoleRow {
    pub fn into_role(self) -> Result<Role> {
        Ok(Role {
            id: self.id.into(),
            title: stored("role title", Title::parse(&self.title))?,
            level: stored("role level", self.level.parse())?,
            primary_language: stored(
                "primary language",
                PrimaryLanguage::parse(&self.primary_language),
            )?,
            status: stored("role status", self.status.parse())?,
            hiring_manager_id: self.hiring_manager_id.map(Into::into),
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct CandidateRow {
    pub id: Uuid,
    pub name: String,
    pub email: String,
    pub location: Option<String>,
    pub region: Option<String>,
    pub skills: String,
    pub rate_amount: Option<i64>,
    pub rate_currency: Option<String>,
    pub rate_period: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    // The extended profile (issue #5): JSON text for lists and structured values.
    pub timezone: Option<String>,
    pub links: String,
    pub skill_details: String,
    pub primary_language: Option<String>,
    pub stated_level: Option<String>,
    pub available_from: Option<chrono::NaiveDate>,
    pub hours_per_week: Option<i32>,
    pub engagement: String,
    pub work_authorization: String,
    pub industries: String,
    pub vetting_status: String,
    pub consent_until: Option<chrono::NaiveDate>,
    pub source_channel: Option<String>,
    pub tags: String,
    // Contact and place (migration 0009).
    pub phone: Option<String>,
    pub country: Option<String>,
    pub city: Option<String>,
    pub experience_years: Option<f32>,
    // Work modes and relocation (migration 0013).
    pub work_modes: String,
    pub open_to_relocation: Option<bool>,
}

/// A candidate profile as the columns store it; one value per column, in `PROFILE_COLUMNS` order.
pub(crate) struct ProfileValues {
    pub timezone: Option<String>,
    pub links: String,
    pub skill_details: String,
    pub primary_language: Option<String>,
    pub stated_level: Option<&'static str>,
    pub available_from: Option<chrono::NaiveDate>,
    pub hours_per_week: Option<i32>,
    pub engagement: String,
    pub work_authorization: String,
    pub industries: String,
    pub consent_until: Option<chrono::NaiveDate>,
    pub source_channel: Option<&'static str>,
    pub tags: String,
    pub phone: Option<String>,
    pub phone_key: Option<String>,
    pub country: Option<String>,
    pub city: Option<String>,
    pub experience_years: Option<f32>,
    pub work_modes: String,
    pub open_to_relocation: Option<bool>,
}

/// The profile's columns, written by inserts and updates (vetting_status is not: only
/// `set_vetting` changes it, with its event).
pub(crate) const PROFILE_COLUMNS: [&str; 20] = [
    "timezone",
    "links",
    "skill_details",
    "primary_language",
    "stated_level",
    "available_from",
    "hours_per_week",
    "engagement",
    "work_authorization",
    "industries",
    "consent_until",
    "source_channel",
    "tags",
    "phone",
    "phone_key",
    "country",
    "city",
    "experience_years",
    "work_modes",
    "open_to_relocation",
];

impl ProfileValues {
    pub fn of(p: &hireloop_core::candidate_profile::CandidateProfile) -> Result<Self> {
        fn json<T: serde::Serialize + ?Sized>(what: &str, value: &T) -> Result<String> {
            serde_json::to_string(value)
                .map_err(|e| crate::error::StoreError::Corrupt(format!("{what}: {e}")))
        }
        Ok(Self {
            timezone: p.timezone.as_ref().map(|t| t.as_str().to_string()),
            links: json("links", &p.links)?,
            skill_details: json("skill_details", &p.skill_details)?,
            primary_language: p.primary_language.as_ref().map(|l| l.to_string()),
            stated_level: p.stated_level.map(|l| l.as_str()),
            available_from: p.available_from,
            hours_per_week: p.hours_per_week.map(i32::from),
            engagement: json("engagement", &p.engagement)?,
            work_authorization: json("work_authorization", &p.work_authorization)?,
            industries: json("industries", &p.industries)?,
            consent_until: p.consent_until,
            source_channel: p.source_channel.map(|s| s.as_str()),
            tags: json("tags", &p.tags)?,
            phone: p.phone.as_ref().map(|x| x.as_str().to_string()),
            phone_key: p.phone.as_ref().map(|x| x.key().to_string()),
            country: p.country.as_ref().map(|c| c.as_str().to_string()),
            city: p.city.as_ref().map(|c| c.as_str().to_string()),
            experience_years: p.experience_years,
            work_modes: json("work_modes", &p.work_modes)?,
            open_to_relocation: p.open_to_relocation,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct VettingEventRow {
    pub candidate_id: Uuid,
    pub from_status: String,
    pub to_status: String,
    pub actor_id: Option<Uuid>,
    pub actor_name: Option<String>,
    pub note: Option<String>,
    pub at: DateTime<Utc>,
}

impl VettingEventRow {
    pub fn into_event(self) -> Result<hireloop_core::candidate_profile::VettingEvent> {
        Ok(hireloop_core::candidate_profile::VettingEvent {
            candidate_id: self.candidate_id.into(),
            from_status: stored("vetting status", self.from_status.parse())?,
            to_status: stored("vetting status", self.to_status.parse())?,
            actor_id: self.actor_id.map(Into::into),
            actor_name: self
                .actor_name
                .map(|n| stored("actor name", PersonName::parse(&n)))
                .transpose()?,
            note: self
                .note
                .map(|n| stored("vetting note", Reason::parse(&n)))
                .transpose()?,
            at: self.at,
        })
    }
}

fn from_json<T: serde::de::DeserializeOwned>(what: &str, text: &str) -> Result<T> {
    stored(what, serde_json::from_str(text).map_err(|e| e.to_string()))
}

impl CandidateRow {
    pub fn into_candidate(self) -> Result<Candidate> {
        let skills: Vec<SkillTag> = stored(
            "candidate skills",
            serde_json::from_str(&self.skills).map_err(|e| e.to_string()),
        )?;
        let expected_rate = match (self.rate_amount, self.rate_currency, self.rate_period) {
            (Some(amount), Some(currency), Some(period)) => Some(Money {
                amount,
                currency: stored("rate currency", Currency::parse(&currency))?,
                period: stored("rate period", period.parse())?,
            }),
            _ => None,
        };
        Ok(Candidate {
            id: self.id.into(),
            name: stored("candidate name", PersonName::parse(&self.name))?,
            email: stored("candidate email", Email::parse(&self.email))?,
            location: self
                .location
                .map(|l| stored("candidate location", Location::parse(&l)))
                .transpose()?,
            region: self
                .region
                .map(|r| stored("candidate region", r.parse()))
                .transpose()?,
            skills,
            expected_rate,
            profile: hireloop_core::candidate_profile::CandidateProfile {
                phone: self
                    .phone
                    .map(|p| stored("candidate phone", hireloop_core::phone::Phone::parse(&p)))
                    .transpose()?,
                country: self
                    .country
                    .map(|c| {
                        stored(
                            "candidate country",
                            hireloop_core::scorecard::CountryCode::parse(&c),
                        )
                    })
                    .transpose()?,
                city: self
                    .city
                    .map(|c| stored("candidate city", hireloop_core::contact::City::parse(&c)))
                    .transpose()?,
                experience_years: self.experience_years,
                timezone: self
                    .timezone
                    .map(|t| stored("candidate timezone", TimezoneName::parse(&t)))
                    .transpose()?,
                links: from_json("candidate links", &self.links)?,
                skill_details: from_json("candidate skill details", &self.skill_details)?,
                primary_language: self
                    .primary_language
                    .map(|l| stored("candidate primary language", PrimaryLanguage::parse(&l)))
                    .transpose()?,
                stated_level: self
                    .stated_level
                    .map(|l| stored("candidate level", l.parse()))
                    .transpose()?,
                available_from: self.available_from,
                hours_per_week: self
                    .hours_per_week
                    .map(|h| stored("hours per week", u8::try_from(h).map_err(|e| e.to_string())))
                    .transpose()?,
                engagement: from_json("candidate engagement", &self.engagement)?,
                work_authorization: from_json("work authorization", &self.work_authorization)?,
                work_modes: from_json("candidate work modes", &self.work_modes)?,
                open_to_relocation: self.open_to_relocation,
                industries: from_json("candidate industries", &self.industries)?,
                consent_until: self.consent_until,
                source_channel: self
                    .source_channel
                    .map(|s| stored("source channel", s.parse()))
                    .transpose()?,
                tags: from_json("candidate tags", &self.tags)?,
            },
            vetting_status: stored("vetting status", self.vetting_status.parse())?,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct ApplicationRow {
    pub id: Uuid,
    pub role_id: Uuid,
    pub candidate_id: Uuid,
    pub stage: String,
    pub stage_reason: Option<String>,
    pub role_title: String,
    pub candidate_name: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl ApplicationRow {
    pub fn into_application(self) -> Result<Application> {
        Ok(Application {
            id: self.id.into(),
            role_id: self.role_id.into(),
            candidate_id: self.candidate_id.into(),
            stage: stored("stage", self.stage.parse())?,
            stage_reason: self
                .stage_reason
                .map(|r| stored("stage reason", Reason::parse(&r)))
                .transpose()?,
            role_title: stored("role title", Title::parse(&self.role_title))?,
            candidate_name: stored("candidate name", PersonName::parse(&self.candidate_name))?,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct StageChangeRow {
    pub application_id: Uuid,
    pub from_stage: Option<String>,
    pub to_stage: String,
    pub reason: Option<String>,
    pub actor_id: Option<Uuid>,
    pub at: DateTime<Utc>,
    pub reason_code: Option<String>,
    pub note: Option<String>,
    pub actor_name: Option<String>,
}

impl StageChangeRow {
    pub fn into_change(self) -> Result<StageChange> {
        Ok(StageChange {
            application_id: self.application_id.into(),
            from_stage: self
                .from_stage
                .map(|s| stored("stage", s.parse()))
                .transpose()?,
            to_stage: stored("stage", self.to_stage.parse())?,
            reason: self
                .reason
                .map(|r| stored("reason", Reason::parse(&r)))
                .transpose()?,
            actor_id: self.actor_id.map(Into::into),
            at: self.at,
            reason_code: self.reason_code,
            note: self
                .note
                .map(|n| stored("note", Reason::parse(&n)))
                .transpose()?,
            actor_name: self
                .actor_name
                .map(|n| stored("actor name", PersonName::parse(&n)))
                .transpose()?,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct MarketFileRow {
    pub name: String,
    pub content: String,
    pub uploaded_by: Option<Uuid>,
    pub uploaded_at: DateTime<Utc>,
}

impl From<MarketFileRow> for MarketFile {
    fn from(row: MarketFileRow) -> Self {
        MarketFile {
            name: row.name,
            content: row.content,
            uploaded_by: row.uploaded_by.map(Into::into),
            uploaded_at: row.uploaded_at,
        }
    }
}

/// Column lists shared by the queries, so a row type and its SELECT cannot drift apart.
pub(crate) const USER_COLUMNS: &str = "id, email, name, role, created_at";
pub(crate) const ROLE_COLUMNS: &str =
    "id, title, level, primary_language, status, hiring_manager_id, created_at, updated_at";
pub(crate) const CANDIDATE_COLUMNS: &str =
    "id, name, email, location, region, skills, rate_amount, \
     rate_currency, rate_period, created_at, updated_at, timezone, links, skill_details, \
     primary_language, stated_level, available_from, hours_per_week, engagement, \
     work_authorization, industries, vetting_status, consent_until, source_channel, tags, \
     phone, country, city, experience_years, work_modes, open_to_relocation";
pub(crate) const APPLICATION_SELECT: &str = "SELECT a.id, a.role_id, a.candidate_id, a.stage, a.stage_reason, \
     r.title AS role_title, c.name AS candidate_name, a.created_at, a.updated_at \
     FROM applications a JOIN roles r ON r.id = a.role_id JOIN candidates c ON c.id = a.candidate_id";

mod interviews;
mod messages;
mod offers;
mod resumes;

pub(crate) use interviews::*;
pub(crate) use messages::*;
pub(crate) use offers::*;
pub(crate) use resumes::*;
