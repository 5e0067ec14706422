//! Every kind of bad input the JSON API must refuse: the status, the error code, the field named,
//! and proof that nothing stored changed. On every backend.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use common::{on_each_backend, Api, TestApp};
use hireloop_core::user::UserRole;
use serde_json::{json, Value};

/// The field an error body names: the first of `details.fields`, or `details.field`.
fn field(body: &Value) -> &str {
    let details = &body["error"]["details"];
    details["fields"][0]["field"]
        .as_str()
        .or(details["field"].as_str())
        .unwrap_or("")
}

fn assert_error(got: &(u16, Value), status: u16, code: &str, named: &str) {
    let (got_status, body) = got;
    assert_eq!(*got_status, status, "{body}");
    assert_eq!(body["error"]["code"], code, "{body}");
    assert_eq!(field(body), named, "{body}");
}

async fn count(api: &Api, list: &str) -> usize {
    let (status, page) = api.get(&format!("{list}?limit=200")).await;
    assert_eq!(status, 200, "{page}");
    page["items"].as_array().unwrap().len()
}

fn role_json() -> Value {
    json!({"title": "Senior Go Engineer", "level": "senior", "primary_language": "Go"})
}

#[tokio::test]
async fn malformed_json_is_a_400_and_stores_nothing() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        let trailing = format!("{} {{}}", role_json());
        for body in ["{\"title\": ", "not json", "", "[1,", &trailing] {
            let got = api.post_raw("/api/v1/roles", body).await;
            assert_error(&got, 400, "bad_request", "");
            assert!(
                got.1["error"]["message"]
                    .as_str()
                    .unwrap()
                    .starts_with("malformed JSON"),
                "{}",
                got.1
            );
        }
        // A body that is not declared as JSON is refused before it is read.
        let response = api
            .client
            .post(app.url("/api/v1/roles"))
            .bearer_auth(api.token.as_ref().unwrap())
            .header("content-type", "text/plain")
            .body(role_json().to_string())
            .send()
            .await
            .unwrap();
        assert_eq!(response.status().as_u16(), 400);
        assert_eq!(count(&api, "/api/v1/roles").await, 0);
        app
    })
    .await;
}

#[tokio::test]
async fn wrong_types_unknown_and_missing_fields_are_422_naming_the_field() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        let mut wrong_type = role_json();
        wrong_type["level"] = json!(3);
        assert_error(&api.post("/api/v1/roles", &wrong_type).await, 422, "validation_failed", "level");
        let mut unknown = role_json();
        unknown["salary"] = json!(150000);
        assert_error(&api.post("/api/v1/roles", &unknown).await, 422, "validation_failed", "salary");
        let missing = json!({"level": "senior", "primary_language": "Go"});
        assert_error(&api.post("/api/v1/roles", &missing).await, 422, "validation_failed", "title");
        let null_title = json!({"title": null, "level": "senior", "primary_language": "Go"});
        assert_error(&api.post("/api/v1/roles", &null_title).await, 422, "validation_failed", "title");
        let mut bad_level = role_json();
        bad_level["level"] = json!("principal");
        let got = api.post("/api/v1/roles", &bad_level).await;
        assert_error(&got, 422, "validation_failed", "level");
        assert!(got.1["error"]["message"].as_str().unwrap().contains("junior, mid, senior"), "{}", got.1);
        assert_eq!(count(&api, "/api/v1/roles").await, 0);

        let nested = json!({"name": "Ana", "email": "ana@example.com", "expected_rate": {"amount": "lots", "period": "hour"}});
        assert_error(&api.post("/api/v1/candidates", &nested).await, 422, "validation_failed", "expected_rate.amount");
        let negative = json!({"name": "Ana", "email": "ana@example.com", "expected_rate": {"amount": -5, "period": "hour"}});
        assert_error(&api.post("/api/v1/candidates", &negative).await, 422, "validation_failed", "expected_rate.amount");
        let bad_email = json!({"name": "Ana", "email": "ana-at-example"});
        assert_error(&api.post("/api/v1/candidates", &bad_email).await, 422, "validation_failed", "email");
        assert_eq!(count(&api, "/api/v1/candidates").await, 0);
        app
    })
    .await;
}

#[tokio::test]
async fn over_long_strings_are_422() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        let mut long_title = role_json();
        long_title["title"] = json!("x".repeat(121));
        let got = api.post("/api/v1/roles", &long_title).await;
        assert_error(&got, 422, "validation_failed", "title");
        assert!(
            got.1["error"]["message"]
                .as_str()
                .unwrap()
                .contains("at most 120"),
            "{}",
            got.1
        );
        let long_name = json!({"name": "n".repeat(101), "email": "ana@example.com"});
        assert_error(
            &api.post("/api/v1/candidates", &long_name).await,
            422,
            "validation_failed",
            "name",
        );
        assert_error(
            &api.post("/api/v1/tokens", &json!({"name": "t".repeat(101)}))
                .await,
            422,
            "validation_failed",
            "name",
        );
        assert_eq!(count(&api, "/api/v1/roles").await, 0);
        assert_eq!(count(&api, "/api/v1/candidates").await, 0);
        assert_eq!(
            count(&api, "/api/v1/tokens").await,
            1,
            "only the token the test client uses"
        );
        app
    })
    .await;
}

