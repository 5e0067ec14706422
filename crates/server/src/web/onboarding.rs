//! The onboarding page (`/applications/{id}/onboarding`): the form that generates the 30/60/90-day
//! plan from the role's scorecard, the tasks grouped by phase with a checkbox form each, the progress,
//! and the 90-day quality-of-hire rating at the end. Writes go through `api::onboarding`.

use super::offers::{date_field, load, value, Form};
use super::render::{field_messages, parse_form, see_other, View};
use crate::api::onboarding::{self as api, task_path, QualityInput};
use crate::application_context::ApplicationContext;
use crate::auth::WebUser;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use hireloop_core::authz::Action;
use hireloop_core::pipeline::Stage;
use hireloop_core::ValidationErrors;
use minijinja::{context, Value};

/// The rating scale, worded as the interview rubric's four levels are used.
const RATINGS: [(u8, &str); 4] = [
    (1, "1 · Clearly below the bar we hired for"),
    (2, "2 · Below the bar in places"),
    (3, "3 · At the bar: does what the scorecard asked"),
    (4, "4 · Above the bar"),
];

/// GET /applications/{id}/onboarding
pub async fn show(
    State(state): State<AppState>,
    WebUser(auth): WebUser,
    Path(id): Path<String>,
) -> Response {
    let view = View::new(&state, &auth);
    let result = async {
        let ctx = load(&view, &id).await?;
        page(
            &view,
            &ctx,
            StatusCode::OK,
            Form::new(),
            ValidationErrors::default(),
        )
        .await
    };
    view.finish(result.await)
}

/// POST /applications/{id}/onboarding: generates the plan.
pub async fn generate(
    State(state): State<AppState>,
    WebUser(auth): WebUser,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let view = View::new(&state, &auth);
    let result = async {
        let ctx = load(&view, &id).await?;
        let form: Form = parse_form(&body)?;
        let mut errors = ValidationErrors::default();
        let made = match date_field(&form, "start_date", &mut errors) {
            Some(start) => api::generate(view.state, &view.principal()?, ctx.application.id, start)
                .await
                .map(|_| ()),
            None => Err(AppError::Validation(errors)),
        };
        finish_post(&view, ctx, form, made).await
    };
    view.finish(result.await)
}

