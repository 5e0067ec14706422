//! `POST /api/v1/candidates/import` with a resume file (issue #5), on every backend: the text's
//! first email makes or finds the candidate, the document is stored and the skills added; a
//! re-run changes nothing; a file without an email or a broken PDF is a skipped record naming the
//! file, never a 500.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use common::{on_each_backend, Api, TestApp};
use hireloop_core::user::UserRole;
use hireloop_resume::fixtures;
use serde_json::{json, Value};

async fn import(api: &Api, query: &str, content_type: &str, body: Vec<u8>) -> (u16, Value) {
    let request = api
        .client
        .post(format!("{}/api/v1/candidates/import{query}", api.base))
        .header("content-type", content_type)
        .body(body);
    let response = api.with_auth(request).send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

#[tokio::test]
async fn a_resume_file_becomes_a_candidate_and_a_rerun_changes_nothing() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        let pdf = fixtures::pdf(&[
            "Ana Petrovic",
            "Belgrade | ana.petrovic@example.com",
            "Payments Inc, 2019 - 2024: Go services on PostgreSQL",
        ]);
        let (status, report) =
            import(&api, "?file_name=ana.pdf", "application/pdf", pdf.clone()).await;
        assert_eq!(status, 200, "{report}");
        assert_eq!(report["input"], "resume");
        assert_eq!(report["imported"], 1);
        let line = &report["records"][0];
        assert_eq!(
            (&line["file"], &line["outcome"], &line["email"]),
            (
                &json!("ana.pdf"),
                &json!("imported"),
                &json!("ana.petrovic@example.com")
            )
        );
        let id = line["candidate_id"].as_str().unwrap();
        let (_, ana) = api.get(&format!("/api/v1/candidates/{id}")).await;
        assert_eq!(ana["name"], "Ana Petrovic");
        let skills = ana["skills"].to_string();
        assert!(
            skills.contains("go") && skills.contains("postgresql"),
            "{skills}"
        );
        let (_, docs) = api.get(&format!("/api/v1/candidates/{id}/resumes")).await;
        assert_eq!(docs.as_array().unwrap().len(), 1);

        let (_, again) = import(&api, "?file_name=ana.pdf", "application/pdf", pdf).await;
        assert_eq!(again["records"][0]["outcome"], "unchanged", "{again}");

        // A DOCX for the same email adds its document and the skills Ana lacked.
        let docx = fixtures::docx(&["ana.petrovic@example.com", "Kafka and Redis"]);
        let (_, update) = import(
            &api,
            "?input=resume&file_name=cv.docx",
            "application/octet-stream",
            docx,
        )
        .await;
        assert_eq!(update["records"][0]["outcome"], "updated", "{update}");
        let (_, ana) = api.get(&format!("/api/v1/candidates/{id}")).await;
        let skills = ana["skills"].to_string();
        assert!(
            skills.contains("go") && skills.contains("kafka") && skills.contains("redis"),
            "{skills}"
        );
        app
    })
    .await;
}

#[tokio::test]
async fn unreadable_or_anonymous_resumes_are_skipped_with_the_reason() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        let (status, report) = import(
            &api,
            "?file_name=anon.txt",
            "text/plain",
            b"Go, Kafka; no contact details".to_vec(),
        )
        .await;
        assert_eq!(status, 200, "{report}");
        assert_eq!(report["skipped"], 1);
        assert!(
            report["records"][0]["reason"]
                .as_str()
                .unwrap()
                .contains("no email address"),
            "{report}"
        );
        let (status, report) = import(
            &api,
            "?file_name=broken.pdf",
            "application/pdf",
            b"%PDF-1.7 not really".to_vec(),
        )
        .await;
        assert_eq!(status, 200, "{report}");
        let reason = report["records"][0]["reason"].as_str().unwrap();
        assert!(reason.starts_with("broken.pdf: "), "{reason}");
        let (_, list) = api.get("/api/v1/candidates").await;
        assert_eq!(list["items"].as_array().unwrap().len(), 0);

        let interviewer = app.api_as(UserRole::Interviewer).await;
        let (status, _) = import(&interviewer, "", "text/plain", b"a@example.com".to_vec()).await;
        assert_eq!(status, 403);
        app
    })
    .await;
}
