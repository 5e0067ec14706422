//! The OpenAPI document's `Candidate` schema lists every key a candidate's JSON carries, the
//! derived `level` and `estimated_level` included (they come from a hand-written `Serialize`).

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use common::{on_each_backend, TestApp};
use hireloop_core::user::UserRole;
use serde_json::{json, Value};
use std::collections::BTreeSet;

/// The property names of `schema`, following `$ref`s and `allOf` (a flattened struct).
fn properties(document: &Value, schema: &Value, out: &mut BTreeSet<String>) {
    if let Some(target) = schema["$ref"].as_str() {
        let name = target.trim_start_matches("#/components/schemas/");
        return properties(document, &document["components"]["schemas"][name], out);
    }
    if let Some(props) = schema["properties"].as_object() {
        out.extend(props.keys().cloned());
    }
    for part in schema["allOf"].as_array().into_iter().flatten() {
        properties(document, part, out);
    }
}

#[tokio::test]
async fn the_candidate_schema_lists_the_derived_levels() {
    on_each_backend(|app: TestApp| async move {
        let (status, document) = app.anonymous().get("/api/v1/openapi.json").await;
        assert_eq!(status, 200);
        let mut documented = BTreeSet::new();
        properties(
            &document,
            &json!({"$ref": "#/components/schemas/Candidate"}),
            &mut documented,
        );
        for key in ["level", "estimated_level", "experience_years", "name"] {
            assert!(documented.contains(key), "{key} missing: {documented:?}");
        }

        // Every key a real candidate's JSON carries is documented.
        let api = app.api_as(UserRole::Recruiter).await;
        let (status, ana) = api
            .post(
                "/api/v1/candidates",
                &json!({"name": "Ana", "email": "ana@example.com", "experience_years": 6}),
            )
            .await;
        assert_eq!(status, 201, "{ana}");
        assert_eq!(ana["estimated_level"], "senior", "{ana:#}");
        for key in ana.as_object().unwrap().keys() {
            assert!(documented.contains(key), "{key} is not in the schema");
        }
        app
    })
    .await;
}
