//! The engine's free text, as the product does it: a text-only tantivy index over the profile
//! texts finds who a text matches (all of its words) with a BM25 score, and hands them to the
//! engine as its slots through `hireloop_text::SlotTables` (the server's code): among the
//! survivors of the role's other filters when they are few, else every match. The index and its
//! tables are built and measured apart from the matching index.

use crate::spec::{text_tokens, BenchQuery};
use crate::{BenchError, Progress};
use hireloop_match::{Filtered, Index as MatchIndex, Profile, Query, SearchResult, TextMatch};
use hireloop_text::{SlotTables, ID_HI, ID_LO};
use tantivy::directory::RamDirectory;
use tantivy::query::{BooleanQuery, EmptyQuery, Occur, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Schema, FAST, TEXT};
use tantivy::{Index, IndexReader, TantivyDocument, Term};

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
    tables: SlotTables,
}

impl EngineText {
    /// `texts[i]` is `profiles[i]`'s text; `matching` is the matching index the hits go to (its
    /// tables are made here, outside the timed queries).
    pub fn build(
        profiles: &[Profile],
        texts: &[String],
        threads: usize,
        progress: &dyn Progress,
        matching: &MatchIndex,
    ) -> Result<Self, BenchError> {
        let mut b = Schema::builder();
        let id_hi = b.add_u64_field(ID_HI, FAST);
        let id_lo = b.add_u64_field(ID_LO, FAST);
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
        let tables = SlotTables::default();
        tables
            .prepare(&reader.searcher(), matching)
            .map_err(tv("text index: slot tables"))?;
        Ok(Self {
            dir,
            reader,
            body,
            tables,
        })
    }

    /// Bytes of the index files held in RAM, and of the document -> slot tables.
    pub fn bytes(&self) -> u64 {
        self.dir.total_mem_usage() as u64 + self.tables.bytes() as u64
    }

    /// The text as a tantivy query: every word must match.
    fn query(&self, text: &str) -> Box<dyn tantivy::query::Query> {
        let words = text_tokens(text);
        if words.is_empty() {
            return Box::new(EmptyQuery);
        }
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
    }

    /// How many candidates the text matches in the whole pool.
    pub fn hit_count(&self, index: &MatchIndex, text: &str) -> Result<usize, BenchError> {
        let hits = self
            .tables
            .hits(
                &self.reader.searcher(),
                self.query(text).as_ref(),
                index,
                None,
            )
            .map_err(tv("text search"))?;
        Ok(hits.len())
    }

    /// The engine's answer to a benchmark query, as the server ranks a role with free text: the
    /// filters first, then the text among who passes them (or in the whole pool, when cheaper).
    /// A filter-only query's text weighs 0, so that every survivor still scores the same.
    pub fn search(
        &self,
        index: &MatchIndex,
        q: &BenchQuery,
        limit: usize,
    ) -> Result<SearchResult, BenchError> {
        let err = |e: hireloop_match::QueryError| BenchError::Engine(e.to_string());
        let Some(text) = &q.text else {
            return index.search(&q.query, 0, limit).map_err(err);
        };
        let mut text_match = TextMatch::new(text.as_str(), Vec::new());
        text_match.weight = if q.filter_only {
            0.0
        } else {
            hireloop_match::DEFAULT_TEXT_WEIGHT
        };
        let query = Query {
            text: Some(text_match),
            ..q.query.clone()
        };
        match index.filtered(&query, 0, limit).map_err(err)? {
            Filtered::Answered(r) => Ok(r),
            Filtered::Survivors(s) => {
                let hits = self
                    .tables
                    .hits(
                        &self.reader.searcher(),
                        self.query(text).as_ref(),
                        index,
                        Some(s.slots()),
                    )
                    .map_err(tv("text search"))?;
                s.rank(Some(&hits)).map_err(err)
            }
        }
    }
}
