//! Liveness, readiness, metrics and the OpenAPI document, on every backend.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use common::{on_each_backend, TestApp};
use hireloop_core::user::UserRole;
use serde_json::{json, Value};

/// Every `/api/v1` path the API serves: the document must list each of them.
const API_PATHS: &[&str] = &[
    "/api/v1/openapi.json",
    "/api/v1/me",
    "/api/v1/users",
    "/api/v1/roles",
    "/api/v1/roles/{id}",
    "/api/v1/roles/{id}/board",
    "/api/v1/roles/{id}/scorecard",
    "/api/v1/roles/{id}/lint",
    "/api/v1/roles/{id}/jd",
    "/api/v1/roles/{id}/matches",
    "/api/v1/roles/{id}/shortlist",
    "/api/v1/search",
    "/api/v1/scorecards/lint",
    "/api/v1/scorecards/jd",
    "/api/v1/competencies",
    "/api/v1/loop-templates",
    "/api/v1/roles/{id}/loop",
    "/api/v1/roles/{id}/loop/from-template",
    "/api/v1/applications/{id}/interviews",
    "/api/v1/applications/{id}/feedback",
    "/api/v1/applications/{id}/debrief",
    "/api/v1/interviews/{id}",
    "/api/v1/interviews/{id}/kit",
    "/api/v1/interviews/{id}/feedback",
    "/api/v1/me/interviews",
    "/api/v1/candidates",
    "/api/v1/candidates/{id}",
    "/api/v1/candidates/import",
    "/api/v1/candidates/{id}/vetting",
    "/api/v1/candidates/{id}/resumes",
    "/api/v1/candidates/{id}/resumes/{doc_id}",
    "/api/v1/candidates/duplicates",
    "/api/v1/candidates/{id}/duplicates",
    "/api/v1/candidates/{id}/merge",
    "/api/v1/candidates/{id}/merges",
    "/api/v1/applications",
    "/api/v1/applications/{id}",
    "/api/v1/applications/{id}/move",
    "/api/v1/applications/{id}/history",
    "/api/v1/applications/{id}/interviewers",
    "/api/v1/applications/{id}/offer",
    "/api/v1/applications/{id}/offer/transition",
    "/api/v1/applications/{id}/offer/versions",
    "/api/v1/applications/{id}/trial",
    "/api/v1/applications/{id}/trial/outcome",
    "/api/v1/applications/{id}/onboarding",
    "/api/v1/applications/{id}/onboarding/tasks/{task_id}",
    "/api/v1/applications/{id}/onboarding/quality",
    "/api/v1/applications/{id}/quality-of-hire",
    "/api/v1/applications/{id}/decision",
    "/api/v1/applications/decisions",
    "/api/v1/decision-reasons",
    "/api/v1/tokens",
    "/api/v1/tokens/{id}",
    "/api/v1/market/dataset",
    "/api/v1/market/rates",
    "/api/v1/market/salaries",
    "/api/v1/market/cost",
    "/api/v1/market/compare",
    "/api/v1/market/compare/benchmark",
    "/api/v1/market/all-in",
    "/api/v1/market/wrong-hire",
    "/api/v1/market/junior-vs-senior",
    "/api/v1/market/budget-check",
    "/api/v1/market/timeline",
    "/api/v1/market/advice/channel",
    "/api/v1/market/advice/engagement",
    "/api/v1/market/advice/team-shape",
    "/api/v1/market/files",
    "/api/v1/market/files/{name}",
    "/api/v1/outbox",
    "/api/v1/outbox/{id}",
    "/api/v1/message-templates",
    "/api/v1/message-templates/{event}",
    "/api/v1/message-templates/{event}/preview",
    "/api/v1/interviews/{id}/invite.ics",
];

#[tokio::test]
async fn healthz_answers_without_login_and_readyz_follows_the_database() {
    on_each_backend(|app: TestApp| async move {
        let anonymous = app.anonymous();
        assert_eq!(
            anonymous.get("/healthz").await,
            (200, json!({"status": "ok"}))
        );
        assert_eq!(
            anonymous.get("/readyz").await,
            (200, json!({"status": "ready"}))
        );
        // With the database gone the process is still alive, but no longer ready.
        app.store.close().await;
        assert_eq!(anonymous.get("/healthz").await.0, 200);
        let (status, body) = anonymous.get("/readyz").await;
        assert_eq!(status, 503, "{body}");
        assert_eq!(body["error"]["code"], "unavailable");
        app
    })
    .await;
}

