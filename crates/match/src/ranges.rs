//! Range filters on bitmaps: candidates bucketed by a number (rate, start date), so "at most X"
//! is a union of whole buckets plus a per-candidate check of the one bucket X falls in.

use roaring::RoaringBitmap;
use std::collections::BTreeMap;

#[derive(Debug)]
pub(crate) struct Ranges {
    width: f64,
    buckets: BTreeMap<i64, RoaringBitmap>,
}

impl Ranges {
    pub fn new(width: f64) -> Self {
        Self {
            width,
            buckets: BTreeMap::new(),
        }
    }

    fn key(&self, value: f64) -> i64 {
        (value / self.width).floor() as i64
    }

    pub fn set(&mut self, value: f64, slot: u32, on: bool) {
        let key = self.key(value);
        if on {
            self.buckets.entry(key).or_default().insert(slot);
        } else if let Some(b) = self.buckets.get_mut(&key) {
            b.remove(slot);
        }
    }

    /// The slots of `within` whose value is at most `limit`; `exact` tells whether a slot's own
    /// value passes. Checks each slot of `within` when that is less work than the buckets.
    pub fn at_most(
        &self,
        limit: f64,
        within: &RoaringBitmap,
        exact: impl Fn(u32) -> bool,
    ) -> RoaringBitmap {
        let edge = self.key(limit);
        let in_buckets: u64 = self.buckets.range(..=edge).map(|(_, b)| b.len()).sum();
        if within.len() <= in_buckets {
            return within.iter().filter(|&s| exact(s)).collect();
        }
        let mut out = RoaringBitmap::new();
        for (&key, bucket) in self.buckets.range(..=edge) {
            let part = bucket & within;
            if ((key + 1) as f64) * self.width <= limit {
                out |= part;
            } else {
                // The bucket `limit` falls in: some of its values are above it.
                out.extend(part.iter().filter(|&s| exact(s)));
            }
        }
        out
    }

    pub fn bytes(&self) -> usize {
        self.buckets
            .values()
            .map(RoaringBitmap::serialized_size)
            .sum()
    }

    pub fn optimize(&mut self) {
        for b in self.buckets.values_mut() {
            b.optimize();
        }
    }
}
