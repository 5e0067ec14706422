//! Resolves who a request acts for (API token or session cookie) once, for every route, and enforces
//! CSRF protection on every state-changing request that a session cookie authenticates.

use super::multipart_csrf;
use super::secrets::hash_token;
use crate::error::AppError;
use crate::state::AppState;
use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use hireloop_core::authz::Principal;
use hireloop_core::ids::ApiTokenId;
use hireloop_core::user::User;

pub const SESSION_COOKIE: &str = "hireloop_session";
/// Header htmx and scripts send the CSRF token in.
pub const CSRF_HEADER: &str = "x-csrf-token";
/// Hidden form field HTML forms send the CSRF token in.
pub const CSRF_FIELD: &str = "_csrf";
/// Form bodies larger than this are refused before the CSRF check reads them.
const MAX_FORM_BYTES: usize = 1024 * 1024;

/// The user a request acts for, and how they proved it.
#[derive(Debug, Clone)]
pub struct Authenticated {
    pub user: User,
    pub via: Via,
}

#[derive(Debug, Clone)]
pub enum Via {
    ApiToken(ApiTokenId),
    Session {
        token_hash: String,
        csrf_token: String,
    },
}

impl Authenticated {
    pub fn principal(&self) -> Principal {
        Principal {
            user_id: self.user.id,
            role: self.user.role,
        }
    }

    /// The CSRF token pages must embed in forms (empty for API-token requests, which need none).
    pub fn csrf_token(&self) -> &str {
        match &self.via {
            Via::Session { csrf_token, .. } => csrf_token,
            Via::ApiToken(_) => "",
        }
    }
}

pub fn session_cookie_value(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(cookie::Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == SESSION_COOKIE)
        .map(|c| c.value().to_string())
}

/// Middleware: puts an `Authenticated` into the request's extensions when credentials are valid.
/// A bad bearer token is refused at once (401); a stale session cookie just leaves the request
/// anonymous, so the pages can send the user to the login form.
pub async fn authenticate(State(state): State<AppState>, request: Request, next: Next) -> Response {
    match resolve(&state, request).await {
        Ok(request) => next.run(request).await,
        Err(err) => err.into_response(),
    }
}

async fn resolve(state: &AppState, mut request: Request) -> Result<Request, AppError> {
    if let Some(auth) = request.headers().get(header::AUTHORIZATION) {
        let token = auth
            .to_str()
            .ok()
            .and_then(|v| {
                v.strip_prefix("Bearer ")
                    .or_else(|| v.strip_prefix("bearer "))
            })
            .map(str::trim)
            .ok_or(AppError::BadCredentials(
                "the Authorization header must be 'Bearer <API token>'",
            ))?;
        let (user, token_id) = state
            .store
            .user_for_api_token(&hash_token(token))
            .await?
            .ok_or(AppError::BadCredentials(
                "the API token is unknown or revoked",
            ))?;
        request.extensions_mut().insert(Authenticated {
            user,
            via: Via::ApiToken(token_id),
        });
        return Ok(request);
    }

    let Some(cookie) = session_cookie_value(request.headers()) else {
        return Ok(request);
    };
    let token_hash = hash_token(&cookie);
    let Some(session) = state.store.session(&token_hash).await? else {
        return Ok(request);
    };
    let csrf_token = session.csrf_token.clone();
    let request = if is_state_changing(request.method()) {
        check_csrf(request, &csrf_token).await?
    } else {
        request
    };
    let mut request = request;
    request.extensions_mut().insert(Authenticated {
        user: session.user,
        via: Via::Session {
            token_hash,
            csrf_token,
        },
    });
    Ok(request)
}

fn is_state_changing(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// The one refusal for a missing or wrong token, however it was sent.
pub(super) const REFUSED: &str = "missing or wrong CSRF token: reload the page and try again";

/// Accepts the token from the `X-CSRF-Token` header, from the `_csrf` field of a urlencoded form
/// (the body is read and put back for the handler), or from the first part of a multipart form
/// (see `super::multipart_csrf`).
async fn check_csrf(request: Request, expected: &str) -> Result<Request, AppError> {
    if let Some(sent) = request.headers().get(CSRF_HEADER) {
        return if constant_time_eq(sent.as_bytes(), expected.as_bytes()) {
            Ok(request)
        } else {
            Err(AppError::Forbidden(REFUSED.into()))
        };
    }
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if let Some(boundary) = multipart_csrf::boundary(content_type) {
        let boundary = boundary.to_string();
        return multipart_csrf::check(request, &boundary, expected).await;
    }
    let is_form = content_type.starts_with("application/x-www-form-urlencoded");
    if !is_form {
        return Err(AppError::Forbidden(REFUSED.into()));
    }
    let (parts, body) = request.into_parts();
    let bytes = to_bytes(body, MAX_FORM_BYTES)
        .await
        .map_err(|_| AppError::BadRequest {
            field: None,
            message: "the form is too large".into(),
        })?;
    let sent = form_urlencoded_value(&bytes, CSRF_FIELD);
    if !sent.is_some_and(|s| constant_time_eq(s.as_bytes(), expected.as_bytes())) {
        return Err(AppError::Forbidden(REFUSED.into()));
    }
    Ok(Request::from_parts(parts, Body::from(bytes)))
}

fn form_urlencoded_value(body: &[u8], name: &str) -> Option<String> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(body)
        .ok()?
        .into_iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v)
}

/// Compares secrets without stopping at the first difference.
pub(super) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_session_cookie_among_others() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            "a=1; hireloop_session=abc; b=2".parse().unwrap(),
        );
        assert_eq!(session_cookie_value(&headers).as_deref(), Some("abc"));
    }

    #[test]
    fn reads_a_form_field_and_compares_in_constant_time() {
        assert_eq!(
            form_urlencoded_value(b"title=x&_csrf=t%2B1", "_csrf").as_deref(),
            Some("t+1")
        );
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"ab"));
    }
}
