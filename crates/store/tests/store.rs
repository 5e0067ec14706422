//! The store's behaviour suite: every test runs on SQLite and, when HIRELOOP_TEST_DATABASE_URL is set,
//! on PostgreSQL too.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use chrono::{Duration, Utc};
use hireloop_core::application::ApplicationInput;
use hireloop_core::authz::{system_visibility, visibility, Principal};
use hireloop_core::candidate::CandidateInput;
use hireloop_core::page::PageRequest;
use hireloop_core::pipeline::{Stage, StageMove};
use hireloop_core::role::{RoleInput, RoleStatus};
use hireloop_core::user::{User, UserInput, UserRole};
use hireloop_store::demo::{DemoApplication, DemoOutcome, DemoRole, DemoSet};
use hireloop_store::records::ApplicationFilter;
use hireloop_store::testing::on_each_backend;
use hireloop_store::{Store, StoreError};

async fn user(store: &Store, email: &str, role: UserRole) -> User {
    let input = UserInput {
        email: email.into(),
        name: "Test User".into(),
        role: role.as_str().into(),
        password: "long enough password".into(),
    };
    store
        .create_user(&input.parse().unwrap(), "$argon2id$not-a-real-hash")
        .await
        .unwrap()
}

fn role_input(title: &str) -> RoleInput {
    RoleInput {
        title: title.into(),
        level: "senior".into(),
        primary_language: "Go".into(),
        ..Default::default()
    }
}

fn candidate_input(email: &str) -> CandidateInput {
    CandidateInput {
        name: "Ana Petrović".into(),
        email: email.into(),
        location: Some("Belgrade, Serbia".into()),
        region: Some("eastern_europe".into()),
        skills: vec!["Go".into(), "PostgreSQL".into()],
        expected_rate: Some(hireloop_core::money::MoneyInput {
            amount: 75,
            currency: None,
            period: "hour".into(),
        }),
    }
}

async fn application_on(
    store: &Store,
    role_title: &str,
    email: &str,
) -> hireloop_core::application::Application {
    let role = store
        .create_role(&role_input(role_title).parse().unwrap())
        .await
        .unwrap();
    let candidate = store
        .create_candidate(&candidate_input(email).parse().unwrap())
        .await
        .unwrap();
    let input = ApplicationInput {
        role_id: role.id.as_uuid(),
        candidate_id: candidate.id.as_uuid(),
        stage: None,
    };
    store
        .create_application(&input.parse().unwrap(), None)
        .await
        .unwrap()
}

#[tokio::test]
async fn migrating_twice_is_a_no_op_and_a_newer_schema_is_refused() {
    on_each_backend(|store| async move {
        let again = store.migrate().await.unwrap();
        assert_eq!(again.from_version, Some(again.to_version));
        store.ping().await.unwrap();
        assert_eq!(store.count_users().await.unwrap(), 0);
    })
    .await;
}

#[tokio::test]
async fn a_database_from_a_newer_hireloop_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("future.db").display());
    let store = Store::open(&url, Default::default()).await.unwrap();
    user(&store, "keep@example.com", UserRole::Admin).await;
    store.close().await;
    // Pretend a newer hireloop applied a migration this binary does not know.
    let pool = sqlx::SqlitePool::connect(&url).await.unwrap();
    sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
         VALUES (29991231000000, 'from the future', 1, x'00', 0)",
    )
    .execute(&pool)
    .await
    .unwrap();
    pool.close().await;

    let err = Store::open(&url, Default::default()).await.unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::SchemaTooNew {
                found: 29991231000000,
                ..
            }
        ),
        "{err}"
    );
    assert!(
        err.to_string().contains("newer than this hireloop"),
        "{err}"
    );
    let store = Store::connect(&url, Default::default()).await.unwrap();
    assert_eq!(store.count_users().await.unwrap(), 1, "nothing was lost");
}

