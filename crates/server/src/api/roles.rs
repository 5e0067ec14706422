//! `/api/v1/roles`: list, create, read, change status, and the pipeline board of one role.

use super::extract::{ApiJson, ApiQuery, PageQuery, PathId};
use super::{created, Created};
use crate::auth::ApiUser;
use crate::error::{AppError, AppResult, ErrorBody};
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use hireloop_core::application::Application;
use hireloop_core::authz::{authorize, visibility, Action};
use hireloop_core::ids::RoleId;
use hireloop_core::page::Page;
use hireloop_core::pipeline::Stage;
use hireloop_core::role::{Role, RoleInput, RoleStatus};
use serde::{Deserialize, Serialize};

/// A change of a role's status.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RoleStatusInput {
    /// draft, open, on_hold, filled or closed.
    pub status: String,
}

/// A role and its applications, one column per stage.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Board {
    pub role: Role,
    /// Every stage in board order, empty ones included.
    pub columns: Vec<BoardColumn>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct BoardColumn {
    pub stage: Stage,
    /// How the UI names the stage.
    pub label: &'static str,
    pub applications: Vec<Application>,
}

#[utoipa::path(get, path = "/api/v1/roles", tag = "roles", params(PageQuery),
    responses((status = 200, body = super::openapi::RolePage), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiQuery(query): ApiQuery<PageQuery>,
) -> AppResult<Json<Page<Role>>> {
    authorize(&user.principal(), Action::ViewRoles)?;
    Ok(Json(state.store.list_roles(&query.page()?).await?))
}

#[utoipa::path(post, path = "/api/v1/roles", tag = "roles", request_body = RoleInput,
    responses((status = 201, body = Role, headers(("Location" = String, description = "The new role's URL"))),
        (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiJson(input): ApiJson<RoleInput>,
) -> AppResult<Created<Role>> {
    authorize(&user.principal(), Action::ManageRoles)?;
    let role = state.store.create_role(&input.parse()?).await?;
    Ok(created(format!("/api/v1/roles/{}", role.id), role))
}

#[utoipa::path(get, path = "/api/v1/roles/{id}", tag = "roles", params(("id" = uuid::Uuid, Path)),
    responses((status = 200, body = Role), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathId(id): PathId<RoleId>,
) -> AppResult<Json<Role>> {
    authorize(&user.principal(), Action::ViewRoles)?;
    Ok(Json(find(&state, id).await?))
}

#[utoipa::path(patch, path = "/api/v1/roles/{id}", tag = "roles", params(("id" = uuid::Uuid, Path)),
    request_body = RoleStatusInput,
    responses((status = 200, body = Role), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn update_status(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathId(id): PathId<RoleId>,
    ApiJson(input): ApiJson<RoleStatusInput>,
) -> AppResult<Json<Role>> {
    authorize(&user.principal(), Action::ManageRoles)?;
    let status: RoleStatus = input
        .status
        .parse()
        .map_err(|message: String| AppError::field("status", message))?;
    Ok(Json(state.store.set_role_status(id, status).await?))
}

#[utoipa::path(get, path = "/api/v1/roles/{id}/board", tag = "roles", params(("id" = uuid::Uuid, Path)),
    responses((status = 200, body = Board), (status = 404, body = ErrorBody)))]
pub async fn board(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathId(id): PathId<RoleId>,
) -> AppResult<Json<Board>> {
    let principal = user.principal();
    authorize(&principal, Action::ViewRoles)?;
    let role = find(&state, id).await?;
    let applications = state.store.role_board(&visibility(&principal), id).await?;
    Ok(Json(Board {
        role,
        columns: columns(applications),
    }))
}

/// Sorts applications into one column per board stage, keeping the store's order within each.
fn columns(applications: Vec<Application>) -> Vec<BoardColumn> {
    let mut columns: Vec<BoardColumn> = Stage::BOARD
        .iter()
        .map(|stage| BoardColumn {
            stage: *stage,
            label: stage.label(),
            applications: Vec::new(),
        })
        .collect();
    for application in applications {
        if let Some(column) = columns.iter_mut().find(|c| c.stage == application.stage) {
            column.applications.push(application);
        }
    }
    columns
}

async fn find(state: &AppState, id: RoleId) -> AppResult<Role> {
    state
        .store
        .role(id)
        .await?
        .ok_or(AppError::NotFound("role"))
}
