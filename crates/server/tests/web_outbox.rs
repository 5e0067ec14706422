//! The outbox pages and the message templates admin page, on each backend: the list and one
//! message with its body and .ics, retrying a failed message, editing a template with the error
//! shown at the field, resetting it, and who may see what.
#![allow(clippy::unwrap_used)]

mod common;

use common::{csrf_from, on_each_backend, TestApp};
use hireloop_core::email::Email;
use hireloop_core::messages::{MessageEvent, MessageStatus};
use hireloop_core::user::UserRole;
use hireloop_store::records::NewMessage;

fn invite(to: &str) -> NewMessage {
    NewMessage {
        event: MessageEvent::Invite,
        to_address: Email::parse(to).unwrap(),
        to_name: "Mira <Novak>".into(),
        subject: "Interview: System design".into(),
        body_text: "Hello Mira,\nSee you on Tuesday.\n".into(),
        ics: Some("BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n".into()),
        application_id: None,
        interview_id: None,
        dedupe_key: None,
    }
}

#[tokio::test]
async fn the_outbox_lists_messages_and_shows_one_with_its_ics() {
    on_each_backend(|app: TestApp| async move {
        let queued = app
            .store
            .queue_messages(&[invite("mira@example.com")])
            .await
            .unwrap();
        let id = queued[0].id;
        let recruiter = app.browser_as(UserRole::Recruiter).await;
        let (status, html) = recruiter.get("/outbox").await;
        assert_eq!(status, 200, "{html}");
        assert!(
            html.contains("<a href=\"/outbox\" aria-current=\"page\">Outbox</a>"),
            "nav link"
        );
        assert!(
            html.contains(&format!(
                "<a href=\"/outbox/{id}\">Interview: System design</a>"
            )),
            "{html}"
        );
        assert!(html.contains("Mira &lt;Novak&gt;"), "names are escaped");
        assert!(html.contains("with invite.ics"));
        let (_, filtered) = recruiter.get("/outbox?status=sent&event=").await;
        assert!(
            filtered.contains("No messages match this filter"),
            "{filtered}"
        );
        let (status, _) = recruiter.get("/outbox?status=lost").await;
        assert_eq!(status, 400);

        // Pages keep the filter: two invites, one per page.
        app.store
            .queue_messages(&[invite("sam@example.com")])
            .await
            .unwrap();
        let (_, first) = recruiter.get("/outbox?limit=1&event=invite").await;
        assert!(first.contains("sam@example.com") && !first.contains("mira@example.com"));
        let end = first.find("\">Next page").expect("a next page link");
        let start = first[..end].rfind("href=\"").unwrap() + "href=\"".len();
        let next = first[start..end]
            .replace("&amp;", "&")
            .replace("&#x2f;", "/");
        assert!(
            next.contains("limit=1") && next.contains("event=invite"),
            "{next}"
        );
        let (_, second) = recruiter.get(&next).await;
        assert!(second.contains("mira@example.com") && !second.contains("sam@example.com"));

        let (status, page) = recruiter.get(&format!("/outbox/{id}")).await;
        assert_eq!(status, 200, "{page}");
        assert!(page.contains("Hello Mira,\nSee you on Tuesday."), "{page}");
        assert!(page.contains("METHOD:REQUEST"), "{page}");
        assert!(
            !page.contains("Try sending again"),
            "only failed messages are retried"
        );
        assert_eq!(
            recruiter
                .get(&format!("/outbox/{}", uuid::Uuid::now_v7()))
                .await
                .0,
            404
        );

        // A failed message can be queued again from its page.
        app.store
            .mark_message_failed(id, "550 mailbox unavailable", None)
            .await
            .unwrap();
        let (_, page) = recruiter.get(&format!("/outbox/{id}")).await;
        assert!(
            page.contains("550 mailbox unavailable") && page.contains("Try sending again"),
            "{page}"
        );
        let csrf = csrf_from(&page);
        let (status, location) = recruiter
            .post_form(&format!("/outbox/{id}/retry"), &[("_csrf", &csrf)])
            .await;
        assert_eq!(
            (status, location.as_str()),
            (303, format!("/outbox/{id}").as_str())
        );
        assert_eq!(
            app.store.outbox_message(id).await.unwrap().unwrap().status,
            MessageStatus::Queued
        );

        let interviewer = app.browser_as(UserRole::Interviewer).await;
        let (status, html) = interviewer.get("/outbox").await;
        assert_eq!(status, 403);
        assert!(
            !html.contains("href=\"/outbox\""),
            "no nav link for those who may not look"
        );
        assert_eq!(interviewer.get(&format!("/outbox/{id}")).await.0, 403);
        app
    })
    .await;
}

