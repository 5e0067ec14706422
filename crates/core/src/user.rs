//! Users: the people who log in, with the one role that decides what they may do.

use crate::email::Email;
use crate::error::ValidationErrors;
use crate::ids::UserId;
use crate::text::PersonName;
use crate::vocab::vocabulary;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;

vocabulary!(
    /// What a user is in the hiring team (DESIGN.md, "Who uses it").
    UserRole, "user role" {
        /// Users, permissions, retention, backups; may do everything.
        Admin => "admin", "Admin";
        /// Owns the pipeline and the talent pool.
        Recruiter => "recruiter", "Recruiter";
        /// Defines roles, interviews, decides.
        HiringManager => "hiring_manager", "Hiring manager";
        /// Sees only the applications assigned to them.
        Interviewer => "interviewer", "Interviewer";
    }
);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct User {
    pub id: UserId,
    pub email: Email,
    pub name: PersonName,
    pub role: UserRole,
    pub created_at: DateTime<Utc>,
}

/// A password as typed. Never printed, never stored: only its Argon2id hash is.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl Password {
    pub const MIN_CHARS: usize = 10;
    pub const MAX_CHARS: usize = 256;

    pub fn parse(raw: &str) -> Result<Self, String> {
        let len = raw.chars().count();
        if len < Self::MIN_CHARS {
            return Err(format!("must be at least {} characters", Self::MIN_CHARS));
        }
        if len > Self::MAX_CHARS {
            return Err(format!("must be at most {} characters", Self::MAX_CHARS));
        }
        Ok(Self(raw.to_string()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(<redacted>)")
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UserInput {
    pub email: String,
    pub name: String,
    /// admin, recruiter, hiring_manager or interviewer.
    pub role: String,
    /// At least 10 characters.
    pub password: String,
}

#[derive(Debug, Clone)]
pub struct NewUser {
    pub email: Email,
    pub name: PersonName,
    pub role: UserRole,
    pub password: Password,
}

impl UserInput {
    pub fn parse(&self) -> Result<NewUser, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let email = errors.check("email", Email::parse(&self.email));
        let name = errors.check("name", PersonName::parse(&self.name));
        let role = errors.check("role", self.role.parse());
        let password = errors.check("password", Password::parse(&self.password));
        match (email, name, role, password) {
            (Some(email), Some(name), Some(role), Some(password)) if errors.is_empty() => {
                Ok(NewUser {
                    email,
                    name,
                    role,
                    password,
                })
            }
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_is_never_printed() {
        let p = Password::parse("correct horse battery").unwrap();
        assert!(!format!("{p:?}").contains("horse"));
        assert!(Password::parse("short").is_err());
    }
}
