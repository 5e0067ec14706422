//! The interview pages in a browser session, on each backend: scheduling through the form, the kit,
//! the feedback form (draft, submit once, rubric errors) and the debrief proving independent
//! submission in the UI: interviewer B does not see A's scorecard until B has submitted.
#![allow(clippy::unwrap_used)]

mod common;

use common::{csrf_from, on_each_backend, role_with_scorecard, Browser, TestApp};
use hireloop_core::user::UserRole;
use serde_json::json;

const ANA_EVIDENCE: &str = "ANA-EVIDENCE sharded the ledger by account";

async fn application(app: &TestApp) -> String {
    let recruiter = app.api_as(UserRole::Recruiter).await;
    let role = role_with_scorecard(&recruiter).await;
    let (_, candidate) = recruiter
        .post(
            "/api/v1/candidates",
            &json!({"name": "Mira Novak", "email": "mira@example.com"}),
        )
        .await;
    let (status, application) = recruiter
        .post(
            "/api/v1/applications",
            &json!({"role_id": role, "candidate_id": candidate["id"]}),
        )
        .await;
    assert_eq!(status, 201, "{application}");
    application["id"].as_str().unwrap().to_string()
}

/// Posts the feedback form with the CSRF token from the form page.
async fn post_feedback(
    browser: &Browser,
    interview: &str,
    fields: &[(&str, &str)],
) -> (u16, String) {
    let path = format!("/interviews/{interview}/feedback");
    let (status, page) = browser.get(&path).await;
    assert_eq!(status, 200, "{page}");
    let csrf = csrf_from(&page);
    let mut all = vec![("_csrf", csrf.as_str())];
    all.extend_from_slice(fields);
    browser.post_form(&path, &all).await
}

