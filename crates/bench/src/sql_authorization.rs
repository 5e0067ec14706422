//! Work authorization in the SQL baseline: one row per (profile, country code or region name) in
//! `profile_work_authorization`, loaded with each batch of profiles. Most profiles have none, so
//! the table is small; the allowed-countries filter looks it up by code (`sql_query`).

use hireloop_match::Profile;
use sqlx::{Postgres, QueryBuilder, Sqlite, Transaction};

pub const SQLITE_TABLE: &str = "CREATE TABLE profile_work_authorization (
        profile_id INTEGER NOT NULL REFERENCES profiles (id),
        code TEXT NOT NULL,
        PRIMARY KEY (profile_id, code)) WITHOUT ROWID";

pub const PG_TABLE: &str = "CREATE TABLE profile_work_authorization (
        profile_id integer NOT NULL,
        code text NOT NULL,
        PRIMARY KEY (profile_id, code))";

/// Code → profiles, for the filter's semi-join.
pub const INDEX: &str =
    "CREATE INDEX work_authorization_by_code ON profile_work_authorization (code, profile_id)";

pub const PG_FOREIGN_KEY: &str =
    "ALTER TABLE profile_work_authorization ADD FOREIGN KEY (profile_id) REFERENCES profiles (id)";

/// (profile row id, code) for a batch whose first profile has row id `first + 1`.
fn rows(first: usize, batch: &[Profile]) -> Vec<(i32, String)> {
    let mut rows = Vec::new();
    for (j, p) in batch.iter().enumerate() {
        let mut codes: Vec<String> = p.work_authorization.iter().map(|a| a.to_string()).collect();
        codes.sort_unstable();
        codes.dedup();
        rows.extend(codes.into_iter().map(|c| ((first + j + 1) as i32, c)));
    }
    rows
}

pub async fn load_sqlite(
    tx: &mut Transaction<'_, Sqlite>,
    first: usize,
    batch: &[Profile],
) -> Result<(), sqlx::Error> {
    let rows = rows(first, batch);
    // 2 parameters a row: far under SQLite's limit for a batch of a few thousand profiles.
    for chunk in rows.chunks(8_000) {
        let mut q = QueryBuilder::new("INSERT INTO profile_work_authorization (profile_id, code) ");
        q.push_values(chunk, |mut b, (id, code)| {
            b.push_bind(i64::from(*id)).push_bind(code.clone());
        });
        q.build().execute(&mut **tx).await?;
    }
    Ok(())
}

pub async fn load_postgres(
    tx: &mut Transaction<'_, Postgres>,
    first: usize,
    batch: &[Profile],
) -> Result<(), sqlx::Error> {
    let (ids, codes): (Vec<i32>, Vec<String>) = rows(first, batch).into_iter().unzip();
    if ids.is_empty() {
        return Ok(());
    }
    sqlx::query(
        "INSERT INTO profile_work_authorization (profile_id, code) \
         SELECT * FROM UNNEST($1::int4[], $2::text[])",
    )
    .bind(ids)
    .bind(codes)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
