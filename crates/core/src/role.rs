//! Roles (requisitions). The full scorecard arrives with the roles issue; this is the requisition core.

use crate::error::ValidationErrors;
use crate::ids::{RoleId, UserId};
use crate::level::Level;
use crate::text::{PrimaryLanguage, Title};
use crate::vocab::vocabulary;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

vocabulary!(
    /// Where a role is in its life.
    RoleStatus, "role status" {
        /// Being written; not yet sourcing.
        Draft => "draft", "Draft";
        /// Sourcing and interviewing.
        Open => "open", "Open";
        /// Paused; existing applications stay.
        OnHold => "on_hold", "On hold";
        /// Filled by a hire.
        Filled => "filled", "Filled";
        /// Cancelled without a hire.
        Closed => "closed", "Closed";
    }
);

impl RoleStatus {
    /// Whether new applications may be added to a role in this status.
    pub fn accepts_applications(self) -> bool {
        matches!(
            self,
            RoleStatus::Draft | RoleStatus::Open | RoleStatus::OnHold
        )
    }
}

/// A role as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Role {
    pub id: RoleId,
    pub title: Title,
    pub level: Level,
    pub primary_language: PrimaryLanguage,
    pub status: RoleStatus,
    pub hiring_manager_id: Option<UserId>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A role as it arrives from a form or the API.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RoleInput {
    /// 3-120 characters; carry level, focus and arrangement, e.g. "Senior Go Engineer, Payments API (Remote)".
    pub title: String,
    /// junior, mid or senior.
    pub level: String,
    /// The primary language or framework, e.g. "Go" or "Python/Django".
    pub primary_language: String,
    /// draft, open, on_hold, filled or closed; `open` when omitted.
    #[serde(default)]
    pub status: Option<String>,
    /// The user who owns the hiring decision.
    #[serde(default)]
    pub hiring_manager_id: Option<Uuid>,
}

/// A valid new role. Whether the hiring manager exists is checked by the store.
#[derive(Debug, Clone, PartialEq)]
pub struct NewRole {
    pub title: Title,
    pub level: Level,
    pub primary_language: PrimaryLanguage,
    pub status: RoleStatus,
    pub hiring_manager_id: Option<UserId>,
}

impl RoleInput {
    pub fn parse(&self) -> Result<NewRole, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let title = errors.check("title", Title::parse(&self.title));
        let level = errors.check("level", self.level.parse());
        let primary_language = errors.check(
            "primary_language",
            PrimaryLanguage::parse(&self.primary_language),
        );
        let status = errors.check(
            "status",
            self.status
                .as_deref()
                .filter(|s| !s.trim().is_empty())
                .map_or(Ok(RoleStatus::Open), str::parse),
        );
        match (title, level, primary_language, status) {
            (Some(title), Some(level), Some(primary_language), Some(status))
                if errors.is_empty() =>
            {
                Ok(NewRole {
                    title,
                    level,
                    primary_language,
                    status,
                    hiring_manager_id: self.hiring_manager_id.map(UserId),
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
    fn defaults_to_open_and_names_bad_fields() {
        let ok = RoleInput {
            title: "Senior Go Engineer".into(),
            level: "Senior".into(),
            primary_language: "Go".into(),
            ..Default::default()
        }
        .parse()
        .unwrap();
        assert_eq!(ok.status, RoleStatus::Open);
        assert_eq!(ok.level, Level::Senior);

        let errors = RoleInput {
            title: "x".into(),
            level: "staff".into(),
            ..Default::default()
        }
        .parse()
        .unwrap_err();
        let fields: Vec<_> = errors.errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["title", "level", "primary_language"]);
    }

    #[test]
    fn closed_roles_take_no_applications() {
        assert!(RoleStatus::Open.accepts_applications());
        assert!(!RoleStatus::Filled.accepts_applications());
        assert!(!RoleStatus::Closed.accepts_applications());
    }
}
