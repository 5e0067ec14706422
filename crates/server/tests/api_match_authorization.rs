//! A role's allowed countries consult candidates' work authorization, on every backend: someone
//! living elsewhere but authorized to work in an allowed country (by code or by a region holding
//! it) is ranked and the reasons say so; someone without is left out; someone stating no country
//! is kept with a note; a change of authorization reaches the ranking at once.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use common::{new_role, on_each_backend, put_scorecard, reasons_of, Api, TestApp};
use hireloop_core::user::UserRole;
use serde_json::json;

const GO_IN_GERMANY: &str = "title = \"Go Engineer, Berlin team\"\nlevel = \"mid\"\n\
    primary_language = \"Go\"\nengagement = \"full_time\"\nheadcount = 1\n\
    [location]\npolicy = \"remote\"\ncountries = [\"DE\"]\n";

/// A Go candidate stating a country (or none) and where they may work; returns the id.
async fn go_candidate(api: &Api, name: &str, country: Option<&str>, may: &[&str]) -> String {
    let email = format!("{}@example.com", name.to_lowercase().replace(' ', "."));
    let mut body = json!({"name": name, "email": email, "skills": ["go"],
                          "work_authorization": may});
    if let Some(c) = country {
        body["country"] = json!(c);
    }
    let (status, created) = api.post("/api/v1/candidates", &body).await;
    assert_eq!(status, 201, "{created}");
    created["id"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn authorization_for_an_allowed_country_or_its_region_keeps_a_candidate_living_elsewhere() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        let role = new_role(&api).await;
        put_scorecard(&api, &role, GO_IN_GERMANY).await;
        let resident = go_candidate(&api, "Dora Berlin", Some("DE"), &[]).await;
        let by_region = go_candidate(&api, "Rada Region", Some("RS"), &["western_europe"]).await;
        let by_code = go_candidate(&api, "Kosta Code", Some("rs"), &["de"]).await;
        let without = go_candidate(&api, "Nada Without", Some("RS"), &[]).await;
        let elsewhere = go_candidate(&api, "Ivo Elsewhere", Some("RS"), &["US"]).await;
        let unstated = go_candidate(&api, "Uma Unstated", None, &[]).await;

        let (status, body) = api.get(&format!("/api/v1/roles/{role}/matches")).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["total"], 4, "{body:#}");
        let has = |id: &str, reason: &str| {
            let reasons = reasons_of(&body, id).unwrap_or_else(|| panic!("{id} missing: {body:#}"));
            assert!(reasons.iter().any(|r| r == reason), "{reasons:?}");
        };
        has(&resident, "Lives in DE, an allowed country");
        has(
            &by_region,
            "Lives in RS; authorized to work in DE (as part of western_europe)",
        );
        has(&by_code, "Lives in RS; authorized to work in DE");
        has(
            &unstated,
            "States no country of residence: check where they live and may work before an offer",
        );
        assert!(reasons_of(&body, &without).is_none(), "{body:#}");
        assert!(reasons_of(&body, &elsewhere).is_none(), "{body:#}");
        let notes = body["notes"].to_string();
        assert!(notes.contains("Allowed countries (DE)"), "{notes}");
        assert!(notes.contains("authorized to work in one"), "{notes}");
        assert!(notes.contains("who state no country are kept"), "{notes}");

        // The index follows a change of authorization at once, both ways.
        let (status, patched) = api
            .patch(
                &format!("/api/v1/candidates/{without}"),
                &json!({"work_authorization": ["western_europe"]}),
            )
            .await;
        assert_eq!(status, 200, "{patched}");
        let (status, patched) = api
            .patch(
                &format!("/api/v1/candidates/{by_code}"),
                &json!({"work_authorization": []}),
            )
            .await;
        assert_eq!(status, 200, "{patched}");
        let (_, body) = api.get(&format!("/api/v1/roles/{role}/matches")).await;
        assert!(reasons_of(&body, &without).is_some(), "{body:#}");
        assert!(reasons_of(&body, &by_code).is_none(), "{body:#}");
        assert_eq!(body["total"], 4, "{body:#}");

        // An entry that is neither a country code nor a region is refused where it is entered,
        // naming it, so the engine only ever sees valid ones.
        let (status, error) = api
            .post(
                "/api/v1/candidates",
                &json!({"name": "Eva Error", "email": "eva@example.com", "skills": ["go"],
                        "work_authorization": ["DE", "europe"]}),
            )
            .await;
        assert_eq!(status, 422, "{error}");
        assert!(
            error.to_string().contains("work_authorization[1]"),
            "{error}"
        );
        app
    })
    .await;
}
