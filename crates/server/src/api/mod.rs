//! The JSON API under `/api/v1`, documented by the OpenAPI document at `/api/v1/openapi.json`.
//! Handlers are thin: parse (`extract`), authorize (`hireloop_core::authz`), call the store, answer.

pub mod applications;
pub mod candidates;
pub mod decisions;
pub mod extract;
pub mod feedback;
pub mod health;
pub mod import;
pub mod interviews;
pub mod loops;
pub mod market;
pub mod market_files;
pub mod matches;
pub mod merges;
pub mod messages;
pub mod offers;
pub mod onboarding;
pub mod openapi;
pub mod resumes;
pub mod roles;
pub mod scorecards;
pub mod search;
pub mod tokens;
pub mod trials;
pub mod users;

use crate::error::AppError;
use crate::state::AppState;
use axum::http::{header, HeaderName, StatusCode};
use axum::routing::{any, get, post};
use axum::{Json, Router};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/openapi.json", get(openapi::document))
        .route("/api/v1/me", get(users::me))
        .route("/api/v1/users", get(users::list).post(users::create))
        .route("/api/v1/roles", get(roles::list).post(roles::create))
        .route(
            "/api/v1/roles/{id}",
            get(roles::get).patch(roles::update_status),
        )
        .route("/api/v1/roles/{id}/board", get(roles::board))
        .route(
            "/api/v1/candidates",
            get(candidates::list).post(candidates::create),
        )
        .route("/api/v1/candidates/import", post(import::import))
        .route(
            "/api/v1/candidates/{id}",
            get(candidates::get).patch(candidates::update),
        )
        .route(
            "/api/v1/applications",
            get(applications::list).post(applications::create),
        )
        .route("/api/v1/applications/{id}", get(applications::get))
        .route(
            "/api/v1/applications/{id}/move",
            post(applications::move_stage),
        )
        .route(
            "/api/v1/applications/{id}/history",
            get(applications::history),
        )
        .route(
            "/api/v1/applications/{id}/interviewers",
            post(applications::assign_interviewer),
        )
        .route("/api/v1/tokens", get(tokens::list).post(tokens::create))
        .route("/api/v1/tokens/{id}", axum::routing::delete(tokens::revoke))
        .merge(market_routes())
        .merge(offers::routes())
        .merge(messages::routes())
        .merge(decisions::routes())
        .merge(interviews::routes())
        .merge(scorecard_routes())
        .merge(loop_routes())
        .merge(candidates::routes())
        .merge(resumes::routes())
        .merge(merges::routes())
        .merge(search::routes())
        .route("/api/v1/roles/{id}/matches", get(matches::list))
        .route("/api/v1/roles/{id}/shortlist", post(matches::shortlist))
        // Unknown API paths answer in JSON like every other API error, not with an HTML page.
        .route("/api/v1/{*rest}", any(no_such_endpoint))
}

fn loop_routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/competencies", get(loops::competencies))
        .route("/api/v1/loop-templates", get(loops::templates))
        .route("/api/v1/roles/{id}/loop", get(loops::role_loop))
        .route(
            "/api/v1/roles/{id}/loop/from-template",
            post(loops::copy_template),
        )
}

fn scorecard_routes() -> Router<AppState> {
    Router::new()
        .route(
            "/api/v1/roles/{id}/scorecard",
            get(scorecards::get)
                .put(scorecards::put)
                .delete(scorecards::delete),
        )
        .route("/api/v1/roles/{id}/lint", get(scorecards::lint_stored))
        .route("/api/v1/roles/{id}/jd", get(scorecards::jd_stored))
        .route("/api/v1/scorecards/lint", post(scorecards::lint_body))
        .route("/api/v1/scorecards/jd", post(scorecards::jd_body))
}

fn market_routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/market/dataset", get(market::dataset))
        .route("/api/v1/market/rates", get(market::rates))
        .route("/api/v1/market/salaries", get(market::salaries))
        .route("/api/v1/market/cost", post(market::cost))
        .route("/api/v1/market/compare", post(market::compare))
        .route("/api/v1/market/compare/benchmark", get(market::benchmark))
        .route("/api/v1/market/all-in", get(market::all_in))
        .route("/api/v1/market/wrong-hire", get(market::wrong_hire))
        .route(
            "/api/v1/market/junior-vs-senior",
            get(market::junior_vs_senior),
        )
        .route("/api/v1/market/budget-check", post(market::budget_check))
        .route("/api/v1/market/timeline", get(market::timeline))
        .route(
            "/api/v1/market/advice/channel",
            post(market::advice_channel),
        )
        .route(
            "/api/v1/market/advice/engagement",
            post(market::advice_engagement),
        )
        .route(
            "/api/v1/market/advice/team-shape",
            post(market::advice_team_shape),
        )
        .route("/api/v1/market/files", get(market_files::list))
        .route(
            "/api/v1/market/files/{name}",
            get(market_files::get)
                .put(market_files::put)
                .delete(market_files::delete),
        )
}

/// The health, readiness and metrics routes, mounted at the root.
pub fn ops_routes() -> Router<AppState> {
    health::routes()
}

async fn no_such_endpoint() -> AppError {
    AppError::NotFound("API endpoint")
}

/// A 201 with the new resource's URL in `Location` and the resource as the body.
pub type Created<T> = (StatusCode, [(HeaderName, String); 1], Json<T>);

pub fn created<T>(location: String, body: T) -> Created<T> {
    (
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(body),
    )
}
