//! The application overview page, on every backend: candidate, role, stage, the timeline with
//! reasons, notes and actors, and the decision form (CSRF, field errors, stale pages).

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use common::{csrf_from, new_role, on_each_backend, Api, Browser, TestApp};
use hireloop_core::user::UserRole;
use serde_json::json;

/// A role and an application on it, made through the API; returns (role id, application id).
async fn setup(api: &Api) -> (String, String) {
    let role = new_role(api).await;
    let id = apply(api, &role, "Ana Petrović", "ana@example.com").await;
    (role, id)
}

/// A new candidate's application on `role`; returns its id.
async fn apply(api: &Api, role: &str, name: &str, email: &str) -> String {
    let (status, candidate) = api
        .post(
            "/api/v1/candidates",
            &json!({"name": name, "email": email, "skills": ["Go", "Kafka"]}),
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
    application["id"].as_str().unwrap().to_string()
}

/// Posts the decision form of the page as it is now, with its CSRF token and shown stage.
async fn decide(browser: &Browser, id: &str, fields: &[(&str, &str)]) -> (u16, String) {
    let page = format!("/applications/{id}");
    let (status, html) = browser.get(&page).await;
    assert_eq!(status, 200, "{html}");
    let csrf = csrf_from(&html);
    let mut all = fields.to_vec();
    all.push(("_csrf", &csrf));
    browser.post_form(&format!("{page}/decision"), &all).await
}

/// The timeline table of a page.
fn timeline(html: &str) -> &str {
    let start = html.find("id=\"timeline\"").expect("a timeline");
    let rest = &html[start..];
    &rest[..rest.find("</table>").unwrap()]
}

#[tokio::test]
async fn the_overview_shows_candidate_role_stage_and_timeline() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        let (role, id) = setup(&api).await;
        let browser = app.browser_as(UserRole::HiringManager).await;
        let (status, html) = browser.get(&format!("/applications/{id}")).await;
        assert_eq!(status, 200, "{html}");
        assert!(
            html.contains(&format!(
                "href=\"/applications/{id}\" aria-current=\"page\">Overview"
            )),
            "{html}"
        );
        assert!(
            html.contains("debrief\">Debrief</a>"),
            "the shared tabs: {html}"
        );
        assert!(html.contains("Senior Go Engineer") && html.contains("Ana Petrović"));
        assert!(html.contains(&format!("href=\"/roles/{role}\"")));
        assert!(html.contains("id=\"current-stage\">Sourced<"), "{html}");
        let rows = timeline(&html);
        assert!(
            rows.contains("Added in") && rows.contains("Test Recruiter"),
            "{rows}"
        );
        // The decision form offers the next stage and the taxonomy's reasons.
        assert!(html.contains("Advance to Screening"));
        assert!(
            html.contains("value=\"skill_gap\"") && html.contains("value=\"accepted_other_offer\"")
        );
        assert!(html.contains("name=\"_csrf\""));

        let (status, _) = browser.get("/applications/not-an-id").await;
        assert_eq!(status, 404);
        let (status, _) = browser
            .get(&format!("/applications/{}", uuid::Uuid::now_v7()))
            .await;
        assert_eq!(status, 404);
        app
    })
    .await;
}

#[tokio::test]
async fn a_decision_through_the_form_moves_the_application_and_joins_the_timeline() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        let (_, id) = setup(&api).await;
        let browser = app.browser_as(UserRole::HiringManager).await;
        let page = format!("/applications/{id}");

        // Without the CSRF token nothing happens.
        let (status, _) = browser
            .post_form(&format!("{page}/decision"), &[("decision", "advance")])
            .await;
        assert_eq!(status, 403);

        let (status, location) = decide(
            &browser,
            &id,
            &[("decision", "advance"), ("from_stage", "sourced")],
        )
        .await;
        assert_eq!((status, location.as_str()), (303, page.as_str()));

        // Rejecting without a reason shows the form again with the problem at the reason.
        let (status, html) = decide(
            &browser,
            &id,
            &[
                ("decision", "reject"),
                ("reason", ""),
                ("note", "weak on failure modes"),
                ("from_stage", "screening"),
            ],
        )
        .await;
        assert_eq!(status, 422, "{html}");
        assert!(html.contains("id=\"f-reason-error\""), "{html}");
        assert!(html.contains("weak on failure modes"), "the note is kept");
        assert!(html.contains("id=\"current-stage\">Screening<"));

        let (status, _) = decide(
            &browser,
            &id,
            &[
                ("decision", "reject"),
                ("reason", "skill_gap"),
                ("note", "weak on failure modes"),
                ("from_stage", "screening"),
            ],
        )
        .await;
        assert_eq!(status, 303);
        let (_, html) = browser.get(&page).await;
        assert!(html.contains("id=\"current-stage\">Rejected<"), "{html}");
        let rows = timeline(&html);
        // Newest first: the rejection, with its reason label, note and who decided.
        let rejection = rows
            .find("Skill gap")
            .expect("reason label in the timeline");
        assert!(rejection < rows.find("Added in").unwrap(), "{rows}");
        assert!(rows.contains("“weak on failure modes”"));
        assert!(rows.contains("Test Hiring manager"), "{rows}");
        let stored = app.store.stage_history(id.parse().unwrap()).await.unwrap();
        assert_eq!(
            stored.last().unwrap().reason_code.as_deref(),
            Some("skill_gap")
        );
        app
    })
    .await;
}

