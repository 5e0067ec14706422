//! One pass over the documents a search found: facet counts and the top of the ranking, from
//! tantivy's columnar fast fields. Per document it reads a few integers (term ordinals, the rate,
//! the availability day) and bumps array counters; strings are looked up once per distinct value
//! per segment, and names only for the documents that make the page. A segment with few hits
//! opens only its id columns and counts them from the per-candidate summaries instead: opening
//! every column costs more than a few map lookups. This replaces collecting every hit and counting
//! from the summaries (kept as `baseline` for the benchmark).

use super::params::{availability_bucket, rate_band};
use super::{day, FacetCount, Facets, Summary, TOP_SKILL_FACETS};
use std::cmp::Ordering;
use std::collections::{BTreeMap, BinaryHeap, HashMap, HashSet};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::fastfield::FastFieldReaders;
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader, TantivyError};
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

/// Up to this many hits in a segment are counted from the summaries (a map lookup per hit);
/// beyond, from the segment's columns, whose opening (string dictionaries, a zstd-compressed
/// block per dictionary read) costs more than a few dozen lookups.
const FEW_HITS: usize = 64;

/// Term ordinal counters for one string column, one per distinct value in the segment.
struct OrdCounts {
    column: Option<StrColumn>,
    counts: Vec<u64>,
    /// Documents without a value (e.g. no skills): not counted.
    multi: bool,
}

