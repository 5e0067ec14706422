//! The outbox and message templates, on every backend: queueing (once per dedupe key, several in
//! one transaction), listing with filters and pages, claiming for delivery under a lease, retries
//! and failures, and admins' template edits.
#![allow(clippy::unwrap_used)]

mod common;

use chrono::{Duration, SubsecRound, Utc};
use common::*;
use hireloop_core::email::Email;
use hireloop_core::messages::{MessageEvent, MessageStatus, MessageTemplate};
use hireloop_store::records::{NewMessage, OutboxFilter};

fn message(to: &str, event: MessageEvent, dedupe: Option<&str>) -> NewMessage {
    NewMessage {
        event,
        to_address: Email::parse(to).unwrap(),
        to_name: "Ana Petrović".into(),
        subject: format!("About {to}"),
        body_text: "Hello,\nline two\n".into(),
        ics: (event == MessageEvent::Invite).then(|| "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".into()),
        application_id: None,
        interview_id: None,
        dedupe_key: dedupe.map(str::to_string),
    }
}

#[tokio::test]
async fn messages_are_queued_read_back_and_listed_newest_first() {
    on_each_backend(|store: Store| async move {
        let application = application_on(&store, "Go Engineer", "ana@example.com").await;
        let mut invite = message("ana@example.com", MessageEvent::Invite, None);
        invite.application_id = Some(application.id);
        let queued = store
            .queue_messages(&[
                invite.clone(),
                message("sam@example.com", MessageEvent::Rejection, None),
            ])
            .await
            .unwrap();
        assert_eq!(queued.len(), 2);
        let first = &queued[0];
        assert_eq!(first.status, MessageStatus::Queued);
        assert_eq!(first.attempts, 0);
        assert_eq!(first.to_address.as_str(), "ana@example.com");
        assert_eq!(first.body_text, "Hello,\nline two\n");
        assert_eq!(
            first.ics.as_deref(),
            Some("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
        );
        assert_eq!(first.application_id, Some(application.id));
        assert_eq!(
            store.outbox_message(first.id).await.unwrap().as_ref(),
            Some(first)
        );
        assert_eq!(
            store.outbox_message(uuid::Uuid::now_v7()).await.unwrap(),
            None
        );

        let all = store
            .list_outbox(&OutboxFilter::default(), &PageRequest::default())
            .await
            .unwrap();
        assert_eq!(all.items.len(), 2);
        assert_eq!(all.items[0].event, MessageEvent::Rejection, "newest first");

        let invites = OutboxFilter {
            event: Some(MessageEvent::Invite),
            ..Default::default()
        };
        let only = store
            .list_outbox(&invites, &PageRequest::default())
            .await
            .unwrap();
        assert_eq!(only.items.len(), 1);
        assert_eq!(only.items[0].id, first.id);
        let for_application = OutboxFilter {
            application_id: Some(application.id),
            ..Default::default()
        };
        assert_eq!(
            store
                .list_outbox(&for_application, &PageRequest::default())
                .await
                .unwrap()
                .items
                .len(),
            1
        );
        let sent = OutboxFilter {
            status: Some(MessageStatus::Sent),
            ..Default::default()
        };
        assert!(store
            .list_outbox(&sent, &PageRequest::default())
            .await
            .unwrap()
            .items
            .is_empty());

        let one = PageRequest {
            limit: 1,
            after: None,
        };
        let page1 = store
            .list_outbox(&OutboxFilter::default(), &one)
            .await
            .unwrap();
        assert_eq!(page1.items.len(), 1);
        let cursor = page1.next_cursor.unwrap();
        let page2 = store
            .list_outbox(
                &OutboxFilter::default(),
                &PageRequest::parse(Some(1), Some(&cursor)).unwrap(),
            )
            .await
            .unwrap();
        assert_eq!(page2.items[0].id, first.id);
        assert_eq!(page2.next_cursor, None);
    })
    .await;
}

#[tokio::test]
async fn a_dedupe_key_queues_a_message_once() {
    on_each_backend(|store: Store| async move {
        let reminder = message(
            "sam@example.com",
            MessageEvent::Reminder,
            Some("reminder:i1:u1"),
        );
        assert_eq!(
            store
                .queue_messages(std::slice::from_ref(&reminder))
                .await
                .unwrap()
                .len(),
            1
        );
        // Again, and again within one batch with a new one: only the new one is queued.
        assert!(store
            .queue_messages(std::slice::from_ref(&reminder))
            .await
            .unwrap()
            .is_empty());
        let other = message(
            "lena@example.com",
            MessageEvent::Reminder,
            Some("reminder:i1:u2"),
        );
        let queued = store.queue_messages(&[reminder, other]).await.unwrap();
        assert_eq!(queued.len(), 1);
        assert_eq!(queued[0].dedupe_key.as_deref(), Some("reminder:i1:u2"));
        // Messages without a key never collide.
        let plain = message("ana@example.com", MessageEvent::Offer, None);
        assert_eq!(
            store
                .queue_messages(&[plain.clone(), plain])
                .await
                .unwrap()
                .len(),
            2
        );
        let all = store
            .list_outbox(&OutboxFilter::default(), &PageRequest::default())
            .await
            .unwrap();
        assert_eq!(all.items.len(), 4);
    })
    .await;
}

#[tokio::test]
async fn delivery_claims_under_a_lease_and_records_attempts() {
    on_each_backend(|store: Store| async move {
        let queued = store
            .queue_messages(&[message("ana@example.com", MessageEvent::Offer, None)])
            .await
            .unwrap();
        let id = queued[0].id;
        let now = Utc::now().trunc_subsecs(6) + Duration::seconds(1);
        let lease = now + Duration::minutes(5);
        let claimed = store.claim_due_messages(now, lease, 10).await.unwrap();
        assert_eq!(claimed.len(), 1);
        assert_eq!(claimed[0].id, id);
        // Leased: a second server (or the next tick) does not get it.
        assert!(store
            .claim_due_messages(now, lease, 10)
            .await
            .unwrap()
            .is_empty());
        // After the lease it is due again (the sender died mid-way).
        let later = lease + Duration::seconds(1);
        assert_eq!(
            store
                .claim_due_messages(later, later + Duration::minutes(5), 10)
                .await
                .unwrap()
                .len(),
            1
        );

        let retry_at = later + Duration::minutes(10);
        store
            .mark_message_failed(id, "connection refused", Some(retry_at))
            .await
            .unwrap();
        let m = store.outbox_message(id).await.unwrap().unwrap();
        assert_eq!((m.status, m.attempts), (MessageStatus::Queued, 1));
        assert_eq!(m.last_error.as_deref(), Some("connection refused"));
        assert_eq!(m.next_attempt_at, retry_at);
        assert!(
            store
                .claim_due_messages(later, later, 10)
                .await
                .unwrap()
                .is_empty(),
            "not yet due"
        );

        store
            .mark_message_failed(id, "mailbox unavailable", None)
            .await
            .unwrap();
        let m = store.outbox_message(id).await.unwrap().unwrap();
        assert_eq!((m.status, m.attempts), (MessageStatus::Failed, 2));
        assert!(
            store
                .claim_due_messages(retry_at, retry_at, 10)
                .await
                .unwrap()
                .is_empty(),
            "failed is final"
        );

        let again = store.retry_message(id).await.unwrap();
        assert_eq!(again.status, MessageStatus::Queued);
        let sent_at = Utc::now().trunc_subsecs(6);
        store.mark_message_sent(id, sent_at).await.unwrap();
        let m = store.outbox_message(id).await.unwrap().unwrap();
        assert_eq!(
            (m.status, m.attempts, m.sent_at),
            (MessageStatus::Sent, 3, Some(sent_at))
        );
        assert_eq!(m.last_error, None);
        assert!(matches!(
            store.retry_message(id).await,
            Err(StoreError::Conflict { .. })
        ));
        assert!(matches!(
            store.retry_message(uuid::Uuid::now_v7()).await,
            Err(StoreError::NotFound(_))
        ));
        assert!(matches!(
            store.mark_message_sent(uuid::Uuid::now_v7(), sent_at).await,
            Err(StoreError::NotFound(_))
        ));
    })
    .await;
}

#[tokio::test]
async fn admins_template_edits_replace_and_reset() {
    on_each_backend(|store: Store| async move {
        let admin = user(&store, "admin@example.com", UserRole::Admin).await;
        assert!(store.message_templates().await.unwrap().is_empty());
        assert_eq!(
            store.message_template(MessageEvent::Offer).await.unwrap(),
            None
        );

        let first = MessageTemplate::parse(
            MessageEvent::Offer,
            "Offer: {{ role_title }}",
            "Hi {{ candidate_name }}",
        )
        .unwrap();
        let stored = store
            .put_message_template(&first, Some(admin.id))
            .await
            .unwrap();
        assert_eq!(stored.template, first);
        assert_eq!(stored.updated_by, Some(admin.id));
        let second = MessageTemplate::parse(
            MessageEvent::Offer,
            "Your offer",
            "Dear {{ candidate_name }}",
        )
        .unwrap();
        store.put_message_template(&second, None).await.unwrap();
        let read = store
            .message_template(MessageEvent::Offer)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(read.template, second);
        assert_eq!(read.updated_by, None);
        assert_eq!(store.message_templates().await.unwrap().len(), 1);

        assert!(store
            .delete_message_template(MessageEvent::Offer)
            .await
            .unwrap());
        assert!(!store
            .delete_message_template(MessageEvent::Offer)
            .await
            .unwrap());
        assert_eq!(
            store.message_template(MessageEvent::Offer).await.unwrap(),
            None
        );
    })
    .await;
}
