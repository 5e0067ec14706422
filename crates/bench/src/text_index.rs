//! The tantivy-only baseline: the same synthetic profiles in a tantivy index held in RAM — skills
//! as keyword terms (plus skill×years terms for minimum years), level, region, country, work
//! authorization, vetting, engagement and work mode as keywords, UTC offset, rate and start
//! day as indexed fast fields,
//! a short text (level, region, skill names), and the candidate's profile text (`summary`, the
//! synthetic headline) that free-text queries must match word for word, scored by BM25.
//!
//! Hard filters become a boolean query of MUST clauses. Filter-only queries are ordered by
//! candidate id (read from fast fields), so their top-k must equal the engine's. Scored queries
//! rank by tantivy's own BM25 over the nice-to-have skills (boosted by their weights): tantivy
//! cannot run the engine's score without re-implementing it as a custom scorer, which would no
//! longer be a tantivy-only query.

use crate::spec::{
    expand_skills, hourly, profile_work_mode_keywords, vetting_name, work_mode_keywords, Spec,
    YEARS_UNKNOWN,
};
use crate::{BenchError, Progress};
use hireloop_match::{Profile, Taxonomy};
use std::ops::Bound;
use std::sync::Arc;
use tantivy::collector::{Count, CustomScorer, CustomSegmentScorer, TopDocs};
use tantivy::directory::RamDirectory;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, EmptyQuery, Occur, Query, RangeQuery, TermQuery,
    TermSetQuery,
};
use tantivy::schema::{Field, IndexRecordOption, Schema, FAST, INDEXED, STRING, TEXT};
use tantivy::{
    columnar::Column, DocId, Index, IndexReader, Searcher, SegmentReader, TantivyDocument, Term,
};
use uuid::Uuid;

/// Memory the index writer may use while building (split across its threads).
const WRITER_BUDGET: usize = 256 * 1024 * 1024;

#[derive(Clone, Copy)]
struct Fields {
    id_hi: Field,
    id_lo: Field,
    skill: Field,
    skill_years: Field,
    level: Field,
    region: Field,
    country: Field,
    /// Countries and regions the candidate may work in besides `country`.
    work_authorization: Field,
    vetting: Field,
    engagement: Field,
    work_mode: Field,
    utc_offset: Field,
    rate: Field,
    available: Field,
    text: Field,
    summary: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let f = Fields {
        id_hi: b.add_u64_field("id_hi", FAST),
        id_lo: b.add_u64_field("id_lo", FAST),
        skill: b.add_text_field("skill", STRING),
        skill_years: b.add_u64_field("skill_years", INDEXED),
        level: b.add_text_field("level", STRING | FAST),
        region: b.add_text_field("region", STRING | FAST),
        country: b.add_text_field("country", STRING),
        work_authorization: b.add_text_field("work_authorization", STRING),
        vetting: b.add_text_field("vetting", STRING),
        engagement: b.add_text_field("engagement", STRING),
        work_mode: b.add_text_field("work_mode", STRING),
        utc_offset: b.add_i64_field("utc_offset", INDEXED | FAST),
        rate: b.add_f64_field("rate", INDEXED | FAST),
        available: b.add_i64_field("available", INDEXED | FAST),
        text: b.add_text_field("text", TEXT),
        summary: b.add_text_field("summary", TEXT),
    };
    (b.build(), f)
}

/// A skill and its years in one term, so "at least N years" is a range over one field.
fn skill_years(skill: u16, half_years: u8) -> u64 {
    u64::from(skill) * 256 + u64::from(half_years)
}

/// Day number for the `available` field (days since 1970-01-01).
fn day(d: chrono::NaiveDate) -> i64 {
    d.signed_duration_since(chrono::NaiveDate::default())
        .num_days()
}

/// Unknown rates are stored below every budget, as the engine does: they pass the ceiling.
const RATE_UNKNOWN: f64 = -1.0;

fn tv(what: &str) -> impl Fn(tantivy::TantivyError) -> BenchError + '_ {
    move |e| BenchError::Tantivy(format!("{what}: {e}"))
}

/// The built index and a reader over it.
pub struct TextBaseline {
    dir: RamDirectory,
    reader: IndexReader,
    fields: Fields,
    /// Skill keys by skill index ("postgresql").
    keys: Arc<Vec<String>>,
}

impl TextBaseline {
    pub fn build(
        taxonomy: &Taxonomy,
        profiles: &[Profile],
        texts: &[String],
        threads: usize,
        progress: &dyn Progress,
    ) -> Result<Self, BenchError> {
        let (schema, f) = schema();
        let dir = RamDirectory::create();
        let index = Index::create(dir.clone(), schema, Default::default()).map_err(tv("create"))?;
        let mut writer = index
            .writer_with_num_threads::<TantivyDocument>(threads.max(1), WRITER_BUDGET)
            .map_err(tv("writer"))?;
        let keys: Vec<String> = taxonomy.iter().map(|(_, s)| s.id.clone()).collect();
        let names: Vec<String> = taxonomy.iter().map(|(_, s)| s.name.clone()).collect();
        progress.start("tantivy", profiles.len() as u64);
        for (i, p) in profiles.iter().enumerate() {
            writer
                .add_document(document(&f, taxonomy, &keys, &names, p, texts.get(i)))
                .map_err(tv("add"))?;
            if i % 10_000 == 9_999 {
                progress.inc(10_000);
            }
        }
        writer.commit().map_err(tv("commit"))?;
        writer.wait_merging_threads().map_err(tv("merge"))?;
        progress.finish();
        let reader = index.reader().map_err(tv("reader"))?;
        Ok(Self {
            dir,
            reader,
            fields: f,
            keys: Arc::new(keys),
        })
    }

