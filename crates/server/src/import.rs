//! Importing candidates: parse a file (JSON Resume, NDJSON, CSV), check each record, and store it
//! as a new, updated or unchanged candidate. Shared by the API and the CLI so both behave the same.

use crate::error::AppResult;
use hireloop_core::candidate::Candidate;
use hireloop_core::import::{
    self, candidate_differs, ColumnMap, ImportReport, InputFormat, Outcome, RecordReport,
};
use hireloop_match::Taxonomy;
use hireloop_store::{Store, StoreError};

/// What an import did: the report, and every candidate it created or changed (for the index).
#[derive(Debug)]
pub struct Imported {
    pub report: ImportReport,
    pub stored: Vec<Candidate>,
}

/// Reads `bytes` as `format` and stores each good record: a new email is imported, a known one is
/// updated when its values differ and left alone when not, so a re-run changes nothing. A bad
/// record is skipped with its reason and the rest go on. `progress(done, total)` runs per record.
pub async fn apply(
    store: &Store,
    taxonomy: &Taxonomy,
    format: InputFormat,
    bytes: &[u8],
    columns: &ColumnMap,
    max_bytes: usize,
    mut progress: impl FnMut(usize, usize),
) -> AppResult<Imported> {
    let records = import::parse(format, bytes, columns, max_bytes)?;
    let canonical = |raw: &str| {
        taxonomy
            .resolve(raw)
            .and_then(|id| taxonomy.get(id))
            .map(|skill| skill.id.clone())
    };
    let total = records.len();
    let mut imported = Imported {
        report: ImportReport::new(format),
        stored: Vec::new(),
    };
    for (done, record) in records.into_iter().enumerate() {
        let line = match record.and_then(|r| import::prepare(r, canonical)) {
            Err(bad) => RecordReport {
                at: bad.at,
                outcome: Outcome::Skipped,
                email: None,
                candidate_id: None,
                reason: Some(format!("invalid: {}", bad.errors)),
                errors: bad.errors.errors,
                unknown_skills: Vec::new(),
            },
            Ok(mut record) => {
                let existing = store.candidate_by_email(&record.candidate.email).await?;
                if let Some(existing) = &existing {
                    // A file that states no time zone or level must not erase the ones a
                    // recruiter entered; vetting is never touched by an import.
                    record.candidate.keep_unstated_from(existing);
                }
                let new = &record.candidate;
                let stored = match existing {
                    None => store
                        .create_candidate(new)
                        .await
                        .map(|c| (Outcome::Imported, c)),
                    Some(existing) if !candidate_differs(&existing, new) => {
                        Ok((Outcome::Unchanged, existing))
                    }
                    Some(existing) => store
                        .update_candidate(existing.id, new)
                        .await
                        .map(|c| (Outcome::Updated, c)),
                };
                let mut line = RecordReport {
                    at: record.at,
                    outcome: Outcome::Skipped,
                    email: Some(new.email.to_string()),
                    candidate_id: None,
                    reason: None,
                    errors: Vec::new(),
                    unknown_skills: record.unknown_skills,
                };
                match stored {
                    Ok((outcome, candidate)) => {
                        line.outcome = outcome;
                        line.candidate_id = Some(candidate.id);
                        if outcome != Outcome::Unchanged {
                            imported.stored.push(candidate);
                        }
                    }
                    // A record the store refuses is that record's problem; the database being
                    // down is everyone's, so it ends the import (records stored so far stay).
                    Err(e @ (StoreError::Conflict { .. } | StoreError::Invalid(_))) => {
                        line.reason = Some(e.to_string());
                    }
                    Err(e) => return Err(e.into()),
                }
                line
            }
        };
        imported.report.push(line);
        progress(done + 1, total);
    }
    Ok(imported)
}
