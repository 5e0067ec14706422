//! Rows of interviews, their participants and interviewers' feedback.

use super::*;

// ---- interviews and feedback (issue #6) ---------------------------------------------------------

#[derive(sqlx::FromRow)]
pub(crate) struct InterviewRow {
    pub id: Uuid,
    pub application_id: Uuid,
    pub stage_kind: String,
    pub competencies: String,
    pub starts_at: DateTime<Utc>,
    pub duration_minutes: i32,
    pub ends_at: DateTime<Utc>,
    pub location: Option<String>,
    pub status: String,
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl InterviewRow {
    pub fn into_interview(
        self,
        participants: Vec<hireloop_core::interview::Participant>,
    ) -> Result<hireloop_core::interview::Interview> {
        let competencies = stored(
            "interview competencies",
            serde_json::from_str(&self.competencies).map_err(|e| e.to_string()),
        )?;
        Ok(hireloop_core::interview::Interview {
            id: self.id.into(),
            application_id: self.application_id.into(),
            stage_kind: stored("interview stage", self.stage_kind.parse())?,
            competencies,
            starts_at: self.starts_at,
            duration_minutes: stored(
                "interview duration",
                u16::try_from(self.duration_minutes).map_err(|e| e.to_string()),
            )?,
            ends_at: self.ends_at,
            location: self
                .location
                .map(|l| stored("interview location", Location::parse(&l)))
                .transpose()?,
            status: stored("interview status", self.status.parse())?,
            participants,
            created_by: self.created_by.map(Into::into),
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct ParticipantRow {
    pub user_id: Uuid,
    pub name: String,
}

impl ParticipantRow {
    pub fn into_participant(self) -> Result<hireloop_core::interview::Participant> {
        Ok(hireloop_core::interview::Participant {
            user_id: self.user_id.into(),
            name: stored("participant name", PersonName::parse(&self.name))?,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct FeedbackRow {
    pub id: Uuid,
    pub interview_id: Uuid,
    pub application_id: Uuid,
    pub author_id: Uuid,
    pub author_name: String,
    pub body: String,
    pub submitted_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl FeedbackRow {
    pub fn into_feedback(self) -> Result<crate::records::InterviewFeedback> {
        Ok(crate::records::InterviewFeedback {
            id: self.id.into(),
            interview_id: self.interview_id.into(),
            application_id: self.application_id.into(),
            author_id: self.author_id.into(),
            author_name: stored("feedback author", PersonName::parse(&self.author_name))?,
            feedback: stored(
                "feedback",
                hireloop_core::interview::schedule::feedback_from_json(&self.body),
            )?,
            submitted_at: self.submitted_at,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

pub(crate) const INTERVIEW_COLUMNS: &str =
    "id, application_id, stage_kind, competencies, starts_at, \
     duration_minutes, ends_at, location, status, created_by, created_at, updated_at";
pub(crate) const FEEDBACK_SELECT: &str =
    "SELECT f.id, f.interview_id, f.application_id, f.author_id, \
     u.name AS author_name, f.body, f.submitted_at, f.created_at, f.updated_at \
     FROM interview_feedback f JOIN users u ON u.id = f.author_id";
