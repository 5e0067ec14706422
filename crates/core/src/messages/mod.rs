//! Candidate and interviewer communication: the events hireloop writes a message for (an interview
//! invite, a reminder of missing feedback, a rejection, an offer), the variables each event offers
//! to its template, checking a template when it is saved, and rendering it. Templates are minijinja
//! with strict undefined behaviour, so a template can only use what its event offers; the shipped
//! defaults live in `data/messages/`. Pure: sending is the server's business.

mod defaults;
mod template;

pub use defaults::{shipped, shipped_for};
pub use template::{MessageTemplate, MessageValues, RenderError, Rendered};

use crate::vocab::vocabulary;

vocabulary!(
    /// Why a message is written.
    MessageEvent, "message event" {
        /// An interview was scheduled: to the candidate and every interviewer, with an .ics.
        Invite => "invite", "Interview invite";
        /// An interviewer's feedback is missing some time after the interview ended.
        Reminder => "reminder", "Feedback reminder";
        /// The team decided not to go on with the candidate.
        Rejection => "rejection", "Rejection";
        /// An offer was sent to the candidate.
        Offer => "offer", "Offer";
    }
);

vocabulary!(
    /// Where a message in the outbox stands.
    MessageStatus, "message status" {
        /// Waiting to be sent (or only kept in the outbox, when no mail server is configured).
        Queued => "queued", "Queued";
        Sent => "sent", "Sent";
        /// Delivery failed and will not be tried again without someone asking.
        Failed => "failed", "Failed";
    }
);

/// A value a template may use, with what it holds and a sample for previews.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Variable {
    pub name: &'static str,
    pub description: &'static str,
    /// Optional variables may be empty (null): test them with `{% if name %}` before printing.
    pub optional: bool,
    pub sample: &'static str,
}

const fn var(name: &'static str, description: &'static str, sample: &'static str) -> Variable {
    Variable {
        name,
        description,
        optional: false,
        sample,
    }
}

const fn optional(name: &'static str, description: &'static str, sample: &'static str) -> Variable {
    Variable {
        name,
        description,
        optional: true,
        sample,
    }
}

const INVITE: &[Variable] = &[
    var(
        "recipient_name",
        "Who this copy goes to: the candidate or one interviewer",
        "Ana Petrović",
    ),
    var("candidate_name", "The candidate's name", "Ana Petrović"),
    var("role_title", "The role's title", "Senior Go Engineer"),
    var(
        "interview_kind",
        "The kind of interview, e.g. System design",
        "System design",
    ),
    var(
        "starts_at",
        "Date and time, in UTC",
        "Tuesday 1 December 2026, 14:00 UTC",
    ),
    var("duration_minutes", "How long it lasts, in minutes", "60"),
    var(
        "location",
        "Where: a room or a video link",
        "https://meet.example.com/abc-defg",
    ),
    var(
        "interviewers",
        "The interviewers' names, comma-separated",
        "Sam Okafor, Lena Fischer",
    ),
];

const REMINDER: &[Variable] = &[
    var(
        "interviewer_name",
        "The interviewer whose feedback is missing",
        "Sam Okafor",
    ),
    var("candidate_name", "The candidate's name", "Ana Petrović"),
    var("role_title", "The role's title", "Senior Go Engineer"),
    var("interview_kind", "The kind of interview", "System design"),
    var(
        "interview_date",
        "When the interview took place, in UTC",
        "Tuesday 1 December 2026, 14:00 UTC",
    ),
    var(
        "feedback_url",
        "Where to submit the feedback",
        "https://hireloop.example.com/interviews/0192/feedback",
    ),
];

const REJECTION: &[Variable] = &[
    var("candidate_name", "The candidate's name", "Ana Petrović"),
    var("role_title", "The role's title", "Senior Go Engineer"),
    optional(
        "reason_label",
        "The decision's reason, e.g. Level mismatch (internal wording: use with care)",
        "Level mismatch",
    ),
];

const OFFER: &[Variable] = &[
    var("candidate_name", "The candidate's name", "Ana Petrović"),
    var("role_title", "The role's title", "Senior Go Engineer"),
    optional("start_date", "The proposed start date", "2027-01-11"),
    var("pay", "The pay offered", "125000 USD/yr"),
    var(
        "terms",
        "Every term of the offer, a line each: pay, equity, bonus, engagement, start date and the checklist answers",
        "Pay: 125000 USD/yr\nEngagement: Full-time employee\nStart date: 2027-01-11\nWhat you will own: the payments API",
    ),
];

impl MessageEvent {
    /// The variables this event's template may use.
    pub fn variables(self) -> &'static [Variable] {
        match self {
            MessageEvent::Invite => INVITE,
            MessageEvent::Reminder => REMINDER,
            MessageEvent::Rejection => REJECTION,
            MessageEvent::Offer => OFFER,
        }
    }

    pub fn variable(self, name: &str) -> Option<&'static Variable> {
        self.variables().iter().find(|v| v.name == name)
    }

    /// Every variable filled with its sample: what a preview renders with.
    pub fn sample_values(self) -> MessageValues {
        let mut values = MessageValues::new(self);
        for v in self.variables() {
            values.set(v.name, v.sample);
        }
        values
    }
}
