//! Imports through the JSON API on every backend: the per-record report, the candidates listed
//! afterwards, a re-run that changes nothing, the matching index seeing imported candidates, and
//! bad requests refused with the field named and nothing stored.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use common::{on_each_backend, role_with_scorecard, Api, TestApp};
use hireloop_core::user::UserRole;
use serde_json::{json, Value};

const ANA: &str = include_str!("../../../examples/import/ana-petrovic.json");
const POOL: &str = include_str!("../../../examples/import/pool.ndjson");
const CSV: &str = include_str!("../../../examples/import/candidates.csv");

/// POSTs a file to the import endpoint with the given query and content type.
async fn import(api: &Api, query: &str, content_type: &str, body: &str) -> (u16, Value) {
    let mut request = api
        .client
        .post(format!("{}/api/v1/candidates/import{query}", api.base))
        .header("content-type", content_type)
        .body(body.to_string());
    if let Some(token) = &api.token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

fn outcomes(report: &Value) -> Vec<String> {
    report["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            format!(
                "{} {}: {}",
                r["at"]["kind"].as_str().unwrap(),
                r["at"]["number"],
                r["outcome"].as_str().unwrap()
            )
        })
        .collect()
}

async fn listed(api: &Api) -> Vec<Value> {
    let (status, page) = api.get("/api/v1/candidates?limit=200").await;
    assert_eq!(status, 200, "{page}");
    page["items"].as_array().unwrap().clone()
}

#[tokio::test]
async fn a_json_resume_and_ndjson_are_imported_reported_and_idempotent() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        let (status, report) = import(&api, "?input=jsonresume", "application/json", ANA).await;
        assert_eq!(status, 200, "{report}");
        assert_eq!(outcomes(&report), ["document 1: imported"]);
        assert_eq!(report["records"][0]["email"], "ana.petrovic@example.com");
        assert!(
            report["records"][0]["unknown_skills"]
                .to_string()
                .contains("tigerbeetle"),
            "{report}"
        );
        let items = listed(&api).await;
        assert_eq!(items.len(), 1);
        assert_eq!(items[0]["id"], report["records"][0]["candidate_id"]);
        assert_eq!(items[0]["region"], "eastern_europe");

        // NDJSON recognised by its content type; the malformed line is reported, the rest stored.
        let (status, report) = import(&api, "", "application/x-ndjson", POOL).await;
        assert_eq!(status, 200, "{report}");
        assert_eq!(
            outcomes(&report),
            [
                "line 1: imported",
                "line 2: imported",
                "line 3: skipped",
                "line 4: imported"
            ]
        );
        assert!(report["records"][2]["reason"]
            .as_str()
            .unwrap()
            .contains("not valid JSON"));
        assert_eq!(listed(&api).await.len(), 4);

        let (_, again) = import(&api, "?input=ndjson", "application/x-ndjson", POOL).await;
        assert_eq!(
            (again["unchanged"].as_u64(), again["skipped"].as_u64()),
            (Some(3), Some(1))
        );
        assert_eq!(listed(&api).await.len(), 4);
        app
    })
    .await;
}

#[tokio::test]
async fn an_imported_candidate_shows_up_in_a_roles_matches() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        let role = role_with_scorecard(&api).await;

        let (status, report) = import(&api, "?input=csv", "text/csv", CSV).await;
        assert_eq!(status, 200, "{report}");
        assert_eq!(
            outcomes(&report),
            ["row 2: imported", "row 3: imported", "row 4: skipped"]
        );
        assert_eq!(report["records"][2]["errors"][0]["field"], "column 'rate'");
        let jelena = report["records"][0]["candidate_id"].clone();

        // The CSV states no years per skill, so the role's 4-year Go minimum (enforced by
        // default) would leave everyone out: rank with the minimum noted, not enforced.
        let (status, matches) = api
            .get(&format!(
                "/api/v1/roles/{role}/matches?enforce_min_years=false"
            ))
            .await;
        assert_eq!(status, 200, "{matches}");
        let ids: Vec<&Value> = matches["matches"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| &m["candidate_id"])
            .collect();
        assert_eq!(ids, [&jelena], "{matches:#}");
        app
    })
    .await;
}

#[tokio::test]
async fn bad_imports_are_refused_naming_the_problem_and_store_nothing() {
    on_each_backend(|app: TestApp| async move {
        let interviewer = app.api_as(UserRole::Interviewer).await;
        let (status, body) = import(&interviewer, "?input=csv", "text/csv", CSV).await;
        assert_eq!(status, 403, "{body}");

        let api = app.api_as(UserRole::Recruiter).await;
        let (status, body) = import(&api, "?input=xml", "text/plain", "<x/>").await;
        assert_eq!(
            (status, &body["error"]["details"]["field"]),
            (400, &json!("input")),
            "{body}"
        );
        // (text/plain is a resume file since resume imports: see api_import_files.rs.)
        let (status, body) = import(&api, "", "application/octet-stream", CSV).await;
        assert_eq!(
            (status, &body["error"]["details"]["field"]),
            (400, &json!("input")),
            "{body}"
        );
        let (status, body) = import(&api, "?input=jsonresume", "application/json", "{oops").await;
        assert_eq!(status, 422, "{body}");
        assert_eq!(body["error"]["details"]["fields"][0]["field"], "file");
        let (status, body) = import(&api, "?input=csv&map=Mail%3Dphone", "text/csv", CSV).await;
        assert_eq!(status, 422, "{body}");
        assert_eq!(body["error"]["details"]["fields"][0]["field"], "map");
        assert!(listed(&api).await.is_empty());
        app
    })
    .await;
}
