//! Resume documents over the API (issue #5): PDF, DOCX and text uploads stored with their text,
//! skills detected through taxonomy aliases and added to the candidate (kept ones untouched),
//! idempotent re-upload, and per-file errors for encrypted, corrupt, unsupported and oversized
//! files, on every backend.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use common::{on_each_backend, role_with_scorecard, Api, TestApp};
use hireloop_core::user::UserRole;
use hireloop_resume::fixtures;
use serde_json::{json, Value};

const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

async fn candidate(api: &Api, email: &str, skills: &[&str]) -> String {
    let (status, body) = api
        .post(
            "/api/v1/candidates",
            &json!({"name": "Ana Petrović", "email": email, "skills": skills}),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    body["id"].as_str().unwrap().to_string()
}

async fn upload(api: &Api, id: &str, name: &str, media_type: &str, bytes: Vec<u8>) -> (u16, Value) {
    let request = api
        .client
        .post(format!("{}/api/v1/candidates/{id}/resumes", api.base))
        .query(&[("file_name", name)])
        .header("content-type", media_type)
        .body(bytes);
    let response = api.with_auth(request).send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

fn file_error(body: &Value) -> String {
    assert_eq!(
        body["error"]["details"]["fields"][0]["field"], "file",
        "{body}"
    );
    body["error"]["details"]["fields"][0]["message"]
        .as_str()
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn a_pdf_resume_adds_its_skills_and_keeps_the_candidates_own() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        let id = candidate(&api, "ana@example.com", &["Go", "Postgres"]).await;
        let pdf = fixtures::pdf(&[
            "Ana Petrovic - backend engineer",
            "Acme Payments, 2019 - 2023",
            "Go services on PostgreSQL, deployed with k8s",
        ]);
        let (status, body) = upload(&api, &id, "ana.pdf", "application/pdf", pdf.clone()).await;
        assert_eq!(status, 201, "{body}");
        assert_eq!(body["created"], true);
        assert_eq!(body["document"]["file_name"], "ana.pdf");
        assert_eq!(body["document"]["media_type"], "application/pdf");
        assert_eq!(body["document"]["bytes_len"], pdf.len());
        assert!(body["document"].get("extracted_text").is_none());
        let detected: Vec<&str> = body["skills_detected"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap())
            .collect();
        assert!(detected.contains(&"kubernetes"), "{detected:?}");
        assert!(detected.contains(&"postgresql"), "{detected:?}");
        // Go and Postgres were on the profile already (Postgres by alias): only Kubernetes is new.
        assert_eq!(body["skills_added"], json!(["kubernetes"]));
        assert_eq!(
            body["skill_years"],
            json!([{"skill": "kubernetes", "years": 4.0, "last_used_year": 2023}])
        );

        let (_, ana) = api.get(&format!("/api/v1/candidates/{id}")).await;
        assert_eq!(
            ana["skills"],
            json!(["go", "postgres", "kubernetes"]),
            "{ana}"
        );
        let k8s = ana["skill_details"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["skill"] == "kubernetes")
            .cloned();
        assert_eq!(k8s.unwrap()["years"], 4.0);

        // The same file again: the stored document, nothing added.
        let (status, again) = upload(&api, &id, "copy.pdf", "application/pdf", pdf).await;
        assert_eq!(status, 200, "{again}");
        assert_eq!(again["created"], false);
        assert_eq!(again["document"]["id"], body["document"]["id"]);
        assert_eq!(again["skills_added"], json!([]));

        let (status, list) = api.get(&format!("/api/v1/candidates/{id}/resumes")).await;
        assert_eq!(status, 200);
        assert_eq!(list.as_array().unwrap().len(), 1);
        let doc_id = list[0]["id"].as_str().unwrap();
        let (status, doc) = api
            .get(&format!("/api/v1/candidates/{id}/resumes/{doc_id}"))
            .await;
        assert_eq!(status, 200);
        assert!(doc["extracted_text"]
            .as_str()
            .unwrap()
            .contains("Go services on PostgreSQL"));
        app
    })
    .await;
}

