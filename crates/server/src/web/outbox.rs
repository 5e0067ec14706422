//! The outbox pages (`/outbox`: every message written, filterable; `/outbox/{id}`: one message
//! with its body and .ics, and a retry for a failed one) and the message templates admin page
//! (`/admin/messages`: each event's template with its variables, errors shown at the field, a
//! preview with sample values, reset to the shipped text). Saving goes through the same check as
//! the API's PUT.

use super::render::{day, next_page_link, page_request, parse_form, see_other, View};
use crate::api::messages::{parse_message_id, render_preview, template_view, OutboxQuery};
use crate::auth::WebUser;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use hireloop_core::authz::Action;
use hireloop_core::messages::{MessageEvent, MessageStatus, MessageTemplate};
use hireloop_core::ValidationErrors;
use hireloop_store::records::OutboxMessage;
use minijinja::{context, Value};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/outbox", get(list))
        .route("/outbox/{id}", get(show))
        .route("/outbox/{id}/retry", post(retry))
        .route("/admin/messages", get(templates))
        .route("/admin/messages/{event}", post(save_template))
        .route("/admin/messages/{event}/reset", post(reset_template))
}

fn options<T: Copy>(
    all: &[T],
    value: impl Fn(T) -> &'static str,
    label: impl Fn(T) -> &'static str,
) -> Vec<Value> {
    all.iter()
        .map(|v| context! { value => value(*v), label => label(*v) })
        .collect()
}

fn summary(m: &OutboxMessage) -> Value {
    context! {
        id => m.id.to_string(),
        event => m.event.as_str(),
        event_label => m.event.label(),
        to_name => m.to_name.as_str(),
        to_address => m.to_address.as_str(),
        subject => m.subject.as_str(),
        status => m.status.as_str(),
        status_label => m.status.label(),
        attempts => m.attempts,
        last_error => m.last_error.as_deref(),
        created => m.created_at.format("%Y-%m-%d %H:%M UTC").to_string(),
        sent => m.sent_at.map(|at| at.format("%Y-%m-%d %H:%M UTC").to_string()),
        has_ics => m.ics.is_some(),
    }
}

/// GET /outbox
pub async fn list(
    State(state): State<AppState>,
    WebUser(auth): WebUser,
    RawQuery(query): RawQuery,
) -> Response {
    let view = View::new(&state, &auth);
    let result = async {
        view.authorize(Action::ViewOutbox)?;
        let raw = query.as_deref().unwrap_or("");
        // Empty selects arrive as `status=`: the API's parser treats them as "any".
        let filters: OutboxQuery =
            serde_urlencoded::from_str(raw).map_err(|e| AppError::BadRequest {
                field: None,
                message: format!("the filter could not be read: {e}"),
            })?;
        let page = page_request(query.as_deref())?;
        let found = state.store.list_outbox(&filters.filter()?, &page).await?;
        let mut path = String::from("/outbox");
        let kept: Vec<(&str, &str)> = [
            ("status", filters.status.as_deref()),
            ("event", filters.event.as_deref()),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.filter(|v| !v.is_empty()).map(|v| (k, v)))
        .collect();
        if !kept.is_empty() {
            path = format!(
                "/outbox?{}",
                serde_urlencoded::to_string(&kept).unwrap_or_default()
            );
        }
        let next = next_page_link("/outbox", &page, found.next_cursor.as_deref()).map(|link| {
            // Keep the filters on the next page.
            match kept.is_empty() {
                true => link,
                false => format!(
                    "{link}&{}",
                    serde_urlencoded::to_string(&kept).unwrap_or_default()
                ),
            }
        });
        Ok(view.page(
            "outbox.html",
            context! {
                section => "outbox",
                messages => found.items.iter().map(summary).collect::<Vec<_>>(),
                status => filters.status.as_deref().unwrap_or(""),
                event => filters.event.as_deref().unwrap_or(""),
                statuses => options(MessageStatus::ALL, MessageStatus::as_str, MessageStatus::label),
                events => options(MessageEvent::ALL, MessageEvent::as_str, MessageEvent::label),
                next_page => next,
                first_page => page.after.map(|_| path),
                may_edit_templates => view.may(Action::ManageMessageTemplates),
            },
        ))
    };
    view.finish(result.await)
}

/// GET /outbox/{id}
pub async fn show(
    State(state): State<AppState>,
    WebUser(auth): WebUser,
    Path(id): Path<String>,
) -> Response {
    let view = View::new(&state, &auth);
    let result = async {
        view.authorize(Action::ViewOutbox)?;
        let id = parse_message_id(&id)?;
        let message = state
            .store
            .outbox_message(id)
            .await?
            .ok_or(AppError::NotFound("message"))?;
        Ok(view.page(
            "outbox.html",
            context! {
                section => "outbox",
                message => summary(&message),
                body => message.body_text.as_str(),
                ics => message.ics.as_deref(),
                created_day => day(&message.created_at),
                may_retry => message.status == MessageStatus::Failed,
            },
        ))
    };
    view.finish(result.await)
}

