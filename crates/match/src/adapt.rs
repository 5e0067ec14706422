//! From the stored domain to the engine: a core `Candidate` becomes a `Profile`, a role's `Scorecard`
//! becomes a `Query`. What the stored data cannot say yet is filled by a stated convention and noted.

use crate::plan::AVAILABILITY_HORIZON_DAYS;
use crate::profile::{
    Country, Profile, ProfileSkill, Rate, Vetting, WorkMode, MAX_PROFILE_SKILLS, MAX_YEARS,
};
use crate::query::{MustHave, NiceToHave, Query, TeamHours};
use crate::role_terms;
use crate::taxonomy::{SkillId, Taxonomy};
use chrono::{Days, NaiveDate};
use hireloop_core::candidate::{Candidate, Region};
use hireloop_core::candidate_profile::{EngagementPreference, VettingStatus};
use hireloop_core::experience::LevelFinding;
use hireloop_core::level::Level;
use hireloop_core::market::advice::Engagement;
use hireloop_core::market::currency::UsdRates;
use hireloop_core::money::Money;
use hireloop_core::scorecard::Scorecard;

/// The level a candidate who states none is scored as: the middle of the scale, so an unknown
/// level neither tops nor sinks a ranking (a stated fit beats it, a stated misfit falls below it).
pub const PLACEHOLDER_LEVEL: Level = Level::Mid;

/// A candidate who states no availability is taken as available this many days from today: half
/// the availability horizon, so the unknown scores half, as the engine scores unknown years and
/// unknown rates (a stated "now" beats it).
pub const UNSTATED_AVAILABILITY_DAYS: i64 = (AVAILABILITY_HORIZON_DAYS / 2.0) as i64;

/// A candidate as a profile, plus the tags the taxonomy does not know (kept, never dropped).
#[derive(Debug, Clone, PartialEq)]
pub struct AdaptedCandidate {
    pub profile: Profile,
    pub unknown_skills: Vec<String>,
    /// What the profile filled by convention because the candidate did not state it.
    pub unstated: Unstated,
}

/// Which profile values are conventions, not the candidate's word: explanations say so instead of
/// describing the convention as a fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Unstated {
    pub level: bool,
    pub availability: bool,
}

/// A representative UTC offset for a rate region, in minutes, at standard time: for candidates
/// who state no time zone, the region's largest hiring hub stands in for it.
pub fn region_utc_offset_minutes(region: Region) -> i16 {
    match region {
        Region::UnitedStates | Region::Canada => -5 * 60, // New York, Toronto
        Region::WesternEurope => 60,                      // Berlin, Paris, Amsterdam
        Region::LatinAmerica => -3 * 60,                  // São Paulo, Buenos Aires
        Region::EasternEurope => 2 * 60,                  // Bucharest, Kyiv, Sofia
        Region::Asia => 5 * 60 + 30,                      // India
    }
}

/// Money as an engine rate in whole USD, through the shipped exchange-rate table
/// (`data/market/currencies.toml`); `None` for a currency it does not list. `usd_rate_in` takes
/// the table in effect (shipped plus the user's market data).
pub fn usd_rate(money: &Money) -> Option<Rate> {
    usd_rate_in(money, &UsdRates::shipped())
}

pub use crate::role_terms::usd_rate_in;

/// The candidate's time zone as the engine's offset: the standard-time offset (as the team's zone
/// in `scorecard_query`, so the two compare like with like), on the engine's quarter-hour grid.
fn zone_offset_minutes(zone: &hireloop_core::scorecard::TimezoneName) -> i16 {
    ((zone.standard_offset_hours() * 4.0).round() as i16 * 15).clamp(-720, 840)
}

fn vetting(status: VettingStatus) -> Vetting {
    match status {
        VettingStatus::Vetted => Vetting::Vetted,
        // Vetting has begun: past intake, not through the full loop.
        VettingStatus::InVetting => Vetting::Screened,
        VettingStatus::Unvetted | VettingStatus::NotAccepted => Vetting::NotVetted,
    }
}

fn engagement(e: EngagementPreference) -> Engagement {
    match e {
        EngagementPreference::FullTime => Engagement::FullTime,
        EngagementPreference::PartTime => Engagement::Freelance,
        EngagementPreference::Contract => Engagement::Contractor,
        EngagementPreference::ContractToHire => Engagement::ContractToHire,
    }
}

fn work_mode(m: hireloop_core::work_mode::WorkMode) -> WorkMode {
    use hireloop_core::work_mode::WorkMode as Stated;
    match m {
        Stated::Remote => WorkMode::Remote,
        Stated::Hybrid => WorkMode::Hybrid,
        Stated::Onsite => WorkMode::Onsite,
    }
}

