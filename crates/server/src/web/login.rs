//! Logging in and out of the browser UI: the session cookie, and where to go after the login.

use super::render::{parse_form, see_other, View};
use crate::auth::{self, Authenticated, Via, WebUser, SESSION_COOKIE};
use crate::error::AppError;
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use cookie::{Cookie, SameSite};
use minijinja::context;
use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

#[derive(Debug, Default, Deserialize)]
struct NextQuery {
    #[serde(default)]
    next: String,
}

/// Only a path on this site: an absolute or protocol-relative URL would make the login form an
/// open redirect. Control characters are refused too: browsers drop tabs and line breaks from a
/// URL, so "/\t/evil.example" would become "//evil.example".
fn safe_next(next: &str) -> &str {
    if next.starts_with('/')
        && !next.starts_with("//")
        && !next.contains('\\')
        && !next.chars().any(char::is_control)
    {
        next
    } else {
        "/"
    }
}

/// GET /login
pub async fn form(
    State(state): State<AppState>,
    auth: Option<Extension<Authenticated>>,
    RawQuery(query): RawQuery,
) -> Response {
    let query: NextQuery =
        serde_urlencoded::from_str(query.as_deref().unwrap_or("")).unwrap_or_default();
    let next = safe_next(&query.next);
    if auth.is_some() {
        return see_other(next);
    }
    login_page(&state, StatusCode::OK, "", next, None)
}

fn login_page(
    state: &AppState,
    status: StatusCode,
    email: &str,
    next: &str,
    error: Option<String>,
) -> Response {
    let ctx = context! { email => email, next => next, error => error };
    View::anonymous(state).page_with_status(status, "login.html", ctx)
}

/// POST /login
pub async fn submit(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    let view = View::anonymous(&state);
    let form: LoginForm = match parse_form(&body) {
        Ok(form) => form,
        Err(err) => return view.error(err),
    };
    let next = safe_next(&form.next);
    let user = match auth::check_login(&state, &form.email, &form.password).await {
        Ok(user) => user,
        Err(err @ AppError::BadCredentials(_)) => {
            let message = Some(err.to_string());
            return login_page(&state, err.status(), form.email.trim(), next, message);
        }
        Err(err) => return view.error(err),
    };
    let (token, _csrf) = match auth::open_session(&state, &user).await {
        Ok(session) => session,
        Err(err) => return view.error(err),
    };
    let secure = state.config.secure_cookies || behind_https(&headers);
    let cookie = Cookie::build((SESSION_COOKIE, token))
        .http_only(true)
        .same_site(SameSite::Lax)
        .path("/")
        .max_age(cookie::time::Duration::hours(state.config.session_hours))
        .secure(secure)
        .build();
    tracing::info!(user = %user.id, "logged in");
    with_cookie(see_other(next), &cookie)
}

/// Whether a TLS-terminating proxy says the browser talks HTTPS.
fn behind_https(headers: &HeaderMap) -> bool {
    headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("https"))
}

fn with_cookie(mut response: Response, cookie: &Cookie<'_>) -> Response {
    if let Ok(value) = HeaderValue::from_str(&cookie.to_string()) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

/// POST /logout: ends the session in the database (not just in this browser) and clears the cookie.
pub async fn logout(State(state): State<AppState>, WebUser(auth): WebUser) -> Response {
    if let Via::Session { token_hash, .. } = &auth.via {
        if let Err(err) = state.store.delete_session(token_hash).await {
            return View::new(&state, &auth).error(err.into());
        }
    }
    let mut cleared = Cookie::build((SESSION_COOKIE, ""))
        .http_only(true)
        .same_site(SameSite::Lax)
        .path("/")
        .build();
    cleared.make_removal();
    with_cookie(see_other("/login"), &cleared).into_response()
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_local_paths_are_followed_after_login() {
        assert_eq!(safe_next("/roles?cursor=x"), "/roles?cursor=x");
        assert_eq!(safe_next("//evil.example"), "/");
        assert_eq!(safe_next("https://evil.example/"), "/");
        assert_eq!(safe_next("/\\evil.example"), "/");
        assert_eq!(safe_next(""), "/");
        assert_eq!(safe_next("/\t/evil.example"), "/");
        assert_eq!(safe_next("/\n/evil.example"), "/");
    }
}
