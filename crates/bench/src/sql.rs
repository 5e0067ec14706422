//! The SQL baseline: the synthetic pool in a normalised schema (skills, profiles, profile_skills,
//! profile_work_authorization) on SQLite (a temporary file, the product's WAL settings) or on a throw-away PostgreSQL database,
//! bulk-loaded in batched transactions, then indexed and analysed. Queries come from `sql_query`.

use crate::spec::{
    engagement_bit, expand_skills, hourly, vetting_name, work_modes_column, Spec, YEARS_UNKNOWN,
};
use crate::sql_authorization;
use crate::sql_query::{self, Dialect, Param, SqlText};
use crate::{BenchError, Progress};
use hireloop_match::{Profile, Taxonomy};
use rand::Rng;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{ConnectOptions, Executor, PgPool, QueryBuilder, Row, SqlitePool};
use std::path::PathBuf;
use std::str::FromStr;
use std::sync::Mutex;
use uuid::Uuid;

/// Profiles per SQLite statement (11 parameters each, under SQLite's 32,766) and transaction.
const SQLITE_BATCH: usize = 2_000;
/// Skill rows per SQLite statement (4 parameters each).
const SQLITE_SKILL_ROWS: usize = 8_000;
/// Profiles per PostgreSQL transaction (sent as arrays: one statement per table).
const PG_BATCH: usize = 10_000;

/// Indexes a real deployment would have for these queries; created after the bulk load.
const INDEXES: &[&str] = &[
    // Required skills (with minimum years) → candidates: the selective filter of most queries.
    "CREATE INDEX profile_skills_by_skill ON profile_skills (skill_id, years, profile_id)",
    "CREATE INDEX profiles_by_region_level ON profiles (region, level)",
    "CREATE INDEX profiles_by_country ON profiles (country)",
    sql_authorization::INDEX,
];

const SQLITE_SCHEMA: &[&str] = &[
    "CREATE TABLE skills (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, name TEXT NOT NULL, category TEXT NOT NULL)",
    "CREATE TABLE profiles (
        id INTEGER PRIMARY KEY,
        candidate_id BLOB NOT NULL UNIQUE,
        level TEXT NOT NULL,
        region TEXT NOT NULL,
        country TEXT NOT NULL,
        utc_offset_minutes INTEGER NOT NULL,
        rate_hourly_usd REAL,
        available_from TEXT NOT NULL,
        vetting TEXT NOT NULL,
        engagements INTEGER NOT NULL,
        work_modes INTEGER NOT NULL)",
    "CREATE TABLE profile_skills (
        profile_id INTEGER NOT NULL REFERENCES profiles (id),
        skill_id INTEGER NOT NULL REFERENCES skills (id),
        years REAL,
        implied INTEGER NOT NULL,
        PRIMARY KEY (profile_id, skill_id)) WITHOUT ROWID",
    sql_authorization::SQLITE_TABLE,
];

const PG_SCHEMA: &[&str] = &[
    "CREATE TABLE skills (id integer PRIMARY KEY, key text NOT NULL UNIQUE, name text NOT NULL, category text NOT NULL)",
    "CREATE TABLE profiles (
        id integer PRIMARY KEY,
        candidate_id uuid NOT NULL UNIQUE,
        level text NOT NULL,
        region text NOT NULL,
        country text NOT NULL,
        utc_offset_minutes integer NOT NULL,
        rate_hourly_usd real,
        available_from date NOT NULL,
        vetting text NOT NULL,
        engagements integer NOT NULL,
        work_modes integer NOT NULL)",
    "CREATE TABLE profile_skills (
        profile_id integer NOT NULL,
        skill_id integer NOT NULL,
        years real,
        implied boolean NOT NULL,
        PRIMARY KEY (profile_id, skill_id))",
    sql_authorization::PG_TABLE,
];

/// Foreign keys are added after the load on PostgreSQL (one validating pass instead of a trigger
/// per row, as its manual advises for bulk loads); SQLite checks them per row, as the product does.
const PG_AFTER_LOAD: &[&str] = &[
    "ALTER TABLE profile_skills ADD FOREIGN KEY (profile_id) REFERENCES profiles (id)",
    "ALTER TABLE profile_skills ADD FOREIGN KEY (skill_id) REFERENCES skills (id)",
    sql_authorization::PG_FOREIGN_KEY,
];

fn sql_err(what: &str) -> impl Fn(sqlx::Error) -> BenchError + '_ {
    move |e| BenchError::Sql(format!("{what}: {e}"))
}

