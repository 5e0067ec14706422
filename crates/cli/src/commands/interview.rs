//! `hireloop decide`, `hireloop history` and `hireloop reasons`: decisions on applications with a
//! structured reason from the shipped taxonomy, and the append-only stage history. The CLI acts as
//! the system: it sees every application, and records the actor only when `--by` names a user.

use crate::cli::Global;
use crate::commands::user_by_email;
use crate::error::CliError;
use crate::output::{print_json, say, when, Format};
use clap::Args;
use comfy_table::{presets, ContentArrangement, Table};
use hireloop_core::authz::system_visibility;
use hireloop_core::ids::ApplicationId;
use hireloop_core::interview::{DecisionInput, DecisionKind, ReasonTaxonomy};
use hireloop_store::Store;

#[derive(Debug, Args)]
pub struct DecideArgs {
    /// The application's id.
    pub application: String,
    /// advance, reject or withdraw.
    #[arg(long)]
    pub decision: String,
    /// A reason id (see `hireloop reasons`): required to reject or withdraw.
    #[arg(long)]
    pub reason: Option<String>,
    /// Free text, 3-500 characters.
    #[arg(long)]
    pub note: Option<String>,
    /// The email of the user who decided, kept in the history.
    #[arg(long)]
    pub by: Option<String>,
}

#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// The application's id.
    pub application: String,
}

#[derive(Debug, Args)]
pub struct ReasonsArgs {
    /// Only the reasons for `reject` or `withdraw`.
    #[arg(long)]
    pub decision: Option<String>,
}

fn taxonomy() -> Result<ReasonTaxonomy, CliError> {
    ReasonTaxonomy::shipped()
        .map_err(|e| CliError::Failed(format!("the shipped decision reasons: {e}")))
}

fn application_id(raw: &str) -> Result<ApplicationId, CliError> {
    raw.trim()
        .parse()
        .map_err(|m: String| CliError::invalid("application", m))
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

/// `hireloop decide APPLICATION --decision … [--reason …] [--note …] [--by EMAIL]`
pub async fn decide(global: &Global, store: &Store, args: DecideArgs) -> Result<(), CliError> {
    let id = application_id(&args.application)?;
    let decision = DecisionInput {
        decision: args.decision,
        reason: args.reason,
        note: args.note,
    }
    .parse(&taxonomy()?)?;
    let actor = match &args.by {
        Some(email) => Some(user_by_email(store, "by", email).await?.id),
        None => None,
    };
    let current = store
        .application(&system_visibility(), id)
        .await?
        .ok_or_else(|| CliError::invalid("application", format!("no application with id {id}")))?;
    if current.stage.is_closed() {
        return Err(CliError::Failed(format!(
            "{} is {} already: reopen the application before deciding again",
            current.candidate_name,
            current.stage.label().to_lowercase()
        )));
    }
    if decision.kind == DecisionKind::Advance && current.stage.next().is_none() {
        return Err(CliError::Failed(format!(
            "{} is {}: there is nothing to advance to",
            current.candidate_name,
            current.stage.label().to_lowercase()
        )));
    }
    let planned = decision
        .stage_move(current.stage)
        .map_err(|e| CliError::Failed(e.to_string()))?;
    let decided = store
        .decide(
            id,
            &planned,
            decision.reason.as_ref().map(|r| r.id.as_str()),
            decision.note.as_ref(),
            actor,
        )
        .await?;
    match global.format {
        Format::Json => print_json(&decided),
        _ => {
            let why = decision
                .reason
                .as_ref()
                .map(|r| format!(" ({})", r.label))
                .unwrap_or_default();
            say!(
                "{} for {}: {} → {}{why}.",
                decided.candidate_name,
                decided.role_title,
                planned.from.label(),
                decided.stage.label()
            );
            Ok(())
        }
    }
}

/// `hireloop history APPLICATION`: every stage change, oldest first.
pub async fn history(global: &Global, store: &Store, args: HistoryArgs) -> Result<(), CliError> {
    let id = application_id(&args.application)?;
    if store.application(&system_visibility(), id).await?.is_none() {
        return Err(CliError::invalid(
            "application",
            format!("no application with id {id}"),
        ));
    }
    let changes = store.stage_history(id).await?;
    if global.format == Format::Json {
        return print_json(&changes);
    }
    let reasons = taxonomy()?;
    let rows = changes
        .iter()
        .map(|c| {
            let reason = match &c.reason_code {
                Some(code) => reasons.get(code).map_or(code.clone(), |r| r.label.clone()),
                None => String::new(),
            };
            let note = match (&c.reason_code, &c.note) {
                (None, None) => c.reason.as_ref().map(|r| r.to_string()),
                (_, note) => note.as_ref().map(|n| n.to_string()),
            };
            vec![
                when(&c.at),
                c.from_stage
                    .map_or("–".to_string(), |s| s.label().to_string()),
                c.to_stage.label().to_string(),
                reason,
                note.unwrap_or_default(),
                c.actor_name
                    .as_ref()
                    .map_or("system".to_string(), |n| n.to_string()),
            ]
        })
        .collect();
    table(&["at (UTC)", "from", "to", "reason", "note", "by"], rows);
    Ok(())
}

/// `hireloop reasons`: the shipped decision reasons. No database is needed.
pub fn reasons(global: &Global, args: ReasonsArgs) -> Result<(), CliError> {
    let taxonomy = taxonomy()?;
    let kinds = match args.decision.as_deref().map(str::trim) {
        None | Some("") => vec![DecisionKind::Reject, DecisionKind::Withdraw],
        Some(raw) => vec![raw
            .parse::<DecisionKind>()
            .map_err(|m| CliError::invalid("decision", m))?],
    };
    let list: Vec<_> = kinds
        .into_iter()
        .flat_map(|k| taxonomy.for_kind(k).cloned())
        .collect();
    if global.format == Format::Json {
        return print_json(&list);
    }
    let rows = list
        .iter()
        .map(|r| {
            vec![
                r.id.clone(),
                r.applies_to.to_string(),
                r.label.clone(),
                r.description.clone(),
            ]
        })
        .collect();
    table(&["id", "decision", "label", "description"], rows);
    Ok(())
}
