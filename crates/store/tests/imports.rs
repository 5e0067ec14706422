//! Batched candidate imports on SQLite and (with HIRELOOP_TEST_DATABASE_URL) PostgreSQL: one
//! transaction per batch, new emails inserted, known ones updated or left alone, order kept.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use common::*;
use hireloop_core::candidate::NewCandidate;
use hireloop_core::import::Outcome;

fn new(email: &str, skills: &[&str]) -> NewCandidate {
    let mut input = candidate_input(email);
    input.skills = skills.iter().map(|s| s.to_string()).collect();
    input.parse().unwrap()
}

#[tokio::test]
async fn a_batch_inserts_new_emails_updates_changed_ones_and_leaves_the_same_alone() {
    on_each_backend(|store| async move {
        let kept = store
            .create_candidate(&new("same@example.com", &["Go"]))
            .await
            .unwrap();
        let changed = store
            .create_candidate(&new("changed@example.com", &["Go"]))
            .await
            .unwrap();

        let results = store
            .import_candidates(vec![
                new("fresh-1@example.com", &["Rust"]),
                new("same@example.com", &["Go"]),
                new("changed@example.com", &["Python"]),
                new("fresh-2@example.com", &["Java"]),
            ])
            .await
            .unwrap();
        let outcomes: Vec<Outcome> = results.iter().map(|r| r.outcome).collect();
        assert_eq!(
            outcomes,
            [
                Outcome::Imported,
                Outcome::Unchanged,
                Outcome::Updated,
                Outcome::Imported
            ]
        );
        let emails: Vec<&str> = results.iter().map(|r| r.candidate.email.as_str()).collect();
        assert_eq!(
            emails,
            [
                "fresh-1@example.com",
                "same@example.com",
                "changed@example.com",
                "fresh-2@example.com"
            ]
        );
        assert_eq!(results[1].candidate.id, kept.id);
        assert_eq!(results[2].candidate.id, changed.id);

        // What the batch returned is what is stored.
        let email = hireloop_core::email::Email::parse("changed@example.com").unwrap();
        let stored = store.candidate_by_email(&email).await.unwrap().unwrap();
        assert_eq!(stored.skills, results[2].candidate.skills);
        assert_eq!(
            stored.skills.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
            ["python"]
        );
        let email = hireloop_core::email::Email::parse("fresh-2@example.com").unwrap();
        let stored = store.candidate_by_email(&email).await.unwrap().unwrap();
        assert_eq!(stored, results[3].candidate);

        // A re-run changes nothing.
        let again = store
            .import_candidates(vec![
                new("fresh-1@example.com", &["Rust"]),
                new("changed@example.com", &["Python"]),
            ])
            .await
            .unwrap();
        assert!(again.iter().all(|r| r.outcome == Outcome::Unchanged));
    })
    .await;
}

#[tokio::test]
async fn batches_larger_than_one_statement_are_stored_whole() {
    on_each_backend(|store| async move {
        // 2,500 rows: three multi-row INSERTs and three email lookups in one transaction.
        let batch: Vec<NewCandidate> = (0..2500)
            .map(|i| new(&format!("pool-{i}@example.com"), &["Go", "PostgreSQL"]))
            .collect();
        let results = store.import_candidates(batch).await.unwrap();
        assert_eq!(results.len(), 2500);
        assert!(results.iter().all(|r| r.outcome == Outcome::Imported));
        assert_eq!(
            results[2499].candidate.email.as_str(),
            "pool-2499@example.com"
        );
        let all = store.candidates_after(None, 5000).await.unwrap();
        assert_eq!(all.len(), 2500);
    })
    .await;
}

#[tokio::test]
async fn a_batch_refused_by_the_database_keeps_none_of_its_records() {
    on_each_backend(|store| async move {
        // The same email twice in one batch breaks the rule that a batch's emails are distinct:
        // the second INSERT row violates the unique email, and the whole batch rolls back.
        let err = store
            .import_candidates(vec![
                new("first@example.com", &["Go"]),
                new("twice@example.com", &["Go"]),
                new("twice@example.com", &["Rust"]),
            ])
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::Conflict { .. }), "{err:?}");
        assert!(store.candidates_after(None, 10).await.unwrap().is_empty());
    })
    .await;
}
