//! Market data through the JSON API: the sources' worked examples reproduced, budget checks, time to
//! hire, advice, bad input, and admins replacing or extending the dataset, on every backend.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use common::{on_each_backend, Api};
use hireloop_core::user::UserRole;
use hireloop_server::ServerConfig;
use hireloop_store::testing::TestStore;
use serde_json::{json, Value};

/// A file that adds a source of the team's own and an hourly rate from it.
const OUR_OFFERS: &str = r#"
[[source]]
id = "our-offers-2026"
publisher = "Our own offers"
title = "Offers we made in 2026"
year = 2026

[[hourly_rate]]
source = "our-offers-2026"
region = "eastern_europe"
level = "senior"
min = 62
max = 81
label = "offers we made"
"#;

/// A file whose rate names a source nobody declared.
const UNDECLARED_SOURCE: &str = r#"
[[hourly_rate]]
source = "somebody-2026"
region = "asia"
level = "mid"
min = 10
max = 20
"#;

async fn put_file(api: &Api, name: &str, text: &str, content_type: &str) -> (u16, Value) {
    let mut request = api
        .client
        .put(format!("{}/api/v1/market/files/{name}", api.base))
        .header("content-type", content_type)
        .body(text.to_string());
    if let Some(token) = &api.token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

fn field_of(body: &Value) -> &str {
    body["error"]["details"]["fields"][0]["field"]
        .as_str()
        .unwrap_or("")
}

fn message_of(body: &Value) -> &str {
    body["error"]["message"].as_str().unwrap_or("")
}

/// The bands of one source in a /market/rates answer, as "min-max".
fn bands_from(rates: &Value, source: &str) -> Vec<String> {
    rates["hourly"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["source"] == source)
        .map(|b| format!("{}-{}", b["band"]["min"], b["band"]["max"]))
        .collect()
}

#[tokio::test]
async fn the_sources_worked_examples_are_reproduced() {
    on_each_backend(|app| async move {
        let api = app.api_as(UserRole::Interviewer).await;

        // StepTo's in-house (US) vs outsourced (Eastern Europe) table, recomputed from its inputs.
        let (status, table) = api.get("/api/v1/market/compare/benchmark").await;
        assert_eq!(status, 200, "{table}");
        assert_eq!(table["in_house"]["first_year"], 228_000.0);
        assert_eq!(table["outsourced"]["first_year"], 68_000.0);
        assert_eq!(table["savings"], 160_000.0);
        assert_eq!(table["savings_percent"], 70.0);
        assert_eq!(table["dataset_version"], "2026.11");
        let cited = table["used"].as_array().unwrap();
        assert!(cited
            .iter()
            .any(|c| c["value"] == "228,000" && c["source"] == "StepTo 2026"));

        // The same inputs through the open comparison give the same totals.
        let in_house = json!({"base_salary": 140000, "benefits_taxes_percent": 30,
            "recruiting_fee_percent": 20, "equipment_software": 3000, "management_overhead": 15000});
        let (status, mine) = api
            .post(
                "/api/v1/market/compare",
                &json!({"in_house": in_house, "outsourced": {"base_salary": 68000}}),
            )
            .await;
        assert_eq!(status, 200, "{mine}");
        assert_eq!(
            (mine["savings"].clone(), mine["savings_percent"].clone()),
            (json!(160_000.0), json!(70.0))
        );

        // KORE1: a 110k mid-level engineer costs about 135-143k all-in; the 20-30% band is 132-143k.
        let (status, all_in) = api.get("/api/v1/market/all-in?salary=110000").await;
        assert_eq!(status, 200, "{all_in}");
        assert_eq!(all_in["all_in"]["min"].as_f64().unwrap().round(), 132_000.0);
        assert_eq!(all_in["all_in"]["max"].as_f64().unwrap().round(), 143_000.0);
        assert!(all_in["used"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["value"] == "135,000-143,000 all-in" && c["source"] == "KORE1 2026"));

        let (status, cost) = api
            .post(
                "/api/v1/market/cost",
                &json!({"base_salary": 100000, "benefits_taxes_percent": 25}),
            )
            .await;
        assert_eq!(status, 200, "{cost}");
        assert_eq!(cost["steady_state"], 125_000.0);
        assert_eq!(cost["dataset_version"], "2026.11");

        let (status, wrong) = api.get("/api/v1/market/wrong-hire?salary=75000").await;
        assert_eq!(status, 200, "{wrong}");
        assert_eq!(
            (wrong["total"]["min"].clone(), wrong["total"]["max"].clone()),
            (json!(225_000.0), json!(375_000.0))
        );
        let (status, trade_off) = api.get("/api/v1/market/junior-vs-senior").await;
        assert_eq!(status, 200, "{trade_off}");
        assert_eq!(trade_off["yearly_saving"], 65_000.0);
        app
    })
    .await;
}

#[tokio::test]
async fn budgets_timelines_and_advice_explain_themselves() {
    on_each_backend(|app| async move {
        let api = app.api_as(UserRole::HiringManager).await;

        let (status, check) = api
            .post(
                "/api/v1/market/budget-check",
                &json!({"level": "senior", "region": "eastern_europe", "min": 60, "max": 65, "period": "hour"}),
            )
            .await;
        assert_eq!(status, 200, "{check}");
        assert_eq!(check["verdict"], "below");
        assert_eq!(check["gap"], 5.0);
        let advice: Vec<&str> = check["advice"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_str)
            .collect();
        assert!(
            advice
                .iter()
                .any(|a| a.contains("senior scorecard with a mid-level budget")),
            "{advice:?}"
        );
        assert!(check["dataset_version"].is_string());

        let (status, plan) = api
            .get("/api/v1/market/timeline?channel=in_house&level=mid&start=2026-03-02")
            .await;
        assert_eq!(status, 200, "{plan}");
        assert_eq!(plan["search_starts"], "2026-03-02");
        assert_eq!(plan["offer"], json!({"earliest": "2026-03-23", "latest": "2026-04-06"}));
        let phases: Vec<&str> = plan["phases"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|p| p["name"].as_str())
            .collect();
        assert_eq!(phases, ["sourcing", "interview rounds", "notice period"]);
        assert_eq!(plan["ramp_up"].as_array().unwrap().len(), 3);

        let (status, channels) = api
            .post(
                "/api/v1/market/advice/channel",
                &json!({"stage": "startup", "urgency": "high", "level": "senior",
                        "core_work": true, "backend_leadership": true}),
            )
            .await;
        assert_eq!(status, 200, "{channels}");
        let ranked = channels["ranked"].as_array().unwrap();
        assert_eq!(ranked[0]["option"], "curated_network");
        assert!(ranked[0]["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["source"].as_str().is_some_and(|s| !s.is_empty())));
        let in_house = ranked.iter().find(|r| r["option"] == "in_house").unwrap();
        assert!(in_house["score"].as_i64().unwrap() < 0, "{in_house}");

        let (status, engagement) = api
            .post(
                "/api/v1/market/advice/engagement",
                &json!({"core_work": true, "compliance": true}),
            )
            .await;
        assert_eq!(status, 200, "{engagement}");
        assert_eq!(engagement["ranked"][0]["option"], "full_time");
        let (status, shape) = api
            .post(
                "/api/v1/market/advice/team-shape",
                &json!({"stage": "startup", "crud_app": true}),
            )
            .await;
        assert_eq!(status, 200, "{shape}");
        assert_eq!(shape["ranked"][0]["option"], "full_stack");
        app
    })
    .await;
}

#[tokio::test]
async fn bad_input_names_the_field_and_missing_figures_say_so() {
    on_each_backend(|app| async move {
        let api = app.api_as(UserRole::Recruiter).await;

        let (status, body) = api.get("/api/v1/market/rates?level=mid&region=mars").await;
        assert_eq!(status, 422, "{body}");
        assert_eq!(field_of(&body), "region");
        assert!(message_of(&body).contains("eastern_europe, global, india"), "{body}");

        let (status, body) = api.get("/api/v1/market/rates?level=principal&region=asia").await;
        assert_eq!((status, field_of(&body)), (422, "level"), "{body}");
        let (status, body) = api.get("/api/v1/market/salaries?country=ZZ").await;
        assert_eq!((status, field_of(&body)), (422, "country"), "{body}");

        let (status, body) = api.get("/api/v1/market/all-in?salary=-5").await;
        assert_eq!((status, field_of(&body)), (422, "salary"), "{body}");
        let (status, body) = api
            .post("/api/v1/market/cost", &json!({"base_salary": -1}))
            .await;
        assert_eq!((status, field_of(&body)), (422, "base_salary"), "{body}");
        let (status, body) = api
            .post(
                "/api/v1/market/compare",
                &json!({"in_house": {"base_salary": 1}, "outsourced": {"base_salary": 1, "ramp_days": 900}}),
            )
            .await;
        assert_eq!((status, field_of(&body)), (422, "outsourced.ramp_days"), "{body}");
        let (status, body) = api
            .post(
                "/api/v1/market/budget-check",
                &json!({"level": "mid", "region": "asia", "min": 90, "max": 80, "period": "hour"}),
            )
            .await;
        assert_eq!((status, field_of(&body)), (422, "min"), "{body}");
        let (status, body) = api
            .get("/api/v1/market/timeline?channel=in_house&level=mid&start=2026-02-30")
            .await;
        assert_eq!((status, field_of(&body)), (422, "start"), "{body}");
        let (status, body) = api
            .post("/api/v1/market/advice/channel", &json!({"hires": 0}))
            .await;
        assert_eq!((status, field_of(&body)), (422, "hires"), "{body}");

        // No benchmark for hiring through communities: said plainly, with its own code.
        let (status, body) = api
            .get("/api/v1/market/timeline?channel=community&level=senior&start=2026-03-02")
            .await;
        assert_eq!(status, 422, "{body}");
        assert_eq!(body["error"]["code"], "no_benchmark");
        assert!(
            message_of(&body)
                .starts_with("no benchmark for time to hire through developer communities"),
            "{body}"
        );

        let (status, _) = app.anonymous().get("/api/v1/market/rates?level=mid&region=asia").await;
        assert_eq!(status, 401);
        app
    })
    .await;
}

#[tokio::test]
async fn the_dataset_shows_every_figure_with_its_source() {
    on_each_backend(|app| async move {
        let api = app.api_as(UserRole::Interviewer).await;
        let (status, data) = api.get("/api/v1/market/dataset").await;
        assert_eq!(status, 200, "{data}");
        assert_eq!(data["dataset_version"], "2026.11");
        assert_eq!(
            data["files"].as_array().unwrap().len(),
            7,
            "with currencies.toml"
        );
        assert!(data["files"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["origin"] == "shipped"));
        let sources: Vec<&str> = data["sources"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|s| s["id"].as_str())
            .collect();
        let figures = data["figures"].as_object().unwrap();
        assert!(figures["hourly_rate"].as_array().unwrap().len() > 20);
        for (group, items) in figures {
            for item in items.as_array().unwrap() {
                if let Some(source) = item.get("source").and_then(Value::as_str) {
                    assert!(sources.contains(&source), "{group}: {item}");
                }
            }
        }
        app
    })
    .await;
}

#[tokio::test]
async fn admins_extend_replace_and_restore_the_dataset() {
    on_each_backend(|app| async move {
        let admin = app.api_as(UserRole::Admin).await;
        let recruiter = app.api_as(UserRole::Recruiter).await;
        let rates_path = "/api/v1/market/rates?level=senior&region=eastern_europe";
        let (_, shipped_rates) = recruiter.get(rates_path).await;

        let (status, body) = put_file(
            &recruiter,
            "our_offers.toml",
            OUR_OFFERS,
            "application/toml",
        )
        .await;
        assert_eq!(status, 403, "{body}");
        let (status, _) = put_file(
            &app.anonymous(),
            "our_offers.toml",
            OUR_OFFERS,
            "text/plain",
        )
        .await;
        assert_eq!(status, 401);

        // A file adding a source and a rate: the rate is used from then on, cited by its source.
        let (status, change) =
            put_file(&admin, "our_offers.toml", OUR_OFFERS, "application/toml").await;
        assert_eq!(status, 200, "{change}");
        let version = change["dataset_version"].as_str().unwrap().to_string();
        assert!(version.starts_with("2026.11+local."), "{version}");
        assert_eq!(change["file"]["replaces_shipped"], false);
        let (_, rates) = recruiter.get(rates_path).await;
        assert_eq!(bands_from(&rates, "Our own offers 2026"), ["62.0-81.0"]);
        assert_eq!(rates["dataset_version"], version.as_str());
        let (_, files) = recruiter.get("/api/v1/market/files").await;
        assert_eq!(files["items"][0]["name"], "our_offers.toml");
        assert_eq!(files["items"][0]["uploaded_by"], json!(admin.user.id));

        // A bad file is refused naming the file and the figure; nothing is stored or changed.
        let (status, body) = put_file(
            &admin,
            "asia_extra.toml",
            UNDECLARED_SOURCE,
            "application/toml",
        )
        .await;
        assert_eq!(status, 422, "{body}");
        assert_eq!(field_of(&body), "body");
        assert!(
            message_of(&body).contains("asia_extra.toml: hourly_rate[0]: source 'somebody-2026'"),
            "{body}"
        );
        let (status, body) =
            put_file(&admin, "our_offers.toml", "[[hourly_rate]\n", "text/plain").await;
        assert_eq!(status, 422, "{body}");
        assert!(message_of(&body).contains("our_offers.toml"), "{body}");
        let (_, files_after) = recruiter.get("/api/v1/market/files").await;
        assert_eq!(files_after, files);
        let (_, rates_after) = recruiter.get(rates_path).await;
        assert_eq!(rates_after, rates);
        let (status, body) = put_file(&admin, "Rates.TOML", OUR_OFFERS, "text/plain").await;
        assert_eq!((status, field_of(&body)), (422, "name"), "{body}");

        // Replacing a shipped file, then deleting the replacement, restores the shipped figures.
        let narrowed = r#"
[[hourly_rate]]
source = "stepto-2026"
region = "eastern_europe"
level = "senior"
min = 71
max = 99
"#;
        let (status, change) = put_file(&admin, "rates.toml", narrowed, "text/plain").await;
        assert_eq!(status, 200, "{change}");
        assert_eq!(change["file"]["replaces_shipped"], true);
        let (_, replaced) = recruiter.get(rates_path).await;
        assert_eq!(bands_from(&replaced, "StepTo 2026"), ["71.0-99.0"]);
        let (status, text) = recruiter.get("/api/v1/market/files/rates.toml").await;
        assert_eq!((status, text), (200, Value::String(narrowed.to_string())));

        let (status, body) = recruiter.delete("/api/v1/market/files/rates.toml").await;
        assert_eq!(status, 403, "{body}");
        for name in ["rates.toml", "our_offers.toml"] {
            let (status, body) = admin.delete(&format!("/api/v1/market/files/{name}")).await;
            assert_eq!(status, 200, "{body}");
        }
        let (_, restored) = recruiter.get(rates_path).await;
        assert_eq!(restored, shipped_rates);
        assert_eq!(restored["dataset_version"], "2026.11");
        let (status, _) = admin.delete("/api/v1/market/files/rates.toml").await;
        assert_eq!(status, 404);
        app
    })
    .await;
}

#[tokio::test]
async fn a_market_data_directory_extends_the_dataset_and_a_bad_file_stops_the_start() {
    for test_store in TestStore::all().await {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("our_offers.toml"), OUR_OFFERS).unwrap();
        let config = |dir: &std::path::Path| ServerConfig {
            bind: "127.0.0.1:0".parse().unwrap(),
            market_data_dir: Some(dir.to_path_buf()),
            ..Default::default()
        };
        let running = hireloop_server::spawn(test_store.store.clone(), config(dir.path()))
            .await
            .unwrap();
        let user = test_store
            .store
            .create_user(
                &hireloop_core::user::UserInput {
                    email: "dir@example.com".into(),
                    name: "Dir Test".into(),
                    role: "recruiter".into(),
                    password: common::PASSWORD.into(),
                }
                .parse()
                .unwrap(),
                "$argon2id$not-used",
            )
            .await
            .unwrap();
        let token = hireloop_server::auth::new_api_token();
        test_store
            .store
            .create_api_token(user.id, "t", &hireloop_server::auth::hash_token(&token))
            .await
            .unwrap();
        let rates: Value = reqwest::Client::new()
            .get(format!(
                "{}/api/v1/market/rates?level=senior&region=eastern_europe",
                running.url()
            ))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(
            bands_from(&rates, "Our own offers 2026"),
            ["62.0-81.0"],
            "{rates}"
        );
        running.stop().await.unwrap();

        std::fs::write(dir.path().join("broken.toml"), UNDECLARED_SOURCE).unwrap();
        let err = hireloop_server::spawn(test_store.store.clone(), config(dir.path()))
            .await
            .err()
            .unwrap();
        let message = format!("{err:#}");
        assert!(
            message.contains("broken.toml: hourly_rate[0]: source 'somebody-2026'"),
            "{message}"
        );
        test_store.finish().await;
    }
}

#[tokio::test]
async fn the_openapi_document_lists_the_market_endpoints() {
    on_each_backend(|app| async move {
        let (status, doc) = app.anonymous().get("/api/v1/openapi.json").await;
        assert_eq!(status, 200);
        for path in [
            "/api/v1/market/rates",
            "/api/v1/market/compare/benchmark",
            "/api/v1/market/timeline",
            "/api/v1/market/files/{name}",
        ] {
            assert!(doc["paths"].get(path).is_some(), "{path}");
        }
        assert!(doc["paths"]["/api/v1/market/files/{name}"]["put"].is_object());
        app
    })
    .await;
}
