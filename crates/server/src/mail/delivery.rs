//! Sending the outbox through SMTP (lettre, async on tokio, TLS by rustls). A message is claimed
//! under a lease, sent, and marked sent; a failure is retried with growing pauses and, after
//! `MAX_ATTEMPTS`, marked failed with the last error kept for the outbox page.

use super::is_closed;
use crate::config::ServerConfig;
use anyhow::{anyhow, Context};
use chrono::{DateTime, Duration, SubsecRound, Utc};
use hireloop_store::records::OutboxMessage;
use hireloop_store::{Store, StoreError};
use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::str::FromStr;

/// Attempts before a message is marked failed.
pub const MAX_ATTEMPTS: i64 = 5;
/// How long a claimed message is reserved for the server sending it.
const LEASE_MINUTES: i64 = 5;
/// Messages sent per round.
const BATCH: i64 = 50;
/// How often the delivery task looks for queued messages.
const POLL: std::time::Duration = std::time::Duration::from_secs(10);

/// The SMTP transport and the sender of every message.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    url: String,
}

impl Mailer {
    /// The mailer the configuration asks for; None without an SMTP URL.
    pub fn from_config(config: &ServerConfig) -> anyhow::Result<Option<Mailer>> {
        let Some(url) = config
            .smtp_url
            .as_deref()
            .map(str::trim)
            .filter(|u| !u.is_empty())
        else {
            return Ok(None);
        };
        let from = config
            .mail_from
            .as_deref()
            .ok_or_else(|| anyhow!("HIRELOOP_MAIL_FROM (the sender, e.g. 'Hiring <hiring@example.com>') is needed with HIRELOOP_SMTP_URL"))?;
        Mailer::new(url, from).map(Some)
    }

    pub fn new(url: &str, from: &str) -> anyhow::Result<Mailer> {
        let redacted = hireloop_store::redact(url);
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| anyhow!("HIRELOOP_SMTP_URL '{redacted}' is not usable: {e}"))?
            .build();
        Ok(Mailer {
            transport,
            from: parse_sender(from)?,
            url: redacted,
        })
    }

    /// The server, without its password, for logs.
    pub fn describe(&self) -> &str {
        &self.url
    }

    /// Sends what is due now, once.
    pub async fn deliver_due(&self, store: &Store) -> Result<DeliveryReport, StoreError> {
        deliver_due(store, &self.transport, &self.from, Utc::now()).await
    }
}

/// The sender, e.g. `Hiring team <hiring@example.com>` or a bare address.
pub fn parse_sender(raw: &str) -> anyhow::Result<Mailbox> {
    Mailbox::from_str(raw.trim())
        .map_err(|e| anyhow!("HIRELOOP_MAIL_FROM '{raw}' is not an email address: {e}"))
}

/// What one round of delivery did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct DeliveryReport {
    pub sent: usize,
    /// Failed this time, to be tried again later.
    pub retried: usize,
    /// Failed for good.
    pub failed: usize,
}

/// The pause before the next attempt after `attempts` failed ones: 1, 5, 30, 120 minutes.
pub fn backoff(attempts: i64) -> Duration {
    Duration::minutes(match attempts {
        ..=1 => 1,
        2 => 5,
        3 => 30,
        _ => 120,
    })
}

/// The email for an outbox message: plain text, with the invite attached as
/// `text/calendar; method=REQUEST` when there is one.
pub fn email_for(from: &Mailbox, message: &OutboxMessage) -> anyhow::Result<Message> {
    let address = message
        .to_address
        .as_str()
        .parse()
        .with_context(|| format!("'{}' is not an address SMTP accepts", message.to_address))?;
    let to = Mailbox::new(Some(message.to_name.clone()), address);
    let builder = Message::builder()
        .from(from.clone())
        .to(to)
        .subject(message.subject.clone())
        .message_id(Some(format!("<{}@hireloop>", message.id)));
    let email = match &message.ics {
        None => builder
            .header(ContentType::TEXT_PLAIN)
            .body(message.body_text.clone()),
        Some(ics) => {
            let calendar = ContentType::parse("text/calendar; method=REQUEST; charset=utf-8")
                .context("the calendar content type")?;
            builder.multipart(
                MultiPart::mixed()
                    .singlepart(SinglePart::plain(message.body_text.clone()))
                    .singlepart(Attachment::new("invite.ics".into()).body(ics.clone(), calendar)),
            )
        }
    };
    email.context("building the email")
}

