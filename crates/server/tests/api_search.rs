//! Talent pool search through the JSON API, on every backend: free text with highlighted
//! snippets, filters, facets over the filtered set, paging, an index built from the database at
//! start-up and kept in sync on create, edit and vetting; bad parameters and unreadable queries
//! are 422 naming the parameter; contradictory filters answer nothing, with the reason;
//! interviewers find only the candidates they are assigned to.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use common::{new_role, on_each_backend, Api, TestApp};
use hireloop_core::candidate::CandidateInput;
use hireloop_core::user::UserRole;
use serde_json::{json, Value};

/// Creates a candidate through the API; returns its id.
async fn candidate(api: &Api, body: Value) -> String {
    let (status, created) = api.post("/api/v1/candidates", &body).await;
    assert_eq!(status, 201, "{created}");
    created["id"].as_str().unwrap().to_string()
}

fn names(found: &Value) -> Vec<&str> {
    found["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect()
}

/// Names in alphabetical order, for results whose relevance order is not the point.
fn sorted_names(found: &Value) -> Vec<&str> {
    let mut n = names(found);
    n.sort_unstable();
    n
}

fn facet(found: &Value, name: &str, value: &str) -> u64 {
    found["facets"][name]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["value"] == value)
        .map_or(0, |f| f["count"].as_u64().unwrap())
}

/// The field an error body names.
fn field(body: &Value) -> &str {
    let details = &body["error"]["details"];
    details["fields"][0]["field"]
        .as_str()
        .or(details["field"].as_str())
        .unwrap_or("")
}

fn in_days(n: i64) -> String {
    (chrono::Utc::now().date_naive() + chrono::Duration::days(n)).to_string()
}

/// Three candidates: a senior Go/Kafka payments engineer in Eastern Europe, a mid Python one in
/// Latin America, a senior Django one in Western Europe with no rate.
async fn pool(api: &Api) -> (String, String, String) {
    let ana = candidate(
        api,
        json!({"name": "Ana Petrović", "email": "ana@example.com", "location": "Belgrade, RS",
               "region": "eastern_europe", "skills": ["Golang", "Kafka", "Postgres"],
               "stated_level": "senior", "industries": ["payments", "fintech"],
               "tags": ["ledger"], "available_from": in_days(10),
               "expected_rate": {"amount": 75, "period": "hour"}}),
    )
    .await;
    let bruno = candidate(
        api,
        json!({"name": "Bruno Silva", "email": "bruno@example.com", "location": "São Paulo, BR",
               "region": "latin_america", "skills": ["Python", "Kafka", "quantum-widgets"],
               "stated_level": "mid", "industries": ["logistics"],
               "available_from": in_days(60),
               "expected_rate": {"amount": 104000, "period": "year"}}),
    )
    .await;
    let clara = candidate(
        api,
        json!({"name": "Clara Weber", "email": "clara@example.com", "location": "Berlin, DE",
               "region": "western_europe", "skills": ["Django", "PostgreSQL"],
               "stated_level": "senior", "industries": ["payments"]}),
    )
    .await;
    (ana, bruno, clara)
}

