//! Interview invites: the .ics (RFC 5545, through `hireloop_core::ics`) and one invite message per
//! person on it, the candidate and every interviewer, each with the .ics attached.

use super::{render, when};
use crate::config::ServerConfig;
use crate::error::{AppError, AppResult};
use anyhow::Context;
use hireloop_core::application::Application;
use hireloop_core::authz::system_visibility;
use hireloop_core::candidate::Candidate;
use hireloop_core::email::Email;
use hireloop_core::ics::{self, InviteEvent, Participant};
use hireloop_core::interview::Interview;
use hireloop_core::messages::{MessageEvent, MessageValues};
use hireloop_core::user::User;
use hireloop_store::records::NewMessage;
use hireloop_store::Store;

/// An interview with everything its invite names.
pub struct InviteContext {
    pub interview: Interview,
    pub application: Application,
    pub candidate: Candidate,
    /// The interviewers that still exist, in panel order.
    pub panel: Vec<User>,
    /// Who calendar replies go to: whoever scheduled the interview, else the configured sender.
    pub organizer: Option<Participant>,
}

impl InviteContext {
    /// Loads what the invite needs, as the system: callers have already decided who may see it.
    pub async fn load(
        store: &Store,
        config: &ServerConfig,
        interview: Interview,
    ) -> AppResult<Self> {
        let scope = system_visibility();
        let application = store
            .application(&scope, interview.application_id)
            .await?
            .ok_or(AppError::NotFound("application"))?;
        let candidate = store
            .candidate(&scope, application.candidate_id)
            .await?
            .ok_or(AppError::NotFound("candidate"))?;
        let mut panel = Vec::with_capacity(interview.participants.len());
        for p in &interview.participants {
            panel.extend(store.user(p.user_id).await?);
        }
        let creator = match interview.created_by {
            Some(id) => store.user(id).await?,
            None => None,
        };
        let organizer = match creator {
            Some(user) => Some(Participant {
                name: user.name.to_string(),
                email: user.email,
            }),
            None => config.mail_from.as_deref().and_then(sender_as_participant),
        };
        Ok(InviteContext {
            interview,
            application,
            candidate,
            panel,
            organizer,
        })
    }

    fn interviewers(&self) -> String {
        self.interview
            .participants
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn kind(&self) -> &'static str {
        self.interview.stage_kind.label()
    }

    /// The .ics, or the fields it is missing (422).
    pub fn ics(&self) -> AppResult<String> {
        let i = &self.interview;
        let mut attendees = vec![Participant {
            name: self.candidate.name.to_string(),
            email: self.candidate.email.clone(),
        }];
        attendees.extend(self.panel.iter().map(|u| Participant {
            name: u.name.to_string(),
            email: u.email.clone(),
        }));
        let event = InviteEvent {
            uid: format!("{}@hireloop", i.id),
            sequence: sequence(i),
            stamp: Some(i.updated_at),
            start: Some(i.starts_at),
            duration_minutes: Some(i64::from(i.duration_minutes)),
            summary: format!(
                "{}: {} for {}",
                self.kind(),
                self.candidate.name.as_str(),
                self.application.role_title.as_str()
            ),
            location: i.location.as_ref().map(|l| l.as_str().to_string()),
            description: Some(format!("Interviewers: {}", self.interviewers())),
            organizer: self.organizer.clone(),
            attendees,
        };
        Ok(ics::invite(&event)?)
    }

    /// One invite per person on the interview, each with the .ics; queued once per version of the
    /// interview and address.
    pub async fn messages(&self, store: &Store) -> AppResult<Vec<NewMessage>> {
        let ics = self.ics()?;
        let i = &self.interview;
        let mut recipients = vec![(
            self.candidate.name.to_string(),
            self.candidate.email.clone(),
        )];
        recipients.extend(
            self.panel
                .iter()
                .map(|u| (u.name.to_string(), u.email.clone())),
        );
        let mut out = Vec::with_capacity(recipients.len());
        for (name, email) in recipients {
            let mut values = MessageValues::new(MessageEvent::Invite);
            values
                .set("recipient_name", name.as_str())
                .set("candidate_name", self.candidate.name.as_str())
                .set("role_title", self.application.role_title.as_str())
                .set("interview_kind", self.kind())
                .set("starts_at", when(&i.starts_at))
                .set("duration_minutes", i.duration_minutes.to_string())
                .set(
                    "location",
                    i.location
                        .as_ref()
                        .map_or("to be confirmed", |l| l.as_str()),
                )
                .set("interviewers", self.interviewers());
            let rendered = render(store, MessageEvent::Invite, &values).await?;
            out.push(NewMessage {
                event: MessageEvent::Invite,
                dedupe_key: Some(format!(
                    "invite:{}:{}:{}",
                    i.id,
                    i.updated_at.timestamp_micros(),
                    email
                )),
                to_address: email,
                to_name: name,
                subject: rendered.subject,
                body_text: rendered.body,
                ics: Some(ics.clone()),
                application_id: Some(i.application_id),
                interview_id: Some(i.id),
            });
        }
        Ok(out)
    }
}

/// The invite's SEQUENCE: 0 as scheduled, then the seconds from scheduling to the latest change
/// (at least 1). Each change moves `updated_at`, so this grows with every update as RFC 5545 asks
/// and calendars replace the event instead of adding another.
fn sequence(interview: &Interview) -> u32 {
    if interview.updated_at <= interview.created_at {
        return 0;
    }
    let seconds = (interview.updated_at - interview.created_at).num_seconds();
    u32::try_from(seconds.max(1)).unwrap_or(u32::MAX)
}

/// `Name <address>` or a bare address, as a calendar organizer.
fn sender_as_participant(raw: &str) -> Option<Participant> {
    let mailbox = super::delivery::parse_sender(raw).ok()?;
    let email = Email::parse(mailbox.email.as_ref()).ok()?;
    Some(Participant {
        name: mailbox.name.unwrap_or_else(|| "hireloop".to_string()),
        email,
    })
}

/// Queues the invites for a newly scheduled (or changed) interview; returns how many were queued.
pub async fn queue_invites(
    store: &Store,
    config: &ServerConfig,
    interview: Interview,
) -> anyhow::Result<usize> {
    let context = InviteContext::load(store, config, interview)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let messages = context
        .messages(store)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let queued = store
        .queue_messages(&messages)
        .await
        .context("queueing invites")?;
    Ok(queued.len())
}
