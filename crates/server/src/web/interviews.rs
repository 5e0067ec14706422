//! The interview pages: an application's interviews with the schedule form (`/applications/{id}/
//! interviews`), cancelling one, and the interviewer's kit (`/interviews/{id}`). Scheduling goes
//! through `api::interviews::schedule`, the same path as the API's.

use super::render::{field_messages, see_other, View};
use crate::api::interviews::{kit_for, load_interview, schedule};
use crate::application_context::ApplicationContext;
use crate::auth::WebUser;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use hireloop_core::authz::Action;
use hireloop_core::ids::{ApplicationId, InterviewId};
use hireloop_core::interview::{
    Interview, InterviewChange, InterviewInput, InterviewStatus, RubricLevel,
};
use hireloop_core::page::{PageRequest, MAX_LIMIT};
use hireloop_core::scorecard::LoopStageKind;
use hireloop_core::ValidationErrors;
use minijinja::{context, Value};
use serde::Serialize;
use uuid::Uuid;

/// The schedule form as typed; shown again with the errors.
#[derive(Debug, Default, Serialize)]
pub(crate) struct ScheduleForm {
    stage_kind: String,
    starts_at: String,
    duration_minutes: String,
    location: String,
    participants: Vec<String>,
}

impl ScheduleForm {
    /// Reads the urlencoded body by hand: the panel is a multi-select, one `participants` per choice.
    fn parse(body: &[u8]) -> ScheduleForm {
        let mut form = ScheduleForm::default();
        for (key, value) in form_urlencoded::parse(body) {
            let value = value.into_owned();
            match key.as_ref() {
                "stage_kind" => form.stage_kind = value,
                "starts_at" => form.starts_at = value,
                "duration_minutes" => form.duration_minutes = value,
                "location" => form.location = value,
                "participants" if !value.trim().is_empty() => form.participants.push(value),
                _ => {}
            }
        }
        form
    }

    /// The API's input; fields the form cannot express as the API does are checked here.
    fn input(&self) -> Result<InterviewInput, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let duration_minutes = match self.duration_minutes.trim().parse::<i64>() {
            Ok(n) => n,
            Err(_) => {
                errors.add("duration_minutes", "enter the length in minutes, e.g. 60");
                0
            }
        };
        let participants: Vec<Uuid> = self
            .participants
            .iter()
            .enumerate()
            .filter_map(|(i, p)| {
                errors.check(
                    &format!("participants[{i}]"),
                    Uuid::parse_str(p.trim()).map_err(|_| "no such user".to_string()),
                )
            })
            .collect();
        if !errors.is_empty() {
            return Err(errors);
        }
        // A datetime-local field has no zone: the page says times are UTC.
        let raw = self.starts_at.trim();
        let starts_at = match raw.len() {
            16 => format!("{raw}:00Z"),
            19 => format!("{raw}Z"),
            _ => raw.to_string(),
        };
        Ok(InterviewInput {
            stage_kind: self.stage_kind.trim().to_string(),
            starts_at,
            duration_minutes,
            location: Some(self.location.clone()),
            participants,
            competencies: None,
        })
    }
}

pub(crate) async fn load_application(view: &View<'_>, raw: &str) -> AppResult<ApplicationContext> {
    let id: ApplicationId = raw.parse().map_err(|_| AppError::NotFound("application"))?;
    ApplicationContext::load(view.state, &view.principal()?, id).await
}

pub(crate) async fn load(view: &View<'_>, raw: &str) -> AppResult<(Interview, ApplicationContext)> {
    let id: InterviewId = raw.parse().map_err(|_| AppError::NotFound("interview"))?;
    load_interview(view.state, &view.principal()?, id).await
}

/// "Tue 1 Dec 2026, 14:00 UTC": how the pages show an interview's time.
pub(crate) fn when(interview: &Interview) -> String {
    format!(
        "{} – {} UTC",
        interview.starts_at.format("%a %-d %b %Y, %H:%M"),
        interview.ends_at.format("%H:%M")
    )
}

fn row(interview: &Interview, viewer: hireloop_core::ids::UserId) -> Value {
    context! {
        id => interview.id.to_string(),
        when => when(interview),
        starts_iso => interview.starts_at.to_rfc3339(),
        stage => interview.stage_kind.label(),
        minutes => interview.duration_minutes,
        competencies => interview.competencies.iter().map(|c| c.label()).collect::<Vec<_>>(),
        panel => interview.participants.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(),
        location => interview.location.as_ref().map(|l| l.as_str()),
        cancelled => interview.status == InterviewStatus::Cancelled,
        on_panel => interview.has_participant(viewer),
    }
}

/// GET /applications/{id}/interviews
pub async fn list(
    State(state): State<AppState>,
    WebUser(auth): WebUser,
    Path(id): Path<String>,
) -> Response {
    let view = View::new(&state, &auth);
    let result = async {
        let ctx = load_application(&view, &id).await?;
        page(
            &view,
            &ctx,
            StatusCode::OK,
            &ScheduleForm::default(),
            &ValidationErrors::default(),
        )
        .await
    };
    view.finish(result.await)
}

