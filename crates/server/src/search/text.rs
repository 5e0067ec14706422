//! Free text for the matching engine: every candidate the text finds, with its BM25 score, and no
//! facets or page (the engine ranks; this only says who matched and how well).

use super::{SearchError, SearchService};
use hireloop_core::ids::CandidateId;
use hireloop_match::{SlotHits, TextHits, TextMatch};
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::index::SegmentId;
use tantivy::query::{Query, QueryParser};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};
use uuid::Uuid;

impl SearchService {
    /// The free text as a tantivy query over the profile's text fields and the resume (which
    /// counts for less); several words must all match. A text that does not parse is the user's.
    pub(super) fn parse_text(&self, q: &str) -> Result<Box<dyn Query>, SearchError> {
        let f = &self.fields;
        let mut parser = QueryParser::for_index(
            &self.index,
            vec![
                f.name,
                f.location,
                f.skill_text,
                f.tags,
                f.industries,
                f.resume,
            ],
        );
        parser.set_field_boost(f.resume, super::RESUME_BOOST);
        // Several words find profiles with all of them, as a search box is expected to.
        parser.set_conjunction_by_default();
        parser
            .parse_query(q)
            .map_err(|e| SearchError::Query(format!("cannot read the query: {e}")))
    }

    /// Every candidate the free text matches, with its BM25 score (> 0), in no particular order.
    pub fn text_scores(&self, q: &str) -> Result<Vec<(Uuid, f32)>, SearchError> {
        let query = self.parse_text(q)?;
        let searcher = self.reader.searcher();
        searcher
            .search(&*query, &AllScores)
            .map_err(super::index_err("text search"))
    }
}

/// Collects `(id, score)` for every matching document.
struct AllScores;

struct SegmentScores {
    id_hi: Column<u64>,
    id_lo: Column<u64>,
    hits: Vec<(Uuid, f32)>,
}

impl Collector for AllScores {
    type Fruit = Vec<(Uuid, f32)>;
    type Child = SegmentScores;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentScores> {
        let ff = reader.fast_fields();
        Ok(SegmentScores {
            id_hi: ff.u64("id_hi")?,
            id_lo: ff.u64("id_lo")?,
            hits: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, fruits: Vec<Vec<(Uuid, f32)>>) -> tantivy::Result<Self::Fruit> {
        Ok(fruits.into_iter().flatten().collect())
    }
}

impl SegmentCollector for SegmentScores {
    type Fruit = Vec<(Uuid, f32)>;

    fn collect(&mut self, doc: DocId, score: Score) {
        if let (Some(hi), Some(lo)) = (self.id_hi.first(doc), self.id_lo.first(doc)) {
            self.hits.push((
                Uuid::from_u128((u128::from(hi) << 64) | u128::from(lo)),
                score,
            ));
        }
    }

    fn harvest(self) -> Self::Fruit {
        self.hits
    }
}

impl SearchService {
    /// The free text as the matching engine's text part: relevance is the BM25 score over the
    /// best hit's, so the best match has 1. Blank text is the caller's to reject. Hits by id: for
    /// a caller whose matching index is not the one at hand (`text_match_in` is faster).
    pub fn text_match(&self, q: &str) -> Result<TextMatch, SearchError> {
        let hits = self.text_scores(q)?;
        let best = best_score(hits.iter().map(|(_, s)| *s));
        let relevance = hits
            .into_iter()
            .map(|(id, s)| (CandidateId(id), relevance(s, best)))
            .collect();
        Ok(TextMatch::new(q.trim(), relevance))
    }

    /// `text_match` with the hits as `index`'s slots, through a per-segment table of document ->
    /// slot kept until the index's slot epoch changes: no lookup by id per hit, which at a
    /// million profiles cost more than the search itself. Call under the lock that holds `index`.
    pub fn text_match_in(
        &self,
        q: &str,
        index: &hireloop_match::Index,
    ) -> Result<TextMatch, SearchError> {
        let query = self.parse_text(q)?;
        let searcher = self.reader.searcher();
        let collector = SlotScores {
            index,
            tables: &self.slot_tables,
        };
        let (mut hits, unresolved) = searcher
            .search(&*query, &collector)
            .map_err(super::index_err("text search"))?;
        // Documents indexed before their candidate reached the matching index: by id, once each.
        hits.extend(
            unresolved
                .into_iter()
                .filter_map(|(id, s)| index.slot_of(CandidateId(id)).map(|slot| (slot, s))),
        );
        {
            let live: HashSet<SegmentId> = searcher
                .segment_readers()
                .iter()
                .map(SegmentReader::segment_id)
                .collect();
            lock(&self.slot_tables).retain(|id, _| live.contains(id));
        }
        let best = best_score(hits.iter().map(|(_, s)| *s));
        for (_, s) in &mut hits {
            *s = relevance(*s, best);
        }
        Ok(TextMatch::with_hits(
            q.trim(),
            TextHits::Slots(SlotHits {
                epoch: index.slot_epoch(),
                hits,
            }),
        ))
    }
}

fn best_score(scores: impl Iterator<Item = f32>) -> f32 {
    scores.fold(0.0f32, f32::max)
}

fn relevance(score: f32, best: f32) -> f32 {
    if best > 0.0 {
        (score / best).clamp(0.0, 1.0)
    } else {
        1.0
    }
}

/// Stands for a document whose candidate the matching index did not hold when the table was made.
const NO_SLOT: u32 = u32::MAX;

/// A segment's documents -> slots of the matching index, as of `epoch`.
pub(super) struct SegmentSlots {
    epoch: u64,
    slots: Vec<u32>,
}

/// Tables per segment; segments are immutable, so a table stays right until the epoch changes.
pub(super) type SlotTables = Mutex<HashMap<SegmentId, Arc<SegmentSlots>>>;

// A panic while a table was being made leaves no half table behind (it is inserted whole).
fn lock(tables: &SlotTables) -> std::sync::MutexGuard<'_, HashMap<SegmentId, Arc<SegmentSlots>>> {
    tables.lock().unwrap_or_else(|e| e.into_inner())
}

/// Collects `(slot, score)` for every matching document, and `(id, score)` for the few whose
/// candidate had no slot when their segment's table was made.
struct SlotScores<'a> {
    index: &'a hireloop_match::Index,
    tables: &'a SlotTables,
}

