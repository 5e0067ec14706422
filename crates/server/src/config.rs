//! Server settings. The CLI fills them from flags and `HIRELOOP_…` environment variables.

use hireloop_core::interview::{TrialPolicy, VisibilityPolicy};
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// Where to listen; port 0 picks a free port (tests).
    pub bind: SocketAddr,
    /// Mark the session cookie `Secure`. Turn on when hireloop is served over HTTPS (directly or behind
    /// a TLS-terminating proxy); a request with `X-Forwarded-Proto: https` also gets a Secure cookie.
    pub secure_cookies: bool,
    /// How long a login lasts.
    pub session_hours: i64,
    /// A directory of market data files (`*.toml`, the format of `data/market/`): a file with a shipped
    /// name replaces that file, others add to the shipped set. Checked at start-up; a bad file stops it.
    pub market_data_dir: Option<PathBuf>,
    /// How long trials last by default and at most.
    pub trial_policy: TrialPolicy,
    /// Who may read interview feedback without (or before) submitting their own.
    pub feedback_policy: VisibilityPolicy,
}

impl Default for ServerConfig {
    fn default() -> Self {
        Self {
            bind: SocketAddr::from(([127, 0, 0, 1], 8080)),
            secure_cookies: false,
            session_hours: 12,
            market_data_dir: None,
            trial_policy: TrialPolicy::default(),
            feedback_policy: VisibilityPolicy::default(),
        }
    }
}
