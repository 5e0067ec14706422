//! The role page's "Matching weights" block, on every backend: a role whose scorecard sets
//! `[matching.weights]` shows its shares marked "Set by this role", one without shows the defaults,
//! both as the Matches page computes them; the scorecard editor hints at the section.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use common::{new_role, on_each_backend, Api, TestApp, GO_PAYMENTS};
use hireloop_core::user::UserRole;

/// The example in docs/role-as-code.md: the six sum to 100, text 25 of 125 with a search text.
const WEIGHTS: &str = "\n[matching.weights]\nskills = 50\nlevel = 10\nbudget = 15\ntimezone = 10\navailability = 5\nvetting = 10\ntext = 25\n";

/// A new role whose scorecard is the example plus `extra`; returns its id.
async fn role_with(api: &Api, extra: &str) -> String {
    let role = new_role(api).await;
    let request = api
        .client
        .put(format!("{}/api/v1/roles/{role}/scorecard", api.base))
        .header("content-type", "application/toml")
        .body(format!("{GO_PAYMENTS}{extra}"));
    let response = api.with_auth(request).send().await.unwrap();
    let status = response.status().as_u16();
    let text = response.text().await.unwrap();
    assert_eq!(status, 200, "{text}");
    role
}

/// The "Matching weights" block of a role page, up to the next heading.
fn weights_block(html: &str) -> &str {
    let start = html
        .find("id=\"h-match-weights\"")
        .expect("a matching weights block");
    let rest = &html[start..];
    &rest[..rest.find("<h3").unwrap_or(rest.len())]
}

fn share(component: &str, percent: &str) -> String {
    format!("<dt>{component}</dt><dd>{percent}%</dd>")
}

#[tokio::test]
async fn the_role_page_shows_the_weights_the_role_sets_or_the_defaults() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        let own = role_with(&api, WEIGHTS).await;
        let plain = role_with(&api, "").await;
        let browser = app.browser_as(UserRole::Recruiter).await;

        let (status, html) = browser.get(&format!("/roles/{own}")).await;
        assert_eq!(status, 200, "{html}");
        let block = weights_block(&html);
        assert!(block.contains("Set by this role"), "{block}");
        assert!(!block.contains("Defaults"), "{block}");
        for (component, percent) in [
            ("Skills", "50"),
            ("Level", "10"),
            ("Budget", "15"),
            ("Time zone", "10"),
            ("Availability", "5"),
            ("Vetting", "10"),
        ] {
            assert!(block.contains(&share(component, percent)), "{block}");
        }
        // Text 25 against the others' 100.
        assert!(
            block.contains(
                "<dt>Text</dt><dd>20% <span class=\"muted small\">when a search text is given"
            ),
            "{block}"
        );
        // The Matches page says the same.
        let (_, matches) = browser.get(&format!("/roles/{own}/matches")).await;
        assert!(
            matches.contains("Set by this role's scorecard.")
                && matches.contains(&share("Budget", "15")),
            "{matches}"
        );
        // Interviewers, who read the scorecard but not the matches, see the block too.
        let interviewer = app.browser_as(UserRole::Interviewer).await;
        let (status, html) = interviewer.get(&format!("/roles/{own}")).await;
        assert_eq!(status, 200, "{html}");
        assert!(
            weights_block(&html).contains(&share("Skills", "50")),
            "{html}"
        );

        let (status, html) = browser.get(&format!("/roles/{plain}")).await;
        assert_eq!(status, 200, "{html}");
        let block = weights_block(&html);
        assert!(block.contains("<strong>Defaults</strong>"), "{block}");
        assert!(!block.contains("Set by this role"), "{block}");
        for (component, percent) in [
            ("Skills", "45"),
            ("Level", "15"),
            ("Budget", "10"),
            ("Time zone", "10"),
            ("Availability", "10"),
            ("Vetting", "10"),
        ] {
            assert!(block.contains(&share(component, percent)), "{block}");
        }
        assert!(block.contains("<dt>Text</dt><dd>20% "), "{block}");
        app
    })
    .await;
}

#[tokio::test]
async fn all_zero_weights_are_shown_as_the_defaults_the_ranking_uses() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        // HL027 is a lint error, not a parse error: such a scorecard can be stored.
        let zero = "\n[matching.weights]\nskills = 0\nlevel = 0\nbudget = 0\ntimezone = 0\navailability = 0\nvetting = 0\n";
        let role = role_with(&api, zero).await;
        let browser = app.browser_as(UserRole::Recruiter).await;
        let (_, html) = browser.get(&format!("/roles/{role}")).await;
        let block = weights_block(&html);
        assert!(block.contains("<strong>Defaults</strong>"), "{block}");
        assert!(block.contains(&share("Skills", "45")), "{block}");
        app
    })
    .await;
}

#[tokio::test]
async fn the_scorecard_editor_hints_at_matching_weights() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        let role = new_role(&api).await;
        let browser = app.browser_as(UserRole::Recruiter).await;
        let (status, editor) = browser.get(&format!("/roles/{role}/scorecard/edit")).await;
        assert_eq!(status, 200, "{editor}");
        let hint = &editor[editor.find("id=\"weights-hint\"").expect("the hint")..];
        let hint = &hint[..hint.find("</p>").unwrap()];
        assert!(
            hint.contains("<code>[matching.weights]</code>")
                && hint.contains("<code>skills = 60</code>"),
            "{hint}"
        );
        app
    })
    .await;
}
