//! A query checked and compiled for the hot path: masks and lookup tables for the filters, and the
//! score components as small pure functions shared by the index, the explanations and the baseline.

use crate::countries::CountryFilter;
use crate::profile::{
    bucket_offset_minutes, day_number, mask, position, Vetting, WorkMode, MAX_YEARS, TZ_BUCKETS,
    YEARS_UNKNOWN,
};
use crate::query::{
    Query, QueryError, Weights, MAX_LIMIT, MAX_MUST_HAVES, MAX_NICE_TO_HAVES, MAX_OFFSET,
};
use crate::taxonomy::{SkillId, Taxonomy};
use crate::text::TextSlots;
use hireloop_core::candidate::Region;
use hireloop_core::level::Level;
use hireloop_core::market::advice::Engagement;

/// Years a level is expected to have in a skill it needs: the low end of StepTo's 2026 level
/// bands (FACTS.md §1: junior 1-3, mid 3-5, senior 5+).
pub const EXPECTED_YEARS: [(Level, f32); 3] = [
    (Level::Junior, 1.0),
    (Level::Mid, 3.0),
    (Level::Senior, 5.0),
];
/// Expected years when the query names no level.
pub const EXPECTED_YEARS_ANY_LEVEL: f32 = 3.0;
/// How much the primary language weighs among the skills when it scores.
pub const PRIMARY_LANGUAGE_WEIGHT: f32 = 2.0;
/// Availability falls to zero for a start this many days away.
pub const AVAILABILITY_HORIZON_DAYS: f32 = 90.0;
/// Candidates are taken to work 09:00-17:00 in their own time zone.
pub const CANDIDATE_DAY: (i32, i32) = (9 * 60, 17 * 60);
/// Rates are stored as this when the profile has none.
pub(crate) const RATE_UNKNOWN: f32 = -1.0;

/// One skill the query scores, in skill order for a merge with a profile's sorted skills.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Wanted {
    pub skill: u16,
    pub weight: f32,
    pub expected_years: f32,
    /// Half-years required (must-haves with a minimum), 0 for none.
    pub min_half_years: u8,
    pub must: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct Plan {
    pub wanted: Vec<Wanted>,
    /// Skills every result has: must-haves, and the primary language when it is required.
    pub required: Vec<SkillId>,
    pub has_min_years: bool,
    inv_total_weight: f32,
    pub w: Weights,
    pub level_mask: u8,
    level_fit: [f32; 3],
    pub region_mask: u8,
    /// Allowed countries, by residence or work authorization; `None` allows all.
    pub countries: Option<CountryFilter>,
    pub vetting_mask: u8,
    pub engagement: Option<usize>,
    pub work_mode: Option<usize>,
    /// Per time-zone bucket: shared minutes with the team day; `None` without team hours.
    pub overlap_minutes: Option<Vec<i32>>,
    pub min_overlap_minutes: i32,
    team_day_minutes: i32,
    pub ceiling: Option<f32>,
    /// The highest rate let through: the ceiling plus the stretch.
    pub rate_limit: f32,
    pub available_by: Option<i32>,
    pub today: i32,
    /// Why nothing can match, when the query contradicts itself.
    pub contradiction: Option<String>,
    /// The free text as typed; `None` without text.
    pub text: Option<String>,
    /// Who the text matched, as slots: set by the index that answers (`None` for other callers).
    pub text_slots: Option<TextSlots>,
    /// The text component's normalised weight (0 without text).
    pub w_text: f32,
}

fn level_index(level: Level) -> usize {
    position(Level::ALL, &level)
}

fn expected_years(level: Option<Level>) -> f32 {
    level
        .and_then(|l| EXPECTED_YEARS.iter().find(|(el, _)| *el == l))
        .map_or(EXPECTED_YEARS_ANY_LEVEL, |(_, y)| *y)
}

