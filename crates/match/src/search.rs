//! Ranking: intersect bitmaps for the hard filters, then score the survivors from the columns,
//! keeping the best in a bounded heap and skipping anyone whose best possible score cannot enter it.

use crate::explain::{explain, Match};
use crate::groups::Groups;
use crate::index::Index;
use crate::plan::Plan;
use crate::query::{Query, QueryError, TextHits};
use crate::text::{check_relevance, TextSlots};
use roaring::RoaringBitmap;
use serde::Serialize;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

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

/// A query's hard filters applied: who passes every one of them, waiting to be ranked. Lets a
/// caller look for the query's free text among these candidates only (`TextHits::Survivors`),
/// which for a narrow role costs a fraction of searching the whole pool.
pub struct Survivors<'a> {
    index: &'a Index,
    // Boxed: a plan is large, and `Filtered` is moved around by value.
    plan: Box<Plan>,
    slots: RoaringBitmap,
    offset: usize,
    limit: usize,
}

/// What applying a query's hard filters gave: already the answer (a contradiction, or nobody
/// passes, with the reason), or candidates to rank.
pub enum Filtered<'a> {
    Answered(SearchResult),
    Survivors(Survivors<'a>),
}

impl Index {
    /// Ranks the pool for a query: `limit` results after skipping `offset`, best first, ties by id.
    /// A malformed query is an error naming the field; a query nobody can satisfy is an empty result
    /// with the reason. The free text's hits are the query's own (`query.text`).
    pub fn search(
        &self,
        query: &Query,
        offset: usize,
        limit: usize,
    ) -> Result<SearchResult, QueryError> {
        match self.filtered(query, offset, limit)? {
            Filtered::Answered(r) => Ok(r),
            Filtered::Survivors(s) => s.rank(query.text.as_ref().map(|t| &t.hits)),
        }
    }

    /// The first half of `search`: every hard filter but the free text, checked by bitmaps, then
    /// the must-haves' minimum years candidate by candidate. `Survivors::rank` does the rest.
    pub fn filtered(
        &self,
        query: &Query,
        offset: usize,
        limit: usize,
    ) -> Result<Filtered<'_>, QueryError> {
        let plan = Plan::new(query, &self.taxonomy, offset, limit)?;
        let answered = |reason| Ok(Filtered::Answered(SearchResult::empty(reason)));
        if let Some(why) = &plan.contradiction {
            return answered(format!("the query contradicts itself: {why}"));
        }
        let mut slots = match self.filter(&plan) {
            Ok(c) => c,
            Err(why) => return answered(why),
        };
        // People the caller set aside (a trial on the role ended without a hire) are not results.
        for id in &query.exclude {
            if let Some(slot) = self.slots.get(id) {
                slots.remove(*slot);
            }
        }
        if slots.is_empty() {
            return answered(
                "every candidate who passes the filters is excluded from this ranking".into(),
            );
        }
        if plan.has_min_years {
            let before = slots.len();
            slots = RoaringBitmap::from_sorted_iter(
                slots
                    .iter()
                    .filter(|s| plan.required_ok(self.skills(*s as usize))),
            )
            .unwrap_or_default();
            if slots.is_empty() {
                return answered(format!(
                    "{before} candidates pass every other filter, but none has a must-have's minimum years"
                ));
            }
        }
        Ok(Filtered::Survivors(Survivors {
            index: self,
            plan: Box::new(plan),
            slots,
            offset,
            limit,
        }))
    }
}

impl Survivors<'_> {
    /// The slots of the candidates who pass every hard filter but the free text.
    pub fn slots(&self) -> &RoaringBitmap {
        &self.slots
    }

    /// The index these candidates are slots of.
    pub fn index(&self) -> &Index {
        self.index
    }

    /// Ranks the survivors. With free text in the query, `text` says who it matched (the query's
    /// own hits are not looked at): only they stay, and each one's text relevance is its score
    /// over the best score among them.
    pub fn rank(self, text: Option<&TextHits>) -> Result<SearchResult, QueryError> {
        let Self {
            index,
            mut plan,
            mut slots,
            offset,
            limit,
        } = self;
        if let Some(typed) = &plan.text {
            let hits =
                text.ok_or_else(|| QueryError::new("text", "the text's hits are missing"))?;
            check_relevance(hits)?;
            let mut found = TextSlots::resolve(hits, index)?;
            let before = slots.len();
            slots = found.keep(slots);
            if slots.is_empty() {
                return Ok(SearchResult::empty(match hits {
                    TextHits::Survivors(_) => format!(
                        "none of the {before} candidates who pass the other filters matches the text '{typed}'"
                    ),
                    _ if found.matched == 0 => format!("no candidate matches the text '{typed}'"),
                    _ => format!(
                        "{} candidates match the text '{typed}', but none of the {before} who pass the other filters",
                        found.matched
                    ),
                }));
            }
            found.scale_to_best_of(&slots);
            plan.text_slots = Some(found);
        }
        let total = slots.len();
        let mut top = TopK::new(offset + limit);
        let mut groups = Groups::new(index, &plan, slots);
        while let Some((group, reachable)) = groups.next(|bound| top.could_enter(bound, 0)) {
            if !reachable {
                // Nobody here can enter the page (all of them are already counted in `total`).
                continue;
            }
            for slot in &group.members {
                let s = slot as usize;
                let c = &index.cols;
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
                let score = plan.score(rest, plan.coverage(index.skills(s)));
                top.push(score, id, slot);
            }
        }
        let matches = top
            .into_sorted()
            .into_iter()
            .skip(offset)
            .map(|(score, slot)| explain(index, &plan, slot as usize, score))
            .collect();
        Ok(SearchResult {
            matches,
            total,
            empty_reason: None,
        })
    }
}

impl Index {
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
