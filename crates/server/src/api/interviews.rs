//! Interviews: scheduling an application's interviews (stage, competencies, time, place, panel),
//! rescheduling and cancelling them, the interviewer's kit, and the caller's upcoming interviews.
//! An interview of an application the caller may not see is a 404, like the application.

use super::extract::{ApiJson, PathId};
use super::{created, Created};
use crate::application_context::ApplicationContext;
use crate::auth::ApiUser;
use crate::error::{AppError, AppResult, ErrorBody};
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use hireloop_core::authz::{authorize, Action, Principal};
use hireloop_core::candidate::{Region, SkillTag};
use hireloop_core::ids::{ApplicationId, InterviewId};
use hireloop_core::interview::schedule::stage_competencies;
use hireloop_core::interview::{
    Competency, CompetencyKit, Interview, InterviewChangeInput, InterviewInput,
};
use hireloop_core::scorecard::{from_toml, LoopStageKind, Scorecard, ScorecardLevel};
use hireloop_core::text::{Location, PersonName, Title};
use hireloop_store::records::InterviewSummary;
use hireloop_store::StoreError;
use serde::Serialize;
use utoipa::ToSchema;

/// The role's scorecard, if it has one. The store checked it on the way out.
pub(crate) async fn role_card(
    state: &AppState,
    ctx: &ApplicationContext,
) -> AppResult<Option<Scorecard>> {
    match state.store.role_scorecard(ctx.role.id).await? {
        None => Ok(None),
        Some(text) => from_toml(&text)
            .map(Some)
            .map_err(|e| StoreError::Corrupt(format!("scorecard: {e}")).into()),
    }
}

/// The level whose shipped loop template applies: the scorecard's, else the role's.
fn level(ctx: &ApplicationContext, card: Option<&Scorecard>) -> ScorecardLevel {
    card.map_or_else(|| ScorecardLevel::from_level(ctx.role.level), |c| c.level)
}

/// What a stage of this kind assesses: the role's own loop stage first, else the shipped
/// template's stage for the role's level (core's `stage_competencies`, shared with the CLI).
pub(crate) fn default_competencies(
    state: &AppState,
    ctx: &ApplicationContext,
    card: Option<&Scorecard>,
    kind: LoopStageKind,
) -> Option<Vec<Competency>> {
    stage_competencies(card, &state.interviews.loops, level(ctx, card), kind)
}

/// Why this stage exists, from the shipped template for the role's level.
fn stage_purpose(
    state: &AppState,
    ctx: &ApplicationContext,
    card: Option<&Scorecard>,
    kind: LoopStageKind,
) -> String {
    state
        .interviews
        .loops
        .for_level(level(ctx, card))
        .and_then(|t| t.stages.iter().find(|s| s.kind == kind))
        .map(|s| s.purpose.clone())
        .unwrap_or_else(|| {
            format!(
                "{}: gather evidence on the competencies below, using the rubric anchors.",
                kind.label()
            )
        })
}

/// Checks and stores a new interview: the one path the API and the schedule form share.
pub(crate) async fn schedule(
    state: &AppState,
    principal: &Principal,
    ctx: &ApplicationContext,
    input: &InterviewInput,
) -> AppResult<Interview> {
    authorize(principal, Action::ScheduleInterviews)?;
    if ctx.application.stage.is_closed() {
        return Err(AppError::Conflict {
            field: Some("application".into()),
            message: format!(
                "the application is {}; reopen it before scheduling interviews",
                ctx.application.stage.label().to_lowercase()
            ),
        });
    }
    let card = role_card(state, ctx).await?;
    let new = input.parse(ctx.application.id, |kind| {
        default_competencies(state, ctx, card.as_ref(), kind)
    })?;
    let interview = state
        .store
        .schedule_interview(&new, Some(principal.user_id))
        .await?;
    tracing::info!(interview = %interview.id, application = %ctx.application.id, "interview scheduled");
    crate::mail::notify::interview_scheduled(state, &interview).await;
    Ok(interview)
}