/// The profile of a stored candidate. Skills are normalised through the taxonomy with the years
/// the candidate states per tag (the most, when two tags name one skill). The stated level (else
/// the one estimated from years of work, StepTo 2026 bands), the availability date, the vetting
/// status, the country and the time zone (else the region's) are used when present; a level
/// neither stated nor estimable is `PLACEHOLDER_LEVEL` and a missing availability is
/// `UNSTATED_AVAILABILITY_DAYS` away, both flagged in `unstated`. No region means UTC and the
/// placeholder region (no query built here filters on region). Work modes are as stated (none
/// stated stays empty: the work-mode filter keeps such candidates); relocation counts only when
/// stated as yes.
pub fn candidate_profile(
    taxonomy: &Taxonomy,
    candidate: &Candidate,
    today: NaiveDate,
) -> AdaptedCandidate {
    let tags: Vec<&str> = candidate.skills.iter().map(|s| s.as_str()).collect();
    let normalised = taxonomy.normalise(&tags);
    let mut years: Vec<(SkillId, f32)> = Vec::new();
    for tag in &candidate.skills {
        let (Some(skill), Some(y)) = (
            taxonomy.resolve(tag.as_str()),
            candidate.profile.years_for(tag),
        ) else {
            continue;
        };
        match years.iter_mut().find(|(s, _)| *s == skill) {
            Some((_, known)) => *known = known.max(y),
            None => years.push((skill, y)),
        }
    }
    let skills = normalised
        .skills
        .iter()
        .take(MAX_PROFILE_SKILLS)
        .map(|&skill| ProfileSkill {
            skill,
            years: years
                .iter()
                .find(|(s, _)| *s == skill)
                .map(|(_, y)| y.clamp(0.0, MAX_YEARS)),
        })
        .collect();
    let profile = &candidate.profile;
    let utc_offset_minutes = match (&profile.timezone, candidate.region) {
        (Some(zone), _) => zone_offset_minutes(zone),
        (None, Some(region)) => region_utc_offset_minutes(region),
        (None, None) => 0,
    };
    let available_from = profile.available_from.unwrap_or_else(|| {
        today
            .checked_add_days(Days::new(UNSTATED_AVAILABILITY_DAYS as u64))
            .unwrap_or(today)
    });
    let mut engagements: Vec<Engagement> = Vec::new();
    for e in profile.engagement.iter().map(|&e| engagement(e)) {
        if !engagements.contains(&e) {
            engagements.push(e);
        }
    }
    // No stated preference is open to any engagement: a role's engagement filter keeps them.
    if engagements.is_empty() {
        engagements = Engagement::ALL.to_vec();
    }
    AdaptedCandidate {
        profile: Profile {
            id: candidate.id,
            display_name: candidate.name.to_string(),
            skills,
            level: LevelFinding::of(profile.stated_level, profile.experience_years)
                .map_or(PLACEHOLDER_LEVEL, |found| found.level),
            region: candidate.region.unwrap_or(Region::UnitedStates),
            country: profile
                .country
                .as_ref()
                .and_then(|c| Country::parse(c.as_str()).ok())
                .unwrap_or_default(),
            // Core has validated every entry (a region name or a country code); one the engine
            // could still not read is ignored rather than refuse the whole profile.
            work_authorization: profile
                .work_authorization
                .iter()
                .filter_map(|a| crate::profile::WorkAuthorization::parse(a).ok())
                .collect(),
            utc_offset_minutes,
            rate: candidate.expected_rate.as_ref().and_then(usd_rate),
            engagements,
            work_modes: profile.work_modes.iter().map(|&m| work_mode(m)).collect(),
            open_to_relocation: profile.open_to_relocation == Some(true),
            available_from,
            vetting: vetting(candidate.vetting_status),
        },
        unknown_skills: normalised.unknown,
        unstated: Unstated {
            level: profile.stated_level.is_none() && profile.experience_years.is_none(),
            availability: profile.available_from.is_none(),
        },
    }
}

/// A scorecard as a query, with notes on every part of it the query could not carry.
#[derive(Debug, Clone, PartialEq)]
pub struct AdaptedQuery {
    pub query: Query,
    pub notes: Vec<String>,
}

/// Options a caller sets per request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QueryOptions {
    pub vetted_only: bool,
    /// Enforce must-haves' minimum years: on by default, as the talent-pool issue asks
    /// ("must-haves: hard filter, with min years"). A candidate who states no years for the skill
    /// does not meet a minimum (the engine never passes unknown years); turning it off ranks
    /// everyone with the skill and notes the minimum instead.
    pub enforce_min_years: bool,
}

