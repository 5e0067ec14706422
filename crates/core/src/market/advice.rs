//! The advisors: which sourcing channel, which engagement model, and full-stack or dedicated backend.
//! The rules are data (`data/market/advice.toml`); this module evaluates them and keeps every reason
//! with its source, so a recommendation always explains itself.

use super::timeline::Channel;
use super::{Dataset, MarketError};
use crate::level::Level;
use crate::vocab::vocabulary;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

vocabulary!(
    /// How far along the hiring company is (FACTS.md §8).
    CompanyStage, "company stage" {
        Startup => "startup", "Early-stage startup";
        Growth => "growth", "Growth stage";
        Enterprise => "enterprise", "Enterprise";
    }
);

vocabulary!(
    /// How soon the hire is needed.
    Urgency, "urgency" {
        Low => "low", "Low: quality over speed";
        Normal => "normal", "Normal";
        High => "high", "High: something is blocked";
    }
);

vocabulary!(
    /// How the person is engaged (FACTS.md §8).
    Engagement, "engagement" {
        FullTime => "full_time", "Full-time employee";
        Contractor => "contractor", "Long-term contractor";
        ContractToHire => "contract_to_hire", "Contract-to-hire";
        Freelance => "freelance", "Freelance (hourly / part-time)";
        OffshoreTeam => "offshore_team", "Dedicated offshore team";
    }
);

/// One advisor rule from the dataset.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AdviceRule {
    pub option: String,
    #[serde(default)]
    pub when: BTreeMap<String, Condition>,
    pub weight: i32,
    pub reason: String,
    pub source: String,
}

/// A condition's expected value: a flag or a named value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Condition {
    Flag(bool),
    Value(String),
}

impl Condition {
    fn as_text(&self) -> String {
        match self {
            Condition::Flag(b) => b.to_string(),
            Condition::Value(v) => v.clone(),
        }
    }
}

/// What the channel and engagement advisors need to know.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AdviceInput {
    #[serde(default = "default_stage")]
    pub stage: CompanyStage,
    /// How many people to hire.
    #[serde(default = "one")]
    pub hires: u32,
    /// How long the need lasts, in months; absent for open-ended.
    #[serde(default)]
    pub duration_months: Option<u32>,
    #[serde(default = "default_urgency")]
    pub urgency: Urgency,
    #[serde(default)]
    pub level: Option<Level>,
    /// Someone in house can run a technical search.
    #[serde(default)]
    pub recruiting_capacity: bool,
    /// Someone in house leads backend work and can judge it.
    #[serde(default)]
    pub backend_leadership: bool,
    /// Core, long-lived ownership rather than scoped work.
    #[serde(default)]
    pub core_work: bool,
    /// Regulated work: compliance, security boundary.
    #[serde(default)]
    pub compliance: bool,
}

fn default_stage() -> CompanyStage {
    CompanyStage::Growth
}
fn default_urgency() -> Urgency {
    Urgency::Normal
}
fn one() -> u32 {
    1
}

impl Default for AdviceInput {
    fn default() -> Self {
        Self {
            stage: default_stage(),
            hires: 1,
            duration_months: None,
            urgency: default_urgency(),
            level: None,
            recruiting_capacity: false,
            backend_leadership: false,
            core_work: false,
            compliance: false,
        }
    }
}

impl AdviceInput {
    fn facts(&self) -> Result<BTreeMap<&'static str, String>, MarketError> {
        if self.hires == 0 || self.hires > 1000 {
            return Err(MarketError::OutOfRange {
                field: "hires",
                message: "must be between 1 and 1000".into(),
            });
        }
        let duration = match self.duration_months {
            Some(0) => {
                return Err(MarketError::OutOfRange {
                    field: "duration_months",
                    message: "must be at least 1".into(),
                })
            }
            Some(m) if m < 3 => "short",
            Some(m) if m <= 12 => "medium",
            _ => "long",
        };
        let mut facts = BTreeMap::new();
        facts.insert("stage", self.stage.as_str().to_string());
        facts.insert("urgency", self.urgency.as_str().to_string());
        facts.insert("duration", duration.to_string());
        facts.insert("several_hires", (self.hires >= 2).to_string());
        facts.insert("many_hires", (self.hires >= 5).to_string());
        facts.insert("recruiting_capacity", self.recruiting_capacity.to_string());
        facts.insert("backend_leadership", self.backend_leadership.to_string());
        facts.insert("core_work", self.core_work.to_string());
        facts.insert("compliance", self.compliance.to_string());
        if let Some(level) = self.level {
            facts.insert("level", level.as_str().to_string());
        }
        Ok(facts)
    }
}

/// What the full-stack vs dedicated-backend advice needs to know.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TeamShapeInput {
    #[serde(default)]
    pub stage: Option<CompanyStage>,
    #[serde(default)]
    pub several_clients: bool,
    #[serde(default)]
    pub significant_load: bool,
    #[serde(default)]
    pub complex_logic: bool,
    #[serde(default)]
    pub high_security: bool,
    #[serde(default)]
    pub deep_performance: bool,
    /// Mostly create-read-update-delete screens.
    #[serde(default)]
    pub crud_app: bool,
}

