//! Interviews, panels and feedback, on SQLite and (with HIRELOOP_TEST_DATABASE_URL) PostgreSQL.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use chrono::DateTime;
use common::*;
use hireloop_core::ids::{InterviewId, UserId};
use hireloop_core::interview::feedback::{RatingEntryInput, RatingInput};
use hireloop_core::interview::{
    Competency, Feedback, FeedbackInput, InterviewChangeInput, InterviewInput, InterviewStatus,
    NewInterview,
};

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

fn new_interview(
    application: &hireloop_core::application::Application,
    starts_at: &str,
    panel: &[&User],
) -> NewInterview {
    InterviewInput {
        stage_kind: "system_design".into(),
        starts_at: starts_at.into(),
        duration_minutes: 60,
        location: Some("https://meet.example.com/abc".into()),
        participants: panel.iter().map(|u| u.id.as_uuid()).collect(),
        competencies: Some(vec!["system_design".into(), "security".into()]),
    }
    .parse(application.id, |_| None)
    .unwrap()
}

fn feedback(level: i64) -> Feedback {
    FeedbackInput {
        ratings: vec![
            RatingEntryInput {
                competency: "system_design".into(),
                rating: RatingInput::Level(level),
                evidence: Some(format!("level {level} evidence")),
            },
            RatingEntryInput {
                competency: "security".into(),
                rating: RatingInput::Text("no_evidence".into()),
                evidence: None,
            },
        ],
        summary: Some("Clear on failure modes".into()),
        recommendation: "yes".into(),
    }
    .parse(&[Competency::SystemDesign, Competency::Security])
    .unwrap()
}

#[tokio::test]
async fn scheduling_stores_the_panel_and_assigns_it_to_the_application() {
    on_each_backend(|store| async move {
        let ana = user(&store, "ana@example.com", UserRole::Interviewer).await;
        let bo = user(&store, "bo@example.com", UserRole::Interviewer).await;
        let recruiter = user(&store, "rec@example.com", UserRole::Recruiter).await;
        let app = application_on(&store, "Senior Go Engineer", "cand@example.com").await;
        let ana_scope = visibility(&Principal {
            user_id: ana.id,
            role: UserRole::Interviewer,
        });
        assert!(store
            .application(&ana_scope, app.id)
            .await
            .unwrap()
            .is_none());

        let new = new_interview(&app, "2026-12-01T14:00:00Z", &[&ana, &bo]);
        let interview = store
            .schedule_interview(&new, Some(recruiter.id))
            .await
            .unwrap();
        assert_eq!(interview.status, InterviewStatus::Scheduled);
        assert_eq!(
            interview.competencies,
            vec![Competency::Security, Competency::SystemDesign]
        );
        assert_eq!(interview.ends_at, at("2026-12-01T15:00:00Z"));
        assert_eq!(interview.participants.len(), 2);
        assert!(interview.has_participant(ana.id) && interview.has_participant(bo.id));
        assert_eq!(interview.created_by, Some(recruiter.id));
        assert_eq!(
            store.interview(interview.id).await.unwrap(),
            Some(interview.clone())
        );
        // The panel now sees the application, through the same scope every list uses.
        assert!(store
            .application(&ana_scope, app.id)
            .await
            .unwrap()
            .is_some());

        let later = store
            .schedule_interview(&new_interview(&app, "2026-12-03T09:00:00Z", &[&ana]), None)
            .await
            .unwrap();
        let earlier = store
            .schedule_interview(&new_interview(&app, "2026-11-30T09:00:00Z", &[&bo]), None)
            .await
            .unwrap();
        let ids: Vec<InterviewId> = store
            .interviews_for_application(app.id)
            .await
            .unwrap()
            .iter()
            .map(|i| i.id)
            .collect();
        assert_eq!(ids, vec![earlier.id, interview.id, later.id]);
    })
    .await;
}

#[tokio::test]
async fn an_unknown_participant_is_named_and_nothing_is_stored() {
    on_each_backend(|store| async move {
        let ana = user(&store, "ana@example.com", UserRole::Interviewer).await;
        let app = application_on(&store, "Senior Go Engineer", "cand@example.com").await;
        let mut new = new_interview(&app, "2026-12-01T14:00:00Z", &[&ana]);
        new.participants.push(UserId(uuid::Uuid::now_v7()));
        match store.schedule_interview(&new, None).await.unwrap_err() {
            StoreError::Invalid(errors) => {
                assert_eq!(errors.message_for("participants[1]"), Some("no such user"))
            }
            other => panic!("expected a field error, got {other}"),
        }
        assert!(store
            .interviews_for_application(app.id)
            .await
            .unwrap()
            .is_empty());
        let ana_scope = visibility(&Principal {
            user_id: ana.id,
            role: UserRole::Interviewer,
        });
        assert!(
            store
                .application(&ana_scope, app.id)
                .await
                .unwrap()
                .is_none(),
            "the rolled-back schedule assigned nobody"
        );
    })
    .await;
}