/// POST /applications/{id}/interviews: on success back to the list; a bad field shows the form again.
pub async fn create(
    State(state): State<AppState>,
    WebUser(auth): WebUser,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let view = View::new(&state, &auth);
    let result = async {
        let ctx = load_application(&view, &id).await?;
        view.authorize(Action::ScheduleInterviews)?;
        let form = ScheduleForm::parse(&body);
        let scheduled = match form.input() {
            Ok(input) => schedule(view.state, &view.principal()?, &ctx, &input).await,
            Err(errors) => Err(AppError::Validation(errors)),
        };
        match scheduled {
            Ok(_) => Ok(see_other(&format!(
                "/applications/{}/interviews",
                ctx.application.id
            ))),
            Err(err) if !err.field_errors().is_empty() => {
                page(&view, &ctx, err.status(), &form, &err.field_errors()).await
            }
            Err(err) => Err(err),
        }
    };
    view.finish(result.await)
}

/// POST /interviews/{id}/cancel
pub async fn cancel(
    State(state): State<AppState>,
    WebUser(auth): WebUser,
    Path(id): Path<String>,
) -> Response {
    let view = View::new(&state, &auth);
    let result = async {
        let (interview, ctx) = load(&view, &id).await?;
        view.authorize(Action::ScheduleInterviews)?;
        let change = InterviewChange {
            status: Some(InterviewStatus::Cancelled),
            ..Default::default()
        };
        view.state
            .store
            .update_interview(interview.id, &change)
            .await?;
        Ok(see_other(&format!(
            "/applications/{}/interviews",
            ctx.application.id
        )))
    };
    view.finish(result.await)
}

async fn page(
    view: &View<'_>,
    ctx: &ApplicationContext,
    status: StatusCode,
    form: &ScheduleForm,
    errors: &ValidationErrors,
) -> AppResult<Response> {
    let principal = view.principal()?;
    let interviews = view
        .state
        .store
        .interviews_for_application(ctx.application.id)
        .await?;
    let rows: Vec<Value> = interviews
        .iter()
        .map(|i| row(i, principal.user_id))
        .collect();
    let may_schedule = view.may(Action::ScheduleInterviews) && !ctx.application.stage.is_closed();
    let users = if may_schedule {
        let page = PageRequest {
            limit: MAX_LIMIT,
            after: None,
        };
        view.state
            .store
            .list_users(&page)
            .await?
            .items
            .into_iter()
            .map(|u| {
                context! {
                    id => u.id.to_string(),
                    label => format!("{} ({})", u.name.as_str(), u.role.label()),
                    chosen => form.participants.contains(&u.id.to_string()),
                }
            })
            .collect()
    } else {
        Vec::new()
    };
    let kinds: Vec<Value> = LoopStageKind::ALL
        .iter()
        .map(|k| context! { value => k.as_str(), label => k.label() })
        .collect();
    let mut messages = field_messages(errors);
    // Per-participant problems are shown once, next to the panel.
    if let Some((_, message)) = messages
        .iter()
        .find(|(k, _)| k.starts_with("participants["))
    {
        let message = message.clone();
        messages.entry("participants".into()).or_insert(message);
    }
    Ok(view.page_with_status(
        status,
        "interviews.html",
        context! {
            section => "roles",
            tabs => ctx.tabs("interviews"),
            application_id => ctx.application.id.to_string(),
            closed => ctx.application.stage.is_closed(),
            interviews => rows,
            may_schedule => may_schedule,
            users => users,
            kinds => kinds,
            form => form,
            errors => messages,
        },
    ))
}

/// GET /interviews/{id}: the kit.
pub async fn kit_page(
    State(state): State<AppState>,
    WebUser(auth): WebUser,
    Path(id): Path<String>,
) -> Response {
    let view = View::new(&state, &auth);
    let result = async {
        let (interview, ctx) = load(&view, &id).await?;
        let principal = view.principal()?;
        let on_panel = interview.has_participant(principal.user_id);
        let when = when(&interview);
        let kit = kit_for(view.state, interview, &ctx).await?;
        let competencies: Vec<Value> = kit
            .competencies
            .iter()
            .map(|k| {
                let anchors: Vec<Value> = (RubricLevel::MIN..=RubricLevel::MAX)
                    .filter_map(|l| RubricLevel::new(l).ok())
                    .map(|l| context! { level => l.get(), text => k.anchor(l) })
                    .collect();
                context! { id => k.competency.as_str(), name => k.name, anchors => anchors, questions => k.questions }
            })
            .collect();
        Ok(view.page(
            "interview_kit.html",
            context! {
                section => "roles",
                tabs => ctx.tabs("interviews"),
                interview => row(&kit.interview, principal.user_id),
                when => when,
                stage => kit.stage,
                candidate => kit.candidate,
                role_title => kit.role_title,
                competencies => competencies,
                on_panel => on_panel,
            },
        ))
    };
    view.finish(result.await)
}

/// The interview, kit, feedback and debrief pages, merged into the page router.
pub fn routes() -> axum::Router<AppState> {
    use super::feedback;
    use axum::routing::{get, post};
    axum::Router::new()
        .route("/applications/{id}/interviews", get(list).post(create))
        .route("/applications/{id}/debrief", get(feedback::debrief_page))
        .route("/interviews/{id}", get(kit_page))
        .route("/interviews/{id}/cancel", post(cancel))
        .route(
            "/interviews/{id}/feedback",
            get(feedback::form).post(feedback::submit),
        )
}
