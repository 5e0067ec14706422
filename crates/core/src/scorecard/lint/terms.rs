//! Rules on the terms: a budget that meets the market for the level and region, an engagement that
//! fits the mission, contract-to-hire with its terms, and a location policy that can work.

use super::{Findings, LintContext, Rule, Severity};
use crate::market::advice::Engagement;
use crate::market::bands::DEFAULT_HOURS_PER_YEAR;
use crate::market::cost::{budget_check, Budget, Verdict};
use crate::scorecard::geo;
use crate::scorecard::model::{LocationPolicy, Scorecard};

pub(super) const BUDGET_MISSING: Rule = Rule {
    code: "HL021",
    name: "budget-missing",
    severity: Severity::Warning,
    fix: "Add [budget] with currency, period, min and max; check it against the market before interviewing.",
    source: "HireDevelopers 2026: the offer must answer compensation against the market",
};
pub(super) const BUDGET_BELOW_MARKET: Rule = Rule {
    code: "HL022",
    name: "budget-below-market",
    severity: Severity::Error,
    fix: "Fix the budget before interviewing, re-scope the level, or hire where the budget meets the market.",
    source: "HireDevelopers 2026: a senior scorecard with a mid-level budget is the classic mismatch; StepTo 2026 rates by region and level",
};
pub(super) const ENGAGEMENT_VS_MISSION: Rule = Rule {
    code: "HL023",
    name: "engagement-vs-mission",
    severity: Severity::Warning,
    fix: "Hire an employee for core, long-lived ownership; use contractors for scoped work (migrations, performance, temporary pressure) next to an owner.",
    source: "HireDevelopers 2026 / KORE1 2026: a long-term contractor must not become the only owner of a core system",
};
pub(super) const CONTRACT_TO_HIRE_TERMS: Rule = Rule {
    code: "HL024",
    name: "contract-to-hire-terms",
    severity: Severity::Error,
    fix: "Add [conversion] with after_months (3-6), criteria and decision_maker, agreed before the start.",
    source: "HireDevelopers 2026: contract-to-hire evaluates over 3-6 months and only works with an agreed timeline, conversion criteria and decision maker",
};
pub(super) const IMPOSSIBLE_OVERLAP: Rule = Rule {
    code: "HL025",
    name: "impossible-timezone-overlap",
    severity: Severity::Error,
    fix: "Lower overlap_hours, drop the far countries, or hire closer to the team's timezone.",
    source: "Arithmetic on standard UTC offsets (IANA tz database 2026) with a 09:00-17:00 day on both sides; DST ignored",
};
pub(super) const REMOTE_WITHOUT_COUNTRIES: Rule = Rule {
    code: "HL026",
    name: "remote-without-countries",
    severity: Severity::Warning,
    fix: "List the countries candidates may work from in location.countries: job boards require it for remote postings, and the budget and overlap checks need it.",
    source: "Google job-posting guidelines (2026): remote (TELECOMMUTE) postings state applicant location requirements",
};

pub(super) const RULES: &[&Rule] = &[
    &BUDGET_MISSING,
    &BUDGET_BELOW_MARKET,
    &ENGAGEMENT_VS_MISSION,
    &CONTRACT_TO_HIRE_TERMS,
    &IMPOSSIBLE_OVERLAP,
    &REMOTE_WITHOUT_COUNTRIES,
];

/// Words that say the work is core, long-lived ownership.
const OWNERSHIP_WORDS: &[&str] = &[
    "own",
    "owner",
    "ownership",
    "long-term",
    "long-lived",
    "core",
    "lead",
];

pub(super) fn run(card: &Scorecard, ctx: &LintContext<'_>, out: &mut Findings) {
    budget(card, ctx, out);
    engagement(card, out);
    location(card, out);
}

