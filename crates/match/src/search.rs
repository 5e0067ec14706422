//! Ranking: intersect bitmaps for the hard filters, then score the survivors from the columns,
//! keeping the best in a bounded heap and skipping anyone whose best possible score cannot enter it.

use crate::explain::{explain, Match};
use crate::groups::Groups;
use crate::index::Index;
use crate::plan::Plan;
use crate::query::{Query, QueryError};
use crate::text::TextSlots;
use roaring::RoaringBitmap;
use serde::Serialize;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// Who passed the per-candidate filters, and why the others did not.
#[derive(Default)]
struct Tally {
    total: u64,
    too_few_years: u64,
}

/// One page of ranked candidates.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchResult {
    pub matches: Vec<Match>,
    /// How many candidates pass every hard filter (all pages).
    pub total: u64,
    /// Why there are no results, when there are none: a contradiction in the query, or the filter
    /// that left nobody.
    pub empty_reason: Option<String>,
}

impl SearchResult {
    fn empty(reason: String) -> Self {
        Self {
            matches: Vec::new(),
            total: 0,
            empty_reason: Some(reason),
        }
    }
}

/// Heap entry ordered by rank: higher score first, then lower id (scores are ≥ 0, so their bits order them).
type Ranked = (u32, Reverse<u128>, u32);

/// The best `cap` candidates seen so far; the worst of them on top.
struct TopK {
    cap: usize,
    heap: BinaryHeap<Reverse<Ranked>>,
}

impl TopK {
    fn new(cap: usize) -> Self {
        Self {
            cap,
            heap: BinaryHeap::with_capacity(cap + 1),
        }
    }

    /// Whether a candidate whose score is at most `bound` could still enter.
    fn could_enter(&self, bound: f32, id: u128) -> bool {
        match self.heap.peek() {
            Some(Reverse(worst)) if self.heap.len() >= self.cap => {
                (bound.to_bits(), Reverse(id)) > (worst.0, worst.1)
            }
            _ => true,
        }
    }

    fn push(&mut self, score: f32, id: u128, slot: u32) {
        let entry = (score.to_bits(), Reverse(id), slot);
        if self.heap.len() < self.cap {
            self.heap.push(Reverse(entry));
        } else if let Some(mut worst) = self.heap.peek_mut() {
            if entry > worst.0 {
                *worst = Reverse(entry);
            }
        }
    }

    /// Best first.
    fn into_sorted(self) -> Vec<(f32, u32)> {
        let mut v: Vec<Ranked> = self.heap.into_iter().map(|r| r.0).collect();
        v.sort_unstable_by(|a, b| b.cmp(a));
        v.into_iter()
            .map(|(s, _, slot)| (f32::from_bits(s), slot))
            .collect()
    }
}

impl Index {
    /// Ranks the pool for a query: `limit` results after skipping `offset`, best first, ties by id.
    /// A malformed query is an error naming the field; a query nobody can satisfy is an empty result
    /// with the reason.
    pub fn search(
        &self,
        query: &Query,
        offset: usize,
        limit: usize,
    ) -> Result<SearchResult, QueryError> {
        let mut plan = Plan::new(query, &self.taxonomy, offset, limit)?;
        if let Some(why) = &plan.contradiction {
            return Ok(SearchResult::empty(format!(
                "the query contradicts itself: {why}"
            )));
        }
        if let Some(t) = &query.text {
            plan.text_slots = Some(TextSlots::resolve(&t.hits, self)?);
        }
        let mut candidates = match self.filter(&plan) {
            Ok(c) => c,
            Err(why) => return Ok(SearchResult::empty(why)),
        };
        // People the caller set aside (a trial on the role ended without a hire) are not results.
        for id in &query.exclude {
            if let Some(slot) = self.slots.get(id) {
                candidates.remove(*slot);
            }
        }
        if let (Some(text), Some(hits)) = (&plan.text, &plan.text_slots) {
            let before = candidates.len();
            candidates = hits.keep(candidates);
            if candidates.is_empty() {
                return Ok(SearchResult::empty(if hits.matched == 0 {
                    format!("no candidate matches the text '{text}'")
                } else {
                    format!(
                        "{} candidates match the text '{text}', but none of the {before} who pass the other filters",
                        hits.matched
                    )
                }));
            }
        }
        if candidates.is_empty() && !query.exclude.is_empty() {
            return Ok(SearchResult::empty(
                "every candidate who passes the filters is excluded from this ranking".into(),
            ));
        }
        let mut top = TopK::new(offset + limit);
        let mut tally = Tally::default();
        let needs_scan = plan.has_scalar_filters();
        let mut groups = Groups::new(self, &plan, candidates);
        while let Some((group, reachable)) = groups.next(|bound| top.could_enter(bound, 0)) {
            if !reachable {
                // Nobody here can enter the page; only the count of who passes is still needed.
                if needs_scan {
                    for slot in &group.members {
                        self.passes_scalar(&plan, slot as usize, &mut tally);
                    }
                } else {
                    tally.total += group.members.len();
                }
                continue;
            }
            for slot in &group.members {
                let s = slot as usize;
                if !self.passes_scalar(&plan, s, &mut tally) {
                    continue;
                }
                let c = &self.cols;
                let rest = plan.rest(
                    usize::from(c.level[s]),
                    c.rate[s],
                    c.tz[s],
                    c.available[s],
                    usize::from(c.vetting[s]),
                );
                let id = c.id[s];
                let rest = plan.rest_with_text(rest, plan.text_fit(s));
                if !top.could_enter(plan.score(rest, group.coverage_bound), id) {
                    continue;
                }
                let score = plan.score(rest, plan.coverage(self.skills(s)));
                top.push(score, id, slot);
            }
        }
        let Tally {
            total,
            too_few_years,
        } = tally;
        if total == 0 {
            return Ok(SearchResult::empty(format!(
                "{too_few_years} candidates pass every other filter, but none has a must-have's minimum years"
            )));
        }
        let matches = top
            .into_sorted()
            .into_iter()
            .skip(offset)
            .map(|(score, slot)| explain(self, &plan, slot as usize, score))
            .collect();
        Ok(SearchResult {
            matches,
            total,
            empty_reason: None,
        })
    }

