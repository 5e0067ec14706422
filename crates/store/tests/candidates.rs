//! The extended candidate profile in the store, on SQLite and (with HIRELOOP_TEST_DATABASE_URL)
//! PostgreSQL: every profile field round-trips through create, update, read and the lists; the
//! vetting status moves by the core rule, with its history, atomically.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use common::*;
use hireloop_core::candidate_profile::{ProfileLinks, SkillDetailInput, VettingStatus};
use hireloop_core::level::Level;
use hireloop_core::text::Reason;

fn full_profile(email: &str) -> CandidateInput {
    CandidateInput {
        timezone: Some("Europe/Belgrade".into()),
        links: Some(ProfileLinks {
            github: Some("https://github.com/ana".into()),
            linkedin: Some("https://www.linkedin.com/in/ana".into()),
            website: None,
        }),
        skill_details: vec![SkillDetailInput {
            skill: "go".into(),
            years: Some(6.0),
            last_used_year: Some(2025),
        }],
        primary_language: Some("Go".into()),
        stated_level: Some("senior".into()),
        available_from: Some("2026-12-01".into()),
        hours_per_week: Some(40),
        engagement: vec!["full_time".into(), "contract".into()],
        work_authorization: vec!["RS".into(), "western_europe".into()],
        industries: vec!["payments".into()],
        consent_until: Some("2027-11-30".into()),
        source_channel: Some("referral".into()),
        tags: vec!["strong communicator".into()],
        ..candidate_input(email)
    }
}

#[tokio::test]
async fn every_profile_field_round_trips_through_create_read_and_lists() {
    on_each_backend(|store| async move {
        let new = full_profile("ana@example.com").parse().unwrap();
        let created = store.create_candidate(&new).await.unwrap();
        assert_eq!(created.profile, new.profile);
        assert_eq!(created.vetting_status, VettingStatus::Unvetted);
        assert_eq!(created.profile.stated_level, Some(Level::Senior));
        assert_eq!(created.profile.skill_details[0].years, Some(6.0));
        assert_eq!(created.profile.hours_per_week, Some(40));
        let all = system_visibility();
        assert_eq!(
            store.candidate(&all, created.id).await.unwrap(),
            Some(created.clone())
        );
        let page = store
            .list_candidates(&all, &PageRequest::default())
            .await
            .unwrap();
        assert_eq!(page.items, std::slice::from_ref(&created));
        let batch = store.candidates_after(None, 10).await.unwrap();
        assert_eq!(batch, std::slice::from_ref(&created));
        let by_email = store.candidate_by_email(&created.email).await.unwrap();
        assert_eq!(by_email, Some(created));
    })
    .await;
}

#[tokio::test]
async fn a_candidate_without_a_profile_stores_empty_defaults() {
    on_each_backend(|store| async move {
        let new = candidate_input("plain@example.com").parse().unwrap();
        let created = store.create_candidate(&new).await.unwrap();
        assert_eq!(created.profile, Default::default());
        assert_eq!(created.vetting_status, VettingStatus::Unvetted);
        let read = store
            .candidate(&system_visibility(), created.id)
            .await
            .unwrap()
            .unwrap();
        assert!(read.profile.links.is_empty());
        assert!(read.profile.skill_details.is_empty());
    })
    .await;
}

#[tokio::test]
async fn an_update_replaces_the_profile_and_keeps_the_vetting_status() {
    on_each_backend(|store| async move {
        let created = store
            .create_candidate(&full_profile("ana@example.com").parse().unwrap())
            .await
            .unwrap();
        store
            .set_vetting(created.id, VettingStatus::InVetting, None, None)
            .await
            .unwrap();
        let mut input = full_profile("ana@example.com");
        input.timezone = Some("America/Sao_Paulo".into());
        input.stated_level = None;
        input.tags = Vec::new();
        let updated = store
            .update_candidate(created.id, &input.parse().unwrap())
            .await
            .unwrap();
        assert_eq!(
            updated.profile.timezone.as_ref().map(|t| t.as_str()),
            Some("America/Sao_Paulo")
        );
        assert_eq!(updated.profile.stated_level, None);
        assert!(updated.profile.tags.is_empty());
        assert_eq!(updated.vetting_status, VettingStatus::InVetting);
        assert_eq!(updated.created_at, created.created_at);
        let read = store
            .candidate(&system_visibility(), created.id)
            .await
            .unwrap();
        assert_eq!(read, Some(updated));
    })
    .await;
}

