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
}

/// The profile's columns, written by inserts and updates (vetting_status is not: only
/// `set_vetting` changes it, with its event).
pub(crate) const PROFILE_COLUMNS: [&str; 13] = [
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
     work_authorization, industries, vetting_status, consent_until, source_channel, tags";
pub(crate) const APPLICATION_SELECT: &str = "SELECT a.id, a.role_id, a.candidate_id, a.stage, a.stage_reason, \
     r.title AS role_title, c.name AS candidate_name, a.created_at, a.updated_at \
     FROM applications a JOIN roles r ON r.id = a.role_id JOIN candidates c ON c.id = a.candidate_id";

// ---- interviews and feedback (issue #6) ---------------------------------------------------------

#[derive(sqlx::FromRow)]
pub(crate) struct InterviewRow {
    pub id: Uuid,
    pub application_id: Uuid,
    pub stage_kind: String,
    pub competencies: String,
    pub starts_at: DateTime<Utc>,
    pub duration_minutes: i32,
    pub ends_at: DateTime<Utc>,
    pub location: Option<String>,
    pub status: String,
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl InterviewRow {
    pub fn into_interview(
        self,
        participants: Vec<hireloop_core::interview::Participant>,
    ) -> Result<hireloop_core::interview::Interview> {
        let competencies = stored(
            "interview competencies",
            serde_json::from_str(&self.competencies).map_err(|e| e.to_string()),
        )?;
        Ok(hireloop_core::interview::Interview {
            id: self.id.into(),
            application_id: self.application_id.into(),
            stage_kind: stored("interview stage", self.stage_kind.parse())?,
            competencies,
            starts_at: self.starts_at,
            duration_minutes: stored(
                "interview duration",
                u16::try_from(self.duration_minutes).map_err(|e| e.to_string()),
            )?,
            ends_at: self.ends_at,
            location: self
                .location
                .map(|l| stored("interview location", Location::parse(&l)))
                .transpose()?,
            status: stored("interview status", self.status.parse())?,
            participants,
            created_by: self.created_by.map(Into::into),
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct ParticipantRow {
    pub user_id: Uuid,
    pub name: String,
}

impl ParticipantRow {
    pub fn into_participant(self) -> Result<hireloop_core::interview::Participant> {
        Ok(hireloop_core::interview::Participant {
            user_id: self.user_id.into(),
            name: stored("participant name", PersonName::parse(&self.name))?,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct FeedbackRow {
    pub id: Uuid,
    pub interview_id: Uuid,
    pub application_id: Uuid,
    pub author_id: Uuid,
    pub author_name: String,
    pub body: String,
    pub submitted_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl FeedbackRow {
    pub fn into_feedback(self) -> Result<crate::records::InterviewFeedback> {
        Ok(crate::records::InterviewFeedback {
            id: self.id.into(),
            interview_id: self.interview_id.into(),
            application_id: self.application_id.into(),
            author_id: self.author_id.into(),
            author_name: stored("feedback author", PersonName::parse(&self.author_name))?,
            feedback: stored(
                "feedback",
                hireloop_core::interview::schedule::feedback_from_json(&self.body),
            )?,
            submitted_at: self.submitted_at,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

pub(crate) const INTERVIEW_COLUMNS: &str =
    "id, application_id, stage_kind, competencies, starts_at, \
     duration_minutes, ends_at, location, status, created_by, created_at, updated_at";
pub(crate) const FEEDBACK_SELECT: &str =
    "SELECT f.id, f.interview_id, f.application_id, f.author_id, \
     u.name AS author_name, f.body, f.submitted_at, f.created_at, f.updated_at \
     FROM interview_feedback f JOIN users u ON u.id = f.author_id";

// ---- offers, trials and onboarding (issue 6) --------------------------------------------------

fn offer_body(body: &str) -> Result<hireloop_core::interview::Offer> {
    stored(
        "offer",
        serde_json::from_str(body).map_err(|e| e.to_string()),
    )
}

#[derive(sqlx::FromRow)]
pub(crate) struct OfferRow {
    pub id: Uuid,
    pub application_id: Uuid,
    pub version: i64,
    pub body: String,
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl OfferRow {
    pub fn into_record(self) -> Result<crate::records::OfferRecord> {
        Ok(crate::records::OfferRecord {
            id: self.id,
            application_id: self.application_id.into(),
            version: self.version,
            offer: offer_body(&self.body)?,
            created_by: self.created_by.map(Into::into),
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct OfferVersionRow {
    pub offer_id: Uuid,
    pub version: i64,
    pub body: String,
    pub status: String,
    pub actor_id: Option<Uuid>,
    pub note: Option<String>,
    pub at: DateTime<Utc>,
}

impl OfferVersionRow {
    pub fn into_version(self) -> Result<crate::records::OfferVersion> {
        Ok(crate::records::OfferVersion {
            offer_id: self.offer_id,
            version: self.version,
            status: stored("offer status", self.status.parse())?,
            offer: offer_body(&self.body)?,
            actor_id: self.actor_id.map(Into::into),
            note: self.note,
            at: self.at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct TrialRow {
    pub id: Uuid,
    pub application_id: Uuid,
    pub start_date: chrono::NaiveDate,
    pub end_date: chrono::NaiveDate,
    pub goals: String,
    pub outcome: Option<String>,
    pub outcome_note: Option<String>,
    pub decided_by: Option<Uuid>,
    pub decided_at: Option<DateTime<Utc>>,
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
}

impl TrialRow {
    pub fn into_record(self) -> Result<crate::records::TrialRecord> {
        Ok(crate::records::TrialRecord {
            id: self.id,
            application_id: self.application_id.into(),
            trial: hireloop_core::interview::Trial {
                start: self.start_date,
                end: self.end_date,
                goals: stored(
                    "trial goals",
                    serde_json::from_str(&self.goals).map_err(|e| e.to_string()),
                )?,
                outcome: self
                    .outcome
                    .map(|o| stored("trial outcome", o.parse()))
                    .transpose()?,
            },
            outcome_note: self.outcome_note,
            decided_by: self.decided_by.map(Into::into),
            decided_at: self.decided_at,
            created_by: self.created_by.map(Into::into),
            created_at: self.created_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct OnboardingPlanRow {
    pub application_id: Uuid,
    pub start_date: chrono::NaiveDate,
    pub missing_scope: bool,
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub quality_rating: Option<i64>,
    pub quality_note: Option<String>,
    pub rated_by: Option<Uuid>,
    pub rated_at: Option<DateTime<Utc>>,
}

#[derive(sqlx::FromRow)]
pub(crate) struct OnboardingTaskRow {
    pub id: Uuid,
    pub phase: i64,
    pub due_day: i64,
    pub due_date: chrono::NaiveDate,
    pub owner: String,
    pub text: String,
    pub done_at: Option<DateTime<Utc>>,
    pub done_by: Option<Uuid>,
}

impl OnboardingTaskRow {
    fn into_record(self) -> Result<crate::records::OnboardingTaskRecord> {
        let small = |what: &str, n: i64| stored(what, u16::try_from(n).map_err(|e| e.to_string()));
        Ok(crate::records::OnboardingTaskRecord {
            id: self.id,
            task: hireloop_core::interview::OnboardingTask {
                phase: small("task phase", self.phase)?,
                due_day: small("task due day", self.due_day)?,
                due_date: self.due_date,
                owner: stored("task owner", self.owner.parse())?,
                text: self.text,
                done: self.done_at.is_some(),
            },
            done_at: self.done_at,
            done_by: self.done_by.map(Into::into),
        })
    }
}

impl OnboardingPlanRow {
    pub fn into_record(
        self,
        tasks: Vec<OnboardingTaskRow>,
    ) -> Result<crate::records::OnboardingRecord> {
        let tasks = tasks
            .into_iter()
            .map(OnboardingTaskRow::into_record)
            .collect::<Result<Vec<_>>>()?;
        // Progress is the core plan's count, so the page and the API cannot disagree with it.
        let (done, total) = hireloop_core::interview::OnboardingPlan {
            tasks: tasks.iter().map(|t| t.task.clone()).collect(),
            missing_scope: self.missing_scope,
        }
        .progress();
        let quality = match (self.quality_rating, self.rated_at) {
            (Some(rating), Some(rated_at)) => Some(crate::records::QualityOfHire {
                rating: stored(
                    "quality rating",
                    u8::try_from(rating).map_err(|e| e.to_string()),
                )?,
                note: self.quality_note,
                rated_by: self.rated_by.map(Into::into),
                rated_at,
            }),
            _ => None,
        };
        Ok(crate::records::OnboardingRecord {
            application_id: self.application_id.into(),
            start_date: self.start_date,
            missing_scope: self.missing_scope,
            tasks,
            done,
            total,
            quality,
            created_by: self.created_by.map(Into::into),
            created_at: self.created_at,
        })
    }
}

pub(crate) const OFFER_SELECT: &str =
    "SELECT o.id, o.application_id, o.version, v.body, o.created_by, o.created_at, o.updated_at \
     FROM offers o JOIN offer_versions v ON v.offer_id = o.id AND v.version = o.version";
pub(crate) const TRIAL_COLUMNS: &str = "id, application_id, start_date, end_date, goals, outcome, \
     outcome_note, decided_by, decided_at, created_by, created_at";
pub(crate) const ONBOARDING_PLAN_COLUMNS: &str = "application_id, start_date, missing_scope, \
     created_by, created_at, quality_rating, quality_note, rated_by, rated_at";
pub(crate) const ONBOARDING_TASK_COLUMNS: &str =
    "id, phase, due_day, due_date, owner, text, done_at, done_by";

// ---- outbox and message templates (issue #6, communication) -----------------------------------

#[derive(sqlx::FromRow)]
pub(crate) struct OutboxRow {
    pub id: Uuid,
    pub event: String,
    pub to_address: String,
    pub to_name: String,
    pub subject: String,
    pub body_text: String,
    pub ics: Option<String>,
    pub application_id: Option<Uuid>,
    pub interview_id: Option<Uuid>,
    pub dedupe_key: Option<String>,
    pub status: String,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub next_attempt_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}

impl OutboxRow {
    pub fn into_message(self) -> Result<crate::records::OutboxMessage> {
        Ok(crate::records::OutboxMessage {
            id: self.id,
            event: stored("message event", self.event.parse())?,
            to_address: stored("message address", Email::parse(&self.to_address))?,
            to_name: self.to_name,
            subject: self.subject,
            body_text: self.body_text,
            ics: self.ics,
            application_id: self.application_id.map(Into::into),
            interview_id: self.interview_id.map(Into::into),
            dedupe_key: self.dedupe_key,
            status: stored("message status", self.status.parse())?,
            attempts: self.attempts,
            last_error: self.last_error,
            next_attempt_at: self.next_attempt_at,
            created_at: self.created_at,
            sent_at: self.sent_at,
        })
    }
}

pub(crate) const OUTBOX_COLUMNS: &str = "id, event, to_address, to_name, subject, body_text, ics, \
     application_id, interview_id, dedupe_key, status, attempts, last_error, next_attempt_at, \
     created_at, sent_at";

#[derive(sqlx::FromRow)]
pub(crate) struct MessageTemplateRow {
    pub event: String,
    pub subject: String,
    pub body: String,
    pub updated_by: Option<Uuid>,
    pub updated_at: DateTime<Utc>,
}

impl MessageTemplateRow {
    /// A stored template is checked again on the way out: one that no longer fits its event (a
    /// variable was renamed in a new release) is corrupt, and the server falls back to the default.
    pub fn into_template(self) -> Result<crate::records::StoredMessageTemplate> {
        let event: hireloop_core::messages::MessageEvent =
            stored("message template event", self.event.parse())?;
        let template = stored(
            "message template",
            hireloop_core::messages::MessageTemplate::parse(event, &self.subject, &self.body)
                .map_err(|e| format!("{event}: {e}")),
        )?;
        Ok(crate::records::StoredMessageTemplate {
            template,
            updated_by: self.updated_by.map(Into::into),
            updated_at: self.updated_at,
        })
    }
}

// ---- resume documents (issue #5) ---------------------------------------------------------------

/// `extracted_text` is NULL when a list query leaves it out (`'' AS` would read as present).
#[derive(sqlx::FromRow)]
pub(crate) struct ResumeDocumentRow {
    pub id: Uuid,
    pub candidate_id: Uuid,
    pub file_name: String,
    pub media_type: String,
    pub bytes_len: i64,
    pub sha256: String,
    pub extracted_text: Option<String>,
    pub uploaded_by: Option<Uuid>,
    pub uploaded_at: DateTime<Utc>,
}

impl From<ResumeDocumentRow> for crate::records::ResumeDocument {
    fn from(r: ResumeDocumentRow) -> Self {
        Self {
            id: r.id,
            candidate_id: r.candidate_id.into(),
            file_name: r.file_name,
            media_type: r.media_type,
            bytes_len: r.bytes_len,
            sha256: r.sha256,
            extracted_text: r.extracted_text,
            uploaded_by: r.uploaded_by.map(Into::into),
            uploaded_at: r.uploaded_at,
        }
    }
}
