//! A role's pipeline board: one column per stage, one card per application, and the move that
//! htmx (a card's form) and drag-and-drop (board.js) both post to. Moves follow the API's rules:
//! load within the viewer's visibility, plan the move, authorize its kind, store it.

use super::render::{day, is_htmx, parse_form, see_other, View};
use super::roles::{load_role, role_page, Notice};
use crate::api::decisions::{decide_many, parse_decision};
use crate::auth::{Authenticated, WebUser};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use chrono::{DateTime, Utc};
use hireloop_core::application::Application;
use hireloop_core::authz::{self, Action, Principal};
use hireloop_core::ids::{ApplicationId, CandidateId};
use hireloop_core::interview::DecisionInput;
use hireloop_core::pipeline::{MoveError, Stage, StageMove};
use hireloop_core::role::Role;
use minijinja::{context, Value};
use serde::Deserialize;

/// The applications on one role as the viewer may see them, ready to render.
pub struct Board {
    role: Role,
    applications: Vec<Application>,
    principal: Principal,
    /// A failed move, shown at the top of the board.
    pub error: Option<String>,
    /// The card to give keyboard focus after an htmx swap.
    focus: Option<ApplicationId>,
    /// The bulk decision form: its reasons, when the viewer may decide at all.
    bulk: Option<Value>,
}

pub async fn load(view: &View<'_>, role: &Role) -> AppResult<Board> {
    let applications = view
        .state
        .store
        .role_board(&view.visibility()?, role.id)
        .await?;
    Ok(Board {
        role: role.clone(),
        applications,
        principal: view.principal()?,
        error: None,
        focus: None,
        bulk: bulk_form(view),
    })
}

/// The reasons the bulk decision form offers, or None when the viewer may neither advance nor
/// reject (interviewers).
fn bulk_form(view: &View<'_>) -> Option<Value> {
    use hireloop_core::interview::DecisionKind;
    use hireloop_core::pipeline::MoveKind;
    let may = [MoveKind::Advance, MoveKind::Close]
        .iter()
        .any(|k| view.may(Action::MoveApplication(*k)));
    if !may {
        return None;
    }
    let reasons = &view.state.interviews.reasons;
    let groups: Vec<_> = [DecisionKind::Reject, DecisionKind::Withdraw]
        .into_iter()
        .map(|kind| {
            let options: Vec<_> = reasons
                .for_kind(kind)
                .map(|r| context! { value => r.id, label => r.label })
                .collect();
            context! { label => format!("To {}", kind.label().to_lowercase()), options => options }
        })
        .collect();
    Some(context! { reason_groups => groups })
}

impl Board {
    pub fn has_candidate(&self, id: CandidateId) -> bool {
        self.applications.iter().any(|a| a.candidate_id == id)
    }

    pub fn context(&self) -> Value {
        let columns: Vec<_> = Stage::BOARD
            .iter()
            .map(|stage| {
                let cards: Vec<_> = self
                    .applications
                    .iter()
                    .filter(|a| a.stage == *stage)
                    .map(|a| self.card(a))
                    .collect();
                context! {
                    stage => stage.as_str(),
                    label => stage.label(),
                    closed => stage.is_closed(),
                    count => cards.len(),
                    cards => cards,
                }
            })
            .collect();
        context! {
            role_id => self.role.id.to_string(),
            columns => columns,
            total => self.applications.len(),
            error => self.error,
            bulk => self.bulk,
        }
    }

    fn card(&self, application: &Application) -> Value {
        let targets = self.targets(application.stage);
        let next = application
            .stage
            .next()
            .filter(|s| targets.contains(s))
            .map(|s| context! { value => s.as_str(), label => s.label() });
        let options: Vec<_> = targets
            .iter()
            .map(|s| {
                context! {
                    value => s.as_str(),
                    label => s.label(),
                    needs_reason => s.is_closed(),
                }
            })
            .collect();
        context! {
            id => application.id.to_string(),
            candidate_id => application.candidate_id.to_string(),
            candidate_name => application.candidate_name.as_str(),
            stage => application.stage.as_str(),
            reason => application.stage_reason.as_ref().map(|r| r.as_str()),
            since => day(&application.updated_at),
            age => age(application.updated_at, Utc::now()),
            may_move => !options.is_empty(),
            next => next,
            options => options,
            focus => self.focus == Some(application.id),
        }
    }

