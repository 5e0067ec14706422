//! The store's one error type. Variants say what went wrong in domain words; the server maps them to
//! HTTP once, the CLI to exit codes.

use hireloop_core::ValidationErrors;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Input that parsed but does not fit what is stored (e.g. a hiring manager id that names no user).
    #[error("invalid input: {0}")]
    Invalid(ValidationErrors),
    /// The write would break a rule about what is already stored: a duplicate email, a stale move.
    #[error("{message}")]
    Conflict {
        field: Option<&'static str>,
        message: String,
    },
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error(
        "the database has schema version {found}, newer than this hireloop binary knows (up to {known}); \
         upgrade hireloop before using this database"
    )]
    SchemaTooNew { found: i64, known: i64 },
    #[error("cannot open the database: {0}")]
    Connect(String),
    #[error("unsupported database URL '{0}': use sqlite://PATH or postgres://USER@HOST/DB")]
    UnsupportedUrl(String),
    /// A stored value that no longer parses: the database was edited by hand or by a broken build.
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

impl StoreError {
    pub(crate) fn invalid(field: &str, message: impl Into<String>) -> Self {
        StoreError::Invalid(ValidationErrors::single(field, message))
    }

    pub(crate) fn conflict(field: &'static str, message: impl Into<String>) -> Self {
        StoreError::Conflict {
            field: Some(field),
            message: message.into(),
        }
    }
}

/// Whether `err` is a unique-constraint violation, the same on SQLite and PostgreSQL.
pub(crate) fn is_unique_violation(err: &sqlx::Error) -> bool {
    err.as_database_error()
        .is_some_and(|e| e.kind() == sqlx::error::ErrorKind::UniqueViolation)
}

/// Reads a stored value through its domain parser, calling a failure corruption rather than bad input.
pub(crate) fn stored<T>(what: &str, parsed: Result<T, String>) -> Result<T> {
    parsed.map_err(|m| StoreError::Corrupt(format!("{what}: {m}")))
}
