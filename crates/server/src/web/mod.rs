//! The HTML pages: login, dashboard, roles with their scorecard and board, candidates, the hiring
//! plan, market data admin. Server-rendered with minijinja (templates compiled in), htmx for partial
//! updates, SVG charts. Handlers are thin: parse the form, ask `authz`, call the store, render.

mod application;
mod applications;
mod assets;
mod board;
mod candidate_profile;
mod candidates;
mod charts;
mod dashboard;
mod feedback;
mod import;
mod interview_loop;
mod interviews;
mod login;
mod market_admin;
mod matches;
mod merges;
mod offers;
mod onboarding;
mod outbox;
mod plan;
mod plan_view;
mod render;
mod resumes;
mod roles;
mod scorecard;
mod scorecard_view;
mod search;
mod trial;

use crate::state::AppState;
use axum::routing::{get, post};
use axum::Router;
use minijinja::{AutoEscape, Environment};

pub use render::error_page;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(dashboard::show))
        .route("/login", get(login::form).post(login::submit))
        .route("/logout", post(login::logout))
        .route("/roles", get(roles::list).post(roles::create))
        .route("/roles/new", get(roles::new_form))
        .route("/roles/{id}", get(roles::show))
        .route("/roles/{id}/board/move", post(board::move_card))
        .route("/roles/{id}/matches", get(matches::show))
        .route("/roles/{id}/matches/shortlist", post(matches::shortlist))
        .route(
            "/roles/{id}/applications",
            post(applications::add_from_role),
        )
        .route(
            "/candidates",
            get(candidates::list).post(candidates::create),
        )
        .route("/candidates/new", get(candidates::new_form))
        .route("/candidates/{id}", get(candidates::show))
        .route(
            "/candidates/{id}/applications",
            post(applications::add_from_candidate),
        )
        .route("/plan", get(plan::show))
        .route("/admin/market", get(market_admin::show))
        .route("/admin/market/files", post(market_admin::upload))
        .route(
            "/admin/market/files/{name}/delete",
            post(market_admin::delete),
        )
        .route(
            "/roles/{id}/scorecard/edit",
            get(scorecard::edit_form).post(scorecard::save),
        )
        .route("/roles/{id}/scorecard/lint", post(scorecard::lint_fragment))
        .route("/roles/{id}/scorecard/jd", get(scorecard::jd_preview))
        .route(
            "/roles/{id}/scorecard/loop",
            post(interview_loop::copy_template),
        )
        .merge(application::routes())
        .merge(offers::routes())
        .merge(outbox::routes())
        .merge(interviews::routes())
        .merge(candidate_profile::routes())
        .merge(resumes::routes())
        .merge(merges::routes())
        .merge(import::routes())
        .merge(search::routes())
        .route("/assets/{name}", get(assets::serve))
        .fallback(render::not_found)
}

/// Every template, by name. Compiled in, so a deployed binary cannot lose or mismatch its pages.
const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    (
        "application_tabs.html",
        include_str!("../../templates/application_tabs.html"),
    ),
    ("macros.html", include_str!("../../templates/macros.html")),
    (
        "application.html",
        include_str!("../../templates/application.html"),
    ),
    ("login.html", include_str!("../../templates/login.html")),
    ("error.html", include_str!("../../templates/error.html")),
    (
        "dashboard.html",
        include_str!("../../templates/dashboard.html"),
    ),
    ("roles.html", include_str!("../../templates/roles.html")),
    (
        "role_form.html",
        include_str!("../../templates/role_form.html"),
    ),
    ("role.html", include_str!("../../templates/role.html")),
    ("board.html", include_str!("../../templates/board.html")),
    ("matches.html", include_str!("../../templates/matches.html")),
    ("offer.html", include_str!("../../templates/offer.html")),
    ("trial.html", include_str!("../../templates/trial.html")),
    (
        "onboarding.html",
        include_str!("../../templates/onboarding.html"),
    ),
    (
        "candidates.html",
        include_str!("../../templates/candidates.html"),
    ),
    ("search.html", include_str!("../../templates/search.html")),
    (
        "candidates_import.html",
        include_str!("../../templates/candidates_import.html"),
    ),
    (
        "candidate_form.html",
        include_str!("../../templates/candidate_form.html"),
    ),
    (
        "candidate.html",
        include_str!("../../templates/candidate.html"),
    ),
    (
        "candidate_resumes.html",
        include_str!("../../templates/candidate_resumes.html"),
    ),
    (
        "candidate_resumes_page.html",
        include_str!("../../templates/candidate_resumes_page.html"),
    ),
    (
        "resume_text.html",
        include_str!("../../templates/resume_text.html"),
    ),
    (
        "candidate_duplicates.html",
        include_str!("../../templates/candidate_duplicates.html"),
    ),
    (
        "candidate_duplicates_slot.html",
        include_str!("../../templates/candidate_duplicates_slot.html"),
    ),
    (
        "candidate_duplicates_page.html",
        include_str!("../../templates/candidate_duplicates_page.html"),
    ),
    ("plan.html", include_str!("../../templates/plan.html")),
    (
        "plan_charts.html",
        include_str!("../../templates/plan_charts.html"),
    ),
    (
        "market_admin.html",
        include_str!("../../templates/market_admin.html"),
    ),
    (
        "scorecard_section.html",
        include_str!("../../templates/scorecard_section.html"),
    ),
    (
        "scorecard_budget.html",
        include_str!("../../templates/scorecard_budget.html"),
    ),
    (
        "scorecard_lint.html",
        include_str!("../../templates/scorecard_lint.html"),
    ),
    (
        "scorecard_edit.html",
        include_str!("../../templates/scorecard_edit.html"),
    ),
    (
        "scorecard_jd.html",
        include_str!("../../templates/scorecard_jd.html"),
    ),
    (
        "interviews.html",
        include_str!("../../templates/interviews.html"),
    ),
    (
        "interview_kit.html",
        include_str!("../../templates/interview_kit.html"),
    ),
    (
        "feedback_form.html",
        include_str!("../../templates/feedback_form.html"),
    ),
    ("debrief.html", include_str!("../../templates/debrief.html")),
    ("outbox.html", include_str!("../../templates/outbox.html")),
    (
        "message_templates.html",
        include_str!("../../templates/message_templates.html"),
    ),
];

/// The page templates, compiled into the binary, with HTML auto-escaping for all of them.
pub fn templates() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_auto_escape_callback(|_| AutoEscape::Html);
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Chainable);
    // Whole USD with thousands separators, as the market figures are shown everywhere.
    env.add_filter("usd", |amount: f64| hireloop_core::market::money(amount));
    for (name, source) in TEMPLATES {
        // The sources are part of the binary; the unit test below proves they all parse.
        env.add_template(name, source)
            .expect("a compiled-in template parses");
    }
    env
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_parses_and_escapes_html() {
        let env = templates();
        for (name, _) in TEMPLATES {
            assert!(env.get_template(name).is_ok(), "{name}");
        }
        let escaped = env
            .render_str("{{ x }}", minijinja::context! { x => "<b>" })
            .unwrap();
        assert_eq!(escaped, "&lt;b&gt;");
    }
}
