//! Who may call the JSON API and what each kind of user sees: missing, malformed and revoked
//! credentials, API tokens, users, CSRF for session callers, and interviewers limited to their
//! assignments. On every backend.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use common::{on_each_backend, Api, TestApp};
use hireloop_core::user::UserRole;
use hireloop_server::auth;
use serde_json::{json, Value};

fn code(body: &Value) -> &str {
    body["error"]["code"].as_str().unwrap_or("")
}

async fn count(api: &Api, list: &str) -> usize {
    let (status, page) = api.get(list).await;
    assert_eq!(status, 200, "{page}");
    page["items"].as_array().unwrap().len()
}

/// Sends `GET /api/v1/me` with a raw Authorization header.
async fn me_with_header(app: &TestApp, value: &str) -> (u16, Value) {
    let response = reqwest::Client::new()
        .get(app.url("/api/v1/me"))
        .header("authorization", value)
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.json().await.unwrap())
}

#[tokio::test]
async fn missing_malformed_and_unknown_credentials_are_401() {
    on_each_backend(|app: TestApp| async move {
        let anonymous = app.anonymous();
        let (status, body) = anonymous.get("/api/v1/roles").await;
        assert_eq!((status, code(&body)), (401, "unauthenticated"), "{body}");
        let role =
            json!({"title": "Senior Go Engineer", "level": "senior", "primary_language": "Go"});
        let (status, body) = anonymous.post("/api/v1/roles", &role).await;
        assert_eq!((status, code(&body)), (401, "unauthenticated"), "{body}");
        for header in [
            "Token abc",
            "Basic dXNlcjpwYXNz",
            "Bearer",
            "Bearer hl_not_a_real_token",
        ] {
            let (status, body) = me_with_header(&app, header).await;
            assert_eq!(
                (status, code(&body)),
                (401, "bad_credentials"),
                "{header}: {body}"
            );
        }
        let recruiter = app.api_as(UserRole::Recruiter).await;
        assert_eq!(
            count(&recruiter, "/api/v1/roles").await,
            0,
            "the refused create stored nothing"
        );
        let (status, me) = recruiter.get("/api/v1/me").await;
        assert_eq!(status, 200);
        assert_eq!(me["id"], json!(recruiter.user.id));
        assert_eq!(me["role"], "recruiter");
        app
    })
    .await;
}

#[tokio::test]
async fn tokens_are_created_listed_and_revoked() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Interviewer).await;
        let (status, created) = api
            .post("/api/v1/tokens", &json!({"name": "  CI deploys "}))
            .await;
        assert_eq!(status, 201, "{created}");
        let secret = created["token"].as_str().unwrap().to_string();
        assert!(secret.starts_with("hl_"));
        assert_eq!(created["api_token"]["name"], "CI deploys");
        let token_id = created["api_token"]["id"].as_str().unwrap().to_string();

        let (status, list) = api.get("/api/v1/tokens").await;
        assert_eq!(status, 200);
        assert_eq!(list["items"].as_array().unwrap().len(), 2);
        assert!(
            !list.to_string().contains(&secret),
            "the secret is never listed"
        );

        let bearer = format!("Bearer {secret}");
        assert_eq!(me_with_header(&app, &bearer).await.0, 200);
        let (status, revoked) = api.delete(&format!("/api/v1/tokens/{token_id}")).await;
        assert_eq!(status, 200, "{revoked}");
        assert!(revoked["revoked_at"].is_string());
        let (status, body) = me_with_header(&app, &bearer).await;
        assert_eq!((status, code(&body)), (401, "bad_credentials"));
        assert_eq!(
            api.get("/api/v1/me").await.0,
            200,
            "the other token still works"
        );

        let (status, body) = api.post("/api/v1/tokens", &json!({"name": "  "})).await;
        assert_eq!((status, code(&body)), (422, "validation_failed"));
        assert_eq!(count(&api, "/api/v1/tokens").await, 2);
        app
    })
    .await;
}

#[tokio::test]
async fn only_an_admin_revokes_someone_elses_token() {
    on_each_backend(|app: TestApp| async move {
        let owner = app.api_as(UserRole::Recruiter).await;
        let other = app.api_as(UserRole::HiringManager).await;
        let admin = app.api_as(UserRole::Admin).await;
        let (_, list) = owner.get("/api/v1/tokens").await;
        let token_path = format!(
            "/api/v1/tokens/{}",
            list["items"][0]["id"].as_str().unwrap()
        );

        let (status, body) = other.delete(&token_path).await;
        assert_eq!((status, code(&body)), (404, "not_found"), "{body}");
        assert_eq!(owner.get("/api/v1/me").await.0, 200, "still valid");
        let (status, body) = admin.delete(&token_path).await;
        assert_eq!(status, 200, "{body}");
        let (status, body) = owner.get("/api/v1/me").await;
        assert_eq!((status, code(&body)), (401, "bad_credentials"));
        app
    })
    .await;
}

