//! The allowed-countries filter consults work authorization: a candidate passes who lives in an
//! allowed country or may work in one, by country code or by a region holding it, and the reasons
//! say which. The index keeps its authorization bitmaps right through upserts and removals.

#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use hireloop_core::candidate::Region;
use hireloop_match::baseline::LinearScan;
use hireloop_match::synth::PoolGenerator;
use hireloop_match::{Country, Index, Profile, Query, WorkAuthorization};

fn country(code: &str) -> Country {
    Country::parse(code).unwrap()
}

fn living(t: &hireloop_match::Taxonomy, n: u128, lives: &str, may: &[&str]) -> Profile {
    let mut p = profile(t, n, &[("go", 4.0)]);
    p.country = if lives.is_empty() {
        Country::default()
    } else {
        country(lives)
    };
    p.work_authorization = may
        .iter()
        .map(|a| WorkAuthorization::parse(a).unwrap())
        .collect();
    p
}

fn allowing(codes: &[&str]) -> Query {
    Query {
        countries: Some(codes.iter().map(|c| country(c)).collect()),
        ..query()
    }
}

fn reason_of(r: &hireloop_match::SearchResult, n: u128) -> String {
    let m = r
        .matches
        .iter()
        .find(|m| m.candidate_id.as_uuid().as_u128() == n)
        .unwrap();
    m.reasons
        .iter()
        .find(|r| r.starts_with("Lives") || r.starts_with("States no country"))
        .cloned()
        .unwrap_or_else(|| panic!("no place reason in {:?}", m.reasons))
}

#[test]
fn residence_or_authorization_by_country_or_region_passes_the_filter() {
    let t = taxonomy();
    let pool = vec![
        living(&t, 1, "DE", &[]),
        living(&t, 2, "RS", &["western_europe"]),
        living(&t, 3, "RS", &[]),
        living(&t, 4, "RS", &["DE"]),
        living(&t, 5, "RS", &["eastern_europe", "US"]),
        living(&t, 6, "CA", &["US"]),
        living(&t, 7, "", &["DE"]),
    ];
    let (index, report) = Index::build(t.clone(), &pool);
    assert!(report.rejected.is_empty());
    let q = allowing(&["DE"]);
    let r = index.search(&q, 0, 20).unwrap();
    let mut got = ids(&r);
    got.sort_unstable();
    // 3 has no authorization; 5 is authorized for a region without DE and a country not allowed.
    assert_eq!(got, [1, 2, 4, 7]);
    assert_eq!(r.total, 4);
    assert_eq!(reason_of(&r, 1), "Lives in DE, an allowed country");
    assert_eq!(
        reason_of(&r, 2),
        "Lives in RS; authorized to work in DE (as part of western_europe)"
    );
    assert_eq!(reason_of(&r, 4), "Lives in RS; authorized to work in DE");
    assert_eq!(
        reason_of(&r, 7),
        "States no country of residence; authorized to work in DE"
    );
    let scan = LinearScan::new(&t, &pool)
        .unwrap()
        .search(&q, 0, 20)
        .unwrap();
    assert_eq!(scan.total, 4);

    // The US: the Canadian authorized for it and the Serbian authorized for it by code.
    let r = index.search(&allowing(&["US"]), 0, 20).unwrap();
    let mut got = ids(&r);
    got.sort_unstable();
    assert_eq!(got, [5, 6]);
    assert_eq!(reason_of(&r, 6), "Lives in CA; authorized to work in US");
}

#[test]
fn who_states_no_country_passes_only_with_the_not_stated_marker_and_is_told_to_check() {
    let t = taxonomy();
    let pool = vec![living(&t, 1, "", &[]), living(&t, 2, "PL", &[])];
    let (index, _) = Index::build(t.clone(), &pool);
    // As `role_terms::place` builds it: the allowed countries plus "not stated".
    let mut q = allowing(&["DE"]);
    q.countries.as_mut().unwrap().push(Country::default());
    let r = index.search(&q, 0, 10).unwrap();
    assert_eq!(ids(&r), [1]);
    assert_eq!(
        reason_of(&r, 1),
        "States no country of residence: check where they live and may work before an offer"
    );
    // Without the marker, nobody passes, and the empty reason names the filter.
    let r = index.search(&allowing(&["DE"]), 0, 10).unwrap();
    assert!(r.matches.is_empty());
    assert!(
        r.empty_reason
            .as_deref()
            .unwrap()
            .contains("country filter"),
        "{:?}",
        r.empty_reason
    );
}

