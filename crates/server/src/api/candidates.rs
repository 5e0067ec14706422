//! `/api/v1/candidates`: the talent pool. Interviewers see only candidates of applications they are
//! assigned to; any other candidate is a 404 to them, so its existence does not leak.

use super::extract::{ApiJson, ApiQuery, PageQuery, PathId};
use super::{created, Created};
use crate::auth::ApiUser;
use crate::error::{AppError, AppResult, ErrorBody};
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use hireloop_core::authz::{authorize, visibility, Action};
use hireloop_core::candidate::{Candidate, CandidateInput};
use hireloop_core::ids::CandidateId;
use hireloop_core::page::Page;

#[utoipa::path(get, path = "/api/v1/candidates", tag = "candidates", params(PageQuery),
    responses((status = 200, body = super::openapi::CandidatePage), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiQuery(query): ApiQuery<PageQuery>,
) -> AppResult<Json<Page<Candidate>>> {
    let scope = visibility(&user.principal());
    Ok(Json(
        state.store.list_candidates(&scope, &query.page()?).await?,
    ))
}

#[utoipa::path(post, path = "/api/v1/candidates", tag = "candidates", request_body = CandidateInput,
    responses((status = 201, body = Candidate, headers(("Location" = String, description = "The new candidate's URL"))),
        (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiJson(input): ApiJson<CandidateInput>,
) -> AppResult<Created<Candidate>> {
    authorize(&user.principal(), Action::ManageCandidates)?;
    let candidate = state.create_candidate(&input.parse()?).await?;
    Ok(created(
        format!("/api/v1/candidates/{}", candidate.id),
        candidate,
    ))
}

#[utoipa::path(get, path = "/api/v1/candidates/{id}", tag = "candidates", params(("id" = uuid::Uuid, Path)),
    responses((status = 200, body = Candidate), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathId(id): PathId<CandidateId>,
) -> AppResult<Json<Candidate>> {
    let scope = visibility(&user.principal());
    state
        .store
        .candidate(&scope, id)
        .await?
        .map(Json)
        .ok_or(AppError::NotFound("candidate"))
}
