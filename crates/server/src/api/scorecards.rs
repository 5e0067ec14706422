//! A role's scorecard (docs/role-as-code.md): read it as JSON or as its role-as-code TOML, replace
//! it (checked by the core parser, then linted: findings never block saving), lint a scorecard
//! without storing it, and render its job description as Markdown, HTML or JobPosting JSON-LD.

mod body;
mod render;

pub use render::{JdFormat, JdQuery};

use super::extract::{ApiQuery, PathId};
use crate::auth::ApiUser;
use crate::error::{AppError, AppResult, ErrorBody};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use hireloop_core::authz::{authorize, Action};
use hireloop_core::ids::RoleId;
use hireloop_core::scorecard::{from_toml, requisition, to_toml, Finding, Scorecard, Severity};
use hireloop_store::StoreError;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// What a stored scorecard is served as.
pub const TOML_CONTENT_TYPE: &str = "application/toml; charset=utf-8";

/// What the linter found in one scorecard, errors first.
#[derive(Debug, Serialize, ToSchema)]
pub struct LintResult {
    /// True when an error-level finding exists: fix those before sourcing.
    pub has_errors: bool,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub findings: Vec<Finding>,
}

/// A stored scorecard, its canonical role-as-code TOML, and what the linter says about it.
#[derive(Debug, Serialize, ToSchema)]
pub struct SavedScorecard {
    pub role_id: RoleId,
    pub scorecard: Scorecard,
    /// Exactly what is stored, and what `GET …/scorecard?format=toml` returns.
    pub toml: String,
    pub lint: LintResult,
}

/// How to return a scorecard.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ScorecardQuery {
    /// `json` (the model) or `toml` (role-as-code). Without it, `Accept: application/toml` asks for TOML.
    pub format: Option<String>,
}

/// Lints with the skill taxonomy and the market dataset in effect (admins' uploads included).
fn lint_result(state: &AppState, card: &Scorecard) -> LintResult {
    let report = state.lint(card);
    LintResult {
        has_errors: report.has_errors(),
        errors: report.count(Severity::Error),
        warnings: report.count(Severity::Warning),
        infos: report.count(Severity::Info),
        findings: report.findings,
    }
}

/// The role's stored scorecard: 404 naming the role when there is none, the scorecard when it has none.
pub(crate) async fn stored(state: &AppState, id: RoleId) -> AppResult<(Scorecard, String)> {
    let text = state
        .store
        .role_scorecard(id)
        .await?
        .ok_or(AppError::NotFound("scorecard"))?;
    // The store checked it already; a failure here is corruption, not the caller's input.
    let card = from_toml(&text)
        .map_err(|e| AppError::from(StoreError::Corrupt(format!("scorecard: {e}"))))?;
    Ok((card, text))
}

fn wants_toml(query: &ScorecardQuery, headers: &HeaderMap) -> AppResult<bool> {
    match query.format.as_deref().map(str::trim) {
        Some("toml") => Ok(true),
        Some("json") => Ok(false),
        Some(other) => Err(AppError::field(
            "format",
            format!("unknown format '{other}'; expected one of: json, toml"),
        )),
        None => Ok(headers
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|accept| accept.to_ascii_lowercase().contains("application/toml"))),
    }
}

/// The role's scorecard: the model as JSON, or with `Accept: application/toml` (or `?format=toml`)
/// the stored role-as-code text.
#[utoipa::path(get, path = "/api/v1/roles/{id}/scorecard", tag = "scorecards",
    params(("id" = uuid::Uuid, Path), ScorecardQuery),
    responses((status = 200, content((Scorecard = "application/json"), (String = "application/toml"))),
        (status = 404, description = "No such role, or the role has no scorecard", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathId(id): PathId<RoleId>,
    ApiQuery(query): ApiQuery<ScorecardQuery>,
    headers: HeaderMap,
) -> AppResult<Response> {
    authorize(&user.principal(), Action::ViewRoles)?;
    let as_toml = wants_toml(&query, &headers)?;
    let (card, text) = stored(&state, id).await?;
    Ok(if as_toml {
        ([(header::CONTENT_TYPE, TOML_CONTENT_TYPE)], text).into_response()
    } else {
        Json(card).into_response()
    })
}

/// Replaces the role's scorecard. The body is role-as-code TOML (`application/toml` or
/// `text/plain`) or the model as JSON. It is stored when it parses; lint findings are returned,
/// never a reason to refuse. The role's title, level and primary language are updated from it.
#[utoipa::path(put, path = "/api/v1/roles/{id}/scorecard", tag = "scorecards",
    params(("id" = uuid::Uuid, Path)),
    request_body(description = "The scorecard as role-as-code TOML or as JSON",
        content((String = "application/toml"), (Scorecard = "application/json"))),
    responses((status = 200, body = SavedScorecard),
        (status = 400, description = "Not TOML or JSON", body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 422, description = "Each problem with its key path; TOML syntax errors with line and column",
            body = ErrorBody)))]