fn budget(card: &Scorecard, ctx: &LintContext<'_>, out: &mut Findings) {
    let Some(b) = &card.budget else {
        out.add(&BUDGET_MISSING, "budget", "the scorecard has no budget");
        return;
    };
    let Some(data) = ctx.market else { return };
    if b.currency.as_str() != "USD" {
        out.add_as(
            &BUDGET_BELOW_MARKET,
            Severity::Info,
            "budget.currency",
            format!(
                "the market check compares USD figures; a {} budget is not checked",
                b.currency.as_str()
            ),
        );
        return;
    }
    let countries = card.location.as_ref().map_or(&[][..], |l| &l.countries[..]);
    let mut regions: Vec<&str> = countries
        .iter()
        .filter_map(|c| geo::country(c.as_str()).and_then(|c| c.region()))
        .collect();
    regions.sort_unstable();
    regions.dedup();
    let budget = Budget {
        min: b.min as f64,
        max: b.max as f64,
        period: b.period,
    };
    let level = card.level.market_level();
    let mut below = Vec::new();
    let mut checked = 0;
    for region in &regions {
        let Ok(check) = budget_check(data, level, region, budget, DEFAULT_HOURS_PER_YEAR) else {
            continue;
        };
        checked += 1;
        if check.verdict == Verdict::Below {
            below.push((*region, check));
        }
    }
    if checked > 0 && below.len() == checked {
        let advice: Vec<String> = below
            .iter()
            .flat_map(|(_, c)| c.advice.iter().take(2).cloned())
            .collect();
        out.add(&BUDGET_BELOW_MARKET, "budget", advice.join(" "));
    } else if !below.is_empty() {
        let names: Vec<&str> = below.iter().map(|(r, _)| *r).collect();
        out.add_as(
            &BUDGET_BELOW_MARKET,
            Severity::Warning,
            "budget",
            format!(
                "the budget is below the market in {}: candidates there are priced out",
                names.join(", ")
            ),
        );
    }
}

fn engagement(card: &Scorecard, out: &mut Findings) {
    if matches!(
        card.engagement,
        Engagement::Contractor | Engagement::Freelance
    ) {
        let text = format!(
            "{} {} {}",
            card.mission.as_deref().unwrap_or(""),
            card.scope.join(" "),
            card.constraints.join(" ")
        )
        .to_lowercase();
        let signal = text
            .split(|c: char| !(c.is_alphanumeric() || c == '-'))
            .find(|w| OWNERSHIP_WORDS.contains(w));
        if let Some(word) = signal {
            out.add(
                &ENGAGEMENT_VS_MISSION,
                "engagement",
                format!(
                    "the mission, scope or constraints speak of core, long-lived work ('{word}') but the engagement is {}",
                    card.engagement.label().to_lowercase()
                ),
            );
        }
    }
    if card.engagement == Engagement::ContractToHire {
        let terms = card.conversion.clone().unwrap_or_default();
        let mut missing = Vec::new();
        if terms.after_months.is_none() {
            missing.push("a timeline (after_months)");
        }
        if terms.criteria.is_empty() {
            missing.push("conversion criteria");
        }
        if terms.decision_maker.is_none() {
            missing.push("a decision maker");
        }
        if !missing.is_empty() {
            out.add(
                &CONTRACT_TO_HIRE_TERMS,
                "conversion",
                format!("contract-to-hire without {}", missing.join(", ")),
            );
        }
        if let Some(months) = terms.after_months.filter(|m| !(3..=6).contains(m)) {
            out.add_as(
                &CONTRACT_TO_HIRE_TERMS,
                Severity::Warning,
                "conversion.after_months",
                format!(
                    "a conversion decision after {months} months; the evaluation usually takes 3-6"
                ),
            );
        }
    }
}