/// POST /applications/{id}/onboarding/tasks/{task_id}: the task's checkbox form. An unticked box
/// sends nothing, so no `done` means not done.
pub async fn tick(
    State(state): State<AppState>,
    WebUser(auth): WebUser,
    Path((id, task)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    let view = View::new(&state, &auth);
    let result = async {
        let ctx = load(&view, &id).await?;
        let form: Form = parse_form(&body)?;
        let (_, task) = task_path(&id, &task)?;
        let done = matches!(value(&form, "done"), "true" | "on" | "1");
        let ticked = api::tick(
            view.state,
            &view.principal()?,
            ctx.application.id,
            task,
            done,
        )
        .await
        .map(|_| ());
        finish_post(&view, ctx, form, ticked).await
    };
    view.finish(result.await)
}

/// POST /applications/{id}/onboarding/quality
pub async fn rate(
    State(state): State<AppState>,
    WebUser(auth): WebUser,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let view = View::new(&state, &auth);
    let result = async {
        let ctx = load(&view, &id).await?;
        let form: Form = parse_form(&body)?;
        let rated = match value(&form, "rating").parse::<i64>() {
            Ok(rating) => {
                let input = QualityInput {
                    rating,
                    note: Some(value(&form, "note").to_string()),
                };
                api::rate(view.state, &view.principal()?, ctx.application.id, &input)
                    .await
                    .map(|_| ())
            }
            Err(_) => Err(AppError::field("rating", "choose a rating from 1 to 4")),
        };
        finish_post(&view, ctx, form, rated).await
    };
    view.finish(result.await)
}

async fn finish_post(
    view: &View<'_>,
    ctx: ApplicationContext,
    form: Form,
    result: AppResult<()>,
) -> AppResult<Response> {
    match result {
        Ok(()) => Ok(see_other(&format!(
            "/applications/{}/onboarding",
            ctx.application.id
        ))),
        Err(err @ (AppError::Validation(_) | AppError::Conflict { .. })) => {
            let mut errors = err.field_errors();
            if errors.is_empty() {
                errors.add("onboarding", err.to_string());
            }
            page(view, &ctx, err.status(), form, errors).await
        }
        Err(err) => Err(err),
    }
}

async fn page(
    view: &View<'_>,
    ctx: &ApplicationContext,
    status: StatusCode,
    form: Form,
    errors: ValidationErrors,
) -> AppResult<Response> {
    let plan = view.state.store.onboarding(ctx.application.id).await?;
    let may_manage = view.may(Action::ManageOnboarding);
    let may_tick = view.may(Action::TickOnboardingTask);
    let stage = ctx.application.stage;
    let is_hire = matches!(stage, Stage::Offer | Stage::Hired);
    let plan_ctx = plan.as_ref().map(|p| {
        let phases: Vec<Value> = [30u16, 60, 90]
            .iter()
            .map(|phase| {
                let tasks: Vec<Value> = p
                    .tasks
                    .iter()
                    .filter(|t| t.task.phase == *phase)
                    .map(|t| {
                        context! {
                            id => t.id.to_string(),
                            text => t.task.text.clone(),
                            owner => t.task.owner.label(),
                            due_date => t.task.due_date.to_string(),
                            due_day => t.task.due_day,
                            done => t.task.done,
                            done_at => t.done_at.map(|d| d.format("%Y-%m-%d").to_string()),
                        }
                    })
                    .collect();
                let done = p
                    .tasks
                    .iter()
                    .filter(|t| t.task.phase == *phase && t.task.done)
                    .count();
                context! { phase => phase, total => tasks.len(), done => done, tasks => tasks }
            })
            .collect();
        let percent = (p.done * 100).checked_div(p.total).unwrap_or(0);
        context! {
            start_date => p.start_date.to_string(),
            missing_scope => p.missing_scope,
            done => p.done,
            total => p.total,
            percent => percent,
            phases => phases,
            quality => p.quality.as_ref().map(|q| context! {
                rating => q.rating,
                label => RATINGS.iter().find(|(r, _)| *r == q.rating).map(|(_, l)| *l),
                note => q.note.clone(),
                rated_at => q.rated_at.format("%Y-%m-%d").to_string(),
            }),
        }
    });
    let ratings: Vec<Value> = RATINGS
        .iter()
        .map(|(value, label)| context! { value => value.to_string(), label => label })
        .collect();
    let today = crate::matching::today().to_string();
    let hiring = hiring_view(view, ctx).await?;
    Ok(view.page_with_status(
        status,
        "onboarding.html",
        context! {
            section => "roles",
            tabs => ctx.tabs("onboarding"),
            application => context! {
                id => ctx.application.id.to_string(),
                stage => stage.label(),
                is_hire => is_hire,
            },
            plan => plan_ctx,
            hiring => hiring,
            may_generate => plan.is_none() && may_manage && is_hire,
            may_manage => may_manage,
            may_tick => may_tick,
            ratings => ratings,
            today => today,
            form => form,
            errors => field_messages(&errors),
        },
    ))
}

/// The interview scores at hiring time, to read beside the 90-day rating.
async fn hiring_view(view: &View<'_>, ctx: &ApplicationContext) -> AppResult<Value> {
    // The plan (and its rating) is loaded once by the page; only the scores are read here.
    let scores = api::interview_scores(view.state, &view.principal()?, ctx).await?;
    let competencies: Vec<Value> = scores
        .competencies
        .iter()
        .map(|c| {
            context! {
                name => c.competency.label(),
                mean => c.mean.map(|m| format!("{m:.1}")),
                rated => c.rated,
                no_evidence => c.no_evidence,
            }
        })
        .collect();
    let recommendations: Vec<String> = scores
        .recommendations
        .iter()
        .map(|r| format!("{} × {}", r.count, r.recommendation.label()))
        .collect();
    Ok(context! {
        scorecards => scores.scorecards,
        overall => scores.overall_mean.map(|m| format!("{m:.1}")),
        competencies => competencies,
        recommendations => recommendations,
    })
}
