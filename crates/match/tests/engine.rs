//! The matching engine on small hand-made pools: filters, scores, explanations, pagination,
//! contradictions and index maintenance.

#![allow(clippy::unwrap_used)]

mod common;

use chrono::Days;
use common::*;
use hireloop_core::candidate::Region;
use hireloop_core::level::Level;
use hireloop_core::market::advice::Engagement;
use hireloop_match::baseline::LinearScan;
use hireloop_match::synth::{standard_queries, PoolGenerator};
use hireloop_match::{
    Budget, Component, Country, Index, Rate, TeamHours, Vetting, Weights, WorkMode,
};

#[test]
fn a_framework_satisfies_its_language_and_the_explanation_says_so() {
    let t = taxonomy();
    let pool = vec![
        profile(&t, 1, &[("django", 4.0), ("postgresql", 3.0)]),
        profile(&t, 2, &[("go", 5.0), ("postgresql", 6.0)]),
    ];
    let (index, report) = Index::build(t.clone(), &pool);
    assert_eq!(report.indexed, 2);
    let q = hireloop_match::Query {
        primary_language: Some(skill(&t, "python")),
        level: Some(Level::Mid),
        ..query()
    }
    .must(skill(&t, "postgres"), None)
    .nice(skill(&t, "redis"), 1.0);
    let r = index.search(&q, 0, 10).unwrap();
    assert_eq!(ids(&r), [1]);
    assert_eq!(r.total, 1);
    let m = &r.matches[0];
    let python = m
        .matched_skills
        .iter()
        .find(|s| s.skill == "python")
        .unwrap();
    assert_eq!(python.implied_by.as_deref(), Some("Django"));
    assert_eq!(python.years, Some(4.0));
    assert!(python.required);
    assert_eq!(m.missing_skills.len(), 1);
    assert_eq!(m.missing_skills[0].skill, "redis");
    assert!(
        m.reasons[0].contains("Python (4 y), implied by Django"),
        "{:?}",
        m.reasons
    );
    assert!(m.reasons[0].contains("lacks Redis"), "{:?}", m.reasons);
    let points: f32 = m.breakdown.iter().map(|c| c.points).sum();
    assert!((points - m.score).abs() < 0.01, "{points} vs {}", m.score);
}

#[test]
fn each_score_component_moves_the_ranking_the_way_it_says() {
    let t = taxonomy();
    let base = profile(&t, 1, &[("go", 5.0)]);
    let variants = [
        ("fewer years", {
            let mut p = base.clone();
            p.skills[0].years = Some(1.0);
            p
        }),
        ("below level", {
            let mut p = base.clone();
            p.level = Level::Junior;
            p
        }),
        ("in the stretch", {
            let mut p = base.clone();
            p.rate = Some(Rate::hourly(105));
            p
        }),
        ("far time zone", {
            let mut p = base.clone();
            p.utc_offset_minutes = -300;
            p
        }),
        ("starts later", {
            let mut p = base.clone();
            p.available_from = today() + Days::new(45);
            p
        }),
        ("not vetted", {
            let mut p = base.clone();
            p.vetting = Vetting::NotVetted;
            p
        }),
    ];
    let q = hireloop_match::Query {
        level: Some(Level::Mid),
        budget: Some(Budget {
            ceiling: Rate::hourly(100),
            stretch_percent: 10,
        }),
        team_hours: Some(TeamHours::office_day(60, 2.0)),
        ..query()
    }
    .must(skill(&t, "go"), None);
    for (what, mut worse) in variants {
        worse.id = hireloop_core::ids::CandidateId(uuid::Uuid::from_u128(2));
        let (index, _) = Index::build(t.clone(), [&base, &worse]);
        let r = index.search(&q, 0, 10).unwrap();
        assert_eq!(ids(&r), [1, 2], "{what}");
        assert!(r.matches[0].score > r.matches[1].score, "{what}");
    }
}

