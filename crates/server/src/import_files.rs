//! Imports of whole files (issue #5): several files in one go, each a JSON Resume document, NDJSON
//! or CSV (through `crate::import::apply`) or a resume file (PDF, DOCX, text) that becomes one
//! candidate, found by the first email address in its text. One report across all files, each
//! line naming its file; a file that cannot be read is a skipped line and the others go on.
//! Shared by the CLI (`hireloop import`), the API and the import page.

use crate::error::{AppError, AppResult};
use crate::import::apply;
use crate::resume::{self, add_found_skills, ingest_extracted, ResumeFile};
use chrono::{Datelike, NaiveDate};
use hireloop_core::candidate::{Candidate, CandidateInput};
use hireloop_core::email::Email;
use hireloop_core::experience::{covered_days, days_to_years, MAX_EXPERIENCE_YEARS};
use hireloop_core::ids::UserId;
use hireloop_core::import::{ColumnMap, InputFormat, Outcome, RecordAt, RecordKind, RecordReport};
use hireloop_match::Taxonomy;
use hireloop_resume::ResumeKind;
use hireloop_store::{Store, StoreError};
use serde::Serialize;

/// One file to import.
#[derive(Debug)]
pub struct ImportFile {
    /// The file's name as shown in the report (no directories).
    pub name: String,
    /// What the person said the file is (`--input`, the form's select); else it is guessed.
    pub format: Option<InputFormat>,
    /// The media type the upload declared, if any.
    pub media_type: Option<String>,
    /// The bytes, or why they were not read (e.g. over the size limit): a skipped line.
    pub content: Result<Vec<u8>, String>,
}

/// The settings of one import.
pub struct FileOptions<'a> {
    /// CSV column overrides.
    pub columns: &'a ColumnMap,
    /// Files larger than this are skipped with the reason.
    pub max_bytes: usize,
    /// Who imports (recorded on stored resume documents).
    pub actor: Option<UserId>,
}

/// Where an import stands, for a progress bar: file `file` of `files` (1-based), and within a
/// structured file, `done` of `total` records.
#[derive(Debug, Clone, Copy)]
pub struct Progress<'a> {
    pub file: usize,
    pub files: usize,
    pub name: &'a str,
    pub done: usize,
    pub total: usize,
}

/// The report of an import of files: totals, then one line per record in file order; every line
/// names its file.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FilesReport {
    pub files: usize,
    pub imported: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub skipped: usize,
    pub records: Vec<RecordReport>,
}

impl FilesReport {
    pub fn push(&mut self, record: RecordReport) {
        match record.outcome {
            Outcome::Imported => self.imported += 1,
            Outcome::Updated => self.updated += 1,
            Outcome::Unchanged => self.unchanged += 1,
            Outcome::Skipped => self.skipped += 1,
        }
        self.records.push(record);
    }

    /// Whether any record was skipped: the CLI exits 1 then.
    pub fn has_failures(&self) -> bool {
        self.skipped > 0
    }
}

/// What an import of files did: the report, and every candidate it created or changed (for the
/// matching and search indexes).
#[derive(Debug, Default)]
pub struct FilesImported {
    pub report: FilesReport,
    pub stored: Vec<Candidate>,
}

/// The format of a file: what the person said, else its extension, else its media type, else its
/// first bytes.
pub fn detect_format(
    name: &str,
    told: Option<InputFormat>,
    media_type: Option<&str>,
    bytes: &[u8],
) -> Option<InputFormat> {
    told.or_else(|| InputFormat::from_file_name(name))
        .or_else(|| media_type.and_then(format_of_media_type))
        .or_else(|| sniff(bytes))
}

/// The format a media type names: JSON, NDJSON, CSV, or one of the resume file types.
pub fn format_of_media_type(media_type: &str) -> Option<InputFormat> {
    let essence = media_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    match essence.as_str() {
        "application/json" => Some(InputFormat::JsonResume),
        "application/x-ndjson" | "application/jsonl" => Some(InputFormat::Ndjson),
        "text/csv" => Some(InputFormat::Csv),
        other => ResumeKind::from_media_type(other).map(|_| InputFormat::Resume),
    }
}

