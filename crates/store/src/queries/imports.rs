//! Batched candidate imports (issue #5): one lookup of the batch's emails (and one of the phone
//! numbers of its new emails) and one transaction with multi-row INSERTs, so an import writes
//! thousands of records per commit instead of one.

/// Rows per multi-row INSERT: 32 parameters a row stays under SQLite's 32,766 bound parameters.
pub(crate) const INSERT_ROWS: usize = 1000;

/// Emails per `IN (…)` lookup.
pub(crate) const LOOKUP_EMAILS: usize = 1000;

/// The placeholder of parameter `n` (from 1). SQLite looks a numbered parameter up by walking
/// every parameter name, so binding thousands of `$n` costs quadratic time there (1.4 s for one
/// 1,000-row INSERT); its anonymous `?` binds by position. PostgreSQL only knows `$n`.
fn placeholder(sql: &mut String, numbered: bool, n: usize) {
    if numbered {
        sql.push('$');
        sql.push_str(&n.to_string());
    } else {
        sql.push('?');
    }
}

/// `($1, $2, …), ($25, …)`: `rows` groups of `per_row` parameters.
pub(crate) fn values_params(numbered: bool, rows: usize, per_row: usize) -> String {
    let mut sql = String::with_capacity(rows * per_row * 6);
    for r in 0..rows {
        if r > 0 {
            sql.push_str(", ");
        }
        sql.push('(');
        for c in 0..per_row {
            if c > 0 {
                sql.push_str(", ");
            }
            placeholder(&mut sql, numbered, r * per_row + c + 1);
        }
        sql.push(')');
    }
    sql
}

/// `$1, $2, …, $n`.
pub(crate) fn list_params(numbered: bool, n: usize) -> String {
    let mut sql = String::with_capacity(n * 6);
    for i in 1..=n {
        if i > 1 {
            sql.push_str(", ");
        }
        placeholder(&mut sql, numbered, i);
    }
    sql
}

/// Whether the backend named `name` (`sqlx::Database::NAME`) takes `$n` placeholders.
pub(crate) fn numbered(name: &str) -> bool {
    name != "SQLite"
}

