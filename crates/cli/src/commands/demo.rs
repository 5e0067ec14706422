//! `hireloop demo` (and `serve --demo`): loads the demo data set once. The four demo users share one
//! generated password, printed only when the data is first loaded.

use crate::demo::{generate, DemoSpec};
use crate::error::CliError;
use crate::output::say;
use crate::secret::generate_password;
use clap::Args;
use hireloop_server::auth::hash_password;
use hireloop_store::demo::DemoOutcome;
use hireloop_store::Store;

#[derive(Debug, Args)]
pub struct DemoArgs {}

/// Who can log in to the demo, and the password if it was just created.
pub struct DemoLogins {
    pub users: Vec<(String, String)>,
    pub password: Option<String>,
}

impl DemoLogins {
    pub fn print(&self) {
        match &self.password {
            Some(password) => {
                say!("Demo logins (one password for all four, shown only this once):");
                self.print_users();
                say!("  password: {password}");
            }
            None => {
                say!("Demo logins:");
                self.print_users();
                say!("The demo password was printed when the demo data was first loaded.");
                if let Some((_, email)) = self.users.first() {
                    say!("To set a new one: hireloop user password {email}");
                }
            }
        }
    }

    fn print_users(&self) {
        for (role, email) in &self.users {
            say!("  {role:<15} {email}");
        }
    }
}

pub async fn run(store: &Store) -> Result<(), CliError> {
    load(store).await?.print();
    Ok(())
}

/// Loads the demo data unless it is already there, saying which happened.
pub async fn load(store: &Store) -> Result<DemoLogins, CliError> {
    let spec = DemoSpec::embedded()?;
    let password = generate_password();
    let hash = hash_password(&password).await?;
    let generated = generate(&spec, chrono::Utc::now(), &password, &hash)?;
    let users = generated
        .set
        .users
        .iter()
        .map(|(u, _)| (u.role.to_string(), u.email.to_string()))
        .collect();
    match store.load_demo(&generated.set).await? {
        DemoOutcome::Loaded {
            users: u,
            roles,
            candidates,
            applications,
        } => {
            say!(
                "Loaded the demo data: {u} users, {roles} roles, {candidates} candidates, \
                 {applications} applications."
            );
            say!(
                "Expected rates follow the {} bands by region and level ({} per {}).",
                spec.rates.source,
                spec.rates.currency,
                spec.rates.period
            );
            Ok(DemoLogins {
                users,
                password: Some(password),
            })
        }
        DemoOutcome::AlreadyLoaded => {
            say!("The demo data is already loaded; nothing was added.");
            Ok(DemoLogins {
                users,
                password: None,
            })
        }
    }
}
