//! The in-memory candidate index: one roaring bitmap per filter value (skill, level, region…) and
//! compact per-candidate columns for scoring. Slots of removed candidates are reused.

use crate::countries::AuthorizationBitmaps;
use crate::plan::RATE_UNKNOWN;
use crate::profile::{
    day_number, position, tz_bucket, unpack, Country, Profile, ProfileError, Vetting, TZ_BUCKETS,
};
use crate::ranges::Ranges;
use crate::taxonomy::Taxonomy;
use crate::work_modes::WorkModeBitmaps;
use hireloop_core::candidate::Region;
use hireloop_core::ids::CandidateId;
use hireloop_core::level::Level;
use hireloop_core::market::advice::Engagement;
use roaring::RoaringBitmap;
use rustc_hash::FxHashMap;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use uuid::Uuid;

/// Per-slot columns: what scoring reads, plus what removal needs to clear the bitmaps.
#[derive(Debug, Default)]
pub(crate) struct Columns {
    pub id: Vec<u128>,
    pub level: Vec<u8>,
    pub region: Vec<u8>,
    pub vetting: Vec<u8>,
    pub tz: Vec<u8>,
    pub engagements: Vec<u8>,
    pub country: Vec<Country>,
    /// USD per hour, `RATE_UNKNOWN` when not given.
    pub rate: Vec<f32>,
    /// Day number of `available_from`.
    pub available: Vec<i32>,
    /// Where the slot's packed skills start in `arena`, and how many.
    pub skills_at: Vec<u32>,
    pub skills_len: Vec<u8>,
}

#[derive(Debug)]
pub(crate) struct Bitmaps {
    pub alive: RoaringBitmap,
    pub skill: Vec<RoaringBitmap>,
    pub level: Vec<RoaringBitmap>,
    pub region: Vec<RoaringBitmap>,
    pub vetting: Vec<RoaringBitmap>,
    pub tz: Vec<RoaringBitmap>,
    pub engagement: Vec<RoaringBitmap>,
    /// By stated work mode, "states none" and "open to relocation" (see `work_modes`).
    pub work_modes: WorkModeBitmaps,
    /// By country of residence; `Country::default()` holds those who state none.
    pub country: HashMap<Country, RoaringBitmap>,
    /// By where candidates may work besides where they live.
    pub authorization: AuthorizationBitmaps,
    /// By hourly rate in 5 USD steps; unknown rates (negative) sort below every budget.
    pub rate: Ranges,
    /// By `available_from` day number, in weeks.
    pub available: Ranges,
}

/// The matching index over a talent pool.
#[derive(Debug)]
pub struct Index {
    pub(crate) taxonomy: Arc<Taxonomy>,
    pub(crate) slots: FxHashMap<CandidateId, u32>,
    free: Vec<u32>,
    /// Changed whenever a slot stops holding the candidate it held (a removal), so positions
    /// resolved earlier (`slot_of`) are known to be stale. Updates keep their slot.
    slot_epoch: u64,
    pub(crate) cols: Columns,
    /// Packed skills of every slot, back to back; replaced ranges become garbage until compaction.
    pub(crate) arena: Vec<u32>,
    garbage: usize,
    pub(crate) bm: Bitmaps,
}

/// What `Index::build` could not take.
#[derive(Debug, Default)]
pub struct BuildReport {
    pub indexed: usize,
    pub rejected: Vec<ProfileError>,
}

/// Epochs are unique across indexes, so slots resolved against one index are never taken for
/// another's (a server may rebuild its index).
fn next_epoch() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// Width of a rate bucket, USD per hour.
const RATE_STEP: f64 = 5.0;

fn bitmaps(n: usize) -> Vec<RoaringBitmap> {
    (0..n).map(|_| RoaringBitmap::new()).collect()
}

fn set(bm: &mut [RoaringBitmap], i: usize, slot: u32, on: bool) {
    if let Some(b) = bm.get_mut(i) {
        if on {
            b.insert(slot);
        } else {
            b.remove(slot);
        }
    }
}

fn each_bit(mask: u8) -> impl Iterator<Item = usize> {
    (0..8).filter(move |i| mask & (1 << i) != 0)
}

