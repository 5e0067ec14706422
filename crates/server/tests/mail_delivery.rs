//! Sending the outbox, on each backend: through lettre's stub transport (the email's parts, the
//! .ics attached as text/calendar; method=REQUEST, retries with growing pauses, then failed) and
//! through a tiny SMTP server on a local port, as `HIRELOOP_SMTP_URL` configures it.
#![allow(clippy::unwrap_used)]

mod common;

use chrono::SubsecRound;
use common::{on_each_backend, TestApp};
use hireloop_core::email::Email;
use hireloop_core::messages::{MessageEvent, MessageStatus};
use hireloop_server::mail::delivery::{self, Mailer, MAX_ATTEMPTS};
use hireloop_store::records::NewMessage;
use lettre::transport::stub::AsyncStubTransport;

fn new_message(to: &str, event: MessageEvent) -> NewMessage {
    NewMessage {
        event,
        to_address: Email::parse(to).unwrap(),
        to_name: "Mira Novak".into(),
        subject: "Your application".into(),
        body_text: "Dear Mira,\n".into(),
        ics: None,
        application_id: None,
        interview_id: None,
        dedupe_key: None,
    }
}

#[tokio::test]
async fn delivery_sends_with_the_ics_attached_and_retries_then_gives_up() {
    on_each_backend(|app: TestApp| async move {
        let mut with_ics = new_message("mira@example.com", MessageEvent::Invite);
        with_ics.ics = Some("BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n".into());
        let queued = app.store.queue_messages(&[with_ics]).await.unwrap();
        let from = delivery::parse_sender("Hiring team <hiring@example.com>").unwrap();
        let stub = AsyncStubTransport::new_ok();
        let now = chrono::Utc::now();
        let report = delivery::deliver_due(&app.store, &stub, &from, now)
            .await
            .unwrap();
        assert_eq!((report.sent, report.retried, report.failed), (1, 0, 0));
        let sent = stub.messages().await;
        assert_eq!(sent.len(), 1);
        let (envelope, raw) = &sent[0];
        assert_eq!(envelope.to()[0].to_string(), "mira@example.com");
        assert!(raw.contains("Subject: Your application"), "{raw}");
        assert!(
            raw.contains("Content-Type: text/calendar; method=REQUEST; charset=utf-8"),
            "{raw}"
        );
        assert!(raw.contains("filename=\"invite.ics\""), "{raw}");
        assert!(
            raw.contains(&format!("Message-ID: <{}@hireloop>", queued[0].id)),
            "{raw}"
        );
        let m = app
            .store
            .outbox_message(queued[0].id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!((m.status, m.attempts), (MessageStatus::Sent, 1));
        assert!(m.sent_at.is_some());
        // Sent once: the next round has nothing to do.
        assert_eq!(
            delivery::deliver_due(&app.store, &stub, &from, now)
                .await
                .unwrap()
                .sent,
            0
        );

        // A server that refuses: retried with pauses, then failed with the error kept.
        let failing = app
            .store
            .queue_messages(&[new_message("sam@example.com", MessageEvent::Offer)])
            .await
            .unwrap();
        let broken = AsyncStubTransport::new_error();
        let mut at = chrono::Utc::now();
        for attempt in 1..=MAX_ATTEMPTS {
            at += chrono::Duration::hours(3);
            let report = delivery::deliver_due(&app.store, &broken, &from, at)
                .await
                .unwrap();
            let m = app
                .store
                .outbox_message(failing[0].id)
                .await
                .unwrap()
                .unwrap();
            assert_eq!(m.attempts, attempt);
            assert!(m.last_error.is_some());
            if attempt < MAX_ATTEMPTS {
                assert_eq!((report.retried, m.status), (1, MessageStatus::Queued));
                assert_eq!(
                    m.next_attempt_at,
                    at.trunc_subsecs(6) + delivery::backoff(attempt)
                );
            } else {
                assert_eq!((report.failed, m.status), (1, MessageStatus::Failed));
            }
        }
        app
    })
    .await;
}

/// Accepts one SMTP session on `listener`, answering like a server that takes everything, and
/// returns the DATA it received.
async fn smtp_server_once(listener: tokio::net::TcpListener) -> String {
    use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
    let (socket, _) = listener.accept().await.unwrap();
    let (read, mut write) = socket.into_split();
    let mut lines = BufReader::new(read).lines();
    write.write_all(b"220 test ESMTP\r\n").await.unwrap();
    let mut data = String::new();
    let mut in_data = false;
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
async fn a_configured_smtp_url_delivers_through_a_real_connection() {
    on_each_backend(|app: TestApp| async move {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let server = tokio::spawn(smtp_server_once(listener));
        let queued = app
            .store
            .queue_messages(&[new_message("mira@example.com", MessageEvent::Rejection)])
            .await
            .unwrap();
        let mailer =
            Mailer::new(&format!("smtp://127.0.0.1:{port}"), "hiring@example.com").unwrap();
        let report = mailer.deliver_due(&app.store).await.unwrap();
        assert_eq!(report.sent, 1, "{report:?}");
        let data = server.await.unwrap();
        assert!(
            data.contains("To: \"Mira Novak\" <mira@example.com>")
                || data.contains("To: Mira Novak <mira@example.com>"),
            "{data}"
        );
        assert!(data.contains("Dear Mira,"), "{data}");
        let m = app
            .store
            .outbox_message(queued[0].id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(m.status, MessageStatus::Sent);
        app
    })
    .await;
}
