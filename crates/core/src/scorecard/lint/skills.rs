//! Rules on the language, framework and skill lists: name the language first, keep the
//! must-haves to the real few, keep tools as preferences, and ask no more than the level can give.

use super::{Findings, LintContext, Rule, Severity};
use crate::scorecard::model::{Scorecard, ScorecardLevel};

pub(super) const NO_PRIMARY_LANGUAGE: Rule = Rule {
    code: "HL001",
    name: "no-primary-language",
    severity: Severity::Error,
    fix: "Set primary_language (and framework, if any): the language decides the talent pool, the rates and the evaluation.",
    source: "StepTo 2026: always name the primary language and framework first",
};
pub(super) const FRAMEWORK_LANGUAGE: Rule = Rule {
    code: "HL002",
    name: "framework-language-mismatch",
    severity: Severity::Error,
    fix: "Make primary_language the language the framework is written in (Django → Python, Spring Boot → Java, Laravel → PHP, Rails → Ruby, NestJS/Express → Node.js).",
    source: "StepTo 2026: the primary language and framework decide the talent pool",
};
pub(super) const UNKNOWN_SKILL: Rule = Rule {
    code: "HL003",
    name: "unknown-skill",
    severity: Severity::Warning,
    fix: "Use the skill's usual name so candidates' profiles match it, or add it to your skill taxonomy.",
    source: "StepTo 2026 / KORE1 2026 skill ladders, as the hireloop skill taxonomy names them",
};
pub(super) const TOO_MANY_MUST_HAVES: Rule = Rule {
    code: "HL004",
    name: "too-many-must-haves",
    severity: Severity::Error,
    fix: "Keep the real five or six non-negotiables; move the rest to nice_to_have with a weight.",
    source: "KORE1 2026: a 15-technology required list is a red flag that repels strong candidates",
};
pub(super) const PREFERENCE_AS_MUST_HAVE: Rule = Rule {
    code: "HL005",
    name: "preference-as-must-have",
    severity: Severity::Warning,
    fix: "Move tools a capable engineer learns in days (CI products, trackers, monitoring vendors) to nice_to_have.",
    source: "HireDevelopers 2026: a technology can be a preference rather than a gate; KORE1 2026: Kubernetes is helpful, not required, below senior",
};
pub(super) const BEYOND_LEVEL: Rule = Rule {
    code: "HL006",
    name: "must-have-beyond-level",
    severity: Severity::Error,
    fix: "Raise the level (and the budget), or move the senior responsibilities to someone who can support the hire.",
    source: "KORE1 2026: technology expectations by level; a junior hire for senior responsibilities without leadership support fails",
};

pub(super) const RULES: &[&Rule] = &[
    &NO_PRIMARY_LANGUAGE,
    &FRAMEWORK_LANGUAGE,
    &UNKNOWN_SKILL,
    &TOO_MANY_MUST_HAVES,
    &PREFERENCE_AS_MUST_HAVE,
    &BEYOND_LEVEL,
];

/// Tools that are preferences, not gates: CI/CD products, trackers, monitoring and API tooling.
const TOOLING: &[&str] = &[
    "github-actions",
    "gitlab-ci",
    "jenkins",
    "circleci",
    "travis-ci",
    "teamcity",
    "bitbucket",
    "argocd",
    "flux",
    "helm",
    "jira",
    "confluence",
    "datadog",
    "new-relic",
    "grafana",
    "sentry",
    "splunk",
    "pagerduty",
    "postman",
];

/// Expectations KORE1 2026 places at senior level (distributed systems, scalability) or, for a
/// junior, at mid level too (system design, microservices).
const SENIOR_SKILLS: &[&str] = &["distributed-systems", "scalability", "high-availability"];
const MID_SKILLS: &[&str] = &["system-design", "microservices"];
const SENIOR_MISSION_WORDS: &[&str] = &[
    "architect",
    "lead the",
    "technical lead",
    "tech lead",
    "mentor",
];

pub(super) const MAX_MUST_HAVES: usize = 6;

