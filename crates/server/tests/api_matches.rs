//! Matching through the JSON API: a role's scorecard ranks the talent pool with explanations, the
//! index follows candidates created through the API, names never move a score, shortlists become
//! applications with duplicates reported, on every backend.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use common::{new_role, on_each_backend, put_scorecard, role_with_scorecard, Api, TestApp};
use hireloop_core::candidate::CandidateInput;
use hireloop_core::user::UserRole;
use hireloop_match::Taxonomy;
use hireloop_server::matching::MatchingService;
use serde_json::{json, Value};
use std::sync::Arc;

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

/// Creates a candidate through the API, stating 5 years for every skill (the role's minimums are
/// enforced by default); returns its id.
async fn candidate(
    api: &Api,
    name: &str,
    skills: &[&str],
    region: &str,
    hourly_usd: i64,
) -> String {
    let email = format!("{}@example.com", name.to_lowercase().replace(' ', "."));
    let details: Vec<Value> = skills
        .iter()
        .map(|s| json!({"skill": s, "years": 5}))
        .collect();
    let (status, body) = api
        .post(
            "/api/v1/candidates",
            &json!({"name": name, "email": email, "region": region, "skills": skills,
                    "skill_details": details,
                    "expected_rate": {"amount": hourly_usd, "period": "hour"}}),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    body["id"].as_str().unwrap().to_string()
}

fn ids(matches: &Value) -> Vec<&str> {
    matches["matches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["candidate_id"].as_str().unwrap())
        .collect()
}

fn skill_ids<'a>(m: &'a Value, key: &str) -> Vec<&'a str> {
    m[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["skill"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn a_scorecard_ranks_the_pool_with_reasons_and_the_index_follows_new_candidates() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        let role = role_with_scorecard(&api).await;
        let path = format!("/api/v1/roles/{role}/matches");

        let ana = candidate(&api, "Ana Petrović", &FULL_STACK, "eastern_europe", 80).await;
        let bora = candidate(
            &api,
            "Bora Ilić",
            &["go", "postgresql", "rest", "kafka", "system design"],
            "eastern_europe",
            85,
        )
        .await;
        // No PostgreSQL: a must-have is missing.
        let chen = candidate(
            &api,
            "Chen Li",
            &["go", "rest", "kafka", "system design", "kubernetes"],
            "eastern_europe",
            70,
        )
        .await;
        // Everything but Go, the primary language.
        let dana = candidate(
            &api,
            "Dana Novak",
            &["python", "postgresql", "rest", "kafka", "system design"],
            "eastern_europe",
            70,
        )
        .await;
        // Everything, but 3.5 h of overlap with Warsaw where the role needs 4.
        let eve = candidate(&api, "Eve Rao", &FULL_STACK, "asia", 40).await;
        // Everything, but 150 USD/h is above the 190,000 USD a year budget (about 91 USD/h).
        let finn = candidate(&api, "Finn Weber", &FULL_STACK, "western_europe", 150).await;

        let (status, body) = api.get(&path).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(ids(&body), [ana.as_str(), bora.as_str()], "{body:#}");
        assert_eq!(body["total"], 2);
        for absent in [&chen, &dana, &eve, &finn] {
            assert!(!ids(&body).contains(&absent.as_str()));
        }

        let top = &body["matches"][0];
        assert_eq!(top["name"], "Ana Petrović");
        let matched = skill_ids(top, "matched_skills");
        for skill in [
            "go",
            "postgresql",
            "rest-api",
            "kafka",
            "system-design",
            "kubernetes",
            "payments",
        ] {
            assert!(matched.contains(&skill), "{skill} in {matched:?}");
        }
        assert!(skill_ids(top, "missing_skills").is_empty());
        assert_eq!(top["unrecognised_skills"], json!(["tigerbeetle"]));
        let second = &body["matches"][1];
        assert_eq!(
            skill_ids(second, "missing_skills"),
            ["kubernetes", "payments"]
        );
        assert!(top["score"].as_f64().unwrap() > second["score"].as_f64().unwrap());

        let points: f64 = top["breakdown"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["points"].as_f64().unwrap())
            .sum();
        assert!(
            (points - top["score"].as_f64().unwrap()).abs() < 0.01,
            "{top:#}"
        );
        let reasons = top["reasons"].as_array().unwrap();
        assert!(
            reasons
                .iter()
                .any(|r| r.as_str().unwrap().starts_with("Has every required skill")),
            "{reasons:?}"
        );
        assert!(
            reasons
                .iter()
                .any(|r| r.as_str().unwrap().contains("within the 91 USD/h budget")),
            "{reasons:?}"
        );
        assert!(
            reasons
                .iter()
                .any(|r| r.as_str().unwrap().starts_with("Shares 7.0 h")),
            "{reasons:?}"
        );
        let notes = body["notes"].to_string();
        assert!(
            notes.contains("Go needs 4 years: candidates who state fewer"),
            "{notes}"
        );

        // Created after start-up: in the very next ranking.
        let late = candidate(&api, "Gia Marin", &FULL_STACK, "eastern_europe", 60).await;
        let (_, body) = api.get(&path).await;
        assert_eq!(body["total"], 3);
        assert!(ids(&body).contains(&late.as_str()));

        // Pages and the vetted-only switch: nobody is vetted yet, and the reason says so.
        let (_, page) = api.get(&format!("{path}?limit=1&offset=1")).await;
        assert_eq!(ids(&page).len(), 1);
        assert_eq!(page["matches"][0], body["matches"][1]);
        let (status, vetted) = api.get(&format!("{path}?vetted_only=true")).await;
        assert_eq!(status, 200);
        assert_eq!(vetted["total"], 0);
        assert!(
            vetted["empty_reason"]
                .as_str()
                .unwrap()
                .to_lowercase()
                .contains("vet"),
            "{vetted}"
        );
        // Minimum years are enforced by default: a candidate stating no years for Go is left
        // out, and comes back when the caller turns enforcement off.
        let (status, no_years) = api
            .post(
                "/api/v1/candidates",
                &json!({"name": "Hana Yu", "email": "hana@example.com", "region": "eastern_europe",
                        "skills": FULL_STACK}),
            )
            .await;
        assert_eq!(status, 201, "{no_years}");
        let hana = no_years["id"].as_str().unwrap();
        let (_, strict) = api.get(&path).await;
        assert_eq!(strict["total"], 3);
        assert!(!ids(&strict).contains(&hana));
        let (_, lenient) = api.get(&format!("{path}?enforce_min_years=false")).await;
        assert_eq!(lenient["total"], 4);
        assert!(ids(&lenient).contains(&hana));
        assert!(lenient["notes"]
            .to_string()
            .contains("Go needs 4 years: not enforced"));
        let (status, bad) = api.get(&format!("{path}?limit=0")).await;
        assert_eq!(
            (status, bad["error"]["details"]["field"].as_str()),
            (400, Some("limit"))
        );
        app
    })
    .await;
}

