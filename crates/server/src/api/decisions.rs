//! Decisions on applications: advance, reject or withdraw with a structured reason from the shipped
//! taxonomy and a note, one at a time or in bulk, and the taxonomy itself. Every decision — from
//! the API, the bulk endpoint or the application page — goes through [`decide`], the one place a
//! decision succeeds.

use super::extract::{ApiJson, ApiQuery, PathId};
use crate::auth::ApiUser;
use crate::error::{AppError, AppResult, ErrorBody, ErrorPayload};
use crate::state::AppState;
use axum::extract::State;
use axum::routing::{get, post};
use axum::{Json, Router};
use hireloop_core::application::Application;
use hireloop_core::authz::{authorize, visibility, Action, Principal};
use hireloop_core::ids::ApplicationId;
use hireloop_core::interview::{Decision, DecisionInput, DecisionKind, DecisionReason};
use hireloop_core::pipeline::{MoveKind, Stage};
use serde::{Deserialize, Serialize};

/// The most applications one bulk decision may name: a page of the board, not the whole pool.
pub const BULK_LIMIT: usize = 200;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/applications/{id}/decision", post(decide_one))
        .route("/api/v1/applications/decisions", post(decide_bulk))
        .route("/api/v1/decision-reasons", get(reasons))
}

/// A decision on one application.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionRequest {
    /// advance, reject or withdraw.
    pub decision: String,
    /// A reason id from `/api/v1/decision-reasons`: required to reject or withdraw (a reason for
    /// that kind of decision), refused to advance.
    #[serde(default)]
    pub reason: Option<String>,
    /// Free text, 3-500 characters.
    #[serde(default)]
    pub note: Option<String>,
    /// The stage the decider saw the application in; if it has moved since, the answer is 409.
    #[serde(default)]
    pub from_stage: Option<String>,
}

/// One decision for several applications.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BulkDecisionRequest {
    /// 1-200 application ids; each is decided in its own transaction.
    pub application_ids: Vec<String>,
    /// advance, reject or withdraw.
    pub decision: String,
    #[serde(default)]
    pub reason: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

/// What a bulk decision did, application by application, in the order they were named.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct BulkDecisionReport {
    pub decided: usize,
    pub skipped: usize,
    pub results: Vec<BulkDecisionResult>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct BulkDecisionResult {
    /// The id as it was sent.
    pub application_id: String,
    /// `decided` or `skipped`.
    pub outcome: &'static str,
    /// The application after the decision, when decided.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub application: Option<Application>,
    /// Why it was skipped: the error the single-application endpoint would have answered.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorPayload>,
}

/// Filters the reason list.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ReasonQuery {
    /// Only the reasons for `reject` or `withdraw`.
    pub decision: Option<String>,
}

/// Checks a decision against the shipped taxonomy: 422 naming `decision`, `reason` or `note`.
pub fn parse_decision(state: &AppState, input: DecisionInput) -> AppResult<Decision> {
    Ok(input.parse(&state.interviews.reasons)?)
}

/// Decides on one application the caller may see: plans the move from where it is now (409 if
/// `expected` says the caller saw it elsewhere), authorizes the move's kind, stores the move with
/// its reason code, note and actor in one transaction.
///
/// The one place a decision succeeds: whatever must follow a decision (the rejection email…)
/// belongs at the end of this function, so the API, the bulk endpoint and the page all get it.
pub async fn decide(
    state: &AppState,
    principal: &Principal,
    id: ApplicationId,
    decision: &Decision,
    expected: Option<Stage>,
) -> AppResult<Application> {
    let current = state
        .store
        .application(&visibility(principal), id)
        .await?
        .ok_or(AppError::NotFound("application"))?;
    // Who may not decide at all hears so first, whatever state the application is in; the exact
    // move (e.g. rejecting a hire) is authorized again once planned.
    authorize(
        principal,
        Action::MoveApplication(match decision.kind {
            DecisionKind::Advance => MoveKind::Advance,
            DecisionKind::Reject | DecisionKind::Withdraw => MoveKind::Close,
        }),
    )?;
    if let Some(shown) = expected.filter(|s| *s != current.stage) {
        return Err(stage_conflict(format!(
            "the application is no longer in '{shown}' (it is in '{}' now); reload and try again",
            current.stage
        )));
    }
    // Decisions are about open applications: a closed one is reopened by a move first.
    if current.stage.is_closed() {
        return Err(stage_conflict(format!(
            "the application is {} already: reopen it before deciding again",
            current.stage.label().to_lowercase()
        )));
    }
    if decision.kind == DecisionKind::Advance && current.stage.next().is_none() {
        return Err(stage_conflict(format!(
            "'{}' is the last stage; there is nothing to advance to",
            current.stage
        )));
    }
    let planned = decision.stage_move(current.stage)?;
    authorize(principal, Action::MoveApplication(planned.kind))?;
    let decided = state
        .store
        .decide(
            id,
            &planned,
            decision.reason.as_ref().map(|r| r.id.as_str()),
            decision.note.as_ref(),
            Some(principal.user_id),
        )
        .await?;
    tracing::info!(application = %id, decision = %decision.kind, from = %planned.from,
        to = %planned.to, "decision recorded");
    if decision.kind == DecisionKind::Reject {
        let reason = decision.reason.as_ref().map(|r| r.label.as_str());
        crate::mail::notify::application_rejected(state, id, reason).await;
    }
    Ok(decided)
}

