//! Merging a duplicate candidate into the one that stays (issue #5): what the survivor becomes,
//! and the record a merge leaves. The survivor keeps everything it states and takes from the
//! duplicate only what it leaves unstated; skills are the union, with the larger years. The
//! duplicate's full record is kept in the merge record, so nothing it said is lost.

use crate::candidate::{Candidate, CandidateInput, MAX_SKILLS};
use crate::candidate_profile::SkillDetailInput;
use crate::error::ValidationErrors;
use crate::ids::{CandidateId, UserId};
use crate::text::{optional, PersonName, Reason};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A merge as it arrives from the API or a form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MergeInput {
    /// The candidate merged into this one and then removed.
    pub duplicate_id: String,
    /// Why, for the history (3-500 characters).
    #[serde(default)]
    pub note: Option<String>,
}

/// A valid merge request, not yet checked against what is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeRequest {
    pub duplicate: CandidateId,
    pub note: Option<Reason>,
}

impl MergeInput {
    /// `survivor` is the candidate merged into: naming it as its own duplicate is refused here.
    pub fn parse(&self, survivor: CandidateId) -> Result<MergeRequest, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let duplicate = errors.check(
            "duplicate_id",
            self.duplicate_id
                .parse::<CandidateId>()
                .and_then(|id| match id == survivor {
                    true => Err("a candidate cannot be merged into itself".into()),
                    false => Ok(id),
                }),
        );
        let note = errors.check("note", optional(self.note.as_deref(), Reason::parse));
        match (duplicate, note) {
            (Some(duplicate), Some(note)) if errors.is_empty() => {
                Ok(MergeRequest { duplicate, note })
            }
            _ => Err(errors),
        }
    }
}

/// What moved from the duplicate to the survivor.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MergeCounts {
    /// Applications (with their interviews, feedback, offers and history).
    pub applications: i64,
    pub resume_documents: i64,
    /// The duplicate's copies of files the survivor already had: dropped, being the same file.
    pub resume_documents_already_present: i64,
    pub vetting_events: i64,
    /// Earlier merges into the duplicate, now the survivor's history.
    pub merges: i64,
}

/// A merge as recorded: append-only, one per merge.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CandidateMerge {
    pub id: uuid::Uuid,
    pub survivor_id: CandidateId,
    /// The removed candidate's id: it answers 404 from now on.
    pub merged_id: CandidateId,
    pub merged_name: PersonName,
    /// The removed candidate as it was just before the merge (every field, as the API shows it).
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub merged: Value,
    pub moved: MergeCounts,
    pub actor_id: Option<UserId>,
    pub actor_name: Option<PersonName>,
    pub note: Option<Reason>,
    pub at: DateTime<Utc>,
}

/// The survivor's fields after merging `duplicate` into it, in input form (parsed by the caller
/// with `parse_on`). Works on the input's JSON form so every field, including ones added later,
/// follows one rule: a value the survivor states stays; null or an empty list takes the
/// duplicate's; objects (links) merge key by key. Skills are the union (survivor's first, at most
/// `MAX_SKILLS`); a skill's years and last-used year are the larger of the two.
pub fn merged_input(survivor: &Candidate, duplicate: &Candidate) -> CandidateInput {
    let mut base = survivor.to_input();
    let other = duplicate.to_input();
    let skills = union_skills(&base, &other);
    let details = merged_details(&base, &other, &skills);
    if let (Ok(mut a), Ok(b)) = (serde_json::to_value(&base), serde_json::to_value(&other)) {
        fill_unstated(&mut a, &b);
        // Both came from `to_input`; a failure here would be a bug, and the survivor's own
        // fields (the starting point) are the safe answer.
        if let Ok(filled) = serde_json::from_value::<CandidateInput>(a) {
            base = filled;
        }
    }
    base.skills = skills;
    base.skill_details = details;
    base
}

/// Fills nulls, missing keys and empty lists of `target` from `source`, objects key by key.
fn fill_unstated(target: &mut Value, source: &Value) {
    let (Value::Object(t), Value::Object(s)) = (target, source) else {
        return;
    };
    for (key, value) in s {
        match t.get_mut(key) {
            None => {
                t.insert(key.clone(), value.clone());
            }
            Some(slot) if slot.is_null() || slot.as_array().is_some_and(Vec::is_empty) => {
                *slot = value.clone();
            }
            Some(slot) if slot.is_object() => fill_unstated(slot, value),
            Some(_) => {}
        }
    }
}

fn union_skills(a: &CandidateInput, b: &CandidateInput) -> Vec<String> {
    let mut skills = a.skills.clone();
    for s in &b.skills {
        if skills.len() >= MAX_SKILLS {
            break;
        }
        if !skills.contains(s) {
            skills.push(s.clone());
        }
    }
    skills
}

