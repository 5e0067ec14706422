//! Several servers on one database: a candidate written through one server, or straight into the
//! database as the CLI does, reaches the other server's matches and search within a refresh of the
//! change feed; a deleted one leaves them. Resume text is searchable. On every backend.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use common::{on_each_backend, role_with_scorecard, Api, TestApp, PASSWORD};
use hireloop_core::candidate::CandidateInput;
use hireloop_core::user::{UserInput, UserRole};
use hireloop_server::{auth, RunningApp, ServerConfig};
use hireloop_store::records::NewResumeDocument;
use hireloop_store::testing::TestStore;
use hireloop_store::{ConnectOptions, Store};
use serde_json::{json, Value};
use std::future::Future;
use std::time::{Duration, Instant};

const SKILLS: [&str; 8] = [
    "Golang",
    "Postgres",
    "REST API",
    "Kafka",
    "System design",
    "k8s",
    "Stripe",
    "tigerbeetle",
];

/// Waits until `check` holds, for up to 15 s; panics naming `what` otherwise.
async fn eventually<F, Fut>(what: &str, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: Future<Output = bool>,
{
    let deadline = Instant::now() + Duration::from_secs(15);
    while !check().await {
        assert!(Instant::now() < deadline, "timed out waiting: {what}");
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

async fn server(store: Store) -> RunningApp {
    let config = ServerConfig {
        bind: "127.0.0.1:0".parse().unwrap(),
        index_refresh_ms: 50,
        ..Default::default()
    };
    hireloop_server::spawn(store, config).await.unwrap()
}

/// An API client for `app`, as a recruiter stored in the shared database.
async fn recruiter(store: &Store, app: &RunningApp) -> Api {
    let input = UserInput {
        email: format!("r-{}@example.com", uuid::Uuid::now_v7().simple()),
        name: "Test Recruiter".into(),
        role: "recruiter".into(),
        password: PASSWORD.into(),
    };
    let hash = auth::hash_password(PASSWORD).await.unwrap();
    let user = store
        .create_user(&input.parse().unwrap(), &hash)
        .await
        .unwrap();
    let token = auth::new_api_token();
    store
        .create_api_token(user.id, "test", &auth::hash_token(&token))
        .await
        .unwrap();
    Api {
        base: app.url(),
        client: reqwest::Client::new(),
        token: Some(token),
        user,
    }
}

fn candidate_json(name: &str, email: &str) -> Value {
    let details: Vec<Value> = SKILLS
        .iter()
        .map(|s| json!({"skill": s, "years": 5}))
        .collect();
    json!({"name": name, "email": email, "region": "eastern_europe", "skills": SKILLS,
           "skill_details": details, "expected_rate": {"amount": 80, "period": "hour"}})
}

async fn search_ids(api: &Api, q: &str) -> Vec<String> {
    let (status, body) = api
        .get(&format!("/api/v1/search?q={}", q.replace(' ', "%20")))
        .await;
    assert_eq!(status, 200, "{body}");
    body["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["candidate_id"].as_str().unwrap().to_string())
        .collect()
}

async fn match_ids(api: &Api, role: &str) -> Vec<String> {
    let (status, body) = api.get(&format!("/api/v1/roles/{role}/matches")).await;
    assert_eq!(status, 200, "{body}");
    body["matches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["candidate_id"].as_str().unwrap().to_string())
        .collect()
}

/// Runs a statement on a connection of its own, as another process would.
async fn execute_elsewhere(url: &str, sql: &str, id: uuid::Uuid) {
    if url.starts_with("sqlite:") {
        let pool = sqlx::SqlitePool::connect(url).await.unwrap();
        sqlx::query(sql).bind(id).execute(&pool).await.unwrap();
        pool.close().await;
    } else {
        let pool = sqlx::PgPool::connect(url).await.unwrap();
        sqlx::query(sql).bind(id).execute(&pool).await.unwrap();
        pool.close().await;
    }
}

#[tokio::test]
async fn writes_elsewhere_reach_a_running_server_within_a_refresh() {
    for test_store in TestStore::all().await {
        eprintln!("-- on {}", test_store.store.backend_name());
        let url = test_store.url().to_string();
        // Two servers, each with its own connection pool, as two processes would have.
        let a = server(test_store.store.clone()).await;
        let b_store = Store::connect(&url, ConnectOptions::default())
            .await
            .unwrap();
        let b = server(b_store.clone()).await;
        let api_a = recruiter(&test_store.store, &a).await;
        let api_b = recruiter(&test_store.store, &b).await;
        let role = role_with_scorecard(&api_a).await;

        // Created through server A: server B finds and ranks it.
        let (status, body) = api_a
            .post(
                "/api/v1/candidates",
                &candidate_json("Ana Zephyrine", "ana@example.com"),
            )
            .await;
        assert_eq!(status, 201, "{body}");
        let ana = body["id"].as_str().unwrap().to_string();
        eventually("B searches Ana", || async {
            search_ids(&api_b, "zephyrine").await == [ana.clone()]
        })
        .await;
        eventually("B ranks Ana", || async {
            match_ids(&api_b, &role).await.contains(&ana)
        })
        .await;

        // Written straight into the database, as `hireloop import` does: both servers follow.
        let cli = Store::connect(&url, ConnectOptions::default())
            .await
            .unwrap();
        let input: CandidateInput =
            serde_json::from_value(candidate_json("Bora Quillfeather", "bora@example.com"))
                .unwrap();
        let bora = cli.create_candidate(&input.parse().unwrap()).await.unwrap();
        let bora_id = bora.id.as_uuid().to_string();
        for api in [&api_a, &api_b] {
            eventually("Bora searchable", || async {
                search_ids(api, "quillfeather").await == [bora_id.clone()]
            })
            .await;
            eventually("Bora ranked", || async {
                match_ids(api, &role).await.contains(&bora_id)
            })
            .await;
        }
        // An edit and a resume from elsewhere: the new name and the resume's words are found.
        let mut edit = bora.to_input();
        edit.name = "Bora Nightingale".into();
        cli.update_candidate(bora.id, &edit.parse().unwrap())
            .await
            .unwrap();
        cli.add_resume_document(&NewResumeDocument {
            candidate_id: bora.id,
            file_name: "bora.txt".into(),
            media_type: "text/plain".into(),
            bytes_len: 40,
            sha256: "b".repeat(64),
            extracted_text: "Led the marmalade settlement engine rewrite.".into(),
            uploaded_by: None,
        })
        .await
        .unwrap();
        eventually("B finds Bora's new name and resume", || async {
            search_ids(&api_b, "nightingale").await == [bora_id.clone()]
                && search_ids(&api_b, "marmalade settlement").await == [bora_id.clone()]
        })
        .await;
        assert!(search_ids(&api_b, "quillfeather").await.is_empty());
        cli.close().await;

        // Deleted elsewhere: it leaves both servers' search and matches.
        execute_elsewhere(
            &url,
            "DELETE FROM candidates WHERE id = $1",
            uuid::Uuid::parse_str(&ana).unwrap(),
        )
        .await;
        for api in [&api_a, &api_b] {
            eventually("Ana gone", || async {
                search_ids(api, "zephyrine").await.is_empty()
                    && !match_ids(api, &role).await.contains(&ana)
            })
            .await;
        }
        let (_, metrics) = api_b.get("/metrics").await;
        let text = metrics.as_str().unwrap_or_default().to_string();
        assert!(text.contains("pool_index_refreshes_total"), "{text}");
        assert!(
            text.contains(r#"pool_index_profiles{index="search"} 1"#),
            "{text}"
        );

        a.stop().await.unwrap();
        b.stop().await.unwrap();
        b_store.close().await;
        test_store.finish().await;
    }
}

#[tokio::test]
async fn a_phrase_only_in_a_resume_is_found_with_a_snippet() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        let (status, body) = api
            .post(
                "/api/v1/candidates",
                &json!({"name": "Cy Arden", "email": "cy@example.com", "skills": ["Go"]}),
            )
            .await;
        assert_eq!(status, 201, "{body}");
        let id = body["id"].as_str().unwrap().to_string();
        assert!(search_ids(&api, "\"warehouse telemetry\"").await.is_empty());

        let text = "Cy Arden\nBuilt warehouse telemetry pipelines for 40 depots.\n";
        let request = api
            .client
            .post(format!("{}/api/v1/candidates/{id}/resumes", api.base))
            .query(&[("file_name", "cy.txt")])
            .header("content-type", "text/plain")
            .body(text);
        let response = api.with_auth(request).send().await.unwrap();
        assert_eq!(response.status().as_u16(), 201);

        // At once on the server that took the upload, as a phrase and with the words marked.
        let (status, found) = api
            .get("/api/v1/search?q=%22warehouse%20telemetry%22")
            .await;
        assert_eq!(status, 200, "{found}");
        assert_eq!(found["total"], 1, "{found}");
        assert_eq!(found["results"][0]["candidate_id"], id.as_str());
        let snippet = found["results"][0]["snippet"].as_str().unwrap();
        assert!(snippet.contains("<b>warehouse</b>"), "{snippet}");
        // The resume is kept when the profile is edited.
        let (status, body) = api
            .patch(
                &format!("/api/v1/candidates/{id}"),
                &json!({"name": "Cy Arden-Vale"}),
            )
            .await;
        assert!(status == 200, "{status} {body}");
        assert_eq!(search_ids(&api, "telemetry").await, [id]);
        app
    })
    .await;
}

#[tokio::test]
async fn on_postgres_a_notification_refreshes_without_waiting_for_the_poll() {
    let Some(test_store) = TestStore::postgres().await else {
        eprintln!("HIRELOOP_TEST_DATABASE_URL unset: PostgreSQL only");
        return;
    };
    let config = ServerConfig {
        bind: "127.0.0.1:0".parse().unwrap(),
        // Polling once (at start) and then only every ten minutes: only a notification can
        // bring the write in within the test's deadline.
        index_refresh_ms: 600_000,
        ..Default::default()
    };
    let app = hireloop_server::spawn(test_store.store.clone(), config)
        .await
        .unwrap();
    let api = recruiter(&test_store.store, &app).await;
    // Let the start-up poll pass, so what follows can only arrive by notification.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let cli = Store::connect(test_store.url(), ConnectOptions::default())
        .await
        .unwrap();
    let input: CandidateInput =
        serde_json::from_value(candidate_json("Dana Lindqvist", "dana@example.com")).unwrap();
    let dana = cli.create_candidate(&input.parse().unwrap()).await.unwrap();
    cli.close().await;
    let dana_id = dana.id.as_uuid().to_string();
    eventually("the notification brings Dana in", || async {
        search_ids(&api, "lindqvist").await == [dana_id.clone()]
    })
    .await;
    app.stop().await.unwrap();
    test_store.finish().await;
}
