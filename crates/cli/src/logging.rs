//! Logs go to stderr through `tracing`, so stdout carries only the command's output.

use std::io::IsTerminal;
use tracing_subscriber::EnvFilter;

/// `-v` flags win; otherwise RUST_LOG; otherwise `default`.
pub fn init(verbose: u8, default: &str) {
    let filter = match verbose {
        0 => EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default)),
        1 => EnvFilter::new("info"),
        2 => EnvFilter::new("debug"),
        _ => EnvFilter::new("trace"),
    };
    // Fails only if a subscriber is already set, which cannot happen in this binary.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        // Colour codes only where a person reads them, not in log files.
        .with_ansi(std::io::stderr().is_terminal())
        .try_init();
}
