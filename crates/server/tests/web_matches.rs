//! A role's matches page: the talent pool ranked against the scorecard with skills and reasons, the
//! shortlist form putting candidates on the board and reporting duplicates, the page without a
//! scorecard, and interviewers refused, on every backend.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use common::{csrf_from, new_role, on_each_backend, role_with_scorecard, Api, TestApp};
use hireloop_core::user::UserRole;
use serde_json::{json, Value};

/// A candidate stating 5 years per skill: the role's minimum years are enforced by default.
async fn candidate(api: &Api, name: &str, skills: &[&str]) -> String {
    let email = format!("{}@example.com", name.to_lowercase().replace(' ', "."));
    let details: Vec<Value> = skills
        .iter()
        .map(|s| json!({"skill": s, "years": 5}))
        .collect();
    let (status, body) = api
        .post(
            "/api/v1/candidates",
            &json!({"name": name, "email": email, "region": "eastern_europe", "skills": skills,
                    "skill_details": details,
                    "expected_rate": {"amount": 80, "period": "hour"}}),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    body["id"].as_str().unwrap().to_string()
}

/// Text as the templates escape it.
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#x27;")
        .replace('/', "&#x2f;")
}

fn position(html: &str, needle: &str) -> usize {
    html.find(needle)
        .unwrap_or_else(|| panic!("{needle} not in {html}"))
}

#[tokio::test]
async fn matches_are_ranked_with_reasons_and_a_shortlist_lands_on_the_board() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        let role = role_with_scorecard(&api).await;
        let full = [
            "Golang",
            "Postgres",
            "REST API",
            "Kafka",
            "System design",
            "k8s",
            "Stripe",
        ];
        let ana = candidate(&api, "Ana Petrovic", &full).await;
        let bora = candidate(
            &api,
            "Bora Ilic",
            &["go", "postgresql", "rest", "kafka", "system design"],
        )
        .await;
        // No PostgreSQL, a must-have: filtered out.
        candidate(&api, "Chen Li", &["go", "rest", "kafka", "system design"]).await;
        let (_, ranked) = api.get(&format!("/api/v1/roles/{role}/matches")).await;

        let browser = app.browser_as(UserRole::Recruiter).await;
        let (status, role_html) = browser.get(&format!("/roles/{role}")).await;
        assert_eq!(status, 200);
        assert!(role_html.contains(&format!("href=\"/roles/{role}/matches\"")));

        let path = format!("/roles/{role}/matches");
        let (status, html) = browser.get(&path).await;
        assert_eq!(status, 200, "{html}");
        assert!(position(&html, "Ana Petrovic") < position(&html, "Bora Ilic"));
        assert!(!html.contains("Chen Li"), "{html}");
        assert!(html.contains("<meter"), "{html}");
        assert!(html.contains(&format!("name=\"candidate_id\" value=\"{ana}\"")));
        let top = &ranked["matches"][0];
        for skill in top["matched_skills"].as_array().unwrap() {
            let name = escaped(skill["name"].as_str().unwrap());
            assert!(
                html.contains("tag-matched") && html.contains(&name),
                "{name}"
            );
        }
        let reason = escaped(top["reasons"][0].as_str().unwrap());
        assert!(html.contains(&reason), "{reason} in {html}");
        let missing = escaped(
            ranked["matches"][1]["missing_skills"][0]["name"]
                .as_str()
                .unwrap(),
        );
        assert!(
            html.contains("tag-missing") && html.contains(&missing),
            "{missing}"
        );
        for note in ranked["notes"].as_array().unwrap() {
            assert!(html.contains(&escaped(note.as_str().unwrap())), "{note}");
        }

        let csrf = csrf_from(&html);
        let shortlist = format!("{path}/shortlist");
        let fields = [
            ("_csrf", csrf.as_str()),
            ("candidate_id", ana.as_str()),
            ("candidate_id", bora.as_str()),
        ];
        let (status, done) = browser.post_form(&shortlist, &fields).await;
        assert_eq!(status, 200, "{done}");
        assert!(done.contains("2 added to the role"), "{done}");
        assert!(done.contains(&format!("href=\"/roles/{role}#board\"")));
        let (_, board) = browser.get(&format!("/roles/{role}")).await;
        let board = &board[position(&board, "id=\"board\"")..];
        assert!(
            board.contains("Ana Petrovic") && board.contains("Bora Ilic"),
            "{board}"
        );

        let again = [("_csrf", csrf.as_str()), ("candidate_id", ana.as_str())];
        let (status, done) = browser.post_form(&shortlist, &again).await;
        assert_eq!(status, 200, "{done}");
        assert!(done.contains("0 added to the role"), "{done}");
        assert!(done.contains("Already on the role"), "{done}");

        let (status, refused) = browser.post_form(&shortlist, &[("_csrf", &csrf)]).await;
        assert_eq!(status, 422, "{refused}");
        assert!(refused.contains("at least one candidate"), "{refused}");
        // Without the CSRF token nothing is stored.
        let (status, _) = browser
            .post_form(&shortlist, &[("candidate_id", &ana)])
            .await;
        assert_eq!(status, 403);
        app
    })
    .await;
}

#[tokio::test]
async fn without_a_scorecard_the_page_says_so_and_interviewers_are_refused() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        let role = new_role(&api).await;
        let path = format!("/roles/{role}/matches");

        let browser = app.browser_as(UserRole::Recruiter).await;
        let (status, html) = browser.get(&path).await;
        assert_eq!(status, 200, "{html}");
        assert!(html.contains("no scorecard yet"), "{html}");
        assert!(html.contains(&format!("href=\"/roles/{role}/scorecard/edit\"")));
        assert!(!html.contains("Shortlist selected"), "{html}");

        let (status, html) = browser.get(&format!("{path}?offset=lots")).await;
        assert_eq!(status, 400, "{html}");
        assert!(html.contains("offset"), "{html}");

        let interviewer = app.browser_as(UserRole::Interviewer).await;
        let (status, html) = interviewer.get(&path).await;
        assert_eq!(status, 403, "{html}");
        let (_, page) = interviewer.get("/").await;
        let csrf = csrf_from(&page);
        let (status, _) = interviewer
            .post_form(&format!("{path}/shortlist"), &[("_csrf", &csrf)])
            .await;
        assert_eq!(status, 403);
        let (status, html) = browser.get("/roles/not-a-role/matches").await;
        assert_eq!(status, 404, "{html}");
        // The API refuses the same role the same way as before the pages shared its ranking.
        let (status, listed): (u16, Value) =
            api.get(&format!("/api/v1/roles/{role}/matches")).await;
        assert_eq!(status, 409);
        assert_eq!(listed["error"]["details"]["field"], "scorecard", "{listed}");
        app
    })
    .await;
}
