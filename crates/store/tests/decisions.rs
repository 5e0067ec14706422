//! Decisions in the store, on SQLite and (with HIRELOOP_TEST_DATABASE_URL) PostgreSQL: the move and
//! its history row with reason code, note and actor are written together; a stale decision writes
//! nothing; the history is only ever appended to.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use common::*;
use hireloop_core::interview::{Decision, DecisionInput, ReasonTaxonomy};

fn decision(kind: &str, reason: Option<&str>, note: Option<&str>) -> Decision {
    DecisionInput {
        decision: kind.into(),
        reason: reason.map(str::to_string),
        note: note.map(str::to_string),
    }
    .parse(&ReasonTaxonomy::shipped().unwrap())
    .unwrap()
}

#[tokio::test]
async fn a_rejection_keeps_reason_code_note_and_actor_in_the_history() {
    on_each_backend(|store| async move {
        let recruiter = user(&store, "r@example.com", UserRole::Recruiter).await;
        let app = application_on(&store, "Senior Go Engineer", "ana@example.com").await;
        let reject = decision("reject", Some("skill_gap"), Some("weak on failure modes"));
        let planned = reject.stage_move(app.stage).unwrap();
        let rejected = store
            .decide(
                app.id,
                &planned,
                reject.reason.as_ref().map(|r| r.id.as_str()),
                reject.note.as_ref(),
                Some(recruiter.id),
            )
            .await
            .unwrap();
        assert_eq!(rejected.stage, Stage::Rejected);
        assert_eq!(
            rejected.stage_reason.unwrap().as_str(),
            "Skill gap: weak on failure modes"
        );

        let history = store.stage_history(app.id).await.unwrap();
        assert_eq!(history.len(), 2);
        let created = &history[0];
        assert_eq!(
            (created.reason_code.as_deref(), &created.note),
            (None, &None)
        );
        let last = &history[1];
        assert_eq!(last.from_stage, Some(Stage::Sourced));
        assert_eq!(last.to_stage, Stage::Rejected);
        assert_eq!(last.reason_code.as_deref(), Some("skill_gap"));
        assert_eq!(
            last.note.as_ref().map(|n| n.as_str()),
            Some("weak on failure modes")
        );
        assert_eq!(last.actor_id, Some(recruiter.id));
        assert_eq!(
            last.actor_name.as_ref().map(|n| n.as_str()),
            Some("Test User")
        );
        assert_eq!(
            last.reason.as_ref().map(|r| r.as_str()),
            Some("Skill gap: weak on failure modes")
        );
    })
    .await;
}

#[tokio::test]
async fn an_advance_without_note_and_a_system_decision_have_no_actor() {
    on_each_backend(|store| async move {
        let app = application_on(&store, "Senior Go Engineer", "ana@example.com").await;
        let advance = decision("advance", None, None);
        let planned = advance.stage_move(app.stage).unwrap();
        let moved = store
            .decide(app.id, &planned, None, None, None)
            .await
            .unwrap();
        assert_eq!(moved.stage, Stage::Screening);
        assert_eq!(moved.stage_reason, None);
        let last = store.stage_history(app.id).await.unwrap().pop().unwrap();
        assert_eq!(last.to_stage, Stage::Screening);
        assert_eq!(
            (last.actor_id, last.actor_name, last.reason_code, last.note),
            (None, None, None, None)
        );
    })
    .await;
}