#[tokio::test]
async fn docx_and_text_resumes_are_read_and_listed_newest_first() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        let id = candidate(&api, "bo@example.com", &[]).await;
        let docx = fixtures::docx(&["Bo Li", "Rust and Kafka, 2021 - present"]);
        let (status, body) = upload(&api, &id, "bo.docx", DOCX, docx).await;
        assert_eq!(status, 201, "{body}");
        assert_eq!(body["skills_added"], json!(["rust", "kafka"]));
        // No Content-Type help: the name says text.
        let text = b"Python, Django".to_vec();
        let (status, body) = upload(&api, &id, "bo.txt", "application/octet-stream", text).await;
        assert_eq!(status, 201, "{body}");
        assert_eq!(body["document"]["media_type"], "text/plain");
        assert_eq!(body["skills_added"], json!(["python", "django"]));
        let (_, list) = api.get(&format!("/api/v1/candidates/{id}/resumes")).await;
        let names: Vec<&str> = list
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["file_name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["bo.txt", "bo.docx"]);
        app
    })
    .await;
}

#[tokio::test]
async fn bad_files_are_per_file_errors_and_store_nothing() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        let id = candidate(&api, "cy@example.com", &["go"]).await;
        let (status, body) = upload(
            &api,
            &id,
            "locked.pdf",
            "application/pdf",
            fixtures::encrypted_pdf(),
        )
        .await;
        assert_eq!(status, 422, "{body}");
        assert!(
            file_error(&body).contains("locked.pdf: encrypted PDF"),
            "{body}"
        );

        let mut broken = fixtures::pdf(&["Rust"]);
        broken.truncate(broken.len() / 3);
        let (status, body) = upload(&api, &id, "broken.pdf", "application/pdf", broken).await;
        assert_eq!(status, 422, "{body}");
        assert!(
            file_error(&body).starts_with("broken.pdf: not a readable PDF"),
            "{body}"
        );

        let zip = fixtures::zip_with(&[("a.txt", "hi")]);
        let (status, body) = upload(&api, &id, "cv.docx", DOCX, zip).await;
        assert_eq!(status, 422, "{body}");
        assert_eq!(
            file_error(&body),
            "cv.docx: not a DOCX: no word/document.xml"
        );

        let (status, body) = upload(&api, &id, "cv.png", "image/png", vec![1, 2, 3]).await;
        assert_eq!(status, 400, "{body}");
        assert_eq!(body["error"]["details"]["field"], "Content-Type", "{body}");

        let (_, list) = api.get(&format!("/api/v1/candidates/{id}/resumes")).await;
        assert_eq!(list, json!([]));
        let (_, cy) = api.get(&format!("/api/v1/candidates/{id}")).await;
        assert_eq!(cy["skills"], json!(["go"]));
        app
    })
    .await;
}

#[tokio::test]
async fn a_file_over_the_configured_limit_is_refused_by_name() {
    for test_store in hireloop_store::testing::TestStore::all().await {
        let store = test_store.store.clone();
        let config = hireloop_server::ServerConfig {
            bind: "127.0.0.1:0".parse().unwrap(),
            resume_max_bytes: 1000,
            ..Default::default()
        };
        let running = hireloop_server::spawn(store.clone(), config).await.unwrap();
        let user = {
            let new = hireloop_core::user::UserInput {
                email: "r@example.com".into(),
                name: "R".into(),
                role: "recruiter".into(),
                password: common::PASSWORD.into(),
            }
            .parse()
            .unwrap();
            store
                .create_user(&new, "$argon2id$not-a-real-hash")
                .await
                .unwrap()
        };
        let token = hireloop_server::auth::new_api_token();
        store
            .create_api_token(user.id, "t", &hireloop_server::auth::hash_token(&token))
            .await
            .unwrap();
        let api = Api {
            base: running.url(),
            client: reqwest::Client::new(),
            token: Some(token),
            user,
        };
        let id = candidate(&api, "dee@example.com", &[]).await;
        let big = "Rust ".repeat(300).into_bytes();
        let (status, body) = upload(&api, &id, "big.txt", "text/plain", big).await;
        assert_eq!(status, 422, "{body}");
        assert_eq!(
            file_error(&body),
            "big.txt: over the 1000 bytes limit (1500 bytes)"
        );
        let (status, _) = upload(&api, &id, "small.txt", "text/plain", b"Rust".to_vec()).await;
        assert_eq!(status, 201);
        running.stop().await.unwrap();
        test_store.finish().await;
    }
}

