//! The market data admin page: which dataset is in effect, from which files and sources, and the
//! admin's uploads. Uploads go through `MarketData::upload` like the API's, so a file is checked
//! with the whole dataset before anything is stored.

use super::render::{day, field_messages, parse_form, see_other, View};
use crate::auth::WebUser;
use crate::error::{AppError, AppResult};
use crate::market::{FileOrigin, MarketFileName};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use hireloop_core::authz::Action;
use hireloop_core::market::dataset::SHIPPED_FILES;
use hireloop_core::ValidationErrors;
use minijinja::{context, Value};
use serde::{Deserialize, Serialize};

/// The upload form as typed, so it can be shown again next to its errors.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct UploadForm {
    name: String,
    content: String,
}

/// What the page says after a change (`?uploaded=…` or `?deleted=…`, from the redirect).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Done {
    uploaded: Option<String>,
    deleted: Option<String>,
}

/// GET /admin/market
pub async fn show(
    State(state): State<AppState>,
    WebUser(auth): WebUser,
    RawQuery(query): RawQuery,
) -> Response {
    let view = View::new(&state, &auth);
    let done: Done = serde_urlencoded::from_str(query.as_deref().unwrap_or("")).unwrap_or_default();
    let notice = match (done.uploaded, done.deleted) {
        (Some(name), _) => Some(format!(
            "Uploaded {name}: the dataset below is now in effect."
        )),
        (None, Some(name)) => Some(format!(
            "Deleted {name}: the dataset below is now in effect."
        )),
        (None, None) => None,
    };
    let result = async {
        view.authorize(Action::ManageMarketData)?;
        page(
            &view,
            StatusCode::OK,
            &UploadForm::default(),
            &ValidationErrors::default(),
            notice,
        )
        .await
    };
    view.finish(result.await)
}

fn origin_label(origin: FileOrigin) -> &'static str {
    match origin {
        FileOrigin::Shipped => "Shipped",
        FileOrigin::Directory => "Market data directory",
        FileOrigin::Uploaded => "Uploaded",
    }
}

async fn page(
    view: &View<'_>,
    status: StatusCode,
    form: &UploadForm,
    errors: &ValidationErrors,
    notice: Option<String>,
) -> AppResult<Response> {
    let snapshot = view.state.market.snapshot();
    let data = &snapshot.dataset;
    let files: Vec<Value> = snapshot
        .files
        .iter()
        .map(|f| {
            context! {
                name => f.name.as_str(),
                origin => origin_label(f.origin),
                replaces_shipped => f.replaces_shipped,
            }
        })
        .collect();
    let mut uploads = Vec::new();
    for file in view.state.store.list_market_files().await? {
        let by = match file.uploaded_by {
            Some(id) => view.state.store.user(id).await?.map(|u| u.name.to_string()),
            None => None,
        };
        uploads.push(context! {
            name => file.name.as_str(),
            bytes => file.content.len(),
            uploaded_at => day(&file.uploaded_at),
            uploaded_by => by,
            replaces_shipped => SHIPPED_FILES.iter().any(|(n, _)| *n == file.name),
        });
    }
    let sources: Vec<Value> = data
        .figures
        .source
        .iter()
        .map(|s| {
            context! {
                id => s.id.as_str(),
                publisher => s.publisher.as_str(),
                title => s.title.as_str(),
                year => s.year,
                cites => s.cites.as_deref(),
            }
        })
        .collect();
    Ok(view.page_with_status(
        status,
        "market_admin.html",
        context! {
            section => "market",
            dataset_name => data.info.name.as_str(),
            dataset_version => data.info.version.as_str(),
            files => files,
            uploads => uploads,
            sources => sources,
            shipped_names => SHIPPED_FILES.iter().map(|(n, _)| *n).collect::<Vec<_>>(),
            form => form,
            errors => field_messages(errors),
            notice => notice,
        },
    ))
}

/// POST /admin/market/files: checks the file with the whole dataset, then stores it.
pub async fn upload(
    State(state): State<AppState>,
    WebUser(auth): WebUser,
    body: Bytes,
) -> Response {
    let view = View::new(&state, &auth);
    view.finish(store_upload(&view, &body, &auth).await)
}

async fn store_upload(
    view: &View<'_>,
    body: &[u8],
    auth: &crate::auth::Authenticated,
) -> AppResult<Response> {
    view.authorize(Action::ManageMarketData)?;
    let mut form: UploadForm = parse_form(body)?;
    form.name = form.name.trim().to_string();
    let mut errors = ValidationErrors::default();
    let name = errors.check("name", MarketFileName::parse(&form.name));
    if form.content.trim().is_empty() {
        errors.add(
            "content",
            "paste the file's TOML text here, or choose a .toml file",
        );
    }
    let result = match name {
        Some(name) if errors.is_empty() => view
            .state
            .market
            .upload(&view.state.store, &name, &form.content, Some(auth.user.id))
            .await
            .map(|(file, _)| file.name)
            .map_err(|err| err.into_app_error("content")),
        _ => Err(AppError::Validation(errors)),
    };
    match result {
        Ok(name) => {
            crate::matching::follow_market(view.state).await;
            tracing::info!(file = %name, "market data file uploaded");
            Ok(see_other(&upload_done("uploaded", &name)))
        }
        Err(AppError::Validation(errors)) => {
            page(view, StatusCode::UNPROCESSABLE_ENTITY, &form, &errors, None).await
        }
        Err(err) => Err(err),
    }
}

fn upload_done(what: &str, name: &str) -> String {
    let query = serde_urlencoded::to_string([(what, name)]).unwrap_or_default();
    format!("/admin/market?{query}#uploads")
}

/// POST /admin/market/files/{name}/delete
pub async fn delete(
    State(state): State<AppState>,
    WebUser(auth): WebUser,
    Path(name): Path<String>,
) -> Response {
    let view = View::new(&state, &auth);
    let result = async {
        view.authorize(Action::ManageMarketData)?;
        view.state.market.remove(&view.state.store, &name).await?;
        crate::matching::follow_market(view.state).await;
        tracing::info!(file = %name, "market data file deleted");
        Ok(see_other(&upload_done("deleted", &name)))
    };
    view.finish(result.await)
}
