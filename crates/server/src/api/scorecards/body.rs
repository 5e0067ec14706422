//! A scorecard in a request body: role-as-code TOML (`application/toml` or `text/plain`) or the
//! model as JSON. Both go through the one core parser, so errors are the same either way: each names
//! its key path, TOML syntax errors give line and column, unknown keys get a "did you mean".

use crate::api::extract::parse_json;
use crate::error::{AppError, AppResult};
use axum::body::Bytes;
use axum::http::{header, HeaderMap};
use hireloop_core::scorecard::{from_table, from_toml, Scorecard};
use hireloop_core::ValidationErrors;
use serde_json::Value as Json;
use toml::{Table, Value as Toml};

/// Role files are a few KiB; far above that is a mistake, refused before parsing.
const MAX_SCORECARD_BYTES: usize = 256 * 1024;

/// The media type of the request, lower case, without parameters.
fn media_type(headers: &HeaderMap) -> Option<String> {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase())
}

/// Parses the body as TOML or JSON by its content type. Nothing about the role is consulted.
pub fn read_scorecard(headers: &HeaderMap, body: &Bytes) -> AppResult<Scorecard> {
    let kind = media_type(headers);
    let is_toml = matches!(
        kind.as_deref(),
        Some("application/toml" | "text/plain" | "text/x-toml" | "application/x-toml")
    );
    let is_json = kind
        .as_deref()
        .is_some_and(|k| k == "application/json" || k.ends_with("+json"));
    if !is_toml && !is_json {
        return Err(AppError::BadRequest {
            field: None,
            message:
                "send the scorecard as role-as-code TOML ('Content-Type: application/toml' or \
                      text/plain) or as JSON ('Content-Type: application/json')"
                    .into(),
        });
    }
    if body.len() > MAX_SCORECARD_BYTES {
        return Err(AppError::field(
            "body",
            format!(
                "the scorecard is {} bytes; at most {MAX_SCORECARD_BYTES}",
                body.len()
            ),
        ));
    }
    if is_json {
        let document: Json = parse_json(body)?;
        let table = json_table(&document)?;
        return from_table(&table).map_err(|e| AppError::Validation(e.into()));
    }
    let text = std::str::from_utf8(body)
        .map_err(|_| AppError::field("body", "the scorecard is not UTF-8 text"))?;
    from_toml(text).map_err(|e| AppError::Validation(e.into()))
}

/// A JSON object as a TOML table. JSON `null` means "not set" and is dropped (TOML has no null).
fn json_table(document: &Json) -> AppResult<Table> {
    let mut errors = ValidationErrors::default();
    let table = match document {
        Json::Object(_) => match to_toml(document, "", &mut errors) {
            Some(Toml::Table(t)) => Some(t),
            _ => None,
        },
        _ => {
            errors.add("body", "expected a JSON object with the scorecard's keys");
            None
        }
    };
    match table {
        Some(t) if errors.is_empty() => Ok(t),
        _ => Err(AppError::Validation(errors)),
    }
}

fn child(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn to_toml(value: &Json, path: &str, errors: &mut ValidationErrors) -> Option<Toml> {
    match value {
        Json::Null => None,
        Json::Bool(b) => Some(Toml::Boolean(*b)),
        Json::Number(n) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => Some(Toml::Integer(i)),
            (None, Some(f)) => Some(Toml::Float(f)),
            _ => {
                errors.add(path, format!("{n} is not a number hireloop can read"));
                None
            }
        },
        Json::String(s) => Some(Toml::String(s.clone())),
        Json::Array(items) => {
            let mut out = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                let here = format!("{path}[{i}]");
                if item.is_null() {
                    errors.add(here, "a list item must not be null");
                } else if let Some(v) = to_toml(item, &here, errors) {
                    out.push(v);
                }
            }
            Some(Toml::Array(out))
        }
        Json::Object(map) => {
            let mut table = Table::new();
            for (key, item) in map {
                if let Some(v) = to_toml(item, &child(path, key), errors) {
                    table.insert(key.clone(), v);
                }
            }
            Some(Toml::Table(table))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(kind: &'static str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
        h
    }

    fn fields(err: AppError) -> Vec<(String, String)> {
        match err {
            AppError::Validation(e) => e.errors.into_iter().map(|f| (f.field, f.message)).collect(),
            other => panic!("expected a 422, got {other}"),
        }
    }

    #[test]
    fn toml_and_json_give_the_same_scorecard() {
        let toml = "title = \"Senior Go Engineer\"\nlevel = \"senior\"\n\n[[must_have]]\nskill = \"Go\"\nmin_years = 4\n";
        let from_toml = read_scorecard(&headers("application/toml"), &Bytes::from(toml)).unwrap();
        let json = r#"{"title":"Senior Go Engineer","level":"senior","framework":null,
                       "must_have":[{"skill":"Go","min_years":4}]}"#;
        let from_json = read_scorecard(
            &headers("application/json; charset=utf-8"),
            &Bytes::from(json),
        )
        .unwrap();
        assert_eq!(from_toml, from_json);
        let model = serde_json::to_vec(&from_toml).unwrap();
        let again = read_scorecard(&headers("application/json"), &Bytes::from(model)).unwrap();
        assert_eq!(again, from_toml, "the model as JSON reads back");
    }

    #[test]
    fn json_problems_are_named_by_key_path() {
        let bad = |json: &'static str| {
            fields(read_scorecard(&headers("application/json"), &Bytes::from(json)).unwrap_err())
        };
        let found = bad(r#"{"title":"Go dev","level":"mid","misson":"x"}"#);
        assert_eq!(found[0].0, "misson");
        assert!(found[0].1.contains("did you mean 'mission'"), "{found:?}");
        assert_eq!(
            bad(r#"{"title":"Go dev","level":"mid","scope":["a",null]}"#)[0].0,
            "scope[1]"
        );
        assert_eq!(bad("[1]")[0].0, "body");
        assert_eq!(
            bad(r#"{"title":"Go dev","level":"mid","location":{"policy":"moon"}}"#)[0].0,
            "location.policy"
        );
    }

    #[test]
    fn other_content_types_are_refused() {
        let err = read_scorecard(&headers("application/xml"), &Bytes::from("<x/>")).unwrap_err();
        assert_eq!(err.status().as_u16(), 400);
        assert!(read_scorecard(&HeaderMap::new(), &Bytes::new()).is_err());
    }
}
