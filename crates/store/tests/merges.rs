//! Duplicate candidates and merges in the store, on SQLite and (with HIRELOOP_TEST_DATABASE_URL)
//! PostgreSQL: lookups by email key, phone key and name + city; pool-wide groups page by page; a
//! merge moves applications, resumes and vetting history, fills the survivor, records the merge
//! append-only and removes the duplicate; a shared role refuses the merge with nothing changed.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use common::*;
use hireloop_core::application::ApplicationInput;
use hireloop_core::candidate::Candidate;
use hireloop_core::candidate_profile::VettingStatus;
use hireloop_core::duplicates::DuplicateReason;
use hireloop_core::text::Reason;
use hireloop_store::merges::GroupsRequest;
use hireloop_store::records::NewResumeDocument;

async fn candidate(
    store: &Store,
    name: &str,
    email: &str,
    city: Option<&str>,
    phone: Option<&str>,
) -> Candidate {
    let input = CandidateInput {
        name: name.into(),
        email: email.into(),
        city: city.map(Into::into),
        phone: phone.map(Into::into),
        skills: vec!["go".into()],
        ..Default::default()
    };
    store
        .create_candidate(&input.parse().unwrap())
        .await
        .unwrap()
}

fn reasons_of(
    found: &[hireloop_core::duplicates::DuplicateMatch],
    who: &Candidate,
) -> Vec<DuplicateReason> {
    found
        .iter()
        .find(|m| m.candidate.id == who.id)
        .map(|m| m.reasons.clone())
        .unwrap_or_default()
}

#[tokio::test]
async fn duplicates_are_found_by_email_phone_and_name_in_a_city() {
    on_each_backend(|store| async move {
        let ana = candidate(
            &store,
            "Jelena Petrović",
            "jelena@gmail.com",
            Some("Belgrade"),
            Some("+381 64 123 4567"),
        )
        .await;
        let by_email = candidate(&store, "J P", "j.e.lena+cv@googlemail.com", None, None).await;
        let by_phone = candidate(
            &store,
            "Someone Else",
            "other@x.io",
            None,
            Some("00381 (64) 123-4567"),
        )
        .await;
        let by_name = candidate(
            &store,
            "PETROVIC Jelena",
            "jp@work.io",
            Some(" belgrade "),
            None,
        )
        .await;
        let other_city = candidate(
            &store,
            "Jelena Petrovic",
            "jp2@work.io",
            Some("Novi Sad"),
            None,
        )
        .await;
        let found = store.candidate_duplicates(ana.id).await.unwrap();
        assert_eq!(found.len(), 3, "{found:?}");
        assert_eq!(reasons_of(&found, &by_email), [DuplicateReason::SameEmail]);
        assert_eq!(reasons_of(&found, &by_phone), [DuplicateReason::SamePhone]);
        assert_eq!(
            reasons_of(&found, &by_name),
            [DuplicateReason::SameNameAndCity]
        );
        assert!(reasons_of(&found, &other_city).is_empty());
        // The relation is symmetric.
        let back = store.candidate_duplicates(by_name.id).await.unwrap();
        assert_eq!(reasons_of(&back, &ana), [DuplicateReason::SameNameAndCity]);
        assert!(matches!(
            store
                .candidate_duplicates(hireloop_core::ids::CandidateId(uuid::Uuid::now_v7()))
                .await,
            Err(StoreError::NotFound("candidate"))
        ));
    })
    .await;
}

