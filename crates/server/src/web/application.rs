//! The application overview page (`/applications/{id}`): candidate and role, the current stage, the
//! decision form (advance, reject or withdraw with a reason from the taxonomy, and a note) and the
//! timeline of every stage change, newest first. Decisions go through `api::decisions::decide`, the
//! same path as the API's.

use super::render::{field_messages, parse_form, see_other, View};
use crate::api::decisions::{decide, parse_decision};
use crate::application_context::ApplicationContext;
use crate::auth::WebUser;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use chrono::{DateTime, Utc};
use hireloop_core::application::StageChange;
use hireloop_core::authz::Action;
use hireloop_core::ids::ApplicationId;
use hireloop_core::interview::{DecisionInput, DecisionKind, Interview, ReasonTaxonomy};
use hireloop_core::pipeline::{Stage, StageMove};
use hireloop_core::ValidationErrors;
use hireloop_store::records::{InterviewFeedback, OfferRecord};
use minijinja::{context, Value};
use serde::{Deserialize, Serialize};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/applications/{id}", get(show))
        .route("/applications/{id}/decision", post(submit_decision))
        .route(
            "/roles/{id}/board/decide",
            post(super::board::decide_selected),
        )
}

/// The decision form as typed; kept to show again with the errors.
#[derive(Debug, Default, Deserialize, Serialize)]
struct DecisionForm {
    #[serde(default)]
    decision: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    note: String,
    /// The stage the page showed: a decision from a stale page is refused.
    #[serde(default)]
    from_stage: String,
}

/// GET /applications/{id}
pub async fn show(
    State(state): State<AppState>,
    WebUser(auth): WebUser,
    Path(id): Path<String>,
) -> Response {
    let view = View::new(&state, &auth);
    let result = async {
        let ctx = load(&view, &id).await?;
        overview(
            &view,
            &ctx,
            StatusCode::OK,
            &DecisionForm::default(),
            &ValidationErrors::default(),
        )
        .await
    };
    view.finish(result.await)
}

/// POST /applications/{id}/decision: on success back to the page (POST-redirect-GET); a bad
/// decision shows the page again with the form as typed and the problem next to its field.
pub async fn submit_decision(
    State(state): State<AppState>,
    WebUser(auth): WebUser,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let view = View::new(&state, &auth);
    let result = async {
        let ctx = load(&view, &id).await?;
        let form: DecisionForm = parse_form(&body)?;
        match apply(&view, &ctx, &form).await {
            Ok(()) => Ok(see_other(&format!("/applications/{}", ctx.application.id))),
            Err(err @ (AppError::Validation(_) | AppError::Conflict { .. })) => {
                // Show the page as it is now (a conflict means someone else moved it).
                let ctx = load(&view, &id).await?;
                let mut errors = err.field_errors();
                if errors.is_empty() {
                    errors.add("decision", err.to_string());
                }
                overview(&view, &ctx, err.status(), &form, &errors).await
            }
            Err(err) => Err(err),
        }
    };
    view.finish(result.await)
}

async fn apply(view: &View<'_>, ctx: &ApplicationContext, form: &DecisionForm) -> AppResult<()> {
    let expected = match form.from_stage.trim() {
        "" => None,
        raw => Some(
            raw.parse::<Stage>()
                .map_err(|m| AppError::field("from_stage", m))?,
        ),
    };
    let blank_to_none = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
    let decision = parse_decision(
        view.state,
        DecisionInput {
            decision: form.decision.clone(),
            reason: blank_to_none(&form.reason),
            note: blank_to_none(&form.note),
        },
    )?;
    decide(
        view.state,
        &view.principal()?,
        ctx.application.id,
        &decision,
        expected,
    )
    .await?;
    Ok(())
}

/// The application the viewer may see, by the id in the URL; otherwise not found.
async fn load(view: &View<'_>, raw_id: &str) -> AppResult<ApplicationContext> {
    let id: ApplicationId = raw_id
        .parse()
        .map_err(|_| AppError::NotFound("application"))?;
    ApplicationContext::load(view.state, &view.principal()?, id).await
}

