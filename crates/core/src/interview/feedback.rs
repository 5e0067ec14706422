//! An interviewer's feedback on one interview: a rubric rating (or "no evidence") per competency
//! the stage assesses, evidence notes, and an overall recommendation. Parsed from raw input once;
//! every error names the field, and a rating outside the rubric names the competency.

use super::competency::{Competency, RubricLevel};
use crate::error::ValidationErrors;
use crate::vocab::vocabulary;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

vocabulary!(
    /// The interviewer's overall call. No neutral option: it forces a decision (FACTS.md §6).
    Recommendation, "recommendation" {
        StrongNo => "strong_no", "Strong no";
        No => "no", "No";
        Yes => "yes", "Yes";
        StrongYes => "strong_yes", "Strong yes";
    }
);

impl Recommendation {
    pub fn is_positive(self) -> bool {
        matches!(self, Recommendation::Yes | Recommendation::StrongYes)
    }
}

/// A rating on one competency: a rubric level, or an honest "the interview gave no evidence".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    Level(RubricLevel),
    NoEvidence,
}

impl Rating {
    pub fn level(self) -> Option<RubricLevel> {
        match self {
            Rating::Level(level) => Some(level),
            Rating::NoEvidence => None,
        }
    }
}

/// A rating as it arrives: a number, or the text "no_evidence".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(untagged)]
pub enum RatingInput {
    Level(i64),
    Text(String),
}

impl RatingInput {
    fn parse(&self) -> Result<Rating, String> {
        match self {
            RatingInput::Level(n) => u8::try_from(*n)
                .map_err(|_| format!("{n} is outside the rubric; use 1 to 4 or \"no_evidence\""))
                .and_then(RubricLevel::new)
                .map(Rating::Level),
            RatingInput::Text(t) => {
                let t = t.trim().to_ascii_lowercase().replace([' ', '-'], "_");
                if t == "no_evidence" {
                    Ok(Rating::NoEvidence)
                } else if let Ok(n) = t.parse::<i64>() {
                    RatingInput::Level(n).parse()
                } else {
                    Err(format!(
                        "'{t}' is not a rating; use 1 to 4 or \"no_evidence\""
                    ))
                }
            }
        }
    }
}

/// The longest evidence note or summary, in characters.
pub const MAX_NOTE_CHARS: usize = 5000;

fn parse_note(raw: Option<&str>) -> Result<Option<String>, String> {
    let Some(text) = raw.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    let len = text.chars().count();
    if len > MAX_NOTE_CHARS {
        return Err(format!(
            "must be at most {MAX_NOTE_CHARS} characters (got {len})"
        ));
    }
    Ok(Some(text.to_string()))
}

/// One competency's rating with the evidence behind it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CompetencyRating {
    pub rating: Rating,
    /// What the candidate said or did; required for a rubric level, so ratings rest on evidence.
    pub evidence: Option<String>,
}

/// Submitted (or draft) feedback, valid by construction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Feedback {
    pub ratings: BTreeMap<Competency, CompetencyRating>,
    pub summary: Option<String>,
    pub recommendation: Recommendation,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RatingEntryInput {
    pub competency: String,
    pub rating: RatingInput,
    #[serde(default)]
    pub evidence: Option<String>,
}

/// Feedback as it arrives from the scorecard form or the API.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct FeedbackInput {
    #[serde(default)]
    pub ratings: Vec<RatingEntryInput>,
    #[serde(default)]
    pub summary: Option<String>,
    /// strong_no, no, yes or strong_yes.
    pub recommendation: String,
}