#[tokio::test]
async fn pool_wide_groups_page_through_every_reason() {
    on_each_backend(|store| async move {
        candidate(&store, "A One", "a@x.io", None, None).await;
        candidate(&store, "A Two", "a+2@x.io", None, None).await;
        candidate(&store, "B One", "b@x.io", None, Some("+44 20 7946 0000")).await;
        candidate(&store, "B Two", "b2@x.io", None, Some("+44 (20) 7946-0000")).await;
        candidate(&store, "Ivo Horvat", "i1@x.io", Some("Zagreb"), None).await;
        candidate(&store, "Horvat Ivo", "i2@x.io", Some("zagreb"), None).await;
        candidate(&store, "Ana Kovač", "k1@x.io", Some("Zagreb"), None).await;
        candidate(&store, "Solo", "solo@x.io", Some("Split"), None).await;
        let mut seen = Vec::new();
        let mut cursor = None;
        loop {
            let page = store
                .duplicate_groups(&GroupsRequest {
                    limit: 1,
                    cursor: cursor.clone(),
                })
                .await
                .unwrap();
            for g in &page.items {
                assert_eq!(g.candidates.len(), 2, "{g:?}");
                seen.push((g.reason, g.key.clone()));
            }
            match page.next_cursor {
                Some(c) => cursor = Some(c),
                None => break,
            }
        }
        assert_eq!(
            seen,
            [
                (DuplicateReason::SameEmail, "a@x.io".to_string()),
                (DuplicateReason::SamePhone, "442079460000".to_string()),
                (
                    DuplicateReason::SameNameAndCity,
                    "zagreb|horvat ivo".to_string()
                ),
            ]
        );
        let bad = store
            .duplicate_groups(&GroupsRequest {
                limit: 5,
                cursor: Some("nope".into()),
            })
            .await;
        assert!(matches!(bad, Err(StoreError::Invalid(e)) if e.message_for("cursor").is_some()));
    })
    .await;
}

fn resume(candidate: hireloop_core::ids::CandidateId, sha: char) -> NewResumeDocument {
    NewResumeDocument {
        candidate_id: candidate,
        file_name: "cv.pdf".into(),
        media_type: "application/pdf".into(),
        bytes_len: 10,
        sha256: sha.to_string().repeat(64),
        extracted_text: "Go".into(),
        uploaded_by: None,
    }
}

