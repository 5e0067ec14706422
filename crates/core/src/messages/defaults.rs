//! The message templates shipped in `data/messages/`, one file per event. Admins' edits are stored
//! as overrides; these are what an installation starts with and what "reset" goes back to.

use super::{MessageEvent, MessageTemplate};
use crate::interview::DataError;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    subject: String,
    body: String,
}

fn source(event: MessageEvent) -> (&'static str, &'static str) {
    match event {
        MessageEvent::Invite => (
            "data/messages/invite.toml",
            include_str!("../../../../data/messages/invite.toml"),
        ),
        MessageEvent::Reminder => (
            "data/messages/reminder.toml",
            include_str!("../../../../data/messages/reminder.toml"),
        ),
        MessageEvent::Rejection => (
            "data/messages/rejection.toml",
            include_str!("../../../../data/messages/rejection.toml"),
        ),
        MessageEvent::Offer => (
            "data/messages/offer.toml",
            include_str!("../../../../data/messages/offer.toml"),
        ),
    }
}

/// The shipped template of one event, checked like an admin's edit.
pub fn shipped_for(event: MessageEvent) -> Result<MessageTemplate, DataError> {
    let (file, text) = source(event);
    let raw: RawFile = toml::from_str(text)
        .map_err(|e| DataError::new(file, "(file)", e.to_string().trim_end()))?;
    // TOML's multi-line strings start after the newline that opens them; trim the one that ends them.
    MessageTemplate::parse(event, &raw.subject, raw.body.trim_start())
        .map_err(|e| DataError::new(file, event.as_str(), e.to_string()))
}

/// Every shipped template, in event order.
pub fn shipped() -> Result<Vec<MessageTemplate>, DataError> {
    MessageEvent::ALL.iter().map(|e| shipped_for(*e)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_template_is_valid_and_renders_its_samples() {
        let all = shipped().unwrap();
        assert_eq!(all.len(), MessageEvent::ALL.len());
        for t in &all {
            let r = t.render(&t.event.sample_values()).unwrap();
            assert!(
                !r.subject.is_empty() && !r.subject.contains('\n'),
                "{:?}",
                t.event
            );
            assert!(!r.body.contains("{{"), "{:?}", t.event);
        }
        let invite = shipped_for(MessageEvent::Invite).unwrap();
        let r = invite
            .render(&MessageEvent::Invite.sample_values())
            .unwrap();
        assert_eq!(
            r.subject,
            "Interview: System design for Senior Go Engineer, Tuesday 1 December 2026, 14:00 UTC"
        );
        assert!(r.body.starts_with("Hello Ana Petrović,\n"), "{}", r.body);
    }

    #[test]
    fn the_rejection_does_not_quote_the_internal_reason() {
        let t = shipped_for(MessageEvent::Rejection).unwrap();
        let r = t.render(&MessageEvent::Rejection.sample_values()).unwrap();
        assert!(!r.body.contains("Level mismatch"));
    }
}