    /// The stages this viewer may move an application in `from` to: the move's kind decides, and
    /// `authz` decides about the kind. The placeholder reason only lets closing moves be classified.
    fn targets(&self, from: Stage) -> Vec<Stage> {
        Stage::BOARD
            .iter()
            .copied()
            .filter(|to| {
                StageMove::plan(from, *to, Some("classifying the move")).is_ok_and(|m| {
                    authz::authorize(&self.principal, Action::MoveApplication(m.kind)).is_ok()
                })
            })
            .collect()
    }
}

#[derive(Debug, Default, Deserialize)]
struct MoveForm {
    #[serde(default)]
    application_id: String,
    #[serde(default)]
    stage: String,
    #[serde(default)]
    reason: String,
    /// The stage the card was in when the board was drawn: a move from a stale board is refused.
    #[serde(default)]
    from_stage: String,
}

/// POST /roles/{id}/board/move: with htmx, answers with the board fragment (errors included, with
/// their status); without, redirects back to the role page.
pub async fn move_card(
    State(state): State<AppState>,
    auth: Option<Extension<Authenticated>>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let htmx = is_htmx(&headers);
    let Some(Extension(auth)) = auth else {
        return login_again(htmx, &id);
    };
    let view = View::new(&state, &auth);
    let result = async {
        let role = load_role(&view, &id).await?;
        let form: Result<MoveForm, AppError> = parse_form(&body);
        let moved = match form {
            Ok(form) => apply_move(&view, &role, &form).await,
            Err(err) => Err(err),
        };
        match (moved, htmx) {
            (Ok(_), false) => Ok(see_other(&format!("/roles/{}", role.id))),
            (Ok(moved), true) => {
                let mut board = load(&view, &role).await?;
                board.focus = Some(moved);
                Ok(fragment(&view, StatusCode::OK, &board))
            }
            (Err(err), true) => {
                let status = err.status();
                let mut board = load(&view, &role).await?;
                board.error = Some(message(&err));
                Ok(fragment(&view, status, &board))
            }
            (Err(err), false) => {
                role_page(&view, &role, err.status(), Notice::Board(message(&err))).await
            }
        }
    };
    view.finish(result.await)
}

/// POST /roles/{id}/board/decide: one decision for the cards ticked on the board, each decided on
/// its own (`api::decisions::decide_many`). All decided: back to the role page; some skipped: the
/// page with what was decided and why the others were not; the decision itself wrong: 422.
pub async fn decide_selected(
    State(state): State<AppState>,
    WebUser(auth): WebUser,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let view = View::new(&state, &auth);
    let result = async {
        let role = load_role(&view, &id).await?;
        let (mut ids, mut input) = (Vec::new(), DecisionInput::default());
        // Checkboxes repeat `application_id`, which a struct form cannot hold.
        for (key, value) in form_urlencoded::parse(&body) {
            let text = Some(value.trim().to_string()).filter(|v| !v.is_empty());
            match key.as_ref() {
                "application_id" => ids.extend(text),
                "decision" => input.decision = text.unwrap_or_default(),
                "reason" => input.reason = text,
                "note" => input.note = text,
                _ => {}
            }
        }
        let decision = if ids.is_empty() {
            Err(AppError::field(
                "application_id",
                "tick at least one application",
            ))
        } else {
            parse_decision(view.state, input)
        };
        let decision = match decision {
            Ok(decision) => decision,
            Err(err) => {
                return role_page(&view, &role, err.status(), Notice::Board(message(&err))).await
            }
        };
        // Only this role's cards: an id from elsewhere is skipped as not on the board.
        let board = load(&view, &role).await?;
        let (here, elsewhere): (Vec<String>, Vec<String>) = ids
            .into_iter()
            .partition(|raw| board.applications.iter().any(|a| a.id.to_string() == *raw));
        let report = decide_many(view.state, &view.principal()?, &here, &decision).await;
        if report.skipped == 0 && elsewhere.is_empty() {
            return Ok(see_other(&format!("/roles/{}", role.id)));
        }
        let name = |raw: &str| {
            board
                .applications
                .iter()
                .find(|a| a.id.to_string() == raw)
                .map_or(raw.to_string(), |a| a.candidate_name.to_string())
        };
        let mut skipped: Vec<String> = report
            .results
            .iter()
            .filter_map(|r| {
                r.error
                    .as_ref()
                    .map(|e| format!("{}: {}", name(&r.application_id), e.message))
            })
            .collect();
        skipped.extend(
            elsewhere
                .iter()
                .map(|raw| format!("{raw}: not on this role's board")),
        );
        let summary = format!(
            "{} of {} decided ({}). Not decided: {}",
            report.decided,
            report.decided + skipped.len(),
            decision.kind.label().to_lowercase(),
            skipped.join("; ")
        );
        role_page(&view, &role, StatusCode::OK, Notice::Board(summary)).await
    };
    view.finish(result.await)
}

