//! Work modes and relocation in the store (migration 0013), on SQLite and (with
//! HIRELOOP_TEST_DATABASE_URL) PostgreSQL: they round-trip through create, update, read and the
//! batched import, and "not stated" stays distinct from "no".

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use common::*;
use hireloop_core::import::Outcome;
use hireloop_core::work_mode::WorkMode;

fn willing(email: &str, modes: &[&str], relocate: Option<bool>) -> CandidateInput {
    CandidateInput {
        work_modes: modes.iter().map(|m| m.to_string()).collect(),
        open_to_relocation: relocate,
        ..candidate_input(email)
    }
}

#[tokio::test]
async fn work_modes_and_relocation_round_trip_and_change() {
    on_each_backend(|store| async move {
        let all = system_visibility();
        let new = willing("ana@example.com", &["hybrid", "onsite"], Some(true))
            .parse()
            .unwrap();
        let created = store.create_candidate(&new).await.unwrap();
        assert_eq!(
            created.profile.work_modes,
            [WorkMode::Hybrid, WorkMode::Onsite]
        );
        assert_eq!(created.profile.open_to_relocation, Some(true));
        assert_eq!(
            store.candidate(&all, created.id).await.unwrap(),
            Some(created.clone())
        );

        // "No" is stored as no, not as "not stated".
        let no = willing("ana@example.com", &["remote"], Some(false));
        let updated = store
            .update_candidate(created.id, &no.parse().unwrap())
            .await
            .unwrap();
        assert_eq!(updated.profile.work_modes, [WorkMode::Remote]);
        assert_eq!(updated.profile.open_to_relocation, Some(false));
        let read = store.candidate(&all, created.id).await.unwrap().unwrap();
        assert_eq!(read.profile.open_to_relocation, Some(false));

        // Cleared: back to "not stated".
        let cleared = willing("ana@example.com", &[], None);
        let updated = store
            .update_candidate(created.id, &cleared.parse().unwrap())
            .await
            .unwrap();
        assert!(updated.profile.work_modes.is_empty());
        assert_eq!(updated.profile.open_to_relocation, None);
        assert_eq!(
            store.candidate(&all, created.id).await.unwrap(),
            Some(updated)
        );
    })
    .await;
}

#[tokio::test]
async fn the_batched_import_writes_them_and_a_silent_reimport_keeps_them() {
    on_each_backend(|store| async move {
        let first = willing("bo@example.com", &["onsite"], Some(true))
            .parse()
            .unwrap();
        let plain = willing("cy@example.com", &[], None).parse().unwrap();
        let results = store.import_candidates(vec![first, plain]).await.unwrap();
        assert!(results.iter().all(|r| r.outcome == Outcome::Imported));
        let bo = store
            .candidate_by_email(&results[0].candidate.email)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(bo.profile.work_modes, [WorkMode::Onsite]);
        assert_eq!(bo.profile.open_to_relocation, Some(true));
        let cy = store
            .candidate_by_email(&results[1].candidate.email)
            .await
            .unwrap()
            .unwrap();
        assert!(cy.profile.work_modes.is_empty());
        assert_eq!(cy.profile.open_to_relocation, None);

        // A later import that states nothing about them leaves what was stated.
        let silent = willing("bo@example.com", &[], None).parse().unwrap();
        store.import_candidates(vec![silent]).await.unwrap();
        let again = store.candidate_by_email(&bo.email).await.unwrap().unwrap();
        assert_eq!(again.profile.work_modes, [WorkMode::Onsite]);
        assert_eq!(again.profile.open_to_relocation, Some(true));
    })
    .await;
}