struct SegmentSlotScores {
    table: Arc<SegmentSlots>,
    id_hi: Column<u64>,
    id_lo: Column<u64>,
    hits: Vec<(u32, f32)>,
    unresolved: Vec<(Uuid, f32)>,
}

fn doc_id(id_hi: &Column<u64>, id_lo: &Column<u64>, doc: DocId) -> Option<Uuid> {
    match (id_hi.first(doc), id_lo.first(doc)) {
        (Some(hi), Some(lo)) => Some(Uuid::from_u128((u128::from(hi) << 64) | u128::from(lo))),
        _ => None,
    }
}

impl Collector for SlotScores<'_> {
    type Fruit = (Vec<(u32, f32)>, Vec<(Uuid, f32)>);
    type Child = SegmentSlotScores;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentSlotScores> {
        let ff = reader.fast_fields();
        let (id_hi, id_lo) = (ff.u64("id_hi")?, ff.u64("id_lo")?);
        let epoch = self.index.slot_epoch();
        let mut tables = lock(self.tables);
        let table = match tables.get(&reader.segment_id()) {
            Some(t) if t.epoch == epoch => t.clone(),
            _ => {
                let slots = (0..reader.max_doc())
                    .map(|doc| {
                        doc_id(&id_hi, &id_lo, doc)
                            .and_then(|id| self.index.slot_of(CandidateId(id)))
                            .unwrap_or(NO_SLOT)
                    })
                    .collect();
                let t = Arc::new(SegmentSlots { epoch, slots });
                tables.insert(reader.segment_id(), t.clone());
                t
            }
        };
        Ok(SegmentSlotScores {
            table,
            id_hi,
            id_lo,
            hits: Vec::new(),
            unresolved: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(
        &self,
        fruits: Vec<(Vec<(u32, f32)>, Vec<(Uuid, f32)>)>,
    ) -> tantivy::Result<Self::Fruit> {
        let mut out = (Vec::new(), Vec::new());
        for (hits, unresolved) in fruits {
            out.0.extend(hits);
            out.1.extend(unresolved);
        }
        Ok(out)
    }
}

impl SegmentCollector for SegmentSlotScores {
    type Fruit = (Vec<(u32, f32)>, Vec<(Uuid, f32)>);

    fn collect(&mut self, doc: DocId, score: Score) {
        match self.table.slots.get(doc as usize) {
            Some(&slot) if slot != NO_SLOT => self.hits.push((slot, score)),
            _ => {
                if let Some(id) = doc_id(&self.id_hi, &self.id_lo, doc) {
                    self.unresolved.push((id, score));
                }
            }
        }
    }

    fn harvest(self) -> Self::Fruit {
        (self.hits, self.unresolved)
    }
}
