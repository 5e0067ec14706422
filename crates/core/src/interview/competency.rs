//! The competencies a backend loop assesses, each with a four-level behaviourally anchored rubric
//! and written questions (data/interviews/competencies.toml, validated at load).

use super::data::{parse_toml, require_text, DataError};
use crate::vocab::vocabulary;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

vocabulary!(
    /// What an interview stage assesses (FACTS.md §6). The API name is what a role's `[[loop]]`
    /// stage lists under `competencies`; the scorecard linter recognises these names.
    Competency, "competency" {
        ApiDesign => "api_design", "API design";
        DataModelling => "data_modelling", "Data modelling and SQL";
        /// Injection, authentication and authorization, input validation.
        Security => "security", "Security";
        Testing => "testing", "Testing strategy";
        SystemDesign => "system_design", "System design and failure modes";
        ProductionOwnership => "production_ownership", "Production ownership and incidents";
        LanguageDepth => "language_depth", "Primary-language depth";
        Communication => "communication", "Communication and collaboration";
    }
);

impl Competency {
    /// Maps a free-text competency from a role's loop ("REST API design", "PostgreSQL", "ownership")
    /// to the shipped competency it belongs to. Skills the role names that are not one of these
    /// (a language, "kafka") give `None`: they stay must-have skills, checked by coverage.
    pub fn from_loop_name(raw: &str) -> Option<Competency> {
        if let Ok(exact) = raw.parse::<Competency>() {
            return Some(exact);
        }
        let text = raw.to_lowercase();
        let has = |words: &[&str]| words.iter().any(|w| text.contains(w));
        // Order matters: "system design" before "design", "database design" before "api".
        if has(&["system design", "system-design", "architecture", "failure"]) {
            Some(Competency::SystemDesign)
        } else if has(&[
            "sql",
            "database",
            "schema",
            "data model",
            "postgres",
            "mysql",
        ]) {
            Some(Competency::DataModelling)
        } else if has(&["api", "rest", "graphql", "grpc"]) {
            Some(Competency::ApiDesign)
        } else if has(&["security", "owasp", "auth", "injection", "validation"]) {
            Some(Competency::Security)
        } else if has(&["test", "tdd"]) {
            Some(Competency::Testing)
        } else if has(&[
            "ownership",
            "incident",
            "on-call",
            "on call",
            "production",
            "operations",
        ]) {
            Some(Competency::ProductionOwnership)
        } else if has(&["communication", "collaboration", "behavio", "stakeholder"]) {
            Some(Competency::Communication)
        } else if has(&["language", "internals"]) {
            Some(Competency::LanguageDepth)
        } else {
            None
        }
    }
}

/// A rubric level: 1 (weak) to 4 (exceptional). Valid by construction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(try_from = "u8", into = "u8")]
pub struct RubricLevel(u8);

impl RubricLevel {
    pub const MIN: u8 = 1;
    pub const MAX: u8 = 4;

    pub fn new(level: u8) -> Result<Self, String> {
        if (Self::MIN..=Self::MAX).contains(&level) {
            Ok(Self(level))
        } else {
            Err(format!(
                "{level} is outside the rubric; use 1 to 4 or \"no_evidence\""
            ))
        }
    }

    pub fn get(self) -> u8 {
        self.0
    }
}

impl TryFrom<u8> for RubricLevel {
    type Error = String;
    fn try_from(level: u8) -> Result<Self, String> {
        Self::new(level)
    }
}

impl From<RubricLevel> for u8 {
    fn from(level: RubricLevel) -> u8 {
        level.0
    }
}

/// A question we ask, with what a good answer shows and what should worry the interviewer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Question {
    pub text: String,
    pub good: Vec<String>,
    pub red_flags: Vec<String>,
}

/// One competency's interview kit: the rubric anchors and the questions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CompetencyKit {
    pub competency: Competency,
    pub name: String,
    /// What a level 1, 2, 3 and 4 answer looks like, in that order.
    pub rubric: [String; 4],
    pub questions: Vec<Question>,
}

