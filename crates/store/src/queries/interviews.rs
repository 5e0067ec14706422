//! Queries for interviews, their panels and interviewers' feedback. Scheduling also records the
//! panel in `interview_assignments`, the table the visibility scopes read, so an interviewer sees
//! the application they interview. Submitted feedback never changes.

use crate::error::StoreError;
use hireloop_core::interview::{Competency, Feedback};

pub(crate) fn competencies_json(competencies: &[Competency]) -> Result<String, StoreError> {
    serde_json::to_string(competencies)
        .map_err(|e| StoreError::Corrupt(format!("interview competencies: {e}")))
}

pub(crate) fn feedback_json(feedback: &Feedback) -> Result<String, StoreError> {
    serde_json::to_string(feedback).map_err(|e| StoreError::Corrupt(format!("feedback: {e}")))
}

macro_rules! interviews {
    ($db:ty) => {
        use chrono::SubsecRound as _;
        use hireloop_core::interview::{
            Feedback as CoreFeedback, Interview, InterviewChange, InterviewStatus, NewInterview,
        };
        use crate::records::{InterviewFeedback, InterviewSummary, MissingFeedback};

        impl Queries {
            /// Stores the interview, its panel, and the panel's assignments to the application,
            /// in one transaction. An unknown participant is `participants[i]: no such user`.
            pub async fn schedule_interview(&self, new: &NewInterview, actor: Option<UserId>) -> Result<Interview> {
                let mut tx = self.begin().await?;
                if !exists(&mut tx, "applications", new.application_id.as_uuid()).await? {
                    return Err(StoreError::NotFound("application"));
                }
                check_participants(&mut tx, &new.participants).await?;
                let id = new_id();
                let at = now();
                sqlx::query(
                    "INSERT INTO interviews (id, application_id, stage_kind, competencies, starts_at, duration_minutes, \
                     ends_at, location, status, created_by, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'scheduled', $9, $10, $10)",
                )
                .bind(id)
                .bind(new.application_id.as_uuid())
                .bind(new.stage_kind.as_str())
                .bind(crate::queries::interviews::competencies_json(&new.competencies)?)
                .bind(new.starts_at)
                .bind(i32::from(new.duration_minutes))
                .bind(hireloop_core::interview::schedule::ends_at(new.starts_at, new.duration_minutes))
                .bind(new.location.as_ref().map(|l| l.as_str()))
                .bind(actor.map(|a| a.as_uuid()))
                .bind(at)
                .execute(&mut *tx)
                .await?;
                add_panel(&mut tx, id, new.application_id.as_uuid(), &new.participants, at).await?;
                let interview = fetch_interview(&mut tx, id).await?;
                tx.commit().await?;
                interview.ok_or(StoreError::NotFound("interview"))
            }

            pub async fn interview(&self, id: InterviewId) -> Result<Option<Interview>> {
                let mut conn = self.pool.acquire().await?;
                fetch_interview(&mut conn, id.as_uuid()).await
            }

            /// The application's interviews, earliest first, cancelled ones included.
            pub async fn interviews_for_application(&self, application: ApplicationId) -> Result<Vec<Interview>> {
                let mut conn = self.pool.acquire().await?;
                let sql = format!(
                    "SELECT {INTERVIEW_COLUMNS} FROM interviews WHERE application_id = $1 ORDER BY starts_at, id"
                );
                let rows = sqlx::query_as::<$db, InterviewRow>(&sql)
                    .bind(application.as_uuid())
                    .fetch_all(&mut *conn)
                    .await?;
                with_panels(&mut conn, rows).await
            }

            /// The user's scheduled interviews that have not ended by `from`, earliest first.
            pub async fn upcoming_interviews_for_user(
                &self,
                user: UserId,
                from: DateTime<Utc>,
            ) -> Result<Vec<InterviewSummary>> {
                let mut conn = self.pool.acquire().await?;
                let rows = sqlx::query_as::<$db, (Uuid, String, String)>(
                    "SELECT i.id, c.name, r.title FROM interviews i \
                     JOIN interview_participants p ON p.interview_id = i.id \
                     JOIN applications a ON a.id = i.application_id \
                     JOIN candidates c ON c.id = a.candidate_id JOIN roles r ON r.id = a.role_id \
                     WHERE p.user_id = $1 AND i.status = 'scheduled' AND i.ends_at > $2 \
                     ORDER BY i.starts_at, i.id",
                )
                .bind(user.as_uuid())
                .bind(from.trunc_subsecs(0))
                .fetch_all(&mut *conn)
                .await?;
                let mut out = Vec::with_capacity(rows.len());
                for (id, candidate, role) in rows {
                    let Some(interview) = fetch_interview(&mut conn, id).await? else { continue };
                    out.push(InterviewSummary {
                        interview,
                        candidate_name: crate::error::stored(
                            "candidate name",
                            hireloop_core::text::PersonName::parse(&candidate),
                        )?,
                        role_title: crate::error::stored("role title", hireloop_core::text::Title::parse(&role))?,
                    });
                }
                Ok(out)
            }

            /// Reschedules, changes the panel (new members are assigned to the application) or
            /// cancels. A cancelled interview is `Conflict`: schedule a new one instead.
            pub async fn update_interview(&self, id: InterviewId, change: &InterviewChange) -> Result<Interview> {
                let mut tx = self.begin().await?;
                let current = fetch_interview(&mut tx, id.as_uuid())
                    .await?
                    .ok_or(StoreError::NotFound("interview"))?;
                if current.status == InterviewStatus::Cancelled {
                    return Err(StoreError::conflict(
                        "status",
                        "the interview is cancelled and cannot change; schedule a new one",
                    ));
                }
                let starts_at = change.starts_at.unwrap_or(current.starts_at);
                let minutes = change.duration_minutes.unwrap_or(current.duration_minutes);
                let location = match &change.location {
                    Some(new) => new.clone(),
                    None => current.location.clone(),
                };
                let status = change.status.unwrap_or(current.status);
                let at = now();
                sqlx::query(
                    "UPDATE interviews SET starts_at = $1, duration_minutes = $2, ends_at = $3, location = $4, \
                     status = $5, updated_at = $6 WHERE id = $7",
                )
                .bind(starts_at)
                .bind(i32::from(minutes))
                .bind(hireloop_core::interview::schedule::ends_at(starts_at, minutes))
                .bind(location.as_ref().map(|l| l.as_str()))
                .bind(status.as_str())
                .bind(at)
                .bind(id.as_uuid())
                .execute(&mut *tx)
                .await?;
                if let Some(panel) = &change.participants {
                    check_participants(&mut tx, panel).await?;
                    sqlx::query("DELETE FROM interview_participants WHERE interview_id = $1")
                        .bind(id.as_uuid())
                        .execute(&mut *tx)
                        .await?;
                    add_panel(&mut tx, id.as_uuid(), current.application_id.as_uuid(), panel, at).await?;
                }
                let interview = fetch_interview(&mut tx, id.as_uuid()).await?;
                tx.commit().await?;
                interview.ok_or(StoreError::NotFound("interview"))
            }

            /// Saves the author's feedback as a draft, or submits it. Submitted feedback cannot
            /// change (`Conflict`); a cancelled interview takes none.
            pub async fn save_feedback(
                &self,
                interview: InterviewId,
                author: UserId,
                feedback: &CoreFeedback,
                submit: bool,
            ) -> Result<InterviewFeedback> {
                let mut tx = self.begin().await?;
                let found = sqlx::query_as::<$db, (Uuid, String)>(
                    "SELECT application_id, status FROM interviews WHERE id = $1",
                )
                .bind(interview.as_uuid())
                .fetch_optional(&mut *tx)
                .await?;
                let Some((application, status)) = found else {
                    return Err(StoreError::NotFound("interview"));
                };
                if status == InterviewStatus::Cancelled.as_str() {
                    return Err(StoreError::conflict("interview", "the interview was cancelled; it takes no feedback"));
                }
                let at = now();
                // One statement: the upsert only touches a draft, so two submits racing cannot
                // both win, and a submitted row is never overwritten.
                let saved = sqlx::query_scalar::<$db, Uuid>(
                    "INSERT INTO interview_feedback (id, interview_id, application_id, author_id, body, recommendation, \
                     submitted_at, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) \
                     ON CONFLICT (interview_id, author_id) DO UPDATE SET body = excluded.body, \
                     recommendation = excluded.recommendation, submitted_at = excluded.submitted_at, \
                     updated_at = excluded.updated_at WHERE interview_feedback.submitted_at IS NULL \
                     RETURNING id",
                )
                .bind(new_id())
                .bind(interview.as_uuid())
                .bind(application)
                .bind(author.as_uuid())
                .bind(crate::queries::interviews::feedback_json(feedback)?)
                .bind(feedback.recommendation.as_str())
                .bind(submit.then_some(at))
                .bind(at)
                .fetch_optional(&mut *tx)
                .await?;
                let Some(id) = saved else {
                    return Err(StoreError::conflict(
                        "submit",
                        "your feedback on this interview is already submitted; submitted feedback cannot change",
                    ));
                };
                let sql = format!("{FEEDBACK_SELECT} WHERE f.id = $1");
                let row = sqlx::query_as::<$db, FeedbackRow>(&sql).bind(id).fetch_one(&mut *tx).await?;
                tx.commit().await?;
                row.into_feedback()
            }

            /// The author's own feedback on an interview, draft or submitted.
            pub async fn feedback(&self, interview: InterviewId, author: UserId) -> Result<Option<InterviewFeedback>> {
                let sql = format!("{FEEDBACK_SELECT} WHERE f.interview_id = $1 AND f.author_id = $2");
                sqlx::query_as::<$db, FeedbackRow>(&sql)
                    .bind(interview.as_uuid())
                    .bind(author.as_uuid())
                    .fetch_optional(&self.pool)
                    .await?
                    .map(FeedbackRow::into_feedback)
                    .transpose()
            }

            /// Every piece of feedback on the application, drafts included, oldest first. Who may
            /// read which is the server's decision (the independent-submission rule).
            pub async fn feedback_for_application(&self, application: ApplicationId) -> Result<Vec<InterviewFeedback>> {
                let sql = format!("{FEEDBACK_SELECT} WHERE f.application_id = $1 ORDER BY f.created_at, f.id");
                let rows = sqlx::query_as::<$db, FeedbackRow>(&sql)
                    .bind(application.as_uuid())
                    .fetch_all(&self.pool)
                    .await?;
                rows.into_iter().map(FeedbackRow::into_feedback).collect()
            }

            /// Panel members with no submitted feedback on scheduled interviews that ended before
            /// `ended_before`: whom the reminders go to. Earliest interview first.
            pub async fn interviews_missing_feedback(&self, ended_before: DateTime<Utc>) -> Result<Vec<MissingFeedback>> {
                let mut conn = self.pool.acquire().await?;
                let rows = sqlx::query_as::<$db, (Uuid, Uuid, String, String)>(
                    "SELECT i.id, u.id, u.email, u.name FROM interviews i \
                     JOIN interview_participants p ON p.interview_id = i.id JOIN users u ON u.id = p.user_id \
                     WHERE i.status = 'scheduled' AND i.ends_at <= $1 AND NOT EXISTS (SELECT 1 FROM interview_feedback f \
                     WHERE f.interview_id = i.id AND f.author_id = p.user_id AND f.submitted_at IS NOT NULL) \
                     ORDER BY i.ends_at, i.id, u.name",
                )
                .bind(ended_before.trunc_subsecs(0))
                .fetch_all(&mut *conn)
                .await?;
                let mut out: Vec<MissingFeedback> = Vec::with_capacity(rows.len());
                for (interview_id, user_id, email, name) in rows {
                    let interview = match out.last() {
                        Some(prev) if prev.interview.id.as_uuid() == interview_id => prev.interview.clone(),
                        _ => match fetch_interview(&mut conn, interview_id).await? {
                            Some(found) => found,
                            None => continue,
                        },
                    };
                    out.push(MissingFeedback {
                        interview,
                        user_id: user_id.into(),
                        email: crate::error::stored("user email", hireloop_core::email::Email::parse(&email))?,
                        name: crate::error::stored("user name", hireloop_core::text::PersonName::parse(&name))?,
                    });
                }
                Ok(out)
            }
        }

        /// Every participant must be a user; the error names the first unknown one by its index.
        async fn check_participants(conn: &mut Conn, panel: &[UserId]) -> Result<()> {
            for (i, user) in panel.iter().enumerate() {
                if !exists(conn, "users", user.as_uuid()).await? {
                    return Err(StoreError::invalid(&format!("participants[{i}]"), "no such user"));
                }
            }
            Ok(())
        }

        async fn add_panel(
            conn: &mut Conn,
            interview: Uuid,
            application: Uuid,
            panel: &[UserId],
            at: DateTime<Utc>,
        ) -> Result<()> {
            for user in panel {
                sqlx::query("INSERT INTO interview_participants (interview_id, user_id) VALUES ($1, $2)")
                    .bind(interview)
                    .bind(user.as_uuid())
                    .execute(&mut *conn)
                    .await?;
                sqlx::query(
                    "INSERT INTO interview_assignments (application_id, user_id, created_at) VALUES ($1, $2, $3) \
                     ON CONFLICT DO NOTHING",
                )
                .bind(application)
                .bind(user.as_uuid())
                .bind(at)
                .execute(&mut *conn)
                .await?;
            }
            Ok(())
        }

        async fn panel_of(conn: &mut Conn, interview: Uuid) -> Result<Vec<hireloop_core::interview::Participant>> {
            let rows = sqlx::query_as::<$db, ParticipantRow>(
                "SELECT p.user_id, u.name FROM interview_participants p JOIN users u ON u.id = p.user_id \
                 WHERE p.interview_id = $1 ORDER BY u.name, p.user_id",
            )
            .bind(interview)
            .fetch_all(&mut *conn)
            .await?;
            rows.into_iter().map(ParticipantRow::into_participant).collect()
        }

        async fn fetch_interview(conn: &mut Conn, id: Uuid) -> Result<Option<Interview>> {
            let sql = format!("SELECT {INTERVIEW_COLUMNS} FROM interviews WHERE id = $1");
            let row = sqlx::query_as::<$db, InterviewRow>(&sql)
                .bind(id)
                .fetch_optional(&mut *conn)
                .await?;
            match row {
                None => Ok(None),
                Some(row) => {
                    let panel = panel_of(conn, row.id).await?;
                    row.into_interview(panel).map(Some)
                }
            }
        }

        async fn with_panels(conn: &mut Conn, rows: Vec<InterviewRow>) -> Result<Vec<Interview>> {
            let mut out = Vec::with_capacity(rows.len());
            for row in rows {
                let panel = panel_of(conn, row.id).await?;
                out.push(row.into_interview(panel)?);
            }
            Ok(out)
        }
    };
}

pub(crate) use interviews;
