//! `hireloop serve`: opens (and migrates) the database, optionally loads the demo data, starts the
//! web app and the API, and runs until Ctrl-C or SIGTERM, finishing requests in flight.

use crate::cli::Global;
use crate::commands::{demo, open};
use crate::error::CliError;
use crate::output::say;
use clap::Args;
use hireloop_server::ServerConfig;
use hireloop_store::Store;
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Load the demo data first (only the first time; later starts reuse it).
    #[arg(long)]
    pub demo: bool,
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, env = "HIRELOOP_BIND", default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,
    /// Mark the session cookie Secure; turn on when hireloop is reached over HTTPS.
    #[arg(
        long,
        env = "HIRELOOP_SECURE_COOKIES",
        value_parser = clap::builder::BoolishValueParser::new()
    )]
    pub secure_cookies: bool,
    /// How long a login lasts, in hours (1-720).
    #[arg(long, default_value_t = 12, value_parser = clap::value_parser!(i64).range(1..=720))]
    pub session_hours: i64,
    /// A directory of market data files (*.toml, the format of data/market/) that replace or add
    /// to the shipped benchmarks.
    #[arg(long, env = "HIRELOOP_MARKET_DATA", value_name = "DIR")]
    pub market_data: Option<PathBuf>,
    /// Send messages through this SMTP server (smtps://user:pass@host, or smtp://host:25); without
    /// it they stay in the outbox, viewable at /outbox.
    #[arg(long, env = "HIRELOOP_SMTP_URL", hide_env_values = true)]
    pub smtp_url: Option<String>,
    /// The sender of messages, e.g. "Hiring team <hiring@example.com>"; needed with --smtp-url.
    #[arg(long, env = "HIRELOOP_MAIL_FROM")]
    pub mail_from: Option<String>,
    /// Remind interviewers whose feedback is still missing this many hours after an interview ended.
    #[arg(long, env = "HIRELOOP_FEEDBACK_REMINDER_HOURS", default_value_t = 24,
        value_parser = clap::value_parser!(i64).range(1..=720))]
    pub feedback_reminder_hours: i64,
    /// How often to look for missing feedback, in minutes; 0 turns reminders off.
    #[arg(long, env = "HIRELOOP_REMINDER_CHECK_MINUTES", default_value_t = 15,
        value_parser = clap::value_parser!(u64).range(0..=1440))]
    pub reminder_check_minutes: u64,
    /// The address people reach hireloop at, for links in messages (e.g. https://hire.example.com).
    #[arg(long, env = "HIRELOOP_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// Resume uploads (PDF, DOCX, text) larger than this many bytes are refused, naming the file.
    #[arg(long, env = "HIRELOOP_RESUME_MAX_BYTES",
        default_value_t = hireloop_resume::DEFAULT_MAX_BYTES as u64,
        value_parser = clap::value_parser!(u64).range(1..))]
    pub resume_max_bytes: u64,
    /// How often (ms) to pick up talent pool writes made by other servers or the CLI; 0 turns it off.
    #[arg(long, env = "HIRELOOP_INDEX_REFRESH_MS", default_value_t = 2000,
        value_parser = clap::value_parser!(u64).range(0..=3_600_000))]
    pub index_refresh_ms: u64,
}

pub async fn run(global: &Global, args: ServeArgs) -> Result<(), CliError> {
    let store = open(global).await?;
    let result = serve(&store, args).await;
    store.close().await;
    result
}

async fn serve(store: &Store, args: ServeArgs) -> Result<(), CliError> {
    let logins = if args.demo {
        Some(demo::load(store).await?)
    } else {
        None
    };
    let config = ServerConfig {
        bind: args.bind,
        secure_cookies: args.secure_cookies,
        session_hours: args.session_hours,
        market_data_dir: args.market_data,
        smtp_url: args.smtp_url,
        mail_from: args.mail_from,
        feedback_reminder_hours: args.feedback_reminder_hours,
        reminder_check_minutes: args.reminder_check_minutes,
        public_url: args.public_url,
        resume_max_bytes: usize::try_from(args.resume_max_bytes).unwrap_or(usize::MAX),
        index_refresh_ms: args.index_refresh_ms,
        ..Default::default()
    };
    let running = hireloop_server::spawn(store.clone(), config).await?;
    say!("hireloop is running at {}", running.url());
    say!("Log in at {}/login", running.url());
    match logins {
        Some(logins) => logins.print(),
        None if store.count_users().await? == 0 => {
            say!("There are no users yet. Create the first admin with:");
            say!("  hireloop user add --admin --email you@example.com --name \"Your Name\"");
            say!("(or start with --demo to try hireloop with demo data and logins)");
        }
        None => {}
    }
    let shutdown = Shutdown::listen()?;
    say!("Press Ctrl-C to stop.");
    shutdown.wait().await;
    tracing::info!("shutting down: finishing requests in flight");
    running.stop().await?;
    Ok(())
}

/// Ctrl-C (SIGINT), or SIGTERM (what service managers and `docker stop` send). The handlers are
/// installed when this is made, before "Press Ctrl-C" is printed, so an early signal is not missed.
#[cfg(unix)]
struct Shutdown {
    interrupt: tokio::signal::unix::Signal,
    terminate: tokio::signal::unix::Signal,
}

#[cfg(unix)]
impl Shutdown {
    fn listen() -> Result<Shutdown, CliError> {
        use tokio::signal::unix::{signal, SignalKind};
        let failed = |e| CliError::Failed(format!("cannot listen for shutdown signals: {e}"));
        Ok(Shutdown {
            interrupt: signal(SignalKind::interrupt()).map_err(failed)?,
            terminate: signal(SignalKind::terminate()).map_err(failed)?,
        })
    }

    async fn wait(mut self) {
        tokio::select! {
            _ = self.interrupt.recv() => {}
            _ = self.terminate.recv() => {}
        }
    }
}

#[cfg(not(unix))]
struct Shutdown;

#[cfg(not(unix))]
impl Shutdown {
    fn listen() -> Result<Shutdown, CliError> {
        Ok(Shutdown)
    }

    async fn wait(self) {
        let _ = tokio::signal::ctrl_c().await;
    }
}
