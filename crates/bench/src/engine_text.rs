//! The engine's free text, as the product does it: a text-only tantivy index over the profile
//! texts finds every candidate a text matches (all of its words) with a BM25 score; relevance is
//! the score over the best hit's (crates/server/src/search/text.rs), handed to the engine as
//! `Query::text`, as the matching index's slots through a document -> slot table per segment
//! (as the server does). The index and its tables are built and measured apart from the
//! matching index.

use crate::spec::{text_tokens, BenchQuery};
use crate::{BenchError, Progress};
use hireloop_core::ids::CandidateId;
use hireloop_match::{Index as MatchIndex, Profile, Query, SlotHits, TextHits, TextMatch};
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::directory::RamDirectory;
use tantivy::index::SegmentId;
use tantivy::query::{BooleanQuery, EmptyQuery, Occur, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Schema, FAST, TEXT};
use tantivy::{
    DocId, Index, IndexReader, Score, Searcher, SegmentOrdinal, SegmentReader, TantivyDocument,
    Term,
};
use uuid::Uuid;

/// Memory the index writer may use while building (split across its threads).
const WRITER_BUDGET: usize = 128 * 1024 * 1024;

fn tv(what: &str) -> impl Fn(tantivy::TantivyError) -> BenchError + '_ {
    move |e| BenchError::Tantivy(format!("{what}: {e}"))
}

/// The profile texts in a RAM index: the candidate id (fast fields) and the text (tokenized, not stored).
pub struct EngineText {
    dir: RamDirectory,
    reader: IndexReader,
    body: Field,
    /// Per segment: each document's slot in the matching index (`NO_SLOT` for none).
    tables: HashMap<SegmentId, Arc<[u32]>>,
    /// The matching index's slot epoch the tables were made at.
    epoch: u64,
}

/// A document whose candidate the matching index does not hold.
const NO_SLOT: u32 = u32::MAX;

impl EngineText {
    /// `texts[i]` is `profiles[i]`'s text; `index` is the matching index the hits go to.
    pub fn build(
        profiles: &[Profile],
        texts: &[String],
        threads: usize,
        progress: &dyn Progress,
        matching: &MatchIndex,
    ) -> Result<Self, BenchError> {
        let mut b = Schema::builder();
        let id_hi = b.add_u64_field("id_hi", FAST);
        let id_lo = b.add_u64_field("id_lo", FAST);
        let body = b.add_text_field("body", TEXT);
        let dir = RamDirectory::create();
        let index = Index::create(dir.clone(), b.build(), Default::default())
            .map_err(tv("text index: create"))?;
        let mut writer = index
            .writer_with_num_threads::<TantivyDocument>(threads.max(1), WRITER_BUDGET)
            .map_err(tv("text index: writer"))?;
        progress.start("text index", profiles.len() as u64);
        for (i, (p, text)) in profiles.iter().zip(texts).enumerate() {
            let id = p.id.as_uuid().as_u128();
            let mut doc = TantivyDocument::default();
            doc.add_u64(id_hi, (id >> 64) as u64);
            doc.add_u64(id_lo, id as u64);
            doc.add_text(body, text);
            writer.add_document(doc).map_err(tv("text index: add"))?;
            if i % 10_000 == 9_999 {
                progress.inc(10_000);
            }
        }
        writer.commit().map_err(tv("text index: commit"))?;
        writer
            .wait_merging_threads()
            .map_err(tv("text index: merge"))?;
        progress.finish();
        let reader = index.reader().map_err(tv("text index: reader"))?;
        let mut tables = HashMap::new();
        for segment in reader.searcher().segment_readers() {
            let ff = segment.fast_fields();
            let id_hi = ff.u64("id_hi").map_err(tv("text index: ids"))?;
            let id_lo = ff.u64("id_lo").map_err(tv("text index: ids"))?;
            let slots = (0..segment.max_doc())
                .map(|doc| match (id_hi.first(doc), id_lo.first(doc)) {
                    (Some(hi), Some(lo)) => {
                        let id = Uuid::from_u128((u128::from(hi) << 64) | u128::from(lo));
                        matching.slot_of(CandidateId(id)).unwrap_or(NO_SLOT)
                    }
                    _ => NO_SLOT,
                })
                .collect::<Arc<[u32]>>();
            tables.insert(segment.segment_id(), slots);
        }
        Ok(Self {
            dir,
            reader,
            body,
            tables,
            epoch: matching.slot_epoch(),
        })
    }

