//! Decisions through the JSON API, on every backend: reasons from the taxonomy, the 422s naming the
//! field, stale decisions refused with 409, the history with reason, note and actor, bulk decisions
//! reported application by application.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use common::{new_role, on_each_backend, Api, TestApp};
use hireloop_core::user::UserRole;
use serde_json::{json, Value};

/// A new application of a new candidate on `role`; returns its id.
async fn application(api: &Api, role: &str, email: &str) -> String {
    let (status, candidate) = api
        .post(
            "/api/v1/candidates",
            &json!({"name": "Ana Petrović", "email": email, "skills": ["Go"]}),
        )
        .await;
    assert_eq!(status, 201, "{candidate}");
    let (status, application) = api
        .post(
            "/api/v1/applications",
            &json!({"role_id": role, "candidate_id": candidate["id"]}),
        )
        .await;
    assert_eq!(status, 201, "{application}");
    application["id"].as_str().unwrap().to_string()
}

fn field_of(body: &Value) -> &str {
    body["error"]["details"]["fields"][0]["field"]
        .as_str()
        .unwrap_or("")
}

async fn history(api: &Api, id: &str) -> Vec<Value> {
    let (status, body) = api.get(&format!("/api/v1/applications/{id}/history")).await;
    assert_eq!(status, 200, "{body}");
    body.as_array().unwrap().clone()
}

#[tokio::test]
async fn the_reasons_are_listed_and_filtered_by_decision() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Interviewer).await;
        let (status, all) = api.get("/api/v1/decision-reasons").await;
        assert_eq!(status, 200, "{all}");
        let skill_gap = all
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == "skill_gap")
            .unwrap();
        assert_eq!(skill_gap["applies_to"], "reject");
        assert!(!skill_gap["label"].as_str().unwrap().is_empty());

        let (status, withdraw) = api.get("/api/v1/decision-reasons?decision=withdraw").await;
        assert_eq!(status, 200);
        let withdraw = withdraw.as_array().unwrap();
        assert!(withdraw.iter().any(|r| r["id"] == "accepted_other_offer"));
        assert!(withdraw.iter().all(|r| r["applies_to"] == "withdraw"));

        let (status, body) = api.get("/api/v1/decision-reasons?decision=maybe").await;
        assert_eq!(status, 400, "{body}");
        assert_eq!(body["error"]["details"]["field"], "decision");
        assert_eq!(app.anonymous().get("/api/v1/decision-reasons").await.0, 401);
        app
    })
    .await;
}

#[tokio::test]
async fn bad_decisions_are_422_naming_the_field_and_change_nothing() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        let role = new_role(&api).await;
        let id = application(&api, &role, "ana@example.com").await;
        let path = format!("/api/v1/applications/{id}/decision");
        let cases = [
            (json!({"decision": "reject"}), "reason", "skill_gap"),
            (
                json!({"decision": "reject", "reason": "withdrew"}),
                "reason",
                "not a reason to reject",
            ),
            (
                json!({"decision": "withdraw", "reason": "budget"}),
                "reason",
                "not a reason to withdraw",
            ),
            (
                json!({"decision": "advance", "reason": "budget"}),
                "reason",
                "takes no reason",
            ),
            (json!({"decision": "hire"}), "decision", "hire"),
            (
                json!({"decision": "reject", "reason": "budget", "note": "no"}),
                "note",
                "",
            ),
            (
                json!({"decision": "advance", "from_stage": "lunch"}),
                "from_stage",
                "lunch",
            ),
            (json!({"decision": "advance", "urgent": true}), "urgent", ""),
        ];
        for (body, field, words) in cases {
            let (status, answer) = api.post(&path, &body).await;
            assert_eq!(status, 422, "{body} -> {answer}");
            assert_eq!(field_of(&answer), field, "{body} -> {answer}");
            assert!(
                answer["error"]["message"].as_str().unwrap().contains(words),
                "{body} -> {answer}"
            );
        }
        assert_eq!(history(&api, &id).await.len(), 1, "nothing was recorded");
        let (_, current) = api.get(&format!("/api/v1/applications/{id}")).await;
        assert_eq!(current["stage"], "sourced");
        app
    })
    .await;
}

