//! Queries for roles, candidates, applications and their stage history, and the dashboard counts.

macro_rules! pipeline {
    ($db:ty) => {
        impl Queries {
            // ---- roles -------------------------------------------------------------------

            pub async fn create_role(&self, new: &NewRole) -> Result<Role> {
                let mut tx = self.begin().await?;
                let role = insert_role(&mut tx, new, now()).await?;
                tx.commit().await?;
                Ok(role)
            }

            pub async fn role(&self, id: RoleId) -> Result<Option<Role>> {
                let sql = format!("SELECT {ROLE_COLUMNS} FROM roles WHERE id = $1");
                sqlx::query_as::<$db, RoleRow>(&sql)
                    .bind(id.as_uuid())
                    .fetch_optional(&self.pool)
                    .await?
                    .map(RoleRow::into_role)
                    .transpose()
            }

            pub async fn list_roles(&self, page: &PageRequest) -> Result<Page<Role>> {
                let sql = format!(
                    "SELECT {ROLE_COLUMNS} FROM roles WHERE ($1 IS NULL OR id < $1) ORDER BY id DESC LIMIT $2"
                );
                let rows = sqlx::query_as::<$db, RoleRow>(&sql)
                    .bind(page.after)
                    .bind(page.fetch_limit())
                    .fetch_all(&self.pool)
                    .await?;
                let roles = rows.into_iter().map(RoleRow::into_role).collect::<Result<Vec<_>>>()?;
                Ok(Page::from_rows(roles, page, |r| r.id.as_uuid()))
            }

            pub async fn set_role_status(&self, id: RoleId, status: RoleStatus) -> Result<Role> {
                let sql = format!(
                    "UPDATE roles SET status = $1, updated_at = $2 WHERE id = $3 RETURNING {ROLE_COLUMNS}"
                );
                sqlx::query_as::<$db, RoleRow>(&sql)
                    .bind(status.as_str())
                    .bind(now())
                    .bind(id.as_uuid())
                    .fetch_optional(&self.pool)
                    .await?
                    .ok_or(StoreError::NotFound("role"))?
                    .into_role()
            }

            // ---- candidates --------------------------------------------------------------

            pub async fn create_candidate(&self, new: &NewCandidate) -> Result<Candidate> {
                let mut conn = self.pool.acquire().await?;
                insert_candidate(&mut conn, new, now()).await
            }

            pub async fn candidate(&self, visibility: &Visibility, id: CandidateId) -> Result<Option<Candidate>> {
                let sql = format!(
                    "SELECT {CANDIDATE_COLUMNS} FROM candidates WHERE id = $1 AND {}",
                    visible_candidate("$2")
                );
                sqlx::query_as::<$db, CandidateRow>(&sql)
                    .bind(id.as_uuid())
                    .bind(assigned_user(visibility))
                    .fetch_optional(&self.pool)
                    .await?
                    .map(CandidateRow::into_candidate)
                    .transpose()
            }

            pub async fn list_candidates(&self, visibility: &Visibility, page: &PageRequest) -> Result<Page<Candidate>> {
                let sql = format!(
                    "SELECT {CANDIDATE_COLUMNS} FROM candidates WHERE ($1 IS NULL OR id < $1) AND {} \
                     ORDER BY id DESC LIMIT $2",
                    visible_candidate("$3")
                );
                let rows = sqlx::query_as::<$db, CandidateRow>(&sql)
                    .bind(page.after)
                    .bind(page.fetch_limit())
                    .bind(assigned_user(visibility))
                    .fetch_all(&self.pool)
                    .await?;
                let candidates =
                    rows.into_iter().map(CandidateRow::into_candidate).collect::<Result<Vec<_>>>()?;
                Ok(Page::from_rows(candidates, page, |c| c.id.as_uuid()))
            }

            /// Up to `limit` candidates with an id above `after`, lowest id first, whoever may see
            /// them: for building the matching index in batches without holding every row at once.
            pub async fn candidates_after(&self, after: Option<CandidateId>, limit: i64) -> Result<Vec<Candidate>> {
                let sql = format!(
                    "SELECT {CANDIDATE_COLUMNS} FROM candidates WHERE ($1 IS NULL OR id > $1) ORDER BY id LIMIT $2"
                );
                let rows = sqlx::query_as::<$db, CandidateRow>(&sql)
                    .bind(after.map(|c| c.as_uuid()))
                    .bind(limit)
                    .fetch_all(&self.pool)
                    .await?;
                rows.into_iter().map(CandidateRow::into_candidate).collect()
            }

            /// The candidate with this email, whoever may see them: imports match records by email.
            pub async fn candidate_by_email(&self, email: &Email) -> Result<Option<Candidate>> {
                let sql = format!("SELECT {CANDIDATE_COLUMNS} FROM candidates WHERE email = $1");
                sqlx::query_as::<$db, CandidateRow>(&sql)
                    .bind(email.as_str())
                    .fetch_optional(&self.pool)
                    .await?
                    .map(CandidateRow::into_candidate)
                    .transpose()
            }

            /// Replaces a candidate's fields with `new`'s; the id and `created_at` stay.
            pub async fn update_candidate(&self, id: CandidateId, new: &NewCandidate) -> Result<Candidate> {
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
                    .bind(now())
                    .bind(id.as_uuid());
                crate::queries::candidates::bind_profile!(query, profile)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(|e| {
                        if is_unique_violation(&e) {
                            StoreError::conflict("email", format!("a candidate with email {} already exists", new.email))
                        } else {
                            e.into()
                        }
                    })?
                    .ok_or(StoreError::NotFound("candidate"))?
                    .into_candidate()
            }

            // ---- applications ------------------------------------------------------------

            pub async fn create_application(&self, new: &NewApplication, actor: Option<UserId>) -> Result<Application> {
                let mut tx = self.begin().await?;
                let id = insert_application(&mut tx, new, actor, now()).await?;
                let application = fetch_application(&mut tx, id, None).await?;
                tx.commit().await?;
                application.ok_or(StoreError::NotFound("application"))
            }

            pub async fn application(&self, visibility: &Visibility, id: ApplicationId) -> Result<Option<Application>> {
                let mut conn = self.pool.acquire().await?;
                fetch_application(&mut conn, id.as_uuid(), assigned_user(visibility)).await
            }

            pub async fn list_applications(
                &self,
                visibility: &Visibility,
                filter: &ApplicationFilter,
                page: &PageRequest,
            ) -> Result<Page<Application>> {
                let sql = format!(
                    "{APPLICATION_SELECT} WHERE ($1 IS NULL OR a.id < $1) AND ($3 IS NULL OR a.role_id = $3) \
                     AND ($4 IS NULL OR a.candidate_id = $4) AND ($5 IS NULL OR a.stage = $5) AND {} \
                     ORDER BY a.id DESC LIMIT $2",
                    visible_application("$6")
                );
                let rows = sqlx::query_as::<$db, ApplicationRow>(&sql)
                    .bind(page.after)
                    .bind(page.fetch_limit())
                    .bind(filter.role_id.map(|r| r.as_uuid()))
                    .bind(filter.candidate_id.map(|c| c.as_uuid()))
                    .bind(filter.stage.map(|s| s.as_str()))
                    .bind(assigned_user(visibility))
                    .fetch_all(&self.pool)
                    .await?;
                let applications =
                    rows.into_iter().map(ApplicationRow::into_application).collect::<Result<Vec<_>>>()?;
                Ok(Page::from_rows(applications, page, |a| a.id.as_uuid()))
            }

            /// Every visible application of a role, most recently moved first: the pipeline board.
            pub async fn role_board(&self, visibility: &Visibility, role: RoleId) -> Result<Vec<Application>> {
                let sql = format!(
                    "{APPLICATION_SELECT} WHERE a.role_id = $1 AND {} ORDER BY a.updated_at DESC, a.id DESC",
                    visible_application("$2")
                );
                let rows = sqlx::query_as::<$db, ApplicationRow>(&sql)
                    .bind(role.as_uuid())
                    .bind(assigned_user(visibility))
                    .fetch_all(&self.pool)
                    .await?;
                rows.into_iter().map(ApplicationRow::into_application).collect()
            }

            /// Applies a planned move, only if the application is still where the plan found it, so
            /// two people moving the same card at once cannot silently overwrite each other.
            pub async fn move_application(
                &self,
                id: ApplicationId,
                planned: &StageMove,
                actor: Option<UserId>,
            ) -> Result<Application> {
                let mut tx = self.begin().await?;
                apply_move(&mut tx, id.as_uuid(), planned, actor, now()).await?;
                let application = fetch_application(&mut tx, id.as_uuid(), None).await?;
                tx.commit().await?;
                application.ok_or(StoreError::NotFound("application"))
            }

            pub async fn stage_history(&self, id: ApplicationId) -> Result<Vec<StageChange>> {
                // Oldest first; ids are time-ordered (v7), so ties in `at` keep the order of writing.
                let rows = sqlx::query_as::<$db, StageChangeRow>(
                    "SELECT sc.application_id, sc.from_stage, sc.to_stage, sc.reason, sc.actor_id, sc.at, \
                     sc.reason_code, sc.note, u.name AS actor_name FROM stage_changes sc \
                     LEFT JOIN users u ON u.id = sc.actor_id WHERE sc.application_id = $1 ORDER BY sc.id",
                )
                .bind(id.as_uuid())
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter().map(StageChangeRow::into_change).collect()
            }

            /// Assigns an interviewer to an application; assigning twice is not an error.
            pub async fn assign_interviewer(&self, application: ApplicationId, user: UserId) -> Result<()> {
                let mut tx = self.begin().await?;
                if !exists(&mut tx, "applications", application.as_uuid()).await? {
                    return Err(StoreError::NotFound("application"));
                }
                if !exists(&mut tx, "users", user.as_uuid()).await? {
                    return Err(StoreError::invalid("user_id", format!("no user with id {user}")));
                }
                sqlx::query(
                    "INSERT INTO interview_assignments (application_id, user_id, created_at) VALUES ($1, $2, $3) \
                     ON CONFLICT DO NOTHING",
                )
                .bind(application.as_uuid())
                .bind(user.as_uuid())
                .bind(now())
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(())
            }

            // ---- dashboard ---------------------------------------------------------------

            pub async fn dashboard(&self, visibility: &Visibility) -> Result<Dashboard> {
                let user = assigned_user(visibility);
                let open_roles = sqlx::query_scalar::<$db, i64>("SELECT COUNT(*) FROM roles WHERE status = 'open'")
                    .fetch_one(&self.pool)
                    .await?;
                let candidates = sqlx::query_scalar::<$db, i64>(&format!(
                    "SELECT COUNT(*) FROM candidates WHERE {}",
                    visible_candidate("$1")
                ))
                .bind(user)
                .fetch_one(&self.pool)
                .await?;
                let counts = sqlx::query_as::<$db, (String, i64)>(&format!(
                    "SELECT a.stage, COUNT(*) FROM applications a WHERE {} GROUP BY a.stage",
                    visible_application("$1")
                ))
                .bind(user)
                .fetch_all(&self.pool)
                .await?;
                let count_of = |stage: Stage| {
                    counts.iter().find(|(s, _)| s == stage.as_str()).map_or(0, |(_, n)| *n)
                };
                let by_stage: Vec<StageCount> =
                    Stage::BOARD.iter().map(|s| StageCount { stage: *s, count: count_of(*s) }).collect();
                let active_applications = Stage::ALL
                    .iter()
                    .filter(|s| !s.is_closed() && **s != Stage::Hired)
                    .map(|s| count_of(*s))
                    .sum();
                Ok(Dashboard { open_roles, candidates, active_applications, hired: count_of(Stage::Hired), by_stage })
            }
        }

        /// A condition limiting candidates to those the assigned user (`$n`, or NULL for all) may see.
        fn visible_candidate(param: &str) -> String {
            format!(
                "({param} IS NULL OR candidates.id IN (SELECT a2.candidate_id FROM applications a2 \
                 JOIN interview_assignments ia ON ia.application_id = a2.id WHERE ia.user_id = {param}))"
            )
        }

        /// A condition limiting applications (aliased `a`) to those the assigned user may see.
        fn visible_application(param: &str) -> String {
            format!(
                "({param} IS NULL OR a.id IN (SELECT ia.application_id FROM interview_assignments ia \
                 WHERE ia.user_id = {param}))"
            )
        }

        async fn insert_role(conn: &mut Conn, new: &NewRole, at: DateTime<Utc>) -> Result<Role> {
            if let Some(manager) = new.hiring_manager_id {
                if !exists(conn, "users", manager.as_uuid()).await? {
                    return Err(StoreError::invalid("hiring_manager_id", format!("no user with id {manager}")));
                }
            }
            let sql = format!(
                "INSERT INTO roles (id, title, level, primary_language, status, hiring_manager_id, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING {ROLE_COLUMNS}"
            );
            sqlx::query_as::<$db, RoleRow>(&sql)
                .bind(new_id())
                .bind(new.title.as_str())
                .bind(new.level.as_str())
                .bind(new.primary_language.as_str())
                .bind(new.status.as_str())
                .bind(new.hiring_manager_id.map(|m| m.as_uuid()))
                .bind(at)
                .fetch_one(&mut *conn)
                .await?
                .into_role()
        }

        async fn insert_candidate(conn: &mut Conn, new: &NewCandidate, at: DateTime<Utc>) -> Result<Candidate> {
            let sql = format!(
                "INSERT INTO candidates (id, name, email, location, region, skills, rate_amount, rate_currency, \
                 rate_period, created_at, updated_at, {}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, {}) \
                 RETURNING {CANDIDATE_COLUMNS}",
                crate::rows::PROFILE_COLUMNS.join(", "),
                crate::queries::candidates::profile_params(11)
            );
            let rate = new.expected_rate.as_ref();
            let profile = ProfileValues::of(&new.profile)?;
            let query = sqlx::query_as::<$db, CandidateRow>(&sql)
                .bind(new_id())
                .bind(new.name.as_str())
                .bind(new.email.as_str())
                .bind(new.location.as_ref().map(|l| l.as_str()))
                .bind(new.region.map(|r| r.as_str()))
                .bind(skills_json(&new.skills)?)
                .bind(rate.map(|r| r.amount))
                .bind(rate.map(|r| r.currency.as_str()))
                .bind(rate.map(|r| r.period.as_str()))
                .bind(at);
            crate::queries::candidates::bind_profile!(query, profile)
                .fetch_one(&mut *conn)
                .await
                .map_err(|e| {
                    if is_unique_violation(&e) {
                        StoreError::conflict("email", format!("a candidate with email {} already exists", new.email))
                    } else {
                        e.into()
                    }
                })?
                .into_candidate()
        }

        async fn insert_application(
            conn: &mut Conn,
            new: &NewApplication,
            actor: Option<UserId>,
            at: DateTime<Utc>,
        ) -> Result<Uuid> {
            let status: Option<String> = sqlx::query_scalar::<$db, String>("SELECT status FROM roles WHERE id = $1")
                .bind(new.role_id.as_uuid())
                .fetch_optional(&mut *conn)
                .await?;
            let Some(status) = status else {
                return Err(StoreError::invalid("role_id", format!("no role with id {}", new.role_id)));
            };
            let status: RoleStatus = crate::error::stored("role status", status.parse())?;
            if !status.accepts_applications() {
                return Err(StoreError::conflict(
                    "role_id",
                    format!("the role is {} and takes no new applications", status.label().to_lowercase()),
                ));
            }
            if !exists(conn, "candidates", new.candidate_id.as_uuid()).await? {
                return Err(StoreError::invalid("candidate_id", format!("no candidate with id {}", new.candidate_id)));
            }
            let id = new_id();
            sqlx::query(
                "INSERT INTO applications (id, role_id, candidate_id, stage, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $5)",
            )
            .bind(id)
            .bind(new.role_id.as_uuid())
            .bind(new.candidate_id.as_uuid())
            .bind(new.stage.as_str())
            .bind(at)
            .execute(&mut *conn)
            .await
            .map_err(|e| {
                if is_unique_violation(&e) {
                    StoreError::conflict("candidate_id", "this candidate already has an application for this role")
                } else {
                    e.into()
                }
            })?;
            let detail = crate::queries::decisions::ChangeDetail::default();
            record_change(conn, id, None, new.stage, detail, actor, at).await?;
            Ok(id)
        }

        async fn apply_move(
            conn: &mut Conn,
            id: Uuid,
            planned: &StageMove,
            actor: Option<UserId>,
            at: DateTime<Utc>,
        ) -> Result<()> {
            let detail = crate::queries::decisions::ChangeDetail::default();
            apply_move_with(conn, id, planned, detail, actor, at).await
        }

        /// The optimistic move plus its history row; a decision adds its reason code and note.
        async fn apply_move_with(
            conn: &mut Conn,
            id: Uuid,
            planned: &StageMove,
            detail: crate::queries::decisions::ChangeDetail<'_>,
            actor: Option<UserId>,
            at: DateTime<Utc>,
        ) -> Result<()> {
            let reason = planned.reason.as_ref().map(|r| r.as_str());
            let done = sqlx::query(
                "UPDATE applications SET stage = $1, stage_reason = $2, updated_at = $3 WHERE id = $4 AND stage = $5",
            )
            .bind(planned.to.as_str())
            .bind(reason)
            .bind(at)
            .bind(id)
            .bind(planned.from.as_str())
            .execute(&mut *conn)
            .await?;
            if done.rows_affected() == 0 {
                let current: Option<String> =
                    sqlx::query_scalar::<$db, String>("SELECT stage FROM applications WHERE id = $1")
                        .bind(id)
                        .fetch_optional(&mut *conn)
                        .await?;
                return Err(match current {
                    None => StoreError::NotFound("application"),
                    Some(now_in) => StoreError::conflict(
                        "stage",
                        format!(
                            "the application is no longer in '{}' (it is in '{now_in}' now); reload and try again",
                            planned.from
                        ),
                    ),
                });
            }
            let detail = crate::queries::decisions::ChangeDetail { reason, ..detail };
            record_change(conn, id, Some(planned.from), planned.to, detail, actor, at).await
        }

        async fn record_change(
            conn: &mut Conn,
            application: Uuid,
            from: Option<Stage>,
            to: Stage,
            detail: crate::queries::decisions::ChangeDetail<'_>,
            actor: Option<UserId>,
            at: DateTime<Utc>,
        ) -> Result<()> {
            // The history is append-only: this INSERT is the only statement that writes it.
            sqlx::query(
                "INSERT INTO stage_changes (id, application_id, from_stage, to_stage, reason, actor_id, at, \
                 reason_code, note) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            )
            .bind(new_id())
            .bind(application)
            .bind(from.map(|s| s.as_str()))
            .bind(to.as_str())
            .bind(detail.reason)
            .bind(actor.map(|a| a.as_uuid()))
            .bind(at)
            .bind(detail.reason_code)
            .bind(detail.note)
            .execute(&mut *conn)
            .await?;
            Ok(())
        }

        async fn fetch_application(conn: &mut Conn, id: Uuid, assigned: Option<Uuid>) -> Result<Option<Application>> {
            let sql = format!("{APPLICATION_SELECT} WHERE a.id = $1 AND {}", visible_application("$2"));
            sqlx::query_as::<$db, ApplicationRow>(&sql)
                .bind(id)
                .bind(assigned)
                .fetch_optional(&mut *conn)
                .await?
                .map(ApplicationRow::into_application)
                .transpose()
        }
    };
}

pub(crate) use pipeline;
