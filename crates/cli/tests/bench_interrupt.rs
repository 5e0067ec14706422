//! Ctrl-C during `hireloop bench match --postgres-url …` still drops the throw-away database.
//! Runs only when HIRELOOP_TEST_DATABASE_URL is set; its own test binary, so no other benchmark
//! creates databases at the same time.
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;
use common::command;
use std::process::Stdio;
use std::time::{Duration, Instant};

const NO_DB: &str = "sqlite:///nonexistent-dir-for-bench-tests/never.db";

async fn bench_databases(pool: &sqlx::PgPool) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT datname::text FROM pg_database WHERE datname LIKE 'hireloop_bench_%'",
    )
    .fetch_all(pool)
    .await
    .unwrap()
}

#[tokio::test]
async fn an_interrupted_run_drops_its_postgres_database() {
    let Some(url) = std::env::var("HIRELOOP_TEST_DATABASE_URL")
        .ok()
        .filter(|u| !u.is_empty())
    else {
        return;
    };
    let admin = sqlx::PgPool::connect(&url).await.unwrap();
    let before = bench_databases(&admin).await;
    let child = command(
        NO_DB,
        &[
            "bench",
            "match",
            "--pool",
            "300000",
            "--queries",
            "12",
            "--engines",
            "postgres",
            "--postgres-url",
            &url,
        ],
    )
    .stdout(Stdio::piped())
    .stderr(Stdio::piped())
    .spawn()
    .unwrap();
    // Wait until the run has made its database (it loads 300,000 profiles into it next).
    let started = Instant::now();
    let created = loop {
        let now = bench_databases(&admin).await;
        if let Some(name) = now.into_iter().find(|n| !before.contains(n)) {
            break name;
        }
        assert!(
            started.elapsed() < Duration::from_secs(300),
            "no database appeared"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    let killed = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("interrupted; the benchmark's databases are dropped"),
        "{stderr}"
    );
    assert!(
        !bench_databases(&admin).await.contains(&created),
        "{created} is still there"
    );
}
