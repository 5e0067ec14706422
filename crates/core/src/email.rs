//! Email addresses: normalised to lower case so that one person cannot be stored twice by case.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

impl Email {
    /// A deliberately plain check: one `@`, a non-empty local part, a dotted domain, no spaces.
    /// Deliverability is only ever proven by sending mail; this stops typos and garbage.
    pub fn parse(raw: &str) -> Result<Self, String> {
        let text = raw.trim().to_lowercase();
        if text.is_empty() {
            return Err("must not be empty".into());
        }
        if text.len() > 254 {
            return Err("must be at most 254 characters".into());
        }
        if text.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err("must not contain spaces".into());
        }
        let Some((local, domain)) = text.split_once('@') else {
            return Err(format!("'{text}' is not an email address (no '@')"));
        };
        let domain_ok = !domain.contains('@')
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..");
        if local.is_empty() || local.len() > 64 || !domain_ok {
            return Err(format!("'{text}' is not an email address"));
        }
        Ok(Self(text))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Email {
    type Error = String;
    fn try_from(raw: String) -> Result<Self, String> {
        Self::parse(&raw)
    }
}

impl From<Email> for String {
    fn from(value: Email) -> String {
        value.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::Email;

    #[test]
    fn normalises_case_and_rejects_garbage() {
        assert_eq!(
            Email::parse(" Ana@Example.COM ").unwrap().as_str(),
            "ana@example.com"
        );
        for bad in [
            "", "ana", "ana@", "@x.io", "ana@x", "a b@x.io", "a@b@x.io", "a@x..io", "a@.x.io",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad} should be rejected");
        }
    }
}
