//! hireloop-bench: the matching benchmark behind `hireloop bench match`. One run generates a
//! seeded synthetic pool, then answers the same queries with hireloop's engine, SQL on SQLite, SQL
//! on PostgreSQL (when a URL is given) and a tantivy-only query, and reports latency, throughput on
//! all cores, build time and bytes per profile side by side, with the engine's speed-up over each.
//! Before anything is timed, every engine must return the same top-k for the filter-only queries.

pub mod engine_text;
pub mod mem;
pub mod report;
mod run;
pub mod spec;
pub mod sql;
mod sql_authorization;
pub mod sql_query;
pub mod sql_text;
pub mod text_index;

pub use report::{EngineReport, QueryTiming, Ratio, Report};
pub use run::run;

use serde::Serialize;

/// The engines a run can compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EngineKind {
    /// hireloop's in-memory matching engine.
    Engine,
    Sqlite,
    Postgres,
    Tantivy,
}

impl EngineKind {
    pub const ALL: [EngineKind; 4] = [
        EngineKind::Engine,
        EngineKind::Sqlite,
        EngineKind::Postgres,
        EngineKind::Tantivy,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EngineKind::Engine => "engine",
            EngineKind::Sqlite => "sqlite",
            EngineKind::Postgres => "postgres",
            EngineKind::Tantivy => "tantivy",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, String> {
        let raw = raw.trim().to_ascii_lowercase();
        Self::ALL
            .into_iter()
            .find(|e| e.as_str() == raw)
            .ok_or_else(|| {
                format!("unknown engine '{raw}'; expected engine, sqlite, postgres or tantivy")
            })
    }
}

/// What to run.
#[derive(Debug, Clone)]
pub struct Config {
    /// Profiles in the synthetic pool.
    pub pool: usize,
    /// Timed queries per engine, taken in turn from the standard mix.
    pub queries: usize,
    pub seed: u64,
    /// Results per query (top-k).
    pub page: usize,
    /// Worker threads (and database connections) for the throughput run.
    pub threads: usize,
    pub engines: Vec<EngineKind>,
    /// A PostgreSQL server to create the throw-away database on.
    pub postgres_url: Option<String>,
}

impl Config {
    /// All engines, all cores, top 20.
    pub fn new(pool: usize, queries: usize, seed: u64) -> Self {
        Self {
            pool,
            queries,
            seed,
            page: 20,
            threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
            engines: EngineKind::ALL.to_vec(),
            postgres_url: None,
        }
    }
}

/// Progress of the long phases (generating the pool, loading, indexing, querying).
pub trait Progress: Send + Sync {
    fn start(&self, phase: &str, len: u64);
    fn inc(&self, n: u64);
    fn finish(&self);
}

/// No progress output (tests, JSON runs without a terminal).
pub struct NoProgress;

impl Progress for NoProgress {
    fn start(&self, _: &str, _: u64) {}
    fn inc(&self, _: u64) {}
    fn finish(&self) {}
}

#[derive(Debug, thiserror::Error)]
pub enum BenchError {
    /// A setting that cannot be run, naming it.
    #[error("{field}: {message}")]
    Invalid { field: String, message: String },
    /// Two engines answered a filter-only query differently.
    #[error("engines disagree: {0}")]
    Disagree(String),
    #[error("engine: {0}")]
    Engine(String),
    #[error("sql: {0}")]
    Sql(String),
    #[error("tantivy: {0}")]
    Tantivy(String),
    #[error("{0}")]
    Io(String),
}

impl BenchError {
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        BenchError::Invalid {
            field: field.into(),
            message: message.into(),
        }
    }
}
