//! `hireloop candidate create --phone --country --city --work-mode --relocation`: stored on the profile as the API stores
//! them (the phone in international form from the country), and bad values name their field.
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;
use common::{hireloop, on_each_backend};
use hireloop_core::email::Email;
use hireloop_core::work_mode::WorkMode;

#[tokio::test]
async fn phone_country_and_city_are_stored_and_checked() {
    on_each_backend(|store, db| async move {
        hireloop(
            &db,
            &[
                "candidate",
                "create",
                "--name",
                "Ana Petrović",
                "--email",
                "ana@example.com",
                "--phone",
                "064 123 4567",
                "--country",
                "rs",
                "--city",
                "Novi Sad",
            ],
        )
        .ok();
        let email = Email::parse("ana@example.com").unwrap();
        let ana = store.candidate_by_email(&email).await.unwrap().unwrap();
        assert_eq!(ana.profile.phone.unwrap().as_str(), "+381 64 123 4567");
        assert_eq!(ana.profile.country.unwrap().as_str(), "RS");
        assert_eq!(ana.profile.city.unwrap().as_str(), "Novi Sad");

        let bad = hireloop(
            &db,
            &[
                "candidate",
                "create",
                "--name",
                "Bo",
                "--email",
                "bo@example.com",
                "--phone",
                "12 34",
                "--country",
                "EU",
            ],
        );
        assert_eq!(bad.code, 1);
        assert!(bad.stderr.contains("phone:"), "{}", bad.stderr);
        assert!(bad.stderr.contains("country:"), "{}", bad.stderr);
        let bo = Email::parse("bo@example.com").unwrap();
        assert!(store.candidate_by_email(&bo).await.unwrap().is_none());
    })
    .await;
}

#[tokio::test]
async fn work_modes_and_relocation_are_stored_and_checked() {
    on_each_backend(|store, db| async move {
        hireloop(
            &db,
            &[
                "candidate",
                "create",
                "--name",
                "Ana Petrović",
                "--email",
                "ana@example.com",
                "--work-mode",
                "hybrid,onsite",
                "--relocation",
                "yes",
            ],
        )
        .ok();
        let email = Email::parse("ana@example.com").unwrap();
        let ana = store.candidate_by_email(&email).await.unwrap().unwrap();
        assert_eq!(
            ana.profile.work_modes,
            vec![WorkMode::Hybrid, WorkMode::Onsite]
        );
        assert_eq!(ana.profile.open_to_relocation, Some(true));

        let bad = hireloop(
            &db,
            &[
                "candidate",
                "create",
                "--name",
                "Bo",
                "--email",
                "bo@example.com",
                "--work-mode",
                "remote",
                "--work-mode",
                "office",
                "--relocation",
                "maybe",
            ],
        );
        assert_eq!(bad.code, 1);
        assert!(bad.stderr.contains("open_to_relocation"), "{}", bad.stderr);
        let bo = Email::parse("bo@example.com").unwrap();
        assert!(store.candidate_by_email(&bo).await.unwrap().is_none());
        let bad = hireloop(
            &db,
            &[
                "candidate",
                "create",
                "--name",
                "Bo",
                "--email",
                "bo@example.com",
                "--work-mode",
                "remote",
                "--work-mode",
                "office",
            ],
        );
        assert_eq!(bad.code, 1);
        assert!(bad.stderr.contains("work_modes[1]"), "{}", bad.stderr);
        assert!(store.candidate_by_email(&bo).await.unwrap().is_none());
    })
    .await;
}
