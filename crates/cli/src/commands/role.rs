//! `hireloop role …`: create and list roles (open positions); import and export their scorecards
//! as role files (in `role_code`).

use crate::cli::Global;
use crate::commands::role_code::{self, ExportArgs, ImportArgs};
use crate::commands::user_by_email;
use crate::error::CliError;
use crate::output::{print_page, say, when, ListArgs};
use clap::{Args, Subcommand};
use hireloop_core::ids::UserId;
use hireloop_core::role::RoleInput;
use hireloop_core::user::User;
use hireloop_store::Store;
use std::collections::HashMap;

#[derive(Debug, Subcommand)]
pub enum RoleCommand {
    /// Create a role.
    Create(CreateArgs),
    /// List roles, newest first.
    List(ListArgs),
    /// Create a role from a role file (role-as-code TOML) and store its scorecard; prints the new
    /// role's id. A file that does not parse is refused and nothing is stored.
    Import(ImportArgs),
    /// Print a role's scorecard as its canonical role file.
    Export(ExportArgs),
}

#[derive(Debug, Args)]
pub struct CreateArgs {
    /// 3-120 characters carrying level, focus and arrangement, e.g.
    /// "Senior Go Engineer, Payments API (Remote)".
    #[arg(long)]
    pub title: String,
    /// junior, mid or senior.
    #[arg(long)]
    pub level: String,
    /// The primary language or framework, e.g. "Go" or "Python/Django".
    #[arg(long)]
    pub language: String,
    /// draft, open, on_hold, filled or closed (default: open).
    #[arg(long)]
    pub status: Option<String>,
    /// Email of the user who owns the hiring decision.
    #[arg(long)]
    pub hiring_manager: Option<String>,
}

pub async fn run(global: &Global, store: &Store, command: RoleCommand) -> Result<(), CliError> {
    match command {
        RoleCommand::Create(args) => create(store, args).await,
        RoleCommand::List(args) => list(global, store, args).await,
        RoleCommand::Import(args) => role_code::import(store, args).await,
        RoleCommand::Export(args) => role_code::export(store, args).await,
    }
}

async fn create(store: &Store, args: CreateArgs) -> Result<(), CliError> {
    let manager = match &args.hiring_manager {
        None => Ok(None),
        Some(email) => user_by_email(store, "hiring_manager", email)
            .await
            .map(Some),
    };
    let input = RoleInput {
        title: args.title,
        level: args.level,
        primary_language: args.language,
        status: args.status,
        hiring_manager_id: manager
            .as_ref()
            .ok()
            .and_then(|m| m.as_ref())
            .map(|u| u.id.as_uuid()),
    };
    // Report every bad field at once, the hiring manager's included.
    let new = match (input.parse(), manager) {
        (Ok(new), Ok(_)) => new,
        (Ok(_), Err(e)) => return Err(e),
        (Err(mut errors), Err(CliError::Invalid(more))) => {
            errors.errors.extend(more.errors);
            return Err(errors.into());
        }
        (Err(errors), _) => return Err(errors.into()),
    };
    let role = store.create_role(&new).await?;
    say!(
        "Created role '{}' ({}, {}, {}) with id {}.",
        role.title,
        role.level,
        role.primary_language,
        role.status,
        role.id
    );
    Ok(())
}

async fn list(global: &Global, store: &Store, args: ListArgs) -> Result<(), CliError> {
    let page = args
        .fetch(|page| async move { store.list_roles(&page).await })
        .await?;
    let mut managers: HashMap<UserId, User> = HashMap::new();
    for id in page.items.iter().filter_map(|r| r.hiring_manager_id) {
        if let std::collections::hash_map::Entry::Vacant(slot) = managers.entry(id) {
            if let Some(user) = store.user(id).await? {
                slot.insert(user);
            }
        }
    }
    print_page(
        global.format,
        &page,
        &[
            "id",
            "title",
            "level",
            "language",
            "status",
            "hiring manager",
            "created",
        ],
        |r| {
            vec![
                r.id.to_string(),
                r.title.to_string(),
                r.level.to_string(),
                r.primary_language.to_string(),
                r.status.to_string(),
                r.hiring_manager_id
                    .and_then(|id| managers.get(&id))
                    .map_or(String::new(), |u| u.email.to_string()),
                when(&r.created_at),
            ]
        },
    )
}