/// A role, a candidate and an application in `screening`, made through the API.
async fn application_in_screening(api: &Api) -> (String, Value) {
    let (_, role) = api.post("/api/v1/roles", &role_json()).await;
    let (_, candidate) = api
        .post(
            "/api/v1/candidates",
            &json!({"name": "Ana", "email": "ana@example.com"}),
        )
        .await;
    let (status, application) = api
        .post(
            "/api/v1/applications",
            &json!({"role_id": role["id"], "candidate_id": candidate["id"], "stage": "screening"}),
        )
        .await;
    assert_eq!(status, 201, "{application}");
    (application["id"].as_str().unwrap().to_string(), application)
}

#[tokio::test]
async fn bad_moves_are_refused_and_leave_the_application_where_it_was() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        let (id, before) = application_in_screening(&api).await;
        let path = format!("/api/v1/applications/{id}/move");
        let history = format!("/api/v1/applications/{id}/history");
        let history_before = api.get(&history).await.1;

        let got = api.post(&path, &json!({"stage": "onsite"})).await;
        assert_error(&got, 422, "validation_failed", "stage");
        assert!(
            got.1["error"]["message"]
                .as_str()
                .unwrap()
                .contains("take_home"),
            "lists known stages: {}",
            got.1
        );
        assert_error(
            &api.post(&path, &json!({"stage": "rejected"})).await,
            422,
            "validation_failed",
            "reason",
        );
        assert_error(
            &api.post(&path, &json!({"stage": "rejected", "reason": "no"}))
                .await,
            422,
            "validation_failed",
            "reason",
        );
        assert_error(
            &api.post(&path, &json!({"stage": 7})).await,
            422,
            "validation_failed",
            "stage",
        );
        assert_error(
            &api.post(&path, &json!({"stage": "offer", "why": "x"}))
                .await,
            422,
            "validation_failed",
            "why",
        );
        assert_error(
            &api.post(&path, &json!({"stage": "screening"})).await,
            409,
            "conflict",
            "stage",
        );
        assert_error(
            &api.post_raw(&path, "{\"stage\":").await,
            400,
            "bad_request",
            "",
        );

        assert_eq!(
            api.get(&format!("/api/v1/applications/{id}")).await.1,
            before
        );
        assert_eq!(api.get(&history).await.1, history_before);
        app
    })
    .await;
}

#[tokio::test]
async fn duplicates_are_409_and_store_nothing() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        let (id, application) = application_in_screening(&api).await;
        let again = json!({"name": "Ana P.", "email": "ANA@example.com"});
        assert_error(&api.post("/api/v1/candidates", &again).await, 409, "conflict", "email");
        assert_eq!(count(&api, "/api/v1/candidates").await, 1);

        let duplicate = json!({"role_id": application["role_id"], "candidate_id": application["candidate_id"]});
        assert_error(&api.post("/api/v1/applications", &duplicate).await, 409, "conflict", "candidate_id");
        let (_, list) = api.get("/api/v1/applications").await;
        assert_eq!(list["items"].as_array().unwrap().len(), 1);
        assert_eq!(list["items"][0]["id"], id.as_str());

        let unknown_role = json!({"role_id": uuid::Uuid::now_v7(), "candidate_id": application["candidate_id"]});
        assert_error(&api.post("/api/v1/applications", &unknown_role).await, 422, "validation_failed", "role_id");
        let closed_start = json!({"role_id": application["role_id"], "candidate_id": application["candidate_id"], "stage": "hired!"});
        assert_error(&api.post("/api/v1/applications", &closed_start).await, 422, "validation_failed", "stage");
        assert_eq!(count(&api, "/api/v1/applications").await, 1);
        app
    })
    .await;
}

#[tokio::test]
async fn bad_ids_query_parameters_and_statuses_name_what_is_wrong() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        assert_error(
            &api.get("/api/v1/roles/not-a-uuid").await,
            400,
            "bad_request",
            "id",
        );
        assert_error(
            &api.get("/api/v1/applications/42/history").await,
            400,
            "bad_request",
            "id",
        );
        assert_error(
            &api.get(&format!("/api/v1/roles/{}", uuid::Uuid::now_v7()))
                .await,
            404,
            "not_found",
            "",
        );
        assert_error(
            &api.get("/api/v1/roles?limit=0").await,
            400,
            "bad_request",
            "limit",
        );
        assert_error(
            &api.get("/api/v1/roles?limit=201").await,
            400,
            "bad_request",
            "limit",
        );
        assert_error(
            &api.get("/api/v1/roles?limit=many").await,
            400,
            "bad_request",
            "limit",
        );
        assert_error(
            &api.get("/api/v1/candidates?cursor=page2").await,
            400,
            "bad_request",
            "cursor",
        );
        assert_error(
            &api.get("/api/v1/applications?stag=offer").await,
            400,
            "bad_request",
            "stag",
        );
        assert_error(
            &api.get("/api/v1/applications?stage=onsite").await,
            400,
            "bad_request",
            "stage",
        );
        assert_error(
            &api.get("/api/v1/applications?role_id=7").await,
            400,
            "bad_request",
            "role_id",
        );
        assert_error(
            &api.get("/api/v1/no-such-thing").await,
            404,
            "not_found",
            "",
        );

        let (_, role) = api.post("/api/v1/roles", &role_json()).await;
        let path = format!("/api/v1/roles/{}", role["id"].as_str().unwrap());
        let response = api
            .client
            .patch(app.url(&path))
            .bearer_auth(api.token.as_ref().unwrap())
            .json(&json!({"status": "paused"}))
            .send()
            .await
            .unwrap();
        let got = (
            response.status().as_u16(),
            response.json::<Value>().await.unwrap(),
        );
        assert_error(&got, 422, "validation_failed", "status");
        assert_eq!(api.get(&path).await.1, role, "the role is unchanged");
        app
    })
    .await;
}
