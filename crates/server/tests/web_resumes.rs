//! Resume documents on the candidate page (issue #5): the list and the upload form, an upload as
//! htmx sends it (multipart, CSRF in the header) answered with the section, a bad file's error in
//! place, and the page with a document's text, on every backend.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use common::{csrf_from, multipart, on_each_backend, role_with_scorecard, Browser, TestApp};
use hireloop_core::user::UserRole;
use hireloop_resume::fixtures;
use serde_json::json;

/// A multipart body with one `file` part, as a browser builds it.
fn file_part(file_name: &str, media_type: &str, bytes: &[u8]) -> (String, Vec<u8>) {
    multipart(&[("file", Some(file_name), Some(media_type), bytes)])
}

async fn upload(
    browser: &Browser,
    path: &str,
    csrf: &str,
    file: (String, Vec<u8>),
) -> (u16, String) {
    let response = browser
        .client
        .post(format!("{}{path}", browser.base))
        .header("content-type", file.0)
        .header("x-csrf-token", csrf)
        .header("hx-request", "true")
        .body(file.1)
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

#[tokio::test]
async fn a_recruiter_uploads_a_resume_on_the_candidate_page() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        let (_, ana) = api
            .post(
                "/api/v1/candidates",
                &json!({"name": "Ana Petrović", "email": "ana@example.com", "skills": ["go"]}),
            )
            .await;
        let id = ana["id"].as_str().unwrap();
        let browser = app.browser_as(UserRole::Recruiter).await;
        let (status, page) = browser.get(&format!("/candidates/{id}")).await;
        assert_eq!(status, 200);
        assert!(page.contains("Resume documents"), "{page}");
        assert!(page.contains("No resume yet."));
        assert!(page.contains("hx-encoding=\"multipart/form-data\""));
        let csrf = csrf_from(&page);
        let path = format!("/candidates/{id}/resumes");

        let docx = fixtures::docx(&["Ana", "Acme 2020 - 2024: Go and Kafka on AWS"]);
        let (status, section) = upload(
            &browser,
            &path,
            &csrf,
            file_part(
                "ana.docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                &docx,
            ),
        )
        .await;
        assert_eq!(status, 200, "{section}");
        assert!(
            section.starts_with("<section class=\"panel\" id=\"resumes\""),
            "{section}"
        );
        assert!(section.contains("Added ana.docx"), "{section}");
        assert!(
            section.contains("new on the profile: Apache Kafka, Amazon Web Services"),
            "{section}"
        );
        let (_, ana) = api.get(&format!("/api/v1/candidates/{id}")).await;
        assert_eq!(ana["skills"], json!(["go", "kafka", "aws"]));

        // A bad file: its error in the section, nothing stored.
        let (status, section) = upload(
            &browser,
            &path,
            &csrf,
            file_part("locked.pdf", "application/pdf", &fixtures::encrypted_pdf()),
        )
        .await;
        assert_eq!(status, 422, "{section}");
        assert!(section.contains("locked.pdf: encrypted PDF"), "{section}");

        // Without the CSRF token the upload is refused.
        let (status, _) = upload(
            &browser,
            &path,
            "wrong",
            file_part("a.txt", "text/plain", b"Go"),
        )
        .await;
        assert_eq!(status, 403);

        let (_, page) = browser.get(&format!("/candidates/{id}")).await;
        let docs = api.get(&format!("/api/v1/candidates/{id}/resumes")).await.1;
        assert_eq!(docs.as_array().unwrap().len(), 1);
        let doc_id = docs[0]["id"].as_str().unwrap();
        assert!(
            page.contains(&format!("/candidates/{id}/resumes/{doc_id}")),
            "{page}"
        );
        let (status, text_page) = browser
            .get(&format!("/candidates/{id}/resumes/{doc_id}"))
            .await;
        assert_eq!(status, 200);
        assert!(
            text_page.contains("Acme 2020 - 2024: Go and Kafka on AWS"),
            "{text_page}"
        );
        app
    })
    .await;
}

#[tokio::test]
async fn the_upload_form_shows_exactly_when_the_upload_is_allowed() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        let (_, bo) = api
            .post(
                "/api/v1/candidates",
                &json!({"name": "Bo Li", "email": "bo@example.com"}),
            )
            .await;
        let id = bo["id"].as_str().unwrap();
        let hm = app.browser_as(UserRole::HiringManager).await;
        let (status, page) = hm.get(&format!("/candidates/{id}")).await;
        assert_eq!(status, 200);
        let may_upload = page.contains("id=\"f-resume-file\"");
        let csrf = csrf_from(&page);
        let (status, _) = upload(
            &hm,
            &format!("/candidates/{id}/resumes"),
            &csrf,
            file_part("bo.txt", "text/plain", b"Rust"),
        )
        .await;
        // The form is shown exactly to those the upload accepts.
        assert_eq!(status == 200, may_upload, "status {status}");
        // An interviewer not on her loop does not reach the candidate or her documents.
        let interviewer = app.browser_as(UserRole::Interviewer).await;
        let (status, _) = interviewer.get(&format!("/candidates/{id}")).await;
        assert_eq!(status, 404);
        app
    })
    .await;
}

#[tokio::test]
async fn the_interview_kit_page_shows_the_resume_text() {
    on_each_backend(|app: TestApp| async move {
        let recruiter = app.api_as(UserRole::Recruiter).await;
        let role = role_with_scorecard(&recruiter).await;
        let (_, mira) = recruiter
            .post(
                "/api/v1/candidates",
                &json!({"name": "Mira Novak", "email": "mira@example.com"}),
            )
            .await;
        let id = mira["id"].as_str().unwrap();
        let (_, application) = recruiter
            .post(
                "/api/v1/applications",
                &json!({"role_id": role, "candidate_id": id}),
            )
            .await;
        let interviewer = app.user(UserRole::Interviewer).await;
        let starts = (chrono::Utc::now() + chrono::Duration::days(1)).to_rfc3339();
        let (status, interview) = recruiter
            .post(
                &format!(
                    "/api/v1/applications/{}/interviews",
                    application["id"].as_str().unwrap()
                ),
                &json!({"stage_kind": "system_design", "starts_at": starts, "duration_minutes": 60,
                        "participants": [interviewer.id.to_string()]}),
            )
            .await;
        assert_eq!(status, 201, "{interview}");
        let request = recruiter
            .client
            .post(format!(
                "{}/api/v1/candidates/{id}/resumes?file_name=mira.txt",
                recruiter.base
            ))
            .header("content-type", "text/plain")
            .body("Ledger <services> in Go, 2019 - 2024");
        let response = recruiter.with_auth(request).send().await.unwrap();
        assert_eq!(response.status().as_u16(), 201);

        let browser = app.browser_for(interviewer).await;
        let (status, page) = browser
            .get(&format!(
                "/interviews/{}",
                interview["id"].as_str().unwrap()
            ))
            .await;
        assert_eq!(status, 200, "{page}");
        assert!(page.contains("Resume: mira.txt"), "{page}");
        // The text is escaped, never markup.
        assert!(
            page.contains("Ledger &lt;services&gt; in Go, 2019 - 2024"),
            "{page}"
        );
        app
    })
    .await;
}
