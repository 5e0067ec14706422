//! The interview loop: the shipped competencies (rubrics and questions) and loop templates per level,
//! a role's loop with what it leaves untested, and copying a template into a role's scorecard, where
//! the role then edits its own copy.

use super::extract::{ApiJson, PathId};
use super::scorecards::stored;
use crate::auth::ApiUser;
use crate::error::{AppError, AppResult, ErrorBody};
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use hireloop_core::authz::{authorize, Action};
use hireloop_core::ids::RoleId;
use hireloop_core::interview::{coverage_gaps, CompetencyKit, CoverageGap, LoopTemplate};
use hireloop_core::scorecard::{to_toml, LoopStage, Scorecard, ScorecardLevel};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A role's interview loop and what it leaves untested.
#[derive(Debug, Serialize, ToSchema)]
pub struct RoleLoop {
    pub role_id: RoleId,
    pub level: ScorecardLevel,
    pub stages: Vec<LoopStage>,
    /// Must-haves no stage lists and shipped competencies no stage assesses.
    pub gaps: Vec<CoverageGap>,
}

impl RoleLoop {
    pub fn of(role_id: RoleId, card: &Scorecard) -> RoleLoop {
        RoleLoop {
            role_id,
            level: card.level,
            stages: card.interview_loop.clone(),
            gaps: coverage_gaps(card),
        }
    }
}

/// Which template to copy; the role's own level when omitted.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CopyTemplateInput {
    /// junior, mid, senior or staff.
    pub level: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/competencies", tag = "interviews",
    responses((status = 200, body = [CompetencyKit],
        description = "Each competency with its four rubric anchors and its questions"),
        (status = 401, body = ErrorBody)))]
pub async fn competencies(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
) -> AppResult<Json<Vec<CompetencyKit>>> {
    authorize(&user.principal(), Action::ViewRoles)?;
    Ok(Json(state.interviews.kits.iter().cloned().collect()))
}

#[utoipa::path(get, path = "/api/v1/loop-templates", tag = "interviews",
    responses((status = 200, body = [LoopTemplate], description = "One template per level, junior first"),
        (status = 401, body = ErrorBody)))]
pub async fn templates(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
) -> AppResult<Json<Vec<LoopTemplate>>> {
    authorize(&user.principal(), Action::ViewRoles)?;
    Ok(Json(
        ScorecardLevel::ALL
            .iter()
            .filter_map(|level| state.interviews.loops.for_level(*level).cloned())
            .collect(),
    ))
}

#[utoipa::path(get, path = "/api/v1/roles/{id}/loop", tag = "interviews",
    params(("id" = uuid::Uuid, Path)),
    responses((status = 200, body = RoleLoop),
        (status = 404, description = "No such role, or the role has no scorecard", body = ErrorBody)))]
pub async fn role_loop(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathId(id): PathId<RoleId>,
) -> AppResult<Json<RoleLoop>> {
    authorize(&user.principal(), Action::ViewRoles)?;
    let (card, _) = stored(&state, id).await?;
    Ok(Json(RoleLoop::of(id, &card)))
}

/// Replaces the role's loop with a copy of a shipped template; the rest of the scorecard stays.
#[utoipa::path(post, path = "/api/v1/roles/{id}/loop/from-template", tag = "interviews",
    params(("id" = uuid::Uuid, Path)), request_body = CopyTemplateInput,
    responses((status = 200, body = RoleLoop), (status = 403, body = ErrorBody),
        (status = 404, description = "No such role, or the role has no scorecard yet", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn copy_template(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathId(id): PathId<RoleId>,
    ApiJson(input): ApiJson<CopyTemplateInput>,
) -> AppResult<Json<RoleLoop>> {
    authorize(&user.principal(), Action::ManageRoles)?;
    let level = match input.level.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(raw) => Some(
            raw.parse::<ScorecardLevel>()
                .map_err(|message| AppError::field("level", message))?,
        ),
    };
    let card = copy_into_role(&state, id, level).await?;
    Ok(Json(RoleLoop::of(id, &card)))
}

/// Copies the template for `level` (the scorecard's own when `None`) into the role's stored
/// scorecard and saves it: the one path the API and the role page share.
pub async fn copy_into_role(
    state: &AppState,
    id: RoleId,
    level: Option<ScorecardLevel>,
) -> AppResult<Scorecard> {
    let (mut card, _) = stored(state, id).await?;
    let level = level.unwrap_or(card.level);
    let template =
        state.interviews.loops.for_level(level).ok_or_else(|| {
            AppError::field("level", format!("no loop template for level '{level}'"))
        })?;
    template.copy_into(&mut card);
    state.store.set_role_scorecard(id, &to_toml(&card)).await?;
    Ok(card)
}
