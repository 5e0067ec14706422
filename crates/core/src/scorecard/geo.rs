//! Countries as the linter needs them: standard-time UTC offsets (for timezone overlap) and the
//! market rate region (for the budget check). A representative table, not a gazetteer.
//!
//! Offsets are standard time; daylight saving time is ignored, which can shift an overlap by an
//! hour for part of the year. A country spanning several zones gives its westernmost and
//! easternmost mainland offsets (US: Pacific to Eastern; outlying states and territories left out).
//! Regions come from the one country → region table, `crate::import::region_for_country`, so the
//! linter, the import and the matching engine never disagree on where a country is priced.

/// One country of the table.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Country {
    pub code: &'static str,
    pub name: &'static str,
    /// Westernmost and easternmost standard UTC offsets, in hours.
    pub offsets: (f64, f64),
}

impl Country {
    /// The market rate region (`hireloop_core::market` region names), if the rate table covers it.
    pub fn region(&self) -> Option<&'static str> {
        crate::import::region_for_country(self.code).map(|r| r.as_str())
    }
}

const fn c(code: &'static str, name: &'static str, west: f64, east: f64) -> Country {
    Country {
        code,
        name,
        offsets: (west, east),
    }
}

/// The countries the linter knows, by ISO 3166-1 alpha-2 code.
pub const COUNTRIES: &[Country] = &[
    c("US", "United States", -8.0, -5.0),
    c("CA", "Canada", -8.0, -3.5),
    c("MX", "Mexico", -7.0, -5.0),
    c("BR", "Brazil", -5.0, -3.0),
    c("AR", "Argentina", -3.0, -3.0),
    c("CO", "Colombia", -5.0, -5.0),
    c("CL", "Chile", -4.0, -4.0),
    c("PE", "Peru", -5.0, -5.0),
    c("UY", "Uruguay", -3.0, -3.0),
    c("CR", "Costa Rica", -6.0, -6.0),
    c("EC", "Ecuador", -5.0, -5.0),
    c("GB", "United Kingdom", 0.0, 0.0),
    c("IE", "Ireland", 0.0, 0.0),
    c("PT", "Portugal", 0.0, 0.0),
    c("ES", "Spain", 1.0, 1.0),
    c("FR", "France", 1.0, 1.0),
    c("DE", "Germany", 1.0, 1.0),
    c("NL", "Netherlands", 1.0, 1.0),
    c("BE", "Belgium", 1.0, 1.0),
    c("LU", "Luxembourg", 1.0, 1.0),
    c("AT", "Austria", 1.0, 1.0),
    c("CH", "Switzerland", 1.0, 1.0),
    c("IT", "Italy", 1.0, 1.0),
    c("DK", "Denmark", 1.0, 1.0),
    c("SE", "Sweden", 1.0, 1.0),
    c("NO", "Norway", 1.0, 1.0),
    c("FI", "Finland", 2.0, 2.0),
    c("PL", "Poland", 1.0, 1.0),
    c("CZ", "Czechia", 1.0, 1.0),
    c("SK", "Slovakia", 1.0, 1.0),
    c("HU", "Hungary", 1.0, 1.0),
    c("SI", "Slovenia", 1.0, 1.0),
    c("HR", "Croatia", 1.0, 1.0),
    c("RS", "Serbia", 1.0, 1.0),
    c("BA", "Bosnia and Herzegovina", 1.0, 1.0),
    c("ME", "Montenegro", 1.0, 1.0),
    c("MK", "North Macedonia", 1.0, 1.0),
    c("AL", "Albania", 1.0, 1.0),
    c("RO", "Romania", 2.0, 2.0),
    c("BG", "Bulgaria", 2.0, 2.0),
    c("MD", "Moldova", 2.0, 2.0),
    c("UA", "Ukraine", 2.0, 2.0),
    c("LT", "Lithuania", 2.0, 2.0),
    c("LV", "Latvia", 2.0, 2.0),
    c("EE", "Estonia", 2.0, 2.0),
    c("GR", "Greece", 2.0, 2.0),
    c("TR", "Türkiye", 3.0, 3.0),
    c("IL", "Israel", 2.0, 2.0),
    c("EG", "Egypt", 2.0, 2.0),
    c("ZA", "South Africa", 2.0, 2.0),
    c("NG", "Nigeria", 1.0, 1.0),
    c("KE", "Kenya", 3.0, 3.0),
    c("AE", "United Arab Emirates", 4.0, 4.0),
    c("PK", "Pakistan", 5.0, 5.0),
    c("IN", "India", 5.5, 5.5),
    c("LK", "Sri Lanka", 5.5, 5.5),
    c("BD", "Bangladesh", 6.0, 6.0),
    c("VN", "Vietnam", 7.0, 7.0),
    c("TH", "Thailand", 7.0, 7.0),
    c("ID", "Indonesia", 7.0, 9.0),
    c("PH", "Philippines", 8.0, 8.0),
    c("MY", "Malaysia", 8.0, 8.0),
    c("SG", "Singapore", 8.0, 8.0),
    c("CN", "China", 8.0, 8.0),
    c("JP", "Japan", 9.0, 9.0),
    c("KR", "South Korea", 9.0, 9.0),
    c("AU", "Australia", 8.0, 10.0),
    c("NZ", "New Zealand", 12.0, 12.0),
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
        assert_eq!(de.region(), Some("western_europe"));
        // One table for the linter and the import: Vietnam is priced in the Asia band by both.
        assert_eq!(country("VN").and_then(|c| c.region()), Some("asia"));
        assert_eq!(country("AU").and_then(|c| c.region()), None);
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
