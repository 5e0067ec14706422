//! Best-first groups of candidates for ranking: candidates are split, lazily, by which of the
//! heaviest nice-to-have skills they have. A group whose best possible score cannot enter the page
//! is never split further or scored, only counted.

use crate::index::Index;
use crate::plan::Plan;
use roaring::RoaringBitmap;
use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// How many nice-to-have skills may split the candidates (at most 2^this groups).
const SPLIT_SKILLS: usize = 5;
/// Groups this small are scored rather than split: splitting costs more than it saves.
const SPLIT_MIN: u64 = 1024;

/// Candidates that share which splitting skills they lack, with the best score any can reach.
pub(crate) struct Group {
    pub members: RoaringBitmap,
    /// The highest skill coverage any member can have.
    pub coverage_bound: f32,
    /// The highest score any member can have.
    pub bound: f32,
    absent: Vec<u16>,
    next_split: usize,
}

impl PartialEq for Group {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Group {}
impl PartialOrd for Group {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Group {
    fn cmp(&self, other: &Self) -> Ordering {
        self.bound.total_cmp(&other.bound)
    }
}

pub(crate) struct Groups<'a> {
    index: &'a Index,
    plan: &'a Plan,
    split: Vec<u16>,
    queue: BinaryHeap<Group>,
}

impl<'a> Groups<'a> {
    pub fn new(index: &'a Index, plan: &'a Plan, candidates: RoaringBitmap) -> Self {
        let mut nice: Vec<_> = plan.wanted.iter().filter(|w| !w.must).collect();
        nice.sort_by(|a, b| b.weight.total_cmp(&a.weight).then(a.skill.cmp(&b.skill)));
        let split = nice.iter().take(SPLIT_SKILLS).map(|w| w.skill).collect();
        let mut groups = Self {
            index,
            plan,
            split,
            queue: BinaryHeap::new(),
        };
        groups.push(candidates, Vec::new(), 0);
        groups
    }

    fn push(&mut self, members: RoaringBitmap, absent: Vec<u16>, next_split: usize) {
        if members.is_empty() {
            return;
        }
        let coverage_bound = self.plan.coverage_bound(&absent);
        self.queue.push(Group {
            members,
            coverage_bound,
            bound: self.plan.score(self.plan.rest_bound(), coverage_bound),
            absent,
            next_split,
        });
    }

    /// The best remaining group, and whether it can still reach the page (`can_enter` on its
    /// bound). Once one cannot, no later one can either: they come best first.
    pub fn next(&mut self, can_enter: impl Fn(f32) -> bool) -> Option<(Group, bool)> {
        loop {
            let g = self.queue.pop()?;
            if !can_enter(g.bound) {
                return Some((g, false));
            }
            let skill = self.split.get(g.next_split).copied();
            let has = skill.and_then(|s| self.index.bm.skill.get(usize::from(s)));
            match (skill, has) {
                (Some(skill), Some(has)) if g.members.len() > SPLIT_MIN => {
                    let with = &g.members & has;
                    let without = g.members - &with;
                    let mut absent = g.absent.clone();
                    absent.push(skill);
                    self.push(with, g.absent, g.next_split + 1);
                    self.push(without, absent, g.next_split + 1);
                }
                _ => return Some((g, true)),
            }
        }
    }
}
