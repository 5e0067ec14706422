//! Interviews as scheduled: which loop stage, which competencies it assesses, when, how long,
//! where, and who is on the panel. Raw input (the API's JSON, the page's form) is parsed once here;
//! every error names its field. Also reads back the feedback JSON the store keeps.

use super::competency::{Competency, RubricLevel};
use super::feedback::{CompetencyRating, Feedback, Rating, Recommendation};
use crate::error::ValidationErrors;
use crate::ids::{ApplicationId, InterviewId, UserId};
use crate::scorecard::LoopStageKind;
use crate::text::{Location, PersonName};
use crate::vocab::vocabulary;
use chrono::{DateTime, Duration, SubsecRound, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use uuid::Uuid;

vocabulary!(
    /// Whether an interview will happen. A cancelled interview keeps its feedback and history.
    InterviewStatus, "interview status" {
        Scheduled => "scheduled", "Scheduled";
        Cancelled => "cancelled", "Cancelled";
    }
);

/// The shortest and longest interview accepted, in minutes: a quarter hour to a working day.
pub const MIN_MINUTES: i64 = 15;
pub const MAX_MINUTES: i64 = 480;
/// More interviewers than this is a panel nobody can schedule.
pub const MAX_PARTICIPANTS: usize = 12;

/// Someone on an interview's panel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Participant {
    pub user_id: UserId,
    pub name: PersonName,
}

/// A scheduled (or cancelled) interview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Interview {
    pub id: InterviewId,
    pub application_id: ApplicationId,
    pub stage_kind: LoopStageKind,
    /// What the interviewers rate, in the domain's order.
    pub competencies: Vec<Competency>,
    pub starts_at: DateTime<Utc>,
    pub duration_minutes: u16,
    pub ends_at: DateTime<Utc>,
    /// A room or a video link.
    pub location: Option<Location>,
    pub status: InterviewStatus,
    pub participants: Vec<Participant>,
    pub created_by: Option<UserId>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Interview {
    pub fn has_participant(&self, user: UserId) -> bool {
        self.participants.iter().any(|p| p.user_id == user)
    }

    pub fn participant_ids(&self) -> Vec<UserId> {
        self.participants.iter().map(|p| p.user_id).collect()
    }
}

/// When an interview that starts at `starts_at` and lasts `minutes` ends.
pub fn ends_at(starts_at: DateTime<Utc>, minutes: u16) -> DateTime<Utc> {
    starts_at + Duration::minutes(i64::from(minutes))
}

/// An interview ready to store, valid by construction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewInterview {
    pub application_id: ApplicationId,
    pub stage_kind: LoopStageKind,
    pub competencies: Vec<Competency>,
    pub starts_at: DateTime<Utc>,
    pub duration_minutes: u16,
    pub location: Option<Location>,
    /// Distinct, in the order given.
    pub participants: Vec<UserId>,
}

/// An interview as it arrives from the API or the schedule form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct InterviewInput {
    /// A loop stage type, e.g. `system_design`.
    pub stage_kind: String,
    /// RFC 3339, e.g. `2026-12-01T14:00:00Z`.
    pub starts_at: String,
    /// 15 to 480.
    pub duration_minutes: i64,
    /// A room or a video link.
    #[serde(default)]
    pub location: Option<String>,
    /// The interviewers' user ids.
    #[serde(default)]
    pub participants: Vec<Uuid>,
    /// Competency ids; when omitted, those the role's loop stage of this kind assesses.
    #[serde(default)]
    pub competencies: Option<Vec<String>>,
}

