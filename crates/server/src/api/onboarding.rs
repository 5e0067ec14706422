//! `/api/v1/applications/{id}/onboarding`: the hire's 30/60/90-day plan generated from the shipped
//! template and the role's scorecard, its tasks ticked off by anyone who sees the application, and
//! the 90-day quality-of-hire rating on the interview rubric's 1-4 scale.

use super::extract::{ApiJson, PathId};
use super::{created, Created};
use crate::application_context::ApplicationContext;
use crate::auth::ApiUser;
use crate::error::{AppError, AppResult, ErrorBody};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::Json;
use chrono::NaiveDate;
use hireloop_core::authz::{authorize, Action, Principal};
use hireloop_core::ids::ApplicationId;
use hireloop_core::interview::{hiring_scores, HiringScores};
use hireloop_core::scorecard::{Scorecard, ScorecardLevel};
use hireloop_store::records::OnboardingRecord;
use serde::Deserialize;
use uuid::Uuid;

/// The longest quality-of-hire note, in characters.
pub const MAX_NOTE_CHARS: usize = 2000;

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanInput {
    /// The hire's first day: day 1 of the plan.
    pub start_date: NaiveDate,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TaskInput {
    pub done: bool,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct QualityInput {
    /// 1-4, the interview rubric's scale: 1 clearly below the bar, 4 well above it.
    pub rating: i64,
    #[serde(default)]
    pub note: Option<String>,
}

/// Generates the plan from the role's scorecard (its scope becomes "own …" tasks) and stores it.
pub async fn generate(
    state: &AppState,
    principal: &Principal,
    id: ApplicationId,
    start: NaiveDate,
) -> AppResult<OnboardingRecord> {
    authorize(principal, Action::ManageOnboarding)?;
    let ctx = ApplicationContext::load(state, principal, id).await?;
    // Without a scorecard the template still applies; the plan then says the scope is missing.
    let card = crate::matching::role_scorecard(state, ctx.role.id)
        .await?
        .unwrap_or_else(|| {
            Scorecard::new(
                ctx.role.title.clone(),
                ScorecardLevel::from_level(ctx.role.level),
            )
        });
    let plan = state.interviews.onboarding.plan(&card, start);
    Ok(state
        .store
        .create_onboarding(id, start, &plan, Some(principal.user_id))
        .await?)
}

/// Ticks a task off or back on.
pub async fn tick(
    state: &AppState,
    principal: &Principal,
    id: ApplicationId,
    task: Uuid,
    done: bool,
) -> AppResult<OnboardingRecord> {
    authorize(principal, Action::TickOnboardingTask)?;
    ApplicationContext::load(state, principal, id).await?;
    Ok(state
        .store
        .set_onboarding_task(id, task, done, Some(principal.user_id))
        .await?)
}

/// Checks and records the quality-of-hire rating.
pub async fn rate(
    state: &AppState,
    principal: &Principal,
    id: ApplicationId,
    input: &QualityInput,
) -> AppResult<OnboardingRecord> {
    authorize(principal, Action::ManageOnboarding)?;
    let rating = u8::try_from(input.rating)
        .ok()
        .filter(|r| (1..=4).contains(r))
        .ok_or_else(|| AppError::field("rating", "must be 1 to 4, the interview rubric's scale"))?;
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
    ApplicationContext::load(state, principal, id).await?;
    Ok(state
        .store
        .rate_onboarding_quality(id, rating, note, Some(principal.user_id))
        .await?)
}

#[utoipa::path(get, path = "/api/v1/applications/{id}/onboarding", tag = "onboarding",
    params(("id" = Uuid, Path)),
    responses((status = 200, body = OnboardingRecord),
        (status = 404, body = ErrorBody, description = "No such application, or no plan yet")))]
pub async fn get(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathId(id): PathId<ApplicationId>,
) -> AppResult<Json<OnboardingRecord>> {
    ApplicationContext::load(&state, &user.principal(), id).await?;
    let plan = state
        .store
        .onboarding(id)
        .await?
        .ok_or(AppError::NotFound("onboarding plan"))?;
    Ok(Json(plan))
}

