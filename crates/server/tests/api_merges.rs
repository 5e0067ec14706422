//! Duplicates and merging over the API (issue #5), on every backend: a candidate's duplicates
//! with reasons, the pool-wide groups, a merge that moves the application and leaves the
//! duplicate 404 and out of search, the history, and the 403/404/409/422 answers.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use common::{new_role, on_each_backend, Api, TestApp};
use hireloop_core::user::UserRole;
use serde_json::{json, Value};

async fn create(api: &Api, body: Value) -> String {
    let (status, created) = api.post("/api/v1/candidates", &body).await;
    assert_eq!(status, 201, "{created}");
    created["id"].as_str().unwrap().to_string()
}

async fn apply(api: &Api, role: &str, candidate: &str) -> String {
    let (status, app) = api
        .post(
            "/api/v1/applications",
            &json!({"role_id": role, "candidate_id": candidate}),
        )
        .await;
    assert_eq!(status, 201, "{app}");
    app["id"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn duplicates_are_listed_with_reasons_then_merged_with_history() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        let keep = create(
            &api,
            json!({"name": "Jelena Petrović", "email": "jelena@gmail.com", "city": "Belgrade",
                   "skills": ["go"], "skill_details": [{"skill": "go", "years": 3}]}),
        )
        .await;
        let dup = create(
            &api,
            json!({"name": "petrovic jelena", "email": "je.lena+jobs@gmail.com", "city": "belgrade",
                   "phone": "+381 64 123 4567", "skills": ["go", "zanzibarscript"],
                   "skill_details": [{"skill": "go", "years": 7}]}),
        )
        .await;
        create(
            &api,
            json!({"name": "Ivo Horvat", "email": "ivo@example.com", "city": "Belgrade"}),
        )
        .await;

        let (status, found) = api
            .get(&format!("/api/v1/candidates/{keep}/duplicates"))
            .await;
        assert_eq!(status, 200, "{found}");
        assert_eq!(found.as_array().unwrap().len(), 1, "{found}");
        assert_eq!(found[0]["candidate"]["id"], dup.as_str());
        assert_eq!(
            found[0]["reasons"],
            json!(["same_email", "same_name_and_city"])
        );

        let (status, groups) = api.get("/api/v1/candidates/duplicates?limit=1").await;
        assert_eq!(status, 200, "{groups}");
        assert_eq!(groups["items"][0]["reason"], "same_email");
        assert_eq!(groups["items"][0]["key"], "jelena@gmail.com");
        let cursor = groups["next_cursor"].as_str().unwrap().to_string();
        let (_, next) = api
            .get(&format!(
                "/api/v1/candidates/duplicates?limit=5&cursor={}",
                urlencode(&cursor)
            ))
            .await;
        assert_eq!(next["items"][0]["reason"], "same_name_and_city", "{next}");
        assert_eq!(next["next_cursor"], Value::Null);

        let role = new_role(&api).await;
        let application = apply(&api, &role, &dup).await;
        let (status, merged) = api
            .post(
                &format!("/api/v1/candidates/{keep}/merge"),
                &json!({"duplicate_id": dup, "note": "one person, two imports"}),
            )
            .await;
        assert_eq!(status, 200, "{merged}");
        let survivor = &merged["candidate"];
        assert_eq!(survivor["id"], keep.as_str());
        assert_eq!(survivor["email"], "jelena@gmail.com");
        assert_eq!(survivor["phone"], "+381 64 123 4567");
        assert_eq!(survivor["skills"], json!(["go", "zanzibarscript"]));
        assert_eq!(survivor["skill_details"][0]["years"], 7.0);
        let merge = &merged["merge"];
        assert_eq!(merge["merged_id"], dup.as_str());
        assert_eq!(merge["merged_name"], "petrovic jelena");
        assert_eq!(merge["merged"]["email"], "je.lena+jobs@gmail.com");
        assert_eq!(merge["moved"]["applications"], 1);
        assert_eq!(merge["actor_id"], api.user.id.to_string());
        assert_eq!(merge["note"], "one person, two imports");

        let (status, _) = api.get(&format!("/api/v1/candidates/{dup}")).await;
        assert_eq!(status, 404);
        let (_, moved) = api
            .get(&format!("/api/v1/applications/{application}"))
            .await;
        assert_eq!(moved["candidate_id"], keep.as_str());
        let (_, history) = api.get(&format!("/api/v1/candidates/{keep}/merges")).await;
        assert_eq!(history.as_array().unwrap().len(), 1);
        assert_eq!(history[0], *merge);
        // The in-process search index dropped the duplicate and shows the survivor's new skill.
        let (_, search) = api.get("/api/v1/search?q=zanzibarscript").await;
        assert_eq!(search["total"], 1, "{search}");
        assert_eq!(search["results"][0]["candidate_id"], keep.as_str());
        let (_, left) = api
            .get(&format!("/api/v1/candidates/{keep}/duplicates"))
            .await;
        assert_eq!(left, json!([]));
        app
    })
    .await;
}

fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[tokio::test]
async fn bad_merges_are_refused_with_the_field_named() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        let a = create(&api, json!({"name": "Ana", "email": "ana@example.com"})).await;
        let b = create(&api, json!({"name": "Ana", "email": "ana+b@example.com"})).await;
        let merge = format!("/api/v1/candidates/{a}/merge");

        let (status, body) = api.post(&merge, &json!({"duplicate_id": a})).await;
        assert_eq!(status, 422, "{body}");
        assert!(body.to_string().contains("duplicate_id"), "{body}");
        let (status, body) = api
            .post(&merge, &json!({"duplicate_id": "nope", "note": "x"}))
            .await;
        assert_eq!(status, 422, "{body}");
        let unknown = uuid::Uuid::now_v7();
        let (status, body) = api.post(&merge, &json!({"duplicate_id": unknown})).await;
        assert_eq!(status, 422, "{body}");
        assert!(
            body["error"]["message"]
                .to_string()
                .contains("duplicate_id")
                || body.to_string().contains("duplicate_id")
        );
        let (status, _) = api
            .post(
                &format!("/api/v1/candidates/{unknown}/merge"),
                &json!({"duplicate_id": b}),
            )
            .await;
        assert_eq!(status, 404);
        let (status, body) = api.post(&merge, &json!({"duplicate": b})).await;
        assert_eq!(status, 422, "unknown field: {body}");

        // Both on one role: 409 naming the role; nothing changes.
        let role = new_role(&api).await;
        apply(&api, &role, &a).await;
        apply(&api, &role, &b).await;
        let (status, body) = api.post(&merge, &json!({"duplicate_id": b})).await;
        assert_eq!(status, 409, "{body}");
        assert!(
            body["error"]["message"]
                .as_str()
                .unwrap()
                .contains("'Senior Go Engineer'"),
            "{body}"
        );
        let (status, _) = api.get(&format!("/api/v1/candidates/{b}")).await;
        assert_eq!(status, 200);

        // Interviewers may not look for duplicates or merge.
        let interviewer = app.api_as(UserRole::Interviewer).await;
        let (status, _) = interviewer.post(&merge, &json!({"duplicate_id": b})).await;
        assert_eq!(status, 403);
        let (status, _) = interviewer.get("/api/v1/candidates/duplicates").await;
        assert_eq!(status, 403);
        let (status, _) = interviewer
            .get(&format!("/api/v1/candidates/{a}/duplicates"))
            .await;
        assert_eq!(status, 403);
        let (status, body) = api
            .get("/api/v1/candidates/duplicates?cursor=garbage")
            .await;
        assert_eq!(status, 422, "{body}");
        let (status, _) = api.get("/api/v1/candidates/duplicates?limit=0").await;
        assert_eq!(status, 400);
        app
    })
    .await;
}
