//! The list pages: newest first, paged with a cursor, bad parameters named.
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use common::{on_each_backend, TestApp};
use hireloop_core::candidate::CandidateInput;
use hireloop_core::role::RoleInput;
use hireloop_core::user::UserRole;

/// The href of the "Next page" link, if the page has one.
fn next_link(html: &str) -> Option<String> {
    let end = html.find("\">Next page")?;
    let start = html[..end].rfind("href=\"")? + "href=\"".len();
    Some(
        html[start..end]
            .replace("&amp;", "&")
            .replace("&#x2f;", "/"),
    )
}

#[tokio::test]
async fn roles_are_paged_with_a_cursor() {
    on_each_backend(|app: TestApp| async move {
        for title in ["First Role", "Second Role", "Third Role"] {
            let role = RoleInput {
                title: title.into(),
                level: "mid".into(),
                primary_language: "Go".into(),
                ..Default::default()
            };
            app.store.create_role(&role.parse().unwrap()).await.unwrap();
        }
        let browser = app.browser_as(UserRole::Interviewer).await;
        let (status, first) = browser.get("/roles?limit=2").await;
        assert_eq!(status, 200);
        assert!(
            first.contains("Third Role") && first.contains("Second Role"),
            "{first}"
        );
        assert!(!first.contains("First Role"), "{first}");
        let next = next_link(&first).expect("a next page link");
        assert!(next.contains("limit=2"), "{next}");

        let (status, second) = browser.get(&next).await;
        assert_eq!(status, 200);
        assert!(second.contains("First Role"), "{second}");
        assert!(!second.contains("Third Role"), "{second}");
        assert_eq!(next_link(&second), None);
        assert!(second.contains("First page"), "{second}");
        app
    })
    .await;
}

#[tokio::test]
async fn candidates_are_paged_and_bad_parameters_are_named() {
    on_each_backend(|app: TestApp| async move {
        for n in 0..3 {
            let candidate = CandidateInput {
                name: format!("Candidate {n}"),
                email: format!("c{n}@example.com"),
                ..Default::default()
            };
            app.store
                .create_candidate(&candidate.parse().unwrap())
                .await
                .unwrap();
        }
        let browser = app.browser_as(UserRole::Recruiter).await;
        let (_, first) = browser.get("/candidates?limit=2").await;
        assert!(
            first.contains("Candidate 2") && !first.contains("Candidate 0"),
            "{first}"
        );
        let (_, second) = browser.get(&next_link(&first).unwrap()).await;
        assert!(
            second.contains("Candidate 0") && !second.contains("Candidate 2"),
            "{second}"
        );

        let (status, html) = browser.get("/candidates?limit=500").await;
        assert_eq!(status, 400);
        assert!(html.contains("limit must be between 1 and 200"), "{html}");
        let (status, html) = browser.get("/roles?cursor=garbage").await;
        assert_eq!(status, 400);
        assert!(html.contains("not a cursor from a previous page"), "{html}");
        app
    })
    .await;
}
