//! Queries for what follows an offer: the trial (one per application, its outcome recorded once and
//! moving the application in the same transaction) and the 30/60/90-day onboarding plan with its
//! tasks and the 90-day quality-of-hire rating.

use crate::error::StoreError;

pub(crate) fn goals_json(goals: &[String]) -> Result<String, StoreError> {
    serde_json::to_string(goals).map_err(|e| StoreError::Corrupt(format!("trial goals: {e}")))
}

macro_rules! onboarding {
    ($db:ty) => {
        impl Queries {
            // ---- trials ------------------------------------------------------------------

            /// Starts the application's trial; one per application, not on a closed or hired one.
            pub async fn start_trial(
                &self,
                application: ApplicationId,
                trial: &hireloop_core::interview::Trial,
                actor: Option<UserId>,
            ) -> Result<crate::records::TrialRecord> {
                let mut tx = self.begin().await?;
                let stage = offer_application_stage(&mut tx, application.as_uuid()).await?;
                if stage.is_closed() || stage == Stage::Hired {
                    return Err(StoreError::conflict(
                        "stage",
                        format!("the application is {stage}; a trial is for a candidate still in the pipeline"),
                    ));
                }
                sqlx::query(
                    "INSERT INTO trials (id, application_id, start_date, end_date, goals, created_by, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(new_id())
                .bind(application.as_uuid())
                .bind(trial.start)
                .bind(trial.end)
                .bind(crate::queries::onboarding::goals_json(&trial.goals)?)
                .bind(actor.map(|a| a.as_uuid()))
                .bind(now())
                .execute(&mut *tx)
                .await
                .map_err(|e| {
                    if is_unique_violation(&e) {
                        StoreError::conflict("trial", "the application already has a trial")
                    } else {
                        e.into()
                    }
                })?;
                let record = fetch_trial(&mut tx, application.as_uuid())
                    .await?
                    .ok_or(StoreError::NotFound("trial"))?;
                tx.commit().await?;
                Ok(record)
            }

            pub async fn trial(
                &self,
                application: ApplicationId,
            ) -> Result<Option<crate::records::TrialRecord>> {
                let mut conn = self.pool.acquire().await?;
                fetch_trial(&mut conn, application.as_uuid()).await
            }

            /// Records the trial's outcome, once, and applies `planned` (hired, or rejected with the
            /// reason) to the application in the same transaction: neither happens without the other.
            pub async fn record_trial_outcome(
                &self,
                application: ApplicationId,
                outcome: hireloop_core::interview::TrialOutcome,
                note: Option<&str>,
                planned: Option<&StageMove>,
                actor: Option<UserId>,
            ) -> Result<crate::records::TrialRecord> {
                let mut tx = self.begin().await?;
                let mut current = fetch_trial(&mut tx, application.as_uuid())
                    .await?
                    .ok_or(StoreError::NotFound("trial"))?;
                current
                    .trial
                    .record(outcome)
                    .map_err(|message| StoreError::conflict("outcome", message))?;
                let at = now();
                let done = sqlx::query(
                    "UPDATE trials SET outcome = $1, outcome_note = $2, decided_by = $3, decided_at = $4 \
                     WHERE id = $5 AND outcome IS NULL",
                )
                .bind(outcome.as_str())
                .bind(note)
                .bind(actor.map(|a| a.as_uuid()))
                .bind(at)
                .bind(current.id)
                .execute(&mut *tx)
                .await?;
                if done.rows_affected() == 0 {
                    return Err(StoreError::conflict(
                        "outcome",
                        "the trial's outcome was recorded by someone else meanwhile; reload",
                    ));
                }
                if let Some(planned) = planned {
                    apply_move(&mut tx, application.as_uuid(), planned, actor, at).await?;
                }
                let record = fetch_trial(&mut tx, application.as_uuid())
                    .await?
                    .ok_or(StoreError::NotFound("trial"))?;
                tx.commit().await?;
                Ok(record)
            }

            /// Candidates whose trial on this role ended without a hire (replace or end): the
            /// role's matches leave them out.
            pub async fn trial_excluded_candidates(&self, role: RoleId) -> Result<Vec<CandidateId>> {
                let ids = sqlx::query_scalar::<$db, Uuid>(
                    "SELECT a.candidate_id FROM trials t JOIN applications a ON a.id = t.application_id \
                     WHERE a.role_id = $1 AND t.outcome IN ('replace', 'end')",
                )
                .bind(role.as_uuid())
                .fetch_all(&self.pool)
                .await?;
                Ok(ids.into_iter().map(CandidateId).collect())
            }

            // ---- onboarding --------------------------------------------------------------

            /// Stores a generated plan with its tasks, in order. Onboarding is for hires: the
            /// application must be at the offer stage or hired.
            pub async fn create_onboarding(
                &self,
                application: ApplicationId,
                start: chrono::NaiveDate,
                plan: &hireloop_core::interview::OnboardingPlan,
                actor: Option<UserId>,
            ) -> Result<crate::records::OnboardingRecord> {
                let mut tx = self.begin().await?;
                let stage = offer_application_stage(&mut tx, application.as_uuid()).await?;
                if !matches!(stage, Stage::Offer | Stage::Hired) {
                    return Err(StoreError::conflict(
                        "stage",
                        format!("onboarding is for hires: the application is in '{stage}', not offer or hired"),
                    ));
                }
                sqlx::query(
                    "INSERT INTO onboarding_plans (application_id, start_date, missing_scope, created_by, created_at) \
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(application.as_uuid())
                .bind(start)
                .bind(plan.missing_scope)
                .bind(actor.map(|a| a.as_uuid()))
                .bind(now())
                .execute(&mut *tx)
                .await
                .map_err(|e| {
                    if is_unique_violation(&e) {
                        StoreError::conflict("onboarding", "the application already has an onboarding plan")
                    } else {
                        e.into()
                    }
                })?;
                for (position, task) in plan.tasks.iter().enumerate() {
                    sqlx::query(
                        "INSERT INTO onboarding_tasks (id, application_id, position, phase, due_day, due_date, owner, text) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                    )
                    .bind(new_id())
                    .bind(application.as_uuid())
                    .bind(i64::try_from(position).unwrap_or(i64::MAX))
                    .bind(i64::from(task.phase))
                    .bind(i64::from(task.due_day))
                    .bind(task.due_date)
                    .bind(task.owner.as_str())
                    .bind(&task.text)
                    .execute(&mut *tx)
                    .await?;
                }
                let record = fetch_onboarding(&mut tx, application.as_uuid())
                    .await?
                    .ok_or(StoreError::NotFound("onboarding plan"))?;
                tx.commit().await?;
                Ok(record)
            }

            pub async fn onboarding(
                &self,
                application: ApplicationId,
            ) -> Result<Option<crate::records::OnboardingRecord>> {
                let mut conn = self.pool.acquire().await?;
                fetch_onboarding(&mut conn, application.as_uuid()).await
            }

            /// Ticks a task off (keeping who ticked it first) or back on.
            pub async fn set_onboarding_task(
                &self,
                application: ApplicationId,
                task: Uuid,
                done: bool,
                actor: Option<UserId>,
            ) -> Result<crate::records::OnboardingRecord> {
                let mut tx = self.begin().await?;
                let changed = if done {
                    sqlx::query(
                        "UPDATE onboarding_tasks SET done_at = COALESCE(done_at, $1), \
                         done_by = CASE WHEN done_at IS NULL THEN $2 ELSE done_by END \
                         WHERE id = $3 AND application_id = $4",
                    )
                    .bind(now())
                    .bind(actor.map(|a| a.as_uuid()))
                    .bind(task)
                    .bind(application.as_uuid())
                    .execute(&mut *tx)
                    .await?
                } else {
                    sqlx::query(
                        "UPDATE onboarding_tasks SET done_at = NULL, done_by = NULL \
                         WHERE id = $1 AND application_id = $2",
                    )
                    .bind(task)
                    .bind(application.as_uuid())
                    .execute(&mut *tx)
                    .await?
                };
                if changed.rows_affected() == 0 {
                    return Err(StoreError::NotFound("onboarding task"));
                }
                let record = fetch_onboarding(&mut tx, application.as_uuid())
                    .await?
                    .ok_or(StoreError::NotFound("onboarding plan"))?;
                tx.commit().await?;
                Ok(record)
            }

            /// Records the 90-day quality-of-hire rating (1-4, the rubric scale); a later rating
            /// replaces an earlier one, with who gave it and when.
            pub async fn rate_onboarding_quality(
                &self,
                application: ApplicationId,
                rating: u8,
                note: Option<&str>,
                actor: Option<UserId>,
            ) -> Result<crate::records::OnboardingRecord> {
                if !(1..=4).contains(&rating) {
                    return Err(StoreError::invalid("rating", "must be 1 to 4, the rubric's scale"));
                }
                let mut tx = self.begin().await?;
                let changed = sqlx::query(
                    "UPDATE onboarding_plans SET quality_rating = $1, quality_note = $2, rated_by = $3, \
                     rated_at = $4 WHERE application_id = $5",
                )
                .bind(i64::from(rating))
                .bind(note)
                .bind(actor.map(|a| a.as_uuid()))
                .bind(now())
                .bind(application.as_uuid())
                .execute(&mut *tx)
                .await?;
                if changed.rows_affected() == 0 {
                    return Err(StoreError::NotFound("onboarding plan"));
                }
                let record = fetch_onboarding(&mut tx, application.as_uuid())
                    .await?
                    .ok_or(StoreError::NotFound("onboarding plan"))?;
                tx.commit().await?;
                Ok(record)
            }
        }

        async fn fetch_trial(
            conn: &mut Conn,
            application: Uuid,
        ) -> Result<Option<crate::records::TrialRecord>> {
            let sql = format!("SELECT {TRIAL_COLUMNS} FROM trials WHERE application_id = $1");
            sqlx::query_as::<$db, TrialRow>(&sql)
                .bind(application)
                .fetch_optional(&mut *conn)
                .await?
                .map(TrialRow::into_record)
                .transpose()
        }

        async fn fetch_onboarding(
            conn: &mut Conn,
            application: Uuid,
        ) -> Result<Option<crate::records::OnboardingRecord>> {
            let sql = format!("SELECT {ONBOARDING_PLAN_COLUMNS} FROM onboarding_plans WHERE application_id = $1");
            let Some(plan) = sqlx::query_as::<$db, OnboardingPlanRow>(&sql)
                .bind(application)
                .fetch_optional(&mut *conn)
                .await?
            else {
                return Ok(None);
            };
            let sql = format!(
                "SELECT {ONBOARDING_TASK_COLUMNS} FROM onboarding_tasks WHERE application_id = $1 ORDER BY position"
            );
            let tasks = sqlx::query_as::<$db, OnboardingTaskRow>(&sql)
                .bind(application)
                .fetch_all(&mut *conn)
                .await?;
            plan.into_record(tasks).map(Some)
        }
    };
}

pub(crate) use onboarding;
