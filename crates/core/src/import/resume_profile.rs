//! The profile parts of a JSON Resume document: links from `basics.url` and `basics.profiles`
//! (GitHub, LinkedIn), a stated level from `skills[].level` when it names one, years per skill
//! from dated `work[]` entries whose summary or highlights name the skill, and years of work in all.

use crate::candidate_profile::{ProfileLinks, SkillDetailInput, MAX_SKILL_YEARS};
use crate::error::ValidationErrors;
use crate::experience::{covered_days, days_to_years, MAX_EXPERIENCE_YEARS};
use crate::level::Level;
use chrono::{Datelike, NaiveDate};
use serde_json::{Map, Value};

/// `basics.url` (a scheme is added when missing) and the GitHub and LinkedIn entries of
/// `basics.profiles` (their `url`, else a URL made from `username`).
pub(super) fn links(basics: Option<&Map<String, Value>>) -> Option<ProfileLinks> {
    let basics = basics?;
    let with_scheme = |url: &str| {
        let url = url.trim();
        if url.is_empty() || url.contains("://") {
            url.to_string()
        } else {
            format!("https://{url}")
        }
    };
    let mut links = ProfileLinks {
        website: basics
            .get("url")
            .and_then(Value::as_str)
            .map(with_scheme)
            .filter(|u| !u.is_empty()),
        ..Default::default()
    };
    for profile in basics
        .get("profiles")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let text = |key: &str| profile.get(key).and_then(Value::as_str).map(str::trim);
        let network = text("network").unwrap_or("").to_ascii_lowercase();
        let (slot, site) = match network.as_str() {
            "github" => (&mut links.github, "https://github.com/"),
            "linkedin" => (&mut links.linkedin, "https://www.linkedin.com/in/"),
            _ => continue,
        };
        let url = match (text("url"), text("username")) {
            (Some(url), _) if !url.is_empty() => with_scheme(url),
            (_, Some(user)) if !user.is_empty() => format!("{site}{user}"),
            _ => continue,
        };
        slot.get_or_insert(url);
    }
    (!links.is_empty()).then_some(links)
}

/// The most senior level `skills[].level` names, when any names junior, mid or senior ("Master"
/// or "Advanced" describe a skill, not a seniority, and are not read as one).
pub(super) fn stated_level(skills: Option<&Value>) -> Option<String> {
    skills?
        .as_array()?
        .iter()
        .filter_map(|s| s.get("level").and_then(Value::as_str))
        .filter_map(|raw| {
            let word = raw.trim().to_ascii_lowercase();
            let word = word.strip_suffix("-level").unwrap_or(&word);
            word.parse::<Level>().ok()
        })
        .max()
        .map(|l| l.as_str().to_string())
}

/// A JSON Resume date: YYYY-MM-DD, YYYY-MM or YYYY (the first day of the month or year).
fn resume_date(raw: &str) -> Option<NaiveDate> {
    let raw = raw.trim();
    NaiveDate::parse_from_str(raw, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(&format!("{raw}-01"), "%Y-%m-%d"))
        .or_else(|_| NaiveDate::parse_from_str(&format!("{raw}-01-01"), "%Y-%m-%d"))
        .ok()
}

/// Whether `text` names `skill` as a whole word. Short names ("Go", "C", "R") must match as the
/// resume writes them, so "go to market" is not Go; longer ones match in any case.
fn names_skill(text: &str, skill: &str) -> bool {
    let skill = skill.trim();
    if skill.is_empty() {
        return false;
    }
    let (hay, needle) = if skill.chars().count() <= 2 {
        (text.to_string(), skill.to_string())
    } else {
        (text.to_lowercase(), skill.to_lowercase())
    };
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '+' || c == '#');
    hay.match_indices(&needle).any(|(at, _)| {
        !word(hay[..at].chars().next_back()) && !word(hay[at + needle.len()..].chars().next())
    })
}

/// What `work[]` tells: years per skill, and years of professional work (`None` without a dated
/// entry).
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct WorkHistory {
    pub skill_details: Vec<SkillDetailInput>,
    pub experience_years: Option<f32>,
}

/// Years from `work[]`: each entry with a start date (and an end date, or `today` when it is
/// ongoing) counts towards the total and for the skills its summary or highlights name;
/// overlapping entries count once. Entries with a date that does not parse are left out of the
/// estimate; wrong JSON types are errors named by path.
pub(super) fn work_history(
    work: Option<&Value>,
    skills: &[String],
    today: NaiveDate,
    errors: &mut ValidationErrors,
) -> WorkHistory {
    let spans = work_spans(work, today, errors);
    let experience_years = (!spans.is_empty()).then(|| {
        let days = covered_days(spans.iter().map(|(from, to, _)| (*from, *to)).collect());
        days_to_years(days).min(MAX_EXPERIENCE_YEARS)
    });
    WorkHistory {
        skill_details: skill_years(&spans, skills),
        experience_years,
    }
}

