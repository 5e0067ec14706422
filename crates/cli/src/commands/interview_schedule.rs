//! `hireloop interview list|schedule` and `hireloop offer show`: the interviews of an application
//! and its current offer, for scripts. The CLI acts as the system; `--by` names who scheduled.

use crate::cli::Global;
use crate::commands::user_by_email;
use crate::error::CliError;
use crate::output::{print_json, say, when, Format};
use clap::{Args, Subcommand};
use comfy_table::{presets, ContentArrangement, Table};
use hireloop_core::application::Application;
use hireloop_core::authz::system_visibility;
use hireloop_core::ids::ApplicationId;
use hireloop_core::interview::schedule::stage_competencies;
use hireloop_core::interview::{Competency, InterviewInput, LoopTemplates};
use hireloop_core::scorecard::{from_toml, LoopStageKind, ScorecardLevel};
use hireloop_store::{Store, StoreError};

#[derive(Debug, Subcommand)]
pub enum InterviewCommand {
    /// An application's interviews, earliest first, cancelled ones included.
    List(ApplicationArg),
    /// Schedule an interview; the interviewers are assigned to the application.
    Schedule(ScheduleArgs),
}

#[derive(Debug, Subcommand)]
pub enum OfferCommand {
    /// The application's current offer: status, version, terms and the checklist's gaps.
    Show(ApplicationArg),
}

#[derive(Debug, Args)]
pub struct ApplicationArg {
    /// The application's id.
    pub application: String,
}

#[derive(Debug, Args)]
pub struct ScheduleArgs {
    /// The application's id.
    pub application: String,
    /// The loop stage type, e.g. screening, take_home, technical, system_design, behavioral.
    #[arg(long)]
    pub kind: String,
    /// When it starts, RFC 3339, e.g. 2026-12-01T14:00:00Z.
    #[arg(long)]
    pub at: String,
    /// How long, 15-480 minutes.
    #[arg(long, default_value_t = 60)]
    pub minutes: i64,
    /// A room or a video link.
    #[arg(long)]
    pub location: Option<String>,
    /// An interviewer's email; repeat for a panel.
    #[arg(long = "interviewer", required = true)]
    pub interviewers: Vec<String>,
    /// A competency id to assess; repeat. Default: what the role's loop (or the shipped template
    /// for its level) assesses at this stage.
    #[arg(long = "competency")]
    pub competencies: Vec<String>,
    /// The email of the user who scheduled it.
    #[arg(long)]
    pub by: Option<String>,
}

