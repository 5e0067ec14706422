//! The talent pool's change feed and the batch reads the servers' indexes follow it with (issue
//! #5). Triggers on `candidates` and `resume_documents` append a row to `pool_changes` for every
//! write, whoever makes it; on PostgreSQL they also notify the `hireloop_pool` channel.

use crate::{Backend, Result, Store};
use chrono::{DateTime, Utc};
use hireloop_core::candidate::Candidate;
use hireloop_core::ids::CandidateId;

/// The notification channel the PostgreSQL triggers notify on every pool write.
pub const POOL_CHANNEL: &str = "hireloop_pool";

/// One write to a candidate (or one of their resume documents). Ids grow with every write; on
/// PostgreSQL a transaction that commits late can make a lower id appear after a higher one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolChange {
    pub id: i64,
    pub candidate_id: CandidateId,
}

impl Store {
    /// The highest change id so far, 0 for none: read before building an index, so that every
    /// write the build may have missed is after it.
    pub async fn latest_pool_change(&self) -> Result<i64> {
        dispatch!(self.latest_pool_change())
    }

    /// Up to `limit` changes with an id above `after`, lowest first.
    pub async fn pool_changes_after(&self, after: i64, limit: i64) -> Result<Vec<PoolChange>> {
        dispatch!(self.pool_changes_after(after, limit))
    }

    /// Deletes the changes recorded before `before`; returns how many.
    pub async fn prune_pool_changes(&self, before: DateTime<Utc>) -> Result<u64> {
        dispatch!(self.prune_pool_changes(before))
    }

    /// The candidates with these ids that exist (a deleted one is simply absent), in id order,
    /// ignoring visibility.
    pub async fn candidates_by_ids(&self, ids: &[CandidateId]) -> Result<Vec<Candidate>> {
        dispatch!(self.candidates_by_ids(ids))
    }

    /// The newest resume document's extracted text of each of these candidates that has one, in
    /// candidate id order.
    pub async fn newest_resume_texts(
        &self,
        ids: &[CandidateId],
    ) -> Result<Vec<(CandidateId, String)>> {
        dispatch!(self.newest_resume_texts(ids))
    }

    /// The newest resume text of up to `limit` candidates with an id above `after`, lowest id
    /// first: the start-up read of every resume, in batches.
    pub async fn resume_texts_after(
        &self,
        after: Option<CandidateId>,
        limit: i64,
    ) -> Result<Vec<(CandidateId, String)>> {
        dispatch!(self.resume_texts_after(after, limit))
    }

    /// On PostgreSQL, a listener on the pool's change channel, on a connection of its own (so it
    /// never takes one from the request pool); None on SQLite, where servers poll.
    pub async fn listen_pool_changes(&self) -> Result<Option<PoolChangeListener>> {
        let Backend::Postgres(q) = &self.backend else {
            return Ok(None);
        };
        let options = q.pool.connect_options().as_ref().clone();
        let pool = sqlx::postgres::PgPoolOptions::new()
            .max_connections(1)
            .connect_lazy_with(options);
        let mut listener = sqlx::postgres::PgListener::connect_with(&pool).await?;
        listener.listen(POOL_CHANNEL).await?;
        Ok(Some(PoolChangeListener { listener, pool }))
    }
}

/// Waits for pool-change notifications (PostgreSQL).
pub struct PoolChangeListener {
    listener: sqlx::postgres::PgListener,
    pool: sqlx::PgPool,
}

impl PoolChangeListener {
    /// Waits for the next notification. After a lost connection it reconnects and returns, so
    /// the caller re-reads the feed (notifications sent meanwhile are lost, the rows are not).
    pub async fn recv(&mut self) -> Result<()> {
        // None means the connection was lost; the next call reconnects.
        self.listener.try_recv().await?;
        Ok(())
    }

    /// Closes the listener's connection.
    pub async fn close(self) {
        drop(self.listener);
        self.pool.close().await;
    }
}
