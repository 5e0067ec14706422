//! Score weights set per role (`[matching.weights]` in the scorecard): the matches API reports
//! the weights it ranked with and the ranking follows them, the text weight reaches a ranking with
//! `q`, the Matches page shows them with a link to the editor, and bad weights are refused with a
//! 422 naming `matching.weights.<name>`, on every backend.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use common::{csrf_from, new_role, on_each_backend, Api, TestApp, GO_PAYMENTS};
use hireloop_core::user::UserRole;
use serde_json::{json, Value};

/// Every skill of the example role, its nice-to-haves included.
const EVERYTHING: [&str; 7] = [
    "Golang",
    "Postgres",
    "REST API",
    "Kafka",
    "System design",
    "k8s",
    "Stripe",
];
/// Only the must-haves.
const MUST_HAVES: [&str; 5] = ["go", "postgresql", "rest", "kafka", "system design"];

const SKILLS_FIRST: &str = "\n[matching.weights]\nskills = 80\nlevel = 5\nbudget = 5\ntimezone = 5\navailability = 0\nvetting = 5\n";
const BUDGET_FIRST: &str = "\n[matching.weights]\nskills = 10\nlevel = 5\nbudget = 80\ntimezone = 5\navailability = 0\nvetting = 0\n";

/// A candidate stating 5 years per skill; `hourly_usd` None states no rate (the budget scores
/// an unknown rate half).
async fn candidate(
    api: &Api,
    name: &str,
    skills: &[&str],
    hourly_usd: Option<i64>,
    tags: &[&str],
) -> String {
    let email = format!("{}@example.com", name.to_lowercase().replace(' ', "."));
    let details: Vec<Value> = skills
        .iter()
        .map(|s| json!({"skill": s, "years": 5}))
        .collect();
    let mut body = json!({"name": name, "email": email, "region": "eastern_europe",
                          "skills": skills, "skill_details": details, "tags": tags});
    if let Some(amount) = hourly_usd {
        body["expected_rate"] = json!({"amount": amount, "period": "hour"});
    }
    let (status, body) = api.post("/api/v1/candidates", &body).await;
    assert_eq!(status, 201, "{body}");
    body["id"].as_str().unwrap().to_string()
}

async fn put_scorecard(api: &Api, role: &str, content_type: &str, body: String) -> (u16, Value) {
    let request = api
        .client
        .put(format!("{}/api/v1/roles/{role}/scorecard", api.base))
        .header("content-type", content_type)
        .body(body);
    let response = api.with_auth(request).send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

/// A new role whose scorecard is the example plus `weights`.
async fn role_with(api: &Api, weights: &str) -> String {
    let role = new_role(api).await;
    let (status, saved) = put_scorecard(
        api,
        &role,
        "application/toml",
        format!("{GO_PAYMENTS}{weights}"),
    )
    .await;
    assert_eq!(status, 200, "{saved}");
    role
}

fn ids(body: &Value) -> Vec<&str> {
    body["matches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["candidate_id"].as_str().unwrap())
        .collect()
}

fn close(value: &Value, want: f64) -> bool {
    value.as_f64().is_some_and(|v| (v - want).abs() < 0.01)
}

/// The `(field, message)` pairs of a 422.
fn fields(status: u16, body: &Value) -> Vec<(String, String)> {
    assert_eq!(status, 422, "{body}");
    body["error"]["details"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["field"].as_str().unwrap().to_string(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[tokio::test]
async fn a_role_s_weights_are_reported_and_reorder_its_ranking() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        // Ana has every skill but states no rate; Bora has the must-haves at 60 USD an hour,
        // well inside the budget (190,000 USD a year).
        let ana = candidate(&api, "Ana Petrović", &EVERYTHING, None, &["ledger"]).await;
        let bora = candidate(&api, "Bora Ilić", &MUST_HAVES, Some(60), &["ledger"]).await;

        let skills_first = role_with(&api, SKILLS_FIRST).await;
        let (status, body) = api
            .get(&format!("/api/v1/roles/{skills_first}/matches"))
            .await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(ids(&body), [ana.as_str(), bora.as_str()], "{body:#}");
        let weights = &body["weights"];
        assert_eq!(weights["source"], "role");
        assert!(close(&weights["skills"], 80.0), "{weights}");
        assert!(close(&weights["budget"], 5.0), "{weights}");
        assert!(weights["text"].is_null(), "no text without q: {weights}");
        assert!(
            close(&body["matches"][0]["breakdown"][0]["weight"], 0.8),
            "the engine scored with them: {body:#}"
        );
        let notes = body["notes"].as_array().unwrap();
        assert!(
            notes.iter().any(|n| n
                .as_str()
                .unwrap()
                .starts_with("Weights set by the role: skills 80%, level 5%, budget 5%")),
            "{notes:?}"
        );

        let budget_first = role_with(&api, BUDGET_FIRST).await;
        let (status, body) = api
            .get(&format!("/api/v1/roles/{budget_first}/matches"))
            .await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(ids(&body), [bora.as_str(), ana.as_str()], "{body:#}");
        assert!(close(&body["weights"]["budget"], 80.0), "{body:#}");

        // Without [matching.weights]: the defaults, said to be the defaults.
        let plain = role_with(&api, "").await;
        let (_, body) = api.get(&format!("/api/v1/roles/{plain}/matches")).await;
        assert_eq!(body["weights"]["source"], "default");
        assert!(close(&body["weights"]["skills"], 45.0), "{body:#}");
        assert!(!body["notes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n.as_str().unwrap().contains("Weights set by the role")));
        app
    })
    .await;
}

#[tokio::test]
async fn the_role_s_text_weight_scores_a_ranking_with_free_text() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        candidate(&api, "Ana Petrović", &EVERYTHING, Some(80), &["ledger"]).await;
        // Text 100 against the defaults' 100: half of the score.
        let role = role_with(&api, "\n[matching.weights]\ntext = 100\n").await;
        let (status, body) = api
            .get(&format!("/api/v1/roles/{role}/matches?q=ledger"))
            .await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["weights"]["source"], "role");
        assert!(close(&body["weights"]["text"], 50.0), "{body:#}");
        assert!(close(&body["weights"]["skills"], 22.5), "{body:#}");
        let text = body["matches"][0]["breakdown"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["component"] == "text")
            .unwrap()
            .clone();
        assert!(close(&text["weight"], 0.5), "{text}");

        // The default text weight (25 against 100) without the role's.
        let plain = role_with(&api, "").await;
        let (_, body) = api
            .get(&format!("/api/v1/roles/{plain}/matches?q=ledger"))
            .await;
        assert!(close(&body["weights"]["text"], 20.0), "{body:#}");
        assert_eq!(body["weights"]["source"], "default");
        app
    })
    .await;
}

