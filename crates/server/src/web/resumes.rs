//! The candidate page's resume documents: the list, an upload form (a multipart post sent by htmx,
//! which carries the CSRF token in its header, or by a browser without JavaScript, the token then
//! the form's first field), and a page with one document's extracted text. The upload goes
//! through `crate::resume::add_resume`, like the API and the CLI.

use super::candidates::load_candidate;
use super::render::{day, is_htmx, View};
use crate::auth::WebUser;
use crate::error::{AppError, AppResult};
use crate::resume::{add_resume, clean_file_name, file_error, ResumeFile, ResumeOutcome};
use crate::state::AppState;
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use hireloop_core::authz::Action;
use hireloop_core::candidate::Candidate;
use hireloop_resume::{describe_limit, ResumeError, ResumeKind};
use minijinja::{context, Value};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/candidates/{id}/resumes",
            // The handler stops reading the file at the configured resume limit itself.
            post(upload).layer(DefaultBodyLimit::disable()),
        )
        .route("/candidates/{id}/resumes/{doc_id}", get(show))
}

/// The context of `candidate_resumes.html`: the documents, whether this viewer may upload, and
/// the outcome or error of an upload just made.
pub async fn section(
    view: &View<'_>,
    candidate: &Candidate,
    outcome: Option<&ResumeOutcome>,
    error: Option<String>,
) -> AppResult<Value> {
    let docs: Vec<Value> = view
        .state
        .store
        .resume_documents(candidate.id)
        .await?
        .iter()
        .map(|d| {
            context! {
                id => d.id.to_string(),
                file_name => d.file_name.as_str(),
                kind => kind_label(&d.media_type),
                kb => (d.bytes_len + 1023) / 1024,
                uploaded => day(&d.uploaded_at),
            }
        })
        .collect();
    let report = outcome.map(|o| {
        context! {
            file_name => o.document.file_name.as_str(),
            created => o.created,
            detected => o.skills_detected.len(),
            added => o.skills_added.iter().map(|s| skill_name(view.state, s)).collect::<Vec<_>>(),
        }
    });
    Ok(context! {
        candidate_id => candidate.id.to_string(),
        docs => docs,
        may_upload => view.may(Action::ManageCandidates),
        report => report,
        error => error,
        limit => describe_limit(view.state.config.resume_max_bytes),
    })
}

/// "PostgreSQL" for "postgresql"; the id itself for a skill outside the taxonomy.
fn skill_name(state: &AppState, id: &str) -> String {
    state.taxonomy.resolve(id).map_or_else(
        || id.to_string(),
        |skill| state.taxonomy.name(skill).to_string(),
    )
}

fn kind_label(media_type: &str) -> &'static str {
    match ResumeKind::from_media_type(media_type) {
        Some(ResumeKind::Pdf) => "PDF",
        Some(ResumeKind::Docx) => "DOCX",
        _ => "Text",
    }
}

/// POST /candidates/{id}/resumes: answers with the section (the list and what the upload did,
/// or the file's error with 422) for htmx to swap in; without htmx, with the section as a page.
pub async fn upload(
    State(state): State<AppState>,
    WebUser(auth): WebUser,
    Path(id): Path<String>,
    headers: HeaderMap,
    multipart: Multipart,
) -> Response {
    let view = View::new(&state, &auth);
    let result = async {
        view.authorize(Action::ManageCandidates)?;
        let candidate = load_candidate(&view, &id).await?;
        let (status, outcome, error) = match read_file(multipart, &state).await {
            Ok((name, kind, bytes)) => {
                let file = ResumeFile {
                    file_name: &name,
                    kind,
                    bytes: &bytes,
                };
                match add_resume(&state, &candidate, file, Some(auth.user.id)).await {
                    Ok(outcome) => (StatusCode::OK, Some(outcome), None),
                    Err(err @ AppError::Validation(_)) => (err.status(), None, Some(message(&err))),
                    Err(err) => return Err(err),
                }
            }
            Err(err @ (AppError::Validation(_) | AppError::BadRequest { .. })) => {
                (err.status(), None, Some(message(&err)))
            }
            Err(err) => return Err(err),
        };
        let resumes = section(&view, &candidate, outcome.as_ref(), error).await?;
        // A post without JavaScript replaces the whole page: it gets one, with the way back.
        let template = if is_htmx(&headers) {
            "candidate_resumes.html"
        } else {
            "candidate_resumes_page.html"
        };
        Ok(view.page_with_status(
            status,
            template,
            context! {
                section => "candidates",
                candidate_name => candidate.name.as_str(),
                resumes => resumes,
            },
        ))
    };
    view.finish(result.await)
}

/// The field message of a validation error, or the error's own text.
fn message(err: &AppError) -> String {
    err.field_errors()
        .errors
        .first()
        .map(|e| e.message.clone())
        .unwrap_or_else(|| err.to_string())
}

/// The `file` field: its name, the kind its part's Content-Type names, and its bytes, stopping
/// once the file passes the limit.
async fn read_file(
    mut multipart: Multipart,
    state: &AppState,
) -> AppResult<(String, Option<ResumeKind>, Vec<u8>)> {
    let max = state.config.resume_max_bytes;
    let bad = |e: axum::extract::multipart::MultipartError| AppError::BadRequest {
        field: Some("file".into()),
        message: format!("the upload could not be read: {}", e.body_text()),
    };
    while let Some(mut field) = multipart.next_field().await.map_err(bad)? {
        if field.name() != Some("file") {
            continue;
        }
        let kind = field.content_type().and_then(ResumeKind::from_media_type);
        let name = clean_file_name(field.file_name(), kind);
        let mut bytes = Vec::new();
        while let Some(chunk) = field.chunk().await.map_err(bad)? {
            bytes.extend_from_slice(&chunk);
            if bytes.len() > max {
                return Err(file_error(ResumeError::TooLarge {
                    file: name,
                    size: bytes.len(),
                    limit: describe_limit(max),
                }));
            }
        }
        return Ok((name, kind, bytes));
    }
    Err(AppError::Validation(
        hireloop_core::ValidationErrors::single("file", "choose a resume file (PDF, DOCX or text)"),
    ))
}

/// GET /candidates/{id}/resumes/{doc_id}: one document's extracted text.
pub async fn show(
    State(state): State<AppState>,
    WebUser(auth): WebUser,
    Path((id, doc_id)): Path<(String, String)>,
) -> Response {
    let view = View::new(&state, &auth);
    let result = async {
        let candidate = load_candidate(&view, &id).await?;
        let doc_id: uuid::Uuid = doc_id
            .parse()
            .map_err(|_| AppError::NotFound("resume document"))?;
        let doc = state
            .store
            .resume_document(candidate.id, doc_id)
            .await?
            .ok_or(AppError::NotFound("resume document"))?;
        Ok(view.page(
            "resume_text.html",
            context! {
                section => "candidates",
                candidate_id => candidate.id.to_string(),
                candidate_name => candidate.name.as_str(),
                file_name => doc.file_name.as_str(),
                kind => kind_label(&doc.media_type),
                uploaded => day(&doc.uploaded_at),
                text => doc.extracted_text.unwrap_or_default(),
            },
        ))
    };
    view.finish(result.await)
}
