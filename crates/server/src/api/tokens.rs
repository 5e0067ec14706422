//! `/api/v1/tokens`: a user's API tokens. The secret is shown once, at creation; only its hash is
//! stored. Users revoke their own tokens; admins may revoke anyone's.

use super::extract::{ApiJson, PathId};
use crate::auth::{hash_token, new_api_token, ApiUser};
use crate::error::{AppError, AppResult, ErrorBody};
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use hireloop_core::authz::{authorize, Action};
use hireloop_core::ids::ApiTokenId;
use hireloop_core::page::Page;
use hireloop_store::records::ApiToken;
use serde::{Deserialize, Serialize};

/// The longest token name: enough to say where a token is used ("CI deploys, payments repo").
const MAX_NAME_CHARS: usize = 100;

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenInput {
    /// What the token is for, 1-100 characters.
    pub name: String,
}

/// A new token: the secret, shown this once, and the token as it will be listed.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CreatedToken {
    /// Send as `Authorization: Bearer <token>`. It cannot be shown again.
    pub token: String,
    pub api_token: ApiToken,
}

fn parse_name(raw: &str) -> AppResult<String> {
    let name = raw.trim();
    let len = name.chars().count();
    let problem = if len == 0 {
        Some("must not be empty".to_string())
    } else if len > MAX_NAME_CHARS {
        Some(format!(
            "must be at most {MAX_NAME_CHARS} characters (got {len})"
        ))
    } else if name.chars().any(char::is_control) {
        Some("must not contain control characters".to_string())
    } else {
        None
    };
    match problem {
        Some(message) => Err(AppError::field("name", message)),
        None => Ok(name.to_string()),
    }
}

#[utoipa::path(get, path = "/api/v1/tokens", tag = "tokens",
    responses((status = 200, body = super::openapi::ApiTokenPage, description = "The caller's tokens, revoked ones included"),
        (status = 401, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
) -> AppResult<Json<Page<ApiToken>>> {
    authorize(&user.principal(), Action::ManageOwnTokens)?;
    let items = state.store.list_api_tokens(user.user.id).await?;
    Ok(Json(Page {
        items,
        next_cursor: None,
    }))
}

#[utoipa::path(post, path = "/api/v1/tokens", tag = "tokens", request_body = TokenInput,
    responses((status = 201, body = CreatedToken), (status = 400, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiJson(input): ApiJson<TokenInput>,
) -> AppResult<(StatusCode, Json<CreatedToken>)> {
    authorize(&user.principal(), Action::ManageOwnTokens)?;
    let name = parse_name(&input.name)?;
    let token = new_api_token();
    let api_token = state
        .store
        .create_api_token(user.user.id, &name, &hash_token(&token))
        .await?;
    Ok((StatusCode::CREATED, Json(CreatedToken { token, api_token })))
}

#[utoipa::path(delete, path = "/api/v1/tokens/{id}", tag = "tokens", params(("id" = uuid::Uuid, Path)),
    responses((status = 200, body = ApiToken, description = "The token, now revoked (revoking twice is not an error)"),
        (status = 404, body = ErrorBody)))]
pub async fn revoke(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathId(id): PathId<ApiTokenId>,
) -> AppResult<Json<ApiToken>> {
    let principal = user.principal();
    authorize(&principal, Action::ManageOwnTokens)?;
    // Those who manage users may revoke anyone's token (a leaked one, a leaver's); others only their own.
    let owner = match authorize(&principal, Action::ManageUsers) {
        Ok(()) => None,
        Err(_) => Some(user.user.id),
    };
    Ok(Json(state.store.revoke_api_token(owner, id).await?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(parse_name("  CI deploys ").unwrap(), "CI deploys");
        for bad in ["", "   ", "a\tb", &"x".repeat(101)] {
            let err = parse_name(bad).unwrap_err();
            assert_eq!(err.field_errors().errors[0].field, "name", "{bad:?}");
        }
    }
}
