//! Every query, written once. `queries!` expands to a `Queries` type for one sqlx backend; the SQL
//! is the common subset of SQLite and PostgreSQL (numbered `$n` parameters work on both), so the two
//! backends cannot drift apart in behaviour. Schema differences live in the per-backend migrations.

use crate::error::StoreError;
use chrono::{DateTime, SubsecRound, Utc};
use hireloop_core::authz::{Scope, Visibility};
use uuid::Uuid;

/// Now, at the microsecond precision PostgreSQL keeps, so a value reads back exactly as written.
pub(crate) fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}

pub(crate) fn new_id() -> Uuid {
    Uuid::now_v7()
}

/// The user whose assignments limit what is visible, or None when everything is.
pub(crate) fn assigned_user(visibility: &Visibility) -> Option<Uuid> {
    match visibility.scope() {
        Scope::All => None,
        Scope::AssignedTo(user) => Some(user.as_uuid()),
    }
}

pub(crate) fn skills_json(
    skills: &[hireloop_core::candidate::SkillTag],
) -> Result<String, StoreError> {
    serde_json::to_string(skills).map_err(|e| StoreError::Corrupt(format!("skills: {e}")))
}

pub(crate) mod accounts;
pub(crate) mod candidates;
pub(crate) mod changes;
pub(crate) mod decisions;
pub(crate) mod duplicates;
pub(crate) mod imports;
pub(crate) mod interviews;
pub(crate) mod offers;
pub(crate) mod onboarding;
pub(crate) mod outbox;
pub(crate) mod pipeline;
pub(crate) mod resumes;
pub(crate) mod scorecards;
pub(crate) mod setup;

/// Expands to the `Queries` type for one backend. `$begin` is the statement that opens a write
/// transaction: SQLite needs `BEGIN IMMEDIATE` so that two writers queue on the lock instead of one
/// failing when it upgrades from reading to writing.
macro_rules! queries {
    ($db:ty, $begin:literal) => {
        use crate::demo::{DemoOutcome, DemoSet};
        use crate::error::{is_unique_violation, Result, StoreError};
        use crate::queries::{assigned_user, new_id, now, skills_json};
        use crate::records::{
            ApiToken, ApplicationFilter, Dashboard, MarketFile, Session, StageCount,
        };
        use crate::rows::*;
        use chrono::{DateTime, Utc};
        use hireloop_core::application::{Application, NewApplication, StageChange};
        use hireloop_core::authz::Visibility;
        use hireloop_core::candidate::{Candidate, NewCandidate};
        use hireloop_core::email::Email;
        use hireloop_core::ids::*;
        use hireloop_core::page::{Page, PageRequest};
        use hireloop_core::pipeline::{Stage, StageMove};
        use hireloop_core::role::{NewRole, Role, RoleStatus};
        use hireloop_core::user::{NewUser, User};
        use uuid::Uuid;

        type Conn = <$db as sqlx::Database>::Connection;

        #[derive(Clone, Debug)]
        pub struct Queries {
            pub(crate) pool: sqlx::Pool<$db>,
        }

        impl Queries {
            async fn begin(&self) -> Result<sqlx::Transaction<'static, $db>> {
                Ok(self.pool.begin_with($begin).await?)
            }

            pub async fn ping(&self) -> Result<()> {
                sqlx::query("SELECT 1").execute(&self.pool).await?;
                Ok(())
            }

            pub async fn close(&self) {
                self.pool.close().await;
            }
        }

        async fn exists(conn: &mut Conn, table: &'static str, id: Uuid) -> Result<bool> {
            let sql = format!("SELECT COUNT(*) FROM {table} WHERE id = $1");
            let n = sqlx::query_scalar::<$db, i64>(&sql)
                .bind(id)
                .fetch_one(&mut *conn)
                .await?;
            Ok(n > 0)
        }

        crate::queries::accounts::accounts!($db);
        crate::queries::candidates::candidates!($db);
        crate::queries::changes::changes!($db);
        crate::queries::imports::imports!($db);
        crate::queries::offers::offers!($db);
        crate::queries::onboarding::onboarding!($db);
        crate::queries::decisions::decisions!($db);
        crate::queries::duplicates::duplicates!($db);
        crate::queries::interviews::interviews!($db);
        crate::queries::outbox::outbox!($db);
        crate::queries::pipeline::pipeline!($db);
        crate::queries::resumes::resumes!($db);
        crate::queries::scorecards::scorecards!($db);
        crate::queries::setup::setup!($db);
    };
}

pub(crate) use queries;