impl OrdCounts {
    fn open(ff: &FastFieldReaders, field: &str, multi: bool) -> tantivy::Result<Self> {
        let column = ff.str(field)?;
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

    /// The counts by value, for the values seen. The dictionary is read in one ordered pass:
    /// its blocks are zstd-compressed, and a lookup per ordinal (`ord_to_str`) decompresses the
    /// block again each time, with a fresh decoder: that was most of a narrow search's time.
    fn into_strings(self) -> HashMap<String, u64> {
        let mut out = HashMap::new();
        let Some(column) = self.column else {
            return out;
        };
        let seen: Vec<(u64, u64)> = (0u64..)
            .zip(self.counts)
            .filter(|(_, count)| *count > 0)
            .collect();
        let mut counts = seen.iter().map(|(_, count)| *count);
        // The callback runs once per ordinal, in order, until one is missing (a corrupt
        // segment): the values found so far still count, as they did with lookups.
        let _ =
            column
                .dictionary()
                .sorted_ords_to_term_cb(seen.iter().map(|(ord, _)| *ord), |bytes| {
                    if let (Some(count), Ok(value)) = (counts.next(), std::str::from_utf8(bytes)) {
                        *out.entry(value.to_string()).or_default() += count;
                    }
                    Ok(())
                });
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

/// A segment's id columns, opened on its first hit.
struct IdColumns {
    hi: Column<u64>,
    lo: Column<u64>,
}

impl IdColumns {
    fn open(ff: &FastFieldReaders) -> tantivy::Result<Self> {
        Ok(Self {
            hi: ff.u64("id_hi")?,
            lo: ff.u64("id_lo")?,
        })
    }

    fn id(&self, doc: DocId) -> Option<u128> {
        let hi = self.hi.first(doc)?;
        let lo = self.lo.first(doc)?;
        Some((u128::from(hi) << 64) | u128::from(lo))
    }
}

/// The rest of a segment's fast-field columns, opened once it has more than `FEW_HITS` hits.
struct Columns {
    name: Option<StrColumn>,
    /// None in a segment where no document has a value.
    rate: Option<Column<f64>>,
    available: Option<Column<i64>>,
    skill: OrdCounts,
    level: OrdCounts,
    region: OrdCounts,
    vetting: OrdCounts,
}

impl Columns {
    fn open(ff: &FastFieldReaders) -> tantivy::Result<Self> {
        Ok(Self {
            name: ff.str("name_sort")?,
            rate: ff.column_opt("rate")?,
            available: ff.column_opt("available")?,
            skill: OrdCounts::open(ff, "skill_name", true)?,
            level: OrdCounts::open(ff, "level", false)?,
            region: OrdCounts::open(ff, "region", false)?,
            vetting: OrdCounts::open(ff, "vetting", false)?,
        })
    }
}

/// A visible hit kept as it is, while its segment has few.
struct Hit {
    id: u128,
    score: Score,
    doc: DocId,
}

pub(super) struct SegmentPool {
    segment: SegmentOrdinal,
    keep: usize,
    scored: bool,
    visible: Option<HashSet<Uuid>>,
    today: i64,
    /// The segment's fast fields (a cheap handle), to open the columns from.
    fast_fields: FastFieldReaders,
    /// None until the first hit.
    ids: Option<IdColumns>,
    /// None while the segment has at most `FEW_HITS` hits.
    columns: Option<Columns>,
    /// The columns failed to open: reported by `merge_fruits`, since `collect` cannot fail.
    error: Option<TantivyError>,
    /// The hits while they are few; emptied when the columns open.
    few: Vec<Hit>,
    rate_bands: BTreeMap<&'static str, u64>,
    availability: BTreeMap<&'static str, u64>,
    /// Hits counted from the columns.
    total: u64,
    heap: BinaryHeap<Entry>,
}

/// One segment's counts and best documents (names are filled in by `merge_fruits`); or, for a
/// segment with few hits, the hits themselves.
pub(super) struct SegmentFruit {
    error: Option<TantivyError>,
    segment: SegmentOrdinal,
    few: Vec<Hit>,
    total: u64,
    skill: HashMap<String, u64>,
    level: HashMap<String, u64>,
    region: HashMap<String, u64>,
    vetting: HashMap<String, u64>,
    rate_bands: BTreeMap<&'static str, u64>,
    availability: BTreeMap<&'static str, u64>,
    top: Vec<Ranked>,
}

/// Facet counts while merging, by value.
#[derive(Default)]
struct Counts<'s> {
    total: u64,
    skill: HashMap<String, u64>,
    level: HashMap<String, u64>,
    region: HashMap<String, u64>,
    vetting: HashMap<String, u64>,
    rate: BTreeMap<&'s str, u64>,
    availability: BTreeMap<&'s str, u64>,
}

/// Adds one to `value`'s count, allocating the key only the first time.
fn bump(counts: &mut HashMap<String, u64>, value: &str) {
    match counts.get_mut(value) {
        Some(count) => *count += 1,
        None => {
            counts.insert(value.to_string(), 1);
        }
    }
}

impl Counts<'_> {
    /// One hit counted from its summary, as the former path did.
    fn add_summary(&mut self, s: &Summary, today: i64) {
        self.total += 1;
        for value in &s.skills {
            bump(&mut self.skill, value);
        }
        bump(&mut self.level, s.level);
        bump(&mut self.region, s.region);
        bump(&mut self.vetting, s.vetting);
        *self.rate.entry(s.rate_band).or_default() += 1;
        let days = s.available.map(|d| day(d) - today);
        *self
            .availability
            .entry(availability_bucket(days))
            .or_default() += 1;
    }

    /// A segment's counts from its columns.
    fn add_segment(&mut self, f: SegmentFruit) {
        self.total += f.total;
        for (into, from) in [
            (&mut self.skill, f.skill),
            (&mut self.level, f.level),
            (&mut self.region, f.region),
            (&mut self.vetting, f.vetting),
        ] {
            for (value, count) in from {
                *into.entry(value).or_default() += count;
            }
        }
        for (into, from) in [
            (&mut self.rate, f.rate_bands),
            (&mut self.availability, f.availability),
        ] {
            for (value, count) in from {
                *into.entry(value).or_default() += count;
            }
        }
    }
}

impl Collector for PoolCollector<'_> {
    type Fruit = Collected;
    type Child = SegmentPool;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentPool> {
        Ok(SegmentPool {
            segment,
            keep: self.keep,
            scored: self.scored,
            // The segment collector must own its data ('static); the set is small (an
            // interviewer's assigned candidates).
            visible: self.visible.cloned(),
            today: self.today,
            fast_fields: reader.fast_fields().clone(),
            ids: None,
            columns: None,
            error: None,
            few: Vec::new(),
            rate_bands: BTreeMap::new(),
            availability: BTreeMap::new(),
            total: 0,
            heap: BinaryHeap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        self.scored
    }

    fn merge_fruits(&self, fruits: Vec<SegmentFruit>) -> tantivy::Result<Collected> {
        let mut counts = Counts::default();
        let mut top = Vec::new();
        for mut f in fruits {
            if let Some(e) = f.error.take() {
                return Err(e);
            }
            for hit in std::mem::take(&mut f.few) {
                let id = Uuid::from_u128(hit.id);
                // As the former path: a hit without a summary is not counted.
                let Some(s) = self.summaries.get(&id) else {
                    continue;
                };
                counts.add_summary(s, self.today);
                top.push(Ranked {
                    score: hit.score,
                    name: String::new(),
                    id,
                    addr: DocAddress::new(f.segment, hit.doc),
                });
            }
            top.append(&mut f.top);
            counts.add_segment(f);
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
            total: counts.total,
            facets: Facets {
                skill: sorted(counts.skill, TOP_SKILL_FACETS),
                level: sorted(counts.level, usize::MAX),
                region: sorted(counts.region, usize::MAX),
                rate_band: sorted(counts.rate, usize::MAX),
                vetting: sorted(counts.vetting, usize::MAX),
                availability: sorted(counts.availability, usize::MAX),
            },
            top,
        })
    }
}

impl SegmentPool {
    /// A hit while the segment's hits are few: kept with its id, until there are too many, when
    /// every column opens and the kept hits are counted from them.
    fn collect_few(&mut self, doc: DocId, score: Score) {
        if self.ids.is_none() {
            match IdColumns::open(&self.fast_fields) {
                Ok(ids) => self.ids = Some(ids),
                Err(e) => self.error = Some(e),
            }
        }
        let Some(id) = self.ids.as_ref().and_then(|ids| ids.id(doc)) else {
            return;
        };
        if let Some(visible) = &self.visible {
            if !visible.contains(&Uuid::from_u128(id)) {
                return;
            }
        }
        if self.few.len() < FEW_HITS {
            self.few.push(Hit { id, score, doc });
            return;
        }
        match Columns::open(&self.fast_fields) {
            Ok(columns) => self.columns = Some(columns),
            Err(e) => {
                self.error = Some(e);
                return;
            }
        }
        self.heap.reserve(self.keep.min(4096) + 1);
        for hit in std::mem::take(&mut self.few) {
            self.count(hit.doc, hit.score, Some(hit.id));
        }
        self.count(doc, score, Some(id));
    }

