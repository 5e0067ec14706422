//! Queries for users, browser sessions and API tokens (expanded per backend by `queries!`).

macro_rules! accounts {
    ($db:ty) => {
        impl Queries {
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
    };
}

pub(crate) use accounts;
