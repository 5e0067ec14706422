//! Full-text search over the talent pool (issue #5): a tantivy index held in RAM, built from the
//! database at start-up in batches and kept in sync on every candidate write (as the matching
//! index is, including writes made elsewhere: `crate::index_sync`), with filters (skills, level,
//! region, vetting, rate, availability) and facet counts over the filtered set.
//!
//! tantivy finds and scores the documents (BM25 over name, location, skills, tags, industries and
//! the newest resume's text); one collector pass counts the facets from fast fields and keeps the
//! page's best (`collect`). Availability is indexed as a day number, so its buckets move with the
//! calendar.

mod baseline;
mod collect;
mod document;
pub mod params;
mod text;

use crate::matching::today;
use anyhow::Context;
use chrono::NaiveDate;
use document::{skill_key, ResumeStream};
use hireloop_core::candidate::Candidate;
use hireloop_core::ids::CandidateId;
use hireloop_match::Taxonomy;
use hireloop_store::Store;
pub use params::SearchRequest;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::ops::Bound;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Instant;
use tantivy::collector::TopDocs;
use tantivy::directory::RamDirectory;
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, Value, FAST, INDEXED, STORED, STRING, TEXT,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};
pub use text::ReadText;
use uuid::Uuid;

/// Rows read from the database per batch while building.
const BUILD_BATCH: i64 = 1000;
/// Resume texts read per batch while building (they can be long).
const RESUME_BATCH: i64 = 200;
/// A progress line every this many profiles while building.
const PROGRESS_EVERY: usize = 100_000;
/// A resume counts for less than the profile's own fields: a word in a long resume says less.
const RESUME_BOOST: f32 = 0.5;
/// The writer's memory budget (tantivy needs at least 15 MB per thread); one thread, since
/// writes come one candidate at a time after the build.
const WRITER_BUDGET: usize = 50 * 1024 * 1024;
/// Skills shown in the skill facet.
const TOP_SKILL_FACETS: usize = 20;

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// The free text does not parse (tantivy's query syntax): the user's input, a 422 on `q`.
    #[error("{0}")]
    Query(String),
    /// tantivy failed: a bug or resource problem, a 500.
    #[error("search index: {0}")]
    Index(String),
}

fn index_err(what: &'static str) -> impl Fn(tantivy::TantivyError) -> SearchError {
    move |e| SearchError::Index(format!("{what}: {e}"))
}

#[derive(Clone, Copy)]
struct Fields {
    id: Field,
    id_hi: Field,
    id_lo: Field,
    name: Field,
    location: Field,
    skill: Field,
    skill_text: Field,
    tags: Field,
    industries: Field,
    resume: Field,
    level: Field,
    region: Field,
    vetting: Field,
    rate: Field,
    available: Field,
    /// Fast-field only: the name as one value (ordinals sort as names do) and the skills as shown,
    /// for the ranking's tie-break and the skill facet.
    name_sort: Field,
    skill_name: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let f = Fields {
        id: b.add_text_field("id", STRING),
        id_hi: b.add_u64_field(hireloop_text::ID_HI, FAST),
        id_lo: b.add_u64_field(hireloop_text::ID_LO, FAST),
        name: b.add_text_field("name", TEXT | STORED),
        location: b.add_text_field("location", TEXT | STORED),
        skill: b.add_text_field("skill", STRING),
        skill_text: b.add_text_field("skills", TEXT | STORED),
        tags: b.add_text_field("tags", TEXT | STORED),
        industries: b.add_text_field("industries", TEXT | STORED),
        resume: b.add_text_field("resume", TEXT | STORED),
        level: b.add_text_field("level", STRING | FAST),
        region: b.add_text_field("region", STRING | FAST),
        vetting: b.add_text_field("vetting", STRING | FAST),
        rate: b.add_f64_field("rate", INDEXED | FAST),
        available: b.add_i64_field("available", INDEXED | FAST),
        name_sort: b.add_text_field("name_sort", FAST),
        skill_name: b.add_text_field("skill_name", FAST),
    };
    (b.build(), f)
}

/// Days since 1970-01-01: how `available_from` is indexed.
fn day(d: NaiveDate) -> i64 {
    d.signed_duration_since(NaiveDate::default()).num_days()
}

/// What facets count and a result shows, per candidate, kept beside the index.
#[derive(Debug, Clone)]
struct Summary {
    name: String,
    /// Skill display names (taxonomy names for known skills, the tag otherwise), once each.
    skills: Vec<String>,
    level: &'static str,
    region: &'static str,
    vetting: &'static str,
    rate_band: &'static str,
    available: Option<NaiveDate>,
    /// Whether the document holds resume text, which a re-index must carry over.
    has_resume: bool,
}

