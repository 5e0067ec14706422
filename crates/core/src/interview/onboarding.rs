//! The 30/60/90-day onboarding plan: FACTS.md §9 as a template (data/interviews/onboarding.toml)
//! plus one set of tasks per item of the role scorecard's scope, each with an owner and a due day.

use super::data::{parse_toml, require_text, DataError};
use crate::scorecard::Scorecard;
use crate::vocab::vocabulary;
use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

vocabulary!(
    /// Who is responsible for an onboarding task.
    OnboardingOwner, "onboarding owner" {
        Hire => "hire", "The new hire";
        HiringManager => "hiring_manager", "Hiring manager";
        /// The named person for context.
        Buddy => "buddy", "Buddy";
        Team => "team", "Team";
    }
);

/// The plan spans ninety days.
pub const PLAN_DAYS: u16 = 90;
const SCOPE: &str = "{scope}";

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
struct TemplateTask {
    due_day: u16,
    owner: OnboardingOwner,
    text: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    task: Vec<TemplateTask>,
    #[serde(default)]
    scope_task: Vec<TemplateTask>,
}

const SHIPPED_FILE: &str = "data/interviews/onboarding.toml";
const SHIPPED: &str = include_str!("../../../../data/interviews/onboarding.toml");

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OnboardingTemplate {
    tasks: Vec<TemplateTask>,
    scope_tasks: Vec<TemplateTask>,
}

impl OnboardingTemplate {
    pub fn shipped() -> Result<Self, DataError> {
        Self::from_toml(SHIPPED_FILE, SHIPPED)
    }

    pub fn from_toml(file: &str, text: &str) -> Result<Self, DataError> {
        let raw: RawFile = parse_toml(file, text)?;
        let lists = [
            ("task", &raw.task, false),
            ("scope_task", &raw.scope_task, true),
        ];
        for (name, list, per_scope) in lists {
            for (i, t) in list.iter().enumerate() {
                let item = format!("{name}[{i}]");
                require_text(file, &item, "text", &t.text)?;
                if !(1..=PLAN_DAYS).contains(&t.due_day) {
                    return Err(DataError::new(
                        file,
                        &item,
                        format!("'due_day' must be 1 to {PLAN_DAYS}"),
                    ));
                }
                if t.text.contains(SCOPE) != per_scope {
                    let message = if per_scope {
                        "a scope task must mention {scope}"
                    } else {
                        "{scope} belongs in a [[scope_task]]"
                    };
                    return Err(DataError::new(file, &item, message));
                }
            }
        }
        Ok(Self {
            tasks: raw.task,
            scope_tasks: raw.scope_task,
        })
    }

    /// The plan for a hire starting on `start` into the role `card` describes.
    pub fn plan(&self, card: &Scorecard, start: NaiveDate) -> OnboardingPlan {
        let scoped = card
            .scope
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .flat_map(|scope| {
                self.scope_tasks
                    .iter()
                    .map(move |t| (t, t.text.replace(SCOPE, scope)))
            });
        let mut tasks: Vec<OnboardingTask> = self
            .tasks
            .iter()
            .map(|t| (t, t.text.clone()))
            .chain(scoped)
            .map(|(t, text)| OnboardingTask {
                phase: phase(t.due_day),
                due_day: t.due_day,
                // Day 1 is the start date; dates far beyond any calendar fall back to the start.
                due_date: start
                    .checked_add_days(Days::new(u64::from(t.due_day - 1)))
                    .unwrap_or(start),
                owner: t.owner,
                text,
                done: false,
            })
            .collect();
        tasks.sort_by_key(|t| t.due_day);
        OnboardingPlan {
            tasks,
            missing_scope: card.scope.is_empty(),
        }
    }
}

