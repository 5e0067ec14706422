//! Decisions: a stage move made as a decision (advance, reject, withdraw) with its structured reason
//! code and note, stored with the move in one transaction. The move itself is the pipeline's
//! optimistic move (`apply_move_with`), so a stale decision is refused the same way as a stale drag.

/// What a decision adds to the stage change it makes. Empty for plain moves.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct ChangeDetail<'a> {
    /// The text kept on the application (`stage_reason`); a move fills it from its plan.
    pub reason: Option<&'a str>,
    /// The taxonomy id, e.g. `skill_gap`.
    pub reason_code: Option<&'a str>,
    pub note: Option<&'a str>,
}

macro_rules! decisions {
    ($db:ty) => {
        impl Queries {
            /// Applies a decision's planned move, if the application is still where the plan found
            /// it, and records the reason code, note and actor in the history, atomically.
            pub async fn decide(
                &self,
                id: ApplicationId,
                planned: &StageMove,
                reason_code: Option<&str>,
                note: Option<&hireloop_core::text::Reason>,
                actor: Option<UserId>,
            ) -> Result<Application> {
                let detail = crate::queries::decisions::ChangeDetail {
                    reason: None,
                    reason_code,
                    note: note.map(|n| n.as_str()),
                };
                let mut tx = self.begin().await?;
                apply_move_with(&mut tx, id.as_uuid(), planned, detail, actor, now()).await?;
                let application = fetch_application(&mut tx, id.as_uuid(), None).await?;
                tx.commit().await?;
                application.ok_or(StoreError::NotFound("application"))
            }
        }
    };
}

pub(crate) use decisions;
