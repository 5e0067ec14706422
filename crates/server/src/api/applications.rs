//! `/api/v1/applications`: candidates on roles, their moves through the stages, the history of those
//! moves and who interviews. Whatever an interviewer is not assigned to is a 404 to them.

use super::extract::{page_request, ApiJson, ApiQuery, PathId};
use super::{created, Created};
use crate::auth::{ApiUser, Authenticated};
use crate::error::{AppError, AppResult, ErrorBody};
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use hireloop_core::application::{Application, ApplicationInput, MoveInput, StageChange};
use hireloop_core::authz::{authorize, visibility, Action};
use hireloop_core::ids::{ApplicationId, CandidateId, RoleId, UserId};
use hireloop_core::page::Page;
use hireloop_core::pipeline::{Stage, StageMove};
use hireloop_store::records::ApplicationFilter;
use serde::Deserialize;
use uuid::Uuid;

/// Filters and pagination for the application list.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ApplicationQuery {
    /// Only applications for this role.
    pub role_id: Option<Uuid>,
    /// Only applications of this candidate.
    pub candidate_id: Option<Uuid>,
    /// Only applications in this stage, e.g. `technical`.
    pub stage: Option<String>,
    /// Items per page, 1-200; 50 when omitted.
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

impl ApplicationQuery {
    fn filter(&self) -> AppResult<ApplicationFilter> {
        let stage = match self.stage.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(raw) => Some(
                raw.parse::<Stage>()
                    .map_err(|message| AppError::BadRequest {
                        field: Some("stage".into()),
                        message: format!("query parameter 'stage': {message}"),
                    })?,
            ),
        };
        Ok(ApplicationFilter {
            role_id: self.role_id.map(RoleId),
            candidate_id: self.candidate_id.map(CandidateId),
            stage,
        })
    }
}

/// Who to add to an application's interviewers.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssignInput {
    pub user_id: Uuid,
}

#[utoipa::path(get, path = "/api/v1/applications", tag = "applications", params(ApplicationQuery),
    responses((status = 200, body = super::openapi::ApplicationPage), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiQuery(query): ApiQuery<ApplicationQuery>,
) -> AppResult<Json<Page<Application>>> {
    let page = page_request(query.limit, query.cursor.as_deref())?;
    let scope = visibility(&user.principal());
    let filter = query.filter()?;
    Ok(Json(
        state
            .store
            .list_applications(&scope, &filter, &page)
            .await?,
    ))
}

#[utoipa::path(post, path = "/api/v1/applications", tag = "applications", request_body = ApplicationInput,
    responses((status = 201, body = Application, headers(("Location" = String, description = "The new application's URL"))),
        (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiJson(input): ApiJson<ApplicationInput>,
) -> AppResult<Created<Application>> {
    authorize(&user.principal(), Action::CreateApplication)?;
    let application = state
        .store
        .create_application(&input.parse()?, Some(user.user.id))
        .await?;
    Ok(created(
        format!("/api/v1/applications/{}", application.id),
        application,
    ))
}

#[utoipa::path(get, path = "/api/v1/applications/{id}", tag = "applications", params(("id" = Uuid, Path)),
    responses((status = 200, body = Application), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathId(id): PathId<ApplicationId>,
) -> AppResult<Json<Application>> {
    Ok(Json(visible(&state, &user, id).await?))
}

#[utoipa::path(post, path = "/api/v1/applications/{id}/move", tag = "applications", params(("id" = Uuid, Path)),
    request_body = MoveInput,
    responses((status = 200, body = Application), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "Already in that stage, or moved by someone else meanwhile"),
        (status = 422, body = ErrorBody)))]
pub async fn move_stage(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathId(id): PathId<ApplicationId>,
    ApiJson(input): ApiJson<MoveInput>,
) -> AppResult<Json<Application>> {
    let current = visible(&state, &user, id).await?;
    let to: Stage = input
        .stage
        .parse()
        .map_err(|message: String| AppError::field("stage", message))?;
    let planned = StageMove::plan(current.stage, to, input.reason.as_deref())?;
    authorize(&user.principal(), Action::MoveApplication(planned.kind))?;
    let moved = state
        .store
        .move_application(id, &planned, Some(user.user.id))
        .await?;
    Ok(Json(moved))
}

#[utoipa::path(get, path = "/api/v1/applications/{id}/history", tag = "applications", params(("id" = Uuid, Path)),
    responses((status = 200, body = [StageChange], description = "Every stage change, oldest first"),
        (status = 404, body = ErrorBody)))]
pub async fn history(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathId(id): PathId<ApplicationId>,
) -> AppResult<Json<Vec<StageChange>>> {
    visible(&state, &user, id).await?;
    Ok(Json(state.store.stage_history(id).await?))
}

#[utoipa::path(post, path = "/api/v1/applications/{id}/interviewers", tag = "applications",
    params(("id" = Uuid, Path)), request_body = AssignInput,
    responses((status = 204, description = "Assigned (assigning twice changes nothing)"),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn assign_interviewer(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathId(id): PathId<ApplicationId>,
    ApiJson(input): ApiJson<AssignInput>,
) -> AppResult<StatusCode> {
    visible(&state, &user, id).await?;
    authorize(&user.principal(), Action::AssignInterviewers)?;
    state
        .store
        .assign_interviewer(id, UserId(input.user_id))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The application if the caller may see it; a 404 otherwise, whether or not it exists.
async fn visible(
    state: &AppState,
    user: &Authenticated,
    id: ApplicationId,
) -> AppResult<Application> {
    state
        .store
        .application(&visibility(&user.principal()), id)
        .await?
        .ok_or(AppError::NotFound("application"))
}
