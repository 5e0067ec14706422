//! Usage errors exit with 2 (clap's), help exits with 0 and explains the commands.
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;
use common::hireloop;

const NO_DB: &str = "sqlite:///nonexistent-dir-for-usage-tests/never.db";

#[test]
fn unknown_subcommands_and_flags_are_usage_errors() {
    for args in [
        &["frobnicate"][..],
        &["user", "list", "--no-such-flag"],
        &["role", "create", "--title", "Senior Go Engineer"],
        &["--format", "yaml", "user", "list"],
        // A role or --admin is required.
        &["user", "add", "--email", "a@example.com", "--name", "Ana"],
    ] {
        let run = hireloop(NO_DB, args);
        assert_eq!(run.code, 2, "{args:?}: {run:#?}");
        assert!(run.stderr.contains("error"), "{args:?}: {}", run.stderr);
    }
}

#[test]
fn help_names_every_command_group() {
    let run = hireloop(NO_DB, &["--help"]).ok();
    for command in [
        "serve",
        "migrate",
        "user",
        "token",
        "role",
        "candidate",
        "demo",
        "cost",
        "advise",
    ] {
        assert!(
            run.stdout.contains(command),
            "{command} missing from {}",
            run.stdout
        );
    }
    let serve = hireloop(NO_DB, &["serve", "--help"]).ok();
    assert!(serve.stdout.contains("HIRELOOP_BIND"), "{}", serve.stdout);
}

#[test]
fn an_unusable_database_url_fails_with_exit_1() {
    let run = hireloop("mysql://localhost/db", &["user", "list"]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(
        run.stderr.starts_with("error: unsupported database URL"),
        "{}",
        run.stderr
    );
}
