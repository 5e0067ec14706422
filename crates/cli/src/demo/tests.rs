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
fn candidates_state_work_modes_so_the_hybrid_role_filters_some_out() {
    use hireloop_core::work_mode::WorkMode;
    let spec = DemoSpec::embedded().unwrap();
    let set = sample(&spec).set;
    let count = |f: &dyn Fn(&hireloop_core::candidate_profile::CandidateProfile) -> bool| {
        set.candidates.iter().filter(|c| f(&c.profile)).count()
    };
    let n = set.candidates.len();
    let unstated = count(&|p| p.work_modes.is_empty());
    let remote_only = count(&|p| p.work_modes == [WorkMode::Remote]);
    let relocating = count(&|p| p.open_to_relocation == Some(true));
    // Every case of the filter is there: stated modes, none stated, relocation yes and no.
    assert!(unstated > 0 && unstated < n / 3, "{unstated} of {n}");
    assert!(remote_only > n / 4, "{remote_only} of {n}");
    assert!(relocating > 0 && count(&|p| p.open_to_relocation == Some(false)) > 0);
    assert!(count(&|p| p.work_modes.contains(&WorkMode::Onsite)) > 0);
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

/// Every demo role has a scorecard that lints clean (no errors, no warnings, with the shipped
/// market data), agrees with the role it is stored on, and ranks a handful of the pool (5-30)
/// with one clear best: the Matches tab and `hireloop match` show something worth reading.
#[tokio::test]
async fn every_demo_role_ranks_a_handful_with_a_clean_scorecard() {
    use crate::commands::role_file;
    use hireloop_core::market::dataset::Dataset;
    use hireloop_core::page::PageRequest;
    use hireloop_core::scorecard::{from_toml, lint, requisition, LintContext, Severity};
    use hireloop_match::adapt::{scorecard_query, QueryOptions};
    use hireloop_server::matching::MatchingService;
    use std::sync::Arc;

    let spec = DemoSpec::embedded().unwrap();
    let taxonomy = Arc::new(role_file::catalog().unwrap());
    let market = Dataset::shipped().unwrap();
    let mut problems = Vec::new();
    // On each backend: the scorecards go through the store's demo load on both.
    for test in hireloop_store::testing::TestStore::all().await {
        let store = &test.store;
        let backend = store.backend_name();
        store.load_demo(&sample(&spec).set).await.unwrap();
        let pool = MatchingService::build(store, taxonomy.clone())
            .await
            .unwrap();
        let page = PageRequest {
            limit: 100,
            after: None,
        };
        let roles = store.list_roles(&page).await.unwrap().items;
        assert_eq!(roles.len(), 4);
        for role in roles {
            let title = role.title.to_string();
            let text = store.role_scorecard(role.id).await.unwrap();
            let card =
                from_toml(&text.unwrap_or_else(|| panic!("{title} has no scorecard"))).unwrap();
            let report = lint(&card, &LintContext::new(&*taxonomy, Some(&market)));
            let unclean: Vec<String> = report
                .findings
                .iter()
                .filter(|f| matches!(f.severity, Severity::Error | Severity::Warning))
                .map(|f| format!("{} {}: {}", f.code, f.path, f.message))
                .collect();
            if !unclean.is_empty() {
                problems.push(format!("{backend}: {title}: {unclean:#?}"));
            }
            let wanted = requisition(&card, &*taxonomy).unwrap();
            assert_eq!(wanted.title.as_str(), title);
            assert_eq!(wanted.level, role.level, "{title}");
            assert_eq!(
                wanted.primary_language.map(|l| l.to_string()),
                Some(role.primary_language.to_string()),
                "{title}"
            );

            let mut adapted = scorecard_query(
                &taxonomy,
                &card,
                now().date_naive(),
                QueryOptions::default(),
            );
            adapted.query.exclude = store.trial_excluded_candidates(role.id).await.unwrap();
            let (result, cards) = pool.search(&adapted.query, 0, 100).unwrap();
            let scores: Vec<String> = result
                .matches
                .iter()
                .zip(&cards)
                .map(|(m, c)| format!("{:.1} {}", m.score, c.name))
                .collect();
            eprintln!(
                "{title}: {} matches {scores:?} {:?}",
                result.total, result.empty_reason
            );
            if !(5..=30).contains(&result.total) {
                problems.push(format!(
                    "{backend}: {title}: {} matches {scores:?} {:?}",
                    result.total, result.empty_reason
                ));
            } else if result.matches[0].score < result.matches[1].score + 2.0 {
                problems.push(format!("{backend}: {title}: no clear best: {scores:?}"));
            }
        }
        test.finish().await;
    }
    assert!(problems.is_empty(), "{problems:#?}");
}
