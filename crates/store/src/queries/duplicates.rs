//! Duplicate candidates and their merges (issue #5, migration 0011). The lookups narrow by the
//! indexed keys the database computes (`email_key`, `phone_key`, `city_key`); names are compared by
//! the caller with the core rule, which SQL cannot fold. The merge moves everything the duplicate
//! owns to the survivor, records it in the append-only `candidate_merges`, and deletes the
//! duplicate, in one transaction.

use chrono::{DateTime, Utc};
use uuid::Uuid;

/// `$first, $first+1, …` for `n` values.
pub(crate) fn placeholders(first: usize, n: usize) -> String {
    (first..first + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A candidate's id and name, for comparing names in Rust.
#[derive(sqlx::FromRow)]
pub(crate) struct NameRow {
    pub id: Uuid,
    pub name: String,
    pub city_key: Option<String>,
}

#[derive(sqlx::FromRow)]
pub(crate) struct MergeRow {
    pub id: Uuid,
    pub survivor_id: Uuid,
    pub merged_id: Uuid,
    pub merged_snapshot: String,
    pub moved: String,
    pub actor_id: Option<Uuid>,
    pub actor_name: Option<String>,
    pub note: Option<String>,
    pub at: DateTime<Utc>,
}

impl MergeRow {
    pub fn into_merge(self) -> crate::Result<hireloop_core::candidate_merge::CandidateMerge> {
        use crate::error::stored;
        use hireloop_core::text::{PersonName, Reason};
        let merged: serde_json::Value = stored(
            "merged candidate",
            serde_json::from_str(&self.merged_snapshot).map_err(|e| e.to_string()),
        )?;
        let name = merged.get("name").and_then(|n| n.as_str()).unwrap_or("");
        Ok(hireloop_core::candidate_merge::CandidateMerge {
            id: self.id,
            survivor_id: self.survivor_id.into(),
            merged_id: self.merged_id.into(),
            merged_name: stored("merged candidate name", PersonName::parse(name))?,
            moved: stored(
                "merge counts",
                serde_json::from_str(&self.moved).map_err(|e| e.to_string()),
            )?,
            merged,
            actor_id: self.actor_id.map(Into::into),
            actor_name: self
                .actor_name
                .map(|n| stored("actor name", PersonName::parse(&n)))
                .transpose()?,
            note: self
                .note
                .map(|n| stored("merge note", Reason::parse(&n)))
                .transpose()?,
            at: self.at,
        })
    }
}

pub(crate) const MERGE_SELECT: &str =
    "SELECT m.id, m.survivor_id, m.merged_id, m.merged_snapshot, \
     m.moved, m.actor_id, u.name AS actor_name, m.note, m.at FROM candidate_merges m \
     LEFT JOIN users u ON u.id = m.actor_id";

macro_rules! duplicates {
    ($db:ty) => {
        impl Queries {
            /// One candidate, whoever may see them.
            pub async fn candidate_any(&self, id: CandidateId) -> Result<Option<Candidate>> {
                fetch_candidate(&mut *self.pool.acquire().await?, id.as_uuid()).await
            }

            /// Candidates sharing the email key or the phone key of `id`, and those in its city
            /// (by `city_key`) with their names, for the caller to compare names.
            pub async fn duplicate_lookup(
                &self,
                id: CandidateId,
            ) -> Result<(Vec<Uuid>, Vec<crate::queries::duplicates::NameRow>)> {
                let by_key = sqlx::query_scalar::<$db, Uuid>(
                    "SELECT id FROM candidates WHERE id <> $1 AND email_key = \
                     (SELECT email_key FROM candidates WHERE id = $1) \
                     UNION SELECT id FROM candidates WHERE id <> $1 AND phone_key = \
                     (SELECT phone_key FROM candidates WHERE id = $1)",
                )
                .bind(id.as_uuid())
                .fetch_all(&self.pool)
                .await?;
                let same_city = sqlx::query_as::<$db, crate::queries::duplicates::NameRow>(
                    "SELECT id, name, city_key FROM candidates WHERE id <> $1 AND city_key = \
                     (SELECT city_key FROM candidates WHERE id = $1)",
                )
                .bind(id.as_uuid())
                .fetch_all(&self.pool)
                .await?;
                Ok((by_key, same_city))
            }

            /// The candidates with these ids, oldest first.
            pub async fn candidates_with_ids(&self, ids: &[Uuid]) -> Result<Vec<Candidate>> {
                let mut all = Vec::with_capacity(ids.len());
                for chunk in ids.chunks(500) {
                    let sql = format!(
                        "SELECT {CANDIDATE_COLUMNS} FROM candidates WHERE id IN ({}) ORDER BY id",
                        crate::queries::duplicates::placeholders(1, chunk.len())
                    );
                    let mut query = sqlx::query_as::<$db, CandidateRow>(&sql);
                    for id in chunk {
                        query = query.bind(*id);
                    }
                    for row in query.fetch_all(&self.pool).await? {
                        all.push(row.into_candidate()?);
                    }
                }
                all.sort_by_key(|c: &Candidate| c.id);
                Ok(all)
            }

            /// Up to `limit` keys (`email_key` or `phone_key`) above `after` shared by two or more
            /// candidates, in key order, each with its candidates' ids (oldest first).
            pub async fn shared_keys(
                &self,
                column: &'static str,
                after: Option<&str>,
                limit: i64,
            ) -> Result<Vec<(String, Vec<Uuid>)>> {
                let sql = format!(
                    "SELECT {column} FROM candidates WHERE {column} IS NOT NULL \
                     AND ($1 IS NULL OR {column} > $1) GROUP BY {column} HAVING COUNT(*) > 1 \
                     ORDER BY {column} LIMIT $2"
                );
                let keys = sqlx::query_scalar::<$db, String>(&sql)
                    .bind(after)
                    .bind(limit)
                    .fetch_all(&self.pool)
                    .await?;
                let members = format!("SELECT id FROM candidates WHERE {column} = $1 ORDER BY id");
                let mut groups = Vec::with_capacity(keys.len());
                for key in keys {
                    let ids = sqlx::query_scalar::<$db, Uuid>(&members)
                        .bind(&key)
                        .fetch_all(&self.pool)
                        .await?;
                    groups.push((key, ids));
                }
                Ok(groups)
            }

            /// Ids and names of the candidates of up to `cities` cities from `from` on (inclusive)
            /// that have two or more candidates, in city order, then id order.
            pub async fn names_by_city(
                &self,
                from: Option<&str>,
                cities: i64,
            ) -> Result<Vec<crate::queries::duplicates::NameRow>> {
                Ok(sqlx::query_as::<$db, crate::queries::duplicates::NameRow>(
                    "SELECT id, name, city_key FROM candidates WHERE city_key IN \
                     (SELECT city_key FROM candidates WHERE city_key IS NOT NULL \
                      AND ($1 IS NULL OR city_key >= $1) GROUP BY city_key HAVING COUNT(*) > 1 \
                      ORDER BY city_key LIMIT $2) ORDER BY city_key, id",
                )
                .bind(from)
                .bind(cities)
                .fetch_all(&self.pool)
                .await?)
            }

            /// The merges into a candidate, oldest first.
            pub async fn candidate_merges(
                &self,
                survivor: CandidateId,
            ) -> Result<Vec<hireloop_core::candidate_merge::CandidateMerge>> {
                let sql = format!(
                    "{} WHERE m.survivor_id = $1 ORDER BY m.id",
                    crate::queries::duplicates::MERGE_SELECT
                );
                let rows = sqlx::query_as::<$db, crate::queries::duplicates::MergeRow>(&sql)
                    .bind(survivor.as_uuid())
                    .fetch_all(&self.pool)
                    .await?;
                rows.into_iter().map(|r| r.into_merge()).collect()
            }

            /// Merges `duplicate` into `survivor` in one transaction (see `Store::merge_candidates`).
            pub async fn merge_candidates(
                &self,
                survivor: CandidateId,
                duplicate: CandidateId,
                actor: Option<UserId>,
                note: Option<&hireloop_core::text::Reason>,
                today: chrono::NaiveDate,
            ) -> Result<(Candidate, Uuid)> {
                use hireloop_core::candidate_merge::{merged_candidate, MergeCounts};
                let (s, d) = (survivor.as_uuid(), duplicate.as_uuid());
                let mut tx = self.begin().await?;
                // Locks both rows on PostgreSQL (SQLite's write lock is already held), so
                // neither changes between the reads below and the writes; lower id first, so two
                // merges of the same pair cannot deadlock.
                for id in [s.min(d), s.max(d)] {
                    sqlx::query("UPDATE candidates SET updated_at = updated_at WHERE id = $1")
                        .bind(id)
                        .execute(&mut *tx)
                        .await?;
                }
                let kept = fetch_candidate(&mut *tx, s)
                    .await?
                    .ok_or(StoreError::NotFound("candidate"))?;
                let gone = fetch_candidate(&mut *tx, d).await?.ok_or_else(|| {
                    StoreError::invalid(
                        "duplicate_id",
                        format!("no candidate {duplicate} (already merged or removed?)"),
                    )
                })?;
                let shared: Vec<String> = sqlx::query_scalar::<$db, String>(
                    "SELECT r.title FROM applications a JOIN applications b ON b.role_id = a.role_id \
                     JOIN roles r ON r.id = a.role_id WHERE a.candidate_id = $1 AND b.candidate_id = $2 \
                     ORDER BY r.title",
                )
                .bind(s)
                .bind(d)
                .fetch_all(&mut *tx)
                .await?;
                if !shared.is_empty() {
                    let roles: Vec<String> = shared.iter().map(|t| format!("'{t}'")).collect();
                    return Err(StoreError::conflict(
                        "duplicate_id",
                        format!(
                            "both candidates have an application for {}: one person cannot hold two \
                             applications for one role, so nothing was merged; close out one of them \
                             in its own pipeline and ask an admin to remove it first",
                            roles.join(", ")
                        ),
                    ));
                }
                let merged = merged_candidate(&kept, &gone, today).map_err(StoreError::Invalid)?;
                let snapshot = serde_json::to_string(&gone)
                    .map_err(|e| StoreError::Corrupt(format!("merged candidate: {e}")))?;
                let moved_by = |sql: &'static str| {
                    sqlx::query(sql).bind(s).bind(d)
                };
                let mut moved = MergeCounts::default();
                moved.applications = moved_by(
                    "UPDATE applications SET candidate_id = $1 WHERE candidate_id = $2",
                )
                .execute(&mut *tx)
                .await?
                .rows_affected() as i64;
                // A file the survivor already has is the same document: its copy goes with the
                // duplicate (UNIQUE candidate_id, sha256).
                moved.resume_documents = moved_by(
                    "UPDATE resume_documents SET candidate_id = $1 WHERE candidate_id = $2 \
                     AND sha256 NOT IN (SELECT sha256 FROM resume_documents WHERE candidate_id = $1)",
                )
                .execute(&mut *tx)
                .await?
                .rows_affected() as i64;
                moved.resume_documents_already_present = sqlx::query_scalar::<$db, i64>(
                    "SELECT COUNT(*) FROM resume_documents WHERE candidate_id = $1",
                )
                .bind(d)
                .fetch_one(&mut *tx)
                .await?;
                moved.vetting_events = moved_by(
                    "UPDATE candidate_vetting_events SET candidate_id = $1 WHERE candidate_id = $2",
                )
                .execute(&mut *tx)
                .await?
                .rows_affected() as i64;
                moved.merges = moved_by(
                    "UPDATE candidate_merges SET survivor_id = $1 WHERE survivor_id = $2",
                )
                .execute(&mut *tx)
                .await?
                .rows_affected() as i64;
                let at = now();
                let candidate = update_candidate_in(&mut *tx, survivor, &merged, at).await?;
                let moved_json = serde_json::to_string(&moved)
                    .map_err(|e| StoreError::Corrupt(format!("merge counts: {e}")))?;
                let merge_id = new_id();
                // The history is append-only (triggers, migration 0011): this INSERT writes it.
                sqlx::query(
                    "INSERT INTO candidate_merges (id, survivor_id, merged_id, merged_snapshot, moved, \
                     actor_id, note, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                )
                .bind(merge_id)
                .bind(s)
                .bind(d)
                .bind(snapshot)
                .bind(moved_json)
                .bind(actor.map(|a| a.as_uuid()))
                .bind(note.map(|n| n.as_str()))
                .bind(at)
                .execute(&mut *tx)
                .await?;
                sqlx::query("DELETE FROM candidates WHERE id = $1")
                    .bind(d)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok((candidate, merge_id))
            }

            /// One merge record.
            pub async fn candidate_merge(
                &self,
                id: Uuid,
            ) -> Result<Option<hireloop_core::candidate_merge::CandidateMerge>> {
                let sql = format!("{} WHERE m.id = $1", crate::queries::duplicates::MERGE_SELECT);
                sqlx::query_as::<$db, crate::queries::duplicates::MergeRow>(&sql)
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await?
                    .map(|r| r.into_merge())
                    .transpose()
            }
        }

        async fn fetch_candidate(conn: &mut Conn, id: Uuid) -> Result<Option<Candidate>> {
            let sql = format!("SELECT {CANDIDATE_COLUMNS} FROM candidates WHERE id = $1");
            sqlx::query_as::<$db, CandidateRow>(&sql)
                .bind(id)
                .fetch_optional(&mut *conn)
                .await?
                .map(CandidateRow::into_candidate)
                .transpose()
        }
    };
}

pub(crate) use duplicates;
