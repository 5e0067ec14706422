//! `/api/v1/outbox` and `/api/v1/message-templates`: every message hireloop wrote (invites with
//! their .ics, reminders, rejections, offers) and how its delivery went; the templates they are
//! written from, which admins may change (a template that uses a variable its event does not offer
//! is refused with 422 naming `subject` or `body`), and previews with sample values. Also an
//! interview's invite as an .ics file.

use super::extract::{page_request, ApiJson, ApiQuery, PathId};
use crate::auth::ApiUser;
use crate::error::{AppError, AppResult, ErrorBody};
use crate::mail::{self, invite::InviteContext};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use hireloop_core::authz::{authorize, Action};
use hireloop_core::ids::{InterviewId, UserId};
use hireloop_core::messages::{MessageEvent, MessageStatus, MessageTemplate, Rendered, Variable};
use hireloop_core::page::Page;
use hireloop_store::records::{OutboxFilter, OutboxMessage};
use serde::{Deserialize, Serialize};
use std::str::FromStr;
use utoipa::{IntoParams, ToSchema};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/outbox", get(list_outbox))
        .route("/api/v1/outbox/{id}", get(get_message))
        .route("/api/v1/message-templates", get(list_templates))
        .route(
            "/api/v1/message-templates/{event}",
            get(get_template).put(put_template).delete(reset_template),
        )
        .route("/api/v1/message-templates/{event}/preview", post(preview))
        .route("/api/v1/interviews/{id}/invite.ics", get(invite_ics))
}

/// One page of the outbox, newest first.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct OutboxPage {
    pub items: Vec<OutboxMessage>,
    /// Pass as `cursor` to get the next page; null on the last page.
    pub next_cursor: Option<String>,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct OutboxQuery {
    /// Items per page, 1-200; 50 when omitted.
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// queued, sent or failed.
    pub status: Option<String>,
    /// invite, reminder, rejection or offer.
    pub event: Option<String>,
    /// Only the messages about this application.
    pub application_id: Option<String>,
}

impl OutboxQuery {
    pub fn filter(&self) -> AppResult<OutboxFilter> {
        Ok(OutboxFilter {
            status: parse_param::<MessageStatus>("status", self.status.as_deref())?,
            event: parse_param::<MessageEvent>("event", self.event.as_deref())?,
            application_id: parse_param("application_id", self.application_id.as_deref())?,
        })
    }
}

/// An optional query parameter, refused with 400 naming it.
fn parse_param<T: FromStr<Err = String>>(name: &str, raw: Option<&str>) -> AppResult<Option<T>> {
    match raw.map(str::trim).filter(|r| !r.is_empty()) {
        None => Ok(None),
        Some(raw) => raw
            .parse()
            .map(Some)
            .map_err(|message| AppError::BadRequest {
                field: Some(name.into()),
                message: format!("query parameter '{name}': {message}"),
            }),
    }
}

/// The `{id}` of an outbox message; a malformed one is a 400 naming `id`.
pub fn parse_message_id(raw: &str) -> AppResult<uuid::Uuid> {
    uuid::Uuid::parse_str(raw.trim()).map_err(|_| AppError::BadRequest {
        field: Some("id".into()),
        message: format!("'{raw}' is not a valid id (expected a UUID)"),
    })
}

/// The event of a `/message-templates/{event}` path; an unknown one names no template.
fn parse_event(raw: &str) -> AppResult<MessageEvent> {
    raw.parse()
        .map_err(|_| AppError::NotFound("message template"))
}

