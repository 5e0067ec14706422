//! The pipeline through the JSON API: roles, candidates and applications created, listed, paged,
//! read, moved along the loop, and shown on the board, on every backend.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use common::{on_each_backend, Api, TestApp};
use hireloop_core::pipeline::Stage;
use hireloop_core::user::UserRole;
use serde_json::{json, Value};

async fn patch(api: &Api, path: &str, body: &Value) -> (u16, Value) {
    let mut request = api.client.patch(format!("{}{path}", api.base)).json(body);
    if let Some(token) = &api.token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.unwrap();
    (response.status().as_u16(), response.json().await.unwrap())
}

async fn new_role(api: &Api, title: &str) -> Value {
    let (status, role) = api
        .post(
            "/api/v1/roles",
            &json!({"title": title, "level": "senior", "primary_language": "Go"}),
        )
        .await;
    assert_eq!(status, 201, "{role}");
    role
}

async fn new_candidate(api: &Api, email: &str) -> Value {
    let (status, candidate) = api
        .post(
            "/api/v1/candidates",
            &json!({"name": "Ana Petrović", "email": email, "skills": ["Go", "PostgreSQL"]}),
        )
        .await;
    assert_eq!(status, 201, "{candidate}");
    candidate
}

async fn apply(api: &Api, role: &Value, candidate: &Value) -> Value {
    let (status, application) = api
        .post(
            "/api/v1/applications",
            &json!({"role_id": role["id"], "candidate_id": candidate["id"]}),
        )
        .await;
    assert_eq!(status, 201, "{application}");
    application
}

fn ids(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn roles_are_created_listed_read_and_change_status() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::HiringManager).await;
        let response = api
            .client
            .post(app.url("/api/v1/roles"))
            .bearer_auth(api.token.as_ref().unwrap())
            .json(&json!({"title": "Senior Go Engineer, Payments API", "level": "Senior", "primary_language": "Go"}))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status().as_u16(), 201);
        let location = response.headers()["location"].to_str().unwrap().to_string();
        let role: Value = response.json().await.unwrap();
        assert_eq!(location, format!("/api/v1/roles/{}", role["id"].as_str().unwrap()));
        assert_eq!(role["level"], "senior");
        assert_eq!(role["status"], "open");

        let (status, fetched) = api.get(&location).await;
        assert_eq!((status, &fetched), (200, &role));
        let (status, list) = api.get("/api/v1/roles").await;
        assert_eq!(status, 200);
        assert_eq!(ids(&list), [role["id"].as_str().unwrap()]);
        assert_eq!(list["next_cursor"], Value::Null);

        let (status, changed) = patch(&api, &location, &json!({"status": "on_hold"})).await;
        assert_eq!(status, 200, "{changed}");
        assert_eq!(changed["status"], "on_hold");
        assert_eq!(api.get(&location).await.1["status"], "on_hold");
        app
    })
    .await;
}

#[tokio::test]
async fn lists_page_with_a_cursor_newest_first() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        let mut created = Vec::new();
        for n in 0..5 {
            created.push(
                new_role(&api, &format!("Backend Engineer {n}")).await["id"]
                    .as_str()
                    .unwrap()
                    .to_string(),
            );
        }
        let mut seen = Vec::new();
        let mut path = "/api/v1/roles?limit=2".to_string();
        let mut pages = 0;
        loop {
            let (status, page) = api.get(&path).await;
            assert_eq!(status, 200, "{page}");
            pages += 1;
            assert!(ids(&page).len() <= 2);
            seen.extend(ids(&page));
            match page["next_cursor"].as_str() {
                Some(cursor) => path = format!("/api/v1/roles?limit=2&cursor={cursor}"),
                None => break,
            }
        }
        assert_eq!(pages, 3);
        created.reverse();
        assert_eq!(seen, created, "every role once, newest first");

        // Applications page the same way, and filters narrow the list.
        let role = new_role(&api, "Python/Django Engineer").await;
        for n in 0..3 {
            let candidate = new_candidate(&api, &format!("dev{n}@example.com")).await;
            apply(&api, &role, &candidate).await;
        }
        let role_id = role["id"].as_str().unwrap();
        let (_, first) = api
            .get(&format!("/api/v1/applications?role_id={role_id}&limit=2"))
            .await;
        assert_eq!(ids(&first).len(), 2);
        let cursor = first["next_cursor"].as_str().unwrap();
        let (_, second) = api
            .get(&format!(
                "/api/v1/applications?role_id={role_id}&limit=2&cursor={cursor}"
            ))
            .await;
        assert_eq!(ids(&second).len(), 1);
        assert_eq!(second["next_cursor"], Value::Null);
        let (_, none) = api.get("/api/v1/applications?stage=offer").await;
        assert_eq!(ids(&none).len(), 0);
        app
    })
    .await;
}

