//! The JSON API under `/api/v1`. (Routes arrive with the API work.)

use crate::state::AppState;
use axum::Router;

pub fn routes() -> Router<AppState> {
    Router::new()
}
