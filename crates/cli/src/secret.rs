//! Passwords the CLI hands out or reads: generated ones are long and random and shown once; given
//! ones come from stdin so they never appear in the shell history or the process list.

use crate::error::CliError;
use rand::seq::SliceRandom;
use std::io::BufRead;

/// No 0/o, 1/l/i: a password read off a terminal must not be misread.
const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";

/// Four groups of five from 31 characters: about 99 bits from the operating system's generator.
pub fn generate_password() -> String {
    let mut rng = rand::rngs::OsRng;
    let groups: Vec<String> = (0..4)
        .map(|_| {
            (0..5)
                .filter_map(|_| ALPHABET.choose(&mut rng).map(|b| char::from(*b)))
                .collect()
        })
        .collect();
    groups.join("-")
}

/// Reads one line from stdin, without its line ending.
pub fn read_password_line() -> Result<String, CliError> {
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| CliError::Failed(format!("cannot read the password from stdin: {e}")))?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}

/// The password to set: from stdin when asked, else a generated one (and `true`: print it).
pub fn password_from(stdin: bool) -> Result<(String, bool), CliError> {
    if stdin {
        Ok((read_password_line()?, false))
    } else {
        Ok((generate_password(), true))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_passwords_are_long_random_and_valid() {
        let a = generate_password();
        assert_eq!(a.len(), 23);
        assert_eq!(a.matches('-').count(), 3);
        assert_ne!(a, generate_password());
        assert!(hireloop_core::user::Password::parse(&a).is_ok());
    }
}
