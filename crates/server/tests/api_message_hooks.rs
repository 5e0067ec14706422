//! Messages written as the loop runs, on each backend: scheduling an interview invites the candidate
//! and the panel (with the .ics), rescheduling sends the updated invite, sending an offer writes to
//! the candidate, and a rejection writes to the candidate, each exactly once.
#![allow(clippy::unwrap_used)]

mod common;

use common::{on_each_backend, role_with_scorecard, Api, TestApp};
use hireloop_core::user::UserRole;
use serde_json::{json, Value};

async fn candidate_on(api: &Api, role: &str, name: &str, email: &str) -> String {
    let (status, candidate) = api
        .post(
            "/api/v1/candidates",
            &json!({"name": name, "email": email, "region": "eastern_europe", "skills": ["Go"]}),
        )
        .await;
    assert_eq!(status, 201, "{candidate}");
    let (status, application) = api
        .post(
            "/api/v1/applications",
            &json!({"role_id": role, "candidate_id": candidate["id"]}),
        )
        .await;
    assert_eq!(status, 201, "{application}");
    application["id"].as_str().unwrap().to_string()
}

async fn outbox(api: &Api, query: &str) -> Vec<Value> {
    let (status, page) = api.get(&format!("/api/v1/outbox?{query}")).await;
    assert_eq!(status, 200, "{page}");
    page["items"].as_array().unwrap().clone()
}

async fn send(api: &Api, method: reqwest::Method, path: &str, body: &Value) -> (u16, Value) {
    let request = api
        .client
        .request(method, format!("{}{path}", api.base))
        .json(body);
    let response = api.with_auth(request).send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn scheduling_an_interview_invites_the_candidate_and_the_panel() {
    on_each_backend(|app: TestApp| async move {
        let recruiter = app.api_as(UserRole::Recruiter).await;
        let interviewer = app.api_as(UserRole::Interviewer).await;
        let role = role_with_scorecard(&recruiter).await;
        let id = candidate_on(&recruiter, &role, "Ana Petrovic", "ana@example.com").await;
        let starts_at = chrono::Utc::now() + chrono::Duration::days(3);
        let (status, interview) = recruiter
            .post(
                &format!("/api/v1/applications/{id}/interviews"),
                &json!({"stage_kind": "system_design", "starts_at": starts_at.to_rfc3339(),
                        "duration_minutes": 60, "participants": [interviewer.user.id]}),
            )
            .await;
        assert_eq!(status, 201, "{interview}");
        let invites = outbox(&recruiter, &format!("application_id={id}&event=invite")).await;
        let mut to: Vec<&str> = invites
            .iter()
            .map(|m| m["to_address"].as_str().unwrap())
            .collect();
        to.sort();
        assert_eq!(to, ["ana@example.com", interviewer.user.email.as_str()]);
        assert!(invites
            .iter()
            .all(|m| m["ics"].as_str().unwrap().contains("METHOD:REQUEST")));

        // Rescheduled: everyone gets the updated invite, same UID, a higher SEQUENCE.
        let later = starts_at + chrono::Duration::days(1);
        let (status, moved) = send(
            &recruiter,
            reqwest::Method::PATCH,
            &format!("/api/v1/interviews/{}", interview["id"].as_str().unwrap()),
            &json!({"starts_at": later.to_rfc3339()}),
        )
        .await;
        assert_eq!(status, 200, "{moved}");
        let invites = outbox(&recruiter, &format!("application_id={id}&event=invite")).await;
        assert_eq!(invites.len(), 4);
        let newest = invites[0]["ics"].as_str().unwrap();
        let oldest = invites[3]["ics"].as_str().unwrap();
        let uid = |ics: &str| {
            ics.lines()
                .find(|l| l.starts_with("UID:"))
                .unwrap()
                .to_string()
        };
        assert_eq!(uid(newest), uid(oldest));
        assert!(
            newest.contains(&format!("DTSTART:{}", later.format("%Y%m%dT%H%M%SZ"))),
            "{newest}"
        );
        assert!(!newest.contains("SEQUENCE:0\r\n") && oldest.contains("SEQUENCE:0\r\n"));
        app
    })
    .await;
}

#[tokio::test]
async fn a_rejection_and_a_sent_offer_write_to_the_candidate() {
    on_each_backend(|app: TestApp| async move {
        let recruiter = app.api_as(UserRole::Recruiter).await;
        let manager = app.api_as(UserRole::HiringManager).await;
        let role = role_with_scorecard(&recruiter).await;

        let rejected = candidate_on(&recruiter, &role, "Ola Berg", "ola@example.com").await;
        let (status, body) = recruiter
            .post(
                &format!("/api/v1/applications/{rejected}/decision"),
                &json!({"decision": "reject", "reason": "skill_gap", "note": "System design fell short"}),
            )
            .await;
        assert_eq!(status, 200, "{body}");
        let messages = outbox(&recruiter, &format!("application_id={rejected}")).await;
        assert_eq!(messages.len(), 1, "{messages:?}");
        assert_eq!(messages[0]["event"], "rejection");
        assert_eq!(messages[0]["to_address"], "ola@example.com");
        assert!(messages[0]["body_text"].as_str().unwrap().starts_with("Dear Ola Berg,"));
        assert!(!messages[0]["body_text"].as_str().unwrap().contains("Skill gap"), "internal reasons stay internal");

        let hired = candidate_on(&recruiter, &role, "Ana Petrovic", "ana@example.com").await;
        let path = format!("/api/v1/applications/{hired}/offer");
        let checklist = json!({
            "ownership": "The payments API and the ledger service",
            "decision_making": "Design docs reviewed by the team; the tech lead decides ties",
            "incident_support": "Two-person rota, a week in six",
            "on_call_pay": "A flat fee per on-call week",
            "growth_path": "Tech lead of payments within two years",
            "review_culture": "Every change reviewed; decisions recorded as ADRs"
        });
        let (status, made) = recruiter
            .post(
                &path,
                &json!({"compensation": {"pay": {"amount": 150000, "period": "year"}},
                        "engagement": "full_time", "start_date": "2030-02-01", "checklist": checklist}),
            )
            .await;
        assert_eq!(status, 201, "{made}");
        let transition = format!("{path}/transition");
        let (status, body) = manager.post(&transition, &json!({"to": "approved"})).await;
        assert_eq!(status, 200, "{body}");
        assert!(outbox(&recruiter, &format!("application_id={hired}")).await.is_empty(), "not before it is sent");
        let (status, body) = recruiter.post(&transition, &json!({"to": "sent"})).await;
        assert_eq!(status, 200, "{body}");
        let messages = outbox(&recruiter, &format!("application_id={hired}")).await;
        assert_eq!(messages.len(), 1, "{messages:?}");
        assert_eq!(messages[0]["event"], "offer");
        let subject = messages[0]["subject"].as_str().unwrap();
        assert!(subject.starts_with("Your offer for Senior Go Engineer"), "{subject}");
        let body = messages[0]["body_text"].as_str().unwrap();
        assert!(body.contains("The proposed start date\nis 1 February 2030."), "{body}");
        // The candidate cannot log in: the message carries the terms, not a link behind a login.
        assert!(body.contains("Pay: 150000 USD/yr"), "{body}");
        assert!(body.contains("What you will own: The payments API and the ledger service"), "{body}");
        assert!(body.contains("On-call pay: A flat fee per on-call week"), "{body}");
        assert!(!body.contains("/applications/"), "{body}");
        app
    })
    .await;
}
