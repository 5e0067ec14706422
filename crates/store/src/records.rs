//! What the store returns beyond the core's domain types: credentials, sessions, tokens, counts.

use chrono::{DateTime, Utc};
use hireloop_core::ids::{ApiTokenId, CandidateId, RoleId, UserId};
use hireloop_core::pipeline::Stage;
use hireloop_core::user::User;
use serde::Serialize;

/// A logged-in browser session. The cookie holds a random token; only its hash is stored.
#[derive(Debug, Clone)]
pub struct Session {
    pub user: User,
    pub csrf_token: String,
    pub expires_at: DateTime<Utc>,
}

/// An API token as listed: never the secret, which is shown once at creation.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiToken {
    pub id: ApiTokenId,
    pub user_id: UserId,
    pub name: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

/// Narrows a list of applications.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ApplicationFilter {
    pub role_id: Option<RoleId>,
    pub candidate_id: Option<CandidateId>,
    pub stage: Option<Stage>,
}

/// The numbers the dashboard opens with, within what the viewer may see.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Dashboard {
    pub open_roles: i64,
    pub candidates: i64,
    /// Applications not hired, rejected or withdrawn.
    pub active_applications: i64,
    pub hired: i64,
    /// Applications per stage, in board order, stages with none included.
    pub by_stage: Vec<StageCount>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StageCount {
    pub stage: Stage,
    pub count: i64,
}

/// A market data file an admin uploaded (TOML, in the format of `data/market/`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MarketFile {
    /// The file name, e.g. `rates.toml`: a shipped name replaces that file, another name adds one.
    pub name: String,
    pub content: String,
    /// Who uploaded it; null once that user is deleted.
    pub uploaded_by: Option<UserId>,
    pub uploaded_at: DateTime<Utc>,
}

// ---- offers, trials and onboarding (issue 6) --------------------------------------------------

/// An offer as it stands: its current terms and status, at its latest version.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OfferRecord {
    pub id: uuid::Uuid,
    pub application_id: hireloop_core::ids::ApplicationId,
    /// Starts at 1; every edit and every status change adds one.
    pub version: i64,
    pub offer: hireloop_core::interview::Offer,
    pub created_by: Option<UserId>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// One kept version of an offer: what it said and who changed it, when and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OfferVersion {
    pub offer_id: uuid::Uuid,
    pub version: i64,
    pub status: hireloop_core::interview::OfferStatus,
    pub offer: hireloop_core::interview::Offer,
    pub actor_id: Option<UserId>,
    pub note: Option<String>,
    pub at: DateTime<Utc>,
}

/// A trial as stored, with who decided its outcome.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrialRecord {
    pub id: uuid::Uuid,
    pub application_id: hireloop_core::ids::ApplicationId,
    pub trial: hireloop_core::interview::Trial,
    pub outcome_note: Option<String>,
    pub decided_by: Option<UserId>,
    pub decided_at: Option<DateTime<Utc>>,
    pub created_by: Option<UserId>,
    pub created_at: DateTime<Utc>,
}

/// One task of an onboarding plan, with who ticked it off and when.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OnboardingTaskRecord {
    pub id: uuid::Uuid,
    #[serde(flatten)]
    pub task: hireloop_core::interview::OnboardingTask,
    pub done_at: Option<DateTime<Utc>>,
    pub done_by: Option<UserId>,
}

/// The 90-day quality-of-hire rating, on the interview rubric's 1-4 scale.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QualityOfHire {
    pub rating: u8,
    pub note: Option<String>,
    pub rated_by: Option<UserId>,
    pub rated_at: DateTime<Utc>,
}

/// A hire's 30/60/90-day onboarding plan, its tasks in order and how far it has come.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OnboardingRecord {
    pub application_id: hireloop_core::ids::ApplicationId,
    pub start_date: chrono::NaiveDate,
    /// The role had no scope, so the plan cannot say what the hire owns by day 90.
    pub missing_scope: bool,
    pub tasks: Vec<OnboardingTaskRecord>,
    /// Tasks done.
    pub done: usize,
    /// Tasks in all.
    pub total: usize,
    pub quality: Option<QualityOfHire>,
    pub created_by: Option<UserId>,
    pub created_at: DateTime<Utc>,
}

