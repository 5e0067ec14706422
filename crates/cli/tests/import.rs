//! `hireloop import` through the real binary on every backend: JSON Resume, NDJSON with a bad line
//! and CSV with a bad row keep the good records, report each record, and a re-run changes nothing.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use common::{hireloop, on_each_backend};
use serde_json::Value;

fn example(name: &str) -> String {
    format!(
        "{}/../../examples/import/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn outcomes(report: &Value) -> Vec<(String, String)> {
    report["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let at = format!(
                "{} {}",
                r["at"]["kind"].as_str().unwrap(),
                r["at"]["number"]
            );
            (at, r["outcome"].as_str().unwrap().to_string())
        })
        .collect()
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(a, o)| (a.to_string(), o.to_string()))
        .collect()
}

fn listed_emails(db: &str) -> Vec<String> {
    let list = hireloop(db, &["candidate", "list", "--all", "--format", "json"])
        .ok()
        .json();
    let mut emails: Vec<String> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["email"].as_str().unwrap().to_string())
        .collect();
    emails.sort();
    emails
}

#[tokio::test]
async fn ndjson_keeps_the_good_lines_reports_the_bad_one_and_reruns_change_nothing() {
    on_each_backend(|_store, db| async move {
        let file = example("pool.ndjson");
        let run = hireloop(&db, &["import", &file, "--format", "json"]);
        assert_eq!(run.code, 1, "{run:#?}");
        assert!(
            run.stderr.contains("1 of 4 records were skipped"),
            "{}",
            run.stderr
        );
        let report = run.json();
        assert_eq!(
            outcomes(&report),
            pairs(&[
                ("line 1", "imported"),
                ("line 2", "imported"),
                ("line 3", "skipped"),
                ("line 4", "imported"),
            ])
        );
        assert_eq!(report["records"][2]["errors"][0]["field"], "line");
        assert_eq!(
            listed_emails(&db),
            [
                "lucia.gomez@example.com",
                "priya.nair@example.com",
                "tom.becker@example.com"
            ]
        );
        let list = hireloop(&db, &["candidate", "list", "--format", "json"])
            .ok()
            .json();
        let tom = list["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["email"] == "tom.becker@example.com")
            .unwrap();
        assert_eq!(tom["region"], "western_europe");
        assert_eq!(tom["location"], "Hamburg, DE");
        // "k8s" is an alias: stored under the taxonomy's id.
        assert!(
            tom["skills"]
                .as_array()
                .unwrap()
                .contains(&"kubernetes".into()),
            "{tom}"
        );

        let again = hireloop(&db, &["import", &file, "--format", "json"]);
        assert_eq!(again.code, 1);
        let report = again.json();
        assert_eq!(
            (report["imported"].as_u64(), report["unchanged"].as_u64()),
            (Some(0), Some(3))
        );
        assert_eq!(listed_emails(&db).len(), 3);
    })
    .await;
}

#[tokio::test]
async fn a_json_resume_is_imported_then_unchanged_then_updated() {
    on_each_backend(|_store, db| async move {
        let file = example("ana-petrovic.json");
        let run = hireloop(&db, &["import", &file]).ok();
        assert!(
            run.stdout
                .contains("1 imported, 0 updated, 0 unchanged, 0 skipped"),
            "{}",
            run.stdout
        );
        assert!(
            run.stdout.contains("tigerbeetle"),
            "unknown skills are reported: {}",
            run.stdout
        );
        let again = hireloop(&db, &["import", &file, "--format", "json"])
            .ok()
            .json();
        assert_eq!(outcomes(&again), pairs(&[("document 1", "unchanged")]));

        // The same email with other skills updates the candidate in place.
        let dir = tempfile::tempdir().unwrap();
        let changed = dir.path().join("ana.json");
        let text = std::fs::read_to_string(&file)
            .unwrap()
            .replace("tigerbeetle", "Redis");
        std::fs::write(&changed, text).unwrap();
        let run = hireloop(
            &db,
            &["import", changed.to_str().unwrap(), "--format", "json"],
        )
        .ok()
        .json();
        assert_eq!(outcomes(&run), pairs(&[("document 1", "updated")]));
        let list = hireloop(&db, &["candidate", "list", "--format", "json"])
            .ok()
            .json();
        let items = list["items"].as_array().unwrap();
        assert_eq!(items.len(), 1);
        let skills = items[0]["skills"].to_string();
        assert!(
            skills.contains("redis") && !skills.contains("tigerbeetle"),
            "{skills}"
        );
    })
    .await;
}

#[tokio::test]
async fn a_csv_bad_row_is_reported_by_row_and_column_and_the_rest_imported() {
    on_each_backend(|_store, db| async move {
        let run = hireloop(
            &db,
            &["import", &example("candidates.csv"), "--format", "json"],
        );
        assert_eq!(run.code, 1, "{run:#?}");
        let report = run.json();
        assert_eq!(
            outcomes(&report),
            pairs(&[
                ("row 2", "imported"),
                ("row 3", "imported"),
                ("row 4", "skipped")
            ])
        );
        let error = &report["records"][2]["errors"][0];
        assert_eq!(error["field"], "column 'rate'");
        assert!(error["message"].as_str().unwrap().contains("eighty"));
        assert_eq!(
            listed_emails(&db),
            ["jelena.ilic@example.com", "sam.okafor@example.com"]
        );

        // Other column names work through --map.
        let dir = tempfile::tempdir().unwrap();
        let csv = dir.path().join("export.csv");
        std::fs::write(&csv, "Full name,Mail\nZora Kim,zora@example.com\n").unwrap();
        let path = csv.to_str().unwrap();
        let run = hireloop(&db, &["import", path]);
        assert_eq!(run.code, 1);
        // "Full name" is a known alias of name; "Mail" is not one of email.
        assert!(run.stderr.contains("no column for email"), "{}", run.stderr);
        hireloop(
            &db,
            &[
                "import",
                path,
                "--map",
                "Full name=name",
                "--map",
                "mail=email",
            ],
        )
        .ok();
        assert_eq!(listed_emails(&db).len(), 3);
    })
    .await;
}

#[tokio::test]
async fn oversized_or_unrecognised_files_are_refused_and_store_nothing() {
    on_each_backend(|_store, db| async move {
        let run = hireloop(
            &db,
            &["import", &example("pool.ndjson"), "--max-bytes", "100"],
        );
        assert_eq!(run.code, 1);
        assert!(
            run.stderr.contains("over the limit of 100 bytes"),
            "{}",
            run.stderr
        );
        let dir = tempfile::tempdir().unwrap();
        // `.txt` is a resume file: an extension that says nothing is what needs `--input`.
        let odd = dir.path().join("people.dat");
        std::fs::write(&odd, "name,email\nA,a@example.com\n").unwrap();
        let run = hireloop(&db, &["import", odd.to_str().unwrap()]);
        assert_eq!(run.code, 1);
        assert!(run.stderr.contains("--input"), "{}", run.stderr);
        assert!(listed_emails(&db).is_empty());
        hireloop(&db, &["import", odd.to_str().unwrap(), "--input", "csv"]).ok();
        assert_eq!(listed_emails(&db), ["a@example.com"]);
    })
    .await;
}
