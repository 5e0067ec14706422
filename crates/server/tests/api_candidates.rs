//! The extended candidate profile over the API and the candidate page (issue #5): create and
//! PATCH with every field (old clients unchanged), field-named errors, vetting with its history,
//! and the matching index following edits and vetting, on every backend.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use common::{csrf_from, on_each_backend, role_with_scorecard, Api, TestApp};
use hireloop_core::user::UserRole;
use serde_json::{json, Value};

const STACK: [&str; 5] = ["go", "postgresql", "rest", "kafka", "system design"];

fn full_profile(email: &str) -> Value {
    json!({
        "name": "Ana Petrović", "email": email, "region": "eastern_europe",
        "skills": STACK,
        "skill_details": [{"skill": "go", "years": 6, "last_used_year": 2026},
                          {"skill": "kafka", "years": 2.5}],
        "timezone": "Europe/Belgrade",
        "links": {"github": "https://github.com/ana", "linkedin": "https://www.linkedin.com/in/ana"},
        "primary_language": "Go",
        "stated_level": "senior",
        "available_from": "2026-01-05",
        "hours_per_week": 40,
        "engagement": ["full_time", "contract_to_hire"],
        "work_authorization": ["RS", "western_europe"],
        "industries": ["payments"],
        "consent_until": "2020-01-01",
        "source_channel": "referral",
        "tags": ["strong writer"],
        "expected_rate": {"amount": 80, "period": "hour"}
    })
}

async fn create(api: &Api, body: &Value) -> Value {
    let (status, created) = api.post("/api/v1/candidates", body).await;
    assert_eq!(status, 201, "{created}");
    created
}

fn fields(body: &Value) -> Vec<String> {
    body["error"]["details"]["fields"]
        .as_array()
        .map(|f| {
            f.iter()
                .map(|e| e["field"].as_str().unwrap().to_string())
                .collect()
        })
        .unwrap_or_else(|| {
            vec![body["error"]["details"]["field"]
                .as_str()
                .unwrap_or("")
                .into()]
        })
}

#[tokio::test]
async fn every_profile_field_round_trips_and_old_clients_keep_working() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        let ana = create(&api, &full_profile("ana@example.com")).await;
        assert_eq!(ana["timezone"], "Europe/Belgrade");
        assert_eq!(ana["links"]["github"], "https://github.com/ana");
        assert_eq!(
            ana["skill_details"][0],
            json!({"skill": "go", "years": 6.0, "last_used_year": 2026})
        );
        assert_eq!(ana["stated_level"], "senior");
        assert_eq!(ana["available_from"], "2026-01-05");
        assert_eq!(ana["hours_per_week"], 40);
        assert_eq!(ana["engagement"], json!(["full_time", "contract_to_hire"]));
        assert_eq!(ana["work_authorization"], json!(["RS", "western_europe"]));
        assert_eq!(ana["consent_until"], "2020-01-01");
        assert_eq!(ana["source_channel"], "referral");
        assert_eq!(ana["vetting_status"], "unvetted");
        let (status, read) = api
            .get(&format!(
                "/api/v1/candidates/{}",
                ana["id"].as_str().unwrap()
            ))
            .await;
        assert_eq!((status, &read), (200, &ana));

        // A client that knows nothing of the profile.
        let plain = create(
            &api,
            &json!({"name": "Bora Ilić", "email": "bora@example.com", "skills": ["go"]}),
        )
        .await;
        assert_eq!(plain["timezone"], Value::Null);
        assert_eq!(plain["skill_details"], json!([]));
        assert_eq!(plain["vetting_status"], "unvetted");
        app
    })
    .await;
}

