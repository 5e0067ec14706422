//! What the scorecard pages show, as template values: a scorecard's summary, its budget checked
//! against the market dataset in effect, the matching weights, the linter's findings and the
//! parser's problems.

use super::plan::region_label;
use crate::matching::{today, WeightsUsed};
use crate::state::AppState;
use hireloop_core::market::bands::DEFAULT_HOURS_PER_YEAR;
use hireloop_core::market::cost::{budget_check, Budget, Verdict};
use hireloop_core::market::{money, Dataset};
use hireloop_core::money::RatePeriod;
use hireloop_core::scorecard::geo;
use hireloop_core::scorecard::{
    Finding, LintReport, ParseError, Scorecard, ScorecardLevel, Severity,
};
use hireloop_match::adapt::{scorecard_query_in, QueryOptions};
use hireloop_match::{role_text_weight, TextMatch};
use minijinja::{context, Value};

/// The findings, errors first, with their counts per severity.
pub fn findings(report: &LintReport) -> Value {
    let items: Vec<Value> = report.findings.iter().map(finding).collect();
    context! {
        errors => report.count(Severity::Error),
        warnings => report.count(Severity::Warning),
        infos => report.count(Severity::Info),
        has_errors => report.has_errors(),
        findings => items,
    }
}

fn finding(f: &Finding) -> Value {
    context! {
        code => f.code,
        rule => f.rule,
        severity => f.severity.as_str(),
        path => f.path.as_str(),
        message => f.message.as_str(),
        fix => f.fix.as_str(),
        source => f.source,
    }
}

/// Each parse problem with its key path, and line and column for TOML syntax errors.
pub fn problems(err: &ParseError) -> Vec<Value> {
    err.problems
        .iter()
        .map(|p| {
            context! {
                path => p.path.as_str(),
                message => p.message.as_str(),
                line => p.line,
                column => p.column,
            }
        })
        .collect()
}

fn unit(period: RatePeriod) -> &'static str {
    match period {
        RatePeriod::Hour => "USD/h",
        RatePeriod::Year => "USD/yr",
    }
}

/// The scorecard's parts the role page shows.
pub fn summary(card: &Scorecard) -> Value {
    let must_have: Vec<Value> = card
        .must_have
        .iter()
        .map(|m| context! { skill => m.skill.as_str(), min_years => m.min_years })
        .collect();
    let nice_to_have: Vec<Value> = card
        .nice_to_have
        .iter()
        .map(|n| context! { skill => n.skill.as_str(), weight => n.weight })
        .collect();
    let location = card.location.as_ref().map(|l| {
        context! {
            policy => l.policy.label(),
            countries => l.countries.iter().map(|c| c.as_str().to_string()).collect::<Vec<_>>(),
            team_timezone => l.team_timezone.as_ref().map(|t| t.as_str().to_string()),
            overlap_hours => l.overlap_hours,
        }
    });
    let budget = card.budget.as_ref().map(|b| {
        let per = match b.period {
            RatePeriod::Hour => "hour",
            RatePeriod::Year => "year",
        };
        format!(
            "{}–{} {} per {per}",
            money(b.min as f64),
            money(b.max as f64),
            b.currency.as_str()
        )
    });
    context! {
        title => card.title.as_str(),
        level => card.level.label(),
        primary_language => card.primary_language.as_ref().map(|s| s.as_str().to_string()),
        framework => card.framework.as_ref().map(|s| s.as_str().to_string()),
        mission => card.mission.as_deref(),
        scope => &card.scope,
        constraints => &card.constraints,
        must_have => must_have,
        nice_to_have => nice_to_have,
        stage => card.stage.map(|s| s.label()),
        engagement => card.engagement.label(),
        headcount => card.headcount,
        location => location,
        budget => budget,
    }
}

/// The score weights the role's ranking uses, per component in percent, and whether the role sets
/// them: the query and `WeightsUsed` the Matches page ranks with, so both pages say the same.
/// `text` is the share a search text gets (the others then shrink in proportion).
pub fn matching_weights(state: &AppState, card: &Scorecard) -> Value {
    let rates = state.market.usd_rates();
    let options = QueryOptions::default();
    let mut query = scorecard_query_in(&state.taxonomy, card, today(), options, &rates).query;
    let without_text = WeightsUsed::of(card, &query);
    // The weight `text_match::attach_text` gives a search text; which candidates it finds does not
    // change the shares, so no search is run.
    query.text = Some(TextMatch {
        weight: role_text_weight(card),
        ..TextMatch::new("", Vec::new())
    });
    let with_text = WeightsUsed::of(card, &query);
    let percent = |share: f32| format!("{share:.0}");
    let shares: Vec<Value> = without_text
        .shares()
        .into_iter()
        .map(|(label, share)| context! { component => label, share => percent(share) })
        .collect();
    context! {
        shares => shares,
        by_role => without_text.source == "role",
        text => with_text.text.map(percent),
    }
}

