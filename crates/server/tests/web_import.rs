//! The import page (issue #5) on every backend: the link on the talent pool, the form, an upload as
//! htmx sends it (multipart, CSRF in the header) answered with the per-record report in place —
//! NDJSON with a bad line, CSV with a column map, resume text files — and 403 for an interviewer.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use common::{csrf_from, multipart, on_each_backend, Browser, Part, TestApp};
use hireloop_core::user::UserRole;

const POOL: &str = include_str!("../../../examples/import/pool.ndjson");

/// POSTs the import form as htmx does; answers the status and the page.
async fn import(browser: &Browser, parts: &[Part<'_>]) -> (u16, String) {
    let (_, page) = browser.get("/candidates/import").await;
    let (content_type, body) = multipart(parts);
    let response = browser
        .client
        .post(format!("{}/candidates/import", browser.base))
        .header("content-type", content_type)
        .header("x-csrf-token", csrf_from(&page))
        .header("hx-request", "true")
        .body(body)
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

/// The report's table rows as "record | outcome | reason" text, tags stripped.
fn rows(page: &str) -> Vec<String> {
    let Some(start) = page.find("id=\"import-report\"") else {
        return Vec::new();
    };
    let table = &page[start..];
    let body = &table[table.find("<tbody>").unwrap()..table.find("</tbody>").unwrap()];
    body.split("<tr")
        .skip(1)
        .map(|row| {
            let cells: Vec<String> = row
                .split("<td>")
                .skip(1)
                .map(|cell| strip_tags(cell.split("</td>").next().unwrap()))
                .collect();
            cells.join(" | ")
        })
        .collect()
}

fn strip_tags(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[tokio::test]
async fn an_ndjson_upload_reports_each_line_and_a_rerun_changes_nothing() {
    on_each_backend(|app: TestApp| async move {
        let browser = app.browser_as(UserRole::Recruiter).await;
        let (_, list) = browser.get("/candidates").await;
        assert!(list.contains("href=\"/candidates/import\""), "{list}");
        let (status, form) = browser.get("/candidates/import").await;
        assert_eq!(status, 200);
        assert!(
            form.contains("CSV column map") && form.contains("multiple"),
            "{form}"
        );

        let file: Part = (
            "files",
            Some("pool.ndjson"),
            Some("application/octet-stream"),
            POOL.as_bytes(),
        );
        let (status, page) = import(
            &browser,
            &[file, ("input", None, None, b""), ("map", None, None, b"")],
        )
        .await;
        assert_eq!(status, 200, "{page}");
        assert!(page.contains("<strong>3</strong> imported"), "{page}");
        let rows = rows(&page);
        assert_eq!(rows.len(), 4, "{rows:?}");
        assert!(
            rows[0].starts_with("pool.ndjson, line 1 | imported | lucia.gomez@example.com"),
            "{rows:?}"
        );
        assert!(
            rows[2].starts_with("pool.ndjson, line 3 | skipped | – | line:"),
            "{rows:?}"
        );
        // Each stored record links to its candidate.
        let (_, api_list) = app
            .api_as(UserRole::Recruiter)
            .await
            .get("/api/v1/candidates?limit=10")
            .await;
        let tom = api_list["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["email"] == "tom.becker@example.com")
            .unwrap();
        assert!(page.contains(&format!(
            "href=\"/candidates/{}\"",
            tom["id"].as_str().unwrap()
        )));

        let (_, again) = import(&browser, &[file]).await;
        assert!(
            again.contains("<strong>0</strong> imported")
                && again.contains("<strong>3</strong> unchanged"),
            "{again}"
        );
        assert!(
            again.contains("Importing the same files again changes nothing"),
            "{again}"
        );
        app
    })
    .await;
}

#[tokio::test]
async fn csv_with_a_column_map_and_resume_text_files_import_together() {
    on_each_backend(|app: TestApp| async move {
        let browser = app.browser_as(UserRole::Recruiter).await;
        let csv = b"Full name,Mail,skills\nZora Kim,zora@example.com,go\n";
        let cv =
            "Lena Vogel\nlena.vogel@example.com\nAcme, 2019 - 2024: Rust services on Kubernetes\n";
        let parts: [Part; 4] = [
            ("files", Some("export.csv"), Some("text/csv"), csv),
            ("files", Some("lena.txt"), Some("text/plain"), cv.as_bytes()),
            (
                "files",
                Some("anon.txt"),
                Some("text/plain"),
                b"Go and Kafka, no contact details",
            ),
            ("map", None, None, b"Full name=name, Mail=email"),
        ];
        let (status, page) = import(&browser, &parts).await;
        assert_eq!(status, 200, "{page}");
        let rows = rows(&page);
        assert_eq!(rows.len(), 3, "{rows:?}");
        assert!(
            rows[0].starts_with("export.csv, row 2 | imported | zora@example.com"),
            "{rows:?}"
        );
        assert!(
            rows[1].starts_with("lena.txt | imported | lena.vogel@example.com"),
            "{rows:?}"
        );
        assert!(
            rows[2].starts_with("anon.txt | skipped | – | no email address"),
            "{rows:?}"
        );

        let api = app.api_as(UserRole::Recruiter).await;
        let (_, list) = api.get("/api/v1/candidates?limit=10").await;
        let lena = list["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["email"] == "lena.vogel@example.com")
            .unwrap()
            .clone();
        assert_eq!(lena["name"], "Lena Vogel");
        let skills = lena["skills"].to_string();
        assert!(
            skills.contains("rust") && skills.contains("kubernetes"),
            "{skills}"
        );
        let id = lena["id"].as_str().unwrap();
        let (_, docs) = api.get(&format!("/api/v1/candidates/{id}/resumes")).await;
        assert_eq!(docs[0]["file_name"], "lena.txt");

        // Without the map, the CSV's missing name column skips the file, naming it.
        let (_, page) = import(&browser, &parts[..1]).await;
        let rows = self::rows(&page);
        assert!(rows[0].starts_with("export.csv | skipped"), "{rows:?}");
        assert!(rows[0].contains("name"), "{rows:?}");
        app
    })
    .await;
}

#[tokio::test]
async fn form_problems_are_shown_in_place_and_interviewers_are_refused() {
    on_each_backend(|app: TestApp| async move {
        let browser = app.browser_as(UserRole::Recruiter).await;
        let (status, page) = import(&browser, &[("map", None, None, b"nonsense")]).await;
        assert_eq!(status, 422, "{page}");
        assert!(page.contains("choose one or more files"), "{page}");
        assert!(page.contains("id=\"f-map-error\""), "{page}");

        let interviewer = app.browser_as(UserRole::Interviewer).await;
        let (_, list) = interviewer.get("/candidates").await;
        assert!(!list.contains("/candidates/import"), "{list}");
        let (status, _) = interviewer.get("/candidates/import").await;
        assert_eq!(status, 403);
        let (status, _) = import(
            &interviewer,
            &[("files", Some("pool.ndjson"), None, POOL.as_bytes())],
        )
        .await;
        assert_eq!(status, 403);
        let (_, list) = app
            .api_as(UserRole::Recruiter)
            .await
            .get("/api/v1/candidates")
            .await;
        assert_eq!(list["items"].as_array().unwrap().len(), 0);
        app
    })
    .await;
}

#[tokio::test]
async fn a_file_over_the_configured_limit_is_skipped_and_the_others_imported() {
    on_each_backend(|app: TestApp| async move {
        // A second server over the same database, with a small file limit.
        let config = hireloop_server::ServerConfig {
            bind: "127.0.0.1:0".parse().unwrap(),
            resume_max_bytes: 1000,
            ..Default::default()
        };
        let small = hireloop_server::spawn(app.store.clone(), config)
            .await
            .unwrap();
        let user = app.user(UserRole::Recruiter).await;
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        client
            .post(format!("{}/login", small.url()))
            .form(&[
                ("email", user.email.as_str()),
                ("password", common::PASSWORD),
            ])
            .send()
            .await
            .unwrap();
        let browser = Browser {
            base: small.url(),
            client,
            user,
        };
        let (_, form) = browser.get("/candidates/import").await;
        assert!(form.contains("each up to 1000 bytes"), "{form}");
        let big = "Rust and Go, big@example.com ".repeat(60);
        let parts: [Part; 2] = [
            ("files", Some("big.txt"), Some("text/plain"), big.as_bytes()),
            (
                "files",
                Some("small.txt"),
                Some("text/plain"),
                b"Mia Berg\nmia@example.com\nGo",
            ),
        ];
        let (status, page) = import(&browser, &parts).await;
        assert_eq!(status, 200, "{page}");
        let rows = rows(&page);
        assert!(
            rows[0].starts_with(
                "big.txt | skipped | – | big.txt: over the 1000 bytes limit (1740 bytes)"
            ),
            "{rows:?}"
        );
        assert!(
            rows[1].starts_with("small.txt | imported | mia@example.com"),
            "{rows:?}"
        );
        small.stop().await.unwrap();
        app
    })
    .await;
}
