//! What a hire costs: total cost of employment (first year and steady state), in-house vs
//! outsourced, the cost of a wrong hire, and a role's budget against the market.

use super::bands::rate_bands;
use super::{check_amount, money, Band, Cited, Dataset, MarketError};
use crate::level::Level;
use crate::money::RatePeriod;
use serde::{Deserialize, Serialize};

const MAX_SALARY: f64 = 10_000_000.0;

/// The cost factors of one hire, per year. Percentages are of base salary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TcoInput {
    pub base_salary: f64,
    /// Benefits, payroll taxes and overhead, % of salary (KORE1 2026: 20-30).
    #[serde(default)]
    pub benefits_taxes_percent: f64,
    /// Recruiting fee, % of first-year salary; paid once (KORE1 2026: 20-25).
    #[serde(default)]
    pub recruiting_fee_percent: f64,
    #[serde(default)]
    pub equipment_software: f64,
    #[serde(default)]
    pub management_overhead: f64,
    /// Days of reduced productivity after the start (KORE1 2026: 60-90).
    #[serde(default)]
    pub ramp_days: f64,
    /// How much productivity is lost during ramp-up, %. No source gives it: 0 unless you set it.
    #[serde(default)]
    pub ramp_loss_percent: f64,
}

impl TcoInput {
    /// A salary with nothing else counted.
    pub fn salary_only(base_salary: f64) -> Self {
        Self {
            base_salary,
            benefits_taxes_percent: 0.0,
            recruiting_fee_percent: 0.0,
            equipment_software: 0.0,
            management_overhead: 0.0,
            ramp_days: 0.0,
            ramp_loss_percent: 0.0,
        }
    }

