//! `hireloop advise …`: which sourcing channel, which engagement model, full-stack or dedicated
//! backend, and how long a search takes. Options are ranked best first, each with the reasons that
//! moved it and their sources; the rules are data (data/market/advice.toml).

use crate::cli::Global;
use crate::commands::market::{flagged, parse_flag, print_used, table, title, DataArgs};
use crate::error::CliError;
use crate::output::{print_json, say, Format};
use chrono::{Datelike, Duration, Local, NaiveDate};
use clap::{Args, Subcommand};
use hireloop_core::level::Level;
use hireloop_core::market::advice::{self, Advice, AdviceInput, TeamShapeInput};
use hireloop_core::market::timeline::{self, Channel, Timeline};
use hireloop_core::market::Dataset;
use serde::Serialize;

#[derive(Debug, Args)]
pub struct AdviseArgs {
    #[command(flatten)]
    pub data: DataArgs,
    #[command(subcommand)]
    pub command: AdviseCommand,
}

#[derive(Debug, Subcommand)]
pub enum AdviseCommand {
    /// Rank the sourcing channels (in-house, agency, staffing firm, freelance platform, curated
    /// network, developer communities, managed team) for your situation.
    Channel(SituationArgs),
    /// Rank the engagement models (full-time, contractor, contract-to-hire, freelance, offshore
    /// team) for your situation.
    Engagement(SituationArgs),
    /// Full-stack engineer or dedicated backend engineer, for the shape of your product.
    TeamShape(TeamShapeArgs),
    /// How long a search takes through a channel: phases, accepted-offer and start dates, the
    /// ramp-up after the start, and other benchmarks to compare with.
    Timeline(TimelineArgs),
}

/// The situation the channel and engagement advisors weigh. Defaults are hireloop's, not figures.
#[derive(Debug, Args)]
pub struct SituationArgs {
    /// Company stage: startup, growth or enterprise.
    #[arg(long, default_value = "growth")]
    pub stage: String,
    /// How many people to hire (1-1000); 2 or more and 5 or more change the advice.
    #[arg(long, default_value_t = 1, allow_negative_numbers = true)]
    pub hires: i64,
    /// How long the need lasts, in months: under 3 is short, 3-12 medium, over 12 long. Omit for
    /// an open-ended need (counted as long).
    #[arg(long, allow_negative_numbers = true)]
    pub duration_months: Option<i64>,
    /// low (quality over speed), normal, or high (something is blocked).
    #[arg(long, default_value = "normal")]
    pub urgency: String,
    /// The level hired for: junior, mid or senior. Default: not taken into account.
    #[arg(long)]
    pub level: Option<String>,
    /// Someone in house can run a technical search (recruiters who know backend hiring).
    #[arg(long)]
    pub recruiting_capacity: bool,
    /// Someone in house leads backend work and can judge a candidate's or a vendor's work.
    #[arg(long)]
    pub backend_leadership: bool,
    /// Core, long-lived ownership (rather than scoped work such as a migration).
    #[arg(long)]
    pub core_work: bool,
    /// Regulated work: compliance needs, a security boundary to keep in house.
    #[arg(long)]
    pub compliance: bool,
}

#[derive(Debug, Args)]
pub struct TeamShapeArgs {
    /// Company stage: startup, growth or enterprise. Default: not taken into account.
    #[arg(long)]
    pub stage: Option<String>,
    /// The API serves several clients (web, mobile, partners).
    #[arg(long)]
    pub several_clients: bool,
    /// Load or data volume is significant.
    #[arg(long)]
    pub significant_load: bool,
    /// Business logic is complex (billing, compliance).
    #[arg(long)]
    pub complex_logic: bool,
    /// Security requirements are high (fintech, healthcare).
    #[arg(long)]
    pub high_security: bool,
    /// Performance needs deep platform knowledge.
    #[arg(long)]
    pub deep_performance: bool,
    /// Mostly create-read-update-delete screens.
    #[arg(long)]
    pub crud_app: bool,
}

#[derive(Debug, Args)]
pub struct TimelineArgs {
    /// in_house, agency, staffing_firm, curated_network or managed_team (freelance_platform and
    /// community have no time-to-hire figures in the shipped dataset).
    #[arg(long)]
    pub channel: String,
    /// junior, mid or senior.
    #[arg(long)]
    pub level: String,
    /// The day the search starts, YYYY-MM-DD. Default: today (local time).
    #[arg(long)]
    pub start: Option<String>,
}

pub fn run(global: &Global, args: AdviseArgs) -> Result<(), CliError> {
    let snapshot = args.data.load()?;
    let data = snapshot.dataset.as_ref();
    let format = global.format;
    match args.command {
        AdviseCommand::Channel(a) => {
            let input = situation(&a)?;
            let advice = advice::advise_channel(data, &input).map_err(|e| flagged(e, &[]))?;
            print_advice(format, "Sourcing channels", &input, &advice)
        }
        AdviseCommand::Engagement(a) => {
            let input = situation(&a)?;
            let advice = advice::advise_engagement(data, &input).map_err(|e| flagged(e, &[]))?;
            print_advice(format, "Engagement models", &input, &advice)
        }
        AdviseCommand::TeamShape(a) => {
            let input = TeamShapeInput {
                stage: match &a.stage {
                    Some(raw) => Some(parse_flag("--stage", raw)?),
                    None => None,
                },
                several_clients: a.several_clients,
                significant_load: a.significant_load,
                complex_logic: a.complex_logic,
                high_security: a.high_security,
                deep_performance: a.deep_performance,
                crud_app: a.crud_app,
            };
            let advice = advice::advise_team_shape(data, &input);
            print_advice(format, "Full-stack or dedicated backend", &input, &advice)
        }
        AdviseCommand::Timeline(a) => timeline(format, data, a),
    }
}

