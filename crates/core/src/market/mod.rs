//! Market and cost: what a backend hire will cost and how long it will take, computed from the
//! market dataset (`data/market/`), with every result naming the figures and sources it used.
//! Pure functions; the dataset is loaded by the caller (shipped, or shipped plus the user's files).

pub mod advice;
pub mod bands;
pub mod cost;
pub mod currency;
pub mod dataset;
pub mod timeline;

pub use dataset::{Dataset, DatasetError};

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum MarketError {
    /// An input outside its known set; the message lists the known values.
    #[error("{field}: {message}")]
    Unknown {
        field: &'static str,
        message: String,
    },
    /// A number that cannot be right (negative, absurdly large).
    #[error("{field}: {message}")]
    OutOfRange {
        field: &'static str,
        message: String,
    },
    /// The dataset has nothing for this combination: say so rather than invent a number.
    #[error("no benchmark for {0}")]
    NoBenchmark(String),
}

impl MarketError {
    /// The input field the error is about, if any.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            MarketError::Unknown { field, .. } | MarketError::OutOfRange { field, .. } => {
                Some(field)
            }
            MarketError::NoBenchmark(_) => None,
        }
    }
}

/// A figure a result rests on, with where it comes from.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Cited {
    pub what: String,
    pub value: String,
    /// "KORE1 2026"; "hireloop assumption" for a default the user should check.
    pub source: String,
}

impl Cited {
    pub fn new(
        what: impl Into<String>,
        value: impl Into<String>,
        source: impl Into<String>,
    ) -> Self {
        Self {
            what: what.into(),
            value: value.into(),
            source: source.into(),
        }
    }
}

/// A min-max band; `open_ended` when the source quotes the top as "max+".
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Band {
    pub min: f64,
    pub max: f64,
    pub open_ended: bool,
}

impl Band {
    pub fn new(min: f64, max: f64) -> Self {
        Self {
            min,
            max,
            open_ended: false,
        }
    }

    pub fn scale(self, factor: f64) -> Band {
        Band {
            min: self.min * factor,
            max: self.max * factor,
            open_ended: self.open_ended,
        }
    }

    pub fn midpoint(self) -> f64 {
        (self.min + self.max) / 2.0
    }
}

impl std::fmt::Display for Band {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}-{}{}",
            money(self.min),
            money(self.max),
            if self.open_ended { "+" } else { "" }
        )
    }
}

/// Whole units with thousands separators: 228000 → "228,000".
pub fn money(amount: f64) -> String {
    let rounded = amount.round() as i64;
    let digits = rounded.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if rounded < 0 {
        format!("-{out}")
    } else {
        out
    }
}

/// Rejects negative or absurd amounts, naming the field.
pub(crate) fn check_amount(field: &'static str, value: f64, max: f64) -> Result<f64, MarketError> {
    if !value.is_finite() || value < 0.0 {
        return Err(MarketError::OutOfRange {
            field,
            message: format!("must not be negative (got {value})"),
        });
    }
    if value > max {
        return Err(MarketError::OutOfRange {
            field,
            message: format!("{value} is not plausible (at most {max})"),
        });
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_groups_thousands() {
        assert_eq!(money(228000.0), "228,000");
        assert_eq!(money(999.6), "1,000");
        assert_eq!(money(-1500.0), "-1,500");
        assert_eq!(
            Band {
                min: 140.0,
                max: 200.0,
                open_ended: true
            }
            .to_string(),
            "140-200+"
        );
    }

    #[test]
    fn absurd_amounts_name_their_field() {
        assert!(check_amount("salary", -1.0, 1e7)
            .unwrap_err()
            .to_string()
            .starts_with("salary: "));
        assert!(check_amount("salary", 5e9, 1e7).is_err());
        assert_eq!(check_amount("salary", 110000.0, 1e7), Ok(110000.0));
    }
}
