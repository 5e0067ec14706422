//! A role's scorecard in the UI: the section on the role page with the budget check and the lint
//! findings, the role-as-code editor with its live lint panel, and the job description preview.
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use common::{csrf_from, on_each_backend, Browser, TestApp};
use hireloop_core::ids::RoleId;
use hireloop_core::user::UserRole;

const UNDERPAID: &str = include_str!("../../../examples/roles/senior-rails-underpaid.toml");
const CLEAN: &str = include_str!("../../../examples/roles/senior-go-payments.toml");

/// Creates a role through the form; returns its page's path.
async fn create_role(browser: &Browser) -> String {
    let (_, html) = browser.get("/roles/new").await;
    let csrf = csrf_from(&html);
    let (status, location) = browser
        .post_form(
            "/roles",
            &[
                ("_csrf", &csrf),
                ("title", "Senior Rails Engineer, Billing"),
                ("level", "senior"),
                ("primary_language", "Ruby"),
                ("status", "open"),
            ],
        )
        .await;
    assert_eq!(status, 303, "{location}");
    location
}

fn role_id(role_page: &str) -> RoleId {
    role_page.trim_start_matches("/roles/").parse().unwrap()
}

/// Posts the editor's form; returns status and body (or the redirect's location).
async fn save(browser: &Browser, role_page: &str, toml: &str) -> (u16, String) {
    let (status, html) = browser.get(&format!("{role_page}/scorecard/edit")).await;
    assert_eq!(status, 200, "{html}");
    browser
        .post_form(
            &format!("{role_page}/scorecard/edit"),
            &[("_csrf", &csrf_from(&html)), ("toml", toml)],
        )
        .await
}

