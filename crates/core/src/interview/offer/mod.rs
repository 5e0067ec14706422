//! Offers: compensation, engagement, start date, the completeness checklist a candidate needs
//! answered (FACTS.md §9), contract-to-hire terms (FACTS.md §8), the status machine and the
//! comparison with the market band.

mod market;
mod status;

pub use market::market_comparison;
pub use status::{OfferError, OfferStatus};

use crate::error::ValidationErrors;
use crate::market::advice::Engagement;
use crate::money::{Money, MoneyInput};
use crate::scorecard::Conversion;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The longest free-text answer on an offer, in characters.
pub const MAX_TEXT_CHARS: usize = 2000;
/// A contract-to-hire evaluation longer than this is a contract, not an evaluation.
pub const MAX_CONVERSION_MONTHS: u8 = 24;

fn text(raw: Option<&str>) -> Result<Option<String>, String> {
    let Some(t) = raw.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    let len = t.chars().count();
    if len > MAX_TEXT_CHARS {
        return Err(format!(
            "must be at most {MAX_TEXT_CHARS} characters (got {len})"
        ));
    }
    Ok(Some(t.to_string()))
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Compensation {
    /// Base salary (per year) or rate (per hour).
    pub pay: Money,
    /// Equity in words, e.g. "0.1% over four years, one-year cliff".
    pub equity: Option<String>,
    /// Target bonus, percent of base.
    pub bonus_percent: Option<u8>,
}

/// What a candidate needs answered before saying yes (HireDevelopers 2026, FACTS.md §9). Each
/// item is free text; "none" is an answer, silence is not.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OfferChecklist {
    /// What they will own: services, systems, outcomes.
    #[serde(default)]
    pub ownership: Option<String>,
    /// How technical and product decisions are made, and who makes them.
    #[serde(default)]
    pub decision_making: Option<String>,
    /// Support during incidents and the on-call rota.
    #[serde(default)]
    pub incident_support: Option<String>,
    /// How on-call is compensated.
    #[serde(default)]
    pub on_call_pay: Option<String>,
    /// Where the role can lead in one to three years.
    #[serde(default)]
    pub growth_path: Option<String>,
    /// Code review and documentation culture.
    #[serde(default)]
    pub review_culture: Option<String>,
}

impl OfferChecklist {
    fn items(&self) -> [(&'static str, &Option<String>); 6] {
        [
            ("ownership", &self.ownership),
            ("decision_making", &self.decision_making),
            ("incident_support", &self.incident_support),
            ("on_call_pay", &self.on_call_pay),
            ("growth_path", &self.growth_path),
            ("review_culture", &self.review_culture),
        ]
    }

    /// The answered items as the candidate reads them, in the checklist's order.
    pub fn answers_for_candidate(&self) -> Vec<(&'static str, &str)> {
        const LABELS: [&str; 6] = [
            "What you will own",
            "How decisions are made",
            "Support during incidents",
            "On-call pay",
            "Where the role can lead",
            "Code review and documentation",
        ];
        self.items()
            .into_iter()
            .zip(LABELS)
            .filter_map(|((_, value), label)| {
                value
                    .as_deref()
                    .map(str::trim)
                    .filter(|v| !v.is_empty())
                    .map(|v| (label, v))
            })
            .collect()
    }

    /// The checklist items still unanswered, by field name.
    pub fn missing(&self) -> Vec<&'static str> {
        self.items()
            .into_iter()
            .filter(|(_, v)| v.as_deref().is_none_or(|t| t.trim().is_empty()))
            .map(|(name, _)| name)
            .collect()
    }

    fn parse(&self, errors: &mut ValidationErrors) -> Option<OfferChecklist> {
        let mut out = OfferChecklist::default();
        let mut ok = true;
        let targets: [&mut Option<String>; 6] = [
            &mut out.ownership,
            &mut out.decision_making,
            &mut out.incident_support,
            &mut out.on_call_pay,
            &mut out.growth_path,
            &mut out.review_culture,
        ];
        for ((name, raw), target) in self.items().into_iter().zip(targets) {
            match errors.check(&format!("checklist.{name}"), text(raw.as_deref())) {
                Some(value) => *target = value,
                None => ok = false,
            }
        }
        ok.then_some(out)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CompensationInput {
    pub pay: MoneyInput,
    #[serde(default)]
    pub equity: Option<String>,
    #[serde(default)]
    pub bonus_percent: Option<i64>,
}

/// An offer as it arrives from the offer form or the API.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OfferInput {
    pub compensation: CompensationInput,
    /// full_time, contractor, contract_to_hire, freelance or offshore_team.
    pub engagement: String,
    pub start_date: NaiveDate,
    #[serde(default)]
    pub checklist: OfferChecklist,
    /// Required for contract_to_hire, refused otherwise.
    #[serde(default)]
    pub conversion: Option<Conversion>,
}

/// A checked offer. A draft may leave checklist items open; approval requires them all. Deserialize
/// reads back what the store kept of an offer that was checked on the way in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Offer {
    pub compensation: Compensation,
    pub engagement: Engagement,
    pub start_date: NaiveDate,
    pub checklist: OfferChecklist,
    pub conversion: Option<Conversion>,
    pub status: OfferStatus,
}