/// A cheap, clonable handle that answers queries (one per worker in the throughput run).
#[derive(Clone)]
pub enum SqlHandle {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// A loaded SQL baseline. Call `close` when done: it drops the PostgreSQL database.
pub struct SqlBaseline {
    handle: SqlHandle,
    /// The SQLite file's directory, removed on drop.
    sqlite_dir: Option<(tempfile::TempDir, PathBuf)>,
    /// The server connection (without the bench database) and the database to drop.
    postgres: Option<(PgConnectOptions, String)>,
}

impl SqlBaseline {
    /// A new SQLite database in a temporary directory, with the product's settings (WAL,
    /// synchronous=FULL, foreign keys) plus a page cache and memory map sized for reading.
    pub async fn sqlite(connections: u32) -> Result<Self, BenchError> {
        let dir = tempfile::tempdir().map_err(|e| BenchError::Io(format!("temp dir: {e}")))?;
        let path = dir.path().join("bench.db");
        let options = SqliteConnectOptions::new()
            .filename(&path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .pragma("cache_size", "-131072")
            .pragma("mmap_size", "1073741824")
            // Slow statements are what a baseline is for: no warning per query on stderr.
            .disable_statement_logging();
        let pool = SqlitePoolOptions::new()
            .max_connections(connections.max(1))
            .connect_with(options)
            .await
            .map_err(sql_err("sqlite: open"))?;
        Ok(Self {
            handle: SqlHandle::Sqlite(pool),
            sqlite_dir: Some((dir, path)),
            postgres: None,
        })
    }

    /// A fresh database `hireloop_bench_<random>` on the server at `url`.
    pub async fn postgres(url: &str, connections: u32) -> Result<Self, BenchError> {
        let admin = PgConnectOptions::from_str(url)
            .map_err(|e| BenchError::invalid("postgres_url", e.to_string()))?
            .disable_statement_logging();
        let name = format!("hireloop_bench_{:016x}", rand::thread_rng().gen::<u64>());
        let mut conn = ConnectOptions::connect(&admin)
            .await
            .map_err(sql_err("postgres: connect"))?;
        conn.execute(format!("CREATE DATABASE {name}").as_str())
            .await
            .map_err(sql_err("postgres: create database"))?;
        if let Ok(mut open) = OPEN_DATABASES.lock() {
            open.push((admin.clone(), name.clone()));
        }
        let _ = sqlx::Connection::close(conn).await;
        let pool = PgPoolOptions::new()
            .max_connections(connections.max(1))
            .connect_with(admin.clone().database(&name))
            .await;
        let this = |pool| Self {
            handle: SqlHandle::Postgres(pool),
            sqlite_dir: None,
            postgres: Some((admin.clone(), name.clone())),
        };
        match pool {
            Ok(pool) => Ok(this(pool)),
            Err(e) => {
                drop_database(&admin, &name).await?;
                Err(BenchError::Sql(format!("postgres: connect to {name}: {e}")))
            }
        }
    }

    pub fn dialect(&self) -> Dialect {
        match self.handle {
            SqlHandle::Sqlite(_) => Dialect::Sqlite,
            SqlHandle::Postgres(_) => Dialect::Postgres,
        }
    }

    pub fn handle(&self) -> SqlHandle {
        self.handle.clone()
    }

    /// The name of the throw-away PostgreSQL database, if any.
    pub fn database_name(&self) -> Option<&str> {
        self.postgres.as_ref().map(|(_, n)| n.as_str())
    }

    /// Creates the schema, loads the taxonomy, the pool and its texts (`texts[i]` is
    /// `profiles[i]`'s), then indexes and analyses.
    pub async fn load(
        &self,
        taxonomy: &Taxonomy,
        profiles: &[Profile],
        texts: &[String],
        progress: &dyn Progress,
    ) -> Result<(), BenchError> {
        let (schema, after) = match self.dialect() {
            Dialect::Sqlite => (SQLITE_SCHEMA, &[][..]),
            Dialect::Postgres => (PG_SCHEMA, PG_AFTER_LOAD),
        };
        for ddl in schema {
            self.execute(ddl).await?;
        }
        self.load_skills(taxonomy).await?;
        progress.start("load", profiles.len() as u64);
        match &self.handle {
            SqlHandle::Sqlite(pool) => load_sqlite(pool, taxonomy, profiles, progress).await?,
            SqlHandle::Postgres(pool) => load_postgres(pool, taxonomy, profiles, progress).await?,
        }
        progress.finish();
        crate::sql_text::load(&self.handle, texts, progress).await?;
        for ddl in after.iter().chain(INDEXES) {
            self.execute(ddl).await?;
        }
        match self.dialect() {
            Dialect::Sqlite => self.execute("ANALYZE").await,
            Dialect::Postgres => self.execute("VACUUM ANALYZE").await,
        }
    }

    async fn execute(&self, sql: &str) -> Result<(), BenchError> {
        let short: String = sql.chars().take(60).collect();
        match &self.handle {
            SqlHandle::Sqlite(pool) => pool.execute(sql).await.map(drop),
            SqlHandle::Postgres(pool) => pool.execute(sql).await.map(drop),
        }
        .map_err(|e| BenchError::Sql(format!("{short}…: {e}")))
    }

    async fn load_skills(&self, taxonomy: &Taxonomy) -> Result<(), BenchError> {
        let insert = "INSERT INTO skills (id, key, name, category) ";
        match &self.handle {
            SqlHandle::Sqlite(pool) => {
                let mut q = QueryBuilder::new(insert);
                q.push_values(taxonomy.iter(), |mut b, (id, s)| {
                    b.push_bind(id.index() as i64)
                        .push_bind(s.id.clone())
                        .push_bind(s.name.clone())
                        .push_bind(s.category.clone());
                });
                q.build().execute(pool).await.map(drop)
            }
            SqlHandle::Postgres(pool) => {
                let mut q = QueryBuilder::new(insert);
                q.push_values(taxonomy.iter(), |mut b, (id, s)| {
                    b.push_bind(id.index() as i32)
                        .push_bind(s.id.clone())
                        .push_bind(s.name.clone())
                        .push_bind(s.category.clone());
                });
                q.build().execute(pool).await.map(drop)
            }
        }
        .map_err(sql_err("load skills"))
    }

    /// Bytes on disk: the SQLite file after a checkpoint, or the PostgreSQL database's size.
    pub async fn bytes(&self) -> Result<u64, BenchError> {
        match (&self.handle, &self.sqlite_dir) {
            (SqlHandle::Sqlite(pool), Some((_, path))) => {
                pool.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                    .await
                    .map_err(sql_err("sqlite: checkpoint"))?;
                let size = |p: PathBuf| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
                let wal = PathBuf::from(format!("{}-wal", path.display()));
                Ok(size(path.clone()) + size(wal))
            }
            (SqlHandle::Postgres(pool), _) => {
                let row = sqlx::query("SELECT pg_database_size(current_database())")
                    .fetch_one(pool)
                    .await
                    .map_err(sql_err("postgres: database size"))?;
                let n: i64 = row.try_get(0).map_err(sql_err("postgres: database size"))?;
                Ok(n.max(0) as u64)
            }
            _ => Ok(0),
        }
    }

    /// Closes the connections; drops the PostgreSQL database.
    pub async fn close(self) -> Result<(), BenchError> {
        match self.handle {
            SqlHandle::Sqlite(pool) => pool.close().await,
            SqlHandle::Postgres(pool) => pool.close().await,
        }
        match &self.postgres {
            Some((admin, name)) => drop_database(admin, name).await,
            None => Ok(()),
        }
    }
}

/// Throw-away databases created and not dropped yet, so that an interrupted run (Ctrl-C drops
/// the run's future, and with it the `SqlBaseline`) can still drop them.
static OPEN_DATABASES: Mutex<Vec<(PgConnectOptions, String)>> = Mutex::new(Vec::new());

/// Drops every throw-away database this process created and has not dropped (after an interrupt).
pub async fn drop_open_databases() -> Result<(), BenchError> {
    let open: Vec<_> = match OPEN_DATABASES.lock() {
        Ok(open) => open.clone(),
        Err(_) => Vec::new(),
    };
    for (admin, name) in open {
        drop_database(&admin, &name).await?;
    }
    Ok(())
}

async fn drop_database(admin: &PgConnectOptions, name: &str) -> Result<(), BenchError> {
    let mut conn = ConnectOptions::connect(admin)
        .await
        .map_err(|e| BenchError::Sql(format!("postgres: connect to drop {name}: {e}")))?;
    // FORCE ends the run's own connections too, should any still be open.
    conn.execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str())
        .await
        .map_err(|e| BenchError::Sql(format!("postgres: drop database {name}: {e}")))?;
    let _ = sqlx::Connection::close(conn).await;
    if let Ok(mut open) = OPEN_DATABASES.lock() {
        open.retain(|(_, n)| n != name);
    }
    Ok(())
}

/// One profile's row values, shared by both loaders.
struct Row11 {
    id: i32,
    candidate: Uuid,
    level: &'static str,
    region: &'static str,
    country: String,
    offset: i32,
    rate: Option<f32>,
    available: chrono::NaiveDate,
    vetting: &'static str,
    engagements: i32,
    work_modes: i32,
}

fn row(i: usize, p: &Profile) -> Row11 {
    Row11 {
        id: i as i32 + 1,
        candidate: p.id.as_uuid(),
        level: p.level.as_str(),
        region: p.region.as_str(),
        country: p.country.as_str().to_string(),
        offset: i32::from(p.utc_offset_minutes),
        rate: hourly(p),
        available: p.available_from,
        vetting: vetting_name(p.vetting),
        engagements: p
            .engagements
            .iter()
            .fold(0, |m, e| m | engagement_bit(*e) as i32),
        work_modes: work_modes_column(p) as i32,
    }
}

fn years(half: u8) -> Option<f32> {
    (half != YEARS_UNKNOWN).then(|| f32::from(half) / 2.0)
}

const PROFILE_COLUMNS: &str = "INSERT INTO profiles (id, candidate_id, level, region, country, \
    utc_offset_minutes, rate_hourly_usd, available_from, vetting, engagements, work_modes) ";

async fn load_sqlite(
    pool: &SqlitePool,
    taxonomy: &Taxonomy,
    profiles: &[Profile],
    progress: &dyn Progress,
) -> Result<(), BenchError> {
    let err = sql_err("sqlite: load");
    for (batch_no, batch) in profiles.chunks(SQLITE_BATCH).enumerate() {
        let first = batch_no * SQLITE_BATCH;
        let mut tx = pool.begin().await.map_err(&err)?;
        let mut q = QueryBuilder::new(PROFILE_COLUMNS);
        q.push_values(batch.iter().enumerate(), |mut b, (j, p)| {
            let r = row(first + j, p);
            b.push_bind(i64::from(r.id))
                .push_bind(r.candidate)
                .push_bind(r.level)
                .push_bind(r.region)
                .push_bind(r.country)
                .push_bind(i64::from(r.offset))
                .push_bind(r.rate.map(f64::from))
                .push_bind(r.available.to_string())
                .push_bind(r.vetting)
                .push_bind(i64::from(r.engagements))
                .push_bind(i64::from(r.work_modes));
        });
        q.build().execute(&mut *tx).await.map_err(&err)?;
        let skills: Vec<(i64, i64, Option<f64>, bool)> = batch
            .iter()
            .enumerate()
            .flat_map(|(j, p)| {
                expand_skills(taxonomy, p).into_iter().map(move |s| {
                    (
                        (first + j + 1) as i64,
                        i64::from(s.skill),
                        years(s.half_years).map(f64::from),
                        s.implied,
                    )
                })
            })
            .collect();
        for chunk in skills.chunks(SQLITE_SKILL_ROWS) {
            let mut q = QueryBuilder::new(
                "INSERT INTO profile_skills (profile_id, skill_id, years, implied) ",
            );
            q.push_values(chunk, |mut b, s| {
                b.push_bind(s.0)
                    .push_bind(s.1)
                    .push_bind(s.2)
                    .push_bind(s.3);
            });
            q.build().execute(&mut *tx).await.map_err(&err)?;
        }
        sql_authorization::load_sqlite(&mut tx, first, batch)
            .await
            .map_err(&err)?;
        tx.commit().await.map_err(&err)?;
        progress.inc(batch.len() as u64);
    }
    Ok(())
}

async fn load_postgres(
    pool: &PgPool,
    taxonomy: &Taxonomy,
    profiles: &[Profile],
    progress: &dyn Progress,
) -> Result<(), BenchError> {
    let err = sql_err("postgres: load");
    for (batch_no, batch) in profiles.chunks(PG_BATCH).enumerate() {
        let first = batch_no * PG_BATCH;
        let rows: Vec<Row11> = batch
            .iter()
            .enumerate()
            .map(|(j, p)| row(first + j, p))
            .collect();
        let mut tx = pool.begin().await.map_err(&err)?;
        sqlx::query(&format!(
            "{PROFILE_COLUMNS} SELECT * FROM UNNEST($1::int4[], $2::uuid[], $3::text[], $4::text[], \
             $5::text[], $6::int4[], $7::float4[], $8::date[], $9::text[], $10::int4[], $11::int4[])"
        ))
        .bind(rows.iter().map(|r| r.id).collect::<Vec<_>>())
        .bind(rows.iter().map(|r| r.candidate).collect::<Vec<_>>())
        .bind(rows.iter().map(|r| r.level).collect::<Vec<_>>())
        .bind(rows.iter().map(|r| r.region).collect::<Vec<_>>())
        .bind(rows.iter().map(|r| r.country.clone()).collect::<Vec<_>>())
        .bind(rows.iter().map(|r| r.offset).collect::<Vec<_>>())
        .bind(rows.iter().map(|r| r.rate).collect::<Vec<_>>())
        .bind(rows.iter().map(|r| r.available).collect::<Vec<_>>())
        .bind(rows.iter().map(|r| r.vetting).collect::<Vec<_>>())
        .bind(rows.iter().map(|r| r.engagements).collect::<Vec<_>>())
        .bind(rows.iter().map(|r| r.work_modes).collect::<Vec<_>>())
        .execute(&mut *tx)
        .await
        .map_err(&err)?;
        let (mut pid, mut sid, mut yrs, mut imp) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for (j, p) in batch.iter().enumerate() {
            for s in expand_skills(taxonomy, p) {
                pid.push((first + j + 1) as i32);
                sid.push(i32::from(s.skill));
                yrs.push(years(s.half_years));
                imp.push(s.implied);
            }
        }
        sqlx::query(
            "INSERT INTO profile_skills (profile_id, skill_id, years, implied) \
             SELECT * FROM UNNEST($1::int4[], $2::int4[], $3::float4[], $4::bool[])",
        )
        .bind(pid)
        .bind(sid)
        .bind(yrs)
        .bind(imp)
        .execute(&mut *tx)
        .await
        .map_err(&err)?;
        sql_authorization::load_postgres(&mut tx, first, batch)
            .await
            .map_err(&err)?;
        tx.commit().await.map_err(&err)?;
        progress.inc(batch.len() as u64);
    }
    Ok(())
}

impl SqlHandle {
    fn dialect(&self) -> Dialect {
        match self {
            SqlHandle::Sqlite(_) => Dialect::Sqlite,
            SqlHandle::Postgres(_) => Dialect::Postgres,
        }
    }