#[tokio::test]
async fn free_text_filters_and_facets_find_the_right_candidates() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        let (ana, _, _) = pool(&api).await;

        // Every word must match; the snippet highlights the matched word.
        let (status, found) = api.get("/api/v1/search?q=kafka%20payments").await;
        assert_eq!(status, 200, "{found}");
        assert_eq!(names(&found), ["Ana Petrović"]);
        assert_eq!(found["total"], 1);
        assert_eq!(found["results"][0]["candidate_id"], ana.as_str());
        assert!(found["results"][0]["score"].as_f64().unwrap() > 0.0);
        assert!(
            found["results"][0]["snippet"]
                .as_str()
                .unwrap()
                .contains("<b>Kafka</b>"),
            "{found}"
        );

        // No text: everyone, with facets over all three.
        let (_, all) = api.get("/api/v1/search").await;
        assert_eq!(all["total"], 3);
        assert_eq!(facet(&all, "level", "senior"), 2);
        assert_eq!(facet(&all, "level", "mid"), 1);
        assert_eq!(
            facet(&all, "skill", "Apache Kafka").max(facet(&all, "skill", "Kafka")),
            2
        );
        // 75/h; 104,000/yr over 2080 h = 50/h; no rate.
        assert_eq!(facet(&all, "rate_band", "40_80"), 2);
        assert_eq!(facet(&all, "rate_band", "unknown"), 1);
        assert_eq!(facet(&all, "availability", "within_30_days"), 1);
        assert_eq!(facet(&all, "availability", "within_90_days"), 1);
        assert_eq!(facet(&all, "availability", "unknown"), 1);
        assert_eq!(facet(&all, "vetting", "unvetted"), 3);
        // Unknown skills stay, as given.
        assert_eq!(facet(&all, "skill", "quantum-widgets"), 1);

        // Skills are normalised ("go" finds "Golang"), all must hold, and frameworks imply their
        // language (Django → Python).
        let (_, go) = api.get("/api/v1/search?skill=go&skill=kafka").await;
        assert_eq!(names(&go), ["Ana Petrović"]);
        let (_, python) = api.get("/api/v1/search?skill=python").await;
        assert_eq!(sorted_names(&python), ["Bruno Silva", "Clara Weber"]);
        let (_, raw) = api.get("/api/v1/search?skill=quantum-widgets").await;
        assert_eq!(names(&raw), ["Bruno Silva"]);

        // Facets count the filtered set only.
        let (_, senior) = api.get("/api/v1/search?level=senior&q=payments").await;
        assert_eq!(sorted_names(&senior), ["Ana Petrović", "Clara Weber"]);
        assert_eq!(facet(&senior, "region", "eastern_europe"), 1);
        assert_eq!(facet(&senior, "region", "latin_america"), 0);

        let (_, cheap) = api.get("/api/v1/search?max_rate=60").await;
        assert_eq!(
            names(&cheap),
            ["Bruno Silva"],
            "no stated rate fails a rate filter"
        );
        let (_, soon) = api.get("/api/v1/search?available_within_days=30").await;
        assert_eq!(names(&soon), ["Ana Petrović"]);
        let (_, region) = api.get("/api/v1/search?region=western_europe").await;
        assert_eq!(names(&region), ["Clara Weber"]);

        // Paging: the cursor continues where the page ended.
        let (_, first) = api.get("/api/v1/search?limit=2").await;
        assert_eq!(first["results"].as_array().unwrap().len(), 2);
        let cursor = first["next_cursor"].as_str().unwrap().to_string();
        let (_, second) = api
            .get(&format!("/api/v1/search?limit=2&cursor={cursor}"))
            .await;
        assert_eq!(second["results"].as_array().unwrap().len(), 1);
        assert_eq!(second["next_cursor"], Value::Null);
        assert_eq!(second["total"], 3);
        app
    })
    .await;
}

#[tokio::test]
async fn the_index_follows_edits_and_vetting_and_is_rebuilt_from_the_database() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        let (ana, _, clara) = pool(&api).await;

        let (status, _) = api
            .patch(
                &format!("/api/v1/candidates/{clara}"),
                &json!({"skills": ["Rust", "Kafka"]}),
            )
            .await;
        assert_eq!(status, 200);
        let (_, rust) = api.get("/api/v1/search?q=rust").await;
        assert_eq!(names(&rust), ["Clara Weber"]);
        let (_, django) = api.get("/api/v1/search?skill=django").await;
        assert_eq!(django["total"], 0, "the old skills are gone: {django}");

        let vetting = format!("/api/v1/candidates/{ana}/vetting");
        assert_eq!(
            api.post(&vetting, &json!({"status": "in_vetting"})).await.0,
            200
        );
        let (_, in_vetting) = api.get("/api/v1/search?vetting=in_vetting").await;
        assert_eq!(names(&in_vetting), ["Ana Petrović"]);

        // A candidate written straight to the database (as another server would) is found by a
        // server started afterwards: the index is built from the store.
        let direct = CandidateInput {
            name: "Dario Rossi".into(),
            email: "dario@example.com".into(),
            skills: vec!["Elixir".into()],
            ..Default::default()
        }
        .parse()
        .unwrap();
        // (The running server follows it too, through the change feed: tests/index_sync.rs.)
        app.store.create_candidate(&direct).await.unwrap();
        let config = hireloop_server::ServerConfig {
            bind: "127.0.0.1:0".parse().unwrap(),
            ..Default::default()
        };
        let second = hireloop_server::spawn(app.store.clone(), config)
            .await
            .unwrap();
        let other = Api {
            base: second.url(),
            client: reqwest::Client::new(),
            token: api.token.clone(),
            user: api.user.clone(),
        };
        let (_, rebuilt) = other.get("/api/v1/search?q=elixir").await;
        assert_eq!(names(&rebuilt), ["Dario Rossi"]);
        let (_, vetted) = other.get("/api/v1/search?vetting=in_vetting").await;
        assert_eq!(names(&vetted), ["Ana Petrović"]);
        second.stop().await.unwrap();
        app
    })
    .await;
}

