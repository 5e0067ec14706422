//! Quality of hire, linked back to the interviews: what the panel rated a hire at hiring time,
//! summarised per competency, so the 90-day rating (on the same 1-4 scale) can be read beside it and
//! a team can see over time which interview signals predicted good hires.

use super::competency::Competency;
use super::feedback::{Feedback, Recommendation};
use serde::Serialize;
use std::collections::BTreeMap;

/// The panel's ratings on one competency.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CompetencyScore {
    pub competency: Competency,
    /// The mean rubric level over the ratings that found evidence, 1.0-4.0; None when none did.
    pub mean: Option<f32>,
    /// Ratings with a rubric level.
    pub rated: usize,
    /// Ratings of "no evidence".
    pub no_evidence: usize,
}

/// How many scorecards made one recommendation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecommendationCount {
    pub recommendation: Recommendation,
    pub count: usize,
}

/// What the interviews said about a hire, from their submitted feedback.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HiringScores {
    /// Submitted scorecards counted.
    pub scorecards: usize,
    /// Competencies in their shipped order.
    pub competencies: Vec<CompetencyScore>,
    /// How many scorecards recommended what, strong no first.
    pub recommendations: Vec<RecommendationCount>,
    /// The mean over every rubric rating given; None when there is none.
    pub overall_mean: Option<f32>,
}

/// Summarises submitted feedback. Callers pass only what the viewer may read.
pub fn hiring_scores<'a>(submitted: impl IntoIterator<Item = &'a Feedback>) -> HiringScores {
    let mut per: BTreeMap<Competency, (u32, usize, usize)> = BTreeMap::new();
    let mut recommendations: BTreeMap<Recommendation, usize> = BTreeMap::new();
    let mut scorecards = 0;
    for feedback in submitted {
        scorecards += 1;
        *recommendations.entry(feedback.recommendation).or_default() += 1;
        for (competency, rating) in &feedback.ratings {
            let entry = per.entry(*competency).or_default();
            match rating.rating.level() {
                Some(level) => {
                    entry.0 += u32::from(level.get());
                    entry.1 += 1;
                }
                None => entry.2 += 1,
            }
        }
    }
    let mean = |sum: u32, n: usize| (n > 0).then(|| sum as f32 / n as f32);
    let (sum, n) = per
        .values()
        .fold((0, 0), |(s, n), &(sum, rated, _)| (s + sum, n + rated));
    HiringScores {
        scorecards,
        competencies: per
            .into_iter()
            .map(|(competency, (sum, rated, no_evidence))| CompetencyScore {
                competency,
                mean: mean(sum, rated),
                rated,
                no_evidence,
            })
            .collect(),
        recommendations: Recommendation::ALL
            .iter()
            .filter_map(|r| {
                recommendations.get(r).map(|&count| RecommendationCount {
                    recommendation: *r,
                    count,
                })
            })
            .collect(),
        overall_mean: mean(sum, n),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interview::feedback::{CompetencyRating, Rating};
    use crate::interview::RubricLevel;

    fn feedback(ratings: &[(Competency, Option<u8>)], recommendation: Recommendation) -> Feedback {
        Feedback {
            ratings: ratings
                .iter()
                .map(|&(c, level)| {
                    let rating = match level {
                        Some(l) => Rating::Level(RubricLevel::new(l).unwrap()),
                        None => Rating::NoEvidence,
                    };
                    (
                        c,
                        CompetencyRating {
                            rating,
                            evidence: Some("seen".into()),
                        },
                    )
                })
                .collect(),
            summary: None,
            recommendation,
        }
    }

    #[test]
    fn means_count_only_ratings_with_evidence_and_recommendations_are_tallied() {
        let a = feedback(
            &[
                (Competency::SystemDesign, Some(4)),
                (Competency::Security, None),
            ],
            Recommendation::StrongYes,
        );
        let b = feedback(
            &[
                (Competency::SystemDesign, Some(2)),
                (Competency::Security, Some(3)),
            ],
            Recommendation::No,
        );
        let scores = hiring_scores([&a, &b]);
        assert_eq!(scores.scorecards, 2);
        let design = scores
            .competencies
            .iter()
            .find(|c| c.competency == Competency::SystemDesign)
            .unwrap();
        assert_eq!(
            (design.mean, design.rated, design.no_evidence),
            (Some(3.0), 2, 0)
        );
        let security = scores
            .competencies
            .iter()
            .find(|c| c.competency == Competency::Security)
            .unwrap();
        assert_eq!(
            (security.mean, security.rated, security.no_evidence),
            (Some(3.0), 1, 1)
        );
        assert_eq!(
            scores.recommendations,
            vec![
                RecommendationCount {
                    recommendation: Recommendation::No,
                    count: 1
                },
                RecommendationCount {
                    recommendation: Recommendation::StrongYes,
                    count: 1
                }
            ]
        );
        assert_eq!(scores.overall_mean, Some(3.0));
    }

    #[test]
    fn no_feedback_gives_no_means() {
        let scores = hiring_scores(std::iter::empty());
        assert_eq!(scores.scorecards, 0);
        assert!(scores.competencies.is_empty());
        assert_eq!(scores.overall_mean, None);
    }
}
