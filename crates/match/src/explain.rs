//! Every ranked candidate explains itself: the score broken into weighted components, the skills
//! matched (with years and what implied them) and missing, and the reasons in plain words.

use crate::index::Index;
use crate::plan::{find, Plan};
use crate::profile::{unpack, YEARS_UNKNOWN};
use crate::taxonomy::SkillId;
use hireloop_core::ids::CandidateId;
use hireloop_core::level::Level;
use serde::Serialize;

/// A part of the score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Component {
    Skills,
    Level,
    Budget,
    Timezone,
    Availability,
    Vetting,
    /// Relevance to the query's free text; only in the breakdown when the query has text.
    Text,
}

/// One component's value (0-1), its normalised weight, and the points it adds (weight × value × 100).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ComponentScore {
    pub component: Component,
    pub weight: f32,
    pub value: f32,
    pub points: f32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MatchedSkill {
    /// The skill's text id, e.g. "postgresql".
    pub skill: String,
    pub name: String,
    /// Years stated (or inherited from the skill implying it); `None` when not stated.
    pub years: Option<f32>,
    pub expected_years: f32,
    pub required: bool,
    /// The stated skill this one was inferred from, e.g. Python from Django.
    pub implied_by: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MissingSkill {
    pub skill: String,
    pub name: String,
}

/// A ranked candidate with its explanation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Match {
    pub candidate_id: CandidateId,
    /// 0-100: the sum of the components' points.
    pub score: f32,
    pub breakdown: Vec<ComponentScore>,
    pub matched_skills: Vec<MatchedSkill>,
    pub missing_skills: Vec<MissingSkill>,
    pub reasons: Vec<String>,
}

fn years(half: u8) -> Option<f32> {
    (half != YEARS_UNKNOWN).then(|| f32::from(half) / 2.0)
}

fn fmt_years(y: f32) -> String {
    if y.fract() == 0.0 {
        format!("{y:.0} y")
    } else {
        format!("{y:.1} y")
    }
}

