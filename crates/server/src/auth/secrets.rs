//! Secrets and their hashes. Passwords get Argon2id (slow on purpose: they are guessable); session
//! and API tokens are 256 random bits, so a fast SHA-256 of them is safe to store and to look up.

use crate::error::{AppError, AppResult};
use argon2::password_hash::rand_core::{OsRng, RngCore};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use sha2::{Digest, Sha256};

/// Prefix of every API token, so one pasted into the wrong place is recognisable.
pub const API_TOKEN_PREFIX: &str = "hl_";

/// A valid Argon2id hash of a random password: verified against when an email is unknown, so that
/// case costs the same time as a wrong password.
pub(crate) const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Y7/5j2LeYgWV9xSTKgcnJ9B0vO1IVbW0mKzZy8W8CPA";

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// 256 random bits as hex.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    hex(&bytes)
}

/// A new API token: `hl_` and 256 random bits.
pub fn new_api_token() -> String {
    format!("{API_TOKEN_PREFIX}{}", new_secret())
}

pub fn hash_token(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// Hashes a password with Argon2id on a blocking thread (it takes tens of milliseconds by design).
pub async fn hash_password(password: &str) -> AppResult<String> {
    let password = password.to_string();
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| AppError::Internal(anyhow::anyhow!("hashing a password: {e}")))
    })
    .await
    .map_err(|e| AppError::Internal(anyhow::anyhow!("password hashing task: {e}")))?
}

pub async fn verify_password(password: &str, hash: &str) -> AppResult<bool> {
    let password = password.to_string();
    let hash = hash.to_string();
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash)
            .map(|parsed| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .map_err(|e| {
                AppError::Internal(anyhow::anyhow!("stored password hash is unreadable: {e}"))
            })
    })
    .await
    .map_err(|e| AppError::Internal(anyhow::anyhow!("password check task: {e}")))?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn passwords_verify_and_the_dummy_hash_is_valid() {
        let hash = hash_password("correct horse battery").await.unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("correct horse battery", &hash)
            .await
            .unwrap());
        assert!(!verify_password("wrong horse battery", &hash).await.unwrap());
        // Must parse, or unknown emails would answer faster (an error) than wrong passwords.
        assert!(!verify_password("anything", DUMMY_HASH).await.unwrap());
    }

    #[test]
    fn tokens_are_random_and_hash_stably() {
        let a = new_api_token();
        assert!(a.starts_with("hl_") && a.len() == 67);
        assert_ne!(a, new_api_token());
        assert_eq!(hash_token(&a), hash_token(&a));
        assert_eq!(hash_token(&a).len(), 64);
    }
}