#[tokio::test]
async fn user_emails_are_unique_whatever_their_case() {
    on_each_backend(|store| async move {
        let first = user(&store, "ana@example.com", UserRole::Recruiter).await;
        let input = UserInput {
            email: "ANA@example.com".into(),
            name: "Other".into(),
            role: "admin".into(),
            password: "long enough password".into(),
        };
        let err = store
            .create_user(&input.parse().unwrap(), "x")
            .await
            .unwrap_err();
        assert!(
            matches!(
                err,
                StoreError::Conflict {
                    field: Some("email"),
                    ..
                }
            ),
            "{err}"
        );
        assert_eq!(store.count_users().await.unwrap(), 1);
        let (found, hash) = store.user_credentials(&first.email).await.unwrap().unwrap();
        assert_eq!(found, first);
        assert_eq!(hash, "$argon2id$not-a-real-hash");
        store.set_password(first.id, "new-hash").await.unwrap();
        assert_eq!(
            store
                .user_credentials(&first.email)
                .await
                .unwrap()
                .unwrap()
                .1,
            "new-hash"
        );
    })
    .await;
}

#[tokio::test]
async fn sessions_expire_and_end_when_the_password_changes() {
    on_each_backend(|store| async move {
        let ana = user(&store, "ana@example.com", UserRole::Recruiter).await;
        store
            .create_session("live", ana.id, "csrf-1", Utc::now() + Duration::hours(1))
            .await
            .unwrap();
        store
            .create_session("stale", ana.id, "csrf-2", Utc::now() - Duration::seconds(1))
            .await
            .unwrap();
        let live = store.session("live").await.unwrap().unwrap();
        assert_eq!(live.user.id, ana.id);
        assert_eq!(live.csrf_token, "csrf-1");
        assert!(store.session("stale").await.unwrap().is_none());
        assert!(store.session("unknown").await.unwrap().is_none());
        store.set_password(ana.id, "new-hash").await.unwrap();
        assert!(store.session("live").await.unwrap().is_none());
    })
    .await;
}

#[tokio::test]
async fn api_tokens_work_until_revoked_and_only_their_owner_revokes_them() {
    on_each_backend(|store| async move {
        let ana = user(&store, "ana@example.com", UserRole::Recruiter).await;
        let bo = user(&store, "bo@example.com", UserRole::Recruiter).await;
        let token = store
            .create_api_token(ana.id, "ci", "hash-1")
            .await
            .unwrap();
        let (acting, token_id) = store.user_for_api_token("hash-1").await.unwrap().unwrap();
        assert_eq!((acting.id, token_id), (ana.id, token.id));
        assert!(store.list_api_tokens(ana.id).await.unwrap()[0]
            .last_used_at
            .is_some());

        let err = store
            .revoke_api_token(Some(bo.id), token.id)
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::NotFound(_)));
        assert!(store.user_for_api_token("hash-1").await.unwrap().is_some());

        let revoked = store
            .revoke_api_token(Some(ana.id), token.id)
            .await
            .unwrap();
        assert!(revoked.revoked_at.is_some());
        assert!(store.user_for_api_token("hash-1").await.unwrap().is_none());
        // Revoking twice keeps the first revocation time.
        let again = store.revoke_api_token(None, token.id).await.unwrap();
        assert_eq!(again.revoked_at, revoked.revoked_at);
    })
    .await;
}

#[tokio::test]
async fn roles_round_trip_and_page_newest_first() {
    on_each_backend(|store| async move {
        let manager = user(&store, "hm@example.com", UserRole::HiringManager).await;
        let mut input = role_input("Senior Go Engineer, Payments API");
        input.hiring_manager_id = Some(manager.id.as_uuid());
        let created = store.create_role(&input.parse().unwrap()).await.unwrap();
        assert_eq!(store.role(created.id).await.unwrap(), Some(created.clone()));
        assert_eq!(created.status, RoleStatus::Open);
        for i in 0..4 {
            store
                .create_role(&role_input(&format!("Role number {i}")).parse().unwrap())
                .await
                .unwrap();
        }
        let first = store
            .list_roles(&PageRequest {
                limit: 3,
                after: None,
            })
            .await
            .unwrap();
        assert_eq!(first.items.len(), 3);
        assert_eq!(first.items[0].title.as_str(), "Role number 3");
        let cursor = first.next_cursor.clone().unwrap().parse().unwrap();
        let second = store
            .list_roles(&PageRequest {
                limit: 3,
                after: Some(cursor),
            })
            .await
            .unwrap();
        assert_eq!(second.items.len(), 2);
        assert_eq!(second.next_cursor, None);
        assert_eq!(second.items[1], created);

        let filled = store
            .set_role_status(created.id, RoleStatus::Filled)
            .await
            .unwrap();
        assert_eq!(filled.status, RoleStatus::Filled);
        assert!(filled.updated_at >= created.updated_at);
    })
    .await;
}

