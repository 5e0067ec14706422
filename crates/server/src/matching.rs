//! The in-process matching index over the talent pool: built from the database at start-up, kept in
//! sync as candidates are created, edited and vetted (here, and through the database's change feed
//! for writes made elsewhere: `crate::index_sync`), searched per request behind a read lock. Also the
//! ranking of a role's matches and the shortlist, shared by the JSON API and the pages.

use crate::error::{AppError, AppResult};
use crate::search::SearchError;
use crate::state::AppState;
use anyhow::Context;
use chrono::{NaiveDate, Utc};
use hireloop_core::application::NewApplication;
use hireloop_core::candidate::Candidate;
use hireloop_core::ids::{CandidateId, RoleId, UserId};
use hireloop_core::market::currency::UsdRates;
use hireloop_core::pipeline::Stage;
use hireloop_core::scorecard::{from_toml, Scorecard};
use hireloop_match::adapt::{
    candidate_profile, scorecard_query_in, usd_rate_in, AdaptedCandidate, QueryOptions, Unstated,
    PLACEHOLDER_LEVEL,
};
use hireloop_match::{
    ComponentScore, Filtered, Index, Match, MatchedSkill, MissingSkill, Query, QueryError,
    SearchResult, Survivors, Taxonomy, TextHits, WeightShares,
};
use hireloop_store::{Store, StoreError};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::Instant;
use uuid::Uuid;

/// Candidates one shortlist request may hold.
pub const MAX_SHORTLIST: usize = 100;

/// Rows read from the database per batch while building.
const BUILD_BATCH: i64 = 1000;

/// What a result shows beside the engine's explanation, kept out of the engine on purpose: the
/// name must never reach the score.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CandidateCard {
    pub name: String,
    /// Skill tags the taxonomy does not know, as the candidate gave them.
    pub unrecognised_skills: Vec<String>,
    /// Level and availability the profile does not state (scored by convention).
    pub unstated: Unstated,
}

struct Inner {
    index: Index,
    cards: HashMap<CandidateId, CandidateCard>,
    /// The exchange rates in effect: expected rates become USD through them, as role budgets do.
    rates: UsdRates,
}

impl Inner {
    /// Each result's card, in order.
    fn cards_of(&self, result: &SearchResult) -> Vec<CandidateCard> {
        result
            .matches
            .iter()
            .map(|m| self.cards.get(&m.candidate_id).cloned().unwrap_or_default())
            .collect()
    }

    fn adapt(&self, candidate: &Candidate, today: NaiveDate) -> AdaptedCandidate {
        let mut adapted = candidate_profile(self.index.taxonomy(), candidate, today);
        adapted.profile.rate = candidate
            .expected_rate
            .as_ref()
            .and_then(|money| usd_rate_in(money, &self.rates));
        adapted
    }
}

/// The talent pool index shared by every request.
pub struct MatchingService {
    inner: RwLock<Inner>,
    /// The change feed's latest id when the build started: every write the build may have
    /// missed comes after it, so the index follows the feed from there.
    built_at_change: i64,
}

/// Today in UTC: availability is measured from it (the engine has no clock).
pub fn today() -> NaiveDate {
    Utc::now().date_naive()
}

impl MatchingService {
    pub fn empty(taxonomy: Arc<Taxonomy>) -> Self {
        Self {
            inner: RwLock::new(Inner {
                index: Index::new(taxonomy),
                cards: HashMap::new(),
                rates: UsdRates::shipped().as_ref().clone(),
            }),
            built_at_change: 0,
        }
    }

    /// `build_in` with the shipped exchange rates.
    pub async fn build(store: &Store, taxonomy: Arc<Taxonomy>) -> anyhow::Result<Self> {
        Self::build_in(store, taxonomy, UsdRates::shipped().as_ref().clone()).await
    }