    async fn fetch(&self, text: &SqlText) -> Result<Vec<(Uuid, f64)>, sqlx::Error> {
        match self {
            SqlHandle::Sqlite(pool) => {
                let mut q = sqlx::query(&text.sql);
                for p in &text.params {
                    q = match p {
                        Param::Int(v) => q.bind(*v),
                        Param::Real(v) => q.bind(*v),
                        Param::Text(v) => q.bind(v.as_str()),
                        Param::Date(v) => q.bind(v.to_string()),
                    };
                }
                q.fetch_all(pool)
                    .await?
                    .iter()
                    .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
                    .collect()
            }
            SqlHandle::Postgres(pool) => {
                let mut q = sqlx::query(&text.sql);
                for p in &text.params {
                    q = match p {
                        Param::Int(v) => q.bind(*v),
                        Param::Real(v) => q.bind(*v),
                        Param::Text(v) => q.bind(v.as_str()),
                        Param::Date(v) => q.bind(*v),
                    };
                }
                q.fetch_all(pool)
                    .await?
                    .iter()
                    .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
                    .collect()
            }
        }
    }

    /// The top `k` (candidate, score 0-1) for a query.
    pub async fn top_k(&self, spec: &Spec, k: usize) -> Result<Vec<(Uuid, f64)>, BenchError> {
        let text = sql_query::top_k(self.dialect(), spec, k);
        self.fetch(&text)
            .await
            .map_err(|e| BenchError::Sql(format!("{}: {e}", spec.name)))
    }

    /// How many candidates pass the query's filters.
    pub async fn count(&self, spec: &Spec) -> Result<u64, BenchError> {
        let text = sql_query::count(self.dialect(), spec);
        let err = |e: sqlx::Error| BenchError::Sql(format!("{} (count): {e}", spec.name));
        let n: i64 = match self {
            SqlHandle::Sqlite(pool) => {
                let mut q = sqlx::query_scalar(&text.sql);
                for p in &text.params {
                    q = match p {
                        Param::Int(v) => q.bind(*v),
                        Param::Real(v) => q.bind(*v),
                        Param::Text(v) => q.bind(v.as_str()),
                        Param::Date(v) => q.bind(v.to_string()),
                    };
                }
                q.fetch_one(pool).await.map_err(err)?
            }
            SqlHandle::Postgres(pool) => {
                let mut q = sqlx::query_scalar(&text.sql);
                for p in &text.params {
                    q = match p {
                        Param::Int(v) => q.bind(*v),
                        Param::Real(v) => q.bind(*v),
                        Param::Text(v) => q.bind(v.as_str()),
                        Param::Date(v) => q.bind(*v),
                    };
                }
                q.fetch_one(pool).await.map_err(err)?
            }
        };
        Ok(n.max(0) as u64)
    }
}
