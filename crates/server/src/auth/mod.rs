//! Authentication: Argon2id passwords, browser sessions with CSRF tokens, hashed API tokens.
//! Who may do what once authenticated is decided in `hireloop_core::authz`, not here.

mod extract;
mod middleware;
mod multipart_csrf;
mod secrets;

pub use extract::{ApiUser, WebUser};
pub use middleware::{authenticate, Authenticated, Via, CSRF_FIELD, CSRF_HEADER, SESSION_COOKIE};
pub use secrets::{hash_password, hash_token, new_api_token, new_secret, verify_password};

use crate::error::{AppError, AppResult};
use crate::state::AppState;
use hireloop_core::email::Email;
use hireloop_core::user::User;

/// Checks an email and password. The same error, and about the same time, whether the email is
/// unknown or the password wrong, so the login form does not reveal who has an account.
pub async fn check_login(state: &AppState, email: &str, password: &str) -> AppResult<User> {
    const REFUSED: &str = "wrong email or password";
    let email = Email::parse(email).map_err(|_| AppError::BadCredentials(REFUSED))?;
    let found = state.store.user_credentials(&email).await?;
    let (user, hash) = match found {
        Some((user, hash)) => (Some(user), hash),
        None => (None, secrets::DUMMY_HASH.to_string()),
    };
    let ok = verify_password(password, &hash).await?;
    match user {
        Some(user) if ok => Ok(user),
        _ => Err(AppError::BadCredentials(REFUSED)),
    }
}

/// Opens a session for `user`; returns the cookie value (the secret) and the session's CSRF token.
pub async fn open_session(state: &AppState, user: &User) -> AppResult<(String, String)> {
    let token = new_secret();
    let csrf = new_secret();
    let expires_at = chrono::Utc::now() + chrono::Duration::hours(state.config.session_hours);
    state
        .store
        .create_session(&hash_token(&token), user.id, &csrf, expires_at)
        .await?;
    Ok((token, csrf))
}
