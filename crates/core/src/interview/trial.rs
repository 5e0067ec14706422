//! A paid trial before the hire: a short period on real work with goals, ending in convert,
//! replace or end. Default length 14 days, after Toptal's trial of up to two weeks (Toptal 2026).

use crate::error::ValidationErrors;
use crate::pipeline::Stage;
use crate::vocab::vocabulary;
use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

/// How long trials may run, set per installation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrialPolicy {
    pub default_days: u16,
    pub max_days: u16,
}

impl Default for TrialPolicy {
    /// Up to two weeks (Toptal 2026); longer trials turn into unpaid evaluation periods.
    fn default() -> Self {
        Self {
            default_days: 14,
            max_days: 14,
        }
    }
}

vocabulary!(
    /// How a trial ended.
    TrialOutcome, "trial outcome" {
        /// Hire the person.
        Convert => "convert", "Convert to hire";
        /// Not this person: back to the role's matches, without them.
        Replace => "replace", "Replace with another candidate";
        /// Not this person, and stop looking for now.
        End => "end", "End without a hire";
    }
);

impl TrialOutcome {
    /// Where the application goes.
    pub fn application_stage(self) -> Stage {
        match self {
            TrialOutcome::Convert => Stage::Hired,
            TrialOutcome::Replace | TrialOutcome::End => Stage::Rejected,
        }
    }

    /// Replace reopens the role's matching with the trial candidate excluded.
    pub fn reopens_matching(self) -> bool {
        self == TrialOutcome::Replace
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TrialInput {
    pub start: NaiveDate,
    /// The policy's default when omitted.
    #[serde(default)]
    pub days: Option<i64>,
    pub goals: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Trial {
    pub start: NaiveDate,
    /// The last day of the trial.
    pub end: NaiveDate,
    pub goals: Vec<String>,
    pub outcome: Option<TrialOutcome>,
}

/// The most goals a trial takes: a short trial cannot test more.
pub const MAX_GOALS: usize = 10;
const MAX_GOAL_CHARS: usize = 300;

impl TrialInput {
    pub fn parse(&self, policy: &TrialPolicy) -> Result<Trial, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let days = self.days.unwrap_or(i64::from(policy.default_days));
        if !(1..=i64::from(policy.max_days)).contains(&days) {
            errors.add("days", format!("must be 1 to {} days", policy.max_days));
        }
        let goals: Vec<String> = self
            .goals
            .iter()
            .map(|g| g.trim().to_string())
            .filter(|g| !g.is_empty())
            .collect();
        if goals.is_empty() {
            errors.add("goals", "name at least one goal the trial should show");
        } else if goals.len() > MAX_GOALS {
            errors.add("goals", format!("at most {MAX_GOALS} goals"));
        }
        if let Some(i) = goals
            .iter()
            .position(|g| g.chars().count() > MAX_GOAL_CHARS)
        {
            errors.add(
                format!("goals[{i}]"),
                format!("must be at most {MAX_GOAL_CHARS} characters"),
            );
        }
        // The trial's first day counts, so a 14-day trial ends 13 days after it starts.
        let end = u64::try_from(days - 1)
            .ok()
            .and_then(|d| self.start.checked_add_days(Days::new(d)));
        match end {
            Some(end) if errors.is_empty() => Ok(Trial {
                start: self.start,
                end,
                goals,
                outcome: None,
            }),
            None if errors.is_empty() => Err(ValidationErrors::single(
                "start",
                "the trial would end past the calendar's range",
            )),
            _ => Err(errors),
        }
    }
}

impl Trial {
    pub fn days(&self) -> i64 {
        (self.end - self.start).num_days() + 1
    }

    /// Records the outcome once; a recorded outcome is not overwritten.
    pub fn record(&mut self, outcome: TrialOutcome) -> Result<(), String> {
        match self.outcome {
            Some(previous) => Err(format!("the trial already ended: {}", previous.label())),
            None => {
                self.outcome = Some(outcome);
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(days: Option<i64>, goals: &[&str]) -> TrialInput {
        TrialInput {
            start: NaiveDate::from_ymd_opt(2027, 1, 4).unwrap(),
            days,
            goals: goals.iter().map(|g| g.to_string()).collect(),
        }
    }

    #[test]
    fn defaults_to_fourteen_days_and_respects_the_policy() {
        let policy = TrialPolicy::default();
        let t = input(
            None,
            &["Ship the refunds endpoint through the real release path"],
        )
        .parse(&policy)
        .unwrap();
        assert_eq!(t.days(), 14);
        assert_eq!(t.end, NaiveDate::from_ymd_opt(2027, 1, 17).unwrap());
        assert!(input(Some(15), &["x"])
            .parse(&policy)
            .unwrap_err()
            .message_for("days")
            .is_some());
        assert!(input(Some(0), &["x"]).parse(&policy).is_err());
        let longer = TrialPolicy {
            default_days: 10,
            max_days: 30,
        };
        assert_eq!(input(Some(30), &["x"]).parse(&longer).unwrap().days(), 30);
        assert_eq!(input(None, &["x"]).parse(&longer).unwrap().days(), 10);
    }

    #[test]
    fn a_trial_needs_goals() {
        let err = input(None, &["  "])
            .parse(&TrialPolicy::default())
            .unwrap_err();
        assert!(err
            .message_for("goals")
            .unwrap()
            .contains("at least one goal"));
    }

    #[test]
    fn outcomes_move_the_application_and_are_recorded_once() {
        let mut t = input(None, &["x"]).parse(&TrialPolicy::default()).unwrap();
        t.record(TrialOutcome::Replace).unwrap();
        assert!(t
            .record(TrialOutcome::Convert)
            .unwrap_err()
            .contains("Replace"));
        assert_eq!(TrialOutcome::Convert.application_stage(), Stage::Hired);
        assert_eq!(TrialOutcome::End.application_stage(), Stage::Rejected);
        assert!(TrialOutcome::Replace.reopens_matching());
        assert!(!TrialOutcome::End.reopens_matching());
    }
}