#[test]
fn hard_filters_exclude_and_ties_break_by_id() {
    let t = taxonomy();
    let mut pool: Vec<_> = (1..=8)
        .map(|n| profile(&t, n, &[("go", 5.0), ("kafka", 3.0)]))
        .collect();
    pool[0].rate = Some(Rate::annual(300_000)); // 144 USD/h: over budget
    pool[1].level = Level::Junior;
    pool[2].country = Country::parse("US").unwrap();
    pool[3].utc_offset_minutes = -480; // no overlap with CET
    pool[4].work_modes = vec![WorkMode::Onsite];
    pool[5].engagements = vec![Engagement::FullTime];
    pool[6].available_from = today() + Days::new(60);
    pool[7].skills[1].years = Some(1.0); // short of 2 years of Kafka
    let mut extra = profile(&t, 9, &[("go", 5.0), ("kafka", 3.0)]);
    extra.vetting = Vetting::Screened;
    pool.push(extra);
    pool.push(profile(&t, 10, &[("go", 5.0), ("kafka", 3.0)]));
    pool.push(profile(&t, 11, &[("go", 5.0), ("kafka", 3.0)]));
    let (index, _) = Index::build(t.clone(), &pool);
    let q = hireloop_match::Query {
        primary_language: Some(skill(&t, "go")),
        allowed_levels: Some(vec![Level::Mid, Level::Senior]),
        budget: Some(Budget {
            ceiling: Rate::hourly(100),
            stretch_percent: 0,
        }),
        countries: Some(vec![
            Country::parse("PL").unwrap(),
            Country::parse("DE").unwrap(),
        ]),
        team_hours: Some(TeamHours::office_day(60, 4.0)),
        work_mode: Some(WorkMode::Remote),
        engagement: Some(Engagement::Contractor),
        available_by: today().checked_add_days(Days::new(30)),
        vetted_only: true,
        ..query()
    }
    .must(skill(&t, "kafka"), Some(2.0));
    let r = index.search(&q, 0, 10).unwrap();
    // 10 and 11 are identical: equal scores, so the lower id comes first.
    assert_eq!(ids(&r), [10, 11]);
    assert_eq!(r.matches[0].score, r.matches[1].score);
    let scan = LinearScan::new(&t, &pool)
        .unwrap()
        .search(&q, 0, 10)
        .unwrap();
    assert_eq!(scan.total, 2);
}

#[test]
fn pages_follow_each_other_without_gaps_or_repeats() {
    let t = taxonomy();
    let pool = PoolGenerator::pool(&t, 7, today(), 2_000).unwrap();
    let (index, _) = Index::build(t.clone(), &pool);
    let q = query()
        .must(skill(&t, "python"), None)
        .nice(skill(&t, "aws"), 1.0);
    let all = index.search(&q, 0, 60).unwrap();
    let pages: Vec<u128> = (0..3)
        .flat_map(|p| ids(&index.search(&q, p * 20, 20).unwrap()))
        .collect();
    assert_eq!(pages, ids(&all));
    assert!(all.total > 60);
}

#[test]
fn contradictions_and_empty_pools_return_empty_results_with_a_reason() {
    let t = taxonomy();
    let pool = vec![profile(&t, 1, &[("go", 5.0)])];
    let (index, _) = Index::build(t.clone(), &pool);
    let cases = [
        (
            hireloop_match::Query {
                team_hours: Some(TeamHours::office_day(0, 9.0)),
                ..query()
            },
            "9 h of overlap with a 8 h team day",
        ),
        (
            hireloop_match::Query {
                allowed_levels: Some(vec![]),
                ..query()
            },
            "allowed levels are empty",
        ),
        (
            hireloop_match::Query {
                countries: Some(vec![]),
                ..query()
            },
            "allowed countries are empty",
        ),
        (
            query()
                .must(skill(&t, "go"), None)
                .must(skill(&t, "cobol"), None),
            "every required skill together",
        ),
        (
            hireloop_match::Query {
                regions: Some(vec![Region::Asia]),
                ..query()
            },
            "region filter",
        ),
        (query().must(skill(&t, "go"), Some(10.0)), "minimum years"),
    ];
    for (q, why) in cases {
        let r = index.search(&q, 0, 10).unwrap();
        assert!(r.matches.is_empty());
        let reason = r.empty_reason.unwrap();
        assert!(reason.contains(why), "{reason}");
    }
}

#[test]
fn malformed_queries_are_errors_naming_the_field() {
    let t = taxonomy();
    let (index, _) = Index::build(t.clone(), &[profile(&t, 1, &[("go", 5.0)])]);
    let zero = Weights {
        skills: 0.0,
        level: 0.0,
        budget: 0.0,
        timezone: 0.0,
        availability: 0.0,
        vetting: 0.0,
    };
    let cases = [
        (query(), 0, "limit"),
        (
            hireloop_match::Query {
                weights: zero,
                ..query()
            },
            10,
            "weights",
        ),
        (
            hireloop_match::Query {
                weights: Weights {
                    level: -1.0,
                    ..Weights::default()
                },
                ..query()
            },
            10,
            "weights.level",
        ),
        (
            query().nice(skill(&t, "go"), f32::NAN),
            10,
            "nice_to_have[0].weight",
        ),
        (
            query().must(skill(&t, "go"), Some(99.0)),
            10,
            "must_have[0].min_years",
        ),
        (
            hireloop_match::Query {
                budget: Some(Budget {
                    ceiling: Rate::hourly(0),
                    stretch_percent: 0,
                }),
                ..query()
            },
            10,
            "budget.ceiling",
        ),
        (
            hireloop_match::Query {
                team_hours: Some(TeamHours::office_day(7, 2.0)),
                ..query()
            },
            10,
            "team_hours.utc_offset_minutes",
        ),
    ];
    for (q, limit, field) in cases {
        let err = index.search(&q, 0, limit).unwrap_err();
        assert_eq!(err.field, field, "{err}");
    }
}

