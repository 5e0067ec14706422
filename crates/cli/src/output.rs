//! Printing results: tables for people (comfy-table), JSON for scripts, and list paging flags shared
//! by every `list` command. Output goes to stdout; a closed pipe (`| head`) ends output quietly.

use crate::error::CliError;
use comfy_table::{presets, ContentArrangement, Table};
use hireloop_core::page::{Page, PageRequest};
use serde::Serialize;
use std::future::Future;
use std::io::Write;

/// How a command prints. Most take the global `--format table|json`; `jd` takes its own `--format
/// md|html|jsonld` under the same name, so both share this type: clap copies a subcommand's value
/// of a global flag up to the top level, which must then read the same type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
    /// A document: only `jd` accepts these.
    Document(DocumentFormat),
}

/// The values of the global `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Table,
    Json,
}

impl From<ReportFormat> for Format {
    fn from(format: ReportFormat) -> Self {
        match format {
            ReportFormat::Table => Format::Table,
            ReportFormat::Json => Format::Json,
        }
    }
}

/// The values of `jd --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DocumentFormat {
    /// Markdown.
    Md,
    /// An HTML fragment (h1, h2, p, ul), all text escaped.
    Html,
    /// A schema.org JobPosting as JSON-LD.
    Jsonld,
}

/// Prints one line to stdout.
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::output::print_line(&format!($($arg)*))
    };
}
pub(crate) use say;

pub fn print_line(text: &str) {
    let mut out = std::io::stdout().lock();
    // A reader that went away (e.g. `| head`) is not an error worth a panic.
    let _ = writeln!(out, "{text}");
}

/// Prints a document as it is, without adding a newline (documents end with their own).
pub fn print_text(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes());
}

/// Paging flags for list commands.
#[derive(Debug, Clone, clap::Args)]
pub struct ListArgs {
    /// How many to show (1-200), newest first.
    #[arg(long)]
    pub limit: Option<i64>,
    /// Continue after a previous page: the `next_cursor` it printed.
    #[arg(long)]
    pub cursor: Option<String>,
    /// Fetch every page.
    #[arg(long, conflicts_with = "cursor")]
    pub all: bool,
}

impl ListArgs {
    /// Fetches one page, or with `--all` every page, through `fetch`.
    pub async fn fetch<T, F, Fut>(&self, fetch: F) -> Result<Page<T>, CliError>
    where
        F: Fn(PageRequest) -> Fut,
        Fut: Future<Output = hireloop_store::Result<Page<T>>>,
    {
        let mut request = PageRequest::parse(self.limit, self.cursor.as_deref())
            .map_err(|(field, message)| CliError::invalid(field, message))?;
        let mut page = fetch(request).await?;
        if self.all {
            while let Some(cursor) = page.next_cursor.take() {
                request.after = uuid::Uuid::parse_str(&cursor).ok();
                let next = fetch(request).await?;
                page.items.extend(next.items);
                page.next_cursor = next.next_cursor;
            }
        }
        Ok(page)
    }
}

/// Prints a page as a table (with a hint for the next page) or as `{"items", "next_cursor"}`.
pub fn print_page<T: Serialize>(
    format: Format,
    page: &Page<T>,
    headers: &[&str],
    row: impl Fn(&T) -> Vec<String>,
) -> Result<(), CliError> {
    match format {
        Format::Json => print_json(page),
        Format::Table | Format::Document(_) => {
            let mut table = Table::new();
            table
                .load_preset(presets::UTF8_FULL_CONDENSED)
                .set_content_arrangement(ContentArrangement::Dynamic)
                .set_header(headers.to_vec());
            for item in &page.items {
                table.add_row(row(item));
            }
            say!("{table}");
            match &page.next_cursor {
                Some(cursor) => say!("{} shown; more with --cursor {cursor}", page.items.len()),
                None => say!("{} shown", page.items.len()),
            }
            Ok(())
        }
    }
}

pub fn print_json<T: Serialize>(value: &T) -> Result<(), CliError> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| CliError::Failed(format!("cannot write JSON: {e}")))?;
    say!("{text}");
    Ok(())
}

/// A timestamp as the tables show it: to the minute, UTC.
pub fn when(at: &chrono::DateTime<chrono::Utc>) -> String {
    at.format("%Y-%m-%d %H:%M").to_string()
}
