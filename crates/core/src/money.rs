//! Money with its currency and period, so an hourly rate can never be mistaken for a salary.

use crate::error::ValidationErrors;
use crate::vocab::vocabulary;
use serde::{Deserialize, Serialize};

vocabulary!(
    /// What a money amount is per.
    RatePeriod, "period" {
        Hour => "hour", "per hour";
        Year => "year", "per year";
    }
);

/// An ISO 4217 code: three upper-case letters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(try_from = "String", into = "String")]
pub struct Currency(String);

impl Currency {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let code = raw.trim().to_ascii_uppercase();
        if code.len() == 3 && code.chars().all(|c| c.is_ascii_uppercase()) {
            Ok(Self(code))
        } else {
            Err(format!(
                "'{raw}' is not a currency code (expected three letters, e.g. USD)"
            ))
        }
    }

    pub fn usd() -> Self {
        Self("USD".into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Currency {
    type Error = String;
    fn try_from(raw: String) -> Result<Self, String> {
        Self::parse(&raw)
    }
}

impl From<Currency> for String {
    fn from(value: Currency) -> String {
        value.0
    }
}

/// A whole amount of a currency per period. Whole units: rates and salaries are never quoted in cents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Money {
    pub amount: i64,
    pub currency: Currency,
    pub period: RatePeriod,
}

/// The largest amount accepted: far above any salary, far below overflow in sums.
pub const MAX_AMOUNT: i64 = 100_000_000;

/// Money as it arrives from a form or the API.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MoneyInput {
    pub amount: i64,
    /// ISO 4217 code; USD when omitted.
    #[serde(default)]
    pub currency: Option<String>,
    /// `hour` or `year`.
    pub period: String,
}

impl MoneyInput {
    /// Parses into `Money`, reporting problems under `field.amount`, `field.currency`, `field.period`.
    pub fn parse(&self, field: &str, errors: &mut ValidationErrors) -> Option<Money> {
        let amount = errors.check(
            &format!("{field}.amount"),
            if (0..=MAX_AMOUNT).contains(&self.amount) {
                Ok(self.amount)
            } else {
                Err(format!("must be between 0 and {MAX_AMOUNT}"))
            },
        );
        let currency = errors.check(
            &format!("{field}.currency"),
            self.currency
                .as_deref()
                .map_or(Ok(Currency::usd()), Currency::parse),
        );
        let period = errors.check(&format!("{field}.period"), self.period.parse());
        Some(Money {
            amount: amount?,
            currency: currency?,
            period: period?,
        })
    }
}

impl std::fmt::Display for Money {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let unit = match self.period {
            RatePeriod::Hour => "h",
            RatePeriod::Year => "yr",
        };
        write!(f, "{} {}/{}", self.amount, self.currency.as_str(), unit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_with_field_named_errors() {
        let mut errors = ValidationErrors::default();
        let ok = MoneyInput {
            amount: 90,
            currency: None,
            period: "hour".into(),
        }
        .parse("expected_rate", &mut errors);
        assert_eq!(ok.map(|m| m.to_string()).as_deref(), Some("90 USD/h"));

        let bad = MoneyInput {
            amount: -1,
            currency: Some("dollars".into()),
            period: "week".into(),
        }
        .parse("expected_rate", &mut errors);
        assert!(bad.is_none());
        let fields: Vec<_> = errors.errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "expected_rate.amount",
                "expected_rate.currency",
                "expected_rate.period"
            ]
        );
    }
}