fn table(headers: &[&str], rows: Vec<Vec<String>>) {
    let mut table = Table::new();
    table
        .load_preset(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(headers.to_vec());
    for row in rows {
        table.add_row(row);
    }
    say!("{table}");
}

async fn application(store: &Store, raw: &str) -> Result<Application, CliError> {
    let id: ApplicationId = raw
        .trim()
        .parse()
        .map_err(|m: String| CliError::invalid("application", m))?;
    store
        .application(&system_visibility(), id)
        .await?
        .ok_or_else(|| CliError::invalid("application", format!("no application with id {id}")))
}

pub async fn run_interview(
    global: &Global,
    store: &Store,
    command: InterviewCommand,
) -> Result<(), CliError> {
    match command {
        InterviewCommand::List(args) => list(global, store, args).await,
        InterviewCommand::Schedule(args) => schedule(global, store, args).await,
    }
}

async fn list(global: &Global, store: &Store, args: ApplicationArg) -> Result<(), CliError> {
    let application = application(store, &args.application).await?;
    let interviews = store.interviews_for_application(application.id).await?;
    if global.format == Format::Json {
        return print_json(&interviews);
    }
    let rows = interviews
        .iter()
        .map(|i| {
            let panel: Vec<_> = i.participants.iter().map(|p| p.name.to_string()).collect();
            vec![
                i.id.to_string(),
                i.stage_kind.label().to_string(),
                when(&i.starts_at),
                i.duration_minutes.to_string(),
                i.status.label().to_string(),
                panel.join(", "),
                i.location.as_ref().map_or(String::new(), |l| l.to_string()),
            ]
        })
        .collect();
    table(
        &[
            "id",
            "stage",
            "starts (UTC)",
            "minutes",
            "status",
            "panel",
            "location",
        ],
        rows,
    );
    Ok(())
}

/// What a stage of this kind assesses when no competencies are named: the role's own loop stage,
/// else the shipped template's stage for the role's level (the rule the API applies too).
async fn default_competencies(
    store: &Store,
    application: &Application,
    kind: LoopStageKind,
) -> Result<Option<Vec<Competency>>, CliError> {
    let card = match store.role_scorecard(application.role_id).await? {
        None => None,
        Some(text) => {
            Some(from_toml(&text).map_err(|e| StoreError::Corrupt(format!("scorecard: {e}")))?)
        }
    };
    let role = store
        .role(application.role_id)
        .await?
        .ok_or(StoreError::NotFound("role"))?;
    let templates = LoopTemplates::shipped()
        .map_err(|e| CliError::Failed(format!("the shipped loop templates: {e}")))?;
    Ok(stage_competencies(
        card.as_ref(),
        &templates,
        ScorecardLevel::from_level(role.level),
        kind,
    ))
}

async fn schedule(global: &Global, store: &Store, args: ScheduleArgs) -> Result<(), CliError> {
    let application = application(store, &args.application).await?;
    if application.stage.is_closed() {
        return Err(CliError::Failed(format!(
            "the application is {}; reopen it before scheduling interviews",
            application.stage.label().to_lowercase()
        )));
    }
    let mut participants = Vec::new();
    for (i, email) in args.interviewers.iter().enumerate() {
        let field = format!("interviewer[{i}]");
        participants.push(user_by_email(store, &field, email).await?.id.as_uuid());
    }
    let actor = match &args.by {
        Some(email) => Some(user_by_email(store, "by", email).await?.id),
        None => None,
    };
    let input = InterviewInput {
        stage_kind: args.kind,
        starts_at: args.at,
        duration_minutes: args.minutes,
        location: args.location,
        participants,
        competencies: (!args.competencies.is_empty()).then_some(args.competencies),
    };
    // The defaults need the store, the parser takes a plain closure: look them up first.
    let kind = input.stage_kind.trim().parse::<LoopStageKind>().ok();
    let defaults = match kind {
        Some(kind) => default_competencies(store, &application, kind).await?,
        None => None,
    };
    let new = input.parse(application.id, |_| defaults)?;
    let interview = store.schedule_interview(&new, actor).await?;
    if global.format == Format::Json {
        return print_json(&interview);
    }
    say!(
        "Scheduled {} for {} on {} (interview {}).",
        interview.stage_kind.label(),
        application.candidate_name,
        when(&interview.starts_at),
        interview.id
    );
    Ok(())
}

pub async fn run_offer(
    global: &Global,
    store: &Store,
    command: OfferCommand,
) -> Result<(), CliError> {
    let OfferCommand::Show(args) = command;
    let application = application(store, &args.application).await?;
    let Some(record) = store.current_offer(application.id).await? else {
        return Err(CliError::Failed(format!(
            "{} has no offer on this application",
            application.candidate_name
        )));
    };
    if global.format == Format::Json {
        return print_json(&record);
    }
    let offer = &record.offer;
    let pay = &offer.compensation.pay;
    let missing = offer.checklist.missing();
    let rows = vec![
        vec!["status".into(), offer.status.label().to_string()],
        vec!["version".into(), record.version.to_string()],
        vec!["pay".into(), pay.to_string()],
        vec![
            "equity".into(),
            offer.compensation.equity.clone().unwrap_or_default(),
        ],
        vec![
            "bonus".into(),
            offer
                .compensation
                .bonus_percent
                .map_or(String::new(), |b| format!("{b}%")),
        ],
        vec!["engagement".into(), offer.engagement.label().to_string()],
        vec!["start date".into(), offer.start_date.to_string()],
        vec![
            "checklist gaps".into(),
            if missing.is_empty() {
                "none".into()
            } else {
                missing.join(", ")
            },
        ],
        vec!["updated (UTC)".into(), when(&record.updated_at)],
    ];
    table(&["offer", application.candidate_name.as_str()], rows);
    Ok(())
}