/// The interview and its application, if the caller may see the application; a 404 otherwise.
pub(crate) async fn load_interview(
    state: &AppState,
    principal: &Principal,
    id: InterviewId,
) -> AppResult<(Interview, ApplicationContext)> {
    let interview = state
        .store
        .interview(id)
        .await?
        .ok_or(AppError::NotFound("interview"))?;
    let ctx = ApplicationContext::load(state, principal, interview.application_id)
        .await
        .map_err(|err| match err {
            AppError::NotFound(_) => AppError::NotFound("interview"),
            other => other,
        })?;
    Ok((interview, ctx))
}

/// The stage of the loop an interview is.
#[derive(Debug, Serialize, ToSchema)]
pub struct KitStage {
    pub kind: LoopStageKind,
    pub label: &'static str,
    pub purpose: String,
}

/// What the interviewer needs to know about the candidate; nothing about pay or contact.
#[derive(Debug, Serialize, ToSchema)]
pub struct KitCandidate {
    pub name: PersonName,
    pub location: Option<Location>,
    pub region: Option<Region>,
    pub skills: Vec<SkillTag>,
    /// The candidate's newest resume document with its extracted text, if one was uploaded.
    pub resume: Option<KitResume>,
}

/// A resume as the kit shows it: the file's name and its text.
#[derive(Debug, Serialize, ToSchema)]
pub struct KitResume {
    pub file_name: String,
    pub text: String,
}

/// The interview kit: why the stage exists, what to ask, how to rate, and whom.
#[derive(Debug, Serialize, ToSchema)]
pub struct InterviewKit {
    pub interview: Interview,
    pub role_title: Title,
    pub stage: KitStage,
    pub candidate: KitCandidate,
    /// Per assessed competency: the four rubric anchors and the questions with good answers and red flags.
    pub competencies: Vec<CompetencyKit>,
}

pub(crate) async fn kit_for(
    state: &AppState,
    interview: Interview,
    ctx: &ApplicationContext,
) -> AppResult<InterviewKit> {
    let card = role_card(state, ctx).await?;
    let stage = KitStage {
        kind: interview.stage_kind,
        label: interview.stage_kind.label(),
        purpose: stage_purpose(state, ctx, card.as_ref(), interview.stage_kind),
    };
    let competencies = interview
        .competencies
        .iter()
        .filter_map(|c| state.interviews.kits.get(*c).cloned())
        .collect();
    let resume = match state
        .store
        .resume_documents(ctx.candidate.id)
        .await?
        .first()
    {
        Some(newest) => state
            .store
            .resume_document(ctx.candidate.id, newest.id)
            .await?
            .map(|d| KitResume {
                file_name: d.file_name,
                text: d.extracted_text.unwrap_or_default(),
            }),
        None => None,
    };
    Ok(InterviewKit {
        role_title: ctx.role.title.clone(),
        stage,
        candidate: KitCandidate {
            name: ctx.candidate.name.clone(),
            location: ctx.candidate.location.clone(),
            region: ctx.candidate.region,
            skills: ctx.candidate.skills.clone(),
            resume,
        },
        competencies,
        interview,
    })
}

#[utoipa::path(post, path = "/api/v1/applications/{id}/interviews", tag = "interviews",
    params(("id" = uuid::Uuid, Path)), request_body = InterviewInput,
    responses((status = 201, body = Interview, headers(("Location" = String, description = "The interview's URL"))),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "The application is closed"),
        (status = 422, body = ErrorBody, description = "A bad field, e.g. `participants[1]: no such user`")))]
pub async fn create(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathId(id): PathId<ApplicationId>,
    ApiJson(input): ApiJson<InterviewInput>,
) -> AppResult<Created<Interview>> {
    let principal = user.principal();
    let ctx = ApplicationContext::load(&state, &principal, id).await?;
    let interview = schedule(&state, &principal, &ctx, &input).await?;
    Ok(created(
        format!("/api/v1/interviews/{}", interview.id),
        interview,
    ))
}

