//! Imports larger than one batch through the JSON API on every backend: records stored a batch
//! per transaction still report in file order, a repeated email sees the earlier record stored,
//! a bad line is skipped without losing its batch, and every stored candidate is matchable.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use common::{on_each_backend, Api, TestApp};
use hireloop_core::user::UserRole;
use serde_json::{json, Value};

fn line(i: usize, skill: &str) -> String {
    json!({
        "basics": {"name": format!("Person {i}"), "email": format!("p{i}@example.com"),
                   "location": {"city": "Lisbon", "countryCode": "PT"}},
        "skills": [{"name": skill}]
    })
    .to_string()
}

async fn import(api: &Api, body: String) -> Value {
    let mut request = api
        .client
        .post(format!(
            "{}/api/v1/candidates/import?input=ndjson",
            api.base
        ))
        .body(body);
    if let Some(token) = &api.token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.unwrap();
    assert_eq!(response.status().as_u16(), 200);
    response.json().await.unwrap()
}

#[tokio::test]
async fn a_file_of_several_batches_reports_every_record_in_file_order() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        // 2,300 lines: line 1,500 is broken JSON, line 2,200 repeats line 10's email with
        // another skill (so it must update what line 10 imported, in the same file).
        let mut lines: Vec<String> = (1..=2300).map(|i| line(i, "Go")).collect();
        lines[1499] = "{\"basics\": ".to_string();
        lines[2199] = line(10, "Rust");
        let report = import(&api, lines.join("\n")).await;
        assert_eq!(report["imported"], 2298, "{}", report["skipped"]);
        assert_eq!(report["updated"], 1);
        assert_eq!(report["skipped"], 1);
        let records = report["records"].as_array().unwrap();
        assert_eq!(records.len(), 2300);
        for (i, record) in records.iter().enumerate() {
            assert_eq!(record["at"]["number"], i + 1, "{record}");
        }
        assert_eq!(records[1499]["outcome"], "skipped");
        assert_eq!(records[2199]["outcome"], "updated");
        assert_eq!(records[2199]["candidate_id"], records[9]["candidate_id"]);
        assert_eq!(records[2299]["email"], "p2300@example.com");

        let id = records[9]["candidate_id"].as_str().unwrap();
        let (status, candidate) = api.get(&format!("/api/v1/candidates/{id}")).await;
        assert_eq!(status, 200, "{candidate}");
        assert_eq!(candidate["skills"], json!(["rust"]));

        // The same file again: line 10 differs from what line 2,200 stored, so it updates and
        // line 2,200 updates back; every other line is unchanged.
        let again = import(&api, lines.join("\n")).await;
        assert_eq!(
            (
                again["imported"].as_u64(),
                again["updated"].as_u64(),
                again["unchanged"].as_u64()
            ),
            (Some(0), Some(2), Some(2297))
        );
        app
    })
    .await;
}
