//! `/api/v1/market/files`: market data files an admin uploads to replace or extend the shipped
//! benchmarks. A file is checked by building the whole dataset with it before anything is stored,
//! so a bad file is refused (naming the file and the figure) and the figures in use never break.

use crate::auth::ApiUser;
use crate::error::{AppError, AppResult, ErrorBody};
use crate::market::{MarketFileName, MAX_FILE_BYTES};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap};
use axum::response::IntoResponse;
use axum::Json;
use chrono::{DateTime, Utc};
use hireloop_core::authz::{authorize, Action};
use hireloop_core::ids::UserId;
use hireloop_core::market::dataset::SHIPPED_FILES;
use hireloop_store::records::MarketFile;
use serde::Serialize;
use utoipa::ToSchema;

/// An uploaded file, without its text (GET `/api/v1/market/files/{name}` returns that).
#[derive(Debug, Serialize, ToSchema)]
pub struct MarketFileInfo {
    pub name: String,
    pub bytes: usize,
    /// It stands in for the shipped file of the same name; deleting it restores that one.
    pub replaces_shipped: bool,
    pub uploaded_by: Option<UserId>,
    pub uploaded_at: DateTime<Utc>,
}

impl From<&MarketFile> for MarketFileInfo {
    fn from(file: &MarketFile) -> Self {
        MarketFileInfo {
            name: file.name.clone(),
            bytes: file.content.len(),
            replaces_shipped: is_shipped(&file.name),
            uploaded_by: file.uploaded_by,
            uploaded_at: file.uploaded_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MarketFileList {
    /// By name.
    pub items: Vec<MarketFileInfo>,
}

/// What an upload or a deletion changed.
#[derive(Debug, Serialize, ToSchema)]
pub struct MarketFileChange {
    /// The uploaded file; null after a deletion.
    pub file: Option<MarketFileInfo>,
    /// The version of the dataset now in effect.
    pub dataset_version: String,
}

fn is_shipped(name: &str) -> bool {
    SHIPPED_FILES.iter().any(|(n, _)| *n == name)
}

/// A file name as `MarketFileName` accepts it, refused as the `name` field.
fn parse_name(raw: &str) -> AppResult<MarketFileName> {
    MarketFileName::parse(raw).map_err(|message| AppError::field("name", message))
}

/// The TOML text of an upload: `text/plain` or `application/toml`, UTF-8, not too large.
fn parse_body(headers: &HeaderMap, body: &Bytes) -> AppResult<String> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase());
    if !matches!(
        content_type.as_deref(),
        Some("text/plain" | "application/toml")
    ) {
        return Err(AppError::BadRequest {
            field: None,
            message:
                "send the file's TOML text with 'Content-Type: application/toml' (or text/plain)"
                    .into(),
        });
    }
    if body.len() > MAX_FILE_BYTES {
        return Err(AppError::field(
            "body",
            format!("the file is {} bytes; at most {MAX_FILE_BYTES}", body.len()),
        ));
    }
    String::from_utf8(body.to_vec())
        .map_err(|_| AppError::field("body", "the file is not UTF-8 text"))
}

#[utoipa::path(get, path = "/api/v1/market/files", operation_id = "list_market_files", tag = "market",
    responses((status = 200, body = MarketFileList), (status = 401, body = ErrorBody)))]
pub async fn list(State(state): State<AppState>, user: ApiUser) -> AppResult<Json<MarketFileList>> {
    authorize(&user.0.principal(), Action::ViewMarketData)?;
    let files = state.store.list_market_files().await?;
    Ok(Json(MarketFileList {
        items: files.iter().map(MarketFileInfo::from).collect(),
    }))
}

/// The text of an uploaded file.
#[utoipa::path(get, path = "/api/v1/market/files/{name}", operation_id = "get_market_file", tag = "market",
    params(("name" = String, Path)),
    responses((status = 200, body = String, content_type = "application/toml"), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    user: ApiUser,
    Path(name): Path<String>,
) -> AppResult<impl IntoResponse> {
    authorize(&user.0.principal(), Action::ViewMarketData)?;
    let file = state
        .store
        .list_market_files()
        .await?
        .into_iter()
        .find(|f| f.name == name)
        .ok_or(AppError::NotFound("market data file"))?;
    Ok(([(header::CONTENT_TYPE, "application/toml")], file.content))
}

