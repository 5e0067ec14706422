//! Multipart forms without JavaScript, on every backend: the browser posts the import and resume
//! upload forms itself, the CSRF token in the hidden `_csrf` field that comes first. With the
//! session's token the upload is stored; with a wrong or missing one, or the token after the file,
//! it is a 403 and nothing is stored.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use common::{csrf_from, multipart, on_each_backend, Browser, Part, TestApp};
use hireloop_core::user::UserRole;
use serde_json::json;

const POOL: &str = include_str!("../../../examples/import/pool.ndjson");

/// Posts the form as a browser without JavaScript does: no CSRF header, no HX-Request.
async fn post(browser: &Browser, path: &str, parts: &[Part<'_>]) -> (u16, String) {
    let (content_type, body) = multipart(parts);
    let response = browser
        .client
        .post(format!("{}{path}", browser.base))
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

/// The form that posts to `action`, from its opening tag to its first input.
fn form_start<'a>(page: &'a str, action: &str) -> &'a str {
    let start = page
        .find(&format!("action=\"{action}\""))
        .expect("the form");
    let rest = &page[start..];
    let input = rest.find("<input").expect("an input");
    let end = input + rest[input..].find('>').expect("the input's end") + 1;
    &rest[..end]
}

async fn candidate_count(app: &TestApp) -> usize {
    let (_, list) = app
        .api_as(UserRole::Recruiter)
        .await
        .get("/api/v1/candidates?limit=50")
        .await;
    list["items"].as_array().unwrap().len()
}

#[tokio::test]
async fn the_import_form_works_without_javascript_and_only_with_the_right_token() {
    on_each_backend(|app: TestApp| async move {
        let browser = app.browser_as(UserRole::Recruiter).await;
        let (status, form) = browser.get("/candidates/import").await;
        assert_eq!(status, 200);
        // The token is the form's first field, so a browser sends it before any file.
        assert!(
            form_start(&form, "/candidates/import")
                .contains("<input type=\"hidden\" name=\"_csrf\""),
            "{form}"
        );
        let csrf = csrf_from(&form);
        let file: Part = (
            "files",
            Some("pool.ndjson"),
            Some("application/octet-stream"),
            POOL.as_bytes(),
        );

        // A wrong token, no token, and the token after the file: refused, nothing stored.
        let refused: [Vec<Part>; 3] = [
            vec![("_csrf", None, None, b"not-the-token".as_slice()), file],
            vec![file, ("input", None, None, b"".as_slice())],
            vec![file, ("_csrf", None, None, csrf.as_bytes())],
        ];
        for parts in refused {
            let (status, body) = post(&browser, "/candidates/import", &parts).await;
            assert_eq!(status, 403, "{body}");
            assert!(body.contains("missing or wrong CSRF token"), "{body}");
        }
        assert_eq!(candidate_count(&app).await, 0);

        // The right token first: imported, the whole page answered (no htmx to swap a part in).
        let (status, page) = post(
            &browser,
            "/candidates/import",
            &[
                ("_csrf", None, None, csrf.as_bytes()),
                file,
                ("map", None, None, b""),
            ],
        )
        .await;
        assert_eq!(status, 200, "{page}");
        assert!(page.contains("<strong>3</strong> imported"), "{page}");
        assert!(page.contains("<html"), "a whole page: {page}");
        assert_eq!(candidate_count(&app).await, 3);
        app
    })
    .await;
}

#[tokio::test]
async fn the_resume_upload_works_without_javascript_and_only_with_the_right_token() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        let (_, ana) = api
            .post(
                "/api/v1/candidates",
                &json!({"name": "Ana Petrović", "email": "ana@example.com", "skills": ["go"]}),
            )
            .await;
        let id = ana["id"].as_str().unwrap();
        let path = format!("/candidates/{id}/resumes");
        let browser = app.browser_as(UserRole::Recruiter).await;
        let (_, page) = browser.get(&format!("/candidates/{id}")).await;
        // Without JavaScript the form still posts, to the upload route, the token first.
        assert!(
            page.contains(&format!("method=\"post\" action=\"{path}\"")),
            "{page}"
        );
        let start = form_start(&page, &path);
        assert!(
            start.contains("<input type=\"hidden\" name=\"_csrf\""),
            "{start}"
        );
        let csrf = csrf_from(&page);
        let cv = b"Ana Petrovic\nAcme 2020 - 2024: Go and Kafka\n".as_slice();
        let file: Part = ("file", Some("ana.txt"), Some("text/plain"), cv);

        let (status, body) = post(
            &browser,
            &path,
            &[("_csrf", None, None, b"wrong".as_slice()), file],
        )
        .await;
        assert_eq!(status, 403, "{body}");
        let docs = api.get(&format!("/api/v1/candidates/{id}/resumes")).await.1;
        assert_eq!(docs.as_array().unwrap().len(), 0, "{docs}");

        let (status, page) = post(
            &browser,
            &path,
            &[("_csrf", None, None, csrf.as_bytes()), file],
        )
        .await;
        assert_eq!(status, 200, "{page}");
        // A whole page with the outcome and the way back, not the fragment htmx swaps in.
        assert!(page.contains("<html"), "{page}");
        assert!(page.contains("Added ana.txt"), "{page}");
        assert!(page.contains("Back to the profile"), "{page}");
        let docs = api.get(&format!("/api/v1/candidates/{id}/resumes")).await.1;
        assert_eq!(docs.as_array().unwrap().len(), 1, "{docs}");
        app
    })
    .await;
}
