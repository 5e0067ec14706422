//! `hireloop role …` and `hireloop candidate …`: the core's parsers name each bad field.
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;
use common::{hireloop, on_each_backend};

#[tokio::test]
async fn roles_are_created_and_listed() {
    on_each_backend(|_store, db| async move {
        hireloop(
            &db,
            &[
                "user",
                "add",
                "--role",
                "hiring_manager",
                "--email",
                "hm@example.com",
                "--name",
                "Henrik",
            ],
        )
        .ok();
        hireloop(
            &db,
            &[
                "role",
                "create",
                "--title",
                "Senior Go Engineer, Payments API (Remote)",
                "--level",
                "Senior",
                "--language",
                "Go",
                "--hiring-manager",
                "hm@example.com",
            ],
        )
        .ok();
        hireloop(
            &db,
            &[
                "role",
                "create",
                "--title",
                "Mid Python Developer",
                "--level",
                "mid",
                "--language",
                "Python/Django",
                "--status",
                "draft",
            ],
        )
        .ok();

        let list = hireloop(&db, &["role", "list", "--format", "json"])
            .ok()
            .json();
        let items = list["items"].as_array().unwrap();
        assert_eq!(items.len(), 2);
        assert_eq!(items[0]["status"], "draft");
        let go = &items[1];
        assert_eq!(go["title"], "Senior Go Engineer, Payments API (Remote)");
        assert_eq!(go["level"], "senior");
        assert_eq!(go["primary_language"], "Go");
        assert_eq!(go["status"], "open");
        assert!(go["hiring_manager_id"].is_string());
        let table = hireloop(&db, &["role", "list"]).ok();
        assert!(table.stdout.contains("hm@example.com"), "{}", table.stdout);

        let page = hireloop(&db, &["role", "list", "--format", "json", "--limit", "1"])
            .ok()
            .json();
        let cursor = page["next_cursor"].as_str().unwrap().to_string();
        let rest = hireloop(
            &db,
            &["role", "list", "--format", "json", "--cursor", &cursor],
        )
        .ok()
        .json();
        assert_eq!(rest["items"][0]["level"], "senior");
    })
    .await;
}

#[tokio::test]
async fn bad_role_input_exits_1_naming_each_field_and_stores_nothing() {
    on_each_backend(|_store, db| async move {
        let bad = hireloop(
            &db,
            &[
                "role",
                "create",
                "--title",
                "Go",
                "--level",
                "staff",
                "--language",
                "Go",
                "--hiring-manager",
                "nobody@example.com",
            ],
        );
        assert_eq!(bad.code, 1, "{bad:#?}");
        assert!(
            bad.stderr.starts_with("error: invalid input"),
            "{}",
            bad.stderr
        );
        assert!(
            bad.stderr.contains("  level: unknown level 'staff'"),
            "{}",
            bad.stderr
        );
        assert!(bad.stderr.contains("  title:"), "{}", bad.stderr);
        assert!(
            bad.stderr
                .contains("  hiring_manager: no user with email nobody@example.com"),
            "{}",
            bad.stderr
        );
        let limit = hireloop(&db, &["role", "list", "--limit", "0"]);
        assert_eq!(limit.code, 1);
        assert!(limit.stderr.contains("limit:"), "{}", limit.stderr);
        let list = hireloop(&db, &["role", "list", "--format", "json"])
            .ok()
            .json();
        assert_eq!(list["items"].as_array().unwrap().len(), 0);
    })
    .await;
}

#[tokio::test]
async fn candidates_are_created_and_listed() {
    on_each_backend(|_store, db| async move {
        hireloop(
            &db,
            &[
                "candidate",
                "create",
                "--name",
                "Jelena Petrović",
                "--email",
                "jelena@example.com",
                "--location",
                "Belgrade, Serbia",
                "--region",
                "eastern_europe",
                "--skills",
                "Go:5, PostgreSQL,kafka,go",
                "--rate",
                "85/hour",
                "--timezone",
                "Europe/Belgrade",
                "--level",
                "senior",
            ],
        )
        .ok();
        hireloop(
            &db,
            &[
                "candidate",
                "create",
                "--name",
                "Ana",
                "--email",
                "ana@example.com",
            ],
        )
        .ok();
        let list = hireloop(&db, &["candidate", "list", "--format", "json"])
            .ok()
            .json();
        let items = list["items"].as_array().unwrap();
        assert_eq!(items.len(), 2);
        let jelena = &items[1];
        assert_eq!(jelena["name"], "Jelena Petrović");
        assert_eq!(jelena["region"], "eastern_europe");
        assert_eq!(
            jelena["skills"],
            serde_json::json!(["go", "postgresql", "kafka"])
        );
        assert_eq!(
            jelena["expected_rate"],
            serde_json::json!({"amount": 85, "currency": "USD", "period": "hour"})
        );
        assert!(items[0]["expected_rate"].is_null());
        assert_eq!(
            jelena["skill_details"],
            serde_json::json!([{"skill": "go", "years": 5.0}])
        );
        assert_eq!(jelena["timezone"], "Europe/Belgrade");
        assert_eq!(jelena["stated_level"], "senior");

        let bad = hireloop(
            &db,
            &[
                "candidate",
                "create",
                "--name",
                "X",
                "--email",
                "x@example.com",
                "--region",
                "mars",
                "--rate",
                "90/week",
                "--timezone",
                "Mars/Base",
            ],
        );
        assert_eq!(bad.code, 1);
        assert!(
            bad.stderr
                .contains("timezone: unknown time zone 'Mars/Base'"),
            "{}",
            bad.stderr
        );
        assert!(
            bad.stderr.contains("region: unknown region 'mars'"),
            "{}",
            bad.stderr
        );
        assert!(
            bad.stderr.contains("expected_rate.period:"),
            "{}",
            bad.stderr
        );
        let duplicate = hireloop(
            &db,
            &[
                "candidate",
                "create",
                "--name",
                "Ana",
                "--email",
                "ANA@example.com",
            ],
        );
        assert_eq!(duplicate.code, 1);
        assert!(
            duplicate
                .stderr
                .contains("email: a candidate with email ana@example.com already exists"),
            "{}",
            duplicate.stderr
        );
        let list = hireloop(&db, &["candidate", "list", "--format", "json"])
            .ok()
            .json();
        assert_eq!(list["items"].as_array().unwrap().len(), 2);
    })
    .await;
}