impl InterviewInput {
    /// Parses the input. `defaults` gives the competencies for a stage kind when none are named
    /// (from the role's scorecard loop, else the shipped template), or None when nothing says.
    pub fn parse(
        &self,
        application_id: ApplicationId,
        defaults: impl FnOnce(LoopStageKind) -> Option<Vec<Competency>>,
    ) -> Result<NewInterview, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let stage_kind = errors.check("stage_kind", self.stage_kind.parse::<LoopStageKind>());
        let starts_at = errors.check("starts_at", parse_time(&self.starts_at));
        let duration_minutes =
            errors.check("duration_minutes", parse_minutes(self.duration_minutes));
        let location = errors.check("location", parse_location(self.location.as_deref()));
        let participants = parse_participants(&self.participants, &mut errors);
        let competencies = match &self.competencies {
            Some(raw) => parse_competencies(raw, &mut errors),
            None => stage_kind.and_then(|kind| match defaults(kind).filter(|c| !c.is_empty()) {
                Some(found) => Some(sorted(found)),
                None => {
                    errors.add(
                        "competencies",
                        format!(
                            "neither the role's loop nor the shipped template has a {} stage; name the competencies it assesses",
                            kind.label().to_lowercase()
                        ),
                    );
                    None
                }
            }),
        };
        match (
            stage_kind,
            starts_at,
            duration_minutes,
            location,
            competencies,
        ) {
            (
                Some(stage_kind),
                Some(starts_at),
                Some(duration_minutes),
                Some(location),
                Some(competencies),
            ) if errors.is_empty() => Ok(NewInterview {
                application_id,
                stage_kind,
                competencies,
                starts_at,
                duration_minutes,
                location,
                participants,
            }),
            _ => Err(errors),
        }
    }
}

/// A change to a scheduled interview: a reschedule, a new panel, or a cancellation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct InterviewChangeInput {
    #[serde(default)]
    pub starts_at: Option<String>,
    #[serde(default)]
    pub duration_minutes: Option<i64>,
    /// A new room or link; an empty string removes it.
    #[serde(default)]
    pub location: Option<String>,
    /// The whole new panel.
    #[serde(default)]
    pub participants: Option<Vec<Uuid>>,
    /// `cancelled` to cancel; a cancelled interview cannot be changed again.
    #[serde(default)]
    pub status: Option<String>,
}

/// A parsed change; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InterviewChange {
    pub starts_at: Option<DateTime<Utc>>,
    pub duration_minutes: Option<u16>,
    /// `Some(None)` removes the location.
    pub location: Option<Option<Location>>,
    pub participants: Option<Vec<UserId>>,
    pub status: Option<InterviewStatus>,
}

impl InterviewChangeInput {
    pub fn parse(&self) -> Result<InterviewChange, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let starts_at = self
            .starts_at
            .as_deref()
            .and_then(|raw| errors.check("starts_at", parse_time(raw)));
        let duration_minutes = self
            .duration_minutes
            .and_then(|n| errors.check("duration_minutes", parse_minutes(n)));
        let location = self
            .location
            .as_deref()
            .and_then(|raw| errors.check("location", parse_location(Some(raw))));
        let participants = self
            .participants
            .as_ref()
            .map(|raw| parse_participants(raw, &mut errors));
        let status = self
            .status
            .as_deref()
            .and_then(|raw| errors.check("status", raw.parse::<InterviewStatus>()));
        let change = InterviewChange {
            starts_at,
            duration_minutes,
            location,
            participants,
            status,
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        if change == InterviewChange::default() {
            return Err(ValidationErrors::single(
                "body",
                "nothing to change: send starts_at, duration_minutes, location, participants or status",
            ));
        }
        Ok(change)
    }
}

fn parse_time(raw: &str) -> Result<DateTime<Utc>, String> {
    DateTime::parse_from_rfc3339(raw.trim())
        // Whole seconds: an interview is never scheduled finer, and stored times compare exactly.
        .map(|t| t.with_timezone(&Utc).trunc_subsecs(0))
        .map_err(|_| format!("'{raw}' is not an RFC 3339 time such as 2026-12-01T14:00:00Z"))
}

fn parse_minutes(n: i64) -> Result<u16, String> {
    if (MIN_MINUTES..=MAX_MINUTES).contains(&n) {
        u16::try_from(n).map_err(|_| format!("{n} is out of range"))
    } else {
        Err(format!(
            "must be {MIN_MINUTES} to {MAX_MINUTES} minutes (got {n})"
        ))
    }
}

fn parse_location(raw: Option<&str>) -> Result<Option<Location>, String> {
    crate::text::optional(raw, Location::parse)
}