#[tokio::test]
async fn bad_profile_fields_are_named_and_nothing_is_stored() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        let mut body = full_profile("ana@example.com");
        body["timezone"] = json!("Mars/Base");
        body["skill_details"] = json!([{"skill": "go", "years": 3}, {"skill": "kafka"},
                                       {"skill": "rest", "years": 51, "last_used_year": 2999}]);
        body["hours_per_week"] = json!(0);
        body["links"]["github"] = json!("https://gitlab.com/ana");
        let (status, error) = api.post("/api/v1/candidates", &body).await;
        assert_eq!(status, 422, "{error}");
        let named = fields(&error);
        for field in [
            "timezone",
            "links.github",
            "skill_details[2].years",
            "skill_details[2].last_used_year",
            "hours_per_week",
        ] {
            assert!(named.contains(&field.to_string()), "{field} in {named:?}");
        }
        assert!(
            error.to_string().contains("unknown time zone 'Mars/Base'"),
            "{error}"
        );
        // A wrong type is named by its path too.
        let mut typed = full_profile("ana@example.com");
        typed["skill_details"][1]["years"] = json!("lots");
        let (status, error) = api.post("/api/v1/candidates", &typed).await;
        assert_eq!(status, 422);
        assert_eq!(fields(&error), ["skill_details[1].years"]);
        let (_, list) = api.get("/api/v1/candidates").await;
        assert!(list["items"].as_array().unwrap().is_empty());
        app
    })
    .await;
}

#[tokio::test]
async fn patch_changes_only_what_it_names_and_reindexes_the_candidate() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        let role = role_with_scorecard(&api).await;
        let matches = format!("/api/v1/roles/{role}/matches");
        // The role needs 4 years of Go; no years stated yet, so not a match.
        let mut body = full_profile("ana@example.com");
        body["skill_details"] = json!([]);
        let ana = create(&api, &body).await;
        let id = ana["id"].as_str().unwrap().to_string();
        let path = format!("/api/v1/candidates/{id}");
        let (_, before) = api.get(&matches).await;
        assert_eq!(before["total"], 0, "{before}");

        let (status, patched) = api
            .patch(
                &path,
                &json!({"skill_details": [{"skill": "go", "years": 5}], "stated_level": null,
                        "links": {"github": null, "website": "https://ana.dev"},
                        "timezone": "America/Sao_Paulo"}),
            )
            .await;
        assert_eq!(status, 200, "{patched}");
        assert_eq!(patched["skill_details"][0]["years"], 5.0);
        assert_eq!(patched["stated_level"], Value::Null);
        assert_eq!(
            patched["links"],
            json!({"linkedin": "https://www.linkedin.com/in/ana", "website": "https://ana.dev"})
        );
        assert_eq!(patched["timezone"], "America/Sao_Paulo");
        // Untouched fields stay.
        for key in [
            "name",
            "email",
            "skills",
            "expected_rate",
            "tags",
            "engagement",
            "created_at",
        ] {
            assert_eq!(patched[key], ana[key], "{key}");
        }
        let (_, after) = api.get(&matches).await;
        assert_eq!(after["total"], 1, "{after}");
        assert_eq!(after["matches"][0]["candidate_id"], id.as_str());
        let reasons = after["matches"][0]["reasons"].to_string();
        assert!(reasons.contains("Level not stated"), "{reasons}");

        // New skills alone keep the years of the skills that stay.
        let (status, fewer) = api.patch(&path, &json!({"skills": ["go", "kafka"]})).await;
        assert_eq!(status, 200, "{fewer}");
        assert_eq!(
            fewer["skill_details"],
            json!([{"skill": "go", "years": 5.0}])
        );
        let (status, restored) = api.patch(&path, &json!({"skills": STACK})).await;
        assert_eq!(status, 200, "{restored}");
        let patched = restored;

        let (status, bad) = api.patch(&path, &json!({"timezone": "Mars/Base"})).await;
        assert_eq!((status, fields(&bad)), (422, vec!["timezone".to_string()]));
        let (status, bad) = api.patch(&path, &json!({"shoe_size": 44})).await;
        assert_eq!((status, fields(&bad)), (422, vec!["shoe_size".to_string()]));
        let (status, bad) = api.patch(&path, &json!({"name": null})).await;
        assert_eq!((status, fields(&bad)), (422, vec!["name".to_string()]));
        let (status, _) = api.patch(&path, &json!(["not", "an", "object"])).await;
        assert_eq!(status, 400);
        create(&api, &json!({"name": "Bora", "email": "bora@example.com"})).await;
        let (status, taken) = api
            .patch(&path, &json!({"email": "bora@example.com"}))
            .await;
        assert_eq!(status, 409, "{taken}");
        let missing = uuid::Uuid::now_v7();
        let (status, _) = api
            .patch(
                &format!("/api/v1/candidates/{missing}"),
                &json!({"tags": []}),
            )
            .await;
        assert_eq!(status, 404);
        let interviewer = app.api_as(UserRole::Interviewer).await;
        let (status, _) = interviewer.patch(&path, &json!({"tags": []})).await;
        assert_eq!(status, 403);
        let (_, unchanged) = api.get(&path).await;
        assert_eq!(unchanged, patched);
        app
    })
    .await;
}

