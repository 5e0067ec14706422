//! `hireloop`: the one binary that serves the web app and runs the operator commands (migrate, users,
//! API tokens, roles, candidates, demo data), the market ones (cost, advise) and the role-file ones
//! (lint, jd). Parsing lives in `cli`, each command group in `commands`.

mod cli;
mod commands;
mod demo;
mod error;
mod logging;
mod output;
mod secret;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    // Usage errors exit with 2 and `--help` with 0, both inside clap.
    let cli = cli::Cli::parse();
    logging::init(cli.global.verbose, cli.command.default_log_level());
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(commands::run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{}", e.report());
            ExitCode::FAILURE
        }
    }
}
