//! Reading and checking skill files: parse each TOML file, then check ids, aliases and implied
//! links across all files, so a bad file fails at load with an error naming the file and the skill.

use super::normalize::key;
use serde::Deserialize;
use std::collections::HashMap;

/// The shipped skill files, embedded at build time. A user file with the same name replaces one.
pub const SHIPPED_FILES: &[(&str, &str)] = &[
    (
        "languages.toml",
        include_str!("../../../../data/skills/languages.toml"),
    ),
    (
        "frameworks.toml",
        include_str!("../../../../data/skills/frameworks.toml"),
    ),
    (
        "databases.toml",
        include_str!("../../../../data/skills/databases.toml"),
    ),
    (
        "messaging.toml",
        include_str!("../../../../data/skills/messaging.toml"),
    ),
    (
        "cloud.toml",
        include_str!("../../../../data/skills/cloud.toml"),
    ),
    (
        "infrastructure.toml",
        include_str!("../../../../data/skills/infrastructure.toml"),
    ),
    (
        "practices.toml",
        include_str!("../../../../data/skills/practices.toml"),
    ),
];

/// Why a set of skill files cannot be loaded. Every variant names the file, and the skill when there is one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TaxonomyError {
    #[error("{file}: {message}")]
    Parse { file: String, message: String },
    #[error("{file}: skill '{skill}': {message}")]
    Invalid {
        file: String,
        skill: String,
        message: String,
    },
    #[error("{file}: skill id '{skill}' is already defined in {first_file}")]
    DuplicateId {
        file: String,
        skill: String,
        first_file: String,
    },
    #[error(
        "{file}: skill '{skill}': alias '{alias}' already names skill '{other}' ({other_file})"
    )]
    DuplicateAlias {
        file: String,
        skill: String,
        alias: String,
        other: String,
        other_file: String,
    },
    #[error("{file}: skill '{skill}' implies '{implied}', which no skill file defines")]
    UnknownImplied {
        file: String,
        skill: String,
        implied: String,
    },
    #[error("{file}: skill '{skill}' implies itself through {path}")]
    Cycle {
        file: String,
        skill: String,
        path: String,
    },
    #[error("too many skills ({0}); at most 65535")]
    TooMany(usize),
}

/// How a skill may be found in free text (resumes).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TextMode {
    /// Name and aliases in any letter case.
    #[default]
    AnyCase,
    /// Only as written: for names that are also common words ("Go", "R", "Rust").
    ExactCase,
    /// Never detected in free text; still found by exact lookup.
    Off,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    /// The default category of the file's skills.
    #[serde(default)]
    category: Option<String>,
    #[serde(default)]
    skill: Vec<RawSkill>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSkill {
    id: String,
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    category: Option<String>,
    #[serde(default)]
    implies: Vec<String>,
    #[serde(default)]
    text: TextMode,
}

/// A skill as read from a file, before implied ids are resolved.
#[derive(Debug, Clone)]
pub(crate) struct LoadedSkill {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub category: String,
    pub implies: Vec<String>,
    pub text: TextMode,
    pub file: String,
}

/// The shipped files, with same-named user files replacing them and other user files added.
pub(crate) fn merge_files(user: Vec<(String, String)>) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = SHIPPED_FILES
        .iter()
        .map(|(n, t)| ((*n).to_string(), (*t).to_string()))
        .collect();
    for (name, text) in user {
        match files.iter_mut().find(|(n, _)| *n == name) {
            Some(slot) => slot.1 = text,
            None => files.push((name, text)),
        }
    }
    files
}

fn check_id(file: &str, id: &str) -> Result<(), TaxonomyError> {
    let ok = !id.is_empty()
        && id.len() <= 40
        && id.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if ok {
        Ok(())
    } else {
        Err(TaxonomyError::Invalid {
            file: file.into(),
            skill: id.into(),
            message: "an id is 1-40 characters of a-z, 0-9 and '-'".into(),
        })
    }
}

/// Parses every file and checks each skill on its own (id shape, name, category).
pub(crate) fn parse_files(files: &[(String, String)]) -> Result<Vec<LoadedSkill>, TaxonomyError> {
    let mut skills = Vec::new();
    for (file, text) in files {
        let raw: RawFile = toml::from_str(text).map_err(|e| TaxonomyError::Parse {
            file: file.clone(),
            message: e.message().to_string(),
        })?;
        for s in raw.skill {
            check_id(file, &s.id)?;
            let invalid = |message: &str| TaxonomyError::Invalid {
                file: file.clone(),
                skill: s.id.clone(),
                message: message.into(),
            };
            if s.name.trim().is_empty() || s.name.len() > 60 {
                return Err(invalid("a name is 1-60 characters"));
            }
            if s.aliases.iter().any(|a| key(a).is_empty()) {
                return Err(invalid("an alias needs at least one letter or digit"));
            }
            let category = s
                .category
                .or_else(|| raw.category.clone())
                .ok_or_else(|| invalid("no category (set one on the skill or the file)"))?;
            skills.push(LoadedSkill {
                id: s.id,
                name: s.name.trim().to_string(),
                aliases: s.aliases,
                category,
                implies: s.implies,
                text: s.text,
                file: file.clone(),
            });
        }
    }
    if skills.len() > usize::from(u16::MAX) {
        return Err(TaxonomyError::TooMany(skills.len()));
    }
    Ok(skills)
}

