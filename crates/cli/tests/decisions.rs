//! `hireloop decide`, `hireloop history` and `hireloop reasons` through the real binary on every
//! backend: a decision with a reason lands in the history with its note and actor; a bad one names
//! the field and changes nothing.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use common::{hireloop, on_each_backend};
use hireloop_core::application::ApplicationInput;
use hireloop_core::candidate::CandidateInput;
use hireloop_core::role::RoleInput;
use hireloop_store::Store;

/// A role, a candidate and an application joining them; returns the application id.
async fn application(store: &Store) -> String {
    let role = RoleInput {
        title: "Senior Go Engineer".into(),
        level: "senior".into(),
        primary_language: "Go".into(),
        ..Default::default()
    };
    let role = store.create_role(&role.parse().unwrap()).await.unwrap();
    let candidate = CandidateInput {
        name: "Ana Petrović".into(),
        email: "ana@example.com".into(),
        ..Default::default()
    };
    let candidate = store
        .create_candidate(&candidate.parse().unwrap())
        .await
        .unwrap();
    let input = ApplicationInput {
        role_id: role.id.as_uuid(),
        candidate_id: candidate.id.as_uuid(),
        stage: None,
    };
    let application = store
        .create_application(&input.parse().unwrap(), None)
        .await
        .unwrap();
    application.id.to_string()
}

#[test]
fn reasons_list_the_taxonomy_without_a_database() {
    let json = hireloop(
        "sqlite:///nonexistent/dir/x.db",
        &["reasons", "--format", "json"],
    )
    .ok();
    let reasons = json.json();
    let ids: Vec<_> = reasons
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    assert!(ids.contains(&"skill_gap".to_string()), "{ids:?}");
    assert!(ids.contains(&"accepted_other_offer".to_string()), "{ids:?}");
    let table = hireloop(
        "sqlite:///nonexistent/dir/x.db",
        &["reasons", "--decision", "withdraw"],
    )
    .ok();
    assert!(
        table.stdout.contains("accepted_other_offer"),
        "{}",
        table.stdout
    );
    assert!(!table.stdout.contains("skill_gap"), "{}", table.stdout);
    let bad = hireloop(
        "sqlite:///nonexistent/dir/x.db",
        &["reasons", "--decision", "maybe"],
    );
    assert_eq!(bad.code, 1);
    assert!(bad.stderr.contains("decision:"), "{}", bad.stderr);
}

#[tokio::test]
async fn a_decision_is_kept_in_the_history_with_reason_note_and_actor() {
    on_each_backend(|store, db| async move {
        let id = application(&store).await;
        hireloop(
            &db,
            &[
                "user",
                "add",
                "--role",
                "recruiter",
                "--email",
                "rita@example.com",
                "--name",
                "Rita Recruiter",
            ],
        )
        .ok();
        let advanced = hireloop(&db, &["decide", &id, "--decision", "advance"]).ok();
        assert!(
            advanced.stdout.contains("Sourced → Screening"),
            "{}",
            advanced.stdout
        );

        let rejected = hireloop(
            &db,
            &[
                "decide",
                &id,
                "--decision",
                "reject",
                "--reason",
                "skill_gap",
                "--note",
                "weak on failure modes",
                "--by",
                "rita@example.com",
                "--format",
                "json",
            ],
        )
        .ok()
        .json();
        assert_eq!(rejected["stage"], "rejected");
        assert_eq!(rejected["stage_reason"], "Skill gap: weak on failure modes");

        let history = hireloop(&db, &["history", &id, "--format", "json"])
            .ok()
            .json();
        let last = &history.as_array().unwrap()[2];
        assert_eq!(last["reason_code"], "skill_gap");
        assert_eq!(last["note"], "weak on failure modes");
        assert_eq!(last["actor_name"], "Rita Recruiter");
        let table = hireloop(&db, &["history", &id]).ok();
        assert!(table.stdout.contains("Skill gap"), "{}", table.stdout);
        assert!(table.stdout.contains("Rita Recruiter"), "{}", table.stdout);
        assert!(
            table.stdout.contains("system"),
            "the advance had no actor: {}",
            table.stdout
        );
    })
    .await;
}