    /// Counts a visible hit from the columns and offers it to the page's heap.
    fn count(&mut self, doc: DocId, score: Score, id: Option<u128>) {
        let Some(columns) = self.columns.as_mut() else {
            return;
        };
        self.total += 1;
        columns.skill.count(doc);
        columns.level.count(doc);
        columns.region.count(doc);
        columns.vetting.count(doc);
        let hourly = columns
            .rate
            .as_ref()
            .and_then(|c| c.first(doc))
            .map(|r| r as f32);
        *self.rate_bands.entry(rate_band(hourly)).or_default() += 1;
        let days = columns
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
        let name_ord = columns
            .name
            .as_ref()
            .and_then(|c| c.ords().first(doc))
            .unwrap_or(u64::MAX);
        let Some(id) = id.or_else(|| self.ids.as_ref().and_then(|ids| ids.id(doc))) else {
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
}

impl SegmentCollector for SegmentPool {
    type Fruit = SegmentFruit;

    fn collect(&mut self, doc: DocId, score: Score) {
        let score = if self.scored { score } else { 1.0 };
        if self.error.is_some() {
            return;
        }
        if self.columns.is_none() {
            self.collect_few(doc, score);
            return;
        }
        let mut id = None;
        if let Some(visible) = &self.visible {
            id = self.ids.as_ref().and_then(|ids| ids.id(doc));
            if !id.is_some_and(|id| visible.contains(&Uuid::from_u128(id))) {
                return;
            }
        }
        self.count(doc, score, id);
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
        let (skill, level, region, vetting) = match self.columns {
            None => Default::default(),
            Some(c) => (
                c.skill.into_strings(),
                c.level.into_strings(),
                c.region.into_strings(),
                c.vetting.into_strings(),
            ),
        };
        SegmentFruit {
            error: self.error,
            segment: self.segment,
            few: self.few,
            total: self.total,
            skill,
            level,
            region,
            vetting,
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
