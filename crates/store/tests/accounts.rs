//! Store behaviour, on SQLite and (with HIRELOOP_TEST_DATABASE_URL) PostgreSQL: schema migrations,
//! users, sessions and API tokens.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use common::*;

#[tokio::test]
async fn migrating_twice_is_a_no_op_and_a_newer_schema_is_refused() {
    on_each_backend(|store| async move {
        let again = store.migrate().await.unwrap();
        assert_eq!(again.from_version, Some(again.to_version));
        store.ping().await.unwrap();
        assert_eq!(store.count_users().await.unwrap(), 0);
    })
    .await;
}

#[tokio::test]
async fn a_database_from_a_newer_hireloop_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("future.db").display());
    let store = Store::open(&url, Default::default()).await.unwrap();
    user(&store, "keep@example.com", UserRole::Admin).await;
    store.close().await;
    // Pretend a newer hireloop applied a migration this binary does not know.
    let pool = sqlx::SqlitePool::connect(&url).await.unwrap();
    sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
         VALUES (29991231000000, 'from the future', 1, x'00', 0)",
    )
    .execute(&pool)
    .await
    .unwrap();
    pool.close().await;

    let err = Store::open(&url, Default::default()).await.unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::SchemaTooNew {
                found: 29991231000000,
                ..
            }
        ),
        "{err}"
    );
    assert!(
        err.to_string().contains("newer than this hireloop"),
        "{err}"
    );
    let store = Store::connect(&url, Default::default()).await.unwrap();
    assert_eq!(store.count_users().await.unwrap(), 1, "nothing was lost");
}

#[tokio::test]
async fn user_emails_are_unique_whatever_their_case() {
    on_each_backend(|store| async move {
        let first = user(&store, "ana@example.com", UserRole::Recruiter).await;
        let input = UserInput {
            email: "ANA@example.com".into(),
            name: "Other".into(),
            role: "admin".into(),
            password: "long enough password".into(),
        };
        let err = store
            .create_user(&input.parse().unwrap(), "x")
            .await
            .unwrap_err();
        assert!(
            matches!(
                err,
                StoreError::Conflict {
                    field: Some("email"),
                    ..
                }
            ),
            "{err}"
        );
        assert_eq!(store.count_users().await.unwrap(), 1);
        let (found, hash) = store.user_credentials(&first.email).await.unwrap().unwrap();
        assert_eq!(found, first);
        assert_eq!(hash, "$argon2id$not-a-real-hash");
        store.set_password(first.id, "new-hash").await.unwrap();
        assert_eq!(
            store
                .user_credentials(&first.email)
                .await
                .unwrap()
                .unwrap()
                .1,
            "new-hash"
        );
    })
    .await;
}

#[tokio::test]
async fn sessions_expire_and_end_when_the_password_changes() {
    on_each_backend(|store| async move {
        let ana = user(&store, "ana@example.com", UserRole::Recruiter).await;
        store
            .create_session("live", ana.id, "csrf-1", Utc::now() + Duration::hours(1))
            .await
            .unwrap();
        store
            .create_session("stale", ana.id, "csrf-2", Utc::now() - Duration::seconds(1))
            .await
            .unwrap();
        let live = store.session("live").await.unwrap().unwrap();
        assert_eq!(live.user.id, ana.id);
        assert_eq!(live.csrf_token, "csrf-1");
        assert!(store.session("stale").await.unwrap().is_none());
        assert!(store.session("unknown").await.unwrap().is_none());
        store.set_password(ana.id, "new-hash").await.unwrap();
        assert!(store.session("live").await.unwrap().is_none());
    })
    .await;
}

#[tokio::test]
async fn api_tokens_work_until_revoked_and_only_their_owner_revokes_them() {
    on_each_backend(|store| async move {
        let ana = user(&store, "ana@example.com", UserRole::Recruiter).await;
        let bo = user(&store, "bo@example.com", UserRole::Recruiter).await;
        let token = store
            .create_api_token(ana.id, "ci", "hash-1")
            .await
            .unwrap();
        let (acting, token_id) = store.user_for_api_token("hash-1").await.unwrap().unwrap();
        assert_eq!((acting.id, token_id), (ana.id, token.id));
        assert!(store.list_api_tokens(ana.id).await.unwrap()[0]
            .last_used_at
            .is_some());

        let err = store
            .revoke_api_token(Some(bo.id), token.id)
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::NotFound(_)));
        assert!(store.user_for_api_token("hash-1").await.unwrap().is_some());

        let revoked = store
            .revoke_api_token(Some(ana.id), token.id)
            .await
            .unwrap();
        assert!(revoked.revoked_at.is_some());
        assert!(store.user_for_api_token("hash-1").await.unwrap().is_none());
        // Revoking twice keeps the first revocation time.
        let again = store.revoke_api_token(None, token.id).await.unwrap();
        assert_eq!(again.revoked_at, revoked.revoked_at);
    })
    .await;
}