    /// Bytes of the index files held in RAM, and of the document -> slot tables.
    pub fn bytes(&self) -> u64 {
        let tables: usize = self.tables.values().map(|t| t.len() * 4).sum();
        self.dir.total_mem_usage() as u64 + tables as u64
    }

    fn searcher(&self) -> Searcher {
        self.reader.searcher()
    }

    /// Every candidate having all the text's words, as `(slot, BM25 score)`.
    pub fn hits(&self, text: &str) -> Result<Vec<(u32, f32)>, BenchError> {
        let words = text_tokens(text);
        let query: Box<dyn tantivy::query::Query> = if words.is_empty() {
            Box::new(EmptyQuery)
        } else {
            Box::new(BooleanQuery::new(
                words
                    .iter()
                    .map(|w| {
                        let term = Term::from_field_text(self.body, w);
                        let q: Box<dyn tantivy::query::Query> =
                            Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs));
                        (Occur::Must, q)
                    })
                    .collect(),
            ))
        };
        self.searcher()
            .search(
                query.as_ref(),
                &SlotScores {
                    tables: &self.tables,
                },
            )
            .map_err(tv("text search"))
    }

    /// The text as the engine's `TextMatch` with the given weight: relevance = score / best score.
    pub fn text_match(&self, text: &str, weight: f32) -> Result<TextMatch, BenchError> {
        let mut hits = self.hits(text)?;
        let best = hits.iter().map(|(_, s)| *s).fold(0.0f32, f32::max);
        for (_, s) in &mut hits {
            *s = if best > 0.0 {
                (*s / best).clamp(0.0, 1.0)
            } else {
                1.0
            };
        }
        let mut m = TextMatch::with_hits(
            text,
            TextHits::Slots(SlotHits {
                epoch: self.epoch,
                hits,
            }),
        );
        m.weight = weight;
        Ok(m)
    }

    /// The engine's query for a benchmark query: with its text searched now. A filter-only
    /// query's text weighs 0, so every survivor still scores the same.
    pub fn engine_query<'q>(&self, q: &'q BenchQuery) -> Result<Cow<'q, Query>, BenchError> {
        let Some(text) = &q.text else {
            return Ok(Cow::Borrowed(&q.query));
        };
        let weight = if q.filter_only {
            0.0
        } else {
            hireloop_match::DEFAULT_TEXT_WEIGHT
        };
        let mut query = q.query.clone();
        query.text = Some(self.text_match(text, weight)?);
        Ok(Cow::Owned(query))
    }
}

/// Collects `(slot, score)` for every matching document through the segment's table.
struct SlotScores<'a> {
    tables: &'a HashMap<SegmentId, Arc<[u32]>>,
}

struct SegmentScores {
    // Segments are fixed once built: the table is shared, not copied per query.
    table: Arc<[u32]>,
    hits: Vec<(u32, f32)>,
}

impl Collector for SlotScores<'_> {
    type Fruit = Vec<(u32, f32)>;
    type Child = SegmentScores;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentScores> {
        let table = self
            .tables
            .get(&reader.segment_id())
            .cloned()
            .unwrap_or_else(|| Arc::from(Vec::new()));
        Ok(SegmentScores {
            table,
            hits: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, fruits: Vec<Vec<(u32, f32)>>) -> tantivy::Result<Self::Fruit> {
        Ok(fruits.into_iter().flatten().collect())
    }
}

impl SegmentCollector for SegmentScores {
    type Fruit = Vec<(u32, f32)>;

    fn collect(&mut self, doc: DocId, score: Score) {
        if let Some(&slot) = self.table.get(doc as usize) {
            if slot != NO_SLOT {
                self.hits.push((slot, score));
            }
        }
    }

    fn harvest(self) -> Self::Fruit {
        self.hits
    }
}
