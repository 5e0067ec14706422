//! Rules on the role's definition: a mission you could test, a scope, constraints, a title that
//! says level and arrangement, and a full-stack or backend shape that matches the needs.

use super::{Findings, LintContext, Rule, Severity};
use crate::scorecard::model::Scorecard;

pub(super) const MISSION_MISSING: Rule = Rule {
    code: "HL007",
    name: "mission-missing",
    severity: Severity::Error,
    fix: "Write the mission: what this person must make true in the next few quarters.",
    source: "HireDevelopers 2026: the scorecard answers mission, scope, constraints and non-negotiables before any posting",
};
pub(super) const MISSION_UNTESTABLE: Rule = Rule {
    code: "HL008",
    name: "mission-untestable",
    severity: Severity::Warning,
    fix: "State an outcome with a verb and a measure or date, e.g. \"cut checkout latency to under 200 ms by Q3\".",
    source: "HireDevelopers 2026: the mission is what the person must make true in the next few quarters",
};
pub(super) const SCOPE_MISSING: Rule = Rule {
    code: "HL009",
    name: "scope-missing",
    severity: Severity::Error,
    fix: "List the systems, services or areas this person will own.",
    source: "HireDevelopers 2026: scope (systems, services, areas owned) is part of the scorecard",
};
pub(super) const CONSTRAINTS_MISSING: Rule = Rule {
    code: "HL010",
    name: "constraints-missing",
    severity: Severity::Warning,
    fix: "Name the constraints: team size, legacy, cloud, compliance, release pace.",
    source: "HireDevelopers 2026: constraints (team size, legacy, cloud, compliance, release pace) shape who succeeds",
};
pub(super) const STACK_MISMATCH: Rule = Rule {
    code: "HL011",
    name: "full-stack-mismatch",
    severity: Severity::Warning,
    fix: "Make the title match the needs: a dedicated backend role when the work is backend-only, full-stack when the frontend is required.",
    source: "StepTo 2026 / KORE1 2026: full-stack fits early-stage CRUD work; dedicated backend once load, security or logic grow",
};
pub(super) const TITLE_INCOMPLETE: Rule = Rule {
    code: "HL012",
    name: "title-without-level-or-arrangement",
    severity: Severity::Info,
    fix: "Let the title carry level, focus and arrangement, e.g. \"Senior Go Engineer, Payments API (Remote)\"; the job description adds what is missing.",
    source: "Toptal 2026: titles such as \"Senior … for High-traffic API Systems (Remote)\"",
};

pub(super) const RULES: &[&Rule] = &[
    &MISSION_MISSING,
    &MISSION_UNTESTABLE,
    &SCOPE_MISSING,
    &CONSTRAINTS_MISSING,
    &STACK_MISMATCH,
    &TITLE_INCOMPLETE,
];

/// Verbs that state an outcome (matched as word prefixes: "reduce" covers "reducing").
const OUTCOME_VERBS: &[&str] = &[
    "cut",
    "reduc",
    "ship",
    "launch",
    "deliver",
    "migrat",
    "build",
    "replac",
    "scal",
    "rais",
    "increas",
    "lower",
    "decreas",
    "mov",
    "split",
    "automat",
    "achiev",
    "halv",
    "doubl",
    "eliminat",
    "improv",
    "stabili",
    "rebuild",
    "retir",
    "releas",
    "consolidat",
    "extract",
    "bring",
    "make",
    "get",
    "take",
    "turn",
    "speed",
];
const TIME_WORDS: &[&str] = &[
    "quarter", "month", "week", "year", "q1", "q2", "q3", "q4", "h1", "h2", "by end",
];
const FRONTEND: &[&str] = &[
    "react", "vue", "angular", "svelte", "css", "html", "nextjs", "tailwind",
];

fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// What a mission lacks to be testable: an outcome verb, and a measure or a date.
pub(crate) fn mission_gaps(mission: &str) -> Vec<&'static str> {
    let words = words(mission);
    let lower = mission.to_lowercase();
    let mut gaps = Vec::new();
    if words.len() < 6 {
        gaps.push("it is too short to say what changes");
    }
    if !words
        .iter()
        .any(|w| OUTCOME_VERBS.iter().any(|v| w.starts_with(v)))
    {
        gaps.push("it has no outcome verb (ship, cut, migrate, launch…)");
    }
    let measured =
        mission.chars().any(|c| c.is_ascii_digit()) || TIME_WORDS.iter().any(|t| lower.contains(t));
    if !measured {
        gaps.push("it has no measure or date to check it against");
    }
    gaps
}

fn is_frontend(ctx: &LintContext<'_>, raw: &str) -> bool {
    match ctx.catalog.resolve(raw) {
        Some(k) => k.category == "frontend" || FRONTEND.contains(&k.id.as_str()),
        None => FRONTEND.contains(&super::normalise(raw).as_str()),
    }
}