/// POST /outbox/{id}/retry: a failed message goes back in the queue.
pub async fn retry(
    State(state): State<AppState>,
    WebUser(auth): WebUser,
    Path(id): Path<String>,
) -> Response {
    let view = View::new(&state, &auth);
    let result = async {
        view.authorize(Action::ViewOutbox)?;
        let id = parse_message_id(&id)?;
        state.store.retry_message(id).await?;
        Ok(see_other(&format!("/outbox/{id}")))
    };
    view.finish(result.await)
}

/// A template form as typed, shown again with its errors.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
struct TemplateForm {
    subject: String,
    body: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Done {
    saved: Option<String>,
    reset: Option<String>,
}

/// GET /admin/messages
pub async fn templates(
    State(state): State<AppState>,
    WebUser(auth): WebUser,
    RawQuery(query): RawQuery,
) -> Response {
    let view = View::new(&state, &auth);
    let done: Done = serde_urlencoded::from_str(query.as_deref().unwrap_or("")).unwrap_or_default();
    let notice = match (done.saved, done.reset) {
        (Some(e), _) => e
            .parse::<MessageEvent>()
            .ok()
            .map(|e| format!("Saved the {} template.", e.label().to_lowercase())),
        (None, Some(e)) => e.parse::<MessageEvent>().ok().map(|e| {
            format!(
                "The {} template is the shipped one again.",
                e.label().to_lowercase()
            )
        }),
        _ => None,
    };
    let result = async {
        view.authorize(Action::ManageMessageTemplates)?;
        templates_page(&view, StatusCode::OK, None, notice).await
    };
    view.finish(result.await)
}

/// The page, with `failed` (an event, what was typed and its errors) shown in place of that
/// event's stored template.
async fn templates_page(
    view: &View<'_>,
    status: StatusCode,
    failed: Option<(MessageEvent, &TemplateForm, &ValidationErrors)>,
    notice: Option<String>,
) -> AppResult<Response> {
    let mut sections = Vec::with_capacity(MessageEvent::ALL.len());
    for event in MessageEvent::ALL.iter().copied() {
        let current = template_view(view.state, event).await?;
        let (subject, body, errors) = match failed {
            Some((e, form, errors)) if e == event => (
                form.subject.clone(),
                form.body.clone(),
                errors
                    .errors
                    .iter()
                    .map(|f| (f.field.clone(), f.message.clone()))
                    .collect::<BTreeMap<_, _>>(),
            ),
            _ => (
                current.subject.clone(),
                current.body.clone(),
                BTreeMap::new(),
            ),
        };
        let preview = render_preview(view.state, event, None, None).await.ok();
        sections.push(context! {
            event => event.as_str(),
            label => event.label(),
            subject => subject,
            body => body,
            errors => errors,
            customised => current.customised,
            updated => current.updated_at.as_ref().map(day),
            variables => current.variables,
            preview => preview,
        });
    }
    Ok(view.page_with_status(
        status,
        "message_templates.html",
        context! { section => "messages", templates => sections, notice => notice },
    ))
}

/// POST /admin/messages/{event}
pub async fn save_template(
    State(state): State<AppState>,
    WebUser(auth): WebUser,
    Path(event): Path<String>,
    body: Bytes,
) -> Response {
    let view = View::new(&state, &auth);
    let result = async {
        view.authorize(Action::ManageMessageTemplates)?;
        let event: MessageEvent = event
            .parse()
            .map_err(|_| AppError::NotFound("message template"))?;
        let form: TemplateForm = parse_form(&body)?;
        match MessageTemplate::parse(event, &form.subject, &form.body) {
            Ok(template) => {
                state
                    .store
                    .put_message_template(&template, Some(auth.user.id))
                    .await?;
                tracing::info!(%event, "message template changed");
                Ok(see_other(&format!(
                    "/admin/messages?saved={event}#t-{event}"
                )))
            }
            Err(errors) => {
                templates_page(
                    &view,
                    StatusCode::UNPROCESSABLE_ENTITY,
                    Some((event, &form, &errors)),
                    None,
                )
                .await
            }
        }
    };
    view.finish(result.await)
}

/// POST /admin/messages/{event}/reset
pub async fn reset_template(
    State(state): State<AppState>,
    WebUser(auth): WebUser,
    Path(event): Path<String>,
) -> Response {
    let view = View::new(&state, &auth);
    let result = async {
        view.authorize(Action::ManageMessageTemplates)?;
        let event: MessageEvent = event
            .parse()
            .map_err(|_| AppError::NotFound("message template"))?;
        state.store.delete_message_template(event).await?;
        Ok(see_other(&format!(
            "/admin/messages?reset={event}#t-{event}"
        )))
    };
    view.finish(result.await)
}
