//! The hiring-plan linter: checks a scorecard against the mistakes the 2026 hiring guides name
//! (FACTS.md §10). Every rule has a code, a severity, a fix and the source it rests on.

mod definition;
mod interview;
mod skills;
mod terms;
#[cfg(test)]
pub(crate) mod testkit;
mod weights;

use super::catalog::{KnownSkill, SkillCatalog};
use super::model::Scorecard;
use crate::market::Dataset;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The plan will go wrong as written: fix before sourcing (`hireloop lint` exits 1).
    Error,
    /// Likely to cost candidates or signal.
    Warning,
    /// Worth a look.
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// A lint rule's fixed description.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Rule {
    /// "HL001".
    pub code: &'static str,
    /// "no-primary-language".
    pub name: &'static str,
    /// The usual severity; a rule may raise or lower it for a particular finding.
    pub severity: Severity,
    pub fix: &'static str,
    /// The fact it rests on, with its source and year (FACTS.md).
    pub source: &'static str,
}

/// One problem found in one scorecard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Finding {
    pub code: &'static str,
    pub rule: &'static str,
    pub severity: Severity,
    /// The key path the finding is about (`mission`, `must_have[3].skill`, `loop`).
    pub path: String,
    pub message: String,
    pub fix: String,
    pub source: &'static str,
}

/// Every finding for a scorecard, errors first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LintReport {
    pub findings: Vec<Finding>,
}

impl LintReport {
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }

    /// The codes found, in report order (for tests and summaries).
    pub fn codes(&self) -> Vec<&'static str> {
        self.findings.iter().map(|f| f.code).collect()
    }
}

/// What the linter consults besides the scorecard.
#[derive(Clone, Copy)]
pub struct LintContext<'a> {
    pub catalog: &'a dyn SkillCatalog,
    /// The market dataset for the budget check; without it the check is skipped.
    pub market: Option<&'a crate::market::Dataset>,
}

impl<'a> LintContext<'a> {
    pub fn new(catalog: &'a dyn SkillCatalog, market: Option<&'a Dataset>) -> Self {
        Self { catalog, market }
    }

    /// The catalog's canonical id for a skill, or the raw text normalised when unknown.
    pub(crate) fn skill_id(&self, raw: &str) -> String {
        self.catalog
            .resolve(raw)
            .map_or_else(|| normalise(raw), |k: KnownSkill| k.id)
    }
}

/// Lower case, words joined by '-': "System Design" and "system_design" compare equal.
pub(crate) fn normalise(raw: &str) -> String {
    raw.to_lowercase()
        .split(|c: char| c.is_whitespace() || c == '_' || c == '-')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// Collects findings while the rules run.
pub(crate) struct Findings(Vec<Finding>);

impl Findings {
    pub(crate) fn add(&mut self, rule: &Rule, path: impl Into<String>, message: impl Into<String>) {
        self.add_as(rule, rule.severity, path, message);
    }

    pub(crate) fn add_as(
        &mut self,
        rule: &Rule,
        severity: Severity,
        path: impl Into<String>,
        message: impl Into<String>,
    ) {
        self.0.push(Finding {
            code: rule.code,
            rule: rule.name,
            severity,
            path: path.into(),
            message: message.into(),
            fix: rule.fix.to_string(),
            source: rule.source,
        });
    }
}

/// Every rule, in code order.
pub fn rules() -> Vec<&'static Rule> {
    let mut all: Vec<&'static Rule> = skills::RULES
        .iter()
        .chain(definition::RULES)
        .chain(interview::RULES)
        .chain(terms::RULES)
        .chain(weights::RULES)
        .copied()
        .collect();
    all.sort_by_key(|r| r.code);
    all
}

/// Lints a scorecard: findings sorted by severity, then code, then path.
pub fn lint(card: &Scorecard, ctx: &LintContext<'_>) -> LintReport {
    let mut out = Findings(Vec::new());
    skills::run(card, ctx, &mut out);
    definition::run(card, ctx, &mut out);
    interview::run(card, ctx, &mut out);
    terms::run(card, ctx, &mut out);
    weights::run(card, ctx, &mut out);
    let mut findings = out.0;
    findings.sort_by(|a, b| (a.severity, a.code, &a.path).cmp(&(b.severity, b.code, &b.path)));
    LintReport { findings }
}

#[cfg(test)]
mod tests {
    use super::testkit::{codes, good};
    use super::*;

    #[test]
    fn rule_codes_are_unique_and_every_rule_cites_a_source() {
        let all = rules();
        assert!(all.len() >= 15, "{} rules", all.len());
        for pair in all.windows(2) {
            assert_ne!(pair[0].code, pair[1].code);
        }
        for rule in &all {
            assert!(
                rule.source.contains("20"),
                "{} has no dated source",
                rule.code
            );
            assert!(!rule.fix.is_empty(), "{} has no fix", rule.code);
        }
    }

    #[test]
    fn the_reference_scorecard_is_clean() {
        assert_eq!(codes(&good()), Vec::<&str>::new());
    }

    #[test]
    fn findings_are_sorted_by_severity_and_serialise_to_json() {
        let mut card = good();
        card.mission = None;
        card.constraints.clear();
        card.stage = None;
        card.interview_loop.retain(|s| !s.kind.is_practical());
        let report = lint(&card, &testkit::ctx());
        assert!(report.has_errors());
        let severities: Vec<Severity> = report.findings.iter().map(|f| f.severity).collect();
        let mut sorted = severities.clone();
        sorted.sort();
        assert_eq!(severities, sorted);
        let json = serde_json::to_value(&report).unwrap();
        assert_eq!(json["findings"][0]["severity"], "error");
        assert!(json["findings"][0]["source"]
            .as_str()
            .unwrap()
            .contains("2026"));
    }
}
