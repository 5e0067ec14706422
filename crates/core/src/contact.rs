//! Where a candidate lives, as structured fields: a city and an ISO 3166 country code. The older
//! free-text `location` stays; when a write states no city or country, they are read from it
//! where it has the shape "City, CC" (what JSON Resume imports have always written).

use crate::scorecard::CountryCode;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A city name as written: trimmed, 1-100 characters, no control characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(try_from = "String", into = "String")]
pub struct City(String);

impl City {
    pub const MAX_CHARS: usize = 100;

    pub fn parse(raw: &str) -> Result<Self, String> {
        let text = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if text.is_empty() {
            return Err("must not be empty".into());
        }
        let len = text.chars().count();
        if len > Self::MAX_CHARS {
            return Err(format!(
                "must be at most {} characters (got {len})",
                Self::MAX_CHARS
            ));
        }
        if text.chars().any(char::is_control) {
            return Err("must not contain control characters".into());
        }
        Ok(Self(text))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for City {
    type Error = String;
    fn try_from(raw: String) -> Result<Self, String> {
        Self::parse(&raw)
    }
}

impl From<City> for String {
    fn from(value: City) -> String {
        value.0
    }
}

impl fmt::Display for City {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// ISO 3166-1 alpha-2 codes, plus XK (Kosovo, user-assigned but in common use).
const ISO_3166: &str = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ \
    BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ \
    CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ \
    EC EE EG EH ER ES ET FI FJ FK FM FO FR \
    GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU \
    ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ \
    LA LB LC LI LK LR LS LT LU LV LY \
    MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ \
    NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA \
    RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ \
    TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ \
    VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW";

/// A country code that ISO 3166 assigns ("de" and "UK" are read as DE and GB).
pub fn parse_country(raw: &str) -> Result<CountryCode, String> {
    let code = CountryCode::parse(raw)?;
    if ISO_3166.split_whitespace().any(|c| c == code.as_str()) {
        Ok(code)
    } else {
        Err(format!(
            "'{}' is not an ISO 3166 country code (two letters, e.g. DE, RS, US)",
            raw.trim()
        ))
    }
}

/// Reads "Belgrade, RS" or "Berlin, de" as a city and a country code. Anything else ("Remote",
/// "Belgrade, Serbia", "EU") gives nothing: guessing a country from a name would be wrong too often.
pub fn split_location(location: &str) -> Option<(Option<City>, CountryCode)> {
    let (head, tail) = match location.rsplit_once(',') {
        Some((head, tail)) => (head, tail),
        None => ("", location),
    };
    let tail = tail.trim();
    if tail.len() != 2 {
        return None;
    }
    let country = parse_country(tail).ok()?;
    Some((City::parse(head).ok(), country))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn city_and_country_come_from_a_location_of_that_shape() {
        let (city, country) = split_location("Belgrade, rs").unwrap();
        assert_eq!(city.unwrap().as_str(), "Belgrade");
        assert_eq!(country.as_str(), "RS");
        let (city, country) = split_location("DE").unwrap();
        assert_eq!((city, country.as_str()), (None, "DE"));
        assert!(split_location("Belgrade, Serbia").is_none());
        assert!(split_location("Remote").is_none());
        assert!(split_location("Berlin").is_none());
        assert!(split_location("Remote, EU").is_none());
    }

    #[test]
    fn only_assigned_country_codes_pass() {
        assert_eq!(parse_country(" rs ").unwrap().as_str(), "RS");
        assert_eq!(parse_country("UK").unwrap().as_str(), "GB");
        assert!(parse_country("EU").unwrap_err().contains("ISO 3166"));
        assert!(parse_country("Serbia").is_err());
    }

    #[test]
    fn cities_are_bounded_text() {
        assert_eq!(City::parse("  Novi   Sad ").unwrap().as_str(), "Novi Sad");
        assert!(City::parse(" ").is_err());
        assert!(City::parse(&"x".repeat(101)).is_err());
    }
}
