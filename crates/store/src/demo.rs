//! A demo data set as the store loads it: built elsewhere (the CLI reads `data/demo.toml`), loaded
//! here in one transaction so a crash half-way leaves nothing behind and a second load adds nothing.

use chrono::{DateTime, Utc};
use hireloop_core::candidate::NewCandidate;
use hireloop_core::pipeline::StageMove;
use hireloop_core::role::NewRole;
use hireloop_core::user::NewUser;

#[derive(Debug, Clone, Default)]
pub struct DemoSet {
    /// When the data set says "now"; stage moves are dated before it.
    pub now: DateTime<Utc>,
    /// Users with their password hashes.
    pub users: Vec<(NewUser, String)>,
    pub roles: Vec<DemoRole>,
    pub candidates: Vec<NewCandidate>,
    pub applications: Vec<DemoApplication>,
}

#[derive(Debug, Clone)]
pub struct DemoRole {
    pub role: NewRole,
    /// Index into `users`.
    pub hiring_manager: Option<usize>,
    /// The role's scorecard (role-as-code TOML), stored in canonical form with the role.
    pub scorecard: Option<String>,
}

#[derive(Debug, Clone)]
pub struct DemoApplication {
    /// Index into `roles`.
    pub role: usize,
    /// Index into `candidates`.
    pub candidate: usize,
    pub created_at: DateTime<Utc>,
    /// Moves from `sourced`, in order, each with when it happened.
    pub moves: Vec<(StageMove, DateTime<Utc>)>,
    /// Index into `users`: an interviewer assigned to this application.
    pub interviewer: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DemoOutcome {
    Loaded {
        users: usize,
        roles: usize,
        candidates: usize,
        applications: usize,
    },
    AlreadyLoaded,
}
