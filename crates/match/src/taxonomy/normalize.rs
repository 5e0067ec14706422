//! Free text to skill ids: the lookup key ignores case, spacing and punctuation, so "Node.js",
//! "node js" and "NodeJS" are one key; `+` and `#` stay, so C, C++ and C# stay apart.

use super::{SkillId, Taxonomy};
use serde::Serialize;

/// The lookup key of a skill name or alias: lower-case letters and digits, plus `+` and `#`.
pub fn key(raw: &str) -> String {
    raw.chars()
        .filter(|c| c.is_alphanumeric() || *c == '+' || *c == '#')
        .flat_map(char::to_lowercase)
        .collect()
}

/// The outcome of normalising a list of skill tags: known skills, and the rest kept as given.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Normalised {
    /// Known skills in the order first seen, without duplicates (implied skills are not added here).
    pub skills: Vec<SkillId>,
    /// Tags no skill name or alias matches, trimmed, in the order given: kept, never dropped.
    pub unknown: Vec<String>,
}

impl Taxonomy {
    /// The skill a name, id or alias stands for, if any.
    pub fn resolve(&self, raw: &str) -> Option<SkillId> {
        self.by_key.get(&key(raw)).map(|&i| SkillId(i))
    }

    /// Maps free tags to skill ids; unknown tags are reported in `unknown`, not dropped.
    pub fn normalise<S: AsRef<str>>(&self, tags: &[S]) -> Normalised {
        let mut out = Normalised::default();
        for tag in tags {
            let tag = tag.as_ref().trim();
            if tag.is_empty() {
                continue;
            }
            match self.resolve(tag) {
                Some(id) if !out.skills.contains(&id) => out.skills.push(id),
                Some(_) => {}
                None if !out.unknown.iter().any(|u| key(u) == key(tag)) => {
                    out.unknown.push(tag.to_string())
                }
                None => {}
            }
        }
        out
    }
}
