//! Queries for installation-wide data: uploaded market data files and the one-shot demo data set.

macro_rules! setup {
    ($db:ty) => {
        impl Queries {
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
                    let inserted = insert_role(&mut tx, &new, demo.now).await?;
                    if let Some(text) = &role.scorecard {
                        sqlx::query("UPDATE roles SET scorecard = $1, scorecard_updated_at = $2 WHERE id = $3")
                            .bind(crate::queries::scorecards::canonical(text)?)
                            .bind(demo.now)
                            .bind(inserted.id.as_uuid())
                            .execute(&mut *tx)
                            .await?;
                    }
                    roles.push(inserted);
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


    };
}

pub(crate) use setup;