#[tokio::test]
async fn a_name_never_changes_a_score_and_start_up_indexes_the_whole_pool() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::HiringManager).await;
        let role = role_with_scorecard(&api).await;
        let first = candidate(&api, "Ana Petrović", &FULL_STACK, "eastern_europe", 80).await;
        let twin = candidate(
            &api,
            "Zoltan Kovács-Nguyen",
            &FULL_STACK,
            "eastern_europe",
            80,
        )
        .await;
        let (_, body) = api.get(&format!("/api/v1/roles/{role}/matches")).await;
        let by_id = |id: &str| {
            body["matches"]
                .as_array()
                .unwrap()
                .iter()
                .find(|m| m["candidate_id"] == id)
                .unwrap()
                .clone()
        };
        let (a, b) = (by_id(&first), by_id(&twin));
        assert_ne!(a["name"], b["name"]);
        for key in [
            "score",
            "breakdown",
            "matched_skills",
            "missing_skills",
            "reasons",
        ] {
            assert_eq!(a[key], b[key], "{key}");
        }

        // A candidate written straight to the database is picked up by a fresh build.
        let input = CandidateInput {
            name: "Stored Directly".into(),
            email: "direct@example.com".into(),
            skills: vec!["go".into(), "mystery tag".into()],
            ..Default::default()
        };
        let stored = app
            .store
            .create_candidate(&input.parse().unwrap())
            .await
            .unwrap();
        let taxonomy = Arc::new(Taxonomy::shipped().unwrap());
        let built = MatchingService::build(&app.store, taxonomy).await.unwrap();
        assert_eq!(built.len(), 3);
        assert_eq!(built.upsert(&stored), ["mystery tag"]);
        assert_eq!(built.len(), 3);
        app
    })
    .await;
}