#[tokio::test]
async fn only_admins_manage_users() {
    on_each_backend(|app: TestApp| async move {
        let admin = app.api_as(UserRole::Admin).await;
        let recruiter = app.api_as(UserRole::Recruiter).await;
        let users_before = count(&admin, "/api/v1/users").await;
        let new_user = json!({"email": "iva@example.com", "name": "Iva", "role": "interviewer", "password": "long enough secret"});

        let (status, body) = recruiter.get("/api/v1/users").await;
        assert_eq!((status, code(&body)), (403, "forbidden"));
        let (status, body) = recruiter.post("/api/v1/users", &new_user).await;
        assert_eq!((status, code(&body)), (403, "forbidden"));
        assert_eq!(count(&admin, "/api/v1/users").await, users_before);

        let (status, created) = admin.post("/api/v1/users", &new_user).await;
        assert_eq!(status, 201, "{created}");
        assert_eq!(created["role"], "interviewer");
        assert!(created.get("password").is_none() && !created.to_string().contains("argon2"));
        let (status, body) = admin.post("/api/v1/users", &new_user).await;
        assert_eq!((status, code(&body)), (409, "conflict"));
        assert_eq!(body["error"]["details"]["field"], "email");
        let mut short = new_user.clone();
        short["email"] = json!("other@example.com");
        short["password"] = json!("short");
        let (status, body) = admin.post("/api/v1/users", &short).await;
        assert_eq!((status, code(&body)), (422, "validation_failed"));
        assert_eq!(body["error"]["details"]["fields"][0]["field"], "password");
        assert_eq!(count(&admin, "/api/v1/users").await, users_before + 1);
        app
    })
    .await;
}

#[tokio::test]
async fn session_callers_need_the_csrf_token_to_write() {
    on_each_backend(|app: TestApp| async move {
        let user = app.user(UserRole::Recruiter).await;
        let (secret, csrf) = (auth::new_secret(), auth::new_secret());
        let expires = chrono::Utc::now() + chrono::Duration::hours(1);
        app.store
            .create_session(&auth::hash_token(&secret), user.id, &csrf, expires)
            .await
            .unwrap();
        let cookie = format!("{}={secret}", auth::SESSION_COOKIE);
        let client = reqwest::Client::new();
        let role =
            json!({"title": "Senior Go Engineer", "level": "senior", "primary_language": "Go"});

        let me = client
            .get(app.url("/api/v1/me"))
            .header("cookie", &cookie)
            .send()
            .await
            .unwrap();
        assert_eq!(me.status().as_u16(), 200);
        let refused = client
            .post(app.url("/api/v1/roles"))
            .header("cookie", &cookie)
            .json(&role)
            .send()
            .await
            .unwrap();
        assert_eq!(refused.status().as_u16(), 403);
        let roles = client
            .get(app.url("/api/v1/roles"))
            .header("cookie", &cookie)
            .send()
            .await
            .unwrap();
        assert_eq!(
            roles.json::<Value>().await.unwrap()["items"],
            json!([]),
            "nothing stored"
        );
        let accepted = client
            .post(app.url("/api/v1/roles"))
            .header("cookie", &cookie)
            .header(auth::CSRF_HEADER, &csrf)
            .json(&role)
            .send()
            .await
            .unwrap();
        assert_eq!(accepted.status().as_u16(), 201);
        app
    })
    .await;
}

/// Two applications on one role, the first of them assigned to `interviewer`.
async fn two_applications(recruiter: &Api, interviewer: &Api) -> (Value, Value) {
    let (_, role) = recruiter
        .post(
            "/api/v1/roles",
            &json!({"title": "Senior Go Engineer", "level": "senior", "primary_language": "Go"}),
        )
        .await;
    let mut applications = Vec::new();
    for email in ["ana@example.com", "ben@example.com"] {
        let (_, candidate) = recruiter
            .post(
                "/api/v1/candidates",
                &json!({"name": "Candidate", "email": email}),
            )
            .await;
        let (status, application) = recruiter
            .post(
                "/api/v1/applications",
                &json!({"role_id": role["id"], "candidate_id": candidate["id"]}),
            )
            .await;
        assert_eq!(status, 201, "{application}");
        applications.push(application);
    }
    let assigned = applications.remove(0);
    let path = format!(
        "/api/v1/applications/{}/interviewers",
        assigned["id"].as_str().unwrap()
    );
    let (status, body) = recruiter
        .post(&path, &json!({"user_id": interviewer.user.id}))
        .await;
    assert_eq!(status, 204, "{body}");
    assert_eq!(
        recruiter
            .post(&path, &json!({"user_id": interviewer.user.id}))
            .await
            .0,
        204,
        "idempotent"
    );
    (assigned, applications.remove(0))
}