#[tokio::test]
async fn candidates_are_created_listed_and_read() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        let (status, candidate) = api
            .post(
                "/api/v1/candidates",
                &json!({
                    "name": "Ana Petrović", "email": "Ana@Example.com", "location": "Belgrade, Serbia",
                    "region": "eastern_europe", "skills": ["Go", " go ", "Kafka"],
                    "expected_rate": {"amount": 55, "period": "hour"}
                }),
            )
            .await;
        assert_eq!(status, 201, "{candidate}");
        assert_eq!(candidate["email"], "ana@example.com");
        assert_eq!(candidate["skills"], json!(["go", "kafka"]));
        assert_eq!(candidate["expected_rate"], json!({"amount": 55, "currency": "USD", "period": "hour"}));
        let id = candidate["id"].as_str().unwrap();
        let (status, fetched) = api.get(&format!("/api/v1/candidates/{id}")).await;
        assert_eq!((status, &fetched), (200, &candidate));
        let (_, list) = api.get("/api/v1/candidates").await;
        assert_eq!(ids(&list), [id]);
        app
    })
    .await;
}

#[tokio::test]
async fn an_application_moves_along_the_loop_and_shows_on_the_board() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        let role = new_role(&api, "Senior Go Engineer").await;
        let candidate = new_candidate(&api, "ana@example.com").await;
        let application = apply(&api, &role, &candidate).await;
        assert_eq!(application["stage"], "sourced");
        assert_eq!(application["role_title"], "Senior Go Engineer");
        let id = application["id"].as_str().unwrap();
        let (status, fetched) = api.get(&format!("/api/v1/applications/{id}")).await;
        assert_eq!((status, &fetched), (200, &application));

        let path = format!("/api/v1/applications/{id}/move");
        for stage in [
            "screening",
            "take_home",
            "technical",
            "system_design",
            "final",
            "offer",
            "hired",
        ] {
            let (status, moved) = api.post(&path, &json!({"stage": stage})).await;
            assert_eq!(status, 200, "{moved}");
            assert_eq!(moved["stage"], stage);
        }
        let (status, history) = api.get(&format!("/api/v1/applications/{id}/history")).await;
        assert_eq!(status, 200);
        let steps: Vec<(Value, Value)> = history
            .as_array()
            .unwrap()
            .iter()
            .map(|c| (c["from_stage"].clone(), c["to_stage"].clone()))
            .collect();
        assert_eq!(steps.len(), 8);
        assert_eq!(steps[0], (Value::Null, json!("sourced")));
        assert_eq!(steps[7], (json!("offer"), json!("hired")));
        assert_eq!(history[7]["actor_id"], json!(api.user.id));

        let (status, board) = api
            .get(&format!(
                "/api/v1/roles/{}/board",
                role["id"].as_str().unwrap()
            ))
            .await;
        assert_eq!(status, 200, "{board}");
        assert_eq!(board["role"]["id"], role["id"]);
        let columns = board["columns"].as_array().unwrap();
        let stages: Vec<&str> = columns
            .iter()
            .map(|c| c["stage"].as_str().unwrap())
            .collect();
        assert_eq!(stages, Stage::NAMES);
        assert_eq!(columns[1]["label"], "Screening");
        for column in columns {
            let expected = if column["stage"] == "hired" { 1 } else { 0 };
            assert_eq!(
                column["applications"].as_array().unwrap().len(),
                expected,
                "{column}"
            );
        }
        app
    })
    .await;
}

#[tokio::test]
async fn a_rejection_keeps_its_reason_and_a_recruiter_may_reopen() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        let role = new_role(&api, "Senior Go Engineer").await;
        let candidate = new_candidate(&api, "ana@example.com").await;
        let id = apply(&api, &role, &candidate).await["id"]
            .as_str()
            .unwrap()
            .to_string();
        let path = format!("/api/v1/applications/{id}/move");
        let (status, rejected) = api
            .post(
                &path,
                &json!({"stage": "rejected", "reason": "weak on failure modes"}),
            )
            .await;
        assert_eq!(status, 200, "{rejected}");
        assert_eq!(rejected["stage_reason"], "weak on failure modes");
        let (_, listed) = api.get("/api/v1/applications?stage=rejected").await;
        assert_eq!(ids(&listed), [id.as_str()]);
        let (status, reopened) = api.post(&path, &json!({"stage": "screening"})).await;
        assert_eq!(status, 200, "{reopened}");
        assert_eq!(reopened["stage"], "screening");
        app
    })
    .await;
}