#[tokio::test]
async fn bad_decisions_name_the_field_and_change_nothing() {
    on_each_backend(|store, db| async move {
        let id = application(&store).await;
        let no_reason = hireloop(&db, &["decide", &id, "--decision", "reject"]);
        assert_eq!(no_reason.code, 1);
        assert!(no_reason.stderr.contains("reason:"), "{}", no_reason.stderr);
        let wrong_kind = hireloop(
            &db,
            &[
                "decide",
                &id,
                "--decision",
                "withdraw",
                "--reason",
                "budget",
            ],
        );
        assert_eq!(wrong_kind.code, 1);
        assert!(
            wrong_kind.stderr.contains("not a reason to withdraw"),
            "{}",
            wrong_kind.stderr
        );
        let bad_id = hireloop(&db, &["decide", "nope", "--decision", "advance"]);
        assert_eq!(bad_id.code, 1);
        assert!(bad_id.stderr.contains("application:"), "{}", bad_id.stderr);
        let unknown = uuid::Uuid::now_v7().to_string();
        let missing = hireloop(&db, &["history", &unknown]);
        assert_eq!(missing.code, 1);
        assert!(
            missing.stderr.contains("no application"),
            "{}",
            missing.stderr
        );
        let nobody = hireloop(
            &db,
            &[
                "decide",
                &id,
                "--decision",
                "advance",
                "--by",
                "x@example.com",
            ],
        );
        assert_eq!(nobody.code, 1);
        assert!(nobody.stderr.contains("by:"), "{}", nobody.stderr);

        let history = hireloop(&db, &["history", &id, "--format", "json"])
            .ok()
            .json();
        assert_eq!(history.as_array().unwrap().len(), 1, "nothing was decided");

        hireloop(
            &db,
            &[
                "decide",
                &id,
                "--decision",
                "withdraw",
                "--reason",
                "withdrew",
            ],
        )
        .ok();
        let again = hireloop(&db, &["decide", &id, "--decision", "advance"]);
        assert_eq!(again.code, 1);
        assert!(again.stderr.contains("reopen"), "{}", again.stderr);
    })
    .await;
}

#[tokio::test]
async fn interviews_are_scheduled_and_listed_and_the_offer_shown() {
    on_each_backend(|store, db| async move {
        let id = application(&store).await;
        hireloop(
            &db,
            &["user", "add", "--role", "interviewer", "--email", "ivan@example.com", "--name", "Ivan Interviewer"],
        )
        .ok();
        let scheduled = hireloop(
            &db,
            &[
                "interview", "schedule", &id, "--kind", "system_design", "--at", "2030-01-15T14:00:00Z",
                "--minutes", "90", "--interviewer", "ivan@example.com", "--format", "json",
            ],
        )
        .ok()
        .json();
        assert_eq!(scheduled["stage_kind"], "system_design");
        assert_eq!(scheduled["duration_minutes"], 90);
        // No competencies named: the shipped senior template's system design stage applies.
        assert!(
            !scheduled["competencies"].as_array().unwrap().is_empty(),
            "{scheduled}"
        );
        let listed = hireloop(&db, &["interview", "list", &id]).ok();
        assert!(listed.stdout.contains("System design"), "{}", listed.stdout);
        assert!(listed.stdout.contains("Ivan Interviewer"), "{}", listed.stdout);
        assert!(listed.stdout.contains("2030-01-15 14:00"), "{}", listed.stdout);

        let unknown = hireloop(
            &db,
            &["interview", "schedule", &id, "--kind", "system_design", "--at", "2030-01-15T14:00:00Z",
              "--interviewer", "nobody@example.com"],
        );
        assert_eq!(unknown.code, 1);
        assert!(unknown.stderr.contains("interviewer[0]"), "{}", unknown.stderr);
        let bad_kind = hireloop(
            &db,
            &["interview", "schedule", &id, "--kind", "lunch", "--at", "2030-01-15T14:00:00Z",
              "--interviewer", "ivan@example.com"],
        );
        assert_eq!(bad_kind.code, 1);
        assert!(bad_kind.stderr.contains("stage_kind"), "{}", bad_kind.stderr);

        let none = hireloop(&db, &["offer", "show", &id]);
        assert_eq!(none.code, 1);
        assert!(none.stderr.contains("no offer"), "{}", none.stderr);
        let input: hireloop_core::interview::OfferInput = serde_json::from_value(serde_json::json!({
            "compensation": {"pay": {"amount": 150000, "period": "year"}, "equity": "0.05% over four years"},
            "engagement": "full_time",
            "start_date": "2030-02-01",
            "checklist": {"ownership": "The payments API"},
        }))
        .unwrap();
        let terms = input.parse(chrono::Utc::now().date_naive()).unwrap();
        store.create_offer(id.parse().unwrap(), &terms, None).await.unwrap();
        let shown = hireloop(&db, &["offer", "show", &id]).ok();
        assert!(shown.stdout.contains("Draft"), "{}", shown.stdout);
        assert!(shown.stdout.contains("decision_making"), "checklist gaps: {}", shown.stdout);
        let json = hireloop(&db, &["offer", "show", &id, "--format", "json"]).ok().json();
        assert_eq!(json["version"], 1);
    })
    .await;
}
