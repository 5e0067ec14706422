//! The work-mode filter: an on-site or hybrid query keeps candidates willing to work that way, open
//! to relocation, or stating no work mode (`WorkMode::admits` is the rule in one place). Bitmaps
//! per stated mode plus "states none" and "open to relocation" answer it for the index; the
//! explanations say in words which of them let a candidate through.

use crate::index::Index;
use crate::profile::{position, WorkMode};
use roaring::RoaringBitmap;

/// Who states which work mode, who states none, and who is open to relocation.
#[derive(Debug)]
pub(crate) struct WorkModeBitmaps {
    /// By position in `WorkMode::ALL`.
    pub mode: Vec<RoaringBitmap>,
    pub unstated: RoaringBitmap,
    pub relocation: RoaringBitmap,
}

impl WorkModeBitmaps {
    pub fn new() -> Self {
        Self {
            mode: WorkMode::ALL.iter().map(|_| RoaringBitmap::new()).collect(),
            unstated: RoaringBitmap::new(),
            relocation: RoaringBitmap::new(),
        }
    }

    pub fn insert(&mut self, slot: u32, modes: &[WorkMode], open_to_relocation: bool) {
        if modes.is_empty() {
            self.unstated.insert(slot);
        }
        for m in modes {
            if let Some(b) = self.mode.get_mut(position(&WorkMode::ALL, m)) {
                b.insert(slot);
            }
        }
        if open_to_relocation {
            self.relocation.insert(slot);
        }
    }

    /// Five bitmaps: clearing the slot from each is cheaper than keeping a column to look up.
    pub fn clear(&mut self, slot: u32) {
        for b in self.all_mut() {
            b.remove(slot);
        }
    }

    fn all_mut(&mut self) -> impl Iterator<Item = &mut RoaringBitmap> {
        self.mode
            .iter_mut()
            .chain([&mut self.unstated, &mut self.relocation])
    }

    pub fn all(&self) -> impl Iterator<Item = &RoaringBitmap> {
        self.mode.iter().chain([&self.unstated, &self.relocation])
    }

    fn states(&self, mode: WorkMode, slot: u32) -> bool {
        self.mode
            .get(position(&WorkMode::ALL, &mode))
            .is_some_and(|b| b.contains(slot))
    }
}

impl Index {
    /// Everyone a query for `wanted` keeps, as `WorkMode::admits` decides one profile at a time.
    pub(crate) fn work_mode_filter(&self, wanted: WorkMode) -> RoaringBitmap {
        let b = &self.bm.work_modes;
        let mut set = b.unstated.clone();
        for m in wanted.accepted() {
            if let Some(stated) = b.mode.get(position(&WorkMode::ALL, m)) {
                set |= stated;
            }
        }
        if wanted.relocation_counts() {
            set |= &b.relocation;
        }
        set
    }

    /// Why a ranked candidate passed the work-mode filter, in words.
    pub(crate) fn work_mode_reason(&self, wanted: WorkMode, slot: usize) -> String {
        let b = &self.bm.work_modes;
        let s = slot as u32;
        if b.unstated.contains(s) {
            return "States no work mode: check they can come in before an offer".into();
        }
        match wanted.accepted().iter().find(|m| b.states(**m, s)) {
            Some(WorkMode::Remote) => "Willing to work remotely".into(),
            Some(WorkMode::Hybrid) => "Willing to work hybrid".into(),
            Some(WorkMode::Onsite) => "Willing to work on site".into(),
            None if b.relocation.contains(s) => "Open to relocation".into(),
            // Unreachable through the filter; said plainly rather than hidden.
            None => "Does not state the role's work mode".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use WorkMode::*;

    #[test]
    fn the_rule_keeps_accepted_modes_relocation_and_unstated() {
        assert!(Onsite.admits(&[Onsite], false));
        assert!(Onsite.admits(&[], false));
        assert!(Onsite.admits(&[Remote], true));
        assert!(!Onsite.admits(&[Remote], false));
        assert!(!Onsite.admits(&[Remote, Hybrid], false));
        // On-site people accept hybrid; hybrid people do not accept every day on site.
        assert!(Hybrid.admits(&[Onsite], false));
        assert!(Hybrid.admits(&[Hybrid], false));
        assert!(!Hybrid.admits(&[Remote], false));
        assert!(Hybrid.admits(&[Remote], true));
        // Relocation means nothing to a remote query.
        assert!(!Remote.admits(&[Onsite], true));
        assert!(Remote.admits(&[Remote, Onsite], false));
        assert!(Remote.admits(&[], false));
    }

    #[test]
    fn bitmaps_follow_inserts_and_clears() {
        let mut b = WorkModeBitmaps::new();
        b.insert(1, &[Remote], true);
        b.insert(2, &[], false);
        b.insert(3, &[Hybrid, Onsite], false);
        assert!(b.states(Remote, 1) && b.relocation.contains(1));
        assert!(b.unstated.contains(2));
        assert!(b.states(Hybrid, 3) && b.states(Onsite, 3));
        b.clear(1);
        b.clear(3);
        assert!(b.all().all(|m| !m.contains(1) && !m.contains(3)));
        assert!(b.unstated.contains(2));
    }
}