    /// Bytes of the index files held in RAM (terms, postings, fast fields, the text).
    pub fn bytes(&self) -> u64 {
        self.dir.total_mem_usage() as u64
    }

    pub fn searcher(&self) -> TextSearcher {
        TextSearcher {
            searcher: self.reader.searcher(),
            fields: self.fields,
            keys: self.keys.clone(),
        }
    }
}

fn document(
    f: &Fields,
    taxonomy: &Taxonomy,
    keys: &[String],
    names: &[String],
    p: &Profile,
    summary: Option<&String>,
) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    let id = p.id.as_uuid().as_u128();
    doc.add_u64(f.id_hi, (id >> 64) as u64);
    doc.add_u64(f.id_lo, id as u64);
    let mut text = format!("{} {} ", p.level.as_str(), p.region.as_str());
    for s in expand_skills(taxonomy, p) {
        let i = usize::from(s.skill);
        let (Some(key), Some(name)) = (keys.get(i), names.get(i)) else {
            continue;
        };
        doc.add_text(f.skill, key);
        doc.add_u64(f.skill_years, skill_years(s.skill, s.half_years));
        if !s.implied {
            text.push_str(name);
            text.push(' ');
        }
    }
    doc.add_text(f.level, p.level.as_str());
    doc.add_text(f.region, p.region.as_str());
    doc.add_text(f.country, p.country.as_str());
    for a in &p.work_authorization {
        doc.add_text(f.work_authorization, a.to_string());
    }
    doc.add_text(f.vetting, vetting_name(p.vetting));
    for e in &p.engagements {
        doc.add_text(f.engagement, e.as_str());
    }
    for word in profile_work_mode_keywords(p) {
        doc.add_text(f.work_mode, word);
    }
    doc.add_i64(f.utc_offset, i64::from(p.utc_offset_minutes));
    doc.add_f64(f.rate, hourly(p).map_or(RATE_UNKNOWN, f64::from));
    doc.add_i64(f.available, day(p.available_from));
    doc.add_text(f.text, &text);
    if let Some(summary) = summary {
        doc.add_text(f.summary, summary);
    }
    doc
}

/// Orders documents by candidate id, ascending (top docs keep the highest score, so ids are inverted).
struct ById;

struct ByIdSegment {
    hi: Column<u64>,
    lo: Column<u64>,
}

impl CustomScorer<(u64, u64)> for ById {
    type Child = ByIdSegment;
    fn segment_scorer(&self, segment: &SegmentReader) -> tantivy::Result<ByIdSegment> {
        let ff = segment.fast_fields();
        Ok(ByIdSegment {
            hi: ff.u64("id_hi")?,
            lo: ff.u64("id_lo")?,
        })
    }
}

impl CustomSegmentScorer<(u64, u64)> for ByIdSegment {
    fn score(&mut self, doc: DocId) -> (u64, u64) {
        let hi = self.hi.first(doc).unwrap_or(u64::MAX);
        let lo = self.lo.first(doc).unwrap_or(u64::MAX);
        (!hi, !lo)
    }
}

/// A point-in-time searcher; cheap to clone, one per worker thread.
#[derive(Clone)]
pub struct TextSearcher {
    searcher: Searcher,
    fields: Fields,
    keys: Arc<Vec<String>>,
}

