//! Resume documents in the store, on SQLite and (with HIRELOOP_TEST_DATABASE_URL) PostgreSQL:
//! stored with their text, listed without it, idempotent per candidate and file hash, gone with
//! their candidate.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use common::*;
use hireloop_store::records::NewResumeDocument;

fn doc(candidate: hireloop_core::ids::CandidateId, sha: char, text: &str) -> NewResumeDocument {
    NewResumeDocument {
        candidate_id: candidate,
        file_name: "ana.pdf".into(),
        media_type: "application/pdf".into(),
        bytes_len: 1234,
        sha256: sha.to_string().repeat(64),
        extracted_text: text.into(),
        uploaded_by: None,
    }
}

#[tokio::test]
async fn a_document_is_stored_listed_and_read_back() {
    on_each_backend(|store| async move {
        let recruiter = user(&store, "r@example.com", UserRole::Recruiter).await;
        let ana = store
            .create_candidate(&candidate_input("ana@example.com").parse().unwrap())
            .await
            .unwrap();
        let mut first = doc(ana.id, 'a', "Go, Kafka");
        first.uploaded_by = Some(recruiter.id);
        let (stored, created) = store.add_resume_document(&first).await.unwrap();
        assert!(created);
        assert_eq!(stored.extracted_text.as_deref(), Some("Go, Kafka"));
        assert_eq!(stored.uploaded_by, Some(recruiter.id));
        assert_eq!(stored.bytes_len, 1234);
        let (second, _) = store
            .add_resume_document(&doc(ana.id, 'b', "Rust"))
            .await
            .unwrap();

        let listed = store.resume_documents(ana.id).await.unwrap();
        assert_eq!(
            listed.iter().map(|d| d.id).collect::<Vec<_>>(),
            vec![second.id, stored.id],
            "newest first"
        );
        assert!(listed.iter().all(|d| d.extracted_text.is_none()));

        let read = store.resume_document(ana.id, stored.id).await.unwrap();
        assert_eq!(read, Some(stored.clone()));
        // Another candidate's id does not reach the document.
        let bo = store
            .create_candidate(&candidate_input("bo@example.com").parse().unwrap())
            .await
            .unwrap();
        assert_eq!(store.resume_document(bo.id, stored.id).await.unwrap(), None);
        assert!(store.resume_documents(bo.id).await.unwrap().is_empty());
    })
    .await;
}

#[tokio::test]
async fn the_same_file_again_is_the_same_document() {
    on_each_backend(|store| async move {
        let ana = store
            .create_candidate(&candidate_input("ana@example.com").parse().unwrap())
            .await
            .unwrap();
        let (first, created) = store
            .add_resume_document(&doc(ana.id, 'a', "Go"))
            .await
            .unwrap();
        assert!(created);
        let mut again = doc(ana.id, 'a', "ignored");
        again.file_name = "renamed.pdf".into();
        let (second, created) = store.add_resume_document(&again).await.unwrap();
        assert!(!created);
        assert_eq!(second, first);
        assert_eq!(store.resume_documents(ana.id).await.unwrap().len(), 1);
        // The same file for another candidate is that candidate's own document.
        let bo = store
            .create_candidate(&candidate_input("bo@example.com").parse().unwrap())
            .await
            .unwrap();
        let (_, created) = store
            .add_resume_document(&doc(bo.id, 'a', "Go"))
            .await
            .unwrap();
        assert!(created);
    })
    .await;
}

#[tokio::test]
async fn no_such_candidate_is_not_found() {
    on_each_backend(|store| async move {
        let missing = hireloop_core::ids::CandidateId::from(uuid::Uuid::now_v7());
        let err = store
            .add_resume_document(&doc(missing, 'a', "Go"))
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::NotFound("candidate")), "{err}");
    })
    .await;
}