/// A guess from the content: PDF and DOCX (a zip) by their magic bytes; JSON by its first
/// character, NDJSON when a second line also starts a document.
fn sniff(bytes: &[u8]) -> Option<InputFormat> {
    if bytes.starts_with(b"%PDF") || bytes.starts_with(b"PK\x03\x04") {
        return Some(InputFormat::Resume);
    }
    let mut lines = bytes
        .split(|b| *b == b'\n')
        .map(|l| l.trim_ascii())
        .filter(|l| !l.is_empty());
    match lines.next()?.first()? {
        b'[' => Some(InputFormat::JsonResume),
        b'{' if lines.next().is_some_and(|l| l.starts_with(b"{")) => Some(InputFormat::Ndjson),
        b'{' => Some(InputFormat::JsonResume),
        _ => None,
    }
}

/// Imports every file in order. Per-file and per-record problems are skipped lines; only the
/// database failing ends the import (what was stored so far stays).
pub async fn import_files(
    store: &Store,
    taxonomy: &Taxonomy,
    files: Vec<ImportFile>,
    options: &FileOptions<'_>,
    mut progress: impl FnMut(Progress<'_>),
) -> AppResult<FilesImported> {
    let mut imported = FilesImported::default();
    imported.report.files = files.len();
    let count = files.len();
    for (index, file) in files.into_iter().enumerate() {
        let name = file.name.as_str();
        let at = |done, total| Progress {
            file: index + 1,
            files: count,
            name,
            done,
            total,
        };
        progress(at(0, 0));
        let bytes = match &file.content {
            Ok(bytes) => bytes.as_slice(),
            Err(reason) => {
                imported.report.push(skipped(name, reason.clone()));
                continue;
            }
        };
        let format = detect_format(name, file.format, file.media_type.as_deref(), bytes);
        match format {
            None => imported.report.push(skipped(
                name,
                format!(
                    "cannot tell what this file is from its name or content; choose one of {}",
                    InputFormat::NAMES.join(", ")
                ),
            )),
            Some(InputFormat::Resume) => {
                let kind = file
                    .media_type
                    .as_deref()
                    .and_then(ResumeKind::from_media_type);
                let upload = ResumeFile {
                    file_name: name,
                    kind,
                    bytes,
                };
                let (line, stored) =
                    import_resume(store, taxonomy, upload, options.max_bytes, options.actor)
                        .await?;
                imported.report.push(line);
                imported.stored.extend(stored);
            }
            Some(format) => {
                let result = apply(
                    store,
                    taxonomy,
                    format,
                    bytes,
                    options.columns,
                    options.max_bytes,
                    |done, total| progress(at(done, total)),
                )
                .await;
                match result {
                    Ok(done) => {
                        for mut line in done.report.records {
                            line.file = Some(name.to_string());
                            imported.report.push(line);
                        }
                        imported.stored.extend(done.stored);
                    }
                    // The file as a whole is unreadable (too large, a CSV without an email column).
                    Err(AppError::Validation(errors)) => {
                        let mut line = skipped(name, format!("the file: {errors}"));
                        line.errors = errors.errors;
                        imported.report.push(line);
                    }
                    Err(e) => return Err(e),
                }
            }
        }
    }
    Ok(imported)
}

/// One resume file as one candidate: the text is extracted, its first email address says whose
/// it is; a known candidate gets the document and any skills they lack (nothing is removed), an
/// unknown one is created with the name the text starts with (else one made from the email) and
/// the skills found. Answers the report line and the candidate stored, if any changed.
///
/// Creating the candidate and storing the document are two writes; both are idempotent, so
/// importing the same file again finishes whatever an interruption left.
pub async fn import_resume(
    store: &Store,
    taxonomy: &Taxonomy,
    file: ResumeFile<'_>,
    max_bytes: usize,
    actor: Option<UserId>,
) -> AppResult<(RecordReport, Option<Candidate>)> {
    let name = file.file_name;
    let extracted = match resume::extract(&file, max_bytes).await? {
        Ok(extracted) => extracted,
        Err(e) => return Ok((skipped(name, e.to_string()), None)),
    };
    let Some(email) = first_email(&extracted.text) else {
        let reason = "no email address in the text: it is needed to tell whose resume this is";
        return Ok((skipped(name, reason.into()), None));
    };
    let mut line = skipped(name, String::new());
    line.email = Some(email.to_string());
    line.reason = None;
    let (candidate, outcome, mut changed) = match store.candidate_by_email(&email).await? {
        Some(existing) => (existing, Outcome::Unchanged, None),
        None => {
            let mut input = CandidateInput {
                name: name_in(&extracted.text).unwrap_or_else(|| name_from_email(&email)),
                email: email.to_string(),
                experience_years: experience_years_in(
                    &extracted.text,
                    chrono::Utc::now().date_naive(),
                ),
                ..Default::default()
            };
            add_found_skills(taxonomy, &mut input, &extracted.text);
            let new = match input.parse() {
                Ok(new) => new,
                Err(errors) => {
                    line.reason = Some(format!("invalid: {errors}"));
                    line.errors = errors.errors;
                    return Ok((line, None));
                }
            };
            match store.import_candidates(vec![new]).await {
                Ok(mut one) => match one.pop() {
                    Some(stored) => {
                        line.reason = stored.note;
                        let candidate = stored.candidate;
                        (candidate.clone(), stored.outcome, Some(candidate))
                    }
                    None => {
                        return Err(
                            StoreError::Corrupt("the import returned no candidate".into()).into(),
                        )
                    }
                },
                Err(e @ (StoreError::Conflict { .. } | StoreError::Invalid(_))) => {
                    line.reason = Some(e.to_string());
                    return Ok((line, None));
                }
                Err(e) => return Err(e.into()),
            }
        }
    };
    let ingested =
        match ingest_extracted(store, taxonomy, &candidate, name, &extracted, actor).await {
            Ok(ingested) => ingested,
            Err(AppError::Validation(errors)) => {
                line.reason = Some(format!("invalid: {errors}"));
                line.errors = errors.errors;
                return Ok((line, changed));
            }
            Err(e) => return Err(e),
        };
    let mut update = ingested.update;
    // A known candidate without experience years gets them from the resume's dated entries; one
    // who has them (stated, or from an earlier import) keeps them.
    if candidate.profile.experience_years.is_none() {
        if let Some(years) = experience_years_in(&extracted.text, chrono::Utc::now().date_naive()) {
            // A stored candidate that no longer passes today's checks is left as it is.
            if let Some(mut new) = update.take().or_else(|| candidate.to_input().parse().ok()) {
                new.profile.experience_years = Some(years);
                update = Some(new);
            }
        }
    }
    if let Some(update) = &update {
        changed = Some(store.update_candidate(candidate.id, update).await?);
    }
    line.outcome = match outcome {
        Outcome::Unchanged if changed.is_some() || ingested.outcome.created => Outcome::Updated,
        outcome => outcome,
    };
    line.candidate_id = Some(candidate.id);
    Ok((line, changed))
}

/// Years of work from a resume's dated entries ("2019 - 2023", "Mar 2020 - present"), counted as
/// the skill estimates count them (whole years from start to end year, overlaps once); None when
/// the text has no dated entry. A range within one year counts half a year, as for skills.
pub fn experience_years_in(text: &str, today: NaiveDate) -> Option<f32> {
    let periods = hireloop_resume::years::periods(text, today.year());
    if periods.is_empty() {
        return None;
    }
    let spans = periods
        .iter()
        .filter_map(|p| {
            Some((
                NaiveDate::from_ymd_opt(p.from_year, 1, 1)?,
                NaiveDate::from_ymd_opt(p.to_year, 1, 1)?,
            ))
        })
        .collect();
    let years = days_to_years(covered_days(spans));
    Some(years.clamp(0.5, MAX_EXPERIENCE_YEARS))
}

/// A line for a file that was not imported, with the reason.
fn skipped(file: &str, reason: String) -> RecordReport {
    RecordReport {
        file: Some(file.to_string()),
        at: RecordAt {
            kind: RecordKind::Document,
            number: 1,
        },
        outcome: Outcome::Skipped,
        email: None,
        candidate_id: None,
        reason: Some(reason),
        errors: Vec::new(),
        unknown_skills: Vec::new(),
    }
}

/// The first email-like token of the text ("mailto:" links and angle brackets allowed).
pub fn first_email(text: &str) -> Option<Email> {
    text.split(|c: char| c.is_whitespace() || "<>()[]{},;:\"'|".contains(c))
        .map(|token| token.trim_matches(|c: char| c == '.' || c == '-'))
        .filter(|token| token.contains('@'))
        .find_map(|token| {
            let email = Email::parse(token).ok()?;
            let tld = email.as_str().rsplit('.').next()?;
            (tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic())).then_some(email)
        })
}

