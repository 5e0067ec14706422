//! Rows of the outbox and of admins' message templates.

use super::*;

// ---- outbox and message templates (issue #6, communication) -----------------------------------

#[derive(sqlx::FromRow)]
pub(crate) struct OutboxRow {
    pub id: Uuid,
    pub event: String,
    pub to_address: String,
    pub to_name: String,
    pub subject: String,
    pub body_text: String,
    pub ics: Option<String>,
    pub application_id: Option<Uuid>,
    pub interview_id: Option<Uuid>,
    pub dedupe_key: Option<String>,
    pub status: String,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub next_attempt_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}

impl OutboxRow {
    pub fn into_message(self) -> Result<crate::records::OutboxMessage> {
        Ok(crate::records::OutboxMessage {
            id: self.id,
            event: stored("message event", self.event.parse())?,
            to_address: stored("message address", Email::parse(&self.to_address))?,
            to_name: self.to_name,
            subject: self.subject,
            body_text: self.body_text,
            ics: self.ics,
            application_id: self.application_id.map(Into::into),
            interview_id: self.interview_id.map(Into::into),
            dedupe_key: self.dedupe_key,
            status: stored("message status", self.status.parse())?,
            attempts: self.attempts,
            last_error: self.last_error,
            next_attempt_at: self.next_attempt_at,
            created_at: self.created_at,
            sent_at: self.sent_at,
        })
    }
}

pub(crate) const OUTBOX_COLUMNS: &str = "id, event, to_address, to_name, subject, body_text, ics, \
     application_id, interview_id, dedupe_key, status, attempts, last_error, next_attempt_at, \
     created_at, sent_at";

#[derive(sqlx::FromRow)]
pub(crate) struct MessageTemplateRow {
    pub event: String,
    pub subject: String,
    pub body: String,
    pub updated_by: Option<Uuid>,
    pub updated_at: DateTime<Utc>,
}

impl MessageTemplateRow {
    /// A stored template is checked again on the way out: one that no longer fits its event (a
    /// variable was renamed in a new release) is corrupt, and the server falls back to the default.
    pub fn into_template(self) -> Result<crate::records::StoredMessageTemplate> {
        let event: hireloop_core::messages::MessageEvent =
            stored("message template event", self.event.parse())?;
        let template = stored(
            "message template",
            hireloop_core::messages::MessageTemplate::parse(event, &self.subject, &self.body)
                .map_err(|e| format!("{event}: {e}")),
        )?;
        Ok(crate::records::StoredMessageTemplate {
            template,
            updated_by: self.updated_by.map(Into::into),
            updated_at: self.updated_at,
        })
    }
}
