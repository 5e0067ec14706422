//! What the search index holds per candidate: the tantivy document (text fields, filter keys,
//! fast fields for facets and ranking) and the summary kept beside it; and the start-up read of
//! resume texts alongside the candidates.

use super::params::rate_band;
use super::{day, SearchService, Summary, RESUME_BATCH};
use hireloop_core::candidate::Candidate;
use hireloop_core::ids::CandidateId;
use hireloop_match::adapt::usd_rate;
use hireloop_match::Taxonomy;
use hireloop_store::Store;
use std::collections::{HashMap, HashSet, VecDeque};
use tantivy::TantivyDocument;

/// The filter key of a skill: the taxonomy id when known (so "Postgres" finds "postgresql"),
/// else the tag's own lookup key (unknown skills stay searchable as raw tags).
pub(super) fn skill_key(taxonomy: &Taxonomy, raw: &str) -> String {
    match taxonomy.resolve(raw).and_then(|id| taxonomy.get(id)) {
        Some(skill) => skill.id.clone(),
        None => format!("raw:{}", hireloop_match::taxonomy::key(raw)),
    }
}

impl SearchService {
    /// The candidate's document and summary; `resume` is the newest resume's text, if any.
    pub(super) fn document(
        &self,
        c: &Candidate,
        resume: Option<&str>,
    ) -> (TantivyDocument, Summary) {
        let f = &self.fields;
        let tax = &self.taxonomy;
        let mut doc = TantivyDocument::default();
        let id = c.id.as_uuid();
        doc.add_text(f.id, id.to_string());
        doc.add_u64(f.id_hi, (id.as_u128() >> 64) as u64);
        doc.add_u64(f.id_lo, id.as_u128() as u64);
        doc.add_text(f.name, &c.name);
        doc.add_text(f.name_sort, &c.name);
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
        // Two tags can name one skill ("Postgres", "PostgreSQL"): the facet counts it once.
        let mut facet_names: Vec<String> = shown.clone();
        facet_names.sort();
        facet_names.dedup();
        for name in &facet_names {
            doc.add_text(f.skill_name, name);
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
        let resume = resume.filter(|t| !t.trim().is_empty());
        if let Some(text) = resume {
            doc.add_text(f.resume, text);
        }
        let summary = Summary {
            name: c.name.to_string(),
            skills: facet_names,
            level,
            region,
            vetting: c.vetting_status.as_str(),
            rate_band: rate_band(hourly),
            available: c.profile.available_from,
            has_resume: resume.is_some(),
        };
        (doc, summary)
    }
}

/// Reads the newest resume texts in candidate id order alongside the candidates' own batches,
/// so the build never holds more than a batch of texts.
#[derive(Default)]
pub(super) struct ResumeStream {
    pending: VecDeque<(CandidateId, String)>,
    after: Option<CandidateId>,
    done: bool,
    /// Texts read so far.
    pub read: usize,
}

impl ResumeStream {
    /// The texts of candidates up to `last` (inclusive) not returned before.
    pub async fn up_to(
        &mut self,
        store: &Store,
        last: CandidateId,
    ) -> hireloop_store::Result<HashMap<CandidateId, String>> {
        while !self.done && self.pending.back().is_none_or(|(id, _)| *id <= last) {
            let page = store.resume_texts_after(self.after, RESUME_BATCH).await?;
            self.done = page.len() < RESUME_BATCH as usize;
            self.read += page.len();
            self.after = page.last().map(|(id, _)| *id).or(self.after);
            self.pending.extend(page);
        }
        let mut out = HashMap::new();
        while self.pending.front().is_some_and(|(id, _)| *id <= last) {
            if let Some((id, text)) = self.pending.pop_front() {
                out.insert(id, text);
            }
        }
        Ok(out)
    }
}
