//! ISO 3166-1 alpha-2 country codes to the rate regions of FACTS.md §2 (StepTo 2026). The regions
//! are StepTo's; which country falls in which is our reading of the usual geography. A country in
//! none of them (e.g. Australia, Nigeria) gets no region rather than a wrong one.

use crate::candidate::Region;

const WESTERN_EUROPE: &[&str] = &[
    "AD", "AT", "BE", "CH", "DE", "DK", "ES", "FI", "FR", "GB", "IE", "IS", "IT", "LI", "LU", "MC",
    "MT", "NL", "NO", "PT", "SE", "SM", "UK",
];
const EASTERN_EUROPE: &[&str] = &[
    "AL", "AM", "BA", "BG", "BY", "CZ", "EE", "GE", "HR", "HU", "LT", "LV", "MD", "ME", "MK", "PL",
    "RO", "RS", "SI", "SK", "UA", "XK",
];
const LATIN_AMERICA: &[&str] = &[
    "AR", "BO", "BR", "CL", "CO", "CR", "CU", "DO", "EC", "GT", "HN", "MX", "NI", "PA", "PE", "PR",
    "PY", "SV", "UY", "VE",
];
/// StepTo's Asia band is priced on India and the Philippines; neighbours with similar rates join them.
const ASIA: &[&str] = &["BD", "ID", "IN", "LK", "MY", "NP", "PH", "PK", "TH", "VN"];

/// The rate region of a country code, in any case ("de", "DE"); `None` when the table has none.
pub fn region_for_country(code: &str) -> Option<Region> {
    let code = code.trim().to_ascii_uppercase();
    let code = code.as_str();
    match code {
        "US" => Some(Region::UnitedStates),
        "CA" => Some(Region::Canada),
        _ if WESTERN_EUROPE.contains(&code) => Some(Region::WesternEurope),
        _ if EASTERN_EUROPE.contains(&code) => Some(Region::EasternEurope),
        _ if LATIN_AMERICA.contains(&code) => Some(Region::LatinAmerica),
        _ if ASIA.contains(&code) => Some(Region::Asia),
        _ => None,
    }
}
