//! The role's own score weights (`[matching.weights]` in its scorecard) as the engine's weights:
//! the file's 0-100 scale divided by 100, so omitted components keep exactly the engine defaults
//! and the text weight compares with the others as `DEFAULT_TEXT_WEIGHT` does.

use crate::query::{Query, Weights, DEFAULT_TEXT_WEIGHT};
use hireloop_core::scorecard::weights::{describe_shares, WeightPoints};
use hireloop_core::scorecard::Scorecard;
use serde::Serialize;

fn engine(points: &WeightPoints) -> Weights {
    let w = |v: u8| f32::from(v) / 100.0;
    Weights {
        skills: w(points.skills),
        level: w(points.level),
        budget: w(points.budget),
        timezone: w(points.timezone),
        availability: w(points.availability),
        vetting: w(points.vetting),
    }
}

/// Sets the query's weights from the role's scorecard, noting the shares when the role sets its
/// own. Weights that are all 0 (a lint error, HL027) would rank nothing: the defaults are used
/// and the note says so, rather than failing the page.
pub(crate) fn apply(card: &Scorecard, query: &mut Query, notes: &mut Vec<String>) {
    let Some(weights) = card.matching_weights() else {
        return;
    };
    let points = weights.points();
    if points.base_sum() == 0 {
        notes.push(
            "The role's weights are all 0 (matching.weights), which would rank nothing: the default \
             weights are used until the scorecard is fixed"
                .into(),
        );
        return;
    }
    query.weights = engine(&points);
    let text = points.shares(true).last().map_or(0.0, |(_, share)| *share);
    notes.push(format!(
        "Weights set by the role: {}; a search text adds text at {text:.0}% and the others shrink in proportion",
        describe_shares(&points.shares(false)),
    ));
}

/// The weight of the text component for the role: its own when `[matching.weights]` sets `text`,
/// else `DEFAULT_TEXT_WEIGHT`. Set it on the `TextMatch` attached to the role's query.
pub fn role_text_weight(card: &Scorecard) -> f32 {
    card.matching_weights()
        .and_then(|w| w.text)
        .map_or(DEFAULT_TEXT_WEIGHT, |t| f32::from(t) / 100.0)
}

/// Each component's share of a query's score in percent, as the engine normalises the weights
/// (text only when the query has text). All 0 when every weight is 0 (the engine refuses those).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct WeightShares {
    pub skills: f32,
    pub level: f32,
    pub budget: f32,
    pub timezone: f32,
    pub availability: f32,
    pub vetting: f32,
    pub text: Option<f32>,
}