#[tokio::test]
async fn vetting_moves_by_the_rule_and_records_who_when_and_why() {
    on_each_backend(|store| async move {
        let recruiter = user(&store, "rec@example.com", UserRole::Recruiter).await;
        let c = store
            .create_candidate(&candidate_input("ana@example.com").parse().unwrap())
            .await
            .unwrap();
        let why = Reason::parse("System design below the bar").unwrap();
        let moved = store
            .set_vetting(c.id, VettingStatus::InVetting, Some(recruiter.id), None)
            .await
            .unwrap();
        assert_eq!(moved.vetting_status, VettingStatus::InVetting);
        store
            .set_vetting(
                c.id,
                VettingStatus::NotAccepted,
                Some(recruiter.id),
                Some(&why),
            )
            .await
            .unwrap();
        store
            .set_vetting(c.id, VettingStatus::InVetting, None, None)
            .await
            .unwrap();
        let vetted = store
            .set_vetting(c.id, VettingStatus::Vetted, Some(recruiter.id), None)
            .await
            .unwrap();
        assert_eq!(vetted.vetting_status, VettingStatus::Vetted);

        let history = store.vetting_history(c.id).await.unwrap();
        let moves: Vec<_> = history
            .iter()
            .map(|e| (e.from_status, e.to_status))
            .collect();
        use VettingStatus::*;
        assert_eq!(
            moves,
            [
                (Unvetted, InVetting),
                (InVetting, NotAccepted),
                (NotAccepted, InVetting),
                (InVetting, Vetted)
            ]
        );
        assert_eq!(history[1].note.as_ref(), Some(&why));
        assert_eq!(history[1].actor_id, Some(recruiter.id));
        assert_eq!(
            history[1].actor_name.as_ref().map(|n| n.as_str()),
            Some("Test User")
        );
        assert_eq!(history[2].actor_id, None);
        assert!(history.windows(2).all(|w| w[0].at <= w[1].at));
    })
    .await;
}

#[tokio::test]
async fn a_forbidden_vetting_move_is_a_conflict_and_leaves_no_trace() {
    on_each_backend(|store| async move {
        let c = store
            .create_candidate(&candidate_input("ana@example.com").parse().unwrap())
            .await
            .unwrap();
        let err = store
            .set_vetting(c.id, VettingStatus::Vetted, None, None)
            .await
            .unwrap_err();
        match err {
            StoreError::Conflict { field, message } => {
                assert_eq!(field, Some("status"));
                assert!(message.contains("allowed: in_vetting"), "{message}");
            }
            other => panic!("expected a conflict, got {other:?}"),
        }
        store
            .set_vetting(c.id, VettingStatus::InVetting, None, None)
            .await
            .unwrap();
        // Not accepted without a note saying why is refused too.
        assert!(matches!(
            store
                .set_vetting(c.id, VettingStatus::NotAccepted, None, None)
                .await,
            Err(StoreError::Conflict { .. })
        ));
        let read = store
            .candidate(&system_visibility(), c.id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(read.vetting_status, VettingStatus::InVetting);
        assert_eq!(store.vetting_history(c.id).await.unwrap().len(), 1);
        let missing = hireloop_core::ids::CandidateId(uuid::Uuid::now_v7());
        assert!(matches!(
            store
                .set_vetting(missing, VettingStatus::InVetting, None, None)
                .await,
            Err(StoreError::NotFound("candidate"))
        ));
        assert!(store.vetting_history(missing).await.unwrap().is_empty());
    })
    .await;
}

#[tokio::test]
async fn two_reviewers_moving_the_same_candidate_at_once_leave_one_move() {
    on_each_backend(|store| async move {
        let c = store
            .create_candidate(&candidate_input("ana@example.com").parse().unwrap())
            .await
            .unwrap();
        let (a, b) = tokio::join!(
            store.set_vetting(c.id, VettingStatus::InVetting, None, None),
            store.set_vetting(c.id, VettingStatus::InVetting, None, None)
        );
        assert_eq!([a.is_ok(), b.is_ok()].iter().filter(|ok| **ok).count(), 1);
        assert_eq!(store.vetting_history(c.id).await.unwrap().len(), 1);
    })
    .await;
}
