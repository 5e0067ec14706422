//! `hireloop bench import`: JSON Resume NDJSON into a fresh database, batched (the product's
//! import) against one record at a time (a lookup and a transaction per record), in one run over
//! one seeded pool; SQLite always, PostgreSQL with a URL. Progress on stderr, the report on stdout.
//! No hireloop database is opened: each run gets its own, removed afterwards.

mod pool;

use crate::cli::Global;
use crate::error::CliError;
use crate::output::{print_json, say, Format};
use clap::Args;
use hireloop_core::import::{ColumnMap, InputFormat};
use hireloop_match::Taxonomy;
use hireloop_server::import::{apply_in_batches, Input, BATCH};
use hireloop_store::{ConnectOptions, Store};
use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

/// Rows read per query when counting what a run stored.
const COUNT_PAGE: i64 = 1000;

#[derive(Debug, Args)]
pub struct ImportBenchArgs {
    /// Profiles in the generated pool, imported batched.
    #[arg(long, default_value_t = 100_000)]
    pub records: usize,
    /// Profiles imported one at a time (the first of the same pool); the baseline is slow, so
    /// fewer by default. Rates are per second, so the two compare.
    #[arg(long, default_value_t = 10_000)]
    pub baseline_records: usize,
    /// Seed of the pool: the same seed gives the same pool on every machine.
    #[arg(long, default_value_t = 7)]
    pub seed: u64,
    /// Records per transaction in the batched run (the product's default).
    #[arg(long, default_value_t = BATCH)]
    pub batch: usize,
    /// A PostgreSQL server (postgres://USER@HOST/DB) on which to create a throw-away database per
    /// run, dropped afterwards even when the run fails.
    #[arg(long, env = "HIRELOOP_BENCH_POSTGRES_URL", hide_env_values = true)]
    pub postgres_url: Option<String>,
}

/// One import into one fresh database.
#[derive(Debug, Serialize)]
pub struct ImportRun {
    pub backend: &'static str,
    /// "batched" or "one_at_a_time".
    pub mode: &'static str,
    pub batch: usize,
    pub records: usize,
    /// Records the import reported as imported.
    pub imported: usize,
    /// Candidates in the database afterwards, counted.
    pub rows: usize,
    pub seconds: f64,
    /// This process's CPU time (user + system, all threads) during the import; the database
    /// server's is not in it. Far below `seconds` means waiting: on fsync, or for a busy CPU.
    pub cpu_seconds: Option<f64>,
    pub profiles_per_second: f64,
}

#[derive(Debug, Serialize)]
pub struct Speedup {
    pub backend: &'static str,
    /// Batched profiles/s over one-at-a-time profiles/s.
    pub batched_over_one_at_a_time: f64,
}

#[derive(Debug, Serialize)]
pub struct ImportBenchReport {
    pub records: usize,
    pub baseline_records: usize,
    pub seed: u64,
    pub pool_bytes: usize,
    pub runs: Vec<ImportRun>,
    pub speedups: Vec<Speedup>,
}

pub async fn run(global: &Global, args: ImportBenchArgs) -> Result<(), CliError> {
    if args.records == 0 {
        return Err(CliError::invalid("records", "must be at least 1"));
    }
    if args.batch == 0 {
        return Err(CliError::invalid("batch", "must be at least 1"));
    }
    let report = tokio::select! {
        report = measure(&args) => report?,
        _ = tokio::signal::ctrl_c() => {
            // The run's future is dropped here: drop its PostgreSQL database ourselves.
            let dropped = hireloop_bench::sql::drop_open_databases().await;
            return Err(CliError::Failed(match dropped {
                Ok(()) => "interrupted; the benchmark's databases are dropped".into(),
                Err(e) => format!("interrupted; {e}"),
            }));
        }
    };
    match global.format {
        Format::Json => print_json(&report),
        _ => {
            say!("{}", to_text(&report).trim_end());
            Ok(())
        }
    }
}