#[tokio::test]
async fn a_decision_from_a_stale_page_is_refused_and_the_page_shows_where_it_is() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        let (_, id) = setup(&api).await;
        let browser = app.browser_as(UserRole::Recruiter).await;
        let (_, html) = browser.get(&format!("/applications/{id}")).await;
        let csrf = csrf_from(&html);
        // Someone else advances it while this page is open.
        let (status, _) = api
            .post(
                &format!("/api/v1/applications/{id}/decision"),
                &json!({"decision": "advance"}),
            )
            .await;
        assert_eq!(status, 200);
        let (status, html) = browser
            .post_form(
                &format!("/applications/{id}/decision"),
                &[
                    ("decision", "withdraw"),
                    ("reason", "withdrew"),
                    ("from_stage", "sourced"),
                    ("_csrf", &csrf),
                ],
            )
            .await;
        assert_eq!(status, 409, "{html}");
        assert!(
            html.contains("no longer in &#x27;sourced&#x27;")
                || html.contains("no longer in 'sourced'"),
            "{html}"
        );
        assert!(html.contains("id=\"current-stage\">Screening<"));
        app
    })
    .await;
}

#[tokio::test]
async fn interviewers_see_their_applications_without_the_decision_form() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        let (_, id) = setup(&api).await;
        let browser = app.browser_as(UserRole::Interviewer).await;
        let page = format!("/applications/{id}");
        assert_eq!(browser.get(&page).await.0, 404, "not assigned");
        let (status, _) = api
            .post(
                &format!("/api/v1/applications/{id}/interviewers"),
                &json!({"user_id": browser.user.id}),
            )
            .await;
        assert_eq!(status, 204);
        let (status, html) = browser.get(&page).await;
        assert_eq!(status, 200, "{html}");
        assert!(html.contains("id=\"timeline\""));
        assert!(!html.contains("id=\"decision-form\""), "{html}");
        let csrf = csrf_from(&html);
        let (status, _) = browser
            .post_form(
                &format!("{page}/decision"),
                &[
                    ("decision", "reject"),
                    ("reason", "skill_gap"),
                    ("_csrf", &csrf),
                ],
            )
            .await;
        assert_eq!(status, 403);
        app
    })
    .await;
}

#[tokio::test]
async fn the_board_and_the_candidate_page_link_to_the_application() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        let (role, id) = setup(&api).await;
        let browser = app.browser_as(UserRole::Recruiter).await;
        let link = format!("href=\"/applications/{id}\"");
        let (_, board) = browser.get(&format!("/roles/{role}")).await;
        assert!(board.contains(&link), "{board}");
        let (_, application) = api.get(&format!("/api/v1/applications/{id}")).await;
        let candidate = application["candidate_id"].as_str().unwrap();
        let (_, page) = browser.get(&format!("/candidates/{candidate}")).await;
        assert!(page.contains(&link), "{page}");
        app
    })
    .await;
}

