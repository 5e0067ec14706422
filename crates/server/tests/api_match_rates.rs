//! Candidates' expected rates are converted to USD with the exchange rates in effect (shipped plus
//! uploaded), and the matching index follows an admin's upload or deletion of a rates file.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use common::{on_each_backend, role_with_scorecard, Api, TestApp};
use hireloop_core::user::UserRole;
use serde_json::{json, Value};

const FULL_STACK: [&str; 8] = [
    "Golang",
    "Postgres",
    "REST API",
    "Kafka",
    "System design",
    "k8s",
    "Stripe",
    "tigerbeetle",
];

/// One euro buys two dollars: far from the shipped ECB rate (1.1155), so 80 EUR/h moves from
/// about 89 USD/h to 160 USD/h, above the role's 190,000 USD a year budget (about 91 USD/h).
const STRONG_EURO: &str = r#"
[[source]]
id = "test-strong-euro"
publisher = "Test"
title = "A made-up euro rate"
year = 2026

[[exchange_rates]]
source = "test-strong-euro"
date = "2026-11-01"
base = "EUR"
[exchange_rates.rates]
USD = 2.0
"#;

async fn put_file(api: &Api, name: &str, text: &str) -> (u16, Value) {
    let mut request = api
        .client
        .put(format!("{}/api/v1/market/files/{name}", api.base))
        .header("content-type", "application/toml")
        .body(text.to_string());
    if let Some(token) = &api.token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

/// The candidate's budget component in the role's matches, or None when the candidate is not
/// among them.
fn budget_of(matches: &Value, id: &str) -> Option<Value> {
    let hit = matches["matches"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["candidate_id"] == id)?;
    hit["breakdown"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["component"] == "budget")
        .cloned()
}

#[tokio::test]
async fn a_euro_rate_follows_the_exchange_rates_in_effect() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        let admin = app.api_as(UserRole::Admin).await;
        let role = role_with_scorecard(&api).await;
        let path = format!("/api/v1/roles/{role}/matches");
        let details: Vec<Value> = FULL_STACK
            .iter()
            .map(|s| json!({"skill": s, "years": 5}))
            .collect();
        let (status, body) = api
            .post(
                "/api/v1/candidates",
                &json!({"name": "Ana Petrović", "email": "ana@example.com",
                        "region": "eastern_europe", "skills": FULL_STACK,
                        "skill_details": details,
                        "expected_rate": {"amount": 80, "currency": "EUR", "period": "hour"}}),
            )
            .await;
        assert_eq!(status, 201, "{body}");
        let ana = body["id"].as_str().unwrap().to_string();

        let (status, shipped) = api.get(&path).await;
        assert_eq!(status, 200, "{shipped}");
        // About 89 USD/h at the ECB rate: within the budget, full budget points.
        let shipped_budget = budget_of(&shipped, &ana).expect("within budget at the ECB rate");
        assert_eq!(shipped_budget["value"], 1.0, "{shipped:#}");

        let (status, change) = put_file(&admin, "strong_euro.toml", STRONG_EURO).await;
        assert_eq!(status, 200, "{change}");
        let (status, strong) = api.get(&path).await;
        assert_eq!(status, 200, "{strong}");
        // 160 USD/h now: over the budget, so the budget filter leaves Ana out.
        assert_eq!(budget_of(&strong, &ana), None, "{strong:#}");
        assert_eq!(strong["total"], 0);
        assert!(
            strong["empty_reason"].as_str().unwrap().contains("budget"),
            "{strong:#}"
        );

        // Deleting the file puts the shipped rate back, and the candidate with it.
        let (status, body) = admin.delete("/api/v1/market/files/strong_euro.toml").await;
        assert_eq!(status, 200, "{body}");
        let (_, restored) = api.get(&path).await;
        assert_eq!(budget_of(&restored, &ana), Some(shipped_budget));
        app
    })
    .await;
}
