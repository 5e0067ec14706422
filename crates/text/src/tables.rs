//! The tables between tantivy documents and the matching index's slots, and the two ways of
//! collecting a text's hits through them.

use crate::{ID_HI, ID_LO};
use hireloop_core::ids::CandidateId;
use hireloop_match::{Index, SlotHits, TextHits};
use roaring::RoaringBitmap;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use tantivy::columnar::Column;
use tantivy::index::SegmentId;
use tantivy::query::{EnableScoring, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Searcher, SegmentReader, TERMINATED};
use uuid::Uuid;

/// Stands for "no slot" (a document whose candidate the matching index did not hold when the
/// table was made) and for "no document" (a slot no live document belongs to).
const NONE: u32 = u32::MAX;

/// How many times dearer finding one survivor's document among the text's matches (a seek, which
/// mostly decodes a new block of each word's postings) is than walking one estimated match: the
/// survivors are sought only when fewer than the estimate over this. Measured at 1M profiles
/// (docs/performance.md, third fix): 120-350 ns a survivor sought, 28-46 ns an estimated match
/// walked.
const SEEK_COST: u64 = 4;

/// One segment's documents -> slots, right while the matching index's slot epoch is `epoch`
/// (segments never change; a removal from the matching index may move slots).
struct SegmentSlots {
    epoch: u64,
    slots: Vec<u32>,
}

/// Slots -> live documents across one searcher's segments.
struct Reverse {
    generation: u64,
    epoch: u64,
    slot_count: usize,
    /// Per slot: its live document, numbered across segments (`bases[segment] + doc`).
    docs: Vec<u32>,
    /// The first document number of each segment, by segment ordinal.
    bases: Vec<u32>,
}

/// The tables for one text index and one matching index, made when first needed and kept while
/// they stay right. Safe to share between threads.
#[derive(Default)]
pub struct SlotTables {
    forward: Mutex<HashMap<SegmentId, Arc<SegmentSlots>>>,
    reverse: Mutex<Option<Arc<Reverse>>>,
}

// A panic while a table was being made leaves no half table behind (each is inserted whole).
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A segment's candidate-id columns.
struct Ids(Column<u64>, Column<u64>);

impl Ids {
    fn of(reader: &SegmentReader) -> tantivy::Result<Self> {
        let ff = reader.fast_fields();
        Ok(Self(ff.u64(ID_HI)?, ff.u64(ID_LO)?))
    }

    fn candidate(&self, doc: DocId) -> Option<CandidateId> {
        let (hi, lo) = (self.0.first(doc)?, self.1.first(doc)?);
        Some(CandidateId(Uuid::from_u128(
            (u128::from(hi) << 64) | u128::from(lo),
        )))
    }
}

/// Slots of documents whose table had none: candidates that reached the matching index after
/// their segment's table was made, looked up by id (the columns are opened once, if needed).
struct Late<'a> {
    reader: &'a SegmentReader,
    ids: Option<Ids>,
}

impl<'a> Late<'a> {
    fn new(reader: &'a SegmentReader) -> Self {
        Self { reader, ids: None }
    }

    fn slot(&mut self, index: &Index, doc: DocId) -> tantivy::Result<Option<u32>> {
        if self.ids.is_none() {
            self.ids = Some(Ids::of(self.reader)?);
        }
        Ok(self
            .ids
            .as_ref()
            .and_then(|ids| ids.candidate(doc))
            .and_then(|id| index.slot_of(id)))
    }
}

impl SlotTables {
    /// Who `query` matches, with BM25 scores, as slots of `index`. With `survivors` (the slots
    /// that pass the role's other filters) and when they are few against the text's estimated
    /// matches, only they are looked at (`TextHits::Survivors`); else every match
    /// (`TextHits::Slots`). Call under the lock that holds `index`.
    pub fn hits(
        &self,
        searcher: &Searcher,
        query: &dyn Query,
        index: &Index,
        survivors: Option<&RoaringBitmap>,
    ) -> tantivy::Result<TextHits> {
        let weight = query.weight(EnableScoring::enabled_from_searcher(searcher))?;
        let mut scorers = Vec::new();
        let mut estimate = 0u64;
        for reader in searcher.segment_readers() {
            let scorer = weight.scorer(reader, 1.0)?;
            estimate += u64::from(scorer.size_hint());
            scorers.push(scorer);
        }
        let epoch = index.slot_epoch();
        let hits = match survivors {
            Some(s) if s.len().saturating_mul(SEEK_COST) < estimate => {
                TextHits::Survivors(SlotHits {
                    epoch,
                    hits: self.among(searcher, scorers, index, s)?,
                })
            }
            _ => {
                // Those were for the estimate; `for_each` makes its own, of the concrete type.
                drop(scorers);
                TextHits::Slots(SlotHits {
                    epoch,
                    hits: self.every(searcher, weight.as_ref(), index)?,
                })
            }
        };
        self.forget_dead_segments(searcher);
        Ok(hits)
    }

    /// Makes every table now (the benchmark does, so that no timed query pays for it).
    pub fn prepare(&self, searcher: &Searcher, index: &Index) -> tantivy::Result<()> {
        self.reverse(searcher, index).map(drop)
    }

    /// Bytes the tables hold.
    pub fn bytes(&self) -> usize {
        let forward: usize = lock(&self.forward)
            .values()
            .map(|t| t.slots.len() * 4)
            .sum();
        let reverse = lock(&self.reverse)
            .as_ref()
            .map_or(0, |r| (r.docs.len() + r.bases.len()) * 4);
        forward + reverse
    }