    /// The one filter checked per candidate: must-have minimum years (the rest are bitmaps).
    fn passes_scalar(&self, plan: &Plan, s: usize, tally: &mut Tally) -> bool {
        if plan.has_min_years && !plan.required_ok(self.skills(s)) {
            tally.too_few_years += 1;
            return false;
        }
        tally.total += 1;
        true
    }

    /// Intersects the bitmaps of every hard filter, rarest first; names the filter that leaves nobody.
    fn filter(&self, plan: &Plan) -> Result<RoaringBitmap, String> {
        let b = &self.bm;
        let tax = &self.taxonomy;
        let mut required: Vec<_> = plan
            .required
            .iter()
            .map(|s| (&b.skill[s.index()], *s))
            .collect();
        required.sort_by_key(|(bm, _)| bm.len());
        let mut set = match required.first() {
            Some((bm, _)) => (*bm).clone(),
            None => b.alive.clone(),
        };
        for (bm, skill) in &required {
            set &= *bm;
            if set.is_empty() {
                let names: Vec<_> = plan.required.iter().map(|s| tax.name(*s)).collect();
                return Err(format!(
                    "no candidate has every required skill together ({}); the first to leave nobody was {}",
                    names.join(", "),
                    tax.name(*skill)
                ));
            }
        }
        let union = |maps: &[RoaringBitmap], mask: u8| -> RoaringBitmap {
            maps.iter()
                .enumerate()
                .filter(|(i, _)| mask & (1 << i) != 0)
                .map(|(_, m)| m)
                .fold(RoaringBitmap::new(), |acc, m| acc | m)
        };
        let full = |n: usize| (1u16 << n) - 1;
        let mut steps: Vec<(&str, RoaringBitmap)> = Vec::new();
        if u16::from(plan.level_mask) != full(b.level.len()) {
            steps.push(("level", union(&b.level, plan.level_mask)));
        }
        if u16::from(plan.region_mask) != full(b.region.len()) {
            steps.push(("region", union(&b.region, plan.region_mask)));
        }
        if u16::from(plan.vetting_mask) != full(b.vetting.len()) {
            steps.push(("vetting", union(&b.vetting, plan.vetting_mask)));
        }
        if let Some(countries) = &plan.countries {
            steps.push(("country", self.country_filter(countries)));
        }
        if let Some(e) = plan.engagement {
            steps.push(("engagement", b.engagement[e].clone()));
        }
        if let Some(m) = plan
            .work_mode
            .and_then(|m| crate::profile::WorkMode::ALL.get(m))
        {
            steps.push(("work mode", self.work_mode_filter(*m)));
        }
        if plan.overlap_minutes.is_some() {
            let m =
                b.tz.iter()
                    .enumerate()
                    .filter(|(i, m)| !m.is_empty() && plan.tz_ok(*i as u8))
                    .fold(RoaringBitmap::new(), |acc, (_, m)| acc | m);
            steps.push(("time-zone overlap", m));
        }
        steps.sort_by_key(|(_, m)| m.len());
        for (name, m) in steps {
            set &= m;
            if set.is_empty() {
                return Err(format!(
                    "no candidate passes the {name} filter together with the filters before it"
                ));
            }
        }
        // Ranges last: bucket by bucket within the survivors, which is cheap once they are few.
        if plan.rate_limit.is_finite() {
            let limit = plan.rate_limit;
            let rates = &self.cols.rate;
            set = b
                .rate
                .at_most(f64::from(limit), &set, |s| rates[s as usize] <= limit);
            if set.is_empty() {
                return Err("no candidate within the budget passes the other filters".into());
            }
        }
        if let Some(by) = plan.available_by {
            let days = &self.cols.available;
            set = b
                .available
                .at_most(f64::from(by), &set, |s| days[s as usize] <= by);
            if set.is_empty() {
                return Err("no candidate available by that date passes the other filters".into());
            }
        }
        Ok(set)
    }
}
