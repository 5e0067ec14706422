//! Resume documents (issue #5): a candidate's resume files as extracted text. Re-uploading the same
//! file (same SHA-256) for the same candidate returns the stored document and writes nothing.

pub(crate) const RESUME_COLUMNS: &str = "id, candidate_id, file_name, media_type, bytes_len, \
     sha256, extracted_text, uploaded_by, uploaded_at";
/// The list leaves the text out: it can be long and lists do not show it.
pub(crate) const RESUME_LIST_COLUMNS: &str = "id, candidate_id, file_name, media_type, bytes_len, \
     sha256, NULL AS extracted_text, uploaded_by, uploaded_at";

macro_rules! resumes {
    ($db:ty) => {
        impl Queries {
            /// Stores the document, or returns the one already stored for the same candidate
            /// and file hash; the flag says whether it is new. No such candidate is `NotFound`.
            pub async fn add_resume_document(
                &self,
                new: &crate::records::NewResumeDocument,
            ) -> Result<(crate::records::ResumeDocument, bool)> {
                use crate::queries::resumes::RESUME_COLUMNS;
                let mut tx = self.begin().await?;
                if !exists(&mut tx, "candidates", new.candidate_id.as_uuid()).await? {
                    return Err(StoreError::NotFound("candidate"));
                }
                let sql = format!(
                    "INSERT INTO resume_documents ({RESUME_COLUMNS}) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
                     ON CONFLICT (candidate_id, sha256) DO NOTHING RETURNING {RESUME_COLUMNS}"
                );
                let inserted = sqlx::query_as::<$db, ResumeDocumentRow>(&sql)
                    .bind(new_id())
                    .bind(new.candidate_id.as_uuid())
                    .bind(&new.file_name)
                    .bind(&new.media_type)
                    .bind(new.bytes_len)
                    .bind(&new.sha256)
                    .bind(&new.extracted_text)
                    .bind(new.uploaded_by.map(|u| u.as_uuid()))
                    .bind(now())
                    .fetch_optional(&mut *tx)
                    .await?;
                let outcome = match inserted {
                    Some(row) => (row.into(), true),
                    None => {
                        let sql = format!(
                            "SELECT {RESUME_COLUMNS} FROM resume_documents \
                             WHERE candidate_id = $1 AND sha256 = $2"
                        );
                        let row = sqlx::query_as::<$db, ResumeDocumentRow>(&sql)
                            .bind(new.candidate_id.as_uuid())
                            .bind(&new.sha256)
                            .fetch_one(&mut *tx)
                            .await?;
                        (row.into(), false)
                    }
                };
                tx.commit().await?;
                Ok(outcome)
            }

            /// The candidate's documents without their text, newest first.
            pub async fn resume_documents(
                &self,
                candidate: CandidateId,
            ) -> Result<Vec<crate::records::ResumeDocument>> {
                use crate::queries::resumes::RESUME_LIST_COLUMNS;
                let sql = format!(
                    "SELECT {RESUME_LIST_COLUMNS} FROM resume_documents \
                     WHERE candidate_id = $1 ORDER BY id DESC"
                );
                let rows = sqlx::query_as::<$db, ResumeDocumentRow>(&sql)
                    .bind(candidate.as_uuid())
                    .fetch_all(&self.pool)
                    .await?;
                Ok(rows.into_iter().map(Into::into).collect())
            }

            /// One document with its text, if it belongs to that candidate.
            pub async fn resume_document(
                &self,
                candidate: CandidateId,
                id: Uuid,
            ) -> Result<Option<crate::records::ResumeDocument>> {
                use crate::queries::resumes::RESUME_COLUMNS;
                let sql = format!(
                    "SELECT {RESUME_COLUMNS} FROM resume_documents \
                     WHERE candidate_id = $1 AND id = $2"
                );
                let row = sqlx::query_as::<$db, ResumeDocumentRow>(&sql)
                    .bind(candidate.as_uuid())
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await?;
                Ok(row.map(Into::into))
            }
        }
    };
}

pub(crate) use resumes;