#[tokio::test]
async fn a_shortlist_creates_applications_and_reports_duplicates_per_candidate() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        let role = role_with_scorecard(&api).await;
        let ana = candidate(&api, "Ana Petrović", &FULL_STACK, "eastern_europe", 80).await;
        let bora = candidate(&api, "Bora Ilić", &FULL_STACK, "eastern_europe", 85).await;
        let nobody = uuid::Uuid::now_v7().to_string();
        let path = format!("/api/v1/roles/{role}/shortlist");

        let (status, body) = api
            .post(&path, &json!({"candidate_ids": [ana, bora, ana, nobody]}))
            .await;
        assert_eq!(status, 200, "{body}");
        let outcomes: Vec<&str> = body["outcomes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["outcome"].as_str().unwrap())
            .collect();
        assert_eq!(
            outcomes,
            ["created", "created", "already_on_role", "no_such_candidate"]
        );
        assert_eq!(body["created"], 2);
        assert_eq!(body["outcomes"][2]["candidate_id"], ana.as_str());

        let (_, again) = api.post(&path, &json!({"candidate_ids": [bora]})).await;
        assert_eq!(again["outcomes"][0]["outcome"], "already_on_role");
        assert_eq!(again["created"], 0);

        let (_, applications) = api
            .get(&format!("/api/v1/applications?role_id={role}"))
            .await;
        let items = applications["items"].as_array().unwrap();
        assert_eq!(items.len(), 2);
        assert!(items.iter().all(|a| a["stage"] == "sourced"));

        let (status, empty) = api.post(&path, &json!({"candidate_ids": []})).await;
        assert_eq!(status, 422, "{empty}");
        assert_eq!(
            empty["error"]["details"]["fields"][0]["field"], "candidate_ids",
            "{empty}"
        );
        app
    })
    .await;
}

#[tokio::test]
async fn no_scorecard_is_a_clear_conflict_and_interviewers_may_not_look() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Admin).await;
        let bare = new_role(&api).await;
        let (status, body) = api.get(&format!("/api/v1/roles/{bare}/matches")).await;
        assert_eq!(status, 409, "{body}");
        let message = body["error"]["message"].as_str().unwrap();
        assert!(message.contains("has no scorecard"), "{message}");
        assert!(
            message.contains(&format!("PUT /api/v1/roles/{bare}/scorecard")),
            "{message}"
        );

        let missing = uuid::Uuid::now_v7();
        let (status, _) = api.get(&format!("/api/v1/roles/{missing}/matches")).await;
        assert_eq!(status, 404);

        let role = role_with_scorecard(&api).await;
        let ana = candidate(&api, "Ana Petrović", &FULL_STACK, "eastern_europe", 80).await;
        let interviewer = app.api_as(UserRole::Interviewer).await;
        let (status, body) = interviewer
            .get(&format!("/api/v1/roles/{role}/matches"))
            .await;
        assert_eq!(status, 403, "{body}");
        let (status, _) = interviewer
            .post(
                &format!("/api/v1/roles/{role}/shortlist"),
                &json!({"candidate_ids": [ana]}),
            )
            .await;
        assert_eq!(status, 403);
        let (_, applications) = api
            .get(&format!("/api/v1/applications?role_id={role}"))
            .await;
        assert!(applications["items"].as_array().unwrap().is_empty());
        app
    })
    .await;
}

#[tokio::test]
async fn a_candidate_added_through_the_web_form_is_matched_at_once() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        let role = role_with_scorecard(&api).await;
        let browser = app.browser_as(UserRole::Recruiter).await;
        let (_, form) = browser.get("/candidates/new").await;
        let csrf = common::csrf_from(&form);
        // Years typed after a colon: Go's must meet the role's 4-year minimum.
        let skills = format!("Golang:6, {}", FULL_STACK[1..].join(", "));
        let (status, location) = browser
            .post_form(
                "/candidates",
                &[
                    ("_csrf", csrf.as_str()),
                    ("name", "Vesna Jović"),
                    ("email", "vesna@example.com"),
                    ("region", "eastern_europe"),
                    ("skills", skills.as_str()),
                    ("timezone", "Europe/Belgrade"),
                    ("stated_level", "senior"),
                    ("expected_rate.amount", "80"),
                    ("expected_rate.currency", "USD"),
                    ("expected_rate.period", "hour"),
                ],
            )
            .await;
        assert_eq!(status, 303, "{location}");
        let id = location.trim_start_matches("/candidates/").to_string();
        let (status, matches) = api.get(&format!("/api/v1/roles/{role}/matches")).await;
        assert_eq!(status, 200, "{matches}");
        assert!(ids(&matches).contains(&id.as_str()), "{matches}");
        app
    })
    .await;
}

