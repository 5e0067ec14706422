//! hireloop-store: persistence on SQLite (the embedded default) and PostgreSQL.
//!
//! `Store` is one face over both backends. The queries are written once (`queries.rs`) and expanded
//! per backend; migrations are per backend (`migrations/sqlite`, `migrations/postgres`). The same
//! behaviour suite runs against both (`tests/`).

pub mod demo;
mod error;
mod postgres;
mod queries;
pub mod records;
mod rows;
mod sqlite;
#[cfg(feature = "testing")]
pub mod testing;

pub use error::{Result, StoreError};
/// Re-exported so callers can classify database failures without depending on sqlx.
pub use sqlx::Error as SqlxError;

use hireloop_core::application::{Application, NewApplication, StageChange};
use hireloop_core::authz::Visibility;
use hireloop_core::candidate::{Candidate, NewCandidate};
use hireloop_core::email::Email;
use hireloop_core::ids::{ApiTokenId, ApplicationId, CandidateId, RoleId, UserId};
use hireloop_core::page::{Page, PageRequest};
use hireloop_core::pipeline::StageMove;
use hireloop_core::role::{NewRole, Role, RoleStatus};
use hireloop_core::user::{NewUser, User};
use records::{ApiToken, ApplicationFilter, Dashboard, MarketFile, Session};

/// The database behind hireloop. Cheap to clone: it holds a connection pool.
#[derive(Clone, Debug)]
pub struct Store {
    backend: Backend,
}

#[derive(Clone, Debug)]
enum Backend {
    Sqlite(sqlite::Queries),
    Postgres(postgres::Queries),
}

/// What `Store::migrate` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MigrationReport {
    /// Schema version before, None for a new database.
    pub from_version: Option<i64>,
    pub to_version: i64,
}

/// Calls the same method on whichever backend is in use.
macro_rules! dispatch {
    ($self:ident.$method:ident($($arg:expr),*)) => {
        match &$self.backend {
            Backend::Sqlite(q) => q.$method($($arg),*).await,
            Backend::Postgres(q) => q.$method($($arg),*).await,
        }
    };
}

// After `dispatch!`, which it uses (macros are in scope only below their definition).
pub mod pool_changes;
// Duplicates and merges, after `dispatch!` too.
pub mod merges;

/// Options for opening a store.
#[derive(Debug, Clone, Copy)]
pub struct ConnectOptions {
    /// PostgreSQL pool size; SQLite uses a fixed small pool.
    pub max_connections: u32,
}

impl Default for ConnectOptions {
    fn default() -> Self {
        Self {
            max_connections: 10,
        }
    }
}