fn parse_participants(raw: &[Uuid], errors: &mut ValidationErrors) -> Vec<UserId> {
    if raw.is_empty() {
        errors.add(
            "participants",
            "an interview needs at least one interviewer",
        );
    }
    if raw.len() > MAX_PARTICIPANTS {
        errors.add(
            "participants",
            format!(
                "at most {MAX_PARTICIPANTS} interviewers (got {})",
                raw.len()
            ),
        );
    }
    let mut seen = Vec::new();
    for id in raw {
        let id = UserId(*id);
        if !seen.contains(&id) {
            seen.push(id);
        }
    }
    seen
}

fn parse_competencies(raw: &[String], errors: &mut ValidationErrors) -> Option<Vec<Competency>> {
    if raw.is_empty() {
        errors.add(
            "competencies",
            "an interview assesses at least one competency",
        );
        return None;
    }
    let before = errors.errors.len();
    let parsed: Vec<Competency> = raw
        .iter()
        .enumerate()
        .filter_map(|(i, c)| errors.check(&format!("competencies[{i}]"), c.parse()))
        .collect();
    (errors.errors.len() == before).then(|| sorted(parsed))
}

fn sorted(mut competencies: Vec<Competency>) -> Vec<Competency> {
    competencies.sort();
    competencies.dedup();
    competencies
}

/// The competencies a role's loop stage lists, mapped to the shipped ones (free text such as
/// "REST API design" counts for API design; a bare skill such as "Kafka" maps to none).
pub fn competencies_from_loop(names: &[String]) -> Vec<Competency> {
    sorted(
        names
            .iter()
            .filter_map(|n| Competency::from_loop_name(n))
            .collect(),
    )
}

/// What an interview of `kind` assesses for a role: the role's own loop stage of that kind when it
/// names shipped competencies, else the shipped template's stage for `level` (the scorecard's level,
/// or the role's when it has no scorecard). None when neither has such a stage. The API, the pages
/// and the CLI all schedule through this one rule.
pub fn stage_competencies(
    card: Option<&crate::scorecard::Scorecard>,
    templates: &super::LoopTemplates,
    level: crate::scorecard::ScorecardLevel,
    kind: LoopStageKind,
) -> Option<Vec<Competency>> {
    card.and_then(|c| c.interview_loop.iter().find(|s| s.kind == kind))
        .map(|s| competencies_from_loop(&s.competencies))
        .filter(|c| !c.is_empty())
        .or_else(|| {
            templates
                .for_level(card.map_or(level, |c| c.level))
                .and_then(|t| t.stages.iter().find(|s| s.kind == kind))
                .map(|s| s.competencies.clone())
        })
}

// ---- reading back stored feedback ------------------------------------------------------------

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum StoredRating {
    Level(RubricLevel),
    NoEvidence,
}

#[derive(Deserialize)]
struct StoredCompetencyRating {
    rating: StoredRating,
    evidence: Option<String>,
}

#[derive(Deserialize)]
struct StoredFeedback {
    ratings: BTreeMap<Competency, StoredCompetencyRating>,
    summary: Option<String>,
    recommendation: Recommendation,
}

