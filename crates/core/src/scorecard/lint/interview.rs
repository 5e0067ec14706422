//! Rules on the interview loop: it should mirror the job (a work sample, system design, security,
//! testing, communication) and assess every must-have, not test puzzles.

use super::{normalise, Findings, LintContext, Rule, Severity};
use crate::scorecard::model::{LoopStageKind, Scorecard};

pub(super) const NO_LOOP: Rule = Rule {
    code: "HL013",
    name: "no-interview-loop",
    severity: Severity::Error,
    fix: "Add [[loop]] stages: screening, a bounded work sample, system design (mid and above), behavioural.",
    source: "KORE1 2026 / StepTo 2026 / MQBIT 2026: skipping technical assessment is a named hiring mistake",
};
pub(super) const NO_WORK_SAMPLE: Rule = Rule {
    code: "HL014",
    name: "no-work-sample",
    severity: Severity::Error,
    fix: "Add a practical stage (take_home, work_sample, pair_programming or trial) resembling the real work: a small authenticated API with a schema and tests.",
    source: "HireDevelopers 2026: the loop starts with a bounded work sample that resembles real work; StepTo 2026: take-home REST API with database, auth and tests",
};
pub(super) const ONLY_PUZZLES: Rule = Rule {
    code: "HL015",
    name: "only-algorithm-puzzles",
    severity: Severity::Error,
    fix: "Replace puzzles with realistic exercises: API and database design, a failing service to debug.",
    source: "KORE1 2026: test systems, not algorithms; only algorithm puzzles instead of API/DB design is a named mistake",
};
pub(super) const NO_SYSTEM_DESIGN: Rule = Rule {
    code: "HL016",
    name: "no-system-design",
    severity: Severity::Error,
    fix: "Add a system_design stage close to your own systems, judged on failure modes, not the happy path.",
    source: "StepTo 2026 / KORE1 2026: no architecture or system-design question is a named mistake; HireDevelopers 2026: design close to the company's environment",
};
pub(super) const NO_SECURITY: Rule = Rule {
    code: "HL017",
    name: "no-security-assessment",
    severity: Severity::Warning,
    fix: "Assess security in some stage: SQL injection, authentication, input validation, a real security decision.",
    source: "StepTo 2026: security awareness is always checked, backend engineers own the security boundary",
};
pub(super) const NO_TESTING: Rule = Rule {
    code: "HL018",
    name: "no-testing-question",
    severity: Severity::Warning,
    fix:
        "Ask about testing habits and strategy in some stage (add \"testing\" to its competencies).",
    source: "KORE1 2026: always ask about testing strategy; no answer on testing is a red flag",
};
pub(super) const NO_COMMUNICATION: Rule = Rule {
    code: "HL019",
    name: "no-communication-evaluation",
    severity: Severity::Warning,
    fix: "Add a behavioural stage or assess communication: disagreement, clarifying questions, surfacing risk.",
    source: "HireDevelopers 2026: the loop ends with behavioural and communication evaluation; KORE1 2026: thinking aloud beats a silent clean answer",
};
pub(super) const COVERAGE_GAP: Rule = Rule {
    code: "HL020",
    name: "must-have-not-assessed",
    severity: Severity::Warning,
    fix: "Add the must-have to the competencies of the stage that tests it, or drop it from must_have.",
    source: "HireDevelopers 2026: the loop mirrors the job and tests the non-negotiables",
};

pub(super) const RULES: &[&Rule] = &[
    &NO_LOOP,
    &NO_WORK_SAMPLE,
    &ONLY_PUZZLES,
    &NO_SYSTEM_DESIGN,
    &NO_SECURITY,
    &NO_TESTING,
    &NO_COMMUNICATION,
    &COVERAGE_GAP,
];

fn any_competency(card: &Scorecard, words: &[&str]) -> bool {
    card.interview_loop
        .iter()
        .flat_map(|s| s.competencies.iter())
        .map(|c| normalise(c))
        .any(|c| words.iter().any(|w| c.contains(w)))
}

fn has_stage(card: &Scorecard, kind: LoopStageKind) -> bool {
    card.interview_loop.iter().any(|s| s.kind == kind)
}

