//! `hireloop outbox …` and `hireloop reminders`: the messages hireloop wrote (list, show one with
//! its body and .ics), sending the queued ones through SMTP once (for cron, or to flush after
//! configuring a mail server), and queueing reminders for missing interview feedback.

use crate::cli::Global;
use crate::error::CliError;
use crate::output::{print_json, print_page, say, when, Format, ListArgs};
use clap::{Args, Subcommand};
use hireloop_core::messages::{MessageEvent, MessageStatus};
use hireloop_server::mail::delivery::Mailer;
use hireloop_server::mail::reminders::{queue_feedback_reminders, ReminderSettings};
use hireloop_store::records::OutboxFilter;
use hireloop_store::Store;

#[derive(Debug, Subcommand)]
pub enum OutboxCommand {
    /// List messages, newest first.
    List(ListOutboxArgs),
    /// Show one message: who it is to, its delivery, its body and any calendar invite.
    Show(ShowArgs),
    /// Send the queued messages that are due through SMTP, once, then exit.
    Send(SendArgs),
}

#[derive(Debug, Args)]
pub struct ListOutboxArgs {
    /// Only messages with this status: queued, sent or failed.
    #[arg(long)]
    pub status: Option<String>,
    /// Only messages of this event: invite, reminder, rejection or offer.
    #[arg(long)]
    pub event: Option<String>,
    #[command(flatten)]
    pub page: ListArgs,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The message's id, as `outbox list` shows it.
    pub id: String,
}

#[derive(Debug, Args)]
pub struct SendArgs {
    /// The SMTP server, e.g. smtps://user:pass@smtp.example.com or smtp://localhost:25.
    #[arg(long, env = "HIRELOOP_SMTP_URL", hide_env_values = true)]
    pub smtp_url: Option<String>,
    /// The sender, e.g. "Hiring team <hiring@example.com>".
    #[arg(long, env = "HIRELOOP_MAIL_FROM")]
    pub mail_from: Option<String>,
}

#[derive(Debug, Args)]
pub struct RemindersArgs {
    /// Remind interviewers whose feedback is still missing this many hours after the interview ended.
    #[arg(long, env = "HIRELOOP_FEEDBACK_REMINDER_HOURS", default_value_t = 24,
        value_parser = clap::value_parser!(i64).range(1..=720))]
    pub after_hours: i64,
    /// The address people reach hireloop at, for the feedback link (e.g. https://hire.example.com).
    #[arg(
        long,
        env = "HIRELOOP_PUBLIC_URL",
        default_value = "http://127.0.0.1:8080"
    )]
    pub public_url: String,
}

pub async fn run(global: &Global, store: &Store, command: OutboxCommand) -> Result<(), CliError> {
    match command {
        OutboxCommand::List(args) => list(global, store, args).await,
        OutboxCommand::Show(args) => show(global, store, args).await,
        OutboxCommand::Send(args) => send(store, args).await,
    }
}

fn parse_opt<T: std::str::FromStr<Err = String>>(
    field: &str,
    raw: Option<&str>,
) -> Result<Option<T>, CliError> {
    raw.map(|r| r.parse().map_err(|m| CliError::invalid(field, m)))
        .transpose()
}

async fn list(global: &Global, store: &Store, args: ListOutboxArgs) -> Result<(), CliError> {
    let filter = OutboxFilter {
        status: parse_opt::<MessageStatus>("status", args.status.as_deref())?,
        event: parse_opt::<MessageEvent>("event", args.event.as_deref())?,
        application_id: None,
    };
    let page = args
        .page
        .fetch(|request| async move { store.list_outbox(&filter, &request).await })
        .await?;
    print_page(
        global.format,
        &page,
        &["id", "event", "to", "subject", "status", "written"],
        |m| {
            vec![
                m.id.to_string(),
                m.event.to_string(),
                m.to_address.to_string(),
                m.subject.clone(),
                m.status.to_string(),
                when(&m.created_at),
            ]
        },
    )
}

async fn show(global: &Global, store: &Store, args: ShowArgs) -> Result<(), CliError> {
    let id = uuid::Uuid::parse_str(args.id.trim())
        .map_err(|_| CliError::invalid("id", format!("'{}' is not a message id", args.id)))?;
    let message = store
        .outbox_message(id)
        .await?
        .ok_or_else(|| CliError::Failed(format!("no message with id {id}")))?;
    if global.format == Format::Json {
        return print_json(&message);
    }
    say!("To:       {} <{}>", message.to_name, message.to_address);
    say!("Subject:  {}", message.subject);
    say!("Event:    {}", message.event.label());
    say!(
        "Status:   {} ({} attempts)",
        message.status.label(),
        message.attempts
    );
    if let Some(error) = &message.last_error {
        say!("Error:    {error}");
    }
    say!("Written:  {}", when(&message.created_at));
    say!("");
    say!("{}", message.body_text.trim_end());
    if let Some(ics) = &message.ics {
        say!("");
        say!("--- invite.ics ---");
        say!("{}", ics.replace("\r\n", "\n").trim_end());
    }
    Ok(())
}

async fn send(store: &Store, args: SendArgs) -> Result<(), CliError> {
    let url = args
        .smtp_url
        .filter(|u| !u.trim().is_empty())
        .ok_or_else(|| {
            CliError::invalid(
                "smtp-url",
                "give --smtp-url or set HIRELOOP_SMTP_URL to send messages",
            )
        })?;
    let from = args.mail_from.ok_or_else(|| {
        CliError::invalid(
            "mail-from",
            "give --mail-from or set HIRELOOP_MAIL_FROM (the sender)",
        )
    })?;
    let mailer = Mailer::new(&url, &from)?;
    let mut total = hireloop_server::mail::delivery::DeliveryReport::default();
    // Rounds until nothing more is due: retried messages wait for their pause, so this ends.
    loop {
        let report = mailer.deliver_due(store).await?;
        if report.sent + report.retried + report.failed == 0 {
            break;
        }
        total.sent += report.sent;
        total.retried += report.retried;
        total.failed += report.failed;
    }
    say!(
        "Sent {} message(s) through {}; {} will be tried again later; {} failed.",
        total.sent,
        mailer.describe(),
        total.retried,
        total.failed
    );
    if total.failed > 0 {
        return Err(CliError::Failed(
            "some messages could not be sent: see `hireloop outbox list --status failed`".into(),
        ));
    }
    Ok(())
}

/// `hireloop reminders`: queues the reminders that are due now; running it again queues none twice.
pub async fn reminders(store: &Store, args: RemindersArgs) -> Result<(), CliError> {
    let settings = ReminderSettings {
        after_hours: args.after_hours,
        base_url: args.public_url.trim_end_matches('/').to_string(),
    };
    let queued = queue_feedback_reminders(store, &settings, chrono::Utc::now()).await?;
    say!("Queued {queued} feedback reminder(s).");
    Ok(())
}
