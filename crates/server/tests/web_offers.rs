//! The offer, trial and onboarding pages, on every backend: each renders for the people who use it,
//! and their forms (with CSRF) make an offer, refuse an incomplete approval, start and end a trial,
//! generate an onboarding plan, tick a task and rate the hire.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use common::{csrf_from, on_each_backend, role_with_scorecard, TestApp};
use hireloop_core::user::UserRole;
use serde_json::json;

async fn application(app: &TestApp) -> (common::Api, String) {
    let api = app.api_as(UserRole::Recruiter).await;
    let role = role_with_scorecard(&api).await;
    let (status, candidate) = api
        .post(
            "/api/v1/candidates",
            &json!({"name": "Ana Petrovic", "email": "ana@example.com", "region": "eastern_europe",
                    "skills": ["Go", "PostgreSQL"]}),
        )
        .await;
    assert_eq!(status, 201, "{candidate}");
    let (status, application) = api
        .post(
            "/api/v1/applications",
            &json!({"role_id": role, "candidate_id": candidate["id"]}),
        )
        .await;
    assert_eq!(status, 201, "{application}");
    let id = application["id"].as_str().unwrap().to_string();
    (api, id)
}

#[tokio::test]
async fn the_offer_page_makes_an_offer_and_names_what_approval_still_needs() {
    on_each_backend(|app: TestApp| async move {
        let (api, id) = application(&app).await;
        let manager = app.browser_as(UserRole::HiringManager).await;
        let path = format!("/applications/{id}/offer");
        let (status, page) = manager.get(&path).await;
        assert_eq!(status, 200, "{page}");
        assert!(page.contains("Make an offer"), "{page}");
        assert!(
            page.contains("aria-current=\"page\">Offer</a>"),
            "the Offer tab is marked"
        );
        let csrf = csrf_from(&page);

        // A word where a number belongs: the form comes back with the problem next to the field.
        let (status, page) = manager
            .post_form(
                &path,
                &[
                    ("_csrf", &csrf),
                    ("mode", "create"),
                    ("compensation.pay.amount", "lots"),
                    ("compensation.pay.period", "year"),
                    ("engagement", "full_time"),
                    ("start_date", "2030-02-01"),
                ],
            )
            .await;
        assert_eq!(status, 422, "{page}");
        assert!(
            page.contains("enter a whole number (got &#x27;lots&#x27;)"),
            "{page}"
        );
        assert!(
            page.contains("value=\"2030-02-01\""),
            "the form keeps what was typed"
        );

        let (status, location) = manager
            .post_form(
                &path,
                &[
                    ("_csrf", &csrf),
                    ("mode", "create"),
                    ("compensation.pay.amount", "150,000"),
                    ("compensation.pay.period", "year"),
                    ("compensation.pay.currency", "USD"),
                    ("engagement", "full_time"),
                    ("start_date", "2030-02-01"),
                    ("checklist.ownership", "The payments API"),
                ],
            )
            .await;
        assert_eq!((status, location.as_str()), (303, path.as_str()));
        let (_, stored) = api.get(&format!("/api/v1/applications/{id}/offer")).await;
        assert_eq!(stored["offer"]["compensation"]["pay"]["amount"], 150_000);

        let (status, page) = manager.get(&path).await;
        assert_eq!(status, 200);
        assert!(page.contains("150000 USD"), "{page}");
        assert!(
            page.contains("Still open: How decisions are made"),
            "{page}"
        );
        assert!(page.contains("id=\"market-comparison\""), "{page}");
        assert!(page.contains("Change the offer"), "a draft can be changed");
        assert!(
            page.contains("value=\"approved\""),
            "hiring managers see Approve"
        );

        let (status, page) = manager
            .post_form(
                &format!("{path}/transition"),
                &[("_csrf", &csrf), ("to", "approved"), ("version", "1")],
            )
            .await;
        assert_eq!(status, 422, "{page}");
        assert!(
            page.contains("On-call pay: answer this before the offer is approved"),
            "{page}"
        );

        // Recruiters see no Approve button; interviewers do not see offers at all.
        let recruiter = app.browser_as(UserRole::Recruiter).await;
        let (_, page) = recruiter.get(&path).await;
        assert!(!page.contains("value=\"approved\""), "{page}");
        assert!(page.contains("value=\"withdrawn\""));
        let interviewer = app.browser_as(UserRole::Interviewer).await;
        api.post(
            &format!("/api/v1/applications/{id}/interviewers"),
            &json!({"user_id": interviewer.user.id}),
        )
        .await;
        let (status, _) = interviewer.get(&path).await;
        assert_eq!(status, 403);
        app
    })
    .await;
}

