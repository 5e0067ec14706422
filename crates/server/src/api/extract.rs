//! Extractors that turn a raw request into typed input or a 4xx naming what is wrong: JSON bodies,
//! query strings, path ids and pagination. Malformed syntax is 400; well-formed input whose values
//! do not fit is 422 with the field path (`level`, `expected_rate.amount`).

use crate::error::AppError;
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Path, Request};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap};
use hireloop_core::page::PageRequest;
use hireloop_core::ValidationErrors;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::str::FromStr;

/// A JSON request body, deserialized with the path of any bad field kept for the error.
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, AppError> {
        if !is_json(request.headers()) {
            return Err(bad_request(
                None,
                "send the body as JSON with 'Content-Type: application/json'",
            ));
        }
        let bytes = Bytes::from_request(request, state).await.map_err(|e| {
            bad_request(
                None,
                format!("cannot read the request body: {}", e.body_text()),
            )
        })?;
        parse_json(&bytes).map(ApiJson)
    }
}

fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase())
        .is_some_and(|v| v == "application/json" || v.ends_with("+json"))
}

fn bad_request(field: Option<&str>, message: impl Into<String>) -> AppError {
    AppError::BadRequest {
        field: field.map(str::to_string),
        message: message.into(),
    }
}

/// Parses a JSON document into `T`: syntax errors are 400, values that do not fit `T` are 422.
/// The syntax is checked on the whole document first, so a broken document is never reported as a
/// bad value just because the parser met a wrong type before the break.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, AppError> {
    let document: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| malformed(&e))?;
    serde_path_to_error::deserialize(document).map_err(|err| {
        let path = err.path().to_string();
        let message = without_position(err.inner());
        AppError::Validation(ValidationErrors::single(
            field_path(&path, &message),
            message,
        ))
    })
}

fn malformed(err: &serde_json::Error) -> AppError {
    bad_request(
        None,
        format!(
            "malformed JSON: {} (line {}, column {})",
            without_position(err),
            err.line(),
            err.column()
        ),
    )
}

/// serde_json's message without the " at line L column C" it appends.
fn without_position(err: &serde_json::Error) -> String {
    let text = err.to_string();
    let suffix = format!(" at line {} column {}", err.line(), err.column());
    text.strip_suffix(&suffix).unwrap_or(&text).to_string()
}

/// The field an error is about. serde reports a missing or unknown field at its parent, naming it
/// only in the message ("missing field `title`"), so the name is taken from there.
fn field_path(path: &str, message: &str) -> String {
    let parent = if path == "." { "" } else { path };
    let named = ["missing field `", "unknown field `"]
        .iter()
        .find_map(|prefix| message.strip_prefix(prefix))
        .and_then(|rest| rest.split('`').next());
    match (parent, named) {
        ("", Some(name)) => name.to_string(),
        // An unknown field is already the last segment of the path; a missing one never is.
        (parent, Some(name)) if parent != name && !parent.ends_with(&format!(".{name}")) => {
            format!("{parent}.{name}")
        }
        ("", None) => "body".to_string(),
        (parent, _) => parent.to_string(),
    }
}

/// A query string, deserialized with the name of any bad parameter kept for the 400.
pub struct ApiQuery<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        parse_query(parts.uri.query().unwrap_or("")).map(ApiQuery)
    }
}

pub fn parse_query<T: DeserializeOwned>(query: &str) -> Result<T, AppError> {
    let deserializer =
        serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
    serde_path_to_error::deserialize(deserializer).map_err(|err| {
        let path = err.path().to_string();
        let message = err.inner().to_string();
        let field = field_path(&path, &message);
        let field = if field == "body" {
            "query".to_string()
        } else {
            field
        };
        bad_request(
            Some(&field),
            format!("query parameter '{field}': {message}"),
        )
    })
}

/// The `{id}` of a path, parsed into an id type; a malformed one is a 400 naming `id`.
pub struct PathId<T>(pub T);

impl<S: Send + Sync, T: FromStr<Err = String>> FromRequestParts<S> for PathId<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        let Path(raw) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(|e| bad_request(Some("id"), e.body_text()))?;
        raw.parse::<T>()
            .map(PathId)
            .map_err(|message| bad_request(Some("id"), message))
    }
}

