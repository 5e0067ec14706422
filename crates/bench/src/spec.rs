//! The benchmark's queries and profiles as the baselines see them. The engine compiles a `Query`
//! privately; the baselines re-derive the same hard filters and score terms here from the public
//! `Query` (what an SQL implementation of matching would have to do too), using the same f32
//! operations so that boundary cases (a rate exactly at the ceiling) fall the same way.

use chrono::NaiveDate;
use hireloop_core::candidate::Region;
use hireloop_core::level::Level;
use hireloop_core::market::advice::Engagement;
use hireloop_match::synth::NamedQuery;
use hireloop_match::{
    Country, Profile, Query, Taxonomy, TeamHours, Vetting, Weights, WorkMode, CANDIDATE_DAY,
    EXPECTED_YEARS, EXPECTED_YEARS_ANY_LEVEL, PRIMARY_LANGUAGE_WEIGHT,
};

/// Years are kept in half-year steps; this packed value means "not stated" (as in the engine).
pub const YEARS_UNKNOWN: u8 = u8::MAX;

/// One query of the run.
#[derive(Debug, Clone)]
pub struct BenchQuery {
    pub name: String,
    pub broad: bool,
    /// Only hard filters, every result scoring the same: the top-k is the first k candidate ids,
    /// so every engine must return exactly the same page.
    pub filter_only: bool,
    pub query: Query,
    /// Free text every result must match; each engine searches it its own way and, for the
    /// engine, the hits become `query.text` at query time (timed with the query).
    pub text: Option<String>,
}

/// The standard mix (scored, as the product ranks) and, for the agreement check, each query's
/// filter-only variant plus one query that contradicts itself.
pub fn query_sets(
    taxonomy: &Taxonomy,
    today: NaiveDate,
) -> Result<(Vec<BenchQuery>, Vec<BenchQuery>), String> {
    let mut standard = hireloop_match::synth::standard_queries(taxonomy, today)?;
    standard.extend(hireloop_match::synth::text_queries(taxonomy, today)?);
    let scored: Vec<BenchQuery> = standard
        .iter()
        .map(|q| BenchQuery {
            name: q.name.to_string(),
            broad: q.broad,
            filter_only: false,
            query: q.query.clone(),
            text: q.text.map(str::to_string),
        })
        .collect();
    let mut filters: Vec<BenchQuery> = standard.iter().map(filter_only).collect();
    filters.push(contradictory(today));
    Ok((scored, filters))
}

/// The query's hard filters alone. With only the level weight and no target level, every
/// survivor scores exactly 1, so the engine orders them by candidate id.
pub fn filter_only(q: &NamedQuery) -> BenchQuery {
    let mut query = q.query.clone();
    query.nice_to_have.clear();
    query.level = None;
    query.weights = Weights {
        skills: 0.0,
        level: 1.0,
        budget: 0.0,
        timezone: 0.0,
        availability: 0.0,
        vetting: 0.0,
    };
    BenchQuery {
        name: format!("{}/filters", q.name),
        broad: q.broad,
        filter_only: true,
        query,
        text: q.text.map(str::to_string),
    }
}

/// Nine hours of overlap with an eight-hour team day: nobody can match, on any engine.
pub fn contradictory(today: NaiveDate) -> BenchQuery {
    let mut query = Query::new(today);
    query.team_hours = Some(TeamHours::office_day(60, 9.0));
    query.weights.skills = 0.0;
    BenchQuery {
        name: "contradiction-9h-overlap/filters".into(),
        broad: false,
        filter_only: true,
        query,
        text: None,
    }
}

/// A skill the query scores (or requires), with the engine's weights and expectations.
#[derive(Debug, Clone, Copy)]
pub struct Wanted {
    pub skill: u16,
    pub weight: f32,
    pub expected_years: f32,
    /// Half-years a must-have requires (0: none).
    pub min_half_years: u8,
    pub must: bool,
}

/// A query as filters and score terms, ready to be written as SQL or a tantivy query.
#[derive(Debug, Clone)]
pub struct Spec {
    pub name: String,
    pub filter_only: bool,
    pub wanted: Vec<Wanted>,
    /// Allowed values; `None` when the query does not restrict them. Empty means nobody.
    pub levels: Option<Vec<Level>>,
    pub regions: Option<Vec<Region>>,
    pub countries: Option<Vec<Country>>,
    pub vetting: Option<Vec<Vetting>>,
    pub engagement: Option<Engagement>,
    pub work_mode: Option<WorkMode>,
    /// UTC offsets (minutes) sharing enough of the team day, each with its time-zone fit.
    pub offsets: Option<Vec<(i16, f32)>>,
    /// Rates (USD/h, as f32) above this are filtered out; profiles without a rate pass.
    pub rate_limit: Option<f32>,
    pub ceiling: Option<f32>,
    pub available_by: Option<NaiveDate>,
    pub today: NaiveDate,
    /// The free text's words (lowercase, each required); `None` without text.
    pub text: Option<Vec<String>>,
    /// The text component's normalised weight: 0 without text and for filter-only queries.
    pub w_text: f32,
    /// Normalised weights (together with `w_text`, as the engine normalises them).
    pub weights: Weights,
    /// Level fit per `Level::ALL` position.
    pub level_fit: [f32; 3],
    /// 1 / Σ wanted weights (0 without wanted skills).
    pub inv_total_weight: f32,
}