    /// Reads every candidate in id order, in batches, and indexes them with `rates`. Logs the
    /// count, the time taken, and the tags no skill matches (they stay on the candidate as raw tags).
    pub async fn build_in(
        store: &Store,
        taxonomy: Arc<Taxonomy>,
        rates: UsdRates,
    ) -> anyhow::Result<Self> {
        let started = Instant::now();
        let mut service = Self::empty(taxonomy);
        service.write().rates = rates;
        service.built_at_change = store
            .latest_pool_change()
            .await
            .context("reading the pool's change feed")?;
        let mut after = None;
        let mut unknown_tags = 0usize;
        loop {
            let batch = store
                .candidates_after(after, BUILD_BATCH)
                .await
                .context("reading candidates for the matching index")?;
            let Some(last) = batch.last() else { break };
            after = Some(last.id);
            for candidate in &batch {
                unknown_tags += service.upsert(candidate).len();
            }
        }
        tracing::info!(
            profiles = service.len(),
            unrecognised_skill_tags = unknown_tags,
            elapsed_ms = started.elapsed().as_millis() as u64,
            "matching index built"
        );
        Ok(service)
    }

    /// Indexes (or re-indexes) a candidate; returns the tags the taxonomy does not know.
    pub fn upsert(&self, candidate: &Candidate) -> Vec<String> {
        let mut inner = self.write();
        let adapted = inner.adapt(candidate, today());
        if let Err(e) = inner.index.upsert(&adapted.profile) {
            // Core limits (50 skills) are tighter than the engine's, so this means a bug: log it and
            // keep serving rather than fail the write that already succeeded.
            tracing::error!(candidate = %candidate.id, error = %e, "candidate not indexed");
            return adapted.unknown_skills;
        }
        inner.cards.insert(
            candidate.id,
            CandidateCard {
                name: candidate.name.to_string(),
                unrecognised_skills: adapted.unknown_skills.clone(),
                unstated: adapted.unstated,
            },
        );
        adapted.unknown_skills
    }

    /// Indexes a batch (an import's) under one write lock, so searches wait once, not per record.
    pub fn upsert_all(&self, candidates: &[Candidate]) {
        let mut inner = self.write();
        let today = today();
        for candidate in candidates {
            let adapted = inner.adapt(candidate, today);
            if let Err(e) = inner.index.upsert(&adapted.profile) {
                tracing::error!(candidate = %candidate.id, error = %e, "candidate not indexed");
                continue;
            }
            inner.cards.insert(
                candidate.id,
                CandidateCard {
                    name: candidate.name.to_string(),
                    unrecognised_skills: adapted.unknown_skills,
                    unstated: adapted.unstated,
                },
            );
        }
    }

    /// Follows the change feed: indexes `present` (the changed candidates that still exist, as
    /// the database has them now) and drops the other `changed` ones, under one write lock.
    /// Applying the same change twice is harmless. Returns how many were dropped.
    pub fn apply(&self, changed: &[CandidateId], present: &[Candidate]) -> usize {
        self.upsert_all(present);
        let kept: std::collections::HashSet<CandidateId> = present.iter().map(|c| c.id).collect();
        let mut inner = self.write();
        let mut removed = 0;
        for id in changed.iter().filter(|id| !kept.contains(id)) {
            inner.cards.remove(id);
            if inner.index.remove(*id) {
                removed += 1;
            }
        }
        removed
    }

    /// Puts `rates` in effect and, when they differ from the ones indexed with, re-indexes every
    /// candidate (in batches, so searches wait per batch, not for the whole pool). Writes made
    /// meanwhile already use the new rates. Callers take the market's write turn around this so
    /// two changes cannot finish in the wrong order. Returns whether anything was re-indexed.
    pub async fn reprice(&self, store: &Store, rates: UsdRates) -> anyhow::Result<bool> {
        {
            let mut inner = self.write();
            if inner.rates == rates {
                return Ok(false);
            }
            inner.rates = rates;
        }
        let mut after = None;
        loop {
            let batch = store
                .candidates_after(after, BUILD_BATCH)
                .await
                .context("reading candidates to re-index with the new exchange rates")?;
            let Some(last) = batch.last() else { break };
            after = Some(last.id);
            self.upsert_all(&batch);
        }
        Ok(true)
    }

