//! The CLI's one error type and how it is reported: `error: …` on stderr, each invalid field on its
//! own line, exit code 1. Usage errors never get here; clap reports them and exits with 2.

use hireloop_core::ValidationErrors;
use hireloop_server::error::AppError;
use hireloop_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// Input that does not parse, field by field.
    #[error("invalid input: {0}")]
    Invalid(ValidationErrors),
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Something the user asked for that cannot be done, said in plain words.
    #[error("{0}")]
    Failed(String),
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

impl CliError {
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        CliError::Invalid(ValidationErrors::single(field, message))
    }

    /// The text printed to stderr.
    pub fn report(&self) -> String {
        match self {
            CliError::Invalid(errors) | CliError::Store(StoreError::Invalid(errors)) => {
                let mut text = String::from("error: invalid input");
                for e in &errors.errors {
                    text.push_str(&format!("\n  {}: {}", e.field, e.message));
                }
                text
            }
            CliError::Store(StoreError::Conflict {
                field: Some(field),
                message,
            }) => format!("error: {field}: {message}"),
            CliError::Other(e) => format!("error: {e:#}"),
            other => format!("error: {other}"),
        }
    }
}

impl From<ValidationErrors> for CliError {
    fn from(errors: ValidationErrors) -> Self {
        CliError::Invalid(errors)
    }
}

impl From<AppError> for CliError {
    fn from(err: AppError) -> Self {
        match err {
            AppError::Internal(e) => CliError::Other(e),
            AppError::Validation(errors) => CliError::Invalid(errors),
            other => CliError::Failed(other.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_errors_list_each_field() {
        let mut errors = ValidationErrors::single("level", "unknown level 'staff'");
        errors.add("title", "must not be empty");
        let report = CliError::Invalid(errors).report();
        assert_eq!(
            report,
            "error: invalid input\n  level: unknown level 'staff'\n  title: must not be empty"
        );
    }

    #[test]
    fn conflicts_name_their_field() {
        let err = CliError::Store(StoreError::Conflict {
            field: Some("email"),
            message: "a user with email a@b.io already exists".into(),
        });
        assert_eq!(
            err.report(),
            "error: email: a user with email a@b.io already exists"
        );
    }
}