#[tokio::test]
async fn a_rejection_is_kept_with_reason_note_and_actor() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::HiringManager).await;
        let role = new_role(&api).await;
        let id = application(&api, &role, "ana@example.com").await;
        let path = format!("/api/v1/applications/{id}/decision");
        let (status, advanced) = api
            .post(&path, &json!({"decision": "advance", "note": "clear, calm screen"}))
            .await;
        assert_eq!(status, 200, "{advanced}");
        assert_eq!(advanced["stage"], "screening");

        let (status, rejected) = api
            .post(
                &path,
                &json!({"decision": "reject", "reason": "skill_gap", "note": "weak on failure modes",
                    "from_stage": "screening"}),
            )
            .await;
        assert_eq!(status, 200, "{rejected}");
        assert_eq!(rejected["stage"], "rejected");
        assert_eq!(rejected["stage_reason"], "Skill gap: weak on failure modes");

        let history = history(&api, &id).await;
        assert_eq!(history.len(), 3);
        let last = &history[2];
        assert_eq!(last["from_stage"], "screening");
        assert_eq!(last["to_stage"], "rejected");
        assert_eq!(last["reason_code"], "skill_gap");
        assert_eq!(last["note"], "weak on failure modes");
        assert_eq!(last["actor_id"], json!(api.user.id));
        assert_eq!(last["actor_name"], "Test Hiring manager");
        assert_eq!(history[1]["note"], "clear, calm screen");
        assert_eq!(history[1]["reason_code"], Value::Null);
        app
    })
    .await;
}

#[tokio::test]
async fn stale_and_impossible_decisions_are_409() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        let role = new_role(&api).await;
        let id = application(&api, &role, "ana@example.com").await;
        let path = format!("/api/v1/applications/{id}/decision");
        // Someone advanced it while this page still showed it as sourced.
        let (status, _) = api.post(&path, &json!({"decision": "advance"})).await;
        assert_eq!(status, 200);
        let (status, body) = api
            .post(
                &path,
                &json!({"decision": "withdraw", "reason": "withdrew", "from_stage": "sourced"}),
            )
            .await;
        assert_eq!(status, 409, "{body}");
        assert_eq!(body["error"]["details"]["field"], "stage");
        assert!(
            body["error"]["message"]
                .as_str()
                .unwrap()
                .contains("'screening' now"),
            "{body}"
        );

        let (status, body) = api
            .post(
                &path,
                &json!({"decision": "withdraw", "reason": "accepted_other_offer"}),
            )
            .await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["stage"], "withdrawn");
        let (status, body) = api.post(&path, &json!({"decision": "advance"})).await;
        assert_eq!(status, 409, "{body}");
        assert!(body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("reopen"));
        let (status, body) = api
            .post(
                &path,
                &json!({"decision": "withdraw", "reason": "withdrew"}),
            )
            .await;
        assert_eq!(status, 409, "{body}");
        assert_eq!(history(&api, &id).await.len(), 3);

        let unknown = uuid::Uuid::now_v7();
        let (status, _) = api
            .post(
                &format!("/api/v1/applications/{unknown}/decision"),
                &json!({"decision": "advance"}),
            )
            .await;
        assert_eq!(status, 404);
        app
    })
    .await;
}

#[tokio::test]
async fn interviewers_may_not_decide() {
    on_each_backend(|app: TestApp| async move {
        let recruiter = app.api_as(UserRole::Recruiter).await;
        let role = new_role(&recruiter).await;
        let id = application(&recruiter, &role, "ana@example.com").await;
        let interviewer = app.api_as(UserRole::Interviewer).await;
        let path = format!("/api/v1/applications/{id}/decision");
        let reject = json!({"decision": "reject", "reason": "skill_gap"});
        // Not assigned: the application does not exist for them.
        assert_eq!(interviewer.post(&path, &reject).await.0, 404);
        let (status, _) = recruiter
            .post(
                &format!("/api/v1/applications/{id}/interviewers"),
                &json!({"user_id": interviewer.user.id}),
            )
            .await;
        assert_eq!(status, 204);
        let (status, body) = interviewer.post(&path, &reject).await;
        assert_eq!(status, 403, "{body}");
        assert_eq!(history(&recruiter, &id).await.len(), 1);
        // Refused as not theirs to decide, not as a conflict, whatever the application's state.
        let withdraw = json!({"decision": "withdraw", "reason": "withdrew"});
        assert_eq!(recruiter.post(&path, &withdraw).await.0, 200);
        let (status, body) = interviewer
            .post(&path, &json!({"decision": "advance"}))
            .await;
        assert_eq!(status, 403, "{body}");
        app
    })
    .await;
}