impl TeamShapeInput {
    fn facts(&self) -> BTreeMap<&'static str, String> {
        let mut facts = BTreeMap::new();
        if let Some(stage) = self.stage {
            facts.insert("stage", stage.as_str().to_string());
        }
        for (key, value) in [
            ("several_clients", self.several_clients),
            ("significant_load", self.significant_load),
            ("complex_logic", self.complex_logic),
            ("high_security", self.high_security),
            ("deep_performance", self.deep_performance),
            ("crud_app", self.crud_app),
        ] {
            facts.insert(key, value.to_string());
        }
        facts
    }
}

/// A reason counted for or against an option.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Reason {
    pub text: String,
    /// Positive counts for the option, negative against.
    pub weight: i32,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Recommendation {
    pub option: String,
    pub label: String,
    pub score: i32,
    pub reasons: Vec<Reason>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Advice {
    pub dataset_version: String,
    /// Best first.
    pub ranked: Vec<Recommendation>,
}

/// Which rule set, with its options and the condition keys its rules may use.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Advisor {
    Channel,
    Engagement,
    TeamShape,
}

const TEAM_SHAPES: &[(&str, &str)] = &[
    ("dedicated_backend", "Dedicated backend engineer"),
    ("full_stack", "Full-stack engineer"),
];

impl Advisor {
    pub(crate) fn options(self) -> Vec<(&'static str, &'static str)> {
        match self {
            Advisor::Channel => Channel::ALL
                .iter()
                .map(|c| (c.as_str(), c.label()))
                .collect(),
            Advisor::Engagement => Engagement::ALL
                .iter()
                .map(|e| (e.as_str(), e.label()))
                .collect(),
            Advisor::TeamShape => TEAM_SHAPES.to_vec(),
        }
    }

    /// The condition keys and, for named values, the values allowed.
    pub(crate) fn conditions(self) -> Vec<(&'static str, Vec<&'static str>)> {
        let flag = || vec!["true", "false"];
        match self {
            Advisor::Channel | Advisor::Engagement => vec![
                ("stage", CompanyStage::NAMES.to_vec()),
                ("urgency", Urgency::NAMES.to_vec()),
                ("duration", vec!["short", "medium", "long"]),
                ("level", Level::NAMES.to_vec()),
                ("several_hires", flag()),
                ("many_hires", flag()),
                ("recruiting_capacity", flag()),
                ("backend_leadership", flag()),
                ("core_work", flag()),
                ("compliance", flag()),
            ],
            Advisor::TeamShape => vec![
                ("stage", CompanyStage::NAMES.to_vec()),
                ("several_clients", flag()),
                ("significant_load", flag()),
                ("complex_logic", flag()),
                ("high_security", flag()),
                ("deep_performance", flag()),
                ("crud_app", flag()),
            ],
        }
    }

    /// Checks one rule; the message says what is wrong.
    pub(crate) fn check(self, rule: &AdviceRule) -> Result<(), String> {
        let options = self.options();
        if !options.iter().any(|(o, _)| *o == rule.option) {
            let known: Vec<_> = options.iter().map(|(o, _)| *o).collect();
            return Err(format!(
                "unknown option '{}'; expected one of: {}",
                rule.option,
                known.join(", ")
            ));
        }
        let conditions = self.conditions();
        for (key, value) in &rule.when {
            let Some((_, allowed)) = conditions.iter().find(|(k, _)| k == key) else {
                let known: Vec<_> = conditions.iter().map(|(k, _)| *k).collect();
                return Err(format!(
                    "unknown condition '{key}'; expected one of: {}",
                    known.join(", ")
                ));
            };
            let text = value.as_text();
            if !allowed.contains(&text.as_str()) {
                return Err(format!(
                    "condition {key} = '{text}'; expected one of: {}",
                    allowed.join(", ")
                ));
            }
        }
        Ok(())
    }
}

fn evaluate(
    data: &Dataset,
    advisor: Advisor,
    rules: &[AdviceRule],
    facts: &BTreeMap<&'static str, String>,
) -> Advice {
    let mut ranked: Vec<Recommendation> = advisor
        .options()
        .into_iter()
        .map(|(option, label)| Recommendation {
            option: option.into(),
            label: label.into(),
            score: 0,
            reasons: Vec::new(),
        })
        .collect();
    for rule in rules {
        let holds = rule
            .when
            .iter()
            .all(|(k, v)| facts.get(k.as_str()).is_some_and(|f| *f == v.as_text()));
        if !holds {
            continue;
        }
        if let Some(rec) = ranked.iter_mut().find(|r| r.option == rule.option) {
            rec.score += rule.weight;
            rec.reasons.push(Reason {
                text: rule.reason.clone(),
                weight: rule.weight,
                source: data.cite(&rule.source),
            });
        }
    }
    // Stable sort keeps the natural order among equal scores.
    ranked.sort_by_key(|r| std::cmp::Reverse(r.score));
    Advice {
        dataset_version: data.info.version.clone(),
        ranked,
    }
}

