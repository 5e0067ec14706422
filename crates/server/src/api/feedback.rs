//! Interviewers' feedback: writing one's own on an interview (draft, then submit once), reading an
//! application's feedback under the independent-submission rule, and the debrief built from what
//! the caller may see. Only the interview's panel writes feedback.

use super::extract::{ApiJson, PathId};
use super::interviews::{load_interview, role_card};
use crate::application_context::ApplicationContext;
use crate::auth::ApiUser;
use crate::error::{AppError, AppResult, ErrorBody};
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use hireloop_core::authz::{authorize, Action, Principal};
use hireloop_core::ids::{ApplicationId, InterviewId, UserId};
use hireloop_core::interview::feedback::RatingEntryInput;
use hireloop_core::interview::{
    debrief, Competency, Debrief, Feedback, FeedbackInput, FeedbackMeta, FeedbackViewer, Interview,
    InterviewStatus,
};
use hireloop_core::scorecard::{Scorecard, ScorecardLevel};
use hireloop_core::text::PersonName;
use hireloop_store::records::InterviewFeedback;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The refusal an interviewer off the panel gets, whatever their role.
pub(crate) const NOT_ON_PANEL: &str = "you are not on this interview's panel";

/// Feedback as the form or the API sends it: the core input plus whether to submit it now.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FeedbackPut {
    #[serde(default)]
    pub ratings: Vec<RatingEntryInput>,
    #[serde(default)]
    pub summary: Option<String>,
    /// strong_no, no, yes or strong_yes.
    pub recommendation: String,
    /// True submits (final; others' feedback becomes readable); false saves a draft.
    #[serde(default)]
    pub submit: bool,
}

/// Refuses anyone not on the interview's panel, through `authz` like every other refusal.
pub(crate) fn on_panel(principal: &Principal, interview: &Interview) -> AppResult<()> {
    let on_panel = interview.has_participant(principal.user_id);
    authorize(principal, Action::GiveFeedback { on_panel })
        .map_err(|_| AppError::Forbidden(NOT_ON_PANEL.into()))
}

/// Checks and stores the caller's feedback: the one path the API and the feedback form share.
/// A draft may leave competencies unrated; a submission rates every one the interview assesses.
pub(crate) async fn save(
    state: &AppState,
    principal: &Principal,
    interview: &Interview,
    input: FeedbackPut,
) -> AppResult<InterviewFeedback> {
    on_panel(principal, interview)?;
    if interview.status == InterviewStatus::Cancelled {
        return Err(AppError::Conflict {
            field: Some("interview".into()),
            message: "the interview was cancelled; it takes no feedback".into(),
        });
    }
    if let Some(existing) = state
        .store
        .feedback(interview.id, principal.user_id)
        .await?
    {
        if existing.is_submitted() {
            return Err(already_submitted());
        }
    }
    let core = FeedbackInput {
        ratings: input.ratings,
        summary: input.summary,
        recommendation: input.recommendation,
    };
    let assessed: Vec<Competency> = if input.submit {
        interview.competencies.clone()
    } else {
        // A draft is checked only on what it rates, so work in progress can be saved.
        interview
            .competencies
            .iter()
            .copied()
            .filter(|c| core.ratings.iter().any(|r| r.competency.parse() == Ok(*c)))
            .collect()
    };
    let feedback = core.parse(&assessed)?;
    let saved = state
        .store
        .save_feedback(interview.id, principal.user_id, &feedback, input.submit)
        .await?;
    if saved.is_submitted() {
        tracing::info!(interview = %interview.id, "feedback submitted");
    }
    Ok(saved)
}

fn already_submitted() -> AppError {
    AppError::Conflict {
        field: Some("submit".into()),
        message:
            "your feedback on this interview is already submitted; submitted feedback cannot change"
                .into(),
    }
}

/// What of an application's feedback the caller may read, and what is held back.
#[derive(Debug, Serialize, ToSchema)]
pub struct VisibleFeedback {
    /// Readable feedback, oldest first: the caller's own (drafts included) and, per the rule, others'.
    pub items: Vec<InterviewFeedback>,
    /// Submitted feedback by others that the caller may not read yet.
    pub hidden: usize,
    /// Whether the caller has submitted feedback of their own on this application.
    pub submitted_own: bool,
    /// Why anything is hidden, in a sentence; empty when nothing is.
    pub explanation: String,
}