#[tokio::test]
async fn reschedule_change_panel_and_cancel() {
    on_each_backend(|store| async move {
        let ana = user(&store, "ana@example.com", UserRole::Interviewer).await;
        let cy = user(&store, "cy@example.com", UserRole::Interviewer).await;
        let app = application_on(&store, "Senior Go Engineer", "cand@example.com").await;
        let interview = store
            .schedule_interview(&new_interview(&app, "2026-12-01T14:00:00Z", &[&ana]), None)
            .await
            .unwrap();
        let change = InterviewChangeInput {
            starts_at: Some("2026-12-02T10:30:00Z".into()),
            duration_minutes: Some(90),
            location: Some(String::new()),
            participants: Some(vec![cy.id.as_uuid()]),
            status: None,
        }
        .parse()
        .unwrap();
        let moved = store.update_interview(interview.id, &change).await.unwrap();
        assert_eq!(moved.starts_at, at("2026-12-02T10:30:00Z"));
        assert_eq!(moved.ends_at, at("2026-12-02T12:00:00Z"));
        assert_eq!(moved.location, None);
        assert_eq!(moved.participant_ids(), vec![cy.id]);
        let cancel = InterviewChangeInput {
            status: Some("cancelled".into()),
            ..Default::default()
        };
        let cancelled = store
            .update_interview(interview.id, &cancel.parse().unwrap())
            .await
            .unwrap();
        assert_eq!(cancelled.status, InterviewStatus::Cancelled);
        assert_eq!(
            cancelled.starts_at, moved.starts_at,
            "cancelling keeps the time"
        );
        let again = InterviewChangeInput {
            duration_minutes: Some(30),
            ..Default::default()
        };
        assert!(matches!(
            store
                .update_interview(interview.id, &again.parse().unwrap())
                .await
                .unwrap_err(),
            StoreError::Conflict { .. }
        ));
        assert!(matches!(
            store
                .save_feedback(interview.id, cy.id, &feedback(3), true)
                .await
                .unwrap_err(),
            StoreError::Conflict { .. }
        ));
        assert!(matches!(
            store
                .update_interview(InterviewId(uuid::Uuid::now_v7()), &again.parse().unwrap())
                .await
                .unwrap_err(),
            StoreError::NotFound("interview")
        ));
    })
    .await;
}

#[tokio::test]
async fn drafts_change_until_submitted_and_submitted_feedback_never_does() {
    on_each_backend(|store| async move {
        let ana = user(&store, "ana@example.com", UserRole::Interviewer).await;
        let bo = user(&store, "bo@example.com", UserRole::Interviewer).await;
        let app = application_on(&store, "Senior Go Engineer", "cand@example.com").await;
        let interview = store
            .schedule_interview(
                &new_interview(&app, "2026-12-01T14:00:00Z", &[&ana, &bo]),
                None,
            )
            .await
            .unwrap();
        let draft = store
            .save_feedback(interview.id, ana.id, &feedback(2), false)
            .await
            .unwrap();
        assert!(!draft.is_submitted());
        assert_eq!(draft.author_name.as_str(), "Test User");
        let redraft = store
            .save_feedback(interview.id, ana.id, &feedback(3), false)
            .await
            .unwrap();
        assert_eq!(
            redraft.id, draft.id,
            "one feedback per interviewer per interview"
        );
        let submitted = store
            .save_feedback(interview.id, ana.id, &feedback(4), true)
            .await
            .unwrap();
        assert!(submitted.is_submitted());
        assert_eq!(submitted.feedback, feedback(4));
        let err = store
            .save_feedback(interview.id, ana.id, &feedback(1), true)
            .await
            .unwrap_err();
        assert!(err.to_string().contains("already submitted"), "{err}");
        let err = store
            .save_feedback(interview.id, ana.id, &feedback(1), false)
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::Conflict { .. }));
        let stored = store.feedback(interview.id, ana.id).await.unwrap().unwrap();
        assert_eq!(stored.feedback, feedback(4), "the submitted version stays");
        assert_eq!(stored.submitted_at, submitted.submitted_at);

        store
            .save_feedback(interview.id, bo.id, &feedback(1), false)
            .await
            .unwrap();
        let all = store.feedback_for_application(app.id).await.unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].author_id, ana.id);
        assert_eq!(all[0].interview_id, interview.id);
        assert!(all[0].is_submitted() && !all[1].is_submitted());
        assert!(store
            .feedback(interview.id, UserId(uuid::Uuid::now_v7()))
            .await
            .unwrap()
            .is_none());
        assert!(matches!(
            store
                .save_feedback(
                    InterviewId(uuid::Uuid::now_v7()),
                    ana.id,
                    &feedback(2),
                    true
                )
                .await
                .unwrap_err(),
            StoreError::NotFound("interview")
        ));
    })
    .await;
}

