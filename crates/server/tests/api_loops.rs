//! The interview loop through the API: the shipped competencies and templates, a role's loop with
//! its coverage gaps, and copying a template into a role, on every backend.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use common::{new_role, on_each_backend, role_with_scorecard, TestApp};
use hireloop_core::user::UserRole;
use serde_json::{json, Value};

fn kinds(stages: &Value) -> Vec<String> {
    stages
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["type"].as_str().unwrap().to_string())
        .collect()
}

fn gap_skills(gaps: &Value, kind: &str) -> Vec<String> {
    let key = if kind == "must_have" {
        "skill"
    } else {
        "competency"
    };
    gaps.as_array()
        .unwrap()
        .iter()
        .filter(|g| g["kind"] == kind)
        .map(|g| g[key].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn competencies_carry_four_anchors_and_five_questions_and_templates_grow_with_level() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Interviewer).await;
        let (status, kits) = api.get("/api/v1/competencies").await;
        assert_eq!(status, 200, "{kits}");
        let kits = kits.as_array().unwrap();
        assert_eq!(kits.len(), 8);
        for kit in kits {
            assert_eq!(kit["rubric"].as_array().unwrap().len(), 4, "{kit}");
            assert!(kit["questions"].as_array().unwrap().len() >= 5, "{kit}");
        }
        let (status, templates) = api.get("/api/v1/loop-templates").await;
        assert_eq!(status, 200, "{templates}");
        let levels: Vec<&str> = templates
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["level"].as_str().unwrap())
            .collect();
        assert_eq!(levels, ["junior", "mid", "senior", "staff"]);
        let stages = |i: usize| templates[i]["stages"].as_array().unwrap().len();
        assert!(
            stages(0) < stages(1) && stages(1) < stages(2),
            "{templates}"
        );
        app
    })
    .await;
}

#[tokio::test]
async fn a_roles_loop_shows_its_gaps_and_a_template_replaces_it() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        let role = role_with_scorecard(&api).await;
        let (status, before) = api.get(&format!("/api/v1/roles/{role}/loop")).await;
        assert_eq!(status, 200, "{before}");
        assert_eq!(
            kinds(&before["stages"]),
            ["screening", "take_home", "system_design", "behavioural"]
        );
        // The example's stages list every must-have by name.
        assert!(
            gap_skills(&before["gaps"], "must_have").is_empty(),
            "{before}"
        );

        let (status, after) = api
            .post(
                &format!("/api/v1/roles/{role}/loop/from-template"),
                &json!({}),
            )
            .await;
        assert_eq!(status, 200, "{after}");
        let (_, templates) = api.get("/api/v1/loop-templates").await;
        let senior = templates
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["level"] == "senior")
            .unwrap();
        assert_eq!(kinds(&after["stages"]), kinds(&senior["stages"]));
        // The template assesses every competency, but names none of the role's skills: those
        // must-haves are now the gaps the role fills in its own copy.
        assert!(
            gap_skills(&after["gaps"], "competency").is_empty(),
            "{after}"
        );
        assert!(gap_skills(&after["gaps"], "must_have").contains(&"Kafka".to_string()));

        // Stored: the scorecard itself now carries the template's stages.
        let (_, card) = api.get(&format!("/api/v1/roles/{role}/scorecard")).await;
        assert_eq!(kinds(&card["loop"]), kinds(&senior["stages"]));
        app
    })
    .await;
}

#[tokio::test]
async fn copying_a_template_needs_a_scorecard_a_known_level_and_the_right_to_edit() {
    on_each_backend(|app: TestApp| async move {
        let recruiter = app.api_as(UserRole::Recruiter).await;
        let bare = new_role(&recruiter).await;
        let (status, body) = recruiter
            .post(
                &format!("/api/v1/roles/{bare}/loop/from-template"),
                &json!({}),
            )
            .await;
        assert_eq!(status, 404, "{body}");

        let role = role_with_scorecard(&recruiter).await;
        let (status, body) = recruiter
            .post(
                &format!("/api/v1/roles/{role}/loop/from-template"),
                &json!({"level": "principal"}),
            )
            .await;
        assert_eq!(status, 422, "{body}");
        assert_eq!(
            body["error"]["details"]["fields"][0]["field"], "level",
            "{body}"
        );

        let interviewer = app.api_as(UserRole::Interviewer).await;
        let (status, body) = interviewer
            .post(
                &format!("/api/v1/roles/{role}/loop/from-template"),
                &json!({"level": "mid"}),
            )
            .await;
        assert_eq!(status, 403, "{body}");
        // Nothing changed by the refused calls.
        let (_, card) = recruiter
            .get(&format!("/api/v1/roles/{role}/scorecard"))
            .await;
        assert_eq!(card["loop"].as_array().unwrap().len(), 4);
        app
    })
    .await;
}
