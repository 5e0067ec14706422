//! The SQLite backend: one file, WAL, foreign keys on, `synchronous=FULL` so that an acknowledged
//! write survives a power cut.

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use std::str::FromStr;
use std::time::Duration;

crate::queries::queries!(sqlx::Sqlite, "BEGIN IMMEDIATE");

pub(crate) static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

pub(crate) async fn connect(url: &str) -> Result<Queries> {
    let options = SqliteConnectOptions::from_str(url)
        .map_err(|e| StoreError::Connect(format!("{url}: {e}")))?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full)
        .foreign_keys(true)
        // Writers queue on the lock for up to this long instead of failing at once.
        .busy_timeout(Duration::from_secs(10));
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        .connect_with(options)
        .await
        .map_err(|e| StoreError::Connect(format!("{url}: {e}")))?;
    Ok(Queries { pool })
}
