//! Store behaviour, on SQLite and (with HIRELOOP_TEST_DATABASE_URL) PostgreSQL: roles, candidates,
//! applications, their moves and who may see them.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use common::*;

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

#[tokio::test]
async fn candidates_are_found_by_email_and_updated_in_place() {
    on_each_backend(|store| async move {
        let created = store
            .create_candidate(&candidate_input("ana@example.com").parse().unwrap())
            .await
            .unwrap();
        store
            .create_candidate(&candidate_input("bo@example.com").parse().unwrap())
            .await
            .unwrap();
        let email = hireloop_core::email::Email::parse("Ana@Example.com").unwrap();
        let found = store.candidate_by_email(&email).await.unwrap().unwrap();
        assert_eq!(found.id, created.id);

        let mut input = candidate_input("ana@example.com");
        input.skills = vec!["Rust".into()];
        input.expected_rate = None;
        input.location = None;
        let updated = store
            .update_candidate(created.id, &input.parse().unwrap())
            .await
            .unwrap();
        assert_eq!(updated.id, created.id);
        assert_eq!(updated.created_at, created.created_at);
        let skills: Vec<_> = updated.skills.iter().map(|s| s.as_str()).collect();
        assert_eq!(skills, ["rust"]);
        assert_eq!((updated.location, updated.expected_rate), (None, None));
        let read = store.candidate_by_email(&email).await.unwrap().unwrap();
        assert_eq!(read.skills, updated.skills);

        // Taking another candidate's email is a conflict and changes nothing.
        let err = store
            .update_candidate(
                created.id,
                &candidate_input("bo@example.com").parse().unwrap(),
            )
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
        let missing = hireloop_core::ids::CandidateId::from(uuid::Uuid::now_v7());
        let err = store
            .update_candidate(
                missing,
                &candidate_input("zed@example.com").parse().unwrap(),
            )
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::NotFound("candidate")), "{err}");
        let unknown = hireloop_core::email::Email::parse("nobody@example.com").unwrap();
        assert_eq!(store.candidate_by_email(&unknown).await.unwrap(), None);
    })
    .await;
}