impl Offer {
    /// The offer's terms as plain text lines, for the message that goes with it: pay, equity, bonus,
    /// engagement, start date, conversion terms and every answered checklist item.
    pub fn terms_text(&self) -> String {
        let c = &self.compensation;
        let mut lines = vec![format!("Pay: {}", c.pay)];
        if let Some(equity) = c.equity.as_deref().filter(|e| !e.trim().is_empty()) {
            lines.push(format!("Equity: {equity}"));
        }
        if let Some(bonus) = c.bonus_percent {
            lines.push(format!("Target bonus: {bonus}% of base"));
        }
        lines.push(format!("Engagement: {}", self.engagement.label()));
        lines.push(format!("Start date: {}", self.start_date));
        if let Some(months) = self.conversion.as_ref().and_then(|c| c.after_months) {
            lines.push(format!(
                "Conversion to employment: decided after {months} months"
            ));
        }
        for (label, answer) in self.checklist.answers_for_candidate() {
            lines.push(format!("{label}: {answer}"));
        }
        lines.join("\n")
    }
}

impl OfferInput {
    /// Parses a new draft; `today` bounds the start date (no offers starting in the past).
    pub fn parse(&self, today: NaiveDate) -> Result<Offer, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let pay = self.compensation.pay.parse("compensation.pay", &mut errors);
        let equity = errors.check(
            "compensation.equity",
            text(self.compensation.equity.as_deref()),
        );
        let bonus_percent = errors.check(
            "compensation.bonus_percent",
            self.compensation
                .bonus_percent
                .map(|b| {
                    u8::try_from(b)
                        .ok()
                        .filter(|b| *b <= 200)
                        .ok_or("must be between 0 and 200")
                })
                .transpose()
                .map_err(String::from),
        );
        let engagement = errors.check("engagement", self.engagement.parse::<Engagement>());
        if self.start_date < today {
            errors.add(
                "start_date",
                format!("must not be in the past (today is {today})"),
            );
        }
        let checklist = self.checklist.parse(&mut errors);
        let conversion =
            engagement.and_then(|e| check_conversion(e, self.conversion.as_ref(), &mut errors));
        match (
            pay,
            equity,
            bonus_percent,
            engagement,
            checklist,
            conversion,
        ) {
            (
                Some(pay),
                Some(equity),
                Some(bonus_percent),
                Some(engagement),
                Some(checklist),
                Some(conversion),
            ) if errors.is_empty() => Ok(Offer {
                compensation: Compensation {
                    pay,
                    equity,
                    bonus_percent,
                },
                engagement,
                start_date: self.start_date,
                checklist,
                conversion,
                status: OfferStatus::Draft,
            }),
            _ => Err(errors),
        }
    }
}

/// Contract-to-hire works only with the timeline, criteria and decision maker agreed up front
/// (FACTS.md §8); other engagements have no conversion.
fn check_conversion(
    engagement: Engagement,
    conversion: Option<&Conversion>,
    errors: &mut ValidationErrors,
) -> Option<Option<Conversion>> {
    match (engagement, conversion) {
        (Engagement::ContractToHire, None) => {
            errors.add(
                "conversion",
                "contract-to-hire needs conversion terms: after_months, criteria, decision_maker",
            );
            None
        }
        (Engagement::ContractToHire, Some(c)) => {
            let before = errors.errors.len();
            if !c
                .after_months
                .is_some_and(|m| (1..=MAX_CONVERSION_MONTHS).contains(&m))
            {
                errors.add(
                    "conversion.after_months",
                    format!("must be 1 to {MAX_CONVERSION_MONTHS} months (3-6 is usual)"),
                );
            }
            let criteria: Vec<String> = c
                .criteria
                .iter()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect();
            if criteria.is_empty() {
                errors.add(
                    "conversion.criteria",
                    "name at least one criterion for converting",
                );
            }
            let decision_maker = c
                .decision_maker
                .as_deref()
                .map(str::trim)
                .filter(|d| !d.is_empty());
            if decision_maker.is_none() {
                errors.add(
                    "conversion.decision_maker",
                    "name who decides the conversion",
                );
            }
            (errors.errors.len() == before).then(|| {
                Some(Conversion {
                    after_months: c.after_months,
                    criteria,
                    decision_maker: decision_maker.map(str::to_string),
                })
            })
        }
        (_, Some(_)) => {
            errors.add(
                "conversion",
                "conversion terms apply only to contract_to_hire",
            );
            None
        }
        (_, None) => Some(None),
    }
}

#[cfg(test)]
mod tests;
