//! `hireloop token …`: API tokens for scripts. The secret is printed once; only its hash is stored.

use crate::cli::Global;
use crate::commands::user_by_email;
use crate::error::CliError;
use crate::output::{print_page, say, when};
use clap::{Args, Subcommand};
use hireloop_core::ids::ApiTokenId;
use hireloop_core::page::Page;
use hireloop_server::auth::{hash_token, new_api_token};
use hireloop_store::Store;

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Create a token that acts as a user; it is printed once.
    Create(CreateArgs),
    /// List a user's tokens (never the secrets).
    List(UserArg),
    /// Revoke a token by id; requests with it are refused from then on.
    Revoke(RevokeArgs),
}

#[derive(Debug, Args)]
pub struct CreateArgs {
    /// The email of the user the token acts as.
    #[arg(long)]
    pub user: String,
    /// What the token is for, e.g. "ci import".
    #[arg(long)]
    pub name: String,
}

#[derive(Debug, Args)]
pub struct UserArg {
    /// The email of the user whose tokens to list.
    #[arg(long)]
    pub user: String,
}

#[derive(Debug, Args)]
pub struct RevokeArgs {
    /// The token's id, as `token list` shows it.
    pub id: String,
}

/// Longest token name: a label, not a note.
const MAX_NAME_CHARS: usize = 100;

pub async fn run(global: &Global, store: &Store, command: TokenCommand) -> Result<(), CliError> {
    match command {
        TokenCommand::Create(args) => create(store, args).await,
        TokenCommand::List(args) => list(global, store, args).await,
        TokenCommand::Revoke(args) => revoke(store, args).await,
    }
}

fn parse_name(raw: &str) -> Result<String, CliError> {
    let name = raw.trim();
    let problem = if name.is_empty() {
        Some("must not be empty".to_string())
    } else if name.chars().count() > MAX_NAME_CHARS {
        Some(format!("must be at most {MAX_NAME_CHARS} characters"))
    } else if name.chars().any(char::is_control) {
        Some("must not contain control characters".to_string())
    } else {
        None
    };
    match problem {
        Some(message) => Err(CliError::invalid("name", message)),
        None => Ok(name.to_string()),
    }
}

async fn create(store: &Store, args: CreateArgs) -> Result<(), CliError> {
    let name = parse_name(&args.name)?;
    let user = user_by_email(store, "user", &args.user).await?;
    let secret = new_api_token();
    let token = store
        .create_api_token(user.id, &name, &hash_token(&secret))
        .await?;
    say!(
        "Created API token '{}' (id {}) for {}. It is shown only this once:",
        token.name,
        token.id,
        user.email
    );
    say!("{secret}");
    say!("Send it as the header 'Authorization: Bearer <token>'.");
    Ok(())
}

async fn list(global: &Global, store: &Store, args: UserArg) -> Result<(), CliError> {
    let user = user_by_email(store, "user", &args.user).await?;
    let page = Page {
        items: store.list_api_tokens(user.id).await?,
        next_cursor: None,
    };
    let optional =
        |at: &Option<chrono::DateTime<chrono::Utc>>| at.as_ref().map_or(String::new(), when);
    print_page(
        global.format,
        &page,
        &["id", "name", "created", "last used", "revoked"],
        |t| {
            vec![
                t.id.to_string(),
                t.name.clone(),
                when(&t.created_at),
                optional(&t.last_used_at),
                optional(&t.revoked_at),
            ]
        },
    )
}

async fn revoke(store: &Store, args: RevokeArgs) -> Result<(), CliError> {
    let id: ApiTokenId = args.id.parse().map_err(|m| CliError::invalid("id", m))?;
    let token = store.revoke_api_token(None, id).await?;
    say!("Revoked API token '{}' (id {}).", token.name, token.id);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_names_are_trimmed_labels() {
        assert_eq!(parse_name("  ci import ").unwrap(), "ci import");
        for bad in ["", "   ", "a\tb"] {
            assert!(parse_name(bad).unwrap_err().report().contains("name:"));
        }
        assert!(parse_name(&"x".repeat(101)).is_err());
    }
}
