//! Phone numbers as people type them: "+381 64 123-4567", "0049 (30) 1234.567", "(555) 123-4567".
//! A parsed `Phone` keeps a tidy display form and a digits-only key with the country calling code,
//! so two spellings of one number find each other when imports look for duplicates.

use crate::scorecard::CountryCode;
use serde::{Deserialize, Serialize};
use std::fmt;

/// E.164: at most 15 digits with the country code; fewer than 7 is no reachable number.
pub const MIN_DIGITS: usize = 7;
pub const MAX_DIGITS: usize = 15;

/// A phone number: `display` as entered with separators tidied ("+381 64 123 4567"), `key` the
/// digits alone, with the country calling code when it is known ("381641234567").
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(try_from = "String", into = "String")]
pub struct Phone {
    display: String,
    key: String,
}

impl Phone {
    /// Accepts digits with `+` (first only), spaces, dashes, dots and parentheses; a leading `00`
    /// is the international prefix. Other characters (letters, `/`, extensions) are refused.
    pub fn parse(raw: &str) -> Result<Self, String> {
        let text = raw.trim();
        if let Some(bad) = text
            .chars()
            .enumerate()
            .find(|(i, c)| !(c.is_ascii_digit() || " -.()".contains(*c) || (*c == '+' && *i == 0)))
            .map(|(_, c)| c)
        {
            return Err(format!(
                "'{text}' contains '{bad}'; use digits, a leading +, spaces, dashes, dots and parentheses"
            ));
        }
        let mut groups: Vec<String> = text
            .trim_start_matches('+')
            .split(|c: char| !c.is_ascii_digit())
            .filter(|g| !g.is_empty())
            .map(str::to_string)
            .collect();
        let mut international = text.starts_with('+');
        if !international {
            if let Some(first) = groups.first_mut() {
                if let Some(rest) = first.strip_prefix("00") {
                    international = true;
                    *first = rest.to_string();
                }
            }
            groups.retain(|g| !g.is_empty());
        }
        let digits: String = groups.concat();
        if digits.len() < MIN_DIGITS || digits.len() > MAX_DIGITS {
            return Err(format!(
                "'{text}' has {} digits; a phone number has {MIN_DIGITS}-{MAX_DIGITS}",
                digits.len()
            ));
        }
        let joined = groups.join(" ");
        Ok(Self {
            display: if international {
                format!("+{joined}")
            } else {
                joined
            },
            key: digits,
        })
    }

    /// Whether the number carries its country calling code.
    pub fn is_international(&self) -> bool {
        self.display.starts_with('+')
    }

    /// A national number ("064 123 4567") made international with the calling code of `country`
    /// (the trunk 0 dropped, as dialling from abroad does), so it meets the same number written
    /// "+381 64 123 4567". Numbers already international, or countries without a known code,
    /// stay as they are.
    pub fn in_country(self, country: &CountryCode) -> Self {
        if self.is_international() {
            return self;
        }
        let Some(code) = calling_code(country.as_str()) else {
            return self;
        };
        let national = national_significant(&self.display, code);
        let digits: String = national.chars().filter(char::is_ascii_digit).collect();
        if digits.is_empty() || code.len() + digits.len() > MAX_DIGITS {
            return self;
        }
        Self {
            display: format!("+{code} {}", national.trim()),
            key: format!("{code}{digits}"),
        }
    }

    /// The tidy form to show and store.
    pub fn as_str(&self) -> &str {
        &self.display
    }

    /// Digits only, with the calling code when known: what duplicate detection compares.
    pub fn key(&self) -> &str {
        &self.key
    }
}

/// The national number without its trunk prefix: a leading 0 in most countries (Italy and San
/// Marino keep it), a leading 1 on an 11-digit North American number.
fn national_significant(display: &str, code: &str) -> String {
    let digits = display.chars().filter(char::is_ascii_digit).count();
    let trunk = match code {
        "1" if digits == 11 => Some('1'),
        "1" | "39" | "378" => None,
        _ => Some('0'),
    };
    match trunk {
        Some(t) if display.starts_with(t) => display[1..].trim_start().to_string(),
        _ => display.to_string(),
    }
}