#[tokio::test]
async fn a_trial_and_onboarding_run_through_their_pages() {
    on_each_backend(|app: TestApp| async move {
        let (api, id) = application(&app).await;
        let recruiter = app.browser_as(UserRole::Recruiter).await;

        let trial = format!("/applications/{id}/trial");
        let (status, page) = recruiter.get(&trial).await;
        assert_eq!(status, 200, "{page}");
        assert!(page.contains("Start a trial"), "{page}");
        let csrf = csrf_from(&page);
        let (status, location) = recruiter
            .post_form(
                &trial,
                &[
                    ("_csrf", &csrf),
                    ("start", "2030-01-07"),
                    ("days", ""),
                    (
                        "goals",
                        "Ship the refunds endpoint\nPair on an incident review",
                    ),
                ],
            )
            .await;
        assert_eq!((status, location.as_str()), (303, trial.as_str()));
        let (_, page) = recruiter.get(&trial).await;
        assert!(page.contains("14 days, 2030-01-07 to 2030-01-20"), "{page}");
        assert!(
            page.contains("<li>Pair on an incident review</li>"),
            "{page}"
        );
        let (status, location) = recruiter
            .post_form(
                &format!("{trial}/outcome"),
                &[
                    ("_csrf", &csrf),
                    ("outcome", "convert"),
                    ("note", "shipped both"),
                ],
            )
            .await;
        assert_eq!((status, location.as_str()), (303, trial.as_str()));
        let (_, application) = api.get(&format!("/api/v1/applications/{id}")).await;
        assert_eq!(application["stage"], "hired");

        let onboarding = format!("/applications/{id}/onboarding");
        let (status, page) = recruiter.get(&onboarding).await;
        assert_eq!(status, 200, "{page}");
        assert!(page.contains("Generate the 30/60/90-day plan"), "{page}");
        let (status, location) = recruiter
            .post_form(
                &onboarding,
                &[("_csrf", &csrf), ("start_date", "2030-02-04")],
            )
            .await;
        assert_eq!((status, location.as_str()), (303, onboarding.as_str()));
        let (_, plan) = api
            .get(&format!("/api/v1/applications/{id}/onboarding"))
            .await;
        let total = plan["total"].as_u64().unwrap();
        let first = plan["tasks"][0]["id"].as_str().unwrap().to_string();

        let (_, page) = recruiter.get(&onboarding).await;
        for phase in ["By day 30", "By day 60", "By day 90"] {
            assert!(page.contains(phase), "{phase}");
        }
        assert!(page.contains(&format!("0 of {total} tasks done")), "{page}");
        assert!(
            page.contains("Own payments API with normal review support"),
            "the role scope becomes a task"
        );
        let (status, _) = recruiter
            .post_form(
                &format!("{onboarding}/tasks/{first}"),
                &[("_csrf", &csrf), ("done", "true")],
            )
            .await;
        assert_eq!(status, 303);
        let (_, page) = recruiter.get(&onboarding).await;
        assert!(page.contains(&format!("1 of {total} tasks done")), "{page}");

        let (status, page) = recruiter
            .post_form(
                &format!("{onboarding}/quality"),
                &[("_csrf", &csrf), ("rating", "9")],
            )
            .await;
        assert_eq!(status, 422, "{page}");
        assert!(page.contains("must be 1 to 4"), "{page}");
        let (status, _) = recruiter
            .post_form(
                &format!("{onboarding}/quality"),
                &[
                    ("_csrf", &csrf),
                    ("rating", "4"),
                    ("note", "owns the ledger"),
                ],
            )
            .await;
        assert_eq!(status, 303);
        let (_, page) = recruiter.get(&onboarding).await;
        assert!(page.contains("4 · Above the bar"), "{page}");
        assert!(page.contains("owns the ledger"));

        // Without the CSRF token a form is refused and nothing changes.
        let (status, _) = recruiter
            .post_form(&format!("{onboarding}/tasks/{first}"), &[("done", "")])
            .await;
        assert_eq!(status, 403);
        let (_, plan) = api
            .get(&format!("/api/v1/applications/{id}/onboarding"))
            .await;
        assert_eq!(plan["done"], 1);
        app
    })
    .await;
}
