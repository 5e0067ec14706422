//! Reminders for missing feedback: an interviewer who has not submitted feedback some hours after
//! the interview ended (24 by default) gets one reminder. The dedupe key makes the periodic task,
//! and `hireloop reminders`, safe to run any number of times.

use super::{is_closed, render, when};
use crate::config::ServerConfig;
use chrono::{DateTime, Duration, Utc};
use hireloop_core::authz::system_visibility;
use hireloop_core::messages::{MessageEvent, MessageValues};
use hireloop_store::records::NewMessage;
use hireloop_store::Store;
use std::collections::HashMap;

#[derive(Debug, Clone)]
pub struct ReminderSettings {
    /// Remind this many hours after the interview ended.
    pub after_hours: i64,
    /// The base of the feedback link.
    pub base_url: String,
}

impl ReminderSettings {
    pub fn from_config(config: &ServerConfig) -> Self {
        Self {
            after_hours: config.feedback_reminder_hours,
            base_url: config.public_base_url(),
        }
    }
}

/// Queues a reminder for each interviewer whose feedback is missing `after_hours` after the
/// interview ended at `now`; returns how many were newly queued (ones queued before are skipped).
pub async fn queue_feedback_reminders(
    store: &Store,
    settings: &ReminderSettings,
    now: DateTime<Utc>,
) -> anyhow::Result<usize> {
    let missing = store
        .interviews_missing_feedback(now - Duration::hours(settings.after_hours))
        .await?;
    let mut applications = HashMap::new();
    let mut messages = Vec::with_capacity(missing.len());
    for m in missing {
        let interview = &m.interview;
        let application = match applications.get(&interview.application_id) {
            Some(found) => found,
            None => {
                let Some(found) = store
                    .application(&system_visibility(), interview.application_id)
                    .await?
                else {
                    continue;
                };
                applications
                    .entry(interview.application_id)
                    .or_insert(found)
            }
        };
        let mut values = MessageValues::new(MessageEvent::Reminder);
        values
            .set("interviewer_name", m.name.as_str())
            .set("candidate_name", application.candidate_name.as_str())
            .set("role_title", application.role_title.as_str())
            .set("interview_kind", interview.stage_kind.label())
            .set("interview_date", when(&interview.starts_at))
            .set(
                "feedback_url",
                format!("{}/interviews/{}/feedback", settings.base_url, interview.id),
            );
        let rendered = render(store, MessageEvent::Reminder, &values).await?;
        messages.push(NewMessage {
            event: MessageEvent::Reminder,
            to_address: m.email.clone(),
            to_name: m.name.to_string(),
            subject: rendered.subject,
            body_text: rendered.body,
            ics: None,
            application_id: Some(interview.application_id),
            interview_id: Some(interview.id),
            dedupe_key: Some(format!("reminder:{}:{}", interview.id, m.user_id)),
        });
    }
    Ok(store.queue_messages(&messages).await?.len())
}

/// Looks for missing feedback every `every` until the store is closed.
pub fn spawn(
    store: Store,
    every: std::time::Duration,
    settings: ReminderSettings,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        // The first look is one period after start, not at once: a restart loop must not hammer.
        let mut tick = tokio::time::interval_at(tokio::time::Instant::now() + every, every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            match queue_feedback_reminders(&store, &settings, Utc::now()).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(queued = n, "feedback reminders queued"),
                Err(err) => {
                    if err
                        .downcast_ref::<hireloop_store::StoreError>()
                        .is_some_and(is_closed)
                    {
                        break;
                    }
                    tracing::error!(
                        error = format!("{err:#}"),
                        "queueing feedback reminders failed"
                    );
                }
            }
        }
    })
}