impl WeightShares {
    /// The engine's own normalisation (`plan::check_weights`), so the page shows what the score uses.
    pub fn of(query: &Query) -> Self {
        let text = query.text.as_ref().map(|t| t.weight);
        let Ok((w, t)) = crate::plan::check_weights(&query.weights, text) else {
            return Self {
                skills: 0.0,
                level: 0.0,
                budget: 0.0,
                timezone: 0.0,
                availability: 0.0,
                vetting: 0.0,
                text: text.map(|_| 0.0),
            };
        };
        Self {
            skills: w.skills * 100.0,
            level: w.level * 100.0,
            budget: w.budget * 100.0,
            timezone: w.timezone * 100.0,
            availability: w.availability * 100.0,
            vetting: w.vetting * 100.0,
            text: text.map(|_| t * 100.0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::adapt::{scorecard_query_in, QueryOptions};
    use crate::index::Index;
    use crate::profile::{Country, Profile, ProfileSkill, Rate, Vetting};
    use crate::query::TextMatch;
    use crate::taxonomy::Taxonomy;
    use chrono::NaiveDate;
    use hireloop_core::candidate::Region;
    use hireloop_core::ids::CandidateId;
    use hireloop_core::level::Level;
    use hireloop_core::market::advice::Engagement;
    use hireloop_core::market::currency::UsdRates;
    use hireloop_core::scorecard::from_toml;
    use std::sync::Arc;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, 1).unwrap()
    }

    /// A mid Go role with a budget and a nice-to-have, and the given weights section.
    fn role(weights: &str) -> Scorecard {
        from_toml(&format!(
            "title = \"Backend Engineer\"\nlevel = \"mid\"\nprimary_language = \"Go\"\n\
             [[must_have]]\nskill = \"Go\"\n[[nice_to_have]]\nskill = \"Kafka\"\nweight = 5\n\
             [[nice_to_have]]\nskill = \"Kubernetes\"\nweight = 5\n\
             [budget]\ncurrency = \"USD\"\nperiod = \"hour\"\nmin = 50\nmax = 90\n{weights}"
        ))
        .unwrap()
    }

    fn profile(tax: &Taxonomy, n: u128, skills: &[(&str, f32)], rate: Option<u32>) -> Profile {
        Profile {
            id: CandidateId(uuid::Uuid::from_u128(n)),
            display_name: format!("c{n}"),
            skills: skills
                .iter()
                .map(|(s, y)| ProfileSkill {
                    skill: tax.resolve(s).unwrap(),
                    years: Some(*y),
                })
                .collect(),
            level: Level::Mid,
            region: Region::EasternEurope,
            country: Country::default(),
            work_authorization: Vec::new(),
            utc_offset_minutes: 60,
            rate: rate.map(Rate::hourly),
            engagements: Engagement::ALL.to_vec(),
            work_modes: Vec::new(),
            open_to_relocation: false,
            available_from: today(),
            vetting: Vetting::Vetted,
        }
    }

    fn order(index: &Index, card: &Scorecard) -> Vec<u128> {
        let q = scorecard_query_in(
            index.taxonomy(),
            card,
            today(),
            QueryOptions::default(),
            &UsdRates::shipped(),
        );
        index
            .search(&q.query, 0, 10)
            .unwrap()
            .matches
            .iter()
            .map(|m| m.candidate_id.as_uuid().as_u128())
            .collect()
    }

    #[test]
    fn skills_first_and_budget_first_roles_rank_two_candidates_in_opposite_order() {
        let tax = Arc::new(Taxonomy::shipped().unwrap());
        // 1 has every skill the role wants but states no rate (the budget scores it half);
        // 2 has only Go, at a rate well inside the budget.
        let pool = vec![
            profile(
                &tax,
                1,
                &[("go", 6.0), ("kafka", 4.0), ("kubernetes", 4.0)],
                None,
            ),
            profile(&tax, 2, &[("go", 3.0)], Some(60)),
        ];
        let (index, report) = Index::build(tax.clone(), &pool);
        assert!(report.rejected.is_empty());
        let skills_first =
            role("[matching.weights]\nskills = 80\nlevel = 5\nbudget = 5\ntimezone = 5\navailability = 0\nvetting = 5\n");
        let budget_first =
            role("[matching.weights]\nskills = 10\nlevel = 5\nbudget = 80\ntimezone = 5\navailability = 0\nvetting = 0\n");
        assert_eq!(order(&index, &skills_first), [1, 2]);
        assert_eq!(order(&index, &budget_first), [2, 1]);

        let q = scorecard_query_in(
            &tax,
            &budget_first,
            today(),
            QueryOptions::default(),
            &UsdRates::shipped(),
        );
        assert_eq!(q.query.weights.budget, 0.8);
        assert!(
            q.notes.iter().any(|n| n.starts_with(
                "Weights set by the role: skills 10%, level 5%, budget 80%, timezone 5%, availability 0%, vetting 0%"
            )),
            "{:?}",
            q.notes
        );
    }

    #[test]
    fn omitted_weights_are_the_engine_defaults_and_no_section_means_no_note() {
        // The core's default points are the engine's defaults on the 0-100 scale.
        assert_eq!(engine(&WeightPoints::DEFAULT), Weights::default());
        assert_eq!(
            f32::from(WeightPoints::DEFAULT.text) / 100.0,
            DEFAULT_TEXT_WEIGHT
        );
        let tax = Taxonomy::shipped().unwrap();
        let plain = role("");
        let q = scorecard_query_in(
            &tax,
            &plain,
            today(),
            QueryOptions::default(),
            &UsdRates::shipped(),
        );
        assert_eq!(q.query.weights, Weights::default());
        assert!(!q
            .notes
            .iter()
            .any(|n| n.contains("Weights set by the role")));
        assert_eq!(role_text_weight(&plain), DEFAULT_TEXT_WEIGHT);

        let only_text = role("[matching.weights]\ntext = 50\n");
        assert_eq!(role_text_weight(&only_text), 0.5);
        let q = scorecard_query_in(
            &tax,
            &only_text,
            today(),
            QueryOptions::default(),
            &UsdRates::shipped(),
        );
        assert_eq!(q.query.weights, Weights::default());
        let mut query = q.query;
        query.text = Some(TextMatch {
            weight: role_text_weight(&only_text),
            ..TextMatch::new("kafka", Vec::new())
        });
        // 50 against the defaults' 100: a third of the score.
        let shares = WeightShares::of(&query);
        assert!(
            (shares.text.unwrap() - 100.0 / 3.0).abs() < 1e-3,
            "{shares:?}"
        );
        assert!((shares.skills - 30.0).abs() < 1e-3, "{shares:?}");
    }

    #[test]
    fn all_zero_weights_fall_back_to_the_defaults_with_a_note() {
        let tax = Taxonomy::shipped().unwrap();
        let zero = role("[matching.weights]\nskills = 0\nlevel = 0\nbudget = 0\ntimezone = 0\navailability = 0\nvetting = 0\n");
        let q = scorecard_query_in(
            &tax,
            &zero,
            today(),
            QueryOptions::default(),
            &UsdRates::shipped(),
        );
        assert_eq!(q.query.weights, Weights::default());
        assert!(
            q.notes.iter().any(|n| n.contains("weights are all 0")),
            "{:?}",
            q.notes
        );
    }

    #[test]
    fn the_engine_refuses_bad_weights_by_field_instead_of_panicking() {
        let tax = Arc::new(Taxonomy::shipped().unwrap());
        let (index, _) = Index::build(tax.clone(), &[profile(&tax, 1, &[("go", 3.0)], None)]);
        let mut q = Query::new(today());
        q.weights.budget = f32::NAN;
        assert_eq!(index.search(&q, 0, 10).unwrap_err().field, "weights.budget");
        let mut q = Query::new(today());
        q.weights.skills = -1.0;
        assert_eq!(index.search(&q, 0, 10).unwrap_err().field, "weights.skills");
        let mut q = Query::new(today());
        q.text = Some(TextMatch {
            weight: f32::INFINITY,
            ..TextMatch::new("go", Vec::new())
        });
        assert_eq!(index.search(&q, 0, 10).unwrap_err().field, "weights.text");
        let mut q = Query::new(today());
        q.weights = Weights {
            skills: 0.0,
            level: 0.0,
            budget: 0.0,
            timezone: 0.0,
            availability: 0.0,
            vetting: 0.0,
        };
        assert_eq!(index.search(&q, 0, 10).unwrap_err().field, "weights");
    }
}
