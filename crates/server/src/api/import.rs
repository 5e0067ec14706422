//! `POST /api/v1/candidates/import`: a JSON Resume document, NDJSON or CSV file into the talent
//! pool, answered with the per-record report. The import itself is `crate::import::apply`, shared
//! with the CLI's `hireloop import` so both behave the same.

use crate::auth::ApiUser;
use crate::error::{AppError, AppResult, ErrorBody};
use crate::import::apply;
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::{header, HeaderMap};
use axum::Json;
use hireloop_core::authz::{authorize, Action};
use hireloop_core::import::{self, ColumnMap, ImportReport, InputFormat};
use serde::Deserialize;

use super::extract::ApiQuery;

/// The query of an import.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ImportQuery {
    /// `jsonresume`, `ndjson` or `csv`; when omitted, taken from the Content-Type
    /// (`application/json`, `application/x-ndjson`, `text/csv`).
    pub input: Option<String>,
    /// CSV only: column-to-field overrides, comma-separated, e.g. `Full name=name,Mail=email`.
    pub map: Option<String>,
}

#[utoipa::path(post, path = "/api/v1/candidates/import", tag = "candidates", params(ImportQuery),
    request_body(description = "The file: a JSON Resume document (or an array of them), NDJSON with one \
        document per line, or CSV with a header row",
        content((String = "application/json"), (String = "application/x-ndjson"), (String = "text/csv"))),
    responses((status = 200, body = ImportReport, description = "One entry per record: imported, updated, \
        unchanged or skipped with the reason"),
        (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 413, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn import(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiQuery(query): ApiQuery<ImportQuery>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> AppResult<Json<ImportReport>> {
    authorize(&user.principal(), Action::ManageCandidates)?;
    let format = input_format(query.input.as_deref(), &headers)?;
    let pairs: Vec<&str> = query
        .map
        .as_deref()
        .map(|m| m.split(',').filter(|p| !p.trim().is_empty()).collect())
        .unwrap_or_default();
    let columns = ColumnMap::parse(&pairs)?;
    let body = body.map_err(|e| AppError::BadRequest {
        field: None,
        message: format!("cannot read the request body: {}", e.body_text()),
    })?;
    let imported = apply(
        &state.store,
        &state.taxonomy,
        format,
        &body,
        &columns,
        import::DEFAULT_MAX_BYTES,
        |_, _| {},
    )
    .await?;
    state.matching.upsert_all(&imported.stored);
    state.search.upsert_all(&imported.stored);
    Ok(Json(imported.report))
}

/// The `input` parameter, or else what the Content-Type says.
fn input_format(input: Option<&str>, headers: &HeaderMap) -> AppResult<InputFormat> {
    if let Some(raw) = input {
        return raw.parse().map_err(|message| AppError::BadRequest {
            field: Some("input".into()),
            message,
        });
    }
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase());
    match content_type.as_deref() {
        Some("application/json") => Ok(InputFormat::JsonResume),
        Some("application/x-ndjson" | "application/jsonl") => Ok(InputFormat::Ndjson),
        Some("text/csv") => Ok(InputFormat::Csv),
        _ => Err(AppError::BadRequest {
            field: Some("input".into()),
            message: format!(
                "say what the body is: ?input= one of {}",
                InputFormat::NAMES.join(", ")
            ),
        }),
    }
}
