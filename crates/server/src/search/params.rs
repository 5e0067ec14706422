//! What a talent pool search asks for, parsed from `key=value` pairs (the API's query string, the
//! page's form, the CLI's flags), and the buckets its facets count in.

use hireloop_core::candidate::Region;
use hireloop_core::candidate_profile::VettingStatus;
use hireloop_core::error::ValidationErrors;
use hireloop_core::level::Level;

/// Results per page when `limit` is not given, and the most one page may hold.
pub const DEFAULT_LIMIT: usize = 20;
pub const MAX_LIMIT: usize = 100;
/// Longest free-text query accepted.
pub const MAX_QUERY_CHARS: usize = 500;
/// At most this many `skill` filters: a search, not a profile.
pub const MAX_SKILL_FILTERS: usize = 20;
/// "Available within N days" reaches at most this far (ten years).
pub const MAX_WITHIN_DAYS: u32 = 3650;
/// Rates above this are not rates (USD per hour).
pub const MAX_RATE: u32 = 10_000;

/// Hourly USD rate bands: the global per-level bands of MQBIT 2026 (FACTS.md §2: junior 15-40,
/// mid 40-80, senior 80-150+), so a band reads as "junior-priced" … "above senior".
pub const RATE_BANDS: &[(&str, f32)] = &[
    ("under_40", 40.0),
    ("40_80", 80.0),
    ("80_150", 150.0),
    ("150_plus", f32::INFINITY),
];
/// The band of a candidate whose rate is not stated in USD.
pub const RATE_UNKNOWN: &str = "unknown";

/// The band an hourly USD rate falls in.
pub fn rate_band(hourly: Option<f32>) -> &'static str {
    match hourly {
        Some(r) => RATE_BANDS
            .iter()
            .find(|(_, below)| r < *below)
            .map_or(RATE_UNKNOWN, |(name, _)| name),
        None => RATE_UNKNOWN,
    }
}

/// Availability buckets, in days from today: `now` (already available), within 30, within 90,
/// later, unknown (no date stated).
pub fn availability_bucket(days_from_today: Option<i64>) -> &'static str {
    match days_from_today {
        None => "unknown",
        Some(d) if d <= 0 => "now",
        Some(d) if d <= 30 => "within_30_days",
        Some(d) if d <= 90 => "within_90_days",
        Some(_) => "later",
    }
}

/// A parsed search. Skills must all be present; the other filters take one value each.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchRequest {
    /// Free text in tantivy's query syntax (words, "phrases", +must, -not, field:value).
    pub q: Option<String>,
    pub skills: Vec<String>,
    pub level: Option<Level>,
    pub region: Option<Region>,
    pub vetting: Option<VettingStatus>,
    /// Hourly USD, inclusive. A candidate with no USD rate does not pass a rate filter.
    pub min_rate: Option<u32>,
    pub max_rate: Option<u32>,
    /// Available on or before today + N days. A candidate with no date does not pass.
    pub available_within_days: Option<u32>,
    pub limit: usize,
    pub offset: usize,
    /// Filters that cannot all hold (e.g. `level=junior&level=senior`): the search answers
    /// nothing, with this reason, rather than fail.
    pub contradiction: Option<String>,
}

/// Sets a one-valued filter; a second, different value is a contradiction, not an error.
fn single<T: PartialEq + Copy + std::fmt::Display>(
    slot: &mut Option<T>,
    value: T,
    field: &str,
    contradiction: &mut Option<String>,
) {
    match slot {
        Some(old) if *old != value => {
            let reason = format!("{field} cannot be both {old} and {value}: no candidate is");
            contradiction.get_or_insert(reason);
        }
        _ => *slot = Some(value),
    }
}

fn number(raw: &str, field: &str, max: u32, errors: &mut ValidationErrors) -> Option<u32> {
    match raw.trim().parse::<u32>() {
        Ok(n) if n <= max => Some(n),
        _ => {
            errors.add(
                field,
                format!("must be a whole number from 0 to {max} (got '{raw}')"),
            );
            None
        }
    }
}

