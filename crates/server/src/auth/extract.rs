//! Extractors handlers use to require a user: `ApiUser` answers 401 JSON, `WebUser` sends the browser
//! to the login page.

use super::middleware::Authenticated;
use crate::error::AppError;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};

/// An authenticated API caller (API token, or the browser's session for htmx calls).
pub struct ApiUser(pub Authenticated);

impl<S: Send + Sync> FromRequestParts<S> for ApiUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        parts
            .extensions
            .get::<Authenticated>()
            .cloned()
            .map(ApiUser)
            .ok_or(AppError::Unauthenticated)
    }
}

/// A logged-in browser user.
pub struct WebUser(pub Authenticated);

impl<S: Send + Sync> FromRequestParts<S> for WebUser {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Response> {
        match parts.extensions.get::<Authenticated>() {
            Some(auth) => Ok(WebUser(auth.clone())),
            None => {
                let next = parts.uri.path_and_query().map_or("/", |p| p.as_str());
                let target = format!("/login?next={}", urlencode(next));
                Err(Redirect::to(&target).into_response())
            }
        }
    }
}

fn urlencode(value: &str) -> String {
    serde_urlencoded::to_string([("", value)])
        .map(|s| s.trim_start_matches('=').to_string())
        .unwrap_or_default()
}