#[utoipa::path(post, path = "/api/v1/applications/{id}/onboarding", tag = "onboarding",
    params(("id" = Uuid, Path)), request_body = PlanInput,
    responses((status = 201, body = OnboardingRecord, headers(("Location" = String, description = "The plan's URL"))),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "Not at offer or hired, or the plan exists already"),
        (status = 422, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathId(id): PathId<ApplicationId>,
    ApiJson(input): ApiJson<PlanInput>,
) -> AppResult<Created<OnboardingRecord>> {
    let plan = generate(&state, &user.principal(), id, input.start_date).await?;
    Ok(created(
        format!("/api/v1/applications/{id}/onboarding"),
        plan,
    ))
}

#[utoipa::path(post, path = "/api/v1/applications/{id}/onboarding/tasks/{task_id}", tag = "onboarding",
    params(("id" = Uuid, Path), ("task_id" = Uuid, Path)), request_body = TaskInput,
    responses((status = 200, body = OnboardingRecord, description = "The plan with the task ticked and the progress"),
        (status = 400, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn set_task(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path((id, task)): Path<(String, String)>,
    ApiJson(input): ApiJson<TaskInput>,
) -> AppResult<Json<OnboardingRecord>> {
    let (id, task) = task_path(&id, &task)?;
    Ok(Json(
        tick(&state, &user.principal(), id, task, input.done).await?,
    ))
}

#[utoipa::path(post, path = "/api/v1/applications/{id}/onboarding/quality", tag = "onboarding",
    params(("id" = Uuid, Path)), request_body = QualityInput,
    responses((status = 200, body = OnboardingRecord), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody, description = "No such application, or no plan yet"),
        (status = 422, body = ErrorBody)))]
pub async fn quality(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathId(id): PathId<ApplicationId>,
    ApiJson(input): ApiJson<QualityInput>,
) -> AppResult<Json<OnboardingRecord>> {
    Ok(Json(rate(&state, &user.principal(), id, &input).await?))
}

/// The application and task ids of a task path; a malformed one is a 400 naming it.
pub fn task_path(id: &str, task: &str) -> AppResult<(ApplicationId, Uuid)> {
    let bad = |field: &str, message: String| AppError::BadRequest {
        field: Some(field.into()),
        message,
    };
    let id = id.parse::<ApplicationId>().map_err(|m| bad("id", m))?;
    let task = Uuid::parse_str(task.trim())
        .map_err(|_| bad("task_id", format!("'{task}' is not a task id")))?;
    Ok((id, task))
}

/// The hire's 90-day rating beside what the interviews said at hiring time.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct QualityOfHireView {
    /// The 90-day rating, once recorded.
    pub quality: Option<hireloop_store::records::QualityOfHire>,
    /// The submitted interview feedback the caller may read, summarised per competency.
    pub interviews: HiringScores,
}

/// What the interviews said about the hire, from the submitted feedback the caller may read under
/// the independent-submission rule: the API's quality-of-hire view and the onboarding page share it.
pub(crate) async fn interview_scores(
    state: &AppState,
    principal: &Principal,
    ctx: &ApplicationContext,
) -> AppResult<HiringScores> {
    let visible = super::feedback::visible_feedback(state, principal, ctx).await?;
    Ok(hiring_scores(
        visible
            .items
            .iter()
            .filter(|f| f.is_submitted())
            .map(|f| &f.feedback),
    ))
}

#[utoipa::path(get, path = "/api/v1/applications/{id}/quality-of-hire", tag = "onboarding",
    params(("id" = Uuid, Path)),
    responses((status = 200, body = QualityOfHireView), (status = 404, body = ErrorBody)))]
pub async fn quality_of_hire(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathId(id): PathId<ApplicationId>,
) -> AppResult<Json<QualityOfHireView>> {
    let principal = user.principal();
    let ctx = ApplicationContext::load(&state, &principal, id).await?;
    let quality = state
        .store
        .onboarding(id)
        .await?
        .and_then(|plan| plan.quality);
    let interviews = interview_scores(&state, &principal, &ctx).await?;
    Ok(Json(QualityOfHireView {
        quality,
        interviews,
    }))
}
