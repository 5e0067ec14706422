//! Demo applications: for each role, candidates from its stack spread over the stages as the data
//! file's funnel says, each with a history of planned stage moves dated over the past weeks.

use super::spec::DemoSpec;
use super::{bad, Rng64};
use crate::error::CliError;
use chrono::{DateTime, Duration, Utc};
use hireloop_core::level::Level;
use hireloop_core::pipeline::{Stage, StageMove};
use hireloop_store::demo::DemoApplication;
use rand::seq::SliceRandom;
use rand::Rng;

/// What the funnel needs to know about one role.
pub struct RolePlan {
    pub level: Level,
    /// Index into `DemoSpec::stacks`.
    pub stack: usize,
    /// How many applications end in each stage, in board order.
    pub funnel: Vec<(Stage, usize)>,
}

/// Builds every role's applications. `by_stack[s]` lists the candidates of stack `s`.
pub fn applications(
    spec: &DemoSpec,
    roles: &[RolePlan],
    by_stack: &[Vec<usize>],
    now: DateTime<Utc>,
    rng: &mut Rng64,
) -> Result<Vec<DemoApplication>, CliError> {
    let mut applications = Vec::new();
    for (role_index, role) in roles.iter().enumerate() {
        let mut pool = by_stack.get(role.stack).cloned().unwrap_or_default();
        pool.shuffle(rng);
        let mut pool = pool.into_iter();
        for &(stage, count) in &role.funnel {
            for _ in 0..count {
                let candidate = pool.next().ok_or_else(|| {
                    bad(format!(
                        "role {role_index} has more applications than candidates"
                    ))
                })?;
                let targets = history(spec, role.level, stage, rng)?;
                applications.push(dated(role_index, candidate, &targets, now, rng)?);
            }
        }
    }
    Ok(applications)
}

/// The loop an application of this level goes through; juniors get no system design round.
fn loop_for(level: Level) -> Vec<Stage> {
    Stage::ALL
        .iter()
        .copied()
        .filter(|s| !s.is_closed())
        .filter(|s| !(level == Level::Junior && *s == Stage::SystemDesign))
        .collect()
}

/// The stages an application ending in `last` passed through after `sourced`, with reasons.
fn history(
    spec: &DemoSpec,
    level: Level,
    last: Stage,
    rng: &mut Rng64,
) -> Result<Vec<(Stage, Option<String>)>, CliError> {
    let stages = loop_for(level);
    let up_to = |end: Stage| -> Vec<(Stage, Option<String>)> {
        stages
            .iter()
            .skip(1)
            .take_while(|s| s.position() <= end.position())
            .map(|s| (*s, None))
            .collect()
    };
    // Earlier stages close more applications than later ones, as in a real funnel.
    let weight = |(i, _): &(usize, &Stage)| stages.len() - i;
    match last {
        Stage::Rejected => {
            let closable: Vec<(usize, &Stage)> = stages
                .iter()
                .enumerate()
                .filter(|(_, s)| spec.reasons.rejected.contains_key(s.as_str()))
                .collect();
            let (_, at) = *closable
                .choose_weighted(rng, weight)
                .map_err(|e| bad(format!("rejection stages: {e}")))?;
            let reason = spec
                .reasons
                .rejected
                .get(at.as_str())
                .and_then(|r| r.choose(rng))
                .cloned();
            let mut path = up_to(*at);
            path.push((Stage::Rejected, reason));
            Ok(path)
        }
        Stage::Withdrawn => {
            let open: Vec<(usize, &Stage)> = stages
                .iter()
                .enumerate()
                .filter(|(_, s)| **s != Stage::Hired)
                .collect();
            let (_, at) = *open
                .choose_weighted(rng, weight)
                .map_err(|e| bad(format!("withdrawal stages: {e}")))?;
            let reason = spec.reasons.withdrawn.choose(rng).cloned();
            let mut path = up_to(*at);
            path.push((Stage::Withdrawn, reason));
            Ok(path)
        }
        open => Ok(up_to(open)),
    }
}

/// Plans the moves and dates them: a few days per step, ending some days before `now`.
fn dated(
    role: usize,
    candidate: usize,
    targets: &[(Stage, Option<String>)],
    now: DateTime<Utc>,
    rng: &mut Rng64,
) -> Result<DemoApplication, CliError> {
    let mut step = || Duration::days(rng.gen_range(1..=6)) + Duration::hours(rng.gen_range(0..=23));
    let gaps: Vec<Duration> = targets.iter().map(|_| step()).collect();
    let idle = if targets.is_empty() {
        Duration::days(rng.gen_range(0..=20)) + Duration::hours(rng.gen_range(1..=23))
    } else {
        step()
    };
    let created_at = now - gaps.iter().fold(idle, |sum, gap| sum + *gap);
    let mut moves = Vec::with_capacity(targets.len());
    let (mut from, mut at) = (Stage::Sourced, created_at);
    for ((to, reason), gap) in targets.iter().zip(&gaps) {
        at += *gap;
        let planned = StageMove::plan(from, *to, reason.as_deref())
            .map_err(|e| bad(format!("demo move {from} → {to}: {e}")))?;
        moves.push((planned, at));
        from = *to;
    }
    Ok(DemoApplication {
        role,
        candidate,
        created_at,
        moves,
        interviewer: None,
    })
}

/// Gives the interviewer up to `count` applications in interview stages, taking turns across roles.
pub fn assign_interviewer(applications: &mut [DemoApplication], interviewer: usize, count: usize) {
    let interviewing = |a: &DemoApplication| {
        a.moves.last().is_some_and(|(m, _)| {
            matches!(m.to, Stage::Technical | Stage::SystemDesign | Stage::Final)
        })
    };
    let roles = applications
        .iter()
        .map(|a| a.role)
        .max()
        .map_or(0, |r| r + 1);
    let mut queues: Vec<Vec<usize>> = vec![Vec::new(); roles];
    for (i, a) in applications.iter().enumerate() {
        if interviewing(a) {
            queues[a.role].push(i);
        }
    }
    let mut picked = Vec::new();
    let mut round = 0;
    while picked.len() < count && queues.iter().any(|q| q.len() > round) {
        picked.extend(queues.iter().filter_map(|q| q.get(round)).copied());
        round += 1;
    }
    for i in picked.into_iter().take(count) {
        applications[i].interviewer = Some(interviewer);
    }
}
