//! A deterministic synthetic talent pool for benchmarks and demos: same seed, same pool, on every
//! machine. Skills are Zipf-distributed over the taxonomy; rates come from the StepTo 2026 region ×
//! level bands of the shipped market data (FACTS.md §2).

use crate::profile::{Country, Profile, ProfileSkill, Rate, Vetting, WorkMode};
use crate::taxonomy::{SkillId, Taxonomy};
use chrono::{Days, NaiveDate};
use hireloop_core::candidate::Region;
use hireloop_core::ids::CandidateId;
use hireloop_core::level::Level;
use hireloop_core::market::advice::Engagement;
use hireloop_core::market::Dataset;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use uuid::Uuid;

/// The rate source the generator draws from.
pub const RATE_SOURCE: &str = "stepto-2026";

/// Share of the pool per region, and where people live there (country, UTC offset in minutes,
/// standard time). Shares are a hireloop assumption for a remote-first agency pool, not a market figure.
/// Country code and UTC offset in minutes.
type Place = (&'static str, i16);

const REGIONS: &[(Region, f64, &[Place])] = &[
    (
        Region::UnitedStates,
        0.25,
        &[("US", -300), ("US", -360), ("US", -420), ("US", -480)],
    ),
    (
        Region::Canada,
        0.05,
        &[("CA", -300), ("CA", -480), ("CA", -240)],
    ),
    (
        Region::WesternEurope,
        0.20,
        &[
            ("DE", 60),
            ("GB", 0),
            ("NL", 60),
            ("FR", 60),
            ("ES", 60),
            ("PT", 0),
            ("IE", 0),
        ],
    ),
    (
        Region::LatinAmerica,
        0.15,
        &[
            ("BR", -180),
            ("MX", -360),
            ("AR", -180),
            ("CO", -300),
            ("CL", -240),
        ],
    ),
    (
        Region::EasternEurope,
        0.20,
        &[
            ("PL", 60),
            ("RO", 120),
            ("UA", 120),
            ("RS", 60),
            ("BG", 120),
        ],
    ),
    (Region::Asia, 0.15, &[("IN", 330), ("PH", 480)]),
];

/// Level mix (assumption) and total years per level (StepTo / KORE1 2026 bands, FACTS.md §1).
const LEVELS: &[(Level, f64, f32, f32)] = &[
    (Level::Junior, 0.30, 1.0, 3.0),
    (Level::Mid, 0.40, 3.0, 6.0),
    (Level::Senior, 0.30, 6.0, 15.0),
];

#[derive(Debug, thiserror::Error)]
pub enum SynthError {
    #[error("market data: {0}")]
    Market(String),
    #[error("no {RATE_SOURCE} hourly band for {region} {level}")]
    NoBand { region: String, level: String },
    #[error("the taxonomy has no skill of category 'language'")]
    NoLanguages,
}

/// Cumulative Zipf weights over ranks 1..=n: rank r has weight 1/r^s.
struct Zipf(Vec<f64>);

impl Zipf {
    fn new(n: usize, s: f64) -> Self {
        let mut acc = 0.0;
        Self(
            (1..=n)
                .map(|r| {
                    acc += 1.0 / (r as f64).powf(s);
                    acc
                })
                .collect(),
        )
    }

    fn sample(&self, rng: &mut ChaCha8Rng) -> usize {
        let total = self.0.last().copied().unwrap_or(0.0);
        let u = rng.gen::<f64>() * total;
        self.0
            .partition_point(|&c| c <= u)
            .min(self.0.len().saturating_sub(1))
    }
}

/// Draws profiles one after another from a seed.
pub struct PoolGenerator {
    rng: ChaCha8Rng,
    today: NaiveDate,
    count: u64,
    languages: Vec<SkillId>,
    language_zipf: Zipf,
    /// Per language: frameworks that imply it, in taxonomy order.
    frameworks: Vec<Vec<SkillId>>,
    others: Vec<SkillId>,
    other_zipf: Zipf,
    /// Hourly band per (region, level), in `REGIONS` × `LEVELS` order.
    bands: Vec<(f64, f64)>,
    authorization: AuthorizationDraw,
    work_modes: WorkModeDraw,
}

impl PoolGenerator {
    pub fn new(taxonomy: &Taxonomy, seed: u64, today: NaiveDate) -> Result<Self, SynthError> {
        let market = Dataset::shipped().map_err(|e| SynthError::Market(e.to_string()))?;
        let mut bands = Vec::new();
        for (region, _, _) in REGIONS {
            for (level, _, _, _) in LEVELS {
                // The first band in file order: the region × level table, not the labelled variants.
                let band = market
                    .figures
                    .hourly_rate
                    .iter()
                    .find(|r| {
                        r.source == RATE_SOURCE
                            && r.region == region.as_str()
                            && r.level.as_deref() == Some(level.as_str())
                    })
                    .ok_or_else(|| SynthError::NoBand {
                        region: region.to_string(),
                        level: level.to_string(),
                    })?;
                bands.push((band.min, band.max));
            }
        }
        let languages: Vec<SkillId> = taxonomy
            .iter()
            .filter(|(_, s)| s.category == "language")
            .map(|(id, _)| id)
            .collect();
        if languages.is_empty() {
            return Err(SynthError::NoLanguages);
        }
        let frameworks = languages
            .iter()
            .map(|lang| {
                taxonomy
                    .iter()
                    .filter(|(id, s)| {
                        s.category == "framework" && taxonomy.implied(*id).contains(lang)
                    })
                    .map(|(id, _)| id)
                    .collect()
            })
            .collect();
        let others = interleave_by_file(taxonomy);
        Ok(Self {
            rng: ChaCha8Rng::seed_from_u64(seed),
            today,
            count: 0,
            language_zipf: Zipf::new(languages.len(), 1.1),
            languages,
            frameworks,
            other_zipf: Zipf::new(others.len(), 1.0),
            others,
            bands,
            authorization: AuthorizationDraw::new(seed),
            work_modes: WorkModeDraw::new(seed),
        })
    }

    /// `n` profiles from `seed`.
    pub fn pool(
        taxonomy: &Taxonomy,
        seed: u64,
        today: NaiveDate,
        n: usize,
    ) -> Result<Vec<Profile>, SynthError> {
        let mut g = Self::new(taxonomy, seed, today)?;
        Ok((0..n).map(|_| g.next_profile()).collect())
    }

    fn pick<T: Copy>(&mut self, weighted: &[(T, f64)]) -> T {
        let total: f64 = weighted.iter().map(|w| w.1).sum();
        let mut u = self.rng.gen::<f64>() * total;
        for &(v, w) in weighted {
            if u < w {
                return v;
            }
            u -= w;
        }
        weighted[weighted.len() - 1].0
    }

    pub fn next_profile(&mut self) -> Profile {
        self.count += 1;
        let rng = &mut self.rng;
        let id = CandidateId(Uuid::from_u128(rng.gen()));
        let region_i = self.pick(
            &REGIONS
                .iter()
                .enumerate()
                .map(|(i, r)| (i, r.1))
                .collect::<Vec<_>>(),
        );
        let level_i = self.pick(
            &LEVELS
                .iter()
                .enumerate()
                .map(|(i, l)| (i, l.1))
                .collect::<Vec<_>>(),
        );
        let rng = &mut self.rng;
        let (region, _, places) = REGIONS[region_i];
        let (country, offset) = places[rng.gen_range(0..places.len())];
        let (level, _, min_years, max_years) = LEVELS[level_i];
        let total_years = rng.gen_range(min_years..=max_years);

        let mut skills: Vec<ProfileSkill> = Vec::new();
        let add =
            |skills: &mut Vec<ProfileSkill>, skill: SkillId, years: f32, rng: &mut ChaCha8Rng| {
                if !skills.iter().any(|s| s.skill == skill) {
                    let years = (rng.gen::<f32>() >= 0.05).then_some((years * 2.0).round() / 2.0);
                    skills.push(ProfileSkill { skill, years });
                }
            };
        let lang_i = self.language_zipf.sample(rng);
        add(
            &mut skills,
            self.languages[lang_i],
            total_years * rng.gen_range(0.6..=1.0),
            rng,
        );
        let fws = &self.frameworks[lang_i];
        if !fws.is_empty() {
            let zipf = Zipf::new(fws.len(), 1.2);
            for _ in 0..rng.gen_range(0..=2) {
                add(
                    &mut skills,
                    fws[zipf.sample(rng)],
                    total_years * rng.gen_range(0.3..=0.9),
                    rng,
                );
            }
        }
        if rng.gen::<f64>() < 0.25 {
            let second = self.languages[self.language_zipf.sample(rng)];
            add(
                &mut skills,
                second,
                total_years * rng.gen_range(0.2..=0.7),
                rng,
            );
        }
        for _ in 0..rng.gen_range(4..=12) {
            let skill = self.others[self.other_zipf.sample(rng)];
            add(
                &mut skills,
                skill,
                rng.gen_range(0.5..=total_years.max(0.5)),
                rng,
            );
        }

        let (lo, hi) = self.bands[region_i * LEVELS.len() + level_i];
        let hourly = rng.gen_range(lo..=hi).round() as u32;
        let rate = match rng.gen_range(0..10) {
            0 => None,
            1 | 2 => Some(Rate::annual(((hourly * 2080) / 1000) * 1000)),
            _ => Some(Rate::hourly(hourly)),
        };
        let engagements: Vec<Engagement> = [(0.6, 0), (0.5, 1), (0.3, 2), (0.3, 3), (0.1, 4)]
            .iter()
            .filter(|(p, _)| rng.gen::<f64>() < *p)
            .filter_map(|&(_, i)| Engagement::ALL.get(i).copied())
            .collect();
        let mut work_modes = Vec::new();
        if rng.gen::<f64>() < 0.9 {
            work_modes.push(WorkMode::Remote);
        }
        if work_modes.is_empty() || rng.gen::<f64>() < 0.35 {
            work_modes.push(WorkMode::Onsite);
        }
        let (work_modes, open_to_relocation) = self.work_modes.next(&work_modes);
        let rng = &mut self.rng;
        let wait = if rng.gen::<f64>() < 0.4 {
            0
        } else {
            rng.gen_range(1..=120)
        };
        let vetting = match rng.gen_range(0..20) {
            0..=4 => Vetting::Vetted,
            5..=8 => Vetting::Screened,
            _ => Vetting::NotVetted,
        };
        Profile {
            id,
            display_name: format!("Candidate {}", self.count),
            skills,
            level,
            region,
            country: Country::parse(country).unwrap_or_default(),
            work_authorization: self.authorization.next(country),
            utc_offset_minutes: offset,
            rate,
            engagements: if engagements.is_empty() {
                vec![Engagement::FullTime]
            } else {
                engagements
            },
            work_modes,
            open_to_relocation,
            available_from: self
                .today
                .checked_add_days(Days::new(wait))
                .unwrap_or(self.today),
            vetting,
        }
    }
}

/// Non-language, non-framework skills ranked by interleaving the files: the first of each file,
/// then the second of each… so every area has popular skills (files list common skills first).
fn interleave_by_file(taxonomy: &Taxonomy) -> Vec<SkillId> {
    let mut files: Vec<(String, Vec<SkillId>)> = Vec::new();
    for (id, s) in taxonomy.iter() {
        if s.category == "language" || s.category == "framework" {
            continue;
        }
        match files.iter_mut().find(|(f, _)| *f == s.file) {
            Some((_, v)) => v.push(id),
            None => files.push((s.file.clone(), vec![id])),
        }
    }
    let longest = files.iter().map(|(_, v)| v.len()).max().unwrap_or(0);
    (0..longest)
        .flat_map(|i| files.iter().filter_map(move |(_, v)| v.get(i).copied()))
        .collect()
}

mod authorization;
mod work_modes;
use authorization::AuthorizationDraw;
use work_modes::WorkModeDraw;
mod queries;
pub use queries::{standard_queries, text_queries, NamedQuery};
mod text;
pub use text::{profile_texts, TextGenerator};
