//! `hireloop match ROLE|FILE`: the pool in the database ranked against a role file (TOML or JSON)
//! or a stored role (by id, title or slug), with notes, paging and bad input named, on every backend;
//! and `--text`, the free text of the API's `q`, over profiles and resumes.
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;
use common::{hireloop, on_each_backend};
use hireloop_core::candidate::CandidateInput;
use hireloop_core::candidate_profile::SkillDetailInput;
use hireloop_core::money::MoneyInput;
use hireloop_store::records::NewResumeDocument;
use hireloop_store::Store;

const ROLE_FILE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../examples/roles/senior-go-payments.toml"
);
const STACK: [&str; 5] = ["go", "postgresql", "rest", "kafka", "system design"];

/// A candidate stating 5 years of each skill, an hourly rate and the engagements they want.
async fn candidate(
    store: &Store,
    name: &str,
    skills: &[&str],
    rate: (i64, &str),
    engagement: &[&str],
) {
    let input = CandidateInput {
        name: name.into(),
        email: format!("{}@example.com", name.to_lowercase().replace(' ', ".")),
        skills: skills.iter().map(|s| s.to_string()).collect(),
        skill_details: skills
            .iter()
            .map(|s| SkillDetailInput {
                skill: s.to_string(),
                years: Some(5.0),
                last_used_year: None,
            })
            .collect(),
        region: Some("eastern_europe".into()),
        expected_rate: Some(MoneyInput {
            amount: rate.0,
            currency: Some(rate.1.into()),
            period: "hour".into(),
        }),
        engagement: engagement.iter().map(|e| e.to_string()).collect(),
        ..Default::default()
    };
    store
        .create_candidate(&input.parse().unwrap())
        .await
        .unwrap();
}

