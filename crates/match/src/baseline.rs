//! The naive baseline the index is measured against: a linear scan over the profiles applying the
//! same filters one by one and the same scoring, then a full sort. Also the tests' oracle.

use crate::plan::{Plan, RATE_UNKNOWN};
use crate::profile::{day_number, position, tz_bucket, Profile, ProfileError, Vetting, WorkMode};
use crate::query::{Query, QueryError, TextHits};
use crate::taxonomy::Taxonomy;
use crate::text::{check_relevance, relevance};
use hireloop_core::candidate::Region;
use hireloop_core::ids::CandidateId;
use hireloop_core::level::Level;
use hireloop_core::market::advice::Engagement;
use rustc_hash::FxHashMap;

/// Profiles in a plain vector, each with its skills expanded once.
pub struct LinearScan<'a> {
    taxonomy: &'a Taxonomy,
    profiles: Vec<(&'a Profile, Vec<u32>)>,
}

/// The baseline's answer: `(candidate, score 0-100)` best first, and how many pass the filters.
#[derive(Debug, Clone, PartialEq)]
pub struct ScanResult {
    pub ranked: Vec<(CandidateId, f32)>,
    pub total: u64,
}

impl<'a> LinearScan<'a> {
    pub fn new(taxonomy: &'a Taxonomy, profiles: &'a [Profile]) -> Result<Self, ProfileError> {
        let profiles = profiles
            .iter()
            .map(|p| Ok((p, p.expand(taxonomy)?)))
            .collect::<Result<_, ProfileError>>()?;
        Ok(Self { taxonomy, profiles })
    }

    pub fn search(
        &self,
        query: &Query,
        offset: usize,
        limit: usize,
    ) -> Result<ScanResult, QueryError> {
        let plan = Plan::new(query, self.taxonomy, offset, limit)?;
        // The scan knows no slots: text hits by id, scores by id.
        let text: Option<FxHashMap<CandidateId, f32>> = match query.text.as_ref().map(|t| &t.hits) {
            None => None,
            Some(hits @ TextHits::Ids(h)) => {
                check_relevance(hits)?;
                Some(h.iter().copied().collect())
            }
            Some(TextHits::Slots(_) | TextHits::Survivors(_)) => {
                return Err(QueryError::new(
                    "text",
                    "the linear scan takes text hits by candidate id",
                ))
            }
        };
        // Who passes every filter, with their text score (0 without text).
        let mut passing: Vec<(&Profile, &Vec<u32>, f32)> = Vec::new();
        if plan.contradiction.is_none() {
            for (p, skills) in &self.profiles {
                let score = match &text {
                    None => Some(0.0),
                    Some(m) => m.get(&p.id).copied(),
                };
                let Some(score) = score else { continue };
                if passes(&plan, p, skills) && !query.exclude.contains(&p.id) {
                    passing.push((p, skills, score));
                }
            }
        }
        let best = passing.iter().map(|(_, _, s)| *s).fold(0.0, f32::max);
        let mut hits: Vec<(f32, CandidateId)> = Vec::new();
        for (p, skills, score) in passing {
            let text_fit = if text.is_some() {
                relevance(score, best)
            } else {
                0.0
            };
            let rate = p.rate.map_or(RATE_UNKNOWN, |r| r.hourly_usd());
            let rest = plan.rest(
                position(Level::ALL, &p.level),
                rate,
                tz_bucket(p.utc_offset_minutes),
                day_number(p.available_from),
                position(&Vetting::ALL, &p.vetting),
            );
            let rest = plan.rest_with_text(rest, text_fit);
            hits.push((plan.score(rest, plan.coverage(skills)), p.id));
        }
        let total = hits.len() as u64;
        hits.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        Ok(ScanResult {
            ranked: hits
                .into_iter()
                .skip(offset)
                .take(limit)
                .map(|(s, id)| (id, s * 100.0))
                .collect(),
            total,
        })
    }
}

fn bit(mask: u8, i: usize) -> bool {
    mask & (1 << i) != 0
}

fn passes(plan: &Plan, p: &Profile, skills: &[u32]) -> bool {
    bit(plan.level_mask, position(Level::ALL, &p.level))
        && bit(plan.region_mask, position(Region::ALL, &p.region))
        && bit(plan.vetting_mask, position(&Vetting::ALL, &p.vetting))
        && plan
            .countries
            .as_ref()
            .is_none_or(|c| c.admits(p.country, &p.work_authorization))
        && plan
            .engagement
            .is_none_or(|e| p.engagements.contains(&Engagement::ALL[e]))
        && plan
            .work_mode
            .and_then(|m| WorkMode::ALL.get(m))
            .is_none_or(|m| m.admits(&p.work_modes, p.open_to_relocation))
        && plan.tz_ok(tz_bucket(p.utc_offset_minutes))
        && plan.required_ok(skills)
        && plan.scalar_ok(
            p.rate.map_or(RATE_UNKNOWN, |r| r.hourly_usd()),
            day_number(p.available_from),
        )
}
