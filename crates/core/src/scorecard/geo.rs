//! Countries as the linter needs them: standard-time UTC offsets (for timezone overlap) and the
//! market rate region (for the budget check). A representative table, not a gazetteer.
//!
//! Offsets are standard time; daylight saving time is ignored, which can shift an overlap by an
//! hour for part of the year. A country spanning several zones gives its westernmost and
//! easternmost mainland offsets (US: Pacific to Eastern; outlying states and territories left out).
//! Regions follow StepTo 2026's rate table (FACTS.md §2); a country outside it has no region.

/// One country of the table.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Country {
    pub code: &'static str,
    pub name: &'static str,
    /// Westernmost and easternmost standard UTC offsets, in hours.
    pub offsets: (f64, f64),
    /// The market rate region (`hireloop_core::market` region names), if the rate table covers it.
    pub region: Option<&'static str>,
}

const fn c(
    code: &'static str,
    name: &'static str,
    west: f64,
    east: f64,
    region: Option<&'static str>,
) -> Country {
    Country {
        code,
        name,
        offsets: (west, east),
        region,
    }
}

const US: Option<&str> = Some("united_states");
const CA: Option<&str> = Some("canada");
const WE: Option<&str> = Some("western_europe");
const LA: Option<&str> = Some("latin_america");
const EE: Option<&str> = Some("eastern_europe");
const AS: Option<&str> = Some("asia");

/// The countries the linter knows, by ISO 3166-1 alpha-2 code.
pub const COUNTRIES: &[Country] = &[
    c("US", "United States", -8.0, -5.0, US),
    c("CA", "Canada", -8.0, -3.5, CA),
    c("MX", "Mexico", -7.0, -5.0, LA),
    c("BR", "Brazil", -5.0, -3.0, LA),
    c("AR", "Argentina", -3.0, -3.0, LA),
    c("CO", "Colombia", -5.0, -5.0, LA),
    c("CL", "Chile", -4.0, -4.0, LA),
    c("PE", "Peru", -5.0, -5.0, LA),
    c("UY", "Uruguay", -3.0, -3.0, LA),
    c("CR", "Costa Rica", -6.0, -6.0, LA),
    c("EC", "Ecuador", -5.0, -5.0, LA),
    c("GB", "United Kingdom", 0.0, 0.0, WE),
    c("IE", "Ireland", 0.0, 0.0, WE),
    c("PT", "Portugal", 0.0, 0.0, WE),
    c("ES", "Spain", 1.0, 1.0, WE),
    c("FR", "France", 1.0, 1.0, WE),
    c("DE", "Germany", 1.0, 1.0, WE),
    c("NL", "Netherlands", 1.0, 1.0, WE),
    c("BE", "Belgium", 1.0, 1.0, WE),
    c("LU", "Luxembourg", 1.0, 1.0, WE),
    c("AT", "Austria", 1.0, 1.0, WE),
    c("CH", "Switzerland", 1.0, 1.0, WE),
    c("IT", "Italy", 1.0, 1.0, WE),
    c("DK", "Denmark", 1.0, 1.0, WE),
    c("SE", "Sweden", 1.0, 1.0, WE),
    c("NO", "Norway", 1.0, 1.0, WE),
    c("FI", "Finland", 2.0, 2.0, WE),
    c("PL", "Poland", 1.0, 1.0, EE),
    c("CZ", "Czechia", 1.0, 1.0, EE),
    c("SK", "Slovakia", 1.0, 1.0, EE),
    c("HU", "Hungary", 1.0, 1.0, EE),
    c("SI", "Slovenia", 1.0, 1.0, EE),
    c("HR", "Croatia", 1.0, 1.0, EE),
    c("RS", "Serbia", 1.0, 1.0, EE),
    c("BA", "Bosnia and Herzegovina", 1.0, 1.0, EE),
    c("ME", "Montenegro", 1.0, 1.0, EE),
    c("MK", "North Macedonia", 1.0, 1.0, EE),
    c("AL", "Albania", 1.0, 1.0, EE),
    c("RO", "Romania", 2.0, 2.0, EE),
    c("BG", "Bulgaria", 2.0, 2.0, EE),
    c("MD", "Moldova", 2.0, 2.0, EE),
    c("UA", "Ukraine", 2.0, 2.0, EE),
    c("LT", "Lithuania", 2.0, 2.0, EE),
    c("LV", "Latvia", 2.0, 2.0, EE),
    c("EE", "Estonia", 2.0, 2.0, EE),
    c("GR", "Greece", 2.0, 2.0, None),
    c("TR", "Türkiye", 3.0, 3.0, None),
    c("IL", "Israel", 2.0, 2.0, None),
    c("EG", "Egypt", 2.0, 2.0, None),
    c("ZA", "South Africa", 2.0, 2.0, None),
    c("NG", "Nigeria", 1.0, 1.0, None),
    c("KE", "Kenya", 3.0, 3.0, None),
    c("AE", "United Arab Emirates", 4.0, 4.0, None),
    c("PK", "Pakistan", 5.0, 5.0, None),
    c("IN", "India", 5.5, 5.5, AS),
    c("LK", "Sri Lanka", 5.5, 5.5, None),
    c("BD", "Bangladesh", 6.0, 6.0, None),
    c("VN", "Vietnam", 7.0, 7.0, None),
    c("TH", "Thailand", 7.0, 7.0, None),
    c("ID", "Indonesia", 7.0, 9.0, None),
    c("PH", "Philippines", 8.0, 8.0, AS),
    c("MY", "Malaysia", 8.0, 8.0, None),
    c("SG", "Singapore", 8.0, 8.0, None),
    c("CN", "China", 8.0, 8.0, None),
    c("JP", "Japan", 9.0, 9.0, None),
    c("KR", "South Korea", 9.0, 9.0, None),
    c("AU", "Australia", 8.0, 10.0, None),
    c("NZ", "New Zealand", 12.0, 12.0, None),
];

