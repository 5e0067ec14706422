//! Interviews, feedback and the debrief through the JSON API, on each backend: scheduling with the
//! role's competencies, the kit, the panel-only and submit-once rules, and independent submission.
#![allow(clippy::unwrap_used)]

mod common;

use common::{on_each_backend, role_with_scorecard, Api, TestApp};
use hireloop_core::user::UserRole;
use serde_json::{json, Value};

/// A PUT or PATCH with a JSON body, as the shared client has no helper for them.
async fn send(api: &Api, method: reqwest::Method, path: &str, body: &Value) -> (u16, Value) {
    let request = api
        .client
        .request(method, format!("{}{path}", api.base))
        .json(body);
    let response = api.with_auth(request).send().await.unwrap();
    let status = response.status().as_u16();
    let text = response.text().await.unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

async fn patch(api: &Api, path: &str, body: Value) -> (u16, Value) {
    send(api, reqwest::Method::PATCH, path, &body).await
}

async fn put(api: &Api, path: &str, body: Value) -> (u16, Value) {
    send(api, reqwest::Method::PUT, path, &body).await
}

fn field_of(body: &Value) -> String {
    body["error"]["details"]["fields"][0]["field"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

/// A recruiter, an application on the senior Go role (its scorecard has a system_design stage
/// assessing "System design", "Kafka" and "security"), and its id.
async fn application(app: &TestApp) -> (Api, String) {
    let recruiter = app.api_as(UserRole::Recruiter).await;
    let role = role_with_scorecard(&recruiter).await;
    let (status, candidate) = recruiter
        .post(
            "/api/v1/candidates",
            &json!({"name": "Mira Novak", "email": "mira@example.com", "skills": ["Go", "Kafka"]}),
        )
        .await;
    assert_eq!(status, 201, "{candidate}");
    let (status, application) = recruiter
        .post(
            "/api/v1/applications",
            &json!({"role_id": role, "candidate_id": candidate["id"]}),
        )
        .await;
    assert_eq!(status, 201, "{application}");
    let id = application["id"].as_str().unwrap().to_string();
    (recruiter, id)
}

fn in_days(days: i64) -> String {
    (chrono::Utc::now() + chrono::Duration::days(days)).to_rfc3339()
}

async fn schedule(recruiter: &Api, application: &str, panel: &[&Api]) -> Value {
    let ids: Vec<String> = panel.iter().map(|a| a.user.id.to_string()).collect();
    let (status, interview) = recruiter
        .post(
            &format!("/api/v1/applications/{application}/interviews"),
            &json!({"stage_kind": "system_design", "starts_at": in_days(2), "duration_minutes": 60,
                    "location": "https://meet.example.com/sd", "participants": ids}),
        )
        .await;
    assert_eq!(status, 201, "{interview}");
    interview
}

fn scorecard(design: Value, evidence: &str, submit: bool) -> Value {
    json!({
        "ratings": [
            {"competency": "system_design", "rating": design, "evidence": evidence},
            {"competency": "security", "rating": "no_evidence"}
        ],
        "summary": "Talked through the ledger's failure modes",
        "recommendation": "yes",
        "submit": submit
    })
}

#[tokio::test]
async fn scheduling_takes_the_roles_competencies_and_names_bad_participants() {
    on_each_backend(|app| async move {
        let (recruiter, application) = application(&app).await;
        let ana = app.api_as(UserRole::Interviewer).await;
        let path = format!("/api/v1/applications/{application}/interviews");
        // Not assigned yet: the application does not exist for Ana.
        assert_eq!(ana.get(&format!("/api/v1/applications/{application}")).await.0, 404);

        let interview = schedule(&recruiter, &application, &[&ana]).await;
        assert_eq!(interview["competencies"], json!(["security", "system_design"]));
        assert_eq!(interview["status"], "scheduled");
        assert_eq!(interview["participants"][0]["user_id"], ana.user.id.to_string());
        assert_eq!(interview["created_by"], recruiter.user.id.to_string());
        // Scheduling assigned Ana: she now sees the application and the interview.
        assert_eq!(ana.get(&format!("/api/v1/applications/{application}")).await.0, 200);
        let (status, listed) = ana.get(&path).await;
        assert_eq!(status, 200);
        assert_eq!(listed.as_array().unwrap().len(), 1);

        // A stage the role's loop lacks takes the shipped senior template's stage.
        let (status, pairing) = recruiter
            .post(
                &path,
                &json!({"stage_kind": "pair_programming", "starts_at": in_days(3), "duration_minutes": 60,
                        "participants": [ana.user.id]}),
            )
            .await;
        assert_eq!(status, 201, "{pairing}");
        assert!(!pairing["competencies"].as_array().unwrap().is_empty());

        let (status, err) = recruiter
            .post(
                &path,
                &json!({"stage_kind": "system_design", "starts_at": in_days(2), "duration_minutes": 60,
                        "participants": [ana.user.id, uuid::Uuid::now_v7()]}),
            )
            .await;
        assert_eq!(status, 422, "{err}");
        assert_eq!(field_of(&err), "participants[1]");
        assert_eq!(err["error"]["details"]["fields"][0]["message"], "no such user");

        let (status, err) = recruiter
            .post(
                &path,
                &json!({"stage_kind": "system_design", "starts_at": "next tuesday", "duration_minutes": 600,
                        "participants": [ana.user.id]}),
            )
            .await;
        assert_eq!(status, 422);
        let fields: Vec<&str> = err["error"]["details"]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["field"].as_str().unwrap())
            .collect();
        assert_eq!(fields, vec!["starts_at", "duration_minutes"]);

        // Interviewers do not schedule, even on an application they see.
        let body = json!({"stage_kind": "screening", "starts_at": in_days(1), "duration_minutes": 30,
                          "participants": [ana.user.id]});
        assert_eq!(ana.post(&path, &body).await.0, 403);
        assert_eq!(recruiter.get("/api/v1/applications/not-an-id/interviews").await.0, 400);
        app
    })
    .await;
}

#[tokio::test]
async fn the_kit_reschedule_cancel_and_my_interviews() {
    on_each_backend(|app| async move {
        let (recruiter, application) = application(&app).await;
        let ana = app.api_as(UserRole::Interviewer).await;
        let outsider = app.api_as(UserRole::Interviewer).await;
        let interview = schedule(&recruiter, &application, &[&ana]).await;
        let id = interview["id"].as_str().unwrap();

        let (status, kit) = ana.get(&format!("/api/v1/interviews/{id}/kit")).await;
        assert_eq!(status, 200, "{kit}");
        assert_eq!(kit["stage"]["kind"], "system_design");
        assert!(!kit["stage"]["purpose"].as_str().unwrap().is_empty());
        assert_eq!(kit["candidate"]["name"], "Mira Novak");
        assert!(
            kit["candidate"].get("email").is_none(),
            "the kit carries no contact details"
        );
        let competencies = kit["competencies"].as_array().unwrap();
        assert_eq!(competencies.len(), 2);
        for c in competencies {
            assert_eq!(c["rubric"].as_array().unwrap().len(), 4);
            assert!(c["questions"].as_array().unwrap().len() >= 5);
            assert!(!c["questions"][0]["red_flags"]
                .as_array()
                .unwrap()
                .is_empty());
        }
        assert_eq!(
            outsider
                .get(&format!("/api/v1/interviews/{id}/kit"))
                .await
                .0,
            404
        );
        assert_eq!(
            outsider.get(&format!("/api/v1/interviews/{id}")).await.0,
            404
        );

        let (status, mine) = ana.get("/api/v1/me/interviews").await;
        assert_eq!(status, 200);
        assert_eq!(mine[0]["interview"]["id"], id);
        assert_eq!(mine[0]["candidate_name"], "Mira Novak");
        assert_eq!(outsider.get("/api/v1/me/interviews").await.1, json!([]));

        let path = format!("/api/v1/interviews/{id}");
        let (status, moved) = send(
            &recruiter,
            reqwest::Method::PATCH,
            &path,
            &json!({"starts_at": "2030-01-07T10:00:00Z", "duration_minutes": 90}),
        )
        .await;
        assert_eq!(status, 200, "{moved}");
        assert_eq!(moved["ends_at"], "2030-01-07T11:30:00Z");
        assert_eq!(
            send(
                &ana,
                reqwest::Method::PATCH,
                &path,
                &json!({"status": "cancelled"})
            )
            .await
            .0,
            403
        );
        assert_eq!(
            field_of(&patch(&recruiter, &path, json!({"status": "done"})).await.1),
            "status"
        );
        let (status, cancelled) = patch(&recruiter, &path, json!({"status": "cancelled"})).await;
        assert_eq!(
            (status, cancelled["status"].as_str()),
            (200, Some("cancelled"))
        );
        assert_eq!(
            patch(&recruiter, &path, json!({"duration_minutes": 30}))
                .await
                .0,
            409
        );
        assert_eq!(ana.get("/api/v1/me/interviews").await.1, json!([]));
        app
    })
    .await;
}

#[tokio::test]
async fn only_the_panel_writes_feedback_within_the_rubric_and_only_once() {
    on_each_backend(|app| async move {
        let (recruiter, application) = application(&app).await;
        let ana = app.api_as(UserRole::Interviewer).await;
        let bo = app.api_as(UserRole::Interviewer).await;
        let first = schedule(&recruiter, &application, &[&ana]).await;
        // Bo is on another interview of the application: he sees it, but not Ana's panel.
        schedule(&recruiter, &application, &[&bo]).await;
        let path = format!("/api/v1/interviews/{}/feedback", first["id"].as_str().unwrap());

        let (status, err) = put(&bo, &path, scorecard(json!(3), "x", false)).await;
        assert_eq!(status, 403);
        assert_eq!(err["error"]["message"], "you are not on this interview's panel");
        assert_eq!(put(&recruiter, &path, scorecard(json!(3), "x", true)).await.0, 403);
        assert_eq!(bo.get(&path).await.0, 403);

        let (status, err) = put(&ana, &path, scorecard(json!(5), "great", true)).await;
        assert_eq!(status, 422, "{err}");
        assert_eq!(field_of(&err), "ratings.system_design");
        assert!(err["error"]["details"]["fields"][0]["message"].as_str().unwrap().contains("outside the rubric"));

        // A draft may leave a competency unrated; a submission may not.
        let partial = json!({"ratings": [{"competency": "system_design", "rating": 2, "evidence": "draft"}],
                             "recommendation": "no"});
        let (status, draft) = put(&ana, &path, partial.clone()).await;
        assert_eq!(status, 200, "{draft}");
        assert!(draft["submitted_at"].is_null());
        let mut partial_submit = partial;
        partial_submit["submit"] = json!(true);
        let (status, err) = put(&ana, &path, partial_submit).await;
        assert_eq!(status, 422);
        assert_eq!(field_of(&err), "ratings.security");

        let (status, submitted) = put(&ana, &path, scorecard(json!(4), "sharded the ledger by account", true)).await;
        assert_eq!(status, 200, "{submitted}");
        assert!(submitted["submitted_at"].is_string());
        assert_eq!(submitted["feedback"]["ratings"]["system_design"]["rating"], json!({"level": 4}));
        let (status, err) = put(&ana, &path, scorecard(json!(1), "changed my mind", true)).await;
        assert_eq!(status, 409);
        assert!(err["error"]["message"].as_str().unwrap().contains("already submitted"));
        let (status, own) = ana.get(&path).await;
        assert_eq!(status, 200);
        assert_eq!(own["feedback"]["ratings"]["system_design"]["evidence"], "sharded the ledger by account");
        app
    })
    .await;
}

#[tokio::test]
async fn an_interviewer_sees_others_feedback_only_after_submitting_their_own() {
    on_each_backend(|app| async move {
        let (recruiter, application) = application(&app).await;
        let ana = app.api_as(UserRole::Interviewer).await;
        let bo = app.api_as(UserRole::Interviewer).await;
        let interview = schedule(&recruiter, &application, &[&ana, &bo]).await;
        let put_path = format!(
            "/api/v1/interviews/{}/feedback",
            interview["id"].as_str().unwrap()
        );
        let feedback_path = format!("/api/v1/applications/{application}/feedback");
        let debrief_path = format!("/api/v1/applications/{application}/debrief");
        const ANA_EVIDENCE: &str = "ANA-EVIDENCE: idempotency keys on every refund";

        let (status, _) = send(
            &ana,
            reqwest::Method::PUT,
            &put_path,
            &scorecard(json!(4), ANA_EVIDENCE, true),
        )
        .await;
        assert_eq!(status, 200);
        send(
            &bo,
            reqwest::Method::PUT,
            &put_path,
            &scorecard(json!(2), "bo's draft", false),
        )
        .await;

        // Bo has only a draft: Ana's submitted scorecard is hidden from him, in the list and the debrief.
        let (status, seen) = bo.get(&feedback_path).await;
        assert_eq!(status, 200);
        assert!(!seen.to_string().contains(ANA_EVIDENCE), "{seen}");
        assert_eq!(seen["hidden"], 1);
        assert_eq!(seen["submitted_own"], false);
        assert!(seen["explanation"]
            .as_str()
            .unwrap()
            .starts_with("1 scorecard hidden until you submit yours"));
        assert_eq!(
            seen["items"].as_array().unwrap().len(),
            1,
            "only his own draft"
        );
        let (_, debrief) = bo.get(&debrief_path).await;
        assert_eq!(
            (debrief["scorecards"].as_u64(), debrief["hidden"].as_u64()),
            (Some(0), Some(1))
        );
        assert!(debrief["debrief"]["rows"].as_array().unwrap().is_empty());

        // Ana submitted: she sees her own, never Bo's draft.
        let (_, seen) = ana.get(&feedback_path).await;
        assert_eq!(seen["items"].as_array().unwrap().len(), 1);
        assert!(!seen.to_string().contains("bo's draft"));
        assert_eq!(seen["hidden"], 0);

        // The recruiter runs the process and is off the panel: reads submitted feedback, no drafts.
        let (_, seen) = recruiter.get(&feedback_path).await;
        assert!(seen.to_string().contains(ANA_EVIDENCE));
        assert!(!seen.to_string().contains("bo's draft"));

        // Bo submits: now he sees Ana's, and the debrief puts them side by side with the spread flagged.
        let (status, _) = send(
            &bo,
            reqwest::Method::PUT,
            &put_path,
            &scorecard(json!(2), "bo's evidence", true),
        )
        .await;
        assert_eq!(status, 200);
        let (_, seen) = bo.get(&feedback_path).await;
        assert!(seen.to_string().contains(ANA_EVIDENCE));
        assert_eq!(seen["hidden"], 0);
        assert_eq!(seen["explanation"], "");
        let (status, debrief) = bo.get(&debrief_path).await;
        assert_eq!(status, 200, "{debrief}");
        assert_eq!(debrief["scorecards"], 2);
        let rows = debrief["debrief"]["rows"].as_array().unwrap();
        let design = rows
            .iter()
            .find(|r| r["competency"] == "system_design")
            .unwrap();
        assert_eq!(design["spread"], 2);
        assert_eq!(design["disagreement"], true);
        assert_eq!(design["ratings"].as_array().unwrap().len(), 2);
        let kafka = debrief["debrief"]["must_haves"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["skill"] == "Kafka")
            .unwrap()
            .clone();
        assert_eq!(kafka["assessed"], true);

        // An interviewer on no interview of the application does not see it at all.
        let outsider = app.api_as(UserRole::Interviewer).await;
        assert_eq!(outsider.get(&feedback_path).await.0, 404);
        assert_eq!(outsider.get(&debrief_path).await.0, 404);
        app
    })
    .await;
}

#[tokio::test]
async fn quality_of_hire_sets_the_interview_scores_beside_the_rating_and_follows_the_visibility_rule(
) {
    on_each_backend(|app| async move {
        let (recruiter, application) = application(&app).await;
        let ana = app.api_as(UserRole::Interviewer).await;
        let bo = app.api_as(UserRole::Interviewer).await;
        let interview = schedule(&recruiter, &application, &[&ana, &bo]).await;
        let feedback = format!(
            "/api/v1/interviews/{}/feedback",
            interview["id"].as_str().unwrap()
        );
        let (status, body) = put(
            &ana,
            &feedback,
            scorecard(json!(4), "split the ledger", true),
        )
        .await;
        assert_eq!(status, 200, "{body}");

        let path = format!("/api/v1/applications/{application}/quality-of-hire");
        // Bo has not submitted: Ana's scores are not his to read yet.
        let (status, seen_by_bo) = bo.get(&path).await;
        assert_eq!(status, 200, "{seen_by_bo}");
        assert_eq!(seen_by_bo["interviews"]["scorecards"], 0);

        let (status, body) = put(&bo, &feedback, scorecard(json!(2), "needed hints", true)).await;
        assert_eq!(status, 200, "{body}");
        let (status, view) = recruiter.get(&path).await;
        assert_eq!(status, 200, "{view}");
        assert_eq!(view["quality"], Value::Null);
        let scores = &view["interviews"];
        assert_eq!(scores["scorecards"], 2);
        assert_eq!(scores["overall_mean"], 3.0);
        let design = scores["competencies"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["competency"] == "system_design")
            .unwrap();
        assert_eq!(
            (design["mean"].as_f64(), design["rated"].as_u64()),
            (Some(3.0), Some(2))
        );
        let security = scores["competencies"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["competency"] == "security")
            .unwrap();
        assert_eq!(
            (security["mean"].clone(), security["no_evidence"].as_u64()),
            (Value::Null, Some(2))
        );
        assert_eq!(
            scores["recommendations"],
            json!([{"recommendation": "yes", "count": 2}])
        );
        app
    })
    .await;
}
