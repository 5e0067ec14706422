//! Roles, candidates and the board through the HTML forms, as a hiring team uses them.
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use common::{csrf_from, on_each_backend, Browser, TestApp};
use hireloop_core::authz::system_visibility;
use hireloop_core::page::PageRequest;
use hireloop_core::user::UserRole;

/// Fills and posts a form on `page` (its CSRF token included); returns status and body/location.
async fn submit(
    browser: &Browser,
    page: &str,
    action: &str,
    fields: &[(&str, &str)],
) -> (u16, String) {
    let (status, html) = browser.get(page).await;
    assert_eq!(status, 200, "GET {page}: {html}");
    let csrf = csrf_from(&html);
    let mut all = fields.to_vec();
    all.push(("_csrf", &csrf));
    browser.post_form(action, &all).await
}

async fn create_role(browser: &Browser, title: &str) -> String {
    let (status, location) = submit(
        browser,
        "/roles/new",
        "/roles",
        &[
            ("title", title),
            ("level", "senior"),
            ("primary_language", "Go"),
            ("status", "open"),
        ],
    )
    .await;
    assert_eq!(status, 303, "{location}");
    location
}

async fn create_candidate(browser: &Browser, name: &str, email: &str) -> String {
    let (status, location) = submit(
        browser,
        "/candidates/new",
        "/candidates",
        &[
            ("name", name),
            ("email", email),
            ("location", "Belgrade, Serbia"),
            ("region", "eastern_europe"),
            ("skills", "Go, PostgreSQL"),
            ("expected_rate.amount", "85"),
            ("expected_rate.currency", "USD"),
            ("expected_rate.period", "hour"),
        ],
    )
    .await;
    assert_eq!(status, 303, "{location}");
    location
}

/// The HTML of one board column.
fn column<'a>(html: &'a str, stage: &str) -> &'a str {
    let marker = format!("data-stage=\"{stage}\"");
    let start = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no {stage} column in {html}"));
    let rest = &html[start..];
    &rest[..rest.find("</section>").unwrap_or(rest.len())]
}