#[tokio::test]
async fn metrics_count_requests_by_route_and_status() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        let roles = |status: u16| {
            format!(r#"http_requests_total{{method="GET",route="/api/v1/roles/{{id}}",status="{status}"}}"#)
        };
        let missing = format!("/api/v1/roles/{}", uuid::Uuid::now_v7());
        assert_eq!(api.get(&missing).await.0, 404);
        assert_eq!(api.get(&missing).await.0, 404);
        assert_eq!(app.anonymous().get(&missing).await.0, 401);
        let response = reqwest::get(app.url("/no/such/page")).await.unwrap();
        assert_eq!(response.status().as_u16(), 404);

        let response = reqwest::get(app.url("/metrics")).await.unwrap();
        assert_eq!(response.status().as_u16(), 200);
        let content_type = response.headers()["content-type"].to_str().unwrap().to_string();
        assert!(content_type.starts_with("application/openmetrics-text"), "{content_type}");
        let text = response.text().await.unwrap();
        assert!(text.contains(&format!("{} 2", roles(404))), "{text}");
        assert!(text.contains(&format!("{} 1", roles(401))), "{text}");
        assert!(text.contains(r#"route="unmatched",status="404"} 1"#), "{text}");
        assert!(!text.contains("/no/such/page"), "raw paths never become labels");
        assert!(
            text.contains(r#"http_request_duration_seconds_count{method="GET",route="/api/v1/roles/{id}"} 3"#),
            "{text}"
        );
        app
    })
    .await;
}

#[tokio::test]
async fn the_openapi_document_lists_every_path_and_each_is_served() {
    on_each_backend(|app: TestApp| async move {
        let (status, document) = app.anonymous().get("/api/v1/openapi.json").await;
        assert_eq!(status, 200, "served without a login");
        assert!(
            document["openapi"].as_str().unwrap().starts_with("3."),
            "{document}"
        );
        let paths = document["paths"].as_object().unwrap();
        for path in API_PATHS {
            assert!(paths.contains_key(*path), "{path} is not documented");
        }
        let documented_api: Vec<&String> =
            paths.keys().filter(|p| p.starts_with("/api/v1")).collect();
        assert_eq!(documented_api.len(), API_PATHS.len(), "{documented_api:?}");
        let schemes = &document["components"]["securitySchemes"];
        assert_eq!(schemes["bearer"]["scheme"], "bearer");
        assert_eq!(document["security"], json!([{"bearer": []}]));
        let schemas = document["components"]["schemas"].as_object().unwrap();
        for schema in [
            "ErrorBody",
            "RolePage",
            "ApplicationPage",
            "RoleInput",
            "MoveInput",
            "Board",
        ] {
            assert!(schemas.contains_key(schema), "schema {schema} missing");
        }
        let create_role = &paths["/api/v1/roles"]["post"];
        assert_eq!(
            create_role["responses"]["422"]["content"]["application/json"]["schema"]["$ref"],
            "#/components/schemas/ErrorBody"
        );

        // Each documented operation is routed: none answers "no such endpoint" or 405.
        let admin = app.api_as(UserRole::Admin).await;
        let nil = uuid::Uuid::nil().to_string();
        for (path, operations) in paths {
            let url = app.url(&path.replace("{id}", &nil));
            for method in operations.as_object().unwrap().keys() {
                let method = reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
                let response = admin
                    .client
                    .request(method.clone(), &url)
                    .bearer_auth(admin.token.as_ref().unwrap())
                    .json(&json!({}))
                    .send()
                    .await
                    .unwrap();
                let status = response.status().as_u16();
                let body: Value = response.json().await.unwrap_or(Value::Null);
                assert_ne!(status, 405, "{method} {path}");
                assert_ne!(
                    body["error"]["message"], "API endpoint not found",
                    "{method} {path}"
                );
            }
        }
        app
    })
    .await;
}
