//! The synthetic pool is deterministic and draws from the StepTo 2026 bands.

#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use hireloop_core::candidate::Region;
use hireloop_core::level::Level;
use hireloop_core::money::RatePeriod;
use hireloop_match::synth::PoolGenerator;

#[test]
fn same_seed_same_pool_other_seed_other_pool() {
    let t = taxonomy();
    let a = PoolGenerator::pool(&t, 1, today(), 500).unwrap();
    let b = PoolGenerator::pool(&t, 1, today(), 500).unwrap();
    let c = PoolGenerator::pool(&t, 2, today(), 500).unwrap();
    assert_eq!(a, b);
    assert_ne!(a, c);
}

#[test]
fn rates_stay_in_the_stepto_band_of_region_and_level() {
    let t = taxonomy();
    let pool = PoolGenerator::pool(&t, 3, today(), 3_000).unwrap();
    let mut checked = 0;
    for p in &pool {
        let Some(rate) = p.rate else { continue };
        if rate.period != RatePeriod::Hour {
            continue;
        }
        // StepTo 2026 (FACTS.md §2): US senior 140-200+, Asia junior 20-35.
        match (p.region, p.level) {
            (Region::UnitedStates, Level::Senior) => {
                assert!((140..=200).contains(&rate.amount_usd))
            }
            (Region::Asia, Level::Junior) => assert!((20..=35).contains(&rate.amount_usd)),
            _ => continue,
        }
        checked += 1;
    }
    assert!(checked > 50, "{checked}");
    // Skills are skewed: the most common language is far more common than a rare one.
    let count = |name: &str| {
        let s = skill(&t, name);
        pool.iter()
            .filter(|p| p.skills.iter().any(|x| x.skill == s))
            .count()
    };
    assert!(
        count("python") > 10 * count("ocaml").max(1),
        "{} vs {}",
        count("python"),
        count("ocaml")
    );
}

#[test]
fn the_pool_meets_every_case_of_the_work_mode_filter() {
    use hireloop_match::WorkMode;
    let t = taxonomy();
    let pool = PoolGenerator::pool(&t, 5, today(), 4_000).unwrap();
    let share = |f: &dyn Fn(&hireloop_match::Profile) -> bool| {
        pool.iter().filter(|p| f(p)).count() as f64 / pool.len() as f64
    };
    // The assumed shares (synth/work_modes.rs), within sampling noise.
    let unstated = share(&|p| p.work_modes.is_empty());
    assert!((0.04..0.08).contains(&unstated), "{unstated}");
    let relocate = share(&|p| p.open_to_relocation);
    assert!((0.12..0.18).contains(&relocate), "{relocate}");
    assert!(share(&|p| p.work_modes.contains(&WorkMode::Hybrid)) > 0.2);
    // Remote only yet open to relocation: kept by an on-site role through relocation alone.
    assert!(share(&|p| p.work_modes == [WorkMode::Remote] && p.open_to_relocation) > 0.03);
}