impl Store {
    /// Connects without migrating. `sqlite://PATH` (the file is created if missing) or `postgres://…`.
    pub async fn connect(url: &str, options: ConnectOptions) -> Result<Store> {
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite(sqlite::connect(url).await?)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres(postgres::connect(url, options.max_connections).await?)
        } else {
            return Err(StoreError::UnsupportedUrl(redact(url)));
        };
        Ok(Store { backend })
    }

    /// Connects and brings the schema up to date: what `serve` does at start-up.
    pub async fn open(url: &str, options: ConnectOptions) -> Result<Store> {
        let store = Store::connect(url, options).await?;
        store.migrate().await?;
        Ok(store)
    }

    /// "sqlite" or "postgres".
    pub fn backend_name(&self) -> &'static str {
        match self.backend {
            Backend::Sqlite(_) => "sqlite",
            Backend::Postgres(_) => "postgres",
        }
    }

    /// Applies pending migrations. A database migrated by a newer hireloop is refused, untouched.
    pub async fn migrate(&self) -> Result<MigrationReport> {
        let (migrator, from_version, result) = match &self.backend {
            Backend::Sqlite(q) => {
                let from = schema_version(&q.pool).await;
                (&sqlite::MIGRATOR, from, sqlite::MIGRATOR.run(&q.pool).await)
            }
            Backend::Postgres(q) => {
                let from = schema_version(&q.pool).await;
                (
                    &postgres::MIGRATOR,
                    from,
                    postgres::MIGRATOR.run(&q.pool).await,
                )
            }
        };
        let known = migrator.iter().map(|m| m.version).max().unwrap_or(0);
        match result {
            Ok(()) => Ok(MigrationReport {
                from_version,
                to_version: known,
            }),
            Err(sqlx::migrate::MigrateError::VersionMissing(found)) => {
                Err(StoreError::SchemaTooNew { found, known })
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Whether the database answers: what `/readyz` asks.
    pub async fn ping(&self) -> Result<()> {
        dispatch!(self.ping())
    }

    /// Closes the pool; waits for connections in use to be returned.
    pub async fn close(&self) {
        dispatch!(self.close())
    }

    pub async fn create_user(&self, new: &NewUser, password_hash: &str) -> Result<User> {
        dispatch!(self.create_user(new, password_hash))
    }
    pub async fn user(&self, id: UserId) -> Result<Option<User>> {
        dispatch!(self.user(id))
    }
    pub async fn user_by_email(&self, email: &Email) -> Result<Option<User>> {
        dispatch!(self.user_by_email(email))
    }
    /// A user and their password hash, for logging in.
    pub async fn user_credentials(&self, email: &Email) -> Result<Option<(User, String)>> {
        dispatch!(self.user_credentials(email))
    }
    /// Replaces a user's password hash and ends their sessions.
    pub async fn set_password(&self, id: UserId, password_hash: &str) -> Result<()> {
        dispatch!(self.set_password(id, password_hash))
    }
    pub async fn list_users(&self, page: &PageRequest) -> Result<Page<User>> {
        dispatch!(self.list_users(page))
    }
    pub async fn count_users(&self) -> Result<i64> {
        dispatch!(self.count_users())
    }

    pub async fn create_session(
        &self,
        token_hash: &str,
        user: UserId,
        csrf_token: &str,
        expires_at: chrono::DateTime<chrono::Utc>,
    ) -> Result<()> {
        dispatch!(self.create_session(token_hash, user, csrf_token, expires_at))
    }
    pub async fn session(&self, token_hash: &str) -> Result<Option<Session>> {
        dispatch!(self.session(token_hash))
    }
    pub async fn delete_session(&self, token_hash: &str) -> Result<()> {
        dispatch!(self.delete_session(token_hash))
    }

    pub async fn create_api_token(
        &self,
        user: UserId,
        name: &str,
        token_hash: &str,
    ) -> Result<ApiToken> {
        dispatch!(self.create_api_token(user, name, token_hash))
    }
    pub async fn user_for_api_token(&self, token_hash: &str) -> Result<Option<(User, ApiTokenId)>> {
        dispatch!(self.user_for_api_token(token_hash))
    }
    pub async fn list_api_tokens(&self, user: UserId) -> Result<Vec<ApiToken>> {
        dispatch!(self.list_api_tokens(user))
    }
    /// Revokes a token; with `owner`, only if it is that user's.
    pub async fn revoke_api_token(
        &self,
        owner: Option<UserId>,
        id: ApiTokenId,
    ) -> Result<ApiToken> {
        dispatch!(self.revoke_api_token(owner, id))
    }

    pub async fn create_role(&self, new: &NewRole) -> Result<Role> {
        dispatch!(self.create_role(new))
    }
    pub async fn role(&self, id: RoleId) -> Result<Option<Role>> {
        dispatch!(self.role(id))
    }
    pub async fn list_roles(&self, page: &PageRequest) -> Result<Page<Role>> {
        dispatch!(self.list_roles(page))
    }
    pub async fn set_role_status(&self, id: RoleId, status: RoleStatus) -> Result<Role> {
        dispatch!(self.set_role_status(id, status))
    }
    /// Stores a role's scorecard (role-as-code TOML) in its canonical form and returns that text.
    /// Text that does not parse is `Invalid`, naming every problem; no such role is `NotFound`.
    pub async fn set_role_scorecard(&self, id: RoleId, toml_text: &str) -> Result<String> {
        dispatch!(self.set_role_scorecard(id, toml_text))
    }
    /// The role's scorecard TOML; `None` when it has none, `NotFound` when there is no such role,
    /// `Corrupt` when the stored text no longer parses.
    pub async fn role_scorecard(&self, id: RoleId) -> Result<Option<String>> {
        dispatch!(self.role_scorecard(id))
    }
    /// Removes a role's scorecard; `NotFound` when there is no such role.
    /// Stores the scorecard and updates the role's title, level and primary language from it, atomically.
    pub async fn set_role_scorecard_and_requisition(
        &self,
        id: RoleId,
        text: &str,
        requisition: &hireloop_core::scorecard::Requisition,
    ) -> Result<String> {
        dispatch!(self.set_role_scorecard_and_requisition(id, text, requisition))
    }
    pub async fn clear_role_scorecard(&self, id: RoleId) -> Result<()> {
        dispatch!(self.clear_role_scorecard(id))
    }

    pub async fn create_candidate(&self, new: &NewCandidate) -> Result<Candidate> {
        dispatch!(self.create_candidate(new))
    }
    pub async fn candidate(
        &self,
        visibility: &Visibility,
        id: CandidateId,
    ) -> Result<Option<Candidate>> {
        dispatch!(self.candidate(visibility, id))
    }
    pub async fn list_candidates(
        &self,
        visibility: &Visibility,
        page: &PageRequest,
    ) -> Result<Page<Candidate>> {
        dispatch!(self.list_candidates(visibility, page))
    }
    /// Up to `limit` candidates with an id above `after`, lowest id first, ignoring visibility:
    /// for the matching index, which the server builds for everyone and filters per request.
    pub async fn candidates_after(
        &self,
        after: Option<CandidateId>,
        limit: i64,
    ) -> Result<Vec<Candidate>> {
        dispatch!(self.candidates_after(after, limit))
    }

    /// The candidate with this email, ignoring visibility: imports match records by email.
    pub async fn candidate_by_email(&self, email: &Email) -> Result<Option<Candidate>> {
        dispatch!(self.candidate_by_email(email))
    }
    /// Replaces a candidate's fields (an import's update); the id and creation time stay.
    pub async fn update_candidate(&self, id: CandidateId, new: &NewCandidate) -> Result<Candidate> {
        dispatch!(self.update_candidate(id, new))
    }

    // ---- candidate imports, batched (issue #5) ---------------------------------------------

    /// Stores a batch of imported candidates (distinct emails) in one transaction with multi-row
    /// INSERTs: a new email is `Imported`, a known one `Updated` when the record differs (keeping
    /// what it leaves unstated) or `Unchanged`; results in batch order. A concurrent insert of one
    /// of the emails is `Conflict` on `email` and nothing of the batch is kept.
    pub async fn import_candidates(
        &self,
        batch: Vec<NewCandidate>,
    ) -> Result<Vec<hireloop_core::import::StoredRecord>> {
        dispatch!(self.import_candidates(batch))
    }

    // ---- candidate profile: vetting (issue #5) ----------------------------------------------

    /// Moves the candidate's vetting status by the core rule and records who, when and why, in one
    /// transaction. A move the rule forbids, or a status changed meanwhile, is `Conflict` on
    /// `status`; no such candidate is `NotFound`.
    pub async fn set_vetting(
        &self,
        candidate: CandidateId,
        to: hireloop_core::candidate_profile::VettingStatus,
        actor: Option<UserId>,
        note: Option<&hireloop_core::text::Reason>,
    ) -> Result<Candidate> {
        dispatch!(self.set_vetting(candidate, to, actor, note))
    }
    /// The candidate's vetting changes, oldest first.
    pub async fn vetting_history(
        &self,
        candidate: CandidateId,
    ) -> Result<Vec<hireloop_core::candidate_profile::VettingEvent>> {
        dispatch!(self.vetting_history(candidate))
    }

    pub async fn create_application(
        &self,
        new: &NewApplication,
        actor: Option<UserId>,
    ) -> Result<Application> {
        dispatch!(self.create_application(new, actor))
    }
    pub async fn application(
        &self,
        visibility: &Visibility,
        id: ApplicationId,
    ) -> Result<Option<Application>> {
        dispatch!(self.application(visibility, id))
    }
    pub async fn list_applications(
        &self,
        visibility: &Visibility,
        filter: &ApplicationFilter,
        page: &PageRequest,
    ) -> Result<Page<Application>> {
        dispatch!(self.list_applications(visibility, filter, page))
    }
    pub async fn role_board(
        &self,
        visibility: &Visibility,
        role: RoleId,
    ) -> Result<Vec<Application>> {
        dispatch!(self.role_board(visibility, role))
    }
    /// Applies a planned move if the application is still in `planned.from`; else `Conflict`.
    pub async fn move_application(
        &self,
        id: ApplicationId,
        planned: &StageMove,
        actor: Option<UserId>,
    ) -> Result<Application> {
        dispatch!(self.move_application(id, planned, actor))
    }
    pub async fn stage_history(&self, id: ApplicationId) -> Result<Vec<StageChange>> {
        dispatch!(self.stage_history(id))
    }
    pub async fn assign_interviewer(&self, application: ApplicationId, user: UserId) -> Result<()> {
        dispatch!(self.assign_interviewer(application, user))
    }

    // ---- decisions (advance / reject / withdraw with a structured reason) ----------------------

    /// Applies a decision's planned move if the application is still in `planned.from` (else
    /// `Conflict`) and records the reason code, note and actor in the history, in one transaction.
    pub async fn decide(
        &self,
        id: ApplicationId,
        planned: &StageMove,
        reason_code: Option<&str>,
        note: Option<&hireloop_core::text::Reason>,
        actor: Option<UserId>,
    ) -> Result<Application> {
        dispatch!(self.decide(id, planned, reason_code, note, actor))
    }

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

    pub async fn dashboard(&self, visibility: &Visibility) -> Result<Dashboard> {
        dispatch!(self.dashboard(visibility))
    }

    /// The market data files admins uploaded, by name.
    pub async fn list_market_files(&self) -> Result<Vec<MarketFile>> {
        dispatch!(self.list_market_files())
    }
    /// Stores an uploaded market data file, replacing an earlier upload of the same name.
    pub async fn put_market_file(
        &self,
        name: &str,
        content: &str,
        uploaded_by: Option<UserId>,
    ) -> Result<MarketFile> {
        dispatch!(self.put_market_file(name, content, uploaded_by))
    }
    /// Removes an uploaded file; `NotFound` if there is none of that name.
    pub async fn delete_market_file(&self, name: &str) -> Result<()> {
        dispatch!(self.delete_market_file(name))
    }

    // ---- outbox and message templates (communication) ------------------------------------------

    /// Queues messages in one transaction; a message whose `dedupe_key` is already in the outbox is
    /// skipped. Returns the messages newly queued.
    pub async fn queue_messages(
        &self,
        messages: &[records::NewMessage],
    ) -> Result<Vec<records::OutboxMessage>> {
        dispatch!(self.queue_messages(messages))
    }
    pub async fn outbox_message(&self, id: uuid::Uuid) -> Result<Option<records::OutboxMessage>> {
        dispatch!(self.outbox_message(id))
    }
    pub async fn list_outbox(
        &self,
        filter: &records::OutboxFilter,
        page: &PageRequest,
    ) -> Result<Page<records::OutboxMessage>> {
        dispatch!(self.list_outbox(filter, page))
    }
    /// Claims queued messages due at `at` for delivery, leased until `lease_until` so no other
    /// server sends them meanwhile.
    pub async fn claim_due_messages(
        &self,
        at: chrono::DateTime<chrono::Utc>,
        lease_until: chrono::DateTime<chrono::Utc>,
        limit: i64,
    ) -> Result<Vec<records::OutboxMessage>> {
        dispatch!(self.claim_due_messages(at, lease_until, limit))
    }
    pub async fn mark_message_sent(
        &self,
        id: uuid::Uuid,
        at: chrono::DateTime<chrono::Utc>,
    ) -> Result<()> {
        dispatch!(self.mark_message_sent(id, at))
    }
    /// Records a failed delivery: retried at `retry_at`, or `failed` for good when None.
    pub async fn mark_message_failed(
        &self,
        id: uuid::Uuid,
        error: &str,
        retry_at: Option<chrono::DateTime<chrono::Utc>>,
    ) -> Result<()> {
        dispatch!(self.mark_message_failed(id, error, retry_at))
    }
    /// Queues a failed message again, due now; a sent one is a `Conflict`.
    pub async fn retry_message(&self, id: uuid::Uuid) -> Result<records::OutboxMessage> {
        dispatch!(self.retry_message(id))
    }
    /// Admins' edits of the shipped message templates.
    pub async fn message_templates(&self) -> Result<Vec<records::StoredMessageTemplate>> {
        dispatch!(self.message_templates())
    }
    pub async fn message_template(
        &self,
        event: hireloop_core::messages::MessageEvent,
    ) -> Result<Option<records::StoredMessageTemplate>> {
        dispatch!(self.message_template(event))
    }
    pub async fn put_message_template(
        &self,
        template: &hireloop_core::messages::MessageTemplate,
        by: Option<UserId>,
    ) -> Result<records::StoredMessageTemplate> {
        dispatch!(self.put_message_template(template, by))
    }
    /// Goes back to the shipped template; `false` when there was no edit.
    pub async fn delete_message_template(
        &self,
        event: hireloop_core::messages::MessageEvent,
    ) -> Result<bool> {
        dispatch!(self.delete_message_template(event))
    }

    // ---- offers, trials and onboarding (issue 6) --------------------------------------------
    /// A new draft offer: `Conflict` on a closed application or while another offer is open.
    pub async fn create_offer(
        &self,
        application: ApplicationId,
        terms: &hireloop_core::interview::Offer,
        actor: Option<UserId>,
    ) -> Result<records::OfferRecord> {
        dispatch!(self.create_offer(application, terms, actor))
    }
    /// New terms for the open offer, as a new version; an approved offer goes back to draft.
    pub async fn update_offer(
        &self,
        application: ApplicationId,
        terms: &hireloop_core::interview::Offer,
        actor: Option<UserId>,
    ) -> Result<records::OfferRecord> {
        dispatch!(self.update_offer(application, terms, actor))
    }
    /// Moves the open offer through the core status machine as a new version; accepting moves the
    /// application to the offer stage if it is earlier. A stale `expected_version` is `Conflict`.
    pub async fn transition_offer(
        &self,
        application: ApplicationId,
        to: hireloop_core::interview::OfferStatus,
        note: Option<&str>,
        expected_version: Option<i64>,
        actor: Option<UserId>,
    ) -> Result<records::OfferRecord> {
        dispatch!(self.transition_offer(application, to, note, expected_version, actor))
    }
    /// The application's latest offer, open or final.
    pub async fn current_offer(
        &self,
        application: ApplicationId,
    ) -> Result<Option<records::OfferRecord>> {
        dispatch!(self.current_offer(application))
    }
    /// Every version of the application's offers, oldest first.
    pub async fn offer_versions(
        &self,
        application: ApplicationId,
    ) -> Result<Vec<records::OfferVersion>> {
        dispatch!(self.offer_versions(application))
    }
    pub async fn start_trial(
        &self,
        application: ApplicationId,
        trial: &hireloop_core::interview::Trial,
        actor: Option<UserId>,
    ) -> Result<records::TrialRecord> {
        dispatch!(self.start_trial(application, trial, actor))
    }
    pub async fn trial(&self, application: ApplicationId) -> Result<Option<records::TrialRecord>> {
        dispatch!(self.trial(application))
    }
    /// Records the outcome once and applies `planned` to the application in the same transaction.
    pub async fn record_trial_outcome(
        &self,
        application: ApplicationId,
        outcome: hireloop_core::interview::TrialOutcome,
        note: Option<&str>,
        planned: Option<&StageMove>,
        actor: Option<UserId>,
    ) -> Result<records::TrialRecord> {
        dispatch!(self.record_trial_outcome(application, outcome, note, planned, actor))
    }
    /// Candidates whose trial on the role ended without a hire: left out of the role's matches.
    pub async fn trial_excluded_candidates(&self, role: RoleId) -> Result<Vec<CandidateId>> {
        dispatch!(self.trial_excluded_candidates(role))
    }
    /// Stores a generated onboarding plan; only for an application at offer or hired.
    pub async fn create_onboarding(
        &self,
        application: ApplicationId,
        start: chrono::NaiveDate,
        plan: &hireloop_core::interview::OnboardingPlan,
        actor: Option<UserId>,
    ) -> Result<records::OnboardingRecord> {
        dispatch!(self.create_onboarding(application, start, plan, actor))
    }
    pub async fn onboarding(
        &self,
        application: ApplicationId,
    ) -> Result<Option<records::OnboardingRecord>> {
        dispatch!(self.onboarding(application))
    }
    /// Ticks an onboarding task off or back on; `NotFound` for a task not in this plan.
    pub async fn set_onboarding_task(
        &self,
        application: ApplicationId,
        task: uuid::Uuid,
        done: bool,
        actor: Option<UserId>,
    ) -> Result<records::OnboardingRecord> {
        dispatch!(self.set_onboarding_task(application, task, done, actor))
    }
    /// The 90-day quality-of-hire rating, 1-4.
    pub async fn rate_onboarding_quality(
        &self,
        application: ApplicationId,
        rating: u8,
        note: Option<&str>,
        actor: Option<UserId>,
    ) -> Result<records::OnboardingRecord> {
        dispatch!(self.rate_onboarding_quality(application, rating, note, actor))
    }

    // ---- resume documents (issue #5) -----------------------------------------------------------

    /// Stores a resume document, or returns the one already stored for the same candidate and
    /// file hash (`false`: nothing written). No such candidate is `NotFound`.
    pub async fn add_resume_document(
        &self,
        new: &records::NewResumeDocument,
    ) -> Result<(records::ResumeDocument, bool)> {
        dispatch!(self.add_resume_document(new))
    }
    /// The candidate's documents, newest first, without their text.
    pub async fn resume_documents(
        &self,
        candidate: CandidateId,
    ) -> Result<Vec<records::ResumeDocument>> {
        dispatch!(self.resume_documents(candidate))
    }
    /// One of the candidate's documents with its text.
    pub async fn resume_document(
        &self,
        candidate: CandidateId,
        id: uuid::Uuid,
    ) -> Result<Option<records::ResumeDocument>> {
        dispatch!(self.resume_document(candidate, id))
    }

    pub async fn load_demo(&self, demo: &demo::DemoSet) -> Result<demo::DemoOutcome> {
        dispatch!(self.load_demo(demo))
    }
}

/// The schema version a database is at, None if it was never migrated.
async fn schema_version<DB: sqlx::Database>(pool: &sqlx::Pool<DB>) -> Option<i64>
where
    for<'c> &'c sqlx::Pool<DB>: sqlx::Executor<'c, Database = DB>,
    i64: sqlx::Type<DB> + for<'r> sqlx::Decode<'r, DB>,
    for<'q> <DB as sqlx::Database>::Arguments<'q>: sqlx::IntoArguments<'q, DB>,
    usize: sqlx::ColumnIndex<DB::Row>,
{
    sqlx::query_scalar::<DB, Option<i64>>("SELECT MAX(version) FROM _sqlx_migrations WHERE success")
        .fetch_one(pool)
        .await
        .ok()
        .flatten()
}

/// Hides a password in a URL before it reaches an error message or a log.
pub fn redact(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) if parsed.password().is_some() => {
            let _ = parsed.set_password(Some("***"));
            parsed.to_string()
        }
        _ => url.to_string(),
    }
}
