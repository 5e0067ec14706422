//! The calls other handlers make on success: an interview was scheduled, an application was
//! rejected, an offer was sent. Each queues its messages and never fails the caller: the decision
//! is already stored, and a message that could not be queued is logged for an operator rather than
//! turned into an error for the person who made the decision.

use super::{invite, render};
use crate::state::AppState;
use anyhow::Context;
use hireloop_core::authz::system_visibility;
use hireloop_core::ids::ApplicationId;
use hireloop_core::interview::Interview;
use hireloop_core::messages::{MessageEvent, MessageValues};
use hireloop_store::records::NewMessage;

/// An interview was scheduled or changed: an invite with the .ics to the candidate and each interviewer.
pub async fn interview_scheduled(state: &AppState, interview: &Interview) {
    let id = interview.id;
    match invite::queue_invites(&state.store, &state.config, interview.clone()).await {
        Ok(n) => tracing::info!(interview = %id, queued = n, "interview invites queued"),
        Err(err) => {
            tracing::error!(interview = %id, error = format!("{err:#}"), "queueing interview invites failed")
        }
    }
}

/// The team rejected an application: a respectful message to the candidate.
pub async fn application_rejected(
    state: &AppState,
    application: ApplicationId,
    reason_label: Option<&str>,
) {
    if let Err(err) = queue_rejection(state, application, reason_label).await {
        tracing::error!(application = %application, error = format!("{err:#}"), "queueing the rejection message failed");
    }
}

/// An offer was sent: the message to the candidate with where to read it.
pub async fn offer_sent(
    state: &AppState,
    application: ApplicationId,
    offer: &hireloop_core::interview::Offer,
) {
    if let Err(err) = queue_offer(state, application, offer).await {
        tracing::error!(application = %application, error = format!("{err:#}"), "queueing the offer message failed");
    }
}

async fn to_candidate(
    state: &AppState,
    application: ApplicationId,
) -> anyhow::Result<(
    hireloop_core::application::Application,
    hireloop_core::candidate::Candidate,
)> {
    let scope = system_visibility();
    let application = state
        .store
        .application(&scope, application)
        .await?
        .context("no such application")?;
    let candidate = state
        .store
        .candidate(&scope, application.candidate_id)
        .await?
        .context("the application's candidate is gone")?;
    Ok((application, candidate))
}

async fn queue_rejection(
    state: &AppState,
    application: ApplicationId,
    reason_label: Option<&str>,
) -> anyhow::Result<()> {
    let (application, candidate) = to_candidate(state, application).await?;
    let mut values = MessageValues::new(MessageEvent::Rejection);
    values
        .set("candidate_name", candidate.name.as_str())
        .set("role_title", application.role_title.as_str())
        .set_opt("reason_label", reason_label);
    let rendered = render(&state.store, MessageEvent::Rejection, &values).await?;
    state
        .store
        .queue_messages(&[NewMessage {
            event: MessageEvent::Rejection,
            to_address: candidate.email,
            to_name: candidate.name.to_string(),
            subject: rendered.subject,
            body_text: rendered.body,
            ics: None,
            application_id: Some(application.id),
            interview_id: None,
            // One per rejection: a reopened and rejected-again application gets a new one.
            dedupe_key: Some(format!(
                "rejection:{}:{}",
                application.id,
                application.updated_at.timestamp_micros()
            )),
        }])
        .await?;
    Ok(())
}

async fn queue_offer(
    state: &AppState,
    application: ApplicationId,
    offer: &hireloop_core::interview::Offer,
) -> anyhow::Result<()> {
    let (application, candidate) = to_candidate(state, application).await?;
    // The candidate has no login: the message carries the offer itself, not a link to it.
    let start_date = Some(offer.start_date);
    let mut values = MessageValues::new(MessageEvent::Offer);
    values
        .set("candidate_name", candidate.name.as_str())
        .set("role_title", application.role_title.as_str())
        .set_opt(
            "start_date",
            start_date.map(|d| d.format("%-d %B %Y").to_string()),
        )
        .set("pay", offer.compensation.pay.to_string())
        .set("terms", offer.terms_text());
    let rendered = render(&state.store, MessageEvent::Offer, &values).await?;
    state
        .store
        .queue_messages(&[NewMessage {
            event: MessageEvent::Offer,
            to_address: candidate.email,
            to_name: candidate.name.to_string(),
            subject: rendered.subject,
            body_text: rendered.body,
            ics: None,
            application_id: Some(application.id),
            interview_id: None,
            dedupe_key: None,
        }])
        .await?;
    Ok(())
}
