//! One pass over the documents a search found: facet counts and the top of the ranking, from
//! tantivy's columnar fast fields. Per document it reads a few integers (term ordinals, the rate,
//! the availability day) and bumps array counters; strings are looked up once per distinct value
//! per segment, and names only for the documents that make the page. This replaces collecting
//! every hit and counting from a per-candidate summary (kept as `baseline` for the benchmark).

use super::params::{availability_bucket, rate_band};
use super::{FacetCount, Facets, TOP_SKILL_FACETS};
use std::cmp::Ordering;
use std::collections::{BTreeMap, BinaryHeap, HashMap, HashSet};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};
use uuid::Uuid;

/// A found document on the page: ranked by score (highest first), then name, then id.
#[derive(Debug, Clone)]
pub(super) struct Ranked {
    pub score: Score,
    pub name: String,
    pub id: Uuid,
    pub addr: DocAddress,
}

/// What one search collects.
pub(super) struct Collected {
    /// Documents found (visible ones only).
    pub total: u64,
    pub facets: Facets,
    /// The best `offset + limit`, in rank order.
    pub top: Vec<Ranked>,
}

pub(super) struct PoolCollector<'a> {
    /// How many of the best to keep: the page's end.
    pub keep: usize,
    /// With free text the score ranks; without, every document scores 1.
    pub scored: bool,
    /// Only these candidates count (an interviewer's); None is everyone.
    pub visible: Option<&'a HashSet<Uuid>>,
    /// Day number of today, for the availability buckets.
    pub today: i64,
    /// Names by candidate, for ranking across segments (a map lookup is cheaper than reading
    /// the name back from the segment's dictionary).
    pub summaries: &'a HashMap<Uuid, super::Summary>,
}

/// Term ordinal counters for one string column, one per distinct value in the segment.
struct OrdCounts {
    column: Option<StrColumn>,
    counts: Vec<u64>,
    /// Documents without a value (e.g. no skills): not counted.
    multi: bool,
}

impl OrdCounts {
    fn open(reader: &SegmentReader, field: &str, multi: bool) -> tantivy::Result<Self> {
        let column = reader.fast_fields().str(field)?;
        let n = column.as_ref().map_or(0, |c| c.num_terms());
        Ok(Self {
            column,
            counts: vec![0; n],
            multi,
        })
    }

    #[inline]
    fn count(&mut self, doc: DocId) {
        let Some(column) = &self.column else { return };
        if self.multi {
            for ord in column.term_ords(doc) {
                if let Some(c) = self.counts.get_mut(ord as usize) {
                    *c += 1;
                }
            }
        } else if let Some(ord) = column.ords().first(doc) {
            if let Some(c) = self.counts.get_mut(ord as usize) {
                *c += 1;
            }
        }
    }

    /// The counts by value, for the values seen.
    fn into_strings(self) -> HashMap<String, u64> {
        let mut out = HashMap::new();
        let Some(column) = self.column else {
            return out;
        };
        for (ord, count) in self.counts.into_iter().enumerate() {
            let mut value = String::new();
            if count > 0 && matches!(column.ord_to_str(ord as u64, &mut value), Ok(true)) {
                *out.entry(value).or_default() += count;
            }
        }
        out
    }
}

/// A heap entry: the ordering puts the worst ranked on top, so it is the one replaced.
struct Entry {
    score: Score,
    name_ord: u64,
    id: u128,
    doc: DocId,
}

impl Entry {
    /// Better first: higher score, then lower name (ordinals sort as the names do within a
    /// segment), then lower id.
    fn rank(&self, other: &Self) -> Ordering {
        other
            .score
            .total_cmp(&self.score)
            .then_with(|| self.name_ord.cmp(&other.name_ord))
            .then_with(|| self.id.cmp(&other.id))
    }
}

impl PartialEq for Entry {
    fn eq(&self, other: &Self) -> bool {
        self.rank(other) == Ordering::Equal
    }
}
impl Eq for Entry {}
impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Entry {
    fn cmp(&self, other: &Self) -> Ordering {
        self.rank(other)
    }
}

pub(super) struct SegmentPool {
    segment: SegmentOrdinal,
    keep: usize,
    scored: bool,
    visible: Option<HashSet<Uuid>>,
    today: i64,
    id_hi: Column<u64>,
    id_lo: Column<u64>,
    name: Option<StrColumn>,
    /// None in a segment where no document has a value.
    rate: Option<Column<f64>>,
    available: Option<Column<i64>>,
    skill: OrdCounts,
    level: OrdCounts,
    region: OrdCounts,
    vetting: OrdCounts,
    rate_bands: BTreeMap<&'static str, u64>,
    availability: BTreeMap<&'static str, u64>,
    total: u64,
    heap: BinaryHeap<Entry>,
}

/// One segment's counts and best documents, names resolved.
pub(super) struct SegmentFruit {
    total: u64,
    skill: HashMap<String, u64>,
    level: HashMap<String, u64>,
    region: HashMap<String, u64>,
    vetting: HashMap<String, u64>,
    rate_bands: BTreeMap<&'static str, u64>,
    availability: BTreeMap<&'static str, u64>,
    top: Vec<Ranked>,
}