fn fragment(view: &View<'_>, status: StatusCode, board: &Board) -> Response {
    view.page_with_status(status, "board.html", context! { board => board.context() })
}

/// The session ended while the board was open: htmx is told to load the login page instead of
/// swapping it into the board.
fn login_again(htmx: bool, role_id: &str) -> Response {
    let login = format!("/login?next=/roles/{role_id}");
    if !htmx {
        return see_other(&login);
    }
    let mut response = StatusCode::UNAUTHORIZED.into_response();
    if let Ok(value) = HeaderValue::from_str(&login) {
        response.headers_mut().insert("hx-redirect", value);
    }
    response
}

/// The words to show for a failed move: the field messages when there are any.
fn message(err: &AppError) -> String {
    let fields = err.field_errors();
    let text = if fields.is_empty() {
        err.to_string()
    } else {
        fields
            .errors
            .iter()
            .map(|e| e.message.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    };
    // Messages are written to be embedded; shown alone, they start a sentence.
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => text,
    }
}

/// The planning errors in the board's words: who, and the stage as the columns name it.
fn move_error(application: &Application, err: MoveError) -> AppError {
    let name = &application.candidate_name;
    match err {
        MoveError::SameStage(stage) => AppError::Conflict {
            field: Some("stage".into()),
            message: format!("{name} is already in {}", stage.label()),
        },
        MoveError::ReasonRequired(stage) => AppError::field(
            "reason",
            format!("moving {name} to {} needs a reason", stage.label()),
        ),
        MoveError::InvalidReason(message) => {
            AppError::field("reason", format!("the reason {message}"))
        }
    }
}

/// How long a card has been in its stage, as the board shows it.
fn age(since: DateTime<Utc>, now: DateTime<Utc>) -> String {
    match (now - since).num_days() {
        days if days < 1 => "today".into(),
        1 => "for 1 day".into(),
        days => format!("for {days} days"),
    }
}

async fn apply_move(view: &View<'_>, role: &Role, form: &MoveForm) -> AppResult<ApplicationId> {
    let id: ApplicationId = form
        .application_id
        .parse()
        .map_err(|m: String| AppError::field("application_id", m))?;
    let to: Stage = form
        .stage
        .parse()
        .map_err(|m: String| AppError::field("stage", m))?;
    let application = view
        .state
        .store
        .application(&view.visibility()?, id)
        .await?
        .filter(|a| a.role_id == role.id)
        .ok_or(AppError::NotFound("application"))?;
    if let Ok(shown) = form.from_stage.parse::<Stage>() {
        if shown != application.stage {
            return Err(AppError::Conflict {
                field: Some("stage".into()),
                message: format!(
                    "{} was moved to {} meanwhile; the board now shows where it is",
                    application.candidate_name,
                    application.stage.label()
                ),
            });
        }
    }
    let planned = StageMove::plan(application.stage, to, Some(&form.reason))
        .map_err(|err| move_error(&application, err))?;
    view.authorize(Action::MoveApplication(planned.kind))?;
    let principal = view.principal()?;
    view.state
        .store
        .move_application(id, &planned, Some(principal.user_id))
        .await?;
    tracing::info!(application = %id, from = %planned.from, to = %planned.to, "application moved");
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::age;
    use chrono::{Duration, Utc};

    #[test]
    fn ages_read_naturally() {
        let now = Utc::now();
        assert_eq!(age(now - Duration::hours(5), now), "today");
        assert_eq!(age(now - Duration::hours(30), now), "for 1 day");
        assert_eq!(age(now - Duration::days(12), now), "for 12 days");
    }
}
