//! Free text for the matching engine: every candidate the text finds, with its BM25 score, and no
//! facets or page (the engine ranks; this only says who matched and how well).

use super::{SearchError, SearchService};
use hireloop_core::ids::CandidateId;
use hireloop_match::{TextHits, TextMatch};
use roaring::RoaringBitmap;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
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

    /// The free text read once (a `SearchError::Query` says why it cannot be), to find its hits
    /// later with `text_hits`.
    pub fn read_text(&self, q: &str) -> Result<ReadText, SearchError> {
        self.parse_text(q).map(ReadText)
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
    /// The free text as the matching engine's text part, hits by id with their BM25 scores (the
    /// engine scales them against the best among who pass the role's filters). Blank text is
    /// the caller's to reject. For a caller whose matching index is not at hand: `text_hits` is
    /// faster.
    pub fn text_match(&self, q: &str) -> Result<TextMatch, SearchError> {
        let hits = self.text_scores(q)?;
        let hits = hits
            .into_iter()
            .map(|(id, s)| (CandidateId(id), s))
            .collect();
        Ok(TextMatch::new(q.trim(), hits))
    }

    /// Who a free text matches, as `index`'s slots: all of the pool, or only `survivors` (the
    /// slots passing the role's other filters) when they are few enough for that to be cheaper
    /// (`hireloop_text::SlotTables`). Call under the lock that holds `index`.
    pub fn text_hits(
        &self,
        text: &ReadText,
        index: &hireloop_match::Index,
        survivors: Option<&RoaringBitmap>,
    ) -> Result<TextHits, SearchError> {
        let searcher = self.reader.searcher();
        self.slot_tables
            .hits(&searcher, &*text.0, index, survivors)
            .map_err(super::index_err("text search"))
    }
}

/// A free text as the search index reads it (`SearchService::read_text`).
pub struct ReadText(Box<dyn Query>);
