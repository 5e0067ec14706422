//! Importing candidates: parse a file (JSON Resume, NDJSON, CSV), check each record, and store it
//! as a new, updated or unchanged candidate. Shared by the API and the CLI so both behave the same.

use crate::error::AppResult;
use hireloop_core::candidate::{Candidate, NewCandidate};
use hireloop_core::import::{
    self, ColumnMap, ImportReport, InputFormat, Outcome, PreparedRecord, RecordReport, StoredRecord,
};
use hireloop_match::Taxonomy;
use hireloop_store::{Store, StoreError};
use std::collections::HashSet;

/// What an import did: the report, and every candidate it created or changed (for the index).
#[derive(Debug)]
pub struct Imported {
    pub report: ImportReport,
    pub stored: Vec<Candidate>,
}

/// Records stored per transaction: big enough that commits stop dominating, small enough that
/// the progress bar moves and a batch's statements stay within the bound-parameter limits.
pub const BATCH: usize = 1000;

/// Reads `bytes` as `format` and stores each good record: a new email is imported, a known one is
/// updated when its values differ and left alone when not, so a re-run changes nothing; a new email
/// whose phone number belongs to exactly one stored candidate counts as that candidate, and its
/// report line says so. A bad
/// record is skipped with its reason and the rest go on. Records are stored in batches of
/// [`BATCH`], one transaction each; `progress(done, total)` runs after each batch.
pub async fn apply(
    store: &Store,
    taxonomy: &Taxonomy,
    format: InputFormat,
    bytes: &[u8],
    columns: &ColumnMap,
    max_bytes: usize,
    progress: impl FnMut(usize, usize),
) -> AppResult<Imported> {
    let input = Input {
        format,
        bytes,
        columns,
        max_bytes,
    };
    apply_in_batches(store, taxonomy, input, BATCH, progress).await
}

/// What to import: the file's bytes, their format, the CSV column map and the size limit.
#[derive(Clone, Copy)]
pub struct Input<'a> {
    pub format: InputFormat,
    pub bytes: &'a [u8],
    pub columns: &'a ColumnMap,
    pub max_bytes: usize,
}

/// [`apply`] with `batch` records per transaction (at least 1). `batch = 1` is the
/// one-record-at-a-time import (a lookup and a transaction per record): the baseline of
/// `hireloop bench import`.
pub async fn apply_in_batches(
    store: &Store,
    taxonomy: &Taxonomy,
    input: Input<'_>,
    batch: usize,
    mut progress: impl FnMut(usize, usize),
) -> AppResult<Imported> {
    let Input {
        format,
        bytes,
        columns,
        max_bytes,
    } = input;
    let batch = batch.max(1);
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
    let mut pending: Vec<Pending> = Vec::new();
    // Emails and phone keys of the pending batch (phones prefixed, so the two cannot collide).
    let mut emails: HashSet<String> = HashSet::new();
    for (done, record) in records.into_iter().enumerate() {
        match record.and_then(|r| import::prepare(r, canonical)) {
            Err(bad) => pending.push(Pending::Done(RecordReport {
                file: None,
                at: bad.at,
                outcome: Outcome::Skipped,
                email: None,
                candidate_id: None,
                reason: Some(format!("invalid: {}", bad.errors)),
                errors: bad.errors.errors,
                unknown_skills: Vec::new(),
            })),
            Ok(record) => {
                // A second record with the same email or phone must see the first one stored, as
                // it would one record at a time: it starts a new batch.
                let keys = identity_keys(&record.candidate);
                if keys.iter().any(|k| emails.contains(k)) {
                    flush(store, &mut pending, &mut imported).await?;
                    emails.clear();
                }
                emails.extend(keys);
                pending.push(Pending::Record(Box::new(record)));
            }
        }
        if pending.len() >= batch {
            flush(store, &mut pending, &mut imported).await?;
            emails.clear();
            progress(done + 1, total);
        }
    }
    flush(store, &mut pending, &mut imported).await?;
    progress(total, total);
    Ok(imported)
}

/// What makes two records of one import the same candidate: the email, and the phone key.
fn identity_keys(candidate: &NewCandidate) -> Vec<String> {
    let mut keys = vec![candidate.email.as_str().to_string()];
    if let Some(phone) = &candidate.profile.phone {
        keys.push(format!("phone:{}", phone.key()));
    }
    keys
}

/// A record waiting for its batch to be stored, or one already decided (skipped as invalid).
enum Pending {
    Done(RecordReport),
    Record(Box<PreparedRecord>),
}

/// Stores the pending records as one batch and appends their lines to the report in file order.
/// When the batch is refused as a whole (another writer stored one of its emails meanwhile), its
/// records are stored one at a time so each gets its own outcome.
async fn flush(
    store: &Store,
    pending: &mut Vec<Pending>,
    imported: &mut Imported,
) -> AppResult<()> {
    let pending = std::mem::take(pending);
    let batch: Vec<NewCandidate> = pending
        .iter()
        .filter_map(|p| match p {
            Pending::Record(r) => Some(r.candidate.clone()),
            Pending::Done(_) => None,
        })
        .collect();
    let mut stored = match store.import_candidates(batch).await {
        Ok(stored) => Some(stored.into_iter()),
        Err(StoreError::Conflict { .. } | StoreError::Invalid(_)) => None,
        Err(e) => return Err(e.into()),
    };
    for item in pending {
        let line = match item {
            Pending::Done(line) => line,
            Pending::Record(record) => {
                let outcome = match stored.as_mut() {
                    Some(results) => match results.next() {
                        Some(result) => Ok(result),
                        None => {
                            return Err(StoreError::Corrupt(
                                "the import batch returned fewer candidates than it was given"
                                    .into(),
                            )
                            .into())
                        }
                    },
                    None => store_one(store, &record.candidate).await?,
                };
                line_of(*record, outcome, imported)
            }
        };
        imported.report.push(line);
    }
    Ok(())
}

/// The report line of a stored (or refused) record; stored changes are kept for the index.
fn line_of(
    record: PreparedRecord,
    outcome: Result<StoredRecord, StoreError>,
    imported: &mut Imported,
) -> RecordReport {
    let mut line = RecordReport {
        file: None,
        at: record.at,
        outcome: Outcome::Skipped,
        email: Some(record.candidate.email.to_string()),
        candidate_id: None,
        reason: None,
        errors: Vec::new(),
        unknown_skills: record.unknown_skills,
    };
    match outcome {
        Ok(stored) => {
            line.outcome = stored.outcome;
            line.candidate_id = Some(stored.candidate.id);
            line.reason = stored.note;
            if stored.outcome != Outcome::Unchanged {
                imported.stored.push(stored.candidate);
            }
        }
        Err(e) => line.reason = Some(e.to_string()),
    }
    line
}

/// One record on its own: the fallback when its batch was refused. A record the store refuses is
/// that record's problem (`Ok(Err(..))`); the database being down is everyone's, so it ends the
/// import (records stored so far stay).
async fn store_one(
    store: &Store,
    new: &NewCandidate,
) -> AppResult<Result<StoredRecord, StoreError>> {
    match store.import_candidates(vec![new.clone()]).await {
        Ok(mut one) => match one.pop() {
            Some(result) => Ok(Ok(result)),
            None => Err(StoreError::Corrupt("the import returned no candidate".into()).into()),
        },
        Err(e @ (StoreError::Conflict { .. } | StoreError::Invalid(_))) => Ok(Err(e)),
        Err(e) => Err(e.into()),
    }
}
