//! `hireloop lint FILE…`: checks role files against the known mistakes of backend hiring plans
//! (docs/role-as-code.md). Every file is reported, parse problems and findings alike; the command
//! fails when any file does not parse or has an error-level finding.

use crate::cli::Global;
use crate::commands::market::{table, DataArgs};
use crate::commands::role_file;
use crate::error::CliError;
use crate::output::{print_json, say, Format};
use clap::Args;
use hireloop_core::market::Dataset;
use hireloop_core::scorecard::{lint, Finding, LintContext, Problem, Severity, SkillCatalog};
use serde::Serialize;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct LintArgs {
    /// One or more role files (role-as-code TOML; see docs/role-as-code.md).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    #[command(flatten)]
    pub data: DataArgs,
}

/// What lint found in one file.
#[derive(Debug, Serialize)]
struct FileReport {
    file: String,
    /// False when the file cannot be read or does not parse; `problems` says why.
    parsed: bool,
    problems: Vec<Problem>,
    findings: Vec<Finding>,
    /// Parse problems count as errors.
    errors: usize,
    warnings: usize,
    infos: usize,
}

impl FileReport {
    fn new(file: String, problems: Vec<Problem>, findings: Vec<Finding>) -> Self {
        let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
        Self {
            parsed: problems.is_empty(),
            errors: problems.len() + count(Severity::Error),
            warnings: count(Severity::Warning),
            infos: count(Severity::Info),
            file,
            problems,
            findings,
        }
    }
}

#[derive(Debug, Serialize)]
struct Report<'a> {
    /// The market dataset the budget check (HL022) compared against.
    dataset_version: &'a str,
    files: Vec<FileReport>,
    files_with_errors: usize,
}

pub fn run(global: &Global, args: LintArgs) -> Result<(), CliError> {
    let snapshot = args.data.load()?;
    let catalog = role_file::catalog()?;
    let files: Vec<FileReport> = args
        .files
        .iter()
        .map(|path| lint_file(path, &catalog, &snapshot.dataset))
        .collect();
    let failed = files.iter().filter(|f| f.errors > 0).count();
    let total = files.len();
    let report = Report {
        dataset_version: &snapshot.dataset.info.version,
        files,
        files_with_errors: failed,
    };
    match global.format {
        Format::Json => print_json(&report)?,
        _ => print_report(&report),
    }
    if failed > 0 {
        return Err(CliError::Failed(format!(
            "{failed} of {total} role files have errors"
        )));
    }
    Ok(())
}

fn lint_file(path: &std::path::Path, catalog: &dyn SkillCatalog, market: &Dataset) -> FileReport {
    let file = path.display().to_string();
    match role_file::load(path) {
        Err(problems) => FileReport::new(file, problems, Vec::new()),
        Ok((_, card)) => {
            let found = lint(&card, &LintContext::new(catalog, Some(market)));
            FileReport::new(file, Vec::new(), found.findings)
        }
    }
}

/// Wide enough for the finding column to stay readable when stdout is not a terminal.
const WIDTH_WITHOUT_TERMINAL: u16 = 110;

fn print_report(report: &Report<'_>) {
    for (i, file) in report.files.iter().enumerate() {
        if i > 0 {
            say!("");
        }
        print_file(file);
    }
    if report.files.len() > 1 {
        say!("");
        say!(
            "{} files, {} with errors.",
            report.files.len(),
            report.files_with_errors
        );
    }
}

fn print_file(file: &FileReport) {
    if !file.parsed {
        let n = file.problems.len();
        say!(
            "{}: does not parse ({n} problem{})",
            file.file,
            if n == 1 { "" } else { "s" }
        );
        for p in &file.problems {
            say!("  {p}");
        }
        return;
    }
    if file.findings.is_empty() {
        say!("{}: no findings", file.file);
        return;
    }
    say!(
        "{}: {} error{}, {} warning{}, {} info",
        file.file,
        file.errors,
        plural(file.errors),
        file.warnings,
        plural(file.warnings),
        file.infos
    );
    let mut t = table(&["code", "severity", "path", "finding"]);
    if t.width().is_none() {
        t.set_width(WIDTH_WITHOUT_TERMINAL);
    }
    for f in &file.findings {
        t.add_row(vec![
            format!("{}\n{}", f.code, f.rule),
            f.severity.as_str().to_string(),
            f.path.clone(),
            format!("{}\nfix: {}\nsource: {}", f.message, f.fix, f.source),
        ]);
    }
    say!("{t}");
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
