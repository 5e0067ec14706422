//! The talent pool search page, on every backend: the search box finds candidates with the matched
//! words highlighted, facet counts link to a narrower search, a bad parameter is shown beside its
//! field (422), contradictory filters show why nothing was found.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use common::{on_each_backend, Api, TestApp};
use hireloop_core::user::UserRole;
use serde_json::json;

async fn candidate(api: &Api, name: &str, skills: &[&str], level: &str, industry: &str) {
    let email = format!("{}@example.com", name.to_lowercase().replace(' ', "."));
    let (status, body) = api
        .post(
            "/api/v1/candidates",
            &json!({"name": name, "email": email, "skills": skills, "stated_level": level,
                    "region": "eastern_europe", "industries": [industry]}),
        )
        .await;
    assert_eq!(status, 201, "{body}");
}

/// The decoded href of the link whose text starts with `text`.
fn link(html: &str, text: &str) -> Option<String> {
    let end = html.find(&format!("\">{text}"))?;
    let start = html[..end].rfind("href=\"")? + "href=\"".len();
    Some(
        html[start..end]
            .replace("&amp;", "&")
            .replace("&#x2f;", "/"),
    )
}

#[tokio::test]
async fn the_search_page_finds_highlights_and_narrows_by_facets() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        candidate(&api, "Ana Petrović", &["Go", "Kafka"], "senior", "payments").await;
        candidate(
            &api,
            "Bruno Silva",
            &["Python", "Kafka"],
            "mid",
            "logistics",
        )
        .await;
        candidate(&api, "Clara Weber", &["Rust"], "senior", "payments").await;
        let browser = app.browser_as(UserRole::Recruiter).await;

        let (status, list) = browser.get("/candidates").await;
        assert_eq!(status, 200);
        assert!(list.contains("href=\"/candidates/search\""), "{list}");

        let (status, page) = browser.get("/candidates/search?q=kafka").await;
        assert_eq!(status, 200, "{page}");
        assert!(page.contains("2 candidates found"), "{page}");
        assert!(page.contains("Ana Petrović") && page.contains("Bruno Silva"));
        assert!(!page.contains("Clara Weber"), "{page}");
        assert!(
            page.contains("<b>Kafka</b>"),
            "the snippet highlights: {page}"
        );

        // The "senior" facet counts one among the Kafka results and links to the narrower search.
        assert!(
            page.contains("senior</a> <span class=\"muted\">(1)"),
            "{page}"
        );
        let senior = link(&page, "senior").unwrap();
        assert!(
            senior.contains("q=kafka") && senior.contains("level=senior"),
            "{senior}"
        );
        let (status, narrowed) = browser.get(&senior).await;
        assert_eq!(status, 200);
        assert!(narrowed.contains("1 candidate found"), "{narrowed}");
        assert!(narrowed.contains("Ana Petrović") && !narrowed.contains("Bruno Silva"));
        app
    })
    .await;
}

#[tokio::test]
async fn bad_parameters_are_shown_beside_their_field_and_contradictions_explained() {
    on_each_backend(|app: TestApp| async move {
        let browser = app.browser_as(UserRole::HiringManager).await;
        let (status, page) = browser
            .get("/candidates/search?q=kafka&max_rate=lots")
            .await;
        assert_eq!(status, 422, "{page}");
        assert!(page.contains("id=\"f-max_rate-error\""), "{page}");
        assert!(
            page.contains("value=\"kafka\""),
            "the typed search stays: {page}"
        );

        let (status, page) = browser.get("/candidates/search?q=%28kafka").await;
        assert_eq!(status, 422, "{page}");
        assert!(page.contains("id=\"f-q-error\""), "{page}");

        let (status, page) = browser
            .get("/candidates/search?level=junior&level=senior")
            .await;
        assert_eq!(status, 200);
        assert!(page.contains("id=\"search-reason\""), "{page}");
        app
    })
    .await;
}
