//! How long the talent pool's search index takes to build, and a search on it, for the demo's
//! size (200) and an agency's (20,000): `cargo run --release -p hireloop-server --example
//! search_index [N…]`. Synthetic candidates, deterministic; a measurement, not a test. Searches
//! are timed as the median of 9 runs, beside the former facet path (`search_baseline`) in the
//! same run.

use chrono::Utc;
use hireloop_core::candidate::{Candidate, Region, SkillTag};
use hireloop_core::candidate_profile::{CandidateProfile, VettingStatus};
use hireloop_core::email::Email;
use hireloop_core::ids::CandidateId;
use hireloop_core::level::Level;
use hireloop_core::money::{Currency, Money, RatePeriod};
use hireloop_core::text::{Location, PersonName};
use hireloop_match::Taxonomy;
use hireloop_server::search::{SearchRequest, SearchService};
use std::sync::Arc;
use std::time::Instant;

const INDUSTRIES: &[&str] = &[
    "payments",
    "fintech",
    "logistics",
    "health",
    "gaming",
    "adtech",
];
const CITIES: &[&str] = &[
    "Belgrade",
    "Berlin",
    "São Paulo",
    "Austin",
    "Pune",
    "Toronto",
];

/// A small deterministic generator (SplitMix64): the same pool on every run and machine.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// Skewed towards small values, as skill popularity is.
    fn skewed(&mut self, n: usize) -> usize {
        let a = self.below(n);
        self.below(a + 1)
    }
}

fn pool(taxonomy: &Taxonomy, n: usize) -> anyhow::Result<Vec<Candidate>> {
    let skills: Vec<String> = taxonomy.iter().map(|(_, s)| s.name.clone()).collect();
    let mut rng = Rng(7);
    let now = Utc::now();
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let mut tags = Vec::new();
        for _ in 0..(3 + rng.below(8)) {
            let tag =
                SkillTag::parse(&skills[rng.skewed(skills.len())]).map_err(anyhow::Error::msg)?;
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        let profile = CandidateProfile {
            stated_level: Some(Level::ALL[rng.below(Level::ALL.len())]),
            available_from: Some(now.date_naive() + chrono::Duration::days(rng.below(120) as i64)),
            industries: vec![INDUSTRIES[rng.below(INDUSTRIES.len())].to_string()],
            tags: vec![format!("cohort-{}", i % 50)],
            ..Default::default()
        };
        out.push(Candidate {
            id: CandidateId(uuid::Uuid::from_u128(i as u128 + 1)),
            name: PersonName::parse(&format!("Candidate {i}")).map_err(anyhow::Error::msg)?,
            email: Email::parse(&format!("c{i}@example.com")).map_err(anyhow::Error::msg)?,
            location: Some(
                Location::parse(CITIES[rng.below(CITIES.len())]).map_err(anyhow::Error::msg)?,
            ),
            region: Some(Region::ALL[rng.below(Region::ALL.len())]),
            skills: tags,
            expected_rate: Some(Money {
                amount: 20 + rng.below(160) as i64,
                currency: Currency::usd(),
                period: RatePeriod::Hour,
            }),
            profile,
            vetting_status: VettingStatus::ALL[rng.below(VettingStatus::ALL.len())],
            created_at: now,
            updated_at: now,
        });
    }
    Ok(out)
}

/// The result of one run and the median time of 9, in seconds.
fn median<T>(
    mut f: impl FnMut() -> Result<T, hireloop_server::search::SearchError>,
) -> anyhow::Result<(T, f64)> {
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..9 {
        let started = Instant::now();
        last = Some(f()?);
        times.push(started.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    let result = last.ok_or_else(|| anyhow::anyhow!("no run"))?;
    Ok((result, times[times.len() / 2]))
}

fn main() -> anyhow::Result<()> {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .map(|a| a.parse())
        .collect::<Result<_, _>>()?;
    let sizes = if sizes.is_empty() {
        vec![200, 20_000]
    } else {
        sizes
    };
    let taxonomy = Arc::new(Taxonomy::shipped()?);
    for n in sizes {
        let candidates = pool(&taxonomy, n)?;
        let started = Instant::now();
        let index = SearchService::empty(taxonomy.clone())?;
        for batch in candidates.chunks(1000) {
            index.add_all(batch)?;
        }
        index.commit()?;
        let built = started.elapsed();
        let pairs = [
            ("q", "kafka payments"),
            ("skill", "go"),
            ("level", "senior"),
        ];
        let request = SearchRequest::parse(pairs).map_err(|e| anyhow::anyhow!("{e:?}"))?;
        // `SEARCH_INDEX_REPEAT=N`: repeat the narrow search N times first, for a profiler.
        let repeat: usize = std::env::var("SEARCH_INDEX_REPEAT")
            .ok()
            .and_then(|r| r.parse().ok())
            .unwrap_or(0);
        for _ in 0..repeat {
            index.search(&request, None)?;
        }
        let (found, searched) = median(|| index.search(&request, None))?;
        let (_, searched_before) = median(|| index.search_baseline(&request, None))?;
        let all = SearchRequest::parse([]).map_err(|e| anyhow::anyhow!("{e:?}"))?;
        let (everyone, facets_all) = median(|| index.search(&all, None))?;
        let (before, facets_before) = median(|| index.search_baseline(&all, None))?;
        anyhow::ensure!(
            serde_json::to_value(&before.facets)? == serde_json::to_value(&everyone.facets)?
                && before
                    .results
                    .iter()
                    .map(|h| h.candidate_id)
                    .eq(everyone.results.iter().map(|h| h.candidate_id)),
            "the baseline and the collector disagree"
        );
        println!(
            "{n} profiles: index built in {:.1} ms; \"kafka payments\" + go + senior: {} found in {:.3} ms \
             (before: {:.3} ms, {:.2}x); no filter (facets over all {}): {:.2} ms (before: {:.2} ms, {:.1}x)",
            built.as_secs_f64() * 1e3,
            found.total,
            searched * 1e3,
            searched_before * 1e3,
            searched_before / searched,
            everyone.total,
            facets_all * 1e3,
            facets_before * 1e3,
            facets_before / facets_all,
        );
    }
    Ok(())
}
