//! The skill taxonomy: backend skills with ids, display names, aliases, categories and implied
//! skills (a framework implies its language), loaded from `data/skills/*.toml` and checked at load.

mod detect;
mod load;
mod normalize;

pub use detect::Detected;
pub use load::{TaxonomyError, TextMode, SHIPPED_FILES};
pub use normalize::{key, Normalised};

use detect::Detector;
use std::collections::HashMap;
use std::fmt;

/// A skill of one loaded taxonomy: a compact index, valid only with the taxonomy that issued it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(transparent)]
pub struct SkillId(pub(crate) u16);

impl SkillId {
    pub fn index(self) -> usize {
        usize::from(self.0)
    }
}

/// One skill as the taxonomy knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skill {
    /// Stable text id, e.g. "postgresql": what the API, database and files use.
    pub id: String,
    /// How the UI shows it, e.g. "PostgreSQL".
    pub name: String,
    pub aliases: Vec<String>,
    /// e.g. "language", "framework", "database".
    pub category: String,
    /// Skills this one implies directly (Django implies Python).
    pub implies: Vec<SkillId>,
    pub text: TextMode,
    /// The file the skill came from, for error messages.
    pub file: String,
}

/// The loaded, checked taxonomy. Cheap to share behind an `Arc`.
pub struct Taxonomy {
    skills: Vec<Skill>,
    by_key: HashMap<String, u16>,
    /// Per skill, every skill it implies directly or transitively, sorted, without itself.
    closure: Vec<Vec<SkillId>>,
    detector: Detector,
}

impl fmt::Debug for Taxonomy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Taxonomy")
            .field("skills", &self.skills.len())
            .finish_non_exhaustive()
    }
}

impl Taxonomy {
    /// The shipped taxonomy alone.
    pub fn shipped() -> Result<Self, TaxonomyError> {
        Self::with_user_files(Vec::new())
    }

    /// The shipped files plus the user's `(file name, TOML text)` files: a user file with a shipped
    /// file's name replaces it, any other adds skills.
    pub fn with_user_files(user: Vec<(String, String)>) -> Result<Self, TaxonomyError> {
        Self::from_files(load::merge_files(user))
    }

    /// Exactly the given files, nothing shipped.
    pub fn from_files(files: Vec<(String, String)>) -> Result<Self, TaxonomyError> {
        let loaded = load::parse_files(&files)?;
        let by_key = load::build_keys(&loaded)?;
        let ids: HashMap<&str, u16> = loaded
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.as_str(), i as u16))
            .collect();
        let direct = load::resolve_implies(&loaded, &ids)?;
        let closure = load::closure(&loaded, &direct)?;
        let detector = Detector::new(&loaded);
        let skills = loaded
            .into_iter()
            .zip(direct)
            .map(|(s, implies)| Skill {
                id: s.id,
                name: s.name,
                aliases: s.aliases,
                category: s.category,
                implies: implies.into_iter().map(SkillId).collect(),
                text: s.text,
                file: s.file,
            })
            .collect();
        Ok(Self {
            skills,
            by_key,
            closure: closure
                .into_iter()
                .map(|c| c.into_iter().map(SkillId).collect())
                .collect(),
            detector,
        })
    }

    pub fn len(&self) -> usize {
        self.skills.len()
    }

    pub fn is_empty(&self) -> bool {
        self.skills.is_empty()
    }

    /// The skill, or `None` for an id this taxonomy did not issue.
    pub fn get(&self, id: SkillId) -> Option<&Skill> {
        self.skills.get(id.index())
    }

    /// Every skill with its id, in file order (the shipped files list common skills first).
    pub fn iter(&self) -> impl Iterator<Item = (SkillId, &Skill)> {
        self.skills
            .iter()
            .enumerate()
            .map(|(i, s)| (SkillId(i as u16), s))
    }

    /// Every skill `id` implies, directly or through others (Django → Python), without `id` itself.
    pub fn implied(&self, id: SkillId) -> &[SkillId] {
        self.closure.get(id.index()).map_or(&[], Vec::as_slice)
    }

    /// Whole-word skill mentions in free text, in text order.
    pub fn detect(&self, text: &str) -> Vec<Detected> {
        self.detector.detect(text)
    }

    /// The display name of a skill ("unknown skill" for an id this taxonomy did not issue).
    pub fn name(&self, id: SkillId) -> &str {
        self.get(id).map_or("unknown skill", |s| s.name.as_str())
    }
}

#[cfg(test)]
mod tests;
