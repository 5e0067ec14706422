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
