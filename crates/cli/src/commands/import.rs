//! `hireloop import FILE...`: JSON Resume (one document or NDJSON), CSV and resume files (PDF,
//! DOCX, text; one candidate each) into the talent pool, through the server's own path
//! (`hireloop_server::import_files`). A directory stands for its importable files. A progress bar
//! on stderr, the per-record report on stdout (each line naming its file); exit 1 when a record or
//! a file was skipped.

use crate::cli::Global;
use crate::error::CliError;
use crate::output::{print_json, say, Format};
use clap::builder::PossibleValuesParser;
use clap::Args;
use comfy_table::{presets, ContentArrangement, Table};
use hireloop_core::import::{ColumnMap, InputFormat, Outcome, RecordKind, DEFAULT_MAX_BYTES};
use hireloop_match::Taxonomy;
use hireloop_server::import_files::{
    detect_format, import_files, FileOptions, FilesReport, ImportFile, Progress,
};
use hireloop_store::Store;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// The extensions a directory is searched for.
const IMPORTABLE: &[&str] = &[
    "json", "ndjson", "jsonl", "csv", "pdf", "docx", "txt", "text", "md",
];

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Files or directories: JSON Resume documents (.json), one document per line (.ndjson,
    /// .jsonl), CSV with a header row (.csv), or resume files (.pdf, .docx, .txt), each one
    /// candidate found by the first email address in its text. A directory stands for its files
    /// with those extensions (not its subdirectories).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// What the files hold, when their extension does not say.
    #[arg(long, value_parser = PossibleValuesParser::new(InputFormat::NAMES))]
    pub input: Option<String>,
    /// CSV only: fill FIELD from COLUMN (repeatable), e.g. --map "Full name=name". Fields: name,
    /// email, location, region, skills, rate, rate_period, currency; other columns map by their own name.
    #[arg(long = "map", value_name = "COLUMN=FIELD")]
    pub map: Vec<String>,
    /// Files larger than this many bytes are skipped.
    #[arg(long, default_value_t = DEFAULT_MAX_BYTES)]
    pub max_bytes: usize,
}

pub async fn run(global: &Global, store: &Store, args: ImportArgs) -> Result<(), CliError> {
    let told = match &args.input {
        Some(raw) => Some(
            raw.parse::<InputFormat>()
                .map_err(|m: String| CliError::invalid("input", m))?,
        ),
        None => None,
    };
    let columns = ColumnMap::parse(&args.map)?;
    let mut paths = Vec::new();
    for path in &args.files {
        expand(path, &mut paths)?;
    }
    if paths.is_empty() {
        return Err(CliError::invalid(
            "files",
            format!(
                "no importable files there (looked for .{})",
                IMPORTABLE.join(", .")
            ),
        ));
    }
    let files: Vec<ImportFile> = paths
        .iter()
        .map(|path| read(path, told, args.max_bytes))
        .collect();
    let taxonomy = Taxonomy::shipped()
        .map_err(|e| CliError::Failed(format!("the shipped skill taxonomy: {e}")))?;
    let options = FileOptions {
        columns: &columns,
        max_bytes: args.max_bytes,
        actor: None,
    };
    let bar = progress_bar(files.len());
    let imported = import_files(store, &taxonomy, files, &options, |p| show(&bar, p)).await;
    bar.finish_and_clear();
    let report = imported?.report;
    match global.format {
        Format::Json => print_json(&report)?,
        Format::Table | Format::Document(_) => print_table(&report),
    }
    if report.has_failures() {
        return Err(CliError::Failed(failure_summary(&report)));
    }
    Ok(())
}

/// A file as itself; a directory as its importable files, sorted by name.
fn expand(path: &Path, into: &mut Vec<PathBuf>) -> Result<(), CliError> {
    let shown = path.display();
    if !path.is_dir() {
        into.push(path.to_path_buf());
        return Ok(());
    }
    let entries = std::fs::read_dir(path)
        .map_err(|e| CliError::Failed(format!("cannot read {shown}: {e}")))?;
    let mut found: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| IMPORTABLE.contains(&e.to_ascii_lowercase().as_str()))
        })
        .collect();
    found.sort();
    into.extend(found);
    Ok(())
}

/// The file's bytes, or why it is skipped: unreadable, over the limit (checked before reading,
/// so an oversized file is never loaded), or of a format neither its name nor content tells.
fn read(path: &Path, told: Option<InputFormat>, max_bytes: usize) -> ImportFile {
    let shown = path.display().to_string();
    let name = path
        .file_name()
        .map_or_else(|| shown.clone(), |n| n.to_string_lossy().into_owned());
    let content = std::fs::metadata(path)
        .map_err(|e| format!("cannot read {shown}: {e}"))
        .and_then(|meta| {
            if meta.len() > max_bytes as u64 {
                return Err(format!(
                    "{shown} is {} bytes, over the limit of {max_bytes} bytes (--max-bytes)",
                    meta.len()
                ));
            }
            std::fs::read(path).map_err(|e| format!("cannot read {shown}: {e}"))
        })
        .and_then(|bytes| match detect_format(&name, told, None, &bytes) {
            Some(_) => Ok(bytes),
            None => Err(format!(
                "cannot tell the format of {shown} from its extension or content; pass --input {}",
                InputFormat::NAMES.join("|")
            )),
        });
    ImportFile {
        name,
        format: told,
        media_type: None,
        content,
    }
}

/// "2 of 5 records were skipped", and why each whole file (a resume, a file that could not be
/// read) was skipped; a bad line or row is in the report only.
fn failure_summary(report: &FilesReport) -> String {
    let mut text = format!(
        "{} of {} records were skipped",
        report.skipped,
        report.records.len()
    );
    let files = report
        .records
        .iter()
        .filter(|line| line.outcome == Outcome::Skipped && line.at.kind == RecordKind::Document);
    for line in files.take(20) {
        let file = line.file.as_deref().unwrap_or_default();
        let reason = line.reason.as_deref().unwrap_or_default();
        // Errors about a resume file already start with its name.
        if reason.starts_with(&format!("{file}:")) {
            text.push_str(&format!("\n  {reason}"));
        } else {
            text.push_str(&format!("\n  {file}: {reason}"));
        }
    }
    text
}

/// A bar on stderr for people watching; nothing at all when stderr is a pipe or a file. One file
/// counts its records; several count files.
fn progress_bar(files: usize) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let template = if files == 1 {
        "{bar:40} {pos}/{len} records ({per_sec})"
    } else {
        "{bar:40} {pos}/{len} files {msg}"
    };
    let bar = ProgressBar::new(files as u64);
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style);
    }
    bar
}

fn show(bar: &ProgressBar, p: Progress<'_>) {
    if p.files == 1 {
        bar.set_length(p.total as u64);
        bar.set_position(p.done as u64);
        return;
    }
    bar.set_position(p.file.saturating_sub(1) as u64);
    if p.total > 0 {
        bar.set_message(format!("{} ({}/{} records)", p.name, p.done, p.total));
    } else {
        bar.set_message(p.name.to_string());
    }
}

fn print_table(report: &FilesReport) {
    let mut table = Table::new();
    let several = report.files > 1;
    let mut header = vec!["record", "outcome", "email", "details"];
    if several {
        header.insert(0, "file");
    }
    table
        .load_preset(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(header);
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
        let mut row = vec![
            record.at.to_string(),
            outcome.to_string(),
            record.email.clone().unwrap_or_default(),
            details.join("\n"),
        ];
        if several {
            row.insert(0, record.file.clone().unwrap_or_default());
        }
        table.add_row(row);
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
