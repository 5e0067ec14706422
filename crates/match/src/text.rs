//! A query's free text resolved to the index's slots: who the text lets through (a bitmap) and
//! each one's score (an array by slot), scaled to relevance 0-1 by the best score among the
//! candidates who pass every filter. A common word matches a fifth of a large pool, so nothing
//! here is per-hit hashing once the hits come as slots (`TextHits::Slots`).

use crate::index::Index;
use crate::query::{QueryError, TextHits};
use roaring::RoaringBitmap;

/// Checks every score is a finite number, 0 or more, naming the first one that is not.
pub(crate) fn check_relevance(hits: &TextHits) -> Result<(), QueryError> {
    let bad = match hits {
        TextHits::Ids(h) => h.iter().position(|(_, r)| !valid(*r)),
        TextHits::Slots(s) | TextHits::Survivors(s) => s.hits.iter().position(|(_, r)| !valid(*r)),
    };
    match bad {
        Some(i) => Err(QueryError::new(
            format!("text.relevance[{i}]"),
            "must be a finite number, 0 or more",
        )),
        None => Ok(()),
    }
}

fn valid(score: f32) -> bool {
    score.is_finite() && score >= 0.0
}

/// Relevance 0-1 from a text score and the best score among who pass every filter; when every
/// score is 0 (a text index that does not score), each match counts fully. The linear scan
/// (`baseline`) uses this too, so both divide exactly alike.
pub(crate) fn relevance(score: f32, best: f32) -> f32 {
    if best > 0.0 {
        (score / best).clamp(0.0, 1.0)
    } else {
        1.0
    }
}

/// The text's hits in this index.
#[derive(Debug, Clone)]
pub(crate) struct TextSlots {
    /// How many candidates the text matched (for the reason of an empty result).
    pub matched: usize,
    found: Found,
    /// The best score of all the hits (`None` when some slot came twice: then the best is looked
    /// up over the final scores).
    best_of_all: Option<f32>,
    /// The best score among the candidates ranked (`scale_to_best_of`).
    best: f32,
}

/// Few hits (a narrow role's text sought among its survivors) are a sorted list: arrays the
/// size of the pool would cost more to allocate and fault in than the whole ranking.
#[derive(Debug, Clone)]
enum Found {
    /// One bit per slot the text matched, 64 slots a word, and the score by slot.
    Dense { bits: Vec<u64>, scores: Vec<f32> },
    /// `(slot, score)` sorted by slot, each slot once.
    Sparse(Vec<(u32, f32)>),
}

/// Below one hit per this many slots, hits are kept as a sorted list.
const SPARSE_BELOW: usize = 32;