/// Checks the weights and normalises them, with the text weight when the query has text, to sum 1.
pub(crate) fn check_weights(w: &Weights, text: Option<f32>) -> Result<(Weights, f32), QueryError> {
    if let Some(t) = text {
        if !t.is_finite() || !(0.0..=100.0).contains(&t) {
            return Err(QueryError::new(
                "weights.text",
                "must be a number between 0 and 100",
            ));
        }
    }
    let all = [
        ("skills", w.skills),
        ("level", w.level),
        ("budget", w.budget),
        ("timezone", w.timezone),
        ("availability", w.availability),
        ("vetting", w.vetting),
    ];
    for (name, v) in all {
        if !v.is_finite() || !(0.0..=100.0).contains(&v) {
            return Err(QueryError::new(
                format!("weights.{name}"),
                "must be a number between 0 and 100",
            ));
        }
    }
    let mut sum: f32 = all.iter().map(|(_, v)| v).sum();
    // Added last so that, without text, the sum (and every score) is exactly as before.
    if let Some(t) = text {
        sum += t;
    }
    if sum <= 0.0 {
        return Err(QueryError::new(
            "weights",
            "at least one weight must be above 0",
        ));
    }
    let normalised = Weights {
        skills: w.skills / sum,
        level: w.level / sum,
        budget: w.budget / sum,
        timezone: w.timezone / sum,
        availability: w.availability / sum,
        vetting: w.vetting / sum,
    };
    Ok((normalised, text.map_or(0.0, |t| t / sum)))
}

/// Minutes two daily windows share on the 24-hour clock (both given in UTC minutes).
fn shared_minutes(a: (i32, i32), b: (i32, i32)) -> i32 {
    (-2..=2)
        .map(|k| {
            let (b0, b1) = (b.0 + 1440 * k, b.1 + 1440 * k);
            (a.1.min(b1) - a.0.max(b0)).max(0)
        })
        .sum()
}

