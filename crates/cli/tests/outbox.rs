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

/// Accepts one SMTP session, answering like a server that takes everything; returns the DATA.
async fn smtp_server_once(listener: tokio::net::TcpListener) -> String {
    use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
    let (socket, _) = listener.accept().await.unwrap();
    let (read, mut write) = socket.into_split();
    let mut lines = BufReader::new(read).lines();
    write.write_all(b"220 test ESMTP\r\n").await.unwrap();
    let (mut data, mut in_data) = (String::new(), false);
    while let Some(line) = lines.next_line().await.unwrap() {
        if in_data {
            if line == "." {
                in_data = false;
                write.write_all(b"250 queued\r\n").await.unwrap();
            } else {
                data.push_str(&line);
                data.push('\n');
            }
            continue;
        }
        let verb = line
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_ascii_uppercase();
        let reply: &[u8] = match verb.as_str() {
            "EHLO" | "HELO" => b"250-test\r\n250 8BITMIME\r\n",
            "DATA" => {
                in_data = true;
                b"354 go ahead\r\n"
            }
            "QUIT" => {
                write.write_all(b"221 bye\r\n").await.unwrap();
                break;
            }
            _ => b"250 ok\r\n",
        };
        write.write_all(reply).await.unwrap();
    }
    data
}

#[tokio::test]
async fn outbox_send_delivers_the_queued_messages_through_smtp() {
    on_each_backend(|store, db| async move {
        let queued = store
            .queue_messages(&[message("sam@example.com", MessageEvent::Offer, None)])
            .await
            .unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("smtp://127.0.0.1:{}", listener.local_addr().unwrap().port());
        let server = tokio::spawn(smtp_server_once(listener));
        let run = tokio::task::spawn_blocking(move || {
            hireloop(
                &db,
                &[
                    "outbox",
                    "send",
                    "--smtp-url",
                    &url,
                    "--mail-from",
                    "Hiring <hiring@example.com>",
                ],
            )
        })
        .await
        .unwrap()
        .ok();
        assert!(
            run.stdout
                .starts_with("Sent 1 message(s) through smtp://127.0.0.1:"),
            "{}",
            run.stdout
        );
        let data = server.await.unwrap();
        assert!(
            data.contains("Subject: offer for sam@example.com"),
            "{data}"
        );
        assert!(data.contains("Dear Mira,"), "{data}");
        let sent = store.outbox_message(queued[0].id).await.unwrap().unwrap();
        assert_eq!(sent.status, hireloop_core::messages::MessageStatus::Sent);
    })
    .await;
}
