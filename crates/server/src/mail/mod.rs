//! Communication: every message hireloop writes (interview invites with an .ics, feedback reminders,
//! rejections, offers) is rendered from its event's template and put in the outbox. Nothing needs a
//! mail server: the outbox is viewable in the UI. When SMTP is configured a background task sends
//! what is queued (`delivery`), and another queues reminders for missing feedback (`reminders`).
//! The hooks in `notify` are what the interview, decision and offer handlers call on success.

pub mod delivery;
pub mod invite;
pub mod notify;
pub mod reminders;

use crate::state::AppState;
use anyhow::Context;
use hireloop_core::messages::{self, MessageEvent, MessageTemplate, MessageValues, Rendered};
use hireloop_store::{Store, StoreError};

/// The template in effect for `event`: the admins' edit if there is one, else the shipped one. An
/// edit that no longer fits its event (a variable renamed by an upgrade) falls back to the shipped
/// template rather than stopping every message of that kind.
pub async fn template_for(store: &Store, event: MessageEvent) -> anyhow::Result<MessageTemplate> {
    match store.message_template(event).await {
        Ok(Some(stored)) => return Ok(stored.template),
        Ok(None) => {}
        Err(StoreError::Corrupt(problem)) => {
            tracing::warn!(%event, problem, "the edited message template no longer fits; using the shipped one");
        }
        Err(err) => return Err(err).context("reading the message template"),
    }
    shipped(event)
}

/// The shipped template of `event`; the core's tests prove every shipped file is valid.
pub fn shipped(event: MessageEvent) -> anyhow::Result<MessageTemplate> {
    messages::shipped_for(event).with_context(|| format!("the shipped {event} template"))
}

/// Renders the template in effect for `values`' event.
pub async fn render(
    store: &Store,
    event: MessageEvent,
    values: &MessageValues,
) -> anyhow::Result<Rendered> {
    let template = template_for(store, event).await?;
    template
        .render(values)
        .with_context(|| format!("rendering the {event} message"))
}

/// A moment in a message: `Tuesday 1 December 2026, 14:00 UTC`.
pub fn when(at: &chrono::DateTime<chrono::Utc>) -> String {
    at.format("%A %-d %B %Y, %H:%M UTC").to_string()
}

/// Checks the mail settings and starts the background tasks: SMTP delivery when configured, and
/// the feedback reminders. A bad SMTP URL or sender stops start-up with a clear message. The tasks
/// end by themselves once the store is closed.
pub fn start(state: &AppState) -> anyhow::Result<()> {
    let config = &state.config;
    if let Some(mailer) = delivery::Mailer::from_config(config)? {
        tracing::info!(smtp = %mailer.describe(), "sending queued messages through SMTP");
        delivery::spawn(state.store.clone(), mailer);
    } else {
        tracing::info!("no SMTP server configured: messages stay in the outbox");
    }
    if config.reminder_check_minutes > 0 {
        reminders::spawn(
            state.store.clone(),
            std::time::Duration::from_secs(config.reminder_check_minutes * 60),
            reminders::ReminderSettings::from_config(config),
        );
    }
    Ok(())
}

/// Whether the store was closed (the server is shutting down): background tasks stop then.
pub(crate) fn is_closed(err: &StoreError) -> bool {
    matches!(
        err,
        StoreError::Database(hireloop_store::SqlxError::PoolClosed)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn times_read_as_a_person_would_say_them() {
        let at = chrono::Utc.with_ymd_and_hms(2026, 12, 1, 14, 0, 0).unwrap();
        assert_eq!(when(&at), "Tuesday 1 December 2026, 14:00 UTC");
    }
}