/// Posts the text as the editor's htmx request does (CSRF header, HX-Request).
async fn lint_fragment(browser: &Browser, role_page: &str, toml: &str) -> (u16, String) {
    let (_, html) = browser.get(role_page).await;
    let response = browser
        .client
        .post(format!("{}{role_page}/scorecard/lint", browser.base))
        .header("hx-request", "true")
        .header("x-csrf-token", csrf_from(&html))
        .form(&[("toml", toml)])
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

/// The HTML of the scorecard section of a role page.
fn section(html: &str) -> &str {
    let start = html.find("id=\"scorecard\"").expect("a scorecard section");
    let rest = &html[start..];
    &rest[..rest.find("</section>").unwrap_or(rest.len())]
}

#[tokio::test]
async fn a_saved_scorecard_shows_its_budget_check_and_findings_on_the_role_page() {
    on_each_backend(|app: TestApp| async move {
        let manager = app.browser_as(UserRole::HiringManager).await;
        let role_page = create_role(&manager).await;
        let (_, html) = manager.get(&role_page).await;
        assert!(section(&html).contains("No scorecard yet"), "{html}");
        assert!(html.contains(&format!("href=\"{role_page}/scorecard/edit\"")));

        // The editor starts from a clean example carrying this role's title and level.
        let (status, editor) = manager.get(&format!("{role_page}/scorecard/edit")).await;
        assert_eq!(status, 200, "{editor}");
        assert!(editor.contains("title = &quot;Senior Rails Engineer, Billing&quot;"));
        assert!(editor.contains("hx-post=\"/roles/"), "the live lint panel");
        assert!(
            editor.contains("0 errors"),
            "the starter has no errors: {editor}"
        );

        // A senior scorecard with a mid-level budget: findings do not block saving.
        let (status, location) = save(&manager, &role_page, UNDERPAID).await;
        assert_eq!(status, 303, "{location}");
        assert_eq!(location, format!("{role_page}#scorecard"));
        let stored = app.store.role_scorecard(role_id(&role_page)).await.unwrap();
        assert!(stored.unwrap().contains("Senior Ruby on Rails Engineer"));

        let (status, html) = manager.get(&role_page).await;
        assert_eq!(status, 200, "{html}");
        assert!(
            html.contains("<h1>Senior Ruby on Rails Engineer, Billing (Remote)</h1>"),
            "the role's title follows its scorecard"
        );
        let card = section(&html);
        assert!(
            card.contains("Replace the legacy invoicing jobs"),
            "mission"
        );
        assert!(card.contains("billing service"), "scope");
        assert!(
            card.contains("Ruby") && card.contains("6+ years"),
            "must-haves"
        );
        assert!(card.contains("50–62 USD per hour"), "budget");
        assert!(card.contains("Remote: PL, UA"), "location");
        assert!(card.contains("verdict-below"), "{card}");
        assert!(card.contains("the market in Eastern Europe"));
        assert!(
            card.contains("senior scorecard with a mid-level budget"),
            "the advice"
        );
        assert!(card.contains("StepTo 2026"), "the advice's source");
        for code in ["HL022", "HL016"] {
            assert!(card.contains(code), "{code} in {card}");
        }
        assert!(card.contains("Dataset 2026.11"));
        assert!(card.contains(&format!("href=\"{role_page}/scorecard/jd\"")));
        app
    })
    .await;
}

#[tokio::test]
async fn a_broken_scorecard_is_not_saved_and_its_problems_are_pointed_at() {
    on_each_backend(|app: TestApp| async move {
        let manager = app.browser_as(UserRole::Recruiter).await;
        let role_page = create_role(&manager).await;
        assert_eq!(save(&manager, &role_page, CLEAN).await.0, 303);
        let before = app.store.role_scorecard(role_id(&role_page)).await.unwrap();

        // A TOML syntax error: line and column.
        let broken = CLEAN.replace("level = \"senior\"", "level = \"senior");
        let (status, html) = save(&manager, &role_page, &broken).await;
        assert_eq!(status, 422, "{html}");
        assert!(html.contains("Not saved"), "{html}");
        assert!(html.contains("line 5, column"), "{html}");
        assert!(
            html.contains("card-processor integrations"),
            "what was typed is kept"
        );

        // An unknown key: a "did you mean".
        let typo = CLEAN.replace("mission = ", "misson = ");
        let (status, html) = save(&manager, &role_page, &typo).await;
        assert_eq!(status, 422);
        assert!(
            html.contains("did you mean &#x27;mission&#x27;")
                || html.contains("did you mean 'mission'"),
            "{html}"
        );

        let after = app.store.role_scorecard(role_id(&role_page)).await.unwrap();
        assert_eq!(before, after, "the stored scorecard is unchanged");
        app
    })
    .await;
}

#[tokio::test]
async fn the_lint_fragment_answers_as_you_type() {
    on_each_backend(|app: TestApp| async move {
        let manager = app.browser_as(UserRole::HiringManager).await;
        let role_page = create_role(&manager).await;

        let (status, fragment) = lint_fragment(&manager, &role_page, UNDERPAID).await;
        assert_eq!(status, 200, "{fragment}");
        assert!(!fragment.contains("<html"), "a fragment, not a page");
        assert!(fragment.contains("HL022") && fragment.contains("budget-below-market"));
        assert!(fragment.contains("Fix:"), "each finding has its fix");
        assert!(
            fragment.contains("verdict-below"),
            "the budget check updates too"
        );

        let (status, fragment) = lint_fragment(&manager, &role_page, CLEAN).await;
        assert_eq!(status, 200);
        assert!(fragment.contains("No findings"), "{fragment}");

        let (status, fragment) =
            lint_fragment(&manager, &role_page, "title = \"Go dev\nlevel = 1").await;
        assert_eq!(status, 422);
        assert!(
            fragment.contains("Does not parse") && fragment.contains("line 1, column"),
            "{fragment}"
        );
        assert_eq!(
            app.store.role_scorecard(role_id(&role_page)).await.unwrap(),
            None,
            "linting stores nothing"
        );
        app
    })
    .await;
}

#[tokio::test]
async fn interviewers_read_the_scorecard_but_cannot_edit_it() {
    on_each_backend(|app: TestApp| async move {
        let manager = app.browser_as(UserRole::HiringManager).await;
        let role_page = create_role(&manager).await;
        assert_eq!(save(&manager, &role_page, UNDERPAID).await.0, 303);

        let interviewer = app.browser_as(UserRole::Interviewer).await;
        let (status, html) = interviewer.get(&role_page).await;
        assert_eq!(status, 200);
        assert!(section(&html).contains("verdict-below"));
        assert!(!html.contains("/scorecard/edit"), "no edit link");
        let (status, _) = interviewer
            .get(&format!("{role_page}/scorecard/edit"))
            .await;
        assert_eq!(status, 403);
        let (status, _) = interviewer
            .post_form(
                &format!("{role_page}/scorecard/edit"),
                &[("_csrf", &csrf_from(&html)), ("toml", CLEAN)],
            )
            .await;
        assert_eq!(status, 403);
        let stored = app.store.role_scorecard(role_id(&role_page)).await.unwrap();
        assert!(stored.unwrap().contains("Rails"), "unchanged");
        app
    })
    .await;
}

#[tokio::test]
async fn the_job_description_preview_renders_html_and_json_ld() {
    on_each_backend(|app: TestApp| async move {
        let manager = app.browser_as(UserRole::HiringManager).await;
        let role_page = create_role(&manager).await;
        let (status, _) = manager.get(&format!("{role_page}/scorecard/jd")).await;
        assert_eq!(status, 404, "no scorecard, no job description");
        assert_eq!(save(&manager, &role_page, CLEAN).await.0, 303);

        let (status, html) = manager.get(&format!("{role_page}/scorecard/jd")).await;
        assert_eq!(status, 200, "{html}");
        assert!(
            html.contains("<h1>Senior Go Engineer"),
            "rendered HTML: {html}"
        );
        assert!(html.contains("## "), "the Markdown source");
        assert!(
            !html.contains("&quot;JobPosting&quot;"),
            "JSON-LD waits for the organisation"
        );

        let (status, html) = manager
            .get(&format!(
                "{role_page}/scorecard/jd?organization=Acme+Payments"
            ))
            .await;
        assert_eq!(status, 200);
        assert!(
            html.contains("&quot;@type&quot;: &quot;JobPosting&quot;"),
            "{html}"
        );
        assert!(html.contains("Acme Payments"));
        app
    })
    .await;
}

#[tokio::test]
async fn the_role_page_shows_the_loop_and_its_gaps_and_copies_the_level_template() {
    on_each_backend(|app: TestApp| async move {
        let browser = app.browser_as(UserRole::Recruiter).await;
        let role_page = create_role(&browser).await;
        let (status, _) = save(&browser, &role_page, CLEAN).await;
        assert_eq!(status, 303);
        let (_, html) = browser.get(&role_page).await;
        assert!(html.contains("Interview loop"), "{html}");
        assert!(html.contains("Take-home work sample"), "{html}");
        // The example names every must-have in some stage.
        assert!(
            !html.contains("No stage assesses these must-haves"),
            "{html}"
        );
        assert!(html.contains("Use the senior loop template"), "{html}");

        let (status, location) = browser
            .post_form(
                &format!("{role_page}/scorecard/loop"),
                &[("_csrf", &csrf_from(&html))],
            )
            .await;
        assert_eq!(status, 303, "{location}");
        assert_eq!(location, format!("{role_page}#interview-loop"));
        let (_, html) = browser.get(&role_page).await;
        // The senior template: a resume screen first, and no stage names Kafka.
        assert!(html.contains("Resume screen"), "{html}");
        assert!(
            html.contains("No stage assesses these must-haves"),
            "{html}"
        );
        assert!(html.contains("Kafka"), "{html}");

        // An interviewer sees the loop but not the button, and cannot post it.
        let interviewer = app.browser_as(UserRole::Interviewer).await;
        let (_, html) = interviewer.get(&role_page).await;
        assert!(html.contains("Interview loop"), "{html}");
        assert!(!html.contains("Use the senior loop template"), "{html}");
        let (status, _) = interviewer
            .post_form(
                &format!("{role_page}/scorecard/loop"),
                &[("_csrf", &csrf_from(&html))],
            )
            .await;
        assert_eq!(status, 403);
        app
    })
    .await;
}
