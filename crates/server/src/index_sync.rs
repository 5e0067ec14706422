//! Keeps the in-memory talent pool indexes (matching and search) in step with writes made outside
//! this process: another server on the same database, or the CLI. Triggers append every write to
//! a candidate or their resumes to `pool_changes` (migration 0012); this task reads the rows after
//! the last one it has seen every `index_refresh_ms`, re-reads those candidates and re-indexes or
//! drops them. On PostgreSQL it also listens on the `hireloop_pool` channel and refreshes at once
//! on a notification, polling still as the fallback. This server's own writes are indexed by
//! their handlers already; applying them again here is harmless.

use crate::state::AppState;
use hireloop_core::ids::CandidateId;
use hireloop_store::pool_changes::PoolChangeListener;
use hireloop_store::{Store, StoreError};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::time::{Duration, Instant};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// Changes read per query.
const PAGE: i64 = 5000;
/// Candidates re-read per batch in a full resync.
const RESYNC_BATCH: i64 = 1000;
/// On PostgreSQL a transaction can commit after one that took a later id: a skipped id is looked
/// for again until this old. (On SQLite writers take ids in commit order.)
const GAP_WAIT: Duration = Duration::from_secs(60);
/// Changes older than this are deleted from the feed.
const RETENTION: Duration = Duration::from_secs(24 * 3600);
/// How often this server prunes the feed.
const PRUNE_EVERY: Duration = Duration::from_secs(600);
/// After a failed attempt to listen, try again this much later.
const RELISTEN_AFTER: Duration = Duration::from_secs(30);

/// The running task; `stop` ends it (the server does when it shuts down).
pub struct IndexSync {
    stop: oneshot::Sender<()>,
    task: JoinHandle<()>,
}

impl IndexSync {
    /// Stops the task and waits for it: a refresh under way finishes first.
    pub async fn stop(self) {
        let _ = self.stop.send(());
        let _ = self.task.await;
    }
}

/// Starts following the change feed from where the indexes were built, or does nothing when
/// `index_refresh_ms` is 0.
pub fn start(state: &AppState) -> Option<IndexSync> {
    let every = state.config.index_refresh_ms;
    if every == 0 {
        tracing::info!("index refresh off: writes by other servers show after a restart");
        return None;
    }
    let (stop, stopped) = oneshot::channel();
    let feed = Feed::new(state.matching.built_at_change());
    let task = tokio::spawn(run(
        state.clone(),
        Duration::from_millis(every),
        feed,
        stopped,
    ));
    Some(IndexSync { stop, task })
}

/// Re-reads these candidates (and their newest resume text) and re-indexes them in both indexes;
/// those gone from the database leave them. Returns how many were dropped.
pub async fn reindex(state: &AppState, ids: &[CandidateId]) -> Result<usize, StoreError> {
    let present = state.store.candidates_by_ids(ids).await?;
    let resumes: HashMap<CandidateId, String> = state
        .store
        .newest_resume_texts(ids)
        .await?
        .into_iter()
        .collect();
    let dropped = state.matching.apply(ids, &present);
    if let Err(e) = state.search.apply(ids, &present, resumes) {
        tracing::error!(error = %e, "search index not updated from the change feed");
    }
    Ok(dropped)
}

/// Where this server is in the change feed.
struct Feed {
    /// The highest change id applied.
    cursor: i64,
    /// Ids below `cursor` not seen yet, with when they were first missed.
    gaps: BTreeMap<i64, Instant>,
    /// The last time the feed was read: a server away longer than the retention resyncs fully.
    last_read: Instant,
    last_prune: Option<Instant>,
}

impl Feed {
    fn new(cursor: i64) -> Self {
        Self {
            cursor,
            gaps: BTreeMap::new(),
            last_read: Instant::now(),
            last_prune: None,
        }
    }

    /// Reads the changes not applied yet; returns the candidates they touch, once each.
    async fn read(&mut self, store: &Store) -> Result<Vec<CandidateId>, StoreError> {
        let now = Instant::now();
        self.gaps
            .retain(|_, first| now.duration_since(*first) < GAP_WAIT);
        // Reading from the oldest open gap finds a late commit; what is below `cursor` and not
        // a gap was applied already and is skipped.
        let mut after = self
            .gaps
            .keys()
            .next()
            .map_or(self.cursor, |g| (g - 1).min(self.cursor));
        let mut touched = Vec::new();
        let mut seen = HashSet::new();
        loop {
            let page = store.pool_changes_after(after, PAGE).await?;
            for change in &page {
                if change.id <= self.cursor {
                    if self.gaps.remove(&change.id).is_none() {
                        continue;
                    }
                } else {
                    for missing in self.cursor + 1..change.id {
                        self.gaps.insert(missing, now);
                    }
                    self.cursor = change.id;
                }
                if seen.insert(change.candidate_id) {
                    touched.push(change.candidate_id);
                }
            }
            match page.last() {
                Some(last) if page.len() as i64 == PAGE => after = last.id,
                _ => break,
            }
        }
        self.last_read = now;
        Ok(touched)
    }
}