impl CompetencyKit {
    /// The anchor text for a level.
    pub fn anchor(&self, level: RubricLevel) -> &str {
        &self.rubric[usize::from(level.get() - 1)]
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    competency: Vec<RawKit>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawKit {
    id: String,
    name: String,
    rubric: Vec<String>,
    #[serde(default)]
    question: Vec<Question>,
}

/// The least number of questions a competency ships with, so interviewers can vary them.
pub const MIN_QUESTIONS: usize = 5;

const SHIPPED_FILE: &str = "data/interviews/competencies.toml";
const SHIPPED: &str = include_str!("../../../../data/interviews/competencies.toml");

/// Every competency's kit; each competency of the vocabulary has exactly one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kits(BTreeMap<Competency, CompetencyKit>);

impl Kits {
    pub fn shipped() -> Result<Kits, DataError> {
        Self::from_toml(SHIPPED_FILE, SHIPPED)
    }

    pub fn from_toml(file: &str, text: &str) -> Result<Kits, DataError> {
        let raw: RawFile = parse_toml(file, text)?;
        let mut kits = BTreeMap::new();
        for (i, k) in raw.competency.into_iter().enumerate() {
            let item = format!("competency[{i}] ({})", k.id);
            let competency =
                k.id.parse::<Competency>()
                    .map_err(|e| DataError::new(file, &item, e))?;
            require_text(file, &item, "name", &k.name)?;
            let rubric: [String; 4] = k.rubric.try_into().map_err(|r: Vec<String>| {
                DataError::new(
                    file,
                    &item,
                    format!("the rubric needs exactly 4 levels, found {}", r.len()),
                )
            })?;
            for (l, anchor) in rubric.iter().enumerate() {
                require_text(file, &item, &format!("rubric[{l}]"), anchor)?;
            }
            if k.question.len() < MIN_QUESTIONS {
                return Err(DataError::new(
                    file,
                    &item,
                    format!(
                        "needs at least {MIN_QUESTIONS} questions, found {}",
                        k.question.len()
                    ),
                ));
            }
            for (q, question) in k.question.iter().enumerate() {
                let qitem = format!("{item}.question[{q}]");
                require_text(file, &qitem, "text", &question.text)?;
                if question.good.is_empty() || question.red_flags.is_empty() {
                    return Err(DataError::new(
                        file,
                        &qitem,
                        "needs at least one 'good' and one 'red_flags' entry",
                    ));
                }
            }
            let kit = CompetencyKit {
                competency,
                name: k.name,
                rubric,
                questions: k.question,
            };
            if kits.insert(competency, kit).is_some() {
                return Err(DataError::new(file, &item, "the competency appears twice"));
            }
        }
        if let Some(missing) = Competency::ALL.iter().find(|c| !kits.contains_key(c)) {
            return Err(DataError::new(
                file,
                missing.as_str(),
                "this competency has no kit",
            ));
        }
        Ok(Kits(kits))
    }

    pub fn get(&self, competency: Competency) -> Option<&CompetencyKit> {
        self.0.get(&competency)
    }

    pub fn iter(&self) -> impl Iterator<Item = &CompetencyKit> {
        self.0.values()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_kits_cover_every_competency_with_rubric_and_questions() {
        let kits = Kits::shipped().unwrap();
        assert_eq!(kits.iter().count(), Competency::ALL.len());
        for kit in kits.iter() {
            assert!(kit.questions.len() >= MIN_QUESTIONS, "{}", kit.name);
            assert_ne!(kit.rubric[0], kit.rubric[3]);
        }
        let testing = kits.get(Competency::Testing).unwrap();
        assert!(testing
            .anchor(RubricLevel::new(1).unwrap())
            .contains("no answer on testing"));
    }

    #[test]
    fn shipped_questions_carry_the_facts_red_flags() {
        let kits = Kits::shipped().unwrap();
        let flags: Vec<String> = kits
            .iter()
            .flat_map(|k| k.questions.iter().flat_map(|q| q.red_flags.iter()))
            .map(|f| f.to_lowercase())
            .collect();
        for wanted in [
            "no trade-offs",
            "happy path",
            "no answer on testing",
            "no production incident",
        ] {
            assert!(flags.iter().any(|f| f.contains(wanted)), "{wanted}");
        }
    }

    #[test]
    fn load_errors_name_the_file_and_item() {
        let three_levels = r#"
[[competency]]
id = "security"
name = "Security"
rubric = ["a", "b", "c"]
"#;
        let err = Kits::from_toml("x.toml", three_levels).unwrap_err();
        assert_eq!(err.file, "x.toml");
        assert_eq!(err.item, "competency[0] (security)");
        assert!(err.message.contains("exactly 4 levels"), "{err}");

        let unknown = "[[competency]]\nid = \"charm\"\nname = \"Charm\"\nrubric = []\n";
        let err = Kits::from_toml("x.toml", unknown).unwrap_err();
        assert!(
            err.to_string().contains("unknown competency 'charm'"),
            "{err}"
        );

        let one_question = r#"
[[competency]]
id = "testing"
name = "Testing strategy"
rubric = ["a", "b", "c", "d"]
[[competency.question]]
text = "Which tests?"
good = ["levels"]
red_flags = ["none"]
"#;
        let err = Kits::from_toml("x.toml", one_question).unwrap_err();
        assert_eq!(
            err.to_string(),
            "x.toml: competency[0] (testing): needs at least 5 questions, found 1"
        );
    }

    #[test]
    fn rubric_levels_are_one_to_four() {
        assert!(RubricLevel::new(0).is_err());
        assert_eq!(RubricLevel::new(4).map(RubricLevel::get), Ok(4));
        assert!(RubricLevel::new(5)
            .unwrap_err()
            .contains("outside the rubric"));
    }

    #[test]
    fn free_text_loop_competencies_map_to_the_shipped_ones() {
        let map = Competency::from_loop_name;
        assert_eq!(map("REST API design"), Some(Competency::ApiDesign));
        assert_eq!(map("database design"), Some(Competency::DataModelling));
        assert_eq!(map("System design"), Some(Competency::SystemDesign));
        assert_eq!(map("ownership"), Some(Competency::ProductionOwnership));
        assert_eq!(map("testing"), Some(Competency::Testing));
        assert_eq!(map("system-design"), Some(Competency::SystemDesign));
        assert_eq!(map("kafka"), None);
    }
}