/// Reads feedback from the JSON `serde_json::to_string(&Feedback)` wrote. Rubric levels are
/// checked again on the way in, so a hand-edited row cannot carry a 5.
pub fn feedback_from_json(text: &str) -> Result<Feedback, String> {
    let stored: StoredFeedback = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let ratings = stored
        .ratings
        .into_iter()
        .map(|(competency, r)| {
            let rating = match r.rating {
                StoredRating::Level(level) => Rating::Level(level),
                StoredRating::NoEvidence => Rating::NoEvidence,
            };
            (
                competency,
                CompetencyRating {
                    rating,
                    evidence: r.evidence,
                },
            )
        })
        .collect();
    Ok(Feedback {
        ratings,
        summary: stored.summary,
        recommendation: stored.recommendation,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interview::feedback::{FeedbackInput, RatingEntryInput, RatingInput};

    fn app() -> ApplicationId {
        ApplicationId(Uuid::nil())
    }

    fn input() -> InterviewInput {
        InterviewInput {
            stage_kind: "system_design".into(),
            starts_at: "2026-12-01T14:00:00.750+01:00".into(),
            duration_minutes: 60,
            location: Some("  Room 4  ".into()),
            participants: vec![Uuid::from_u128(1), Uuid::from_u128(2), Uuid::from_u128(1)],
            competencies: None,
        }
    }

    #[test]
    fn parses_and_defaults_the_competencies_from_the_stage() {
        let new = input()
            .parse(app(), |kind| {
                assert_eq!(kind, LoopStageKind::SystemDesign);
                Some(vec![
                    Competency::Security,
                    Competency::SystemDesign,
                    Competency::Security,
                ])
            })
            .unwrap();
        assert_eq!(
            new.competencies,
            vec![Competency::Security, Competency::SystemDesign]
        );
        assert_eq!(new.starts_at.to_rfc3339(), "2026-12-01T13:00:00+00:00");
        assert_eq!(new.location.unwrap().as_str(), "Room 4");
        assert_eq!(new.participants.len(), 2, "duplicates collapse");
        assert_eq!(
            ends_at(new.starts_at, new.duration_minutes).to_rfc3339(),
            "2026-12-01T14:00:00+00:00"
        );
    }

    #[test]
    fn every_bad_field_is_named() {
        let raw = InterviewInput {
            stage_kind: "chat".into(),
            starts_at: "tomorrow".into(),
            duration_minutes: 5,
            location: None,
            participants: vec![],
            competencies: Some(vec!["security".into(), "charm".into()]),
        };
        let err = raw.parse(app(), |_| None).unwrap_err();
        for field in [
            "stage_kind",
            "starts_at",
            "duration_minutes",
            "participants",
            "competencies[1]",
        ] {
            assert!(err.message_for(field).is_some(), "{field}: {err}");
        }
        assert!(err
            .message_for("duration_minutes")
            .unwrap()
            .contains("15 to 480"));
    }

    #[test]
    fn a_stage_nothing_describes_needs_named_competencies() {
        let err = input().parse(app(), |_| None).unwrap_err();
        assert!(err
            .message_for("competencies")
            .unwrap()
            .contains("system design stage"));
    }

    #[test]
    fn loop_names_map_to_competencies() {
        let names = ["Go", "REST API design", "PostgreSQL", "testing"].map(String::from);
        assert_eq!(
            competencies_from_loop(&names),
            vec![
                Competency::ApiDesign,
                Competency::DataModelling,
                Competency::Testing
            ]
        );
    }

    #[test]
    fn a_change_needs_something_and_names_bad_fields() {
        assert!(InterviewChangeInput::default()
            .parse()
            .unwrap_err()
            .message_for("body")
            .is_some());
        let cancel = InterviewChangeInput {
            status: Some("cancelled".into()),
            location: Some("".into()),
            ..Default::default()
        }
        .parse()
        .unwrap();
        assert_eq!(cancel.status, Some(InterviewStatus::Cancelled));
        assert_eq!(cancel.location, Some(None));
        let err = InterviewChangeInput {
            duration_minutes: Some(481),
            status: Some("done".into()),
            ..Default::default()
        }
        .parse()
        .unwrap_err();
        assert!(
            err.message_for("duration_minutes").is_some() && err.message_for("status").is_some()
        );
    }

    #[test]
    fn feedback_round_trips_through_its_stored_json() {
        let feedback = FeedbackInput {
            ratings: vec![
                RatingEntryInput {
                    competency: "security".into(),
                    rating: RatingInput::Level(3),
                    evidence: Some("parameterised queries".into()),
                },
                RatingEntryInput {
                    competency: "testing".into(),
                    rating: RatingInput::Text("no_evidence".into()),
                    evidence: None,
                },
            ],
            summary: Some("Good".into()),
            recommendation: "strong_yes".into(),
        }
        .parse(&[Competency::Security, Competency::Testing])
        .unwrap();
        let json = serde_json::to_string(&feedback).unwrap();
        assert_eq!(feedback_from_json(&json).unwrap(), feedback);
        let tampered = json.replace("{\"level\":3}", "{\"level\":5}");
        assert!(feedback_from_json(&tampered)
            .unwrap_err()
            .contains("outside the rubric"));
    }
}
