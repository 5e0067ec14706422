//! From the stored domain to the engine: a core `Candidate` becomes a `Profile`, a role's `Scorecard`
//! becomes a `Query`. What the stored data cannot say yet is filled by a stated convention and noted.

use crate::profile::{Country, Profile, ProfileSkill, Rate, Vetting, MAX_PROFILE_SKILLS};
use crate::query::{Budget, MustHave, NiceToHave, Query, TeamHours};
use crate::taxonomy::Taxonomy;
use chrono::NaiveDate;
use hireloop_core::candidate::{Candidate, Region};
use hireloop_core::level::Level;
use hireloop_core::money::Money;
use hireloop_core::scorecard::Scorecard;

/// The level every stored candidate gets until profiles state one. Its component weighs 0 in
/// `scorecard_query`, so the placeholder never moves a score.
pub const PLACEHOLDER_LEVEL: Level = Level::Mid;

/// A candidate as a profile, plus the tags the taxonomy does not know (kept, never dropped).
#[derive(Debug, Clone, PartialEq)]
pub struct AdaptedCandidate {
    pub profile: Profile,
    pub unknown_skills: Vec<String>,
}

/// A representative UTC offset for a rate region, in minutes, at standard time: the candidate's
/// own zone is not stored yet, so the region's largest hiring hub stands in for it.
pub fn region_utc_offset_minutes(region: Region) -> i16 {
    match region {
        Region::UnitedStates | Region::Canada => -5 * 60, // New York, Toronto
        Region::WesternEurope => 60,                      // Berlin, Paris, Amsterdam
        Region::LatinAmerica => -3 * 60,                  // São Paulo, Buenos Aires
        Region::EasternEurope => 2 * 60,                  // Bucharest, Kyiv, Sofia
        Region::Asia => 5 * 60 + 30,                      // India
    }
}

/// USD money as an engine rate; `None` for other currencies (no conversion table yet).
pub fn usd_rate(money: &Money) -> Option<Rate> {
    if money.currency.as_str() != "USD" {
        return None;
    }
    Some(Rate {
        amount_usd: u32::try_from(money.amount.max(0)).unwrap_or(u32::MAX),
        period: money.period,
    })
}

/// The profile of a stored candidate. Skills are normalised through the taxonomy with years
/// unknown; level is `PLACEHOLDER_LEVEL`; no region means UTC and the placeholder region (no
/// query built here filters on region); availability is `today`; vetting is "not vetted".
pub fn candidate_profile(
    taxonomy: &Taxonomy,
    candidate: &Candidate,
    today: NaiveDate,
) -> AdaptedCandidate {
    let tags: Vec<&str> = candidate.skills.iter().map(|s| s.as_str()).collect();
    let normalised = taxonomy.normalise(&tags);
    let skills = normalised
        .skills
        .iter()
        .take(MAX_PROFILE_SKILLS)
        .map(|&skill| ProfileSkill { skill, years: None })
        .collect();
    AdaptedCandidate {
        profile: Profile {
            id: candidate.id,
            display_name: candidate.name.to_string(),
            skills,
            level: PLACEHOLDER_LEVEL,
            region: candidate.region.unwrap_or(Region::UnitedStates),
            country: Country::default(),
            utc_offset_minutes: candidate.region.map_or(0, region_utc_offset_minutes),
            rate: candidate.expected_rate.as_ref().and_then(usd_rate),
            engagements: Vec::new(),
            work_modes: Vec::new(),
            available_from: today,
            vetting: Vetting::NotVetted,
        },
        unknown_skills: normalised.unknown,
    }
}

/// A scorecard as a query, with notes on every part of it the query could not carry.
#[derive(Debug, Clone, PartialEq)]
pub struct AdaptedQuery {
    pub query: Query,
    pub notes: Vec<String>,
}

/// Options a caller sets per request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct QueryOptions {
    pub vetted_only: bool,
    /// Enforce must-haves' minimum years. Off by default while profiles state no years: the
    /// engine fails unknown years against a minimum, which would leave nobody.
    pub enforce_min_years: bool,
}

