//! What `cost` and `advise` share: the dataset they compute with (shipped files plus an optional
//! directory, read exactly as `serve` reads it), errors that name the flag at fault, and the tables
//! that show each figure with its source.

use crate::error::CliError;
use crate::output::say;
use clap::Args;
use comfy_table::{presets, ContentArrangement, Table};
use hireloop_core::market::{Cited, MarketError};
use hireloop_server::market::Snapshot;
use serde::Serialize;
use std::path::PathBuf;

#[derive(Debug, Args)]
#[command(next_help_heading = "Market data")]
pub struct DataArgs {
    /// A directory of market data files (*.toml in the format of data/market/, see
    /// docs/market-data.md): a file named like a shipped one replaces it, others add figures.
    /// Default: the dataset shipped in the binary only.
    #[arg(long, env = "HIRELOOP_MARKET_DATA", value_name = "DIR", global = true)]
    pub market_data: Option<PathBuf>,
}

impl DataArgs {
    /// The dataset in effect; a bad file stops the command, naming the file and the figure.
    pub fn load(&self) -> Result<Snapshot, CliError> {
        Ok(hireloop_server::market::without_uploads(
            self.market_data.as_deref(),
        )?)
    }
}

/// A computed result and the dataset version it was computed with.
#[derive(Debug, Serialize)]
pub struct Computed<'a, T: Serialize> {
    pub dataset_version: &'a str,
    #[serde(flatten)]
    pub result: T,
}

/// A market error with the core's field name replaced by the flag the user typed: `renames` maps
/// field → flag where they differ; any other field `foo_bar` is reported as `--foo-bar`.
pub fn flagged(err: MarketError, renames: &[(&str, &str)]) -> CliError {
    match err {
        MarketError::Unknown { field, message } | MarketError::OutOfRange { field, message } => {
            let flag = renames.iter().find(|(f, _)| *f == field).map_or_else(
                || format!("--{}", field.replace('_', "-")),
                |(_, flag)| flag.to_string(),
            );
            // Messages may name a sibling field ("must not be above budget.max"): use flags there too.
            let mut message = message;
            for (f, flag) in renames {
                message = message.replace(f, flag);
            }
            CliError::invalid(&flag, message)
        }
        no_benchmark @ MarketError::NoBenchmark(_) => CliError::Failed(no_benchmark.to_string()),
    }
}

/// Parses a closed-vocabulary value (level, channel, stage…), naming the flag on error.
pub fn parse_flag<T: std::str::FromStr<Err = String>>(
    flag: &str,
    raw: &str,
) -> Result<T, CliError> {
    raw.parse()
        .map_err(|message: String| CliError::invalid(flag, message))
}

/// A table in the house style.
pub fn table(headers: &[&str]) -> Table {
    let mut table = Table::new();
    table
        .load_preset(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(headers.to_vec());
    table
}

/// The first line of every result: what it is and which dataset it was computed with.
pub fn title(what: &str, dataset_version: &str) {
    say!("{what} (market dataset {dataset_version})");
}

/// The figures a result rests on, each with its source.
pub fn print_used(heading: &str, used: &[Cited]) {
    if used.is_empty() {
        return;
    }
    let mut t = table(&["figure", "value", "source"]);
    // A figure that several parts of a result rest on is listed once.
    let mut seen: Vec<&Cited> = Vec::new();
    for c in used {
        if seen.contains(&c) {
            continue;
        }
        seen.push(c);
        t.add_row(vec![c.what.clone(), c.value.clone(), c.source.clone()]);
    }
    say!("{heading}:");
    say!("{t}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_the_flag_not_the_field() {
        let err = flagged(
            MarketError::OutOfRange {
                field: "budget.min",
                message: "must not be above budget.max".into(),
            },
            &[("budget.min", "--min"), ("budget.max", "--max")],
        );
        assert_eq!(
            err.report(),
            "error: invalid input\n  --min: must not be above --max"
        );
        let err = flagged(
            MarketError::OutOfRange {
                field: "hours_per_year",
                message: "must be between 500 and 3000 (got 1)".into(),
            },
            &[],
        );
        assert!(err.report().contains("  --hours-per-year: must be between"));
        let err = flagged(MarketError::NoBenchmark("x in y".into()), &[]);
        assert_eq!(err.report(), "error: no benchmark for x in y");
    }
}