/// Applies the independent-submission rule (`FeedbackViewer`, the configured policy) to the
/// application's feedback. The panel is everyone on a scheduled interview of the application.
pub(crate) async fn visible_feedback(
    state: &AppState,
    principal: &Principal,
    ctx: &ApplicationContext,
) -> AppResult<VisibleFeedback> {
    let store = &state.store;
    let interviews = store.interviews_for_application(ctx.application.id).await?;
    let mut panel: Vec<UserId> = interviews
        .iter()
        .filter(|i| i.status == InterviewStatus::Scheduled)
        .flat_map(Interview::participant_ids)
        .collect();
    panel.sort();
    panel.dedup();
    let all = store.feedback_for_application(ctx.application.id).await?;
    let meta = |f: &InterviewFeedback| FeedbackMeta {
        author: f.author_id,
        submitted: f.is_submitted(),
    };
    let metas: Vec<FeedbackMeta> = all.iter().map(meta).collect();
    let viewer = FeedbackViewer {
        principal: *principal,
        panel: &panel,
        all: &metas,
    };
    let policy = &state.interviews.feedback_policy;
    let items: Vec<InterviewFeedback> = viewer
        .visible(policy, &all, meta)
        .into_iter()
        .cloned()
        .collect();
    let hidden = all
        .iter()
        .filter(|f| f.is_submitted() && f.author_id != principal.user_id)
        .filter(|f| !viewer.can_see(policy, &meta(f)))
        .count();
    let submitted_own = viewer.has_submitted();
    let on_panel = panel.contains(&principal.user_id);
    let explanation = match hidden {
        0 => String::new(),
        n if on_panel => format!(
            "{n} scorecard{} hidden until you submit yours, so that nobody's ratings anchor yours.",
            if n == 1 { "" } else { "s" }
        ),
        n => format!(
            "{n} submitted scorecard{} hidden: only the interview panel (after submitting their own) and the \
             roles allowed to read without interviewing can see them.",
            if n == 1 { " is" } else { "s are" }
        ),
    };
    Ok(VisibleFeedback {
        items,
        hidden,
        submitted_own,
        explanation,
    })
}

/// An interviewer as the debrief names them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Interviewer {
    pub user_id: UserId,
    pub name: PersonName,
}

/// The debrief over the feedback the caller may read, and what is held back.
#[derive(Debug, Serialize, ToSchema)]
pub struct DebriefView {
    /// Ratings side by side per competency (disagreements flagged), recommendations, must-have coverage.
    pub debrief: Debrief<Interviewer>,
    /// How many submitted scorecards the debrief is built from.
    pub scorecards: usize,
    pub hidden: usize,
    pub explanation: String,
}

pub(crate) async fn debrief_for(
    state: &AppState,
    principal: &Principal,
    ctx: &ApplicationContext,
) -> AppResult<DebriefView> {
    let visible = visible_feedback(state, principal, ctx).await?;
    let card = match role_card(state, ctx).await? {
        Some(card) => card,
        // Without a scorecard there are no must-haves to cover; the ratings still line up.
        None => Scorecard::new(
            ctx.role.title.clone(),
            ScorecardLevel::from_level(ctx.role.level),
        ),
    };
    let submitted: Vec<(Interviewer, Feedback)> = visible
        .items
        .iter()
        .filter(|f| f.is_submitted())
        .map(|f| {
            (
                Interviewer {
                    user_id: f.author_id,
                    name: f.author_name.clone(),
                },
                f.feedback.clone(),
            )
        })
        .collect();
    Ok(DebriefView {
        debrief: debrief(&card, &submitted),
        scorecards: submitted.len(),
        hidden: visible.hidden,
        explanation: visible.explanation,
    })
}

#[utoipa::path(get, path = "/api/v1/interviews/{id}/feedback", tag = "interviews", params(("id" = uuid::Uuid, Path)),
    responses((status = 200, body = InterviewFeedback, description = "The caller's own feedback, draft or submitted"),
        (status = 403, body = ErrorBody, description = "Not on the interview's panel"),
        (status = 404, body = ErrorBody, description = "No such interview, or no feedback yet")))]
pub async fn get_own(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathId(id): PathId<InterviewId>,
) -> AppResult<Json<InterviewFeedback>> {
    let principal = user.principal();
    let (interview, _) = load_interview(&state, &principal, id).await?;
    on_panel(&principal, &interview)?;
    state
        .store
        .feedback(id, principal.user_id)
        .await?
        .map(Json)
        .ok_or(AppError::NotFound("feedback"))
}

#[utoipa::path(put, path = "/api/v1/interviews/{id}/feedback", tag = "interviews", params(("id" = uuid::Uuid, Path)),
    request_body = FeedbackPut,
    responses((status = 200, body = InterviewFeedback),
        (status = 403, body = ErrorBody, description = "Not on the interview's panel"),
        (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "Already submitted, or the interview was cancelled"),
        (status = 422, body = ErrorBody, description = "A bad field, e.g. `ratings.security` for a rating outside the rubric")))]
pub async fn put_own(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathId(id): PathId<InterviewId>,
    ApiJson(input): ApiJson<FeedbackPut>,
) -> AppResult<Json<InterviewFeedback>> {
    let principal = user.principal();
    let (interview, _) = load_interview(&state, &principal, id).await?;
    Ok(Json(save(&state, &principal, &interview, input).await?))
}

#[utoipa::path(get, path = "/api/v1/applications/{id}/feedback", tag = "interviews", params(("id" = uuid::Uuid, Path)),
    responses((status = 200, body = VisibleFeedback), (status = 404, body = ErrorBody)))]
pub async fn for_application(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathId(id): PathId<ApplicationId>,
) -> AppResult<Json<VisibleFeedback>> {
    let principal = user.principal();
    let ctx = ApplicationContext::load(&state, &principal, id).await?;
    Ok(Json(visible_feedback(&state, &principal, &ctx).await?))
}

#[utoipa::path(get, path = "/api/v1/applications/{id}/debrief", tag = "interviews", params(("id" = uuid::Uuid, Path)),
    responses((status = 200, body = DebriefView), (status = 404, body = ErrorBody)))]
pub async fn debrief_of(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathId(id): PathId<ApplicationId>,
) -> AppResult<Json<DebriefView>> {
    let principal = user.principal();
    let ctx = ApplicationContext::load(&state, &principal, id).await?;
    Ok(Json(debrief_for(&state, &principal, &ctx).await?))
}
