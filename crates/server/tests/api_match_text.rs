//! Free text in a role's ranking (`GET /api/v1/roles/{id}/matches?q=`): only the candidates whose
//! profile or resume matches, with a `text` component in the breakdown, on every backend.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use common::{on_each_backend, role_with_scorecard, Api, TestApp};
use hireloop_core::user::UserRole;
use serde_json::{json, Value};

const FULL_STACK: [&str; 5] = ["Golang", "Postgres", "REST API", "Kafka", "System design"];

/// A candidate who meets the role's scorecard, with the given industries and tags.
async fn candidate(api: &Api, name: &str, industries: &[&str], tags: &[&str]) -> String {
    let email = format!("{}@example.com", name.to_lowercase().replace(' ', "."));
    let details: Vec<Value> = FULL_STACK
        .iter()
        .map(|s| json!({"skill": s, "years": 5}))
        .collect();
    let (status, body) = api
        .post(
            "/api/v1/candidates",
            &json!({"name": name, "email": email, "region": "eastern_europe",
                    "skills": FULL_STACK, "skill_details": details,
                    "industries": industries, "tags": tags,
                    "expected_rate": {"amount": 80, "period": "hour"}}),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    body["id"].as_str().unwrap().to_string()
}

fn ids(body: &Value) -> Vec<&str> {
    body["matches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["candidate_id"].as_str().unwrap())
        .collect()
}

fn text_component(m: &Value) -> Option<&Value> {
    m["breakdown"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["component"] == "text")
}

#[tokio::test]
async fn free_text_narrows_the_ranking_and_scores_as_a_component() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        let role = role_with_scorecard(&api).await;
        let path = format!("/api/v1/roles/{role}/matches");
        let ana = candidate(&api, "Ana Petrović", &["payments"], &["ledger"]).await;
        let bora = candidate(&api, "Bora Ilić", &["logistics"], &[]).await;

        let (status, all) = api.get(&path).await;
        assert_eq!(status, 200, "{all}");
        assert_eq!(all["total"], 2, "{all:#}");
        // Without text there is no text component.
        assert!(text_component(&all["matches"][0]).is_none());

        // Only Ana's profile has the ledger tag: she is alone, with the text in her breakdown.
        let (status, body) = api.get(&format!("{path}?q=ledger")).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(ids(&body), [ana.as_str()], "{body:#}");
        assert_eq!(body["total"], 1);
        let top = &body["matches"][0];
        let text = text_component(top).unwrap();
        assert_eq!(text["value"], 1.0);
        assert!(text["points"].as_f64().unwrap() > 0.0);
        assert!(
            top["reasons"]
                .as_array()
                .unwrap()
                .iter()
                .any(|r| r == "Matches the text 'ledger' (relevance 1.00)"),
            "{top:#}"
        );

        let (_, logistics) = api.get(&format!("{path}?q=logistics")).await;
        assert_eq!(ids(&logistics), [bora.as_str()]);

        // A blank text is no text.
        let (_, blank) = api.get(&format!("{path}?q=%20")).await;
        assert_eq!(blank["total"], 2);

        let (status, none) = api.get(&format!("{path}?q=cobol")).await;
        assert_eq!(status, 200, "{none}");
        assert_eq!(none["total"], 0);
        assert_eq!(
            none["empty_reason"], "no candidate matches the text 'cobol'",
            "{none}"
        );

        for bad in ["%28kafka", "colour:red"] {
            let (status, err) = api.get(&format!("{path}?q={bad}")).await;
            assert_eq!(status, 422, "{bad}: {err}");
            let details = &err["error"]["details"];
            let field = details["fields"][0]["field"]
                .as_str()
                .or(details["field"].as_str());
            assert_eq!(field, Some("q"), "{bad}: {err}");
        }
        // Unreadable text is the user's to fix even when the filters leave nobody (no one here
        // is vetted), though the text is then never searched.
        let (status, nobody) = api.get(&format!("{path}?vetted_only=true")).await;
        assert_eq!(
            (status, nobody["total"].as_u64()),
            (200, Some(0)),
            "{nobody}"
        );
        let (status, err) = api
            .get(&format!("{path}?vetted_only=true&q=%28kafka"))
            .await;
        assert_eq!(status, 422, "{err}");
        app
    })
    .await;
}