#[tokio::test]
async fn bad_weights_are_refused_naming_the_weight() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        let role = new_role(&api).await;
        let toml =
            format!("{GO_PAYMENTS}\n[matching.weights]\nskills = -5\nbudget = 12.5\nskils = 3\n");
        let (status, body) = put_scorecard(&api, &role, "application/toml", toml).await;
        let got = fields(status, &body);
        let message = |field: &str| {
            got.iter()
                .find(|(f, _)| f == field)
                .unwrap_or_else(|| panic!("{field} not in {got:?}"))
                .1
                .clone()
        };
        assert!(message("matching.weights.skills").contains("-5 is negative"));
        assert!(message("matching.weights.budget").contains("not a whole number"));
        assert!(message("matching.weights.skils").contains("did you mean 'skills'?"));
        let (status, _) = api.get(&format!("/api/v1/roles/{role}/scorecard")).await;
        assert_eq!(status, 404, "nothing was stored");

        // The model as JSON goes through the same parser.
        let json = json!({"title": "Senior Go Engineer", "level": "senior",
                          "matching": {"weights": {"vetting": 101}}});
        let (status, body) = put_scorecard(&api, &role, "application/json", json.to_string()).await;
        let got = fields(status, &body);
        assert_eq!(got[0].0, "matching.weights.vetting", "{got:?}");
        assert!(got[0].1.contains("101 is above 100"), "{got:?}");

        // Good weights as JSON are stored and read back.
        let json = json!({"title": "Senior Go Engineer", "level": "senior",
                          "matching": {"weights": {"skills": 60, "text": 10}}});
        let (status, saved) =
            put_scorecard(&api, &role, "application/json", json.to_string()).await;
        assert_eq!(status, 200, "{saved}");
        assert!(saved["toml"]
            .as_str()
            .unwrap()
            .ends_with("[matching.weights]\nskills = 60\ntext = 10\n"));
        assert_eq!(saved["scorecard"]["matching"]["weights"]["skills"], 60);
        let codes: Vec<&str> = saved["lint"]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["code"].as_str().unwrap())
            .collect();
        assert!(codes.contains(&"HL029"), "{codes:?}");
        app
    })
    .await;
}

#[tokio::test]
async fn the_matches_page_shows_the_weights_and_where_to_change_them() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        candidate(&api, "Ana Petrović", &EVERYTHING, Some(80), &[]).await;
        let role = role_with(&api, SKILLS_FIRST).await;
        let recruiter = app.browser_for(api.user.clone()).await;
        let (status, html) = recruiter.get(&format!("/roles/{role}/matches")).await;
        assert_eq!(status, 200, "{html}");
        assert!(html.contains("Score weights"), "{html}");
        assert!(html.contains("Set by this role"), "{html}");
        assert!(html.contains("<dt>Skills</dt><dd>80%</dd>"), "{html}");
        assert!(
            html.contains(&format!("href=\"/roles/{role}/scorecard/edit\"")),
            "{html}"
        );

        // The editor refuses bad weights with the key path, and stores nothing.
        let editor = format!("/roles/{role}/scorecard/edit");
        let (_, form) = recruiter.get(&editor).await;
        let bad = format!("{GO_PAYMENTS}\n[matching.weights]\navailability = 300\n");
        let (status, html) = recruiter
            .post_form(&editor, &[("_csrf", &csrf_from(&form)), ("toml", &bad)])
            .await;
        assert_eq!(status, 422, "{html}");
        assert!(html.contains("matching.weights.availability"), "{html}");
        let (_, body) = api.get(&format!("/api/v1/roles/{role}/matches")).await;
        assert!(
            close(&body["weights"]["skills"], 80.0),
            "unchanged: {body:#}"
        );
        app
    })
    .await;
}

#[tokio::test]
async fn the_openapi_document_describes_the_weights() {
    on_each_backend(|app: TestApp| async move {
        let (status, document) = app.anonymous().get("/api/v1/openapi.json").await;
        assert_eq!(status, 200);
        let schemas = &document["components"]["schemas"];
        let used = &schemas["WeightsUsed"]["properties"];
        for key in ["source", "skills", "budget", "text"] {
            assert!(used.get(key).is_some(), "WeightsUsed.{key}: {used}");
        }
        assert!(
            schemas["RoleMatches"]["properties"]
                .get("weights")
                .is_some(),
            "{}",
            schemas["RoleMatches"]
        );
        let weights = &schemas["MatchingWeights"]["properties"];
        assert_eq!(weights["skills"]["maximum"], 100, "{weights}");
        assert!(schemas["Scorecard"]["properties"].get("matching").is_some());
        app
    })
    .await;
}