/// Uploads a file (admins only). It is checked with every other file in effect; if any figure is
/// wrong the answer is a 422 naming the file and the figure, and nothing changes.
#[utoipa::path(put, path = "/api/v1/market/files/{name}", operation_id = "put_market_file", tag = "market",
    params(("name" = String, Path,
        description = "e.g. rates.toml (replaces the shipped file) or our_offers.toml (adds to the set)")),
    request_body(content = String, content_type = "application/toml", description = "The file's TOML text"),
    responses((status = 200, body = MarketFileChange), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 422, body = ErrorBody, description = "A bad name, or a file that does not fit the dataset")))]
pub async fn put(
    State(state): State<AppState>,
    user: ApiUser,
    Path(name): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Json<MarketFileChange>> {
    authorize(&user.0.principal(), Action::ManageMarketData)?;
    let name = parse_name(&name)?;
    let content = parse_body(&headers, &body)?;
    let (file, snapshot) = state
        .market
        .upload(&state.store, &name, &content, Some(user.0.user.id))
        .await
        .map_err(|err| err.into_app_error("body"))?;
    crate::matching::follow_market(&state).await;
    let dataset_version = snapshot.dataset.info.version.clone();
    Ok(Json(MarketFileChange {
        file: Some(MarketFileInfo::from(&file)),
        dataset_version,
    }))
}

/// Deletes an upload (admins only); a shipped file of the same name is in effect again.
#[utoipa::path(delete, path = "/api/v1/market/files/{name}", operation_id = "delete_market_file", tag = "market",
    params(("name" = String, Path)),
    responses((status = 200, body = MarketFileChange), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn delete(
    State(state): State<AppState>,
    user: ApiUser,
    Path(name): Path<String>,
) -> AppResult<Json<MarketFileChange>> {
    authorize(&user.0.principal(), Action::ManageMarketData)?;
    let snapshot = state.market.remove(&state.store, &name).await?;
    crate::matching::follow_market(&state).await;
    let dataset_version = snapshot.dataset.info.version.clone();
    Ok(Json(MarketFileChange {
        file: None,
        dataset_version,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn file_names_are_short_lower_case_toml() {
        for good in ["rates.toml", "our_offers-2026.toml"] {
            assert_eq!(parse_name(good).unwrap().as_str(), good);
        }
        let too_long = format!("{}.toml", "a".repeat(60));
        for bad in [
            ".toml",
            "Rates.toml",
            "rates.txt",
            "../rates.toml",
            "a b.toml",
            &too_long,
        ] {
            let err = parse_name(bad).unwrap_err();
            assert_eq!(err.field_errors().errors[0].field, "name", "{bad}");
        }
    }

    #[test]
    fn bodies_must_be_toml_text() {
        let with = |ct: &'static str| {
            let mut headers = HeaderMap::new();
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(ct));
            headers
        };
        let text = Bytes::from_static(b"[[source]]\n");
        assert!(parse_body(&with("application/toml"), &text).is_ok());
        assert!(parse_body(&with("text/plain; charset=utf-8"), &text).is_ok());
        let wrong_type = parse_body(&with("application/json"), &text).unwrap_err();
        assert_eq!(wrong_type.status().as_u16(), 400);
        let binary =
            parse_body(&with("text/plain"), &Bytes::from_static(&[0xff, 0xfe])).unwrap_err();
        assert_eq!(binary.field_errors().errors[0].field, "body");
        let huge = Bytes::from(vec![b'#'; MAX_FILE_BYTES + 1]);
        assert_eq!(
            parse_body(&with("text/plain"), &huge)
                .unwrap_err()
                .status()
                .as_u16(),
            422
        );
    }
}
