//! Imports into the talent pool: JSON Resume (one document, an array, or NDJSON) and CSV, parsed from
//! bytes into candidate inputs with one result per record, so good records survive bad ones. No I/O
//! here: the CLI and the API read the bytes and store the outcome.

mod csv_columns;
mod csv_rows;
mod json_resume;
mod prepare;
mod region;
mod report;
mod resume_profile;

pub use csv_columns::{ColumnMap, CsvField};
pub use prepare::{prepare, PreparedRecord};
pub use region::region_for_country;
pub use report::{candidate_differs, ImportReport, Outcome, RecordReport, StoredRecord};

use crate::candidate::CandidateInput;
use crate::error::ValidationErrors;
use crate::vocab::vocabulary;
use serde::Serialize;
use std::fmt;

/// The default size limit of one import: 10 MB, as the talent-pool issue asks.
pub const DEFAULT_MAX_BYTES: usize = 10 * 1024 * 1024;

vocabulary!(
    /// The formats an import reads.
    InputFormat, "input format" {
        JsonResume => "jsonresume", "JSON Resume (one document or an array of documents)";
        Ndjson => "ndjson", "JSON Resume, one document per line (NDJSON)";
        Csv => "csv", "CSV with a header row";
        Resume => "resume", "a resume file (PDF, DOCX or plain text): one candidate per file";
    }
);

impl InputFormat {
    /// The format a file name suggests: `.json`, `.ndjson`/`.jsonl`, `.csv`, and the resume files
    /// `.pdf`, `.docx`, `.txt`/`.text`/`.md`.
    pub fn from_file_name(name: &str) -> Option<Self> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "json" => Some(Self::JsonResume),
            "ndjson" | "jsonl" => Some(Self::Ndjson),
            "csv" => Some(Self::Csv),
            "pdf" | "docx" | "txt" | "text" | "md" => Some(Self::Resume),
            _ => None,
        }
    }
}

/// Where a record sits in its file, for the report: "line 3", "row 4", "document 2".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecordAt {
    pub kind: RecordKind,
    /// 1-based; CSV rows count the header as row 1, as spreadsheets do.
    pub number: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    Document,
    Line,
    Row,
}

impl fmt::Display for RecordAt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.kind {
            RecordKind::Document => "document",
            RecordKind::Line => "line",
            RecordKind::Row => "row",
        };
        write!(f, "{kind} {}", self.number)
    }
}

/// One record read from the file, before validation. `sources` names where each candidate field
/// came from (a JSON path or a CSV column), so a validation error points at the input, not at us.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportRecord {
    pub at: RecordAt,
    pub input: CandidateInput,
    pub sources: Vec<(&'static str, String)>,
}

/// A record that could not be read at all, with every problem named by its path or column.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordError {
    pub at: RecordAt,
    pub errors: ValidationErrors,
}

pub type RecordResult = Result<ImportRecord, RecordError>;

/// Reads every record of `bytes`. The outer error is for the file as a whole (too large, a CSV
/// without the columns it needs); per-record problems are in the list.
pub fn parse(
    format: InputFormat,
    bytes: &[u8],
    columns: &ColumnMap,
    max_bytes: usize,
) -> Result<Vec<RecordResult>, ValidationErrors> {
    if bytes.len() > max_bytes {
        return Err(ValidationErrors::single(
            "file",
            format!(
                "is {} bytes, over the limit of {max_bytes} bytes",
                bytes.len()
            ),
        ));
    }
    // Spreadsheet tools often start UTF-8 files with a byte-order mark; it is not part of the data.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match format {
        InputFormat::JsonResume => json_resume::parse_document(bytes),
        InputFormat::Ndjson => Ok(json_resume::parse_lines(bytes)),
        InputFormat::Csv => csv_rows::parse(bytes, columns),
        // A resume's text needs extraction (PDF, DOCX), which is the server's job, not a parse.
        InputFormat::Resume => Err(ValidationErrors::single(
            "input",
            "a resume file is imported one candidate per file, not parsed as records",
        )),
    }
}

#[cfg(test)]
mod tests;
