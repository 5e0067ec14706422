//! `hireloop search`: full-text search over the pool in the database, with filters and facets,
//! bad flags named, on every backend.
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;
use common::{hireloop, on_each_backend};
use hireloop_core::candidate::CandidateInput;
use hireloop_core::candidate_profile::VettingStatus;
use hireloop_store::Store;

async fn candidate(store: &Store, name: &str, skills: &[&str], level: &str, vetted: bool) {
    let input = CandidateInput {
        name: name.into(),
        email: format!("{}@example.com", name.to_lowercase().replace(' ', ".")),
        skills: skills.iter().map(|s| s.to_string()).collect(),
        stated_level: Some(level.into()),
        region: Some("eastern_europe".into()),
        industries: vec!["payments".into()],
        ..Default::default()
    };
    let created = store
        .create_candidate(&input.parse().unwrap())
        .await
        .unwrap();
    if vetted {
        for to in [VettingStatus::InVetting, VettingStatus::Vetted] {
            store.set_vetting(created.id, to, None, None).await.unwrap();
        }
    }
}

#[tokio::test]
async fn search_filters_the_pool_and_counts_facets() {
    on_each_backend(|store, db| async move {
        candidate(&store, "Ana Petrović", &["Golang", "Kafka"], "senior", true).await;
        candidate(&store, "Bruno Silva", &["Go", "Kafka"], "senior", false).await;
        candidate(&store, "Clara Weber", &["Go", "Kafka"], "mid", true).await;
        candidate(&store, "Dario Rossi", &["Python", "Kafka"], "senior", true).await;

        let found = hireloop(
            &db,
            &[
                "search",
                "kafka payments",
                "--skill",
                "go",
                "--level",
                "senior",
                "--vetted",
                "--format",
                "json",
            ],
        )
        .ok()
        .json();
        assert_eq!(found["total"], 1, "{found}");
        assert_eq!(found["results"][0]["name"], "Ana Petrović");
        assert!(found["results"][0]["snippet"]
            .as_str()
            .unwrap()
            .contains("<b>"));

        // The table names the matched candidates and prints the facets of the filtered set.
        let table = hireloop(&db, &["search", "kafka", "--skill", "go"]).ok();
        assert!(table.stdout.contains("Bruno Silva"), "{}", table.stdout);
        assert!(!table.stdout.contains("Dario Rossi"), "{}", table.stdout);
        assert_eq!(table.after("level:"), "senior (2), mid (1)");
        assert!(table.stdout.contains("3 of 3 shown"), "{}", table.stdout);

        let bad = hireloop(&db, &["search", "--level", "wizard"]);
        assert_ne!(bad.code, 0);
        assert!(bad.stderr.contains("level"), "{}", bad.stderr);
        let unreadable = hireloop(&db, &["search", "(kafka"]);
        assert_ne!(unreadable.code, 0);
        assert!(unreadable.stderr.contains("query"), "{}", unreadable.stderr);
    })
    .await;
}
