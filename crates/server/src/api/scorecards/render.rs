//! Job descriptions as HTTP responses: Markdown, an HTML fragment, or schema.org JobPosting JSON-LD
//! (which needs what the scorecard does not hold: the organisation and the posting's dates).

use crate::error::{AppError, AppResult};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::{Days, NaiveDate, Utc};
use hireloop_core::ids::RoleId;
use hireloop_core::scorecard::jd::job_description as describe;
use hireloop_core::scorecard::jsonld::{job_posting, PostingInfo, DEFAULT_VALID_DAYS};
use hireloop_core::scorecard::Scorecard;
use hireloop_core::ValidationErrors;
use serde::Deserialize;
use utoipa::IntoParams;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JdFormat {
    Markdown,
    Html,
    JsonLd,
}

/// The job description's format and, for JSON-LD, the posting details.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct JdQuery {
    /// `md` (default), `html` or `jsonld`.
    pub format: Option<String>,
    /// The hiring organisation's name: required for `jsonld`.
    pub organization: Option<String>,
    /// The organisation's web site, for `jsonld`.
    pub organization_url: Option<String>,
    /// `jsonld`: when the posting goes up, e.g. 2026-01-10; today when omitted.
    pub date_posted: Option<NaiveDate>,
    /// `jsonld`: when it expires; 60 days after `date_posted` when omitted.
    pub valid_through: Option<NaiveDate>,
    /// `jsonld`, hybrid and on-site roles: the office's city.
    pub office_locality: Option<String>,
    /// `jsonld`, hybrid and on-site roles: the office's street address.
    pub office_street: Option<String>,
}

impl JdQuery {
    pub fn format(&self) -> AppResult<JdFormat> {
        match self.format.as_deref().map(str::trim) {
            None | Some("md" | "markdown") => Ok(JdFormat::Markdown),
            Some("html") => Ok(JdFormat::Html),
            Some("jsonld" | "json-ld") => Ok(JdFormat::JsonLd),
            Some(other) => Err(AppError::field(
                "format",
                format!("unknown format '{other}'; expected one of: md, html, jsonld"),
            )),
        }
    }

    fn posting_info(&self, role: Option<RoleId>) -> AppResult<PostingInfo> {
        let organization = self
            .organization
            .as_deref()
            .map(str::trim)
            .filter(|o| !o.is_empty())
            .ok_or_else(|| {
                AppError::field(
                    "organization",
                    "JSON-LD needs the hiring organisation's name: add ?organization=…",
                )
            })?;
        let date_posted = self.date_posted.unwrap_or_else(|| Utc::now().date_naive());
        let valid_through = match self.valid_through {
            Some(date) => date,
            None => date_posted
                .checked_add_days(Days::new(DEFAULT_VALID_DAYS))
                .ok_or_else(|| AppError::field("date_posted", "is too far in the future"))?,
        };
        Ok(PostingInfo {
            organization_name: organization.to_string(),
            organization_url: self.organization_url.clone(),
            date_posted,
            valid_through,
            office_locality: self.office_locality.clone(),
            office_street: self.office_street.clone(),
            identifier: role.map(|id| id.to_string()),
        })
    }
}

/// The core names the posting's inputs by `PostingInfo` field; the API names them by parameter.
fn as_parameters(errors: ValidationErrors) -> AppError {
    let mut renamed = ValidationErrors::default();
    for e in errors.errors {
        let field = match e.field.as_str() {
            "organization_name" => "organization".to_string(),
            _ => e.field,
        };
        renamed.add(field, e.message);
    }
    AppError::Validation(renamed)
}

/// The job description in `format`; `role` becomes the JSON-LD posting's identifier.
pub fn job_description(
    card: &Scorecard,
    format: JdFormat,
    query: &JdQuery,
    role: Option<RoleId>,
) -> AppResult<Response> {
    Ok(match format {
        JdFormat::Markdown => (
            [(header::CONTENT_TYPE, "text/markdown; charset=utf-8")],
            describe(card).to_markdown(),
        )
            .into_response(),
        JdFormat::Html => (
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            describe(card).to_html(),
        )
            .into_response(),
        JdFormat::JsonLd => {
            let posting = job_posting(card, &query.posting_info(role)?).map_err(as_parameters)?;
            (
                [(header::CONTENT_TYPE, "application/ld+json")],
                posting.to_string(),
            )
                .into_response()
        }
    })
}
