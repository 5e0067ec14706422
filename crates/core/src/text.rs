//! Bounded, trimmed text: titles, names, reasons. Length is counted in characters, not bytes, so a
//! name in any script gets the same room.

use serde::{Deserialize, Serialize};
use std::fmt;

fn parse_bounded(raw: &str, min: usize, max: usize) -> Result<String, String> {
    let text = raw.trim();
    let len = text.chars().count();
    if len == 0 && min > 0 {
        return Err("must not be empty".into());
    }
    if len < min {
        return Err(format!("must be at least {min} characters"));
    }
    if len > max {
        return Err(format!("must be at most {max} characters (got {len})"));
    }
    if text.chars().any(|c| c.is_control()) {
        return Err("must not contain control characters such as line breaks or tabs".into());
    }
    Ok(text.to_string())
}

macro_rules! bounded_text {
    ($(#[$doc:meta])* $name:ident, $min:expr, $max:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            pub const MIN_CHARS: usize = $min;
            pub const MAX_CHARS: usize = $max;

            pub fn parse(raw: &str) -> Result<Self, String> {
                parse_bounded(raw, $min, $max).map(Self)
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = String;
            fn try_from(raw: String) -> Result<Self, String> {
                Self::parse(&raw)
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> String {
                value.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

bounded_text!(
    /// A role's title, e.g. "Senior Go Engineer, Payments API (Remote)".
    Title, 3, 120
);
bounded_text!(
    /// A person's name as they write it. Never used for ranking (see DESIGN.md, fairness).
    PersonName, 1, 100
);
bounded_text!(
    /// The role's primary language or framework, named first (FACTS.md §7): "Go", "Python/Django".
    PrimaryLanguage, 1, 40
);
bounded_text!(
    /// Where someone is, free text: "Belgrade, Serbia", "Remote (EU)".
    Location, 1, 100
);
bounded_text!(
    /// Why an application was rejected or withdrawn, or a note on a stage move.
    Reason, 3, 500
);

/// Treats a missing or blank optional field as absent.
pub fn optional<T>(
    raw: Option<&str>,
    parse: impl Fn(&str) -> Result<T, String>,
) -> Result<Option<T>, String> {
    match raw.map(str::trim) {
        None | Some("") => Ok(None),
        Some(text) => parse(text).map(Some),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_and_bounds_by_characters() {
        assert_eq!(Title::parse("  Senior Go  ").unwrap().as_str(), "Senior Go");
        assert!(Title::parse("Go").unwrap_err().contains("at least 3"));
        assert!(Title::parse(&"x".repeat(121))
            .unwrap_err()
            .contains("at most 120"));
        // 100 two-byte characters fit a 100-character name.
        assert!(PersonName::parse(&"é".repeat(100)).is_ok());
        assert!(PersonName::parse("   ").unwrap_err().contains("empty"));
        assert!(Title::parse("a\nb c").unwrap_err().contains("control"));
    }

    #[test]
    fn optional_treats_blank_as_absent() {
        assert_eq!(optional(Some("  "), Location::parse), Ok(None));
        assert_eq!(optional(None, Location::parse), Ok(None));
        assert!(optional(Some("Berlin"), Location::parse).unwrap().is_some());
    }

    #[test]
    fn deserializing_validates() {
        let bad: Result<Title, _> = serde_json::from_str("\"ab\"");
        assert!(bad.is_err());
    }
}
