//! `hireloop resume add EMAIL FILE...`: resume files (PDF, DOCX, text) for a candidate, through the
//! server's own path (`hireloop_server::resume::ingest`): each file stored with its text, skills
//! found and added. Each file is reported as imported, unchanged or skipped with the reason; good
//! files are kept when others fail, and the command exits 1 when any file was skipped.

use crate::cli::Global;
use crate::error::CliError;
use crate::output::{print_json, say, Format};
use clap::{Args, Subcommand};
use comfy_table::{presets, ContentArrangement, Table};
use hireloop_core::email::Email;
use hireloop_match::Taxonomy;
use hireloop_resume::{describe_limit, ResumeError, DEFAULT_MAX_BYTES};
use hireloop_server::resume::{clean_file_name, ingest, ResumeFile};
use hireloop_store::Store;
use serde::Serialize;
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum ResumeCommand {
    /// Add resume files to a candidate: the text is stored, and the skills it names that the
    /// candidate lacks are added (with years from dated work entries). A running server picks
    /// the changes up when it next refreshes its index.
    Add(AddArgs),
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// The candidate's email.
    pub email: String,
    /// PDF, DOCX or plain-text files.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Files larger than this many bytes are skipped.
    #[arg(long, default_value_t = DEFAULT_MAX_BYTES)]
    pub max_bytes: usize,
}

/// One file's line in the report.
#[derive(Debug, Serialize)]
struct FileReport {
    file: String,
    /// imported, unchanged or skipped.
    outcome: &'static str,
    document_id: Option<uuid::Uuid>,
    skills_added: Vec<String>,
    reason: Option<String>,
}

pub async fn run(global: &Global, store: &Store, command: ResumeCommand) -> Result<(), CliError> {
    match command {
        ResumeCommand::Add(args) => add(global, store, args).await,
    }
}

async fn add(global: &Global, store: &Store, args: AddArgs) -> Result<(), CliError> {
    let email = Email::parse(&args.email).map_err(|m| CliError::invalid("email", m))?;
    let mut candidate = store
        .candidate_by_email(&email)
        .await?
        .ok_or_else(|| CliError::Failed(format!("no candidate with email {email}")))?;
    let taxonomy = Taxonomy::shipped()
        .map_err(|e| CliError::Failed(format!("the shipped skill taxonomy: {e}")))?;
    let mut reports = Vec::with_capacity(args.files.len());
    for path in &args.files {
        let shown = path.display().to_string();
        let name = clean_file_name(path.file_name().and_then(|n| n.to_str()), None);
        let bytes = match read(path, &name, args.max_bytes) {
            Ok(bytes) => bytes,
            Err(reason) => {
                reports.push(skipped(shown, reason));
                continue;
            }
        };
        let file = ResumeFile {
            file_name: &name,
            kind: None,
            bytes: &bytes,
        };
        let ingested = match ingest(store, &taxonomy, args.max_bytes, &candidate, file, None).await
        {
            Ok(ingested) => ingested,
            Err(err) => {
                let reason = err
                    .field_errors()
                    .errors
                    .first()
                    .map_or_else(|| err.to_string(), |e| e.message.clone());
                reports.push(skipped(shown, reason));
                continue;
            }
        };
        if let Some(new) = &ingested.update {
            // The next file compares against the skills this one added.
            candidate = store.update_candidate(candidate.id, new).await?;
        }
        let outcome = ingested.outcome;
        reports.push(FileReport {
            file: shown,
            outcome: if outcome.created {
                "imported"
            } else {
                "unchanged"
            },
            document_id: Some(outcome.document.id),
            skills_added: outcome.skills_added,
            reason: None,
        });
    }
    match global.format {
        Format::Json => print_json(&reports)?,
        Format::Table | Format::Document(_) => print_table(&reports),
    }
    let failed = reports.iter().filter(|r| r.outcome == "skipped").count();
    if failed > 0 {
        return Err(CliError::Failed(format!(
            "{failed} of {} files were skipped",
            reports.len()
        )));
    }
    Ok(())
}

/// The file's bytes; its size is checked before it is read, so a huge file is never loaded.
fn read(path: &std::path::Path, name: &str, max: usize) -> Result<Vec<u8>, String> {
    let size = std::fs::metadata(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?
        .len();
    if size > max as u64 {
        let err = ResumeError::TooLarge {
            file: name.to_string(),
            size: usize::try_from(size).unwrap_or(usize::MAX),
            limit: describe_limit(max),
        };
        return Err(err.to_string());
    }
    std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn skipped(file: String, reason: String) -> FileReport {
    FileReport {
        file,
        outcome: "skipped",
        document_id: None,
        skills_added: Vec::new(),
        reason: Some(reason),
    }
}

fn print_table(reports: &[FileReport]) {
    let mut table = Table::new();
    table
        .load_preset(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(["File", "Outcome", "Skills added / reason"]);
    for r in reports {
        let detail = match &r.reason {
            Some(reason) => reason.clone(),
            None if r.skills_added.is_empty() => "–".into(),
            None => r.skills_added.join(", "),
        };
        table.add_row([r.file.as_str(), r.outcome, detail.as_str()]);
    }
    say!("{table}");
}