pub async fn put(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathId(id): PathId<RoleId>,
    headers: HeaderMap,
    bytes: Bytes,
) -> AppResult<Json<SavedScorecard>> {
    authorize(&user.principal(), Action::ManageRoles)?;
    let card = body::read_scorecard(&headers, &bytes)?;
    // The role's own title, level and language follow the scorecard, in the same write.
    let requisition = requisition(&card, state.taxonomy.as_ref())?;
    let text = state
        .store
        .set_role_scorecard_and_requisition(id, &to_toml(&card), &requisition)
        .await?;
    Ok(Json(SavedScorecard {
        role_id: id,
        lint: lint_result(&state, &card),
        scorecard: card,
        toml: text,
    }))
}

/// Removes the role's scorecard; the role itself stays.
#[utoipa::path(delete, path = "/api/v1/roles/{id}/scorecard", tag = "scorecards",
    params(("id" = uuid::Uuid, Path)),
    responses((status = 204, description = "Removed"), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub async fn delete(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathId(id): PathId<RoleId>,
) -> AppResult<StatusCode> {
    authorize(&user.principal(), Action::ManageRoles)?;
    stored(&state, id).await?;
    state.store.clear_role_scorecard(id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Lints a scorecard sent as TOML or JSON; nothing is stored.
#[utoipa::path(post, path = "/api/v1/scorecards/lint", tag = "scorecards",
    request_body(description = "The scorecard as role-as-code TOML or as JSON",
        content((String = "application/toml"), (Scorecard = "application/json"))),
    responses((status = 200, body = LintResult), (status = 400, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn lint_body(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    headers: HeaderMap,
    bytes: Bytes,
) -> AppResult<Json<LintResult>> {
    authorize(&user.principal(), Action::ViewRoles)?;
    let card = body::read_scorecard(&headers, &bytes)?;
    Ok(Json(lint_result(&state, &card)))
}

/// Lints the role's stored scorecard.
#[utoipa::path(get, path = "/api/v1/roles/{id}/lint", tag = "scorecards",
    params(("id" = uuid::Uuid, Path)),
    responses((status = 200, body = LintResult), (status = 404, body = ErrorBody)))]
pub async fn lint_stored(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathId(id): PathId<RoleId>,
) -> AppResult<Json<LintResult>> {
    authorize(&user.principal(), Action::ViewRoles)?;
    let (card, _) = stored(&state, id).await?;
    Ok(Json(lint_result(&state, &card)))
}

/// The job description of a scorecard sent as TOML or JSON; nothing is stored.
#[utoipa::path(post, path = "/api/v1/scorecards/jd", tag = "scorecards", params(JdQuery),
    request_body(description = "The scorecard as role-as-code TOML or as JSON",
        content((String = "application/toml"), (Scorecard = "application/json"))),
    responses((status = 200, description = "The job description",
            content((String = "text/markdown"), (String = "text/html"), (Object = "application/ld+json"))),
        (status = 400, body = ErrorBody),
        (status = 422, description = "A bad scorecard, format or date, or JSON-LD without `organization`",
            body = ErrorBody)))]
pub async fn jd_body(
    ApiUser(user): ApiUser,
    ApiQuery(query): ApiQuery<JdQuery>,
    headers: HeaderMap,
    bytes: Bytes,
) -> AppResult<Response> {
    authorize(&user.principal(), Action::ViewRoles)?;
    let format = query.format()?;
    let card = body::read_scorecard(&headers, &bytes)?;
    render::job_description(&card, format, &query, None)
}

/// The job description of the role's stored scorecard.
#[utoipa::path(get, path = "/api/v1/roles/{id}/jd", tag = "scorecards",
    params(("id" = uuid::Uuid, Path), JdQuery),
    responses((status = 200, description = "The job description",
            content((String = "text/markdown"), (String = "text/html"), (Object = "application/ld+json"))),
        (status = 404, body = ErrorBody),
        (status = 422, description = "A bad format or date, or JSON-LD without `organization`",
            body = ErrorBody)))]
pub async fn jd_stored(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathId(id): PathId<RoleId>,
    ApiQuery(query): ApiQuery<JdQuery>,
) -> AppResult<Response> {
    authorize(&user.principal(), Action::ViewRoles)?;
    let format = query.format()?;
    let (card, _) = stored(&state, id).await?;
    render::job_description(&card, format, &query, Some(id))
}