impl Plan {
    pub fn new(q: &Query, tax: &Taxonomy, offset: usize, limit: usize) -> Result<Self, QueryError> {
        if limit == 0 || limit > MAX_LIMIT {
            return Err(QueryError::new(
                "limit",
                format!("must be between 1 and {MAX_LIMIT}"),
            ));
        }
        if offset > MAX_OFFSET {
            return Err(QueryError::new(
                "offset",
                format!("must be at most {MAX_OFFSET}"),
            ));
        }
        if q.must_have.len() > MAX_MUST_HAVES {
            return Err(QueryError::new(
                "must_have",
                format!("at most {MAX_MUST_HAVES}; a long required list repels strong candidates (KORE1 2026)"),
            ));
        }
        if q.nice_to_have.len() > MAX_NICE_TO_HAVES {
            return Err(QueryError::new(
                "nice_to_have",
                format!("at most {MAX_NICE_TO_HAVES}"),
            ));
        }
        let (w, w_text) = check_weights(&q.weights, q.text.as_ref().map(|t| t.weight))?;
        let text = q.text.as_ref().map(|t| t.text.clone());
        let level_years = expected_years(q.level);
        let mut wanted: Vec<Wanted> = Vec::new();
        let mut add = |field: String, skill: SkillId, weight: f32, min: Option<f32>, must: bool| {
            if tax.get(skill).is_none() {
                return Err(QueryError::new(field, "a skill id from another taxonomy"));
            }
            let min = min.unwrap_or(0.0);
            let expected = level_years.max(min);
            let min_half = (min * 2.0).round() as u8;
            match wanted.iter_mut().find(|x| x.skill == skill.0) {
                Some(x) => {
                    x.weight = x.weight.max(weight);
                    x.expected_years = x.expected_years.max(expected);
                    x.min_half_years = x.min_half_years.max(min_half);
                    x.must |= must;
                }
                None => wanted.push(Wanted {
                    skill: skill.0,
                    weight,
                    expected_years: expected,
                    min_half_years: min_half,
                    must,
                }),
            }
            Ok(())
        };
        for (i, m) in q.must_have.iter().enumerate() {
            if m.min_years
                .is_some_and(|y| !y.is_finite() || !(0.0..=MAX_YEARS).contains(&y))
            {
                return Err(QueryError::new(
                    format!("must_have[{i}].min_years"),
                    format!("must be between 0 and {MAX_YEARS}"),
                ));
            }
            add(
                format!("must_have[{i}].skill"),
                m.skill,
                1.0,
                m.min_years,
                true,
            )?;
        }
        for (i, n) in q.nice_to_have.iter().enumerate() {
            if !n.weight.is_finite() || !(0.0..=10.0).contains(&n.weight) {
                return Err(QueryError::new(
                    format!("nice_to_have[{i}].weight"),
                    "must be between 0 and 10",
                ));
            }
            add(
                format!("nice_to_have[{i}].skill"),
                n.skill,
                n.weight,
                None,
                false,
            )?;
        }
        if let Some(lang) = q.primary_language {
            let must = q.primary_language_required;
            add(
                "primary_language".into(),
                lang,
                PRIMARY_LANGUAGE_WEIGHT,
                None,
                must,
            )?;
        }
        wanted.sort_by_key(|x| x.skill);
        let total: f32 = wanted.iter().map(|x| x.weight).sum();
        let required = wanted
            .iter()
            .filter(|x| x.must)
            .map(|x| SkillId(x.skill))
            .collect();

        let mut contradiction = None;
        let mut contradict = |why: String| {
            contradiction.get_or_insert(why);
        };
        let level_mask = match &q.allowed_levels {
            None => mask(Level::ALL, Level::ALL),
            Some(levels) if levels.is_empty() => {
                contradict("the allowed levels are empty: no level can match".into());
                0
            }
            Some(levels) => mask(Level::ALL, levels),
        };
        let level_fit = std::array::from_fn(|i| match q.level {
            None => 1.0,
            // Over-qualified fits better than under-qualified; the budget says whether it is affordable.
            Some(target) => match i as i32 - level_index(target) as i32 {
                0 => 1.0,
                1 => 0.7,
                2 => 0.4,
                -1 => 0.4,
                _ => 0.0,
            },
        });
        let region_mask = match &q.regions {
            None => mask(Region::ALL, Region::ALL),
            Some(r) if r.is_empty() => {
                contradict("the allowed regions are empty: no region can match".into());
                0
            }
            Some(r) => mask(Region::ALL, r),
        };
        if q.countries.as_ref().is_some_and(Vec::is_empty) {
            contradict("the allowed countries are empty: no country can match".into());
        }
        let (overlap_minutes, min_overlap_minutes, team_day_minutes) = match q.team_hours {
            None => (None, 0, 1),
            Some(t) => {
                if !(-720..=840).contains(&t.utc_offset_minutes) || t.utc_offset_minutes % 15 != 0 {
                    return Err(QueryError::new(
                        "team_hours.utc_offset_minutes",
                        "must be a multiple of 15 between -720 and 840",
                    ));
                }
                if t.start_minute >= t.end_minute || t.end_minute > 1440 {
                    return Err(QueryError::new(
                        "team_hours",
                        "start_minute must come before end_minute, within one day (0-1440)",
                    ));
                }
                if !t.min_overlap_hours.is_finite() || !(0.0..=24.0).contains(&t.min_overlap_hours)
                {
                    return Err(QueryError::new(
                        "team_hours.min_overlap_hours",
                        "must be between 0 and 24",
                    ));
                }
                let off = i32::from(t.utc_offset_minutes);
                let team = (
                    i32::from(t.start_minute) - off,
                    i32::from(t.end_minute) - off,
                );
                let day = team.1 - team.0;
                let min = (t.min_overlap_hours * 60.0).round() as i32;
                let candidate_day = CANDIDATE_DAY.1 - CANDIDATE_DAY.0;
                if min > day {
                    contradict(format!(
                        "asks for {} h of overlap with a {} h team day",
                        t.min_overlap_hours,
                        day as f32 / 60.0
                    ));
                } else if min > candidate_day {
                    contradict(format!(
                        "asks for {} h of overlap, but candidates are taken to work {} h a day",
                        t.min_overlap_hours,
                        candidate_day / 60
                    ));
                }
                let table = (0..TZ_BUCKETS)
                    .map(|b| {
                        let o = bucket_offset_minutes(b);
                        shared_minutes((CANDIDATE_DAY.0 - o, CANDIDATE_DAY.1 - o), team)
                    })
                    .collect();
                (Some(table), min, day)
            }
        };
        let (ceiling, rate_limit) = match q.budget {
            None => (None, f32::INFINITY),
            Some(b) => {
                if b.ceiling.amount_usd == 0 {
                    return Err(QueryError::new("budget.ceiling", "must be above 0"));
                }
                if b.stretch_percent > 100 {
                    return Err(QueryError::new("budget.stretch_percent", "must be 0-100"));
                }
                let c = b.ceiling.hourly_usd();
                (Some(c), c * (1.0 + f32::from(b.stretch_percent) / 100.0))
            }
        };
        Ok(Self {
            wanted,
            required,
            has_min_years: q
                .must_have
                .iter()
                .any(|m| m.min_years.is_some_and(|y| y > 0.0)),
            inv_total_weight: if total > 0.0 { 1.0 / total } else { 0.0 },
            w,
            level_mask,
            level_fit,
            region_mask,
            countries: q.countries.as_deref().map(CountryFilter::new),
            vetting_mask: mask(&Vetting::ALL, q.allowed_vetting()),
            engagement: q.engagement.map(|e| position(Engagement::ALL, &e)),
            work_mode: q.work_mode.map(|m| position(&WorkMode::ALL, &m)),
            overlap_minutes,
            min_overlap_minutes,
            team_day_minutes,
            ceiling,
            rate_limit,
            available_by: q.available_by.map(day_number),
            today: day_number(q.today),
            contradiction,
            text,
            text_slots: None,
            w_text,
        })
    }

