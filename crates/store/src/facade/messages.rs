//! `Store` methods for the outbox and the message templates.

use crate::{records, Backend, Result, Store};
use hireloop_core::ids::UserId;
use hireloop_core::page::{Page, PageRequest};

impl Store {
    // ---- outbox and message templates (communication) ------------------------------------------

    /// Queues messages in one transaction; a message whose `dedupe_key` is already in the outbox is
    /// skipped. Returns the messages newly queued.
    pub async fn queue_messages(
        &self,
        messages: &[records::NewMessage],
    ) -> Result<Vec<records::OutboxMessage>> {
        dispatch!(self.queue_messages(messages))
    }
    pub async fn outbox_message(&self, id: uuid::Uuid) -> Result<Option<records::OutboxMessage>> {
        dispatch!(self.outbox_message(id))
    }
    pub async fn list_outbox(
        &self,
        filter: &records::OutboxFilter,
        page: &PageRequest,
    ) -> Result<Page<records::OutboxMessage>> {
        dispatch!(self.list_outbox(filter, page))
    }
    /// Claims queued messages due at `at` for delivery, leased until `lease_until` so no other
    /// server sends them meanwhile.
    pub async fn claim_due_messages(
        &self,
        at: chrono::DateTime<chrono::Utc>,
        lease_until: chrono::DateTime<chrono::Utc>,
        limit: i64,
    ) -> Result<Vec<records::OutboxMessage>> {
        dispatch!(self.claim_due_messages(at, lease_until, limit))
    }
    pub async fn mark_message_sent(
        &self,
        id: uuid::Uuid,
        at: chrono::DateTime<chrono::Utc>,
    ) -> Result<()> {
        dispatch!(self.mark_message_sent(id, at))
    }
    /// Records a failed delivery: retried at `retry_at`, or `failed` for good when None.
    pub async fn mark_message_failed(
        &self,
        id: uuid::Uuid,
        error: &str,
        retry_at: Option<chrono::DateTime<chrono::Utc>>,
    ) -> Result<()> {
        dispatch!(self.mark_message_failed(id, error, retry_at))
    }
    /// Queues a failed message again, due now; a sent one is a `Conflict`.
    pub async fn retry_message(&self, id: uuid::Uuid) -> Result<records::OutboxMessage> {
        dispatch!(self.retry_message(id))
    }
    /// Admins' edits of the shipped message templates.
    pub async fn message_templates(&self) -> Result<Vec<records::StoredMessageTemplate>> {
        dispatch!(self.message_templates())
    }
    pub async fn message_template(
        &self,
        event: hireloop_core::messages::MessageEvent,
    ) -> Result<Option<records::StoredMessageTemplate>> {
        dispatch!(self.message_template(event))
    }
    pub async fn put_message_template(
        &self,
        template: &hireloop_core::messages::MessageTemplate,
        by: Option<UserId>,
    ) -> Result<records::StoredMessageTemplate> {
        dispatch!(self.put_message_template(template, by))
    }
    /// Goes back to the shipped template; `false` when there was no edit.
    pub async fn delete_message_template(
        &self,
        event: hireloop_core::messages::MessageEvent,
    ) -> Result<bool> {
        dispatch!(self.delete_message_template(event))
    }
}