#[tokio::test]
async fn a_role_naming_an_unknown_hiring_manager_is_refused_and_not_stored() {
    on_each_backend(|store| async move {
        let mut input = role_input("Senior Go Engineer");
        input.hiring_manager_id = Some(uuid::Uuid::now_v7());
        let err = store
            .create_role(&input.parse().unwrap())
            .await
            .unwrap_err();
        match err {
            StoreError::Invalid(errors) => {
                assert!(errors.message_for("hiring_manager_id").is_some())
            }
            other => panic!("expected a field error, got {other}"),
        }
        assert!(store
            .list_roles(&PageRequest::default())
            .await
            .unwrap()
            .items
            .is_empty());
    })
    .await;
}

#[tokio::test]
async fn candidates_round_trip_and_duplicate_emails_conflict() {
    on_each_backend(|store| async move {
        let created = store
            .create_candidate(&candidate_input("ana@example.com").parse().unwrap())
            .await
            .unwrap();
        let read = store
            .candidate(&system_visibility(), created.id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(read, created);
        let skills: Vec<_> = read.skills.iter().map(|s| s.as_str()).collect();
        assert_eq!(skills, ["go", "postgresql"]);
        assert_eq!(read.expected_rate.unwrap().to_string(), "75 USD/h");

        let err = store
            .create_candidate(&candidate_input("Ana@Example.com").parse().unwrap())
            .await
            .unwrap_err();
        assert!(
            matches!(
                err,
                StoreError::Conflict {
                    field: Some("email"),
                    ..
                }
            ),
            "{err}"
        );
        let all = store
            .list_candidates(&system_visibility(), &PageRequest::default())
            .await
            .unwrap();
        assert_eq!(all.items.len(), 1);
    })
    .await;
}

#[tokio::test]
async fn applications_move_along_the_loop_and_keep_their_history() {
    on_each_backend(|store| async move {
        let recruiter = user(&store, "r@example.com", UserRole::Recruiter).await;
        let app = application_on(&store, "Senior Go Engineer", "ana@example.com").await;
        assert_eq!(app.stage, Stage::Sourced);
        assert_eq!(app.candidate_name.as_str(), "Ana Petrović");

        let to_screening = StageMove::plan(Stage::Sourced, Stage::Screening, None).unwrap();
        let moved = store
            .move_application(app.id, &to_screening, Some(recruiter.id))
            .await
            .unwrap();
        assert_eq!(moved.stage, Stage::Screening);
        let reject = StageMove::plan(
            Stage::Screening,
            Stage::Rejected,
            Some("no production experience"),
        )
        .unwrap();
        let rejected = store
            .move_application(app.id, &reject, Some(recruiter.id))
            .await
            .unwrap();
        assert_eq!(
            rejected.stage_reason.unwrap().as_str(),
            "no production experience"
        );

        let history = store.stage_history(app.id).await.unwrap();
        let path: Vec<_> = history.iter().map(|c| (c.from_stage, c.to_stage)).collect();
        assert_eq!(
            path,
            [
                (None, Stage::Sourced),
                (Some(Stage::Sourced), Stage::Screening),
                (Some(Stage::Screening), Stage::Rejected)
            ]
        );
        assert_eq!(history[1].actor_id, Some(recruiter.id));
    })
    .await;
}

#[tokio::test]
async fn a_stale_move_conflicts_instead_of_overwriting() {
    on_each_backend(|store| async move {
        let app = application_on(&store, "Senior Go Engineer", "ana@example.com").await;
        let planned = StageMove::plan(Stage::Sourced, Stage::Screening, None).unwrap();
        store
            .move_application(app.id, &planned, None)
            .await
            .unwrap();
        // A second person planned the same move from the same page.
        let err = store
            .move_application(app.id, &planned, None)
            .await
            .unwrap_err();
        assert!(
            matches!(
                err,
                StoreError::Conflict {
                    field: Some("stage"),
                    ..
                }
            ),
            "{err}"
        );
        assert!(err.to_string().contains("'screening' now"), "{err}");
        assert_eq!(
            store.stage_history(app.id).await.unwrap().len(),
            2,
            "the refused move left no trace"
        );
        let unknown = store
            .move_application(uuid::Uuid::now_v7().into(), &planned, None)
            .await
            .unwrap_err();
        assert!(matches!(unknown, StoreError::NotFound(_)));
    })
    .await;
}

#[tokio::test]
async fn applications_refuse_duplicates_closed_roles_and_unknown_ids() {
    on_each_backend(|store| async move {
        let app = application_on(&store, "Senior Go Engineer", "ana@example.com").await;
        let again = ApplicationInput {
            role_id: app.role_id.as_uuid(),
            candidate_id: app.candidate_id.as_uuid(),
            stage: None,
        };
        let err = store
            .create_application(&again.parse().unwrap(), None)
            .await
            .unwrap_err();
        assert!(
            matches!(
                err,
                StoreError::Conflict {
                    field: Some("candidate_id"),
                    ..
                }
            ),
            "{err}"
        );

        let closed = store
            .create_role(&role_input("Closed role").parse().unwrap())
            .await
            .unwrap();
        store
            .set_role_status(closed.id, RoleStatus::Closed)
            .await
            .unwrap();
        let to_closed = ApplicationInput {
            role_id: closed.id.as_uuid(),
            ..again.clone()
        };
        let err = store
            .create_application(&to_closed.parse().unwrap(), None)
            .await
            .unwrap_err();
        assert!(
            matches!(
                err,
                StoreError::Conflict {
                    field: Some("role_id"),
                    ..
                }
            ),
            "{err}"
        );

        let no_role = ApplicationInput {
            role_id: uuid::Uuid::now_v7(),
            ..again.clone()
        };
        let err = store
            .create_application(&no_role.parse().unwrap(), None)
            .await
            .unwrap_err();
        assert!(
            matches!(&err, StoreError::Invalid(e) if e.message_for("role_id").is_some()),
            "{err}"
        );
        let no_candidate = ApplicationInput {
            candidate_id: uuid::Uuid::now_v7(),
            ..again
        };
        let err = store
            .create_application(&no_candidate.parse().unwrap(), None)
            .await
            .unwrap_err();
        assert!(
            matches!(&err, StoreError::Invalid(e) if e.message_for("candidate_id").is_some()),
            "{err}"
        );

        let all = store
            .list_applications(
                &system_visibility(),
                &ApplicationFilter::default(),
                &PageRequest::default(),
            )
            .await
            .unwrap();
        assert_eq!(all.items.len(), 1, "only the first application was stored");
    })
    .await;
}

#[tokio::test]
async fn interviewers_see_only_the_applications_they_are_assigned_to() {
    on_each_backend(|store| async move {
        let interviewer = user(&store, "i@example.com", UserRole::Interviewer).await;
        let recruiter = user(&store, "r@example.com", UserRole::Recruiter).await;
        let assigned = application_on(&store, "Senior Go Engineer", "ana@example.com").await;
        let other = application_on(&store, "Mid Python Engineer", "bo@example.com").await;
        store
            .assign_interviewer(assigned.id, interviewer.id)
            .await
            .unwrap();
        store
            .assign_interviewer(assigned.id, interviewer.id)
            .await
            .unwrap(); // twice is fine

        let as_interviewer = visibility(&Principal {
            user_id: interviewer.id,
            role: UserRole::Interviewer,
        });
        let as_recruiter = visibility(&Principal {
            user_id: recruiter.id,
            role: UserRole::Recruiter,
        });
        let none = ApplicationFilter::default();
        let page = PageRequest::default();

        let seen = store
            .list_applications(&as_interviewer, &none, &page)
            .await
            .unwrap();
        assert_eq!(
            seen.items.iter().map(|a| a.id).collect::<Vec<_>>(),
            [assigned.id]
        );
        assert!(store
            .application(&as_interviewer, other.id)
            .await
            .unwrap()
            .is_none());
        assert!(store
            .application(&as_recruiter, other.id)
            .await
            .unwrap()
            .is_some());
        assert_eq!(
            store
                .role_board(&as_interviewer, other.role_id)
                .await
                .unwrap()
                .len(),
            0
        );
        assert_eq!(
            store
                .role_board(&as_recruiter, other.role_id)
                .await
                .unwrap()
                .len(),
            1
        );

        let candidates = store.list_candidates(&as_interviewer, &page).await.unwrap();
        assert_eq!(
            candidates.items.iter().map(|c| c.id).collect::<Vec<_>>(),
            [assigned.candidate_id]
        );
        assert!(store
            .candidate(&as_interviewer, other.candidate_id)
            .await
            .unwrap()
            .is_none());
        assert_eq!(
            store.dashboard(&as_interviewer).await.unwrap().candidates,
            1
        );
        assert_eq!(store.dashboard(&as_recruiter).await.unwrap().candidates, 2);

        let err = store
            .assign_interviewer(assigned.id, uuid::Uuid::now_v7().into())
            .await
            .unwrap_err();
        assert!(
            matches!(&err, StoreError::Invalid(e) if e.message_for("user_id").is_some()),
            "{err}"
        );
    })
    .await;
}

#[tokio::test]
async fn filters_narrow_the_application_list() {
    on_each_backend(|store| async move {
        let a = application_on(&store, "Senior Go Engineer", "ana@example.com").await;
        let b = application_on(&store, "Mid Python Engineer", "bo@example.com").await;
        let planned = StageMove::plan(Stage::Sourced, Stage::Technical, None).unwrap();
        store.move_application(b.id, &planned, None).await.unwrap();
        let page = PageRequest::default();
        let vis = system_visibility();
        let by_role = ApplicationFilter {
            role_id: Some(a.role_id),
            ..Default::default()
        };
        assert_eq!(
            store
                .list_applications(&vis, &by_role, &page)
                .await
                .unwrap()
                .items[0]
                .id,
            a.id
        );
        let by_stage = ApplicationFilter {
            stage: Some(Stage::Technical),
            ..Default::default()
        };
        let technical = store
            .list_applications(&vis, &by_stage, &page)
            .await
            .unwrap();
        assert_eq!(
            technical.items.iter().map(|x| x.id).collect::<Vec<_>>(),
            [b.id]
        );
        let by_candidate = ApplicationFilter {
            candidate_id: Some(b.candidate_id),
            ..Default::default()
        };
        assert_eq!(
            store
                .list_applications(&vis, &by_candidate, &page)
                .await
                .unwrap()
                .items
                .len(),
            1
        );

        let dashboard = store.dashboard(&vis).await.unwrap();
        assert_eq!(
            (
                dashboard.open_roles,
                dashboard.candidates,
                dashboard.active_applications
            ),
            (2, 2, 2)
        );
        let technical_count = dashboard
            .by_stage
            .iter()
            .find(|s| s.stage == Stage::Technical)
            .unwrap()
            .count;
        assert_eq!(technical_count, 1);
        assert_eq!(dashboard.by_stage.len(), Stage::BOARD.len());
    })
    .await;
}

fn demo_set() -> DemoSet {
    let now = Utc::now();
    let admin = UserInput {
        email: "admin@demo.test".into(),
        name: "Demo Admin".into(),
        role: "admin".into(),
        password: "demo password 1".into(),
    };
    let hm = UserInput {
        email: "hm@demo.test".into(),
        name: "Demo Manager".into(),
        role: "hiring_manager".into(),
        password: "demo password 1".into(),
    };
    let moves = vec![
        (
            StageMove::plan(Stage::Sourced, Stage::Screening, None).unwrap(),
            now - Duration::days(3),
        ),
        (
            StageMove::plan(
                Stage::Screening,
                Stage::Rejected,
                Some("rate far above budget"),
            )
            .unwrap(),
            now - Duration::days(1),
        ),
    ];
    DemoSet {
        now,
        users: vec![
            (admin.parse().unwrap(), "h".into()),
            (hm.parse().unwrap(), "h".into()),
        ],
        roles: vec![DemoRole {
            role: role_input("Senior Go Engineer").parse().unwrap(),
            hiring_manager: Some(1),
        }],
        candidates: vec![
            candidate_input("a@demo.test").parse().unwrap(),
            candidate_input("b@demo.test").parse().unwrap(),
        ],
        applications: vec![
            DemoApplication {
                role: 0,
                candidate: 0,
                created_at: now - Duration::days(5),
                moves,
                interviewer: None,
            },
            DemoApplication {
                role: 0,
                candidate: 1,
                created_at: now - Duration::days(2),
                moves: vec![],
                interviewer: Some(1),
            },
        ],
    }
}

#[tokio::test]
async fn demo_data_loads_once_and_atomically() {
    on_each_backend(|store| async move {
        let demo = demo_set();
        let outcome = store.load_demo(&demo).await.unwrap();
        assert_eq!(
            outcome,
            DemoOutcome::Loaded {
                users: 2,
                roles: 1,
                candidates: 2,
                applications: 2
            }
        );
        assert_eq!(
            store.load_demo(&demo).await.unwrap(),
            DemoOutcome::AlreadyLoaded
        );
        assert_eq!(store.count_users().await.unwrap(), 2);
        let roles = store
            .list_roles(&PageRequest::default())
            .await
            .unwrap()
            .items;
        assert_eq!(roles.len(), 1);
        assert!(roles[0].hiring_manager_id.is_some());
        let board = store
            .role_board(&system_visibility(), roles[0].id)
            .await
            .unwrap();
        assert_eq!(board.len(), 2);
        let rejected = board.iter().find(|a| a.stage == Stage::Rejected).unwrap();
        assert_eq!(store.stage_history(rejected.id).await.unwrap().len(), 3);

        // A broken set (an application naming a missing candidate) rolls back whole.
        let fresh = hireloop_store::testing::TestStore::sqlite().await;
        let mut broken = demo_set();
        broken.applications[1].candidate = 7;
        assert!(fresh.store.load_demo(&broken).await.is_err());
        assert_eq!(
            fresh.store.count_users().await.unwrap(),
            0,
            "nothing half-written"
        );
        assert_eq!(
            fresh.store.load_demo(&demo_set()).await.unwrap(),
            DemoOutcome::Loaded {
                users: 2,
                roles: 1,
                candidates: 2,
                applications: 2
            }
        );
        fresh.finish().await;
    })
    .await;
}

#[tokio::test]
async fn market_files_are_upserted_listed_by_name_and_deleted() {
    on_each_backend(|store| async move {
        assert!(store.list_market_files().await.unwrap().is_empty());
        let admin = user(&store, "admin@example.com", UserRole::Admin).await;
        store
            .put_market_file("rates.toml", "# ours v1\n", Some(admin.id))
            .await
            .unwrap();
        let added = store
            .put_market_file("offers.toml", "# offers\n", None)
            .await
            .unwrap();
        assert_eq!(added.uploaded_by, None);
        store
            .put_market_file("offers_2.toml", "# more\n", None)
            .await
            .unwrap();
        store
            .put_market_file("offers-3.toml", "# more\n", None)
            .await
            .unwrap();

        // A second upload of the same name replaces the first.
        let replaced = store
            .put_market_file("rates.toml", "# ours v2\n", Some(admin.id))
            .await
            .unwrap();
        assert_eq!(replaced.content, "# ours v2\n");
        let files = store.list_market_files().await.unwrap();
        let names: Vec<_> = files.iter().map(|f| f.name.as_str()).collect();
        // Byte order on both backends, whatever the database's collation.
        assert_eq!(
            names,
            [
                "offers-3.toml",
                "offers.toml",
                "offers_2.toml",
                "rates.toml"
            ]
        );
        assert_eq!(files[3], replaced, "reads back exactly as written");
        assert_eq!(files[3].uploaded_by, Some(admin.id));

        store.delete_market_file("rates.toml").await.unwrap();
        store.delete_market_file("offers-3.toml").await.unwrap();
        store.delete_market_file("offers_2.toml").await.unwrap();
        assert!(matches!(
            store.delete_market_file("rates.toml").await.unwrap_err(),
            StoreError::NotFound(_)
        ));
        let left = store.list_market_files().await.unwrap();
        assert_eq!(left.len(), 1);
        assert_eq!(left[0].name, "offers.toml");
    })
    .await;
}

#[tokio::test]
async fn a_role_scorecard_is_stored_canonical_read_back_and_cleared() {
    let example = include_str!("../../../examples/roles/senior-go-payments.toml");
    on_each_backend(|store| async move {
        let role = store
            .create_role(&role_input("Senior Go Engineer").parse().unwrap())
            .await
            .unwrap();
        assert_eq!(store.role_scorecard(role.id).await.unwrap(), None);

        let saved = store.set_role_scorecard(role.id, example).await.unwrap();
        // Comments and layout go; what is kept is the canonical form, which parses to the same card.
        assert!(!saved.contains("A clean scorecard"));
        let card = hireloop_core::scorecard::from_toml(example).unwrap();
        assert_eq!(saved, hireloop_core::scorecard::to_toml(&card));
        assert_eq!(
            store.role_scorecard(role.id).await.unwrap(),
            Some(saved.clone())
        );
        let after = store.role(role.id).await.unwrap().unwrap();
        assert!(after.updated_at >= role.updated_at);
        assert_eq!(after.title, role.title, "the role itself is unchanged");

        // A file that does not parse is refused, naming the key, and the stored one stays.
        let err = store
            .set_role_scorecard(role.id, "title = \"Go dev\"\nlevel = \"principal\"\n")
            .await
            .unwrap_err();
        match err {
            StoreError::Invalid(errors) => assert_eq!(errors.errors[0].field, "level"),
            other => panic!("expected Invalid, got {other}"),
        }
        assert_eq!(store.role_scorecard(role.id).await.unwrap(), Some(saved));

        store.clear_role_scorecard(role.id).await.unwrap();
        assert_eq!(store.role_scorecard(role.id).await.unwrap(), None);

        let nobody = hireloop_core::ids::RoleId::from(uuid::Uuid::now_v7());
        assert!(matches!(
            store.role_scorecard(nobody).await,
            Err(StoreError::NotFound("role"))
        ));
        assert!(matches!(
            store.set_role_scorecard(nobody, example).await,
            Err(StoreError::NotFound("role"))
        ));
    })
    .await;
}

#[tokio::test]
async fn a_stored_scorecard_that_no_longer_parses_is_corrupt() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("corrupt.db").display());
    let store = Store::open(&url, Default::default()).await.unwrap();
    let role = store
        .create_role(&role_input("Senior Go Engineer").parse().unwrap())
        .await
        .unwrap();
    // Edited by hand: a key the parser does not know.
    let pool = sqlx::SqlitePool::connect(&url).await.unwrap();
    sqlx::query("UPDATE roles SET scorecard = 'title = \"Go dev\"\nlevel = \"mid\"\nsalary = 1'")
        .execute(&pool)
        .await
        .unwrap();
    pool.close().await;
    let err = store.role_scorecard(role.id).await.unwrap_err();
    assert!(matches!(err, StoreError::Corrupt(_)), "{err}");
    assert!(err.to_string().contains("salary"), "{err}");
}

