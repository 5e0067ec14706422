//! `hireloop resume add` through the real binary on every backend: good files kept and reported
//! with the skills they added, bad ones (encrypted, corrupt, over --max-bytes, missing) skipped
//! with the reason and exit 1; a re-run adds nothing.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use common::{hireloop, on_each_backend};
use hireloop_resume::fixtures;
use serde_json::{json, Value};

fn outcomes(report: &Value) -> Vec<(String, String)> {
    report
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let file = r["file"].as_str().unwrap();
            let name = file.rsplit('/').next().unwrap().to_string();
            (name, r["outcome"].as_str().unwrap().to_string())
        })
        .collect()
}

#[tokio::test]
async fn good_files_are_kept_and_bad_ones_reported() {
    on_each_backend(|_store, db| async move {
        hireloop(
            &db,
            &[
                "candidate",
                "create",
                "--name",
                "Ana Petrović",
                "--email",
                "ana@example.com",
                "--skills",
                "go",
            ],
        )
        .ok();
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, bytes: Vec<u8>| {
            let path = dir.path().join(name);
            std::fs::write(&path, bytes).unwrap();
            path.to_string_lossy().into_owned()
        };
        let pdf = write(
            "ana.pdf",
            fixtures::pdf(&["Acme 2018 - 2022: Go, Kafka and Redis"]),
        );
        let docx = write("ana.docx", fixtures::docx(&["Rust, 2023 - present"]));
        let locked = write("locked.pdf", fixtures::encrypted_pdf());
        let junk = write("junk.pdf", b"%PDF-1.4 nothing else".to_vec());
        let big = write("big.txt", "Python ".repeat(200).into_bytes());
        let missing = dir.path().join("nope.txt").to_string_lossy().into_owned();
        let files = [&pdf, &locked, &docx, &junk, &big, &missing];
        let mut args = vec![
            "resume",
            "add",
            "ana@example.com",
            "--max-bytes",
            "1000",
            "--format",
            "json",
        ];
        args.extend(files.iter().map(|f| f.as_str()));

        let run = hireloop(&db, &args);
        assert_eq!(run.code, 1, "{run:#?}");
        assert!(
            run.stderr.contains("4 of 6 files were skipped"),
            "{}",
            run.stderr
        );
        let report = run.json();
        assert_eq!(
            outcomes(&report),
            [
                ("ana.pdf", "imported"),
                ("locked.pdf", "skipped"),
                ("ana.docx", "imported"),
                ("junk.pdf", "skipped"),
                ("big.txt", "skipped"),
                ("nope.txt", "skipped"),
            ]
            .map(|(a, b)| (a.to_string(), b.to_string()))
        );
        assert_eq!(report[0]["skills_added"], json!(["kafka", "redis"]));
        assert_eq!(report[2]["skills_added"], json!(["rust"]));
        assert!(
            report[1]["reason"]
                .as_str()
                .unwrap()
                .contains("encrypted PDF"),
            "{report}"
        );
        assert!(report[3]["reason"]
            .as_str()
            .unwrap()
            .contains("not a readable PDF"));
        assert_eq!(
            report[4]["reason"],
            "big.txt: over the 1000 bytes limit (1400 bytes)"
        );
        assert!(report[5]["reason"]
            .as_str()
            .unwrap()
            .starts_with("cannot read"));

        let list = hireloop(&db, &["candidate", "list", "--format", "json"])
            .ok()
            .json();
        assert_eq!(
            list["items"][0]["skills"],
            json!(["go", "kafka", "redis", "rust"])
        );

        // Again with the good files: the same documents, nothing added, exit 0.
        let run = hireloop(
            &db,
            &[
                "resume",
                "add",
                "ana@example.com",
                &pdf,
                &docx,
                "--format",
                "json",
            ],
        );
        assert_eq!(run.code, 0, "{run:#?}");
        assert_eq!(
            outcomes(&run.json()),
            [("ana.pdf", "unchanged"), ("ana.docx", "unchanged")]
                .map(|(a, b)| (a.to_string(), b.to_string()))
        );

        let run = hireloop(&db, &["resume", "add", "nobody@example.com", &pdf]);
        assert_eq!(run.code, 1);
        assert!(
            run.stderr
                .contains("no candidate with email nobody@example.com"),
            "{}",
            run.stderr
        );
    })
    .await;
}
