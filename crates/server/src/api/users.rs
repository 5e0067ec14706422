//! `/api/v1/me` for everyone, and `/api/v1/users` for admins: who can log in, and as what.

use super::extract::{ApiJson, ApiQuery, PageQuery};
use crate::auth::{hash_password, ApiUser};
use crate::error::{AppResult, ErrorBody};
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use hireloop_core::authz::{authorize, Action};
use hireloop_core::page::Page;
use hireloop_core::user::{User, UserInput};

#[utoipa::path(get, path = "/api/v1/me", tag = "users",
    responses((status = 200, body = User, description = "The user the request acts for"),
        (status = 401, body = ErrorBody)))]
pub async fn me(ApiUser(user): ApiUser) -> Json<User> {
    Json(user.user)
}

#[utoipa::path(get, path = "/api/v1/users", tag = "users", params(PageQuery),
    responses((status = 200, body = super::openapi::UserPage), (status = 403, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiQuery(query): ApiQuery<PageQuery>,
) -> AppResult<Json<Page<User>>> {
    authorize(&user.principal(), Action::ManageUsers)?;
    Ok(Json(state.store.list_users(&query.page()?).await?))
}

#[utoipa::path(post, path = "/api/v1/users", tag = "users", request_body = UserInput,
    responses((status = 201, body = User), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiJson(input): ApiJson<UserInput>,
) -> AppResult<(StatusCode, Json<User>)> {
    authorize(&user.principal(), Action::ManageUsers)?;
    let new = input.parse()?;
    let hash = hash_password(new.password.expose()).await?;
    let created = state.store.create_user(&new, &hash).await?;
    Ok((StatusCode::CREATED, Json(created)))
}
