//! `hireloop import FILE`: JSON Resume (one document or NDJSON) and CSV files into the talent pool,
//! with a progress bar on stderr and the per-record report on stdout; exit 1 when a record failed.

use crate::cli::Global;
use crate::error::CliError;
use crate::output::{print_json, say, Format};
use clap::builder::PossibleValuesParser;
use clap::Args;
use comfy_table::{presets, ContentArrangement, Table};
use hireloop_core::import::{ColumnMap, ImportReport, InputFormat, Outcome, DEFAULT_MAX_BYTES};
use hireloop_match::Taxonomy;
use hireloop_server::import::apply;
use hireloop_store::Store;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The file: a JSON Resume document (.json), one document per line (.ndjson, .jsonl) or CSV with a header row (.csv).
    pub file: PathBuf,
    /// What the file holds, when its extension does not say.
    #[arg(long, value_parser = PossibleValuesParser::new(InputFormat::NAMES))]
    pub input: Option<String>,
    /// CSV only: fill FIELD from COLUMN (repeatable), e.g. --map "Full name=name". Fields: name,
    /// email, location, region, skills, rate, rate_period, currency; other columns map by their own name.
    #[arg(long = "map", value_name = "COLUMN=FIELD")]
    pub map: Vec<String>,
    /// Refuse files larger than this many bytes.
    #[arg(long, default_value_t = DEFAULT_MAX_BYTES)]
    pub max_bytes: usize,
}

pub async fn run(global: &Global, store: &Store, args: ImportArgs) -> Result<(), CliError> {
    let format = input_format(&args)?;
    let columns = ColumnMap::parse(&args.map)?;
    let shown = args.file.display().to_string();
    let size = std::fs::metadata(&args.file)
        .map_err(|e| CliError::Failed(format!("cannot read {shown}: {e}")))?
        .len();
    // Checked before reading, so an oversized file is never loaded into memory.
    if size > args.max_bytes as u64 {
        return Err(CliError::invalid(
            "file",
            format!(
                "{shown} is {size} bytes, over the limit of {} bytes (--max-bytes)",
                args.max_bytes
            ),
        ));
    }
    let bytes = std::fs::read(&args.file)
        .map_err(|e| CliError::Failed(format!("cannot read {shown}: {e}")))?;
    let taxonomy = Taxonomy::shipped()
        .map_err(|e| CliError::Failed(format!("the shipped skill taxonomy: {e}")))?;
    let bar = progress_bar();
    let imported = apply(
        store,
        &taxonomy,
        format,
        &bytes,
        &columns,
        args.max_bytes,
        |done, total| {
            bar.set_length(total as u64);
            bar.set_position(done as u64);
        },
    )
    .await;
    bar.finish_and_clear();
    let report = imported?.report;
    match global.format {
        Format::Json => print_json(&report)?,
        Format::Table | Format::Document(_) => print_table(&report),
    }
    if report.has_failures() {
        return Err(CliError::Failed(format!(
            "{} of {} records were skipped",
            report.skipped,
            report.records.len()
        )));
    }
    Ok(())
}

fn input_format(args: &ImportArgs) -> Result<InputFormat, CliError> {
    if let Some(raw) = &args.input {
        return raw
            .parse()
            .map_err(|m: String| CliError::invalid("input", m));
    }
    let name = args.file.to_string_lossy();
    InputFormat::from_file_name(&name).ok_or_else(|| {
        CliError::invalid(
            "input",
            format!(
                "cannot tell the format of {name} from its extension; pass --input {}",
                InputFormat::NAMES.join("|")
            ),
        )
    })
}

/// A bar on stderr for people watching; nothing at all when stderr is a pipe or a file.
fn progress_bar() -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(0);
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} records ({per_sec})") {
        bar.set_style(style);
    }
    bar
}

fn print_table(report: &ImportReport) {
    let mut table = Table::new();
    table
        .load_preset(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(vec!["record", "outcome", "email", "details"]);
    for record in &report.records {
        let outcome = match record.outcome {
            Outcome::Imported => "imported",
            Outcome::Updated => "updated",
            Outcome::Unchanged => "unchanged",
            Outcome::Skipped => "skipped",
        };
        let mut details: Vec<String> = record
            .errors
            .iter()
            .map(|e| format!("{}: {}", e.field, e.message))
            .collect();
        if details.is_empty() {
            details.extend(record.reason.clone());
        }
        if !record.unknown_skills.is_empty() {
            details.push(format!(
                "unknown skills kept as tags: {}",
                record.unknown_skills.join(", ")
            ));
        }
        table.add_row(vec![
            record.at.to_string(),
            outcome.to_string(),
            record.email.clone().unwrap_or_default(),
            details.join("\n"),
        ]);
    }
    say!("{table}");
    say!(
        "{} imported, {} updated, {} unchanged, {} skipped",
        report.imported,
        report.updated,
        report.unchanged,
        report.skipped
    );
}