fn merged_details(
    a: &CandidateInput,
    b: &CandidateInput,
    skills: &[String],
) -> Vec<SkillDetailInput> {
    let larger = |x: Option<f32>, y: Option<f32>| match (x, y) {
        (Some(x), Some(y)) => Some(x.max(y)),
        (x, y) => x.or(y),
    };
    skills
        .iter()
        .filter_map(|skill| {
            let find =
                |c: &CandidateInput| c.skill_details.iter().find(|d| &d.skill == skill).cloned();
            let detail = match (find(a), find(b)) {
                (Some(x), Some(y)) => SkillDetailInput {
                    skill: skill.clone(),
                    years: larger(x.years, y.years),
                    last_used_year: x.last_used_year.max(y.last_used_year),
                },
                (x, y) => x.or(y)?,
            };
            Some(detail)
        })
        .collect()
}

/// `merged_input` parsed: the survivor's new fields. Errors only if stored data no longer meets
/// today's rules (e.g. a date now out of range); they name the field.
pub fn merged_candidate(
    survivor: &Candidate,
    duplicate: &Candidate,
    today: NaiveDate,
) -> Result<crate::candidate::NewCandidate, ValidationErrors> {
    merged_input(survivor, duplicate).parse_on(today)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::candidate_profile::VettingStatus;

    fn stored(input: CandidateInput) -> Candidate {
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let new = input.parse_on(today).unwrap();
        Candidate {
            id: CandidateId(uuid::Uuid::now_v7()),
            name: new.name,
            email: new.email,
            location: new.location,
            region: new.region,
            skills: new.skills,
            expected_rate: new.expected_rate,
            profile: new.profile,
            vetting_status: VettingStatus::Unvetted,
            created_at: Utc::now(),
            updated_at: Utc::now(),
        }
    }

    fn detail(skill: &str, years: f32, last: Option<i32>) -> SkillDetailInput {
        SkillDetailInput {
            skill: skill.into(),
            years: Some(years),
            last_used_year: last,
        }
    }

    #[test]
    fn survivor_keeps_its_fields_and_fills_the_rest() {
        let survivor = stored(CandidateInput {
            name: "Jelena Petrović".into(),
            email: "jelena@example.com".into(),
            skills: vec!["go".into(), "kafka".into()],
            skill_details: vec![detail("go", 4.0, Some(2024))],
            timezone: Some("Europe/Belgrade".into()),
            ..Default::default()
        });
        let duplicate = stored(CandidateInput {
            name: "J. Petrovic".into(),
            email: "jp@other.io".into(),
            location: Some("Belgrade, Serbia".into()),
            skills: vec!["go".into(), "postgresql".into()],
            skill_details: vec![
                detail("go", 6.0, Some(2023)),
                detail("postgresql", 3.0, None),
            ],
            timezone: Some("Europe/Berlin".into()),
            phone: Some("+381 64 123 4567".into()),
            links: Some(crate::candidate_profile::ProfileLinks {
                github: Some("https://github.com/jp".into()),
                ..Default::default()
            }),
            ..Default::default()
        });
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let merged = merged_candidate(&survivor, &duplicate, today).unwrap();
        assert_eq!(merged.name.as_str(), "Jelena Petrović");
        assert_eq!(merged.email.as_str(), "jelena@example.com");
        assert_eq!(merged.profile.timezone, survivor.profile.timezone);
        assert_eq!(merged.location, duplicate.location);
        assert_eq!(merged.profile.phone, duplicate.profile.phone);
        assert_eq!(
            merged.profile.links.github.as_deref(),
            Some("https://github.com/jp")
        );
        let skills: Vec<_> = merged.skills.iter().map(|s| s.as_str()).collect();
        assert_eq!(skills, ["go", "kafka", "postgresql"]);
        let go = &merged.profile.skill_details[0];
        assert_eq!(
            (go.skill.as_str(), go.years, go.last_used_year),
            ("go", Some(6.0), Some(2024))
        );
        assert_eq!(merged.profile.skill_details[1].skill.as_str(), "postgresql");
    }

    #[test]
    fn merge_input_names_bad_fields() {
        let me = CandidateId(uuid::Uuid::now_v7());
        let itself = MergeInput {
            duplicate_id: me.to_string(),
            note: None,
        };
        let errors = itself.parse(me).unwrap_err();
        assert!(errors
            .message_for("duplicate_id")
            .unwrap()
            .contains("itself"));
        let garbage = MergeInput {
            duplicate_id: "nope".into(),
            note: Some("x".into()),
        };
        let errors = garbage.parse(me).unwrap_err();
        let fields: Vec<_> = errors.errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["duplicate_id", "note"]);
        let other = CandidateId(uuid::Uuid::now_v7());
        let ok = MergeInput {
            duplicate_id: other.to_string(),
            note: Some("same person, two imports".into()),
        }
        .parse(me)
        .unwrap();
        assert_eq!(ok.duplicate, other);
    }
}