#[test]
fn upserts_and_removals_keep_the_authorization_bitmaps_right() {
    let t = taxonomy();
    let mut index = Index::new(t.clone());
    let q = allowing(&["DE"]);
    index
        .upsert(&living(&t, 1, "RS", &["western_europe"]))
        .unwrap();
    assert_eq!(ids(&index.search(&q, 0, 10).unwrap()), [1]);
    // Replaced without the authorization: out.
    index.upsert(&living(&t, 1, "RS", &[])).unwrap();
    assert!(index.search(&q, 0, 10).unwrap().matches.is_empty());
    // Authorized again, then removed: the slot goes to someone unauthorized, who must not inherit it.
    index.upsert(&living(&t, 1, "RS", &["DE"])).unwrap();
    assert!(index.remove(profile(&t, 1, &[]).id));
    index.upsert(&living(&t, 2, "RS", &[])).unwrap();
    assert!(index.search(&q, 0, 10).unwrap().matches.is_empty());
    index.upsert(&living(&t, 3, "UA", &["DE", "GB"])).unwrap();
    assert_eq!(ids(&index.search(&q, 0, 10).unwrap()), [3]);
    assert_eq!(ids(&index.search(&allowing(&["GB"]), 0, 10).unwrap()), [3]);

    // More authorizations than the engine keeps: refused naming the field, the index unchanged.
    let mut many = living(&t, 4, "RS", &[]);
    many.work_authorization = vec![WorkAuthorization::Region(Region::Asia); 33];
    let e = index.upsert(&many).unwrap_err();
    assert_eq!(e.field, "work_authorization");
    assert_eq!(index.len(), 2);
}

#[test]
fn a_role_allowing_countries_meets_authorizations_in_the_synthetic_pool() {
    let t = taxonomy();
    let pool = PoolGenerator::pool(&t, 7, today(), 5_000).unwrap();
    let authorized = pool
        .iter()
        .filter(|p| !p.work_authorization.is_empty())
        .count();
    // A minority, as the generator promises (about 7%).
    assert!((150..=750).contains(&authorized), "{authorized}");
    let (index, _) = Index::build(t.clone(), &pool);
    let scan = LinearScan::new(&t, &pool).unwrap();
    for codes in [&["DE"][..], &["US", "CA"], &["GB", "NL"], &["PL"]] {
        let q = allowing(codes);
        let residents = pool
            .iter()
            .filter(|p| codes.contains(&p.country.as_str()))
            .count() as u64;
        let got = index.search(&q, 0, 50).unwrap();
        let want = scan.search(&q, 0, 50).unwrap();
        assert_eq!(got.total, want.total, "{codes:?}");
        let ranked: Vec<_> = got
            .matches
            .iter()
            .map(|m| (m.candidate_id, m.score))
            .collect();
        assert_eq!(ranked, want.ranked, "{codes:?}");
        if codes == ["PL"] {
            // Nobody in the pool is authorized for PL or for eastern_europe: residents only.
            assert_eq!(got.total, residents);
        } else {
            assert!(
                got.total > residents,
                "{codes:?}: {} vs {residents}",
                got.total
            );
        }
    }
}

#[test]
fn authorizations_cost_the_index_a_few_bytes_per_profile() {
    let t = taxonomy();
    let pool = PoolGenerator::pool(&t, 7, today(), 20_000).unwrap();
    let mut bare = pool.clone();
    for p in &mut bare {
        p.work_authorization.clear();
    }
    let (with, _) = Index::build(t.clone(), &pool);
    let (without, _) = Index::build(t.clone(), &bare);
    let (a, b) = (with.bytes_per_profile(), without.bytes_per_profile());
    eprintln!("bytes per profile: {a:.1} with authorizations, {b:.1} without");
    assert!(a < 256.0, "{a}");
    assert!(a - b < 8.0, "{a} vs {b}");
}
