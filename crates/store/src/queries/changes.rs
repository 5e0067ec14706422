//! The talent pool's change feed (issue #5, migration 0012): what the servers' in-memory indexes
//! poll to follow writes made elsewhere (another server, the CLI), and the batch reads they
//! re-index from. `pool_changes` is written by triggers, never by these queries.

/// Ids per `IN (…)` list: far below SQLite's and PostgreSQL's bind-parameter limits.
pub(crate) const IN_CHUNK: usize = 500;

/// `$first, $first+1, …` for `n` values.
pub(crate) fn placeholders(first: usize, n: usize) -> String {
    (first..first + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The newest document of each candidate: no later id (ids are time-ordered v7 uuids, which
/// compare the same as bytes on SQLite and as uuids on PostgreSQL).
pub(crate) const NEWEST_RESUME: &str = "NOT EXISTS (SELECT 1 FROM resume_documents n \
     WHERE n.candidate_id = r.candidate_id AND n.id > r.id)";

#[derive(sqlx::FromRow)]
pub(crate) struct PoolChangeRow {
    pub id: i64,
    pub candidate_id: uuid::Uuid,
}

#[derive(sqlx::FromRow)]
pub(crate) struct ResumeTextRow {
    pub candidate_id: uuid::Uuid,
    pub extracted_text: String,
}

macro_rules! changes {
    ($db:ty) => {
        impl Queries {
            pub async fn latest_pool_change(&self) -> Result<i64> {
                let id = sqlx::query_scalar::<$db, Option<i64>>("SELECT MAX(id) FROM pool_changes")
                    .fetch_one(&self.pool)
                    .await?;
                Ok(id.unwrap_or(0))
            }

            pub async fn pool_changes_after(
                &self,
                after: i64,
                limit: i64,
            ) -> Result<Vec<crate::pool_changes::PoolChange>> {
                let rows = sqlx::query_as::<$db, crate::queries::changes::PoolChangeRow>(
                    "SELECT id, candidate_id FROM pool_changes WHERE id > $1 ORDER BY id LIMIT $2",
                )
                .bind(after)
                .bind(limit)
                .fetch_all(&self.pool)
                .await?;
                Ok(rows
                    .into_iter()
                    .map(|r| crate::pool_changes::PoolChange {
                        id: r.id,
                        candidate_id: r.candidate_id.into(),
                    })
                    .collect())
            }

            pub async fn prune_pool_changes(&self, before: DateTime<Utc>) -> Result<u64> {
                let done = sqlx::query::<$db>("DELETE FROM pool_changes WHERE at < $1")
                    .bind(before)
                    .execute(&self.pool)
                    .await?;
                Ok(done.rows_affected())
            }

            pub async fn candidates_by_ids(&self, ids: &[CandidateId]) -> Result<Vec<Candidate>> {
                use crate::queries::changes::{placeholders, IN_CHUNK};
                let mut out = Vec::with_capacity(ids.len());
                for chunk in ids.chunks(IN_CHUNK) {
                    let sql = format!(
                        "SELECT {CANDIDATE_COLUMNS} FROM candidates WHERE id IN ({}) ORDER BY id",
                        placeholders(1, chunk.len())
                    );
                    let mut query = sqlx::query_as::<$db, CandidateRow>(&sql);
                    for id in chunk {
                        query = query.bind(id.as_uuid());
                    }
                    for row in query.fetch_all(&self.pool).await? {
                        out.push(row.into_candidate()?);
                    }
                }
                Ok(out)
            }

            pub async fn newest_resume_texts(
                &self,
                ids: &[CandidateId],
            ) -> Result<Vec<(CandidateId, String)>> {
                use crate::queries::changes::{placeholders, ResumeTextRow, IN_CHUNK, NEWEST_RESUME};
                let mut out = Vec::new();
                for chunk in ids.chunks(IN_CHUNK) {
                    let sql = format!(
                        "SELECT r.candidate_id, r.extracted_text FROM resume_documents r \
                         WHERE r.candidate_id IN ({}) AND {NEWEST_RESUME} ORDER BY r.candidate_id",
                        placeholders(1, chunk.len())
                    );
                    let mut query = sqlx::query_as::<$db, ResumeTextRow>(&sql);
                    for id in chunk {
                        query = query.bind(id.as_uuid());
                    }
                    let rows = query.fetch_all(&self.pool).await?;
                    out.extend(rows.into_iter().map(|r| (r.candidate_id.into(), r.extracted_text)));
                }
                Ok(out)
            }

            pub async fn resume_texts_after(
                &self,
                after: Option<CandidateId>,
                limit: i64,
            ) -> Result<Vec<(CandidateId, String)>> {
                use crate::queries::changes::{ResumeTextRow, NEWEST_RESUME};
                let sql = format!(
                    "SELECT r.candidate_id, r.extracted_text FROM resume_documents r \
                     WHERE ($1 IS NULL OR r.candidate_id > $1) AND {NEWEST_RESUME} \
                     ORDER BY r.candidate_id LIMIT $2"
                );
                let rows = sqlx::query_as::<$db, ResumeTextRow>(&sql)
                    .bind(after.map(|c| c.as_uuid()))
                    .bind(limit)
                    .fetch_all(&self.pool)
                    .await?;
                Ok(rows.into_iter().map(|r| (r.candidate_id.into(), r.extracted_text)).collect())
            }
        }
    };
}

pub(crate) use changes;
