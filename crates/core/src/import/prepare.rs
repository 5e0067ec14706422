//! From a record read from a file to a valid new candidate: skill tags go through the caller's
//! taxonomy (core does not know it), then the candidate rules apply, with errors renamed to the
//! JSON path or CSV column the value came from.

use super::{ImportRecord, RecordAt, RecordError};
use crate::candidate::NewCandidate;

/// A record that passed every rule, with the skill tags the taxonomy did not know (kept as given).
#[derive(Debug, Clone, PartialEq)]
pub struct PreparedRecord {
    pub at: RecordAt,
    pub candidate: NewCandidate,
    pub unknown_skills: Vec<String>,
}

/// Validates `record`. `canonical` maps a skill as written to the taxonomy's id ("Postgres" →
/// "postgresql"), or `None` when the taxonomy does not know it; such tags are kept and reported.
pub fn prepare(
    record: ImportRecord,
    canonical: impl Fn(&str) -> Option<String>,
) -> Result<PreparedRecord, RecordError> {
    let ImportRecord {
        at,
        mut input,
        sources,
    } = record;
    let mut unknown_skills: Vec<String> = Vec::new();
    input.skills = input
        .skills
        .iter()
        .map(|raw| match canonical(raw) {
            Some(id) => id,
            None => {
                let raw = raw.trim().to_string();
                if !unknown_skills.iter().any(|u| u.eq_ignore_ascii_case(&raw)) {
                    unknown_skills.push(raw.clone());
                }
                raw
            }
        })
        .collect();
    // Details name skills as the file wrote them: the same mapping, and one detail per skill
    // (the most years, the latest use) when two spellings meet.
    let mut details: Vec<crate::candidate_profile::SkillDetailInput> = Vec::new();
    for mut d in std::mem::take(&mut input.skill_details) {
        d.skill = canonical(&d.skill).unwrap_or_else(|| d.skill.trim().to_string());
        match details
            .iter_mut()
            .find(|x| x.skill.eq_ignore_ascii_case(&d.skill))
        {
            Some(x) => {
                x.years = match (x.years, d.years) {
                    (Some(a), Some(b)) => Some(a.max(b)),
                    (a, b) => a.or(b),
                };
                x.last_used_year = x.last_used_year.max(d.last_used_year);
            }
            None => details.push(d),
        }
    }
    input.skill_details = details;
    match input.parse() {
        Ok(candidate) => Ok(PreparedRecord {
            at,
            candidate,
            unknown_skills,
        }),
        Err(mut errors) => {
            // "engagement[1]" from column 'Engagement' is "column 'Engagement'[1]".
            for error in &mut errors.errors {
                let named = sources.iter().find_map(|(field, source)| {
                    let rest = error.field.strip_prefix(field)?;
                    (rest.is_empty() || rest.starts_with(['[', '.']))
                        .then(|| format!("{source}{rest}"))
                });
                if let Some(named) = named {
                    error.field = named;
                }
            }
            Err(RecordError { at, errors })
        }
    }
}
