//! Free text in a query: a hard filter to the candidates the text matched, and a "text" score
//! component weighted by their relevance. The index must still agree with the linear scan.

#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use hireloop_core::ids::CandidateId;
use hireloop_match::baseline::LinearScan;
use hireloop_match::synth::PoolGenerator;
use hireloop_match::{Component, Filtered, Index, Query, SlotHits, TextHits, TextMatch};
use proptest::prelude::*;

fn cid(n: u128) -> CandidateId {
    CandidateId(uuid::Uuid::from_u128(n))
}

fn with_text(q: Query, text: &str, hits: &[(u128, f32)]) -> Query {
    Query {
        text: Some(TextMatch::new(
            text,
            hits.iter().map(|&(n, r)| (cid(n), r)).collect(),
        )),
        ..q
    }
}

#[test]
fn text_filters_to_its_hits_and_scores_by_relevance() {
    let t = taxonomy();
    let pool = vec![
        profile(&t, 1, &[("go", 5.0)]),
        profile(&t, 2, &[("go", 5.0)]),
        profile(&t, 3, &[("go", 5.0)]),
    ];
    let (index, _) = Index::build(t.clone(), &pool);
    let base = query().must(skill(&t, "go"), None);
    let q = with_text(base.clone(), "kafka payments", &[(3, 0.4), (2, 1.0)]);
    let r = index.search(&q, 0, 10).unwrap();
    // Same profile otherwise: the more relevant one first, the unmatched one gone.
    assert_eq!(ids(&r), [2, 3]);
    assert_eq!(r.total, 2);
    let m = &r.matches[1];
    let text = m
        .breakdown
        .iter()
        .find(|c| c.component == Component::Text)
        .unwrap();
    assert!((text.value - 0.4).abs() < 1e-6);
    // Default weights sum to 1, the text weighs 0.25 on top: normalised 0.2.
    assert!((text.weight - 0.2).abs() < 1e-6, "{}", text.weight);
    let sum: f32 = m.breakdown.iter().map(|c| c.points).sum();
    assert!((sum - m.score).abs() < 0.01);
    assert!(m
        .reasons
        .iter()
        .any(|s| s == "Matches the text 'kafka payments' (relevance 0.40)"));
    // Without text: no text component, every score as before.
    let plain = index.search(&base, 0, 10).unwrap();
    assert_eq!(plain.total, 3);
    assert!(plain.matches[0]
        .breakdown
        .iter()
        .all(|c| c.component != Component::Text));
}

#[test]
fn text_matching_nobody_gives_an_empty_result_with_the_reason() {
    let t = taxonomy();
    let pool = vec![
        profile(&t, 1, &[("go", 5.0)]),
        profile(&t, 2, &[("java", 5.0)]),
    ];
    let (index, _) = Index::build(t.clone(), &pool);
    let r = index
        .search(&with_text(query(), "cobol", &[]), 0, 10)
        .unwrap();
    assert!(r.matches.is_empty());
    assert_eq!(
        r.empty_reason.unwrap(),
        "no candidate matches the text 'cobol'"
    );
    // The text matched someone the other filters leave out.
    let q = with_text(query().must(skill(&t, "go"), None), "spring", &[(2, 1.0)]);
    let r = index.search(&q, 0, 10).unwrap();
    assert_eq!(r.total, 0);
    assert!(r
        .empty_reason
        .unwrap()
        .contains("1 candidates match the text 'spring'"));
}

#[test]
fn bad_relevance_and_text_weight_are_errors_naming_the_field() {
    let t = taxonomy();
    let (index, _) = Index::build(t.clone(), &[profile(&t, 1, &[("go", 5.0)])]);
    let e = index
        .search(&with_text(query(), "go", &[(1, -0.5)]), 0, 10)
        .unwrap_err();
    assert_eq!(e.field, "text.relevance[0]");
    assert_eq!(e.message, "must be a finite number, 0 or more");
    let mut q = with_text(query(), "go", &[(1, 1.0)]);
    if let Some(tm) = q.text.as_mut() {
        tm.weight = f32::NAN;
    }
    assert_eq!(index.search(&q, 0, 10).unwrap_err().field, "weights.text");
}

