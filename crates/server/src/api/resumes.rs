//! `/api/v1/candidates/{id}/resumes`: a candidate's resume documents. A POST sends the file as the
//! raw body (Content-Type `application/pdf`, the DOCX media type or `text/plain`; anything else
//! is guessed from `file_name` and the content); the answer says which skills the text showed and
//! which were added to the candidate. Who may see the candidate may read their documents.

use super::extract::{ApiQuery, PathId};
use crate::auth::ApiUser;
use crate::error::{AppError, AppResult, ErrorBody};
use crate::resume::{add_resume, clean_file_name, file_error, ResumeFile, ResumeOutcome};
use crate::state::AppState;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::routing::get;
use axum::{Json, Router};
use hireloop_core::authz::{authorize, visibility, Action, Principal};
use hireloop_core::candidate::Candidate;
use hireloop_core::ids::CandidateId;
use hireloop_resume::{describe_limit, ResumeError, ResumeKind};
use hireloop_store::records::ResumeDocument;
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/api/v1/candidates/{id}/resumes",
            // The upload reads its body itself, up to the configured resume limit.
            get(list).post(upload).layer(DefaultBodyLimit::disable()),
        )
        .route("/api/v1/candidates/{id}/resumes/{doc_id}", get(get_one))
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct UploadQuery {
    /// The file's name, e.g. `ana.pdf`: shown in lists, and used to tell the file type when the
    /// Content-Type does not.
    pub file_name: Option<String>,
}

#[utoipa::path(post, path = "/api/v1/candidates/{id}/resumes", tag = "candidates",
    params(("id" = uuid::Uuid, Path), UploadQuery),
    request_body(description = "The resume file's bytes",
        content((String = "application/pdf"),
            (String = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            (String = "text/plain"))),
    responses((status = 201, body = ResumeOutcome, description = "Stored; skills found and added"),
        (status = 200, body = ResumeOutcome, description = "The same file was already stored"),
        (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody, description = "The file is too large, encrypted, corrupt or of another type; the field is `file`")))]
pub async fn upload(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathId(id): PathId<CandidateId>,
    ApiQuery(query): ApiQuery<UploadQuery>,
    headers: HeaderMap,
    body: Body,
) -> AppResult<(StatusCode, Json<ResumeOutcome>)> {
    let principal = user.principal();
    authorize(&principal, Action::ManageCandidates)?;
    let candidate = visible_candidate(&state, &principal, id).await?;
    let kind = kind_from_headers(&headers)?;
    let file_name = clean_file_name(query.file_name.as_deref(), kind);
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok());
    let bytes = read_limited(body, &file_name, declared, state.config.resume_max_bytes).await?;
    let file = ResumeFile {
        file_name: &file_name,
        kind,
        bytes: &bytes,
    };
    let outcome = add_resume(&state, &candidate, file, Some(user.user.id)).await?;
    let status = if outcome.created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(outcome)))
}

#[utoipa::path(get, path = "/api/v1/candidates/{id}/resumes", tag = "candidates",
    params(("id" = uuid::Uuid, Path)),
    responses((status = 200, body = Vec<ResumeDocument>, description = "Newest first, without the text"),
        (status = 404, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathId(id): PathId<CandidateId>,
) -> AppResult<Json<Vec<ResumeDocument>>> {
    let candidate = visible_candidate(&state, &user.principal(), id).await?;
    Ok(Json(state.store.resume_documents(candidate.id).await?))
}

#[utoipa::path(get, path = "/api/v1/candidates/{id}/resumes/{doc_id}", tag = "candidates",
    params(("id" = uuid::Uuid, Path), ("doc_id" = uuid::Uuid, Path)),
    responses((status = 200, body = ResumeDocument, description = "With the extracted text"),
        (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get_one(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path((id, doc_id)): Path<(String, String)>,
) -> AppResult<Json<ResumeDocument>> {
    let id: CandidateId = id.parse().map_err(|message| AppError::BadRequest {
        field: Some("id".into()),
        message,
    })?;
    let doc_id: uuid::Uuid = doc_id.parse().map_err(|_| AppError::BadRequest {
        field: Some("doc_id".into()),
        message: "not a document id".into(),
    })?;
    let candidate = visible_candidate(&state, &user.principal(), id).await?;
    state
        .store
        .resume_document(candidate.id, doc_id)
        .await?
        .map(Json)
        .ok_or(AppError::NotFound("resume document"))
}

/// The candidate if this user may see them; otherwise 404, so existence does not leak.
pub async fn visible_candidate(
    state: &AppState,
    principal: &Principal,
    id: CandidateId,
) -> AppResult<Candidate> {
    state
        .store
        .candidate(&visibility(principal), id)
        .await?
        .ok_or(AppError::NotFound("candidate"))
}

/// The kind the Content-Type names. None (guess from the name and content) when it is missing or
/// generic; a type hireloop cannot read is refused before the body is read.
fn kind_from_headers(headers: &HeaderMap) -> AppResult<Option<ResumeKind>> {
    let Some(raw) = headers.get(header::CONTENT_TYPE) else {
        return Ok(None);
    };
    let media_type = raw.to_str().unwrap_or_default().trim();
    if media_type.is_empty() || media_type.starts_with("application/octet-stream") {
        return Ok(None);
    }
    match ResumeKind::from_media_type(media_type) {
        Some(kind) => Ok(Some(kind)),
        None => Err(AppError::BadRequest {
            field: Some("Content-Type".into()),
            message: format!(
                "unsupported Content-Type {media_type}: send application/pdf, {} or text/plain",
                ResumeKind::DOCX_MEDIA_TYPE
            ),
        }),
    }
}

/// The body, refused as this file's error once it passes `max` bytes (`declared`: the
/// Content-Length, to name the real size).
pub async fn read_limited(
    body: Body,
    file_name: &str,
    declared: Option<usize>,
    max: usize,
) -> AppResult<Vec<u8>> {
    let too_large = |size: usize| {
        file_error(ResumeError::TooLarge {
            file: file_name.to_string(),
            size,
            limit: describe_limit(max),
        })
    };
    match axum::body::to_bytes(body, max.saturating_add(1)).await {
        Ok(bytes) if bytes.len() > max => Err(too_large(bytes.len())),
        Ok(bytes) => Ok(bytes.to_vec()),
        Err(e) => {
            let inner = e.into_inner();
            if inner.is::<http_body_util::LengthLimitError>() {
                Err(too_large(declared.unwrap_or(max.saturating_add(1))))
            } else {
                Err(AppError::BadRequest {
                    field: None,
                    message: format!("cannot read the request body: {inner}"),
                })
            }
        }
    }
}
