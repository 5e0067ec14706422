//! The fixed query mix of the benchmark: narrow queries (several must-haves, tight budget and
//! time zone) and broad ones (one language, or only nice-to-haves, over most of the pool).

use crate::profile::{Country, Rate, WorkMode};
use crate::query::{Budget, Query, TeamHours};
use crate::taxonomy::{SkillId, Taxonomy};
use chrono::{Days, NaiveDate};
use hireloop_core::candidate::Region;
use hireloop_core::level::Level;
use hireloop_core::market::advice::Engagement;

/// A query of the mix, with a name for reports and whether it is narrow or broad.
#[derive(Debug, Clone)]
pub struct NamedQuery {
    pub name: &'static str,
    pub broad: bool,
    pub query: Query,
    /// Free text every result must match (all of its words), searched outside the engine; the
    /// caller turns the hits into `query.text`. `None` for the filter-and-skill queries.
    pub text: Option<&'static str>,
}

/// The standard mix over the shipped taxonomy; `Err` names a skill the taxonomy lacks.
pub fn standard_queries(tax: &Taxonomy, today: NaiveDate) -> Result<Vec<NamedQuery>, String> {
    let s = |name: &str| -> Result<SkillId, String> {
        tax.resolve(name)
            .ok_or_else(|| format!("the taxonomy has no skill '{name}'"))
    };
    let countries = |codes: &[&str]| -> Vec<Country> {
        codes
            .iter()
            .filter_map(|c| Country::parse(c).ok())
            .collect()
    };
    let base = || Query::new(today);
    let cet = TeamHours::office_day(60, 4.0);
    let us_east = TeamHours::office_day(-300, 6.0);
    let q = |name, broad, query| NamedQuery {
        name,
        broad,
        query,
        text: None,
    };
    Ok(vec![
        q(
            "senior-go-payments",
            false,
            Query {
                primary_language: Some(s("go")?),
                level: Some(Level::Senior),
                allowed_levels: Some(vec![Level::Senior]),
                budget: Some(Budget {
                    ceiling: Rate::hourly(110),
                    stretch_percent: 0,
                }),
                team_hours: Some(cet),
                vetted_only: true,
                engagement: Some(Engagement::Contractor),
                ..base()
            }
            .must(s("postgresql")?, None)
            .must(s("kafka")?, Some(2.0))
            .nice(s("kubernetes")?, 1.0)
            .nice(s("grpc")?, 1.0),
        ),
        q(
            "mid-python-django",
            false,
            Query {
                primary_language: Some(s("python")?),
                level: Some(Level::Mid),
                allowed_levels: Some(vec![Level::Mid, Level::Senior]),
                budget: Some(Budget {
                    ceiling: Rate::hourly(70),
                    stretch_percent: 10,
                }),
                work_mode: Some(WorkMode::Remote),
                ..base()
            }
            .must(s("django")?, None)
            .nice(s("postgresql")?, 1.0)
            .nice(s("celery")?, 1.0)
            .nice(s("redis")?, 0.5)
            .nice(s("aws")?, 1.0),
        ),
        q(
            "senior-java-spring-us",
            false,
            Query {
                primary_language: Some(s("java")?),
                level: Some(Level::Senior),
                budget: Some(Budget {
                    ceiling: Rate::annual(180_000),
                    stretch_percent: 0,
                }),
                team_hours: Some(us_east),
                countries: Some(countries(&["US", "CA"])),
                ..base()
            }
            .must(s("spring-boot")?, None)
            .nice(s("kafka")?, 1.0)
            .nice(s("aws")?, 1.0)
            .nice(s("microservices")?, 1.0),
        ),
        q(
            "node-any-level",
            true,
            Query {
                primary_language: Some(s("nodejs")?),
                ..base()
            }
            .nice(s("typescript")?, 1.0)
            .nice(s("mongodb")?, 1.0)
            .nice(s("aws")?, 1.0),
        ),
        q(
            "postgres-mid",
            true,
            Query {
                level: Some(Level::Mid),
                ..base()
            }
            .must(s("postgresql")?, None)
            .nice(s("docker")?, 1.0)
            .nice(s("rest-api")?, 1.0),
        ),
        q(
            "senior-rust-tokio",
            false,
            Query {
                primary_language: Some(s("rust")?),
                level: Some(Level::Senior),
                ..base()
            }
            .must(s("tokio")?, None)
            .nice(s("postgresql")?, 1.0)
            .nice(s("kafka")?, 1.0),
        ),
        q(
            "php-laravel-latam",
            false,
            Query {
                primary_language: Some(s("php")?),
                regions: Some(vec![Region::LatinAmerica]),
                budget: Some(Budget {
                    ceiling: Rate::hourly(60),
                    stretch_percent: 0,
                }),
                ..base()
            }
            .must(s("laravel")?, None)
            .must(s("mysql")?, None),
        ),
        q(
            "dotnet-azure-cet",
            false,
            Query {
                primary_language: Some(s("csharp")?),
                level: Some(Level::Mid),
                allowed_levels: Some(vec![Level::Mid, Level::Senior]),
                team_hours: Some(TeamHours::office_day(60, 3.0)),
                ..base()
            }
            .must(s("aspnet-core")?, None)
            .must(s("azure")?, None)
            .nice(s("sql-server")?, 1.0),
        ),
        q(
            "kotlin-contract-to-hire-soon",
            false,
            Query {
                primary_language: Some(s("kotlin")?),
                engagement: Some(Engagement::ContractToHire),
                available_by: today.checked_add_days(Days::new(14)),
                ..base()
            }
            .nice(s("spring-boot")?, 1.0)
            .nice(s("ktor")?, 1.0),
        ),
        q(
            "senior-python-llm",
            false,
            Query {
                primary_language: Some(s("python")?),
                level: Some(Level::Senior),
                ..base()
            }
            .must(s("llm-apis")?, None)
            .nice(s("rag")?, 1.0)
            .nice(s("vector-search")?, 1.0)
            .nice(s("fastapi")?, 1.0),
        ),
        q(
            "go-europe-remote",
            true,
            Query {
                primary_language: Some(s("go")?),
                regions: Some(vec![Region::EasternEurope, Region::WesternEurope]),
                work_mode: Some(WorkMode::Remote),
                budget: Some(Budget {
                    ceiling: Rate::hourly(90),
                    stretch_percent: 10,
                }),
                ..base()
            }
            .nice(s("docker")?, 1.0)
            .nice(s("kubernetes")?, 1.0)
            .nice(s("aws")?, 1.0),
        ),
        q(
            "python-nice-only-whole-pool",
            true,
            Query {
                primary_language: Some(s("python")?),
                primary_language_required: false,
                ..base()
            }
            .nice(s("aws")?, 1.0)
            .nice(s("docker")?, 1.0)
            .nice(s("kubernetes")?, 1.0)
            .nice(s("postgresql")?, 1.0),
        ),
    ])
}