pub(super) fn run(card: &Scorecard, ctx: &LintContext<'_>, out: &mut Findings) {
    match card.mission.as_deref() {
        None => out.add(&MISSION_MISSING, "mission", "the scorecard has no mission"),
        Some(m) => {
            let gaps = mission_gaps(m);
            if !gaps.is_empty() {
                out.add(
                    &MISSION_UNTESTABLE,
                    "mission",
                    format!("the mission is too vague to test: {}", gaps.join("; ")),
                );
            }
        }
    }
    if card.scope.is_empty() {
        out.add(
            &SCOPE_MISSING,
            "scope",
            "the scorecard names no systems or areas owned",
        );
    }
    if card.constraints.is_empty() {
        out.add(
            &CONSTRAINTS_MISSING,
            "constraints",
            "the scorecard names no constraints",
        );
    }
    stack(card, ctx, out);
    let title = card.title.as_str().to_lowercase();
    let has_level = ["junior", "mid", "senior", "staff", "lead", "principal"]
        .iter()
        .any(|w| title.contains(w));
    let has_arrangement = ["remote", "hybrid", "on-site", "onsite", "office", "("]
        .iter()
        .any(|w| title.contains(w));
    if !has_level || !has_arrangement {
        let missing = match (has_level, has_arrangement) {
            (false, false) => "level and arrangement",
            (false, true) => "level",
            _ => "arrangement",
        };
        out.add(
            &TITLE_INCOMPLETE,
            "title",
            format!("the title '{}' does not say the {missing}", card.title),
        );
    }
}

fn stack(card: &Scorecard, ctx: &LintContext<'_>, out: &mut Findings) {
    let title = card.title.as_str().to_lowercase();
    let full_stack = ["full-stack", "full stack", "fullstack"]
        .iter()
        .any(|w| title.contains(w));
    let frontend_needed: Vec<&str> = card
        .must_have
        .iter()
        .map(|m| m.skill.as_str())
        .filter(|s| is_frontend(ctx, s))
        .collect();
    let frontend_anywhere = !frontend_needed.is_empty()
        || card
            .nice_to_have
            .iter()
            .any(|n| is_frontend(ctx, n.skill.as_str()))
        || card
            .framework
            .as_ref()
            .is_some_and(|f| is_frontend(ctx, f.as_str()));
    if full_stack && !frontend_anywhere {
        out.add(
            &STACK_MISMATCH,
            "title",
            "the title says full-stack but every need is backend: you will attract and pay for frontend skills you do not use",
        );
    } else if !full_stack && !frontend_needed.is_empty() {
        out.add(
            &STACK_MISMATCH,
            "must_have",
            format!(
                "a backend title with frontend must-haves ({}): this is a full-stack role",
                frontend_needed.join(", ")
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::testkit::{fires, good, messages, skill};
    use super::mission_gaps;
    use crate::scorecard::model::{MustHave, NiceToHave};
    use crate::text::Title;

    #[test]
    fn hl007_mission_missing() {
        let mut card = good();
        assert!(!fires(&card, "HL007"));
        card.mission = None;
        assert!(fires(&card, "HL007"));
    }

    #[test]
    fn hl008_a_mission_needs_an_outcome_and_a_measure() {
        let mut card = good();
        assert!(!fires(&card, "HL008"));
        card.mission = Some("Work on exciting backend projects with a great team".into());
        let msg = messages(&card, "HL008");
        assert!(
            msg[0].contains("no outcome verb") && msg[0].contains("no measure"),
            "{msg:?}"
        );
        assert!(mission_gaps("Migrate billing off the monolith within two quarters").is_empty());
        assert_eq!(mission_gaps("Ship things").len(), 2);
    }

    #[test]
    fn hl009_scope_missing() {
        let mut card = good();
        assert!(!fires(&card, "HL009"));
        card.scope.clear();
        assert!(fires(&card, "HL009"));
    }

    #[test]
    fn hl010_constraints_missing() {
        let mut card = good();
        assert!(!fires(&card, "HL010"));
        card.constraints.clear();
        assert!(fires(&card, "HL010"));
    }

    #[test]
    fn hl011_full_stack_title_with_backend_only_needs_and_the_reverse() {
        let mut card = good();
        assert!(!fires(&card, "HL011"));
        card.title = Title::parse("Senior Full-Stack Engineer (Remote)").unwrap();
        assert!(messages(&card, "HL011")[0].contains("every need is backend"));
        card.nice_to_have.push(NiceToHave {
            skill: skill("React"),
            weight: 5,
        });
        assert!(!fires(&card, "HL011"));
        let mut backend = good();
        backend.must_have.push(MustHave {
            skill: skill("React"),
            min_years: None,
        });
        assert!(messages(&backend, "HL011")[0].contains("frontend must-haves (React)"));
    }

    #[test]
    fn hl012_title_should_say_level_and_arrangement() {
        let mut card = good();
        assert!(!fires(&card, "HL012"));
        card.title = Title::parse("Go Engineer").unwrap();
        assert!(messages(&card, "HL012")[0].contains("level and arrangement"));
    }
}
