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
    lint, to_toml, LintContext, Scorecard, ScorecardLevel, Severity, SkillCatalog,
};
use hireloop_core::text::PrimaryLanguage;
use hireloop_store::{Store, StoreError};
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The role file (role-as-code TOML; see docs/role-as-code.md).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Replace the scorecard of this existing role instead of creating a new role; the role's
    /// title, level and language stay as they are.
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
            let role = store.role(id).await?.ok_or_else(|| no_role(id))?;
            store.set_role_scorecard(id, &canonical).await?;
            say!(
                "Replaced the scorecard of role '{}' (id {}).",
                role.title,
                role.id
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
    let primary_language = stored_language(card, catalog)?;
    // A hiring manager written as an email must be a user; any other text stays in the scorecard.
    let manager = match card.hiring_manager.as_deref().map(Email::parse) {
        Some(Ok(email)) => Some(user_by_email(store, "hiring_manager", email.as_str()).await?),
        _ => None,
    };
    let new = NewRole {
        title: card.title.clone(),
        level: card.level.market_level(),
        primary_language,
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

/// The language a stored role is listed under: "Python/Django" for a language and a framework,
/// the framework's language when only the framework is given.
fn stored_language(
    card: &Scorecard,
    catalog: &dyn SkillCatalog,
) -> Result<PrimaryLanguage, CliError> {
    let language = card
        .primary_language
        .as_ref()
        .map(|l| l.as_str().to_string())
        .or_else(|| {
            let framework = catalog.resolve(card.framework.as_ref()?.as_str())?;
            let first = catalog.languages_of(&framework.id).into_iter().next()?;
            Some(first.name)
        });
    let framework = card.framework.as_ref().map(|f| f.as_str());
    let candidates: Vec<String> = match (language, framework) {
        (Some(l), Some(f)) => vec![format!("{l}/{f}"), l],
        (Some(l), None) => vec![l],
        (None, Some(f)) => vec![f.to_string()],
        (None, None) => {
            return Err(CliError::invalid(
                "primary_language",
                "a stored role is listed under its language: add primary_language (or framework) to the file",
            ))
        }
    };
    // The combined form may be longer than a stored language allows; the language alone then.
    let mut last = String::new();
    for text in &candidates {
        match PrimaryLanguage::parse(text) {
            Ok(parsed) => return Ok(parsed),
            Err(message) => last = message,
        }
    }
    Err(CliError::invalid("primary_language", last))
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
