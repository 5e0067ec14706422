//! Offers, trials and onboarding in the store, on SQLite and (with HIRELOOP_TEST_DATABASE_URL)
//! PostgreSQL: versions kept, the status machine applied in the write, outcomes moving applications
//! in the same transaction, onboarding tasks as rows.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use chrono::NaiveDate;
use common::*;
use hireloop_core::interview::{
    Offer, OfferChecklist, OfferInput, OfferStatus, OnboardingTemplate, TrialInput, TrialOutcome,
    TrialPolicy,
};
use hireloop_core::scorecard::{Scorecard, ScorecardLevel};
use hireloop_core::text::Title;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn terms(amount: i64, checklist: OfferChecklist) -> Offer {
    let input: OfferInput = serde_json::from_value(serde_json::json!({
        "compensation": {"pay": {"amount": amount, "period": "year"}, "bonus_percent": 10},
        "engagement": "full_time",
        "start_date": "2027-02-01",
    }))
    .unwrap();
    let mut offer = input.parse(day(2026, 11, 25)).unwrap();
    offer.checklist = checklist;
    offer
}

fn complete() -> OfferChecklist {
    let s = |t: &str| Some(t.to_string());
    OfferChecklist {
        ownership: s("The payments API"),
        decision_making: s("Design docs; the tech lead decides ties"),
        incident_support: s("Two-person rota, a week in six"),
        on_call_pay: s("A flat fee per on-call week"),
        growth_path: s("Tech lead within two years"),
        review_culture: s("Every change reviewed"),
    }
}

fn conflict_field(err: StoreError) -> Option<&'static str> {
    match err {
        StoreError::Conflict { field, .. } => field,
        other => panic!("expected a conflict, got {other:?}"),
    }
}

#[tokio::test]
async fn every_edit_and_status_change_is_a_kept_version() {
    on_each_backend(|store| async move {
        let hm = user(&store, "hm@example.com", UserRole::HiringManager).await;
        let app = application_on(&store, "Senior Go Engineer", "ana@example.com").await;
        let actor = Some(hm.id);
        let made = store
            .create_offer(app.id, &terms(120_000, OfferChecklist::default()), actor)
            .await
            .unwrap();
        assert_eq!((made.version, made.offer.status), (1, OfferStatus::Draft));

        // Approval needs the checklist: refused, naming each unanswered item, and nothing written.
        let err = store
            .transition_offer(app.id, OfferStatus::Approved, None, None, actor)
            .await
            .unwrap_err();
        let StoreError::Invalid(errors) = err else {
            panic!("expected field errors")
        };
        assert_eq!(errors.errors.len(), 6);
        assert!(errors.message_for("checklist.on_call_pay").is_some());
        assert_eq!(
            store.current_offer(app.id).await.unwrap().unwrap().version,
            1
        );

        let edited = store
            .update_offer(app.id, &terms(130_000, complete()), actor)
            .await
            .unwrap();
        assert_eq!(edited.version, 2);
        let approved = store
            .transition_offer(
                app.id,
                OfferStatus::Approved,
                Some("fits the budget"),
                Some(2),
                actor,
            )
            .await
            .unwrap();
        assert_eq!(
            (approved.version, approved.offer.status),
            (3, OfferStatus::Approved)
        );

        // Changing an approved offer sends it back to draft.
        let reworked = store
            .update_offer(app.id, &terms(135_000, complete()), actor)
            .await
            .unwrap();
        assert_eq!(
            (reworked.version, reworked.offer.status),
            (4, OfferStatus::Draft)
        );

        // A version the caller saw that is no longer current is a conflict.
        let stale = store
            .transition_offer(app.id, OfferStatus::Approved, None, Some(3), actor)
            .await
            .unwrap_err();
        assert_eq!(conflict_field(stale), Some("version"));
        // A status the machine does not allow is a conflict naming `to`.
        let skip = store
            .transition_offer(app.id, OfferStatus::Accepted, None, None, actor)
            .await
            .unwrap_err();
        assert_eq!(conflict_field(skip), Some("to"));

        let versions = store.offer_versions(app.id).await.unwrap();
        let seen: Vec<(i64, OfferStatus, i64)> = versions
            .iter()
            .map(|v| (v.version, v.status, v.offer.compensation.pay.amount))
            .collect();
        assert_eq!(
            seen,
            [
                (1, OfferStatus::Draft, 120_000),
                (2, OfferStatus::Draft, 130_000),
                (3, OfferStatus::Approved, 130_000),
                (4, OfferStatus::Draft, 135_000),
            ]
        );
        assert_eq!(versions[2].note.as_deref(), Some("fits the budget"));
        assert_eq!(versions[2].actor_id, Some(hm.id));
    })
    .await;
}

