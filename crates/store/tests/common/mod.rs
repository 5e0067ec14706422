//! Helpers shared by the store's behaviour suites: users, roles, candidates and applications made
//! the way the tests need them.
#![allow(dead_code, unused_imports, clippy::unwrap_used)]

pub use chrono::{Duration, Utc};
pub use hireloop_core::application::ApplicationInput;
pub use hireloop_core::authz::{system_visibility, visibility, Principal};
pub use hireloop_core::candidate::CandidateInput;
pub use hireloop_core::page::PageRequest;
pub use hireloop_core::pipeline::{Stage, StageMove};
pub use hireloop_core::role::{RoleInput, RoleStatus};
pub use hireloop_core::user::{User, UserInput, UserRole};
pub use hireloop_store::demo::{DemoApplication, DemoOutcome, DemoRole, DemoSet};
pub use hireloop_store::records::ApplicationFilter;
pub use hireloop_store::testing::on_each_backend;
pub use hireloop_store::{Store, StoreError};

pub async fn user(store: &Store, email: &str, role: UserRole) -> User {
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

pub fn role_input(title: &str) -> RoleInput {
    RoleInput {
        title: title.into(),
        level: "senior".into(),
        primary_language: "Go".into(),
        ..Default::default()
    }
}

pub fn candidate_input(email: &str) -> CandidateInput {
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
        ..Default::default()
    }
}

pub async fn application_on(
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
