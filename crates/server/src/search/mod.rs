//! Full-text search over the talent pool (issue #5): a tantivy index held in RAM, built from the
//! database at start-up in batches and kept in sync on every candidate write (as the matching
//! index is), with filters (skills, level, region, vetting, rate, availability) and facet counts
//! over the filtered set.
//!
//! tantivy finds and scores the documents (BM25 over name, location, skills, tags, industries);
//! facets are counted from a small in-memory summary per candidate, which is cheaper than facet
//! fields and lets availability buckets move with the calendar.

pub mod params;

use crate::matching::today;
use anyhow::Context;
use chrono::NaiveDate;
use hireloop_core::candidate::Candidate;
use hireloop_match::adapt::usd_rate;
use hireloop_match::Taxonomy;
use hireloop_store::Store;
pub use params::SearchRequest;
use params::{availability_bucket, rate_band};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Bound;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Instant;
use tantivy::collector::TopDocs;
use tantivy::directory::RamDirectory;
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query, QueryParser, RangeQuery, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Schema, FAST, INDEXED, STORED, STRING, TEXT};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};
use uuid::Uuid;

/// Rows read from the database per batch while building.
const BUILD_BATCH: i64 = 1000;
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
    level: Field,
    region: Field,
    vetting: Field,
    rate: Field,
    available: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let f = Fields {
        id: b.add_text_field("id", STRING),
        id_hi: b.add_u64_field("id_hi", FAST),
        id_lo: b.add_u64_field("id_lo", FAST),
        name: b.add_text_field("name", TEXT | STORED),
        location: b.add_text_field("location", TEXT | STORED),
        skill: b.add_text_field("skill", STRING),
        skill_text: b.add_text_field("skills", TEXT | STORED),
        tags: b.add_text_field("tags", TEXT | STORED),
        industries: b.add_text_field("industries", TEXT | STORED),
        level: b.add_text_field("level", STRING),
        region: b.add_text_field("region", STRING),
        vetting: b.add_text_field("vetting", STRING),
        rate: b.add_f64_field("rate", INDEXED),
        available: b.add_i64_field("available", INDEXED),
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
    /// Skill display names as stated (taxonomy names for known skills, the tag otherwise).
    skills: Vec<String>,
    level: &'static str,
    region: &'static str,
    vetting: &'static str,
    rate_band: &'static str,
    available: Option<NaiveDate>,
}

