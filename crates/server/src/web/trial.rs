//! The trial page (`/applications/{id}/trial`): the start form with goals (the length defaults to
//! the installation's trial policy), then the trial's dates and goals and the outcome form. Both go
//! through `api::trials`, the same path as the API's.

use super::offers::{date_field, load, value, Form};
use super::render::{field_messages, parse_form, see_other, View};
use crate::api::trials::{record_outcome, start as start_trial, OutcomeInput};
use crate::application_context::ApplicationContext;
use crate::auth::WebUser;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use hireloop_core::authz::Action;
use hireloop_core::interview::{TrialInput, TrialOutcome};
use hireloop_core::pipeline::Stage;
use hireloop_core::ValidationErrors;
use minijinja::{context, Value};

/// GET /applications/{id}/trial
pub async fn show(
    State(state): State<AppState>,
    WebUser(auth): WebUser,
    Path(id): Path<String>,
) -> Response {
    let view = View::new(&state, &auth);
    let result = async {
        let ctx = load(&view, &id).await?;
        trial_page(
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

/// POST /applications/{id}/trial
pub async fn start(
    State(state): State<AppState>,
    WebUser(auth): WebUser,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let view = View::new(&state, &auth);
    let result = async {
        let ctx = load(&view, &id).await?;
        let form: Form = parse_form(&body)?;
        let started = match trial_input(&form) {
            Ok(input) => start_trial(view.state, &view.principal()?, ctx.application.id, &input)
                .await
                .map(|_| ()),
            Err(errors) => Err(AppError::Validation(errors)),
        };
        finish_post(&view, ctx, form, started).await
    };
    view.finish(result.await)
}

/// POST /applications/{id}/trial/outcome
pub async fn outcome(
    State(state): State<AppState>,
    WebUser(auth): WebUser,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let view = View::new(&state, &auth);
    let result = async {
        let ctx = load(&view, &id).await?;
        let form: Form = parse_form(&body)?;
        let input = OutcomeInput {
            outcome: value(&form, "outcome").to_string(),
            note: Some(value(&form, "note").to_string()),
        };
        let recorded = record_outcome(view.state, &view.principal()?, ctx.application.id, &input)
            .await
            .map(|_| ());
        finish_post(&view, ctx, form, recorded).await
    };
    view.finish(result.await)
}

/// Back to the page on success; the page with the form as typed and its problems otherwise.
async fn finish_post(
    view: &View<'_>,
    ctx: ApplicationContext,
    form: Form,
    result: AppResult<()>,
) -> AppResult<Response> {
    match result {
        Ok(()) => Ok(see_other(&format!(
            "/applications/{}/trial",
            ctx.application.id
        ))),
        Err(err @ (AppError::Validation(_) | AppError::Conflict { .. })) => {
            let mut errors = err.field_errors();
            if errors.is_empty() {
                errors.add("trial", err.to_string());
            }
            let ctx = ApplicationContext::load(view.state, &view.principal()?, ctx.application.id)
                .await?;
            trial_page(view, &ctx, err.status(), form, errors).await
        }
        Err(err) => Err(err),
    }
}

/// The typed start form as the API's input: goals one a line.
fn trial_input(form: &Form) -> Result<TrialInput, ValidationErrors> {
    let mut errors = ValidationErrors::default();
    let start = date_field(form, "start", &mut errors);
    let days = match value(form, "days") {
        "" => None,
        raw => match raw.parse::<i64>() {
            Ok(d) => Some(d),
            Err(_) => {
                errors.add(
                    "days",
                    format!("enter a whole number of days (got '{raw}')"),
                );
                None
            }
        },
    };
    let goals = value(form, "goals").lines().map(str::to_string).collect();
    match start {
        Some(start) if errors.is_empty() => Ok(TrialInput { start, days, goals }),
        _ => Err(errors),
    }
}

async fn trial_page(
    view: &View<'_>,
    ctx: &ApplicationContext,
    status: StatusCode,
    form: Form,
    errors: ValidationErrors,
) -> AppResult<Response> {
    let trial = view.state.store.trial(ctx.application.id).await?;
    let may_manage = view.may(Action::ManageTrials);
    let stage = ctx.application.stage;
    let may_start = trial.is_none() && may_manage && !stage.is_closed() && stage != Stage::Hired;
    let policy = view.state.interviews.trial_policy;
    let outcomes: Vec<Value> = TrialOutcome::ALL
        .iter()
        .map(|o| context! { value => o.as_str(), label => o.label() })
        .collect();
    let trial_ctx = trial.as_ref().map(|t| {
        context! {
            start => t.trial.start.to_string(),
            end => t.trial.end.to_string(),
            days => t.trial.days(),
            goals => t.trial.goals.clone(),
            outcome => t.trial.outcome.map(|o| o.as_str()),
            outcome_label => t.trial.outcome.map(|o| o.label()),
            outcome_note => t.outcome_note.clone(),
            decided_at => t.decided_at.map(|d| d.format("%Y-%m-%d").to_string()),
            reopens_matching => t.trial.outcome.is_some_and(|o| o.reopens_matching()),
        }
    });
    let may_decide = trial.as_ref().is_some_and(|t| t.trial.outcome.is_none())
        && may_manage
        && !stage.is_closed();
    Ok(view.page_with_status(
        status,
        "trial.html",
        context! {
            section => "roles",
            tabs => ctx.tabs("trial"),
            application => context! {
                id => ctx.application.id.to_string(),
                stage => stage.label(),
                role_id => ctx.role.id.to_string(),
            },
            trial => trial_ctx,
            may_start => may_start,
            may_decide => may_decide,
            default_days => policy.default_days,
            max_days => policy.max_days,
            outcomes => outcomes,
            form => form,
            errors => field_messages(&errors),
        },
    ))
}
