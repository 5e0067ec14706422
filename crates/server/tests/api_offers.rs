//! Offers, trials and onboarding through the JSON API, on every backend: the offer status machine
//! with approval rights, the checklist and kept versions; trial outcomes moving the application and
//! the role's matches; onboarding plans generated from the scorecard, ticked and rated.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use common::{on_each_backend, role_with_scorecard, Api, TestApp};
use hireloop_core::user::UserRole;
use serde_json::{json, Value};

const FULL_STACK: [&str; 5] = ["Go", "PostgreSQL", "REST API", "Kafka", "System design"];

async fn candidate(api: &Api, name: &str) -> String {
    let email = format!("{}@example.com", name.to_lowercase().replace(' ', "."));
    let (status, body) = api
        .post(
            "/api/v1/candidates",
            // Go years: the role's 4-year minimum is enforced by default.
            &json!({"name": name, "email": email, "region": "eastern_europe", "skills": FULL_STACK,
                    "skill_details": [{"skill": "Go", "years": 5}],
                    "expected_rate": {"amount": 80, "period": "hour"}}),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    body["id"].as_str().unwrap().to_string()
}

async fn application(api: &Api, role: &str, candidate: &str) -> String {
    let (status, body) = api
        .post(
            "/api/v1/applications",
            &json!({"role_id": role, "candidate_id": candidate}),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    body["id"].as_str().unwrap().to_string()
}

async fn move_to(api: &Api, application: &str, stage: &str, reason: Option<&str>) {
    let (status, body) = api
        .post(
            &format!("/api/v1/applications/{application}/move"),
            &json!({"stage": stage, "reason": reason}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
}

async fn put(api: &Api, path: &str, body: &Value) -> (u16, Value) {
    let request = api.client.put(format!("{}{path}", api.base)).json(body);
    let response = api.with_auth(request).send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

fn offer(amount: i64, complete: bool) -> Value {
    let checklist = if complete {
        json!({
            "ownership": "The payments API and the ledger service",
            "decision_making": "Design docs reviewed by the team; the tech lead decides ties",
            "incident_support": "Two-person rota, a week in six",
            "on_call_pay": "A flat fee per on-call week",
            "growth_path": "Tech lead of payments within two years",
            "review_culture": "Every change reviewed; decisions recorded as ADRs"
        })
    } else {
        json!({"ownership": "The payments API"})
    };
    json!({
        "compensation": {"pay": {"amount": amount, "period": "year"}, "equity": "0.05% over four years"},
        "engagement": "full_time",
        "start_date": "2030-02-01",
        "checklist": checklist,
    })
}

fn fields(body: &Value) -> Vec<&str> {
    body["error"]["details"]["fields"]
        .as_array()
        .map(|a| a.iter().map(|f| f["field"].as_str().unwrap()).collect())
        .unwrap_or_default()
}

#[tokio::test]
async fn an_offer_moves_through_approval_with_every_version_kept() {
    on_each_backend(|app: TestApp| async move {
        let recruiter = app.api_as(UserRole::Recruiter).await;
        let manager = app.api_as(UserRole::HiringManager).await;
        let role = role_with_scorecard(&recruiter).await;
        let ana = candidate(&recruiter, "Ana Petrovic").await;
        let id = application(&recruiter, &role, &ana).await;
        let path = format!("/api/v1/applications/{id}/offer");

        let (status, _) = recruiter.get(&path).await;
        assert_eq!(status, 404, "no offer yet");
        let (status, made) = recruiter.post(&path, &offer(60_000, false)).await;
        assert_eq!(status, 201, "{made}");
        assert_eq!(made["status"], "draft");
        assert_eq!(made["version"], 1);
        assert_eq!(made["missing"].as_array().unwrap().len(), 5);
        assert_eq!(made["next"], json!(["approved", "withdrawn"]));
        // A senior in Eastern Europe at 60,000 USD a year is below StepTo's band.
        assert_eq!(made["market_comparison"]["verdict"], "below", "{made}");

        // Bad input names the field.
        let mut bad = offer(60_000, false);
        bad["engagement"] = json!("forever");
        bad["compensation"]["bonus_percent"] = json!(500);
        let (status, body) = recruiter.post(&path, &bad).await;
        assert_eq!(status, 422, "{body}");
        assert_eq!(fields(&body), ["compensation.bonus_percent", "engagement"]);

        // Approving: not for recruiters, and not with the checklist open.
        let transition = format!("{path}/transition");
        let (status, body) = recruiter
            .post(&transition, &json!({"to": "approved"}))
            .await;
        assert_eq!(status, 403, "{body}");
        let (status, body) = manager.post(&transition, &json!({"to": "approved"})).await;
        assert_eq!(status, 422, "{body}");
        assert!(fields(&body).contains(&"checklist.on_call_pay"), "{body}");
        assert!(!fields(&body).contains(&"checklist.ownership"), "{body}");

        let (status, edited) = put(&recruiter, &path, &offer(150_000, true)).await;
        assert_eq!(status, 200, "{edited}");
        assert_eq!(
            (
                edited["version"].as_i64(),
                edited["missing"].as_array().unwrap().len()
            ),
            (Some(2), 0)
        );
        let (status, body) = manager
            .post(
                &transition,
                &json!({"to": "approved", "note": "within budget", "version": 1}),
            )
            .await;
        assert_eq!(status, 409, "a stale version is refused: {body}");
        let (status, approved) = manager
            .post(
                &transition,
                &json!({"to": "approved", "note": "within budget", "version": 2}),
            )
            .await;
        assert_eq!(status, 200, "{approved}");
        assert_eq!(approved["status"], "approved");
        let (status, body) = recruiter
            .post(&transition, &json!({"to": "accepted"}))
            .await;
        assert_eq!(status, 409, "not sent yet: {body}");
        assert!(body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("'approved' to 'accepted'"));
        let (status, body) = recruiter.post(&transition, &json!({"to": "hired"})).await;
        assert_eq!((status, fields(&body)), (422, vec!["to"]), "{body}");
        for to in ["sent", "accepted"] {
            let (status, body) = recruiter.post(&transition, &json!({"to": to})).await;
            assert_eq!(status, 200, "{body}");
            assert_eq!(body["status"], to);
        }
        let (_, application) = recruiter.get(&format!("/api/v1/applications/{id}")).await;
        assert_eq!(
            application["stage"], "offer",
            "accepting moves the application to offer"
        );

        let (status, versions) = recruiter.get(&format!("{path}/versions")).await;
        assert_eq!(status, 200);
        let seen: Vec<(i64, &str)> = versions
            .as_array()
            .unwrap()
            .iter()
            .map(|v| {
                (
                    v["version"].as_i64().unwrap(),
                    v["status"].as_str().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            seen,
            [
                (1, "draft"),
                (2, "draft"),
                (3, "approved"),
                (4, "sent"),
                (5, "accepted")
            ]
        );
        assert_eq!(
            versions[0]["offer"]["compensation"]["pay"]["amount"],
            60_000
        );
        assert_eq!(versions[2]["note"], "within budget");
        assert_eq!(versions[2]["actor_id"], manager.user.id.to_string());

        // Interviewers do not see offers: 404 unless assigned, 403 when assigned.
        let interviewer = app.api_as(UserRole::Interviewer).await;
        let (status, _) = interviewer.get(&path).await;
        assert_eq!(status, 404);
        let (status, _) = recruiter
            .post(
                &format!("/api/v1/applications/{id}/interviewers"),
                &json!({"user_id": interviewer.user.id}),
            )
            .await;
        assert_eq!(status, 204);
        let (status, body) = interviewer.get(&path).await;
        assert_eq!(status, 403, "{body}");
        let (status, _) = interviewer.get(&format!("{path}/versions")).await;
        assert_eq!(status, 403);
        app
    })
    .await;
}

#[tokio::test]
async fn an_offer_on_a_rejected_application_is_refused_with_the_reason() {
    on_each_backend(|app: TestApp| async move {
        let recruiter = app.api_as(UserRole::Recruiter).await;
        let role = role_with_scorecard(&recruiter).await;
        let ana = candidate(&recruiter, "Ana Petrovic").await;
        let id = application(&recruiter, &role, &ana).await;
        move_to(&recruiter, &id, "rejected", Some("skill gap in Kafka")).await;
        let (status, body) = recruiter
            .post(
                &format!("/api/v1/applications/{id}/offer"),
                &offer(150_000, true),
            )
            .await;
        assert_eq!(status, 409, "{body}");
        assert_eq!(
            body["error"]["message"],
            "the application is rejected; reopen it before making an offer"
        );
        let (status, _) = recruiter
            .get(&format!("/api/v1/applications/{id}/offer"))
            .await;
        assert_eq!(status, 404, "nothing was stored");
        app
    })
    .await;
}

fn match_ids(matches: &Value) -> Vec<&str> {
    matches["matches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["candidate_id"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn trial_convert_hires_and_replace_leaves_the_candidate_out_of_the_matches() {
    on_each_backend(|app: TestApp| async move {
        let recruiter = app.api_as(UserRole::Recruiter).await;
        let role = role_with_scorecard(&recruiter).await;
        let ana = candidate(&recruiter, "Ana Petrovic").await;
        let bora = candidate(&recruiter, "Bora Ilic").await;
        let ana_app = application(&recruiter, &role, &ana).await;
        let bora_app = application(&recruiter, &role, &bora).await;
        let matches = format!("/api/v1/roles/{role}/matches");
        // Being on the role does not take a candidate out of its matches.
        let (status, before) = recruiter.get(&matches).await;
        assert_eq!(status, 200, "{before}");
        assert!(match_ids(&before).contains(&ana.as_str()), "{before}");
        assert!(match_ids(&before).contains(&bora.as_str()));

        let trial = format!("/api/v1/applications/{ana_app}/trial");
        let (status, body) = recruiter.post(&trial, &json!({"start": "2030-01-07", "days": 15, "goals": ["x"]})).await;
        assert_eq!((status, fields(&body)), (422, vec!["days"]), "{body}");
        let (status, body) = recruiter.post(&trial, &json!({"start": "2030-01-07", "goals": [" "]})).await;
        assert_eq!((status, fields(&body)), (422, vec!["goals"]), "{body}");
        let goals = json!({"start": "2030-01-07", "goals": ["Ship the refunds endpoint through the real release path"]});
        let (status, started) = recruiter.post(&trial, &goals).await;
        assert_eq!(status, 201, "{started}");
        assert_eq!(started["trial"]["end"], "2030-01-20", "14 days by default");
        let (status, _) = recruiter.post(&trial, &goals).await;
        assert_eq!(status, 409, "one trial per application");

        let outcome = format!("{trial}/outcome");
        let (status, body) = recruiter.post(&outcome, &json!({"outcome": "maybe"})).await;
        assert_eq!((status, fields(&body)), (422, vec!["outcome"]), "{body}");
        let (status, replaced) = recruiter
            .post(&outcome, &json!({"outcome": "replace", "note": "reviews took days"}))
            .await;
        assert_eq!(status, 200, "{replaced}");
        assert_eq!(replaced["trial"]["trial"]["outcome"], "replace");
        assert_eq!(replaced["application"]["stage"], "rejected");
        assert_eq!(
            replaced["application"]["stage_reason"],
            "Trial: Replace with another candidate. reviews took days"
        );
        assert_eq!(replaced["matches"], matches.as_str());
        let (status, _) = recruiter.post(&outcome, &json!({"outcome": "convert"})).await;
        assert_eq!(status, 409, "an outcome is recorded once");

        let (_, after) = recruiter.get(&matches).await;
        assert!(!match_ids(&after).contains(&ana.as_str()), "{after}");
        assert!(match_ids(&after).contains(&bora.as_str()), "{after}");
        assert_eq!(after["total"].as_u64().unwrap() + 1, before["total"].as_u64().unwrap());

        let bora_trial = format!("/api/v1/applications/{bora_app}/trial");
        let (status, _) = recruiter.post(&bora_trial, &goals).await;
        assert_eq!(status, 201);
        let (status, converted) = recruiter
            .post(&format!("{bora_trial}/outcome"), &json!({"outcome": "convert"}))
            .await;
        assert_eq!(status, 200, "{converted}");
        assert_eq!(converted["application"]["stage"], "hired");
        assert_eq!(converted["matches"], Value::Null);
        let (_, history) = recruiter.get(&format!("/api/v1/applications/{bora_app}/history")).await;
        assert_eq!(history.as_array().unwrap().last().unwrap()["to_stage"], "hired");
        let (status, got) = recruiter.get(&bora_trial).await;
        assert_eq!((status, &got["trial"]["outcome"]), (200, &json!("convert")));
        app
    })
    .await;
}

#[tokio::test]
async fn an_onboarding_plan_comes_from_the_scorecard_and_keeps_ticks_and_the_rating() {
    on_each_backend(|app: TestApp| async move {
        let recruiter = app.api_as(UserRole::Recruiter).await;
        let role = role_with_scorecard(&recruiter).await;
        let ana = candidate(&recruiter, "Ana Petrovic").await;
        let id = application(&recruiter, &role, &ana).await;
        let path = format!("/api/v1/applications/{id}/onboarding");
        let start = json!({"start_date": "2030-02-04"});
        let (status, body) = recruiter.post(&path, &start).await;
        assert_eq!(status, 409, "not a hire yet: {body}");
        move_to(&recruiter, &id, "hired", None).await;

        let (status, plan) = recruiter.post(&path, &start).await;
        assert_eq!(status, 201, "{plan}");
        let tasks = plan["tasks"].as_array().unwrap();
        assert_eq!(plan["total"].as_u64().unwrap() as usize, tasks.len());
        assert_eq!(plan["done"], 0);
        assert_eq!(plan["missing_scope"], false);
        for phase in [30, 60, 90] {
            assert!(tasks.iter().any(|t| t["phase"] == phase), "{phase}");
        }
        assert!(tasks
            .iter()
            .any(|t| t["text"].as_str().unwrap().contains("ledger service")));
        assert_eq!(
            tasks[0]["due_date"], "2030-02-04",
            "day 1 is the start date"
        );
        let (status, _) = recruiter.post(&path, &start).await;
        assert_eq!(status, 409, "one plan per application");

        // Anyone who sees the application ticks tasks: an assigned interviewer too.
        let interviewer = app.api_as(UserRole::Interviewer).await;
        let first = tasks[0]["id"].as_str().unwrap();
        let tick = format!("{path}/tasks/{first}");
        let (status, _) = interviewer.post(&tick, &json!({"done": true})).await;
        assert_eq!(status, 404, "not assigned: the application is invisible");
        recruiter
            .post(
                &format!("/api/v1/applications/{id}/interviewers"),
                &json!({"user_id": interviewer.user.id}),
            )
            .await;
        let (status, ticked) = interviewer.post(&tick, &json!({"done": true})).await;
        assert_eq!(status, 200, "{ticked}");
        assert_eq!(ticked["done"], 1);
        assert_eq!(ticked["tasks"][0]["done"], true);
        assert_eq!(
            ticked["tasks"][0]["done_by"],
            interviewer.user.id.to_string()
        );
        let (_, reread) = recruiter.get(&path).await;
        assert_eq!(reread["done"], 1, "the tick persists");
        let (status, body) = recruiter
            .post(&format!("{path}/tasks/not-a-task"), &json!({"done": true}))
            .await;
        assert_eq!(status, 400, "{body}");
        let unknown = uuid::Uuid::now_v7();
        let (status, _) = recruiter
            .post(&format!("{path}/tasks/{unknown}"), &json!({"done": true}))
            .await;
        assert_eq!(status, 404);

        let quality = format!("{path}/quality");
        let (status, body) = interviewer.post(&quality, &json!({"rating": 3})).await;
        assert_eq!(status, 403, "{body}");
        let (status, body) = recruiter.post(&quality, &json!({"rating": 5})).await;
        assert_eq!((status, fields(&body)), (422, vec!["rating"]), "{body}");
        let (status, rated) = recruiter
            .post(
                &quality,
                &json!({"rating": 3, "note": "owns the ledger service"}),
            )
            .await;
        assert_eq!(status, 200, "{rated}");
        assert_eq!(rated["quality"]["rating"], 3);
        assert_eq!(rated["quality"]["note"], "owns the ledger service");
        app
    })
    .await;
}