/// The filter key of a skill: the taxonomy id when known (so "Postgres" finds "postgresql"),
/// else the tag's own lookup key (unknown skills stay searchable as raw tags).
fn skill_key(taxonomy: &Taxonomy, raw: &str) -> String {
    match taxonomy.resolve(raw).and_then(|id| taxonomy.get(id)) {
        Some(skill) => skill.id.clone(),
        None => format!("raw:{}", hireloop_match::taxonomy::key(raw)),
    }
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
        })
    }

    /// Reads every candidate in id order, in batches, indexes them and commits once. Logs the
    /// count and the time taken.
    pub async fn build(store: &Store, taxonomy: Arc<Taxonomy>) -> anyhow::Result<Self> {
        let started = Instant::now();
        let service = Self::empty(taxonomy)?;
        let mut after = None;
        loop {
            let batch = store
                .candidates_after(after, BUILD_BATCH)
                .await
                .context("reading candidates for the search index")?;
            let Some(last) = batch.last() else { break };
            after = Some(last.id);
            service.add_all(&batch)?;
        }
        service.commit()?;
        tracing::info!(
            profiles = service.len(),
            elapsed_ms = started.elapsed().as_millis() as u64,
            "search index built"
        );
        Ok(service)
    }

    /// Adds candidates without committing (the build commits once at the end).
    pub fn add_all(&self, candidates: &[Candidate]) -> anyhow::Result<()> {
        let w = self.lock_writer();
        let mut summaries = self.summaries.write().unwrap_or_else(|e| e.into_inner());
        for c in candidates {
            let id = c.id.as_uuid();
            w.writer
                .delete_term(Term::from_field_text(self.fields.id, &id.to_string()));
            let (doc, summary) = self.document(c);
            w.writer.add_document(doc).context("indexing a candidate")?;
            summaries.insert(id, summary);
        }
        Ok(())
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
        let outcome = self
            .add_all(std::slice::from_ref(candidate))
            .and_then(|()| self.commit());
        if let Err(e) = outcome {
            let id = candidate.id;
            tracing::error!(candidate = %id, error = %e, "candidate not indexed for search");
        }
    }

    /// Indexes (or re-indexes) several candidates with one commit: an import's batch.
    pub fn upsert_all(&self, candidates: &[Candidate]) {
        if let Err(e) = self.add_all(candidates).and_then(|()| self.commit()) {
            let count = candidates.len();
            tracing::error!(count, error = %e, "candidates not indexed for search");
        }
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

    fn document(&self, c: &Candidate) -> (TantivyDocument, Summary) {
        let f = &self.fields;
        let tax = &self.taxonomy;
        let mut doc = TantivyDocument::default();
        let id = c.id.as_uuid();
        doc.add_text(f.id, id.to_string());
        doc.add_u64(f.id_hi, (id.as_u128() >> 64) as u64);
        doc.add_u64(f.id_lo, id.as_u128() as u64);
        doc.add_text(f.name, &c.name);
        if let Some(l) = &c.location {
            doc.add_text(f.location, l);
        }
        let mut shown = Vec::with_capacity(c.skills.len());
        let mut keys = HashSet::new();
        for tag in &c.skills {
            let resolved = tax.resolve(tag.as_str());
            shown.push(resolved.map_or(tag.to_string(), |s| tax.name(s).to_string()));
            keys.insert(skill_key(tax, tag.as_str()));
            // A framework implies its language: someone with Django passes `skill=python`.
            for implied in resolved.map_or(&[][..], |s| tax.implied(s)) {
                if let Some(skill) = tax.get(*implied) {
                    keys.insert(skill.id.clone());
                }
            }
        }
        for k in &keys {
            doc.add_text(f.skill, k);
        }
        // Names and, where they differ, the tags as written, so "Postgres" and "PostgreSQL" are
        // both found as words.
        let mut skill_text = shown.join(", ");
        for (tag, name) in c.skills.iter().zip(&shown) {
            if !tag.as_str().eq_ignore_ascii_case(name) {
                skill_text.push(' ');
                skill_text.push_str(tag.as_str());
            }
        }
        doc.add_text(f.skill_text, skill_text);
        doc.add_text(f.tags, c.profile.tags.join(", "));
        doc.add_text(f.industries, c.profile.industries.join(", "));
        let level = c.profile.stated_level.map_or("unknown", |l| l.as_str());
        let region = c.region.map_or("unknown", |r| r.as_str());
        doc.add_text(f.level, level);
        doc.add_text(f.region, region);
        doc.add_text(f.vetting, c.vetting_status.as_str());
        let hourly = c
            .expected_rate
            .as_ref()
            .and_then(usd_rate)
            .map(|r| r.hourly_usd());
        if let Some(r) = hourly {
            doc.add_f64(f.rate, f64::from(r));
        }
        if let Some(d) = c.profile.available_from {
            doc.add_i64(f.available, day(d));
        }
        let summary = Summary {
            name: c.name.to_string(),
            skills: shown,
            level,
            region,
            vetting: c.vetting_status.as_str(),
            rate_band: rate_band(hourly),
            available: c.profile.available_from,
        };
        (doc, summary)
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
            let mut parser = QueryParser::for_index(
                &self.index,
                vec![f.name, f.location, f.skill_text, f.tags, f.industries],
            );
            // Several words find profiles with all of them, as a search box is expected to.
            parser.set_conjunction_by_default();
            let parsed = parser
                .parse_query(q)
                .map_err(|e| SearchError::Query(format!("cannot read the query: {e}")))?;
            clauses.push((Occur::Must, parsed));
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
        let everyone = usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX);
        let found = if everyone == 0 {
            Vec::new()
        } else {
            searcher
                .search(&query, &TopDocs::with_limit(everyone))
                .map_err(index_err("search"))?
        };
        let summaries = self.summaries.read().unwrap_or_else(|e| e.into_inner());
        let mut hits: Vec<(f32, Uuid, DocAddress, &Summary)> = Vec::with_capacity(found.len());
        for (score, addr) in found {
            let ff = searcher.segment_reader(addr.segment_ord).fast_fields();
            let hi = ff.u64("id_hi").map_err(index_err("id"))?.first(addr.doc_id);
            let lo = ff.u64("id_lo").map_err(index_err("id"))?.first(addr.doc_id);
            let (Some(hi), Some(lo)) = (hi, lo) else {
                continue;
            };
            let id = Uuid::from_u128((u128::from(hi) << 64) | u128::from(lo));
            if visible.is_some_and(|v| !v.contains(&id)) {
                continue;
            }
            if let Some(s) = summaries.get(&id) {
                hits.push((score, id, addr, s));
            }
        }
        hits.sort_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then_with(|| a.3.name.cmp(&b.3.name))
                .then_with(|| a.1.cmp(&b.1))
        });
        let facets = facets(hits.iter().map(|h| h.3), today);
        let total = hits.len() as u64;
        let end = r.offset.saturating_add(r.limit).min(hits.len());
        let page = hits.get(r.offset..end).unwrap_or(&[]);
        let snippets = self.snippets(&searcher, &*query, r.q.is_some(), page)?;
        let results = page
            .iter()
            .zip(snippets)
            .map(|(h, snippet)| SearchHit {
                candidate_id: h.1,
                name: h.3.name.clone(),
                score: h.0,
                snippet,
            })
            .collect();
        Ok(SearchResults {
            results,
            total,
            facets,
            next_cursor: (end < hits.len()).then(|| end.to_string()),
            reason: None,
        })
    }

    /// The first field with a matched word gives the snippet: skills, then tags, industries,
    /// location, name.
    fn snippets(
        &self,
        searcher: &tantivy::Searcher,
        query: &dyn Query,
        has_text: bool,
        page: &[(f32, Uuid, DocAddress, &Summary)],
    ) -> Result<Vec<String>, SearchError> {
        if !has_text {
            return Ok(vec![String::new(); page.len()]);
        }
        let f = &self.fields;
        let mut generators = Vec::new();
        for field in [f.skill_text, f.tags, f.industries, f.location, f.name] {
            let mut g =
                SnippetGenerator::create(searcher, query, field).map_err(index_err("snippet"))?;
            g.set_max_num_chars(160);
            generators.push(g);
        }
        let mut out = Vec::with_capacity(page.len());
        for (_, _, addr, _) in page {
            let doc: TantivyDocument = searcher.doc(*addr).map_err(index_err("read"))?;
            let snippet = generators
                .iter()
                .map(|g| g.snippet_from_doc(&doc))
                .find(|s| !s.highlighted().is_empty())
                .map_or_else(String::new, |s| s.to_html());
            out.push(snippet);
        }
        Ok(out)
    }
}

