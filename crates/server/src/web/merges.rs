//! The candidate page's "Possible duplicates" panel (issue #5): each likely duplicate with its
//! reasons and a "Merge into this candidate" form, and the merge history. The candidate page
//! loads the panel with htmx (`candidate_duplicates_slot.html`); without JavaScript its link opens
//! the same panel as a page, which is also where a merge lands with its outcome.

use super::candidates::load_candidate;
use super::render::{day, is_htmx, parse_form, see_other, View};
use crate::api::merges::merge_and_reindex;
use crate::auth::WebUser;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use hireloop_core::authz::Action;
use hireloop_core::candidate::Candidate;
use hireloop_core::candidate_merge::{CandidateMerge, MergeCounts, MergeInput};
use hireloop_core::duplicates::candidate_city;
use minijinja::{context, Value};
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/candidates/{id}/duplicates", get(show))
        .route("/candidates/{id}/merge", post(merge))
}

#[derive(Debug, Default, Deserialize)]
struct ShowQuery {
    /// The merge just made, whose outcome the page announces.
    merged: Option<String>,
}

/// GET /candidates/{id}/duplicates: the panel for htmx, or a page around it.
async fn show(
    State(state): State<AppState>,
    WebUser(auth): WebUser,
    Path(id): Path<String>,
    Query(query): Query<ShowQuery>,
    headers: HeaderMap,
) -> Response {
    let view = View::new(&state, &auth);
    let result = async {
        let candidate = load_candidate(&view, &id).await?;
        let merged = query.merged.and_then(|m| m.parse::<uuid::Uuid>().ok());
        let panel = panel(&view, &candidate, merged, None).await?;
        Ok(render(
            &view,
            &candidate,
            panel,
            StatusCode::OK,
            is_htmx(&headers),
        ))
    };
    view.finish(result.await)
}

#[derive(Debug, Default, Deserialize)]
struct MergeForm {
    #[serde(default)]
    duplicate_id: String,
    #[serde(default)]
    note: String,
}

/// POST /candidates/{id}/merge: merges the chosen duplicate into this candidate, then shows the
/// outcome (POST-redirect-GET); a refused merge shows the panel again with the reason.
async fn merge(
    State(state): State<AppState>,
    WebUser(auth): WebUser,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let view = View::new(&state, &auth);
    let result = async {
        view.authorize(Action::ManageCandidates)?;
        let candidate = load_candidate(&view, &id).await?;
        let form: MergeForm = parse_form(&body)?;
        let input = MergeInput {
            duplicate_id: form.duplicate_id,
            note: Some(form.note).filter(|n| !n.trim().is_empty()),
        };
        let actor = view.principal()?.user_id;
        let merged = match input.parse(candidate.id) {
            Ok(request) => merge_and_reindex(view.state, candidate.id, &request, Some(actor)).await,
            Err(errors) => Err(AppError::Validation(errors)),
        };
        match merged {
            Ok((_, record)) => Ok(see_other(&format!(
                "/candidates/{}/duplicates?merged={}",
                candidate.id, record.id
            ))),
            Err(err @ (AppError::Validation(_) | AppError::Conflict { .. })) => {
                let message = err
                    .field_errors()
                    .errors
                    .iter()
                    .map(|e| e.message.clone())
                    .collect::<Vec<_>>()
                    .join("; ");
                let panel = panel(&view, &candidate, None, Some(message)).await?;
                Ok(render(&view, &candidate, panel, err.status(), false))
            }
            Err(err) => Err(err),
        }
    };
    view.finish(result.await)
}

fn render(
    view: &View<'_>,
    candidate: &Candidate,
    panel: Value,
    status: StatusCode,
    fragment: bool,
) -> Response {
    let template = if fragment {
        "candidate_duplicates.html"
    } else {
        "candidate_duplicates_page.html"
    };
    let ctx = context! {
        section => "candidates",
        candidate => context! { id => candidate.id.to_string(), name => candidate.name.as_str() },
        dup => panel,
    };
    view.page_with_status(status, template, ctx)
}

/// The context of `candidate_duplicates.html`. Those who may not merge see the history only.
async fn panel(
    view: &View<'_>,
    candidate: &Candidate,
    merged: Option<uuid::Uuid>,
    error: Option<String>,
) -> AppResult<Value> {
    let store = &view.state.store;
    let may_merge = view.may(Action::ManageCandidates);
    let matches: Vec<Value> = if may_merge {
        store
            .candidate_duplicates(candidate.id)
            .await?
            .iter()
            .map(|m| {
                let c = &m.candidate;
                context! {
                    id => c.id.to_string(),
                    name => c.name.as_str(),
                    email => c.email.as_str(),
                    city => candidate_city(c),
                    created => day(&c.created_at),
                    reasons => m.reasons.iter().map(|r| r.label()).collect::<Vec<_>>(),
                }
            })
            .collect()
    } else {
        Vec::new()
    };
    let history = store.candidate_merges(candidate.id).await?;
    let outcome = merged
        .and_then(|id| history.iter().find(|m| m.id == id))
        .map(|m| context! { name => m.merged_name.as_str(), moved => moved_words(&m.moved) });
    Ok(context! {
        candidate_id => candidate.id.to_string(),
        may_merge => may_merge,
        matches => matches,
        history => history.iter().map(history_entry).collect::<Vec<_>>(),
        outcome => outcome,
        error => error,
    })
}

fn history_entry(m: &CandidateMerge) -> Value {
    context! {
        name => m.merged_name.as_str(),
        email => m.merged.get("email").and_then(|e| e.as_str()),
        at => day(&m.at),
        by => m.actor_name.as_ref().map(|n| n.as_str()),
        note => m.note.as_ref().map(|n| n.as_str()),
        moved => moved_words(&m.moved),
    }
}

/// "1 application, 2 resume documents moved" or "nothing else moved".
fn moved_words(moved: &MergeCounts) -> String {
    let plural = |n: i64, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let parts: Vec<String> = [
        (moved.applications, "application", "applications"),
        (
            moved.resume_documents,
            "resume document",
            "resume documents",
        ),
        (moved.vetting_events, "vetting event", "vetting events"),
        (moved.merges, "earlier merge", "earlier merges"),
    ]
    .into_iter()
    .filter(|(n, _, _)| *n > 0)
    .map(|(n, one, many)| plural(n, one, many))
    .collect();
    if parts.is_empty() {
        "nothing else moved".into()
    } else {
        format!("{} moved", parts.join(", "))
    }
}