pub(super) fn run(card: &Scorecard, ctx: &LintContext<'_>, out: &mut Findings) {
    language(card, ctx, out);
    unknown_skills(card, ctx, out);
    if card.must_have.len() > MAX_MUST_HAVES {
        out.add(
            &TOO_MANY_MUST_HAVES,
            "must_have",
            format!(
                "{} must-haves; more than {MAX_MUST_HAVES} reads as a wish list and strong candidates skip it",
                card.must_have.len()
            ),
        );
    }
    for (i, m) in card.must_have.iter().enumerate() {
        let id = ctx.skill_id(m.skill.as_str());
        let kubernetes_below_senior = id == "kubernetes" && card.level < ScorecardLevel::Senior;
        if TOOLING.contains(&id.as_str()) || kubernetes_below_senior {
            out.add(
                &PREFERENCE_AS_MUST_HAVE,
                format!("must_have[{i}].skill"),
                format!("'{}' is a tool preference, not a non-negotiable", m.skill),
            );
        }
    }
    beyond_level(card, ctx, out);
}

fn language(card: &Scorecard, ctx: &LintContext<'_>, out: &mut Findings) {
    let framework = card
        .framework
        .as_ref()
        .and_then(|f| ctx.catalog.resolve(f.as_str()));
    let implied = framework
        .as_ref()
        .map(|f| ctx.catalog.languages_of(&f.id))
        .unwrap_or_default();
    let Some(primary) = &card.primary_language else {
        if implied.is_empty() {
            out.add(
                &NO_PRIMARY_LANGUAGE,
                "primary_language",
                "the scorecard names no primary language (and no framework that implies one)",
            );
        }
        return;
    };
    let Some(resolved) = ctx.catalog.resolve(primary.as_str()) else {
        return;
    };
    if let Some(language) = ctx.catalog.languages_of(&resolved.id).first() {
        out.add(
            &FRAMEWORK_LANGUAGE,
            "primary_language",
            format!(
                "'{}' is a framework; the primary language is {} (put {} under framework)",
                primary, language.name, resolved.name
            ),
        );
    } else if let (Some(fw), false) = (&framework, implied.is_empty()) {
        if !implied.iter().any(|l| l.id == resolved.id) {
            let names: Vec<&str> = implied.iter().map(|l| l.name.as_str()).collect();
            out.add(
                &FRAMEWORK_LANGUAGE,
                "framework",
                format!(
                    "{} is a {} framework, but the primary language is {}",
                    fw.name,
                    names.join("/"),
                    resolved.name
                ),
            );
        }
    }
}

fn unknown_skills(card: &Scorecard, ctx: &LintContext<'_>, out: &mut Findings) {
    let mut named: Vec<(String, &str)> = Vec::new();
    if let Some(l) = &card.primary_language {
        named.push(("primary_language".into(), l.as_str()));
    }
    if let Some(f) = &card.framework {
        named.push(("framework".into(), f.as_str()));
    }
    for (i, m) in card.must_have.iter().enumerate() {
        named.push((format!("must_have[{i}].skill"), m.skill.as_str()));
    }
    for (i, n) in card.nice_to_have.iter().enumerate() {
        named.push((format!("nice_to_have[{i}].skill"), n.skill.as_str()));
    }
    for (path, raw) in named {
        if ctx.catalog.resolve(raw).is_some() {
            continue;
        }
        let near: Vec<String> = ctx
            .catalog
            .suggest(raw, 3)
            .into_iter()
            .map(|k| format!("{} ({})", k.name, k.id))
            .collect();
        let hint = if near.is_empty() {
            String::new()
        } else {
            format!("; did you mean {}?", near.join(", "))
        };
        out.add(&UNKNOWN_SKILL, path, format!("unknown skill '{raw}'{hint}"));
    }
}

