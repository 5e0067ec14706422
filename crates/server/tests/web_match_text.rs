//! The matches page's text box: free text narrows the ranking, the text stays in the box and the
//! pager, and a text the search cannot read is shown beside the box, on every backend.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use common::{on_each_backend, role_with_scorecard, Api, TestApp};
use hireloop_core::user::UserRole;
use serde_json::{json, Value};

const FULL_STACK: [&str; 5] = ["Golang", "Postgres", "REST API", "Kafka", "System design"];

async fn candidate(api: &Api, name: &str, tags: &[&str]) -> String {
    let email = format!("{}@example.com", name.to_lowercase().replace(' ', "."));
    let details: Vec<Value> = FULL_STACK
        .iter()
        .map(|s| json!({"skill": s, "years": 5}))
        .collect();
    let (status, body) = api
        .post(
            "/api/v1/candidates",
            &json!({"name": name, "email": email, "region": "eastern_europe",
                    "skills": FULL_STACK, "skill_details": details, "tags": tags,
                    "expected_rate": {"amount": 80, "period": "hour"}}),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    body["id"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn the_text_box_narrows_the_matches_page() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        let role = role_with_scorecard(&api).await;
        let ana = candidate(&api, "Ana Petrovic", &["ledger"]).await;
        let bora = candidate(&api, "Bora Ilic", &[]).await;
        let browser = app.browser_as(UserRole::Recruiter).await;
        let path = format!("/roles/{role}/matches");

        let (status, html) = browser.get(&path).await;
        assert_eq!(status, 200);
        assert!(html.contains(r#"name="q""#), "{html}");
        assert!(html.contains(&format!("match-{ana}")) && html.contains(&format!("match-{bora}")));

        let (status, html) = browser.get(&format!("{path}?q=ledger")).await;
        assert_eq!(status, 200);
        assert!(html.contains(&format!("match-{ana}")), "{html}");
        assert!(!html.contains(&format!("match-{bora}")), "{html}");
        assert!(html.contains(r#"value="ledger""#), "{html}");
        assert!(html.contains("<dt>Text</dt>"), "{html}");
        assert!(html.contains("Matches the text"), "{html}");

        let (status, html) = browser.get(&format!("{path}?q=cobol")).await;
        assert_eq!(status, 200);
        assert!(html.contains("no candidate matches the text"), "{html}");

        let (status, html) = browser.get(&format!("{path}?q=%28kafka")).await;
        assert_eq!(status, 422);
        assert!(html.contains(r#"id="match-q-error""#), "{html}");
        assert!(html.contains("cannot read the query"), "{html}");
        app
    })
    .await;
}
