//! The offer against the market band for the role's level and region, through the same budget
//! check the role scorecard uses (StepTo's region × level table in the shipped dataset).

use super::{Offer, OfferError};
use crate::level::Level;
use crate::market::bands::DEFAULT_HOURS_PER_YEAR;
use crate::market::cost::{budget_check, Budget, BudgetCheck};
use crate::market::Dataset;

/// Compares the offer's pay with the market. The dataset is in USD, so other currencies are
/// refused rather than converted at a rate nobody cited.
pub fn market_comparison(
    offer: &Offer,
    data: &Dataset,
    level: Level,
    region: &str,
) -> Result<BudgetCheck, OfferError> {
    let pay = &offer.compensation.pay;
    if pay.currency.as_str() != "USD" {
        return Err(OfferError::Currency(pay.currency.as_str().to_string()));
    }
    // Amounts are bounded far below f64's exact-integer range, so the conversion is exact.
    let amount = pay.amount as f64;
    let budget = Budget {
        min: amount,
        max: amount,
        period: pay.period,
    };
    budget_check(data, level, region, budget, DEFAULT_HOURS_PER_YEAR)
        .map_err(|e| OfferError::Market(e.to_string()))
}
