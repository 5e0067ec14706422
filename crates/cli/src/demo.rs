//! The demo data generator: `data/demo.toml` (embedded) becomes a `DemoSet` the store loads in one
//! transaction. The same seed and the same "now" always give the same data set.

mod contact;
mod funnel;
mod people;
mod spec;
#[cfg(test)]
mod tests;

pub use spec::DemoSpec;

use crate::error::CliError;
use chrono::{DateTime, SubsecRound, Utc};
use funnel::RolePlan;
use hireloop_core::level::Level;
use hireloop_core::pipeline::Stage;
use hireloop_core::role::RoleInput;
use hireloop_core::scorecard::{from_table, to_toml};
use hireloop_core::user::{UserInput, UserRole};
use hireloop_store::demo::{DemoRole, DemoSet};
use rand::SeedableRng;

/// Stable across rand releases, unlike `StdRng`: the demo must not change under a dependency bump.
type Rng64 = rand_chacha::ChaCha8Rng;

/// A data set with what the generator knows beyond it.
#[derive(Debug)]
pub struct Generated {
    pub set: DemoSet,
    /// The level behind each candidate's rate, by candidate index; the tests check rates against it.
    #[cfg_attr(not(test), allow(dead_code))]
    pub levels: Vec<Level>,
}

fn bad(message: impl std::fmt::Display) -> CliError {
    CliError::Failed(format!("demo data: {message}"))
}

/// Builds the data set. Every user gets `password` (already hashed as `password_hash`).
pub fn generate(
    spec: &DemoSpec,
    now: DateTime<Utc>,
    password: &str,
    password_hash: &str,
) -> Result<Generated, CliError> {
    let now = now.trunc_subsecs(0);
    let mut rng = Rng64::seed_from_u64(spec.seed);
    let mut users = Vec::with_capacity(spec.users.len());
    for u in &spec.users {
        let input = UserInput {
            email: u.email.clone(),
            name: u.name.clone(),
            role: u.role.clone(),
            password: password.to_string(),
        };
        let user = input
            .parse()
            .map_err(|e| bad(format!("user {}: {e}", u.key)))?;
        users.push((user, password_hash.to_string()));
    }
    let (roles, plans) = roles(spec)?;
    let people = people::candidates(spec, &mut rng)?;
    let mut by_stack = vec![Vec::new(); spec.stacks.len()];
    for (i, person) in people.iter().enumerate() {
        by_stack[person.stack].push(i);
    }
    let mut applications = funnel::applications(spec, &plans, &by_stack, now, &mut rng)?;
    if let Some(interviewer) = users
        .iter()
        .position(|(u, _)| u.role == UserRole::Interviewer)
    {
        funnel::assign_interviewer(&mut applications, interviewer, spec.interviewer_assignments);
    }
    Ok(Generated {
        levels: people.iter().map(|p| p.level).collect(),
        set: DemoSet {
            now,
            users,
            roles,
            candidates: people.into_iter().map(|p| p.candidate).collect(),
            applications,
        },
    })
}

/// The roles, checked by the core like any other, and what the funnel needs of each.
fn roles(spec: &DemoSpec) -> Result<(Vec<DemoRole>, Vec<RolePlan>), CliError> {
    let mut roles = Vec::new();
    let mut plans = Vec::new();
    for r in &spec.roles {
        let role = RoleInput {
            title: r.title.clone(),
            level: r.level.clone(),
            primary_language: r.language.clone(),
            status: Some(r.status.clone()),
            hiring_manager_id: None,
        }
        .parse()
        .map_err(|e| bad(format!("role {}: {e}", r.title)))?;
        let hiring_manager = spec.users.iter().position(|u| u.key == r.hiring_manager);
        if hiring_manager.is_none() {
            return Err(bad(format!(
                "role {}: no demo user '{}'",
                r.title, r.hiring_manager
            )));
        }
        let stack = spec
            .stacks
            .iter()
            .position(|s| s.key == r.stack)
            .ok_or_else(|| bad(format!("role {}: no stack '{}'", r.title, r.stack)))?;
        let mut funnel = Vec::new();
        for (stage, count) in &r.funnel {
            let stage: Stage = stage
                .parse()
                .map_err(|e| bad(format!("role {}: {e}", r.title)))?;
            funnel.push((stage, *count));
        }
        funnel.sort_by_key(|(stage, _)| Stage::ALL.iter().position(|s| s == stage));
        plans.push(RolePlan {
            level: role.level,
            stack,
            funnel,
        });
        // Parsed by the role-file parser and stored in its canonical form, like an imported file.
        let scorecard = match &r.scorecard {
            Some(table) => {
                Some(to_toml(&from_table(table).map_err(|e| {
                    bad(format!("role {}: scorecard: {e}", r.title))
                })?))
            }
            None => None,
        };
        roles.push(DemoRole {
            role,
            hiring_manager,
            scorecard,
        });
    }
    Ok((roles, plans))
}