    /// Every live match, walking each segment's matches in order (`Weight::for_each`, which
    /// tantivy runs on the concrete scorer: no dynamic call per match).
    fn every(
        &self,
        searcher: &Searcher,
        weight: &dyn Weight,
        index: &Index,
    ) -> tantivy::Result<Vec<(u32, f32)>> {
        let mut hits = Vec::new();
        for reader in searcher.segment_readers() {
            let table = self.forward(reader, index)?;
            let alive = reader.alive_bitset();
            // Documents whose table had no slot: looked up by id after the walk.
            let mut unknown: Vec<(DocId, f32)> = Vec::new();
            weight.for_each(reader, &mut |doc, score| {
                if alive.is_none_or(|a| a.is_alive(doc)) {
                    match table.slots.get(doc as usize) {
                        Some(&slot) if slot != NONE => hits.push((slot, score)),
                        _ => unknown.push((doc, score)),
                    }
                }
            })?;
            let mut late = Late::new(reader);
            for (doc, score) in unknown {
                if let Some(slot) = late.slot(index, doc)? {
                    hits.push((slot, score));
                }
            }
        }
        Ok(hits)
    }

    /// The matches among `survivors`: each one's document, in document order per segment, sought
    /// in the segment's matches.
    fn among(
        &self,
        searcher: &Searcher,
        scorers: Vec<Box<dyn Scorer>>,
        index: &Index,
        survivors: &RoaringBitmap,
    ) -> tantivy::Result<Vec<(u32, f32)>> {
        let reverse = self.reverse(searcher, index)?;
        let mut wanted: Vec<Vec<(DocId, u32)>> = vec![Vec::new(); scorers.len()];
        for slot in survivors {
            let Some(&at) = reverse.docs.get(slot as usize) else {
                continue;
            };
            if at == NONE {
                continue;
            }
            let segment = reverse
                .bases
                .partition_point(|&b| b <= at)
                .saturating_sub(1);
            if let (Some(list), Some(base)) = (wanted.get_mut(segment), reverse.bases.get(segment))
            {
                list.push((at - base, slot));
            }
        }
        let mut hits = Vec::new();
        for (mut scorer, mut docs) in scorers.into_iter().zip(wanted) {
            // Slots mostly follow documents (both in the order candidates arrived), not always.
            if !docs.is_sorted_by_key(|d| d.0) {
                docs.sort_unstable_by_key(|d| d.0);
            }
            for (doc, slot) in docs {
                let mut at = scorer.doc();
                if at < doc {
                    at = scorer.seek(doc);
                }
                if at == TERMINATED {
                    break;
                }
                if at == doc {
                    hits.push((slot, scorer.score()));
                }
            }
        }
        Ok(hits)
    }

    /// A segment's document -> slot table, made now if it is missing or out of date.
    fn forward(&self, reader: &SegmentReader, index: &Index) -> tantivy::Result<Arc<SegmentSlots>> {
        let epoch = index.slot_epoch();
        if let Some(t) = lock(&self.forward).get(&reader.segment_id()) {
            if t.epoch == epoch {
                return Ok(t.clone());
            }
        }
        let ids = Ids::of(reader)?;
        let slots = (0..reader.max_doc())
            .map(|doc| {
                ids.candidate(doc)
                    .and_then(|id| index.slot_of(id))
                    .unwrap_or(NONE)
            })
            .collect();
        let table = Arc::new(SegmentSlots { epoch, slots });
        lock(&self.forward).insert(reader.segment_id(), table.clone());
        Ok(table)
    }

    /// The slot -> document table for this searcher, made now if it is missing or out of date
    /// (after any change to the text index or a removal from the matching index).
    fn reverse(&self, searcher: &Searcher, index: &Index) -> tantivy::Result<Arc<Reverse>> {
        let generation = searcher.generation().generation_id();
        let (epoch, slot_count) = (index.slot_epoch(), index.slot_count());
        if let Some(r) = lock(&self.reverse).as_ref() {
            if (r.generation, r.epoch, r.slot_count) == (generation, epoch, slot_count) {
                return Ok(r.clone());
            }
        }
        let mut docs = vec![NONE; slot_count];
        let mut bases = Vec::new();
        let mut base = 0u32;
        for reader in searcher.segment_readers() {
            bases.push(base);
            let table = self.forward(reader, index)?;
            let alive = reader.alive_bitset();
            let mut late = Late::new(reader);
            for doc in 0..reader.max_doc() {
                if !alive.is_none_or(|a| a.is_alive(doc)) {
                    continue;
                }
                let slot = match table.slots.get(doc as usize) {
                    Some(&slot) if slot != NONE => Some(slot),
                    _ => late.slot(index, doc)?,
                };
                if let Some(d) = slot.and_then(|s| docs.get_mut(s as usize)) {
                    *d = base + doc;
                }
            }
            base = base.saturating_add(reader.max_doc());
        }
        let r = Arc::new(Reverse {
            generation,
            epoch,
            slot_count,
            docs,
            bases,
        });
        *lock(&self.reverse) = Some(r.clone());
        Ok(r)
    }

    /// Drops the tables of segments merged away since.
    fn forget_dead_segments(&self, searcher: &Searcher) {
        let live: HashSet<SegmentId> = searcher
            .segment_readers()
            .iter()
            .map(SegmentReader::segment_id)
            .collect();
        lock(&self.forward).retain(|id, _| live.contains(id));
    }
}
