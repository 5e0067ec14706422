//! Rows of offers and their versions, trials and onboarding plans and tasks.

use super::*;

// ---- offers, trials and onboarding (issue 6) --------------------------------------------------

fn offer_body(body: &str) -> Result<hireloop_core::interview::Offer> {
    stored(
        "offer",
        serde_json::from_str(body).map_err(|e| e.to_string()),
    )
}

#[derive(sqlx::FromRow)]
pub(crate) struct OfferRow {
    pub id: Uuid,
    pub application_id: Uuid,
    pub version: i64,
    pub body: String,
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl OfferRow {
    pub fn into_record(self) -> Result<crate::records::OfferRecord> {
        Ok(crate::records::OfferRecord {
            id: self.id,
            application_id: self.application_id.into(),
            version: self.version,
            offer: offer_body(&self.body)?,
            created_by: self.created_by.map(Into::into),
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct OfferVersionRow {
    pub offer_id: Uuid,
    pub version: i64,
    pub body: String,
    pub status: String,
    pub actor_id: Option<Uuid>,
    pub note: Option<String>,
    pub at: DateTime<Utc>,
}

impl OfferVersionRow {
    pub fn into_version(self) -> Result<crate::records::OfferVersion> {
        Ok(crate::records::OfferVersion {
            offer_id: self.offer_id,
            version: self.version,
            status: stored("offer status", self.status.parse())?,
            offer: offer_body(&self.body)?,
            actor_id: self.actor_id.map(Into::into),
            note: self.note,
            at: self.at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct TrialRow {
    pub id: Uuid,
    pub application_id: Uuid,
    pub start_date: chrono::NaiveDate,
    pub end_date: chrono::NaiveDate,
    pub goals: String,
    pub outcome: Option<String>,
    pub outcome_note: Option<String>,
    pub decided_by: Option<Uuid>,
    pub decided_at: Option<DateTime<Utc>>,
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
}

impl TrialRow {
    pub fn into_record(self) -> Result<crate::records::TrialRecord> {
        Ok(crate::records::TrialRecord {
            id: self.id,
            application_id: self.application_id.into(),
            trial: hireloop_core::interview::Trial {
                start: self.start_date,
                end: self.end_date,
                goals: stored(
                    "trial goals",
                    serde_json::from_str(&self.goals).map_err(|e| e.to_string()),
                )?,
                outcome: self
                    .outcome
                    .map(|o| stored("trial outcome", o.parse()))
                    .transpose()?,
            },
            outcome_note: self.outcome_note,
            decided_by: self.decided_by.map(Into::into),
            decided_at: self.decided_at,
            created_by: self.created_by.map(Into::into),
            created_at: self.created_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct OnboardingPlanRow {
    pub application_id: Uuid,
    pub start_date: chrono::NaiveDate,
    pub missing_scope: bool,
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub quality_rating: Option<i64>,
    pub quality_note: Option<String>,
    pub rated_by: Option<Uuid>,
    pub rated_at: Option<DateTime<Utc>>,
}

#[derive(sqlx::FromRow)]
pub(crate) struct OnboardingTaskRow {
    pub id: Uuid,
    pub phase: i64,
    pub due_day: i64,
    pub due_date: chrono::NaiveDate,
    pub owner: String,
    pub text: String,
    pub done_at: Option<DateTime<Utc>>,
    pub done_by: Option<Uuid>,
}

impl OnboardingTaskRow {
    fn into_record(self) -> Result<crate::records::OnboardingTaskRecord> {
        let small = |what: &str, n: i64| stored(what, u16::try_from(n).map_err(|e| e.to_string()));
        Ok(crate::records::OnboardingTaskRecord {
            id: self.id,
            task: hireloop_core::interview::OnboardingTask {
                phase: small("task phase", self.phase)?,
                due_day: small("task due day", self.due_day)?,
                due_date: self.due_date,
                owner: stored("task owner", self.owner.parse())?,
                text: self.text,
                done: self.done_at.is_some(),
            },
            done_at: self.done_at,
            done_by: self.done_by.map(Into::into),
        })
    }
}

impl OnboardingPlanRow {
    pub fn into_record(
        self,
        tasks: Vec<OnboardingTaskRow>,
    ) -> Result<crate::records::OnboardingRecord> {
        let tasks = tasks
            .into_iter()
            .map(OnboardingTaskRow::into_record)
            .collect::<Result<Vec<_>>>()?;
        // Progress is the core plan's count, so the page and the API cannot disagree with it.
        let (done, total) = hireloop_core::interview::OnboardingPlan {
            tasks: tasks.iter().map(|t| t.task.clone()).collect(),
            missing_scope: self.missing_scope,
        }
        .progress();
        let quality = match (self.quality_rating, self.rated_at) {
            (Some(rating), Some(rated_at)) => Some(crate::records::QualityOfHire {
                rating: stored(
                    "quality rating",
                    u8::try_from(rating).map_err(|e| e.to_string()),
                )?,
                note: self.quality_note,
                rated_by: self.rated_by.map(Into::into),
                rated_at,
            }),
            _ => None,
        };
        Ok(crate::records::OnboardingRecord {
            application_id: self.application_id.into(),
            start_date: self.start_date,
            missing_scope: self.missing_scope,
            tasks,
            done,
            total,
            quality,
            created_by: self.created_by.map(Into::into),
            created_at: self.created_at,
        })
    }
}

pub(crate) const OFFER_SELECT: &str =
    "SELECT o.id, o.application_id, o.version, v.body, o.created_by, o.created_at, o.updated_at \
     FROM offers o JOIN offer_versions v ON v.offer_id = o.id AND v.version = o.version";
pub(crate) const TRIAL_COLUMNS: &str = "id, application_id, start_date, end_date, goals, outcome, \
     outcome_note, decided_by, decided_at, created_by, created_at";
pub(crate) const ONBOARDING_PLAN_COLUMNS: &str = "application_id, start_date, missing_scope, \
     created_by, created_at, quality_rating, quality_note, rated_by, rated_at";
pub(crate) const ONBOARDING_TASK_COLUMNS: &str =
    "id, phase, due_day, due_date, owner, text, done_at, done_by";
