//! Helpers for running the real `hireloop` binary against a fresh database: SQLite always, and
//! PostgreSQL too when HIRELOOP_TEST_DATABASE_URL is set (through `hireloop_store::testing`).
#![allow(dead_code)]

use hireloop_store::testing::TestStore;
use hireloop_store::Store;
use std::future::Future;
use std::io::Write;
use std::process::{Command, Stdio};

/// What one run of the binary did.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Panics with the output when the command did not succeed.
    pub fn ok(self) -> Run {
        assert_eq!(self.code, 0, "expected success, got {self:#?}");
        self
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}", self.stdout))
    }

    /// The text after `prefix` on the first line that contains it.
    pub fn after(&self, prefix: &str) -> String {
        self.stdout
            .lines()
            .find_map(|l| {
                l.split_once(prefix)
                    .map(|(_, rest)| rest.trim().to_string())
            })
            .unwrap_or_else(|| panic!("no line with '{prefix}' in {}", self.stdout))
    }
}

pub fn command(database_url: &str, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_hireloop"));
    command
        .args(args)
        .env("DATABASE_URL", database_url)
        .env_remove("RUST_LOG")
        .env_remove("HIRELOOP_BIND")
        .env_remove("HIRELOOP_SECURE_COOKIES")
        .env_remove("HIRELOOP_MARKET_DATA");
    command
}

/// Runs `hireloop ARGS` on the database at `database_url`, with `stdin` as its input.
pub fn hireloop_with_stdin(database_url: &str, args: &[&str], stdin: &str) -> Run {
    let mut child = command(database_url, args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the hireloop binary starts");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    let output = child.wait_with_output().expect("hireloop finishes");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

pub fn hireloop(database_url: &str, args: &[&str]) -> Run {
    hireloop_with_stdin(database_url, args, "")
}

/// Runs `test` once per backend with a fresh, migrated database: the store and its URL.
pub async fn on_each_backend<F, Fut>(test: F)
where
    F: Fn(Store, String) -> Fut,
    Fut: Future<Output = ()>,
{
    for test_store in TestStore::all().await {
        eprintln!("-- on {}", test_store.store.backend_name());
        test(test_store.store.clone(), test_store.url().to_string()).await;
        test_store.finish().await;
    }
}
