//! The allowed-countries filter. A candidate passes who lives in an allowed country or may work in
//! one: by its code, or by a rate region that holds it (core's country → region table). One rule,
//! used by the index (bitmaps), the linear scan (per profile) and the explanations (in words).

use crate::index::Index;
use crate::profile::{position, Country, WorkAuthorization};
use hireloop_core::candidate::Region;
use hireloop_core::import::region_for_country;
use roaring::RoaringBitmap;
use std::collections::HashMap;

/// A query's allowed countries, with the regions that hold them (authorization for a region counts
/// for each of its countries). `Country::default()` among them lets through who states no country.
#[derive(Debug, Clone)]
pub(crate) struct CountryFilter {
    pub allowed: Vec<Country>,
    pub regions: Vec<Region>,
}

/// The region that holds a country, `None` outside the rate table and for "not stated".
fn region_of(country: Country) -> Option<Region> {
    (country != Country::default())
        .then(|| region_for_country(country.as_str()))
        .flatten()
}

impl CountryFilter {
    pub fn new(allowed: &[Country]) -> Self {
        let mut regions: Vec<Region> = Vec::new();
        for r in allowed.iter().filter_map(|&c| region_of(c)) {
            if !regions.contains(&r) {
                regions.push(r);
            }
        }
        Self {
            allowed: allowed.to_vec(),
            regions,
        }
    }

    fn authorizes(&self, a: WorkAuthorization) -> bool {
        match a {
            WorkAuthorization::Country(c) => self.allowed.contains(&c),
            WorkAuthorization::Region(r) => self.regions.contains(&r),
        }
    }

    /// The rule itself, one profile at a time (the linear scan's oracle for the bitmaps).
    pub fn admits(&self, country: Country, authorization: &[WorkAuthorization]) -> bool {
        self.allowed.contains(&country) || authorization.iter().any(|&a| self.authorizes(a))
    }
}

/// Who may work where, by country and by region. Only the minority with an authorization is in
/// them, so no per-candidate column: removal clears the slot from every map.
#[derive(Debug)]
pub(crate) struct AuthorizationBitmaps {
    pub country: HashMap<Country, RoaringBitmap>,
    pub region: Vec<RoaringBitmap>,
}

impl AuthorizationBitmaps {
    pub fn new() -> Self {
        Self {
            country: HashMap::new(),
            region: (0..Region::ALL.len())
                .map(|_| RoaringBitmap::new())
                .collect(),
        }
    }

    pub fn insert(&mut self, slot: u32, authorization: &[WorkAuthorization]) {
        for &a in authorization {
            match a {
                WorkAuthorization::Country(c) => {
                    self.country.entry(c).or_default().insert(slot);
                }
                WorkAuthorization::Region(r) => {
                    if let Some(b) = self.region.get_mut(position(Region::ALL, &r)) {
                        b.insert(slot);
                    }
                }
            }
        }
    }

    pub fn clear(&mut self, slot: u32) {
        for b in self.country.values_mut().chain(self.region.iter_mut()) {
            b.remove(slot);
        }
    }

    pub fn all(&self) -> impl Iterator<Item = &RoaringBitmap> {
        self.country.values().chain(self.region.iter())
    }

    fn in_region(&self, region: Region, slot: u32) -> bool {
        self.region
            .get(position(Region::ALL, &region))
            .is_some_and(|b| b.contains(slot))
    }
}

impl Index {
    /// Everyone the filter lets through: residents of the allowed countries, plus those authorized
    /// for one of them or for a region holding one.
    pub(crate) fn country_filter(&self, f: &CountryFilter) -> RoaringBitmap {
        let b = &self.bm;
        let mut set = RoaringBitmap::new();
        for c in &f.allowed {
            if let Some(m) = b.country.get(c) {
                set |= m;
            }
            if let Some(m) = b.authorization.country.get(c) {
                set |= m;
            }
        }
        for r in &f.regions {
            if let Some(m) = b.authorization.region.get(position(Region::ALL, r)) {
                set |= m;
            }
        }
        set
    }

    /// Why a ranked candidate passed the filter, in words: where they live, or where they may work.
    pub(crate) fn country_reason(&self, f: &CountryFilter, slot: usize) -> String {
        let country = self.cols.country.get(slot).copied().unwrap_or_default();
        let stated = country != Country::default();
        if stated && f.allowed.contains(&country) {
            return format!("Lives in {country}, an allowed country");
        }
        let auth = &self.bm.authorization;
        let s = slot as u32;
        let by_code = f
            .allowed
            .iter()
            .find(|c| auth.country.get(c).is_some_and(|b| b.contains(s)))
            .map(|c| format!("authorized to work in {c}"));
        let by_region = || {
            f.allowed.iter().find_map(|&c| {
                region_of(c)
                    .filter(|&r| auth.in_region(r, s))
                    .map(|r| format!("authorized to work in {c} (as part of {})", r.as_str()))
            })
        };
        let lives = if stated {
            format!("Lives in {country}")
        } else {
            "States no country of residence".to_string()
        };
        match by_code.or_else(by_region) {
            Some(why) => format!("{lives}; {why}"),
            None => format!("{lives}: check where they live and may work before an offer"),
        }
    }
}