#[tokio::test]
async fn only_those_who_may_see_the_candidate_reach_the_documents() {
    on_each_backend(|app: TestApp| async move {
        let recruiter = app.api_as(UserRole::Recruiter).await;
        let id = candidate(&recruiter, "eve@example.com", &[]).await;
        let (status, _) = upload(&recruiter, &id, "eve.txt", "text/plain", b"Go".to_vec()).await;
        assert_eq!(status, 201);
        // An interviewer not assigned to her sees neither her nor her documents, and cannot add.
        let interviewer = app.api_as(UserRole::Interviewer).await;
        let (status, _) = interviewer
            .get(&format!("/api/v1/candidates/{id}/resumes"))
            .await;
        assert_eq!(status, 404);
        let (status, _) = upload(&interviewer, &id, "x.txt", "text/plain", b"Rust".to_vec()).await;
        assert_eq!(status, 403);
        let (status, _) = app
            .anonymous()
            .get(&format!("/api/v1/candidates/{id}/resumes"))
            .await;
        assert_eq!(status, 401);
        let missing = uuid::Uuid::now_v7();
        let (status, _) = recruiter
            .get(&format!("/api/v1/candidates/{id}/resumes/{missing}"))
            .await;
        assert_eq!(status, 404);
        app
    })
    .await;
}

#[tokio::test]
async fn the_interview_kit_shows_the_newest_resume_to_the_panel() {
    on_each_backend(|app: TestApp| async move {
        let recruiter = app.api_as(UserRole::Recruiter).await;
        let role = role_with_scorecard(&recruiter).await;
        let id = candidate(&recruiter, "mira@example.com", &["go"]).await;
        let (status, application) = recruiter
            .post(
                "/api/v1/applications",
                &json!({"role_id": role, "candidate_id": id}),
            )
            .await;
        assert_eq!(status, 201, "{application}");
        let interviewer = app.api_as(UserRole::Interviewer).await;
        let starts = (chrono::Utc::now() + chrono::Duration::days(2)).to_rfc3339();
        let (status, interview) = recruiter
            .post(
                &format!(
                    "/api/v1/applications/{}/interviews",
                    application["id"].as_str().unwrap()
                ),
                &json!({"stage_kind": "system_design", "starts_at": starts, "duration_minutes": 60,
                        "participants": [interviewer.user.id.to_string()]}),
            )
            .await;
        assert_eq!(status, 201, "{interview}");
        let kit_path = format!(
            "/api/v1/interviews/{}/kit",
            interview["id"].as_str().unwrap()
        );
        let (_, kit) = interviewer.get(&kit_path).await;
        assert_eq!(kit["candidate"]["resume"], Value::Null, "{kit}");

        upload(
            &recruiter,
            &id,
            "old.txt",
            "text/plain",
            b"Go at Acme".to_vec(),
        )
        .await;
        upload(
            &recruiter,
            &id,
            "new.txt",
            "text/plain",
            b"Go and Rust at Beta".to_vec(),
        )
        .await;
        let (status, kit) = interviewer.get(&kit_path).await;
        assert_eq!(status, 200, "{kit}");
        assert_eq!(
            kit["candidate"]["resume"],
            json!({"file_name": "new.txt", "text": "Go and Rust at Beta"})
        );
        // The panel member now also reaches the candidate's documents through the API.
        let (status, list) = interviewer
            .get(&format!("/api/v1/candidates/{id}/resumes"))
            .await;
        assert_eq!(status, 200, "{list}");
        assert_eq!(list.as_array().unwrap().len(), 2);
        app
    })
    .await;
}
