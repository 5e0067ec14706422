//! Test helpers: a clean reference scorecard that each rule's tests break in one way.

use super::{lint, LintContext};
use crate::market::Dataset;
use crate::scorecard::catalog::testing::CATALOG;
use crate::scorecard::model::Scorecard;
use std::sync::OnceLock;

pub(crate) const GOOD: &str = r#"
title = "Senior Go Engineer, Payments API (Remote)"
level = "senior"
primary_language = "Go"
mission = "Cut payment failures from 2% to under 0.5% by Q3 and ship the new refunds API within 6 months"
scope = ["payments API", "ledger service"]
constraints = ["team of 5 backend engineers", "PCI DSS", "AWS", "weekly releases"]
stage = "growth"
engagement = "full_time"
headcount = 1
hiring_manager = "Ana Petrović, Head of Engineering"
start_date = 2026-03-01

[[must_have]]
skill = "Go"
min_years = 5

[[must_have]]
skill = "PostgreSQL"

[[must_have]]
skill = "REST API design"

[[must_have]]
skill = "Kafka"

[[nice_to_have]]
skill = "Kubernetes"
weight = 3

[location]
policy = "remote"
countries = ["PL", "RO", "RS"]
team_timezone = "Europe/Warsaw"
overlap_hours = 4

[budget]
currency = "USD"
period = "year"
min = 150000
max = 190000

[[loop]]
type = "screening"
competencies = ["go", "communication"]

[[loop]]
type = "take_home"
competencies = ["go", "postgresql", "rest-api", "testing"]

[[loop]]
type = "system_design"
competencies = ["system-design", "kafka", "security"]

[[loop]]
type = "behavioural"
competencies = ["communication", "ownership"]
"#;

pub(crate) fn good() -> Scorecard {
    crate::scorecard::from_toml(GOOD).unwrap()
}

pub(crate) fn market() -> &'static Dataset {
    static DATA: OnceLock<Dataset> = OnceLock::new();
    DATA.get_or_init(|| Dataset::shipped().unwrap())
}

pub(crate) fn ctx() -> LintContext<'static> {
    LintContext::new(&CATALOG, Some(market()))
}

pub(crate) fn codes(card: &Scorecard) -> Vec<&'static str> {
    lint(card, &ctx()).codes()
}

pub(crate) fn fires(card: &Scorecard, code: &str) -> bool {
    codes(card).contains(&code)
}

/// The messages of one rule's findings.
pub(crate) fn messages(card: &Scorecard, code: &str) -> Vec<String> {
    lint(card, &ctx())
        .findings
        .into_iter()
        .filter(|f| f.code == code)
        .map(|f| f.message)
        .collect()
}

pub(crate) fn skill(name: &str) -> crate::scorecard::model::SkillName {
    crate::scorecard::model::SkillName::parse(name).unwrap()
}
