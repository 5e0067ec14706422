//! Candidates' work modes and relocation through the API and the pages, on every backend: create,
//! PATCH and clear them; bad values are 422 naming the field; an on-site or hybrid role's matches
//! keep the willing, the relocating and those who state nothing, and leave out remote-only people.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use common::{csrf_from, new_role, on_each_backend, put_scorecard, reasons_of, Api, TestApp};
use hireloop_core::user::UserRole;
use serde_json::{json, Value};

fn go_role(policy: &str) -> String {
    format!(
        "title = \"Go Engineer\"\nlevel = \"mid\"\nprimary_language = \"Go\"\n\
         engagement = \"full_time\"\nheadcount = 1\n[location]\npolicy = \"{policy}\"\n"
    )
}

/// A Go candidate with the given work modes and relocation (`Value::Null`: not stated).
async fn go_candidate(api: &Api, name: &str, modes: &[&str], relocate: Value) -> String {
    let email = format!("{}@example.com", name.to_lowercase().replace(' ', "."));
    let body = json!({"name": name, "email": email, "skills": ["go"],
                      "work_modes": modes, "open_to_relocation": relocate});
    let (status, created) = api.post("/api/v1/candidates", &body).await;
    assert_eq!(status, 201, "{created}");
    created["id"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn work_modes_are_created_patched_cleared_and_checked() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        let (status, created) = api
            .post(
                "/api/v1/candidates",
                &json!({"name": "Ana Hybrid", "email": "ana@example.com",
                        "work_modes": ["hybrid", "On-site"], "open_to_relocation": true}),
            )
            .await;
        assert_eq!(status, 201, "{created}");
        assert_eq!(created["work_modes"], json!(["hybrid", "onsite"]));
        assert_eq!(created["open_to_relocation"], true);
        let id = created["id"].as_str().unwrap();

        let (status, patched) = api
            .patch(
                &format!("/api/v1/candidates/{id}"),
                &json!({"work_modes": ["remote"], "open_to_relocation": false}),
            )
            .await;
        assert_eq!(status, 200, "{patched}");
        assert_eq!(patched["work_modes"], json!(["remote"]));
        assert_eq!(patched["open_to_relocation"], false);
        // A PATCH that does not name them keeps them; null clears them back to "not stated".
        let (_, kept) = api
            .patch(
                &format!("/api/v1/candidates/{id}"),
                &json!({"city": "Novi Sad"}),
            )
            .await;
        assert_eq!(kept["work_modes"], json!(["remote"]));
        let (status, cleared) = api
            .patch(
                &format!("/api/v1/candidates/{id}"),
                &json!({"work_modes": null, "open_to_relocation": null}),
            )
            .await;
        assert_eq!(status, 200, "{cleared}");
        assert_eq!(cleared["work_modes"], json!([]));
        assert_eq!(cleared["open_to_relocation"], Value::Null);
        let (_, read) = api.get(&format!("/api/v1/candidates/{id}")).await;
        assert_eq!(read, cleared);

        // Bad values: 422 naming the field.
        let (status, error) = api
            .post(
                "/api/v1/candidates",
                &json!({"name": "Bo", "email": "bo@example.com",
                        "work_modes": ["remote", "office"]}),
            )
            .await;
        assert_eq!(status, 422, "{error}");
        assert!(error.to_string().contains("work_modes[1]"), "{error}");
        assert!(
            error.to_string().contains("unknown work mode 'office'"),
            "{error}"
        );
        let (status, error) = api
            .patch(
                &format!("/api/v1/candidates/{id}"),
                &json!({"open_to_relocation": "maybe"}),
            )
            .await;
        assert_eq!(status, 422, "{error}");
        assert!(error.to_string().contains("open_to_relocation"), "{error}");

        // The OpenAPI document lists the fields and the work modes.
        let (status, document) = app.anonymous().get("/api/v1/openapi.json").await;
        assert_eq!(status, 200);
        let schemas = &document["components"]["schemas"];
        assert_eq!(
            schemas["WorkMode"]["enum"],
            json!(["remote", "hybrid", "onsite"]),
            "{:#}",
            schemas["WorkMode"]
        );
        let input = &schemas["CandidateInput"]["properties"];
        assert!(input["work_modes"].is_object(), "{input:#}");
        assert!(input["open_to_relocation"].is_object(), "{input:#}");
        app
    })
    .await;
}

