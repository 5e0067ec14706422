//! Years of professional work and the level they suggest. A candidate's stated level wins; when
//! none is stated, the level is estimated from the years of dated work history, using StepTo's
//! 2026 bands (FACTS.md §1: junior 1-3 years, mid 3-5, senior 5+).

use crate::level::Level;
use chrono::NaiveDate;
use serde::Serialize;

/// The most years of work accepted: longer than any working life in software.
pub const MAX_EXPERIENCE_YEARS: f32 = 60.0;

/// Checks years of work (0-60) and rounds them to one decimal, so what is stored is what is shown.
pub fn parse_experience_years(years: f32) -> Result<f32, String> {
    if !years.is_finite() || !(0.0..=MAX_EXPERIENCE_YEARS).contains(&years) {
        return Err(format!("must be 0-{MAX_EXPERIENCE_YEARS} (got {years})"));
    }
    Ok((years * 10.0).round() / 10.0)
}

/// The level that `years` of work suggest, by StepTo's bands (FACTS.md §1, StepTo 2026: junior
/// 1-3, mid 3-5, senior 5+). Bands meet at 3 and 5; a boundary year counts as the higher level,
/// and under a year is still junior (there is no level below it).
pub fn estimated_level(years: f32) -> Level {
    if years >= 5.0 {
        Level::Senior
    } else if years >= 3.0 {
        Level::Mid
    } else {
        Level::Junior
    }
}

/// Where a candidate's level comes from.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "basis", rename_all = "snake_case")]
pub enum LevelBasis {
    /// As the candidate states it.
    Stated,
    /// From `years` of dated work history, by StepTo's 2026 bands.
    Estimated { years: f32 },
}

/// A candidate's level with its basis: "Senior (stated)", "Mid-level, estimated from 4 years…".
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LevelFinding {
    pub level: Level,
    #[serde(flatten)]
    pub basis: LevelBasis,
}

impl LevelFinding {
    /// The stated level, else the one estimated from years of work; `None` when neither is known.
    pub fn of(stated: Option<Level>, experience_years: Option<f32>) -> Option<Self> {
        match (stated, experience_years) {
            (Some(level), _) => Some(Self {
                level,
                basis: LevelBasis::Stated,
            }),
            (None, Some(years)) => Some(Self {
                level: estimated_level(years),
                basis: LevelBasis::Estimated { years },
            }),
            (None, None) => None,
        }
    }

    /// In words, for the candidate page.
    pub fn describe(&self) -> String {
        match self.basis {
            LevelBasis::Stated => format!("{} (stated)", self.level.label()),
            LevelBasis::Estimated { years } => format!(
                "{}, estimated from {} years of work history (StepTo 2026 bands)",
                self.level.label(),
                format_years(years)
            ),
        }
    }
}

/// "6.5", "4": no trailing ".0".
pub fn format_years(years: f32) -> String {
    let tenths = (years * 10.0).round() as i64;
    if tenths % 10 == 0 {
        (tenths / 10).to_string()
    } else {
        format!("{}.{}", tenths / 10, tenths % 10)
    }
}

/// Days covered by the union of `spans` (from, to): two jobs at once are not two years in one.
pub fn covered_days(mut spans: Vec<(NaiveDate, NaiveDate)>) -> i64 {
    spans.sort();
    let mut days = 0i64;
    let mut current: Option<(NaiveDate, NaiveDate)> = None;
    for (from, to) in spans {
        current = match current {
            Some((a, b)) if from <= b => Some((a, b.max(to))),
            Some((a, b)) => {
                days += (b - a).num_days();
                Some((from, to))
            }
            None => Some((from, to)),
        };
    }
    if let Some((a, b)) = current {
        days += (b - a).num_days();
    }
    days
}

/// Days to years, one decimal.
pub fn days_to_years(days: i64) -> f32 {
    ((days as f32 / 365.25) * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, 1).unwrap()
    }

    #[test]
    fn steptos_bands_set_the_estimate() {
        assert_eq!(estimated_level(0.5), Level::Junior);
        assert_eq!(estimated_level(2.9), Level::Junior);
        assert_eq!(estimated_level(3.0), Level::Mid);
        assert_eq!(estimated_level(4.9), Level::Mid);
        assert_eq!(estimated_level(5.0), Level::Senior);
        assert_eq!(estimated_level(12.0), Level::Senior);
    }

    #[test]
    fn a_stated_level_wins_over_the_estimate() {
        let stated = LevelFinding::of(Some(Level::Mid), Some(9.0)).unwrap();
        assert_eq!(stated.level, Level::Mid);
        assert_eq!(stated.describe(), "Mid-level (stated)");
        let estimated = LevelFinding::of(None, Some(6.5)).unwrap();
        assert_eq!(estimated.level, Level::Senior);
        assert_eq!(
            estimated.describe(),
            "Senior, estimated from 6.5 years of work history (StepTo 2026 bands)"
        );
        assert_eq!(LevelFinding::of(None, None), None);
        let json = serde_json::to_value(estimated).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"level": "senior", "basis": "estimated", "years": 6.5})
        );
    }

    #[test]
    fn years_are_bounded_and_rounded() {
        assert_eq!(parse_experience_years(6.54), Ok(6.5));
        assert!(parse_experience_years(61.0).unwrap_err().contains("0-60"));
        assert!(parse_experience_years(-1.0).is_err());
        assert!(parse_experience_years(f32::NAN).is_err());
        assert_eq!(format_years(4.0), "4");
    }

    #[test]
    fn overlapping_spans_count_once() {
        let spans = vec![
            (day(2018, 1), day(2021, 1)),
            (day(2020, 1), day(2022, 1)),
            (day(2024, 1), day(2025, 1)),
        ];
        assert_eq!(days_to_years(covered_days(spans)), 5.0);
        assert_eq!(covered_days(Vec::new()), 0);
    }
}