impl TextSearcher {
    fn keyword(&self, field: Field, value: &str) -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(field, value),
            IndexRecordOption::Basic,
        ))
    }

    fn any_of(&self, field: Field, values: Vec<&str>) -> Box<dyn Query> {
        if values.is_empty() {
            return Box::new(EmptyQuery);
        }
        Box::new(TermSetQuery::new(
            values.into_iter().map(|v| Term::from_field_text(field, v)),
        ))
    }

    /// The hard filters as MUST clauses (and, for scored queries, nice-to-haves as SHOULD).
    fn query(&self, spec: &Spec) -> Box<dyn Query> {
        let f = &self.fields;
        let mut must: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let key = |skill: u16| self.keys.get(usize::from(skill)).map_or("", String::as_str);
        for w in spec.required() {
            let clause: Box<dyn Query> = if w.min_half_years > 0 {
                Box::new(RangeQuery::new(
                    Bound::Included(Term::from_field_u64(
                        f.skill_years,
                        skill_years(w.skill, w.min_half_years),
                    )),
                    Bound::Excluded(Term::from_field_u64(
                        f.skill_years,
                        skill_years(w.skill, YEARS_UNKNOWN),
                    )),
                ))
            } else {
                self.keyword(f.skill, key(w.skill))
            };
            must.push((Occur::Must, clause));
        }
        if let Some(v) = &spec.levels {
            let q = self.any_of(f.level, v.iter().map(|l| l.as_str()).collect());
            must.push((Occur::Must, q));
        }
        if let Some(v) = &spec.regions {
            let q = self.any_of(f.region, v.iter().map(|r| r.as_str()).collect());
            must.push((Occur::Must, q));
        }
        if let Some(v) = &spec.countries {
            // Living in an allowed country, or authorized for one (or for a region holding one).
            let lives = self.any_of(f.country, v.iter().map(|c| c.as_str()).collect());
            let codes = spec.authorization_codes();
            let may = self.any_of(
                f.work_authorization,
                codes.iter().map(String::as_str).collect(),
            );
            let q = BooleanQuery::new(vec![(Occur::Should, lives), (Occur::Should, may)]);
            must.push((Occur::Must, Box::new(q)));
        }
        if let Some(v) = &spec.vetting {
            let q = self.any_of(f.vetting, v.iter().map(|x| vetting_name(*x)).collect());
            must.push((Occur::Must, q));
        }
        if let Some(e) = spec.engagement {
            must.push((Occur::Must, self.keyword(f.engagement, e.as_str())));
        }
        if let Some(m) = spec.work_mode {
            must.push((Occur::Must, self.any_of(f.work_mode, work_mode_keywords(m))));
        }
        if let Some(offsets) = &spec.offsets {
            let q: Box<dyn Query> = if offsets.is_empty() {
                Box::new(EmptyQuery)
            } else {
                Box::new(TermSetQuery::new(
                    offsets
                        .iter()
                        .map(|(o, _)| Term::from_field_i64(f.utc_offset, i64::from(*o))),
                ))
            };
            must.push((Occur::Must, q));
        }
        if let Some(limit) = spec.rate_limit {
            must.push((
                Occur::Must,
                Box::new(RangeQuery::new(
                    Bound::Unbounded,
                    Bound::Included(Term::from_field_f64(f.rate, f64::from(limit))),
                )),
            ));
        }
        if let Some(by) = spec.available_by {
            must.push((
                Occur::Must,
                Box::new(RangeQuery::new(
                    Bound::Unbounded,
                    Bound::Included(Term::from_field_i64(f.available, day(by))),
                )),
            ));
        }
        // Free text: every word, scored by BM25 for the scored mix.
        for word in spec.text.iter().flatten() {
            let q = TermQuery::new(
                Term::from_field_text(f.summary, word),
                IndexRecordOption::WithFreqs,
            );
            must.push((Occur::Must, Box::new(q)));
        }
        let mut clauses = must;
        if !spec.filter_only {
            for w in spec.wanted.iter().filter(|w| !w.must && w.weight > 0.0) {
                let q = BoostQuery::new(self.keyword(f.skill, key(w.skill)), w.weight);
                clauses.push((Occur::Should, Box::new(q)));
            }
        }
        if clauses.is_empty() {
            Box::new(AllQuery)
        } else if clauses.iter().all(|(o, _)| *o == Occur::Should) {
            // Only nice-to-haves: everybody matches, those having them rank higher.
            clauses.push((Occur::Must, Box::new(AllQuery)));
            Box::new(BooleanQuery::new(clauses))
        } else {
            Box::new(BooleanQuery::new(clauses))
        }
    }

    /// The top `k` candidate ids: by id for filter-only queries, by BM25 otherwise.
    pub fn top_k(&self, spec: &Spec, k: usize) -> Result<Vec<Uuid>, BenchError> {
        let query = self.query(spec);
        let err = tv(&spec.name);
        if spec.filter_only {
            let top = self
                .searcher
                .search(&query, &TopDocs::with_limit(k).custom_score(ById))
                .map_err(err)?;
            Ok(top
                .into_iter()
                .map(|((hi, lo), _)| Uuid::from_u128((u128::from(!hi) << 64) | u128::from(!lo)))
                .collect())
        } else {
            let top = self
                .searcher
                .search(&query, &TopDocs::with_limit(k))
                .map_err(&err)?;
            top.into_iter()
                .map(|(_, addr)| {
                    let seg = self.searcher.segment_reader(addr.segment_ord);
                    let ff = seg.fast_fields();
                    let hi = ff.u64("id_hi").map_err(&err)?.first(addr.doc_id);
                    let lo = ff.u64("id_lo").map_err(&err)?.first(addr.doc_id);
                    let id = (u128::from(hi.unwrap_or(0)) << 64) | u128::from(lo.unwrap_or(0));
                    Ok(Uuid::from_u128(id))
                })
                .collect()
        }
    }

    /// How many documents pass the filters.
    pub fn count(&self, spec: &Spec) -> Result<u64, BenchError> {
        let n = self
            .searcher
            .search(&self.query(spec), &Count)
            .map_err(tv(&spec.name))?;
        Ok(n as u64)
    }
}
