//! `POST /api/v1/candidates/import`: a JSON Resume document, NDJSON or CSV file, or one resume file
//! (PDF, DOCX, text), into the talent pool, answered with the per-record report. The import itself
//! is `crate::import::apply` and `crate::import_files::import_resume`, shared with the CLI's
//! `hireloop import` and the import page so all behave the same.

use crate::auth::ApiUser;
use crate::error::{AppError, AppResult, ErrorBody};
use crate::import::apply;
use crate::import_files::{format_of_media_type, import_resume};
use crate::resume::{clean_file_name, ResumeFile};
use crate::state::AppState;
use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderMap};
use axum::Json;
use hireloop_core::authz::{authorize, Action};
use hireloop_core::import::{ColumnMap, ImportReport, InputFormat};
use hireloop_resume::ResumeKind;
use serde::Deserialize;

use super::extract::ApiQuery;
use super::resumes::read_limited;

/// The query of an import.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ImportQuery {
    /// `jsonresume`, `ndjson`, `csv` or `resume`; when omitted, taken from the Content-Type
    /// (`application/json`, `application/x-ndjson`, `text/csv`; `application/pdf`, the DOCX type
    /// and `text/plain` are resume files).
    pub input: Option<String>,
    /// CSV only: column-to-field overrides, comma-separated, e.g. `Full name=name,Mail=email`.
    pub map: Option<String>,
    /// Resume files: the file's name, e.g. `ana.pdf`, shown in the report and stored with the
    /// document.
    pub file_name: Option<String>,
}

#[utoipa::path(post, path = "/api/v1/candidates/import", tag = "candidates", params(ImportQuery),
    request_body(description = "The file: a JSON Resume document (or an array of them), NDJSON with one \
        document per line, CSV with a header row, or one resume file (PDF, DOCX, text): a candidate found \
        by the first email address in its text, created or given the document and the skills it lacks",
        content((String = "application/json"), (String = "application/x-ndjson"), (String = "text/csv"),
            (String = "application/pdf"),
            (String = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            (String = "text/plain"))),
    responses((status = 200, body = ImportReport, description = "One entry per record: imported, updated, \
        unchanged or skipped with the reason"),
        (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 413, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn import(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiQuery(query): ApiQuery<ImportQuery>,
    headers: HeaderMap,
    body: Body,
) -> AppResult<Json<ImportReport>> {
    authorize(&user.principal(), Action::ManageCandidates)?;
    let format = input_format(query.input.as_deref(), &headers)?;
    let pairs: Vec<&str> = query
        .map
        .as_deref()
        .map(|m| m.split(',').filter(|p| !p.trim().is_empty()).collect())
        .unwrap_or_default();
    let columns = ColumnMap::parse(&pairs)?;
    let max = state.config.resume_max_bytes;
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok());
    let media_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok());
    let kind = media_type.and_then(ResumeKind::from_media_type);
    let file_name = match (format, query.file_name.as_deref()) {
        (InputFormat::Resume, name) => clean_file_name(name, kind),
        (_, Some(name)) => clean_file_name(Some(name), None),
        // Only said in the error of a body over the limit.
        (_, None) => "the import file".into(),
    };
    let body = read_limited(body, &file_name, declared, max).await?;
    let mut report = ImportReport::new(format);
    let stored = if format == InputFormat::Resume {
        let file = ResumeFile {
            file_name: &file_name,
            kind,
            bytes: &body,
        };
        let (line, stored) =
            import_resume(&state.store, &state.taxonomy, file, max, Some(user.user.id)).await?;
        report.push(line);
        stored.into_iter().collect()
    } else {
        let imported = apply(
            &state.store,
            &state.taxonomy,
            format,
            &body,
            &columns,
            max,
            |_, _| {},
        )
        .await?;
        report = imported.report;
        imported.stored
    };
    state.matching.upsert_all(&stored);
    state.search.upsert_all(&stored);
    Ok(Json(report))
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
        .and_then(|v| v.to_str().ok());
    match content_type.and_then(format_of_media_type) {
        Some(format) => Ok(format),
        None => Err(AppError::BadRequest {
            field: Some("input".into()),
            message: format!(
                "say what the body is: ?input= one of {}",
                InputFormat::NAMES.join(", ")
            ),
        }),
    }
}
