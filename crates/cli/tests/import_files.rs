//! `hireloop import` with resume files and directories through the real binary on every backend:
//! each resume becomes a candidate found by its email (or updates the one with that email, adding
//! skills and never removing any), bad files are skipped with the reason naming the file while
//! the others are kept, and a re-run changes nothing.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use common::{hireloop, on_each_backend};
use hireloop_resume::fixtures;
use serde_json::Value;

/// (file, outcome) of each report line.
fn outcomes(report: &Value) -> Vec<(String, String)> {
    report["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["file"].as_str().unwrap().to_string(),
                r["outcome"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn candidates(db: &str) -> Vec<Value> {
    let list = hireloop(db, &["candidate", "list", "--all", "--format", "json"])
        .ok()
        .json();
    let mut items = list["items"].as_array().unwrap().clone();
    items.sort_by_key(|c| c["email"].as_str().unwrap().to_string());
    items
}

#[tokio::test]
async fn resume_files_and_a_directory_become_candidates_and_bad_files_are_skipped() {
    on_each_backend(|_store, db| async move {
        let dir = tempfile::tempdir().unwrap();
        let put = |name: &str, bytes: &[u8]| {
            let path = dir.path().join(name);
            std::fs::write(&path, bytes).unwrap();
            path.to_str().unwrap().to_string()
        };
        let pdf = put(
            "ana.pdf",
            &fixtures::pdf(&[
                "Ana Petrovic",
                "ana.petrovic@example.com",
                "Payments Inc, 2019 - 2024: Go services on PostgreSQL and Kafka",
            ]),
        );
        let docx = put(
            "marko.docx",
            &fixtures::docx(&[
                "Curriculum Vitae",
                "Contact: <marko@example.com>",
                "Python, Django",
            ]),
        );
        let txt = put(
            "notes.txt",
            b"Lena Vogel\nlena@example.com\nRust and Kubernetes\n",
        );
        let none = put(
            "anon.txt",
            b"Senior engineer, Go and Kafka, no contact details\n",
        );
        let locked = put("locked.pdf", &fixtures::encrypted_pdf());

        let run = hireloop(
            &db,
            &[
                "import", &pdf, &docx, &txt, &none, &locked, "--format", "json",
            ],
        );
        assert_eq!(run.code, 1, "{run:#?}");
        let report = run.json();
        assert_eq!(
            outcomes(&report),
            [
                ("ana.pdf", "imported"),
                ("marko.docx", "imported"),
                ("notes.txt", "imported"),
                ("anon.txt", "skipped"),
                ("locked.pdf", "skipped"),
            ]
            .map(|(f, o)| (f.to_string(), o.to_string()))
        );
        assert!(report["records"][3]["reason"]
            .as_str()
            .unwrap()
            .contains("no email"));
        assert!(report["records"][4]["reason"]
            .as_str()
            .unwrap()
            .contains("encrypted"));
        assert!(
            run.stderr.contains("2 of 5 records were skipped"),
            "{}",
            run.stderr
        );
        assert!(
            run.stderr.contains("\n  locked.pdf: encrypted"),
            "{}",
            run.stderr
        );

        let people = candidates(&db);
        let names: Vec<_> = people.iter().map(|c| c["name"].as_str().unwrap()).collect();
        // No line of the DOCX reads as a name: it comes from the email.
        assert_eq!(names, ["Ana Petrovic", "Lena Vogel", "Marko"]);
        let ana_skills = people[0]["skills"].to_string();
        assert!(
            ana_skills.contains("go")
                && ana_skills.contains("postgresql")
                && ana_skills.contains("kafka"),
            "{ana_skills}"
        );

        // The directory again: the same files change nothing, the bad ones are still reported.
        let again = hireloop(
            &db,
            &["import", dir.path().to_str().unwrap(), "--format", "json"],
        );
        assert_eq!(again.code, 1);
        let report = again.json();
        assert_eq!(
            (
                report["files"].as_u64(),
                report["unchanged"].as_u64(),
                report["skipped"].as_u64()
            ),
            (Some(5), Some(3), Some(2))
        );
        assert_eq!(candidates(&db).len(), 3);
    })
    .await;
}

#[tokio::test]
async fn a_resume_for_a_known_email_adds_skills_and_keeps_the_rest() {
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
                "elixir",
            ],
        )
        .ok();
        let dir = tempfile::tempdir().unwrap();
        let cv = dir.path().join("cv.txt");
        std::fs::write(&cv, "A. P.\nana@example.com\nGo and Redis\n").unwrap();
        let big = dir.path().join("big.txt");
        std::fs::write(&big, "x@example.com ".repeat(100)).unwrap();
        let run = hireloop(
            &db,
            &[
                "import",
                cv.to_str().unwrap(),
                big.to_str().unwrap(),
                "--max-bytes",
                "1000",
                "--format",
                "json",
            ],
        );
        assert_eq!(run.code, 1, "{run:#?}");
        let report = run.json();
        assert_eq!(
            outcomes(&report),
            [("cv.txt", "updated"), ("big.txt", "skipped")]
                .map(|(f, o)| (f.to_string(), o.to_string()))
        );
        assert!(report["records"][1]["reason"]
            .as_str()
            .unwrap()
            .contains("over the limit of 1000 bytes"));
        let people = candidates(&db);
        assert_eq!(people.len(), 1);
        // The name a person entered stays; the skills only grow.
        assert_eq!(people[0]["name"], "Ana Petrović");
        let skills = people[0]["skills"].to_string();
        assert!(
            skills.contains("elixir") && skills.contains("go") && skills.contains("redis"),
            "{skills}"
        );
        let again = hireloop(&db, &["import", cv.to_str().unwrap(), "--format", "json"])
            .ok()
            .json();
        assert_eq!(
            outcomes(&again),
            [("cv.txt".to_string(), "unchanged".to_string())]
        );
    })
    .await;
}