impl Index {
    /// An empty index over a taxonomy.
    pub fn new(taxonomy: Arc<Taxonomy>) -> Self {
        let n = taxonomy.len();
        Self {
            taxonomy,
            slots: FxHashMap::default(),
            free: Vec::new(),
            slot_epoch: next_epoch(),
            cols: Columns::default(),
            arena: Vec::new(),
            garbage: 0,
            bm: Bitmaps {
                skill: bitmaps(n),
                level: bitmaps(Level::ALL.len()),
                region: bitmaps(Region::ALL.len()),
                vetting: bitmaps(Vetting::ALL.len()),
                tz: bitmaps(TZ_BUCKETS),
                engagement: bitmaps(Engagement::ALL.len()),
                work_modes: WorkModeBitmaps::new(),
                alive: RoaringBitmap::new(),
                country: HashMap::new(),
                authorization: AuthorizationBitmaps::new(),
                rate: Ranges::new(RATE_STEP),
                available: Ranges::new(7.0),
            },
        }
    }

    /// Indexes a pool; profiles the engine refuses are reported, the rest indexed.
    pub fn build<'a>(
        taxonomy: Arc<Taxonomy>,
        profiles: impl IntoIterator<Item = &'a Profile>,
    ) -> (Self, BuildReport) {
        let mut index = Self::new(taxonomy);
        let mut report = BuildReport::default();
        for p in profiles {
            match index.upsert(p) {
                Ok(()) => report.indexed += 1,
                Err(e) => report.rejected.push(e),
            }
        }
        index.shrink();
        (index, report)
    }

    pub fn taxonomy(&self) -> &Arc<Taxonomy> {
        &self.taxonomy
    }

    /// How many candidates are indexed.
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    pub fn contains(&self, id: CandidateId) -> bool {
        self.slots.contains_key(&id)
    }

    /// Adds a candidate, or replaces the indexed one with the same id. A refused profile changes nothing.
    pub fn upsert(&mut self, p: &Profile) -> Result<(), ProfileError> {
        let skills = p.expand(&self.taxonomy)?;
        // An update keeps its slot: positions resolved before (`slot_of`) stay right.
        let slot = match self.slots.get(&p.id) {
            Some(&s) => {
                self.vacate(s);
                s
            }
            None => match self.free.pop() {
                Some(s) => s,
                None => {
                    let s = self.cols.id.len() as u32;
                    self.grow();
                    s
                }
            },
        };
        let i = slot as usize;
        let c = &mut self.cols;
        c.id[i] = p.id.as_uuid().as_u128();
        c.level[i] = position(Level::ALL, &p.level) as u8;
        c.region[i] = position(Region::ALL, &p.region) as u8;
        c.vetting[i] = position(&Vetting::ALL, &p.vetting) as u8;
        c.tz[i] = tz_bucket(p.utc_offset_minutes);
        c.engagements[i] = p.engagement_mask();
        c.country[i] = p.country;
        c.rate[i] = p.rate.map_or(RATE_UNKNOWN, |r| r.hourly_usd());
        c.available[i] = day_number(p.available_from);
        c.skills_at[i] = self.arena.len() as u32;
        c.skills_len[i] = skills.len() as u8;
        self.arena.extend_from_slice(&skills);
        self.slots.insert(p.id, slot);
        self.mark(slot, true);
        self.bm.authorization.insert(slot, &p.work_authorization);
        self.bm
            .work_modes
            .insert(slot, &p.work_modes, p.open_to_relocation);
        Ok(())
    }

    /// Takes a candidate out; returns whether it was indexed.
    pub fn remove(&mut self, id: CandidateId) -> bool {
        let Some(slot) = self.slots.remove(&id) else {
            return false;
        };
        self.vacate(slot);
        self.free.push(slot);
        self.slot_epoch = next_epoch();
        true
    }

    /// Clears a slot's bitmaps and skills, for removal or replacement.
    fn vacate(&mut self, slot: u32) {
        self.mark(slot, false);
        self.bm.authorization.clear(slot);
        self.bm.work_modes.clear(slot);
        self.garbage += usize::from(self.cols.skills_len[slot as usize]);
        self.cols.skills_len[slot as usize] = 0;
        if self.garbage > 4096 && self.garbage > self.arena.len() / 2 {
            self.compact();
        }
    }

    /// Where a candidate sits in the index (its slot), for callers that resolve many hits once
    /// and pass them as `TextHits::Slots`. Valid while `slot_epoch` is unchanged.
    pub fn slot_of(&self, id: CandidateId) -> Option<u32> {
        self.slots.get(&id).copied()
    }

    /// Slots in use or free: one past the highest.
    pub fn slot_count(&self) -> usize {
        self.cols.id.len()
    }

    /// Changes whenever a slot stops holding the candidate it held; never on an update or an
    /// addition (an added candidate takes a slot nobody holds).
    pub fn slot_epoch(&self) -> u64 {
        self.slot_epoch
    }

    /// The packed skills of a slot, sorted by skill.
    pub(crate) fn skills(&self, slot: usize) -> &[u32] {
        let at = self.cols.skills_at[slot] as usize;
        let len = usize::from(self.cols.skills_len[slot]);
        self.arena.get(at..at + len).unwrap_or(&[])
    }

    pub(crate) fn candidate_id(&self, slot: usize) -> CandidateId {
        CandidateId(Uuid::from_u128(self.cols.id[slot]))
    }

    /// Bytes the index holds for matching, per indexed candidate: columns, skills, bitmaps, id map.
    pub fn bytes_per_profile(&self) -> f64 {
        let slots = self.cols.id.len();
        let columns = slots * (16 + 5 + 2 + 4 + 4 + 4 + 1);
        let arena = self.arena.capacity() * 4;
        let b = &self.bm;
        let bitmaps: usize = std::iter::once(&b.alive)
            .chain(&b.skill)
            .chain(&b.level)
            .chain(&b.region)
            .chain(&b.vetting)
            .chain(&b.tz)
            .chain(&b.engagement)
            .chain(b.work_modes.all())
            .chain(b.country.values())
            .chain(b.authorization.all())
            .map(RoaringBitmap::serialized_size)
            .sum::<usize>()
            + b.rate.bytes()
            + b.available.bytes();
        // A hash map entry: key, value, control byte, at the map's load factor (7/8).
        let map = self.slots.capacity() * (16 + 4 + 1);
        (columns + arena + bitmaps + map) as f64 / self.len().max(1) as f64
    }

    fn grow(&mut self) {
        let c = &mut self.cols;
        c.id.push(0);
        c.level.push(0);
        c.region.push(0);
        c.vetting.push(0);
        c.tz.push(0);
        c.engagements.push(0);
        c.country.push(Country::default());
        c.rate.push(RATE_UNKNOWN);
        c.available.push(0);
        c.skills_at.push(0);
        c.skills_len.push(0);
    }

    /// Sets or clears a slot in every bitmap its column values select.
    fn mark(&mut self, slot: u32, on: bool) {
        let i = slot as usize;
        let (skills_at, skills_len) = (self.cols.skills_at[i] as usize, self.cols.skills_len[i]);
        let c = &self.cols;
        let b = &mut self.bm;
        if on {
            b.alive.insert(slot);
        } else {
            b.alive.remove(slot);
        }
        for &p in self
            .arena
            .get(skills_at..skills_at + usize::from(skills_len))
            .unwrap_or(&[])
        {
            set(&mut b.skill, usize::from(unpack(p).0), slot, on);
        }
        set(&mut b.level, usize::from(c.level[i]), slot, on);
        set(&mut b.region, usize::from(c.region[i]), slot, on);
        set(&mut b.vetting, usize::from(c.vetting[i]), slot, on);
        set(&mut b.tz, usize::from(c.tz[i]), slot, on);
        for e in each_bit(c.engagements[i]) {
            set(&mut b.engagement, e, slot, on);
        }
        b.rate.set(f64::from(c.rate[i]), slot, on);
        b.available.set(f64::from(c.available[i]), slot, on);
        let country = b.country.entry(c.country[i]).or_default();
        if on {
            country.insert(slot);
        } else {
            country.remove(slot);
        }
    }

    /// Rewrites the skill arena without the ranges of removed or replaced candidates.
    fn compact(&mut self) {
        let mut arena = Vec::with_capacity(self.arena.len() - self.garbage);
        for &slot in self.slots.values() {
            let i = slot as usize;
            let at = self.cols.skills_at[i] as usize;
            let len = usize::from(self.cols.skills_len[i]);
            self.cols.skills_at[i] = arena.len() as u32;
            arena.extend_from_slice(self.arena.get(at..at + len).unwrap_or(&[]));
        }
        self.arena = arena;
        self.garbage = 0;
    }

    /// Gives back spare capacity after a bulk build.
    fn shrink(&mut self) {
        self.arena.shrink_to_fit();
        for b in self.bm.skill.iter_mut().chain(self.bm.tz.iter_mut()) {
            b.optimize();
        }
        self.bm.rate.optimize();
        self.bm.available.optimize();
    }
}
