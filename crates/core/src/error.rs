//! Validation errors that name the field and the problem, collected so a form can show all of them at once.

use serde::Serialize;
use std::fmt;

/// One problem with one input field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    /// The input field, as named in the API (`title`, `expected_rate.amount`, …).
    pub field: String,
    pub message: String,
}

/// Every problem found in one input; empty means the input was valid.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct ValidationErrors {
    pub errors: Vec<FieldError>,
}

impl ValidationErrors {
    pub fn single(field: impl Into<String>, message: impl Into<String>) -> Self {
        let mut errors = Self::default();
        errors.add(field, message);
        errors
    }

    pub fn add(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.errors.push(FieldError {
            field: field.into(),
            message: message.into(),
        });
    }

    /// Records the error of `result`, if any, under `field`, and hands back the value otherwise.
    pub fn check<T>(&mut self, field: &str, result: Result<T, String>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(message) => {
                self.add(field, message);
                None
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    /// The message for `field`, if that field had a problem (used by forms).
    pub fn message_for(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }
}

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self
            .errors
            .iter()
            .map(|e| format!("{}: {}", e.field, e.message))
            .collect();
        write!(f, "{}", parts.join("; "))
    }
}

impl std::error::Error for ValidationErrors {}

/// Parses an enum-like value and, on failure, lists the values that are known.
pub(crate) fn unknown_value(kind: &str, raw: &str, known: &[&str]) -> String {
    format!(
        "unknown {kind} '{raw}'; expected one of: {}",
        known.join(", ")
    )
}