    /// Whether a time-zone bucket shares enough of the team day.
    pub fn tz_ok(&self, bucket: u8) -> bool {
        self.overlap_minutes
            .as_ref()
            .is_none_or(|t| t[usize::from(bucket)] >= self.min_overlap_minutes)
    }

    /// The filters checked per candidate rather than by bitmap: rate and availability date.
    pub fn scalar_ok(&self, rate: f32, available: i32) -> bool {
        rate <= self.rate_limit && self.available_by.is_none_or(|by| available <= by)
    }

    /// Every required skill present, with its minimum years. Packed skills sorted by skill.
    pub fn required_ok(&self, skills: &[u32]) -> bool {
        self.wanted.iter().filter(|w| w.must).all(|w| {
            find(skills, w.skill).is_some_and(|(half, _)| {
                w.min_half_years == 0 || (half != YEARS_UNKNOWN && half >= w.min_half_years)
            })
        })
    }

    pub fn level_fit(&self, level: usize) -> f32 {
        self.level_fit.get(level).copied().unwrap_or(0.0)
    }

    pub fn budget_fit(&self, rate: f32) -> f32 {
        match self.ceiling {
            None => 1.0,
            Some(_) if rate < 0.0 => 0.5,
            Some(c) if rate <= c => 1.0,
            Some(c) => (1.0 - (rate - c) / (self.rate_limit - c)).max(0.0),
        }
    }

    pub fn tz_fit(&self, bucket: u8) -> f32 {
        match &self.overlap_minutes {
            None => 1.0,
            Some(t) => (t[usize::from(bucket)] as f32 / self.team_day_minutes as f32).min(1.0),
        }
    }

    pub fn availability_fit(&self, available: i32) -> f32 {
        let days = (available - self.today).max(0) as f32;
        (1.0 - days / AVAILABILITY_HORIZON_DAYS).max(0.0)
    }

    pub fn vetting_fit(vetting: usize) -> f32 {
        [0.0, 0.5, 1.0].get(vetting).copied().unwrap_or(0.0)
    }

    /// Everything but skills, in a fixed order so every caller gets the same float.
    pub fn rest(&self, level: usize, rate: f32, tz: u8, available: i32, vetting: usize) -> f32 {
        self.w.level * self.level_fit(level)
            + self.w.budget * self.budget_fit(rate)
            + self.w.timezone * self.tz_fit(tz)
            + self.w.availability * self.availability_fit(available)
            + self.w.vetting * Self::vetting_fit(vetting)
    }

    /// The highest `rest` anyone can have: every factor at 1, added in the same order as `rest`,
    /// plus the text component at its maximum (relevance 1).
    pub fn rest_bound(&self) -> f32 {
        self.w.level * 1.0
            + self.w.budget * 1.0
            + self.w.timezone * 1.0
            + self.w.availability * 1.0
            + self.w.vetting * 1.0
            + self.w_text * 1.0
    }

    /// The text relevance of the candidate in `slot`, 0-1; 0 without text or when the text did
    /// not match them.
    pub fn text_fit(&self, slot: usize) -> f32 {
        self.text_slots.as_ref().map_or(0.0, |t| t.fit(slot))
    }

    /// `rest` with the text component added last: `x + 0.0 == x`, so without text it is unchanged.
    pub fn rest_with_text(&self, rest: f32, text_fit: f32) -> f32 {
        rest + self.w_text * text_fit
    }

    /// The highest coverage of someone lacking the `absent` skills: the same sum as `coverage`
    /// with every present factor at 1, so (float addition being monotonic) never below it.
    pub fn coverage_bound(&self, absent: &[u16]) -> f32 {
        if self.wanted.is_empty() {
            return 1.0;
        }
        let mut sum = 0.0f32;
        for w in &self.wanted {
            if !absent.contains(&w.skill) {
                sum += w.weight * 1.0;
            }
        }
        sum * self.inv_total_weight
    }