fn beyond_level(card: &Scorecard, ctx: &LintContext<'_>, out: &mut Findings) {
    let level = card.level;
    let (max_years, years_severity) = match level {
        ScorecardLevel::Junior => (3, Severity::Error),
        ScorecardLevel::Mid => (6, Severity::Warning),
        ScorecardLevel::Senior | ScorecardLevel::Staff => (u8::MAX, Severity::Info),
    };
    for (i, m) in card.must_have.iter().enumerate() {
        let id = ctx.skill_id(m.skill.as_str());
        let path = format!("must_have[{i}].skill");
        let senior_only = SENIOR_SKILLS.contains(&id.as_str());
        let mid_up = MID_SKILLS.contains(&id.as_str());
        if level == ScorecardLevel::Junior && (senior_only || mid_up) {
            out.add(
                &BEYOND_LEVEL,
                path,
                format!(
                    "a junior is expected to know basic patterns, not to own '{}'",
                    m.skill
                ),
            );
        } else if level == ScorecardLevel::Mid && senior_only {
            out.add_as(
                &BEYOND_LEVEL,
                Severity::Warning,
                path,
                format!("'{}' is a senior expectation; a mid-level engineer works with microservices and APIs", m.skill),
            );
        }
        if let Some(years) = m.min_years.filter(|y| *y > max_years) {
            out.add_as(
                &BEYOND_LEVEL,
                years_severity,
                format!("must_have[{i}].min_years"),
                format!(
                    "{years} years of {} is beyond a {} role ({} at most)",
                    m.skill,
                    level.label().to_lowercase(),
                    max_years
                ),
            );
        }
    }
    if level == ScorecardLevel::Junior {
        let mission = card.mission.as_deref().unwrap_or("").to_lowercase();
        if let Some(word) = SENIOR_MISSION_WORDS.iter().find(|w| mission.contains(*w)) {
            out.add(
                &BEYOND_LEVEL,
                "mission",
                format!("the mission asks a junior to '{word}…': senior responsibilities"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testkit::{fires, good, messages, skill};
    use crate::scorecard::model::{MustHave, ScorecardLevel};

    fn must(name: &str) -> MustHave {
        MustHave {
            skill: skill(name),
            min_years: None,
        }
    }

    #[test]
    fn hl001_no_primary_language_unless_the_framework_implies_one() {
        let mut card = good();
        assert!(!fires(&card, "HL001"));
        card.primary_language = None;
        assert!(fires(&card, "HL001"));
        card.framework = Some(skill("Django"));
        assert!(!fires(&card, "HL001"));
    }

    #[test]
    fn hl002_framework_must_match_the_language() {
        let mut card = good();
        card.primary_language = Some(skill("Python"));
        card.framework = Some(skill("Django"));
        assert!(!fires(&card, "HL002"));
        card.primary_language = Some(skill("Java"));
        assert!(messages(&card, "HL002")[0].contains("Django is a Python framework"));
        card.primary_language = Some(skill("TypeScript"));
        card.framework = Some(skill("NestJS"));
        assert!(
            !fires(&card, "HL002"),
            "NestJS implies Node.js and TypeScript"
        );
        card.primary_language = Some(skill("Spring Boot"));
        card.framework = None;
        assert!(messages(&card, "HL002")[0].contains("primary language is Java"));
    }

    #[test]
    fn hl003_unknown_skills_suggest_the_nearest_known() {
        let mut card = good();
        assert!(!fires(&card, "HL003"));
        card.must_have[1] = must("Postgress");
        let msg = messages(&card, "HL003");
        assert_eq!(msg.len(), 1);
        assert!(
            msg[0].contains("did you mean PostgreSQL (postgresql)"),
            "{msg:?}"
        );
    }

    #[test]
    fn hl004_more_than_six_must_haves() {
        let mut card = good();
        for name in ["Redis", "Docker"] {
            card.must_have.push(must(name));
        }
        assert_eq!(card.must_have.len(), 6);
        assert!(!fires(&card, "HL004"));
        card.must_have.push(must("AWS"));
        assert!(fires(&card, "HL004"));
    }

    #[test]
    fn hl005_tools_are_preferences() {
        let mut card = good();
        card.must_have.push(must("Docker"));
        assert!(!fires(&card, "HL005"));
        card.must_have.push(must("GitHub Actions"));
        assert!(messages(&card, "HL005")[0].contains("GitHub Actions"));
        let mut mid = good();
        mid.level = ScorecardLevel::Mid;
        mid.must_have.push(must("Kubernetes"));
        assert!(fires(&mid, "HL005"));
    }

    #[test]
    fn hl006_junior_owning_distributed_systems_is_beyond_the_level() {
        let mut card = good();
        card.must_have.push(must("Distributed systems"));
        assert!(!fires(&card, "HL006"));
        card.level = ScorecardLevel::Junior;
        card.must_have[0].min_years = Some(2);
        assert!(fires(&card, "HL006"));
        card.must_have.pop();
        assert!(!fires(&card, "HL006"));
        card.must_have[0].min_years = Some(5);
        assert!(messages(&card, "HL006")[0].contains("5 years of Go"));
        card.must_have[0].min_years = None;
        card.mission = Some("Architect the new billing platform and lead the team by Q4".into());
        assert!(fires(&card, "HL006"));
    }
}