/// Words that start a resume's heading lines but never a person's name.
const NOT_NAME_WORDS: &[&str] = &[
    "curriculum",
    "vitae",
    "resume",
    "résumé",
    "cv",
    "senior",
    "junior",
    "lead",
    "staff",
    "principal",
    "engineer",
    "developer",
    "software",
    "backend",
    "frontend",
    "manager",
    "summary",
    "profile",
    "experience",
    "skills",
    "contact",
    "education",
    "about",
];

/// The person's name: the first of the text's first five non-empty lines that reads as one — two
/// to four capitalised words of letters (hyphens, apostrophes and dots allowed), none of them a
/// heading or job-title word.
pub fn name_in(text: &str) -> Option<String> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .take(5)
        .find(|line| looks_like_name(line))
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
}

fn looks_like_name(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && line.chars().count() <= 60
        && words.iter().all(|word| {
            word.chars().next().is_some_and(char::is_uppercase)
                && word
                    .chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
                && !NOT_NAME_WORDS.contains(&word.to_lowercase().trim_end_matches('.'))
        })
}

/// A name made from the email's local part when the text shows none: "ana.petrovic@…" →
/// "Ana Petrovic". Someone can correct it on the profile.
pub fn name_from_email(email: &Email) -> String {
    let local = email.as_str().split('@').next().unwrap_or_default();
    let words: Vec<String> = local
        .split(['.', '_', '-', '+'])
        .map(|w| w.trim_matches(|c: char| c.is_ascii_digit()))
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_uppercase().chain(chars).collect()
            })
        })
        .collect();
    if words.is_empty() {
        local.to_string()
    } else {
        words.join(" ")
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_first_email_is_found_in_text_and_links() {
        let text = "Ana Petrović\nBelgrade · <mailto:Ana.Petrovic@Example.com> · +381 11\n\
                    Referee: boss@example.com";
        assert_eq!(
            first_email(text).unwrap().as_str(),
            "ana.petrovic@example.com"
        );
        assert_eq!(
            first_email("Mail me at jo@example.org."),
            Email::parse("jo@example.org").ok()
        );
        assert_eq!(first_email("handle @ana, v1.2@3.4 and a@b"), None);
    }

    #[test]
    fn experience_years_come_from_dated_entries_overlaps_once() {
        let today = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
        let text = "Ana\nSkills: Go\nAcme, 2015 - 2019\nGo\nSide project 2017 - 2018\nBeta, 2021 - present\n";
        // 2015-2019 (4 years, the side project inside it) and 2021-2026 (5 years).
        assert_eq!(experience_years_in(text, today), Some(9.0));
        assert_eq!(experience_years_in("Beta 2026 - present", today), Some(0.5));
        assert_eq!(
            experience_years_in("no dates here, since 1999", today),
            None
        );
    }

    #[test]
    fn a_name_is_the_first_line_that_reads_as_one() {
        assert_eq!(
            name_in("Curriculum Vitae\n\nAna  Petrović\nSenior Go Engineer").as_deref(),
            Some("Ana Petrović")
        );
        assert_eq!(
            name_in("Senior Backend Engineer\nMarie-Claire O'Neil\n").as_deref(),
            Some("Marie-Claire O'Neil")
        );
        assert_eq!(name_in("ana@example.com\nGo, Kafka, 2019-2024\n"), None);
        // Only the top of the document is read: a name deep in a reference list is not the person's.
        assert_eq!(name_in("a\nb\nc\nd\ne\nJohn Smith"), None);
    }

    #[test]
    fn a_name_can_come_from_the_email() {
        let email = |s| Email::parse(s).unwrap();
        assert_eq!(
            name_from_email(&email("ana.petrovic@example.com")),
            "Ana Petrovic"
        );
        assert_eq!(name_from_email(&email("j_doe42@example.com")), "J Doe");
        assert_eq!(name_from_email(&email("1234@example.com")), "1234");
    }

    #[test]
    fn formats_come_from_what_was_said_the_name_the_type_or_the_content() {
        let f =
            |name, told, media: Option<&str>, bytes: &[u8]| detect_format(name, told, media, bytes);
        assert_eq!(f("cv.PDF", None, None, b""), Some(InputFormat::Resume));
        assert_eq!(f("notes.txt", None, None, b""), Some(InputFormat::Resume));
        assert_eq!(
            f("x.txt", Some(InputFormat::Csv), None, b""),
            Some(InputFormat::Csv)
        );
        assert_eq!(
            f("upload", None, Some("text/csv; charset=utf-8"), b""),
            Some(InputFormat::Csv)
        );
        assert_eq!(
            f("upload", None, None, b"%PDF-1.7"),
            Some(InputFormat::Resume)
        );
        assert_eq!(
            f("upload", None, None, b"{\"a\":1}\n{\"b\":2}\n"),
            Some(InputFormat::Ndjson)
        );
        assert_eq!(
            f("upload", None, None, b"{\n  \"basics\": {}\n}"),
            Some(InputFormat::JsonResume)
        );
        assert_eq!(f("upload", None, None, b"name,email\n"), None);
    }
}