pub fn advise_channel(data: &Dataset, input: &AdviceInput) -> Result<Advice, MarketError> {
    Ok(evaluate(
        data,
        Advisor::Channel,
        &data.figures.channel_rule,
        &input.facts()?,
    ))
}

pub fn advise_engagement(data: &Dataset, input: &AdviceInput) -> Result<Advice, MarketError> {
    Ok(evaluate(
        data,
        Advisor::Engagement,
        &data.figures.engagement_rule,
        &input.facts()?,
    ))
}

pub fn advise_team_shape(data: &Dataset, input: &TeamShapeInput) -> Advice {
    evaluate(
        data,
        Advisor::TeamShape,
        &data.figures.team_shape_rule,
        &input.facts(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data() -> Dataset {
        Dataset::shipped().unwrap()
    }

    #[test]
    fn an_urgent_startup_without_recruiters_is_pointed_at_a_curated_network() {
        let input = AdviceInput {
            stage: CompanyStage::Startup,
            urgency: Urgency::High,
            level: Some(Level::Senior),
            core_work: true,
            backend_leadership: true,
            ..Default::default()
        };
        let advice = advise_channel(&data(), &input).unwrap();
        assert_eq!(advice.ranked[0].option, "curated_network");
        assert!(advice.ranked[0]
            .reasons
            .iter()
            .all(|r| !r.source.is_empty()));
        let in_house = advice
            .ranked
            .iter()
            .find(|r| r.option == "in_house")
            .unwrap();
        assert!(
            in_house.score < 0,
            "no recruiting capacity and urgent: {in_house:?}"
        );
    }

    #[test]
    fn a_team_that_hires_repeatedly_with_recruiters_is_pointed_in_house() {
        let input = AdviceInput {
            hires: 3,
            recruiting_capacity: true,
            backend_leadership: true,
            urgency: Urgency::Low,
            core_work: true,
            ..Default::default()
        };
        assert_eq!(
            advise_channel(&data(), &input).unwrap().ranked[0].option,
            "in_house"
        );
    }

    #[test]
    fn core_long_lived_work_wants_an_employee_and_a_short_migration_a_contractor() {
        let core = AdviceInput {
            core_work: true,
            compliance: true,
            ..Default::default()
        };
        assert_eq!(
            advise_engagement(&data(), &core).unwrap().ranked[0].option,
            "full_time"
        );
        let migration = AdviceInput {
            duration_months: Some(6),
            urgency: Urgency::High,
            ..Default::default()
        };
        let advice = advise_engagement(&data(), &migration).unwrap();
        assert_eq!(advice.ranked[0].option, "contractor");
        let quick = AdviceInput {
            duration_months: Some(2),
            ..Default::default()
        };
        assert_eq!(
            advise_engagement(&data(), &quick).unwrap().ranked[0].option,
            "freelance"
        );
    }

    #[test]
    fn team_shape_follows_load_security_and_crud() {
        let fintech = TeamShapeInput {
            high_security: true,
            several_clients: true,
            ..Default::default()
        };
        assert_eq!(
            advise_team_shape(&data(), &fintech).ranked[0].option,
            "dedicated_backend"
        );
        let mvp = TeamShapeInput {
            stage: Some(CompanyStage::Startup),
            crud_app: true,
            ..Default::default()
        };
        assert_eq!(
            advise_team_shape(&data(), &mvp).ranked[0].option,
            "full_stack"
        );
    }

    #[test]
    fn bad_inputs_and_bad_rules_are_named() {
        let err = advise_channel(
            &data(),
            &AdviceInput {
                hires: 0,
                ..Default::default()
            },
        )
        .unwrap_err();
        assert_eq!(err.field(), Some("hires"));
        let rule = |option: &str, key: &str, value: &str| AdviceRule {
            option: option.into(),
            when: BTreeMap::from([(key.to_string(), Condition::Value(value.into()))]),
            weight: 1,
            reason: "r".into(),
            source: "kore1-2026".into(),
        };
        assert!(Advisor::Channel
            .check(&rule("carrier_pigeon", "urgency", "high"))
            .unwrap_err()
            .contains("in_house"));
        assert!(Advisor::Channel
            .check(&rule("agency", "mood", "high"))
            .unwrap_err()
            .contains("unknown condition 'mood'"));
        assert!(Advisor::Channel
            .check(&rule("agency", "urgency", "asap"))
            .unwrap_err()
            .contains("low, normal, high"));
        let parsed: AdviceInput = serde_json::from_str(r#"{"urgency": "high"}"#).unwrap();
        assert_eq!(
            (parsed.urgency, parsed.hires, parsed.stage),
            (Urgency::High, 1, CompanyStage::Growth)
        );
    }
}