/// The messages written, newest first (admins and recruiters).
#[utoipa::path(get, path = "/api/v1/outbox", operation_id = "list_outbox", tag = "messages", params(OutboxQuery),
    responses((status = 200, body = OutboxPage), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn list_outbox(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiQuery(query): ApiQuery<OutboxQuery>,
) -> AppResult<Json<Page<OutboxMessage>>> {
    authorize(&user.principal(), Action::ViewOutbox)?;
    let page = page_request(query.limit, query.cursor.as_deref())?;
    Ok(Json(
        state.store.list_outbox(&query.filter()?, &page).await?,
    ))
}

/// One message with its body, .ics and delivery record.
#[utoipa::path(get, path = "/api/v1/outbox/{id}", operation_id = "get_outbox_message", tag = "messages",
    params(("id" = uuid::Uuid, Path)),
    responses((status = 200, body = OutboxMessage), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get_message(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<String>,
) -> AppResult<Json<OutboxMessage>> {
    authorize(&user.principal(), Action::ViewOutbox)?;
    let id = parse_message_id(&id)?;
    let message = state.store.outbox_message(id).await?;
    Ok(Json(message.ok_or(AppError::NotFound("message"))?))
}

/// A message template as in effect, with the variables its event offers.
#[derive(Debug, Serialize, ToSchema)]
pub struct MessageTemplateView {
    pub event: MessageEvent,
    pub label: &'static str,
    pub subject: String,
    pub body: String,
    /// An admin changed it; false means the shipped template is in effect.
    pub customised: bool,
    pub updated_by: Option<UserId>,
    pub updated_at: Option<DateTime<Utc>>,
    pub variables: Vec<Variable>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MessageTemplateList {
    /// In event order: invite, reminder, rejection, offer.
    pub items: Vec<MessageTemplateView>,
}

/// The template in effect for `event`, for the API and the admin page.
pub async fn template_view(
    state: &AppState,
    event: MessageEvent,
) -> AppResult<MessageTemplateView> {
    let stored = match state.store.message_template(event).await {
        Ok(stored) => stored,
        // An edit that no longer fits its event is shown as the shipped template it falls back to.
        Err(hireloop_store::StoreError::Corrupt(_)) => None,
        Err(err) => return Err(err.into()),
    };
    let (template, updated_by, updated_at) = match stored {
        Some(s) => (s.template, s.updated_by, Some(s.updated_at)),
        None => (mail::shipped(event)?, None, None),
    };
    Ok(MessageTemplateView {
        event,
        label: event.label(),
        subject: template.subject,
        body: template.body,
        customised: updated_at.is_some(),
        updated_by,
        updated_at,
        variables: event.variables().to_vec(),
    })
}

#[utoipa::path(get, path = "/api/v1/message-templates", operation_id = "list_message_templates", tag = "messages",
    responses((status = 200, body = MessageTemplateList), (status = 403, body = ErrorBody)))]
pub async fn list_templates(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
) -> AppResult<Json<MessageTemplateList>> {
    authorize(&user.principal(), Action::ViewOutbox)?;
    let mut items = Vec::with_capacity(MessageEvent::ALL.len());
    for event in MessageEvent::ALL {
        items.push(template_view(&state, *event).await?);
    }
    Ok(Json(MessageTemplateList { items }))
}

#[utoipa::path(get, path = "/api/v1/message-templates/{event}", operation_id = "get_message_template", tag = "messages",
    params(("event" = MessageEvent, Path)),
    responses((status = 200, body = MessageTemplateView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get_template(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(event): Path<String>,
) -> AppResult<Json<MessageTemplateView>> {
    authorize(&user.principal(), Action::ViewOutbox)?;
    Ok(Json(template_view(&state, parse_event(&event)?).await?))
}

/// A template's subject and body (minijinja; `{{ variable }}`).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MessageTemplateInput {
    pub subject: String,
    pub body: String,
}

/// Replaces the template of an event (admins). It must parse and use only the event's variables;
/// otherwise 422 naming `subject` or `body`, the variable and the event.
#[utoipa::path(put, path = "/api/v1/message-templates/{event}", operation_id = "put_message_template", tag = "messages",
    params(("event" = MessageEvent, Path)), request_body = MessageTemplateInput,
    responses((status = 200, body = MessageTemplateView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody, description = "A syntax error, or a variable the event does not offer")))]
pub async fn put_template(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(event): Path<String>,
    ApiJson(input): ApiJson<MessageTemplateInput>,
) -> AppResult<Json<MessageTemplateView>> {
    authorize(&user.principal(), Action::ManageMessageTemplates)?;
    let event = parse_event(&event)?;
    let template = MessageTemplate::parse(event, &input.subject, &input.body)?;
    state
        .store
        .put_message_template(&template, Some(user.user.id))
        .await?;
    tracing::info!(%event, "message template changed");
    Ok(Json(template_view(&state, event).await?))
}

/// Goes back to the shipped template (admins).
#[utoipa::path(delete, path = "/api/v1/message-templates/{event}", operation_id = "reset_message_template", tag = "messages",
    params(("event" = MessageEvent, Path)),
    responses((status = 200, body = MessageTemplateView, description = "The shipped template, now in effect"),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn reset_template(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(event): Path<String>,
) -> AppResult<Json<MessageTemplateView>> {
    authorize(&user.principal(), Action::ManageMessageTemplates)?;
    let event = parse_event(&event)?;
    state.store.delete_message_template(event).await?;
    Ok(Json(template_view(&state, event).await?))
}

/// A draft to preview; the template in effect when both are omitted.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PreviewInput {
    pub subject: Option<String>,
    pub body: Option<String>,
}

/// Renders a template with sample values, so an edit can be read before it is saved. A draft is
/// checked like a save (422 naming the field).
#[utoipa::path(post, path = "/api/v1/message-templates/{event}/preview", operation_id = "preview_message_template",
    tag = "messages", params(("event" = MessageEvent, Path)), request_body = PreviewInput,
    responses((status = 200, body = Rendered), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn preview(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(event): Path<String>,
    ApiJson(input): ApiJson<PreviewInput>,
) -> AppResult<Json<Rendered>> {
    authorize(&user.principal(), Action::ViewOutbox)?;
    let event = parse_event(&event)?;
    Ok(Json(
        render_preview(&state, event, input.subject, input.body).await?,
    ))
}

/// The preview the API and the admin page show.
pub async fn render_preview(
    state: &AppState,
    event: MessageEvent,
    subject: Option<String>,
    body: Option<String>,
) -> AppResult<Rendered> {
    let current = template_view(state, event).await?;
    let template = MessageTemplate::parse(
        event,
        subject.as_deref().unwrap_or(&current.subject),
        body.as_deref().unwrap_or(&current.body),
    )?;
    template
        .render(&event.sample_values())
        .map_err(|e| AppError::field("body", e.to_string()))
}

/// The interview's calendar invite, for anyone who can see the interview.
#[utoipa::path(get, path = "/api/v1/interviews/{id}/invite.ics", operation_id = "interview_invite_ics", tag = "interviews",
    params(("id" = uuid::Uuid, Path)),
    responses((status = 200, description = "An RFC 5545 calendar with the interview", content_type = "text/calendar"),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody, description = "The invite lacks a required field, e.g. an organizer")))]
pub async fn invite_ics(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathId(id): PathId<InterviewId>,
) -> AppResult<impl IntoResponse> {
    let (interview, _) = super::interviews::load_interview(&state, &user.principal(), id).await?;
    let ics = InviteContext::load(&state.store, &state.config, interview)
        .await?
        .ics()?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "text/calendar; charset=utf-8; method=REQUEST".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"interview-{id}.ics\""),
            ),
        ],
        ics,
    ))
}