/// The queries with free text (over `synth::TextGenerator`'s vocabulary), narrow and broad: the
/// text is a hard filter (every word) and, scored, a component of the score.
pub fn text_queries(tax: &Taxonomy, today: NaiveDate) -> Result<Vec<NamedQuery>, String> {
    let s = |name: &str| -> Result<SkillId, String> {
        tax.resolve(name)
            .ok_or_else(|| format!("the taxonomy has no skill '{name}'"))
    };
    let base = || Query::new(today);
    let q = |name, broad, text, query| NamedQuery {
        name,
        broad,
        query,
        text: Some(text),
    };
    Ok(vec![
        q(
            "go-payments-migration-text",
            false,
            "payments migrated",
            Query {
                primary_language: Some(s("go")?),
                level: Some(Level::Senior),
                allowed_levels: Some(vec![Level::Mid, Level::Senior]),
                ..base()
            }
            .must(s("postgresql")?, None)
            .nice(s("kafka")?, 1.0)
            .nice(s("grpc")?, 1.0),
        ),
        q(
            "kubernetes-oncall-text",
            true,
            "kubernetes oncall",
            base()
                .nice(s("kubernetes")?, 1.0)
                .nice(s("docker")?, 1.0)
                .nice(s("aws")?, 1.0),
        ),
        q(
            "healthcare-python-nice-text",
            true,
            "healthcare",
            Query {
                primary_language: Some(s("python")?),
                primary_language_required: false,
                ..base()
            }
            .nice(s("fastapi")?, 1.0)
            .nice(s("postgresql")?, 1.0),
        ),
        q(
            "streaming-pipelines-kafka-eu-text",
            false,
            "streaming realtime pipelines",
            Query {
                regions: Some(vec![Region::EasternEurope, Region::WesternEurope]),
                team_hours: Some(TeamHours::office_day(60, 4.0)),
                ..base()
            }
            .must(s("kafka")?, None)
            .nice(s("kubernetes")?, 1.0),
        ),
        q(
            "java-led-platform-team-text",
            false,
            "led platform team",
            Query {
                primary_language: Some(s("java")?),
                level: Some(Level::Senior),
                allowed_levels: Some(vec![Level::Senior]),
                budget: Some(Budget {
                    ceiling: Rate::hourly(120),
                    stretch_percent: 10,
                }),
                ..base()
            }
            .must(s("spring-boot")?, None)
            .nice(s("aws")?, 1.0),
        ),
        q(
            "mainframe-decommission-remote-text",
            true,
            "decommissioned mainframe",
            Query {
                work_mode: Some(WorkMode::Remote),
                ..base()
            }
            .nice(s("java")?, 1.0),
        ),
    ])
}
