//! Queries for offers. An offer's terms live in `offer_versions`, one row per edit and per status
//! change, never overwritten; `offers` holds where it stands now. The status machine and the
//! checklist rule are the core's (`Offer::transition`); the store applies them inside the
//! transaction that writes, so two people changing one offer at once cannot both win.

use crate::error::StoreError;
use hireloop_core::interview::OfferError;
use hireloop_core::ValidationErrors;

/// The store's words for a refusal by the core offer rules.
pub(crate) fn offer_error(err: OfferError) -> StoreError {
    match &err {
        // Each unanswered item is named as its field, so a form can show it where it belongs.
        OfferError::Incomplete(missing) => {
            let mut errors = ValidationErrors::default();
            for name in missing {
                errors.add(
                    format!("checklist.{name}"),
                    "answer this before the offer is approved",
                );
            }
            StoreError::Invalid(errors)
        }
        OfferError::Transition { .. } => StoreError::conflict("to", err.to_string()),
        OfferError::ApplicationClosed(_) => StoreError::conflict("stage", err.to_string()),
        OfferError::Currency(_) | OfferError::Market(_) => {
            StoreError::invalid("compensation.pay", err.to_string())
        }
    }
}

pub(crate) fn offer_json(offer: &hireloop_core::interview::Offer) -> Result<String, StoreError> {
    serde_json::to_string(offer).map_err(|e| StoreError::Corrupt(format!("offer: {e}")))
}