#[tokio::test]
async fn a_bulk_rejection_reports_each_application_and_keeps_the_good_ones() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        let role = new_role(&api).await;
        let a = application(&api, &role, "a@example.com").await;
        let b = application(&api, &role, "b@example.com").await;
        let closed = application(&api, &role, "c@example.com").await;
        let (status, _) = api
            .post(
                &format!("/api/v1/applications/{closed}/decision"),
                &json!({"decision": "withdraw", "reason": "withdrew"}),
            )
            .await;
        assert_eq!(status, 200);
        let unknown = uuid::Uuid::now_v7().to_string();
        let ids = json!([a, unknown, "not-an-id", b, closed, a]);
        let (status, report) = api
            .post(
                "/api/v1/applications/decisions",
                &json!({"application_ids": ids, "decision": "reject", "reason": "budget",
                    "note": "over the approved band"}),
            )
            .await;
        assert_eq!(status, 200, "{report}");
        assert_eq!(
            (report["decided"].as_u64(), report["skipped"].as_u64()),
            (Some(2), Some(4))
        );
        let results = report["results"].as_array().unwrap();
        let outcomes: Vec<_> = results
            .iter()
            .map(|r| {
                (
                    r["outcome"].as_str().unwrap(),
                    r["error"]["code"].as_str().unwrap_or(""),
                )
            })
            .collect();
        assert_eq!(
            outcomes,
            [
                ("decided", ""),
                ("skipped", "not_found"),
                ("skipped", "validation_failed"),
                ("decided", ""),
                ("skipped", "conflict"),
                ("skipped", "validation_failed"),
            ]
        );
        assert_eq!(results[0]["application"]["stage"], "rejected");
        assert_eq!(
            results[2]["error"]["details"]["fields"][0]["field"],
            "application_ids[2]"
        );
        assert!(results[5]["error"]["message"]
            .as_str()
            .unwrap()
            .contains("application_ids[0]"));
        for (id, stage) in [(&a, "rejected"), (&b, "rejected"), (&closed, "withdrawn")] {
            let (_, current) = api.get(&format!("/api/v1/applications/{id}")).await;
            assert_eq!(current["stage"], stage, "{id}");
        }
        let last = history(&api, &b).await.pop().unwrap();
        assert_eq!(
            (last["reason_code"].as_str(), last["note"].as_str()),
            (Some("budget"), Some("over the approved band"))
        );
        app
    })
    .await;
}

#[tokio::test]
async fn a_bulk_decision_that_is_itself_wrong_is_refused_whole() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        let role = new_role(&api).await;
        let a = application(&api, &role, "a@example.com").await;
        let path = "/api/v1/applications/decisions";
        let (status, body) = api
            .post(path, &json!({"application_ids": [a], "decision": "reject"}))
            .await;
        assert_eq!(status, 422, "{body}");
        assert_eq!(field_of(&body), "reason");
        let (status, body) = api
            .post(path, &json!({"application_ids": [], "decision": "advance"}))
            .await;
        assert_eq!(status, 422, "{body}");
        assert_eq!(field_of(&body), "application_ids");
        let many: Vec<String> = (0..201).map(|_| a.clone()).collect();
        let (status, body) = api
            .post(
                path,
                &json!({"application_ids": many, "decision": "advance"}),
            )
            .await;
        assert_eq!(status, 422, "{body}");
        assert_eq!(history(&api, &a).await.len(), 1);

        // Advancing in bulk moves each to its own next stage.
        let (status, report) = api
            .post(
                path,
                &json!({"application_ids": [a], "decision": "advance"}),
            )
            .await;
        assert_eq!(status, 200, "{report}");
        assert_eq!(report["results"][0]["application"]["stage"], "screening");
        app
    })
    .await;
}