async fn run(state: AppState, every: Duration, mut feed: Feed, mut stopped: oneshot::Receiver<()>) {
    let mut listener = listen(&state.store).await;
    let mut relisten_at = listener.is_none().then(|| Instant::now() + RELISTEN_AFTER);
    let mut tick = tokio::time::interval(every);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = &mut stopped => break,
            _ = tick.tick() => {}
            woke = notified(&mut listener) => {
                if let Err(e) = woke {
                    tracing::warn!(error = %e, "lost the pool change notifications; polling");
                    if let Some(l) = listener.take() {
                        l.close().await;
                    }
                    relisten_at = Some(Instant::now() + RELISTEN_AFTER);
                }
            }
        }
        if relisten_at.is_some_and(|at| Instant::now() >= at)
            && state.store.backend_name() == "postgres"
        {
            listener = listen(&state.store).await;
            relisten_at = listener.is_none().then(|| Instant::now() + RELISTEN_AFTER);
        }
        match refresh(&state, &mut feed).await {
            Ok(()) => {}
            Err(e) if crate::mail::is_closed(&e) => break,
            Err(e) => {
                tracing::warn!(error = %e, "refreshing the talent pool indexes failed; retrying")
            }
        }
    }
    if let Some(l) = listener {
        l.close().await;
    }
}

/// One refresh: a full resync if the feed may have been pruned past us, else the new changes;
/// then pruning, now and then.
async fn refresh(state: &AppState, feed: &mut Feed) -> Result<(), StoreError> {
    let started = Instant::now();
    if feed.last_read.elapsed() >= RETENTION {
        resync(state, feed).await?;
    } else {
        let touched = feed.read(&state.store).await?;
        if !touched.is_empty() {
            let mut dropped = 0;
            for chunk in touched.chunks(RESYNC_BATCH as usize) {
                dropped += reindex(state, chunk).await?;
            }
            state.metrics.record_index_refresh(touched.len() as u64);
            tracing::debug!(
                changed = touched.len(),
                dropped,
                cursor = feed.cursor,
                elapsed_ms = started.elapsed().as_millis() as u64,
                "talent pool indexes refreshed from the change feed"
            );
        }
    }
    state
        .metrics
        .set_index_profiles(state.matching.len(), state.search.len());
    if feed.last_prune.is_none_or(|at| at.elapsed() >= PRUNE_EVERY) {
        feed.last_prune = Some(Instant::now());
        let before = chrono::Utc::now()
            - chrono::Duration::from_std(RETENTION).unwrap_or(chrono::Duration::hours(24));
        let pruned = state.store.prune_pool_changes(before).await?;
        if pruned > 0 {
            tracing::debug!(pruned, "old pool changes pruned");
        }
    }
    Ok(())
}

/// Re-reads the whole pool into both indexes and drops what the database no longer has: for a
/// server that could not read the feed for longer than it is kept.
async fn resync(state: &AppState, feed: &mut Feed) -> Result<(), StoreError> {
    let started = Instant::now();
    // Anything written from here on is in the feed after this id and applied on the next poll.
    let cursor = state.store.latest_pool_change().await?;
    let mut seen = HashSet::new();
    let mut after = None;
    loop {
        let batch = state.store.candidates_after(after, RESYNC_BATCH).await?;
        let Some(last) = batch.last() else { break };
        after = Some(last.id);
        let ids: Vec<CandidateId> = batch.iter().map(|c| c.id).collect();
        reindex(state, &ids).await?;
        seen.extend(ids);
    }
    let mut stale: Vec<CandidateId> = state.matching.ids();
    stale.extend(state.search.ids());
    stale.retain(|id| !seen.contains(id));
    stale.sort();
    stale.dedup();
    if !stale.is_empty() {
        reindex(state, &stale).await?;
    }
    *feed = Feed::new(cursor);
    tracing::info!(
        profiles = seen.len(),
        dropped = stale.len(),
        elapsed_ms = started.elapsed().as_millis() as u64,
        "talent pool indexes resynced from the database"
    );
    Ok(())
}

async fn listen(store: &Store) -> Option<PoolChangeListener> {
    match store.listen_pool_changes().await {
        Ok(listener) => listener,
        Err(e) => {
            tracing::warn!(error = %e, "cannot listen for pool changes; polling only");
            None
        }
    }
}

/// The next notification, or never without a listener.
async fn notified(listener: &mut Option<PoolChangeListener>) -> Result<(), StoreError> {
    match listener {
        Some(l) => l.recv().await,
        None => std::future::pending().await,
    }
}