#[tokio::test]
async fn schedule_kit_feedback_and_an_independent_debrief() {
    on_each_backend(|app| async move {
        let application = application(&app).await;
        let recruiter = app.browser_as(UserRole::Recruiter).await;
        let ana = app.browser_as(UserRole::Interviewer).await;
        let bo = app.browser_as(UserRole::Interviewer).await;
        let outsider = app.browser_as(UserRole::Interviewer).await;
        let list = format!("/applications/{application}/interviews");

        // Schedule through the form; an unknown interviewer is named next to the panel.
        let (status, page) = recruiter.get(&list).await;
        assert_eq!(status, 200);
        assert!(page.contains("Schedule an interview") && page.contains("No interviews yet"));
        let csrf = csrf_from(&page);
        let (ana_id, bo_id) = (ana.user.id.to_string(), bo.user.id.to_string());
        let stranger = uuid::Uuid::now_v7().to_string();
        let base = [
            ("_csrf", csrf.as_str()),
            ("stage_kind", "system_design"),
            ("starts_at", "2030-01-07T10:00"),
            ("duration_minutes", "60"),
            ("location", "Room Ada"),
            ("participants", ana_id.as_str()),
        ];
        let mut bad = base.to_vec();
        bad.push(("participants", stranger.as_str()));
        let (status, page) = recruiter.post_form(&list, &bad).await;
        assert_eq!(status, 422);
        assert!(page.contains("no such user"), "{page}");
        let mut good = base.to_vec();
        good.push(("participants", bo_id.as_str()));
        let (status, location) = recruiter.post_form(&list, &good).await;
        assert_eq!((status, location.as_str()), (303, list.as_str()));
        let (_, page) = recruiter.get(&list).await;
        assert!(page.contains("Mon 7 Jan 2030, 10:00 – 11:00 UTC"), "{page}");
        assert!(
            page.contains("Room Ada") && page.contains("Security, System design and failure modes")
        );

        // The panel sees the interview (scheduling assigned them); the interview id is in the page.
        let (status, page) = ana.get(&list).await;
        assert_eq!(status, 200);
        let marker = "href=\"/interviews/";
        let start = page.find(marker).unwrap() + marker.len();
        let interview = page[start..start + 36].to_string();
        assert!(page.contains("Your feedback"));
        assert!(
            !page.contains("Schedule an interview"),
            "interviewers do not schedule"
        );

        let (_, dashboard) = ana.get("/").await;
        assert!(
            dashboard.contains("Your upcoming interviews"),
            "{dashboard}"
        );
        assert!(dashboard.contains("System design with Mira Novak"));
        assert!(!outsider
            .get("/")
            .await
            .1
            .contains("Your upcoming interviews"));

        let (status, kit) = ana.get(&format!("/interviews/{interview}")).await;
        assert_eq!(status, 200);
        assert!(
            kit.contains("Why this stage")
                && kit.contains("Red flags")
                && kit.contains("Mira Novak")
        );
        assert_eq!(
            outsider.get(&format!("/interviews/{interview}")).await.0,
            404
        );
        assert_eq!(
            outsider
                .get(&format!("/applications/{application}/debrief"))
                .await
                .0,
            404
        );
        assert_eq!(
            recruiter
                .get(&format!("/interviews/{interview}/feedback"))
                .await
                .0,
            403
        );

        // Ana submits.
        let (status, location) = post_feedback(
            &ana,
            &interview,
            &[
                ("rating.system_design", "4"),
                ("evidence.system_design", ANA_EVIDENCE),
                ("rating.security", "no_evidence"),
                ("recommendation", "yes"),
                ("action", "submit"),
            ],
        )
        .await;
        assert_eq!(
            (status, location),
            (303, format!("/applications/{application}/debrief"))
        );
        let (_, page) = ana.get(&format!("/interviews/{interview}/feedback")).await;
        assert!(
            page.contains("Submitted feedback cannot change")
                && !page.contains("id=\"feedback-form\"")
        );
        let (status, page) = post_feedback(
            &ana,
            &interview,
            &[
                ("rating.system_design", "1"),
                ("evidence.system_design", "y"),
                ("rating.security", "1"),
                ("evidence.security", "z"),
                ("recommendation", "no"),
                ("action", "submit"),
            ],
        )
        .await;
        assert_eq!(status, 409);
        assert!(page.contains("already submitted"), "{page}");

        // Bo: a rating outside the rubric is refused next to the competency; then a draft.
        let (status, page) = post_feedback(
            &bo,
            &interview,
            &[
                ("rating.system_design", "5"),
                ("evidence.system_design", "x"),
                ("recommendation", "no"),
                ("action", "draft"),
            ],
        )
        .await;
        assert_eq!(status, 422);
        assert!(page.contains("outside the rubric"), "{page}");
        let (status, _) = post_feedback(
            &bo,
            &interview,
            &[
                ("rating.system_design", "2"),
                ("evidence.system_design", "BO-DRAFT"),
                ("recommendation", "no"),
                ("action", "draft"),
            ],
        )
        .await;
        assert_eq!(status, 303);
        let (_, page) = bo.get(&format!("/interviews/{interview}/feedback")).await;
        assert!(page.contains("Draft saved") && page.contains("BO-DRAFT"));

        // Before submitting, Bo's debrief hides Ana's scorecard and says so.
        let debrief = format!("/applications/{application}/debrief");
        let (status, page) = bo.get(&debrief).await;
        assert_eq!(status, 200);
        assert!(
            page.contains("1 scorecard hidden until you submit yours"),
            "{page}"
        );
        assert!(!page.contains(ANA_EVIDENCE));
        assert!(page.contains("Write your feedback"));
        // Ana sees her own, never Bo's draft.
        let (_, page) = ana.get(&debrief).await;
        assert!(page.contains(ANA_EVIDENCE) && !page.contains("BO-DRAFT"));

        let (status, _) = post_feedback(
            &bo,
            &interview,
            &[
                ("rating.system_design", "2"),
                ("evidence.system_design", "BO-EVIDENCE"),
                ("rating.security", "3"),
                ("evidence.security", "parameterised queries"),
                ("recommendation", "no"),
                ("action", "submit"),
            ],
        )
        .await;
        assert_eq!(status, 303);
        let (_, page) = bo.get(&debrief).await;
        assert!(
            page.contains(ANA_EVIDENCE) && page.contains("BO-EVIDENCE"),
            "{page}"
        );
        assert!(!page.contains("hidden until you submit"));
        assert!(
            page.contains("Disagreement"),
            "a spread of 2 on system design is flagged"
        );
        assert!(page.contains("Must-have coverage") && page.contains("Kafka"));
        app
    })
    .await;
}