#[tokio::test]
async fn scheduled_interviews_join_the_timeline() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        let (_, id) = setup(&api).await;
        let interviewer = app.api_as(UserRole::Interviewer).await;
        let starts = (chrono::Utc::now() + chrono::Duration::days(3)).to_rfc3339();
        let (status, body) = api
            .post(
                &format!("/api/v1/applications/{id}/interviews"),
                &json!({"stage_kind": "system_design", "starts_at": starts, "duration_minutes": 60,
                        "competencies": ["system_design"], "participants": [interviewer.user.id]}),
            )
            .await;
        assert_eq!(status, 201, "{body}");
        let browser = app.browser_as(UserRole::Recruiter).await;
        let (_, html) = browser.get(&format!("/applications/{id}")).await;
        let rows = timeline(&html);
        // The upcoming interview leads the timeline, linked to the interviews tab, with its panel.
        let interview = rows
            .find("System design</a>: scheduled")
            .expect("the interview row");
        assert!(interview < rows.find("Added in").unwrap(), "{rows}");
        assert!(rows.contains("interviews\">System design"), "{rows}");
        assert!(rows.contains("with Test Interviewer"), "{rows}");

        // The offer's latest status joins too, linked to the offer tab.
        let input: hireloop_core::interview::OfferInput = serde_json::from_value(json!({
            "compensation": {"pay": {"amount": 150000, "period": "year"}},
            "engagement": "full_time",
            "start_date": "2030-02-01",
        }))
        .unwrap();
        let terms = input.parse(chrono::Utc::now().date_naive()).unwrap();
        app.store
            .create_offer(id.parse().unwrap(), &terms, None)
            .await
            .unwrap();
        let (_, html) = browser.get(&format!("/applications/{id}")).await;
        let rows = timeline(&html);
        assert!(
            rows.contains("offer\">Offer (version 1)</a>: draft"),
            "{rows}"
        );
        // The interviewer's submitted scorecard joins as a fact, never its ratings; the offer
        // stays hidden from the interviewer, who cannot see offers anywhere.
        let interview_id = body["id"].as_str().unwrap();
        let request = interviewer
            .client
            .put(format!(
                "{}/api/v1/interviews/{interview_id}/feedback",
                interviewer.base
            ))
            .json(
                &json!({"ratings": [{"competency": "system_design", "rating": 3,
                                       "evidence": "a sharded ledger with idempotent retries"}],
                          "recommendation": "yes", "submit": true}),
            );
        let response = interviewer.with_auth(request).send().await.unwrap();
        assert_eq!(response.status().as_u16(), 200);
        let (_, html) = browser.get(&format!("/applications/{id}")).await;
        let rows = timeline(&html);
        assert!(
            rows.contains("debrief\">Scorecard</a>: submitted by test interviewer"),
            "{rows}"
        );
        assert!(!rows.contains("idempotent retries"), "{rows}");
        let interviewer_browser = app.browser_for(interviewer.user.clone()).await;
        let (_, html) = interviewer_browser
            .get(&format!("/applications/{id}"))
            .await;
        let rows = timeline(&html);
        assert!(rows.contains("Scorecard</a>"), "{rows}");
        assert!(!rows.contains("Offer (version"), "{rows}");
        app
    })
    .await;
}

#[tokio::test]
async fn the_board_decides_on_the_ticked_cards_and_says_which_were_not_decided() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        let (role, ana) = setup(&api).await;
        let bo = apply(&api, &role, "Bo Lindqvist", "bo@example.com").await;
        let cy = apply(&api, &role, "Cy Okafor", "cy@example.com").await;
        let browser = app.browser_as(UserRole::HiringManager).await;
        let role_page = format!("/roles/{role}");
        let (_, html) = browser.get(&role_page).await;
        assert!(html.contains("id=\"bulk-decision\""), "{html}");
        assert!(html.contains(&format!(
            "name=\"application_id\" value=\"{ana}\" form=\"bulk-decision\""
        )));
        let csrf = csrf_from(&html);
        let action = format!("{role_page}/board/decide");

        // A rejection without a reason decides nothing.
        let (status, html) = browser
            .post_form(
                &action,
                &[
                    ("application_id", &ana),
                    ("decision", "reject"),
                    ("_csrf", &csrf),
                ],
            )
            .await;
        assert_eq!(status, 422, "{html}");
        assert!(html.contains("needs a reason"), "{html}");

        // All decided: back to the board.
        let (status, location) = browser
            .post_form(
                &action,
                &[
                    ("application_id", &ana),
                    ("application_id", &bo),
                    ("decision", "advance"),
                    ("_csrf", &csrf),
                ],
            )
            .await;
        assert_eq!((status, location.as_str()), (303, role_page.as_str()));

        // Cy is withdrawn meanwhile; a bulk rejection decides Ana and Bo and says why not Cy.
        let (status, _) = api
            .post(
                &format!("/api/v1/applications/{cy}/decision"),
                &json!({"decision": "withdraw", "reason": "withdrew"}),
            )
            .await;
        assert_eq!(status, 200);
        let other = uuid::Uuid::now_v7().to_string();
        let (status, html) = browser
            .post_form(
                &action,
                &[
                    ("application_id", ana.as_str()),
                    ("application_id", &bo),
                    ("application_id", &cy),
                    ("application_id", &other),
                    ("decision", "reject"),
                    ("reason", "budget"),
                    ("note", "over the approved band"),
                    ("_csrf", &csrf),
                ],
            )
            .await;
        assert_eq!(status, 200, "{html}");
        assert!(html.contains("2 of 4 decided (reject)"), "{html}");
        assert!(
            html.contains("Cy Okafor: the application is withdrawn already"),
            "{html}"
        );
        assert!(
            html.contains(&format!("{other}: not on this role")),
            "{html}"
        );
        for (id, stage) in [(&ana, "rejected"), (&bo, "rejected"), (&cy, "withdrawn")] {
            let (_, current) = api.get(&format!("/api/v1/applications/{id}")).await;
            assert_eq!(current["stage"], stage);
        }
        let last = app
            .store
            .stage_history(bo.parse().unwrap())
            .await
            .unwrap()
            .pop()
            .unwrap();
        assert_eq!(last.reason_code.as_deref(), Some("budget"));
        assert_eq!(last.actor_id, Some(browser.user.id));

        // Interviewers get no bulk form.
        let interviewer = app.browser_as(UserRole::Interviewer).await;
        let (_, html) = interviewer.get(&role_page).await;
        assert!(!html.contains("id=\"bulk-decision\""));
        app
    })
    .await;
}
