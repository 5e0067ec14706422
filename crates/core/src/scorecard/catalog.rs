//! What the scorecard needs from a skill taxonomy, as a trait: the shipped taxonomy lives in
//! hireloop-match, which depends on core, so core names the questions and the caller answers them.

use serde::Serialize;

/// A skill the catalog knows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct KnownSkill {
    /// Stable id, e.g. "postgresql".
    pub id: String,
    /// How people write it, e.g. "PostgreSQL".
    pub name: String,
    /// e.g. "language", "framework", "database", "infrastructure", "practice".
    pub category: String,
}

/// A skill taxonomy as the scorecard parser and linter use it.
pub trait SkillCatalog {
    /// The known skill `raw` names (by id, name or alias, any case), if any.
    fn resolve(&self, raw: &str) -> Option<KnownSkill>;
    /// Up to `limit` known skills closest to `raw`, nearest first, for "did you mean".
    fn suggest(&self, raw: &str, limit: usize) -> Vec<KnownSkill>;
    /// The languages a framework or library implies (Django → Python; NestJS → Node.js and
    /// TypeScript); empty for a language or when the catalog does not say.
    fn languages_of(&self, skill_id: &str) -> Vec<KnownSkill>;
}

/// One entry of a [`StaticCatalog`].
#[derive(Debug, Clone, Copy)]
pub struct CatalogEntry {
    pub id: &'static str,
    pub name: &'static str,
    pub category: &'static str,
    pub aliases: &'static [&'static str],
    /// For frameworks and libraries: the ids of the languages they imply.
    pub languages: &'static [&'static str],
}

/// A small catalog over a fixed list: for tests, examples and tools without the full taxonomy.
#[derive(Debug, Clone, Copy)]
pub struct StaticCatalog {
    pub entries: &'static [CatalogEntry],
}