// ---- interviews and feedback (issue #6) ---------------------------------------------------------

/// One interviewer's feedback on one interview, with who wrote it. A draft has no `submitted_at`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InterviewFeedback {
    pub id: hireloop_core::ids::FeedbackId,
    pub interview_id: hireloop_core::ids::InterviewId,
    pub application_id: hireloop_core::ids::ApplicationId,
    pub author_id: UserId,
    pub author_name: hireloop_core::text::PersonName,
    pub feedback: hireloop_core::interview::Feedback,
    pub submitted_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl InterviewFeedback {
    pub fn is_submitted(&self) -> bool {
        self.submitted_at.is_some()
    }
}

/// An interview with the names that make it recognisable in a list of someone's interviews.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InterviewSummary {
    pub interview: hireloop_core::interview::Interview,
    pub candidate_name: hireloop_core::text::PersonName,
    pub role_title: hireloop_core::text::Title,
}

/// A panel member who has not submitted feedback on an interview that has ended: whom to remind.
#[derive(Debug, Clone, PartialEq)]
pub struct MissingFeedback {
    pub interview: hireloop_core::interview::Interview,
    pub user_id: UserId,
    pub email: hireloop_core::email::Email,
    pub name: hireloop_core::text::PersonName,
}

// ---- outbox and message templates (issue #6, communication) -----------------------------------

/// A message in the outbox: what was written, to whom, and how its delivery went.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OutboxMessage {
    pub id: uuid::Uuid,
    pub event: hireloop_core::messages::MessageEvent,
    pub to_address: hireloop_core::email::Email,
    pub to_name: String,
    pub subject: String,
    pub body_text: String,
    /// The attached iCalendar invite (invites only).
    pub ics: Option<String>,
    pub application_id: Option<hireloop_core::ids::ApplicationId>,
    pub interview_id: Option<hireloop_core::ids::InterviewId>,
    /// Set for messages that must be queued once only (reminders).
    pub dedupe_key: Option<String>,
    pub status: hireloop_core::messages::MessageStatus,
    /// Delivery attempts so far.
    pub attempts: i64,
    pub last_error: Option<String>,
    pub next_attempt_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}

/// A message to put in the outbox.
#[derive(Debug, Clone, PartialEq)]
pub struct NewMessage {
    pub event: hireloop_core::messages::MessageEvent,
    pub to_address: hireloop_core::email::Email,
    pub to_name: String,
    pub subject: String,
    pub body_text: String,
    pub ics: Option<String>,
    pub application_id: Option<hireloop_core::ids::ApplicationId>,
    pub interview_id: Option<hireloop_core::ids::InterviewId>,
    pub dedupe_key: Option<String>,
}

/// Narrows the outbox list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OutboxFilter {
    pub status: Option<hireloop_core::messages::MessageStatus>,
    pub event: Option<hireloop_core::messages::MessageEvent>,
    pub application_id: Option<hireloop_core::ids::ApplicationId>,
}

/// An admin's edit of a shipped message template.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StoredMessageTemplate {
    #[serde(flatten)]
    pub template: hireloop_core::messages::MessageTemplate,
    pub updated_by: Option<UserId>,
    pub updated_at: DateTime<Utc>,
}

// ---- resume documents (issue #5) ---------------------------------------------------------------

/// A resume file's extracted text as stored for a candidate. The file itself is not kept.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResumeDocument {
    pub id: uuid::Uuid,
    pub candidate_id: CandidateId,
    pub file_name: String,
    /// application/pdf, the DOCX media type, or text/plain.
    pub media_type: String,
    pub bytes_len: i64,
    /// Hex SHA-256 of the file: the same file uploaded again is the same document.
    pub sha256: String,
    /// The text; only on a single document's read, never in lists.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extracted_text: Option<String>,
    pub uploaded_by: Option<UserId>,
    pub uploaded_at: DateTime<Utc>,
}

/// A resume document to store.
#[derive(Debug, Clone)]
pub struct NewResumeDocument {
    pub candidate_id: CandidateId,
    pub file_name: String,
    pub media_type: String,
    pub bytes_len: i64,
    pub sha256: String,
    pub extracted_text: String,
    pub uploaded_by: Option<UserId>,
}