/// ITU-T E.164 country calling codes for the countries hireloop's region table knows, plus a few
/// other common ones. A country missing here leaves national numbers as entered.
fn calling_code(country: &str) -> Option<&'static str> {
    const CODES: &[(&str, &str)] = &[
        ("US", "1"),
        ("CA", "1"),
        ("PR", "1"),
        ("DO", "1"),
        ("GB", "44"),
        ("IE", "353"),
        ("DE", "49"),
        ("AT", "43"),
        ("CH", "41"),
        ("FR", "33"),
        ("BE", "32"),
        ("NL", "31"),
        ("LU", "352"),
        ("IT", "39"),
        ("SM", "378"),
        ("MT", "356"),
        ("ES", "34"),
        ("PT", "351"),
        ("AD", "376"),
        ("MC", "377"),
        ("LI", "423"),
        ("DK", "45"),
        ("SE", "46"),
        ("NO", "47"),
        ("FI", "358"),
        ("IS", "354"),
        ("PL", "48"),
        ("CZ", "420"),
        ("SK", "421"),
        ("HU", "36"),
        ("SI", "386"),
        ("HR", "385"),
        ("BA", "387"),
        ("RS", "381"),
        ("ME", "382"),
        ("MK", "389"),
        ("AL", "355"),
        ("XK", "383"),
        ("BG", "359"),
        ("RO", "40"),
        ("MD", "373"),
        ("UA", "380"),
        ("BY", "375"),
        ("LT", "370"),
        ("LV", "371"),
        ("EE", "372"),
        ("GE", "995"),
        ("AM", "374"),
        ("MX", "52"),
        ("GT", "502"),
        ("SV", "503"),
        ("HN", "504"),
        ("NI", "505"),
        ("CR", "506"),
        ("PA", "507"),
        ("CU", "53"),
        ("CO", "57"),
        ("VE", "58"),
        ("EC", "593"),
        ("PE", "51"),
        ("BO", "591"),
        ("PY", "595"),
        ("UY", "598"),
        ("AR", "54"),
        ("CL", "56"),
        ("BR", "55"),
        ("IN", "91"),
        ("PK", "92"),
        ("BD", "880"),
        ("LK", "94"),
        ("NP", "977"),
        ("PH", "63"),
        ("VN", "84"),
        ("TH", "66"),
        ("MY", "60"),
        ("ID", "62"),
        ("SG", "65"),
        ("CN", "86"),
        ("JP", "81"),
        ("KR", "82"),
        ("AU", "61"),
        ("NZ", "64"),
        ("ZA", "27"),
        ("NG", "234"),
        ("KE", "254"),
        ("EG", "20"),
        ("TR", "90"),
        ("IL", "972"),
        ("AE", "971"),
    ];
    CODES
        .iter()
        .find(|(c, _)| *c == country)
        .map(|(_, code)| *code)
}

impl TryFrom<String> for Phone {
    type Error = String;
    fn try_from(raw: String) -> Result<Self, String> {
        Self::parse(&raw)
    }
}

impl From<Phone> for String {
    fn from(value: Phone) -> String {
        value.display
    }
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn country(code: &str) -> CountryCode {
        CountryCode::parse(code).unwrap()
    }

    #[test]
    fn separators_are_tidied_and_the_key_is_digits() {
        let p = Phone::parse(" +381 (64) 123-45.67 ").unwrap();
        assert_eq!(p.as_str(), "+381 64 123 45 67");
        assert_eq!(p.key(), "381641234567");
        let p = Phone::parse("0049 30 1234567").unwrap();
        assert_eq!(p.as_str(), "+49 30 1234567");
        assert_eq!(p.key(), "49301234567");
        // What is stored parses back to itself.
        assert_eq!(Phone::parse(p.as_str()).unwrap(), p);
    }

    #[test]
    fn bad_numbers_say_why() {
        assert!(Phone::parse("call me").unwrap_err().contains("'c'"));
        assert!(Phone::parse("555 123 ext 4").is_err());
        assert!(Phone::parse("12+345678").unwrap_err().contains("'+'"));
        assert!(Phone::parse("123 456").unwrap_err().contains("7-15"));
        assert!(Phone::parse("+1234567890123456")
            .unwrap_err()
            .contains("16 digits"));
    }

    #[test]
    fn a_national_number_meets_its_international_form() {
        let national = Phone::parse("064 123 4567")
            .unwrap()
            .in_country(&country("RS"));
        let international = Phone::parse("+381 64 123 4567").unwrap();
        assert_eq!(national.key(), international.key());
        assert_eq!(national.as_str(), "+381 64 123 4567");
        let us = Phone::parse("(555) 123-4567")
            .unwrap()
            .in_country(&country("US"));
        assert_eq!(us.key(), "15551234567");
        assert_eq!(
            Phone::parse("1 555 123 4567")
                .unwrap()
                .in_country(&country("US"))
                .key(),
            "15551234567"
        );
        // Italy keeps its leading 0; an unknown country leaves the number alone.
        assert_eq!(
            Phone::parse("06 1234 5678")
                .unwrap()
                .in_country(&country("IT"))
                .key(),
            "390612345678"
        );
        let unknown = Phone::parse("0123 4567")
            .unwrap()
            .in_country(&country("ZZ"));
        assert_eq!(unknown.key(), "01234567");
        assert!(!unknown.is_international());
    }
}
