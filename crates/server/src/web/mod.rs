//! The HTML pages. (Pages arrive with the web UI work.)

use crate::state::AppState;
use axum::Router;

pub fn routes() -> Router<AppState> {
    Router::new()
}

/// The page templates, compiled into the binary.
pub fn templates() -> minijinja::Environment<'static> {
    minijinja::Environment::new()
}
