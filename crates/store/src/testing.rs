//! The both-databases test harness. Every behaviour test runs on SQLite (a fresh temp file) and, when
//! `HIRELOOP_TEST_DATABASE_URL` names a PostgreSQL server, on a fresh database created there for the
//! test and dropped after it. If the variable is set and the server is unreachable the test fails:
//! a suite that silently skips PostgreSQL would prove nothing.

use crate::{ConnectOptions, Store};
use std::future::Future;

pub const PG_ENV: &str = "HIRELOOP_TEST_DATABASE_URL";

/// A migrated, empty store for one test, and what it takes to clean it up.
pub struct TestStore {
    pub store: Store,
    url: String,
    cleanup: Cleanup,
}

enum Cleanup {
    Sqlite(#[allow(dead_code)] tempfile::TempDir),
    Postgres { admin_url: String, database: String },
}

impl TestStore {
    pub async fn sqlite() -> TestStore {
        let dir = tempfile::tempdir().expect("a temp dir for the test database");
        let url = format!("sqlite://{}", dir.path().join("hireloop-test.db").display());
        let store = Store::open(&url, ConnectOptions::default())
            .await
            .expect("a fresh SQLite test database");
        TestStore {
            store,
            url,
            cleanup: Cleanup::Sqlite(dir),
        }
    }

    /// A fresh database on the server named by `HIRELOOP_TEST_DATABASE_URL`, or None if unset.
    pub async fn postgres() -> Option<TestStore> {
        let admin_url = std::env::var(PG_ENV)
            .ok()
            .filter(|u| !u.trim().is_empty())?;
        let database = format!("hireloop_test_{}", uuid::Uuid::now_v7().simple());
        let admin = sqlx::PgPool::connect(&admin_url)
            .await
            .unwrap_or_else(|e| panic!("{PG_ENV} is set but PostgreSQL is unreachable: {e}"));
        sqlx::query(&format!("CREATE DATABASE \"{database}\""))
            .execute(&admin)
            .await
            .unwrap_or_else(|e| panic!("cannot create test database {database}: {e}"));
        admin.close().await;
        let mut url = url::Url::parse(&admin_url).expect("HIRELOOP_TEST_DATABASE_URL is a URL");
        url.set_path(&database);
        let store = Store::open(url.as_str(), ConnectOptions { max_connections: 4 })
            .await
            .unwrap_or_else(|e| panic!("cannot open test database {database}: {e}"));
        Some(TestStore {
            store,
            url: url.to_string(),
            cleanup: Cleanup::Postgres {
                admin_url,
                database,
            },
        })
    }

    /// The database URL, for tests that start another process on the same database (the CLI's).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// SQLite always, PostgreSQL when configured.
    pub async fn all() -> Vec<TestStore> {
        let mut stores = vec![TestStore::sqlite().await];
        stores.extend(TestStore::postgres().await);
        stores
    }

    /// Closes the store and drops its database.
    pub async fn finish(self) {
        self.store.close().await;
        if let Cleanup::Postgres {
            admin_url,
            database,
        } = self.cleanup
        {
            if let Ok(admin) = sqlx::PgPool::connect(&admin_url).await {
                let _ = sqlx::query(&format!(
                    "DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)"
                ))
                .execute(&admin)
                .await;
                admin.close().await;
            }
        }
    }
}

/// Runs `test` once per configured backend, each time on a fresh database. A failure names the
/// backend it happened on (the line printed before it).
pub async fn on_each_backend<F, Fut>(test: F)
where
    F: Fn(Store) -> Fut,
    Fut: Future<Output = ()>,
{
    for test_store in TestStore::all().await {
        eprintln!("-- on {}", test_store.store.backend_name());
        test(test_store.store.clone()).await;
        test_store.finish().await;
    }
}
