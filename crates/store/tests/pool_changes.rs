//! The talent pool's change feed on SQLite and (with HIRELOOP_TEST_DATABASE_URL) PostgreSQL: every
//! write to a candidate or their resumes, through any connection, appends a change; the batch
//! reads the indexes re-index from.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use common::*;
use hireloop_core::ids::CandidateId;
use hireloop_store::pool_changes::PoolChange;
use hireloop_store::records::NewResumeDocument;
use hireloop_store::testing::TestStore;
use hireloop_store::ConnectOptions;

fn resume(candidate: CandidateId, sha: char, text: &str) -> NewResumeDocument {
    NewResumeDocument {
        candidate_id: candidate,
        file_name: "cv.txt".into(),
        media_type: "text/plain".into(),
        bytes_len: 10,
        sha256: sha.to_string().repeat(64),
        extracted_text: text.into(),
        uploaded_by: None,
    }
}

async fn create(store: &Store, email: &str) -> hireloop_core::candidate::Candidate {
    store
        .create_candidate(&candidate_input(email).parse().unwrap())
        .await
        .unwrap()
}

/// Runs a statement on a connection of its own, as another process would.
async fn execute_elsewhere(url: &str, sql: &str, id: uuid::Uuid) {
    if url.starts_with("sqlite:") {
        let pool = sqlx::SqlitePool::connect(url).await.unwrap();
        sqlx::query(sql).bind(id).execute(&pool).await.unwrap();
        pool.close().await;
    } else {
        let pool = sqlx::PgPool::connect(url).await.unwrap();
        sqlx::query(sql).bind(id).execute(&pool).await.unwrap();
        pool.close().await;
    }
}

fn ids(changes: &[PoolChange]) -> Vec<CandidateId> {
    changes.iter().map(|c| c.candidate_id).collect()
}

#[tokio::test]
async fn every_write_through_any_connection_is_a_change() {
    for test_store in TestStore::all().await {
        eprintln!("-- on {}", test_store.store.backend_name());
        let store = test_store.store.clone();
        assert_eq!(store.latest_pool_change().await.unwrap(), 0);

        let ana = create(&store, "ana@example.com").await;
        let start = store.latest_pool_change().await.unwrap();
        assert!(start > 0, "an insert is a change");

        // A second store (another server, the CLI) edits Ana; a third connection deletes Bo.
        let other = Store::connect(test_store.url(), ConnectOptions::default())
            .await
            .unwrap();
        let mut edit = ana.to_input();
        edit.name = "Ana Novak".into();
        other
            .update_candidate(ana.id, &edit.parse().unwrap())
            .await
            .unwrap();
        let bo = create(&other, "bo@example.com").await;
        other.close().await;
        store
            .add_resume_document(&resume(ana.id, 'a', "Kafka Streams"))
            .await
            .unwrap();
        execute_elsewhere(
            test_store.url(),
            "DELETE FROM candidates WHERE id = $1",
            bo.id.as_uuid(),
        )
        .await;

        let changes = store.pool_changes_after(start, 100).await.unwrap();
        assert_eq!(ids(&changes), vec![ana.id, bo.id, ana.id, bo.id]);
        assert!(changes.windows(2).all(|w| w[0].id < w[1].id), "ids grow");
        assert_eq!(
            store.latest_pool_change().await.unwrap(),
            changes.last().unwrap().id
        );
        // Paged by `limit`, resumed by the last id seen.
        let first_two = store.pool_changes_after(start, 2).await.unwrap();
        assert_eq!(first_two, changes[..2]);
        let rest = store
            .pool_changes_after(first_two[1].id, 100)
            .await
            .unwrap();
        assert_eq!(rest, changes[2..]);

        // Deleting the candidate deletes their resumes (cascade): that is a change too.
        let before = store.latest_pool_change().await.unwrap();
        execute_elsewhere(
            test_store.url(),
            "DELETE FROM candidates WHERE id = $1",
            ana.id.as_uuid(),
        )
        .await;
        let after = store.pool_changes_after(before, 100).await.unwrap();
        assert!(!after.is_empty());
        assert!(after.iter().all(|c| c.candidate_id == ana.id));
        test_store.finish().await;
    }
}

#[tokio::test]
async fn old_changes_are_pruned() {
    on_each_backend(|store| async move {
        create(&store, "ana@example.com").await;
        let latest = store.latest_pool_change().await.unwrap();
        let kept = store
            .prune_pool_changes(Utc::now() - Duration::hours(1))
            .await
            .unwrap();
        assert_eq!(kept, 0, "a recent change stays");
        let pruned = store
            .prune_pool_changes(Utc::now() + Duration::seconds(5))
            .await
            .unwrap();
        assert_eq!(pruned, 1);
        assert!(store.pool_changes_after(0, 10).await.unwrap().is_empty());
        // Ids keep growing after a prune, so a server's cursor never sees an id twice.
        create(&store, "bo@example.com").await;
        assert!(store.latest_pool_change().await.unwrap() > latest);
    })
    .await;
}

#[tokio::test]
async fn candidates_and_their_newest_resume_text_are_read_in_batches() {
    on_each_backend(|store| async move {
        let mut made = Vec::new();
        for i in 0..7 {
            made.push(create(&store, &format!("c{i}@example.com")).await);
        }
        let (ana, bo, cy) = (made[0].id, made[1].id, made[2].id);
        store
            .add_resume_document(&resume(ana, 'a', "old text"))
            .await
            .unwrap();
        store
            .add_resume_document(&resume(ana, 'b', "new text"))
            .await
            .unwrap();
        store
            .add_resume_document(&resume(cy, 'c', "Cy's resume"))
            .await
            .unwrap();

        let missing = CandidateId(uuid::Uuid::now_v7());
        let read = store
            .candidates_by_ids(&[cy, missing, ana, bo])
            .await
            .unwrap();
        let mut want = vec![ana, bo, cy];
        want.sort();
        assert_eq!(read.iter().map(|c| c.id).collect::<Vec<_>>(), want);
        assert_eq!(read[0].email.as_str(), "c0@example.com");

        let texts = store.newest_resume_texts(&[bo, cy, ana]).await.unwrap();
        let mut want = vec![
            (ana, "new text".to_string()),
            (cy, "Cy's resume".to_string()),
        ];
        want.sort();
        assert_eq!(
            texts, want,
            "the newest document per candidate, none for Bo"
        );

        // The start-up read: every candidate's newest text, in pages by candidate id.
        let page = store.resume_texts_after(None, 1).await.unwrap();
        assert_eq!(page, want[..1]);
        let next = store.resume_texts_after(Some(page[0].0), 10).await.unwrap();
        assert_eq!(next, want[1..]);

        // More ids than one IN list holds.
        let many: Vec<CandidateId> = (0..1200)
            .map(|_| CandidateId(uuid::Uuid::now_v7()))
            .chain([ana])
            .collect();
        assert_eq!(store.candidates_by_ids(&many).await.unwrap().len(), 1);
    })
    .await;
}

#[tokio::test]
async fn only_postgres_listens_and_is_woken_by_a_write() {
    on_each_backend(|store| async move {
        let listener = store.listen_pool_changes().await.unwrap();
        match (store.backend_name(), listener) {
            ("sqlite", listener) => assert!(listener.is_none()),
            (_, Some(mut listener)) => {
                create(&store, "ana@example.com").await;
                tokio::time::timeout(std::time::Duration::from_secs(10), listener.recv())
                    .await
                    .expect("a notification within 10 s")
                    .unwrap();
                listener.close().await;
            }
            (_, None) => panic!("PostgreSQL listens"),
        }
    })
    .await;
}
