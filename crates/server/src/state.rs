//! What every handler can reach.

use crate::config::ServerConfig;
use crate::interviews::InterviewData;
use crate::market::MarketData;
use crate::matching::MatchingService;
use crate::metrics::Metrics;
use hireloop_core::candidate::{Candidate, NewCandidate};
use hireloop_core::scorecard::{lint, LintContext, LintReport, Scorecard};
use hireloop_match::Taxonomy;
use hireloop_store::{Store, StoreError};
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub config: Arc<ServerConfig>,
    pub metrics: Arc<Metrics>,
    pub templates: Arc<minijinja::Environment<'static>>,
    /// The market dataset in effect: shipped, plus the configured directory, plus admins' uploads.
    pub market: Arc<MarketData>,
    /// The shipped skill taxonomy, loaded once at start-up: scorecards are checked against it.
    pub taxonomy: Arc<Taxonomy>,
    /// The talent pool's matching index, built at start-up and updated as candidates are created.
    pub matching: Arc<MatchingService>,
    /// The talent pool's full-text search index, built and kept in sync like `matching`.
    pub search: Arc<crate::search::SearchService>,
    /// Competency kits, loop templates, decision reasons, the onboarding template and the
    /// feedback and trial policies.
    pub interviews: Arc<InterviewData>,
}

impl AppState {
    /// Stores a new candidate and adds it to the matching index: every path that creates a
    /// candidate goes through here, so none can leave the index behind.
    pub async fn create_candidate(&self, new: &NewCandidate) -> Result<Candidate, StoreError> {
        let candidate = self.store.create_candidate(new).await?;
        self.matching.upsert(&candidate);
        self.search.upsert(&candidate);
        Ok(candidate)
    }

    /// Stores a candidate's new fields and re-indexes them: the one path for edits (PATCH, the
    /// edit form), so matching never ranks a stale profile.
    pub async fn update_candidate(
        &self,
        id: hireloop_core::ids::CandidateId,
        new: &NewCandidate,
    ) -> Result<Candidate, StoreError> {
        let candidate = self.store.update_candidate(id, new).await?;
        self.matching.upsert(&candidate);
        self.search.upsert(&candidate);
        Ok(candidate)
    }

    /// Moves a candidate's vetting status (with its history row) and re-indexes them: vetting
    /// counts in the score and in the vetted-only filter.
    pub async fn set_vetting(
        &self,
        id: hireloop_core::ids::CandidateId,
        change: &hireloop_core::candidate_profile::VettingChange,
        actor: Option<hireloop_core::ids::UserId>,
    ) -> Result<Candidate, StoreError> {
        let candidate = self
            .store
            .set_vetting(id, change.to, actor, change.note.as_ref())
            .await?;
        self.matching.upsert(&candidate);
        self.search.upsert(&candidate);
        Ok(candidate)
    }

    /// Lints a scorecard with the skill taxonomy and the market dataset in effect (admins' uploads
    /// included): the one way the API and the pages lint.
    pub fn lint(&self, card: &Scorecard) -> LintReport {
        let market = self.market.dataset();
        lint(card, &LintContext::new(&*self.taxonomy, Some(&market)))
    }
}
