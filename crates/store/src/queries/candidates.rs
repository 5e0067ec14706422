//! The extended candidate profile (issue #5): binding its columns for the candidate inserts and
//! updates in `pipeline.rs`, and the vetting status with its append-only history.

/// Binds a `ProfileValues` in `PROFILE_COLUMNS` order onto a query.
macro_rules! bind_profile {
    ($query:expr, $v:expr) => {
        $query
            .bind($v.timezone.as_deref())
            .bind($v.links.as_str())
            .bind($v.skill_details.as_str())
            .bind($v.primary_language.as_deref())
            .bind($v.stated_level)
            .bind($v.available_from)
            .bind($v.hours_per_week)
            .bind($v.engagement.as_str())
            .bind($v.work_authorization.as_str())
            .bind($v.industries.as_str())
            .bind($v.consent_until)
            .bind($v.source_channel)
            .bind($v.tags.as_str())
            .bind($v.phone.as_deref())
            .bind($v.phone_key.as_deref())
            .bind($v.country.as_deref())
            .bind($v.city.as_deref())
            .bind($v.experience_years)
            .bind($v.work_modes.as_str())
            .bind($v.open_to_relocation)
    };
}

pub(crate) use bind_profile;

/// `$first, $first+1, …` for the profile columns, for an INSERT's VALUES.
pub(crate) fn profile_params(first: usize) -> String {
    (first..first + crate::rows::PROFILE_COLUMNS.len())
        .map(|n| format!("${n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `timezone = $first, links = $first+1, …` for an UPDATE's SET.
pub(crate) fn profile_assignments(first: usize) -> String {
    crate::rows::PROFILE_COLUMNS
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{c} = ${}", first + i))
        .collect::<Vec<_>>()
        .join(", ")
}

macro_rules! candidates {
    ($db:ty) => {
        impl Queries {
            /// Moves a candidate's vetting status and records who, when and why, in one
            /// transaction. The move is checked against the status read inside the transaction
            /// and applied only if it is still that status, so two reviewers cannot both move
            /// the same candidate from the same status.
            pub async fn set_vetting(
                &self,
                candidate: CandidateId,
                to: hireloop_core::candidate_profile::VettingStatus,
                actor: Option<UserId>,
                note: Option<&hireloop_core::text::Reason>,
            ) -> Result<Candidate> {
                use hireloop_core::candidate_profile::{check_vetting_move, VettingStatus};
                let mut tx = self.begin().await?;
                let current: Option<String> =
                    sqlx::query_scalar::<$db, String>("SELECT vetting_status FROM candidates WHERE id = $1")
                        .bind(candidate.as_uuid())
                        .fetch_optional(&mut *tx)
                        .await?;
                let Some(current) = current else {
                    return Err(StoreError::NotFound("candidate"));
                };
                let from: VettingStatus = crate::error::stored("vetting status", current.parse())?;
                check_vetting_move(from, to, note).map_err(|m| StoreError::conflict("status", m))?;
                let at = now();
                let sql = format!(
                    "UPDATE candidates SET vetting_status = $1, updated_at = $2 WHERE id = $3 \
                     AND vetting_status = $4 RETURNING {CANDIDATE_COLUMNS}"
                );
                let row = sqlx::query_as::<$db, CandidateRow>(&sql)
                    .bind(to.as_str())
                    .bind(at)
                    .bind(candidate.as_uuid())
                    .bind(from.as_str())
                    .fetch_optional(&mut *tx)
                    .await?
                    .ok_or_else(|| {
                        StoreError::conflict("status", "the vetting status changed meanwhile; reload and try again")
                    })?;
                // The history is append-only: this INSERT is the only statement that writes it.
                sqlx::query(
                    "INSERT INTO candidate_vetting_events (id, candidate_id, from_status, to_status, actor_id, \
                     note, at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(new_id())
                .bind(candidate.as_uuid())
                .bind(from.as_str())
                .bind(to.as_str())
                .bind(actor.map(|a| a.as_uuid()))
                .bind(note.map(|n| n.as_str()))
                .bind(at)
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                row.into_candidate()
            }

            /// The candidate's vetting changes, oldest first (ids are time-ordered v7).
            pub async fn vetting_history(
                &self,
                candidate: CandidateId,
            ) -> Result<Vec<hireloop_core::candidate_profile::VettingEvent>> {
                let rows = sqlx::query_as::<$db, VettingEventRow>(
                    "SELECT e.candidate_id, e.from_status, e.to_status, e.actor_id, u.name AS actor_name, \
                     e.note, e.at FROM candidate_vetting_events e LEFT JOIN users u ON u.id = e.actor_id \
                     WHERE e.candidate_id = $1 ORDER BY e.id",
                )
                .bind(candidate.as_uuid())
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter().map(VettingEventRow::into_event).collect()
            }
        }
    };
}

pub(crate) use candidates;
