//! `hireloop user …`: add users, list them, reset a password. Passwords are hashed with the server's
//! Argon2id settings; a generated one is printed once and never stored in clear.

use crate::cli::Global;
use crate::commands::user_by_email;
use crate::error::CliError;
use crate::output::{print_page, say, when, ListArgs};
use crate::secret::password_from;
use clap::{Args, Subcommand};
use hireloop_core::user::{Password, UserInput};
use hireloop_server::auth::hash_password;
use hireloop_store::Store;

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add a user. Without --password-stdin a strong password is generated and printed once.
    Add(AddArgs),
    /// List users, newest first.
    List(ListArgs),
    /// Set a new password for a user and end their sessions. Prints a generated one unless
    /// --password-stdin is given.
    Password(PasswordArgs),
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("kind").required(true).args(["role", "admin"])))]
pub struct AddArgs {
    /// Login email, e.g. ana@example.com.
    #[arg(long)]
    pub email: String,
    /// Full name as the person writes it.
    #[arg(long)]
    pub name: String,
    /// admin, recruiter, hiring_manager or interviewer.
    #[arg(long)]
    pub role: Option<String>,
    /// Short for --role admin.
    #[arg(long)]
    pub admin: bool,
    /// Read the password (at least 10 characters) from the first line of stdin.
    #[arg(long)]
    pub password_stdin: bool,
}

#[derive(Debug, Args)]
pub struct PasswordArgs {
    /// The user's login email.
    pub email: String,
    /// Read the new password from the first line of stdin.
    #[arg(long)]
    pub password_stdin: bool,
}

pub async fn run(global: &Global, store: &Store, command: UserCommand) -> Result<(), CliError> {
    match command {
        UserCommand::Add(args) => add(store, args).await,
        UserCommand::List(args) => list(global, store, args).await,
        UserCommand::Password(args) => password(store, args).await,
    }
}

async fn add(store: &Store, args: AddArgs) -> Result<(), CliError> {
    let (password, generated) = password_from(args.password_stdin)?;
    let role = match (args.admin, args.role) {
        (true, _) => "admin".to_string(),
        (false, role) => role.unwrap_or_default(),
    };
    let new = UserInput {
        email: args.email,
        name: args.name,
        role,
        password,
    }
    .parse()?;
    let hash = hash_password(new.password.expose()).await?;
    let user = store.create_user(&new, &hash).await?;
    say!(
        "Added {} {} <{}> (id {}).",
        user.role.label().to_lowercase(),
        user.name,
        user.email,
        user.id
    );
    if generated {
        say!("Password (shown only this once): {}", new.password.expose());
    }
    Ok(())
}

async fn list(global: &Global, store: &Store, args: ListArgs) -> Result<(), CliError> {
    let page = args
        .fetch(|page| async move { store.list_users(&page).await })
        .await?;
    print_page(
        global.format,
        &page,
        &["id", "email", "name", "role", "created"],
        |u| {
            vec![
                u.id.to_string(),
                u.email.to_string(),
                u.name.to_string(),
                u.role.to_string(),
                when(&u.created_at),
            ]
        },
    )
}

async fn password(store: &Store, args: PasswordArgs) -> Result<(), CliError> {
    let user = user_by_email(store, "email", &args.email).await?;
    let (raw, generated) = password_from(args.password_stdin)?;
    let password = Password::parse(&raw).map_err(|m| CliError::invalid("password", m))?;
    let hash = hash_password(password.expose()).await?;
    store.set_password(user.id, &hash).await?;
    say!(
        "New password set for {}; their sessions were ended.",
        user.email
    );
    if generated {
        say!("Password (shown only this once): {}", password.expose());
    }
    Ok(())
}
