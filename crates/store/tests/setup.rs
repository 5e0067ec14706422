//! Store behaviour, on SQLite and (with HIRELOOP_TEST_DATABASE_URL) PostgreSQL: demo data, market data
//! files and role scorecards.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use common::*;

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
            scorecard: None,
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