const NICE: &[&str] = &[
    "python",
    "go",
    "postgresql",
    "aws",
    "docker",
    "kafka",
    "redis",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Pools above the split threshold, so the grouped pruning (and its bound) is exercised.
    #[test]
    fn with_text_the_index_agrees_with_the_linear_scan(
        seed in 0u64..1000,
        nice in prop::collection::vec((0..NICE.len(), 0.5f32..5.0), 0..5),
        every in prop_oneof![1u128..5, 40u128..80],
        salt in 0u32..1000,
        offset in 0usize..20,
        weight in 0.0f32..3.0,
    ) {
        let t = taxonomy();
        let pool = PoolGenerator::pool(&t, seed, today(), 2_500).unwrap();
        let (index, _) = Index::build(t.clone(), &pool);
        let mut q = query();
        for &(i, w) in &nice {
            q = q.nice(skill(&t, NICE[i]), w);
        }
        // Every `every`-th candidate matched (1 in 40 or fewer: kept as a sorted list), scores
        // spread over 0..=1 with ties.
        let hits: Vec<(CandidateId, f32)> = pool
            .iter()
            .enumerate()
            .filter(|(i, _)| *i as u128 % every == 0)
            .map(|(i, p)| (p.id, ((i as u32 * 7 + salt) % 11) as f32 / 10.0))
            .collect();
        // The same hits as slots, in reverse order: the fast path must rank exactly alike.
        let slots = SlotHits {
            epoch: index.slot_epoch(),
            hits: hits.iter().rev().map(|(id, r)| (index.slot_of(*id).unwrap(), *r)).collect(),
        };
        let q = Query {
            text: Some(TextMatch { text: "x".into(), hits: TextHits::Ids(hits), weight }),
            ..q
        };
        let got = index.search(&q, offset, 15).unwrap();
        let want = LinearScan::new(&t, &pool).unwrap().search(&q, offset, 15).unwrap();
        let ranked: Vec<_> = got.matches.iter().map(|m| (m.candidate_id, m.score)).collect();
        prop_assert_eq!(&ranked, &want.ranked);
        prop_assert_eq!(got.total, want.total);
        let by_slot = Query {
            text: Some(TextMatch { text: "x".into(), hits: TextHits::Slots(slots), weight }),
            ..q
        };
        let fast = index.search(&by_slot, offset, 15).unwrap();
        let fast_ranked: Vec<_> = fast.matches.iter().map(|m| (m.candidate_id, m.score)).collect();
        prop_assert_eq!(&fast_ranked, &ranked);
        prop_assert_eq!(fast.total, got.total);
        // The text looked for among the survivors only: the same ranking again.
        let TextHits::Slots(all) = by_slot.text.as_ref().unwrap().hits.clone() else { unreachable!() };
        match index.filtered(&by_slot, offset, 15).unwrap() {
            Filtered::Survivors(s) => {
                let among = SlotHits {
                    epoch: all.epoch,
                    hits: all.hits.iter().copied().filter(|(slot, _)| s.slots().contains(*slot)).collect(),
                };
                let r = s.rank(Some(&TextHits::Survivors(among))).unwrap();
                let among_ranked: Vec<_> = r.matches.iter().map(|m| (m.candidate_id, m.score)).collect();
                prop_assert_eq!(among_ranked, ranked);
                prop_assert_eq!(r.total, got.total);
            }
            Filtered::Answered(r) => prop_assert_eq!(r.total, got.total),
        }
    }
}

#[test]
fn slots_stay_with_their_candidate_until_a_removal_changes_the_epoch() {
    let t = taxonomy();
    let mut pool = vec![
        profile(&t, 1, &[("go", 5.0)]),
        profile(&t, 2, &[("go", 5.0)]),
        profile(&t, 3, &[("go", 5.0)]),
    ];
    let (mut index, _) = Index::build(t.clone(), &pool);
    let epoch = index.slot_epoch();
    let slot = index.slot_of(cid(2)).unwrap();
    // An update keeps the slot and the epoch: slots resolved before stay right.
    pool[1] = profile(&t, 2, &[("go", 7.0), ("rust", 2.0)]);
    index.upsert(&pool[1]).unwrap();
    assert_eq!(index.slot_of(cid(2)), Some(slot));
    assert_eq!(index.slot_epoch(), epoch);
    let base = query().must(skill(&t, "go"), None);
    let by_slot = |epoch| Query {
        text: Some(TextMatch::with_hits(
            "kafka",
            TextHits::Slots(SlotHits {
                epoch,
                hits: vec![(slot, 1.0)],
            }),
        )),
        ..base.clone()
    };
    assert_eq!(ids(&index.search(&by_slot(epoch), 0, 10).unwrap()), [2]);
    // A removal frees a slot another candidate may take: slots from before are refused.
    assert!(index.remove(cid(3)));
    assert_ne!(index.slot_epoch(), epoch);
    let err = index.search(&by_slot(epoch), 0, 10).unwrap_err();
    assert_eq!(err.field, "text");
    assert_eq!(
        ids(&index.search(&by_slot(index.slot_epoch()), 0, 10).unwrap()),
        [2]
    );
}

