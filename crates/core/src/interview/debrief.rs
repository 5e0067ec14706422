//! The debrief: every submitted feedback side by side per competency, disagreements flagged
//! (a spread of two rubric levels or more), and which must-haves the loop produced evidence for.

use super::competency::Competency;
use super::feedback::{Feedback, Rating, Recommendation};
use crate::scorecard::lint::normalise;
use crate::scorecard::Scorecard;
use serde::Serialize;

/// A spread of this many rubric levels between interviewers is worth discussing.
pub const DISAGREEMENT_SPREAD: u8 = 2;

/// One interviewer's rating in a debrief row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SideBySide<A> {
    pub interviewer: A,
    pub rating: Rating,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DebriefRow<A> {
    pub competency: Competency,
    pub ratings: Vec<SideBySide<A>>,
    /// Highest minus lowest rubric level; "no evidence" does not count.
    pub spread: u8,
    pub disagreement: bool,
}

/// Whether the loop produced evidence on a must-have skill.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MustHaveCoverage {
    pub skill: String,
    /// Some stage of the role's loop lists the skill or the competency it belongs to.
    pub assessed: bool,
    /// Some interviewer gave the competency it belongs to a rubric level.
    pub evidence: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Debrief<A> {
    pub rows: Vec<DebriefRow<A>>,
    pub recommendations: Vec<(A, Recommendation)>,
    /// Some interviewers said yes and some said no.
    pub split_recommendation: bool,
    pub must_haves: Vec<MustHaveCoverage>,
}

/// Builds the debrief from submitted feedback, each paired with its interviewer (an id or a name).
pub fn debrief<A: Clone>(card: &Scorecard, feedback: &[(A, Feedback)]) -> Debrief<A> {
    let rows: Vec<DebriefRow<A>> = Competency::ALL
        .iter()
        .filter_map(|&competency| {
            let ratings: Vec<SideBySide<A>> = feedback
                .iter()
                .filter_map(|(who, f)| {
                    f.ratings.get(&competency).map(|r| SideBySide {
                        interviewer: who.clone(),
                        rating: r.rating,
                    })
                })
                .collect();
            if ratings.is_empty() {
                return None;
            }
            let levels: Vec<u8> = ratings
                .iter()
                .filter_map(|r| r.rating.level().map(|l| l.get()))
                .collect();
            let spread = match (levels.iter().max(), levels.iter().min()) {
                (Some(max), Some(min)) => max - min,
                _ => 0,
            };
            Some(DebriefRow {
                competency,
                ratings,
                spread,
                disagreement: spread >= DISAGREEMENT_SPREAD,
            })
        })
        .collect();
    let recommendations: Vec<(A, Recommendation)> = feedback
        .iter()
        .map(|(who, f)| (who.clone(), f.recommendation))
        .collect();
    let split_recommendation = recommendations.iter().any(|(_, r)| r.is_positive())
        && recommendations.iter().any(|(_, r)| !r.is_positive());
    let listed: Vec<&String> = card
        .interview_loop
        .iter()
        .flat_map(|s| s.competencies.iter())
        .collect();
    let must_haves = card
        .must_have
        .iter()
        .map(|m| {
            let skill = m.skill.as_str();
            let competency = Competency::from_loop_name(skill);
            let assessed = listed.iter().any(|c| {
                normalise(c) == normalise(skill)
                    || (competency.is_some() && Competency::from_loop_name(c) == competency)
            });
            let evidence = competency.is_some_and(|c| {
                rows.iter()
                    .filter(|r| r.competency == c)
                    .flat_map(|r| r.ratings.iter())
                    .any(|r| r.rating.level().is_some())
            });
            MustHaveCoverage {
                skill: skill.to_string(),
                assessed,
                evidence,
            }
        })
        .collect();
    Debrief {
        rows,
        recommendations,
        split_recommendation,
        must_haves,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interview::feedback::{CompetencyRating, Feedback};
    use crate::interview::RubricLevel;
    use crate::scorecard::{LoopStage, LoopStageKind, MustHave, ScorecardLevel, SkillName};
    use crate::text::Title;
    use std::collections::BTreeMap;

    fn feedback(rec: Recommendation, ratings: &[(Competency, Option<u8>)]) -> Feedback {
        let ratings: BTreeMap<_, _> = ratings
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
            .collect();
        Feedback {
            ratings,
            summary: None,
            recommendation: rec,
        }
    }

    fn card() -> Scorecard {
        let mut c = Scorecard::new(
            Title::parse("Backend Engineer").unwrap(),
            ScorecardLevel::Mid,
        );
        c.must_have = ["PostgreSQL", "REST API design", "Kafka"]
            .iter()
            .map(|s| MustHave {
                skill: SkillName::parse(s).unwrap(),
                min_years: None,
            })
            .collect();
        c.interview_loop = vec![LoopStage {
            kind: LoopStageKind::WorkSample,
            competencies: vec![
                "data_modelling".into(),
                "api_design".into(),
                "testing".into(),
            ],
        }];
        c
    }

    #[test]
    fn rows_put_ratings_side_by_side_and_flag_a_two_level_spread() {
        let fb = vec![
            (
                "ana",
                feedback(
                    Recommendation::Yes,
                    &[
                        (Competency::Testing, Some(4)),
                        (Competency::ApiDesign, Some(3)),
                    ],
                ),
            ),
            (
                "bo",
                feedback(
                    Recommendation::No,
                    &[
                        (Competency::Testing, Some(2)),
                        (Competency::ApiDesign, Some(2)),
                    ],
                ),
            ),
            (
                "cy",
                feedback(Recommendation::Yes, &[(Competency::Testing, None)]),
            ),
        ];
        let d = debrief(&card(), &fb);
        let testing = d
            .rows
            .iter()
            .find(|r| r.competency == Competency::Testing)
            .unwrap();
        assert_eq!(testing.ratings.len(), 3);
        assert_eq!(testing.ratings[2].interviewer, "cy");
        assert_eq!(testing.spread, 2);
        assert!(testing.disagreement);
        let api = d
            .rows
            .iter()
            .find(|r| r.competency == Competency::ApiDesign)
            .unwrap();
        assert!(!api.disagreement);
        assert!(!d.rows.iter().any(|r| r.competency == Competency::Security));
        assert!(d.split_recommendation);
    }

    #[test]
    fn must_have_coverage_separates_assessed_from_evidenced() {
        let fb = vec![(
            "ana",
            feedback(
                Recommendation::StrongYes,
                &[
                    (Competency::ApiDesign, Some(3)),
                    (Competency::DataModelling, None),
                ],
            ),
        )];
        let d = debrief(&card(), &fb);
        let by_skill = |s: &str| d.must_haves.iter().find(|m| m.skill == s).unwrap().clone();
        let pg = by_skill("PostgreSQL");
        assert!(pg.assessed && !pg.evidence, "no_evidence is not evidence");
        let api = by_skill("REST API design");
        assert!(api.assessed && api.evidence);
        let kafka = by_skill("Kafka");
        assert!(!kafka.assessed && !kafka.evidence);
        assert!(!d.split_recommendation);
    }
}
