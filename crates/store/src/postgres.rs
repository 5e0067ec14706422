//! The PostgreSQL backend, for teams that run several hireloop servers against one database.

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use std::str::FromStr;
use std::time::Duration;

crate::queries::queries!(sqlx::Postgres, "BEGIN");

pub(crate) static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

pub(crate) async fn connect(url: &str, max_connections: u32) -> Result<Queries> {
    let options =
        PgConnectOptions::from_str(url).map_err(|e| StoreError::Connect(format!("{e}")))?;
    let pool = PgPoolOptions::new()
        .max_connections(max_connections)
        .acquire_timeout(Duration::from_secs(10))
        .connect_with(options)
        .await
        .map_err(|e| StoreError::Connect(format!("{e}")))?;
    Ok(Queries { pool })
}