    /// Every indexed candidate's id: a full resync drops those the database no longer has.
    pub fn ids(&self) -> Vec<CandidateId> {
        self.read().cards.keys().copied().collect()
    }

    /// See the field.
    pub fn built_at_change(&self) -> i64 {
        self.built_at_change
    }

    pub fn len(&self) -> usize {
        self.read().index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// One page of ranked candidates, each with its card.
    pub fn search(
        &self,
        query: &Query,
        offset: usize,
        limit: usize,
    ) -> Result<(SearchResult, Vec<CandidateCard>), QueryError> {
        let inner = self.read();
        let result = inner.index.search(query, offset, limit)?;
        let cards = inner.cards_of(&result);
        Ok((result, cards))
    }

    /// `search` for a query whose free text (if any) is looked up once the hard filters have run,
    /// under the same read lock: `text` gets who passes them and says who the text matches.
    pub fn search_with(
        &self,
        query: &Query,
        offset: usize,
        limit: usize,
        text: impl FnOnce(&Survivors<'_>) -> AppResult<TextHits>,
    ) -> AppResult<(SearchResult, Vec<CandidateCard>)> {
        let field = |e: QueryError| AppError::field(e.field, e.message);
        let inner = self.read();
        let result = match inner.index.filtered(query, offset, limit).map_err(field)? {
            Filtered::Answered(result) => result,
            Filtered::Survivors(survivors) => {
                let hits = match &query.text {
                    Some(_) => Some(text(&survivors)?),
                    None => None,
                };
                survivors.rank(hits.as_ref()).map_err(field)?
            }
        };
        let cards = inner.cards_of(&result);
        Ok((result, cards))
    }

    // A panic under the lock would be a bug in the engine; serving on beats failing every request.
    fn read(&self) -> std::sync::RwLockReadGuard<'_, Inner> {
        self.inner.read().unwrap_or_else(|e| e.into_inner())
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, Inner> {
        self.inner.write().unwrap_or_else(|e| e.into_inner())
    }
}

/// Re-indexes the pool when a market data change (upload or deletion) changed the exchange rates.
/// The change itself already succeeded, so a failure here is logged rather than returned: the
/// next start-up builds with the rates in effect.
pub async fn follow_market(state: &AppState) {
    let _turn = state.market.write_turn().await;
    let rates = state.market.usd_rates();
    match state.matching.reprice(&state.store, rates).await {
        Ok(true) => tracing::info!("matching index re-indexed with the exchange rates in effect"),
        Ok(false) => {}
        Err(e) => {
            tracing::error!(error = %e, "matching index not re-indexed with the new exchange rates")
        }
    }
}

/// One page of a role's ranking and the filters it applies.
#[derive(Debug, Clone, Copy, Default)]
pub struct MatchPage {
    pub offset: usize,
    pub limit: usize,
    pub options: QueryOptions,
}

/// A ranked candidate: the score, its breakdown by component, the skills matched and missing, and why.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct RankedCandidate {
    pub candidate_id: Uuid,
    pub name: String,
    /// 0-100: the sum of the breakdown's points.
    pub score: f32,
    /// `{component, weight, value, points}` per component: skills, level, budget, timezone,
    /// availability, vetting, and text when the ranking has free text (`q`).
    #[schema(value_type = Vec<Object>)]
    pub breakdown: Vec<ComponentScore>,
    /// `{skill, name, years, expected_years, required, implied_by}`.
    #[schema(value_type = Vec<Object>)]
    pub matched_skills: Vec<MatchedSkill>,
    /// `{skill, name}`.
    #[schema(value_type = Vec<Object>)]
    pub missing_skills: Vec<MissingSkill>,
    /// The candidate's skill tags the taxonomy does not know: kept, not scored.
    pub unrecognised_skills: Vec<String>,
    pub reasons: Vec<String>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct RoleMatches {
    pub role_id: Uuid,
    /// Candidates passing every hard filter, on all pages.
    pub total: u64,
    pub offset: usize,
    pub limit: usize,
    pub matches: Vec<RankedCandidate>,
    /// Why there are no matches, when there are none.
    pub empty_reason: Option<String>,
    /// What of the scorecard the ranking could not use, and why.
    pub notes: Vec<String>,
    /// The score weights this ranking used.
    pub weights: WeightsUsed,
}

/// The weights a ranking used: each component's share of the score in percent (together 100),
/// and whether they are the role's own or the defaults. Changed in the role's scorecard
/// (`[matching.weights]`, docs/role-as-code.md).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct WeightsUsed {
    /// `role` when the scorecard sets `[matching.weights]`, else `default`.
    pub source: &'static str,
    pub skills: f32,
    pub level: f32,
    pub budget: f32,
    pub timezone: f32,
    pub availability: f32,
    pub vetting: f32,
    /// Only when the ranking has a free text (`q`).
    pub text: Option<f32>,
}

impl WeightsUsed {
    /// The shares `query` scores with; `card` says whose they are.
    pub fn of(card: &Scorecard, query: &Query) -> Self {
        let shares = WeightShares::of(query);
        // All-zero weights are replaced by the defaults (the notes say so): those are not the role's.
        let own = card
            .matching_weights()
            .is_some_and(|w| w.points().base_sum() > 0);
        Self {
            source: if own { "role" } else { "default" },
            skills: shares.skills,
            level: shares.level,
            budget: shares.budget,
            timezone: shares.timezone,
            availability: shares.availability,
            vetting: shares.vetting,
            text: shares.text,
        }
    }