impl Collector for PoolCollector<'_> {
    type Fruit = Collected;
    type Child = SegmentPool;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentPool> {
        let ff = reader.fast_fields();
        Ok(SegmentPool {
            segment,
            keep: self.keep,
            scored: self.scored,
            // The segment collector must own its data ('static); the set is small (an
            // interviewer's assigned candidates).
            visible: self.visible.cloned(),
            today: self.today,
            id_hi: ff.u64("id_hi")?,
            id_lo: ff.u64("id_lo")?,
            name: ff.str("name_sort")?,
            rate: ff.column_opt("rate")?,
            available: ff.column_opt("available")?,
            skill: OrdCounts::open(reader, "skill_name", true)?,
            level: OrdCounts::open(reader, "level", false)?,
            region: OrdCounts::open(reader, "region", false)?,
            vetting: OrdCounts::open(reader, "vetting", false)?,
            rate_bands: BTreeMap::new(),
            availability: BTreeMap::new(),
            total: 0,
            heap: BinaryHeap::with_capacity(self.keep.min(4096) + 1),
        })
    }

    fn requires_scoring(&self) -> bool {
        self.scored
    }

    fn merge_fruits(&self, fruits: Vec<SegmentFruit>) -> tantivy::Result<Collected> {
        let mut total = 0;
        let mut skill: HashMap<String, u64> = HashMap::new();
        let mut level: HashMap<String, u64> = HashMap::new();
        let mut region: HashMap<String, u64> = HashMap::new();
        let mut vetting: HashMap<String, u64> = HashMap::new();
        let mut rate: BTreeMap<&str, u64> = BTreeMap::new();
        let mut availability: BTreeMap<&str, u64> = BTreeMap::new();
        let mut top = Vec::new();
        for f in fruits {
            total += f.total;
            for (into, from) in [
                (&mut skill, f.skill),
                (&mut level, f.level),
                (&mut region, f.region),
                (&mut vetting, f.vetting),
            ] {
                for (value, count) in from {
                    *into.entry(value).or_default() += count;
                }
            }
            for (into, from) in [
                (&mut rate, f.rate_bands),
                (&mut availability, f.availability),
            ] {
                for (value, count) in from {
                    *into.entry(value).or_default() += count;
                }
            }
            top.extend(f.top);
        }
        for r in &mut top {
            if let Some(s) = self.summaries.get(&r.id) {
                r.name.clone_from(&s.name);
            }
        }
        top.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| a.name.cmp(&b.name))
                .then_with(|| a.id.cmp(&b.id))
        });
        top.truncate(self.keep);
        Ok(Collected {
            total,
            facets: Facets {
                skill: sorted(skill, TOP_SKILL_FACETS),
                level: sorted(level, usize::MAX),
                region: sorted(region, usize::MAX),
                rate_band: sorted(rate, usize::MAX),
                vetting: sorted(vetting, usize::MAX),
                availability: sorted(availability, usize::MAX),
            },
            top,
        })
    }
}

impl SegmentPool {
    fn id(&self, doc: DocId) -> Option<u128> {
        let hi = self.id_hi.first(doc)?;
        let lo = self.id_lo.first(doc)?;
        Some((u128::from(hi) << 64) | u128::from(lo))
    }
}

impl SegmentCollector for SegmentPool {
    type Fruit = SegmentFruit;

    fn collect(&mut self, doc: DocId, score: Score) {
        let score = if self.scored { score } else { 1.0 };
        let mut id = None;
        if let Some(visible) = &self.visible {
            id = self.id(doc);
            if !id.is_some_and(|id| visible.contains(&Uuid::from_u128(id))) {
                return;
            }
        }
        self.total += 1;
        self.skill.count(doc);
        self.level.count(doc);
        self.region.count(doc);
        self.vetting.count(doc);
        let hourly = self
            .rate
            .as_ref()
            .and_then(|c| c.first(doc))
            .map(|r| r as f32);
        *self.rate_bands.entry(rate_band(hourly)).or_default() += 1;
        let days = self
            .available
            .as_ref()
            .and_then(|c| c.first(doc))
            .map(|d| d - self.today);
        *self
            .availability
            .entry(availability_bucket(days))
            .or_default() += 1;

        if self.keep == 0 {
            return;
        }
        // Most documents lose to the worst kept one on score alone: decide before reading more.
        if self.heap.len() >= self.keep {
            if let Some(worst) = self.heap.peek() {
                if score < worst.score {
                    return;
                }
            }
        }
        let name_ord = self
            .name
            .as_ref()
            .and_then(|c| c.ords().first(doc))
            .unwrap_or(u64::MAX);
        let Some(id) = id.or_else(|| self.id(doc)) else {
            return;
        };
        let entry = Entry {
            score,
            name_ord,
            id,
            doc,
        };
        if self.heap.len() < self.keep {
            self.heap.push(entry);
        } else if let Some(mut worst) = self.heap.peek_mut() {
            if entry < *worst {
                *worst = entry;
            }
        }
    }

    fn harvest(self) -> SegmentFruit {
        let mut top = Vec::with_capacity(self.heap.len());
        for e in self.heap.into_vec() {
            top.push(Ranked {
                score: e.score,
                name: String::new(),
                id: Uuid::from_u128(e.id),
                addr: DocAddress::new(self.segment, e.doc),
            });
        }
        SegmentFruit {
            total: self.total,
            skill: self.skill.into_strings(),
            level: self.level.into_strings(),
            region: self.region.into_strings(),
            vetting: self.vetting.into_strings(),
            rate_bands: self.rate_bands,
            availability: self.availability,
            top,
        }
    }
}

/// `value → count`, largest first (ties by value), the first `top`.
pub(super) fn sorted<K: AsRef<str>>(
    counts: impl IntoIterator<Item = (K, u64)>,
    top: usize,
) -> Vec<FacetCount> {
    let mut v: Vec<FacetCount> = counts
        .into_iter()
        .map(|(value, count)| FacetCount {
            value: value.as_ref().to_string(),
            count,
        })
        .collect();
    v.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    v.truncate(top);
    v
}
