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
    /// The SMTP server messages are sent through, e.g. `smtps://user:pass@smtp.example.com` or
    /// `smtp://localhost:25`. Unset: messages only go to the outbox, viewable in the UI.
    pub smtp_url: Option<String>,
    /// The sender of every message, e.g. `Hiring team <hiring@example.com>`; needed with `smtp_url`.
    pub mail_from: Option<String>,
    /// How many hours after an interview ended an interviewer whose feedback is missing is reminded.
    pub feedback_reminder_hours: i64,
    /// How often the reminder task looks for missing feedback, in minutes; 0 turns it off.
    pub reminder_check_minutes: u64,
    /// The address people reach hireloop at, for links in messages (e.g. `https://hire.example.com`);
    /// `http://` and the bind address when unset.
    pub public_url: Option<String>,
    /// Resume files (PDF, DOCX, text) larger than this are refused with a per-file error.
    pub resume_max_bytes: usize,
    /// How often, in milliseconds, the in-memory talent pool indexes read the database's change
    /// feed to pick up writes made by other servers or the CLI; 0 turns that off (this server's
    /// own writes are always indexed at once). On PostgreSQL a notification also refreshes at once.
    pub index_refresh_ms: u64,
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
            smtp_url: None,
            mail_from: None,
            feedback_reminder_hours: 24,
            reminder_check_minutes: 15,
            public_url: None,
            resume_max_bytes: hireloop_resume::DEFAULT_MAX_BYTES,
            index_refresh_ms: 2000,
        }
    }
}

impl ServerConfig {
    /// The base of links in messages, without a trailing slash.
    pub fn public_base_url(&self) -> String {
        match self
            .public_url
            .as_deref()
            .map(str::trim)
            .filter(|u| !u.is_empty())
        {
            Some(url) => url.trim_end_matches('/').to_string(),
            None => format!("http://{}", self.bind),
        }
    }
}
