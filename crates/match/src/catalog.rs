//! The shipped taxonomy as the scorecard's `SkillCatalog` (core names the questions, this crate
//! answers them): names and aliases resolve, near misses get "did you mean" suggestions by edit
//! distance, and a framework names the languages it implies.

use crate::taxonomy::{key, Skill, SkillId, Taxonomy};
use hireloop_core::scorecard::{KnownSkill, SkillCatalog};

/// Categories that are languages for the scorecard: Node.js is filed as a runtime but hired as one.
const LANGUAGE_CATEGORIES: &[&str] = &["language", "runtime"];

fn known(skill: &Skill) -> KnownSkill {
    KnownSkill {
        id: skill.id.clone(),
        name: skill.name.clone(),
        category: skill.category.clone(),
    }
}

fn is_language(skill: &Skill) -> bool {
    LANGUAGE_CATEGORIES.contains(&skill.category.as_str())
}

impl Taxonomy {
    fn by_text_id(&self, id: &str) -> Option<(SkillId, &Skill)> {
        self.iter().find(|(_, s)| s.id == id)
    }
}

impl SkillCatalog for Taxonomy {
    fn resolve(&self, raw: &str) -> Option<KnownSkill> {
        Taxonomy::resolve(self, raw)
            .and_then(|id| self.get(id))
            .map(known)
    }

    fn suggest(&self, raw: &str, limit: usize) -> Vec<KnownSkill> {
        let wanted = key(raw);
        if wanted.is_empty() {
            return Vec::new();
        }
        // A third of the word may be wrong and it still reads as a typo ("Djangoo", "Postgress").
        let most = wanted.chars().count() / 3 + 1;
        let mut scored: Vec<(usize, SkillId)> = self
            .iter()
            .filter_map(|(id, s)| {
                let best = std::iter::once(&s.id)
                    .chain(std::iter::once(&s.name))
                    .chain(&s.aliases)
                    .map(|form| strsim::levenshtein(&wanted, &key(form)))
                    .min()?;
                (best <= most).then_some((best, id))
            })
            .collect();
        // Ties go to file order, which lists the common skills first.
        scored.sort();
        scored
            .into_iter()
            .take(limit)
            .filter_map(|(_, id)| self.get(id))
            .map(known)
            .collect()
    }

    fn languages_of(&self, skill_id: &str) -> Vec<KnownSkill> {
        let Some((start, skill)) = self.by_text_id(skill_id) else {
            return Vec::new();
        };
        if is_language(skill) {
            return Vec::new();
        }
        // Follow implications until a language: Spring Boot → Spring → Java, but NestJS stops at
        // Node.js and TypeScript rather than going on to JavaScript.
        let mut found: Vec<KnownSkill> = Vec::new();
        let mut seen = vec![start];
        let mut queue: Vec<SkillId> = skill.implies.clone();
        while let Some(next) = queue.pop() {
            if seen.contains(&next) {
                continue;
            }
            seen.push(next);
            let Some(s) = self.get(next) else { continue };
            if is_language(s) {
                found.push(known(s));
            } else {
                queue.extend(s.implies.iter().rev());
            }
        }
        found.sort_by(|a, b| a.id.cmp(&b.id));
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(skills: Vec<KnownSkill>) -> Vec<String> {
        skills.into_iter().map(|s| s.id).collect()
    }

    #[test]
    fn the_shipped_taxonomy_answers_the_scorecard_questions() {
        let t = Taxonomy::shipped().unwrap();
        let catalog: &dyn SkillCatalog = &t;
        let postgres = catalog.resolve("Postgres").unwrap();
        assert_eq!(
            (postgres.id.as_str(), postgres.name.as_str()),
            ("postgresql", "PostgreSQL")
        );
        assert_eq!(catalog.resolve("NODE.JS").unwrap().id, "nodejs");
        assert!(catalog.resolve("Djangoo").is_none());

        let near = ids(catalog.suggest("Djangoo", 3));
        assert_eq!(near.first().map(String::as_str), Some("django"), "{near:?}");
        assert!(near.len() <= 3);
        assert_eq!(
            ids(catalog.suggest("Postgress", 3))
                .first()
                .map(String::as_str),
            Some("postgresql")
        );
        assert!(catalog.suggest("qqqqqqqqqqqqqqqq", 3).is_empty());
        assert!(catalog.suggest("  ", 3).is_empty());

        assert_eq!(
            ids(catalog.languages_of("nestjs")),
            ["nodejs", "typescript"]
        );
        assert_eq!(ids(catalog.languages_of("django")), ["python"]);
        assert_eq!(ids(catalog.languages_of("spring-boot")), ["java"]);
        // A language implies no language, even when the taxonomy says TypeScript implies JavaScript.
        assert!(catalog.languages_of("typescript").is_empty());
        assert!(catalog.languages_of("nodejs").is_empty());
        assert!(catalog.languages_of("no-such-skill").is_empty());
    }
}
