//! The market data admin page: what is in effect, uploads checked with the whole dataset before
//! anything is stored, deletions, and only admins allowed in.
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use common::{csrf_from, on_each_backend, Browser, TestApp};
use hireloop_core::user::UserRole;

/// Our own offers: a new source and a mid-level median for the Netherlands, which the shipped data
/// has no level median for.
const OUR_OFFERS: &str = r#"
[[source]]
id = "acme-offers-2026"
publisher = "Acme offers"
title = "Offers we made in 2026"
year = 2026

[[salary]]
source = "acme-offers-2026"
country = "NL"
level = "mid"
median = 87654
basis = "base salary of accepted offers"
"#;

/// A figure whose source is in no file.
const UNSOURCED: &str = r#"
[[salary]]
source = "nobody-2026"
country = "NL"
level = "mid"
median = 87654
basis = "rumour"
"#;

async fn upload(browser: &Browser, name: &str, content: &str) -> (u16, String) {
    let (status, html) = browser.get("/admin/market").await;
    assert_eq!(status, 200, "{html}");
    let csrf = csrf_from(&html);
    browser
        .post_form(
            "/admin/market/files",
            &[("_csrf", &csrf), ("name", name), ("content", content)],
        )
        .await
}

/// The value of the input named `name`.
fn input_value(html: &str, name: &str) -> Option<String> {
    let start = html.find(&format!("name=\"{name}\""))?;
    let rest = &html[start..];
    let value = rest.find("value=\"")? + "value=\"".len();
    Some(rest[value..value + rest[value..].find('"')?].to_string())
}

#[tokio::test]
async fn an_admin_sees_the_dataset_in_effect_and_its_sources() {
    on_each_backend(|app: TestApp| async move {
        let admin = app.browser_as(UserRole::Admin).await;
        let (status, html) = admin.get("/admin/market").await;
        assert_eq!(status, 200, "{html}");
        assert!(html.contains("Dataset 2026.11"), "the version is shown");
        assert!(html.contains("<code>rates.toml</code>"), "files in effect");
        assert!(html.contains("Shipped"));
        assert!(html.contains("StepTo") && html.contains("KORE1"), "sources");
        assert!(html.contains("No uploads"));
        assert!(
            html.contains("href=\"/admin/market\" aria-current=\"page\">Market data</a>"),
            "the nav links the page for admins"
        );
        app
    })
    .await;
}

#[tokio::test]
async fn a_valid_upload_is_stored_and_its_figure_is_used_then_deleted() {
    on_each_backend(|app: TestApp| async move {
        let admin = app.browser_as(UserRole::Admin).await;
        let (_, before) = admin.get("/plan?country=NL&level=mid").await;
        assert_ne!(
            input_value(&before, "base_salary").as_deref(),
            Some("87654")
        );

        let (status, location) = upload(&admin, "our_offers.toml", OUR_OFFERS).await;
        assert_eq!(status, 303, "{location}");
        let (status, html) = admin.get(&location).await;
        assert_eq!(status, 200, "{html}");
        assert!(html.contains("Uploaded our_offers.toml"), "{html}");
        assert!(html.contains("Acme offers"), "the new source is listed");
        assert!(
            html.contains("2026.11+local."),
            "the version says it is local"
        );
        let stored = app.store.list_market_files().await.unwrap();
        assert_eq!(stored.len(), 1);
        assert_eq!(stored[0].content, OUR_OFFERS);

        // The plan for a mid-level hire in the Netherlands now starts from our median, cited.
        let (status, plan) = admin.get("/plan?country=NL&level=mid").await;
        assert_eq!(status, 200, "{plan}");
        assert_eq!(input_value(&plan, "base_salary").as_deref(), Some("87654"));
        assert!(
            plan.contains("Acme offers 2026"),
            "the figure carries its source"
        );

        let csrf = csrf_from(&html);
        let (status, location) = admin
            .post_form(
                "/admin/market/files/our_offers.toml/delete",
                &[("_csrf", &csrf)],
            )
            .await;
        assert_eq!(status, 303, "{location}");
        assert!(app.store.list_market_files().await.unwrap().is_empty());
        let (_, html) = admin.get(&location).await;
        assert!(html.contains("Deleted our_offers.toml"));
        assert!(!html.contains("Acme offers"));
        let (_, plan) = admin.get("/plan?country=NL&level=mid").await;
        assert_ne!(input_value(&plan, "base_salary").as_deref(), Some("87654"));

        // Deleting again: nothing there.
        let (status, _) = admin
            .post_form(
                "/admin/market/files/our_offers.toml/delete",
                &[("_csrf", &csrf)],
            )
            .await;
        assert_eq!(status, 404);
        app
    })
    .await;
}

#[tokio::test]
async fn a_bad_upload_is_refused_at_its_field_and_nothing_is_stored() {
    on_each_backend(|app: TestApp| async move {
        let admin = app.browser_as(UserRole::Admin).await;
        let (status, html) = upload(&admin, "our_offers.toml", UNSOURCED).await;
        assert_eq!(status, 422, "{html}");
        let error = html
            .split("id=\"f-content-error\">")
            .nth(1)
            .and_then(|rest| rest.split("</p>").next())
            .unwrap();
        assert!(
            error.contains("our_offers.toml") && error.contains("nobody-2026"),
            "the file and the figure are named: {error}"
        );
        assert!(html.contains("rumour"), "what was typed is kept");
        assert!(app.store.list_market_files().await.unwrap().is_empty());
        assert!(
            !html.contains("+local."),
            "the dataset in effect is unchanged"
        );

        let (status, html) = upload(&admin, "Rates.TXT", OUR_OFFERS).await;
        assert_eq!(status, 422);
        assert!(html.contains("id=\"f-name-error\""), "{html}");
        let (status, html) = upload(&admin, "ours.toml", "  ").await;
        assert_eq!(status, 422);
        assert!(html.contains("id=\"f-content-error\""), "{html}");
        let (status, html) = upload(&admin, "ours.toml", "[[salary]\nnope").await;
        assert_eq!(status, 422);
        assert!(html.contains("ours.toml"), "{html}");
        assert!(app.store.list_market_files().await.unwrap().is_empty());
        app
    })
    .await;
}

#[tokio::test]
async fn only_admins_may_see_or_change_market_data() {
    on_each_backend(|app: TestApp| async move {
        let recruiter = app.browser_as(UserRole::Recruiter).await;
        let (status, html) = recruiter.get("/admin/market").await;
        assert_eq!(status, 403, "{html}");
        assert!(html.contains("Forbidden"), "the 403 page");
        let (_, dashboard) = recruiter.get("/").await;
        assert!(!dashboard.contains("/admin/market"), "no nav link");
        let csrf = csrf_from(&dashboard);
        let (status, _) = recruiter
            .post_form(
                "/admin/market/files",
                &[
                    ("_csrf", &csrf),
                    ("name", "our_offers.toml"),
                    ("content", OUR_OFFERS),
                ],
            )
            .await;
        assert_eq!(status, 403);
        assert!(app.store.list_market_files().await.unwrap().is_empty());

        // An admin's upload stays when someone else tries to delete it.
        let admin = app.browser_as(UserRole::Admin).await;
        assert_eq!(upload(&admin, "our_offers.toml", OUR_OFFERS).await.0, 303);
        let (status, _) = recruiter
            .post_form(
                "/admin/market/files/our_offers.toml/delete",
                &[("_csrf", &csrf)],
            )
            .await;
        assert_eq!(status, 403);
        assert_eq!(app.store.list_market_files().await.unwrap().len(), 1);
        app
    })
    .await;
}