#[tokio::test]
async fn upcoming_interviews_and_missing_feedback() {
    on_each_backend(|store| async move {
        let ana = user(&store, "ana@example.com", UserRole::Interviewer).await;
        let bo = user(&store, "bo@example.com", UserRole::Interviewer).await;
        let app = application_on(&store, "Senior Go Engineer", "cand@example.com").await;
        let past = store
            .schedule_interview(
                &new_interview(&app, "2026-11-20T09:00:00Z", &[&ana, &bo]),
                None,
            )
            .await
            .unwrap();
        let future = store
            .schedule_interview(&new_interview(&app, "2026-12-05T09:00:00Z", &[&ana]), None)
            .await
            .unwrap();
        let cancelled = store
            .schedule_interview(&new_interview(&app, "2026-11-21T09:00:00Z", &[&bo]), None)
            .await
            .unwrap();
        let cancel = InterviewChangeInput {
            status: Some("cancelled".into()),
            ..Default::default()
        };
        store
            .update_interview(cancelled.id, &cancel.parse().unwrap())
            .await
            .unwrap();

        let now = at("2026-11-25T12:00:00Z");
        let upcoming = store
            .upcoming_interviews_for_user(ana.id, now)
            .await
            .unwrap();
        assert_eq!(upcoming.len(), 1);
        assert_eq!(upcoming[0].interview.id, future.id);
        assert_eq!(upcoming[0].role_title.as_str(), "Senior Go Engineer");
        assert_eq!(upcoming[0].candidate_name.as_str(), "Ana Petrović");
        assert!(store
            .upcoming_interviews_for_user(bo.id, now)
            .await
            .unwrap()
            .is_empty());
        // During the interview it is still upcoming; a minute after its end it is not.
        let during = at("2026-12-05T09:30:00Z");
        assert_eq!(
            store
                .upcoming_interviews_for_user(ana.id, during)
                .await
                .unwrap()
                .len(),
            1
        );
        let after = at("2026-12-05T10:01:00Z");
        assert!(store
            .upcoming_interviews_for_user(ana.id, after)
            .await
            .unwrap()
            .is_empty());

        // Ana submits on the past interview, Bo only drafts: Bo is missing, Ana is not; the
        // cancelled and the future interviews ask nothing of anyone.
        store
            .save_feedback(past.id, ana.id, &feedback(3), true)
            .await
            .unwrap();
        store
            .save_feedback(past.id, bo.id, &feedback(2), false)
            .await
            .unwrap();
        let missing = store.interviews_missing_feedback(now).await.unwrap();
        assert_eq!(missing.len(), 1, "{missing:?}");
        assert_eq!(missing[0].user_id, bo.id);
        assert_eq!(missing[0].email.as_str(), "bo@example.com");
        assert_eq!(missing[0].interview.id, past.id);
        // Exactly at the end counts as ended.
        let at_end = at("2026-11-20T10:00:00Z");
        assert_eq!(
            store
                .interviews_missing_feedback(at_end)
                .await
                .unwrap()
                .len(),
            1
        );
        let before_end = at("2026-11-20T09:59:59Z");
        assert!(store
            .interviews_missing_feedback(before_end)
            .await
            .unwrap()
            .is_empty());
        store
            .save_feedback(past.id, bo.id, &feedback(2), true)
            .await
            .unwrap();
        assert!(store
            .interviews_missing_feedback(now)
            .await
            .unwrap()
            .is_empty());
    })
    .await;
}