impl SearchRequest {
    /// Parses query pairs; every bad value is reported under its parameter name. Unknown
    /// parameters are refused so a typo (`skils=go`) does not silently widen the search.
    pub fn parse<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let mut r = SearchRequest {
            limit: DEFAULT_LIMIT,
            ..Default::default()
        };
        let mut contradiction = None;
        for (key, value) in pairs {
            let value = value.trim();
            // An empty form field means "no filter".
            if value.is_empty() {
                continue;
            }
            match key {
                "q" => {
                    if value.chars().count() > MAX_QUERY_CHARS {
                        errors.add("q", format!("must be at most {MAX_QUERY_CHARS} characters"));
                    } else {
                        r.q = Some(value.to_string());
                    }
                }
                "skill" => {
                    if r.skills.len() >= MAX_SKILL_FILTERS {
                        errors.add("skill", format!("at most {MAX_SKILL_FILTERS} skills"));
                    } else if value.chars().count() > 60 {
                        errors.add("skill", format!("'{value}' is not a skill (too long)"));
                    } else {
                        r.skills.push(value.to_string());
                    }
                }
                "level" => match value.parse::<Level>() {
                    Ok(l) => single(&mut r.level, l, "level", &mut contradiction),
                    Err(e) => errors.add("level", e),
                },
                "region" => match value.parse::<Region>() {
                    Ok(x) => single(&mut r.region, x, "region", &mut contradiction),
                    Err(e) => errors.add("region", e),
                },
                "vetting" => match value.parse::<VettingStatus>() {
                    Ok(v) => single(&mut r.vetting, v, "vetting", &mut contradiction),
                    Err(e) => errors.add("vetting", e),
                },
                "min_rate" => r.min_rate = number(value, "min_rate", MAX_RATE, &mut errors),
                "max_rate" => r.max_rate = number(value, "max_rate", MAX_RATE, &mut errors),
                "available_within_days" => {
                    r.available_within_days =
                        number(value, "available_within_days", MAX_WITHIN_DAYS, &mut errors)
                }
                "limit" => match value.parse::<usize>() {
                    Ok(n) if (1..=MAX_LIMIT).contains(&n) => r.limit = n,
                    _ => errors.add(
                        "limit",
                        format!("must be between 1 and {MAX_LIMIT} (got '{value}')"),
                    ),
                },
                // The cursor is the offset of the next page, as the previous answer gave it.
                "cursor" => match value.parse::<usize>() {
                    Ok(n) if n <= 1_000_000 => r.offset = n,
                    _ => errors.add("cursor", "not a cursor this search returned"),
                },
                other => errors.add(
                    other,
                    "unknown parameter; use q, skill, level, region, vetting, min_rate, max_rate, \
                     available_within_days, limit, cursor",
                ),
            }
        }
        if let (Some(lo), Some(hi)) = (r.min_rate, r.max_rate) {
            if lo > hi {
                contradiction.get_or_insert_with(|| {
                    format!("min_rate {lo} is above max_rate {hi}: no rate fits")
                });
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        r.contradiction = contradiction;
        Ok(r)
    }

    /// The filters as `key=value` pairs (without paging): what a facet link or next page keeps.
    pub fn filter_pairs(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if let Some(q) = &self.q {
            out.push(("q", q.clone()));
        }
        for s in &self.skills {
            out.push(("skill", s.clone()));
        }
        if let Some(l) = self.level {
            out.push(("level", l.as_str().to_string()));
        }
        if let Some(x) = self.region {
            out.push(("region", x.as_str().to_string()));
        }
        if let Some(v) = self.vetting {
            out.push(("vetting", v.as_str().to_string()));
        }
        if let Some(n) = self.min_rate {
            out.push(("min_rate", n.to_string()));
        }
        if let Some(n) = self.max_rate {
            out.push(("max_rate", n.to_string()));
        }
        if let Some(n) = self.available_within_days {
            out.push(("available_within_days", n.to_string()));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(q: &str) -> Result<SearchRequest, ValidationErrors> {
        let pairs: Vec<(String, String)> = form_urlencoded::parse(q.as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        SearchRequest::parse(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    }

    #[test]
    fn parses_repeated_skills_and_one_valued_filters() {
        let r =
            parse("q=kafka&skill=go&skill=kafka&level=senior&vetting=vetted&max_rate=90&limit=5")
                .unwrap_or_default();
        assert_eq!(r.skills, vec!["go", "kafka"]);
        assert_eq!(r.level, Some(Level::Senior));
        assert_eq!(r.vetting, Some(VettingStatus::Vetted));
        assert_eq!((r.max_rate, r.limit), (Some(90), 5));
        assert_eq!(r.contradiction, None);
    }

    #[test]
    fn bad_values_name_their_parameter() {
        let errors = parse("level=wizard&max_rate=-3&limit=0&colour=red")
            .err()
            .unwrap_or_default();
        for field in ["level", "max_rate", "limit", "colour"] {
            assert!(errors.message_for(field).is_some(), "{field}: {errors:?}");
        }
    }

    #[test]
    fn contradictions_are_a_reason_not_an_error() {
        let r = parse("level=junior&level=senior").unwrap_or_default();
        assert!(r.contradiction.is_some_and(|c| c.contains("level")));
        let r = parse("min_rate=100&max_rate=50").unwrap_or_default();
        assert!(r.contradiction.is_some_and(|c| c.contains("min_rate")));
    }

    #[test]
    fn bands_and_buckets() {
        assert_eq!(rate_band(Some(39.9)), "under_40");
        assert_eq!(rate_band(Some(80.0)), "80_150");
        assert_eq!(rate_band(Some(400.0)), "150_plus");
        assert_eq!(rate_band(None), "unknown");
        assert_eq!(availability_bucket(Some(-3)), "now");
        assert_eq!(availability_bucket(Some(45)), "within_90_days");
        assert_eq!(availability_bucket(None), "unknown");
    }
}