macro_rules! offers {
    ($db:ty) => {
        impl Queries {
            /// Makes a new draft offer. Refused on a closed application and while another offer of
            /// the application is still open.
            pub async fn create_offer(
                &self,
                application: ApplicationId,
                terms: &hireloop_core::interview::Offer,
                actor: Option<UserId>,
            ) -> Result<crate::records::OfferRecord> {
                use hireloop_core::interview::{Offer, OfferStatus};
                let mut tx = self.begin().await?;
                let stage = offer_application_stage(&mut tx, application.as_uuid()).await?;
                Offer::may_offer_in(stage).map_err(crate::queries::offers::offer_error)?;
                if let Some(open) = latest_offer(&mut tx, application.as_uuid()).await? {
                    if open.offer.status == OfferStatus::Accepted {
                        return Err(StoreError::conflict(
                            "offer",
                            "the candidate has accepted an offer on this application; no new offer is needed",
                        ));
                    }
                    if !open.offer.status.is_final() {
                        return Err(StoreError::conflict(
                            "offer",
                            format!(
                                "the application already has an open offer ({}); change it or withdraw it first",
                                open.offer.status
                            ),
                        ));
                    }
                }
                let mut offer = terms.clone();
                offer.status = OfferStatus::Draft;
                let (id, at) = (new_id(), now());
                sqlx::query(
                    "INSERT INTO offers (id, application_id, status, version, created_by, created_at, updated_at) \
                     VALUES ($1, $2, $3, 1, $4, $5, $5)",
                )
                .bind(id)
                .bind(application.as_uuid())
                .bind(offer.status.as_str())
                .bind(actor.map(|a| a.as_uuid()))
                .bind(at)
                .execute(&mut *tx)
                .await?;
                insert_offer_version(&mut tx, id, 1, &offer, actor, Some("offer made"), at).await?;
                let record = latest_offer(&mut tx, application.as_uuid())
                    .await?
                    .ok_or(StoreError::NotFound("offer"))?;
                tx.commit().await?;
                Ok(record)
            }

            /// Replaces the open offer's terms with a new version. Changing an approved offer sends
            /// it back to draft, to be approved again; a sent or final offer is not changed.
            pub async fn update_offer(
                &self,
                application: ApplicationId,
                terms: &hireloop_core::interview::Offer,
                actor: Option<UserId>,
            ) -> Result<crate::records::OfferRecord> {
                use hireloop_core::interview::{Offer, OfferStatus};
                let mut tx = self.begin().await?;
                let stage = offer_application_stage(&mut tx, application.as_uuid()).await?;
                Offer::may_offer_in(stage).map_err(crate::queries::offers::offer_error)?;
                let current = latest_offer(&mut tx, application.as_uuid())
                    .await?
                    .ok_or(StoreError::NotFound("offer"))?;
                let note = match current.offer.status {
                    OfferStatus::Draft => "terms changed",
                    OfferStatus::Approved => {
                        current
                            .offer
                            .clone()
                            .transition(OfferStatus::Draft)
                            .map_err(crate::queries::offers::offer_error)?;
                        "terms changed; back to draft to be approved again"
                    }
                    status => {
                        return Err(StoreError::conflict(
                            "status",
                            format!(
                                "a {} offer cannot be changed; withdraw it and make a new offer",
                                status.label().to_lowercase()
                            ),
                        ))
                    }
                };
                let mut next = terms.clone();
                next.status = OfferStatus::Draft;
                let at = now();
                bump_offer(&mut tx, &current, &next, actor, Some(note), at).await?;
                let record = latest_offer(&mut tx, application.as_uuid())
                    .await?
                    .ok_or(StoreError::NotFound("offer"))?;
                tx.commit().await?;
                Ok(record)
            }

            /// Moves the open offer to `to` through the core status machine, as a new version.
            /// `expected_version` (the version the caller saw) turns a change made meanwhile into
            /// `Conflict`. Accepting moves the application to the offer stage if it is earlier, in
            /// the same transaction.
            pub async fn transition_offer(
                &self,
                application: ApplicationId,
                to: hireloop_core::interview::OfferStatus,
                note: Option<&str>,
                expected_version: Option<i64>,
                actor: Option<UserId>,
            ) -> Result<crate::records::OfferRecord> {
                use hireloop_core::interview::{Offer, OfferStatus};
                let mut tx = self.begin().await?;
                let stage = offer_application_stage(&mut tx, application.as_uuid()).await?;
                let current = latest_offer(&mut tx, application.as_uuid())
                    .await?
                    .ok_or(StoreError::NotFound("offer"))?;
                if let Some(seen) = expected_version.filter(|v| *v != current.version) {
                    return Err(StoreError::conflict(
                        "version",
                        format!(
                            "the offer changed meanwhile (version {seen} was shown, it is at {} now); reload and try again",
                            current.version
                        ),
                    ));
                }
                // Withdrawing or recording a decline stays possible on a closed application.
                if matches!(to, OfferStatus::Approved | OfferStatus::Sent | OfferStatus::Accepted) {
                    Offer::may_offer_in(stage).map_err(crate::queries::offers::offer_error)?;
                }
                let mut next = current.offer.clone();
                next.transition(to).map_err(crate::queries::offers::offer_error)?;
                let at = now();
                bump_offer(&mut tx, &current, &next, actor, note, at).await?;
                let offer_position = Stage::Offer.position();
                if to == OfferStatus::Accepted && stage.position().is_some_and(|p| Some(p) < offer_position) {
                    let planned = StageMove::plan(stage, Stage::Offer, Some("offer accepted"))
                        .map_err(|e| StoreError::conflict("stage", e.to_string()))?;
                    apply_move(&mut tx, application.as_uuid(), &planned, actor, at).await?;
                }
                let record = latest_offer(&mut tx, application.as_uuid())
                    .await?
                    .ok_or(StoreError::NotFound("offer"))?;
                tx.commit().await?;
                Ok(record)
            }

            /// The application's latest offer, open or final.
            pub async fn current_offer(
                &self,
                application: ApplicationId,
            ) -> Result<Option<crate::records::OfferRecord>> {
                let mut conn = self.pool.acquire().await?;
                latest_offer(&mut conn, application.as_uuid()).await
            }

            /// Every version of every offer of the application, oldest first.
            pub async fn offer_versions(
                &self,
                application: ApplicationId,
            ) -> Result<Vec<crate::records::OfferVersion>> {
                let rows = sqlx::query_as::<$db, OfferVersionRow>(
                    "SELECT v.offer_id, v.version, v.body, v.status, v.actor_id, v.note, v.at \
                     FROM offer_versions v JOIN offers o ON o.id = v.offer_id \
                     WHERE o.application_id = $1 ORDER BY o.created_at, o.id, v.version",
                )
                .bind(application.as_uuid())
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter().map(OfferVersionRow::into_version).collect()
            }
        }

        /// The application's stage, read inside the caller's transaction; `NotFound` if it is gone.
        async fn offer_application_stage(conn: &mut Conn, application: Uuid) -> Result<Stage> {
            let stage: Option<String> =
                sqlx::query_scalar::<$db, String>("SELECT stage FROM applications WHERE id = $1")
                    .bind(application)
                    .fetch_optional(&mut *conn)
                    .await?;
            let stage = stage.ok_or(StoreError::NotFound("application"))?;
            crate::error::stored("stage", stage.parse())
        }

        async fn latest_offer(
            conn: &mut Conn,
            application: Uuid,
        ) -> Result<Option<crate::records::OfferRecord>> {
            let sql = format!(
                "{OFFER_SELECT} WHERE o.application_id = $1 ORDER BY o.created_at DESC, o.id DESC LIMIT 1"
            );
            sqlx::query_as::<$db, OfferRow>(&sql)
                .bind(application)
                .fetch_optional(&mut *conn)
                .await?
                .map(OfferRow::into_record)
                .transpose()
        }

        /// Moves the offer to its next version, only if nobody else did since `current` was read.
        async fn bump_offer(
            conn: &mut Conn,
            current: &crate::records::OfferRecord,
            next: &hireloop_core::interview::Offer,
            actor: Option<UserId>,
            note: Option<&str>,
            at: DateTime<Utc>,
        ) -> Result<()> {
            let version = current.version + 1;
            let done = sqlx::query(
                "UPDATE offers SET status = $1, version = $2, updated_at = $3 WHERE id = $4 AND version = $5",
            )
            .bind(next.status.as_str())
            .bind(version)
            .bind(at)
            .bind(current.id)
            .bind(current.version)
            .execute(&mut *conn)
            .await?;
            if done.rows_affected() == 0 {
                return Err(StoreError::conflict(
                    "version",
                    "the offer was changed by someone else meanwhile; reload and try again",
                ));
            }
            insert_offer_version(conn, current.id, version, next, actor, note, at).await
        }

        async fn insert_offer_version(
            conn: &mut Conn,
            offer: Uuid,
            version: i64,
            body: &hireloop_core::interview::Offer,
            actor: Option<UserId>,
            note: Option<&str>,
            at: DateTime<Utc>,
        ) -> Result<()> {
            sqlx::query(
                "INSERT INTO offer_versions (offer_id, version, body, status, actor_id, note, at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(offer)
            .bind(version)
            .bind(crate::queries::offers::offer_json(body)?)
            .bind(body.status.as_str())
            .bind(actor.map(|a| a.as_uuid()))
            .bind(note)
            .bind(at)
            .execute(&mut *conn)
            .await
            .map_err(|e| {
                if is_unique_violation(&e) {
                    StoreError::conflict(
                        "version",
                        "the offer was changed by someone else meanwhile; reload and try again",
                    )
                } else {
                    e.into()
                }
            })?;
            Ok(())
        }
    };
}

pub(crate) use offers;