async fn measure(args: &ImportBenchArgs) -> Result<ImportBenchReport, CliError> {
    let taxonomy = Taxonomy::shipped()
        .map_err(|e| CliError::Failed(format!("the shipped skill taxonomy: {e}")))?;
    let baseline_records = args.baseline_records.min(args.records);
    let mut pool = Vec::new();
    pool::write_ndjson(args.records, args.seed, &mut pool)
        .map_err(|e| CliError::Failed(format!("generating the pool: {e}")))?;
    // The baseline's pool is the first lines of the same pool.
    let baseline_end = nth_line_end(&pool, baseline_records);
    let pools = [
        ("batched", args.batch, &pool[..]),
        ("one_at_a_time", 1, &pool[..baseline_end]),
    ];
    let mut backends = vec!["sqlite"];
    if args.postgres_url.is_some() {
        backends.push("postgres");
    }
    let mut runs = Vec::new();
    for backend in backends {
        for (mode, batch, bytes) in pools {
            let db = match backend {
                "sqlite" => Fresh::sqlite()?,
                _ => Fresh::postgres(args.postgres_url.as_deref().unwrap_or_default()).await?,
            };
            let result = import_once(&db.url, &taxonomy, backend, mode, batch, bytes).await;
            db.remove().await?;
            runs.push(result?);
        }
    }
    let speedups = runs
        .chunks(2)
        .filter_map(|pair| match pair {
            [batched, one] => Some(Speedup {
                backend: batched.backend,
                batched_over_one_at_a_time: batched.profiles_per_second / one.profiles_per_second,
            }),
            _ => None,
        })
        .collect();
    Ok(ImportBenchReport {
        records: args.records,
        baseline_records,
        seed: args.seed,
        pool_bytes: pool.len(),
        runs,
        speedups,
    })
}

/// Migrates the database (not timed), times the import, then counts the candidates stored.
async fn import_once(
    url: &str,
    taxonomy: &Taxonomy,
    backend: &'static str,
    mode: &'static str,
    batch: usize,
    bytes: &[u8],
) -> Result<ImportRun, CliError> {
    let store = Store::open(url, ConnectOptions::default()).await?;
    let records = bytes.iter().filter(|b| **b == b'\n').count();
    let bar = progress_bar(&format!("{backend} {mode}"), records);
    let columns = ColumnMap::default();
    let input = Input {
        format: InputFormat::Ndjson,
        bytes,
        columns: &columns,
        max_bytes: bytes.len(),
    };
    let cpu_before = cpu_seconds();
    let started = Instant::now();
    let imported = apply_in_batches(&store, taxonomy, input, batch, |done, _| {
        bar.set_position(done as u64);
    })
    .await;
    let seconds = started.elapsed().as_secs_f64();
    let cpu = cpu_seconds()
        .zip(cpu_before)
        .map(|(after, before)| after - before);
    bar.finish_and_clear();
    let counted = match &imported {
        Ok(done) => count_candidates(&store)
            .await
            .map(|rows| (done.report.imported, rows)),
        Err(e) => Err(CliError::Failed(format!("{backend} {mode} import: {e}"))),
    };
    store.close().await;
    let (imported, rows) = counted?;
    Ok(ImportRun {
        backend,
        mode,
        batch,
        records,
        imported,
        rows,
        seconds,
        cpu_seconds: cpu,
        profiles_per_second: records as f64 / seconds.max(1e-9),
    })
}

/// The process's user + system time so far, from /proc (Linux; None elsewhere). /proc counts in
/// USER_HZ ticks, 100 per second on every Linux architecture.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The command name (2nd field) may hold spaces: count fields after its closing parenthesis.
    let (_, rest) = stat.rsplit_once(')')?;
    let mut fields = rest.split_whitespace().skip(11);
    let user: f64 = fields.next()?.parse().ok()?;
    let system: f64 = fields.next()?.parse().ok()?;
    Some((user + system) / 100.0)
}

async fn count_candidates(store: &Store) -> Result<usize, CliError> {
    let mut rows = 0;
    let mut after = None;
    loop {
        let page = store.candidates_after(after, COUNT_PAGE).await?;
        let Some(last) = page.last() else {
            return Ok(rows);
        };
        after = Some(last.id);
        rows += page.len();
    }
}

/// The byte offset just after the `n`th line (the whole pool when it has fewer).
fn nth_line_end(pool: &[u8], n: usize) -> usize {
    if n == 0 {
        return 0;
    }
    pool.iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .nth(n - 1)
        .map_or(pool.len(), |(i, _)| i + 1)
}

/// A fresh, migrated-on-open database for one run, removed by `remove`.
struct Fresh {
    url: String,
    sqlite_dir: Option<PathBuf>,
    postgres: Option<hireloop_bench::sql::SqlBaseline>,
}

