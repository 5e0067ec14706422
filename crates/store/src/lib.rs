//! hireloop-store: persistence on SQLite (the embedded default) and PostgreSQL.
//!
//! `Store` is one face over both backends. The queries are written once (`queries.rs`) and expanded
//! per backend; migrations are per backend (`migrations/sqlite`, `migrations/postgres`). The same
//! behaviour suite runs against both (`tests/`). Here: opening and migrating; `Store`'s other
//! methods are in `facade/`, one file per area.

pub mod demo;
mod error;
mod postgres;
mod queries;
pub mod records;
mod rows;
mod sqlite;
#[cfg(feature = "testing")]
pub mod testing;

pub use error::{Result, StoreError};
/// Re-exported so callers can classify database failures without depending on sqlx.
pub use sqlx::Error as SqlxError;

/// The database behind hireloop. Cheap to clone: it holds a connection pool.
#[derive(Clone, Debug)]
pub struct Store {
    backend: Backend,
}

#[derive(Clone, Debug)]
enum Backend {
    Sqlite(sqlite::Queries),
    Postgres(postgres::Queries),
}

/// What `Store::migrate` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MigrationReport {
    /// Schema version before, None for a new database.
    pub from_version: Option<i64>,
    pub to_version: i64,
}

/// Calls the same method on whichever backend is in use.
macro_rules! dispatch {
    ($self:ident.$method:ident($($arg:expr),*)) => {
        match &$self.backend {
            Backend::Sqlite(q) => q.$method($($arg),*).await,
            Backend::Postgres(q) => q.$method($($arg),*).await,
        }
    };
}

// After `dispatch!`, which it uses (macros are in scope only below their definition).
pub mod pool_changes;
// Duplicates and merges, after `dispatch!` too.
pub mod merges;
// The rest of `Store`'s methods, by area, after `dispatch!` too.
mod facade;

/// Options for opening a store.
#[derive(Debug, Clone, Copy)]
pub struct ConnectOptions {
    /// PostgreSQL pool size; SQLite uses a fixed small pool.
    pub max_connections: u32,
}

impl Default for ConnectOptions {
    fn default() -> Self {
        Self {
            max_connections: 10,
        }
    }
}

impl Store {
    /// Connects without migrating. `sqlite://PATH` (the file is created if missing) or `postgres://…`.
    pub async fn connect(url: &str, options: ConnectOptions) -> Result<Store> {
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite(sqlite::connect(url).await?)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres(postgres::connect(url, options.max_connections).await?)
        } else {
            return Err(StoreError::UnsupportedUrl(redact(url)));
        };
        Ok(Store { backend })
    }

    /// Connects and brings the schema up to date: what `serve` does at start-up.
    pub async fn open(url: &str, options: ConnectOptions) -> Result<Store> {
        let store = Store::connect(url, options).await?;
        store.migrate().await?;
        Ok(store)
    }

    /// "sqlite" or "postgres".
    pub fn backend_name(&self) -> &'static str {
        match self.backend {
            Backend::Sqlite(_) => "sqlite",
            Backend::Postgres(_) => "postgres",
        }
    }

    /// Applies pending migrations. A database migrated by a newer hireloop is refused, untouched.
    pub async fn migrate(&self) -> Result<MigrationReport> {
        let (migrator, from_version, result) = match &self.backend {
            Backend::Sqlite(q) => {
                let from = schema_version(&q.pool).await;
                (&sqlite::MIGRATOR, from, sqlite::MIGRATOR.run(&q.pool).await)
            }
            Backend::Postgres(q) => {
                let from = schema_version(&q.pool).await;
                (
                    &postgres::MIGRATOR,
                    from,
                    postgres::MIGRATOR.run(&q.pool).await,
                )
            }
        };
        let known = migrator.iter().map(|m| m.version).max().unwrap_or(0);
        match result {
            Ok(()) => Ok(MigrationReport {
                from_version,
                to_version: known,
            }),
            Err(sqlx::migrate::MigrateError::VersionMissing(found)) => {
                Err(StoreError::SchemaTooNew { found, known })
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Whether the database answers: what `/readyz` asks.
    pub async fn ping(&self) -> Result<()> {
        dispatch!(self.ping())
    }

    /// Closes the pool; waits for connections in use to be returned.
    pub async fn close(&self) {
        dispatch!(self.close())
    }
}

/// The schema version a database is at, None if it was never migrated.
async fn schema_version<DB: sqlx::Database>(pool: &sqlx::Pool<DB>) -> Option<i64>
where
    for<'c> &'c sqlx::Pool<DB>: sqlx::Executor<'c, Database = DB>,
    i64: sqlx::Type<DB> + for<'r> sqlx::Decode<'r, DB>,
    for<'q> <DB as sqlx::Database>::Arguments<'q>: sqlx::IntoArguments<'q, DB>,
    usize: sqlx::ColumnIndex<DB::Row>,
{
    sqlx::query_scalar::<DB, Option<i64>>("SELECT MAX(version) FROM _sqlx_migrations WHERE success")
        .fetch_one(pool)
        .await
        .ok()
        .flatten()
}

/// Hides a password in a URL before it reaches an error message or a log.
pub fn redact(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) if parsed.password().is_some() => {
            let _ = parsed.set_password(Some("***"));
            parsed.to_string()
        }
        _ => url.to_string(),
    }
}