impl Default for QueryOptions {
    fn default() -> Self {
        Self {
            vetted_only: false,
            enforce_min_years: true,
        }
    }
}

/// The query a role's scorecard asks, with the shipped exchange rates: see `scorecard_query_in`.
pub fn scorecard_query(
    taxonomy: &Taxonomy,
    card: &Scorecard,
    today: NaiveDate,
    options: QueryOptions,
) -> AdaptedQuery {
    scorecard_query_in(taxonomy, card, today, options, &UsdRates::shipped())
}

/// The query a role's scorecard asks: must-haves as filters, nice-to-haves weighted, the primary
/// language as a filter, the level for expected years, the budget ceiling (converted to USD through
/// `rates`), the team's time-zone overlap, the engagement and the allowed countries. Skills the
/// taxonomy does not know are left out and noted; so is every filter's handling of unstated values.
pub fn scorecard_query_in(
    taxonomy: &Taxonomy,
    card: &Scorecard,
    today: NaiveDate,
    options: QueryOptions,
    rates: &UsdRates,
) -> AdaptedQuery {
    let mut notes = Vec::new();
    let mut query = Query::new(today);
    query.vetted_only = options.vetted_only;
    query.level = Some(card.level.market_level());
    for (i, m) in card.must_have.iter().enumerate() {
        let Some(skill) = taxonomy.resolve(m.skill.as_str()) else {
            notes.push(format!(
                "must_have[{i}] '{}' is not in the skill taxonomy and is not used as a filter",
                m.skill
            ));
            continue;
        };
        let min_years = m.min_years.filter(|&y| y > 0).map(f32::from);
        match (min_years, options.enforce_min_years) {
            (Some(y), false) => notes.push(format!(
                "{} needs {y} years: not enforced for this ranking",
                m.skill
            )),
            (Some(y), true) => notes.push(format!(
                "{} needs {y} years: candidates who state fewer, or no years for it, are left out",
                m.skill
            )),
            (None, _) => {}
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
    query.budget = role_terms::budget(card, rates, &mut notes);
    query.engagement = role_terms::engagement(card, &mut notes);
    role_terms::place(card, &mut query, &mut notes);
    crate::role_weights::apply(card, &mut query, &mut notes);
    if let Some(location) = &card.location {
        if let (Some(zone), Some(hours)) = (&location.team_timezone, location.overlap_hours) {
            // Standard-time offset, rounded to the quarter hour the engine works in.
            let minutes = (zone.standard_offset_hours() * 4.0).round() as i16 * 15;
            query.team_hours = Some(TeamHours::office_day(minutes, f32::from(hours)));
        }
    }
    AdaptedQuery { query, notes }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;
    use hireloop_core::candidate::CandidateInput;
    use hireloop_core::candidate_profile::SkillDetailInput;
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
            profile: new.profile,
            vetting_status: VettingStatus::Unvetted,
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
    fn rates_convert_through_the_table_and_unlisted_currencies_stay_unknown() {
        let tax = Taxonomy::shipped().unwrap();
        let adapted =
            candidate_profile(&tax, &candidate(&["go"], None, Some((70, "EUR"))), today());
        // 70 EUR at the ECB's 1.1155 USD per EUR (data/market/currencies.toml).
        assert_eq!(adapted.profile.rate, Some(Rate::hourly(78)));
        assert_eq!(adapted.profile.utc_offset_minutes, 0);
        assert_eq!(
            adapted.profile.engagements,
            Engagement::ALL,
            "no preference: open to all"
        );
        let adapted =
            candidate_profile(&tax, &candidate(&["go"], None, Some((70, "XAU"))), today());
        assert_eq!(adapted.profile.rate, None);
    }

    #[test]
    fn the_example_scorecard_becomes_a_query_with_notes() {
        let tax = Taxonomy::shipped().unwrap();
        let text = include_str!("../../../examples/roles/senior-go-payments.toml");
        let card = from_toml(text).unwrap();
        let lenient = QueryOptions {
            enforce_min_years: false,
            vetted_only: false,
        };
        let adapted = scorecard_query(&tax, &card, today(), lenient);
        let q = &adapted.query;
        assert_eq!(q.must_have.len(), 5);
        assert!(q.must_have.iter().all(|m| m.min_years.is_none()));
        assert!(q.weights.level > 0.0 && q.weights.availability > 0.0);
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

        // Minimum years are enforced unless the caller turns them off.
        let adapted = scorecard_query(&tax, &card, today(), QueryOptions::default());
        assert_eq!(adapted.query.must_have[0].min_years, Some(4.0));
        assert!(!adapted.query.vetted_only);
        assert!(adapted
            .notes
            .join("\n")
            .contains("Go needs 4 years: candidates who state fewer"));
        let vetted = QueryOptions {
            vetted_only: true,
            ..QueryOptions::default()
        };
        assert!(
            scorecard_query(&tax, &card, today(), vetted)
                .query
                .vetted_only
        );
    }

    #[test]
    fn a_stated_profile_feeds_years_level_availability_vetting_and_zone() {
        let tax = Taxonomy::shipped().unwrap();
        let mut c = candidate(
            &["Golang", "go", "postgresql", "kafka"],
            Some("eastern_europe"),
            None,
        );
        let input = CandidateInput {
            name: "Ana".into(),
            email: "ana@example.com".into(),
            skills: vec![
                "golang".into(),
                "go".into(),
                "postgresql".into(),
                "kafka".into(),
            ],
            skill_details: vec![
                SkillDetailInput {
                    skill: "golang".into(),
                    years: Some(3.0),
                    last_used_year: None,
                },
                SkillDetailInput {
                    skill: "go".into(),
                    years: Some(5.5),
                    last_used_year: None,
                },
                SkillDetailInput {
                    skill: "postgresql".into(),
                    years: Some(4.0),
                    last_used_year: None,
                },
            ],
            timezone: Some("America/Sao_Paulo".into()),
            stated_level: Some("senior".into()),
            available_from: Some("2026-06-15".into()),
            engagement: vec!["contract".into(), "part_time".into()],
            ..Default::default()
        }
        .parse_on(today())
        .unwrap();
        c.profile = input.profile;
        c.vetting_status = VettingStatus::Vetted;
        let adapted = candidate_profile(&tax, &c, today());
        let p = &adapted.profile;
        let years = |id: &str| {
            p.skills
                .iter()
                .find(|s| Some(s.skill) == tax.resolve(id))
                .unwrap()
                .years
        };
        assert_eq!(
            years("go"),
            Some(5.5),
            "the most years of two tags naming one skill"
        );
        assert_eq!(years("postgresql"), Some(4.0));
        assert_eq!(years("kafka"), None);
        assert_eq!(p.level, Level::Senior);
        assert_eq!(
            p.available_from,
            NaiveDate::from_ymd_opt(2026, 6, 15).unwrap()
        );
        assert_eq!(p.vetting, Vetting::Vetted);
        assert_eq!(p.utc_offset_minutes, -180, "the zone wins over the region");
        assert_eq!(
            p.engagements,
            [Engagement::Contractor, Engagement::Freelance]
        );
        assert_eq!(adapted.unstated, Unstated::default());
    }

    #[test]
    fn what_a_profile_does_not_state_is_a_flagged_convention() {
        let tax = Taxonomy::shipped().unwrap();
        let mut c = candidate(&["go"], Some("asia"), None);
        c.vetting_status = VettingStatus::InVetting;
        let adapted = candidate_profile(&tax, &c, today());
        assert_eq!(adapted.profile.level, PLACEHOLDER_LEVEL);
        assert_eq!(
            adapted.profile.available_from,
            today() + chrono::Duration::days(UNSTATED_AVAILABILITY_DAYS)
        );
        assert_eq!(adapted.profile.vetting, Vetting::Screened);
        assert_eq!(adapted.profile.utc_offset_minutes, 330);
        assert!(adapted.unstated.level && adapted.unstated.availability);
        c.vetting_status = VettingStatus::NotAccepted;
        assert_eq!(
            candidate_profile(&tax, &c, today()).profile.vetting,
            Vetting::NotVetted
        );
    }

    #[test]
    fn years_of_work_estimate_an_unstated_level_and_the_country_is_carried() {
        let tax = Taxonomy::shipped().unwrap();
        let mut c = candidate(&["go"], Some("eastern_europe"), None);
        c.profile.experience_years = Some(6.5);
        c.profile.country = Some(hireloop_core::scorecard::CountryCode::parse("RS").unwrap());
        let adapted = candidate_profile(&tax, &c, today());
        // StepTo 2026: 5+ years is senior.
        assert_eq!(adapted.profile.level, Level::Senior);
        assert!(!adapted.unstated.level, "an estimate is not a convention");
        assert_eq!(adapted.profile.country.as_str(), "RS");
        // A stated level wins over the estimate.
        c.profile.stated_level = Some(Level::Junior);
        assert_eq!(
            candidate_profile(&tax, &c, today()).profile.level,
            Level::Junior
        );
        c.profile.stated_level = None;
        c.profile.experience_years = Some(3.0);
        assert_eq!(
            candidate_profile(&tax, &c, today()).profile.level,
            Level::Mid
        );
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
