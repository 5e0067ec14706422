//! `Store` methods for interviews and the panel's feedback.

use crate::{records, Backend, Result, Store};
use hireloop_core::ids::{ApplicationId, UserId};

impl Store {
    // ---- interviews and feedback (issue #6) ---------------------------------------------------

    /// Stores an interview, its panel and the panel's assignments to the application, atomically.
    /// An unknown participant is `Invalid` naming `participants[i]`; no such application is `NotFound`.
    pub async fn schedule_interview(
        &self,
        new: &hireloop_core::interview::NewInterview,
        actor: Option<UserId>,
    ) -> Result<hireloop_core::interview::Interview> {
        dispatch!(self.schedule_interview(new, actor))
    }
    pub async fn interview(
        &self,
        id: hireloop_core::ids::InterviewId,
    ) -> Result<Option<hireloop_core::interview::Interview>> {
        dispatch!(self.interview(id))
    }
    /// The application's interviews, earliest first, cancelled ones included.
    pub async fn interviews_for_application(
        &self,
        application: ApplicationId,
    ) -> Result<Vec<hireloop_core::interview::Interview>> {
        dispatch!(self.interviews_for_application(application))
    }
    /// The user's scheduled interviews that have not ended by `from`, earliest first.
    pub async fn upcoming_interviews_for_user(
        &self,
        user: UserId,
        from: chrono::DateTime<chrono::Utc>,
    ) -> Result<Vec<records::InterviewSummary>> {
        dispatch!(self.upcoming_interviews_for_user(user, from))
    }
    /// Reschedules, changes the panel or cancels; a cancelled interview is `Conflict`.
    pub async fn update_interview(
        &self,
        id: hireloop_core::ids::InterviewId,
        change: &hireloop_core::interview::InterviewChange,
    ) -> Result<hireloop_core::interview::Interview> {
        dispatch!(self.update_interview(id, change))
    }
    /// Saves a draft, or submits; submitted feedback is `Conflict` to change.
    pub async fn save_feedback(
        &self,
        interview: hireloop_core::ids::InterviewId,
        author: UserId,
        feedback: &hireloop_core::interview::Feedback,
        submit: bool,
    ) -> Result<records::InterviewFeedback> {
        dispatch!(self.save_feedback(interview, author, feedback, submit))
    }
    /// The author's own feedback on an interview, draft or submitted.
    pub async fn feedback(
        &self,
        interview: hireloop_core::ids::InterviewId,
        author: UserId,
    ) -> Result<Option<records::InterviewFeedback>> {
        dispatch!(self.feedback(interview, author))
    }
    /// All feedback on an application, drafts included: callers apply the visibility rule.
    pub async fn feedback_for_application(
        &self,
        application: ApplicationId,
    ) -> Result<Vec<records::InterviewFeedback>> {
        dispatch!(self.feedback_for_application(application))
    }
    /// Panel members without submitted feedback on scheduled interviews that ended before the time.
    pub async fn interviews_missing_feedback(
        &self,
        ended_before: chrono::DateTime<chrono::Utc>,
    ) -> Result<Vec<records::MissingFeedback>> {
        dispatch!(self.interviews_missing_feedback(ended_before))
    }
}