fn names(report: &serde_json::Value) -> Vec<&str> {
    report["matches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["name"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn a_role_file_or_a_stored_role_ranks_the_pool_with_notes() {
    on_each_backend(|store, db| async move {
        candidate(&store, "Ana Petrović", &STACK, (80, "USD"), &[]).await;
        // 70 EUR/h is about 78 USD/h: within the role's 190,000 USD a year (about 91 USD/h).
        candidate(&store, "Bora Ilić", &STACK, (70, "EUR"), &["full_time"]).await;
        // 90 EUR/h is about 100 USD/h: above the budget.
        candidate(&store, "Cvijeta Dear", &STACK, (90, "EUR"), &["full_time"]).await;
        // Wants contract work only; the role is full-time.
        candidate(&store, "Dara Contract", &STACK, (60, "USD"), &["contract"]).await;
        // No Kafka: a must-have is missing.
        candidate(&store, "Eda Partial", &STACK[..3], (60, "USD"), &[]).await;

        let report = hireloop(&db, &["match", ROLE_FILE, "--format", "json"])
            .ok()
            .json();
        assert_eq!(report["total"], 2, "{report:#}");
        let mut got = names(&report);
        got.sort_unstable();
        assert_eq!(got, ["Ana Petrović", "Bora Ilić"], "{report:#}");
        assert!(report["role_id"].is_null());
        let notes = report["notes"].to_string();
        assert!(notes.contains("Allowed countries (PL, RO, RS)"), "{notes}");
        assert!(notes.contains("Engagement 'full_time'"), "{notes}");
        let top = &report["matches"][0];
        assert!(top["score"].as_f64().unwrap() > 0.0);
        assert!(!top["reasons"].as_array().unwrap().is_empty());

        // The table: rank, name, score with its bar, skills and the notes.
        let table = hireloop(&db, &["match", ROLE_FILE, "--limit", "1"]).ok();
        assert!(
            table.stdout.contains("Senior Go Engineer, Payments API"),
            "{}",
            table.stdout
        );
        assert!(
            table.stdout.contains("note: Allowed countries"),
            "{}",
            table.stdout
        );
        assert!(table.stdout.contains('█'), "{}", table.stdout);
        assert!(table.stdout.contains("PostgreSQL"), "{}", table.stdout);
        assert!(
            table.stdout.contains("1-1 of 2; more with --offset 1"),
            "{}",
            table.stdout
        );
        let second = hireloop(
            &db,
            &["match", ROLE_FILE, "--offset", "1", "--format", "json"],
        )
        .ok()
        .json();
        assert_eq!(second["matches"].as_array().unwrap().len(), 1);
        assert_ne!(second["matches"][0]["name"], report["matches"][0]["name"]);
        let vetted = hireloop(
            &db,
            &["match", ROLE_FILE, "--vetted-only", "--format", "json"],
        )
        .ok()
        .json();
        assert_eq!(vetted["total"], 0, "nobody is vetted");

        // The same role stored in the database: by id, by title and by slug.
        let imported = hireloop(&db, &["role", "import", ROLE_FILE]).ok();
        let id = imported
            .stdout
            .split_whitespace()
            .find_map(|w| {
                uuid::Uuid::parse_str(w.trim_matches(|c: char| !c.is_ascii_hexdigit() && c != '-'))
                    .ok()
            })
            .unwrap_or_else(|| panic!("an id in: {}", imported.stdout))
            .to_string();
        for role in [
            id.as_str(),
            "Senior Go Engineer, Payments API (Remote)",
            "senior-go-engineer-payments-api-remote",
        ] {
            let stored = hireloop(&db, &["match", role, "--format", "json"])
                .ok()
                .json();
            assert_eq!(stored["total"], 2, "{role}: {stored:#}");
            assert_eq!(stored["role_id"], id.as_str());
        }
    })
    .await;
}

#[tokio::test]
async fn a_json_role_file_contradictions_and_bad_input_are_reported() {
    on_each_backend(|store, db| async move {
        candidate(&store, "Ana Petrović", &STACK, (80, "USD"), &[]).await;
        let dir = std::env::temp_dir().join(format!("hireloop-match-{}", uuid::Uuid::now_v7()));
        std::fs::create_dir_all(&dir).unwrap();

        let json = dir.join("role.json");
        std::fs::write(
            &json,
            r#"{"title": "Go Contractor", "level": "senior", "primary_language": "Go",
                "engagement": "contractor", "headcount": 1,
                "must_have": [{"skill": "Kafka"}],
                "budget": {"currency": "EUR", "period": "hour", "min": 60, "max": 80}}"#,
        )
        .unwrap();
        let report = hireloop(&db, &["match", json.to_str().unwrap(), "--format", "json"])
            .ok()
            .json();
        assert_eq!(names(&report), ["Ana Petrović"], "{report:#}");
        assert!(
            report["notes"].to_string().contains("compared as 89 USD"),
            "{report:#}"
        );

        // Nine hours of overlap with an eight-hour day: an empty result with the reason.
        let nine = dir.join("nine.toml");
        let text = std::fs::read_to_string(ROLE_FILE)
            .unwrap()
            .replace("overlap_hours = 4", "overlap_hours = 9");
        std::fs::write(&nine, text).unwrap();
        let run = hireloop(&db, &["match", nine.to_str().unwrap()]).ok();
        assert!(
            run.stdout
                .contains("No candidates: the query contradicts itself"),
            "{}",
            run.stdout
        );
        assert!(run.stdout.contains("9 h of overlap"), "{}", run.stdout);

        let bad = dir.join("bad.json");
        std::fs::write(
            &bad,
            r#"{"title": "X", "level": "wizard", "engagement": "full_time", "headcount": 1}"#,
        )
        .unwrap();
        let run = hireloop(&db, &["match", bad.to_str().unwrap()]);
        assert_eq!(run.code, 1);
        assert!(run.stderr.contains("level"), "{}", run.stderr);

        let run = hireloop(&db, &["match", "no such role"]);
        assert_eq!(run.code, 1);
        assert!(
            run.stderr
                .contains("no role file and no role with id, title or slug 'no such role'"),
            "{}",
            run.stderr
        );
        let run = hireloop(&db, &["match", ROLE_FILE, "--limit", "0"]);
        assert_eq!(run.code, 1);
        assert!(run.stderr.contains("--limit"), "{}", run.stderr);
        std::fs::remove_dir_all(&dir).unwrap();
    })
    .await;
}

/// The text component of a JSON match, if any.
fn text_component(m: &serde_json::Value) -> Option<&serde_json::Value> {
    m["breakdown"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["component"] == "text")
}