#[tokio::test]
async fn vetting_follows_the_rule_records_history_and_feeds_vetted_only_matches() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        let role = role_with_scorecard(&api).await;
        let ana = create(&api, &full_profile("ana@example.com")).await;
        let id = ana["id"].as_str().unwrap();
        let vetting = format!("/api/v1/candidates/{id}/vetting");

        let (status, refused) = api.post(&vetting, &json!({"status": "vetted"})).await;
        assert_eq!(status, 409, "{refused}");
        assert_eq!(fields(&refused), ["status"]);
        assert!(
            refused.to_string().contains("allowed: in_vetting"),
            "{refused}"
        );
        let (status, bad) = api.post(&vetting, &json!({"status": "approved"})).await;
        assert_eq!((status, fields(&bad)), (422, vec!["status".to_string()]));

        let (status, moved) = api.post(&vetting, &json!({"status": "in_vetting"})).await;
        assert_eq!(
            (status, &moved["vetting_status"]),
            (200, &json!("in_vetting"))
        );
        let (status, no_why) = api.post(&vetting, &json!({"status": "not_accepted"})).await;
        assert_eq!(status, 409, "{no_why}");
        let (status, _) = api
            .post(
                &vetting,
                &json!({"status": "vetted", "note": "Strong system design round"}),
            )
            .await;
        assert_eq!(status, 200);

        let (status, history) = api.get(&vetting).await;
        assert_eq!(status, 200);
        let history = history.as_array().unwrap();
        assert_eq!(history.len(), 2);
        assert_eq!(history[1]["from_status"], "in_vetting");
        assert_eq!(history[1]["to_status"], "vetted");
        assert_eq!(history[1]["note"], "Strong system design round");
        assert_eq!(history[1]["actor_id"], api.user.id.to_string());

        // Vetting reaches the index at once: the vetted-only ranking finds her.
        let (_, vetted) = api
            .get(&format!("/api/v1/roles/{role}/matches?vetted_only=true"))
            .await;
        assert_eq!(vetted["total"], 1, "{vetted}");
        assert!(vetted["matches"][0]["reasons"]
            .to_string()
            .contains("Vetted"));

        let manager = app.api_as(UserRole::HiringManager).await;
        let (status, _) = manager
            .post(&vetting, &json!({"status": "in_vetting"}))
            .await;
        assert_eq!(status, 403);
        let (status, _) = manager.get(&vetting).await;
        assert_eq!(status, 200);
        let interviewer = app.api_as(UserRole::Interviewer).await;
        let (status, _) = interviewer.get(&vetting).await;
        assert_eq!(
            status, 404,
            "not assigned: the candidate does not exist for them"
        );
        let missing = uuid::Uuid::now_v7();
        let (status, _) = api
            .post(
                &format!("/api/v1/candidates/{missing}/vetting"),
                &json!({"status": "in_vetting"}),
            )
            .await;
        assert_eq!(status, 404);
        app
    })
    .await;
}