/// One result: the candidate, tantivy's score and a snippet with the matched words in `<b>`.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SearchHit {
    pub candidate_id: Uuid,
    pub name: String,
    /// BM25 relevance; 1 for every candidate when there is no free text.
    pub score: f32,
    /// HTML-escaped text around the matched words, which are wrapped in `<b>`; empty without `q`.
    pub snippet: String,
}

/// `value → count`, largest first (ties by value).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct FacetCount {
    pub value: String,
    pub count: u64,
}

/// Counts over every candidate the search found (all pages).
#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
pub struct Facets {
    /// The 20 most common skills.
    pub skill: Vec<FacetCount>,
    pub level: Vec<FacetCount>,
    pub region: Vec<FacetCount>,
    /// Hourly USD bands: under_40, 40_80, 80_150, 150_plus, unknown (MQBIT 2026 level bands).
    pub rate_band: Vec<FacetCount>,
    pub vetting: Vec<FacetCount>,
    /// now, within_30_days, within_90_days, later, unknown.
    pub availability: Vec<FacetCount>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SearchResults {
    pub results: Vec<SearchHit>,
    /// Candidates found, on all pages.
    pub total: u64,
    pub facets: Facets,
    /// Pass as `cursor` for the next page; absent on the last.
    pub next_cursor: Option<String>,
    /// Why nothing was found when the filters contradict each other.
    pub reason: Option<String>,
}

struct Writer {
    writer: IndexWriter,
}

/// The talent pool's text index, shared by every request.
pub struct SearchService {
    index: Index,
    fields: Fields,
    reader: IndexReader,
    writer: Mutex<Writer>,
    summaries: RwLock<HashMap<Uuid, Summary>>,
    taxonomy: Arc<Taxonomy>,
    /// Document -> matching-index slot, per segment, for free text in rankings (`text.rs`).
    slot_tables: hireloop_text::SlotTables,
}

impl SearchService {
    pub fn empty(taxonomy: Arc<Taxonomy>) -> anyhow::Result<Self> {
        let (schema, fields) = schema();
        let index = Index::create(RamDirectory::create(), schema, Default::default())
            .context("creating the search index")?;
        let writer = index
            .writer_with_num_threads::<TantivyDocument>(1, WRITER_BUDGET)
            .context("opening the search index writer")?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .context("opening the search index reader")?;
        Ok(Self {
            index,
            fields,
            reader,
            writer: Mutex::new(Writer { writer }),
            summaries: RwLock::new(HashMap::new()),
            taxonomy,
            slot_tables: Default::default(),
        })
    }

    /// Reads every candidate in id order, in batches, with their newest resume's text, indexes
    /// them and commits once. Logs progress on large pools, then the count and the time taken.
    pub async fn build(store: &Store, taxonomy: Arc<Taxonomy>) -> anyhow::Result<Self> {
        let started = Instant::now();
        let service = Self::empty(taxonomy)?;
        let mut resumes = ResumeStream::default();
        let mut after = None;
        let mut next_progress = PROGRESS_EVERY;
        loop {
            let batch = store
                .candidates_after(after, BUILD_BATCH)
                .await
                .context("reading candidates for the search index")?;
            let Some(last) = batch.last() else { break };
            after = Some(last.id);
            let mut texts = resumes
                .up_to(store, last.id)
                .await
                .context("reading resume texts for the search index")?;
            let items = batch.iter().map(|c| {
                let text = texts.remove(&c.id);
                (c, text)
            });
            service.add(items)?;
            if service.len() >= next_progress {
                tracing::info!(
                    profiles = service.len(),
                    resumes = resumes.read,
                    elapsed_ms = started.elapsed().as_millis() as u64,
                    "building the search index"
                );
                next_progress += PROGRESS_EVERY;
            }
        }
        service.commit()?;
        tracing::info!(
            profiles = service.len(),
            resumes = resumes.read,
            elapsed_ms = started.elapsed().as_millis() as u64,
            "search index built"
        );
        Ok(service)
    }

    /// Adds candidates without committing, each with its resume text if it has one.
    fn add<'c>(
        &self,
        items: impl Iterator<Item = (&'c Candidate, Option<String>)>,
    ) -> anyhow::Result<()> {
        let w = self.lock_writer();
        let mut summaries = self.summaries.write().unwrap_or_else(|e| e.into_inner());
        for (c, resume) in items {
            let id = c.id.as_uuid();
            w.writer
                .delete_term(Term::from_field_text(self.fields.id, &id.to_string()));
            let (doc, summary) = self.document(c, resume.as_deref());
            w.writer.add_document(doc).context("indexing a candidate")?;
            summaries.insert(id, summary);
        }
        Ok(())
    }