/// Posts a board move as htmx does (header token, HX-Request), returning status and fragment.
async fn htmx_move(browser: &Browser, role_page: &str, fields: &[(&str, &str)]) -> (u16, String) {
    let (_, html) = browser.get(role_page).await;
    let response = browser
        .client
        .post(format!("{}{role_page}/board/move", browser.base))
        .header("hx-request", "true")
        .header("x-csrf-token", csrf_from(&html))
        .form(fields)
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

#[tokio::test]
async fn a_role_created_through_the_form_is_listed_and_has_a_board() {
    on_each_backend(|app: TestApp| async move {
        let browser = app.browser_as(UserRole::HiringManager).await;
        let role_page = create_role(&browser, "Senior Go Engineer, Payments API (Remote)").await;
        assert!(role_page.starts_with("/roles/"));

        let (status, list) = browser.get("/roles").await;
        assert_eq!(status, 200);
        assert!(
            list.contains("Senior Go Engineer, Payments API (Remote)"),
            "{list}"
        );
        assert!(list.contains(&format!("href=\"{role_page}\"")), "{list}");

        let (status, page) = browser.get(&role_page).await;
        assert_eq!(status, 200);
        for stage in [
            "sourced",
            "screening",
            "take_home",
            "offer",
            "hired",
            "rejected",
            "withdrawn",
        ] {
            assert!(page.contains(&format!("data-stage=\"{stage}\"")), "{stage}");
        }
        // The hiring manager defaulted to the user who created the role.
        assert!(page.contains(browser.user.name.as_str()), "{page}");
        app
    })
    .await;
}

#[tokio::test]
async fn an_invalid_role_form_shows_the_message_at_the_field_and_stores_nothing() {
    on_each_backend(|app: TestApp| async move {
        let browser = app.browser_as(UserRole::Recruiter).await;
        let count = || async {
            app.store
                .list_roles(&PageRequest::default())
                .await
                .unwrap()
                .items
                .len()
        };
        let before = count().await;
        let (status, html) = submit(
            &browser,
            "/roles/new",
            "/roles",
            &[
                ("title", "Go"),
                ("level", "senior"),
                ("primary_language", "Rust (Axum)"),
                ("status", "open"),
            ],
        )
        .await;
        assert_eq!(status, 422);
        let at_title = html
            .find("id=\"f-title-error\"")
            .expect("an error next to the title");
        assert!(
            html[at_title..].starts_with("id=\"f-title-error\">must be at least 3 characters"),
            "{html}"
        );
        assert!(
            html.contains("aria-describedby=\"f-title-error\""),
            "{html}"
        );
        // What was typed is kept.
        assert!(html.contains("value=\"Rust (Axum)\""), "{html}");
        assert!(html.contains("value=\"Go\""), "{html}");
        assert_eq!(count().await, before);
        app
    })
    .await;
}

#[tokio::test]
async fn candidates_are_created_with_tags_and_duplicates_are_refused_at_the_email() {
    on_each_backend(|app: TestApp| async move {
        let browser = app.browser_as(UserRole::Recruiter).await;
        let profile = create_candidate(&browser, "Ana Petrović", "ana@example.com").await;
        let (status, page) = browser.get(&profile).await;
        assert_eq!(status, 200);
        assert!(page.contains("Ana Petrović"), "{page}");
        assert!(
            page.contains("<li class=\"tag\">go</li><li class=\"tag\">postgresql</li>"),
            "{page}"
        );
        assert!(page.contains("85 USD per hour"), "{page}");

        let (_, list) = browser.get("/candidates").await;
        assert!(list.contains("ana@example.com"), "{list}");
        assert!(list.contains("<li class=\"tag\">postgresql</li>"), "{list}");

        let (status, html) = submit(
            &browser,
            "/candidates/new",
            "/candidates",
            &[
                ("name", "Ana Again"),
                ("email", "ANA@example.com"),
                ("skills", "go"),
            ],
        )
        .await;
        assert_eq!(status, 409, "{html}");
        assert!(
            html.contains(
                "id=\"f-email-error\">a candidate with email ana@example.com already exists"
            ),
            "{html}"
        );
        assert!(html.contains("value=\"Ana Again\""), "{html}");

        let (status, html) = submit(
            &browser,
            "/candidates/new",
            "/candidates",
            &[
                ("name", "Bo"),
                ("email", "bo@example.com"),
                ("expected_rate.amount", "lots"),
                ("expected_rate.period", "hour"),
            ],
        )
        .await;
        assert_eq!(status, 422);
        assert!(
            html.contains("id=\"f-expected_rate-amount-error\""),
            "{html}"
        );
        let pool = app
            .store
            .list_candidates(&system_visibility(), &PageRequest::default())
            .await
            .unwrap();
        assert_eq!(pool.items.len(), 1);
        app
    })
    .await;
}

#[tokio::test]
async fn a_candidate_is_added_to_a_role_and_moved_on_the_board() {
    on_each_backend(|app: TestApp| async move {
        let browser = app.browser_as(UserRole::HiringManager).await;
        let role_page = create_role(&browser, "Senior Go Engineer").await;
        let profile = create_candidate(&browser, "Ana Petrović", "ana@example.com").await;
        let candidate_id = profile.trim_start_matches("/candidates/");

        let (status, location) = submit(
            &browser,
            &role_page,
            &format!("{role_page}/applications"),
            &[("candidate_id", candidate_id)],
        )
        .await;
        assert_eq!((status, location.as_str()), (303, role_page.as_str()));
        let (_, page) = browser.get(&role_page).await;
        assert!(column(&page, "sourced").contains("Ana Petrović"), "{page}");
        let application = app
            .store
            .list_applications(
                &system_visibility(),
                &Default::default(),
                &PageRequest::default(),
            )
            .await
            .unwrap()
            .items
            .remove(0);
        let application_id = application.id.to_string();

        // Adding the same candidate again is refused at the form.
        let (status, html) = submit(
            &browser,
            &role_page,
            &format!("{role_page}/applications"),
            &[("candidate_id", candidate_id)],
        )
        .await;
        assert_eq!(status, 409);
        assert!(html.contains("id=\"add-error\""), "{html}");

        let (status, fragment) = htmx_move(
            &browser,
            &role_page,
            &[
                ("application_id", &application_id),
                ("stage", "screening"),
                ("from_stage", "sourced"),
            ],
        )
        .await;
        assert_eq!(status, 200, "{fragment}");
        assert!(
            fragment.trim_start().starts_with("<section id=\"board\""),
            "a fragment, not a page"
        );
        assert!(
            column(&fragment, "screening").contains("Ana Petrović"),
            "{fragment}"
        );
        assert!(
            !column(&fragment, "sourced").contains("Ana Petrović"),
            "{fragment}"
        );

        // Without htmx the same form posts and comes back to the role page.
        let (status, location) = submit(
            &browser,
            &role_page,
            &format!("{role_page}/board/move"),
            &[("application_id", &application_id), ("stage", "take_home")],
        )
        .await;
        assert_eq!((status, location.as_str()), (303, role_page.as_str()));
        let (_, page) = browser.get(&role_page).await;
        assert!(
            column(&page, "take_home").contains("Ana Petrović"),
            "{page}"
        );

        // The candidate's profile lists the application.
        let (_, profile_page) = browser.get(&profile).await;
        assert!(profile_page.contains("Take-home"), "{profile_page}");
        app
    })
    .await;
}

#[tokio::test]
async fn board_errors_are_shown_in_the_board() {
    on_each_backend(|app: TestApp| async move {
        let browser = app.browser_as(UserRole::Recruiter).await;
        let role_page = create_role(&browser, "Mid-level Python Engineer").await;
        let profile = create_candidate(&browser, "Bo Lindqvist", "bo@example.com").await;
        let candidate_id = profile.trim_start_matches("/candidates/");
        submit(
            &browser,
            &role_page,
            &format!("{role_page}/applications"),
            &[("candidate_id", candidate_id)],
        )
        .await;
        let application = app
            .store
            .list_applications(
                &system_visibility(),
                &Default::default(),
                &PageRequest::default(),
            )
            .await
            .unwrap()
            .items
            .remove(0);
        let id = application.id.to_string();

        let (status, fragment) = htmx_move(
            &browser,
            &role_page,
            &[
                ("application_id", &id),
                ("stage", "rejected"),
                ("reason", " "),
            ],
        )
        .await;
        assert_eq!(status, 422);
        assert!(fragment.contains("role=\"alert\""), "{fragment}");
        assert!(
            fragment.contains("Moving Bo Lindqvist to Rejected needs a reason"),
            "{fragment}"
        );
        assert!(
            column(&fragment, "sourced").contains("Bo Lindqvist"),
            "{fragment}"
        );

        // A board drawn before someone else moved the card: the move is refused, not misapplied.
        let (status, fragment) = htmx_move(
            &browser,
            &role_page,
            &[
                ("application_id", &id),
                ("stage", "technical"),
                ("from_stage", "screening"),
            ],
        )
        .await;
        assert_eq!(status, 409);
        assert!(
            fragment.contains("was moved to Sourced meanwhile"),
            "{fragment}"
        );

        let (status, fragment) = htmx_move(
            &browser,
            &role_page,
            &[
                ("application_id", &id),
                ("stage", "rejected"),
                ("reason", "Weak on failure modes"),
            ],
        )
        .await;
        assert_eq!(status, 200);
        assert!(
            column(&fragment, "rejected").contains("Weak on failure modes"),
            "{fragment}"
        );

        let history = app.store.stage_history(application.id).await.unwrap();
        assert_eq!(history.len(), 2, "one creation, one successful move");
        app
    })
    .await;
}

#[tokio::test]
async fn interviewers_see_only_assigned_applications_and_cannot_change_the_pipeline() {
    on_each_backend(|app: TestApp| async move {
        let recruiter = app.browser_as(UserRole::Recruiter).await;
        let role_page = create_role(&recruiter, "Senior Rust Engineer").await;
        for (name, email) in [
            ("Assigned Person", "assigned@example.com"),
            ("Hidden Person", "hidden@example.com"),
        ] {
            let profile = create_candidate(&recruiter, name, email).await;
            let id = profile.trim_start_matches("/candidates/").to_string();
            submit(
                &recruiter,
                &role_page,
                &format!("{role_page}/applications"),
                &[("candidate_id", &id)],
            )
            .await;
        }
        let applications = app
            .store
            .list_applications(
                &system_visibility(),
                &Default::default(),
                &PageRequest::default(),
            )
            .await
            .unwrap()
            .items;
        let assigned = applications
            .iter()
            .find(|a| a.candidate_name.as_str() == "Assigned Person")
            .unwrap();
        let hidden = applications
            .iter()
            .find(|a| a.candidate_name.as_str() == "Hidden Person")
            .unwrap();

        let interviewer = app.browser_as(UserRole::Interviewer).await;
        app.store
            .assign_interviewer(assigned.id, interviewer.user.id)
            .await
            .unwrap();

        let (status, page) = interviewer.get(&role_page).await;
        assert_eq!(status, 200);
        assert!(page.contains("Assigned Person"), "{page}");
        assert!(!page.contains("Hidden Person"), "{page}");
        // No move controls, no "add candidate" form.
        assert!(!page.contains("board/move"), "{page}");
        assert!(!page.contains("/applications\""), "{page}");
        let (status, _) = interviewer
            .get(&format!("/candidates/{}", hidden.candidate_id))
            .await;
        assert_eq!(status, 404);
        let (_, list) = interviewer.get("/candidates").await;
        assert!(
            !list.contains("Hidden Person") && list.contains("Assigned Person"),
            "{list}"
        );
        let (_, roles) = interviewer.get("/roles").await;
        assert!(!roles.contains("href=\"/roles/new\""), "{roles}");

        // Posting anyway: the hidden application is not found, the assigned one is forbidden.
        let (status, _) = htmx_move(
            &interviewer,
            &role_page,
            &[
                ("application_id", &hidden.id.to_string()),
                ("stage", "screening"),
            ],
        )
        .await;
        assert_eq!(status, 404);
        let (status, fragment) = htmx_move(
            &interviewer,
            &role_page,
            &[
                ("application_id", &assigned.id.to_string()),
                ("stage", "screening"),
            ],
        )
        .await;
        assert_eq!(status, 403);
        assert!(
            fragment.contains("may not advance applications"),
            "{fragment}"
        );
        let (status, _) = interviewer.get("/roles/new").await;
        assert_eq!(status, 403);
        let (_, page) = interviewer.get("/").await;
        let (status, _) = interviewer
            .post_form(
                "/roles",
                &[
                    ("_csrf", &csrf_from(&page)),
                    ("title", "Sneaky Role"),
                    ("level", "junior"),
                    ("primary_language", "Go"),
                ],
            )
            .await;
        assert_eq!(status, 403);
        assert_eq!(
            app.store
                .list_roles(&PageRequest::default())
                .await
                .unwrap()
                .items
                .len(),
            1
        );
        let unchanged = app
            .store
            .application(&system_visibility(), assigned.id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(unchanged.stage, assigned.stage);
        app
    })
    .await;
}

#[tokio::test]
async fn the_dashboard_counts_what_the_viewer_may_see() {
    on_each_backend(|app: TestApp| async move {
        let browser = app.browser_as(UserRole::Admin).await;
        let role_page = create_role(&browser, "Junior Java Engineer").await;
        let profile = create_candidate(&browser, "Cleo Ruiz", "cleo@example.com").await;
        let id = profile.trim_start_matches("/candidates/");
        submit(&browser, &role_page, &format!("{role_page}/applications"), &[("candidate_id", id)]).await;
        let (status, html) = browser.get("/").await;
        assert_eq!(status, 200);
        assert!(html.contains("<span class=\"stat-num\">1</span><span class=\"stat-label\">Open roles</span>"), "{html}");
        assert!(html.contains("<span class=\"stat-num\">1</span><span class=\"stat-label\">Active applications</span>"), "{html}");
        assert!(html.contains("Junior Java Engineer"), "{html}");

        let interviewer = app.browser_as(UserRole::Interviewer).await;
        let (_, html) = interviewer.get("/").await;
        assert!(html.contains("<span class=\"stat-num\">0</span><span class=\"stat-label\">Active applications</span>"), "{html}");
        app
    })
    .await;
}