#[tokio::test]
async fn interviewers_see_only_their_assignments_and_cannot_write() {
    on_each_backend(|app: TestApp| async move {
        let recruiter = app.api_as(UserRole::Recruiter).await;
        let interviewer = app.api_as(UserRole::Interviewer).await;
        let (assigned, other) = two_applications(&recruiter, &interviewer).await;
        let id = |a: &Value| a["id"].as_str().unwrap().to_string();

        let (_, list) = interviewer.get("/api/v1/applications").await;
        let listed: Vec<&str> = list["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["id"].as_str().unwrap())
            .collect();
        assert_eq!(listed, [id(&assigned)]);
        assert_eq!(
            interviewer
                .get(&format!("/api/v1/applications/{}", id(&assigned)))
                .await
                .0,
            200
        );
        for path in [
            format!("/api/v1/applications/{}", id(&other)),
            format!("/api/v1/applications/{}/history", id(&other)),
            format!(
                "/api/v1/candidates/{}",
                other["candidate_id"].as_str().unwrap()
            ),
        ] {
            let (status, body) = interviewer.get(&path).await;
            assert_eq!((status, code(&body)), (404, "not_found"), "{path}: {body}");
        }
        let (_, candidates) = interviewer.get("/api/v1/candidates").await;
        assert_eq!(candidates["items"].as_array().unwrap().len(), 1);
        assert_eq!(candidates["items"][0]["id"], assigned["candidate_id"]);
        let (_, board) = interviewer
            .get(&format!(
                "/api/v1/roles/{}/board",
                assigned["role_id"].as_str().unwrap()
            ))
            .await;
        let on_board: usize = board["columns"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["applications"].as_array().unwrap().len())
            .sum();
        assert_eq!(on_board, 1);

        // Writes: refused with 403 on what they can see, 404 on what they cannot, and nothing changes.
        let move_assigned = format!("/api/v1/applications/{}/move", id(&assigned));
        let (status, body) = interviewer
            .post(&move_assigned, &json!({"stage": "screening"}))
            .await;
        assert_eq!((status, code(&body)), (403, "forbidden"), "{body}");
        let move_other = format!("/api/v1/applications/{}/move", id(&other));
        assert_eq!(
            interviewer
                .post(&move_other, &json!({"stage": "screening"}))
                .await
                .0,
            404
        );
        let assign = format!("/api/v1/applications/{}/interviewers", id(&assigned));
        assert_eq!(
            interviewer
                .post(&assign, &json!({"user_id": interviewer.user.id}))
                .await
                .0,
            403
        );
        let role = json!({"title": "Another Role", "level": "mid", "primary_language": "Rust"});
        assert_eq!(interviewer.post("/api/v1/roles", &role).await.0, 403);
        let candidate = json!({"name": "Cleo", "email": "cleo@example.com"});
        assert_eq!(
            interviewer.post("/api/v1/candidates", &candidate).await.0,
            403
        );
        let application =
            json!({"role_id": assigned["role_id"], "candidate_id": other["candidate_id"]});
        assert_eq!(
            interviewer
                .post("/api/v1/applications", &application)
                .await
                .0,
            403
        );

        assert_eq!(
            recruiter
                .get(&format!("/api/v1/applications/{}", id(&assigned)))
                .await
                .1,
            assigned
        );
        assert_eq!(count(&recruiter, "/api/v1/roles").await, 1);
        assert_eq!(count(&recruiter, "/api/v1/candidates").await, 2);
        assert_eq!(count(&recruiter, "/api/v1/applications").await, 2);
        app
    })
    .await;
}

#[tokio::test]
async fn undoing_a_hire_is_an_admins_call() {
    on_each_backend(|app: TestApp| async move {
        let recruiter = app.api_as(UserRole::Recruiter).await;
        let admin = app.api_as(UserRole::Admin).await;
        let (_, role) = recruiter
            .post("/api/v1/roles", &json!({"title": "Senior Go Engineer", "level": "senior", "primary_language": "Go"}))
            .await;
        let (_, candidate) = recruiter.post("/api/v1/candidates", &json!({"name": "Ana", "email": "ana@example.com"})).await;
        let (_, application) = recruiter
            .post("/api/v1/applications", &json!({"role_id": role["id"], "candidate_id": candidate["id"]}))
            .await;
        let id = application["id"].as_str().unwrap();
        let path = format!("/api/v1/applications/{id}/move");
        assert_eq!(recruiter.post(&path, &json!({"stage": "hired"})).await.0, 200);
        let history = format!("/api/v1/applications/{id}/history");
        let history_before = recruiter.get(&history).await.1;

        let (status, body) = recruiter.post(&path, &json!({"stage": "sourced"})).await;
        assert_eq!((status, code(&body)), (403, "forbidden"), "{body}");
        assert!(body["error"]["message"].as_str().unwrap().contains("recruiter"), "{body}");
        assert_eq!(recruiter.get(&format!("/api/v1/applications/{id}")).await.1["stage"], "hired");
        assert_eq!(recruiter.get(&history).await.1, history_before);

        let (status, moved) = admin.post(&path, &json!({"stage": "sourced"})).await;
        assert_eq!(status, 200, "{moved}");
        assert_eq!(moved["stage"], "sourced");
        app
    })
    .await;
}
