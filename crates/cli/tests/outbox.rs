//! `hireloop outbox …` and `hireloop reminders` against a real database, on every backend.
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;
use common::{hireloop, on_each_backend};
use hireloop_core::email::Email;
use hireloop_core::messages::MessageEvent;
use hireloop_store::records::NewMessage;

fn message(to: &str, event: MessageEvent, ics: Option<&str>) -> NewMessage {
    NewMessage {
        event,
        to_address: Email::parse(to).unwrap(),
        to_name: "Mira Novak".into(),
        subject: format!("{event} for {to}"),
        body_text: "Dear Mira,\nthank you.\n".into(),
        ics: ics.map(str::to_string),
        application_id: None,
        interview_id: None,
        dedupe_key: None,
    }
}

#[tokio::test]
async fn the_outbox_is_listed_shown_and_not_sent_without_a_mail_server() {
    on_each_backend(|store, db| async move {
        let queued = store
            .queue_messages(&[
                message(
                    "mira@example.com",
                    MessageEvent::Invite,
                    Some("BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n"),
                ),
                message("sam@example.com", MessageEvent::Rejection, None),
            ])
            .await
            .unwrap();

        let listed = hireloop(&db, &["outbox", "list", "--format", "json"])
            .ok()
            .json();
        assert_eq!(listed["items"].as_array().unwrap().len(), 2);
        assert_eq!(
            listed["items"][0]["to_address"], "sam@example.com",
            "newest first"
        );
        let invites = hireloop(
            &db,
            &["outbox", "list", "--event", "invite", "--format", "json"],
        )
        .ok()
        .json();
        assert_eq!(invites["items"].as_array().unwrap().len(), 1);
        let table = hireloop(&db, &["outbox", "list", "--status", "queued"]).ok();
        assert!(table.stdout.contains("2 shown"), "{}", table.stdout);
        let bad = hireloop(&db, &["outbox", "list", "--status", "lost"]);
        assert_eq!(bad.code, 1);
        assert!(
            bad.stderr.contains("status: unknown message status 'lost'"),
            "{}",
            bad.stderr
        );

        let shown = hireloop(&db, &["outbox", "show", &queued[0].id.to_string()]).ok();
        assert!(
            shown
                .stdout
                .contains("To:       Mira Novak <mira@example.com>"),
            "{}",
            shown.stdout
        );
        assert!(
            shown.stdout.contains("Dear Mira,\nthank you."),
            "{}",
            shown.stdout
        );
        assert!(
            shown
                .stdout
                .contains("--- invite.ics ---\nBEGIN:VCALENDAR\nMETHOD:REQUEST"),
            "{}",
            shown.stdout
        );
        let missing = hireloop(&db, &["outbox", "show", &uuid::Uuid::now_v7().to_string()]);
        assert_eq!(missing.code, 1);
        assert!(
            missing.stderr.contains("no message with id"),
            "{}",
            missing.stderr
        );

        let mut unsent = common::command(&db, &["outbox", "send"]);
        unsent
            .env_remove("HIRELOOP_SMTP_URL")
            .env_remove("HIRELOOP_MAIL_FROM");
        let output = unsent.output().unwrap();
        assert_eq!(output.status.code(), Some(1));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains("smtp-url: give --smtp-url or set HIRELOOP_SMTP_URL"),
            "{stderr}"
        );

        let reminded = hireloop(&db, &["reminders", "--after-hours", "24"]).ok();
        assert_eq!(reminded.stdout.trim(), "Queued 0 feedback reminder(s).");
    })
    .await;
}