#[tokio::test]
async fn saving_a_scorecard_with_its_requisition_updates_the_role_row_too() {
    on_each_backend(|store| async move {
        let role = store
            .create_role(&role_input("Backend Engineer").parse().unwrap())
            .await
            .unwrap();
        let text = "title = \"Staff Engineer, Billing Platform\"\nlevel = \"staff\"\nprimary_language = \"Python\"\nframework = \"Django\"\nengagement = \"full_time\"\n";
        let card = hireloop_core::scorecard::from_toml(text).unwrap();
        let requisition = hireloop_core::scorecard::Requisition {
            title: card.title.clone(),
            level: card.level.market_level(),
            primary_language: Some(hireloop_core::text::PrimaryLanguage::parse("Python/Django").unwrap()),
        };
        store
            .set_role_scorecard_and_requisition(role.id, text, &requisition)
            .await
            .unwrap();
        let stored = store.role(role.id).await.unwrap().unwrap();
        assert_eq!(stored.title.as_str(), "Staff Engineer, Billing Platform");
        assert_eq!(stored.level, hireloop_core::level::Level::Senior);
        assert_eq!(stored.primary_language.as_str(), "Python/Django");
        assert!(store.role_scorecard(role.id).await.unwrap().unwrap().contains("level = \"staff\""));

        let err = store
            .set_role_scorecard_and_requisition(role.id, "title = \"x\"\nlevel = \"nope\"\n", &requisition)
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::Invalid(_)), "{err}");
        assert_eq!(store.role(role.id).await.unwrap().unwrap(), stored, "a refused save changes nothing");
    })
    .await;
}

#[tokio::test]
async fn candidates_after_pages_every_candidate_in_id_order_whoever_sees_them() {
    on_each_backend(|store| async move {
        let mut created = Vec::new();
        for i in 0..5 {
            let new = candidate_input(&format!("pool{i}@example.com"))
                .parse()
                .unwrap();
            created.push(store.create_candidate(&new).await.unwrap().id);
        }
        created.sort();
        let mut seen = Vec::new();
        let mut after = None;
        loop {
            let batch = store.candidates_after(after, 2).await.unwrap();
            assert!(batch.len() <= 2);
            let Some(last) = batch.last() else { break };
            after = Some(last.id);
            seen.extend(batch.iter().map(|c| c.id));
        }
        assert_eq!(seen, created);
        assert!(store
            .candidates_after(seen.last().copied(), 10)
            .await
            .unwrap()
            .is_empty());
    })
    .await;
}