fn location(card: &Scorecard, out: &mut Findings) {
    let Some(loc) = &card.location else { return };
    if loc.policy == LocationPolicy::Remote && loc.countries.is_empty() {
        out.add(
            &REMOTE_WITHOUT_COUNTRIES,
            "location.countries",
            "a remote role that names no countries",
        );
    }
    let (Some(tz), Some(hours)) = (&loc.team_timezone, loc.overlap_hours) else {
        return;
    };
    let required = f64::from(hours);
    if required > geo::WORKDAY_HOURS {
        out.add(
            &IMPOSSIBLE_OVERLAP,
            "location.overlap_hours",
            format!(
                "{hours} hours of overlap is more than an {}-hour working day",
                geo::WORKDAY_HOURS
            ),
        );
        return;
    }
    if loc.policy == LocationPolicy::Onsite {
        return;
    }
    let team = tz.standard_offset_hours();
    let mut short = Vec::new();
    for code in &loc.countries {
        match geo::country(code.as_str()) {
            Some(country) => {
                let best = geo::best_overlap_hours(country, team);
                if best < required {
                    short.push(format!("{} ({best} h)", country.name));
                }
            }
            None => out.add_as(
                &IMPOSSIBLE_OVERLAP,
                Severity::Info,
                "location.countries",
                format!(
                    "no timezone data for {}: its overlap is not checked",
                    code.as_str()
                ),
            ),
        }
    }
    if !short.is_empty() {
        out.add(
            &IMPOSSIBLE_OVERLAP,
            "location.overlap_hours",
            format!(
                "{hours} hours of overlap with {} cannot be met from {}",
                tz.as_str(),
                short.join(", ")
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::testkit::{fires, good, messages};
    use crate::market::advice::Engagement;
    use crate::money::{Currency, RatePeriod};
    use crate::scorecard::model::{Conversion, CountryCode, LocationPolicy, ScorecardLevel};

    #[test]
    fn hl021_budget_missing() {
        let mut card = good();
        assert!(!fires(&card, "HL021"));
        card.budget = None;
        assert!(fires(&card, "HL021"));
    }

    #[test]
    fn hl022_senior_scorecard_with_a_mid_level_budget() {
        let mut card = good();
        assert!(!fires(&card, "HL022"));
        let budget = card.budget.as_mut().unwrap();
        budget.period = RatePeriod::Hour;
        budget.min = 55;
        budget.max = 65;
        let msg = messages(&card, "HL022");
        assert!(
            msg[0].contains("senior scorecard with a mid-level budget"),
            "{msg:?}"
        );
        // Staff is priced as senior.
        card.level = ScorecardLevel::Staff;
        assert!(fires(&card, "HL022"));
        card.level = ScorecardLevel::Mid;
        assert!(!fires(&card, "HL022"));
    }

    #[test]
    fn hl022_below_in_one_region_only_is_a_warning_and_other_currencies_are_not_compared() {
        let mut card = good();
        card.location
            .as_mut()
            .unwrap()
            .countries
            .push(CountryCode::parse("US").unwrap());
        let report = crate::scorecard::lint(&card, &super::super::testkit::ctx());
        let f = report.findings.iter().find(|f| f.code == "HL022").unwrap();
        assert_eq!(f.severity, super::Severity::Warning);
        assert!(f.message.contains("united_states"));
        card.budget.as_mut().unwrap().currency = Currency::parse("EUR").unwrap();
        assert!(messages(&card, "HL022")[0].contains("not checked"));
    }

    #[test]
    fn hl023_core_ownership_on_a_contract() {
        let mut card = good();
        card.engagement = Engagement::Contractor;
        assert!(!fires(&card, "HL023"), "scoped work on a contract is fine");
        card.scope.push("own the core ledger long-term".into());
        assert!(fires(&card, "HL023"));
        card.engagement = Engagement::FullTime;
        assert!(!fires(&card, "HL023"));
    }

    #[test]
    fn hl024_contract_to_hire_needs_timeline_criteria_and_decision_maker() {
        let mut card = good();
        card.engagement = Engagement::ContractToHire;
        let msg = messages(&card, "HL024");
        assert!(
            msg[0].contains("timeline")
                && msg[0].contains("criteria")
                && msg[0].contains("decision maker")
        );
        card.conversion = Some(Conversion {
            after_months: Some(4),
            criteria: vec!["owns the refunds API end to end".into()],
            decision_maker: Some("Head of Engineering".into()),
        });
        assert!(!fires(&card, "HL024"));
    }

    #[test]
    fn hl025_remote_overlap_that_cannot_be_met() {
        let mut card = good();
        assert!(!fires(&card, "HL025"));
        let loc = card.location.as_mut().unwrap();
        loc.countries.push(CountryCode::parse("PH").unwrap());
        let msg = messages(&card, "HL025");
        assert!(msg[0].contains("Philippines (1 h)"), "{msg:?}");
        let loc = card.location.as_mut().unwrap();
        loc.countries.pop();
        loc.overlap_hours = Some(10);
        assert!(fires(&card, "HL025"));
    }

    #[test]
    fn hl026_remote_without_countries() {
        let mut card = good();
        assert!(!fires(&card, "HL026"));
        card.location.as_mut().unwrap().countries.clear();
        assert!(fires(&card, "HL026"));
        card.location.as_mut().unwrap().policy = LocationPolicy::Onsite;
        assert!(!fires(&card, "HL026"));
    }
}