#[tokio::test]
async fn a_stale_decision_conflicts_and_writes_nothing() {
    on_each_backend(|store| async move {
        let app = application_on(&store, "Senior Go Engineer", "ana@example.com").await;
        // Two people decide from the same page: one advances, the other withdraws a moment later.
        let advance = decision("advance", None, None)
            .stage_move(app.stage)
            .unwrap();
        let withdraw = decision("withdraw", Some("accepted_other_offer"), None);
        let stale = withdraw.stage_move(app.stage).unwrap();
        store
            .decide(app.id, &advance, None, None, None)
            .await
            .unwrap();
        let err = store
            .decide(app.id, &stale, Some("accepted_other_offer"), None, None)
            .await
            .unwrap_err();
        assert!(
            matches!(
                err,
                StoreError::Conflict {
                    field: Some("stage"),
                    ..
                }
            ),
            "{err}"
        );
        let history = store.stage_history(app.id).await.unwrap();
        assert_eq!(history.len(), 2, "the refused decision left no trace");
        assert!(history.iter().all(|c| c.reason_code.is_none()));
        let current = store
            .application(&system_visibility(), app.id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(current.stage, Stage::Screening);

        let unknown = store
            .decide(uuid::Uuid::now_v7().into(), &advance, None, None, None)
            .await
            .unwrap_err();
        assert!(matches!(unknown, StoreError::NotFound(_)), "{unknown}");
    })
    .await;
}

#[tokio::test]
async fn the_history_is_only_appended_to() {
    on_each_backend(|store| async move {
        let hm = user(&store, "hm@example.com", UserRole::HiringManager).await;
        let app = application_on(&store, "Senior Go Engineer", "ana@example.com").await;
        let mut stage = app.stage;
        let mut seen = store.stage_history(app.id).await.unwrap();
        // Advance twice, withdraw, reopen by a plain move, reject: each step must leave every
        // earlier entry exactly as it was and add one new entry.
        let steps = [
            decision("advance", None, Some("strong screen")),
            decision("advance", None, None),
            decision("withdraw", Some("withdrew"), Some("moving abroad")),
        ];
        for step in &steps {
            let planned = step.stage_move(stage).unwrap();
            let code = step.reason.as_ref().map(|r| r.id.as_str());
            stage = store
                .decide(app.id, &planned, code, step.note.as_ref(), Some(hm.id))
                .await
                .unwrap()
                .stage;
            let now = store.stage_history(app.id).await.unwrap();
            assert_eq!(now.len(), seen.len() + 1);
            assert_eq!(now[..seen.len()], seen[..], "an earlier entry changed");
            seen = now;
        }
        assert_eq!(stage, Stage::Withdrawn);
        let reopen = StageMove::plan(stage, Stage::Screening, None).unwrap();
        store.move_application(app.id, &reopen, None).await.unwrap();
        let reject = decision("reject", Some("level_mismatch"), None);
        let planned = reject.stage_move(Stage::Screening).unwrap();
        store
            .decide(app.id, &planned, Some("level_mismatch"), None, Some(hm.id))
            .await
            .unwrap();
        let now = store.stage_history(app.id).await.unwrap();
        assert_eq!(now.len(), seen.len() + 2);
        assert_eq!(now[..seen.len()], seen[..]);
        let codes: Vec<_> = now.iter().map(|c| c.reason_code.as_deref()).collect();
        assert_eq!(
            codes,
            [
                None,
                None,
                None,
                Some("withdrew"),
                None,
                Some("level_mismatch")
            ]
        );
        assert_eq!(
            now[1].note.as_ref().map(|n| n.as_str()),
            Some("strong screen")
        );
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
async fn the_database_refuses_to_rewrite_or_delete_history() {
    for test_store in hireloop_store::testing::TestStore::all().await {
        let store = test_store.store.clone();
        let url = test_store.url().to_string();
        eprintln!("-- on {}", store.backend_name());
        let hm = user(&store, "hm@example.com", UserRole::HiringManager).await;
        let app = application_on(&store, "Senior Go Engineer", "ana@example.com").await;
        let reject = decision("reject", Some("skill_gap"), Some("weak on failure modes"));
        let planned = reject.stage_move(app.stage).unwrap();
        store
            .decide(
                app.id,
                &planned,
                Some("skill_gap"),
                reject.note.as_ref(),
                Some(hm.id),
            )
            .await
            .unwrap();
        let before = store.stage_history(app.id).await.unwrap();
        let app_id = app.id.as_uuid();

        for sql in [
            "UPDATE stage_changes SET note = 'rewritten' WHERE application_id = $1",
            "UPDATE stage_changes SET reason_code = NULL WHERE application_id = $1",
            "DELETE FROM stage_changes WHERE application_id = $1",
        ] {
            let err = raw(&url, sql, app_id).await.unwrap_err();
            assert!(err.contains("append-only"), "{sql}: {err}");
        }
        assert_eq!(store.stage_history(app.id).await.unwrap(), before);

        // Deleting the user who decided keeps the entry and forgets only who it was.
        let n = raw(&url, "DELETE FROM users WHERE id = $1", hm.id.as_uuid())
            .await
            .unwrap();
        assert_eq!(n, 1);
        let after = store.stage_history(app.id).await.unwrap();
        assert_eq!(after.len(), 2);
        assert_eq!((after[1].actor_id, &after[1].actor_name), (None, &None));
        assert_eq!(after[1].reason_code.as_deref(), Some("skill_gap"));
        assert_eq!(after[1].note, before[1].note);

        // The history goes with its application, and only then.
        let n = raw(&url, "DELETE FROM applications WHERE id = $1", app_id)
            .await
            .unwrap();
        assert_eq!(n, 1);
        assert!(store.stage_history(app.id).await.unwrap().is_empty());
        test_store.finish().await;
    }
}
