//! `hireloop role import FILE` and `hireloop role export ID`: a role file in and out of the
//! database. The role keeps the file's canonical TOML, so exporting gives back exactly that.

use crate::commands::{role_file, user_by_email};
use crate::error::CliError;
use crate::output::{print_text, say};
use clap::Args;
use hireloop_core::email::Email;
use hireloop_core::ids::RoleId;
use hireloop_core::role::{NewRole, RoleStatus};
use hireloop_core::scorecard::{
    lint, requisition, to_toml, LintContext, Scorecard, ScorecardLevel, Severity, SkillCatalog,
};
use hireloop_store::{Store, StoreError};
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The role file (role-as-code TOML; see docs/role-as-code.md).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Replace the scorecard of this existing role instead of creating a new role; the role's
    /// title, level and language are updated from the file.
    #[arg(long, value_name = "ID")]
    pub update: Option<String>,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The role's id, as `role list` shows it.
    pub id: String,
}

pub async fn import(store: &Store, args: ImportArgs) -> Result<(), CliError> {
    let update = match &args.update {
        Some(raw) => Some(
            raw.parse::<RoleId>()
                .map_err(|m| CliError::invalid("--update", m))?,
        ),
        None => None,
    };
    // Nothing is stored unless the whole file parses.
    let (_, card) = role_file::load_or_fail(&args.file)?;
    let canonical = to_toml(&card);
    let catalog = role_file::catalog()?;
    match update {
        Some(id) => {
            store.role(id).await?.ok_or_else(|| no_role(id))?;
            let fields = requisition(&card, &catalog)?;
            store
                .set_role_scorecard_and_requisition(id, &canonical, &fields)
                .await?;
            say!(
                "Replaced the scorecard of role '{}' (id {}).",
                fields.title,
                id
            );
        }
        None => create(store, &card, &catalog, &canonical).await?,
    }
    summarise_lint(&card, &catalog, &args.file);
    Ok(())
}

async fn create(
    store: &Store,
    card: &Scorecard,
    catalog: &dyn SkillCatalog,
    canonical: &str,
) -> Result<(), CliError> {
    let fields = requisition(card, catalog)?;
    // A hiring manager written as an email must be a user; any other text stays in the scorecard.
    let manager = match card.hiring_manager.as_deref().map(Email::parse) {
        Some(Ok(email)) => Some(user_by_email(store, "hiring_manager", email.as_str()).await?),
        _ => None,
    };
    let new = NewRole {
        title: fields.title,
        level: fields.level,
        primary_language: fields.primary_language.ok_or_else(|| {
            CliError::invalid(
                "primary_language",
                "a stored role is listed under its language: add primary_language (or framework) to the file",
            )
        })?,
        status: RoleStatus::Open,
        hiring_manager_id: manager.as_ref().map(|u| u.id),
    };
    let role = store.create_role(&new).await?;
    store.set_role_scorecard(role.id, canonical).await?;
    say!(
        "Created role '{}' ({}, {}, {}) with id {}.",
        role.title,
        role.level,
        role.primary_language,
        role.status,
        role.id
    );
    if card.level == ScorecardLevel::Staff {
        say!("Note: roles store junior, mid or senior, so this staff role is stored as senior; its scorecard keeps level = \"staff\".");
    }
    match (&manager, &card.hiring_manager) {
        (Some(user), _) => say!("Hiring manager: {} <{}>.", user.name, user.email),
        (None, Some(text)) => say!(
            "Note: hiring_manager '{text}' is not a user's email, so it is kept in the scorecard only."
        ),
        (None, None) => {}
    }
    Ok(())
}

/// One line on what `hireloop lint` would say, so an import of a flawed plan does not go unnoticed.
fn summarise_lint(card: &Scorecard, catalog: &dyn SkillCatalog, file: &std::path::Path) {
    // The shipped market data, as `hireloop lint` uses by default; without it the budget check is skipped.
    let market = hireloop_server::market::without_uploads(None).ok();
    let dataset = market.as_ref().map(|m| m.dataset.as_ref());
    let report = lint(card, &LintContext::new(catalog, dataset));
    let errors = report.count(Severity::Error);
    let warnings = report.count(Severity::Warning);
    if errors + warnings > 0 {
        say!(
            "Lint: {errors} error(s), {warnings} warning(s); see `hireloop lint {}`.",
            file.display()
        );
    }
}

pub async fn export(store: &Store, args: ExportArgs) -> Result<(), CliError> {
    let id: RoleId = args.id.parse().map_err(|m| CliError::invalid("id", m))?;
    match store.role_scorecard(id).await {
        Ok(Some(text)) => {
            print_text(&text);
            Ok(())
        }
        Ok(None) => Err(CliError::Failed(format!(
            "role {id} has no scorecard; give it one with `hireloop role import FILE --update {id}`"
        ))),
        Err(StoreError::NotFound(_)) => Err(no_role(id)),
        Err(e) => Err(e.into()),
    }
}

fn no_role(id: RoleId) -> CliError {
    CliError::Failed(format!("no role with id {id}"))
}
