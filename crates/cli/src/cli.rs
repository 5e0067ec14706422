//! The command line as types: global options and one subcommand per command group. Values that the
//! domain checks (levels, roles, emails…) stay strings here so the core's parsers name the field.

use crate::commands::{
    advise, candidate, cost, demo, import, interview, interview_schedule, jd, lint, role, serve,
    token, user,
};
use crate::output::{Format, ReportFormat};
use clap::builder::{EnumValueParser, TypedValueParser};
use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "hireloop",
    version,
    about = "A self-hosted hiring system for teams that hire backend developers.",
    long_about = "A self-hosted hiring system for teams that hire backend developers.\n\n\
        Start with `hireloop serve --demo` to try it with demo data, or create the first admin with \
        `hireloop user add --admin --email you@example.com --name \"Your Name\"` and run `hireloop serve`."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command takes, listed apart in each command's help.
#[derive(Debug, Args)]
#[command(next_help_heading = "Global options")]
pub struct Global {
    /// The database: sqlite://PATH (created if missing) or postgres://USER@HOST/DB.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://hireloop.db",
        global = true,
        hide_env_values = true
    )]
    pub database_url: String,

    /// How results print: a table for people, JSON for scripts.
    #[arg(
        long,
        default_value = "table",
        global = true,
        value_parser = EnumValueParser::<ReportFormat>::new().map(Format::from)
    )]
    pub format: Format,

    /// More log output on stderr (-v info, -vv debug, -vvv trace); RUST_LOG is used when not given.
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    pub verbose: u8,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the web app and the JSON API until Ctrl-C or SIGTERM.
    Serve(serve::ServeArgs),
    /// Bring the database schema up to date and print the version before and after.
    Migrate,
    /// Manage the people who log in.
    #[command(subcommand)]
    User(user::UserCommand),
    /// Manage API tokens (sent as `Authorization: Bearer …`).
    #[command(subcommand)]
    Token(token::TokenCommand),
    /// Manage roles (open positions).
    #[command(subcommand)]
    Role(role::RoleCommand),
    /// Manage candidates in the talent pool.
    #[command(subcommand)]
    Candidate(candidate::CandidateCommand),
    /// Import candidates from JSON Resume documents, NDJSON (one document per line), CSV files and
    /// resume files (PDF, DOCX, text; one candidate each, found by email), or a directory of them.
    /// Each record is reported as imported, updated, unchanged or skipped with the reason; a
    /// re-run changes nothing. Exits 1 when any record was skipped.
    Import(import::ImportArgs),
    /// Full-text search over the talent pool with filters and facet counts, e.g.
    /// `hireloop search "kafka payments" --skill go --level senior --vetted`.
    Search(crate::commands::search::SearchArgs),
    /// Rank the talent pool against a role's scorecard (a role's id, title or slug, or a role
    /// file), each result with its score, skills matched and missing, and reasons, e.g.
    /// `hireloop match examples/roles/senior-go-payments.toml --limit 10`.
    Match(crate::commands::match_role::MatchArgs),
    /// Resume files (PDF, DOCX, text) for a candidate: text stored, skills found and added. Each
    /// file is reported as imported, unchanged or skipped with the reason; exits 1 when any was
    /// skipped.
    #[command(subcommand)]
    Resume(crate::commands::resume::ResumeCommand),
    /// Load the demo data set into the database (once; a second run adds nothing).
    Demo(demo::DemoArgs),
    /// What a backend hire costs, from the market dataset: rate and salary bands, total cost of
    /// employment, in-house vs outsourced, a wrong hire, a budget against the market. Every figure
    /// is shown with its source; no database is needed.
    #[command(subcommand_required = true)]
    Cost(cost::CostArgs),
    /// Advice from the market dataset: which sourcing channel and engagement model, full-stack or
    /// dedicated backend, and how long a search takes. No database is needed.
    #[command(subcommand_required = true)]
    Advise(advise::AdviseArgs),
    /// Check role files (role-as-code TOML, docs/role-as-code.md) against the known mistakes of
    /// backend hiring plans: each finding with its rule code, severity, fix and source. Exits 1
    /// when a file does not parse or has an error-level finding. No database is needed.
    Lint(lint::LintArgs),
    /// Render a role file's job description: Markdown, an HTML fragment, or a schema.org
    /// JobPosting in JSON-LD. No database is needed.
    Jd(jd::JdArgs),
    /// Benchmarks: `bench match` runs the matching engine against SQL and tantivy baselines on a
    /// synthetic pool. No hireloop database is needed.
    #[command(subcommand)]
    Bench(crate::commands::bench::BenchCommand),
    /// Decide on an application: advance it to the next stage, or reject or withdraw it with a
    /// reason from `hireloop reasons` and a note. Kept in the application's history.
    Decide(interview::DecideArgs),
    /// An application's stage history, oldest first: every move with its reason, note and actor.
    History(interview::HistoryArgs),
    /// The shipped reasons to reject or withdraw an application. No database is needed.
    Reasons(interview::ReasonsArgs),
    /// An application's interviews: list them, or schedule one with its panel.
    #[command(subcommand)]
    Interview(interview_schedule::InterviewCommand),
    /// An application's offer.
    #[command(subcommand)]
    Offer(interview_schedule::OfferCommand),
    /// The messages hireloop wrote (invites, reminders, rejections, offers): list them, show one,
    /// or send the queued ones through SMTP once.
    #[command(subcommand)]
    Outbox(crate::commands::outbox::OutboxCommand),
    /// Queue a reminder for each interviewer whose feedback is still missing some hours after the
    /// interview ended. Each is queued once, however often this runs.
    Reminders(crate::commands::outbox::RemindersArgs),
}

impl Command {
    /// The server reports what it does at `info`; one-shot commands stay quiet unless asked.
    pub fn default_log_level(&self) -> &'static str {
        match self {
            Command::Serve(_) => "info",
            _ => "warn",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }
}