#[test]
fn upsert_replaces_and_remove_forgets_and_bad_profiles_change_nothing() {
    let t = taxonomy();
    let (mut index, _) = Index::build(
        t.clone(),
        &[
            profile(&t, 1, &[("go", 5.0)]),
            profile(&t, 2, &[("go", 5.0)]),
        ],
    );
    let go = query().must(skill(&t, "go"), None);
    let rust = query().must(skill(&t, "rust"), None);
    index.upsert(&profile(&t, 1, &[("rust", 2.0)])).unwrap();
    assert_eq!(ids(&index.search(&go, 0, 10).unwrap()), [2]);
    assert_eq!(ids(&index.search(&rust, 0, 10).unwrap()), [1]);
    let mut bad = profile(&t, 2, &[("rust", 2.0)]);
    bad.utc_offset_minutes = 7;
    let err = index.upsert(&bad).unwrap_err();
    assert_eq!(err.field, "utc_offset_minutes");
    assert_eq!(ids(&index.search(&go, 0, 10).unwrap()), [2]);
    assert!(index.remove(bad.id));
    assert!(!index.remove(bad.id));
    assert_eq!(index.len(), 1);
    assert!(index.search(&go, 0, 10).unwrap().matches.is_empty());
}

#[test]
fn weights_are_per_query_and_shown_normalised() {
    let t = taxonomy();
    let (index, _) = Index::build(t.clone(), &[profile(&t, 1, &[("go", 5.0)])]);
    let q = hireloop_match::Query {
        weights: Weights {
            skills: 1.0,
            level: 1.0,
            budget: 0.0,
            timezone: 0.0,
            availability: 0.0,
            vetting: 0.0,
        },
        level: Some(Level::Senior),
        ..query()
    }
    .must(skill(&t, "go"), None);
    let m = &index.search(&q, 0, 1).unwrap().matches[0];
    let skills = m
        .breakdown
        .iter()
        .find(|c| c.component == Component::Skills)
        .unwrap();
    let level = m
        .breakdown
        .iter()
        .find(|c| c.component == Component::Level)
        .unwrap();
    assert_eq!((skills.weight, level.weight), (0.5, 0.5));
    assert_eq!(level.value, 0.4); // mid for a senior role
    assert!((m.score - 70.0).abs() < 0.01, "{}", m.score);
}

#[test]
fn index_agrees_with_the_linear_scan_on_the_standard_mix() {
    let t = taxonomy();
    let pool = PoolGenerator::pool(&t, 42, today(), 5_000).unwrap();
    let (index, _) = Index::build(t.clone(), &pool);
    let scan = LinearScan::new(&t, &pool).unwrap();
    for nq in standard_queries(&t, today()).unwrap() {
        let got = index.search(&nq.query, 0, 25).unwrap();
        let want = scan.search(&nq.query, 0, 25).unwrap();
        let got_ranked: Vec<_> = got
            .matches
            .iter()
            .map(|m| (m.candidate_id, m.score))
            .collect();
        assert_eq!(got_ranked, want.ranked, "{}", nq.name);
        assert_eq!(got.total, want.total, "{}", nq.name);
    }
}

#[test]
fn excluded_candidates_are_left_out_of_results_and_the_total() {
    let t = taxonomy();
    let pool = vec![
        profile(&t, 1, &[("go", 5.0)]),
        profile(&t, 2, &[("go", 4.0)]),
        profile(&t, 3, &[("go", 3.0)]),
    ];
    let (index, _) = Index::build(t.clone(), &pool);
    let q = query().must(skill(&t, "go"), None);
    assert_eq!(index.search(&q, 0, 10).unwrap().total, 3);
    let without_first = hireloop_match::Query {
        exclude: vec![hireloop_core::ids::CandidateId(uuid::Uuid::from_u128(1))],
        ..q.clone()
    };
    let r = index.search(&without_first, 0, 10).unwrap();
    assert_eq!(ids(&r), [2, 3]);
    assert_eq!(r.total, 2);
    let everyone = hireloop_match::Query {
        exclude: (1..=3)
            .map(|n| hireloop_core::ids::CandidateId(uuid::Uuid::from_u128(n)))
            .collect(),
        ..q
    };
    let r = index.search(&everyone, 0, 10).unwrap();
    assert!(r.matches.is_empty());
    assert!(r.empty_reason.unwrap().contains("excluded"));
}