impl Fresh {
    fn sqlite() -> Result<Self, CliError> {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let dir = std::env::temp_dir().join(format!(
            "hireloop-bench-import-{}-{nanos}",
            std::process::id()
        ));
        std::fs::create_dir_all(&dir)
            .map_err(|e| CliError::Failed(format!("creating {}: {e}", dir.display())))?;
        Ok(Self {
            url: format!("sqlite://{}", dir.join("import.db").display()),
            sqlite_dir: Some(dir),
            postgres: None,
        })
    }

    /// A database `hireloop_bench_<random>` on the server (the match benchmark's helper, which
    /// also drops it after Ctrl-C).
    async fn postgres(url: &str) -> Result<Self, CliError> {
        let made = hireloop_bench::sql::SqlBaseline::postgres(url, 1)
            .await
            .map_err(|e| CliError::Failed(e.to_string()))?;
        let name = made.database_name().unwrap_or_default().to_string();
        match with_database(url, &name) {
            Ok(url) => Ok(Self {
                url,
                sqlite_dir: None,
                postgres: Some(made),
            }),
            Err(e) => {
                let _ = made.close().await;
                Err(e)
            }
        }
    }

    async fn remove(self) -> Result<(), CliError> {
        if let Some(dir) = &self.sqlite_dir {
            // A leftover temp file is not worth failing the report for.
            let _ = std::fs::remove_dir_all(dir);
        }
        if let Some(db) = self.postgres {
            db.close()
                .await
                .map_err(|e| CliError::Failed(e.to_string()))?;
        }
        Ok(())
    }
}

/// `url` with its database (the path) replaced by `name`, query string kept.
fn with_database(url: &str, name: &str) -> Result<String, CliError> {
    let (base, query) = url
        .split_once('?')
        .map_or((url, None), |(b, q)| (b, Some(q)));
    let Some(scheme_end) = base.find("://").map(|i| i + 3) else {
        return Err(CliError::invalid(
            "postgres_url",
            "expected postgres://USER@HOST/DB",
        ));
    };
    let host_end = base[scheme_end..]
        .find('/')
        .map_or(base.len(), |i| scheme_end + i);
    let mut out = format!("{}/{name}", &base[..host_end]);
    if let Some(query) = query {
        out.push('?');
        out.push_str(query);
    }
    Ok(out)
}

/// A bar on stderr when it is a terminal; hidden otherwise.
fn progress_bar(phase: &str, len: usize) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len as u64);
    let template = format!("{phase:<24} {{bar:40}} {{pos}}/{{len}} ({{per_sec}}, {{eta}})");
    if let Ok(style) = ProgressStyle::with_template(&template) {
        bar.set_style(style);
    }
    bar
}

fn to_text(r: &ImportBenchReport) -> String {
    let mut out = format!(
        "JSON Resume NDJSON import: {} profiles batched, {} one at a time (seed {}, pool {:.1} MB)\n",
        r.records,
        r.baseline_records,
        r.seed,
        r.pool_bytes as f64 / 1e6
    );
    out.push_str(
        "backend   mode            batch  records  imported  rows     seconds  cpu s    profiles/s\n",
    );
    for run in &r.runs {
        out.push_str(&format!(
            "{:<9} {:<15} {:>5}  {:>7}  {:>8}  {:>7}  {:>7.2}  {:>7}  {:>10.0}\n",
            run.backend,
            run.mode,
            run.batch,
            run.records,
            run.imported,
            run.rows,
            run.seconds,
            run.cpu_seconds.map_or("-".into(), |c| format!("{c:.2}")),
            run.profiles_per_second
        ));
    }
    for s in &r.speedups {
        out.push_str(&format!(
            "{}: batched is {:.1}x one at a time\n",
            s.backend, s.batched_over_one_at_a_time
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_database_in_a_postgres_url_is_replaced() {
        let url = with_database("postgres://postgres@127.0.0.1:5432/postgres", "x");
        assert_eq!(
            url.ok().as_deref(),
            Some("postgres://postgres@127.0.0.1:5432/x")
        );
        let url = with_database("postgres://u@h?sslmode=disable", "x");
        assert_eq!(
            url.ok().as_deref(),
            Some("postgres://u@h/x?sslmode=disable")
        );
    }

    #[test]
    fn the_baseline_pool_is_the_first_lines() {
        assert_eq!(nth_line_end(b"a\nb\nc\n", 2), 4);
        assert_eq!(nth_line_end(b"a\nb\n", 5), 4);
        assert_eq!(nth_line_end(b"a\n", 0), 0);
    }
}