#[tokio::test]
async fn the_candidate_page_shows_the_profile_and_records_vetting() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        let ana = create(&api, &full_profile("ana@example.com")).await;
        let id = ana["id"].as_str().unwrap();
        let browser = app.browser_as(UserRole::Recruiter).await;
        let page = format!("/candidates/{id}");
        let (status, html) = browser.get(&page).await;
        assert_eq!(status, 200, "{html}");
        for text in [
            "Europe&#x2f;Belgrade",
            "href=\"https:&#x2f;&#x2f;github.com&#x2f;ana\"",
            "go · 6 y · last used 2026",
            "kafka · 2.5 y",
            "Senior",
            "40 h/week",
            "Full-time, Contract-to-hire",
            "RS, western_europe",
            "Referral",
            "strong writer",
            "id=\"consent-expired\"",
            "Expired 2020-01-01",
            "Unvetted",
            "Not vetted yet.",
        ] {
            assert!(html.contains(text), "{text} in {html}");
        }
        // The offset is today's: winter or summer time.
        assert!(
            html.contains("(UTC+01:00 now)") || html.contains("(UTC+02:00 now)"),
            "{html}"
        );
        let csrf = csrf_from(&html);
        let vet = format!("{page}/vetting");
        let (status, to) = browser
            .post_form(
                &vet,
                &[
                    ("_csrf", csrf.as_str()),
                    ("status", "in_vetting"),
                    ("note", ""),
                ],
            )
            .await;
        assert_eq!((status, to.as_str()), (303, page.as_str()));
        let (status, refused) = browser
            .post_form(
                &vet,
                &[("_csrf", csrf.as_str()), ("status", "not_accepted")],
            )
            .await;
        assert_eq!(status, 409, "{refused}");
        assert!(refused.contains("id=\"vetting-error\""), "{refused}");
        assert!(
            refused.contains("a note saying why is required"),
            "{refused}"
        );
        let (_, html) = browser.get(&page).await;
        assert!(html.contains("In vetting</span>"), "{html}");
        assert!(
            html.contains("Unvetted → <strong>In vetting</strong> by"),
            "{html}"
        );
        // Without the CSRF token nothing changes; a hiring manager sees no vetting form.
        let (status, _) = browser.post_form(&vet, &[("status", "vetted")]).await;
        assert_eq!(status, 403);
        let manager = app.browser_as(UserRole::HiringManager).await;
        let (_, html) = manager.get(&page).await;
        // (The resume upload form is theirs too: only the vetting form is absent.)
        assert!(!html.contains(&format!("action=\"{vet}\"")), "{html}");
        assert!(html.contains("Vetting"), "{html}");
        let (_, history) = api.get(&format!("/api/v1/candidates/{id}/vetting")).await;
        assert_eq!(history.as_array().unwrap().len(), 1);
        app
    })
    .await;
}

