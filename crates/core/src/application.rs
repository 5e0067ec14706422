//! Applications: one candidate on one role, at one stage, with the history of how it got there.

use crate::error::ValidationErrors;
use crate::ids::{ApplicationId, CandidateId, RoleId, UserId};
use crate::pipeline::Stage;
use crate::text::{PersonName, Reason, Title};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// An application as stored, with the names the board and lists show.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Application {
    pub id: ApplicationId,
    pub role_id: RoleId,
    pub candidate_id: CandidateId,
    pub stage: Stage,
    /// Why it was rejected or withdrawn, or the note on the last move.
    pub stage_reason: Option<Reason>,
    pub role_title: Title,
    pub candidate_name: PersonName,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// One stage change, kept forever: the raw material of pipeline analytics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StageChange {
    pub application_id: ApplicationId,
    /// None for the stage the application was created in.
    pub from_stage: Option<Stage>,
    pub to_stage: Stage,
    pub reason: Option<Reason>,
    pub actor_id: Option<UserId>,
    pub at: DateTime<Utc>,
    /// The decision reason's id from the taxonomy (e.g. `skill_gap`), for moves made as a decision.
    #[serde(default)]
    pub reason_code: Option<String>,
    /// The decision's note as written, apart from `reason` (which also carries the reason's label).
    #[serde(default)]
    pub note: Option<Reason>,
    /// Who made the change, as named now; None for the system or a deleted user.
    #[serde(default)]
    pub actor_name: Option<PersonName>,
}

/// Puts a candidate on a role.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ApplicationInput {
    pub role_id: Uuid,
    pub candidate_id: Uuid,
    /// The stage to start in; `sourced` when omitted. Cannot be rejected or withdrawn.
    #[serde(default)]
    pub stage: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewApplication {
    pub role_id: RoleId,
    pub candidate_id: CandidateId,
    pub stage: Stage,
}

impl ApplicationInput {
    pub fn parse(&self) -> Result<NewApplication, ValidationErrors> {
        let stage = match self.stage.as_deref().map(str::trim) {
            None | Some("") => Ok(Stage::Sourced),
            Some(raw) => raw.parse::<Stage>().and_then(|s| {
                if s.is_closed() {
                    Err(format!("an application cannot start in '{s}'"))
                } else {
                    Ok(s)
                }
            }),
        };
        let stage = stage.map_err(|m| ValidationErrors::single("stage", m))?;
        Ok(NewApplication {
            role_id: RoleId(self.role_id),
            candidate_id: CandidateId(self.candidate_id),
            stage,
        })
    }
}

/// Moves an application to another stage.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MoveInput {
    pub stage: String,
    /// Required for rejected and withdrawn (3-500 characters).
    #[serde(default)]
    pub reason: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starts_in_sourced_and_never_closed() {
        let input = ApplicationInput {
            role_id: Uuid::nil(),
            candidate_id: Uuid::nil(),
            stage: None,
        };
        assert_eq!(input.parse().unwrap().stage, Stage::Sourced);
        let closed = ApplicationInput {
            stage: Some("rejected".into()),
            ..input
        };
        assert_eq!(closed.parse().unwrap_err().errors[0].field, "stage");
    }
}
