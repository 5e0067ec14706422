//! Putting a candidate on a role, from either side: the role page (choose a candidate) or the
//! candidate page (choose a role). Both end in the same checks and the same store call.

use super::candidates::{candidate_page, load_candidate};
use super::render::{is_form_error, parse_form, see_other, View};
use super::roles::{load_role, role_page, Notice};
use crate::auth::WebUser;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::Response;
use hireloop_core::application::{Application, ApplicationInput};
use hireloop_core::authz::Action;
use hireloop_core::ids::{CandidateId, RoleId};
use serde::Deserialize;
use uuid::Uuid;

#[derive(Debug, Default, Deserialize)]
struct AddForm {
    #[serde(default)]
    candidate_id: String,
    #[serde(default)]
    role_id: String,
}

fn chosen(field: &str, raw: &str, what: &str) -> AppResult<Uuid> {
    match raw.trim() {
        "" => Err(AppError::field(field, format!("choose a {what}"))),
        raw => Uuid::parse_str(raw)
            .map_err(|_| AppError::field(field, format!("'{raw}' is not a {what} id"))),
    }
}

/// Checks and stores the application. The candidate must be one the viewer may see.
async fn add(view: &View<'_>, role: RoleId, candidate: CandidateId) -> AppResult<Application> {
    view.authorize(Action::CreateApplication)?;
    let new = ApplicationInput {
        role_id: role.as_uuid(),
        candidate_id: candidate.as_uuid(),
        stage: None,
    }
    .parse()?;
    let store = &view.state.store;
    if store
        .candidate(&view.visibility()?, candidate)
        .await?
        .is_none()
    {
        return Err(AppError::field("candidate_id", "no such candidate"));
    }
    let principal = view.principal()?;
    let application = store
        .create_application(&new, Some(principal.user_id))
        .await?;
    tracing::info!(application = %application.id, "application created");
    Ok(application)
}

/// The message for a failed add, if it belongs at the form rather than on an error page.
fn form_message(err: &AppError) -> Option<String> {
    is_form_error(err).then(|| {
        err.field_errors()
            .errors
            .iter()
            .map(|e| e.message.clone())
            .collect::<Vec<_>>()
            .join("; ")
    })
}

/// POST /roles/{id}/applications
pub async fn add_from_role(
    State(state): State<AppState>,
    WebUser(auth): WebUser,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let view = View::new(&state, &auth);
    let result = async {
        view.authorize(Action::CreateApplication)?;
        let role = load_role(&view, &id).await?;
        let form: AddForm = parse_form(&body)?;
        let added = match chosen("candidate_id", &form.candidate_id, "candidate") {
            Ok(candidate) => add(&view, role.id, CandidateId(candidate)).await,
            Err(err) => Err(err),
        };
        match added {
            Ok(_) => Ok(see_other(&format!("/roles/{}", role.id))),
            Err(err) => match form_message(&err) {
                Some(message) => role_page(&view, &role, err.status(), Notice::Add(message)).await,
                None => Err(err),
            },
        }
    };
    view.finish(result.await)
}

/// POST /candidates/{id}/applications
pub async fn add_from_candidate(
    State(state): State<AppState>,
    WebUser(auth): WebUser,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let view = View::new(&state, &auth);
    let result = async {
        view.authorize(Action::CreateApplication)?;
        let candidate = load_candidate(&view, &id).await?;
        let form: AddForm = parse_form(&body)?;
        let added = match chosen("role_id", &form.role_id, "role") {
            Ok(role) => add(&view, RoleId(role), candidate.id).await,
            Err(err) => Err(err),
        };
        match added {
            Ok(_) => Ok(see_other(&format!("/candidates/{}", candidate.id))),
            Err(err) => match form_message(&err) {
                Some(message) => {
                    candidate_page(&view, &candidate, err.status(), Some(message)).await
                }
                None => Err(err),
            },
        }
    };
    view.finish(result.await)
}
