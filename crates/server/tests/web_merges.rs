//! The candidate page's "Possible duplicates" panel (issue #5), on every backend: the page loads
//! the panel with htmx, the panel lists each duplicate with its reasons and a merge form, a merge
//! (form post with the CSRF token) lands on the outcome with the history, a refused merge says
//! why, and an interviewer sees no merge form.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use common::{csrf_from, new_role, on_each_backend, Api, TestApp};
use hireloop_core::user::UserRole;
use serde_json::json;

async fn create(api: &Api, name: &str, email: &str, city: &str) -> String {
    let (status, c) = api
        .post(
            "/api/v1/candidates",
            &json!({"name": name, "email": email, "city": city, "skills": ["go"]}),
        )
        .await;
    assert_eq!(status, 201, "{c}");
    c["id"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn a_recruiter_merges_a_duplicate_from_the_candidate_page() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        let keep = create(&api, "Jelena Petrović", "jelena@example.com", "Belgrade").await;
        let dup = create(
            &api,
            "Petrovic, Jelena",
            "jelena+cv@example.com",
            "Belgrade",
        )
        .await;
        let browser = app.browser_as(UserRole::Recruiter).await;

        let (status, page) = browser.get(&format!("/candidates/{keep}")).await;
        assert_eq!(status, 200);
        assert!(
            page.contains(&format!("hx-get=\"/candidates/{keep}/duplicates\"")),
            "the page loads the panel: {page}"
        );

        // The panel as htmx asks for it: the duplicate, its reasons, the form.
        let panel = browser
            .client
            .get(format!("{}/candidates/{keep}/duplicates", browser.base))
            .header("hx-request", "true")
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(panel.contains("Possible duplicates"), "{panel}");
        assert!(!panel.contains("<html"), "a fragment, not a page");
        assert!(panel.contains("Petrovic, Jelena"));
        assert!(
            panel.contains("Same email") && panel.contains("Same name and city"),
            "{panel}"
        );
        assert!(panel.contains(&format!("name=\"duplicate_id\" value=\"{dup}\"")));
        assert!(panel.contains("Merge into this candidate"));

        // Without the token the merge is refused and nothing changes.
        let path = format!("/candidates/{keep}/merge");
        let (status, _) = browser
            .post_form(&path, &[("duplicate_id", dup.as_str())])
            .await;
        assert_eq!(status, 403);

        let (_, page) = browser.get(&format!("/candidates/{keep}/duplicates")).await;
        let csrf = csrf_from(&page);
        let (status, location) = browser
            .post_form(
                &path,
                &[
                    ("_csrf", csrf.as_str()),
                    ("duplicate_id", dup.as_str()),
                    ("note", "imported twice"),
                ],
            )
            .await;
        assert_eq!(status, 303, "{location}");
        assert!(
            location.starts_with(&format!("/candidates/{keep}/duplicates?merged=")),
            "{location}"
        );
        let (status, outcome) = browser.get(&location).await;
        assert_eq!(status, 200);
        assert!(
            outcome.contains("Merged Petrovic, Jelena into this candidate: nothing else moved."),
            "{outcome}"
        );
        assert!(outcome.contains("id=\"merge-history\""));
        assert!(
            outcome.contains("Merged from Petrovic, Jelena (jelena+cv@example.com) on "),
            "{outcome}"
        );
        assert!(outcome.contains("imported twice"));
        assert!(
            outcome.contains("id=\"no-duplicates\""),
            "the duplicate is gone"
        );
        let (status, _) = browser.get(&format!("/candidates/{dup}")).await;
        assert_eq!(status, 404);
        app
    })
    .await;
}

#[tokio::test]
async fn a_refused_merge_says_why_and_interviewers_get_no_form() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        let a = create(&api, "Ana Novak", "ana@example.com", "Zagreb").await;
        let b = create(&api, "Ana Novak", "ana.novak@example.com", "Zagreb").await;
        let role = new_role(&api).await;
        let mut applications = Vec::new();
        for c in [&a, &b] {
            let (status, body) = api
                .post(
                    "/api/v1/applications",
                    &json!({"role_id": role, "candidate_id": c}),
                )
                .await;
            assert_eq!(status, 201, "{body}");
            applications.push(body["id"].as_str().unwrap().to_string());
        }
        let browser = app.browser_as(UserRole::Recruiter).await;
        let (_, page) = browser.get(&format!("/candidates/{a}/duplicates")).await;
        let csrf = csrf_from(&page);
        let (status, page) = browser
            .post_form(
                &format!("/candidates/{a}/merge"),
                &[("_csrf", csrf.as_str()), ("duplicate_id", b.as_str())],
            )
            .await;
        assert_eq!(status, 409);
        assert!(page.contains("id=\"merge-error\""), "{page}");
        assert!(page.contains("Senior Go Engineer"), "{page}");

        // An interviewer assigned to nothing does not even see the candidate; one assigned to
        // the application sees the panel's history only, and may not merge.
        let interviewer = app.user(UserRole::Interviewer).await;
        let browser_i = app.browser_for(interviewer.clone()).await;
        let (status, _) = browser_i.get(&format!("/candidates/{a}/duplicates")).await;
        assert_eq!(status, 404);
        let (status, body) = api
            .post(
                &format!("/api/v1/applications/{}/interviewers", applications[0]),
                &json!({"user_id": interviewer.id}),
            )
            .await;
        assert_eq!(status, 204, "{body}");
        let (status, page) = browser_i.get(&format!("/candidates/{a}/duplicates")).await;
        assert_eq!(status, 200);
        assert!(!page.contains("Merge into this candidate"), "{page}");
        assert!(page.contains("Nothing to show."), "{page}");
        let csrf = csrf_from(&page);
        let (status, _) = browser_i
            .post_form(
                &format!("/candidates/{a}/merge"),
                &[("_csrf", csrf.as_str()), ("duplicate_id", b.as_str())],
            )
            .await;
        assert_eq!(status, 403);
        app
    })
    .await;
}