/// A Go and PostgreSQL candidate with a rate in any currency and the engagements they state.
async fn priced(api: &Api, name: &str, rate: (i64, &str), engagement: &[&str]) -> String {
    let email = format!("{}@example.com", name.to_lowercase().replace(' ', "."));
    let (status, body) = api
        .post(
            "/api/v1/candidates",
            &json!({"name": name, "email": email, "region": "eastern_europe",
                    "skills": ["go", "postgresql"], "engagement": engagement,
                    "expected_rate": {"amount": rate.0, "currency": rate.1, "period": "hour"}}),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    body["id"].as_str().unwrap().to_string()
}

const EURO_CONTRACT: &str = "title = \"Go Contractor, Payments\"\nlevel = \"senior\"\n\
    primary_language = \"Go\"\nengagement = \"contractor\"\nheadcount = 1\n\
    [[must_have]]\nskill = \"PostgreSQL\"\n\
    [budget]\ncurrency = \"EUR\"\nperiod = \"hour\"\nmin = 60\nmax = 80\n";

#[tokio::test]
async fn a_euro_budget_is_converted_and_the_engagement_filter_keeps_unstated_profiles() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        let role = new_role(&api).await;
        put_scorecard(&api, &role, EURO_CONTRACT).await;
        // 80 EUR/h is 89 USD/h at the shipped ECB rate (1.1155 USD per EUR).
        let open = priced(&api, "Ana Open", (85, "USD"), &[]).await;
        let contract = priced(&api, "Bora Contract", (75, "EUR"), &["contract"]).await;
        let dear = priced(&api, "Cvijeta Dear", (85, "EUR"), &["contract"]).await;
        let employee = priced(&api, "Dara Employee", (60, "USD"), &["full_time"]).await;

        let (status, body) = api.get(&format!("/api/v1/roles/{role}/matches")).await;
        assert_eq!(status, 200, "{body}");
        let mut got = ids(&body);
        got.sort_unstable();
        let mut want = vec![open.as_str(), contract.as_str()];
        want.sort_unstable();
        assert_eq!(got, want, "{body:#}");
        assert!(!got.contains(&dear.as_str()) && !got.contains(&employee.as_str()));
        let notes = body["notes"].to_string();
        assert!(notes.contains("compared as 89 USD"), "{notes}");
        assert!(
            notes.contains("no engagement preference are kept"),
            "{notes}"
        );

        // Allowed countries: a candidate living elsewhere is left out, one who states no country kept.
        put_scorecard(
            &api,
            &role,
            &format!("{EURO_CONTRACT}[location]\npolicy = \"remote\"\ncountries = [\"PL\"]\n"),
        )
        .await;
        let (status, body) = api
            .post(
                "/api/v1/candidates",
                &json!({"name": "Erik Abroad", "email": "erik@example.com", "country": "DE",
                        "skills": ["go", "postgresql"]}),
            )
            .await;
        assert_eq!(status, 201, "{body}");
        let abroad = body["id"].as_str().unwrap().to_string();
        let (status, body) = api
            .post(
                "/api/v1/candidates",
                &json!({"name": "Pola Home", "email": "pola@example.com", "country": "PL",
                        "skills": ["go", "postgresql"]}),
            )
            .await;
        assert_eq!(status, 201, "{body}");
        let home = body["id"].as_str().unwrap().to_string();
        let (status, body) = api.get(&format!("/api/v1/roles/{role}/matches")).await;
        assert_eq!(status, 200, "{body}");
        let got = ids(&body);
        assert!(got.contains(&home.as_str()), "{body:#}");
        assert!(got.contains(&open.as_str()), "no country stated: kept");
        assert!(!got.contains(&abroad.as_str()), "{body:#}");

        // Nine hours of overlap with an eight-hour day: no results, the reason, not an error.
        let nine = format!(
            "{EURO_CONTRACT}[location]\npolicy = \"remote\"\ncountries = [\"PL\"]\n\
             team_timezone = \"Europe/Warsaw\"\noverlap_hours = 9\n"
        );
        put_scorecard(&api, &role, &nine).await;
        let (status, body) = api.get(&format!("/api/v1/roles/{role}/matches")).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["total"], 0);
        let why = body["empty_reason"].as_str().unwrap();
        assert!(why.contains("9 h of overlap"), "{why}");
        assert!(body["notes"].to_string().contains("Allowed countries (PL)"));
        app
    })
    .await;
}