/// The budget against the market band for the scorecard's level in each rate region its countries
/// fall in (staff is priced as senior). Says why when there is nothing to check.
pub fn budget(data: &Dataset, card: &Scorecard) -> Value {
    let unchecked = |why: String| context! { checks => Vec::<Value>::new(), note => why };
    let Some(b) = &card.budget else {
        return unchecked("No budget: add [budget] to check it against the market.".into());
    };
    if b.currency.as_str() != "USD" {
        return unchecked(format!(
            "The market figures are in USD; a {} budget is not checked.",
            b.currency.as_str()
        ));
    }
    let countries: Vec<&str> = card
        .location
        .as_ref()
        .map(|l| l.countries.iter().map(|c| c.as_str()).collect())
        .unwrap_or_default();
    if countries.is_empty() {
        return unchecked(
            "No countries: add location.countries to check the budget where candidates live."
                .into(),
        );
    }
    let mut regions: Vec<&str> = Vec::new();
    let mut outside: Vec<&str> = Vec::new();
    for code in &countries {
        match geo::country(code).and_then(|c| c.region()) {
            Some(region) if !regions.contains(&region) => regions.push(region),
            Some(_) => {}
            None => outside.push(code),
        }
    }
    let level = card.level.market_level();
    let budget = Budget {
        min: b.min as f64,
        max: b.max as f64,
        period: b.period,
    };
    let checks: Vec<Value> = regions
        .iter()
        .map(|region| match budget_check(data, level, region, budget, DEFAULT_HOURS_PER_YEAR) {
            Ok(check) => {
                let used: Vec<Value> = check
                    .used
                    .iter()
                    .map(|c| context! { what => c.what.as_str(), value => c.value.as_str(), source => c.source.as_str() })
                    .collect();
                context! {
                    region => region_label(region),
                    verdict => verdict(check.verdict),
                    band => check.market.to_string(),
                    unit => unit(b.period),
                    gap => money(check.gap),
                    gap_percent => format!("{:.0}", check.gap_percent),
                    advice => check.advice,
                    used => used,
                }
            }
            Err(err) => context! { region => region_label(region), missing => err.to_string() },
        })
        .collect();
    let note = match (regions.is_empty(), outside.is_empty()) {
        (true, _) => Some(format!(
            "The market rate table has no region for {}: the budget is not checked.",
            outside.join(", ")
        )),
        (false, false) => Some(format!(
            "Not checked for {}: the market rate table has no region for them.",
            outside.join(", ")
        )),
        (false, true) => None,
    };
    context! {
        level => level.label(),
        staff_as_senior => card.level == ScorecardLevel::Staff,
        checks => checks,
        note => note,
    }
}

fn verdict(v: Verdict) -> &'static str {
    match v {
        Verdict::Below => "below",
        Verdict::Within => "within",
        Verdict::Above => "above",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hireloop_core::scorecard::from_toml;

    const UNDERPAID: &str = include_str!("../../../../examples/roles/senior-rails-underpaid.toml");

    #[test]
    fn a_senior_scorecard_with_a_mid_level_budget_is_below_with_its_sources() {
        let data = Dataset::shipped().unwrap();
        let card = from_toml(UNDERPAID).unwrap();
        let value = budget(&data, &card);
        let check = value
            .get_attr("checks")
            .unwrap()
            .get_item_by_index(0)
            .unwrap();
        assert_eq!(check.get_attr("verdict").unwrap().as_str(), Some("below"));
        assert_eq!(
            check.get_attr("region").unwrap().as_str(),
            Some("Eastern Europe")
        );
        let advice = check.get_attr("advice").unwrap().to_string();
        assert!(advice.contains("mid-level budget"), "{advice}");
        assert!(check.get_attr("used").unwrap().to_string().contains("2026"));
    }

    #[test]
    fn budgets_that_cannot_be_checked_say_why() {
        let data = Dataset::shipped().unwrap();
        let mut card = from_toml(UNDERPAID).unwrap();
        card.location = None;
        let note = budget(&data, &card).get_attr("note").unwrap().to_string();
        assert!(note.contains("location.countries"), "{note}");
        card.budget = None;
        let note = budget(&data, &card).get_attr("note").unwrap().to_string();
        assert!(note.contains("[budget]"), "{note}");
    }
}
