//! Every query, written once. `queries!` expands to a `Queries` type for one sqlx backend; the SQL
//! is the common subset of SQLite and PostgreSQL (numbered `$n` parameters work on both), so the two
//! backends cannot drift apart in behaviour. Schema differences live in the per-backend migrations.

use crate::error::StoreError;
use chrono::{DateTime, SubsecRound, Utc};
use hireloop_core::authz::{Scope, Visibility};
use uuid::Uuid;

/// Now, at the microsecond precision PostgreSQL keeps, so a value reads back exactly as written.
pub(crate) fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}

pub(crate) fn new_id() -> Uuid {
    Uuid::now_v7()
}

/// The user whose assignments limit what is visible, or None when everything is.
pub(crate) fn assigned_user(visibility: &Visibility) -> Option<Uuid> {
    match visibility.scope() {
        Scope::All => None,
        Scope::AssignedTo(user) => Some(user.as_uuid()),
    }
}

pub(crate) fn skills_json(
    skills: &[hireloop_core::candidate::SkillTag],
) -> Result<String, StoreError> {
    serde_json::to_string(skills).map_err(|e| StoreError::Corrupt(format!("skills: {e}")))
}

/// Expands to the `Queries` type for one backend. `$begin` is the statement that opens a write
/// transaction: SQLite needs `BEGIN IMMEDIATE` so that two writers queue on the lock instead of one
/// failing when it upgrades from reading to writing.
macro_rules! queries {
    ($db:ty, $begin:literal) => {
        use crate::error::{is_unique_violation, Result, StoreError};
        use crate::queries::{assigned_user, new_id, now, skills_json};
        use crate::records::{ApiToken, ApplicationFilter, Dashboard, MarketFile, Session, StageCount};
        use crate::rows::*;
        use crate::demo::{DemoOutcome, DemoSet};
        use chrono::{DateTime, Utc};
        use hireloop_core::application::{Application, NewApplication, StageChange};
        use hireloop_core::authz::Visibility;
        use hireloop_core::candidate::{Candidate, NewCandidate};
        use hireloop_core::email::Email;
        use hireloop_core::ids::*;
        use hireloop_core::page::{Page, PageRequest};
        use hireloop_core::pipeline::{Stage, StageMove};
        use hireloop_core::role::{NewRole, Role, RoleStatus};
        use hireloop_core::user::{NewUser, User};
        use uuid::Uuid;

        type Conn = <$db as sqlx::Database>::Connection;

        #[derive(Clone, Debug)]
        pub struct Queries {
            pub(crate) pool: sqlx::Pool<$db>,
        }

        impl Queries {
            async fn begin(&self) -> Result<sqlx::Transaction<'static, $db>> {
                Ok(self.pool.begin_with($begin).await?)
            }

            pub async fn ping(&self) -> Result<()> {
                sqlx::query("SELECT 1").execute(&self.pool).await?;
                Ok(())
            }

            pub async fn close(&self) {
                self.pool.close().await;
            }

            // ---- users -------------------------------------------------------------------

            pub async fn create_user(&self, new: &NewUser, password_hash: &str) -> Result<User> {
                let mut conn = self.pool.acquire().await?;
                insert_user(&mut conn, new, password_hash, now()).await
            }

            pub async fn user(&self, id: UserId) -> Result<Option<User>> {
                let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1");
                sqlx::query_as::<$db, UserRow>(&sql)
                    .bind(id.as_uuid())
                    .fetch_optional(&self.pool)
                    .await?
                    .map(UserRow::into_user)
                    .transpose()
            }

            pub async fn user_credentials(&self, email: &Email) -> Result<Option<(User, String)>> {
                let sql = format!("SELECT {USER_COLUMNS}, password_hash FROM users WHERE email = $1");
                let row = sqlx::query(&sql).bind(email.as_str()).fetch_optional(&self.pool).await?;
                let Some(row) = row else { return Ok(None) };
                use sqlx::{FromRow, Row};
                let hash: String = row.try_get("password_hash")?;
                Ok(Some((UserRow::from_row(&row)?.into_user()?, hash)))
            }

            pub async fn user_by_email(&self, email: &Email) -> Result<Option<User>> {
                Ok(self.user_credentials(email).await?.map(|(user, _)| user))
            }

            pub async fn set_password(&self, id: UserId, password_hash: &str) -> Result<()> {
                let done = sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
                    .bind(password_hash)
                    .bind(id.as_uuid())
                    .execute(&self.pool)
                    .await?;
                if done.rows_affected() == 0 {
                    return Err(StoreError::NotFound("user"));
                }
                // A new password ends every session that the old one opened.
                sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                    .bind(id.as_uuid())
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            pub async fn list_users(&self, page: &PageRequest) -> Result<Page<User>> {
                let sql = format!(
                    "SELECT {USER_COLUMNS} FROM users WHERE ($1 IS NULL OR id < $1) ORDER BY id DESC LIMIT $2"
                );
                let rows = sqlx::query_as::<$db, UserRow>(&sql)
                    .bind(page.after)
                    .bind(page.fetch_limit())
                    .fetch_all(&self.pool)
                    .await?;
                let users = rows.into_iter().map(UserRow::into_user).collect::<Result<Vec<_>>>()?;
                Ok(Page::from_rows(users, page, |u| u.id.as_uuid()))
            }

            pub async fn count_users(&self) -> Result<i64> {
                Ok(sqlx::query_scalar::<$db, i64>("SELECT COUNT(*) FROM users")
                    .fetch_one(&self.pool)
                    .await?)
            }

            // ---- sessions ----------------------------------------------------------------

            pub async fn create_session(
                &self,
                token_hash: &str,
                user: UserId,
                csrf_token: &str,
                expires_at: DateTime<Utc>,
            ) -> Result<()> {
                sqlx::query(
                    "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) \
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(token_hash)
                .bind(user.as_uuid())
                .bind(csrf_token)
                .bind(now())
                .bind(expires_at)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            /// The live session for a token hash; expired sessions are deleted on sight.
            pub async fn session(&self, token_hash: &str) -> Result<Option<Session>> {
                let sql = format!(
                    "SELECT u.id, u.email, u.name, u.role, u.created_at, s.csrf_token, s.expires_at \
                     FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1"
                );
                let row = sqlx::query(&sql).bind(token_hash).fetch_optional(&self.pool).await?;
                let Some(row) = row else { return Ok(None) };
                use sqlx::{FromRow, Row};
                let expires_at: DateTime<Utc> = row.try_get("expires_at")?;
                if expires_at <= Utc::now() {
                    self.delete_session(token_hash).await?;
                    return Ok(None);
                }
                Ok(Some(Session {
                    user: UserRow::from_row(&row)?.into_user()?,
                    csrf_token: row.try_get("csrf_token")?,
                    expires_at,
                }))
            }

            pub async fn delete_session(&self, token_hash: &str) -> Result<()> {
                sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
                    .bind(token_hash)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            // ---- API tokens --------------------------------------------------------------

            pub async fn create_api_token(&self, user: UserId, name: &str, token_hash: &str) -> Result<ApiToken> {
                let id = new_id();
                let row = sqlx::query_as::<$db, ApiTokenRow>(
                    "INSERT INTO api_tokens (id, user_id, name, token_hash, created_at) VALUES ($1, $2, $3, $4, $5) \
                     RETURNING id, user_id, name, created_at, last_used_at, revoked_at",
                )
                .bind(id)
                .bind(user.as_uuid())
                .bind(name)
                .bind(token_hash)
                .bind(now())
                .fetch_one(&self.pool)
                .await?;
                Ok(row.into())
            }

            /// The user a live (unrevoked) token acts for; records that the token was used.
            pub async fn user_for_api_token(&self, token_hash: &str) -> Result<Option<(User, ApiTokenId)>> {
                let row = sqlx::query(
                    "SELECT u.id, u.email, u.name, u.role, u.created_at, t.id AS token_id \
                     FROM api_tokens t JOIN users u ON u.id = t.user_id \
                     WHERE t.token_hash = $1 AND t.revoked_at IS NULL",
                )
                .bind(token_hash)
                .fetch_optional(&self.pool)
                .await?;
                let Some(row) = row else { return Ok(None) };
                use sqlx::{FromRow, Row};
                let token_id: Uuid = row.try_get("token_id")?;
                sqlx::query("UPDATE api_tokens SET last_used_at = $1 WHERE id = $2")
                    .bind(now())
                    .bind(token_id)
                    .execute(&self.pool)
                    .await?;
                Ok(Some((UserRow::from_row(&row)?.into_user()?, token_id.into())))
            }

            pub async fn list_api_tokens(&self, user: UserId) -> Result<Vec<ApiToken>> {
                let rows = sqlx::query_as::<$db, ApiTokenRow>(
                    "SELECT id, user_id, name, created_at, last_used_at, revoked_at FROM api_tokens \
                     WHERE user_id = $1 ORDER BY id DESC",
                )
                .bind(user.as_uuid())
                .fetch_all(&self.pool)
                .await?;
                Ok(rows.into_iter().map(Into::into).collect())
            }

            /// Revokes a token. With `owner`, only that user's token; revoking twice is not an error.
            pub async fn revoke_api_token(&self, owner: Option<UserId>, id: ApiTokenId) -> Result<ApiToken> {
                let row = sqlx::query_as::<$db, ApiTokenRow>(
                    "UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, $1) \
                     WHERE id = $2 AND ($3 IS NULL OR user_id = $3) \
                     RETURNING id, user_id, name, created_at, last_used_at, revoked_at",
                )
                .bind(now())
                .bind(id.as_uuid())
                .bind(owner.map(|o| o.as_uuid()))
                .fetch_optional(&self.pool)
                .await?;
                row.map(Into::into).ok_or(StoreError::NotFound("API token"))
            }

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
                let rows = sqlx::query_as::<$db, StageChangeRow>(
                    "SELECT application_id, from_stage, to_stage, reason, actor_id, at FROM stage_changes \
                     WHERE application_id = $1 ORDER BY id",
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

            // ---- market data files ------------------------------------------------------

            /// By name in byte order: sorted here, as PostgreSQL's collation may order `_` and `-` otherwise.
            pub async fn list_market_files(&self) -> Result<Vec<MarketFile>> {
                let rows = sqlx::query_as::<$db, MarketFileRow>(
                    "SELECT name, content, uploaded_by, uploaded_at FROM market_files",
                )
                .fetch_all(&self.pool)
                .await?;
                let mut files: Vec<MarketFile> = rows.into_iter().map(Into::into).collect();
                files.sort_by(|a, b| a.name.cmp(&b.name));
                Ok(files)
            }

            /// Stores a file, replacing an earlier upload of the same name.
            pub async fn put_market_file(&self, name: &str, content: &str, by: Option<UserId>) -> Result<MarketFile> {
                let row = sqlx::query_as::<$db, MarketFileRow>(
                    "INSERT INTO market_files (name, content, uploaded_by, uploaded_at) VALUES ($1, $2, $3, $4) \
                     ON CONFLICT (name) DO UPDATE SET content = excluded.content, \
                     uploaded_by = excluded.uploaded_by, uploaded_at = excluded.uploaded_at \
                     RETURNING name, content, uploaded_by, uploaded_at",
                )
                .bind(name)
                .bind(content)
                .bind(by.map(|u| u.as_uuid()))
                .bind(now())
                .fetch_one(&self.pool)
                .await?;
                Ok(row.into())
            }

            pub async fn delete_market_file(&self, name: &str) -> Result<()> {
                let done = sqlx::query("DELETE FROM market_files WHERE name = $1")
                    .bind(name)
                    .execute(&self.pool)
                    .await?;
                if done.rows_affected() == 0 {
                    return Err(StoreError::NotFound("market data file"));
                }
                Ok(())
            }

            // ---- demo data ---------------------------------------------------------------

            /// Loads a demo data set in one transaction, once: a second call finds the marker and
            /// changes nothing.
            pub async fn load_demo(&self, demo: &DemoSet) -> Result<DemoOutcome> {
                let mut tx = self.begin().await?;
                let loaded: Option<String> =
                    sqlx::query_scalar::<$db, String>("SELECT value FROM settings WHERE key = 'demo_data'")
                        .fetch_optional(&mut *tx)
                        .await?;
                if loaded.is_some() {
                    return Ok(DemoOutcome::AlreadyLoaded);
                }
                let mut users = Vec::with_capacity(demo.users.len());
                for (user, hash) in &demo.users {
                    users.push(insert_user(&mut tx, user, hash, demo.now).await?);
                }
                let mut roles = Vec::with_capacity(demo.roles.len());
                for role in &demo.roles {
                    let mut new = role.role.clone();
                    new.hiring_manager_id = role.hiring_manager.and_then(|i| users.get(i)).map(|u| u.id);
                    roles.push(insert_role(&mut tx, &new, demo.now).await?);
                }
                let mut candidates = Vec::with_capacity(demo.candidates.len());
                for candidate in &demo.candidates {
                    candidates.push(insert_candidate(&mut tx, candidate, demo.now).await?);
                }
                let mut applications = 0;
                for app in &demo.applications {
                    let (Some(role), Some(candidate)) = (roles.get(app.role), candidates.get(app.candidate)) else {
                        return Err(StoreError::Corrupt("demo application refers to a missing role or candidate".into()));
                    };
                    let new = NewApplication { role_id: role.id, candidate_id: candidate.id, stage: Stage::Sourced };
                    let id = insert_application(&mut tx, &new, None, app.created_at).await?;
                    for (planned, at) in &app.moves {
                        apply_move(&mut tx, id, planned, None, *at).await?;
                    }
                    if let Some(interviewer) = app.interviewer.and_then(|i| users.get(i)) {
                        sqlx::query("INSERT INTO interview_assignments (application_id, user_id, created_at) VALUES ($1, $2, $3)")
                            .bind(id)
                            .bind(interviewer.id.as_uuid())
                            .bind(demo.now)
                            .execute(&mut *tx)
                            .await?;
                    }
                    applications += 1;
                }
                sqlx::query("INSERT INTO settings (key, value) VALUES ('demo_data', $1)")
                    .bind(demo.now.to_rfc3339())
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(DemoOutcome::Loaded { users: users.len(), roles: roles.len(), candidates: candidates.len(), applications })
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

        async fn exists(conn: &mut Conn, table: &'static str, id: Uuid) -> Result<bool> {
            let sql = format!("SELECT COUNT(*) FROM {table} WHERE id = $1");
            let n = sqlx::query_scalar::<$db, i64>(&sql).bind(id).fetch_one(&mut *conn).await?;
            Ok(n > 0)
        }

        async fn insert_user(conn: &mut Conn, new: &NewUser, password_hash: &str, at: DateTime<Utc>) -> Result<User> {
            let sql = format!(
                "INSERT INTO users (id, email, name, role, password_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6) \
                 RETURNING {USER_COLUMNS}"
            );
            let row = sqlx::query_as::<$db, UserRow>(&sql)
                .bind(new_id())
                .bind(new.email.as_str())
                .bind(new.name.as_str())
                .bind(new.role.as_str())
                .bind(password_hash)
                .bind(at)
                .fetch_one(&mut *conn)
                .await
                .map_err(|e| {
                    if is_unique_violation(&e) {
                        StoreError::conflict("email", format!("a user with email {} already exists", new.email))
                    } else {
                        e.into()
                    }
                })?;
            row.into_user()
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
                 rate_period, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) \
                 RETURNING {CANDIDATE_COLUMNS}"
            );
            let rate = new.expected_rate.as_ref();
            sqlx::query_as::<$db, CandidateRow>(&sql)
                .bind(new_id())
                .bind(new.name.as_str())
                .bind(new.email.as_str())
                .bind(new.location.as_ref().map(|l| l.as_str()))
                .bind(new.region.map(|r| r.as_str()))
                .bind(skills_json(&new.skills)?)
                .bind(rate.map(|r| r.amount))
                .bind(rate.map(|r| r.currency.as_str()))
                .bind(rate.map(|r| r.period.as_str()))
                .bind(at)
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
            record_change(conn, id, None, new.stage, None, actor, at).await?;
            Ok(id)
        }

        async fn apply_move(
            conn: &mut Conn,
            id: Uuid,
            planned: &StageMove,
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
            record_change(conn, id, Some(planned.from), planned.to, reason, actor, at).await
        }

        async fn record_change(
            conn: &mut Conn,
            application: Uuid,
            from: Option<Stage>,
            to: Stage,
            reason: Option<&str>,
            actor: Option<UserId>,
            at: DateTime<Utc>,
        ) -> Result<()> {
            sqlx::query(
                "INSERT INTO stage_changes (id, application_id, from_stage, to_stage, reason, actor_id, at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(new_id())
            .bind(application)
            .bind(from.map(|s| s.as_str()))
            .bind(to.as_str())
            .bind(reason)
            .bind(actor.map(|a| a.as_uuid()))
            .bind(at)
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

pub(crate) use queries;
