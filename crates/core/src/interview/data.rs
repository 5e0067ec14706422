//! Loading the shipped interview data: every problem names the file and the item, so a broken
//! data file is fixed in one look rather than debugged.

use std::fmt;

/// A problem in a shipped (or overriding) interview data file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct DataError {
    pub file: String,
    /// Which entry, e.g. `competency[2] (security)` or `loop.senior.stage[3]`.
    pub item: String,
    pub message: String,
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.file, self.item, self.message)
    }
}

impl DataError {
    pub fn new(file: &str, item: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            file: file.into(),
            item: item.into(),
            message: message.into(),
        }
    }
}

/// Parses a TOML file, naming the file (and the line, which toml reports) on failure.
pub(crate) fn parse_toml<T: serde::de::DeserializeOwned>(
    file: &str,
    text: &str,
) -> Result<T, DataError> {
    toml::from_str(text).map_err(|e| DataError::new(file, "(file)", e.to_string().trim_end()))
}

/// Checks that a text field carries words, not just whitespace.
pub(crate) fn require_text(
    file: &str,
    item: &str,
    field: &str,
    value: &str,
) -> Result<(), DataError> {
    if value.trim().is_empty() {
        Err(DataError::new(
            file,
            item,
            format!("'{field}' must not be empty"),
        ))
    } else {
        Ok(())
    }
}