/// `limit` and `cursor`, the pagination parameters every list takes.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// Items per page, 1-200; 50 when omitted.
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

impl PageQuery {
    pub fn page(&self) -> Result<PageRequest, AppError> {
        page_request(self.limit, self.cursor.as_deref())
    }
}

pub fn page_request(limit: Option<i64>, cursor: Option<&str>) -> Result<PageRequest, AppError> {
    PageRequest::parse(limit, cursor).map_err(|(field, message)| {
        bad_request(Some(field), format!("query parameter '{field}': {message}"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use hireloop_core::candidate::CandidateInput;
    use hireloop_core::role::RoleInput;

    fn field_of(err: AppError) -> (u16, String) {
        let status = err.status().as_u16();
        let field = match &err {
            AppError::Validation(errors) => errors.errors[0].field.clone(),
            AppError::BadRequest { field, .. } => field.clone().unwrap_or_default(),
            _ => String::new(),
        };
        (status, field)
    }

    #[test]
    fn syntax_errors_are_400_and_bad_values_422_naming_the_field() {
        let bad = |json: &str| field_of(parse_json::<RoleInput>(json.as_bytes()).unwrap_err());
        assert_eq!(bad("{\"title\": "), (400, String::new()));
        assert_eq!(bad("[1,"), (400, String::new()));
        let valid = r#"{"title":"Go dev","level":"mid","primary_language":"Go"}"#;
        assert!(parse_json::<RoleInput>(valid.as_bytes()).is_ok());
        assert_eq!(bad(&format!("{valid} trailing")), (400, String::new()));
        assert_eq!(
            bad(r#"{"title":"Go dev","level":5,"primary_language":"Go"}"#),
            (422, "level".into())
        );
        assert_eq!(
            bad(r#"{"title":"Go dev","level":"mid","primary_language":"Go","salary":1}"#),
            (422, "salary".into())
        );
        assert_eq!(
            bad(r#"{"level":"mid","primary_language":"Go"}"#),
            (422, "title".into())
        );
        assert_eq!(bad("[]"), (422, "body".into()));
    }

    #[test]
    fn nested_fields_are_named_by_their_path() {
        let bad = |json: &str| field_of(parse_json::<CandidateInput>(json.as_bytes()).unwrap_err());
        let base = r#""name":"Ana","email":"ana@example.com""#;
        assert_eq!(
            bad(&format!(
                r#"{{{base},"expected_rate":{{"amount":"lots","period":"hour"}}}}"#
            )),
            (422, "expected_rate.amount".into())
        );
        assert_eq!(
            bad(&format!(r#"{{{base},"expected_rate":{{"amount":90}}}}"#)),
            (422, "expected_rate.period".into())
        );
        assert_eq!(
            bad(&format!(
                r#"{{{base},"expected_rate":{{"amount":90,"period":"hour","tip":1}}}}"#
            )),
            (422, "expected_rate.tip".into())
        );
        assert_eq!(
            bad(&format!(r#"{{{base},"skills":["go",7]}}"#)),
            (422, "skills[1]".into())
        );
    }

    #[test]
    fn query_errors_name_the_parameter() {
        let bad = |q: &str| field_of(parse_query::<PageQuery>(q).unwrap_err());
        assert_eq!(bad("limit=lots"), (400, "limit".into()));
        assert_eq!(bad("limt=5"), (400, "limt".into()));
        let ok: PageQuery = parse_query("limit=5&cursor=abc").unwrap();
        assert_eq!(ok.limit, Some(5));
        assert_eq!(
            field_of(page_request(Some(0), None).unwrap_err()),
            (400, "limit".into())
        );
    }

    #[test]
    fn json_content_types_are_recognised() {
        let with = |v: &'static str| {
            let mut headers = HeaderMap::new();
            headers.insert(header::CONTENT_TYPE, header::HeaderValue::from_static(v));
            is_json(&headers)
        };
        assert!(with("application/json"));
        assert!(with("Application/JSON; charset=utf-8"));
        assert!(with("application/merge-patch+json"));
        assert!(!with("text/plain"));
        assert!(!is_json(&HeaderMap::new()));
    }
}