    fn check(&self) -> Result<(), MarketError> {
        check_amount("base_salary", self.base_salary, MAX_SALARY)?;
        check_amount("benefits_taxes_percent", self.benefits_taxes_percent, 200.0)?;
        check_amount("recruiting_fee_percent", self.recruiting_fee_percent, 100.0)?;
        check_amount("equipment_software", self.equipment_software, MAX_SALARY)?;
        check_amount("management_overhead", self.management_overhead, MAX_SALARY)?;
        check_amount("ramp_days", self.ramp_days, 365.0)?;
        check_amount("ramp_loss_percent", self.ramp_loss_percent, 100.0)?;
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CostLine {
    pub item: String,
    pub first_year: f64,
    pub steady_state: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Tco {
    pub lines: Vec<CostLine>,
    /// Everything, recruiting and ramp-up included.
    pub first_year: f64,
    /// A later year: no recruiting fee, no ramp-up.
    pub steady_state: f64,
}

/// Total cost of employment for one hire.
pub fn total_cost(input: &TcoInput) -> Result<Tco, MarketError> {
    input.check()?;
    let salary = input.base_salary;
    let benefits = salary * input.benefits_taxes_percent / 100.0;
    let recruiting = salary * input.recruiting_fee_percent / 100.0;
    let ramp = salary / 365.0 * input.ramp_days * input.ramp_loss_percent / 100.0;
    let line = |item: &str, first_year: f64, steady_state: f64| CostLine {
        item: item.into(),
        first_year,
        steady_state,
    };
    let lines = vec![
        line("base salary", salary, salary),
        line("benefits & taxes", benefits, benefits),
        line(
            "equipment & software",
            input.equipment_software,
            input.equipment_software,
        ),
        line("recruiting", recruiting, 0.0),
        line(
            "management overhead",
            input.management_overhead,
            input.management_overhead,
        ),
        line("ramp-up productivity loss", ramp, 0.0),
    ];
    let first_year = lines.iter().map(|l| l.first_year).sum();
    let steady_state = lines.iter().map(|l| l.steady_state).sum();
    Ok(Tco {
        lines,
        first_year,
        steady_state,
    })
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Comparison {
    pub in_house: Tco,
    pub outsourced: Tco,
    /// First-year savings of outsourcing.
    pub savings: f64,
    /// Savings as a whole percentage of the in-house first-year cost.
    pub savings_percent: f64,
    pub used: Vec<Cited>,
}

pub fn compare(in_house: &TcoInput, outsourced: &TcoInput) -> Result<Comparison, MarketError> {
    let in_house = total_cost(in_house)?;
    let outsourced = total_cost(outsourced)?;
    let savings = in_house.first_year - outsourced.first_year;
    let savings_percent = if in_house.first_year > 0.0 {
        (savings / in_house.first_year * 100.0).round()
    } else {
        0.0
    };
    Ok(Comparison {
        in_house,
        outsourced,
        savings,
        savings_percent,
        used: Vec::new(),
    })
}

fn factors_to_input(f: &super::dataset::CostFactors) -> TcoInput {
    TcoInput {
        base_salary: f.base_salary,
        benefits_taxes_percent: f.benefits_taxes_percent,
        recruiting_fee_percent: f.recruiting_percent,
        equipment_software: f.equipment_software,
        management_overhead: f.management_overhead,
        ramp_days: 0.0,
        ramp_loss_percent: 0.0,
    }
}

/// The dataset's in-house vs outsourced table (StepTo 2026), recomputed from its inputs.
pub fn benchmark_comparison(data: &Dataset) -> Result<Comparison, MarketError> {
    let table = data
        .figures
        .tco_table
        .first()
        .ok_or_else(|| MarketError::NoBenchmark("an in-house vs outsourced table".into()))?;
    let mut comparison = compare(
        &factors_to_input(&table.in_house),
        &factors_to_input(&table.outsourced),
    )?;
    let source = data.cite(&table.source);
    comparison.used = vec![
        Cited::new(
            format!("{}: in-house total", table.label),
            money(table.stated.in_house_total),
            source.clone(),
        ),
        Cited::new(
            format!("{}: outsourced total", table.label),
            money(table.stated.outsourced_total),
            source.clone(),
        ),
        Cited::new(
            format!("{}: savings", table.label),
            format!(
                "{} ({}%)",
                money(table.stated.savings),
                table.stated.savings_percent
            ),
            source,
        ),
    ];
    Ok(comparison)
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AllIn {
    pub salary: f64,
    /// Salary plus benefits, taxes and overhead, before recruiting and ramp-up.
    pub all_in: Band,
    pub used: Vec<Cited>,
}

/// Salary plus the benefits/taxes/overhead band (KORE1 2026: 20-30%).
pub fn all_in(data: &Dataset, salary: f64) -> Result<AllIn, MarketError> {
    let salary = check_amount("salary", salary, MAX_SALARY)?;
    let overhead = data.percentage("benefits_taxes_overhead")?;
    let mut used = vec![Cited::new(
        &overhead.label,
        format!("{}-{}%", overhead.min, overhead.max),
        data.cite(&overhead.source),
    )];
    if let Some(example) = data
        .figures
        .example
        .iter()
        .find(|e| e.key == "kore1_all_in")
    {
        used.push(Cited::new(
            format!(
                "worked example: {} salary, {}",
                money(example.salary),
                example.label
            ),
            format!(
                "{}-{} all-in",
                money(example.all_in_min),
                money(example.all_in_max)
            ),
            data.cite(&example.source),
        ));
    }
    Ok(AllIn {
        salary,
        all_in: Band::new(
            salary * (1.0 + overhead.min / 100.0),
            salary * (1.0 + overhead.max / 100.0),
        ),
        used,
    })
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WrongHire {
    pub salary: f64,
    pub total: Band,
    /// The parts the sources quantify, and the remainder they do not split.
    pub breakdown: Vec<BandLine>,
    pub used: Vec<Cited>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BandLine {
    pub item: String,
    pub amount: Band,
}

/// The cost of a wrong hire: 3-5× salary (KORE1 2026), split into what the figures allow.
pub fn wrong_hire(data: &Dataset, salary: f64) -> Result<WrongHire, MarketError> {
    let salary = check_amount("salary", salary, MAX_SALARY)?;
    let multiplier = data.range("wrong_hire_multiplier")?;
    let fee = data.percentage("recruiting_fee")?;
    let ramp = data.range("ramp_reduced_productivity")?;
    let total = Band::new(salary * multiplier.min, salary * multiplier.max);
    let recruiting = Band::new(salary * fee.min / 100.0, salary * fee.max / 100.0);
    // Salary paid while the hire ramps up without producing fully; counted in full, as the source does not split it.
    let ramp_cost = Band::new(salary * ramp.min / 365.0, salary * ramp.max / 365.0);
    let rest = Band::new(
        (total.min - recruiting.min - ramp_cost.min).max(0.0),
        (total.max - recruiting.max - ramp_cost.max).max(0.0),
    );
    let breakdown = vec![
        BandLine {
            item: "recruiting fee".into(),
            amount: recruiting,
        },
        BandLine {
            item: format!("salary during {}-{} days of ramp-up", ramp.min, ramp.max),
            amount: ramp_cost,
        },
        BandLine {
            item: "lost velocity and remediation (the rest; not split by the source)".into(),
            amount: rest,
        },
    ];
    let used = vec![
        Cited::new(
            &multiplier.label,
            format!("{}-{}× annual salary", multiplier.min, multiplier.max),
            data.cite(&multiplier.source),
        ),
        Cited::new(
            &fee.label,
            format!("{}-{}%", fee.min, fee.max),
            data.cite(&fee.source),
        ),
        Cited::new(
            &ramp.label,
            format!("{}-{} days", ramp.min, ramp.max),
            data.cite(&ramp.source),
        ),
    ];
    Ok(WrongHire {
        salary,
        total,
        breakdown,
        used,
    })
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JuniorVsSenior {
    pub junior_median: f64,
    pub senior_median: f64,
    pub yearly_saving: f64,
    /// What the sources say the saving can cost later.
    pub warning: String,
    pub used: Vec<Cited>,
}

/// The trade-off of hiring junior for a senior job, from US medians by level (KORE1 2026).
pub fn junior_vs_senior(data: &Dataset) -> Result<JuniorVsSenior, MarketError> {
    let median = |level: Level| {
        data.figures
            .salary
            .iter()
            .find(|s| {
                s.country == "US"
                    && s.level.as_deref() == Some(level.as_str())
                    && s.median.is_some()
            })
            .and_then(|s| s.median.map(|m| (m, s.source.clone())))
            .ok_or_else(|| {
                MarketError::NoBenchmark(format!(
                    "a US {} salary median",
                    level.label().to_lowercase()
                ))
            })
    };
    let (junior, junior_source) = median(Level::Junior)?;
    let (senior, senior_source) = median(Level::Senior)?;
    let rewrite = data
        .figures
        .example
        .iter()
        .find(|e| e.key == "kore1_junior_rewrite")
        .ok_or_else(|| MarketError::NoBenchmark("the junior-hire rewrite example".into()))?;
    let warning = format!(
        "Saving {} a year on salary can cost about {} in rework later: {} ({}). Hire junior only with senior support in place.",
        money(senior - junior),
        money(rewrite.all_in_max),
        rewrite.label,
        data.cite(&rewrite.source)
    );
    let used = vec![
        Cited::new(
            "US junior median salary",
            money(junior),
            data.cite(&junior_source),
        ),
        Cited::new(
            "US senior median salary",
            money(senior),
            data.cite(&senior_source),
        ),
        Cited::new(
            &rewrite.label,
            money(rewrite.all_in_max),
            data.cite(&rewrite.source),
        ),
    ];
    Ok(JuniorVsSenior {
        junior_median: junior,
        senior_median: senior,
        yearly_saving: senior - junior,
        warning,
        used,
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Below,
    Within,
    Above,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BudgetCheck {
    pub verdict: Verdict,
    /// The market band compared against, in the budget's period.
    pub market: Band,
    /// How far the budget's top is below the band's bottom (Below) or its bottom above the band's top (Above).
    pub gap: f64,
    pub gap_percent: f64,
    pub advice: Vec<String>,
    pub used: Vec<Cited>,
}

/// A budget band for a role: whole USD per hour or per year.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Budget {
    pub min: f64,
    pub max: f64,
    pub period: RatePeriod,
}

/// Checks a role's budget against the market band for its level and region (StepTo's region × level
/// table; annual budgets compare against the hourly band × hours per year).
pub fn budget_check(
    data: &Dataset,
    level: Level,
    region: &str,
    budget: Budget,
    hours_per_year: f64,
) -> Result<BudgetCheck, MarketError> {
    check_amount("budget.min", budget.min, MAX_SALARY)?;
    check_amount("budget.max", budget.max, MAX_SALARY)?;
    if budget.min > budget.max {
        return Err(MarketError::OutOfRange {
            field: "budget.min",
            message: "must not be above budget.max".into(),
        });
    }
    let factor = match budget.period {
        RatePeriod::Hour => 1.0,
        RatePeriod::Year => hours_per_year,
    };
    let band_for = |l: Level| -> Result<(Band, Vec<Cited>), MarketError> {
        let bands = rate_bands(data, l, region, None, hours_per_year)?;
        // The level-specific band (the first source that splits by level), else the first band.
        let chosen = bands
            .hourly
            .iter()
            .find(|b| !b.label.starts_with("all levels"))
            .unwrap_or(&bands.hourly[0]);
        Ok((chosen.band.scale(factor), bands.used))
    };
    let (market, mut used) = band_for(level)?;
    let (verdict, gap) = if budget.max < market.min {
        (Verdict::Below, market.min - budget.max)
    } else if budget.min > market.max && !market.open_ended {
        (Verdict::Above, budget.min - market.max)
    } else {
        (Verdict::Within, 0.0)
    };
    let gap_percent = if market.min > 0.0 {
        (gap / market.min * 100.0).round()
    } else {
        0.0
    };
    let unit = if budget.period == RatePeriod::Hour {
        "USD/h"
    } else {
        "USD/yr"
    };
    let mut advice = Vec::new();
    match verdict {
        Verdict::Below => {
            advice.push(format!(
                "The budget tops out {} {unit} ({gap_percent}%) below the market's {} {unit} for a {} engineer in {region}.",
                money(gap),
                market,
                level.label().to_lowercase()
            ));
            let lower = match level {
                Level::Senior => Some(Level::Mid),
                Level::Mid => Some(Level::Junior),
                Level::Junior => None,
            };
            if let Some(lower) = lower {
                let (lower_band, lower_used) = band_for(lower)?;
                if budget.max >= lower_band.min {
                    advice.push(format!(
                        "This is a {} scorecard with a {} budget: fix the budget before interviewing, or re-scope the role to {} (HireDevelopers 2026).",
                        level.label().to_lowercase(),
                        lower.label().to_lowercase(),
                        lower.label().to_lowercase()
                    ));
                    used.extend(lower_used);
                }
            }
            advice.push("Optimise total cost, not the salary floor: a wrong hire costs 3-5× salary (KORE1 2026).".into());
        }
        Verdict::Within => advice.push(format!("The budget meets the market band of {market} {unit}.")),
        Verdict::Above => advice.push(format!(
            "The budget starts {} {unit} above the band's top: you can expect a strong shortlist, or hire for a higher level.",
            money(gap)
        )),
    }
    Ok(BudgetCheck {
        verdict,
        market,
        gap,
        gap_percent,
        advice,
        used,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data() -> Dataset {
        Dataset::shipped().unwrap()
    }

    #[test]
    fn reproduces_steptos_in_house_vs_outsourced_table_exactly() {
        let c = benchmark_comparison(&data()).unwrap();
        assert_eq!(c.in_house.first_year, 228_000.0);
        assert_eq!(c.outsourced.first_year, 68_000.0);
        assert_eq!(c.savings, 160_000.0);
        assert_eq!(c.savings_percent, 70.0);
        let line = |name: &str| {
            c.in_house
                .lines
                .iter()
                .find(|l| l.item == name)
                .unwrap()
                .first_year
        };
        assert_eq!(line("benefits & taxes"), 42_000.0);
        assert_eq!(line("recruiting"), 28_000.0);
        // The table's own totals are cited beside the recomputation.
        assert!(c.used.iter().any(|u| u.value == "228,000"));
    }

    #[test]
    fn kore1s_110k_mid_level_engineer_all_in() {
        let a = all_in(&data(), 110_000.0).unwrap();
        assert_eq!(
            (a.all_in.min.round(), a.all_in.max.round()),
            (132_000.0, 143_000.0)
        );
        assert!(a.used.iter().any(|u| u.value == "135,000-143,000 all-in"));
    }

    #[test]
    fn first_year_counts_recruiting_and_ramp_but_steady_state_does_not() {
        let input = TcoInput {
            benefits_taxes_percent: 25.0,
            recruiting_fee_percent: 20.0,
            ramp_days: 73.0,
            ramp_loss_percent: 50.0,
            ..TcoInput::salary_only(100_000.0)
        };
        let tco = total_cost(&input).unwrap();
        assert_eq!(tco.steady_state, 125_000.0);
        assert_eq!(tco.first_year, 125_000.0 + 20_000.0 + 10_000.0);
        let bad = TcoInput {
            recruiting_fee_percent: -5.0,
            ..input
        };
        assert_eq!(
            total_cost(&bad).unwrap_err().field(),
            Some("recruiting_fee_percent")
        );
    }

    #[test]
    fn a_wrong_hire_costs_three_to_five_salaries_and_the_parts_add_up() {
        let w = wrong_hire(&data(), 75_000.0).unwrap();
        assert_eq!((w.total.min, w.total.max), (225_000.0, 375_000.0));
        let sum_min: f64 = w.breakdown.iter().map(|l| l.amount.min).sum();
        let sum_max: f64 = w.breakdown.iter().map(|l| l.amount.max).sum();
        assert!((sum_min - w.total.min).abs() < 1e-6 && (sum_max - w.total.max).abs() < 1e-6);
    }

    #[test]
    fn junior_vs_senior_uses_the_us_medians() {
        let t = junior_vs_senior(&data()).unwrap();
        assert_eq!(t.yearly_saving, 65_000.0);
        assert!(t.warning.contains("200,000"), "{}", t.warning);
    }

    #[test]
    fn a_senior_scorecard_with_a_mid_level_budget_is_called_out() {
        let budget = Budget {
            min: 60.0,
            max: 65.0,
            period: RatePeriod::Hour,
        };
        let check = budget_check(&data(), Level::Senior, "eastern_europe", budget, 2080.0).unwrap();
        assert_eq!(check.verdict, Verdict::Below);
        assert_eq!(check.gap, 5.0);
        assert!(
            check
                .advice
                .iter()
                .any(|a| a.contains("senior scorecard with a mid-level budget")),
            "{:?}",
            check.advice
        );

        let annual = Budget {
            min: 150_000.0,
            max: 180_000.0,
            period: RatePeriod::Year,
        };
        let within = budget_check(&data(), Level::Mid, "western_europe", annual, 2080.0).unwrap();
        assert_eq!(within.verdict, Verdict::Within);
        assert_eq!(within.market.min, 70.0 * 2080.0);

        let inverted = Budget {
            min: 90.0,
            max: 80.0,
            period: RatePeriod::Hour,
        };
        assert!(budget_check(&data(), Level::Mid, "asia", inverted, 2080.0).is_err());
    }
}