#[tokio::test]
async fn an_on_site_role_leaves_out_remote_only_candidates_and_says_who_it_keeps() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        let role = new_role(&api).await;
        put_scorecard(&api, &role, &go_role("onsite")).await;
        let remote = go_candidate(&api, "Rita Remote", &["remote"], json!(false)).await;
        let onsite = go_candidate(&api, "Ona Onsite", &["onsite"], Value::Null).await;
        let moving = go_candidate(&api, "Mile Mover", &["remote"], json!(true)).await;
        let hybrid = go_candidate(&api, "Hana Hybrid", &["hybrid"], Value::Null).await;
        let silent = go_candidate(&api, "Sava Silent", &[], Value::Null).await;

        let (status, body) = api.get(&format!("/api/v1/roles/{role}/matches")).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["total"], 3, "{body:#}");
        let has = |id: &str, reason: &str| {
            let reasons = reasons_of(&body, id).unwrap_or_else(|| panic!("{id} missing: {body:#}"));
            assert!(reasons.iter().any(|r| r.starts_with(reason)), "{reasons:?}");
        };
        has(&onsite, "Willing to work on site");
        has(&moving, "Open to relocation");
        has(&silent, "States no work mode");
        assert!(reasons_of(&body, &remote).is_none(), "{body:#}");
        assert!(reasons_of(&body, &hybrid).is_none(), "{body:#}");
        let notes = body["notes"].to_string();
        assert!(notes.contains("The role is on-site"), "{notes}");
        assert!(notes.contains("who state no work mode are kept"), "{notes}");

        // A hybrid role also keeps the hybrid candidate; the index follows a PATCH at once.
        put_scorecard(&api, &role, &go_role("hybrid")).await;
        let (status, patched) = api
            .patch(
                &format!("/api/v1/candidates/{remote}"),
                &json!({"work_modes": ["remote", "onsite"]}),
            )
            .await;
        assert_eq!(status, 200, "{patched}");
        let (_, body) = api.get(&format!("/api/v1/roles/{role}/matches")).await;
        assert_eq!(body["total"], 5, "{body:#}");
        assert!(reasons_of(&body, &hybrid)
            .unwrap()
            .contains(&"Willing to work hybrid".to_string()));
        assert!(reasons_of(&body, &remote)
            .unwrap()
            .contains(&"Willing to work on site".to_string()));

        // A remote role does not filter on work mode.
        put_scorecard(&api, &role, &go_role("remote")).await;
        let (_, body) = api.get(&format!("/api/v1/roles/{role}/matches")).await;
        assert_eq!(body["total"], 5, "{body:#}");
        app
    })
    .await;
}

#[tokio::test]
async fn the_form_takes_work_modes_and_the_page_shows_them() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        let browser = app.browser_for(api.user.clone()).await;
        let (_, form) = browser.get("/candidates/new").await;
        assert!(form.contains("name=\"work_mode_onsite\""), "{form}");
        assert!(form.contains("name=\"open_to_relocation\""), "{form}");
        let csrf = csrf_from(&form);
        let (status, html) = browser
            .post_form(
                "/candidates",
                &[
                    ("_csrf", csrf.as_str()),
                    ("name", "Vesna Jović"),
                    ("email", "vesna@example.com"),
                    ("work_mode_hybrid", "on"),
                    ("open_to_relocation", "sometimes"),
                ],
            )
            .await;
        assert_eq!(status, 422, "{html}");
        assert!(
            html.contains("&#x27;sometimes&#x27; is not yes or no")
                || html.contains("'sometimes' is not yes or no"),
            "{html}"
        );
        // The ticked box stays ticked when the form comes back.
        assert!(
            html.contains("name=\"work_mode_hybrid\" value=\"on\" checked"),
            "{html}"
        );
        let (status, location) = browser
            .post_form(
                "/candidates",
                &[
                    ("_csrf", csrf.as_str()),
                    ("name", "Vesna Jović"),
                    ("email", "vesna@example.com"),
                    ("work_mode_hybrid", "on"),
                    ("work_mode_onsite", "on"),
                    ("open_to_relocation", "yes"),
                ],
            )
            .await;
        assert_eq!(status, 303, "{location}");
        let (_, stored) = api.get(&format!("/api/v1{location}")).await;
        assert_eq!(stored["work_modes"], json!(["hybrid", "onsite"]));
        assert_eq!(stored["open_to_relocation"], true);
        let (status, page) = browser.get(&location).await;
        assert_eq!(status, 200, "{page}");
        assert!(
            page.contains(
                "<dd id=\"candidate-work-modes\">Hybrid, On-site; open to relocation</dd>"
            ),
            "{page}"
        );
        app
    })
    .await;
}
