//! A role's own matching weights (`[matching.weights]` in the role file, docs/role-as-code.md):
//! how much each part of the match score counts for this role. Whole numbers 0-100, relative:
//! only their proportions count, as the engine normalises them to sum 1.

use serde::{Deserialize, Serialize};

/// How the role's matches are ranked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Matching {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weights: Option<MatchingWeights>,
}

/// The weight of each score component, whole numbers 0-100. An omitted one keeps its default
/// (`WeightPoints::DEFAULT`); `text` counts only when a search text is given.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MatchingWeights {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(maximum = 100))]
    pub skills: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(maximum = 100))]
    pub level: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(maximum = 100))]
    pub budget: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(maximum = 100))]
    pub timezone: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(maximum = 100))]
    pub availability: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(maximum = 100))]
    pub vetting: Option<u8>,
    /// Only used when the ranking has a search text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(maximum = 100))]
    pub text: Option<u8>,
}

/// The components a role may weigh, in the order files, notes and pages list them.
pub const WEIGHT_NAMES: [&str; 7] = [
    "skills",
    "level",
    "budget",
    "timezone",
    "availability",
    "vetting",
    "text",
];

/// The largest weight a role file accepts.
pub const MAX_WEIGHT: u8 = 100;

impl MatchingWeights {
    /// Each component's weight as the file sets it, in `WEIGHT_NAMES` order.
    pub fn entries(&self) -> [(&'static str, Option<u8>); 7] {
        [
            ("skills", self.skills),
            ("level", self.level),
            ("budget", self.budget),
            ("timezone", self.timezone),
            ("availability", self.availability),
            ("vetting", self.vetting),
            ("text", self.text),
        ]
    }

    /// A mutable slot by name, for the parser; `None` for a name that is not a component.
    pub fn slot(&mut self, name: &str) -> Option<&mut Option<u8>> {
        match name {
            "skills" => Some(&mut self.skills),
            "level" => Some(&mut self.level),
            "budget" => Some(&mut self.budget),
            "timezone" => Some(&mut self.timezone),
            "availability" => Some(&mut self.availability),
            "vetting" => Some(&mut self.vetting),
            "text" => Some(&mut self.text),
            _ => None,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.entries().iter().all(|(_, v)| v.is_none())
    }

    /// Every weight, the omitted ones at their default.
    pub fn points(&self) -> WeightPoints {
        let d = WeightPoints::DEFAULT;
        WeightPoints {
            skills: self.skills.unwrap_or(d.skills),
            level: self.level.unwrap_or(d.level),
            budget: self.budget.unwrap_or(d.budget),
            timezone: self.timezone.unwrap_or(d.timezone),
            availability: self.availability.unwrap_or(d.availability),
            vetting: self.vetting.unwrap_or(d.vetting),
            text: self.text.unwrap_or(d.text),
        }
    }
}

/// Every component's weight, on the role file's 0-100 scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct WeightPoints {
    pub skills: u8,
    pub level: u8,
    pub budget: u8,
    pub timezone: u8,
    pub availability: u8,
    pub vetting: u8,
    pub text: u8,
}

impl WeightPoints {
    /// The engine's default weights on this scale (`hireloop_match::Weights::default()` and
    /// `DEFAULT_TEXT_WEIGHT`, times 100; a test in the match crate keeps the two equal).
    pub const DEFAULT: Self = Self {
        skills: 45,
        level: 15,
        budget: 10,
        timezone: 10,
        availability: 10,
        vetting: 10,
        text: 25,
    };

    /// Each component and its weight, in `WEIGHT_NAMES` order.
    pub fn entries(&self) -> [(&'static str, u8); 7] {
        [
            ("skills", self.skills),
            ("level", self.level),
            ("budget", self.budget),
            ("timezone", self.timezone),
            ("availability", self.availability),
            ("vetting", self.vetting),
            ("text", self.text),
        ]
    }

    /// The sum of the six components that always count (text only counts with a search text).
    pub fn base_sum(&self) -> u32 {
        self.entries()[..6].iter().map(|(_, v)| u32::from(*v)).sum()
    }

    /// Each component's share of the score in percent, as the engine normalises them: the six
    /// always, text too when `with_text`. All zero when every weight is 0.
    pub fn shares(&self, with_text: bool) -> Vec<(&'static str, f64)> {
        let counted = if with_text { 7 } else { 6 };
        let parts = &self.entries()[..counted];
        let sum: u32 = parts.iter().map(|(_, v)| u32::from(*v)).sum();
        parts
            .iter()
            .map(|(name, v)| {
                let share = if sum == 0 {
                    0.0
                } else {
                    f64::from(*v) * 100.0 / f64::from(sum)
                };
                (*name, share)
            })
            .collect()
    }
}

/// "skills 50%, level 10%, …": shares rounded to whole percents for people to read.
pub fn describe_shares(shares: &[(&str, f64)]) -> String {
    shares
        .iter()
        .map(|(name, share)| format!("{name} {share:.0}%"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn omitted_weights_keep_their_default_and_shares_sum_to_100() {
        let w = MatchingWeights {
            skills: Some(60),
            budget: Some(0),
            ..Default::default()
        };
        let p = w.points();
        assert_eq!((p.skills, p.level, p.budget, p.text), (60, 15, 0, 25));
        let shares = p.shares(false);
        assert_eq!(shares.len(), 6);
        let total: f64 = shares.iter().map(|(_, s)| s).sum();
        assert!((total - 100.0).abs() < 1e-9, "{total}");
        // 60 of 60 + 15 + 0 + 10 + 10 + 10 = 105.
        assert!((shares[0].1 - 60.0 * 100.0 / 105.0).abs() < 1e-9);
        let with_text = p.shares(true);
        assert_eq!(with_text[6].0, "text");
        assert!((with_text[6].1 - 25.0 * 100.0 / 130.0).abs() < 1e-9);
    }

    #[test]
    fn the_defaults_read_as_percentages() {
        let shares = WeightPoints::DEFAULT.shares(false);
        assert_eq!(
            describe_shares(&shares),
            "skills 45%, level 15%, budget 10%, timezone 10%, availability 10%, vetting 10%"
        );
        let zero = MatchingWeights {
            skills: Some(0),
            level: Some(0),
            budget: Some(0),
            timezone: Some(0),
            availability: Some(0),
            vetting: Some(0),
            text: None,
        };
        assert_eq!(zero.points().base_sum(), 0);
        assert!(zero.points().shares(false).iter().all(|(_, s)| *s == 0.0));
    }
}
