//! The in-process matching index over the talent pool: built from the database at start-up, kept in
//! sync as candidates are created through the API, searched per request behind a read lock.

use anyhow::Context;
use chrono::{NaiveDate, Utc};
use hireloop_core::candidate::Candidate;
use hireloop_core::ids::CandidateId;
use hireloop_match::adapt::candidate_profile;
use hireloop_match::{Index, Query, QueryError, SearchResult, Taxonomy};
use hireloop_store::Store;
use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::Instant;

/// Rows read from the database per batch while building.
const BUILD_BATCH: i64 = 1000;

/// What a result shows beside the engine's explanation, kept out of the engine on purpose: the
/// name must never reach the score.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CandidateCard {
    pub name: String,
    /// Skill tags the taxonomy does not know, as the candidate gave them.
    pub unrecognised_skills: Vec<String>,
}

struct Inner {
    index: Index,
    cards: HashMap<CandidateId, CandidateCard>,
}

/// The talent pool index shared by every request.
pub struct MatchingService {
    inner: RwLock<Inner>,
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
            }),
        }
    }

    /// Reads every candidate in id order, in batches, and indexes them. Logs the count, the time
    /// taken, and the tags no skill matches (they stay on the candidate as raw tags).
    pub async fn build(store: &Store, taxonomy: Arc<Taxonomy>) -> anyhow::Result<Self> {
        let started = Instant::now();
        let service = Self::empty(taxonomy);
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
        let adapted = candidate_profile(inner.index.taxonomy(), candidate, today());
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
            },
        );
        adapted.unknown_skills
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
        let cards = result
            .matches
            .iter()
            .map(|m| {
                inner
                    .cards
                    .get(&m.candidate_id)
                    .cloned()
                    .unwrap_or_default()
            })
            .collect();
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