impl Spec {
    pub fn required(&self) -> impl Iterator<Item = &Wanted> {
        self.wanted.iter().filter(|w| w.must)
    }

    /// What a work authorization must name to count for the allowed countries, as the engine
    /// rules: one of them, or a rate region holding one. Empty without a country filter.
    pub fn authorization_codes(&self) -> Vec<String> {
        let mut codes: Vec<String> = Vec::new();
        for c in self.countries.iter().flatten() {
            if *c == Country::default() {
                continue; // "not stated" is a residence marker, never an authorization
            }
            let region = hireloop_core::import::region_for_country(c.as_str());
            for code in std::iter::once(c.as_str()).chain(region.map(|r| r.as_str())) {
                if !codes.iter().any(|k| k == code) {
                    codes.push(code.to_string());
                }
            }
        }
        codes
    }
}

/// Minutes two daily windows share on the 24-hour clock (both in UTC minutes), as the engine counts.
fn shared_minutes(a: (i32, i32), b: (i32, i32)) -> i32 {
    (-2..=2)
        .map(|k| {
            let (b0, b1) = (b.0 + 1440 * k, b.1 + 1440 * k);
            (a.1.min(b1) - a.0.max(b0)).max(0)
        })
        .sum()
}

/// The words of a free text as every engine's tokenizer splits it: runs of letters and digits,
/// lowercased, each once. All of them must match.
pub fn text_tokens(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        let word = word.to_lowercase();
        if !word.is_empty() && !out.contains(&word) {
            out.push(word);
        }
    }
    out
}

/// Normalises the weights, with the text weight (0 without text) added last, as the engine does.
fn normalise(w: &Weights, text: f32) -> (Weights, f32) {
    let mut sum = w.skills + w.level + w.budget + w.timezone + w.availability + w.vetting;
    sum += text;
    let sum = if sum > 0.0 { sum } else { 1.0 };
    (
        Weights {
            skills: w.skills / sum,
            level: w.level / sum,
            budget: w.budget / sum,
            timezone: w.timezone / sum,
            availability: w.availability / sum,
            vetting: w.vetting / sum,
        },
        text / sum,
    )
}

