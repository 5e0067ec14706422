//! Rules on the role's own matching weights (`[matching.weights]`): weights that rank nothing,
//! skills that do not lead, and a notice of the shares the ranking will use.

use super::{Findings, LintContext, Rule, Severity};
use crate::scorecard::model::Scorecard;
use crate::scorecard::weights::describe_shares;

pub(super) const WEIGHTS_ALL_ZERO: Rule = Rule {
    code: "HL027",
    name: "matching-weights-all-zero",
    severity: Severity::Error,
    fix: "Give skills a weight above 0, or remove [matching.weights] to rank with the defaults.",
    source: "Arithmetic on the match score (docs/matching.md, 2026): weights are normalised to sum 1, so all-zero weights leave nothing to rank by",
};
pub(super) const SKILLS_NOT_LEADING: Rule = Rule {
    code: "HL028",
    name: "matching-skills-not-leading",
    severity: Severity::Warning,
    fix: "Make skills the largest weight; let level, budget, time zone, availability and vetting break ties between people who have the skills.",
    source: "HireDevelopers 2026: a scorecard's non-negotiables are skills; KORE1 / StepTo / MQBIT 2026: hiring on cost alone is a named mistake",
};
pub(super) const ROLE_WEIGHTS: Rule = Rule {
    code: "HL029",
    name: "matching-role-weights",
    severity: Severity::Info,
    fix: "Nothing to fix: check the shares read as intended; remove [matching.weights] to use the defaults.",
    source: "hireloop matching (docs/matching.md, 2026): weights are relative and normalised to 100%",
};

pub(super) const RULES: &[&Rule] = &[&WEIGHTS_ALL_ZERO, &SKILLS_NOT_LEADING, &ROLE_WEIGHTS];

pub(super) fn run(card: &Scorecard, _ctx: &LintContext<'_>, out: &mut Findings) {
    let Some(weights) = card.matching_weights() else {
        return;
    };
    let points = weights.points();
    if points.base_sum() == 0 {
        out.add(
            &WEIGHTS_ALL_ZERO,
            "matching.weights",
            "every weight but text is 0: without a search text no candidate scores above another, \
             so the ranking is arbitrary",
        );
        return;
    }
    // Must-haves already filter; among those who pass, the skills component is the only one that
    // measures how well they do the work (years against the level, nice-to-haves). When a term of
    // the deal outweighs it, the order is decided by price, hours or start date, not by ability.
    let leaders: Vec<(&str, u8)> = points.entries()[1..6]
        .iter()
        .copied()
        .filter(|(_, v)| *v > points.skills)
        .collect();
    if !leaders.is_empty() {
        let names: Vec<String> = leaders
            .iter()
            .map(|(name, v)| format!("{name} ({v})"))
            .collect();
        let cost = if leaders.iter().any(|(name, _)| *name == "budget") {
            "; ranking mostly on cost is the 'hiring on cost alone' mistake"
        } else {
            ""
        };
        out.add(
            &SKILLS_NOT_LEADING,
            "matching.weights.skills",
            format!(
                "skills weigh {} but {} weigh more: a candidate with less of the skills the role \
                 needs can rank above one with more{cost}",
                points.skills,
                names.join(", ")
            ),
        );
    }
    let with_text = points.shares(true);
    out.add(
        &ROLE_WEIGHTS,
        "matching.weights",
        format!(
            "matches are ranked with the role's own weights: {}; with a search text, text takes {:.0}% \
             and the others shrink in proportion",
            describe_shares(&points.shares(false)),
            with_text.last().map_or(0.0, |(_, share)| *share)
        ),
    );
}

#[cfg(test)]
mod tests {
    use super::super::testkit::{codes, fires, good, messages};
    use crate::scorecard::weights::{Matching, MatchingWeights};

    fn with(weights: MatchingWeights) -> crate::scorecard::Scorecard {
        let mut card = good();
        card.matching = Some(Matching {
            weights: Some(weights),
        });
        card
    }

    #[test]
    fn default_weights_say_nothing() {
        let card = good();
        assert!(!codes(&card)
            .iter()
            .any(|c| ["HL027", "HL028", "HL029"].contains(c)));
    }

    #[test]
    fn hl029_shows_the_normalised_shares() {
        let card = with(MatchingWeights {
            skills: Some(50),
            level: Some(10),
            budget: Some(15),
            timezone: Some(10),
            availability: Some(5),
            vetting: Some(10),
            text: Some(25),
        });
        assert_eq!(codes(&card), ["HL029"]);
        let message = &messages(&card, "HL029")[0];
        assert!(
            message.contains(
                "skills 50%, level 10%, budget 15%, timezone 10%, availability 5%, vetting 10%; \
                 with a search text, text takes 20%"
            ),
            "{message}"
        );
    }

    #[test]
    fn hl027_all_zero_weights_rank_nothing() {
        let card = with(MatchingWeights {
            skills: Some(0),
            level: Some(0),
            budget: Some(0),
            timezone: Some(0),
            availability: Some(0),
            vetting: Some(0),
            text: Some(50),
        });
        assert!(fires(&card, "HL027"));
        assert!(crate::scorecard::lint(&card, &super::super::testkit::ctx()).has_errors());
        // Zero for some is a choice, not an error.
        let card = with(MatchingWeights {
            vetting: Some(0),
            ..Default::default()
        });
        assert!(!fires(&card, "HL027"));
    }

    #[test]
    fn hl028_skills_should_lead() {
        let card = with(MatchingWeights {
            skills: Some(20),
            budget: Some(40),
            ..Default::default()
        });
        let message = &messages(&card, "HL028")[0];
        assert!(
            message.contains("skills weigh 20 but budget (40)"),
            "{message}"
        );
        assert!(message.contains("hiring on cost alone"), "{message}");
        // The defaults keep skills first; so does a role that only raises skills.
        let card = with(MatchingWeights {
            skills: Some(70),
            ..Default::default()
        });
        assert!(!fires(&card, "HL028"));
        // A tie is not a warning: skills still count as much as anything else.
        let card = with(MatchingWeights {
            skills: Some(15),
            ..Default::default()
        });
        assert!(!fires(&card, "HL028"), "level 15 ties skills 15");
        let card = with(MatchingWeights {
            skills: Some(5),
            budget: Some(0),
            ..Default::default()
        });
        let message = &messages(&card, "HL028")[0];
        assert!(message.contains("level (15), timezone (10)"), "{message}");
        assert!(!message.contains("cost alone"), "{message}");
    }
}