fn stage_conflict(message: String) -> AppError {
    AppError::Conflict {
        field: Some("stage".into()),
        message,
    }
}

#[utoipa::path(post, path = "/api/v1/applications/{id}/decision", tag = "decisions",
    params(("id" = Uuid, Path)), request_body = DecisionRequest,
    responses((status = 200, body = Application, description = "The application after the decision"),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "Moved by someone else meanwhile, or nothing to advance to"),
        (status = 422, body = ErrorBody, description = "Unknown decision; a missing reason, or one for another kind of decision")))]
pub async fn decide_one(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathId(id): PathId<ApplicationId>,
    ApiJson(input): ApiJson<DecisionRequest>,
) -> AppResult<Json<Application>> {
    let expected = match input.from_stage.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(raw) => Some(
            raw.parse::<Stage>()
                .map_err(|m| AppError::field("from_stage", m))?,
        ),
    };
    let decision = parse_decision(
        &state,
        DecisionInput {
            decision: input.decision,
            reason: input.reason,
            note: input.note,
        },
    )?;
    let decided = decide(&state, &user.principal(), id, &decision, expected).await?;
    Ok(Json(decided))
}

#[utoipa::path(post, path = "/api/v1/applications/decisions", tag = "decisions",
    request_body = BulkDecisionRequest,
    responses((status = 200, body = BulkDecisionReport,
            description = "Each application decided or skipped with why; the decided ones are kept"),
        (status = 422, body = ErrorBody, description = "The decision itself is invalid, or no or too many ids")))]
pub async fn decide_bulk(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiJson(input): ApiJson<BulkDecisionRequest>,
) -> AppResult<Json<BulkDecisionReport>> {
    if input.application_ids.is_empty() {
        return Err(AppError::field(
            "application_ids",
            "name at least one application",
        ));
    }
    if input.application_ids.len() > BULK_LIMIT {
        return Err(AppError::field(
            "application_ids",
            format!(
                "at most {BULK_LIMIT} applications at once (got {})",
                input.application_ids.len()
            ),
        ));
    }
    let decision = parse_decision(
        &state,
        DecisionInput {
            decision: input.decision,
            reason: input.reason,
            note: input.note,
        },
    )?;
    let report = decide_many(&state, &user.principal(), &input.application_ids, &decision).await;
    Ok(Json(report))
}

/// Decides each application on its own, in order; one that fails is reported and the rest go on.
pub async fn decide_many(
    state: &AppState,
    principal: &Principal,
    ids: &[String],
    decision: &Decision,
) -> BulkDecisionReport {
    let mut results = Vec::with_capacity(ids.len());
    for (i, raw) in ids.iter().enumerate() {
        let field = format!("application_ids[{i}]");
        let outcome = match raw.trim().parse::<ApplicationId>() {
            Err(message) => Err(AppError::field(field, message)),
            Ok(id) => match ids[..i].iter().position(|o| o.trim() == raw.trim()) {
                Some(first) => Err(AppError::field(
                    field,
                    format!("listed already as application_ids[{first}]"),
                )),
                None => decide(state, principal, id, decision, None).await,
            },
        };
        results.push(match outcome {
            Ok(application) => BulkDecisionResult {
                application_id: raw.clone(),
                outcome: "decided",
                application: Some(application),
                error: None,
            },
            Err(err) => {
                if let AppError::Internal(inner) = &err {
                    tracing::error!(error = format!("{inner:#}"), "a bulk decision failed");
                }
                BulkDecisionResult {
                    application_id: raw.clone(),
                    outcome: "skipped",
                    application: None,
                    error: Some(err.body().error),
                }
            }
        });
    }
    let decided = results.iter().filter(|r| r.application.is_some()).count();
    BulkDecisionReport {
        decided,
        skipped: results.len() - decided,
        results,
    }
}

#[utoipa::path(get, path = "/api/v1/decision-reasons", tag = "decisions", params(ReasonQuery),
    responses((status = 200, body = [DecisionReason], description = "The reasons to reject, then to withdraw"),
        (status = 400, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn reasons(
    State(state): State<AppState>,
    ApiUser(_): ApiUser,
    ApiQuery(query): ApiQuery<ReasonQuery>,
) -> AppResult<Json<Vec<DecisionReason>>> {
    let kinds = match query.decision.as_deref().map(str::trim) {
        None | Some("") => vec![DecisionKind::Reject, DecisionKind::Withdraw],
        Some(raw) => {
            let kind = raw
                .parse::<DecisionKind>()
                .map_err(|message| AppError::BadRequest {
                    field: Some("decision".into()),
                    message: format!("query parameter 'decision': {message}"),
                })?;
            vec![kind]
        }
    };
    let taxonomy = &state.interviews.reasons;
    Ok(Json(
        kinds
            .into_iter()
            .flat_map(|kind| taxonomy.for_kind(kind).cloned())
            .collect(),
    ))
}