#[test]
fn a_negative_or_nan_score_is_refused_by_position() {
    let t = taxonomy();
    let pool = vec![profile(&t, 1, &[("go", 5.0)])];
    let (index, _) = Index::build(t.clone(), &pool);
    let q = with_text(query(), "go", &[(1, 0.5), (1, -1.5)]);
    let err = index.search(&q, 0, 10).unwrap_err();
    assert_eq!(err.field, "text.relevance[1]");
    let q = Query {
        text: Some(TextMatch::with_hits(
            "go",
            TextHits::Slots(SlotHits {
                epoch: index.slot_epoch(),
                hits: vec![(0, f32::NAN)],
            }),
        )),
        ..query()
    };
    assert_eq!(
        index.search(&q, 0, 10).unwrap_err().field,
        "text.relevance[0]"
    );
}

/// Candidates 1 and 2 know Go, 3 Java.
fn two_go_one_java(
    t: &std::sync::Arc<hireloop_match::Taxonomy>,
) -> (Vec<hireloop_match::Profile>, Index) {
    let pool = vec![
        profile(t, 1, &[("go", 5.0)]),
        profile(t, 2, &[("go", 5.0)]),
        profile(t, 3, &[("java", 5.0)]),
    ];
    let (index, _) = Index::build(t.clone(), &pool);
    (pool, index)
}

#[test]
fn relevance_is_relative_to_the_best_match_among_who_pass_the_filters() {
    let t = taxonomy();
    let (pool, index) = two_go_one_java(&t);
    // Candidate 3 scores best on the text but is not a Go developer: the best Go match is 1.
    let q = with_text(
        query().must(skill(&t, "go"), None),
        "payments",
        &[(1, 2.0), (2, 4.0), (3, 9.0)],
    );
    let r = index.search(&q, 0, 10).unwrap();
    assert_eq!(ids(&r), [2, 1]);
    let text_of = |i: usize| {
        r.matches[i]
            .breakdown
            .iter()
            .find(|c| c.component == Component::Text)
            .unwrap()
            .value
    };
    assert_eq!(text_of(0), 1.0);
    assert_eq!(text_of(1), 0.5);
    let want = LinearScan::new(&t, &pool)
        .unwrap()
        .search(&q, 0, 10)
        .unwrap();
    let got: Vec<_> = r
        .matches
        .iter()
        .map(|m| (m.candidate_id, m.score))
        .collect();
    assert_eq!(got, want.ranked);
}

#[test]
fn text_looked_for_among_the_survivors_only_ranks_them_and_explains_an_empty_result() {
    let t = taxonomy();
    let (_, index) = two_go_one_java(&t);
    let q = with_text(query().must(skill(&t, "go"), None), "payments", &[]);
    let Filtered::Survivors(s) = index.filtered(&q, 0, 10).unwrap() else {
        panic!("two Go developers pass the filters")
    };
    let go: Vec<u32> = s.slots().iter().collect();
    assert_eq!(
        go,
        [
            index.slot_of(cid(1)).unwrap(),
            index.slot_of(cid(2)).unwrap()
        ]
    );
    let among = |hits: Vec<(u32, f32)>| {
        TextHits::Survivors(SlotHits {
            epoch: index.slot_epoch(),
            hits,
        })
    };
    let r = s.rank(Some(&among(vec![(go[1], 3.0)]))).unwrap();
    assert_eq!(ids(&r), [2]);
    assert_eq!(r.total, 1);
    // Nobody among them matches: the reason says so, without claiming nobody in the pool does.
    let Filtered::Survivors(s) = index.filtered(&q, 0, 10).unwrap() else {
        panic!("two Go developers pass the filters")
    };
    let r = s.rank(Some(&among(Vec::new()))).unwrap();
    assert_eq!(
        r.empty_reason.unwrap(),
        "none of the 2 candidates who pass the other filters matches the text 'payments'"
    );
    // A query with text and no hits given is refused, naming the field.
    let Filtered::Survivors(s) = index.filtered(&q, 0, 10).unwrap() else {
        panic!("two Go developers pass the filters")
    };
    assert_eq!(s.rank(None).unwrap_err().field, "text");
}