pub(crate) fn explain(index: &Index, plan: &Plan, slot: usize, score: f32) -> Match {
    let tax = &index.taxonomy;
    let c = &index.cols;
    let skills = index.skills(slot);
    let mut matched = Vec::new();
    let mut missing = Vec::new();
    let mut reasons = Vec::new();
    for w in &plan.wanted {
        let id = SkillId(w.skill);
        let Some(skill) = tax.get(id) else { continue };
        match find(skills, w.skill) {
            Some((half, implied)) => {
                let implied_by = implied.then(|| {
                    skills
                        .iter()
                        .map(|&p| unpack(p))
                        .find(|&(s, _, imp)| !imp && tax.implied(SkillId(s)).contains(&id))
                        .map(|(s, _, _)| tax.name(SkillId(s)).to_string())
                });
                matched.push(MatchedSkill {
                    skill: skill.id.clone(),
                    name: skill.name.clone(),
                    years: years(half),
                    expected_years: w.expected_years,
                    required: w.must,
                    implied_by: implied_by.flatten(),
                });
            }
            None => missing.push(MissingSkill {
                skill: skill.id.clone(),
                name: skill.name.clone(),
            }),
        }
    }
    let coverage = plan.coverage(skills);
    let level = usize::from(c.level[slot]);
    let rate = c.rate[slot];
    let tz = c.tz[slot];
    let available = c.available[slot];
    let vetting = usize::from(c.vetting[slot]);
    let w = plan.w;
    let parts = [
        (Component::Skills, w.skills, coverage),
        (Component::Level, w.level, plan.level_fit(level)),
        (Component::Budget, w.budget, plan.budget_fit(rate)),
        (Component::Timezone, w.timezone, plan.tz_fit(tz)),
        (
            Component::Availability,
            w.availability,
            plan.availability_fit(available),
        ),
        (Component::Vetting, w.vetting, Plan::vetting_fit(vetting)),
    ];
    let text_fit = plan.text_fit(slot);
    let text_part = plan
        .text
        .as_ref()
        .map(|_| (Component::Text, plan.w_text, text_fit));
    let breakdown = parts
        .iter()
        .copied()
        .chain(text_part)
        .map(|(component, weight, value)| ComponentScore {
            component,
            weight,
            value,
            points: weight * value * 100.0,
        })
        .collect();

    reasons.push(skills_reason(&matched, &missing));
    if let Some(text) = &plan.text {
        reasons.push(format!(
            "Matches the text '{text}' (relevance {text_fit:.2})"
        ));
    }
    if let Some(l) = Level::ALL.get(level) {
        reasons.push(format!(
            "{} (level fit {:.0}%)",
            l.label(),
            plan.level_fit(level) * 100.0
        ));
    }
    reasons.push(match (plan.ceiling, rate < 0.0) {
        (_, true) => "No expected rate given".to_string(),
        (None, false) => format!("Expects {rate:.0} USD/h; the role sets no budget"),
        (Some(ceil), false) if rate <= ceil => {
            format!("Expects {rate:.0} USD/h, within the {ceil:.0} USD/h budget")
        }
        (Some(ceil), false) => format!(
            "Expects {rate:.0} USD/h, above the {ceil:.0} USD/h budget but within the stretch"
        ),
    });
    if let Some(table) = &plan.overlap_minutes {
        let shared = table[usize::from(tz)] as f32 / 60.0;
        reasons.push(format!(
            "Shares {shared:.1} h of the team's working day (needs {:.1} h)",
            plan.min_overlap_minutes as f32 / 60.0
        ));
    }
    if let Some(countries) = &plan.countries {
        reasons.push(index.country_reason(countries, slot));
    }
    if let Some(m) = plan
        .work_mode
        .and_then(|m| crate::profile::WorkMode::ALL.get(m))
    {
        reasons.push(index.work_mode_reason(*m, slot));
    }
    let days = available - plan.today;
    reasons.push(if days <= 0 {
        "Available now".to_string()
    } else {
        format!("Available in {days} days")
    });
    reasons.push(
        ["Not vetted yet", "Screened, not fully vetted", "Vetted"]
            .get(vetting)
            .copied()
            .unwrap_or("Vetting unknown")
            .to_string(),
    );
    Match {
        candidate_id: index.candidate_id(slot),
        score: score * 100.0,
        breakdown,
        matched_skills: matched,
        missing_skills: missing,
        reasons,
    }
}

fn skills_reason(matched: &[MatchedSkill], missing: &[MissingSkill]) -> String {
    let describe = |m: &MatchedSkill| {
        let mut s = m.name.clone();
        match m.years {
            Some(y) if y < m.expected_years => s.push_str(&format!(
                " ({}, below the {} expected)",
                fmt_years(y),
                fmt_years(m.expected_years)
            )),
            Some(y) => s.push_str(&format!(" ({})", fmt_years(y))),
            None => s.push_str(" (years not stated)"),
        }
        if let Some(by) = &m.implied_by {
            s.push_str(&format!(", implied by {by}"));
        }
        s
    };
    let required: Vec<String> = matched
        .iter()
        .filter(|m| m.required)
        .map(describe)
        .collect();
    let nice: Vec<String> = matched
        .iter()
        .filter(|m| !m.required)
        .map(describe)
        .collect();
    let mut parts = Vec::new();
    if !required.is_empty() {
        parts.push(format!("Has every required skill: {}", required.join("; ")));
    }
    if !nice.is_empty() {
        parts.push(format!("has nice-to-haves: {}", nice.join("; ")));
    }
    if !missing.is_empty() {
        let names: Vec<&str> = missing.iter().map(|m| m.name.as_str()).collect();
        parts.push(format!("lacks {}", names.join(", ")));
    }
    if parts.is_empty() {
        "The query asks for no skills".to_string()
    } else {
        parts.join("; ")
    }
}