#[utoipa::path(get, path = "/api/v1/applications/{id}/interviews", tag = "interviews",
    params(("id" = uuid::Uuid, Path)),
    responses((status = 200, body = [Interview], description = "Earliest first, cancelled ones included"),
        (status = 404, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathId(id): PathId<ApplicationId>,
) -> AppResult<Json<Vec<Interview>>> {
    let ctx = ApplicationContext::load(&state, &user.principal(), id).await?;
    Ok(Json(
        state
            .store
            .interviews_for_application(ctx.application.id)
            .await?,
    ))
}

#[utoipa::path(get, path = "/api/v1/interviews/{id}", tag = "interviews", params(("id" = uuid::Uuid, Path)),
    responses((status = 200, body = Interview), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathId(id): PathId<InterviewId>,
) -> AppResult<Json<Interview>> {
    let (interview, _) = load_interview(&state, &user.principal(), id).await?;
    Ok(Json(interview))
}

#[utoipa::path(patch, path = "/api/v1/interviews/{id}", tag = "interviews", params(("id" = uuid::Uuid, Path)),
    request_body = InterviewChangeInput,
    responses((status = 200, body = Interview), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "The interview is cancelled"),
        (status = 422, body = ErrorBody)))]
pub async fn update(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathId(id): PathId<InterviewId>,
    ApiJson(input): ApiJson<InterviewChangeInput>,
) -> AppResult<Json<Interview>> {
    let principal = user.principal();
    load_interview(&state, &principal, id).await?;
    authorize(&principal, Action::ScheduleInterviews)?;
    let change = input.parse()?;
    let interview = state.store.update_interview(id, &change).await?;
    if interview.status == hireloop_core::interview::InterviewStatus::Scheduled {
        crate::mail::notify::interview_scheduled(&state, &interview).await;
    }
    Ok(Json(interview))
}

#[utoipa::path(get, path = "/api/v1/interviews/{id}/kit", tag = "interviews", params(("id" = uuid::Uuid, Path)),
    responses((status = 200, body = InterviewKit), (status = 404, body = ErrorBody)))]
pub async fn kit(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathId(id): PathId<InterviewId>,
) -> AppResult<Json<InterviewKit>> {
    let (interview, ctx) = load_interview(&state, &user.principal(), id).await?;
    Ok(Json(kit_for(&state, interview, &ctx).await?))
}

#[utoipa::path(get, path = "/api/v1/me/interviews", tag = "interviews",
    responses((status = 200, body = [InterviewSummary],
        description = "The caller's scheduled interviews that have not ended, earliest first"),
        (status = 401, body = ErrorBody)))]
pub async fn mine(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
) -> AppResult<Json<Vec<InterviewSummary>>> {
    Ok(Json(
        state
            .store
            .upcoming_interviews_for_user(user.user.id, chrono::Utc::now())
            .await?,
    ))
}

/// The interview and feedback endpoints, merged into the API router.
pub fn routes() -> axum::Router<AppState> {
    use super::feedback;
    use axum::routing::get as read;
    axum::Router::new()
        .route(
            "/api/v1/applications/{id}/interviews",
            read(list).post(create),
        )
        .route("/api/v1/interviews/{id}", read(get).patch(update))
        .route("/api/v1/interviews/{id}/kit", read(kit))
        .route(
            "/api/v1/interviews/{id}/feedback",
            read(feedback::get_own).put(feedback::put_own),
        )
        .route(
            "/api/v1/applications/{id}/feedback",
            read(feedback::for_application),
        )
        .route(
            "/api/v1/applications/{id}/debrief",
            read(feedback::debrief_of),
        )
        .route("/api/v1/me/interviews", read(mine))
}
