//! The feedback form (`/interviews/{id}/feedback`: a rubric rating or "no evidence" per assessed
//! competency, evidence, summary, recommendation; save a draft or submit once) and the debrief page
//! (`/applications/{id}/debrief`). Both go through `api::feedback`, the API's own paths, so the
//! independent-submission rule is the same on the pages as in the API.

use super::interviews::{load, load_application, when};
use super::render::{field_messages, see_other, View};
use crate::api::feedback::{debrief_for, on_panel, save, visible_feedback, FeedbackPut};
use crate::auth::WebUser;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use hireloop_core::interview::feedback::{RatingEntryInput, RatingInput};
use hireloop_core::interview::{Interview, Rating, RubricLevel};
use hireloop_core::ValidationErrors;
use hireloop_store::records::InterviewFeedback;
use minijinja::{context, Value};
use std::collections::BTreeMap;

/// The form as typed, keyed by competency id; shown again with the errors.
#[derive(Debug, Default)]
struct FeedbackForm {
    ratings: BTreeMap<String, String>,
    evidence: BTreeMap<String, String>,
    summary: String,
    recommendation: String,
    submit: bool,
}

impl FeedbackForm {
    fn parse(body: &[u8]) -> FeedbackForm {
        let mut form = FeedbackForm::default();
        for (key, value) in form_urlencoded::parse(body) {
            let value = value.into_owned();
            if let Some(c) = key.strip_prefix("rating.") {
                form.ratings.insert(c.to_string(), value);
            } else if let Some(c) = key.strip_prefix("evidence.") {
                form.evidence.insert(c.to_string(), value);
            } else {
                match key.as_ref() {
                    "summary" => form.summary = value,
                    "recommendation" => form.recommendation = value,
                    // The button pressed: "submit" submits, anything else saves a draft.
                    "action" => form.submit = value == "submit",
                    _ => {}
                }
            }
        }
        form
    }

    fn from_saved(saved: &InterviewFeedback) -> FeedbackForm {
        let f = &saved.feedback;
        FeedbackForm {
            ratings: f
                .ratings
                .iter()
                .map(|(c, r)| (c.as_str().to_string(), rating_value(r.rating)))
                .collect(),
            evidence: f
                .ratings
                .iter()
                .filter_map(|(c, r)| r.evidence.clone().map(|e| (c.as_str().to_string(), e)))
                .collect(),
            summary: f.summary.clone().unwrap_or_default(),
            recommendation: f.recommendation.as_str().to_string(),
            submit: false,
        }
    }

    /// What the API would receive: unrated competencies are left out, so a draft may skip them
    /// and a submission is told which ones still need a rating.
    fn to_put(&self, interview: &Interview) -> FeedbackPut {
        let ratings = interview
            .competencies
            .iter()
            .filter_map(|c| {
                let rating = self
                    .ratings
                    .get(c.as_str())
                    .filter(|r| !r.trim().is_empty())?;
                Some(RatingEntryInput {
                    competency: c.as_str().to_string(),
                    rating: RatingInput::Text(rating.clone()),
                    evidence: self.evidence.get(c.as_str()).cloned(),
                })
            })
            .collect();
        FeedbackPut {
            ratings,
            summary: Some(self.summary.clone()),
            recommendation: self.recommendation.clone(),
            submit: self.submit,
        }
    }
}

fn rating_value(rating: Rating) -> String {
    match rating {
        Rating::Level(l) => l.get().to_string(),
        Rating::NoEvidence => "no_evidence".into(),
    }
}

fn rating_label(rating: Rating) -> String {
    match rating {
        Rating::Level(l) => l.get().to_string(),
        Rating::NoEvidence => "no evidence".into(),
    }
}

/// GET /interviews/{id}/feedback
pub async fn form(
    State(state): State<AppState>,
    WebUser(auth): WebUser,
    Path(id): Path<String>,
) -> Response {
    let view = View::new(&state, &auth);
    let result = async {
        let (interview, ctx) = load(&view, &id).await?;
        let principal = view.principal()?;
        on_panel(&principal, &interview)?;
        let saved = view
            .state
            .store
            .feedback(interview.id, principal.user_id)
            .await?;
        let form = saved
            .as_ref()
            .map(FeedbackForm::from_saved)
            .unwrap_or_default();
        page(
            &view,
            &ctx,
            &interview,
            saved.as_ref(),
            &form,
            StatusCode::OK,
            &ValidationErrors::default(),
        )
    };
    view.finish(result.await)
}

/// POST /interviews/{id}/feedback: a submission goes on to the debrief, a draft back to the form.
pub async fn submit(
    State(state): State<AppState>,
    WebUser(auth): WebUser,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let view = View::new(&state, &auth);
    let result = async {
        let (interview, ctx) = load(&view, &id).await?;
        let principal = view.principal()?;
        let form = FeedbackForm::parse(&body);
        match save(view.state, &principal, &interview, form.to_put(&interview)).await {
            Ok(saved) if saved.is_submitted() => Ok(see_other(&format!(
                "/applications/{}/debrief",
                ctx.application.id
            ))),
            Ok(_) => Ok(see_other(&format!("/interviews/{}/feedback", interview.id))),
            Err(err @ AppError::Validation(_)) => {
                let saved = view
                    .state
                    .store
                    .feedback(interview.id, principal.user_id)
                    .await?;
                page(
                    &view,
                    &ctx,
                    &interview,
                    saved.as_ref(),
                    &form,
                    err.status(),
                    &err.field_errors(),
                )
            }
            Err(err) => Err(err),
        }
    };
    view.finish(result.await)
}