    /// Adds candidates without committing, keeping the resume text each already has in the
    /// index (a profile edit does not change the resume).
    pub fn add_all(&self, candidates: &[Candidate]) -> anyhow::Result<()> {
        let kept: Vec<Option<String>> = candidates.iter().map(|c| self.kept_resume(c.id)).collect();
        self.add(candidates.iter().zip(kept))
    }

    /// The resume text indexed for the candidate, read back from the stored document.
    fn kept_resume(&self, id: CandidateId) -> Option<String> {
        let has = self
            .summaries
            .read()
            .ok()?
            .get(&id.as_uuid())
            .is_some_and(|s| s.has_resume);
        if !has {
            return None;
        }
        let searcher = self.reader.searcher();
        let term = Term::from_field_text(self.fields.id, &id.as_uuid().to_string());
        let query = TermQuery::new(term, IndexRecordOption::Basic);
        let (_, addr) = searcher
            .search(&query, &TopDocs::with_limit(1))
            .ok()?
            .into_iter()
            .next()?;
        let doc: TantivyDocument = searcher.doc(addr).ok()?;
        doc.get_first(self.fields.resume)
            .and_then(|v| v.as_str())
            .map(str::to_string)
    }

    /// Makes everything added so far searchable.
    pub fn commit(&self) -> anyhow::Result<()> {
        let mut w = self.lock_writer();
        w.writer.commit().context("committing the search index")?;
        self.reader.reload().context("reloading the search index")?;
        Ok(())
    }

    /// Indexes (or re-indexes) one candidate and makes it searchable at once. A failure is
    /// logged, not returned: the write it follows has already succeeded.
    pub fn upsert(&self, candidate: &Candidate) {
        self.upsert_all(std::slice::from_ref(candidate));
    }

    /// Indexes (or re-indexes) several candidates with one commit: an import's batch.
    pub fn upsert_all(&self, candidates: &[Candidate]) {
        if let Err(e) = self.add_all(candidates).and_then(|()| self.commit()) {
            let count = candidates.len();
            tracing::error!(count, error = %e, "candidates not indexed for search");
        }
    }

    /// Follows the change feed: indexes `present` (the changed candidates that still exist, as
    /// the database has them now) with their newest resume text from `resumes`, drops the other
    /// `changed` ones, and commits once. Applying the same change twice is harmless.
    pub fn apply(
        &self,
        changed: &[CandidateId],
        present: &[Candidate],
        mut resumes: HashMap<CandidateId, String>,
    ) -> anyhow::Result<()> {
        self.add(present.iter().map(|c| (c, resumes.remove(&c.id))))?;
        let kept: HashSet<CandidateId> = present.iter().map(|c| c.id).collect();
        {
            let w = self.lock_writer();
            let mut summaries = self.summaries.write().unwrap_or_else(|e| e.into_inner());
            for id in changed.iter().filter(|id| !kept.contains(id)) {
                let id = id.as_uuid();
                w.writer
                    .delete_term(Term::from_field_text(self.fields.id, &id.to_string()));
                summaries.remove(&id);
            }
        }
        self.commit()
    }

    /// Every indexed candidate's id: a full resync drops those the database no longer has.
    pub fn ids(&self) -> Vec<CandidateId> {
        let summaries = self.summaries.read().unwrap_or_else(|e| e.into_inner());
        summaries.keys().map(|id| CandidateId(*id)).collect()
    }

