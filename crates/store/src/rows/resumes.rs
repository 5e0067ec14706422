//! Rows of resume documents.

use super::*;

// ---- resume documents (issue #5) ---------------------------------------------------------------

/// `extracted_text` is NULL when a list query leaves it out (`'' AS` would read as present).
#[derive(sqlx::FromRow)]
pub(crate) struct ResumeDocumentRow {
    pub id: Uuid,
    pub candidate_id: Uuid,
    pub file_name: String,
    pub media_type: String,
    pub bytes_len: i64,
    pub sha256: String,
    pub extracted_text: Option<String>,
    pub uploaded_by: Option<Uuid>,
    pub uploaded_at: DateTime<Utc>,
}

impl From<ResumeDocumentRow> for crate::records::ResumeDocument {
    fn from(r: ResumeDocumentRow) -> Self {
        Self {
            id: r.id,
            candidate_id: r.candidate_id.into(),
            file_name: r.file_name,
            media_type: r.media_type,
            bytes_len: r.bytes_len,
            sha256: r.sha256,
            extracted_text: r.extracted_text,
            uploaded_by: r.uploaded_by.map(Into::into),
            uploaded_at: r.uploaded_at,
        }
    }
}
