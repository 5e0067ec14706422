//! Migrations, the refusal of a database from a newer hireloop, and loading the demo data once.
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;
use common::{hireloop, on_each_backend};
use hireloop_core::authz::system_visibility;

/// A version far beyond any real migration, as a newer hireloop would have written.
const FUTURE_VERSION: i64 = 99_991_231_000_000;

#[test]
fn migrate_reports_the_version_before_and_after() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("fresh.db").display());
    let first = hireloop(&db, &["migrate"]).ok();
    assert!(
        first
            .stdout
            .contains("schema version none (new database) → 2"),
        "{}",
        first.stdout
    );
    let again = hireloop(&db, &["migrate"]).ok();
    assert!(
        again.stdout.contains("already up to date"),
        "{}",
        again.stdout
    );
}

/// (row count, highest version) of the migrations table.
async fn migrations(db: &str) -> (i64, i64) {
    let sql = "SELECT COUNT(*), MAX(version) FROM _sqlx_migrations";
    if db.starts_with("sqlite:") {
        let pool = sqlx::SqlitePool::connect(db).await.unwrap();
        let row = sqlx::query_as(sql).fetch_one(&pool).await.unwrap();
        pool.close().await;
        row
    } else {
        let pool = sqlx::PgPool::connect(db).await.unwrap();
        let row = sqlx::query_as(sql).fetch_one(&pool).await.unwrap();
        pool.close().await;
        row
    }
}

async fn pretend_newer_hireloop_migrated(db: &str) {
    let sql =
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
               VALUES ($1, 'from a newer hireloop', TRUE, $2, 0)";
    if db.starts_with("sqlite:") {
        let pool = sqlx::SqlitePool::connect(db).await.unwrap();
        sqlx::query(sql)
            .bind(FUTURE_VERSION)
            .bind(vec![0u8; 4])
            .execute(&pool)
            .await
            .unwrap();
        pool.close().await;
    } else {
        let pool = sqlx::PgPool::connect(db).await.unwrap();
        sqlx::query(sql)
            .bind(FUTURE_VERSION)
            .bind(vec![0u8; 4])
            .execute(&pool)
            .await
            .unwrap();
        pool.close().await;
    }
}

#[tokio::test]
async fn a_database_from_a_newer_hireloop_is_refused_untouched() {
    on_each_backend(|_store, db| async move {
        hireloop(&db, &["migrate"]).ok();
        pretend_newer_hireloop_migrated(&db).await;
        let before = migrations(&db).await;
        assert_eq!(before.1, FUTURE_VERSION);
        for args in [&["migrate"][..], &["user", "list"], &["demo"]] {
            let run = hireloop(&db, args);
            assert_eq!(run.code, 1, "{args:?}: {run:#?}");
            assert!(
                run.stderr.contains("newer than this hireloop binary"),
                "{}",
                run.stderr
            );
        }
        assert_eq!(migrations(&db).await, before);
    })
    .await;
}

#[tokio::test]
async fn demo_data_loads_once() {
    on_each_backend(|store, db| async move {
        let first = hireloop(&db, &["demo"]).ok();
        assert!(
            first
                .stdout
                .contains("Loaded the demo data: 4 users, 4 roles, 200 candidates"),
            "{}",
            first.stdout
        );
        let password = first.after("password:");
        assert!(first.stdout.contains("admin@demo.hireloop.test"));
        let count = |db: &str| {
            let list = hireloop(db, &["candidate", "list", "--all", "--format", "json"])
                .ok()
                .json();
            list["items"].as_array().unwrap().len()
        };
        assert_eq!(count(&db), 200);

        let second = hireloop(&db, &["demo"]).ok();
        assert!(
            second.stdout.contains("already loaded; nothing was added"),
            "{}",
            second.stdout
        );
        assert!(
            !second.stdout.contains(&password),
            "the password is printed only once"
        );
        assert!(second
            .stdout
            .contains("hireloop user password admin@demo.hireloop.test"));
        assert_eq!(count(&db), 200);
        let users = hireloop(&db, &["user", "list", "--format", "json"])
            .ok()
            .json();
        assert_eq!(users["items"].as_array().unwrap().len(), 4);

        let dashboard = store.dashboard(&system_visibility()).await.unwrap();
        assert_eq!(dashboard.hired, 2);
        assert!(dashboard.active_applications > 50, "{dashboard:?}");
    })
    .await;
}
