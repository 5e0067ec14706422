//! The server's one error type and the one place it becomes an HTTP status. The JSON API renders it
//! as `{"error": {"code", "message", "details"}}`; the HTML pages render the same status and message
//! (see `web::error_page`).

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use hireloop_core::authz::Forbidden;
use hireloop_core::market::MarketError;
use hireloop_core::pipeline::MoveError;
use hireloop_core::ValidationErrors;
use hireloop_store::StoreError;
use serde::Serialize;
use serde_json::json;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The input parsed as JSON/form data but some fields are wrong. 422.
    #[error("invalid input: {0}")]
    Validation(ValidationErrors),
    /// The request itself is malformed (not JSON, wrong content type, bad query string). 400.
    #[error("{message}")]
    BadRequest {
        field: Option<String>,
        message: String,
    },
    /// No valid credentials. 401.
    #[error("authentication required: log in or send an API token as 'Authorization: Bearer …'")]
    Unauthenticated,
    /// Credentials were given but are wrong, expired or revoked. 401.
    #[error("{0}")]
    BadCredentials(&'static str),
    /// Authenticated, but not allowed. 403.
    #[error("{0}")]
    Forbidden(String),
    /// 404. Also for things that exist but the caller may not see, so existence does not leak.
    #[error("{0} not found")]
    NotFound(&'static str),
    /// The request conflicts with what is stored. 409.
    #[error("{message}")]
    Conflict {
        field: Option<String>,
        message: String,
    },
    /// The market dataset has no figure for what was asked; hireloop will not make one up. 422.
    #[error("no benchmark for {0}")]
    NoBenchmark(String),
    /// A dependency (the database) is down. 503.
    #[error("{0}")]
    Unavailable(String),
    /// Anything unexpected. 500; logged with its chain, never shown.
    #[error("internal error")]
    Internal(#[from] anyhow::Error),
}

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::Validation(_) | AppError::NoBenchmark(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::BadRequest { .. } => StatusCode::BAD_REQUEST,
            AppError::Unauthenticated | AppError::BadCredentials(_) => StatusCode::UNAUTHORIZED,
            AppError::Forbidden(_) => StatusCode::FORBIDDEN,
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::Conflict { .. } => StatusCode::CONFLICT,
            AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// A stable, machine-readable code for clients.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::Validation(_) => "validation_failed",
            AppError::BadRequest { .. } => "bad_request",
            AppError::Unauthenticated => "unauthenticated",
            AppError::BadCredentials(_) => "bad_credentials",
            AppError::Forbidden(_) => "forbidden",
            AppError::NotFound(_) => "not_found",
            AppError::Conflict { .. } => "conflict",
            AppError::NoBenchmark(_) => "no_benchmark",
            AppError::Unavailable(_) => "unavailable",
            AppError::Internal(_) => "internal",
        }
    }

    /// The field-level problems, if any: forms show each next to its field.
    pub fn field_errors(&self) -> ValidationErrors {
        match self {
            AppError::Validation(errors) => errors.clone(),
            AppError::BadRequest {
                field: Some(f),
                message,
            }
            | AppError::Conflict {
                field: Some(f),
                message,
            } => ValidationErrors::single(f.clone(), message.clone()),
            _ => ValidationErrors::default(),
        }
    }

    pub fn body(&self) -> ErrorBody {
        let details = match self {
            AppError::Validation(errors) => json!({ "fields": errors.errors }),
            AppError::BadRequest { field: Some(f), .. }
            | AppError::Conflict { field: Some(f), .. } => {
                json!({ "field": f })
            }
            _ => serde_json::Value::Null,
        };
        ErrorBody {
            error: ErrorPayload {
                code: self.code(),
                message: self.to_string(),
                details,
            },
        }
    }

    pub fn field(field: impl Into<String>, message: impl Into<String>) -> Self {
        AppError::Validation(ValidationErrors::single(field, message))
    }
}

/// The JSON error body every API error has.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    pub error: ErrorPayload,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ErrorPayload {
    /// validation_failed, bad_request, unauthenticated, bad_credentials, forbidden, not_found, conflict,
    /// no_benchmark, unavailable or internal.
    pub code: &'static str,
    pub message: String,
    /// For validation_failed: `{"fields": [{"field", "message"}]}`; for others naming one field: `{"field"}`.
    #[schema(value_type = Object)]
    pub details: serde_json::Value,
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let AppError::Internal(err) = &self {
            tracing::error!(error = format!("{err:#}"), "request failed");
        }
        (self.status(), axum::Json(self.body())).into_response()
    }
}

impl From<StoreError> for AppError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::Invalid(errors) => AppError::Validation(errors),
            StoreError::Conflict { field, message } => AppError::Conflict {
                field: field.map(str::to_string),
                message,
            },
            StoreError::NotFound(what) => AppError::NotFound(what),
            StoreError::Database(sqlx_err) if is_connection_problem(&sqlx_err) => {
                AppError::Unavailable("the database is unavailable; try again shortly".into())
            }
            other => AppError::Internal(anyhow::Error::new(other)),
        }
    }
}

fn is_connection_problem(err: &hireloop_store::SqlxError) -> bool {
    matches!(
        err,
        hireloop_store::SqlxError::PoolTimedOut
            | hireloop_store::SqlxError::PoolClosed
            | hireloop_store::SqlxError::Io(_)
    )
}

impl From<Forbidden> for AppError {
    fn from(err: Forbidden) -> Self {
        AppError::Forbidden(err.to_string())
    }
}

impl From<ValidationErrors> for AppError {
    fn from(errors: ValidationErrors) -> Self {
        AppError::Validation(errors)
    }
}

impl From<MarketError> for AppError {
    fn from(err: MarketError) -> Self {
        match err {
            MarketError::Unknown { field, message }
            | MarketError::OutOfRange { field, message } => AppError::field(field, message),
            MarketError::NoBenchmark(what) => AppError::NoBenchmark(what),
        }
    }
}

impl From<MoveError> for AppError {
    fn from(err: MoveError) -> Self {
        match err {
            MoveError::SameStage(_) => AppError::Conflict {
                field: Some("stage".into()),
                message: err.to_string(),
            },
            MoveError::ReasonRequired(_) | MoveError::InvalidReason(_) => {
                AppError::field("reason", err.to_string())
            }
        }
    }
}

pub type AppResult<T> = Result<T, AppError>;