/// The dated entries of `work[]` as (from, to, the text that names skills).
fn work_spans(
    work: Option<&Value>,
    today: NaiveDate,
    errors: &mut ValidationErrors,
) -> Vec<(NaiveDate, NaiveDate, String)> {
    let entries = match work {
        None | Some(Value::Null) => return Vec::new(),
        Some(Value::Array(entries)) => entries,
        Some(_) => {
            errors.add("work", "must be an array");
            return Vec::new();
        }
    };
    let mut spans: Vec<(NaiveDate, NaiveDate, String)> = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        let Some(entry) = entry.as_object() else {
            errors.add(format!("work[{i}]"), "must be an object");
            continue;
        };
        let mut text = String::new();
        let string = |key: &str, path: String, errors: &mut ValidationErrors| match entry.get(key) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(_) => {
                errors.add(path, "must be a string");
                None
            }
        };
        let start = string("startDate", format!("work[{i}].startDate"), errors);
        let end = string("endDate", format!("work[{i}].endDate"), errors);
        text.push_str(&string("summary", format!("work[{i}].summary"), errors).unwrap_or_default());
        match entry.get("highlights") {
            None | Some(Value::Null) => {}
            Some(Value::Array(items)) => {
                for (h, item) in items.iter().enumerate() {
                    match item.as_str() {
                        Some(s) => {
                            text.push('\n');
                            text.push_str(s);
                        }
                        None => {
                            errors.add(format!("work[{i}].highlights[{h}]"), "must be a string")
                        }
                    }
                }
            }
            Some(_) => errors.add(format!("work[{i}].highlights"), "must be an array"),
        }
        let Some(from) = start.as_deref().and_then(resume_date) else {
            continue;
        };
        let to = match end.as_deref().map(str::trim) {
            None | Some("") => today,
            Some(raw) => match resume_date(raw) {
                Some(d) => d,
                None => continue,
            },
        };
        if from <= to
            && from <= today
            && from.year() >= crate::candidate_profile::MIN_LAST_USED_YEAR
        {
            spans.push((from, to.min(today), text));
        }
    }
    spans
}

fn skill_years(
    spans: &[(NaiveDate, NaiveDate, String)],
    skills: &[String],
) -> Vec<SkillDetailInput> {
    let mut details = Vec::new();
    for skill in skills {
        let covering: Vec<(NaiveDate, NaiveDate)> = spans
            .iter()
            .filter(|(_, _, text)| names_skill(text, skill))
            .map(|(from, to, _)| (*from, *to))
            .collect();
        if covering.is_empty() {
            continue;
        }
        // Union of the intervals: two jobs at once are not two years in one.
        let days = covered_days(covering);
        let last_used = spans
            .iter()
            .filter(|(_, _, text)| names_skill(text, skill))
            .map(|(_, to, _)| to.year())
            .max();
        let years = ((days as f32 / 365.25) * 2.0).round() / 2.0;
        details.push(SkillDetailInput {
            skill: skill.clone(),
            years: Some(years.min(MAX_SKILL_YEARS)),
            last_used_year: last_used,
        });
    }
    details
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    }

    #[test]
    fn links_come_from_url_and_profiles() {
        let basics = json!({"url": "ana.dev", "profiles": [
            {"network": "GitHub", "username": "ana"},
            {"network": "LinkedIn", "url": "https://www.linkedin.com/in/ana-p"},
            {"network": "Twitter", "username": "ana"}]});
        let links = links(basics.as_object()).unwrap();
        assert_eq!(links.website.as_deref(), Some("https://ana.dev"));
        assert_eq!(links.github.as_deref(), Some("https://github.com/ana"));
        assert_eq!(
            links.linkedin.as_deref(),
            Some("https://www.linkedin.com/in/ana-p")
        );
        assert_eq!(super::links(json!({"name": "x"}).as_object()), None);
    }

    #[test]
    fn only_seniority_words_state_a_level() {
        let skills = json!([{"name": "Go", "level": "Master"}, {"name": "SQL", "level": "Mid-level"},
                            {"name": "Rust", "level": "junior"}]);
        assert_eq!(stated_level(Some(&skills)).as_deref(), Some("mid"));
        let none = json!([{"name": "Go", "level": "Advanced"}]);
        assert_eq!(stated_level(Some(&none)), None);
    }

    #[test]
    fn work_entries_give_years_per_named_skill_counting_overlaps_once() {
        let work = json!([
            {"startDate": "2018-01-01", "endDate": "2021-01-01", "summary": "Payments in Go and PostgreSQL"},
            {"startDate": "2020-01", "endDate": "2022-01", "highlights": ["Moved billing to Go"]},
            {"startDate": "2024", "summary": "Kafka pipelines; go to market with sales"},
            {"startDate": "last spring", "summary": "Go"}
        ]);
        let skills = vec![
            "Go".to_string(),
            "postgresql".into(),
            "kafka".into(),
            "rust".into(),
        ];
        let mut errors = ValidationErrors::default();
        let history = work_history(Some(&work), &skills, today(), &mut errors);
        assert!(errors.is_empty(), "{errors}");
        // 2018-01 to 2022-01 and 2024-01 to 2026-11-25: 4 + 2.9 years of work.
        assert_eq!(history.experience_years, Some(6.9));
        let details = history.skill_details;
        let of = |s: &str| details.iter().find(|d| d.skill == s).cloned();
        // 2018-01 to 2022-01, once: 4 years.
        assert_eq!(of("Go").unwrap().years, Some(4.0));
        assert_eq!(of("Go").unwrap().last_used_year, Some(2022));
        assert_eq!(of("postgresql").unwrap().years, Some(3.0));
        // Ongoing since 2024-01-01: to today.
        assert_eq!(of("kafka").unwrap().years, Some(3.0));
        assert_eq!(of("kafka").unwrap().last_used_year, Some(2026));
        assert!(of("rust").is_none());
    }

    #[test]
    fn wrong_types_in_work_are_named() {
        let work = json!([{"startDate": 2019, "highlights": "Go"}, "job"]);
        let mut errors = ValidationErrors::default();
        let history = work_history(Some(&work), &["Go".into()], today(), &mut errors);
        assert_eq!(history.experience_years, None);
        let fields: Vec<_> = errors.errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            ["work[0].startDate", "work[0].highlights", "work[1]"]
        );
    }
}
