//! Queries for a role's scorecard, kept as its canonical role-as-code TOML so that exporting a role
//! gives back exactly what is stored. Text is checked with the core parser on the way in and out.

use crate::error::{stored, StoreError};
use hireloop_core::scorecard::{from_toml, to_toml};

/// The canonical form of a role file, or `Invalid` naming every problem in it.
pub(crate) fn canonical(text: &str) -> Result<String, StoreError> {
    from_toml(text)
        .map(|card| to_toml(&card))
        .map_err(|e| StoreError::Invalid(e.into()))
}

/// A stored scorecard, checked: one that no longer parses is corrupt, not bad input.
pub(crate) fn checked(text: String) -> Result<String, StoreError> {
    stored(
        "scorecard",
        from_toml(&text).map(|_| ()).map_err(|e| e.to_string()),
    )?;
    Ok(text)
}

macro_rules! scorecards {
    ($db:ty) => {
        impl Queries {
            /// Stores a role's scorecard in canonical form and returns that text.
            pub async fn set_role_scorecard(&self, id: RoleId, text: &str) -> Result<String> {
                let canonical = crate::queries::scorecards::canonical(text)?;
                self.write_scorecard(id, Some(&canonical)).await?;
                Ok(canonical)
            }

            /// Stores a role's scorecard and, in the same statement, the role's title, level and
            /// primary language derived from it, so the list of roles never disagrees with its scorecards.
            pub async fn set_role_scorecard_and_requisition(
                &self,
                id: RoleId,
                text: &str,
                requisition: &hireloop_core::scorecard::Requisition,
            ) -> Result<String> {
                let canonical = crate::queries::scorecards::canonical(text)?;
                let done = sqlx::query(
                    "UPDATE roles SET scorecard = $1, scorecard_updated_at = $2, updated_at = $2, \
                     title = $3, level = $4, primary_language = COALESCE($5, primary_language) WHERE id = $6",
                )
                .bind(&canonical)
                .bind(now())
                .bind(requisition.title.as_str())
                .bind(requisition.level.as_str())
                .bind(requisition.primary_language.as_ref().map(|l| l.as_str()))
                .bind(id.as_uuid())
                .execute(&self.pool)
                .await?;
                if done.rows_affected() == 0 {
                    return Err(StoreError::NotFound("role"));
                }
                Ok(canonical)
            }

            pub async fn clear_role_scorecard(&self, id: RoleId) -> Result<()> {
                self.write_scorecard(id, None).await
            }

            /// `NotFound` for no such role; `None` for a role without a scorecard.
            pub async fn role_scorecard(&self, id: RoleId) -> Result<Option<String>> {
                let found = sqlx::query_scalar::<$db, Option<String>>(
                    "SELECT scorecard FROM roles WHERE id = $1",
                )
                .bind(id.as_uuid())
                .fetch_optional(&self.pool)
                .await?;
                match found {
                    None => Err(StoreError::NotFound("role")),
                    Some(None) => Ok(None),
                    Some(Some(text)) => crate::queries::scorecards::checked(text).map(Some),
                }
            }

            async fn write_scorecard(&self, id: RoleId, text: Option<&str>) -> Result<()> {
                let done = sqlx::query(
                    "UPDATE roles SET scorecard = $1, scorecard_updated_at = $2, updated_at = $2 \
                     WHERE id = $3",
                )
                .bind(text)
                .bind(now())
                .bind(id.as_uuid())
                .execute(&self.pool)
                .await?;
                if done.rows_affected() == 0 {
                    return Err(StoreError::NotFound("role"));
                }
                Ok(())
            }
        }
    };
}

pub(crate) use scorecards;
