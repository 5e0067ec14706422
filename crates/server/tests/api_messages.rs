//! Communication through the JSON API and the mail module, on each backend: message templates
//! (validation at save time naming the field, the variable and the event; preview; reset), the
//! outbox (who may read it, filters, pages), invites with their .ics to the candidate and each
//! interviewer, and reminders for missing feedback queued once. Delivery is in `mail_delivery.rs`.
#![allow(clippy::unwrap_used)]

mod common;

use common::{on_each_backend, role_with_scorecard, Api, TestApp};
use hireloop_core::email::Email;
use hireloop_core::ids::InterviewId;
use hireloop_core::messages::MessageEvent;
use hireloop_core::user::UserRole;
use hireloop_server::mail::{invite, reminders};
use hireloop_server::ServerConfig;
use hireloop_store::records::{NewMessage, OutboxFilter};
use serde_json::{json, Value};

async fn put(api: &Api, path: &str, body: Value) -> (u16, Value) {
    let request = api.client.put(format!("{}{path}", api.base)).json(&body);
    let response = api.with_auth(request).send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

fn field_error(body: &Value) -> (String, String) {
    let e = &body["error"]["details"]["fields"][0];
    (
        e["field"].as_str().unwrap_or_default().into(),
        e["message"].as_str().unwrap_or_default().into(),
    )
}

/// A recruiter, two interviewers, and an interview on a new application starting `days_from_now`.
async fn interview(app: &TestApp, days_from_now: i64) -> (Api, [Api; 2], Value) {
    interview_of(app, days_from_now, "mira@example.com").await
}

async fn interview_of(app: &TestApp, days_from_now: i64, email: &str) -> (Api, [Api; 2], Value) {
    let recruiter = app.api_as(UserRole::Recruiter).await;
    let role = role_with_scorecard(&recruiter).await;
    let (status, candidate) = recruiter
        .post(
            "/api/v1/candidates",
            &json!({"name": "Mira Novak", "email": email, "skills": ["Go"]}),
        )
        .await;
    assert_eq!(status, 201, "{candidate}");
    let (status, application) = recruiter
        .post(
            "/api/v1/applications",
            &json!({"role_id": role, "candidate_id": candidate["id"]}),
        )
        .await;
    assert_eq!(status, 201, "{application}");
    let panel = [
        app.api_as(UserRole::Interviewer).await,
        app.api_as(UserRole::HiringManager).await,
    ];
    let starts_at = chrono::Utc::now() + chrono::Duration::days(days_from_now);
    let (status, interview) = recruiter
        .post(
            &format!("/api/v1/applications/{}/interviews", application["id"].as_str().unwrap()),
            &json!({"stage_kind": "system_design", "starts_at": starts_at.to_rfc3339(), "duration_minutes": 90,
                    "location": "Room 4; floor 2, Berlin", "participants": [panel[0].user.id, panel[1].user.id]}),
        )
        .await;
    assert_eq!(status, 201, "{interview}");
    (recruiter, panel, interview)
}

fn interview_id(interview: &Value) -> InterviewId {
    interview["id"].as_str().unwrap().parse().unwrap()
}

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
async fn templates_are_checked_at_save_time_previewed_and_reset() {
    on_each_backend(|app: TestApp| async move {
        let admin = app.api_as(UserRole::Admin).await;
        let recruiter = app.api_as(UserRole::Recruiter).await;
        let interviewer = app.api_as(UserRole::Interviewer).await;

        let (status, list) = recruiter.get("/api/v1/message-templates").await;
        assert_eq!(status, 200, "{list}");
        let events: Vec<&str> = list["items"].as_array().unwrap().iter().map(|t| t["event"].as_str().unwrap()).collect();
        assert_eq!(events, ["invite", "reminder", "rejection", "offer"]);
        assert_eq!(list["items"][2]["customised"], false);
        assert!(list["items"][2]["body"].as_str().unwrap().contains("{{ candidate_name }}"));
        assert_eq!(list["items"][2]["variables"][2]["name"], "reason_label");
        assert_eq!(list["items"][2]["variables"][2]["optional"], true);
        assert_eq!(interviewer.get("/api/v1/message-templates").await.0, 403);
        assert_eq!(admin.get("/api/v1/message-templates/welcome").await.0, 404);

        let path = "/api/v1/message-templates/rejection";
        let good = json!({"subject": "About {{ role_title }}", "body": "Dear {{ candidate_name }},\nthank you.\n"});
        let (status, body) = put(&recruiter, path, good.clone()).await;
        assert_eq!(status, 403, "only admins change what candidates receive: {body}");

        // A variable the event does not offer, named with the event and what it offers.
        let (status, body) = put(&admin, path, json!({"subject": "Hi", "body": "Your interview at {{ starts_at }}"})).await;
        assert_eq!(status, 422, "{body}");
        let (field, message) = field_error(&body);
        assert_eq!(field, "body");
        assert!(message.starts_with("'starts_at' is not a variable of the rejection message"), "{message}");
        assert!(message.contains("candidate_name, role_title, reason_label"), "{message}");
        // A syntax error in the subject.
        let (status, body) = put(&admin, path, json!({"subject": "About {{ role_title", "body": "x"})).await;
        assert_eq!(status, 422);
        let (field, message) = field_error(&body);
        assert_eq!(field, "subject");
        assert!(message.starts_with("syntax error on line 1"), "{message}");
        // A missing field is named too.
        let (status, body) = put(&admin, path, json!({"subject": "About"})).await;
        assert_eq!((status, field_error(&body).0), (422, "body".to_string()));
        // Nothing was stored by the refusals.
        assert_eq!(admin.get(path).await.1["customised"], false);

        let (status, saved) = put(&admin, path, good).await;
        assert_eq!(status, 200, "{saved}");
        assert_eq!(saved["customised"], true);
        assert_eq!(saved["updated_by"], json!(admin.user.id));
        let (_, read) = recruiter.get(path).await;
        assert_eq!(read["subject"], "About {{ role_title }}");

        // The stored template previews with sample values; a draft is checked like a save.
        let (status, preview) = recruiter.post(&format!("{path}/preview"), &json!({})).await;
        assert_eq!(status, 200, "{preview}");
        assert_eq!(preview["subject"], "About Senior Go Engineer");
        assert_eq!(preview["body"], "Dear Ana Petrović,\nthank you.\n");
        let (status, preview) = recruiter
            .post(&format!("{path}/preview"), &json!({"body": "{% if reason_label %}Because: {{ reason_label }}{% endif %}"}))
            .await;
        assert_eq!((status, preview["body"].as_str()), (200, Some("Because: Level mismatch")));
        let (status, body) = recruiter.post(&format!("{path}/preview"), &json!({"body": "{{ terms }}"})).await;
        assert_eq!((status, field_error(&body).0), (422, "body".to_string()));

        let (status, reset) = admin.delete(path).await;
        assert_eq!(status, 200, "{reset}");
        assert_eq!(reset["customised"], false);
        assert_eq!(reset["subject"], "Your application for {{ role_title }}");
        app
    })
    .await;
}

#[tokio::test]
async fn the_outbox_is_listed_filtered_and_read_by_admins_and_recruiters_only() {
    on_each_backend(|app: TestApp| async move {
        let recruiter = app.api_as(UserRole::Recruiter).await;
        let queued = app
            .store
            .queue_messages(&[
                new_message("mira@example.com", MessageEvent::Rejection),
                new_message("sam@example.com", MessageEvent::Offer),
                new_message("lena@example.com", MessageEvent::Offer),
            ])
            .await
            .unwrap();
        let (status, page) = recruiter.get("/api/v1/outbox?limit=2").await;
        assert_eq!(status, 200, "{page}");
        assert_eq!(page["items"].as_array().unwrap().len(), 2);
        assert_eq!(
            page["items"][0]["to_address"], "lena@example.com",
            "newest first"
        );
        let cursor = page["next_cursor"].as_str().unwrap();
        let (_, rest) = recruiter
            .get(&format!("/api/v1/outbox?limit=2&cursor={cursor}"))
            .await;
        assert_eq!(rest["items"][0]["to_address"], "mira@example.com");
        assert_eq!(rest["next_cursor"], Value::Null);

        let (_, offers) = recruiter
            .get("/api/v1/outbox?event=offer&status=queued")
            .await;
        assert_eq!(offers["items"].as_array().unwrap().len(), 2);
        let (_, sent) = recruiter.get("/api/v1/outbox?status=sent").await;
        assert!(sent["items"].as_array().unwrap().is_empty());
        let (status, body) = recruiter.get("/api/v1/outbox?status=lost").await;
        assert_eq!(status, 400, "{body}");
        assert_eq!(body["error"]["details"]["field"], "status");

        let (status, one) = recruiter
            .get(&format!("/api/v1/outbox/{}", queued[0].id))
            .await;
        assert_eq!(status, 200, "{one}");
        assert_eq!(one["event"], "rejection");
        assert_eq!(one["body_text"], "Dear Mira,\n");
        assert_eq!(one["status"], "queued");
        assert_eq!(
            recruiter
                .get(&format!("/api/v1/outbox/{}", uuid::Uuid::now_v7()))
                .await
                .0,
            404
        );
        assert_eq!(recruiter.get("/api/v1/outbox/nope").await.0, 400);

        for role in [UserRole::Interviewer, UserRole::HiringManager] {
            let other = app.api_as(role).await;
            assert_eq!(other.get("/api/v1/outbox").await.0, 403, "{role}");
            assert_eq!(
                other
                    .get(&format!("/api/v1/outbox/{}", queued[0].id))
                    .await
                    .0,
                403,
                "{role}"
            );
        }
        assert_eq!(app.anonymous().get("/api/v1/outbox").await.0, 401);
        app
    })
    .await;
}

#[tokio::test]
async fn invites_go_to_the_candidate_and_each_interviewer_with_the_ics() {
    on_each_backend(|app: TestApp| async move {
        let (recruiter, panel, interview) = interview(&app, 2).await;
        let id = interview_id(&interview);
        let found = app.store.interview(id).await.unwrap().unwrap();
        // Scheduling queued the invites; the same version of the interview is not invited twice.
        assert_eq!(
            invite::queue_invites(&app.store, &ServerConfig::default(), found)
                .await
                .unwrap(),
            0
        );

        let filter = OutboxFilter {
            event: Some(MessageEvent::Invite),
            ..Default::default()
        };
        let page = app
            .store
            .list_outbox(&filter, &Default::default())
            .await
            .unwrap();
        let mut to: Vec<&str> = page.items.iter().map(|m| m.to_address.as_str()).collect();
        to.sort();
        let mut expected = vec![
            "mira@example.com",
            panel[0].user.email.as_str(),
            panel[1].user.email.as_str(),
        ];
        expected.sort();
        assert_eq!(to, expected);
        let to_candidate = page
            .items
            .iter()
            .find(|m| m.to_address.as_str() == "mira@example.com")
            .unwrap();
        assert_eq!(to_candidate.interview_id, Some(id));
        assert!(
            to_candidate
                .subject
                .starts_with("Interview: System design for Senior Go Engineer, "),
            "{}",
            to_candidate.subject
        );
        assert!(
            to_candidate.body_text.starts_with("Hello Mira Novak,"),
            "{}",
            to_candidate.body_text
        );
        assert!(to_candidate.body_text.contains("(90 minutes)"));
        let ics = to_candidate.ics.as_deref().unwrap();
        let unfolded = ics.replace("\r\n ", "");
        assert!(
            unfolded.contains(&format!("UID:{id}@hireloop\r\n")),
            "{ics}"
        );
        assert!(unfolded.contains("METHOD:REQUEST\r\n"));
        assert!(
            unfolded.contains("LOCATION:Room 4\\; floor 2\\, Berlin\r\n"),
            "{ics}"
        );
        assert!(
            unfolded.contains(&format!(
                "ORGANIZER;CN=Test Recruiter:mailto:{}\r\n",
                recruiter.user.email
            )),
            "{ics}"
        );
        assert!(unfolded.contains("mailto:mira@example.com\r\n"));
        for member in &panel {
            assert!(
                unfolded.contains(&format!("mailto:{}\r\n", member.user.email)),
                "{ics}"
            );
        }

        // The same .ics over the API, for anyone who can see the interview.
        let response = recruiter
            .with_auth(recruiter.client.get(format!(
                "{}/api/v1/interviews/{id}/invite.ics",
                recruiter.base
            )))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status().as_u16(), 200);
        assert!(response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/calendar"));
        assert_eq!(response.text().await.unwrap(), ics);
        let (status, _) = panel[0]
            .get(&format!("/api/v1/interviews/{id}/invite.ics"))
            .await;
        assert_eq!(status, 200, "the interviewer on the panel sees it");
        let outsider = app.api_as(UserRole::Interviewer).await;
        assert_eq!(
            outsider
                .get(&format!("/api/v1/interviews/{id}/invite.ics"))
                .await
                .0,
            404
        );
        assert_eq!(
            recruiter
                .get(&format!(
                    "/api/v1/interviews/{}/invite.ics",
                    uuid::Uuid::now_v7()
                ))
                .await
                .0,
            404
        );
        app
    })
    .await;
}

#[tokio::test]
async fn a_reminder_for_missing_feedback_is_queued_once_per_interviewer() {
    on_each_backend(|app: TestApp| async move {
        let (_, panel, past) = interview(&app, -3).await;
        let (_, _, future) = interview_of(&app, 2, "ola@example.com").await;
        let settings = reminders::ReminderSettings {
            after_hours: 24,
            base_url: "https://hire.example.com".into(),
        };
        let now = chrono::Utc::now();
        assert_eq!(
            reminders::queue_feedback_reminders(&app.store, &settings, now)
                .await
                .unwrap(),
            2
        );
        assert_eq!(
            reminders::queue_feedback_reminders(&app.store, &settings, now)
                .await
                .unwrap(),
            0,
            "once"
        );

        let filter = OutboxFilter {
            event: Some(MessageEvent::Reminder),
            ..Default::default()
        };
        let page = app
            .store
            .list_outbox(&filter, &Default::default())
            .await
            .unwrap();
        assert_eq!(page.items.len(), 2);
        let past_id = interview_id(&past);
        assert!(
            page.items.iter().all(|m| m.interview_id == Some(past_id)),
            "not the future interview {future}"
        );
        let to_first = page
            .items
            .iter()
            .find(|m| m.to_address == panel[0].user.email)
            .unwrap();
        assert_eq!(
            to_first.subject,
            "Feedback missing: Mira Novak, System design"
        );
        assert!(to_first
            .body_text
            .starts_with(&format!("Hello {},", panel[0].user.name.as_str())));
        assert!(to_first.body_text.contains(&format!(
            "https://hire.example.com/interviews/{past_id}/feedback"
        )));
        assert_eq!(
            to_first.dedupe_key.as_deref(),
            Some(format!("reminder:{past_id}:{}", panel[0].user.id).as_str())
        );

        // Not yet: with a longer wait nothing is due.
        let patient = reminders::ReminderSettings {
            after_hours: 24 * 7,
            ..settings
        };
        interview_of(&app, -2, "other@example.com").await;
        assert_eq!(
            reminders::queue_feedback_reminders(&app.store, &patient, now)
                .await
                .unwrap(),
            0
        );
        app
    })
    .await;
}
