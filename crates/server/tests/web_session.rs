//! The browser session: login, logout, CSRF on forms, the pages' error and asset handling.
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use common::{csrf_from, on_each_backend, TestApp, PASSWORD};
use hireloop_core::page::PageRequest;
use hireloop_core::user::UserRole;

fn plain_client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

fn session_cookie(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("hireloop_session="))
        .map(str::to_string)
}

#[tokio::test]
async fn anonymous_visitors_are_sent_to_the_login_page() {
    on_each_backend(|app: TestApp| async move {
        let response = plain_client().get(app.url("/")).send().await.unwrap();
        assert_eq!(response.status(), 303);
        assert_eq!(response.headers()["location"], "/login?next=%2F");

        let response = plain_client()
            .get(app.url("/roles?limit=5"))
            .send()
            .await
            .unwrap();
        assert_eq!(
            response.headers()["location"],
            "/login?next=%2Froles%3Flimit%3D5"
        );

        let login = plain_client().get(app.url("/login")).send().await.unwrap();
        assert_eq!(login.status(), 200);
        let html = login.text().await.unwrap();
        assert!(html.contains("name=\"password\""), "{html}");
        app
    })
    .await;
}

#[tokio::test]
async fn a_wrong_password_shows_the_error_and_opens_no_session() {
    on_each_backend(|app: TestApp| async move {
        let user = app.user(UserRole::Recruiter).await;
        let response = plain_client()
            .post(app.url("/login"))
            .form(&[
                ("email", user.email.as_str()),
                ("password", "not the password"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 401);
        assert_eq!(session_cookie(&response), None);
        let html = response.text().await.unwrap();
        assert!(html.contains("wrong email or password"), "{html}");
        // The typed email is kept so only the password needs typing again.
        assert!(
            html.contains(&format!("value=\"{}\"", user.email)),
            "{html}"
        );
        app
    })
    .await;
}

#[tokio::test]
async fn logging_in_sets_a_safe_cookie_and_shows_the_dashboard() {
    on_each_backend(|app: TestApp| async move {
        let user = app.user(UserRole::HiringManager).await;
        let client = plain_client();
        let response = client
            .post(app.url("/login"))
            .header("x-forwarded-proto", "https")
            .form(&[
                ("email", user.email.as_str()),
                ("password", PASSWORD),
                ("next", "/roles"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 303);
        assert_eq!(response.headers()["location"], "/roles");
        let cookie = session_cookie(&response).expect("a session cookie");
        for attribute in [
            "HttpOnly",
            "SameSite=Lax",
            "Path=/",
            "Max-Age=43200",
            "Secure",
        ] {
            assert!(
                cookie.contains(attribute),
                "{attribute} missing in {cookie}"
            );
        }

        let browser = app.browser_as(UserRole::Recruiter).await;
        let (status, html) = browser.get("/").await;
        assert_eq!(status, 200);
        assert!(html.contains(browser.user.name.as_str()), "{html}");
        assert!(html.contains("Recruiter"), "{html}");
        assert!(html.contains("action=\"/logout\""), "{html}");
        app
    })
    .await;
}

#[tokio::test]
async fn login_only_redirects_to_local_paths() {
    on_each_backend(|app: TestApp| async move {
        let user = app.user(UserRole::Admin).await;
        for next in ["//evil.example/", "https://evil.example/"] {
            let response = plain_client()
                .post(app.url("/login"))
                .form(&[
                    ("email", user.email.as_str()),
                    ("password", PASSWORD),
                    ("next", next),
                ])
                .send()
                .await
                .unwrap();
            assert_eq!(response.headers()["location"], "/", "next={next}");
        }
        app
    })
    .await;
}

#[tokio::test]
async fn logout_ends_the_session_on_the_server() {
    on_each_backend(|app: TestApp| async move {
        let user = app.user(UserRole::Recruiter).await;
        let client = plain_client();
        let login = client
            .post(app.url("/login"))
            .form(&[("email", user.email.as_str()), ("password", PASSWORD)])
            .send()
            .await
            .unwrap();
        let set_cookie = session_cookie(&login).unwrap();
        let cookie = set_cookie.split(';').next().unwrap().to_string();
        let page = client
            .get(app.url("/"))
            .header("cookie", &cookie)
            .send()
            .await
            .unwrap();
        assert_eq!(page.status(), 200);
        let csrf = csrf_from(&page.text().await.unwrap());

        let logout = client
            .post(app.url("/logout"))
            .header("cookie", &cookie)
            .form(&[("_csrf", csrf.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(logout.status(), 303);
        assert_eq!(logout.headers()["location"], "/login");
        let cleared = session_cookie(&logout).unwrap();
        assert!(cleared.contains("Max-Age=0"), "{cleared}");

        // Even a copy of the old cookie no longer works: the session is gone from the database.
        let after = client
            .get(app.url("/"))
            .header("cookie", &cookie)
            .send()
            .await
            .unwrap();
        assert_eq!(after.status(), 303);
        assert!(after.headers()["location"]
            .to_str()
            .unwrap()
            .starts_with("/login"));

        let browser = app.browser_as(UserRole::Recruiter).await;
        let (_, html) = browser.get("/").await;
        let (status, _) = browser
            .post_form("/logout", &[("_csrf", &csrf_from(&html))])
            .await;
        assert_eq!(status, 303);
        let (status, location) = browser.get("/").await;
        assert_eq!((status, location.as_str()), (303, "/login?next=%2F"));
        app
    })
    .await;
}

#[tokio::test]
async fn a_form_post_without_the_csrf_field_is_refused_and_changes_nothing() {
    on_each_backend(|app: TestApp| async move {
        let browser = app.browser_as(UserRole::Recruiter).await;
        let before = app.store.list_roles(&PageRequest::default()).await.unwrap();
        let fields = [
            ("title", "Senior Go Engineer"),
            ("level", "senior"),
            ("primary_language", "Go"),
            ("status", "open"),
        ];
        let (status, html) = browser.post_form("/roles", &fields).await;
        assert_eq!(status, 403, "{html}");
        let (status, _) = browser
            .post_form(
                "/roles",
                &[fields.as_slice(), &[("_csrf", "forged")]].concat(),
            )
            .await;
        assert_eq!(status, 403);
        let after = app.store.list_roles(&PageRequest::default()).await.unwrap();
        assert_eq!(before.items.len(), after.items.len());
        assert!(after.items.is_empty());
        app
    })
    .await;
}

#[tokio::test]
async fn unknown_pages_get_an_html_404_and_assets_are_served_with_cache_headers() {
    on_each_backend(|app: TestApp| async move {
        let browser = app.browser_as(UserRole::Recruiter).await;
        let (status, html) = browser.get("/no/such/page").await;
        assert_eq!(status, 404);
        assert!(html.contains("page not found"), "{html}");
        let (status, html) = browser.get("/roles/not-a-uuid").await;
        assert_eq!(status, 404);
        assert!(html.contains("role not found"), "{html}");

        let (_, dashboard) = browser.get("/").await;
        let start = dashboard
            .find("/assets/app.css?v=")
            .expect("a versioned stylesheet link");
        let link = &dashboard[start..];
        let link = &link[..link.find('"').unwrap()];
        let css = browser.client.get(app.url(link)).send().await.unwrap();
        assert_eq!(css.status(), 200);
        assert_eq!(css.headers()["content-type"], "text/css; charset=utf-8");
        assert!(css.headers()["cache-control"]
            .to_str()
            .unwrap()
            .contains("immutable"));
        let etag = css.headers()["etag"].clone();
        let again = browser
            .client
            .get(app.url("/assets/app.css"))
            .header("if-none-match", etag)
            .send()
            .await
            .unwrap();
        assert_eq!(again.status(), 304);

        let js = browser
            .client
            .get(app.url("/assets/htmx.min.js"))
            .send()
            .await
            .unwrap();
        assert_eq!(
            js.headers()["content-type"],
            "text/javascript; charset=utf-8"
        );
        assert_eq!(js.headers()["cache-control"], "no-cache");
        let missing = browser
            .client
            .get(app.url("/assets/nope.js"))
            .send()
            .await
            .unwrap();
        assert_eq!(missing.status(), 404);
        app
    })
    .await;
}