    pub fn len(&self) -> usize {
        self.summaries.read().map_or(0, |s| s.len())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    // A panic under the lock would be a bug in tantivy; serving on beats failing every write.
    fn lock_writer(&self) -> std::sync::MutexGuard<'_, Writer> {
        self.writer.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn keyword(&self, field: Field, value: &str) -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(field, value),
            IndexRecordOption::Basic,
        ))
    }

    /// The request as one tantivy query: the free text (scored) and every filter (MUST).
    fn query(&self, r: &SearchRequest, today: NaiveDate) -> Result<Box<dyn Query>, SearchError> {
        let f = &self.fields;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        if let Some(q) = &r.q {
            clauses.push((Occur::Must, self.parse_text(q)?));
        }
        for s in &r.skills {
            let key = skill_key(&self.taxonomy, s);
            clauses.push((Occur::Must, self.keyword(f.skill, &key)));
        }
        if let Some(l) = r.level {
            clauses.push((Occur::Must, self.keyword(f.level, l.as_str())));
        }
        if let Some(x) = r.region {
            clauses.push((Occur::Must, self.keyword(f.region, x.as_str())));
        }
        if let Some(v) = r.vetting {
            clauses.push((Occur::Must, self.keyword(f.vetting, v.as_str())));
        }
        if r.min_rate.is_some() || r.max_rate.is_some() {
            let bound = |n: Option<u32>| {
                n.map_or(Bound::Unbounded, |n| {
                    Bound::Included(Term::from_field_f64(f.rate, f64::from(n)))
                })
            };
            let (lo, hi) = (bound(r.min_rate), bound(r.max_rate));
            // Without a lower bound, still require a stated rate (RATE_UNKNOWN fails the filter).
            let lo = match lo {
                Bound::Unbounded => Bound::Included(Term::from_field_f64(f.rate, 0.0)),
                b => b,
            };
            clauses.push((Occur::Must, Box::new(RangeQuery::new(lo, hi))));
        }
        if let Some(n) = r.available_within_days {
            let by = day(today) + i64::from(n);
            clauses.push((
                Occur::Must,
                Box::new(RangeQuery::new(
                    Bound::Included(Term::from_field_i64(f.available, i64::MIN)),
                    Bound::Included(Term::from_field_i64(f.available, by)),
                )),
            ));
        }
        Ok(if clauses.is_empty() {
            Box::new(AllQuery)
        } else {
            Box::new(BooleanQuery::new(clauses))
        })
    }

    /// Runs a search. `visible` limits it to these candidates (an interviewer's assigned ones);
    /// `None` is the whole pool. Results rank by score, then name, then id.
    pub fn search(
        &self,
        r: &SearchRequest,
        visible: Option<&HashSet<Uuid>>,
    ) -> Result<SearchResults, SearchError> {
        if let Some(reason) = &r.contradiction {
            return Ok(SearchResults {
                results: Vec::new(),
                total: 0,
                facets: Facets::default(),
                next_cursor: None,
                reason: Some(reason.clone()),
            });
        }
        let today = today();
        let query = self.query(r, today)?;
        let searcher = self.reader.searcher();
        let end = r.offset.saturating_add(r.limit);
        let summaries = self.summaries.read().unwrap_or_else(|e| e.into_inner());
        let collector = collect::PoolCollector {
            keep: end,
            scored: r.q.is_some(),
            visible,
            today: day(today),
            summaries: &summaries,
        };
        let found = searcher
            .search(&query, &collector)
            .map_err(index_err("search"))?;
        let page = found.top.get(r.offset..).unwrap_or(&[]);
        let has_resume: Vec<bool> = page
            .iter()
            .map(|h| summaries.get(&h.id).is_some_and(|s| s.has_resume))
            .collect();
        drop(summaries);
        let addrs: Vec<(DocAddress, bool)> = page.iter().map(|h| h.addr).zip(has_resume).collect();
        let snippets = self.snippets(&searcher, &*query, r.q.is_some(), &addrs)?;
        let results = page
            .iter()
            .zip(snippets)
            .map(|(h, snippet)| SearchHit {
                candidate_id: h.id,
                name: h.name.clone(),
                score: h.score,
                snippet,
            })
            .collect();
        let total = found.total;
        Ok(SearchResults {
            results,
            total,
            facets: found.facets,
            next_cursor: ((end as u64) < total).then(|| end.to_string()),
            reason: None,
        })
    }

    /// The first field with a matched word gives the snippet: skills, then tags, industries,
    /// location, name, and last the resume (of those that have one).
    fn snippets(
        &self,
        searcher: &tantivy::Searcher,
        query: &dyn Query,
        has_text: bool,
        page: &[(DocAddress, bool)],
    ) -> Result<Vec<String>, SearchError> {
        if !has_text {
            return Ok(vec![String::new(); page.len()]);
        }
        let f = &self.fields;
        let mut generators = Vec::new();
        for field in [
            f.skill_text,
            f.tags,
            f.industries,
            f.location,
            f.name,
            f.resume,
        ] {
            let mut g =
                SnippetGenerator::create(searcher, query, field).map_err(index_err("snippet"))?;
            g.set_max_num_chars(160);
            generators.push((field, g));
        }
        let mut out = Vec::with_capacity(page.len());
        for (addr, has_resume) in page {
            let doc: TantivyDocument = searcher.doc(*addr).map_err(index_err("read"))?;
            let snippet = generators
                .iter()
                .filter(|(field, _)| *has_resume || *field != f.resume)
                .map(|(_, g)| g.snippet_from_doc(&doc))
                .find(|s| !s.highlighted().is_empty())
                .map_or_else(String::new, |s| s.to_html());
            out.push(snippet);
        }
        Ok(out)
    }
}
