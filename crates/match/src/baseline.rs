//! The naive baseline the index is measured against: a linear scan over the profiles applying the
//! same filters one by one and the same scoring, then a full sort. Also the tests' oracle.

use crate::plan::{Plan, RATE_UNKNOWN};
use crate::profile::{day_number, position, tz_bucket, Profile, ProfileError, Vetting, WorkMode};
use crate::query::{Query, QueryError};
use crate::taxonomy::Taxonomy;
use hireloop_core::candidate::Region;
use hireloop_core::ids::CandidateId;
use hireloop_core::level::Level;
use hireloop_core::market::advice::Engagement;

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
        let mut hits: Vec<(f32, CandidateId)> = Vec::new();
        if plan.contradiction.is_none() {
            for (p, skills) in &self.profiles {
                if !passes(&plan, p, skills)
                    || !plan.text_ok(p.id.0.as_u128())
                    || query.exclude.contains(&p.id)
                {
                    continue;
                }
                let rate = p.rate.map_or(RATE_UNKNOWN, |r| r.hourly_usd());
                let rest = plan.rest(
                    position(Level::ALL, &p.level),
                    rate,
                    tz_bucket(p.utc_offset_minutes),
                    day_number(p.available_from),
                    position(&Vetting::ALL, &p.vetting),
                );
                let rest = plan.rest_with_text(rest, p.id.0.as_u128());
                hits.push((plan.score(rest, plan.coverage(skills)), p.id));
            }
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
            .is_none_or(|m| p.work_modes.contains(&WorkMode::ALL[m]))
        && plan.tz_ok(tz_bucket(p.utc_offset_minutes))
        && plan.required_ok(skills)
        && plan.scalar_ok(
            p.rate.map_or(RATE_UNKNOWN, |r| r.hourly_usd()),
            day_number(p.available_from),
        )
}