/// Length of the working day both sides are assumed to keep (09:00-17:00 local).
pub const WORKDAY_HOURS: f64 = 8.0;

pub fn country(code: &str) -> Option<&'static Country> {
    COUNTRIES.iter().find(|c| c.code == code)
}

/// The most working hours a day someone in `country` can share with a team at `team_offset`,
/// when both keep a 09:00-17:00 local day (the best case across the country's zones).
pub fn best_overlap_hours(country: &Country, team_offset: f64) -> f64 {
    let (west, east) = country.offsets;
    let distance = if team_offset < west {
        west - team_offset
    } else if team_offset > east {
        team_offset - east
    } else {
        0.0
    };
    (WORKDAY_HOURS - distance).max(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlap_shrinks_with_distance_and_never_goes_negative() {
        let de = country("DE").unwrap();
        let us = country("US").unwrap();
        let india = country("IN").unwrap();
        assert_eq!(best_overlap_hours(de, 1.0), 8.0);
        // Berlin team, US East coast: six hours apart.
        assert_eq!(best_overlap_hours(us, 1.0), 2.0);
        assert_eq!(best_overlap_hours(india, 1.0), 3.5);
        // San Francisco team, India: 13.5 hours apart.
        assert_eq!(best_overlap_hours(india, -8.0), 0.0);
        assert_eq!(de.region, Some("western_europe"));
        assert!(country("XX").is_none());
    }

    #[test]
    fn codes_are_unique_and_offsets_ordered() {
        for (i, a) in COUNTRIES.iter().enumerate() {
            assert!(a.offsets.0 <= a.offsets.1, "{}", a.code);
            assert!(
                COUNTRIES[i + 1..].iter().all(|b| b.code != a.code),
                "{}",
                a.code
            );
        }
    }
}