pub(super) fn run(card: &Scorecard, ctx: &LintContext<'_>, out: &mut Findings) {
    if card.interview_loop.is_empty() {
        out.add(&NO_LOOP, "loop", "the scorecard has no interview loop");
        return;
    }
    if !card.interview_loop.iter().any(|s| s.kind.is_practical()) {
        out.add(
            &NO_WORK_SAMPLE,
            "loop",
            "no stage has the candidate build or change working software",
        );
    }
    let technical: Vec<LoopStageKind> = card
        .interview_loop
        .iter()
        .map(|s| s.kind)
        .filter(|k| {
            k.is_practical()
                || matches!(
                    k,
                    LoopStageKind::Technical
                        | LoopStageKind::SystemDesign
                        | LoopStageKind::Algorithms
                )
        })
        .collect();
    if !technical.is_empty() && technical.iter().all(|k| *k == LoopStageKind::Algorithms) {
        out.add(
            &ONLY_PUZZLES,
            "loop",
            "every technical stage is an algorithm puzzle",
        );
    }
    let designs = has_stage(card, LoopStageKind::SystemDesign)
        || any_competency(card, &["system-design", "architecture"]);
    if card.level.at_least_mid() && !designs {
        out.add(
            &NO_SYSTEM_DESIGN,
            "loop",
            format!(
                "a {} role with no system-design stage",
                card.level.label().to_lowercase()
            ),
        );
    }
    if !has_stage(card, LoopStageKind::Trial)
        && !any_competency(card, &["security", "owasp", "auth", "injection"])
    {
        out.add(&NO_SECURITY, "loop", "no stage assesses security");
    }
    if !any_competency(card, &["test", "tdd"]) {
        out.add(&NO_TESTING, "loop", "no stage asks about testing");
    }
    let communicates = has_stage(card, LoopStageKind::Behavioural)
        || any_competency(
            card,
            &["communication", "collaboration", "behavio", "stakeholder"],
        );
    if !communicates {
        out.add(
            &NO_COMMUNICATION,
            "loop",
            "no stage evaluates communication",
        );
    }
    let assessed: Vec<String> = card
        .interview_loop
        .iter()
        .flat_map(|s| s.competencies.iter())
        .map(|c| ctx.skill_id(c))
        .collect();
    for (i, m) in card.must_have.iter().enumerate() {
        if !assessed.contains(&ctx.skill_id(m.skill.as_str())) {
            out.add(
                &COVERAGE_GAP,
                format!("must_have[{i}].skill"),
                format!("no loop stage assesses the must-have '{}'", m.skill),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testkit::{fires, good, messages};
    use crate::scorecard::model::{LoopStage, LoopStageKind, ScorecardLevel};

    fn drop_competency(card: &mut crate::scorecard::Scorecard, name: &str) {
        for stage in &mut card.interview_loop {
            stage.competencies.retain(|c| c != name);
        }
    }

    #[test]
    fn hl013_no_loop_reports_only_that() {
        let mut card = good();
        assert!(!fires(&card, "HL013"));
        card.interview_loop.clear();
        assert!(fires(&card, "HL013"));
        assert!(!fires(&card, "HL014") && !fires(&card, "HL020"));
    }

    #[test]
    fn hl014_loop_without_a_work_sample() {
        let mut card = good();
        assert!(!fires(&card, "HL014"));
        card.interview_loop[1].kind = LoopStageKind::Technical;
        assert!(fires(&card, "HL014"));
    }

    #[test]
    fn hl015_loop_of_only_algorithm_puzzles() {
        let mut card = good();
        card.interview_loop.push(LoopStage {
            kind: LoopStageKind::Algorithms,
            competencies: vec![],
        });
        assert!(!fires(&card, "HL015"));
        for stage in &mut card.interview_loop {
            if stage.kind != LoopStageKind::Screening && stage.kind != LoopStageKind::Behavioural {
                stage.kind = LoopStageKind::Algorithms;
            }
        }
        assert!(fires(&card, "HL015"));
    }

    #[test]
    fn hl016_no_system_design_for_mid_and_above() {
        let mut card = good();
        assert!(!fires(&card, "HL016"));
        card.interview_loop
            .retain(|s| s.kind != LoopStageKind::SystemDesign);
        assert!(messages(&card, "HL016")[0].contains("senior role"));
        card.level = ScorecardLevel::Junior;
        assert!(!fires(&card, "HL016"));
    }

    #[test]
    fn hl017_no_security_assessment() {
        let mut card = good();
        assert!(!fires(&card, "HL017"));
        drop_competency(&mut card, "security");
        assert!(fires(&card, "HL017"));
    }

    #[test]
    fn hl018_no_testing_question() {
        let mut card = good();
        assert!(!fires(&card, "HL018"));
        drop_competency(&mut card, "testing");
        assert!(fires(&card, "HL018"));
    }

    #[test]
    fn hl019_no_communication_evaluation() {
        let mut card = good();
        assert!(!fires(&card, "HL019"));
        card.interview_loop
            .retain(|s| s.kind != LoopStageKind::Behavioural);
        assert!(
            !fires(&card, "HL019"),
            "the screening still assesses communication"
        );
        drop_competency(&mut card, "communication");
        assert!(fires(&card, "HL019"));
    }

    #[test]
    fn hl020_a_must_have_no_stage_assesses() {
        let mut card = good();
        assert!(!fires(&card, "HL020"));
        drop_competency(&mut card, "kafka");
        assert_eq!(
            messages(&card, "HL020"),
            ["no loop stage assesses the must-have 'Kafka'"]
        );
    }
}
