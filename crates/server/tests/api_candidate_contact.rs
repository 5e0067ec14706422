//! Candidate phone, city, country and years of work over the API, the candidate page and imports
//! (issue #5), on every backend: field-named errors, the level stated or estimated (StepTo 2026
//! bands), and an import matching a known candidate by phone number.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use common::{csrf_from, on_each_backend, Api, TestApp};
use hireloop_core::user::UserRole;
use serde_json::{json, Value};

async fn create(api: &Api, body: &Value) -> Value {
    let (status, created) = api.post("/api/v1/candidates", body).await;
    assert_eq!(status, 201, "{created}");
    created
}

async fn import_csv(api: &Api, body: &str) -> Value {
    let request = api
        .client
        .post(format!("{}/api/v1/candidates/import?input=csv", api.base))
        .header("content-type", "text/csv")
        .body(body.to_string());
    let response = api.with_auth(request).send().await.unwrap();
    assert_eq!(response.status().as_u16(), 200);
    response.json().await.unwrap()
}

#[tokio::test]
async fn phone_place_and_years_round_trip_with_the_level_they_imply() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        let ana = create(
            &api,
            &json!({"name": "Ana Petrović", "email": "ana@example.com", "phone": "064 123-4567",
                    "country": "rs", "city": "Novi Sad", "experience_years": 6.5}),
        )
        .await;
        assert_eq!(ana["phone"], "+381 64 123 4567");
        assert_eq!(ana["country"], "RS");
        assert_eq!(ana["city"], "Novi Sad");
        assert_eq!(
            ana["region"], "eastern_europe",
            "the country gives the region"
        );
        assert_eq!(ana["experience_years"], 6.5);
        assert_eq!(ana["estimated_level"], "senior");
        assert_eq!(
            ana["level"],
            json!({"level": "senior", "basis": "estimated", "years": 6.5})
        );
        let id = ana["id"].as_str().unwrap();
        let url = format!("/api/v1/candidates/{id}");
        let (_, read) = api.get(&url).await;
        assert_eq!(read, ana);

        // PATCH: a stated level wins; a bad phone and country are named and change nothing.
        let (status, patched) = api
            .patch(&url, &json!({"stated_level": "mid", "city": "Belgrade"}))
            .await;
        assert_eq!(status, 200, "{patched}");
        assert_eq!(patched["level"], json!({"level": "mid", "basis": "stated"}));
        assert_eq!(patched["estimated_level"], "senior");
        assert_eq!(patched["city"], "Belgrade");
        assert_eq!(patched["phone"], "+381 64 123 4567");
        let (status, body) = api
            .patch(&url, &json!({"phone": "ask reception", "country": "EU"}))
            .await;
        assert_eq!(status, 422, "{body}");
        let fields: Vec<&str> = body["error"]["details"]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["field"].as_str().unwrap())
            .collect();
        assert_eq!(fields, ["country", "phone"]);
        let (status, cleared) = api.patch(&url, &json!({"phone": null})).await;
        assert_eq!(status, 200, "{cleared}");
        assert_eq!(cleared["phone"], Value::Null);
        assert_eq!(cleared["country"], "RS");
        app
    })
    .await;
}

#[tokio::test]
async fn the_candidate_page_shows_phone_place_and_the_level_basis() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        let ana = create(
            &api,
            &json!({"name": "Ana Petrović", "email": "ana@example.com",
                    "phone": "+381 64 123 4567", "location": "Novi Sad, RS", "experience_years": 6.5}),
        )
        .await;
        let browser = app.browser_as(UserRole::Recruiter).await;
        let (status, html) = browser
            .get(&format!("/candidates/{}", ana["id"].as_str().unwrap()))
            .await;
        assert_eq!(status, 200, "{html}");
        for text in [
            "href=\"tel:+381641234567\"",
            "+381 64 123 4567",
            "<dd id=\"candidate-place\">Novi Sad, RS</dd>",
            "Senior, estimated from 6.5 years of work history (StepTo 2026 bands)",
        ] {
            assert!(html.contains(text), "{text} in {html}");
        }

        // The new-candidate form takes them too.
        let (_, form) = browser.get("/candidates/new").await;
        let csrf = csrf_from(&form);
        let (status, html) = browser
            .post_form(
                "/candidates",
                &[
                    ("_csrf", csrf.as_str()),
                    ("name", "Vesna Jović"),
                    ("email", "vesna@example.com"),
                    ("phone", "12"),
                ],
            )
            .await;
        assert_eq!(status, 422, "{html}");
        assert!(html.contains("a phone number has 7-15"), "{html}");
        let (status, location) = browser
            .post_form(
                "/candidates",
                &[
                    ("_csrf", csrf.as_str()),
                    ("name", "Vesna Jović"),
                    ("email", "vesna@example.com"),
                    ("phone", "030 1234567"),
                    ("city", "Berlin"),
                    ("country", "de"),
                ],
            )
            .await;
        assert_eq!(status, 303, "{location}");
        let (_, stored) = api.get(&format!("/api/v1{location}")).await;
        assert_eq!(stored["phone"], "+49 30 1234567");
        assert_eq!(stored["city"], "Berlin");
        assert_eq!(stored["region"], "western_europe");
        assert_eq!(stored["level"], Value::Null);
        app
    })
    .await;
}

#[tokio::test]
async fn a_csv_import_matches_a_known_candidate_by_phone_and_says_so() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        let ana = create(
            &api,
            &json!({"name": "Ana Petrović", "email": "ana@example.com",
                    "phone": "+381 64 123 4567", "skills": ["go"]}),
        )
        .await;
        for email in ["one@example.com", "two@example.com"] {
            create(
                &api,
                &json!({"name": "Shared Desk", "email": email, "phone": "+381 11 222 3333"}),
            )
            .await;
        }
        let csv = "Full name,E-mail,Mobile,Country,City,Skills,Years of experience\n\
                   Ana Petrović,ana.p@other.example,064 123 4567,RS,Novi Sad,Go:6; Kafka:2,7\n\
                   Marko Marković,marko@example.com,011 222 3333,RS,Belgrade,Go,\n\
                   Bad Number,bad@example.com,call me,RS,,Go,\n";
        let report = import_csv(&api, csv).await;
        let records = report["records"].as_array().unwrap();
        assert_eq!(records[0]["outcome"], "updated", "{report}");
        assert_eq!(records[0]["candidate_id"], ana["id"]);
        assert!(
            records[0]["reason"]
                .as_str()
                .unwrap()
                .contains("matched by phone"),
            "{report}"
        );
        assert_eq!(records[1]["outcome"], "imported");
        assert!(
            records[1]["reason"]
                .as_str()
                .unwrap()
                .contains("matches 2 candidates"),
            "{report}"
        );
        assert_eq!(records[2]["outcome"], "skipped");
        assert_eq!(records[2]["errors"][0]["field"], "column 'Mobile'");

        let (_, after) = api
            .get(&format!(
                "/api/v1/candidates/{}",
                ana["id"].as_str().unwrap()
            ))
            .await;
        assert_eq!(
            after["email"], "ana@example.com",
            "the stored email is kept"
        );
        assert_eq!(after["city"], "Novi Sad");
        assert_eq!(after["experience_years"], 7.0);
        assert_eq!(
            after["skill_details"][0],
            json!({"skill": "go", "years": 6.0})
        );

        // A re-run changes nothing.
        let again = import_csv(&api, csv).await;
        assert_eq!(again["records"][0]["outcome"], "unchanged", "{again}");
        assert_eq!(again["imported"], 0, "{again}");
        app
    })
    .await;
}
