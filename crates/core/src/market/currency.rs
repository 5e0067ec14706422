//! Exchange rates for comparing money in different currencies: the `[[exchange_rates]]` tables of
//! the market dataset (`data/market/currencies.toml`, replaceable like every market file), resolved
//! into USD per unit of each currency. A currency no table lists has no rate: callers say so.

use super::dataset::Dataset;
use crate::money::Currency;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

/// One published table: units of each currency per 1 unit of `base`, as the source gives them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExchangeTable {
    pub source: String,
    /// The day the rates describe, `YYYY-MM-DD`.
    pub date: String,
    pub base: String,
    pub rates: BTreeMap<String, f64>,
}

impl ExchangeTable {
    /// What is wrong with the table, if anything: codes of three letters, rates positive.
    pub fn check(&self) -> Result<(), String> {
        if chrono::NaiveDate::parse_from_str(&self.date, "%Y-%m-%d").is_err() {
            return Err(format!("date '{}' is not YYYY-MM-DD", self.date));
        }
        Currency::parse(&self.base).map_err(|e| format!("base: {e}"))?;
        if self.rates.is_empty() {
            return Err("rates: list at least one currency".into());
        }
        for (code, rate) in &self.rates {
            Currency::parse(code).map_err(|e| format!("rates: {e}"))?;
            if !(rate.is_finite() && *rate > 0.0) {
                return Err(format!("rates.{code}: must be a number above 0"));
            }
        }
        Ok(())
    }

    /// Units of `code` per unit of the base (the base itself is 1).
    fn per_base(&self, code: &str) -> Option<f64> {
        if code == self.base {
            Some(1.0)
        } else {
            self.rates.get(code).copied()
        }
    }
}

/// USD per unit of a currency, and where the figure comes from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UsdRate {
    pub usd_per_unit: f64,
    pub source: String,
    pub date: String,
}

/// Every currency the dataset can convert to USD.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct UsdRates {
    rates: BTreeMap<String, UsdRate>,
}

impl UsdRates {
    /// Resolves the dataset's tables in file order: a later table wins for the currencies it
    /// lists, so a user's file overrides the shipped rates. A table without USD (as its base or
    /// among its rates) cannot convert to USD and is skipped.
    pub fn from_dataset(data: &Dataset) -> Self {
        let mut rates = BTreeMap::new();
        rates.insert(
            "USD".to_string(),
            UsdRate {
                usd_per_unit: 1.0,
                source: "identity".into(),
                date: String::new(),
            },
        );
        for table in &data.figures.exchange_rates {
            let Some(usd_per_base) = table.per_base("USD") else {
                continue;
            };
            let codes = std::iter::once(&table.base).chain(table.rates.keys());
            for code in codes.filter(|c| c.as_str() != "USD") {
                if let Some(per_base) = table.per_base(code) {
                    rates.insert(
                        code.clone(),
                        UsdRate {
                            usd_per_unit: usd_per_base / per_base,
                            source: table.source.clone(),
                            date: table.date.clone(),
                        },
                    );
                }
            }
        }
        Self { rates }
    }

    /// The shipped table, resolved once. An unreadable shipped dataset (a build bug, caught by the
    /// dataset's tests) leaves only USD, so nothing is converted by a wrong figure.
    pub fn shipped() -> Arc<UsdRates> {
        static SHIPPED: OnceLock<Arc<UsdRates>> = OnceLock::new();
        SHIPPED
            .get_or_init(|| {
                Arc::new(
                    Dataset::shipped()
                        .map(|d| UsdRates::from_dataset(&d))
                        .unwrap_or_default(),
                )
            })
            .clone()
    }

    pub fn get(&self, currency: &Currency) -> Option<&UsdRate> {
        self.rates.get(currency.as_str())
    }

    /// `amount` of `currency` in USD, or None when the currency has no rate.
    pub fn to_usd(&self, amount: f64, currency: &Currency) -> Option<f64> {
        self.get(currency).map(|r| amount * r.usd_per_unit)
    }

    /// The currency codes with a rate, in order.
    pub fn codes(&self) -> impl Iterator<Item = &str> {
        self.rates.keys().map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cur(code: &str) -> Currency {
        Currency::parse(code).unwrap()
    }

    #[test]
    fn the_shipped_table_converts_through_the_euro() {
        let rates = UsdRates::shipped();
        // ECB, 26 September 2024: 1 EUR = 1.1155 USD = 0.83428 GBP.
        let eur = rates.to_usd(100.0, &cur("EUR")).unwrap();
        assert!((eur - 111.55).abs() < 1e-9, "{eur}");
        let gbp = rates.to_usd(100.0, &cur("GBP")).unwrap();
        assert!((gbp - 133.708).abs() < 0.01, "{gbp}");
        assert_eq!(rates.to_usd(7.0, &cur("USD")), Some(7.0));
        let eur = rates.get(&cur("EUR")).unwrap();
        assert_eq!(
            (eur.source.as_str(), eur.date.as_str()),
            ("ecb-2024-09-26", "2024-09-26")
        );
        for code in ["PLN", "INR", "BRL", "CAD", "CHF"] {
            assert!(rates.get(&cur(code)).is_some(), "{code}");
        }
        assert_eq!(rates.to_usd(1.0, &cur("XYZ")), None);
    }

    #[test]
    fn a_users_table_overrides_the_shipped_rate_for_what_it_lists() {
        let ours = r#"
            [[source]]
            id = "treasury-desk"
            publisher = "Our treasury desk"
            title = "Budget rates"
            year = 2026
            [[exchange_rates]]
            source = "treasury-desk"
            date = "2026-01-02"
            base = "USD"
            rates = { EUR = 0.8, ZAR = 18.0 }
        "#;
        let data = Dataset::shipped_with(vec![("fx.toml".into(), ours.into())]).unwrap();
        let rates = UsdRates::from_dataset(&data);
        let eur = rates.to_usd(100.0, &cur("EUR")).unwrap();
        assert!((eur - 125.0).abs() < 1e-9, "{eur}");
        let zar = rates.to_usd(18.0, &cur("ZAR")).unwrap();
        assert!((zar - 1.0).abs() < 1e-9, "{zar}");
        // Not in the user's table: the shipped rate stays.
        assert!(rates.get(&cur("GBP")).unwrap().source.starts_with("ecb-"));
    }

    #[test]
    fn bad_tables_are_refused_naming_the_figure() {
        let bad = "[[exchange_rates]]\nsource = \"ecb-2024-09-26\"\ndate = \"2024-09-26\"\nbase = \"EUR\"\nrates = { USD = 0 }\n";
        let err = Dataset::shipped_with(vec![("fx.toml".into(), bad.into())]).unwrap_err();
        assert!(
            err.to_string()
                .contains("fx.toml: exchange_rates[0]: rates.USD: must be a number above 0"),
            "{err}"
        );
        let bad = bad.replace("USD = 0", "usdollar = 1");
        let err = Dataset::shipped_with(vec![("fx.toml".into(), bad)]).unwrap_err();
        assert!(err.to_string().contains("not a currency code"), "{err}");
    }
}