/// Compiles a benchmark query. The mix is fixed and valid, so this does not validate ranges: the
/// engine's own checks run first in every benchmark and reject a malformed query.
pub fn compile(q: &BenchQuery) -> Spec {
    let query = &q.query;
    let level_years = query
        .level
        .and_then(|l| EXPECTED_YEARS.iter().find(|(el, _)| *el == l))
        .map_or(EXPECTED_YEARS_ANY_LEVEL, |(_, y)| *y);
    let mut wanted: Vec<Wanted> = Vec::new();
    let mut add = |skill: u16, weight: f32, min: Option<f32>, must: bool| {
        let min = min.unwrap_or(0.0);
        let expected = level_years.max(min);
        let min_half = (min * 2.0).round() as u8;
        match wanted.iter_mut().find(|x| x.skill == skill) {
            Some(x) => {
                x.weight = x.weight.max(weight);
                x.expected_years = x.expected_years.max(expected);
                x.min_half_years = x.min_half_years.max(min_half);
                x.must |= must;
            }
            None => wanted.push(Wanted {
                skill,
                weight,
                expected_years: expected,
                min_half_years: min_half,
                must,
            }),
        }
    };
    for m in &query.must_have {
        add(m.skill.index() as u16, 1.0, m.min_years, true);
    }
    for n in &query.nice_to_have {
        add(n.skill.index() as u16, n.weight, None, false);
    }
    if let Some(lang) = query.primary_language {
        add(
            lang.index() as u16,
            PRIMARY_LANGUAGE_WEIGHT,
            None,
            query.primary_language_required,
        );
    }
    wanted.sort_by_key(|w| w.skill);
    let total: f32 = wanted.iter().map(|w| w.weight).sum();
    let level_pos = |l: Level| Level::ALL.iter().position(|x| *x == l).unwrap_or(0) as i32;
    let level_fit = std::array::from_fn(|i| match query.level {
        None => 1.0,
        Some(target) => match i as i32 - level_pos(target) {
            0 => 1.0,
            1 => 0.7,
            2 => 0.4,
            -1 => 0.4,
            _ => 0.0,
        },
    });
    let offsets = query.team_hours.map(|t| {
        let off = i32::from(t.utc_offset_minutes);
        let team = (
            i32::from(t.start_minute) - off,
            i32::from(t.end_minute) - off,
        );
        let day = (team.1 - team.0).max(1);
        let min = (t.min_overlap_hours * 60.0).round() as i32;
        (-720..=840)
            .step_by(15)
            .filter_map(|o: i32| {
                let shared = shared_minutes((CANDIDATE_DAY.0 - o, CANDIDATE_DAY.1 - o), team);
                (shared >= min).then_some((o as i16, (shared as f32 / day as f32).min(1.0)))
            })
            .collect()
    });
    let (ceiling, rate_limit) = match query.budget {
        None => (None, None),
        Some(b) => {
            let c = b.ceiling.hourly_usd();
            (
                Some(c),
                Some(c * (1.0 + f32::from(b.stretch_percent) / 100.0)),
            )
        }
    };
    // Filter-only queries give the text no weight, so that every survivor still scores the same.
    let text_weight = match &q.text {
        Some(_) if !q.filter_only => hireloop_match::DEFAULT_TEXT_WEIGHT,
        _ => 0.0,
    };
    // `+ 0.0` leaves the sum as it was: without text the weights are exactly as before.
    let (weights, w_text) = normalise(&query.weights, text_weight);
    Spec {
        name: q.name.clone(),
        filter_only: q.filter_only,
        wanted,
        levels: query.allowed_levels.clone(),
        regions: query.regions.clone(),
        countries: query.countries.clone(),
        vetting: query.vetted_only.then(|| vec![Vetting::Vetted]),
        engagement: query.engagement,
        work_mode: query.work_mode,
        offsets,
        rate_limit,
        ceiling,
        available_by: query.available_by,
        today: query.today,
        text: q.text.as_deref().map(text_tokens),
        w_text,
        weights,
        level_fit,
        inv_total_weight: if total > 0.0 { 1.0 / total } else { 0.0 },
    }
}

/// A profile's skill as the baselines store it: stated or implied, years in half-year steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoredSkill {
    pub skill: u16,
    pub half_years: u8,
    pub implied: bool,
}

/// Stated skills plus the skills they imply (Django → Python) with the implying skill's years,
/// the most known years from any source; stated wins over implied. The engine expands the same
/// way; a database materialises it at write time so that a filter is one index lookup.
pub fn expand_skills(taxonomy: &Taxonomy, p: &Profile) -> Vec<StoredSkill> {
    let pack = |y: Option<f32>| match y {
        None => YEARS_UNKNOWN,
        Some(y) => (y.clamp(0.0, 60.0) * 2.0).round() as u8,
    };
    let mut all: Vec<StoredSkill> = Vec::with_capacity(p.skills.len() * 2);
    for s in &p.skills {
        let half_years = pack(s.years);
        all.push(StoredSkill {
            skill: s.skill.index() as u16,
            half_years,
            implied: false,
        });
        for imp in taxonomy.implied(s.skill) {
            all.push(StoredSkill {
                skill: imp.index() as u16,
                half_years,
                implied: true,
            });
        }
    }
    all.sort_unstable_by_key(|s| s.skill);
    let mut merged: Vec<StoredSkill> = Vec::with_capacity(all.len());
    for s in all {
        match merged.last_mut() {
            Some(last) if last.skill == s.skill => {
                last.implied &= s.implied;
                if last.half_years == YEARS_UNKNOWN
                    || (s.half_years != YEARS_UNKNOWN && s.half_years > last.half_years)
                {
                    last.half_years = s.half_years;
                }
            }
            _ => merged.push(s),
        }
    }
    merged
}

/// Labels stored for the enums the match crate keeps without names.
pub fn vetting_name(v: Vetting) -> &'static str {
    match v {
        Vetting::NotVetted => "not_vetted",
        Vetting::Screened => "screened",
        Vetting::Vetted => "vetted",
    }
}

pub fn vetting_fit(v: Vetting) -> f32 {
    match v {
        Vetting::NotVetted => 0.0,
        Vetting::Screened => 0.5,
        Vetting::Vetted => 1.0,
    }
}

pub fn work_mode_name(m: WorkMode) -> &'static str {
    match m {
        WorkMode::Remote => "remote",
        WorkMode::Hybrid => "hybrid",
        WorkMode::Onsite => "onsite",
    }
}

