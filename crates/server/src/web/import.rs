//! The import page (issue #5): `GET /candidates/import` shows an upload form (one or more files:
//! JSON Resume, NDJSON, CSV or resume files), `POST /candidates/import` (multipart, sent by htmx
//! with the CSRF header) runs `crate::import_files::import_files`, as the CLI and API do, and
//! answers with the same page and the per-record report, so nothing is lost to a redirect.

use super::render::View;
use crate::auth::WebUser;
use crate::import_files::{import_files, FileOptions, FilesReport, ImportFile};
use crate::resume::clean_file_name;
use crate::state::AppState;
use axum::extract::multipart::{Field, MultipartError};
use axum::extract::{DefaultBodyLimit, Multipart, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use hireloop_core::authz::Action;
use hireloop_core::import::{ColumnMap, InputFormat, Outcome, RecordKind};
use hireloop_core::ValidationErrors;
use hireloop_resume::describe_limit;
use minijinja::{context, Value};

/// At most this many files per upload: the page shows every record, and a browser upload of
/// more is better done with `hireloop import DIR`.
const MAX_FILES: usize = 50;

pub fn routes() -> Router<AppState> {
    Router::new().route(
        "/candidates/import",
        // The handler reads each file up to the configured limit itself and reports the rest.
        get(form).post(upload).layer(DefaultBodyLimit::disable()),
    )
}

/// What the form was sent with, to show it again.
#[derive(Debug, Default)]
struct Sent {
    input: String,
    map: String,
}

/// GET /candidates/import: the form.
pub async fn form(State(state): State<AppState>, WebUser(auth): WebUser) -> Response {
    let view = View::new(&state, &auth);
    let result = view
        .authorize(Action::ManageCandidates)
        .map(|()| render(&view, StatusCode::OK, &Sent::default(), None, None));
    view.finish(result)
}

/// POST /candidates/import: imports the files and shows the report under the form, or the form's
/// problem (no file, a bad column map, an unreadable upload) with 422.
pub async fn upload(
    State(state): State<AppState>,
    WebUser(auth): WebUser,
    multipart: Multipart,
) -> Response {
    let view = View::new(&state, &auth);
    let result = async {
        view.authorize(Action::ManageCandidates)?;
        let limit = state.config.resume_max_bytes;
        let (sent, files) = match read_form(multipart, limit).await {
            Ok(read) => read,
            Err(errors) => {
                let sent = Sent::default();
                return Ok(render(
                    &view,
                    StatusCode::UNPROCESSABLE_ENTITY,
                    &sent,
                    Some(errors),
                    None,
                ));
            }
        };
        let (format, columns) = match options(&sent, &files) {
            Ok(options) => options,
            Err(errors) => {
                return Ok(render(
                    &view,
                    StatusCode::UNPROCESSABLE_ENTITY,
                    &sent,
                    Some(errors),
                    None,
                ))
            }
        };
        let files = files
            .into_iter()
            .map(|file| ImportFile { format, ..file })
            .collect();
        let options = FileOptions {
            columns: &columns,
            max_bytes: limit,
            actor: Some(auth.user.id),
        };
        let imported = import_files(&state.store, &state.taxonomy, files, &options, |_| {}).await?;
        state.matching.upsert_all(&imported.stored);
        state.search.upsert_all(&imported.stored);
        Ok(render(
            &view,
            StatusCode::OK,
            &sent,
            None,
            Some(&imported.report),
        ))
    };
    view.finish(result.await)
}

/// The format override and the CSV column map the form names, or their problems by field.
fn options(
    sent: &Sent,
    files: &[ImportFile],
) -> Result<(Option<InputFormat>, ColumnMap), ValidationErrors> {
    let mut errors = ValidationErrors::default();
    if files.is_empty() {
        errors.add("files", "choose one or more files to import");
    }
    let format = match sent.input.trim() {
        "" => None,
        raw => errors.check("input", raw.parse::<InputFormat>()),
    };
    let pairs: Vec<&str> = sent
        .map
        .split([',', '\n'])
        .filter(|p| !p.trim().is_empty())
        .collect();
    let columns = match ColumnMap::parse(&pairs) {
        Ok(columns) => Some(columns),
        Err(e) => {
            for problem in e.errors {
                errors.add("map", problem.message);
            }
            None
        }
    };
    match (errors.is_empty(), columns) {
        (true, Some(columns)) => Ok((format, columns)),
        _ => Err(errors),
    }
}

/// The form's fields: `input`, `map`, and each `files` part (read up to `limit` bytes; a larger
/// file is kept as a reason, so the others still import).
async fn read_form(
    mut multipart: Multipart,
    limit: usize,
) -> Result<(Sent, Vec<ImportFile>), ValidationErrors> {
    let bad = |e: MultipartError| {
        ValidationErrors::single(
            "files",
            format!(
                "the upload could not be read ({}); each file may be up to {}, the whole upload a \
                 little more",
                e.body_text(),
                describe_limit(limit)
            ),
        )
    };
    let mut sent = Sent::default();
    let mut files = Vec::new();
    while let Some(field) = multipart.next_field().await.map_err(bad)? {
        match field.name() {
            Some("input") => sent.input = field.text().await.map_err(bad)?,
            Some("map") => sent.map = field.text().await.map_err(bad)?,
            Some("files") if field.file_name().is_some_and(|n| !n.is_empty()) => {
                if files.len() == MAX_FILES {
                    return Err(ValidationErrors::single(
                        "files",
                        format!("at most {MAX_FILES} files at once; `hireloop import DIR` takes any number"),
                    ));
                }
                files.push(read_file(field, limit).await.map_err(bad)?);
            }
            _ => {}
        }
    }
    Ok((sent, files))
}

/// One file part. Past the limit the rest is read and dropped, so the next part can be reached.
async fn read_file(mut field: Field<'_>, limit: usize) -> Result<ImportFile, MultipartError> {
    let name = clean_file_name(field.file_name(), None);
    let media_type = field.content_type().map(str::to_string);
    let mut bytes = Vec::new();
    let mut size = 0usize;
    while let Some(chunk) = field.chunk().await? {
        size = size.saturating_add(chunk.len());
        if size <= limit {
            bytes.extend_from_slice(&chunk);
        } else {
            bytes = Vec::new();
        }
    }
    let content = if size > limit {
        Err(format!(
            "{name}: over the {} limit ({size} bytes)",
            describe_limit(limit)
        ))
    } else {
        Ok(bytes)
    };
    Ok(ImportFile {
        name,
        format: None,
        media_type,
        content,
    })
}

/// The page: the form (with what was sent and its problems) and, after an import, the report.
fn render(
    view: &View<'_>,
    status: StatusCode,
    sent: &Sent,
    errors: Option<ValidationErrors>,
    report: Option<&FilesReport>,
) -> Response {
    let errors: std::collections::BTreeMap<String, String> = errors
        .map(|e| super::render::field_messages(&e))
        .unwrap_or_default();
    let formats: Vec<Value> = InputFormat::ALL
        .iter()
        .map(|f| context! { value => f.as_str(), label => f.label() })
        .collect();
    view.page_with_status(
        status,
        "candidates_import.html",
        context! {
            section => "candidates",
            form => context! { input => sent.input.as_str(), map => sent.map.as_str() },
            errors => errors,
            formats => formats,
            limit => describe_limit(view.state.config.resume_max_bytes),
            max_files => MAX_FILES,
            report => report.map(report_context),
        },
    )
}

fn report_context(report: &FilesReport) -> Value {
    let records: Vec<Value> = report
        .records
        .iter()
        .map(|r| {
            let mut details: Vec<String> = r
                .errors
                .iter()
                .map(|e| format!("{}: {}", e.field, e.message))
                .collect();
            if details.is_empty() {
                details.extend(r.reason.clone());
            }
            if !r.unknown_skills.is_empty() {
                details.push(format!(
                    "skills outside the taxonomy, kept as tags: {}",
                    r.unknown_skills.join(", ")
                ));
            }
            context! {
                file => r.file.as_deref().unwrap_or_default(),
                // A file that is one record (a resume, a JSON Resume document) is named by the file.
                at => if r.file.is_some() && r.at.kind == RecordKind::Document && r.at.number == 1 {
                    String::new()
                } else {
                    r.at.to_string()
                },
                outcome => outcome_label(r.outcome),
                email => r.email.as_deref().unwrap_or_default(),
                candidate_id => r.candidate_id.map(|id| id.to_string()),
                details => details,
            }
        })
        .collect();
    context! {
        files => report.files,
        imported => report.imported,
        updated => report.updated,
        unchanged => report.unchanged,
        skipped => report.skipped,
        records => records,
    }
}

fn outcome_label(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Imported => "imported",
        Outcome::Updated => "updated",
        Outcome::Unchanged => "unchanged",
        Outcome::Skipped => "skipped",
    }
}