    pub fn score(&self, rest: f32, coverage: f32) -> f32 {
        rest + self.w.skills * coverage
    }

    /// How well one skill's years meet the expectation: 1 at or above it, half when years are unknown.
    pub fn skill_factor(half_years: u8, expected_years: f32) -> f32 {
        if half_years == YEARS_UNKNOWN {
            0.5
        } else if expected_years <= 0.0 {
            1.0
        } else {
            (f32::from(half_years) / (2.0 * expected_years)).min(1.0)
        }
    }

    /// Weighted skill coverage, 0-1: a merge of the wanted skills with the profile's sorted skills.
    pub fn coverage(&self, skills: &[u32]) -> f32 {
        if self.wanted.is_empty() {
            return 1.0;
        }
        let mut i = 0;
        let mut sum = 0.0f32;
        for w in &self.wanted {
            let want = u32::from(w.skill);
            while i < skills.len() && skills[i] >> 16 < want {
                i += 1;
            }
            if let Some(&p) = skills.get(i) {
                if p >> 16 == want {
                    sum += w.weight * Self::skill_factor(((p >> 8) & 0xff) as u8, w.expected_years);
                }
            }
        }
        sum * self.inv_total_weight
    }
}

/// The half-years and implied flag of a skill in a sorted packed list.
pub(crate) fn find(skills: &[u32], skill: u16) -> Option<(u8, bool)> {
    skills
        .binary_search_by_key(&skill, |p| (p >> 16) as u16)
        .ok()
        .map(|i| (((skills[i] >> 8) & 0xff) as u8, skills[i] & 1 != 0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::{Budget, TeamHours};
    use crate::Rate;
    use chrono::NaiveDate;

    fn plan(q: Query) -> Plan {
        let t = Taxonomy::shipped().unwrap();
        Plan::new(&q, &t, 0, 10).unwrap()
    }

    fn day(d: u32) -> i32 {
        day_number(NaiveDate::from_ymd_opt(2026, 6, d).unwrap())
    }

    fn base() -> Query {
        Query::new(NaiveDate::from_ymd_opt(2026, 6, 1).unwrap())
    }

    #[test]
    fn time_zone_overlap_is_counted_around_the_clock() {
        assert_eq!(shared_minutes((540, 1020), (540, 1020)), 480);
        assert_eq!(shared_minutes((540, 1020), (900, 1380)), 120);
        // 23:00-07:00 UTC against 01:00-03:00 of the next day.
        assert_eq!(shared_minutes((1380, 1860), (60, 180)), 120);
        let p = plan(Query {
            team_hours: Some(TeamHours::office_day(60, 4.0)),
            ..base()
        });
        let cet = crate::profile::tz_bucket(60);
        let new_york = crate::profile::tz_bucket(-300);
        assert_eq!(p.tz_fit(cet), 1.0);
        assert_eq!(p.tz_fit(new_york), 0.25); // 2 of 8 hours
        assert!(p.tz_ok(cet) && !p.tz_ok(new_york));
    }

    #[test]
    fn budget_fit_is_full_within_budget_and_falls_through_the_stretch() {
        let p = plan(Query {
            budget: Some(Budget {
                ceiling: Rate::hourly(100),
                stretch_percent: 20,
            }),
            ..base()
        });
        assert_eq!(p.budget_fit(40.0), 1.0); // cheaper is not better
        assert_eq!(p.budget_fit(100.0), 1.0);
        assert!((p.budget_fit(110.0) - 0.5).abs() < 1e-6);
        assert_eq!(p.budget_fit(RATE_UNKNOWN), 0.5);
        assert!(p.scalar_ok(120.0, 0) && !p.scalar_ok(120.5, 0));
    }

    #[test]
    fn availability_years_and_level_components() {
        let p = plan(Query {
            level: Some(Level::Senior),
            ..base()
        });
        assert_eq!(p.availability_fit(day(1)), 1.0);
        assert!((p.availability_fit(day(1) + 45) - 0.5).abs() < 1e-6);
        assert_eq!(p.availability_fit(day(1) + 200), 0.0);
        assert_eq!(Plan::skill_factor(10, 5.0), 1.0);
        assert_eq!(Plan::skill_factor(5, 5.0), 0.5);
        assert_eq!(Plan::skill_factor(YEARS_UNKNOWN, 5.0), 0.5);
        let fits: Vec<f32> = (0..3).map(|l| p.level_fit(l)).collect();
        assert_eq!(fits, [0.0, 0.4, 1.0]);
    }
}
