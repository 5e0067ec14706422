//! `hireloop user …` and `hireloop token …` against a real database, on every backend.
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;
use common::{hireloop, hireloop_with_stdin, on_each_backend};
use hireloop_core::email::Email;
use hireloop_server::auth::{hash_token, verify_password};

#[tokio::test]
async fn users_are_added_listed_and_get_new_passwords() {
    on_each_backend(|store, db| async move {
        let added = hireloop(
            &db,
            &[
                "user",
                "add",
                "--admin",
                "--email",
                "Ana@Example.com",
                "--name",
                "Ana Admin",
            ],
        )
        .ok();
        let password = added.after("Password (shown only this once):");
        assert!(password.len() >= 20, "{password}");
        let email = Email::parse("ana@example.com").unwrap();
        let (_, hash) = store.user_credentials(&email).await.unwrap().unwrap();
        assert!(verify_password(&password, &hash).await.unwrap());

        hireloop_with_stdin(
            &db,
            &[
                "user",
                "add",
                "--role",
                "interviewer",
                "--email",
                "ivo@example.com",
                "--name",
                "Ivo",
                "--password-stdin",
            ],
            "a long enough password\n",
        )
        .ok();
        let list = hireloop(&db, &["user", "list", "--format", "json"])
            .ok()
            .json();
        let items = list["items"].as_array().unwrap();
        assert_eq!(items.len(), 2);
        assert_eq!(items[0]["email"], "ivo@example.com");
        assert_eq!(items[0]["role"], "interviewer");
        assert_eq!(items[1]["role"], "admin");
        assert!(list["next_cursor"].is_null());
        let table = hireloop(&db, &["user", "list"]).ok();
        assert!(table.stdout.contains("ana@example.com") && table.stdout.contains("2 shown"));

        let duplicate = hireloop(
            &db,
            &[
                "user",
                "add",
                "--admin",
                "--email",
                "ana@example.com",
                "--name",
                "Ana",
            ],
        );
        assert_eq!(duplicate.code, 1);
        assert!(
            duplicate
                .stderr
                .contains("email: a user with email ana@example.com already exists"),
            "{}",
            duplicate.stderr
        );

        let bad = hireloop_with_stdin(
            &db,
            &[
                "user",
                "add",
                "--role",
                "boss",
                "--email",
                "nope",
                "--name",
                "X",
                "--password-stdin",
            ],
            "short\n",
        );
        assert_eq!(bad.code, 1);
        for field in ["email:", "role:", "password:"] {
            assert!(
                bad.stderr.contains(field),
                "{field} missing from {}",
                bad.stderr
            );
        }

        let reset = hireloop(&db, &["user", "password", "ana@example.com"]).ok();
        let new_password = reset.after("Password (shown only this once):");
        let (_, hash) = store.user_credentials(&email).await.unwrap().unwrap();
        assert!(verify_password(&new_password, &hash).await.unwrap());
        assert!(!verify_password(&password, &hash).await.unwrap());
        let unknown = hireloop(&db, &["user", "password", "who@example.com"]);
        assert_eq!(unknown.code, 1);
        assert!(
            unknown
                .stderr
                .contains("email: no user with email who@example.com"),
            "{}",
            unknown.stderr
        );
    })
    .await;
}

#[tokio::test]
async fn tokens_are_shown_once_listed_and_revoked() {
    on_each_backend(|store, db| async move {
        hireloop(
            &db,
            &[
                "user",
                "add",
                "--role",
                "recruiter",
                "--email",
                "rosa@example.com",
                "--name",
                "Rosa",
            ],
        )
        .ok();
        let created = hireloop(
            &db,
            &[
                "token",
                "create",
                "--user",
                "rosa@example.com",
                "--name",
                "ci import",
            ],
        )
        .ok();
        let secret = created
            .stdout
            .lines()
            .find(|l| l.starts_with("hl_"))
            .unwrap_or_else(|| panic!("no token in {}", created.stdout))
            .to_string();
        let (user, token_id) = store
            .user_for_api_token(&hash_token(&secret))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(user.email.as_str(), "rosa@example.com");

        let list = hireloop(
            &db,
            &[
                "token",
                "list",
                "--user",
                "rosa@example.com",
                "--format",
                "json",
            ],
        )
        .ok()
        .json();
        let items = list["items"].as_array().unwrap();
        assert_eq!(items.len(), 1);
        assert_eq!(items[0]["name"], "ci import");
        assert_eq!(items[0]["id"], token_id.to_string());
        assert!(items[0]["revoked_at"].is_null());
        assert!(
            !list.to_string().contains(&secret),
            "the secret is never listed"
        );

        hireloop(&db, &["token", "revoke", &token_id.to_string()]).ok();
        assert!(store
            .user_for_api_token(&hash_token(&secret))
            .await
            .unwrap()
            .is_none());
        let list = hireloop(
            &db,
            &[
                "token",
                "list",
                "--user",
                "rosa@example.com",
                "--format",
                "json",
            ],
        )
        .ok()
        .json();
        assert!(list["items"][0]["revoked_at"].is_string());

        let bad_id = hireloop(&db, &["token", "revoke", "not-an-id"]);
        assert_eq!(bad_id.code, 1);
        assert!(bad_id.stderr.contains("id:"), "{}", bad_id.stderr);
        let missing = hireloop(&db, &["token", "revoke", &uuid::Uuid::nil().to_string()]);
        assert_eq!(missing.code, 1);
        assert!(missing.stderr.contains("not found"), "{}", missing.stderr);
        let nobody = hireloop(
            &db,
            &[
                "token",
                "create",
                "--user",
                "who@example.com",
                "--name",
                "x",
            ],
        );
        assert_eq!(nobody.code, 1);
        assert!(
            nobody.stderr.contains("user: no user with email"),
            "{}",
            nobody.stderr
        );
    })
    .await;
}
