//! `hireloop jd FILE`: the job description a role file renders to, as Markdown, an HTML fragment
//! or a schema.org JobPosting in JSON-LD (which also needs the organisation and the dates).

use crate::commands::role_file;
use crate::error::CliError;
use crate::output::{print_json, print_text, DocumentFormat, Format};
use chrono::{Days, NaiveDate, Utc};
use clap::builder::{EnumValueParser, TypedValueParser};
use clap::Args;
use hireloop_core::scorecard::jd::job_description;
use hireloop_core::scorecard::jsonld::{job_posting, PostingInfo};
use hireloop_core::ValidationErrors;
use std::path::PathBuf;

/// How long a posting stays valid when --valid-through is not given: a hireloop default.
const DEFAULT_VALID_DAYS: u64 = 30;

#[derive(Debug, Args)]
pub struct JdArgs {
    /// The role file (role-as-code TOML; see docs/role-as-code.md).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// md (Markdown), html (an HTML fragment) or jsonld (schema.org JobPosting).
    #[arg(
        long,
        default_value = "md",
        value_parser = EnumValueParser::<DocumentFormat>::new().map(Format::Document)
    )]
    pub format: Format,
    /// The hiring organisation's name; required for jsonld.
    #[arg(long)]
    pub organization: Option<String>,
    /// The organisation's website, for jsonld (hiringOrganization.sameAs).
    #[arg(long, value_name = "URL")]
    pub organization_url: Option<String>,
    /// When the posting goes up, YYYY-MM-DD (jsonld). Default: today (UTC).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date_posted: Option<String>,
    /// When the posting expires, YYYY-MM-DD (jsonld). Default: 30 days after --date-posted.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub valid_through: Option<String>,
    /// The office's city, for hybrid and on-site roles (jsonld jobLocation).
    #[arg(long, value_name = "CITY")]
    pub office_city: Option<String>,
    /// The office's street address, for hybrid and on-site roles (jsonld jobLocation).
    #[arg(long, value_name = "ADDRESS")]
    pub office_street: Option<String>,
}

pub fn run(args: JdArgs) -> Result<(), CliError> {
    let document = match args.format {
        Format::Document(d) => d,
        // Only a --format given before `jd` (`hireloop --format json jd …`) gets here.
        Format::Table | Format::Json => {
            return Err(CliError::invalid(
                "--format",
                "jd prints md, html or jsonld; give --format after `jd`",
            ))
        }
    };
    let (_, card) = role_file::load_or_fail(&args.file)?;
    match document {
        DocumentFormat::Md => {
            print_text(&job_description(&card).to_markdown());
            Ok(())
        }
        DocumentFormat::Html => {
            print_text(&job_description(&card).to_html());
            Ok(())
        }
        DocumentFormat::Jsonld => {
            let info = posting_info(&args)?;
            let posting = job_posting(&card, &info).map_err(flagged)?;
            print_json(&posting)
        }
    }
}

fn date(raw: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
        .map_err(|_| format!("'{raw}' is not a date as YYYY-MM-DD"))
}

/// What the posting needs beyond the file, every bad flag reported at once.
fn posting_info(args: &JdArgs) -> Result<PostingInfo, CliError> {
    let mut errors = ValidationErrors::default();
    let organization = args
        .organization
        .as_deref()
        .map(str::trim)
        .filter(|o| !o.is_empty());
    if organization.is_none() {
        errors.add(
            "--organization",
            "JSON-LD names the hiring organisation: add --organization \"Your Company\"",
        );
    }
    let posted = args
        .date_posted
        .as_deref()
        .and_then(|raw| errors.check("--date-posted", date(raw)));
    let through = args
        .valid_through
        .as_deref()
        .and_then(|raw| errors.check("--valid-through", date(raw)));
    if !errors.is_empty() {
        return Err(errors.into());
    }
    let date_posted = posted.unwrap_or_else(|| Utc::now().date_naive());
    let valid_through = through
        .or_else(|| date_posted.checked_add_days(Days::new(DEFAULT_VALID_DAYS)))
        .unwrap_or(date_posted);
    Ok(PostingInfo {
        organization_name: organization.unwrap_or_default().to_string(),
        organization_url: args.organization_url.clone(),
        date_posted,
        valid_through,
        office_locality: args.office_city.clone(),
        office_street: args.office_street.clone(),
        identifier: None,
    })
}

/// The posting's errors with its parameter names replaced by the flags that set them; the others
/// are keys of the role file.
fn flagged(errors: ValidationErrors) -> CliError {
    let mut errors = errors;
    for e in &mut errors.errors {
        let flag = match e.field.as_str() {
            "organization_name" => "--organization",
            "valid_through" => "--valid-through",
            "date_posted" => "--date-posted",
            _ => continue,
        };
        e.field = flag.to_string();
        e.message = e
            .message
            .replace("date_posted", "--date-posted")
            .replace("valid_through", "--valid-through");
    }
    CliError::Invalid(errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(organization: Option<&str>, posted: Option<&str>, through: Option<&str>) -> JdArgs {
        JdArgs {
            file: PathBuf::from("role.toml"),
            format: Format::Document(DocumentFormat::Jsonld),
            organization: organization.map(String::from),
            organization_url: None,
            date_posted: posted.map(String::from),
            valid_through: through.map(String::from),
            office_city: None,
            office_street: None,
        }
    }

    #[test]
    fn posting_info_names_each_bad_flag_and_defaults_the_expiry() {
        let report = posting_info(&args(None, Some("2026-13-01"), None))
            .unwrap_err()
            .report();
        assert!(report.contains("--organization: JSON-LD names"), "{report}");
        assert!(report.contains("--date-posted: '2026-13-01'"), "{report}");
        let info = posting_info(&args(Some(" Acme "), Some("2026-03-01"), None)).unwrap();
        assert_eq!(info.organization_name, "Acme");
        assert_eq!(info.valid_through.to_string(), "2026-03-31");
    }
}
