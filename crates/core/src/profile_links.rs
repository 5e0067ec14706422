//! A candidate's public profile links (GitHub, LinkedIn, a website): plain http(s) web links,
//! checked so a link on the candidate page can never be `javascript:` or point elsewhere.

use crate::error::ValidationErrors;
use serde::{Deserialize, Serialize};

/// Public profile links.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ProfileLinks {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub github: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub linkedin: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
}

impl ProfileLinks {
    pub fn is_empty(&self) -> bool {
        self.github.is_none() && self.linkedin.is_none() && self.website.is_none()
    }

    pub(crate) fn parse(&self, errors: &mut ValidationErrors) -> Option<ProfileLinks> {
        let github = errors.check(
            "links.github",
            crate::text::optional(self.github.as_deref(), |u| parse_url(u, Some("github.com"))),
        );
        let linkedin = errors.check(
            "links.linkedin",
            crate::text::optional(self.linkedin.as_deref(), |u| {
                parse_url(u, Some("linkedin.com"))
            }),
        );
        let website = errors.check(
            "links.website",
            crate::text::optional(self.website.as_deref(), |u| parse_url(u, None)),
        );
        Some(ProfileLinks {
            github: github?,
            linkedin: linkedin?,
            website: website?,
        })
    }
}

const MAX_URL_CHARS: usize = 300;

/// An http(s) URL, optionally on `site` or one of its subdomains. Anything else (javascript:,
/// data:, spaces) is refused, so a link on the candidate page is always a plain web link.
fn parse_url(raw: &str, site: Option<&str>) -> Result<String, String> {
    let url = raw.trim();
    if url.chars().count() > MAX_URL_CHARS {
        return Err(format!("must be at most {MAX_URL_CHARS} characters"));
    }
    let lower = url.to_ascii_lowercase();
    let Some(rest) = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
    else {
        return Err(format!(
            "'{url}' is not a web address; start it with https://"
        ));
    };
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("a web address has no spaces".into());
    }
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit('@').next().unwrap_or(host);
    let host = host.split(':').next().unwrap_or(host);
    if !host.contains('.') || host.starts_with('.') || host.ends_with('.') {
        return Err(format!("'{url}' has no valid host name"));
    }
    if let Some(site) = site {
        if host != site && !host.ends_with(&format!(".{site}")) {
            return Err(format!("must be a {site} address"));
        }
    }
    Ok(url.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_web_links_on_the_right_site() {
        assert!(parse_url("https://github.com/ana", Some("github.com")).is_ok());
        assert!(parse_url("https://www.linkedin.com/in/ana", Some("linkedin.com")).is_ok());
        assert!(parse_url("javascript:alert(1)", None).is_err());
        assert!(parse_url("https://evil.com/github.com", Some("github.com"))
            .unwrap_err()
            .contains("github.com address"));
        assert!(parse_url("https://notgithub.com/x", Some("github.com")).is_err());
        assert!(parse_url("https://a b.com", None).is_err());
        assert!(parse_url("https://localhost", None).is_err());
    }
}
