//! JSON Resume (jsonresume.org schema) to a candidate: `basics.name`, `basics.email`, `basics.phone`,
//! `basics.location.city`/`countryCode`, years of work from `work[]`, `skills[].name`/`keywords[]`, and the profile parts
//! (`basics.url`/`profiles`, `skills[].level`, years per skill from `work[]`: `resume_profile`). Only the fields used are
//! checked; a wrong type is the record's error, named by its JSON path.

use super::region::region_for_country;
use super::{ImportRecord, RecordAt, RecordError, RecordKind, RecordResult};
use crate::candidate::CandidateInput;
use crate::error::ValidationErrors;
use serde_json::Value;

/// One document, or a JSON array of documents (numbered from 1).
pub(super) fn parse_document(bytes: &[u8]) -> Result<Vec<RecordResult>, ValidationErrors> {
    let value: Value = serde_json::from_slice(bytes)
        .map_err(|e| ValidationErrors::single("file", format!("is not valid JSON: {e}")))?;
    let at = |number| RecordAt {
        kind: RecordKind::Document,
        number,
    };
    Ok(match value {
        Value::Array(documents) => documents
            .iter()
            .enumerate()
            .map(|(i, doc)| map_document(at(i + 1), doc))
            .collect(),
        doc => vec![map_document(at(1), &doc)],
    })
}

/// One document per line; blank lines are allowed and skipped, a malformed line is that line's error.
pub(super) fn parse_lines(bytes: &[u8]) -> Vec<RecordResult> {
    bytes
        .split(|b| *b == b'\n')
        .enumerate()
        .filter(|(_, line)| !line.trim_ascii().is_empty())
        .map(|(i, line)| {
            let at = RecordAt {
                kind: RecordKind::Line,
                number: i + 1,
            };
            match serde_json::from_slice::<Value>(line) {
                Ok(doc) => map_document(at, &doc),
                Err(e) => Err(RecordError {
                    at,
                    errors: ValidationErrors::single("line", format!("is not valid JSON: {e}")),
                }),
            }
        })
        .collect()
}

/// Maps one JSON Resume document, collecting every type problem before giving up.
pub(super) fn map_document(at: RecordAt, doc: &Value) -> RecordResult {
    let mut errors = ValidationErrors::default();
    let mut fields = Fields {
        errors: &mut errors,
    };
    let Some(root) = fields.object(Some(doc), "$") else {
        return Err(RecordError { at, errors });
    };
    let basics = fields.object(root.get("basics"), "basics");
    let name = fields.string(basics.and_then(|b| b.get("name")), "basics.name");
    let email = fields.string(basics.and_then(|b| b.get("email")), "basics.email");
    let location = fields.object(basics.and_then(|b| b.get("location")), "basics.location");
    let city = fields.string(location.and_then(|l| l.get("city")), "basics.location.city");
    let country = fields.string(
        location.and_then(|l| l.get("countryCode")),
        "basics.location.countryCode",
    );
    let skills = fields.skills(root.get("skills"));
    let phone = fields.string(basics.and_then(|b| b.get("phone")), "basics.phone");
    let history = super::resume_profile::work_history(
        root.get("work"),
        &skills,
        chrono::Utc::now().date_naive(),
        fields.errors,
    );
    if !errors.is_empty() {
        return Err(RecordError { at, errors });
    }
    let place: Vec<&str> = [city.as_deref(), country.as_deref()]
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let input = CandidateInput {
        name: name.unwrap_or_default(),
        email: email.unwrap_or_default(),
        location: (!place.is_empty()).then(|| place.join(", ")),
        phone: phone.filter(|p| !p.trim().is_empty()),
        country: country.clone().filter(|c| !c.trim().is_empty()),
        city: city.clone().filter(|c| !c.trim().is_empty()),
        experience_years: history.experience_years,
        region: country
            .as_deref()
            .and_then(region_for_country)
            .map(|r| r.as_str().to_string()),
        links: super::resume_profile::links(basics),
        stated_level: super::resume_profile::stated_level(root.get("skills")),
        skill_details: history.skill_details,
        skills,
        expected_rate: None,
        ..Default::default()
    };
    Ok(ImportRecord {
        at,
        input,
        sources: vec![
            ("name", "basics.name".into()),
            ("email", "basics.email".into()),
            ("location", "basics.location".into()),
            ("region", "basics.location.countryCode".into()),
            ("country", "basics.location.countryCode".into()),
            ("city", "basics.location.city".into()),
            ("phone", "basics.phone".into()),
            ("experience_years", "work".into()),
            ("skills", "skills".into()),
            ("links.website", "basics.url".into()),
            ("links.github", "basics.profiles".into()),
            ("links.linkedin", "basics.profiles".into()),
            ("stated_level", "skills[].level".into()),
        ],
    })
}

/// Typed access to a JSON document that records a path-named error for each wrong type.
struct Fields<'e> {
    errors: &'e mut ValidationErrors,
}

impl Fields<'_> {
    fn object<'v>(
        &mut self,
        value: Option<&'v Value>,
        path: &str,
    ) -> Option<&'v serde_json::Map<String, Value>> {
        match value? {
            Value::Object(map) => Some(map),
            Value::Null => None,
            other => {
                self.wrong_type(path, "an object", other);
                None
            }
        }
    }

    fn string(&mut self, value: Option<&Value>, path: &str) -> Option<String> {
        match value? {
            Value::String(text) => Some(text.clone()),
            Value::Null => None,
            other => {
                self.wrong_type(path, "a string", other);
                None
            }
        }
    }

    /// `skills[].name` and `skills[].keywords[]`, in document order.
    fn skills(&mut self, value: Option<&Value>) -> Vec<String> {
        let mut tags = Vec::new();
        let items = match value {
            None | Some(Value::Null) => return tags,
            Some(Value::Array(items)) => items,
            Some(other) => {
                self.wrong_type("skills", "an array", other);
                return tags;
            }
        };
        for (i, item) in items.iter().enumerate() {
            let Some(skill) = self.object(Some(item), &format!("skills[{i}]")) else {
                continue;
            };
            tags.extend(self.string(skill.get("name"), &format!("skills[{i}].name")));
            match skill.get("keywords") {
                None | Some(Value::Null) => {}
                Some(Value::Array(keywords)) => {
                    for (k, keyword) in keywords.iter().enumerate() {
                        let path = format!("skills[{i}].keywords[{k}]");
                        tags.extend(self.string(Some(keyword), &path));
                    }
                }
                Some(other) => self.wrong_type(&format!("skills[{i}].keywords"), "an array", other),
            }
        }
        tags
    }

    fn wrong_type(&mut self, path: &str, expected: &str, found: &Value) {
        let found = match found {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
        };
        self.errors
            .add(path, format!("must be {expected}, found {found}"));
    }
}
