//! Rendering: the layout context every page shares (who is logged in, the CSRF token, the asset
//! version), HTML error pages made from `AppError`, and the small helpers forms and lists need.

use super::assets;
use crate::auth::Authenticated;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use axum::extract::{OriginalUri, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use hireloop_core::authz::{self, Action, Principal, Visibility};
use hireloop_core::page::PageRequest;
use hireloop_core::ValidationErrors;
use minijinja::{context, Value};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::collections::BTreeMap;

/// Pages load scripts and styles only from hireloop itself and may not be framed.
const CONTENT_SECURITY_POLICY: &str =
    "default-src 'self'; img-src 'self' data:; style-src 'self'; \
     script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// What a handler needs to render a page for one viewer.
pub struct View<'a> {
    pub state: &'a AppState,
    pub auth: Option<&'a Authenticated>,
}

impl<'a> View<'a> {
    pub fn new(state: &'a AppState, auth: &'a Authenticated) -> Self {
        View {
            state,
            auth: Some(auth),
        }
    }

    pub fn anonymous(state: &'a AppState) -> Self {
        View { state, auth: None }
    }

    /// The logged-in principal; pages behind `WebUser` always have one.
    pub fn principal(&self) -> AppResult<Principal> {
        self.auth
            .map(Authenticated::principal)
            .ok_or(AppError::Unauthenticated)
    }

    pub fn visibility(&self) -> AppResult<Visibility> {
        Ok(authz::visibility(&self.principal()?))
    }

    /// Whether the viewer may do `action`: pages hide the forms they may not use.
    pub fn may(&self, action: Action) -> bool {
        self.principal()
            .is_ok_and(|p| authz::authorize(&p, action).is_ok())
    }

    /// Refuses with 403 unless the viewer may do `action`.
    pub fn authorize(&self, action: Action) -> AppResult<()> {
        authz::authorize(&self.principal()?, action)?;
        Ok(())
    }

    pub fn page(&self, template: &str, ctx: Value) -> Response {
        self.page_with_status(StatusCode::OK, template, ctx)
    }

    /// Renders `template` with the layout context merged in.
    pub fn page_with_status(&self, status: StatusCode, template: &str, ctx: Value) -> Response {
        let viewer = self.auth.map(|a| {
            context! {
                name => a.user.name.as_str(),
                role => a.user.role.label(),
            }
        });
        let csrf = self.auth.map_or("", Authenticated::csrf_token);
        let full = context! {
            viewer => viewer,
            // The nav shows the admin pages only to those who may use them.
            nav_market_admin => self.may(Action::ManageMarketData),
            nav_outbox => self.may(Action::ViewOutbox),
            csrf => csrf,
            asset_version => assets::version(),
            ..ctx
        };
        let rendered = self
            .state
            .templates
            .get_template(template)
            .and_then(|t| t.render(full));
        match rendered {
            Ok(body) => html_response(status, body),
            Err(err) => {
                tracing::error!(
                    template,
                    error = format!("{err:#}"),
                    "rendering a page failed"
                );
                (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response()
            }
        }
    }

    /// The error page for `err`: its status and message, and the field problems if it has any.
    pub fn error(&self, err: AppError) -> Response {
        if let AppError::Internal(inner) = &err {
            tracing::error!(error = format!("{inner:#}"), "page request failed");
        }
        let status = err.status();
        let fields: Vec<_> = err
            .field_errors()
            .errors
            .into_iter()
            .map(|e| context! { field => e.field, message => e.message })
            .collect();
        let ctx = context! {
            status => status.as_u16(),
            title => status.canonical_reason().unwrap_or("Error"),
            message => err.to_string(),
            fields => fields,
        };
        self.page_with_status(status, "error.html", ctx)
    }

    /// The page if `result` is Ok, the error page otherwise.
    pub fn finish(&self, result: AppResult<Response>) -> Response {
        result.unwrap_or_else(|err| self.error(err))
    }
}

fn html_response(status: StatusCode, body: String) -> Response {
    let mut response = (status, Html(body)).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY),
    );
    // Pages show personal data: keep them out of shared caches and the disk cache.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

/// The HTML error page for `err`, for code outside this module (e.g. a fallback).
pub fn error_page(state: &AppState, auth: Option<&Authenticated>, err: AppError) -> Response {
    View { state, auth }.error(err)
}

