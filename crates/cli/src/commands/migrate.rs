//! `hireloop migrate`: brings the schema up to date, or refuses a database from a newer hireloop.

use crate::cli::Global;
use crate::error::CliError;
use crate::output::say;
use hireloop_store::{ConnectOptions, Store};

pub async fn run(global: &Global) -> Result<(), CliError> {
    let store = Store::connect(&global.database_url, ConnectOptions::default()).await?;
    let result = store.migrate().await;
    store.close().await;
    let report = result?;
    let before = report
        .from_version
        .map_or_else(|| "none (new database)".to_string(), |v| v.to_string());
    if report.from_version == Some(report.to_version) {
        say!(
            "schema version {} (already up to date, {})",
            report.to_version,
            store.backend_name()
        );
    } else {
        say!(
            "schema version {before} → {} ({})",
            report.to_version,
            store.backend_name()
        );
    }
    Ok(())
}
