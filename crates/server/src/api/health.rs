//! Operations endpoints outside `/api/v1`: liveness (`/healthz`), readiness (`/readyz`, which asks
//! the database) and Prometheus metrics (`/metrics`). None needs a login, so probes and scrapers work.

use crate::error::{AppError, AppResult, ErrorBody};
use crate::metrics;
use crate::state::AppState;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Health {
    /// `ok` when alive, `ready` when the database answers too.
    pub status: &'static str,
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/metrics", get(render_metrics))
}

/// The process is up and answering; says nothing about the database, so a slow database does not
/// get a healthy process restarted.
#[utoipa::path(get, path = "/healthz", tag = "operations", security(()),
    responses((status = 200, body = Health)))]
pub async fn healthz() -> Json<Health> {
    Json(Health { status: "ok" })
}

/// Ready to serve: the database answers. A load balancer sends traffic only to ready servers.
#[utoipa::path(get, path = "/readyz", tag = "operations", security(()),
    responses((status = 200, body = Health), (status = 503, body = ErrorBody)))]
pub async fn readyz(State(state): State<AppState>) -> AppResult<Json<Health>> {
    match state.store.ping().await {
        Ok(()) => Ok(Json(Health { status: "ready" })),
        Err(err) => {
            tracing::warn!(error = %err, "readiness check failed");
            Err(AppError::Unavailable(format!(
                "the {} database is not answering",
                state.store.backend_name()
            )))
        }
    }
}

#[utoipa::path(get, path = "/metrics", tag = "operations", security(()),
    responses((status = 200, content_type = "application/openmetrics-text", body = String)))]
pub async fn render_metrics(State(state): State<AppState>) -> AppResult<Response> {
    let text = state
        .metrics
        .render()
        .map_err(|e| AppError::Internal(anyhow::anyhow!("encoding metrics: {e}")))?;
    Ok(([(header::CONTENT_TYPE, metrics::CONTENT_TYPE)], text).into_response())
}