async fn overview(
    view: &View<'_>,
    ctx: &ApplicationContext,
    status: StatusCode,
    form: &DecisionForm,
    errors: &ValidationErrors,
) -> AppResult<Response> {
    let application = &ctx.application;
    let store = &view.state.store;
    let reasons = &view.state.interviews.reasons;
    // Stage changes, interviews (at their start, so upcoming ones lead) and the offer's latest
    // status, newest first; ties keep the order they happened in, reversed.
    let mut entries: Vec<(DateTime<Utc>, Value)> = Vec::new();
    for change in store.stage_history(application.id).await? {
        entries.push((change.at, change_view(&change, reasons)));
    }
    for interview in store.interviews_for_application(application.id).await? {
        entries.push((interview.starts_at, interview_view(&interview)));
    }
    // That a scorecard was submitted, not what it says: the debrief applies the visibility rule.
    for feedback in store.feedback_for_application(application.id).await? {
        if let Some(at) = feedback.submitted_at {
            entries.push((at, feedback_view(&feedback, at)));
        }
    }
    // Interviewers do not see offers anywhere else either.
    if view.may(Action::ViewOffers) {
        if let Some(offer) = store.current_offer(application.id).await? {
            entries.push((offer.updated_at, offer_view(&offer)));
        }
    }
    let mut keyed: Vec<_> = entries.into_iter().enumerate().collect();
    keyed.sort_by(|(i, (a, _)), (j, (b, _))| (b, j).cmp(&(a, i)));
    let timeline: Vec<Value> = keyed.into_iter().map(|(_, (_, v))| v).collect();
    let choices = decision_choices(view, application.stage);
    let reason_groups: Vec<_> = [DecisionKind::Reject, DecisionKind::Withdraw]
        .into_iter()
        .filter(|kind| choices.iter().any(|c| c.0 == *kind))
        .map(|kind| {
            let options: Vec<_> = reasons
                .for_kind(kind)
                .map(|r| context! { value => r.id, label => r.label, description => r.description })
                .collect();
            context! { label => format!("To {}", kind.label().to_lowercase()), options => options }
        })
        .collect();
    let choices: Vec<_> = choices
        .into_iter()
        .map(|(kind, label)| context! { value => kind.as_str(), label => label })
        .collect();
    let candidate = &ctx.candidate;
    let role = &ctx.role;
    Ok(view.page_with_status(
        status,
        "application.html",
        context! {
            section => "roles",
            tabs => ctx.tabs("overview"),
            application => context! {
                id => application.id.to_string(),
                stage => application.stage.as_str(),
                stage_label => application.stage.label(),
                closed => application.stage.is_closed(),
                reason => application.stage_reason.as_ref().map(|r| r.as_str()),
                since => when(&application.updated_at),
                created => when(&application.created_at),
            },
            candidate => context! {
                id => candidate.id.to_string(),
                name => candidate.name.as_str(),
                email => candidate.email.as_str(),
                location => candidate.location.as_ref().map(|l| l.as_str()),
                skills => candidate.skills.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
            },
            role => context! {
                id => role.id.to_string(),
                title => role.title.as_str(),
                level => role.level.label(),
                primary_language => role.primary_language.as_str(),
                status => role.status.label(),
            },
            choices => choices,
            reason_groups => reason_groups,
            form => form,
            errors => field_messages(errors),
            timeline => timeline,
        },
    ))
}

/// The decisions this viewer may make on an application in `stage`, with the button words.
fn decision_choices(view: &View<'_>, stage: Stage) -> Vec<(DecisionKind, String)> {
    // A placeholder reason only lets closing moves be classified; the real one comes from the form.
    let may = |to: Stage| {
        StageMove::plan(stage, to, Some("classifying the move"))
            .is_ok_and(|m| view.may(Action::MoveApplication(m.kind)))
    };
    let mut choices = Vec::new();
    if stage.is_closed() {
        return choices;
    }
    if let Some(next) = stage.next().filter(|n| may(*n)) {
        choices.push((
            DecisionKind::Advance,
            format!("Advance to {}", next.label()),
        ));
    }
    if may(Stage::Rejected) {
        choices.push((DecisionKind::Reject, "Reject".to_string()));
    }
    if may(Stage::Withdrawn) {
        choices.push((
            DecisionKind::Withdraw,
            "Withdraw (the candidate withdrew)".to_string(),
        ));
    }
    choices
}

fn change_view(change: &StageChange, reasons: &ReasonTaxonomy) -> Value {
    let reason_label = change
        .reason_code
        .as_deref()
        .map(|code| reasons.get(code).map_or(code, |r| r.label.as_str()));
    // A plain move keeps only its free-text reason; a decision has label and note apart.
    let text = match (&change.reason_code, &change.note) {
        (None, None) => change.reason.as_ref().map(|r| r.as_str()),
        (_, note) => note.as_ref().map(|n| n.as_str()),
    };
    context! {
        kind => "stage",
        from => change.from_stage.map(|s| s.label()),
        to => change.to_stage.label(),
        to_stage => change.to_stage.as_str(),
        reason_label => reason_label,
        note => text,
        actor => change.actor_name.as_ref().map(|n| n.as_str()),
        at => when(&change.at),
        at_iso => change.at.to_rfc3339(),
    }
}

fn interview_view(interview: &Interview) -> Value {
    let panel: Vec<_> = interview
        .participants
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    context! {
        kind => "interview",
        title => interview.stage_kind.label(),
        status => interview.status.label(),
        link => "interviews",
        note => (!panel.is_empty()).then(|| format!("with {}", panel.join(", "))),
        actor => Option::<&str>::None,
        at => when(&interview.starts_at),
        at_iso => interview.starts_at.to_rfc3339(),
    }
}

fn feedback_view(feedback: &InterviewFeedback, at: DateTime<Utc>) -> Value {
    context! {
        kind => "feedback",
        title => "Scorecard",
        status => format!("submitted by {}", feedback.author_name.as_str()),
        link => "debrief",
        actor => feedback.author_name.as_str(),
        at => when(&at),
        at_iso => at.to_rfc3339(),
    }
}

fn offer_view(offer: &OfferRecord) -> Value {
    context! {
        kind => "offer",
        title => format!("Offer (version {})", offer.version),
        status => offer.offer.status.label(),
        link => "offer",
        at => when(&offer.updated_at),
        at_iso => offer.updated_at.to_rfc3339(),
    }
}

/// A time as the timeline shows it: to the minute, UTC.
fn when(at: &DateTime<Utc>) -> String {
    at.format("%Y-%m-%d %H:%M UTC").to_string()
}
