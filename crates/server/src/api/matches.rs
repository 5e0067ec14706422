//! `/api/v1/roles/{id}/matches` ranks the talent pool against the role's scorecard, each result
//! explained; `/api/v1/roles/{id}/shortlist` turns chosen candidates into applications on the role.

use super::extract::{ApiJson, ApiQuery, PathId};
use crate::auth::ApiUser;
use crate::error::{AppError, AppResult, ErrorBody};
use crate::matching::{self, MatchPage, RoleMatches, ShortlistResult, MAX_SHORTLIST};
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use hireloop_core::authz::{authorize, Action};
use hireloop_core::ids::RoleId;
use hireloop_match::adapt::QueryOptions;
use hireloop_match::MAX_OFFSET;
use serde::Deserialize;
use uuid::Uuid;

/// Results per page when `limit` is omitted, and the most one page may hold.
const DEFAULT_LIMIT: usize = 20;
const MAX_LIMIT: usize = 100;

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct MatchQuery {
    /// Results per page, 1-100; 20 when omitted.
    pub limit: Option<usize>,
    /// Results to skip, up to 10000; 0 when omitted.
    pub offset: Option<usize>,
    /// Only vetted candidates.
    pub vetted_only: Option<bool>,
    /// Enforce must-haves' minimum years (on by default). A candidate who states no years for the
    /// skill does not meet a minimum; `false` ranks everyone with the skill and notes the minimum.
    pub enforce_min_years: Option<bool>,
    /// Free text (the search syntax of `/api/v1/search`): only candidates whose profile or resume
    /// matches it, with a `text` score component for how well. Blank means none.
    pub q: Option<String>,
}

pub use crate::text_match::MAX_TEXT_CHARS;

/// The free text to rank by: trimmed, `None` when blank; too long is a 422 on `q`.
pub fn match_text(q: Option<&str>) -> AppResult<Option<&str>> {
    crate::text_match::checked_text(q).map_err(|message| AppError::field("q", message))
}

#[utoipa::path(get, path = "/api/v1/roles/{id}/matches", tag = "matching",
    params(("id" = Uuid, Path), MatchQuery),
    responses((status = 200, body = RoleMatches), (status = 400, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "The role has no scorecard yet"),
        (status = 422, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathId(id): PathId<RoleId>,
    ApiQuery(params): ApiQuery<MatchQuery>,
) -> AppResult<Json<RoleMatches>> {
    authorize(&user.principal(), Action::ViewMatches)?;
    let limit = params.limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(bad_param("limit", format!("must be 1-{MAX_LIMIT}")));
    }
    let offset = params.offset.unwrap_or(0);
    if offset > MAX_OFFSET {
        return Err(bad_param("offset", format!("must be at most {MAX_OFFSET}")));
    }
    let card = matching::role_scorecard(&state, id)
        .await?
        .ok_or_else(|| AppError::Conflict {
            field: Some("scorecard".into()),
            message: format!(
                "role {id} has no scorecard: add one (PUT /api/v1/roles/{id}/scorecard) to rank the talent pool against it"
            ),
        })?;
    let text = match_text(params.q.as_deref())?;
    let page = MatchPage {
        offset,
        limit,
        options: QueryOptions {
            vetted_only: params.vetted_only.unwrap_or(false),
            enforce_min_years: params
                .enforce_min_years
                .unwrap_or(QueryOptions::default().enforce_min_years),
        },
    };
    Ok(Json(matching::rank(&state, id, &card, page, text).await?))
}

fn bad_param(field: &str, message: String) -> AppError {
    AppError::BadRequest {
        field: Some(field.into()),
        message: format!("query parameter '{field}': {message}"),
    }
}

/// Candidates to put on the role, in order.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ShortlistInput {
    pub candidate_ids: Vec<Uuid>,
}

#[utoipa::path(post, path = "/api/v1/roles/{id}/shortlist", tag = "matching",
    params(("id" = Uuid, Path)), request_body = ShortlistInput,
    responses((status = 200, body = ShortlistResult, description = "One outcome per candidate, in order"),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "The role takes no new applications"),
        (status = 422, body = ErrorBody)))]
pub async fn shortlist(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathId(id): PathId<RoleId>,
    ApiJson(input): ApiJson<ShortlistInput>,
) -> AppResult<Json<ShortlistResult>> {
    authorize(&user.principal(), Action::CreateApplication)?;
    if input.candidate_ids.is_empty() || input.candidate_ids.len() > MAX_SHORTLIST {
        return Err(AppError::field(
            "candidate_ids",
            format!("give 1-{MAX_SHORTLIST} candidate ids"),
        ));
    }
    let result = matching::shortlist(&state, id, &input.candidate_ids, user.user.id).await?;
    Ok(Json(result))
}
