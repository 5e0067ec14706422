//! The demo data set is deterministic, realistic in shape, and its rates stay in the cited bands.

use super::*;
use chrono::TimeZone;
use hireloop_core::candidate::Region;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 6, 1, 9, 30, 0).unwrap()
}

fn sample(spec: &DemoSpec) -> Generated {
    generate(spec, now(), "demo password 123", "hash").unwrap()
}

#[test]
fn the_same_seed_gives_the_same_data_and_another_seed_does_not() {
    let spec = DemoSpec::embedded().unwrap();
    let a = format!("{:?}", sample(&spec));
    assert_eq!(a, format!("{:?}", sample(&spec)));
    let other = DemoSpec {
        seed: spec.seed + 1,
        ..spec.clone()
    };
    assert_ne!(a, format!("{:?}", sample(&other)));
}

#[test]
fn rates_stay_inside_the_stepto_2026_bands() {
    let spec = DemoSpec::embedded().unwrap();
    assert_eq!(spec.rates.source, "StepTo 2026");
    // Spot-check the table against FACTS.md §2.
    assert_eq!(
        spec.rates.band(Region::EasternEurope, Level::Senior),
        Some((70, 100))
    );
    assert_eq!(
        spec.rates.band(Region::UnitedStates, Level::Junior),
        Some((60, 90))
    );
    let generated = sample(&spec);
    assert_eq!(generated.levels.len(), generated.set.candidates.len());
    for (candidate, level) in generated.set.candidates.iter().zip(&generated.levels) {
        let region = candidate.region.unwrap();
        let (low, high) = spec.rates.band(region, *level).unwrap();
        let rate = candidate.expected_rate.as_ref().unwrap();
        assert!(
            (low..=high).contains(&rate.amount),
            "{} at {} is outside {low}-{high} for {region} {level}",
            candidate.email,
            rate.amount
        );
        assert_eq!(rate.currency.as_str(), "USD");
    }
}

#[test]
fn the_data_set_looks_like_a_hiring_team() {
    let spec = DemoSpec::embedded().unwrap();
    let set = sample(&spec).set;
    let roles: Vec<UserRole> = set.users.iter().map(|(u, _)| u.role).collect();
    assert_eq!(roles, UserRole::ALL);
    assert_eq!(set.roles.len(), 4);
    assert!(set.roles.iter().all(|r| r.hiring_manager.is_some()));
    assert_eq!(set.candidates.len(), 200);
    let emails: std::collections::HashSet<_> = set.candidates.iter().map(|c| &c.email).collect();
    assert_eq!(emails.len(), 200, "candidate emails are unique");
    assert!(set
        .candidates
        .iter()
        .all(|c| c.email.as_str().ends_with("@demo.hireloop.test") && c.email.as_str().is_ascii()));
    let regions: std::collections::HashSet<_> =
        set.candidates.iter().filter_map(|c| c.region).collect();
    assert_eq!(
        regions.len(),
        Region::ALL.len(),
        "candidates come from every region"
    );

    let stage_of = |a: &hireloop_store::demo::DemoApplication| {
        a.moves.last().map_or(Stage::Sourced, |(m, _)| m.to)
    };
    let count = |stage| {
        set.applications
            .iter()
            .filter(|a| stage_of(a) == stage)
            .count()
    };
    assert_eq!(count(Stage::Hired), 2);
    assert!(count(Stage::Sourced) > count(Stage::Technical));
    assert!(count(Stage::Screening) > count(Stage::Final));
    assert!(count(Stage::Rejected) > 0 && count(Stage::Withdrawn) > 0);
    let assigned = set
        .applications
        .iter()
        .filter(|a| a.interviewer.is_some())
        .count();
    assert_eq!(assigned, spec.interviewer_assignments);

    for app in &set.applications {
        let mut previous = app.created_at;
        let mut stage = Stage::Sourced;
        for (planned, at) in &app.moves {
            assert_eq!(planned.from, stage, "moves chain from stage to stage");
            assert!(
                *at > previous && *at < set.now,
                "moves are dated in order, in the past"
            );
            if planned.to.is_closed() {
                assert!(planned.reason.is_some(), "closing needs a reason");
            }
            previous = *at;
            stage = planned.to;
        }
        assert!(set.now - app.created_at < chrono::Duration::weeks(10));
    }
}

#[test]
fn candidates_state_their_level_and_years_inside_the_stepto_2026_bands() {
    let spec = DemoSpec::embedded().unwrap();
    let years = spec.years.clone().unwrap();
    assert_eq!(years.source, "StepTo 2026");
    let set = sample(&spec).set;
    for c in &set.candidates {
        let level = c.profile.stated_level.unwrap();
        let [low, high] = years.band(level);
        let stated: Vec<f32> = c
            .profile
            .skill_details
            .iter()
            .map(|d| d.years.unwrap())
            .collect();
        assert_eq!(stated.len(), c.skills.len(), "{}", c.email);
        let most = stated.iter().copied().fold(0.0f32, f32::max);
        assert!(
            (low..=high).contains(&most),
            "{}: {most} not in {low}-{high}",
            c.email
        );
    }
}
