//! `hireloop bench match`: the matching benchmark (crates/bench) with its SQL and tantivy
//! baselines in the same run; progress bars on stderr, the report on stdout (table or JSON).
//! No hireloop database is opened: the baselines make their own and remove them.

use crate::cli::Global;
use crate::error::CliError;
use crate::output::{print_json, say, Format};
use clap::{Args, Subcommand};
use hireloop_bench::{BenchError, Config, EngineKind, Progress};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::sync::Mutex;

#[derive(Debug, Subcommand)]
pub enum BenchCommand {
    /// Generate a seeded synthetic pool (with a short profile text per candidate) and answer the
    /// standard query mix, with and without free text, with hireloop's engine,
    /// SQL on SQLite, SQL on PostgreSQL (with --postgres-url) and tantivy, in one run: p50/p99
    /// latency, queries/s on all cores, build time, bytes per profile and the engine's speed-up over
    /// each. Fails, naming the query and the first difference, when the engines disagree on a
    /// filter-only query (the free-text ones included).
    Match(MatchArgs),
    /// Import a seeded pool of JSON Resume NDJSON into fresh databases, batched (the product's
    /// import) and one record at a time (the baseline), in one run: profiles/s of each and the
    /// ratio, on SQLite and on PostgreSQL with --postgres-url.
    Import(super::bench_import::ImportBenchArgs),
}

#[derive(Debug, Args)]
pub struct MatchArgs {
    /// Profiles in the synthetic pool.
    #[arg(long, default_value_t = 100_000)]
    pub pool: usize,
    /// Timed queries per engine, taken in turn from the 18-query standard mix (6 with free text).
    #[arg(long, default_value_t = 120)]
    pub queries: usize,
    /// Seed of the pool: the same seed gives the same pool on every machine.
    #[arg(long, default_value_t = 2026)]
    pub seed: u64,
    /// Results per query (top-k).
    #[arg(long, default_value_t = 20)]
    pub page: usize,
    /// Worker threads (and database connections) for the queries/s run; all cores by default.
    #[arg(long)]
    pub threads: Option<usize>,
    /// Which engines to run, comma-separated: engine, sqlite, postgres, tantivy.
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "engine,sqlite,postgres,tantivy"
    )]
    pub engines: Vec<String>,
    /// A PostgreSQL server (postgres://USER@HOST/DB) on which to create a throw-away database
    /// `hireloop_bench_<random>`, dropped afterwards even when the run fails.
    #[arg(long, env = "HIRELOOP_BENCH_POSTGRES_URL", hide_env_values = true)]
    pub postgres_url: Option<String>,
}

pub async fn run(global: &Global, cmd: BenchCommand) -> Result<(), CliError> {
    let args = match cmd {
        BenchCommand::Match(args) => args,
        BenchCommand::Import(args) => return super::bench_import::run(global, args).await,
    };
    let mut config = Config::new(args.pool, args.queries, args.seed);
    config.page = args.page;
    if let Some(threads) = args.threads {
        config.threads = threads;
    }
    config.engines = args
        .engines
        .iter()
        .map(|e| EngineKind::parse(e))
        .collect::<Result<_, _>>()
        .map_err(|m| CliError::invalid("engines", m))?;
    config.postgres_url = args.postgres_url;
    let bars = Bars::new();
    let report = tokio::select! {
        report = hireloop_bench::run(&config, &bars) => report,
        _ = tokio::signal::ctrl_c() => {
            // The run's future is dropped here: drop the PostgreSQL database it made ourselves.
            drop(bars);
            let dropped = hireloop_bench::sql::drop_open_databases().await;
            return Err(CliError::Failed(match dropped {
                Ok(()) => "interrupted; the benchmark's databases are dropped".into(),
                Err(e) => format!("interrupted; {e}"),
            }));
        }
    }
    .map_err(|e| match e {
        BenchError::Invalid { field, message } => CliError::invalid(&field, message),
        other => CliError::Failed(other.to_string()),
    })?;
    match global.format {
        Format::Json => print_json(&report),
        _ => {
            say!("{}", report.to_text().trim_end());
            Ok(())
        }
    }
}

/// One bar per phase on stderr; nothing when stderr is not a terminal.
struct Bars {
    shown: bool,
    bar: Mutex<Option<ProgressBar>>,
}

impl Bars {
    fn new() -> Self {
        Self {
            shown: std::io::stderr().is_terminal(),
            bar: Mutex::new(None),
        }
    }

    fn with(&self, f: impl FnOnce(&mut Option<ProgressBar>)) {
        if let Ok(mut bar) = self.bar.lock() {
            f(&mut bar);
        }
    }
}

impl Progress for Bars {
    fn start(&self, phase: &str, len: u64) {
        if !self.shown {
            return;
        }
        let bar = ProgressBar::new(len);
        let template = format!("{phase:<18} {{bar:40}} {{pos}}/{{len}} ({{per_sec}}, {{eta}})");
        if let Ok(style) = ProgressStyle::with_template(&template) {
            bar.set_style(style);
        }
        self.with(|slot| {
            if let Some(old) = slot.replace(bar) {
                old.finish_and_clear();
            }
        });
    }

    fn inc(&self, n: u64) {
        if !self.shown {
            return;
        }
        self.with(|slot| {
            if let Some(bar) = slot {
                bar.inc(n);
            }
        });
    }

    fn finish(&self) {
        self.with(|slot| {
            if let Some(bar) = slot.take() {
                bar.finish();
            }
        });
    }
}