/// Unknown paths: an HTML 404 page, or the JSON error for API paths.
pub async fn not_found(
    State(state): State<AppState>,
    OriginalUri(uri): OriginalUri,
    auth: Option<axum::Extension<Authenticated>>,
) -> Response {
    let err = AppError::NotFound("page");
    if uri.path().starts_with("/api/") {
        return err.into_response();
    }
    error_page(&state, auth.as_ref().map(|a| &a.0), err)
}

/// After a successful form post: go to the page that shows the result (POST-redirect-GET).
pub fn see_other(location: &str) -> Response {
    Redirect::to(location).into_response()
}

/// Whether the request came from htmx (which then wants a fragment, not a whole page).
pub fn is_htmx(headers: &HeaderMap) -> bool {
    headers.contains_key("hx-request")
}

/// Reads a urlencoded form body into `T`. Form structs default every field, so only a body that is
/// not a form at all fails here.
pub fn parse_form<T: DeserializeOwned>(body: &[u8]) -> AppResult<T> {
    serde_urlencoded::from_bytes(body).map_err(|e| AppError::BadRequest {
        field: None,
        message: format!("the form could not be read: {e}"),
    })
}

/// Per field, the message to show next to it.
pub fn field_messages(errors: &ValidationErrors) -> BTreeMap<String, String> {
    errors
        .errors
        .iter()
        .filter_map(|e| {
            errors
                .message_for(&e.field)
                .map(|m| (e.field.clone(), m.to_string()))
        })
        .collect()
}

/// Whether `err` belongs next to form fields (the form is shown again) rather than on an error page.
pub fn is_form_error(err: &AppError) -> bool {
    matches!(
        err,
        AppError::Validation(_) | AppError::Conflict { .. } | AppError::BadRequest { .. }
    ) && !err.field_errors().is_empty()
}

#[derive(Debug, Default, Deserialize)]
struct ListQuery {
    #[serde(default)]
    limit: Option<String>,
    #[serde(default)]
    cursor: Option<String>,
}

/// Parses `?limit=&cursor=` of a list page, naming the bad parameter.
pub fn page_request(query: Option<&str>) -> AppResult<PageRequest> {
    let query: ListQuery = serde_urlencoded::from_str(query.unwrap_or("")).unwrap_or_default();
    let limit = match query.limit.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(raw) => Some(raw.parse::<i64>().map_err(|_| AppError::BadRequest {
            field: Some("limit".into()),
            message: format!("limit must be a whole number (got '{raw}')"),
        })?),
    };
    PageRequest::parse(limit, query.cursor.as_deref()).map_err(|(field, message)| {
        AppError::BadRequest {
            field: Some(field.into()),
            message: format!("{field} {message}"),
        }
    })
}

/// The link to the next page of a list, keeping the limit the viewer chose.
pub fn next_page_link(path: &str, page: &PageRequest, cursor: Option<&str>) -> Option<String> {
    let cursor = cursor?;
    let limit = (page.limit != hireloop_core::page::DEFAULT_LIMIT).then_some(page.limit);
    let query = match limit {
        Some(limit) => serde_urlencoded::to_string([
            ("cursor", cursor.to_string()),
            ("limit", limit.to_string()),
        ]),
        None => serde_urlencoded::to_string([("cursor", cursor)]),
    };
    query.ok().map(|q| format!("{path}?{q}"))
}

/// A date as the lists show it.
pub fn day(at: &chrono::DateTime<chrono::Utc>) -> String {
    at.format("%Y-%m-%d").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_queries_name_the_bad_parameter() {
        assert_eq!(page_request(None).unwrap().limit, 50);
        assert_eq!(page_request(Some("limit=5")).unwrap().limit, 5);
        let err = page_request(Some("limit=lots")).unwrap_err();
        assert_eq!(err.field_errors().errors[0].field, "limit");
        let err = page_request(Some("cursor=nope")).unwrap_err();
        assert_eq!(err.field_errors().errors[0].field, "cursor");
    }

    #[test]
    fn next_page_links_keep_a_chosen_limit() {
        let default = PageRequest::default();
        assert_eq!(next_page_link("/roles", &default, None), None);
        assert_eq!(
            next_page_link("/roles", &default, Some("abc")).as_deref(),
            Some("/roles?cursor=abc")
        );
        let small = PageRequest {
            limit: 2,
            after: None,
        };
        assert_eq!(
            next_page_link("/roles", &small, Some("abc")).as_deref(),
            Some("/roles?cursor=abc&limit=2")
        );
    }
}