/// Builds the lookup from every normalised id, name and alias to a skill index, refusing clashes.
pub(crate) fn build_keys(skills: &[LoadedSkill]) -> Result<HashMap<String, u16>, TaxonomyError> {
    let mut ids: HashMap<&str, usize> = HashMap::new();
    for (i, s) in skills.iter().enumerate() {
        if let Some(&first) = ids.get(s.id.as_str()) {
            return Err(TaxonomyError::DuplicateId {
                file: s.file.clone(),
                skill: s.id.clone(),
                first_file: skills[first].file.clone(),
            });
        }
        ids.insert(&s.id, i);
    }
    let mut keys: HashMap<String, u16> = HashMap::new();
    for (i, s) in skills.iter().enumerate() {
        let index = i as u16; // parse_files caps the count at u16::MAX
        let forms = std::iter::once(&s.id)
            .chain(std::iter::once(&s.name))
            .chain(&s.aliases);
        for form in forms {
            let k = key(form);
            match keys.get(&k) {
                Some(&other) if other != index => {
                    let other = &skills[usize::from(other)];
                    return Err(TaxonomyError::DuplicateAlias {
                        file: s.file.clone(),
                        skill: s.id.clone(),
                        alias: form.clone(),
                        other: other.id.clone(),
                        other_file: other.file.clone(),
                    });
                }
                Some(_) => {}
                None => {
                    keys.insert(k, index);
                }
            }
        }
    }
    Ok(keys)
}

/// Resolves implied ids to indexes (direct links only), refusing unknown ids.
pub(crate) fn resolve_implies(
    skills: &[LoadedSkill],
    ids: &HashMap<&str, u16>,
) -> Result<Vec<Vec<u16>>, TaxonomyError> {
    skills
        .iter()
        .map(|s| {
            s.implies
                .iter()
                .map(|imp| {
                    ids.get(imp.as_str())
                        .copied()
                        .ok_or_else(|| TaxonomyError::UnknownImplied {
                            file: s.file.clone(),
                            skill: s.id.clone(),
                            implied: imp.clone(),
                        })
                })
                .collect()
        })
        .collect()
}

/// The transitive closure of the implied links, refusing cycles (the path is named in the error).
pub(crate) fn closure(
    skills: &[LoadedSkill],
    direct: &[Vec<u16>],
) -> Result<Vec<Vec<u16>>, TaxonomyError> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Active,
        Done,
    }
    fn visit(
        at: usize,
        direct: &[Vec<u16>],
        marks: &mut [Mark],
        stack: &mut Vec<usize>,
        out: &mut [Vec<u16>],
    ) -> Result<(), Vec<usize>> {
        marks[at] = Mark::Active;
        stack.push(at);
        let mut all: Vec<u16> = Vec::new();
        for &next in &direct[at] {
            let n = usize::from(next);
            match marks[n] {
                Mark::Active => {
                    let from = stack.iter().position(|&s| s == n).unwrap_or(0);
                    let mut path = stack[from..].to_vec();
                    path.push(n);
                    return Err(path);
                }
                Mark::New => visit(n, direct, marks, stack, out)?,
                Mark::Done => {}
            }
            all.push(next);
            all.extend_from_slice(&out[n]);
        }
        all.sort_unstable();
        all.dedup();
        out[at] = all;
        stack.pop();
        marks[at] = Mark::Done;
        Ok(())
    }

    let mut marks = vec![Mark::New; skills.len()];
    let mut out = vec![Vec::new(); skills.len()];
    for start in 0..skills.len() {
        if marks[start] == Mark::New {
            let mut stack = Vec::new();
            visit(start, direct, &mut marks, &mut stack, &mut out).map_err(|path| {
                let first = &skills[path[0]];
                TaxonomyError::Cycle {
                    file: first.file.clone(),
                    skill: first.id.clone(),
                    path: path
                        .iter()
                        .map(|&i| skills[i].id.as_str())
                        .collect::<Vec<_>>()
                        .join(" -> "),
                }
            })?;
        }
    }
    Ok(out)
}