#[tokio::test]
async fn an_admin_edits_a_template_with_errors_shown_at_the_field_and_resets_it() {
    on_each_backend(|app: TestApp| async move {
        let admin = app.browser_as(UserRole::Admin).await;
        let (status, html) = admin.get("/admin/messages").await;
        assert_eq!(status, 200, "{html}");
        for event in ["invite", "reminder", "rejection", "offer"] {
            assert!(html.contains(&format!("action=\"/admin/messages/{event}\"")), "{event}");
        }
        assert!(html.contains("<code>reason_label</code> <span class=\"optional\">optional</span>"));
        assert!(html.contains("Dear Ana Petrović,"), "the preview uses sample values");
        let csrf = csrf_from(&html);

        let (status, html) = admin
            .post_form(
                "/admin/messages/rejection",
                &[("_csrf", &csrf), ("subject", "About {{ role_title }}"), ("body", "See you at {{ starts_at }}")],
            )
            .await;
        assert_eq!(status, 422, "{html}");
        assert!(html.contains("id=\"f-rejection-body-error\">&#x27;starts_at&#x27; is not a variable of the rejection message"), "{html}");
        assert!(html.contains("See you at {{ starts_at }}</textarea>"), "what was typed is kept");
        assert!(app.store.message_template(MessageEvent::Rejection).await.unwrap().is_none());

        let (status, location) = admin
            .post_form(
                "/admin/messages/rejection",
                &[("_csrf", &csrf), ("subject", "About {{ role_title }}"), ("body", "Dear {{ candidate_name }}, thank you.")],
            )
            .await;
        assert_eq!((status, location.as_str()), (303, "/admin/messages?saved=rejection#t-rejection"));
        let stored = app.store.message_template(MessageEvent::Rejection).await.unwrap().unwrap();
        assert_eq!(stored.template.subject, "About {{ role_title }}");
        let (_, html) = admin.get("/admin/messages?saved=rejection").await;
        assert!(html.contains("Saved the rejection template."));
        assert!(html.contains("Dear Ana Petrović, thank you."), "the preview follows the edit");

        let (status, location) = admin.post_form("/admin/messages/rejection/reset", &[("_csrf", &csrf)]).await;
        assert_eq!((status, location.as_str()), (303, "/admin/messages?reset=rejection#t-rejection"));
        assert!(app.store.message_template(MessageEvent::Rejection).await.unwrap().is_none());
        assert_eq!(admin.post_form("/admin/messages/welcome", &[("_csrf", &csrf)]).await.0, 404);

        let recruiter = app.browser_as(UserRole::Recruiter).await;
        assert_eq!(recruiter.get("/admin/messages").await.0, 403);
        let (_, page) = recruiter.get("/").await;
        let csrf = csrf_from(&page);
        let (status, _) = recruiter
            .post_form("/admin/messages/rejection", &[("_csrf", &csrf), ("subject", "x"), ("body", "y")])
            .await;
        assert_eq!(status, 403);
        assert!(app.store.message_template(MessageEvent::Rejection).await.unwrap().is_none());
        app
    })
    .await;
}