macro_rules! imports {
    ($db:ty) => {
        impl Queries {
            /// Stores a batch of imported candidates in one transaction: a new email is inserted,
            /// a known one is updated when the record differs (keeping what the record leaves
            /// unstated) and left alone when not. A new email whose phone number matches exactly
            /// one stored candidate is that candidate (its email kept), with a note saying so;
            /// several matches insert it as new, with a warning. Emails and phone numbers must be
            /// distinct within the batch. The
            /// lookup runs inside the transaction, so on SQLite no other writer can slip in
            /// between; on PostgreSQL a concurrent insert of the same email fails the batch
            /// with a `Conflict` and nothing of it is kept.
            pub async fn import_candidates(
                &self,
                batch: Vec<NewCandidate>,
            ) -> Result<Vec<hireloop_core::import::StoredRecord>> {
                use hireloop_core::import::{candidate_differs, Outcome, StoredRecord};
                use std::collections::{HashMap, HashSet};
                let mut tx = self.begin().await?;
                let numbered = crate::queries::imports::numbered(<$db as sqlx::Database>::NAME);
                let mut existing: HashMap<String, Candidate> = HashMap::new();
                for chunk in batch.chunks(crate::queries::imports::LOOKUP_EMAILS) {
                    let sql = format!(
                        "SELECT {CANDIDATE_COLUMNS} FROM candidates WHERE email IN ({})",
                        crate::queries::imports::list_params(numbered, chunk.len())
                    );
                    let mut query = sqlx::query_as::<$db, CandidateRow>(&sql);
                    for new in chunk {
                        query = query.bind(new.email.as_str());
                    }
                    for row in query.fetch_all(&mut *tx).await? {
                        let candidate = row.into_candidate()?;
                        existing.insert(candidate.email.as_str().to_string(), candidate);
                    }
                }
                // The phone numbers of the records whose email is new, looked up at once.
                let keys: Vec<&str> = batch
                    .iter()
                    .filter(|new| !existing.contains_key(new.email.as_str()))
                    .filter_map(|new| new.profile.phone.as_ref().map(|p| p.key()))
                    .collect();
                let mut by_phone: HashMap<String, Vec<Candidate>> = HashMap::new();
                for chunk in keys.chunks(crate::queries::imports::LOOKUP_EMAILS) {
                    let sql = format!(
                        "SELECT {CANDIDATE_COLUMNS} FROM candidates WHERE phone_key IN ({}) ORDER BY id",
                        crate::queries::imports::list_params(numbered, chunk.len())
                    );
                    let mut query = sqlx::query_as::<$db, CandidateRow>(&sql);
                    for key in chunk {
                        query = query.bind(*key);
                    }
                    for row in query.fetch_all(&mut *tx).await? {
                        let candidate = row.into_candidate()?;
                        if let Some(key) = candidate.profile.phone.as_ref().map(|p| p.key().to_string()) {
                            by_phone.entry(key).or_default().push(candidate);
                        }
                    }
                }
                // What each record became, in batch order; `None` for a new candidate, filled in
                // order from the INSERTs below.
                let at = now();
                let mut slots: Vec<Result<StoredRecord, Option<String>>> = Vec::with_capacity(batch.len());
                let mut inserts: Vec<(Uuid, NewCandidate)> = Vec::new();
                // A stored candidate takes at most one record of a batch.
                let mut claimed: HashSet<CandidateId> = existing.values().map(|c| c.id).collect();
                for mut new in batch {
                    let mut note = None;
                    let old = match existing.remove(new.email.as_str()) {
                        Some(old) => Some(old),
                        None => {
                            let key = new.profile.phone.as_ref().map(|p| p.key().to_string());
                            let matches = key.as_ref().and_then(|k| by_phone.get(k)).map_or(&[][..], |m| &m[..]);
                            match matches {
                                [] => None,
                                [one] if claimed.insert(one.id) => {
                                    note = Some(format!(
                                        "matched by phone {} to {}; their email is kept",
                                        new.profile.phone.as_ref().map_or("", |p| p.as_str()),
                                        one.email
                                    ));
                                    // The stored candidate's email stays their identity; a merge
                                    // of two contacts is a person's decision.
                                    new.email = one.email.clone();
                                    Some(one.clone())
                                }
                                [_] => {
                                    note = Some("the phone number matches a candidate another record of this import updated; imported as new".into());
                                    None
                                }
                                several => {
                                    note = Some(format!(
                                        "warning: the phone number matches {} candidates; imported as new, check for duplicates",
                                        several.len()
                                    ));
                                    None
                                }
                            }
                        }
                    };
                    match old {
                        None => {
                            slots.push(Err(note));
                            inserts.push((new_id(), new));
                        }
                        Some(old) => {
                            // A file that states no time zone or level must not erase what a
                            // recruiter entered; vetting is never touched by an import.
                            new.keep_unstated_from(&old);
                            let (outcome, candidate) = if candidate_differs(&old, &new) {
                                (Outcome::Updated, update_candidate_in(&mut tx, old.id, &new, at).await?)
                            } else {
                                (Outcome::Unchanged, old)
                            };
                            slots.push(Ok(StoredRecord { outcome, candidate, note }));
                        }
                    }
                }
                let mut inserted: Vec<Candidate> = Vec::with_capacity(inserts.len());
                let mut rest = inserts;
                while !rest.is_empty() {
                    let tail = rest.split_off(rest.len().min(crate::queries::imports::INSERT_ROWS));
                    inserted.extend(insert_candidates_in(&mut tx, rest, at).await?);
                    rest = tail;
                }
                tx.commit().await?;
                let mut inserted = inserted.into_iter();
                let mut out = Vec::with_capacity(slots.len());
                for slot in slots {
                    match slot {
                        Ok(done) => out.push(done),
                        Err(note) => match inserted.next() {
                            Some(candidate) => out.push(StoredRecord { outcome: Outcome::Imported, candidate, note }),
                            None => return Err(StoreError::Corrupt("an imported candidate went missing".into())),
                        },
                    }
                }
                Ok(out)
            }
        }

        /// One multi-row INSERT of `rows` (id chosen by the caller). The stored candidates are
        /// built from what was written rather than read back: RETURNING a thousand rows made
        /// sqlx copy every value and cost more than the INSERT. Every column is written
        /// explicitly (vetting status included) so the two cannot differ.
        async fn insert_candidates_in(
            conn: &mut Conn,
            rows: Vec<(Uuid, NewCandidate)>,
            at: DateTime<Utc>,
        ) -> Result<Vec<Candidate>> {
            use hireloop_core::candidate_profile::VettingStatus;
            let per_row = 12 + crate::rows::PROFILE_COLUMNS.len();
            let sql = format!(
                "INSERT INTO candidates (id, name, email, location, region, skills, rate_amount, rate_currency, \
                 rate_period, created_at, updated_at, vetting_status, {}) VALUES {}",
                crate::rows::PROFILE_COLUMNS.join(", "),
                crate::queries::imports::values_params(
                    crate::queries::imports::numbered(<$db as sqlx::Database>::NAME),
                    rows.len(),
                    per_row,
                )
            );
            // Encoded first: the query borrows them until it runs.
            let encoded = rows
                .iter()
                .map(|(_, new)| Ok((ProfileValues::of(&new.profile)?, skills_json(&new.skills)?)))
                .collect::<Result<Vec<_>>>()?;
            let mut query = sqlx::query::<$db>(&sql);
            for ((id, new), (profile, skills)) in rows.iter().zip(&encoded) {
                let rate = new.expected_rate.as_ref();
                query = query
                    .bind(*id)
                    .bind(new.name.as_str())
                    .bind(new.email.as_str())
                    .bind(new.location.as_ref().map(|l| l.as_str()))
                    .bind(new.region.map(|r| r.as_str()))
                    .bind(skills.as_str())
                    .bind(rate.map(|r| r.amount))
                    .bind(rate.map(|r| r.currency.as_str()))
                    .bind(rate.map(|r| r.period.as_str()))
                    .bind(at)
                    .bind(at)
                    .bind(VettingStatus::Unvetted.as_str());
                query = crate::queries::candidates::bind_profile!(query, profile);
            }
            query.execute(&mut *conn).await.map_err(|e| {
                if is_unique_violation(&e) {
                    StoreError::conflict("email", "a candidate with one of these emails was stored meanwhile")
                } else {
                    StoreError::from(e)
                }
            })?;
            Ok(rows
                .into_iter()
                .map(|(id, new)| Candidate {
                    id: id.into(),
                    name: new.name,
                    email: new.email,
                    location: new.location,
                    region: new.region,
                    skills: new.skills,
                    expected_rate: new.expected_rate,
                    profile: new.profile,
                    vetting_status: VettingStatus::Unvetted,
                    created_at: at,
                    updated_at: at,
                })
                .collect())
        }

        /// Replaces a candidate's fields inside the import's transaction.
        async fn update_candidate_in(
            conn: &mut Conn,
            id: CandidateId,
            new: &NewCandidate,
            at: DateTime<Utc>,
        ) -> Result<Candidate> {
            let sql = format!(
                "UPDATE candidates SET name = $1, email = $2, location = $3, region = $4, skills = $5, \
                 rate_amount = $6, rate_currency = $7, rate_period = $8, updated_at = $9, {} WHERE id = $10 \
                 RETURNING {CANDIDATE_COLUMNS}",
                crate::queries::candidates::profile_assignments(11)
            );
            let rate = new.expected_rate.as_ref();
            let profile = ProfileValues::of(&new.profile)?;
            let query = sqlx::query_as::<$db, CandidateRow>(&sql)
                .bind(new.name.as_str())
                .bind(new.email.as_str())
                .bind(new.location.as_ref().map(|l| l.as_str()))
                .bind(new.region.map(|r| r.as_str()))
                .bind(skills_json(&new.skills)?)
                .bind(rate.map(|r| r.amount))
                .bind(rate.map(|r| r.currency.as_str()))
                .bind(rate.map(|r| r.period.as_str()))
                .bind(at)
                .bind(id.as_uuid());
            crate::queries::candidates::bind_profile!(query, profile)
                .fetch_optional(&mut *conn)
                .await?
                .ok_or(StoreError::NotFound("candidate"))?
                .into_candidate()
        }
    };
}

pub(crate) use imports;
