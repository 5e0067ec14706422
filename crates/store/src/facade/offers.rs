//! `Store` methods for offers, trials and onboarding.

use crate::{records, Backend, Result, Store};
use hireloop_core::ids::{ApplicationId, CandidateId, RoleId, UserId};
use hireloop_core::pipeline::StageMove;

impl Store {
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
}
