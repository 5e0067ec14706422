//! Properties of the ranking: ignored fields change nothing, a must-have never adds results, and
//! the index always agrees with the naive linear scan (allowed countries included: the pool has
//! work authorizations and profiles stating no country; work modes include hybrid, relocation
//! and "not stated").

#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use hireloop_core::level::Level;
use hireloop_match::baseline::LinearScan;
use hireloop_match::synth::PoolGenerator;
use hireloop_match::{Budget, Country, Index, Query, Rate, Taxonomy, TeamHours, WorkMode};
use proptest::prelude::*;

const SKILLS: &[&str] = &[
    "python",
    "java",
    "go",
    "nodejs",
    "postgresql",
    "aws",
    "docker",
    "kubernetes",
    "django",
    "spring-boot",
    "kafka",
    "redis",
    "rest-api",
    "typescript",
];

#[derive(Debug, Clone)]
struct QuerySpec {
    must: Vec<(usize, Option<f32>)>,
    nice: Vec<(usize, f32)>,
    level: Option<usize>,
    budget: Option<u32>,
    overlap: Option<(i16, f32)>,
    vetted_only: bool,
    /// Allowed countries (indices into `COUNTRIES`), and whether "not stated" is among them.
    countries: Option<(Vec<usize>, bool)>,
    /// Index into `WorkMode::ALL`.
    work_mode: Option<usize>,
}

fn spec() -> impl Strategy<Value = QuerySpec> {
    (
        prop::collection::vec((0..SKILLS.len(), prop::option::of(0.0f32..8.0)), 0..3),
        prop::collection::vec((0..SKILLS.len(), 0.0f32..5.0), 0..4),
        prop::option::of(0..3usize),
        prop::option::of(20u32..200),
        prop::option::of((-8i16..=8, 0.0f32..8.0)),
        any::<bool>(),
        prop::option::of((
            prop::collection::vec(0..COUNTRIES.len(), 0..4),
            any::<bool>(),
        )),
        prop::option::of(0..WorkMode::ALL.len()),
    )
        .prop_map(
            |(must, nice, level, budget, overlap, vetted_only, countries, work_mode)| QuerySpec {
                must,
                nice,
                level,
                budget,
                overlap,
                vetted_only,
                countries,
                work_mode,
            },
        )
}

/// Countries where the synthetic pool lives or may work, and some where nobody does.
const COUNTRIES: &[&str] = &[
    "US", "CA", "DE", "GB", "PL", "RS", "MX", "IN", "BR", "NL", "AU",
];

/// The synthetic pool with some countries blanked ("not stated"), as imported profiles often are.
fn pool(t: &Taxonomy, seed: u64, n: usize) -> Vec<hireloop_match::Profile> {
    let mut pool = PoolGenerator::pool(t, seed, today(), n).unwrap();
    for p in pool.iter_mut().step_by(11) {
        p.country = Country::default();
    }
    pool
}

fn build(t: &Taxonomy, s: &QuerySpec) -> Query {
    let mut q = Query {
        level: s.level.map(|i| Level::ALL[i]),
        budget: s.budget.map(|c| Budget {
            ceiling: Rate::hourly(c),
            stretch_percent: 10,
        }),
        team_hours: s.overlap.map(|(h, o)| TeamHours::office_day(h * 60, o)),
        vetted_only: s.vetted_only,
        countries: s.countries.as_ref().map(|(codes, unstated)| {
            let mut allowed: Vec<Country> = codes
                .iter()
                .map(|&i| Country::parse(COUNTRIES[i]).unwrap())
                .collect();
            if *unstated {
                allowed.push(Country::default());
            }
            allowed
        }),
        work_mode: s.work_mode.map(|i| WorkMode::ALL[i]),
        ..query()
    };
    for &(i, years) in &s.must {
        q = q.must(skill(t, SKILLS[i]), years);
    }
    for &(i, w) in &s.nice {
        q = q.nice(skill(t, SKILLS[i]), w);
    }
    q
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn names_and_pool_order_change_nothing(seed in 0u64..1000, s in spec()) {
        let t = taxonomy();
        let pool = pool(&t, seed, 300);
        let mut renamed = pool.clone();
        for (i, p) in renamed.iter_mut().enumerate() {
            p.display_name = format!("Someone else {}", 1000 - i);
        }
        renamed.reverse();
        let q = build(&t, &s);
        let (a, _) = Index::build(t.clone(), &pool);
        let (b, _) = Index::build(t.clone(), &renamed);
        prop_assert_eq!(a.search(&q, 0, 50).unwrap(), b.search(&q, 0, 50).unwrap());
    }

    #[test]
    fn adding_a_must_have_never_adds_results(seed in 0u64..1000, s in spec(), extra in 0..SKILLS.len(), years in prop::option::of(0.0f32..6.0)) {
        let t = taxonomy();
        let pool = pool(&t, seed, 300);
        let scan = LinearScan::new(&t, &pool).unwrap();
        let q = build(&t, &s);
        let narrower = q.clone().must(skill(&t, SKILLS[extra]), years);
        let wide = scan.search(&q, 0, 1000).unwrap();
        let narrow = scan.search(&narrower, 0, 1000).unwrap();
        prop_assert!(narrow.total <= wide.total);
        let wide_ids: Vec<_> = wide.ranked.iter().map(|r| r.0).collect();
        for (id, _) in &narrow.ranked {
            prop_assert!(wide_ids.contains(id));
        }
        let (index, _) = Index::build(t.clone(), &pool);
        prop_assert!(index.search(&narrower, 0, 10).unwrap().total <= index.search(&q, 0, 10).unwrap().total);
    }

    #[test]
    fn allowing_another_country_never_removes_results(seed in 0u64..1000, s in spec(), extra in 0..COUNTRIES.len()) {
        let t = taxonomy();
        let pool = pool(&t, seed, 300);
        let (index, _) = Index::build(t.clone(), &pool);
        let q = build(&t, &s);
        let mut wider = q.clone();
        if let Some(allowed) = wider.countries.as_mut() {
            allowed.push(Country::parse(COUNTRIES[extra]).unwrap());
        }
        let narrow = index.search(&q, 0, 100).unwrap();
        let wide = index.search(&wider, 0, 100).unwrap();
        prop_assert!(wide.total >= narrow.total);
        let everyone = index.search(&Query { countries: None, ..q.clone() }, 0, 100).unwrap();
        prop_assert!(everyone.total >= wide.total);
    }

    #[test]
    fn index_agrees_with_the_linear_scan(seed in 0u64..1000, s in spec(), offset in 0usize..30) {
        let t = taxonomy();
        let pool = pool(&t, seed, 400);
        let (index, _) = Index::build(t.clone(), &pool);
        let q = build(&t, &s);
        let got = index.search(&q, offset, 15).unwrap();
        let want = LinearScan::new(&t, &pool).unwrap().search(&q, offset, 15).unwrap();
        let ranked: Vec<_> = got.matches.iter().map(|m| (m.candidate_id, m.score)).collect();
        prop_assert_eq!(ranked, want.ranked);
        prop_assert_eq!(got.total, want.total);
    }
}