#[tokio::test]
async fn free_text_keeps_the_profiles_and_resumes_it_matches_and_scores_them() {
    on_each_backend(|store, db| async move {
        candidate(&store, "Ana Petrović", &STACK, (80, "USD"), &[]).await;
        candidate(&store, "Bora Ilić", &STACK, (70, "EUR"), &["full_time"]).await;
        let people = store.candidates_after(None, 10).await.unwrap();
        let id_of = |name: &str| people.iter().find(|c| c.name.as_str() == name).unwrap().id;
        // Ana's profile says payments; only Bora's resume mentions the settlement engine.
        let mut ana = people
            .iter()
            .find(|c| c.id == id_of("Ana Petrović"))
            .unwrap()
            .to_input();
        ana.industries = vec!["payments".into()];
        store
            .update_candidate(id_of("Ana Petrović"), &ana.parse().unwrap())
            .await
            .unwrap();
        store
            .add_resume_document(&NewResumeDocument {
                candidate_id: id_of("Bora Ilić"),
                file_name: "bora.txt".into(),
                media_type: "text/plain".into(),
                bytes_len: 44,
                sha256: "b".repeat(64),
                extracted_text: "Led the marmalade settlement engine rewrite.".into(),
                uploaded_by: None,
            })
            .await
            .unwrap();

        let all = hireloop(&db, &["match", ROLE_FILE, "--format", "json"])
            .ok()
            .json();
        assert_eq!(all["total"], 2, "{all:#}");
        assert!(all["text"].is_null());
        assert!(text_component(&all["matches"][0]).is_none(), "{all:#}");

        let payments = hireloop(
            &db,
            &[
                "match",
                ROLE_FILE,
                "--text",
                " payments ",
                "--format",
                "json",
            ],
        )
        .ok()
        .json();
        assert_eq!(names(&payments), ["Ana Petrović"], "{payments:#}");
        assert_eq!(payments["text"], "payments");
        let text = text_component(&payments["matches"][0]).unwrap();
        assert_eq!(
            text["value"], 1.0,
            "the best hit has relevance 1: {payments:#}"
        );
        assert!(text["points"].as_f64().unwrap() > 0.0, "{payments:#}");

        // The newest resume is searched too, and -q is --text.
        let resume = hireloop(
            &db,
            &[
                "match",
                ROLE_FILE,
                "-q",
                "marmalade settlement",
                "--format",
                "json",
            ],
        )
        .ok()
        .json();
        assert_eq!(names(&resume), ["Bora Ilić"], "{resume:#}");

        let table = hireloop(&db, &["match", ROLE_FILE, "-q", "payments"]).ok();
        assert!(table.stdout.contains("text: payments"), "{}", table.stdout);
        assert!(table.stdout.contains("Text"), "{}", table.stdout);
        assert!(table.stdout.contains("100% (+"), "{}", table.stdout);
        assert!(table.stdout.contains("1-1 of 1"), "{}", table.stdout);

        // Nobody matches: empty, with the reason.
        let none = hireloop(&db, &["match", ROLE_FILE, "--text", "cobol"]).ok();
        assert!(
            none.stdout
                .contains("No candidates: no candidate matches the text 'cobol'"),
            "{}",
            none.stdout
        );
        let none = hireloop(
            &db,
            &["match", ROLE_FILE, "--text", "cobol", "--format", "json"],
        )
        .ok()
        .json();
        assert_eq!(none["total"], 0);
        assert_eq!(
            none["empty_reason"],
            "no candidate matches the text 'cobol'"
        );

        // A blank text is no text.
        let blank = hireloop(
            &db,
            &["match", ROLE_FILE, "--text", "  ", "--format", "json"],
        )
        .ok()
        .json();
        assert_eq!(blank["total"], 2, "{blank:#}");

        // Bad syntax or too long: an error naming --text.
        let long = "x".repeat(501);
        for bad in ["(kafka", "colour:red", long.as_str()] {
            let run = hireloop(&db, &["match", ROLE_FILE, "--text", bad]);
            assert_eq!(run.code, 1, "{bad}: {run:#?}");
            assert!(run.stderr.contains("--text"), "{bad}: {}", run.stderr);
        }
    })
    .await;
}