fn page(
    view: &View<'_>,
    ctx: &crate::application_context::ApplicationContext,
    interview: &Interview,
    saved: Option<&InterviewFeedback>,
    form: &FeedbackForm,
    status: StatusCode,
    errors: &ValidationErrors,
) -> AppResult<Response> {
    let kits = &view.state.interviews.kits;
    let competencies: Vec<Value> = interview
        .competencies
        .iter()
        .map(|c| {
            let anchors: Vec<Value> = (RubricLevel::MIN..=RubricLevel::MAX)
                .filter_map(|l| RubricLevel::new(l).ok())
                .map(|l| {
                    context! {
                        level => l.get().to_string(),
                        text => kits.get(*c).map(|k| k.anchor(l).to_string()).unwrap_or_default(),
                    }
                })
                .collect();
            context! {
                id => c.as_str(),
                name => c.label(),
                anchors => anchors,
                chosen => form.ratings.get(c.as_str()).cloned().unwrap_or_default(),
                evidence => form.evidence.get(c.as_str()).cloned().unwrap_or_default(),
            }
        })
        .collect();
    let recommendations: Vec<Value> = hireloop_core::interview::Recommendation::ALL
        .iter()
        .map(|r| context! { value => r.as_str(), label => r.label() })
        .collect();
    let submitted = saved.filter(|s| s.is_submitted()).map(scorecard);
    Ok(view.page_with_status(
        status,
        "feedback_form.html",
        context! {
            section => "roles",
            tabs => ctx.tabs("interviews"),
            application_id => ctx.application.id.to_string(),
            interview_id => interview.id.to_string(),
            stage => interview.stage_kind.label(),
            when => when(interview),
            cancelled => interview.status == hireloop_core::interview::InterviewStatus::Cancelled,
            draft_saved => saved.is_some_and(|s| !s.is_submitted()),
            submitted => submitted,
            competencies => competencies,
            recommendations => recommendations,
            summary => form.summary,
            recommendation => form.recommendation,
            errors => field_messages(errors),
        },
    ))
}

/// One readable scorecard, as the debrief and the submitted form show it.
fn scorecard(f: &InterviewFeedback) -> Value {
    let ratings: Vec<Value> = f
        .feedback
        .ratings
        .iter()
        .map(|(c, r)| context! { name => c.label(), rating => rating_label(r.rating), evidence => r.evidence })
        .collect();
    context! {
        author => f.author_name.as_str(),
        submitted_at => f.submitted_at.map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string()),
        recommendation => f.feedback.recommendation.label(),
        positive => f.feedback.recommendation.is_positive(),
        summary => f.feedback.summary,
        ratings => ratings,
    }
}

/// GET /applications/{id}/debrief
pub async fn debrief_page(
    State(state): State<AppState>,
    WebUser(auth): WebUser,
    Path(id): Path<String>,
) -> Response {
    let view = View::new(&state, &auth);
    let result = async {
        let ctx = load_application(&view, &id).await?;
        let principal = view.principal()?;
        let view_data = debrief_for(view.state, &principal, &ctx).await?;
        let visible = visible_feedback(view.state, &principal, &ctx).await?;
        let d = &view_data.debrief;
        // One column per interviewer, in the order their scorecards were written.
        let mut interviewers = Vec::new();
        for (who, _) in &d.recommendations {
            if !interviewers.contains(&who.user_id) {
                interviewers.push(who.user_id);
            }
        }
        let names: Vec<&str> = interviewers
            .iter()
            .filter_map(|id| d.recommendations.iter().find(|(w, _)| w.user_id == *id))
            .map(|(w, _)| w.name.as_str())
            .collect();
        let rows: Vec<Value> = d
            .rows
            .iter()
            .map(|r| {
                let cells: Vec<String> = interviewers
                    .iter()
                    .map(|id| {
                        let mine: Vec<String> = r
                            .ratings
                            .iter()
                            .filter(|s| s.interviewer.user_id == *id)
                            .map(|s| rating_label(s.rating))
                            .collect();
                        if mine.is_empty() { "–".into() } else { mine.join(", ") }
                    })
                    .collect();
                context! { name => r.competency.label(), cells => cells, spread => r.spread, disagreement => r.disagreement }
            })
            .collect();
        let recommendations: Vec<Value> = d
            .recommendations
            .iter()
            .map(|(w, r)| context! { name => w.name.as_str(), label => r.label(), positive => r.is_positive() })
            .collect();
        let scorecards: Vec<Value> = visible
            .items
            .iter()
            .filter(|f| f.is_submitted())
            .map(scorecard)
            .collect();
        // The viewer's own interviews on this application still waiting for their feedback.
        let waiting: Vec<Value> = view
            .state
            .store
            .interviews_for_application(ctx.application.id)
            .await?
            .iter()
            .filter(|i| i.status == hireloop_core::interview::InterviewStatus::Scheduled)
            .filter(|i| i.has_participant(principal.user_id))
            .filter(|i| {
                !visible
                    .items
                    .iter()
                    .any(|f| f.interview_id == i.id && f.author_id == principal.user_id && f.is_submitted())
            })
            .map(|i| context! { id => i.id.to_string(), stage => i.stage_kind.label(), when => when(i) })
            .collect();
        Ok(view.page(
            "debrief.html",
            context! {
                section => "roles",
                tabs => ctx.tabs("debrief"),
                interviewers => names,
                rows => rows,
                recommendations => recommendations,
                split => d.split_recommendation,
                must_haves => d.must_haves,
                scorecards => scorecards,
                hidden => view_data.hidden,
                explanation => view_data.explanation,
                waiting => waiting,
            },
        ))
    };
    view.finish(result.await)
}