impl FeedbackInput {
    /// Checks the input against the competencies the interview's stage assesses: each needs exactly
    /// one rating, and nothing else may be rated. Errors are keyed `ratings.<competency>`.
    pub fn parse(&self, assessed: &[Competency]) -> Result<Feedback, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let mut ratings = BTreeMap::new();
        for (i, entry) in self.ratings.iter().enumerate() {
            let Some(competency) = errors.check(
                &format!("ratings[{i}].competency"),
                entry.competency.parse(),
            ) else {
                continue;
            };
            let field = format!("ratings.{competency}");
            if !assessed.contains(&competency) {
                errors.add(
                    &field,
                    format!("{} is not assessed in this interview", competency.label()),
                );
                continue;
            }
            if ratings.contains_key(&competency) {
                errors.add(&field, "rated twice");
                continue;
            }
            let rating = errors.check(
                &field,
                entry
                    .rating
                    .parse()
                    .map_err(|e| format!("{}: {e}", competency.label())),
            );
            let evidence = errors.check(
                &format!("{field}.evidence"),
                parse_note(entry.evidence.as_deref()),
            );
            if let (Some(rating), Some(evidence)) = (rating, evidence) {
                if rating.level().is_some() && evidence.is_none() {
                    errors.add(
                        format!("{field}.evidence"),
                        "a rubric level needs the evidence behind it; rate \"no_evidence\" otherwise",
                    );
                    continue;
                }
                ratings.insert(competency, CompetencyRating { rating, evidence });
            }
        }
        for competency in assessed {
            let rated_or_failed = ratings.contains_key(competency)
                || self
                    .ratings
                    .iter()
                    .any(|r| r.competency.parse() == Ok(*competency));
            if !rated_or_failed {
                errors.add(
                    format!("ratings.{competency}"),
                    format!(
                        "{} needs a rating (1 to 4) or \"no_evidence\"",
                        competency.label()
                    ),
                );
            }
        }
        let summary = errors.check("summary", parse_note(self.summary.as_deref()));
        let recommendation = errors.check("recommendation", self.recommendation.parse());
        match (summary, recommendation) {
            (Some(summary), Some(recommendation)) if errors.is_empty() => Ok(Feedback {
                ratings,
                summary,
                recommendation,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ASSESSED: &[Competency] = &[Competency::Security, Competency::Testing];

    fn entry(competency: &str, rating: RatingInput, evidence: Option<&str>) -> RatingEntryInput {
        RatingEntryInput {
            competency: competency.into(),
            rating,
            evidence: evidence.map(str::to_string),
        }
    }

    fn input(ratings: Vec<RatingEntryInput>) -> FeedbackInput {
        FeedbackInput {
            ratings,
            summary: Some("Solid on validation.".into()),
            recommendation: "yes".into(),
        }
    }

    #[test]
    fn parses_levels_and_no_evidence() {
        let fb = input(vec![
            entry(
                "security",
                RatingInput::Level(3),
                Some("parameterised every query"),
            ),
            entry("Testing", RatingInput::Text("no evidence".into()), None),
        ])
        .parse(ASSESSED)
        .unwrap();
        assert_eq!(fb.recommendation, Recommendation::Yes);
        assert_eq!(
            fb.ratings[&Competency::Security]
                .rating
                .level()
                .map(RubricLevel::get),
            Some(3)
        );
        assert_eq!(fb.ratings[&Competency::Testing].rating, Rating::NoEvidence);
    }

    #[test]
    fn a_rating_outside_the_rubric_names_the_competency() {
        let err = input(vec![
            entry("security", RatingInput::Level(5), Some("x")),
            entry("testing", RatingInput::Level(0), Some("y")),
        ])
        .parse(ASSESSED)
        .unwrap_err();
        let security = err.message_for("ratings.security").unwrap();
        assert!(
            security.contains("Security") && security.contains("outside the rubric"),
            "{security}"
        );
        assert!(err.message_for("ratings.testing").is_some());
    }

    #[test]
    fn every_assessed_competency_needs_exactly_one_rating_with_evidence() {
        let err = input(vec![
            entry("security", RatingInput::Level(2), None),
            entry("api_design", RatingInput::Level(2), Some("x")),
            entry("charm", RatingInput::Level(2), Some("x")),
        ])
        .parse(ASSESSED)
        .unwrap_err();
        assert!(
            err.message_for("ratings.security.evidence").is_some(),
            "{err}"
        );
        assert!(err
            .message_for("ratings.api_design")
            .unwrap()
            .contains("not assessed"));
        assert!(err
            .message_for("ratings[2].competency")
            .unwrap()
            .contains("unknown competency"));
        assert!(err
            .message_for("ratings.testing")
            .unwrap()
            .contains("needs a rating"));
    }

    #[test]
    fn the_recommendation_is_one_of_four() {
        let mut raw = input(vec![
            entry("security", RatingInput::Level(4), Some("x")),
            entry("testing", RatingInput::Level(4), Some("y")),
        ]);
        raw.recommendation = "maybe".into();
        let err = raw.parse(ASSESSED).unwrap_err();
        assert!(err
            .message_for("recommendation")
            .unwrap()
            .contains("strong_no, no, yes, strong_yes"));
        raw.recommendation = "Strong-Yes".into();
        assert_eq!(
            raw.parse(ASSESSED).unwrap().recommendation,
            Recommendation::StrongYes
        );
    }

    #[test]
    fn ratings_arrive_as_json_numbers_or_text() {
        let raw: FeedbackInput = serde_json::from_str(
            r#"{"ratings":[{"competency":"security","rating":"no_evidence"},
                           {"competency":"testing","rating":2,"evidence":"unit only"}],
                "recommendation":"no"}"#,
        )
        .unwrap();
        let fb = raw.parse(ASSESSED).unwrap();
        assert_eq!(fb.ratings.len(), 2);
        assert!(!fb.recommendation.is_positive());
    }
}