fn key(raw: &str) -> String {
    raw.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl StaticCatalog {
    fn known(entry: &CatalogEntry) -> KnownSkill {
        KnownSkill {
            id: entry.id.into(),
            name: entry.name.into(),
            category: entry.category.into(),
        }
    }

    fn find(&self, id: &str) -> Option<&CatalogEntry> {
        self.entries.iter().find(|e| e.id == id)
    }
}

impl SkillCatalog for StaticCatalog {
    fn resolve(&self, raw: &str) -> Option<KnownSkill> {
        let wanted = key(raw);
        self.entries
            .iter()
            .find(|e| {
                e.id == wanted
                    || key(e.name) == wanted
                    || e.aliases.iter().any(|a| key(a) == wanted)
            })
            .map(Self::known)
    }

    fn suggest(&self, raw: &str, limit: usize) -> Vec<KnownSkill> {
        let wanted = key(raw);
        let mut scored: Vec<(usize, &CatalogEntry)> = self
            .entries
            .iter()
            .map(|e| {
                let best = std::iter::once(e.id)
                    .chain(std::iter::once(e.name))
                    .chain(e.aliases.iter().copied())
                    .map(|n| strsim::levenshtein(&wanted, &key(n)))
                    .min()
                    .unwrap_or(usize::MAX);
                (best, e)
            })
            .filter(|(d, _)| *d <= wanted.chars().count().max(3) / 2 + 1)
            .collect();
        scored.sort_by_key(|(d, e)| (*d, e.id));
        scored
            .into_iter()
            .take(limit)
            .map(|(_, e)| Self::known(e))
            .collect()
    }

    fn languages_of(&self, skill_id: &str) -> Vec<KnownSkill> {
        self.find(skill_id)
            .map(|e| e.languages)
            .unwrap_or_default()
            .iter()
            .filter_map(|id| self.find(id))
            .map(Self::known)
            .collect()
    }
}

#[cfg(test)]
pub(crate) mod testing {
    use super::{CatalogEntry, StaticCatalog};

    const fn skill(id: &'static str, name: &'static str, category: &'static str) -> CatalogEntry {
        CatalogEntry {
            id,
            name,
            category,
            aliases: &[],
            languages: &[],
        }
    }

    const fn framework(
        id: &'static str,
        name: &'static str,
        languages: &'static [&'static str],
        aliases: &'static [&'static str],
    ) -> CatalogEntry {
        CatalogEntry {
            id,
            name,
            category: "framework",
            aliases,
            languages,
        }
    }

    /// The skills the unit tests and the example role files use.
    pub(crate) const CATALOG: StaticCatalog = StaticCatalog {
        entries: &[
            skill("go", "Go", "language"),
            skill("python", "Python", "language"),
            skill("java", "Java", "language"),
            skill("php", "PHP", "language"),
            skill("ruby", "Ruby", "language"),
            skill("nodejs", "Node.js", "language"),
            skill("typescript", "TypeScript", "language"),
            skill("kotlin", "Kotlin", "language"),
            framework("django", "Django", &["python"], &["django framework"]),
            framework("fastapi", "FastAPI", &["python"], &["fast api"]),
            framework("spring-boot", "Spring Boot", &["java"], &["springboot"]),
            framework("laravel", "Laravel", &["php"], &[]),
            framework("rails", "Ruby on Rails", &["ruby"], &["rails", "ror"]),
            framework("nestjs", "NestJS", &["nodejs", "typescript"], &["nest.js"]),
            framework("express", "Express", &["nodejs"], &["express.js"]),
            framework("gin", "Gin", &["go"], &[]),
            skill("postgresql", "PostgreSQL", "database"),
            skill("mysql", "MySQL", "database"),
            skill("redis", "Redis", "database"),
            skill("mongodb", "MongoDB", "database"),
            skill("kafka", "Apache Kafka", "messaging"),
            skill("rabbitmq", "RabbitMQ", "messaging"),
            skill("aws", "AWS", "cloud"),
            skill("gcp", "Google Cloud", "cloud"),
            skill("docker", "Docker", "infrastructure"),
            skill("kubernetes", "Kubernetes", "infrastructure"),
            skill("terraform", "Terraform", "infrastructure"),
            skill("github-actions", "GitHub Actions", "infrastructure"),
            skill("jenkins", "Jenkins", "infrastructure"),
            skill("datadog", "Datadog", "infrastructure"),
            skill("jira", "Jira", "tool"),
            skill("rest-api", "REST API design", "practice"),
            skill("sql", "SQL", "language"),
            skill("system-design", "System design", "practice"),
            skill("distributed-systems", "Distributed systems", "practice"),
            skill("microservices", "Microservices", "practice"),
            skill("database-design", "Database design", "practice"),
            skill("testing", "Automated testing", "practice"),
            skill("security", "Application security", "practice"),
            skill("react", "React", "frontend"),
            skill("vue", "Vue.js", "frontend"),
            skill("css", "CSS", "frontend"),
            skill("payments", "Payments", "domain"),
        ],
    };
}

#[cfg(test)]
mod tests {
    use super::testing::CATALOG;
    use super::SkillCatalog;

    #[test]
    fn resolves_by_id_name_and_alias_and_suggests_near_misses() {
        assert_eq!(CATALOG.resolve("PostgreSQL").unwrap().id, "postgresql");
        assert_eq!(CATALOG.resolve("  RoR ").unwrap().id, "rails");
        assert!(CATALOG.resolve("Postgress").is_none());
        let ids: Vec<_> = CATALOG
            .suggest("Postgress", 3)
            .into_iter()
            .map(|s| s.id)
            .collect();
        assert_eq!(ids.first().map(String::as_str), Some("postgresql"));
        assert!(CATALOG.suggest("zzzzzzzzzzzz", 3).is_empty());
        assert_eq!(CATALOG.languages_of("django")[0].id, "python");
        assert_eq!(CATALOG.languages_of("nestjs").len(), 2);
        assert!(CATALOG.languages_of("go").is_empty());
    }
}