impl TextSlots {
    /// Resolves hits against `index`; slot hits must come from its current `slot_epoch`.
    pub fn resolve(hits: &TextHits, index: &Index) -> Result<Self, QueryError> {
        let n = index.slot_count();
        let pairs: Box<dyn Iterator<Item = (u32, f32)> + '_> = match hits {
            TextHits::Ids(h) => Box::new(
                h.iter()
                    .filter_map(|(id, r)| index.slot_of(*id).map(|slot| (slot, *r))),
            ),
            TextHits::Slots(s) | TextHits::Survivors(s) => {
                if s.epoch != index.slot_epoch() {
                    return Err(QueryError::new(
                        "text",
                        "the text was resolved against an earlier state of the pool; search again",
                    ));
                }
                Box::new(
                    s.hits
                        .iter()
                        .copied()
                        .filter(|(slot, _)| (*slot as usize) < n),
                )
            }
        };
        if hits.len().saturating_mul(SPARSE_BELOW) < n {
            let mut list: Vec<(u32, f32)> = pairs.collect();
            // Stable, so of a slot given twice the last score stays, as in the dense case.
            list.sort_by_key(|(slot, _)| *slot);
            let mut unique: Vec<(u32, f32)> = Vec::with_capacity(list.len());
            for (slot, score) in list {
                match unique.last_mut() {
                    Some(last) if last.0 == slot => last.1 = score,
                    _ => unique.push((slot, score)),
                }
            }
            return Ok(Self {
                matched: unique.len(),
                best_of_all: Some(unique.iter().map(|(_, s)| *s).fold(0.0, f32::max)),
                found: Found::Sparse(unique),
                best: 0.0,
            });
        }
        // Zeroed allocations: the pages a small hit list never touches cost nothing.
        let mut bits = vec![0u64; n.div_ceil(64)];
        let mut scores = vec![0f32; n];
        let (mut matched, mut given, mut best) = (0, 0, 0.0f32);
        for (slot, score) in pairs {
            let slot = slot as usize;
            let (word, bit) = (slot / 64, 1u64 << (slot % 64));
            if bits[word] & bit == 0 {
                matched += 1;
            }
            given += 1;
            best = best.max(score);
            bits[word] |= bit;
            scores[slot] = score;
        }
        let best_of_all = (given == matched).then_some(best);
        Ok(Self {
            matched,
            found: Found::Dense { bits, scores },
            best_of_all,
            best: 0.0,
        })
    }

    /// The score of the candidate in `slot`, `None` when the text did not match them.
    fn score(&self, slot: u32) -> Option<f32> {
        match &self.found {
            Found::Dense { bits, scores } => {
                let s = slot as usize;
                let hit = bits
                    .get(s / 64)
                    .is_some_and(|w| w & (1u64 << (s % 64)) != 0);
                if hit {
                    scores.get(s).copied()
                } else {
                    None
                }
            }
            Found::Sparse(list) => list
                .binary_search_by_key(&slot, |(s, _)| *s)
                .ok()
                .map(|i| list[i].1),
        }
    }

    /// Takes the best score among `ranked` (who the text matched and who pass every filter) as
    /// relevance 1.
    pub fn scale_to_best_of(&mut self, ranked: &RoaringBitmap) {
        // Everyone the text matched passes the filters (a broad role): nothing to look up.
        if let Some(best) = self
            .best_of_all
            .filter(|_| ranked.len() == self.matched as u64)
        {
            self.best = best;
            return;
        }
        self.best = match &self.found {
            Found::Sparse(list) => list
                .iter()
                .filter(|(slot, _)| ranked.contains(*slot))
                .map(|(_, score)| *score)
                .fold(0.0, f32::max),
            Found::Dense { .. } => ranked
                .iter()
                .filter_map(|slot| self.score(slot))
                .fold(0.0, f32::max),
        };
    }

    /// Relevance 0-1 of the candidate in `slot`; 0 when the text did not match them.
    pub fn fit(&self, slot: usize) -> f32 {
        u32::try_from(slot)
            .ok()
            .and_then(|s| self.score(s))
            .map_or(0.0, |score| relevance(score, self.best))
    }

    /// `candidates` that the text matched. Walks the smaller side: a narrow role's survivors
    /// are tested one by one; a broad one meets the text's own bitmap.
    pub fn keep(&self, candidates: RoaringBitmap) -> RoaringBitmap {
        match &self.found {
            Found::Sparse(list) => {
                let found = RoaringBitmap::from_sorted_iter(list.iter().map(|(slot, _)| *slot))
                    .unwrap_or_default();
                candidates & found
            }
            Found::Dense { bits, .. } => {
                if candidates.len() <= self.matched as u64 {
                    return RoaringBitmap::from_sorted_iter(
                        candidates.iter().filter(|s| self.score(*s).is_some()),
                    )
                    .unwrap_or_default();
                }
                let sorted = bits.iter().enumerate().flat_map(|(i, &word)| {
                    let base = (i * 64) as u32;
                    BitIter(word).map(move |b| base + b)
                });
                candidates & RoaringBitmap::from_sorted_iter(sorted).unwrap_or_default()
            }
        }
    }
}

/// The set bits of a word, lowest first.
struct BitIter(u64);

impl Iterator for BitIter {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        if self.0 == 0 {
            return None;
        }
        let b = self.0.trailing_zeros();
        self.0 &= self.0 - 1;
        Some(b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bit_iter_yields_every_set_bit_in_order() {
        let bits: Vec<u32> = BitIter(0b1010_0001 | (1 << 63)).collect();
        assert_eq!(bits, vec![0, 5, 7, 63]);
        assert_eq!(BitIter(0).count(), 0);
    }
}
