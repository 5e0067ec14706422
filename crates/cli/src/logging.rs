//! Logs go to stderr through `tracing`, so stdout carries only the command's output.

use std::io::IsTerminal;
use tracing_subscriber::EnvFilter;

/// `-v` flags win; otherwise RUST_LOG; otherwise `default`.
pub fn init(verbose: u8, default: &str) {
    let filter = match verbose {
        // tantivy logs every index commit at info: noise for whoever runs hireloop, so it speaks
        // only from -vv on (or when RUST_LOG asks).
        0 => EnvFilter::try_from_default_env()
            .unwrap_or_else(|_| EnvFilter::new(format!("{default},tantivy=warn"))),
        1 => EnvFilter::new("info,tantivy=warn"),
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
