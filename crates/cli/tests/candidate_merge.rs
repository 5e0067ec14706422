//! `hireloop candidate duplicates [ID]` and `hireloop candidate merge SURVIVOR DUPLICATE`, on
//! every backend: duplicates listed with reasons, the merge reported and kept in the history, and
//! bad ids refused naming the field.
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;
use common::{hireloop, on_each_backend};

fn create(db: &str, name: &str, email: &str) -> String {
    hireloop(
        db,
        &[
            "candidate",
            "create",
            "--name",
            name,
            "--email",
            email,
            "--location",
            "Belgrade, RS",
        ],
    )
    .ok()
    .after("(id ")
    .trim_end_matches(").")
    .to_string()
}

#[tokio::test]
async fn duplicates_are_listed_and_merged_from_the_command_line() {
    on_each_backend(|store, db| async move {
        let keep = create(&db, "Jelena Petrović", "jelena@gmail.com");
        let dup = create(&db, "Petrovic Jelena", "je.lena+cv@gmail.com");

        let pool = hireloop(&db, &["--format", "json", "candidate", "duplicates"])
            .ok()
            .json();
        let reasons: Vec<&str> = pool["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| g["reason"].as_str().unwrap())
            .collect();
        assert_eq!(reasons, ["same_email", "same_name_and_city"], "{pool}");
        let one = hireloop(&db, &["candidate", "duplicates", &keep]).ok();
        assert!(one.stdout.contains(&dup), "{}", one.stdout);
        assert!(
            one.stdout.contains("same_email, same_name_and_city"),
            "{}",
            one.stdout
        );

        hireloop(
            &db,
            &[
                "user",
                "add",
                "--role",
                "recruiter",
                "--email",
                "r@example.com",
                "--name",
                "Rita",
            ],
        )
        .ok();
        let merged = hireloop(
            &db,
            &[
                "candidate",
                "merge",
                &keep,
                &dup,
                "--note",
                "imported twice",
                "--by",
                "r@example.com",
            ],
        )
        .ok();
        assert!(
            merged.stdout.starts_with("Merged Petrovic Jelena"),
            "{}",
            merged.stdout
        );
        let id: hireloop_core::ids::CandidateId = keep.parse().unwrap();
        let history = store.candidate_merges(id).await.unwrap();
        assert_eq!(history.len(), 1);
        assert_eq!(history[0].actor_name.as_ref().unwrap().as_str(), "Rita");
        assert_eq!(history[0].note.as_ref().unwrap().as_str(), "imported twice");

        let again = hireloop(&db, &["candidate", "merge", &keep, &dup]);
        assert_eq!(again.code, 1);
        assert!(
            again.stderr.contains("duplicate_id: no candidate"),
            "{}",
            again.stderr
        );
        let bad = hireloop(&db, &["candidate", "merge", "nope", &keep]);
        assert_eq!(bad.code, 1);
        assert!(bad.stderr.contains("survivor:"), "{}", bad.stderr);
    })
    .await;
}