/// Facet counts over the found candidates.
fn facets<'a>(found: impl Iterator<Item = &'a Summary>, today: NaiveDate) -> Facets {
    let mut skill: HashMap<&str, u64> = HashMap::new();
    let mut level: BTreeMap<&str, u64> = BTreeMap::new();
    let mut region: BTreeMap<&str, u64> = BTreeMap::new();
    let mut rate: BTreeMap<&str, u64> = BTreeMap::new();
    let mut vetting: BTreeMap<&str, u64> = BTreeMap::new();
    let mut availability: BTreeMap<&str, u64> = BTreeMap::new();
    for s in found {
        for name in &s.skills {
            *skill.entry(name).or_default() += 1;
        }
        *level.entry(s.level).or_default() += 1;
        *region.entry(s.region).or_default() += 1;
        *rate.entry(s.rate_band).or_default() += 1;
        *vetting.entry(s.vetting).or_default() += 1;
        let days = s.available.map(|d| (d - today).num_days());
        *availability.entry(availability_bucket(days)).or_default() += 1;
    }
    let sorted = |m: &mut dyn Iterator<Item = (&str, u64)>, top: usize| {
        let mut v: Vec<FacetCount> = m
            .map(|(value, count)| FacetCount {
                value: value.to_string(),
                count,
            })
            .collect();
        v.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
        v.truncate(top);
        v
    };
    Facets {
        skill: sorted(&mut skill.into_iter(), TOP_SKILL_FACETS),
        level: sorted(&mut level.into_iter(), usize::MAX),
        region: sorted(&mut region.into_iter(), usize::MAX),
        rate_band: sorted(&mut rate.into_iter(), usize::MAX),
        vetting: sorted(&mut vetting.into_iter(), usize::MAX),
        availability: sorted(&mut availability.into_iter(), usize::MAX),
    }
}
