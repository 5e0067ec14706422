//! One module per command group; `run` dispatches to them.

pub mod advise;
pub mod bench;
pub mod bench_import;
pub mod candidate;
pub mod candidate_merge;
pub mod cost;
pub mod cost_tco;
pub mod dataset;
pub mod demo;
pub mod import;
pub mod interview;
pub mod interview_schedule;
pub mod jd;
pub mod lint;
pub mod market;
pub mod match_role;
pub mod migrate;
pub mod outbox;
pub mod resume;
pub mod role;
pub mod role_code;
pub mod role_file;
pub mod search;
pub mod serve;
pub mod token;
pub mod user;

use crate::cli::{Cli, Command, Global};
use crate::error::CliError;
use hireloop_core::email::Email;
use hireloop_core::user::User;
use hireloop_store::{ConnectOptions, Store};

pub async fn run(cli: Cli) -> Result<(), CliError> {
    let global = cli.global;
    let command = match cli.command {
        Command::Serve(args) => return serve::run(&global, args).await,
        Command::Migrate => return migrate::run(&global).await,
        // The market commands compute from data files only: no database is opened or created.
        Command::Cost(args) => return cost::run(&global, args),
        Command::Advise(args) => return advise::run(&global, args),
        // Role files are checked and rendered without a database too.
        Command::Lint(args) => return lint::run(&global, args),
        Command::Jd(args) => return jd::run(args),
        // The benchmark makes (and removes) its own databases.
        Command::Bench(cmd) => return bench::run(&global, cmd).await,
        Command::Reasons(args) => return interview::reasons(&global, args),
        other => other,
    };
    let store = open(&global).await?;
    let result = match command {
        Command::User(cmd) => user::run(&global, &store, cmd).await,
        Command::Token(cmd) => token::run(&global, &store, cmd).await,
        Command::Role(cmd) => role::run(&global, &store, cmd).await,
        Command::Candidate(cmd) => candidate::run(&global, &store, cmd).await,
        Command::Demo(_) => demo::run(&store).await,
        Command::Import(args) => import::run(&global, &store, args).await,
        Command::Search(args) => search::run(&global, &store, args).await,
        Command::Match(args) => match_role::run(&global, &store, args).await,
        Command::Resume(cmd) => resume::run(&global, &store, cmd).await,
        Command::Decide(args) => interview::decide(&global, &store, args).await,
        Command::History(args) => interview::history(&global, &store, args).await,
        Command::Interview(cmd) => interview_schedule::run_interview(&global, &store, cmd).await,
        Command::Offer(cmd) => interview_schedule::run_offer(&global, &store, cmd).await,
        Command::Outbox(cmd) => outbox::run(&global, &store, cmd).await,
        Command::Reminders(args) => outbox::reminders(&store, args).await,
        Command::Serve(_)
        | Command::Migrate
        | Command::Cost(_)
        | Command::Advise(_)
        | Command::Lint(_)
        | Command::Jd(_)
        | Command::Bench(_)
        | Command::Reasons(_) => Ok(()),
    };
    // Closing checkpoints SQLite's write-ahead log before the process exits, whatever the outcome.
    store.close().await;
    result
}

/// Connects to the database named by `--database-url` and brings its schema up to date.
pub async fn open(global: &Global) -> Result<Store, CliError> {
    Ok(Store::open(&global.database_url, ConnectOptions::default()).await?)
}

/// The user with `email`, reporting problems under `field`.
pub async fn user_by_email(store: &Store, field: &str, email: &str) -> Result<User, CliError> {
    let email = Email::parse(email).map_err(|m| CliError::invalid(field, m))?;
    store
        .user_by_email(&email)
        .await?
        .ok_or_else(|| CliError::invalid(field, format!("no user with email {email}")))
}