#[tokio::test]
async fn bad_parameters_and_unreadable_queries_are_422_and_contradictions_a_reason() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        pool(&api).await;
        for (query, expected) in [
            ("level=wizard", "level"),
            ("region=mars", "region"),
            ("vetting=maybe", "vetting"),
            ("max_rate=cheap", "max_rate"),
            ("min_rate=-5", "min_rate"),
            ("available_within_days=soon", "available_within_days"),
            ("limit=0", "limit"),
            ("limit=1000", "limit"),
            ("cursor=abc", "cursor"),
            ("skils=go", "skils"),
            // tantivy's syntax: an unknown field and an unclosed group.
            ("q=colour:red", "q"),
            ("q=%28kafka", "q"),
        ] {
            let (status, body) = api.get(&format!("/api/v1/search?{query}")).await;
            assert_eq!((status, field(&body)), (422, expected), "{query}: {body}");
        }

        for query in ["level=junior&level=senior", "min_rate=100&max_rate=50"] {
            let (status, body) = api.get(&format!("/api/v1/search?{query}")).await;
            assert_eq!(status, 200, "{query}: {body}");
            assert_eq!(body["total"], 0);
            assert!(body["reason"].as_str().unwrap().len() > 10, "{body}");
        }
        // The same value twice is no contradiction.
        let (_, twice) = api.get("/api/v1/search?level=mid&level=mid").await;
        assert_eq!(names(&twice), ["Bruno Silva"]);

        assert_eq!(app.anonymous().get("/api/v1/search").await.0, 401);
        app
    })
    .await;
}

#[tokio::test]
async fn interviewers_find_only_the_candidates_they_are_assigned_to() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        let (ana, bruno, _) = pool(&api).await;
        let role = new_role(&api).await;
        let (status, application) = api
            .post(
                "/api/v1/applications",
                &json!({"role_id": role, "candidate_id": ana}),
            )
            .await;
        assert_eq!(status, 201, "{application}");
        let (status, _) = api
            .post(
                "/api/v1/applications",
                &json!({"role_id": role, "candidate_id": bruno}),
            )
            .await;
        assert_eq!(status, 201);
        let interviewer = app.api_as(UserRole::Interviewer).await;
        let assign = format!(
            "/api/v1/applications/{}/interviewers",
            application["id"].as_str().unwrap()
        );
        let (status, body) = api
            .post(&assign, &json!({"user_id": interviewer.user.id}))
            .await;
        assert_eq!(status, 204, "{body}");

        let (status, found) = interviewer.get("/api/v1/search?skill=kafka").await;
        assert_eq!(status, 200, "{found}");
        assert_eq!(names(&found), ["Ana Petrović"]);
        assert_eq!(found["total"], 1);
        assert_eq!(facet(&found, "region", "latin_america"), 0, "{found}");
        let (_, everyone) = api.get("/api/v1/search?skill=kafka").await;
        assert_eq!(everyone["total"], 2);
        app
    })
    .await;
}

#[tokio::test]
async fn imported_candidates_are_found_at_once() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        let csv = "name,email,skills\nJelena Ilić,jelena@example.com,Golang;Kafka\n";
        let response = api
            .with_auth(
                api.client
                    .post(format!("{}/api/v1/candidates/import?input=csv", api.base)),
            )
            .header("content-type", "text/csv")
            .body(csv)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status().as_u16(), 200);
        let (_, found) = api.get("/api/v1/search?skill=go").await;
        assert_eq!(names(&found), ["Jelena Ilić"], "{found}");
        app
    })
    .await;
}