#[tokio::test]
async fn the_new_candidate_form_takes_time_zone_level_availability_and_years() {
    on_each_backend(|app: TestApp| async move {
        let browser = app.browser_as(UserRole::Recruiter).await;
        let (_, form) = browser.get("/candidates/new").await;
        for name in [
            "timezone",
            "stated_level",
            "available_from",
            "hours_per_week",
            "source_channel",
        ] {
            assert!(form.contains(&format!("name=\"{name}\"")), "{name}");
        }
        let csrf = csrf_from(&form);
        let (status, html) = browser
            .post_form(
                "/candidates",
                &[
                    ("_csrf", csrf.as_str()),
                    ("name", "Vesna Jović"),
                    ("email", "vesna@example.com"),
                    ("skills", "Go:lots, Kafka"),
                    ("timezone", "Mars/Base"),
                    ("hours_per_week", "200"),
                ],
            )
            .await;
        assert_eq!(status, 422, "{html}");
        assert!(html.contains("unknown time zone"), "{html}");
        assert!(html.contains("Go:lots"), "{html}");
        assert!(html.contains("must be 1-80"), "{html}");
        let (status, location) = browser
            .post_form(
                "/candidates",
                &[
                    ("_csrf", csrf.as_str()),
                    ("name", "Vesna Jović"),
                    ("email", "vesna@example.com"),
                    ("skills", "Go:5.5, Kafka"),
                    ("timezone", "Europe/Belgrade"),
                    ("stated_level", "mid"),
                    ("available_from", "2027-02-01"),
                    ("hours_per_week", "30"),
                    ("source_channel", "inbound"),
                ],
            )
            .await;
        assert_eq!(status, 303, "{location}");
        let api = app.api_as(UserRole::Recruiter).await;
        let (_, stored) = api.get(&format!("/api/v1{location}")).await;
        assert_eq!(
            stored["skill_details"],
            json!([{"skill": "go", "years": 5.5}])
        );
        assert_eq!(stored["stated_level"], "mid");
        assert_eq!(stored["available_from"], "2027-02-01");
        assert_eq!(stored["hours_per_week"], 30);
        assert_eq!(stored["source_channel"], "inbound");
        assert_eq!(stored["timezone"], "Europe/Belgrade");
        app
    })
    .await;
}

#[tokio::test]
async fn a_json_resume_import_brings_years_and_keeps_what_a_recruiter_entered() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        let role = role_with_scorecard(&api).await;
        let mut body = full_profile("ana@example.com");
        body["skill_details"] = json!([]);
        let ana = create(&api, &body).await;
        let id = ana["id"].as_str().unwrap();
        api.post(
            &format!("/api/v1/candidates/{id}/vetting"),
            &json!({"status": "in_vetting"}),
        )
        .await;
        let resume = json!({
            "basics": {"name": "Ana Petrović", "email": "ana@example.com",
                       "location": {"countryCode": "RS"},
                       "profiles": [{"network": "GitHub", "username": "ana-p"}]},
            "skills": [{"name": "Go", "keywords": ["PostgreSQL", "REST", "Kafka", "System design"]}],
            "work": [{"startDate": "2018-01-01", "endDate": "2024-01-01",
                      "highlights": ["Payments in Go, Kafka and PostgreSQL"]}]
        });
        let request = api
            .client
            .post(format!("{}/api/v1/candidates/import?input=jsonresume", api.base))
            .header("content-type", "application/json")
            .body(resume.to_string());
        let response = api.with_auth(request).send().await.unwrap();
        assert_eq!(response.status().as_u16(), 200);
        let report: Value = response.json().await.unwrap();
        assert_eq!(report["updated"], 1, "{report}");

        let (_, after) = api.get(&format!("/api/v1/candidates/{id}")).await;
        // From the resume: the GitHub link and 6 years of Go, Kafka and PostgreSQL.
        assert_eq!(after["links"]["github"], "https://github.com/ana-p");
        let years: Vec<(&str, f64)> = after["skill_details"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| (d["skill"].as_str().unwrap(), d["years"].as_f64().unwrap()))
            .collect();
        assert_eq!(years, [("go", 6.0), ("postgresql", 6.0), ("kafka", 6.0)]);
        // Kept: what the resume does not state, and the vetting status.
        for key in ["timezone", "stated_level", "tags", "consent_until", "source_channel"] {
            assert_eq!(after[key], ana[key], "{key}");
        }
        assert_eq!(after["vetting_status"], "in_vetting");
        // The import re-indexed her: Go years now meet the role's minimum.
        let (_, matches) = api.get(&format!("/api/v1/roles/{role}/matches")).await;
        assert_eq!(matches["total"], 1, "{matches}");
        app
    })
    .await;
}