async fn apply(
    store: &Store,
    role: hireloop_core::ids::RoleId,
    who: &Candidate,
) -> hireloop_core::application::Application {
    let input = ApplicationInput {
        role_id: role.as_uuid(),
        candidate_id: who.id.as_uuid(),
        stage: None,
    };
    store
        .create_application(&input.parse().unwrap(), None)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_merge_moves_everything_and_keeps_the_history() {
    on_each_backend(|store| async move {
        let admin = user(&store, "admin@example.com", UserRole::Admin).await;
        let role = store
            .create_role(&role_input("Senior Go Engineer").parse().unwrap())
            .await
            .unwrap();
        let other_role = store
            .create_role(&role_input("Staff Go Engineer").parse().unwrap())
            .await
            .unwrap();
        let keep = candidate(
            &store,
            "Jelena Petrović",
            "jelena@example.com",
            Some("Belgrade"),
            None,
        )
        .await;
        let gone = store
            .create_candidate(
                &CandidateInput {
                    name: "Jelena Petrovic".into(),
                    email: "jelena+old@example.com".into(),
                    phone: Some("+381 64 123 4567".into()),
                    skills: vec!["go".into(), "kafka".into()],
                    ..Default::default()
                }
                .parse()
                .unwrap(),
            )
            .await
            .unwrap();
        apply(&store, role.id, &keep).await;
        let moved_app = apply(&store, other_role.id, &gone).await;
        store
            .add_resume_document(&resume(keep.id, 'a'))
            .await
            .unwrap();
        store
            .add_resume_document(&resume(gone.id, 'a'))
            .await
            .unwrap();
        store
            .add_resume_document(&resume(gone.id, 'b'))
            .await
            .unwrap();
        store
            .set_vetting(gone.id, VettingStatus::InVetting, Some(admin.id), None)
            .await
            .unwrap();
        let note = Reason::parse("same person, imported twice").unwrap();

        let (survivor, merge) = store
            .merge_candidates(keep.id, gone.id, Some(admin.id), Some(&note))
            .await
            .unwrap();
        assert_eq!(survivor.id, keep.id);
        assert_eq!(survivor.email, keep.email);
        assert_eq!(survivor.name, keep.name);
        assert_eq!(
            survivor.profile.phone, gone.profile.phone,
            "filled from the duplicate"
        );
        let skills: Vec<_> = survivor.skills.iter().map(|s| s.as_str()).collect();
        assert_eq!(skills, ["go", "kafka"]);
        assert_eq!(merge.merged_id, gone.id);
        assert_eq!(merge.merged_name, gone.name);
        assert_eq!(merge.merged["email"], "jelena+old@example.com");
        assert_eq!(merge.actor_id, Some(admin.id));
        assert_eq!(merge.note.as_ref(), Some(&note));
        assert_eq!(
            (
                merge.moved.applications,
                merge.moved.resume_documents,
                merge.moved.resume_documents_already_present,
                merge.moved.vetting_events
            ),
            (1, 1, 1, 1)
        );

        let scope = system_visibility();
        assert_eq!(store.candidate(&scope, gone.id).await.unwrap(), None);
        let app = store
            .application(&scope, moved_app.id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(app.candidate_id, keep.id);
        assert_eq!(store.resume_documents(keep.id).await.unwrap().len(), 2);
        assert_eq!(store.vetting_history(keep.id).await.unwrap().len(), 1);
        assert_eq!(
            store.candidate_merges(keep.id).await.unwrap(),
            vec![merge.clone()]
        );
        assert!(store
            .candidate_duplicates(keep.id)
            .await
            .unwrap()
            .is_empty());

        // A later merge of the survivor carries its history along.
        let third = candidate(&store, "Third", "third@example.com", None, None).await;
        let (_, second) = store
            .merge_candidates(third.id, keep.id, None, None)
            .await
            .unwrap();
        assert_eq!(second.moved.merges, 1);
        assert_eq!(second.moved.applications, 2);
        let history = store.candidate_merges(third.id).await.unwrap();
        assert_eq!(
            history.iter().map(|m| m.merged_id).collect::<Vec<_>>(),
            [gone.id, keep.id]
        );
    })
    .await;
}

#[tokio::test]
async fn a_shared_role_or_a_missing_candidate_refuses_the_merge() {
    on_each_backend(|store| async move {
        let role = store
            .create_role(&role_input("Senior Go Engineer").parse().unwrap())
            .await
            .unwrap();
        let a = candidate(&store, "Ana", "ana@example.com", None, None).await;
        let b = candidate(&store, "Ana", "ana+b@example.com", None, None).await;
        apply(&store, role.id, &a).await;
        apply(&store, role.id, &b).await;
        let err = store
            .merge_candidates(a.id, b.id, None, None)
            .await
            .unwrap_err();
        match err {
            StoreError::Conflict { field, message } => {
                assert_eq!(field, Some("duplicate_id"));
                assert!(message.contains("'Senior Go Engineer'"), "{message}");
            }
            other => panic!("expected a conflict, got {other:?}"),
        }
        // Nothing changed.
        let scope = system_visibility();
        assert!(store.candidate(&scope, b.id).await.unwrap().is_some());
        assert!(store.candidate_merges(a.id).await.unwrap().is_empty());

        let nobody = hireloop_core::ids::CandidateId(uuid::Uuid::now_v7());
        assert!(matches!(
            store.merge_candidates(a.id, nobody, None, None).await,
            Err(StoreError::Invalid(e)) if e.message_for("duplicate_id").is_some()
        ));
        assert!(matches!(
            store.merge_candidates(nobody, a.id, None, None).await,
            Err(StoreError::NotFound("candidate"))
        ));
        assert!(matches!(
            store.merge_candidates(a.id, a.id, None, None).await,
            Err(StoreError::Invalid(_))
        ));
    })
    .await;
}

/// Runs one raw statement binding `id`, as a hand-written query or a careless migration would.
async fn raw(url: &str, sql: &str, id: uuid::Uuid) -> Result<u64, String> {
    if url.starts_with("sqlite:") {
        let pool = sqlx::SqlitePool::connect(url).await.unwrap();
        let done = sqlx::query(sql).bind(id).execute(&pool).await;
        pool.close().await;
        done.map(|d| d.rows_affected()).map_err(|e| e.to_string())
    } else {
        let pool = sqlx::PgPool::connect(url).await.unwrap();
        let done = sqlx::query(sql).bind(id).execute(&pool).await;
        pool.close().await;
        done.map(|d| d.rows_affected()).map_err(|e| e.to_string())
    }
}

#[tokio::test]
async fn merge_records_are_append_only_and_go_with_their_candidate() {
    for test_store in hireloop_store::testing::TestStore::all().await {
        let store = test_store.store.clone();
        let url = test_store.url().to_string();
        eprintln!("-- on {}", store.backend_name());
        let admin = user(&store, "admin@example.com", UserRole::Admin).await;
        let a = candidate(&store, "Ana", "ana@example.com", None, None).await;
        let b = candidate(&store, "Ana", "ana+b@example.com", None, None).await;
        store
            .merge_candidates(a.id, b.id, Some(admin.id), None)
            .await
            .unwrap();
        let before = store.candidate_merges(a.id).await.unwrap();
        for sql in [
            "UPDATE candidate_merges SET note = 'rewritten' WHERE survivor_id = $1",
            "UPDATE candidate_merges SET merged_snapshot = '{}' WHERE survivor_id = $1",
            "DELETE FROM candidate_merges WHERE survivor_id = $1",
        ] {
            let err = raw(&url, sql, a.id.as_uuid()).await.unwrap_err();
            assert!(err.contains("append-only"), "{sql}: {err}");
        }
        assert_eq!(store.candidate_merges(a.id).await.unwrap(), before);
        // Deleting the user who merged forgets only who it was.
        raw(&url, "DELETE FROM users WHERE id = $1", admin.id.as_uuid())
            .await
            .unwrap();
        let after = store.candidate_merges(a.id).await.unwrap();
        assert_eq!((after[0].actor_id, &after[0].actor_name), (None, &None));
        // Erasing the candidate erases their merge records too.
        raw(&url, "DELETE FROM candidates WHERE id = $1", a.id.as_uuid())
            .await
            .unwrap();
        assert!(store.candidate_merges(a.id).await.unwrap().is_empty());
        test_store.finish().await;
    }
}

#[tokio::test]
async fn two_merges_of_one_duplicate_at_once_leave_one_winner() {
    on_each_backend(|store| async move {
        let role = store
            .create_role(&role_input("Senior Go Engineer").parse().unwrap())
            .await
            .unwrap();
        let a = candidate(&store, "Ana", "ana@example.com", None, None).await;
        let b = candidate(&store, "Ana", "ana+b@example.com", None, None).await;
        let dup = candidate(&store, "Ana", "ana+dup@example.com", None, None).await;
        let app = apply(&store, role.id, &dup).await;
        let (first, second) = tokio::join!(
            store.merge_candidates(a.id, dup.id, None, None),
            store.merge_candidates(b.id, dup.id, None, None)
        );
        let results = [first, second];
        let winners: Vec<_> = results.iter().filter_map(|r| r.as_ref().ok()).collect();
        assert_eq!(winners.len(), 1, "{results:?}");
        let loser = results.iter().find_map(|r| r.as_ref().err()).unwrap();
        assert!(
            matches!(loser, StoreError::Invalid(e) if e.message_for("duplicate_id").is_some()),
            "{loser:?}"
        );
        let moved = store
            .application(&system_visibility(), app.id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(moved.candidate_id, winners[0].0.id);
        let histories = store.candidate_merges(a.id).await.unwrap().len()
            + store.candidate_merges(b.id).await.unwrap().len();
        assert_eq!(histories, 1);
    })
    .await;
}