/// The work-mode keywords of a profile for the text index: its stated modes, else "unstated", and
/// "relocation" when open to it, so the filter is one term set (see `work_mode_keywords`).
pub fn profile_work_mode_keywords(p: &Profile) -> Vec<&'static str> {
    let mut words: Vec<&'static str> = p.work_modes.iter().map(|m| work_mode_name(*m)).collect();
    if words.is_empty() {
        words.push(UNSTATED_WORK_MODE);
    }
    if p.open_to_relocation {
        words.push(RELOCATION);
    }
    words
}

/// The keywords any of which lets a profile through a filter on `m` (`WorkMode::admits`).
pub fn work_mode_keywords(m: WorkMode) -> Vec<&'static str> {
    let mut words: Vec<&'static str> = m.accepted().iter().map(|m| work_mode_name(*m)).collect();
    words.push(UNSTATED_WORK_MODE);
    if m.relocation_counts() {
        words.push(RELOCATION);
    }
    words
}

const UNSTATED_WORK_MODE: &str = "unstated";
const RELOCATION: &str = "relocation";

/// A bit per engagement type, by position in `Engagement::ALL`.
pub fn engagement_bit(e: Engagement) -> i64 {
    1 << Engagement::ALL.iter().position(|x| *x == e).unwrap_or(0)
}

pub fn work_mode_bit(m: WorkMode) -> i64 {
    1 << WorkMode::ALL.iter().position(|x| *x == m).unwrap_or(0)
}

/// The bit above the work modes in the `work_modes` column: open to relocation.
pub const RELOCATION_BIT: i64 = 1 << WorkMode::ALL.len();

/// Every work-mode bit (relocation not included): zero in a row means "states no work mode".
pub const ALL_WORK_MODE_BITS: i64 = RELOCATION_BIT - 1;

/// A profile's `work_modes` column: a bit per stated mode, plus `RELOCATION_BIT`.
pub fn work_modes_column(p: &Profile) -> i64 {
    let modes = p.work_modes.iter().fold(0, |m, w| m | work_mode_bit(*w));
    modes | (RELOCATION_BIT * i64::from(p.open_to_relocation))
}

/// The bits any of which lets a row through a filter on `m` (`WorkMode::admits`); a row with
/// none of `ALL_WORK_MODE_BITS` passes too.
pub fn work_mode_filter_bits(m: WorkMode) -> i64 {
    let modes = m.accepted().iter().fold(0, |b, w| b | work_mode_bit(*w));
    modes | (RELOCATION_BIT * i64::from(m.relocation_counts()))
}

/// Rate in USD per hour as the engine compares it, or `None`.
pub fn hourly(p: &Profile) -> Option<f32> {
    p.rate.map(|r| r.hourly_usd())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn team_hours_become_the_offsets_that_share_enough_of_the_day() {
        let today = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap_or_default();
        let mut q = Query::new(today);
        q.team_hours = Some(TeamHours::office_day(60, 4.0));
        let spec = compile(&BenchQuery {
            name: "t".into(),
            broad: false,
            filter_only: false,
            query: q,
            text: None,
        });
        let offsets = spec.offsets.unwrap_or_default();
        assert!(offsets.contains(&(60, 1.0)));
        assert!(offsets
            .iter()
            .any(|(o, f)| *o == 0 && (*f - 7.0 / 8.0).abs() < 1e-6));
        assert!(!offsets.iter().any(|(o, _)| *o == -300)); // New York shares 2 h of 8
        let none = compile(&contradictory(today));
        assert_eq!(none.offsets, Some(vec![]));
    }

    /// The SQL predicate and the tantivy term set apply the engine's work-mode rule exactly, for
    /// every combination of stated modes and relocation (the standard mix only asks for remote).
    #[test]
    fn sql_bits_and_text_keywords_follow_the_work_mode_rule() {
        use hireloop_match::synth::PoolGenerator;
        let taxonomy = hireloop_match::Taxonomy::shipped().unwrap();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
        let mut p = PoolGenerator::pool(&taxonomy, 1, today, 1)
            .unwrap()
            .remove(0);
        for set in 0..(1u8 << WorkMode::ALL.len()) {
            for relocation in [false, true] {
                p.work_modes = WorkMode::ALL
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| set & (1 << i) != 0)
                    .map(|(_, m)| *m)
                    .collect();
                p.open_to_relocation = relocation;
                for wanted in WorkMode::ALL {
                    let rule = wanted.admits(&p.work_modes, relocation);
                    let column = work_modes_column(&p);
                    let sql = column & work_mode_filter_bits(wanted) != 0
                        || column & ALL_WORK_MODE_BITS == 0;
                    let words = profile_work_mode_keywords(&p);
                    let text = work_mode_keywords(wanted).iter().any(|w| words.contains(w));
                    assert_eq!((sql, text), (rule, rule), "{wanted:?} {p:?}");
                }
            }
        }
    }
}