/// Claims the messages due at `now` and sends each through `transport`.
pub async fn deliver_due<T>(
    store: &Store,
    transport: &T,
    from: &Mailbox,
    now: DateTime<Utc>,
) -> Result<DeliveryReport, StoreError>
where
    T: AsyncTransport + Sync,
    T::Error: std::fmt::Display,
{
    // At the precision the databases keep, so the times recorded read back as computed.
    let now = now.trunc_subsecs(6);
    let mut report = DeliveryReport::default();
    let claimed = store
        .claim_due_messages(now, now + Duration::minutes(LEASE_MINUTES), BATCH)
        .await?;
    for message in claimed {
        let outcome = match email_for(from, &message) {
            // A message that cannot be built never will be: no point retrying it.
            Err(err) => Err((format!("{err:#}"), false)),
            Ok(email) => transport
                .send(email)
                .await
                .map(|_| ())
                .map_err(|e| (e.to_string(), true)),
        };
        match outcome {
            Ok(()) => {
                store.mark_message_sent(message.id, Utc::now()).await?;
                report.sent += 1;
            }
            Err((error, retryable)) => {
                let attempts = message.attempts + 1;
                let retry_at =
                    (retryable && attempts < MAX_ATTEMPTS).then(|| now + backoff(attempts));
                tracing::warn!(message = %message.id, attempts, error, "sending a message failed");
                store
                    .mark_message_failed(message.id, &error, retry_at)
                    .await?;
                if retry_at.is_some() {
                    report.retried += 1;
                } else {
                    report.failed += 1;
                }
            }
        }
    }
    Ok(report)
}

/// Sends queued messages every few seconds until the store is closed.
pub fn spawn(store: Store, mailer: Mailer) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(POLL);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            match mailer.deliver_due(&store).await {
                Ok(report) if report != DeliveryReport::default() => {
                    tracing::info!(
                        sent = report.sent,
                        retried = report.retried,
                        failed = report.failed,
                        "outbox delivery"
                    );
                }
                Ok(_) => {}
                Err(err) if is_closed(&err) => break,
                Err(err) => tracing::error!(error = %err, "outbox delivery failed"),
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_slow_down() {
        assert_eq!(backoff(1), Duration::minutes(1));
        assert_eq!(backoff(2), Duration::minutes(5));
        assert_eq!(backoff(3), Duration::minutes(30));
        assert_eq!(backoff(9), Duration::minutes(120));
    }

    #[test]
    fn settings_are_checked_with_clear_messages() {
        let config = ServerConfig {
            smtp_url: Some("smtp://localhost:2525".into()),
            ..Default::default()
        };
        let err = Mailer::from_config(&config).err().unwrap().to_string();
        assert!(err.contains("HIRELOOP_MAIL_FROM"), "{err}");
        let err = Mailer::new("ftp://user:secret@host", "a@example.com")
            .err()
            .unwrap()
            .to_string();
        assert!(
            err.contains("HIRELOOP_SMTP_URL") && !err.contains("secret"),
            "{err}"
        );
        let err = Mailer::new("smtp://localhost:2525", "not an address")
            .err()
            .unwrap()
            .to_string();
        assert!(err.contains("HIRELOOP_MAIL_FROM"), "{err}");
        assert!(Mailer::from_config(&ServerConfig::default())
            .unwrap()
            .is_none());
    }
}