/// The query a role's scorecard asks: must-haves as filters, nice-to-haves weighted, the primary
/// language as a filter, the level for expected years, the budget ceiling (USD only), and the
/// team's time-zone overlap. Skills the taxonomy does not know are left out and noted.
pub fn scorecard_query(
    taxonomy: &Taxonomy,
    card: &Scorecard,
    today: NaiveDate,
    options: QueryOptions,
) -> AdaptedQuery {
    let mut notes = Vec::new();
    let mut query = Query::new(today);
    query.vetted_only = options.vetted_only;
    query.level = Some(card.level.market_level());
    // Profiles carry no level or availability yet: scoring them would rank a placeholder.
    query.weights.level = 0.0;
    query.weights.availability = 0.0;
    notes.push(
        "Level and availability are not scored: candidate profiles do not state them yet".into(),
    );
    for (i, m) in card.must_have.iter().enumerate() {
        let Some(skill) = taxonomy.resolve(m.skill.as_str()) else {
            notes.push(format!(
                "must_have[{i}] '{}' is not in the skill taxonomy and is not used as a filter",
                m.skill
            ));
            continue;
        };
        let min_years = m.min_years.filter(|&y| y > 0).map(f32::from);
        if let (Some(y), false) = (min_years, options.enforce_min_years) {
            notes.push(format!(
                "{} needs {y} years: not enforced, as candidate profiles do not state years per skill yet",
                m.skill
            ));
        }
        query.must_have.push(MustHave {
            skill,
            min_years: min_years.filter(|_| options.enforce_min_years),
        });
    }
    for (i, n) in card.nice_to_have.iter().enumerate() {
        match taxonomy.resolve(n.skill.as_str()) {
            Some(skill) => query.nice_to_have.push(NiceToHave {
                skill,
                weight: f32::from(n.weight.min(10)),
            }),
            None => notes.push(format!(
                "nice_to_have[{i}] '{}' is not in the skill taxonomy and does not score",
                n.skill
            )),
        }
    }
    if let Some(lang) = &card.primary_language {
        match taxonomy.resolve(lang.as_str()) {
            Some(skill) => query.primary_language = Some(skill),
            None => notes.push(format!(
                "primary_language '{lang}' is not in the skill taxonomy and is not used as a filter"
            )),
        }
    }
    if let Some(budget) = &card.budget {
        let ceiling = Money {
            amount: budget.max,
            currency: budget.currency.clone(),
            period: budget.period,
        };
        match usd_rate(&ceiling) {
            Some(ceiling) => {
                query.budget = Some(Budget {
                    ceiling,
                    stretch_percent: 0,
                })
            }
            None => notes.push(format!(
                "The budget is in {}: only USD budgets are compared until a currency table exists",
                budget.currency.as_str()
            )),
        }
    }
    if let Some(location) = &card.location {
        if let (Some(zone), Some(hours)) = (&location.team_timezone, location.overlap_hours) {
            // Standard-time offset, rounded to the quarter hour the engine works in.
            let minutes = (zone.standard_offset_hours() * 4.0).round() as i16 * 15;
            query.team_hours = Some(TeamHours::office_day(minutes, f32::from(hours)));
        }
        if !location.countries.is_empty() {
            let codes: Vec<&str> = location.countries.iter().map(|c| c.as_str()).collect();
            notes.push(format!(
                "Allowed countries ({}) are not applied: candidate profiles record a rate region, not a country",
                codes.join(", ")
            ));
        }
    }
    AdaptedQuery { query, notes }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;
    use hireloop_core::candidate::CandidateInput;
    use hireloop_core::ids::CandidateId;
    use hireloop_core::money::MoneyInput;
    use hireloop_core::scorecard::from_toml;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, 1).unwrap()
    }

    fn candidate(skills: &[&str], region: Option<&str>, rate: Option<(i64, &str)>) -> Candidate {
        let new = CandidateInput {
            name: "Ana Petrović".into(),
            email: "ana@example.com".into(),
            region: region.map(Into::into),
            skills: skills.iter().map(|s| s.to_string()).collect(),
            expected_rate: rate.map(|(amount, currency)| MoneyInput {
                amount,
                currency: Some(currency.into()),
                period: "hour".into(),
            }),
            ..Default::default()
        }
        .parse()
        .unwrap();
        Candidate {
            id: CandidateId(uuid::Uuid::now_v7()),
            name: new.name,
            email: new.email,
            location: new.location,
            region: new.region,
            skills: new.skills,
            expected_rate: new.expected_rate,
            created_at: Utc::now(),
            updated_at: Utc::now(),
        }
    }

    #[test]
    fn candidate_tags_are_normalised_and_unknown_ones_kept() {
        let tax = Taxonomy::shipped().unwrap();
        let c = candidate(
            &["Golang", "Postgres", "underwater basket weaving"],
            Some("eastern_europe"),
            Some((70, "USD")),
        );
        let adapted = candidate_profile(&tax, &c, today());
        let ids: Vec<&str> = adapted
            .profile
            .skills
            .iter()
            .map(|s| tax.get(s.skill).unwrap().id.as_str())
            .collect();
        assert_eq!(ids, ["go", "postgresql"]);
        assert!(adapted.profile.skills.iter().all(|s| s.years.is_none()));
        assert_eq!(adapted.unknown_skills, ["underwater basket weaving"]);
        assert_eq!(adapted.profile.utc_offset_minutes, 120);
        assert_eq!(adapted.profile.rate, Some(Rate::hourly(70)));
    }

    #[test]
    fn non_usd_rates_and_missing_regions_are_unknown_not_guessed() {
        let tax = Taxonomy::shipped().unwrap();
        let adapted =
            candidate_profile(&tax, &candidate(&["go"], None, Some((70, "EUR"))), today());
        assert_eq!(adapted.profile.rate, None);
        assert_eq!(adapted.profile.utc_offset_minutes, 0);
    }

    #[test]
    fn the_example_scorecard_becomes_a_query_with_notes() {
        let tax = Taxonomy::shipped().unwrap();
        let text = include_str!("../../../examples/roles/senior-go-payments.toml");
        let card = from_toml(text).unwrap();
        let adapted = scorecard_query(&tax, &card, today(), QueryOptions::default());
        let q = &adapted.query;
        assert_eq!(q.must_have.len(), 5);
        assert!(q.must_have.iter().all(|m| m.min_years.is_none()));
        assert_eq!(q.nice_to_have.len(), 2);
        assert_eq!(q.primary_language, tax.resolve("go"));
        assert!(q.primary_language_required);
        assert_eq!(q.level, Some(Level::Senior));
        assert_eq!(q.budget.unwrap().ceiling, Rate::annual(190_000));
        assert_eq!(q.team_hours.unwrap().utc_offset_minutes, 60);
        assert_eq!(q.team_hours.unwrap().min_overlap_hours, 4.0);
        let notes = adapted.notes.join("\n");
        assert!(notes.contains("Go needs 4 years: not enforced"), "{notes}");
        assert!(notes.contains("PL, RO, RS"), "{notes}");

        let strict = QueryOptions {
            enforce_min_years: true,
            vetted_only: true,
        };
        let adapted = scorecard_query(&tax, &card, today(), strict);
        assert_eq!(adapted.query.must_have[0].min_years, Some(4.0));
        assert!(adapted.query.vetted_only);
    }

    #[test]
    fn skills_outside_the_taxonomy_are_noted_not_silently_dropped() {
        let tax = Taxonomy::shipped().unwrap();
        let card = from_toml(
            "title = \"Backend Engineer\"\nlevel = \"mid\"\nengagement = \"full_time\"\nheadcount = 1\n\
             [[must_have]]\nskill = \"Quantum basket weaving\"\n",
        )
        .unwrap();
        let adapted = scorecard_query(&tax, &card, today(), QueryOptions::default());
        assert!(adapted.query.must_have.is_empty());
        assert!(adapted
            .notes
            .iter()
            .any(|n| n
                .contains("must_have[0] 'Quantum basket weaving' is not in the skill taxonomy")));
    }
}
