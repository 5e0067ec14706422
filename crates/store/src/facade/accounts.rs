//! `Store` methods for users, their sessions and their API tokens.

use crate::{records, Backend, Result, Store};
use hireloop_core::email::Email;
use hireloop_core::ids::{ApiTokenId, UserId};
use hireloop_core::page::{Page, PageRequest};
use hireloop_core::user::{NewUser, User};
use records::{ApiToken, Session};

impl Store {
    pub async fn create_user(&self, new: &NewUser, password_hash: &str) -> Result<User> {
        dispatch!(self.create_user(new, password_hash))
    }
    pub async fn user(&self, id: UserId) -> Result<Option<User>> {
        dispatch!(self.user(id))
    }
    pub async fn user_by_email(&self, email: &Email) -> Result<Option<User>> {
        dispatch!(self.user_by_email(email))
    }
    /// A user and their password hash, for logging in.
    pub async fn user_credentials(&self, email: &Email) -> Result<Option<(User, String)>> {
        dispatch!(self.user_credentials(email))
    }
    /// Replaces a user's password hash and ends their sessions.
    pub async fn set_password(&self, id: UserId, password_hash: &str) -> Result<()> {
        dispatch!(self.set_password(id, password_hash))
    }
    pub async fn list_users(&self, page: &PageRequest) -> Result<Page<User>> {
        dispatch!(self.list_users(page))
    }
    pub async fn count_users(&self) -> Result<i64> {
        dispatch!(self.count_users())
    }

    pub async fn create_session(
        &self,
        token_hash: &str,
        user: UserId,
        csrf_token: &str,
        expires_at: chrono::DateTime<chrono::Utc>,
    ) -> Result<()> {
        dispatch!(self.create_session(token_hash, user, csrf_token, expires_at))
    }
    pub async fn session(&self, token_hash: &str) -> Result<Option<Session>> {
        dispatch!(self.session(token_hash))
    }
    pub async fn delete_session(&self, token_hash: &str) -> Result<()> {
        dispatch!(self.delete_session(token_hash))
    }

    pub async fn create_api_token(
        &self,
        user: UserId,
        name: &str,
        token_hash: &str,
    ) -> Result<ApiToken> {
        dispatch!(self.create_api_token(user, name, token_hash))
    }
    pub async fn user_for_api_token(&self, token_hash: &str) -> Result<Option<(User, ApiTokenId)>> {
        dispatch!(self.user_for_api_token(token_hash))
    }
    pub async fn list_api_tokens(&self, user: UserId) -> Result<Vec<ApiToken>> {
        dispatch!(self.list_api_tokens(user))
    }
    /// Revokes a token; with `owner`, only if it is that user's.
    pub async fn revoke_api_token(
        &self,
        owner: Option<UserId>,
        id: ApiTokenId,
    ) -> Result<ApiToken> {
        dispatch!(self.revoke_api_token(owner, id))
    }
}
