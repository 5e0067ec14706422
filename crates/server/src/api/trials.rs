//! `/api/v1/applications/{id}/trial`: a paid trial with goals (default length from the installation's
//! trial policy) and its outcome, recorded once: convert hires, replace and end reject with the
//! reason, and the role's matches leave the candidate out from then on.

use super::extract::{ApiJson, PathId};
use super::{created, Created};
use crate::application_context::ApplicationContext;
use crate::auth::ApiUser;
use crate::error::{AppError, AppResult, ErrorBody};
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use hireloop_core::application::Application;
use hireloop_core::authz::{authorize, Action, Principal};
use hireloop_core::ids::ApplicationId;
use hireloop_core::interview::{TrialInput, TrialOutcome};
use hireloop_core::pipeline::StageMove;
use hireloop_store::records::TrialRecord;
use serde::{Deserialize, Serialize};

/// The longest outcome note: it becomes part of the rejection reason, which holds 500.
pub const MAX_NOTE_CHARS: usize = 400;

/// How a trial ended.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OutcomeInput {
    /// convert, replace or end.
    pub outcome: String,
    #[serde(default)]
    pub note: Option<String>,
}

/// The recorded outcome and where it left the application.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct OutcomeView {
    pub trial: TrialRecord,
    pub application: Application,
    /// For replace: the role's matches, which now leave this candidate out.
    pub matches: Option<String>,
}

/// Checks and stores a new trial.
pub async fn start(
    state: &AppState,
    principal: &Principal,
    id: ApplicationId,
    input: &TrialInput,
) -> AppResult<TrialRecord> {
    authorize(principal, Action::ManageTrials)?;
    ApplicationContext::load(state, principal, id).await?;
    let trial = input.parse(&state.interviews.trial_policy)?;
    Ok(state
        .store
        .start_trial(id, &trial, Some(principal.user_id))
        .await?)
}

/// Checks and records an outcome, moving the application with it.
pub async fn record_outcome(
    state: &AppState,
    principal: &Principal,
    id: ApplicationId,
    input: &OutcomeInput,
) -> AppResult<OutcomeView> {
    authorize(principal, Action::ManageTrials)?;
    let outcome: TrialOutcome = input
        .outcome
        .parse()
        .map_err(|message: String| AppError::field("outcome", message))?;
    let note = input
        .note
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty());
    if let Some(n) = note.filter(|n| n.chars().count() > MAX_NOTE_CHARS) {
        return Err(AppError::field(
            "note",
            format!(
                "must be at most {MAX_NOTE_CHARS} characters (got {})",
                n.chars().count()
            ),
        ));
    }
    let ctx = ApplicationContext::load(state, principal, id).await?;
    let from = ctx.application.stage;
    if from.is_closed() {
        return Err(AppError::Conflict {
            field: Some("stage".into()),
            message: format!(
                "the application is {from}; reopen it before recording the trial's outcome"
            ),
        });
    }
    let to = outcome.application_stage();
    let planned = if from == to {
        None
    } else {
        let reason = match note {
            Some(n) => format!("Trial: {}. {n}", outcome.label()),
            None => format!("Trial: {}", outcome.label()),
        };
        let planned = StageMove::plan(from, to, Some(&reason))?;
        // The move is the application's like any other: who may make it is the pipeline's rule.
        authorize(principal, Action::MoveApplication(planned.kind))?;
        Some(planned)
    };
    let trial = state
        .store
        .record_trial_outcome(id, outcome, note, planned.as_ref(), Some(principal.user_id))
        .await?;
    let application = ApplicationContext::load(state, principal, id)
        .await?
        .application;
    Ok(OutcomeView {
        matches: outcome
            .reopens_matching()
            .then(|| format!("/api/v1/roles/{}/matches", application.role_id)),
        trial,
        application,
    })
}

#[utoipa::path(get, path = "/api/v1/applications/{id}/trial", tag = "trials", params(("id" = Uuid, Path)),
    responses((status = 200, body = TrialRecord),
        (status = 404, body = ErrorBody, description = "No such application, or no trial yet")))]
pub async fn get(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathId(id): PathId<ApplicationId>,
) -> AppResult<Json<TrialRecord>> {
    ApplicationContext::load(&state, &user.principal(), id).await?;
    let trial = state
        .store
        .trial(id)
        .await?
        .ok_or(AppError::NotFound("trial"))?;
    Ok(Json(trial))
}

#[utoipa::path(post, path = "/api/v1/applications/{id}/trial", tag = "trials", params(("id" = Uuid, Path)),
    request_body = TrialInput,
    responses((status = 201, body = TrialRecord, headers(("Location" = String, description = "The trial's URL"))),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "The application already has a trial, or is closed or hired"),
        (status = 422, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathId(id): PathId<ApplicationId>,
    ApiJson(input): ApiJson<TrialInput>,
) -> AppResult<Created<TrialRecord>> {
    let trial = start(&state, &user.principal(), id, &input).await?;
    Ok(created(format!("/api/v1/applications/{id}/trial"), trial))
}

#[utoipa::path(post, path = "/api/v1/applications/{id}/trial/outcome", tag = "trials",
    params(("id" = Uuid, Path)), request_body = OutcomeInput,
    responses((status = 200, body = OutcomeView),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody, description = "No such application, or no trial"),
        (status = 409, body = ErrorBody, description = "The outcome is already recorded, or the application is closed"),
        (status = 422, body = ErrorBody)))]
pub async fn outcome(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathId(id): PathId<ApplicationId>,
    ApiJson(input): ApiJson<OutcomeInput>,
) -> AppResult<Json<OutcomeView>> {
    Ok(Json(
        record_outcome(&state, &user.principal(), id, &input).await?,
    ))
}
