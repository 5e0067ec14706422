//! Candidate contact and place (phone, country, city, years of work) in the store, on SQLite and
//! (with HIRELOOP_TEST_DATABASE_URL) PostgreSQL: the fields round-trip, and an import matches a
//! record with a new email to the one stored candidate with its phone number.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use common::*;
use hireloop_core::candidate::NewCandidate;
use hireloop_core::import::Outcome;

fn with_phone(email: &str, phone: &str, skills: &[&str]) -> NewCandidate {
    CandidateInput {
        phone: Some(phone.into()),
        country: Some("rs".into()),
        city: Some("Novi Sad".into()),
        experience_years: Some(6.5),
        skills: skills.iter().map(|s| s.to_string()).collect(),
        ..candidate_input(email)
    }
    .parse()
    .unwrap()
}

#[tokio::test]
async fn phone_country_city_and_years_round_trip() {
    on_each_backend(|store| async move {
        let new = with_phone("ana@example.com", "064 123 4567", &["Go"]);
        let created = store.create_candidate(&new).await.unwrap();
        let p = &created.profile;
        // The national number took Serbia's calling code.
        assert_eq!(p.phone.as_ref().unwrap().as_str(), "+381 64 123 4567");
        assert_eq!(p.phone.as_ref().unwrap().key(), "381641234567");
        assert_eq!(p.country.as_ref().unwrap().as_str(), "RS");
        assert_eq!(p.city.as_ref().unwrap().as_str(), "Novi Sad");
        assert_eq!(p.experience_years, Some(6.5));
        let read = store
            .candidate(&system_visibility(), created.id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(read, created);

        // An update that states none of them keeps them; one that states a new phone replaces it.
        let mut plain = candidate_input("ana@example.com").parse().unwrap();
        plain.keep_unstated_from(&created);
        let kept = store.update_candidate(created.id, &plain).await.unwrap();
        assert_eq!(kept.profile.phone, created.profile.phone);
        assert_eq!(kept.profile.experience_years, Some(6.5));
    })
    .await;
}

#[tokio::test]
async fn an_import_with_a_new_email_matches_the_one_candidate_with_its_phone() {
    on_each_backend(|store| async move {
        let stored = store
            .create_candidate(&with_phone("ana@example.com", "+381 64 123 4567", &["Go"]))
            .await
            .unwrap();
        // Same number written another way, new email, one more skill: the same person.
        let results = store
            .import_candidates(vec![with_phone(
                "ana.p@other.example",
                "(064) 123-45-67",
                &["Go", "Kafka"],
            )])
            .await
            .unwrap();
        assert_eq!(results[0].outcome, Outcome::Updated);
        assert_eq!(results[0].candidate.id, stored.id);
        // The stored email stays: the person decides whether the new one replaces it.
        assert_eq!(results[0].candidate.email.as_str(), "ana@example.com");
        let note = results[0].note.as_deref().unwrap();
        assert!(note.contains("matched by phone"), "{note}");
        assert_eq!(store.candidates_after(None, 10).await.unwrap().len(), 1);

        // A re-run changes nothing and still says how it matched.
        let again = store
            .import_candidates(vec![with_phone(
                "ana.p@other.example",
                "(064) 123-45-67",
                &["Go", "Kafka"],
            )])
            .await
            .unwrap();
        assert_eq!(again[0].outcome, Outcome::Unchanged);
        assert!(again[0]
            .note
            .as_deref()
            .unwrap()
            .contains("matched by phone"));
    })
    .await;
}

#[tokio::test]
async fn a_phone_shared_by_several_candidates_imports_as_new_with_a_warning() {
    on_each_backend(|store| async move {
        for email in ["one@example.com", "two@example.com"] {
            store
                .create_candidate(&with_phone(email, "+381 11 222 3333", &["Go"]))
                .await
                .unwrap();
        }
        let results = store
            .import_candidates(vec![
                with_phone("three@example.com", "011 222 3333", &["Go"]),
                // No phone at all: a plain new candidate without a note.
                candidate_input("four@example.com").parse().unwrap(),
            ])
            .await
            .unwrap();
        assert_eq!(results[0].outcome, Outcome::Imported);
        let note = results[0].note.as_deref().unwrap();
        assert!(note.contains("matches 2 candidates"), "{note}");
        assert_eq!(results[1].outcome, Outcome::Imported);
        assert_eq!(results[1].note, None);
        assert_eq!(store.candidates_after(None, 10).await.unwrap().len(), 4);
    })
    .await;
}
