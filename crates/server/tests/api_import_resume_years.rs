//! A resume file import computes the candidate's years of work from the dated entries in its
//! text: a new candidate gets them, a known one without years gets them, a known one with years
//! keeps theirs. On every backend.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use common::{on_each_backend, Api, TestApp};
use hireloop_core::user::UserRole;
use serde_json::{json, Value};

async fn import_text(api: &Api, file_name: &str, text: &str) -> Value {
    let request = api
        .client
        .post(format!(
            "{}/api/v1/candidates/import?file_name={file_name}",
            api.base
        ))
        .header("content-type", "text/plain")
        .body(text.to_string());
    let response = api.with_auth(request).send().await.unwrap();
    let status = response.status().as_u16();
    let body: Value = response.json().await.unwrap();
    assert_eq!(status, 200, "{body}");
    body
}

#[tokio::test]
async fn resume_imports_compute_experience_years_from_dated_work() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        // 2012-2016 and 2016-2021 touch (9 years); the freelance years inside count once.
        let resume = "Ana Petrovic\nana@example.com\nSkills: Go, PostgreSQL\n\
                      Acme, 2012 - 2016\nGo services\nFreelance 2014 - 2015\n\
                      Payments Inc, 2016 - 2021\nPostgreSQL\n";
        let report = import_text(&api, "ana.txt", resume).await;
        let id = report["records"][0]["candidate_id"].as_str().unwrap();
        let (_, ana) = api.get(&format!("/api/v1/candidates/{id}")).await;
        assert_eq!(ana["experience_years"], 9.0, "{ana:#}");
        assert_eq!(ana["estimated_level"], "senior", "{ana:#}");

        // Known candidates: one without years gets them, one with years keeps them.
        for (name, email, years) in [
            ("Bo", "bo@example.com", Value::Null),
            ("Cy", "cy@example.com", json!(2.5)),
        ] {
            let (status, body) = api
                .post(
                    "/api/v1/candidates",
                    &json!({"name": name, "email": email, "experience_years": years}),
                )
                .await;
            assert_eq!(status, 201, "{body}");
        }
        for (email, expected) in [("bo@example.com", 3.0), ("cy@example.com", 2.5)] {
            let text = format!("{email}\nBeta, 2018 - 2021\nKafka\n");
            let report = import_text(&api, "cv.txt", &text).await;
            let line = &report["records"][0];
            assert_eq!(line["outcome"], "updated", "{report}");
            let id = line["candidate_id"].as_str().unwrap();
            let (_, c) = api.get(&format!("/api/v1/candidates/{id}")).await;
            assert_eq!(c["experience_years"], expected, "{c:#}");
        }
        app
    })
    .await;
}
