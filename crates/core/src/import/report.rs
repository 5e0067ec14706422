//! The per-record report of an import: what happened to each record, and the totals. The CLI
//! prints it as a table or JSON; the API returns it as is.

use super::{InputFormat, RecordAt};
use crate::candidate::{Candidate, NewCandidate};
use crate::error::FieldError;
use crate::ids::CandidateId;
use serde::Serialize;

/// What an import did with one record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// A new candidate in the pool.
    Imported,
    /// A candidate with this email existed and got the record's values.
    Updated,
    /// A candidate with this email existed with the same values: nothing changed (a re-run).
    Unchanged,
    /// Not stored; `reason` and `errors` say why.
    Skipped,
}

/// One record's line of the report.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecordReport {
    /// The file the record came from, when an import read several (or a resume file).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    pub at: RecordAt,
    pub outcome: Outcome,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub candidate_id: Option<CandidateId>,
    /// Why a record was skipped, or a note on how it was matched ("matched by phone …"), in words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Each problem, named by JSON path or CSV column.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    /// Skill tags the taxonomy does not know: stored as given, reported so someone can add them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unknown_skills: Vec<String>,
}

/// The whole report: totals first, then one entry per record in file order.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportReport {
    pub input: InputFormat,
    pub imported: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub skipped: usize,
    pub records: Vec<RecordReport>,
}

impl ImportReport {
    pub fn new(input: InputFormat) -> Self {
        Self {
            input,
            imported: 0,
            updated: 0,
            unchanged: 0,
            skipped: 0,
            records: Vec::new(),
        }
    }

    pub fn push(&mut self, record: RecordReport) {
        match record.outcome {
            Outcome::Imported => self.imported += 1,
            Outcome::Updated => self.updated += 1,
            Outcome::Unchanged => self.unchanged += 1,
            Outcome::Skipped => self.skipped += 1,
        }
        self.records.push(record);
    }

    /// Whether any record failed: the CLI exits 1 then.
    pub fn has_failures(&self) -> bool {
        self.skipped > 0
    }
}

/// What the store did with one imported record: the outcome, the candidate as stored, and a note
/// for the report ("matched by phone …", or a warning about several phone matches).
#[derive(Debug, Clone, PartialEq)]
pub struct StoredRecord {
    pub outcome: Outcome,
    pub candidate: Candidate,
    pub note: Option<String>,
}

/// Whether storing `new` over `existing` would change anything a person entered.
pub fn candidate_differs(existing: &Candidate, new: &NewCandidate) -> bool {
    existing.name != new.name
        || existing.email != new.email
        || existing.location != new.location
        || existing.region != new.region
        || existing.skills != new.skills
        || existing.expected_rate != new.expected_rate
        || existing.profile != new.profile
}