fn situation(a: &SituationArgs) -> Result<AdviceInput, CliError> {
    let hires = u32::try_from(a.hires)
        .ok()
        .filter(|h| (1..=1000).contains(h))
        .ok_or_else(|| {
            CliError::invalid(
                "--hires",
                format!("must be between 1 and 1000 (got {})", a.hires),
            )
        })?;
    let duration_months = match a.duration_months {
        None => None,
        Some(m) => Some(
            u32::try_from(m)
                .ok()
                .filter(|m| (1..=600).contains(m))
                .ok_or_else(|| {
                    CliError::invalid(
                        "--duration-months",
                        format!("must be between 1 and 600 (got {m})"),
                    )
                })?,
        ),
    };
    Ok(AdviceInput {
        stage: parse_flag("--stage", &a.stage)?,
        hires,
        duration_months,
        urgency: parse_flag("--urgency", &a.urgency)?,
        level: match &a.level {
            Some(raw) => Some(parse_flag::<Level>("--level", raw)?),
            None => None,
        },
        recruiting_capacity: a.recruiting_capacity,
        backend_leadership: a.backend_leadership,
        core_work: a.core_work,
        compliance: a.compliance,
    })
}

#[derive(Serialize)]
struct AdviceView<'a, I: Serialize> {
    input: &'a I,
    #[serde(flatten)]
    advice: &'a Advice,
}

fn print_advice<I: Serialize>(
    format: Format,
    what: &str,
    input: &I,
    advice: &Advice,
) -> Result<(), CliError> {
    if format == Format::Json {
        return print_json(&AdviceView { input, advice });
    }
    title(&format!("{what}, best first"), &advice.dataset_version);
    for (rank, rec) in advice.ranked.iter().enumerate() {
        say!(
            "{}. {} ({}): score {:+}",
            rank + 1,
            rec.label,
            rec.option,
            rec.score
        );
        if rec.reasons.is_empty() {
            say!("     no rule applies to this situation");
        }
        for reason in &rec.reasons {
            say!("   {:+} {} ({})", reason.weight, reason.text, reason.source);
        }
    }
    Ok(())
}

/// A search start date: a real date in a plausible range (date arithmetic far out would overflow).
fn parse_start(raw: &str) -> Result<NaiveDate, CliError> {
    let date = NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").map_err(|_| {
        CliError::invalid("--start", format!("'{raw}' is not a date as YYYY-MM-DD"))
    })?;
    if !(2000..=2100).contains(&date.year()) {
        return Err(CliError::invalid(
            "--start",
            format!("{date} is not plausible (use a year from 2000 to 2100)"),
        ));
    }
    Ok(date)
}

fn timeline(format: Format, data: &Dataset, args: TimelineArgs) -> Result<(), CliError> {
    let channel: Channel = parse_flag("--channel", &args.channel)?;
    let level: Level = parse_flag("--level", &args.level)?;
    let start = match &args.start {
        Some(raw) => parse_start(raw)?,
        None => Local::now().date_naive(),
    };
    let t = timeline::estimate(data, channel, level, start).map_err(|e| flagged(e, &[]))?;
    if format == Format::Json {
        return print_json(&t);
    }
    print_timeline(&t);
    Ok(())
}

fn print_timeline(t: &Timeline) {
    title(
        &format!(
            "Time to hire: {}, {}, search starting {}",
            t.channel.label(),
            t.level.label(),
            t.search_starts
        ),
        &t.dataset_version,
    );
    let mut phases = table(&["phase", "days", "ends between", "source"]);
    let (mut early, mut late) = (t.search_starts, t.search_starts);
    for p in &t.phases {
        early += Duration::days(p.min_days);
        late += Duration::days(p.max_days);
        phases.add_row(vec![
            p.name.clone(),
            format!("{}-{}", p.min_days, p.max_days),
            format!("{early} and {late}"),
            p.source.clone(),
        ]);
    }
    say!("{phases}");
    say!("Accepted offer: {} to {}", t.offer.earliest, t.offer.latest);
    say!("First day:      {} to {}", t.start.earliest, t.start.latest);
    let (min, max): (i64, i64) = t
        .phases
        .iter()
        .fold((0, 0), |(a, b), p| (a + p.min_days, b + p.max_days));
    say!("The phases add up to {min}-{max} days from the start of the search to the first day.");
    let mut ramp = table(&["after the first day", "expected between", "source"]);
    for m in &t.ramp_up {
        ramp.add_row(vec![
            m.name.clone(),
            format!("{} and {}", m.when.earliest, m.when.latest),
            m.source.clone(),
        ]);
    }
    say!("Ramp-up:");
    say!("{ramp}");
    print_used(
        "Other benchmarks for this search (not added to the dates)",
        &t.cross_checks,
    );
    for note in &t.notes {
        say!("Note: {note}");
    }
}
