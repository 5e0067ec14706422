//! A query's free text resolved to the index's slots: who the text lets through (a bitmap) and
//! each one's relevance (an array by slot). A common word matches a fifth of a large pool, so
//! nothing here is per-hit hashing once the hits come as slots (`TextHits::Slots`).

use crate::index::Index;
use crate::query::{QueryError, TextHits};
use roaring::RoaringBitmap;

/// Checks every relevance is a number 0-1, naming the first one that is not.
pub(crate) fn check_relevance(hits: &TextHits) -> Result<(), QueryError> {
    let bad = match hits {
        TextHits::Ids(h) => h.iter().position(|(_, r)| !in_range(*r)),
        TextHits::Slots(s) => s.hits.iter().position(|(_, r)| !in_range(*r)),
    };
    match bad {
        Some(i) => Err(QueryError::new(
            format!("text.relevance[{i}]"),
            "must be between 0 and 1",
        )),
        None => Ok(()),
    }
}

fn in_range(r: f32) -> bool {
    r.is_finite() && (0.0..=1.0).contains(&r)
}

/// The text's hits in this index.
#[derive(Debug, Clone)]
pub(crate) struct TextSlots {
    /// How many candidates the text matched (for the reason of an empty result).
    pub matched: usize,
    /// One bit per slot the text matched, 64 slots a word.
    bits: Vec<u64>,
    /// Relevance by slot, 0 where the text did not match.
    relevance: Vec<f32>,
}

impl TextSlots {
    /// Resolves hits against `index`; slot hits must come from its current `slot_epoch`.
    pub fn resolve(hits: &TextHits, index: &Index) -> Result<Self, QueryError> {
        let n = index.slot_count();
        // Zeroed allocations: the pages a small hit list never touches cost nothing.
        let mut out = Self {
            matched: 0,
            bits: vec![0; n.div_ceil(64)],
            relevance: vec![0.0; n],
        };
        match hits {
            TextHits::Ids(h) => {
                for (id, r) in h {
                    if let Some(slot) = index.slot_of(*id) {
                        out.set(slot as usize, *r);
                    }
                }
            }
            TextHits::Slots(s) => {
                if s.epoch != index.slot_epoch() {
                    return Err(QueryError::new(
                        "text",
                        "the text was resolved against an earlier state of the pool; search again",
                    ));
                }
                for &(slot, r) in &s.hits {
                    if (slot as usize) < n {
                        out.set(slot as usize, r);
                    }
                }
            }
        }
        Ok(out)
    }

    fn set(&mut self, slot: usize, relevance: f32) {
        let (word, bit) = (slot / 64, 1u64 << (slot % 64));
        if self.bits[word] & bit == 0 {
            self.matched += 1;
        }
        self.bits[word] |= bit;
        self.relevance[slot] = relevance;
    }

    /// Whether the text matched the candidate in `slot`.
    pub fn contains(&self, slot: u32) -> bool {
        let slot = slot as usize;
        self.bits
            .get(slot / 64)
            .is_some_and(|w| w & (1u64 << (slot % 64)) != 0)
    }

    /// Relevance 0-1 of the candidate in `slot`; 0 when the text did not match them.
    pub fn fit(&self, slot: usize) -> f32 {
        self.relevance.get(slot).copied().unwrap_or(0.0)
    }

    /// `candidates` that the text matched. Walks the smaller side: a narrow role's survivors
    /// are tested bit by bit; a broad one meets the text's own bitmap.
    pub fn keep(&self, candidates: RoaringBitmap) -> RoaringBitmap {
        if candidates.len() <= self.matched as u64 {
            return RoaringBitmap::from_sorted_iter(
                candidates.iter().filter(|s| self.contains(*s)),
            )
            .unwrap_or_default();
        }
        let sorted = self.bits.iter().enumerate().flat_map(|(i, &word)| {
            let base = (i * 64) as u32;
            BitIter(word).map(move |b| base + b)
        });
        candidates & RoaringBitmap::from_sorted_iter(sorted).unwrap_or_default()
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
