//! Queries for the outbox (every message hireloop writes, and its delivery) and the admins'
//! message templates (expanded per backend by `queries!`).
//!
//! Delivery may run on several servers against one database: a message is claimed by moving its
//! `next_attempt_at` forward only if it still holds the value that was read (a lease), so two
//! servers never both send it.

macro_rules! outbox {
    ($db:ty) => {
        impl Queries {
            /// Queues messages in one transaction. A message whose `dedupe_key` is already in the
            /// outbox is skipped: only the newly queued messages are returned.
            pub async fn queue_messages(
                &self,
                messages: &[crate::records::NewMessage],
            ) -> Result<Vec<crate::records::OutboxMessage>> {
                let mut tx = self.begin().await?;
                let at = now();
                let mut queued = Vec::with_capacity(messages.len());
                let sql = format!(
                    "INSERT INTO outbox (id, event, to_address, to_name, subject, body_text, ics, \
                     application_id, interview_id, dedupe_key, status, attempts, next_attempt_at, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'queued', 0, $11, $11) \
                     ON CONFLICT (dedupe_key) DO NOTHING RETURNING {OUTBOX_COLUMNS}"
                );
                for m in messages {
                    let row = sqlx::query_as::<$db, OutboxRow>(&sql)
                        .bind(new_id())
                        .bind(m.event.as_str())
                        .bind(m.to_address.as_str())
                        .bind(&m.to_name)
                        .bind(&m.subject)
                        .bind(&m.body_text)
                        .bind(m.ics.as_deref())
                        .bind(m.application_id.map(|id| id.as_uuid()))
                        .bind(m.interview_id.map(|id| id.as_uuid()))
                        .bind(m.dedupe_key.as_deref())
                        .bind(at)
                        .fetch_optional(&mut *tx)
                        .await?;
                    if let Some(row) = row {
                        queued.push(row.into_message()?);
                    }
                }
                tx.commit().await?;
                Ok(queued)
            }

            pub async fn outbox_message(&self, id: Uuid) -> Result<Option<crate::records::OutboxMessage>> {
                let sql = format!("SELECT {OUTBOX_COLUMNS} FROM outbox WHERE id = $1");
                sqlx::query_as::<$db, OutboxRow>(&sql)
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await?
                    .map(OutboxRow::into_message)
                    .transpose()
            }

            /// Newest first.
            pub async fn list_outbox(
                &self,
                filter: &crate::records::OutboxFilter,
                page: &PageRequest,
            ) -> Result<Page<crate::records::OutboxMessage>> {
                let sql = format!(
                    "SELECT {OUTBOX_COLUMNS} FROM outbox WHERE ($1 IS NULL OR id < $1) \
                     AND ($2 IS NULL OR status = $2) AND ($3 IS NULL OR event = $3) \
                     AND ($4 IS NULL OR application_id = $4) ORDER BY id DESC LIMIT $5"
                );
                let rows = sqlx::query_as::<$db, OutboxRow>(&sql)
                    .bind(page.after)
                    .bind(filter.status.map(|s| s.as_str()))
                    .bind(filter.event.map(|e| e.as_str()))
                    .bind(filter.application_id.map(|a| a.as_uuid()))
                    .bind(page.fetch_limit())
                    .fetch_all(&self.pool)
                    .await?;
                let items = rows
                    .into_iter()
                    .map(OutboxRow::into_message)
                    .collect::<Result<Vec<_>>>()?;
                Ok(Page::from_rows(items, page, |m| m.id))
            }

            /// Claims up to `limit` queued messages that are due at `at`, leasing them until
            /// `lease_until`; a message another server claimed first is left to it.
            pub async fn claim_due_messages(
                &self,
                at: DateTime<Utc>,
                lease_until: DateTime<Utc>,
                limit: i64,
            ) -> Result<Vec<crate::records::OutboxMessage>> {
                let sql = format!(
                    "SELECT {OUTBOX_COLUMNS} FROM outbox WHERE status = 'queued' AND next_attempt_at <= $1 \
                     ORDER BY next_attempt_at, id LIMIT $2"
                );
                let due = sqlx::query_as::<$db, OutboxRow>(&sql)
                    .bind(at)
                    .bind(limit)
                    .fetch_all(&self.pool)
                    .await?;
                let mut claimed = Vec::with_capacity(due.len());
                for row in due {
                    let done = sqlx::query(
                        "UPDATE outbox SET next_attempt_at = $1 \
                         WHERE id = $2 AND status = 'queued' AND next_attempt_at = $3",
                    )
                    .bind(lease_until)
                    .bind(row.id)
                    .bind(row.next_attempt_at)
                    .execute(&self.pool)
                    .await?;
                    if done.rows_affected() == 1 {
                        let mut message = row.into_message()?;
                        message.next_attempt_at = lease_until;
                        claimed.push(message);
                    }
                }
                Ok(claimed)
            }

            pub async fn mark_message_sent(&self, id: Uuid, at: DateTime<Utc>) -> Result<()> {
                let done = sqlx::query(
                    "UPDATE outbox SET status = 'sent', sent_at = $1, attempts = attempts + 1, \
                     last_error = NULL WHERE id = $2",
                )
                .bind(at)
                .bind(id)
                .execute(&self.pool)
                .await?;
                if done.rows_affected() == 0 {
                    return Err(StoreError::NotFound("message"));
                }
                Ok(())
            }

            /// Records a failed attempt: tried again at `retry_at`, or given up on (`failed`) when
            /// there is none.
            pub async fn mark_message_failed(
                &self,
                id: Uuid,
                error: &str,
                retry_at: Option<DateTime<Utc>>,
            ) -> Result<()> {
                let status = if retry_at.is_some() { "queued" } else { "failed" };
                let done = sqlx::query(
                    "UPDATE outbox SET status = $1, attempts = attempts + 1, last_error = $2, \
                     next_attempt_at = COALESCE($3, next_attempt_at) WHERE id = $4",
                )
                .bind(status)
                .bind(error)
                .bind(retry_at)
                .bind(id)
                .execute(&self.pool)
                .await?;
                if done.rows_affected() == 0 {
                    return Err(StoreError::NotFound("message"));
                }
                Ok(())
            }

            /// Puts a failed message back in the queue, due now; a sent one is a `Conflict`.
            pub async fn retry_message(&self, id: Uuid) -> Result<crate::records::OutboxMessage> {
                let sql = format!(
                    "UPDATE outbox SET status = 'queued', next_attempt_at = $1 \
                     WHERE id = $2 AND status <> 'sent' RETURNING {OUTBOX_COLUMNS}"
                );
                let row = sqlx::query_as::<$db, OutboxRow>(&sql)
                    .bind(now())
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await?;
                match row {
                    Some(row) => row.into_message(),
                    None if self.outbox_message(id).await?.is_some() => Err(StoreError::conflict(
                        "status",
                        "the message was already sent; it is not sent twice",
                    )),
                    None => Err(StoreError::NotFound("message")),
                }
            }

            // ---- message templates -------------------------------------------------------

            pub async fn message_templates(&self) -> Result<Vec<crate::records::StoredMessageTemplate>> {
                let rows = sqlx::query_as::<$db, MessageTemplateRow>(
                    "SELECT event, subject, body, updated_by, updated_at FROM message_templates ORDER BY event",
                )
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter().map(MessageTemplateRow::into_template).collect()
            }

            pub async fn message_template(
                &self,
                event: hireloop_core::messages::MessageEvent,
            ) -> Result<Option<crate::records::StoredMessageTemplate>> {
                sqlx::query_as::<$db, MessageTemplateRow>(
                    "SELECT event, subject, body, updated_by, updated_at FROM message_templates WHERE event = $1",
                )
                .bind(event.as_str())
                .fetch_optional(&self.pool)
                .await?
                .map(MessageTemplateRow::into_template)
                .transpose()
            }

            /// Stores an admin's template for its event, replacing an earlier edit.
            pub async fn put_message_template(
                &self,
                template: &hireloop_core::messages::MessageTemplate,
                by: Option<UserId>,
            ) -> Result<crate::records::StoredMessageTemplate> {
                let row = sqlx::query_as::<$db, MessageTemplateRow>(
                    "INSERT INTO message_templates (event, subject, body, updated_by, updated_at) \
                     VALUES ($1, $2, $3, $4, $5) ON CONFLICT (event) DO UPDATE SET subject = excluded.subject, \
                     body = excluded.body, updated_by = excluded.updated_by, updated_at = excluded.updated_at \
                     RETURNING event, subject, body, updated_by, updated_at",
                )
                .bind(template.event.as_str())
                .bind(&template.subject)
                .bind(&template.body)
                .bind(by.map(|u| u.as_uuid()))
                .bind(now())
                .fetch_one(&self.pool)
                .await?;
                row.into_template()
            }

            /// Removes an admin's edit, so the shipped template is used again; `false` if none.
            pub async fn delete_message_template(
                &self,
                event: hireloop_core::messages::MessageEvent,
            ) -> Result<bool> {
                let done = sqlx::query("DELETE FROM message_templates WHERE event = $1")
                    .bind(event.as_str())
                    .execute(&self.pool)
                    .await?;
                Ok(done.rows_affected() > 0)
            }
        }
    };
}

pub(crate) use outbox;