    /// Component label and share, in the order pages show them.
    pub fn shares(&self) -> Vec<(&'static str, f32)> {
        let mut out = vec![
            ("Skills", self.skills),
            ("Level", self.level),
            ("Budget", self.budget),
            ("Time zone", self.timezone),
            ("Availability", self.availability),
            ("Vetting", self.vetting),
        ];
        if let Some(text) = self.text {
            out.push(("Text", text));
        }
        out
    }
}

/// The role's scorecard, or None when it has none yet; a missing role is not found.
pub async fn role_scorecard(state: &AppState, id: RoleId) -> AppResult<Option<Scorecard>> {
    state
        .store
        .role(id)
        .await?
        .ok_or(AppError::NotFound("role"))?;
    let Some(text) = state.store.role_scorecard(id).await? else {
        return Ok(None);
    };
    // The store checked it on the way in; failing here means the stored text is corrupt.
    from_toml(&text)
        .map(Some)
        .map_err(|e| AppError::from(StoreError::Corrupt(format!("scorecard: {e}"))))
}

/// One page of the talent pool ranked against `card`, each result explained. Candidates whose
/// trial on this role ended without a hire (replace or end) are left out; with `text`, only those
/// the free text matches, scored also by how well.
pub async fn rank(
    state: &AppState,
    id: RoleId,
    card: &Scorecard,
    page: MatchPage,
    text: Option<&str>,
) -> AppResult<RoleMatches> {
    let rates = state.market.usd_rates();
    let mut adapted = scorecard_query_in(&state.taxonomy, card, today(), page.options, &rates);
    adapted.query.exclude = state.store.trial_excluded_candidates(id).await?;
    // Free text (`q`): who the full-text index finds, and how well, filters and scores the
    // ranking; looked up under the index's read lock once the other filters have run, so a
    // narrow role's text is sought among its few survivors only. Read first: a text that does
    // not parse is the user's to fix even when the filters leave nobody.
    let q_error = |e: SearchError| match e {
        SearchError::Query(message) => AppError::field("q", message),
        SearchError::Index(message) => AppError::Internal(anyhow::anyhow!(message)),
    };
    let read = match text {
        Some(q) => {
            crate::text_match::attach_pending_text(&mut adapted.query, card, q);
            Some(state.search.read_text(q).map_err(q_error)?)
        }
        None => None,
    };
    let (result, cards) =
        state
            .matching
            .search_with(&adapted.query, page.offset, page.limit, |survivors| {
                let read = read.as_ref().ok_or_else(|| {
                    AppError::Internal(anyhow::anyhow!("a ranking with text has no read text"))
                })?;
                crate::text_match::text_for_survivors(&state.search, read, survivors)
                    .map_err(q_error)
            })?;
    let weights = WeightsUsed::of(card, &adapted.query);
    Ok(RoleMatches {
        role_id: id.as_uuid(),
        total: result.total,
        offset: page.offset,
        limit: page.limit,
        matches: result.matches.into_iter().zip(cards).map(ranked).collect(),
        empty_reason: result.empty_reason,
        notes: adapted.notes,
        weights,
    })
}

/// A search hit with its card, as the API shows it (also used by `hireloop match`).
pub fn ranked((m, card): (Match, CandidateCard)) -> RankedCandidate {
    // A level or availability the candidate did not state is scored by convention (see
    // `hireloop_match::adapt`): the reason says so rather than describe the convention as a fact.
    let placeholder_level = format!("{} (level fit", PLACEHOLDER_LEVEL.label());
    let reasons = m
        .reasons
        .into_iter()
        .map(|r| {
            if card.unstated.level && r.starts_with(&placeholder_level) {
                format!(
                    "Level not stated (scored as {})",
                    PLACEHOLDER_LEVEL.label().to_lowercase()
                )
            } else if card.unstated.availability && r.starts_with("Available") {
                "Availability not stated (counts half)".to_string()
            } else {
                r
            }
        })
        .collect();
    RankedCandidate {
        candidate_id: m.candidate_id.as_uuid(),
        name: card.name,
        score: m.score,
        breakdown: m.breakdown,
        matched_skills: m.matched_skills,
        missing_skills: m.missing_skills,
        unrecognised_skills: card.unrecognised_skills,
        reasons,
    }
}

/// What happened to one shortlisted candidate.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ShortlistOutcome {
    pub candidate_id: Uuid,
    /// `created`, `already_on_role` or `no_such_candidate`.
    pub outcome: &'static str,
    /// The new application, when created.
    pub application_id: Option<Uuid>,
    pub message: Option<String>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ShortlistResult {
    pub role_id: Uuid,
    /// How many applications were created.
    pub created: usize,
    pub outcomes: Vec<ShortlistOutcome>,
}

/// Puts each candidate on the role at the first stage, in order, each on its own: a duplicate
/// never undoes the others. The role must exist and take applications.
pub async fn shortlist(
    state: &AppState,
    id: RoleId,
    candidate_ids: &[Uuid],
    by: UserId,
) -> AppResult<ShortlistResult> {
    let role = state
        .store
        .role(id)
        .await?
        .ok_or(AppError::NotFound("role"))?;
    if !role.status.accepts_applications() {
        return Err(AppError::Conflict {
            field: Some("role_id".into()),
            message: format!(
                "the role is {} and takes no new applications",
                role.status.label().to_lowercase()
            ),
        });
    }
    let mut outcomes = Vec::with_capacity(candidate_ids.len());
    for &candidate_id in candidate_ids {
        let new = NewApplication {
            role_id: id,
            candidate_id: CandidateId(candidate_id),
            stage: Stage::Sourced,
        };
        let outcome = match state.store.create_application(&new, Some(by)).await {
            Ok(application) => ShortlistOutcome {
                candidate_id,
                outcome: "created",
                application_id: Some(application.id.as_uuid()),
                message: None,
            },
            Err(StoreError::Conflict {
                field: Some("candidate_id"),
                message,
            }) => ShortlistOutcome {
                candidate_id,
                outcome: "already_on_role",
                application_id: None,
                message: Some(message),
            },
            Err(StoreError::Invalid(errors)) if errors.message_for("candidate_id").is_some() => {
                ShortlistOutcome {
                    candidate_id,
                    outcome: "no_such_candidate",
                    application_id: None,
                    message: errors.message_for("candidate_id").map(str::to_string),
                }
            }
            Err(other) => return Err(other.into()),
        };
        outcomes.push(outcome);
    }
    Ok(ShortlistResult {
        role_id: id.as_uuid(),
        created: outcomes.iter().filter(|o| o.outcome == "created").count(),
        outcomes,
    })
}