fn phase(due_day: u16) -> u16 {
    due_day.div_ceil(30) * 30
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OnboardingTask {
    /// 30, 60 or 90.
    pub phase: u16,
    pub due_day: u16,
    pub due_date: NaiveDate,
    pub owner: OnboardingOwner,
    pub text: String,
    pub done: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OnboardingPlan {
    pub tasks: Vec<OnboardingTask>,
    /// The role has no scope, so the plan cannot say what the hire will own by day 90.
    pub missing_scope: bool,
}

impl OnboardingPlan {
    /// Ticks a task off (or back on); `None` if there is no such task.
    pub fn set_done(&mut self, index: usize, done: bool) -> Option<()> {
        self.tasks.get_mut(index).map(|t| t.done = done)
    }

    /// Tasks done and tasks in total.
    pub fn progress(&self) -> (usize, usize) {
        (
            self.tasks.iter().filter(|t| t.done).count(),
            self.tasks.len(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scorecard::ScorecardLevel;
    use crate::text::Title;

    fn card(scope: &[&str]) -> Scorecard {
        let mut c = Scorecard::new(
            Title::parse("Backend Engineer").unwrap(),
            ScorecardLevel::Senior,
        );
        c.scope = scope.iter().map(|s| s.to_string()).collect();
        c
    }

    #[test]
    fn the_plan_follows_facts_and_the_roles_scope() {
        let start = NaiveDate::from_ymd_opt(2027, 1, 4).unwrap();
        let plan = OnboardingTemplate::shipped()
            .unwrap()
            .plan(&card(&["payments API", "ledger service"]), start);
        assert!(!plan.missing_scope);
        assert_eq!(plan.tasks[0].due_date, start);
        assert!(plan.tasks.windows(2).all(|w| w[0].due_day <= w[1].due_day));
        for phase in [30, 60, 90] {
            assert!(plan.tasks.iter().any(|t| t.phase == phase), "{phase}");
        }
        let owns: Vec<&OnboardingTask> = plan
            .tasks
            .iter()
            .filter(|t| t.text.starts_with("Own "))
            .collect();
        assert_eq!(owns.len(), 2);
        assert!(owns
            .iter()
            .all(|t| t.phase == 90 && t.owner == OnboardingOwner::Hire));
        assert!(owns[0].text.contains("payments API"));
        assert!(plan
            .tasks
            .iter()
            .any(|t| t.phase == 30 && t.text.contains("real review and release path")));
        assert_eq!(
            plan.tasks.last().unwrap().due_date,
            NaiveDate::from_ymd_opt(2027, 4, 3).unwrap()
        );
    }

    #[test]
    fn without_scope_the_plan_says_so_and_progress_counts_ticks() {
        let mut plan = OnboardingTemplate::shipped()
            .unwrap()
            .plan(&card(&[]), NaiveDate::from_ymd_opt(2027, 1, 4).unwrap());
        assert!(plan.missing_scope);
        assert!(!plan.tasks.iter().any(|t| t.text.contains("{scope}")));
        let total = plan.tasks.len();
        assert_eq!(plan.set_done(0, true), Some(()));
        assert_eq!(plan.set_done(total, true), None);
        assert_eq!(plan.progress(), (1, total));
    }

    #[test]
    fn a_broken_template_names_file_and_item() {
        let err = OnboardingTemplate::from_toml(
            "o.toml",
            "[[task]]\ndue_day = 91\nowner = \"hire\"\ntext = \"x\"\n",
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "o.toml: task[0]: 'due_day' must be 1 to 90"
        );
        let err = OnboardingTemplate::from_toml("o.toml", "task = []\n[[scope_task]]\ndue_day = 5\nowner = \"buddy\"\ntext = \"no placeholder\"\n").unwrap_err();
        assert_eq!(err.item, "scope_task[0]");
        let err = OnboardingTemplate::from_toml(
            "o.toml",
            "[[task]]\ndue_day = 5\nowner = \"cto\"\ntext = \"x\"\n",
        )
        .unwrap_err();
        assert!(
            err.to_string().starts_with("o.toml") && err.to_string().contains("cto"),
            "{err}"
        );
        assert_eq!(phase(1), 30);
        assert_eq!(phase(31), 60);
        assert_eq!(phase(90), 90);
    }
}