#[tokio::test]
async fn accepting_moves_the_application_to_offer_and_a_closed_application_gets_no_offer() {
    on_each_backend(|store| async move {
        let app = application_on(&store, "Senior Go Engineer", "ana@example.com").await;
        assert_eq!(app.stage, Stage::Sourced);
        store
            .create_offer(app.id, &terms(120_000, complete()), None)
            .await
            .unwrap();
        // A second open offer is refused.
        let twice = store
            .create_offer(app.id, &terms(1, complete()), None)
            .await
            .unwrap_err();
        assert_eq!(conflict_field(twice), Some("offer"));
        for to in [
            OfferStatus::Approved,
            OfferStatus::Sent,
            OfferStatus::Accepted,
        ] {
            store
                .transition_offer(app.id, to, None, None, None)
                .await
                .unwrap();
        }
        let moved = store
            .application(&system_visibility(), app.id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(moved.stage, Stage::Offer);
        let history = store.stage_history(app.id).await.unwrap();
        let last = history.last().unwrap();
        assert_eq!(
            (last.from_stage, last.to_stage),
            (Some(Stage::Sourced), Stage::Offer)
        );
        // A final offer does not change any more.
        let after = store
            .update_offer(app.id, &terms(1, complete()), None)
            .await
            .unwrap_err();
        assert_eq!(conflict_field(after), Some("status"));
        // Nor is a new one made once the candidate has accepted.
        let again = store
            .create_offer(app.id, &terms(1, complete()), None)
            .await
            .unwrap_err();
        assert!(again.to_string().contains("accepted an offer"), "{again}");
        assert_eq!(conflict_field(again), Some("offer"));

        let other = application_on(&store, "Go Engineer, Ledger", "bo@example.com").await;
        let reject = StageMove::plan(Stage::Sourced, Stage::Rejected, Some("skill gap")).unwrap();
        store
            .move_application(other.id, &reject, None)
            .await
            .unwrap();
        let err = store
            .create_offer(other.id, &terms(1, complete()), None)
            .await
            .unwrap_err();
        assert!(
            err.to_string().contains("the application is rejected"),
            "{err}"
        );
        assert_eq!(conflict_field(err), Some("stage"));
        assert!(store.current_offer(other.id).await.unwrap().is_none());
    })
    .await;
}

#[tokio::test]
async fn a_trial_outcome_is_recorded_once_and_moves_the_application_with_it() {
    on_each_backend(|store| async move {
        let app = application_on(&store, "Senior Go Engineer", "ana@example.com").await;
        let input = TrialInput {
            start: day(2027, 1, 4),
            days: None,
            goals: vec!["Ship the refunds endpoint".into()],
        };
        let trial = input.parse(&TrialPolicy::default()).unwrap();
        let started = store.start_trial(app.id, &trial, None).await.unwrap();
        assert_eq!(started.trial.end, day(2027, 1, 17));
        assert_eq!(started.trial.goals, ["Ship the refunds endpoint"]);
        let again = store.start_trial(app.id, &trial, None).await.unwrap_err();
        assert_eq!(conflict_field(again), Some("trial"));

        let reason = "Trial: Replace with another candidate";
        let planned = StageMove::plan(Stage::Sourced, Stage::Rejected, Some(reason)).unwrap();
        let ended = store
            .record_trial_outcome(
                app.id,
                TrialOutcome::Replace,
                Some("slow reviews"),
                Some(&planned),
                None,
            )
            .await
            .unwrap();
        assert_eq!(ended.trial.outcome, Some(TrialOutcome::Replace));
        assert_eq!(ended.outcome_note.as_deref(), Some("slow reviews"));
        let rejected = store
            .application(&system_visibility(), app.id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(rejected.stage, Stage::Rejected);
        assert_eq!(rejected.stage_reason.unwrap().as_str(), reason);
        assert_eq!(
            store.trial_excluded_candidates(app.role_id).await.unwrap(),
            [app.candidate_id]
        );

        // Once only; the failed second attempt leaves the application where it was.
        let convert = StageMove::plan(Stage::Rejected, Stage::Hired, None).unwrap();
        let twice = store
            .record_trial_outcome(app.id, TrialOutcome::Convert, None, Some(&convert), None)
            .await
            .unwrap_err();
        assert_eq!(conflict_field(twice), Some("outcome"));
        let still = store
            .application(&system_visibility(), app.id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(still.stage, Stage::Rejected);

        // A stale move rolls the outcome back with it.
        let other = application_on(&store, "Go Engineer, Ledger", "bo@example.com").await;
        store.start_trial(other.id, &trial, None).await.unwrap();
        let stale = StageMove::plan(Stage::Final, Stage::Hired, None).unwrap();
        let err = store
            .record_trial_outcome(other.id, TrialOutcome::Convert, None, Some(&stale), None)
            .await
            .unwrap_err();
        assert_eq!(conflict_field(err), Some("stage"));
        assert_eq!(
            store.trial(other.id).await.unwrap().unwrap().trial.outcome,
            None
        );
        assert!(store
            .trial_excluded_candidates(other.role_id)
            .await
            .unwrap()
            .is_empty());
    })
    .await;
}

#[tokio::test]
async fn an_onboarding_plan_keeps_its_tasks_ticks_and_quality_rating() {
    on_each_backend(|store| async move {
        let hm = user(&store, "hm@example.com", UserRole::HiringManager).await;
        let app = application_on(&store, "Senior Go Engineer", "ana@example.com").await;
        let mut card = Scorecard::new(
            Title::parse("Senior Go Engineer").unwrap(),
            ScorecardLevel::Senior,
        );
        card.scope = vec!["payments API".into()];
        let plan = OnboardingTemplate::shipped()
            .unwrap()
            .plan(&card, day(2027, 1, 4));

        // Onboarding is for hires.
        let early = store
            .create_onboarding(app.id, day(2027, 1, 4), &plan, None)
            .await
            .unwrap_err();
        assert_eq!(conflict_field(early), Some("stage"));
        let hire = StageMove::plan(Stage::Sourced, Stage::Hired, None).unwrap();
        store.move_application(app.id, &hire, None).await.unwrap();

        let stored = store
            .create_onboarding(app.id, day(2027, 1, 4), &plan, Some(hm.id))
            .await
            .unwrap();
        assert_eq!(stored.total, plan.tasks.len());
        assert_eq!(stored.done, 0);
        assert!(!stored.missing_scope);
        let texts: Vec<&str> = stored.tasks.iter().map(|t| t.task.text.as_str()).collect();
        let planned: Vec<&str> = plan.tasks.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(texts, planned, "tasks keep the plan's order");
        assert!(texts.iter().any(|t| t.contains("payments API")));
        let again = store
            .create_onboarding(app.id, day(2027, 1, 4), &plan, None)
            .await
            .unwrap_err();
        assert_eq!(conflict_field(again), Some("onboarding"));

        let first = stored.tasks[0].id;
        let ticked = store
            .set_onboarding_task(app.id, first, true, Some(hm.id))
            .await
            .unwrap();
        assert_eq!((ticked.done, ticked.tasks[0].task.done), (1, true));
        assert_eq!(ticked.tasks[0].done_by, Some(hm.id));
        let reread = store.onboarding(app.id).await.unwrap().unwrap();
        assert_eq!(reread.done, 1);
        let unticked = store
            .set_onboarding_task(app.id, first, false, None)
            .await
            .unwrap();
        assert_eq!((unticked.done, unticked.tasks[0].done_at), (0, None));
        let missing = store
            .set_onboarding_task(app.id, uuid::Uuid::now_v7(), true, None)
            .await
            .unwrap_err();
        assert!(matches!(missing, StoreError::NotFound("onboarding task")));

        let rated = store
            .rate_onboarding_quality(app.id, 3, Some("owns the payments API"), Some(hm.id))
            .await
            .unwrap();
        let quality = rated.quality.unwrap();
        assert_eq!(
            (quality.rating, quality.note.as_deref()),
            (3, Some("owns the payments API"))
        );
        assert_eq!(quality.rated_by, Some(hm.id));
        assert!(matches!(
            store
                .rate_onboarding_quality(app.id, 5, None, None)
                .await
                .unwrap_err(),
            StoreError::Invalid(_)
        ));
    })
    .await;
}

#[tokio::test]
async fn changes_to_one_offer_at_once_never_both_apply_to_the_same_version() {
    on_each_backend(|store| async move {
        let app = application_on(&store, "Senior Go Engineer", "ana@example.com").await;
        store
            .create_offer(app.id, &terms(120_000, complete()), None)
            .await
            .unwrap();
        let (a, b) = tokio::join!(
            store.transition_offer(app.id, OfferStatus::Withdrawn, Some("a"), None, None),
            store.transition_offer(app.id, OfferStatus::Approved, Some("b"), None, None),
        );
        let outcomes = [a, b];
        let won = outcomes.iter().filter(|r| r.is_ok()).count();
        let conflicts = outcomes
            .iter()
            .filter(|r| matches!(r, Err(StoreError::Conflict { .. })))
            .count();
        // Both may win one after the other (approve, then withdraw); never both from version 1.
        let versions = store.offer_versions(app.id).await.unwrap();
        assert_eq!(versions.len(), 1 + won, "{versions:?}");
        assert_eq!(won + conflicts, 2, "{outcomes:?}");
        let numbers: Vec<i64> = versions.iter().map(|v| v.version).collect();
        assert_eq!(numbers, (1..=versions.len() as i64).collect::<Vec<_>>());

        // With the version both saw, exactly one of two changes goes through.
        let other = application_on(&store, "Go Engineer, Ledger", "bo@example.com").await;
        store
            .create_offer(other.id, &terms(120_000, complete()), None)
            .await
            .unwrap();
        let (a, b) = tokio::join!(
            store.transition_offer(other.id, OfferStatus::Approved, None, Some(1), None),
            store.transition_offer(other.id, OfferStatus::Withdrawn, None, Some(1), None),
        );
        assert_eq!(
            [a.is_ok(), b.is_ok()].iter().filter(|ok| **ok).count(),
            1,
            "{a:?} {b:?}"
        );
        let loser = if a.is_ok() { b } else { a };
        assert_eq!(conflict_field(loser.unwrap_err()), Some("version"));
        assert_eq!(store.offer_versions(other.id).await.unwrap().len(), 2);
    })
    .await;
}
