//! The role's terms as query filters: the budget converted to USD through the exchange-rate table,
//! the engagement, where candidates may live, and (for on-site and hybrid roles) how they will work. Each filter says in a note what it does with
//! candidates whose profile does not state the value, so nobody is dropped silently.

use crate::profile::{Country, Rate, WorkMode};
use crate::query::{Budget, Query};
use hireloop_core::market::advice::Engagement;
use hireloop_core::market::currency::UsdRates;
use hireloop_core::money::{Money, RatePeriod};
use hireloop_core::scorecard::{LocationPolicy, Scorecard};

/// Money as an engine rate in whole USD, converted through `rates`; `None` for a currency the
/// table does not list (the caller notes it rather than guess a rate).
pub fn usd_rate_in(money: &Money, rates: &UsdRates) -> Option<Rate> {
    let usd = rates.to_usd(money.amount.max(0) as f64, &money.currency)?;
    Some(Rate {
        amount_usd: usd.round().clamp(0.0, f64::from(u32::MAX)) as u32,
        period: money.period,
    })
}

fn per(period: RatePeriod) -> &'static str {
    match period {
        RatePeriod::Hour => "hour",
        RatePeriod::Year => "year",
    }
}

/// The budget ceiling in USD, noting the conversion (or why there is none).
pub(crate) fn budget(
    card: &Scorecard,
    rates: &UsdRates,
    notes: &mut Vec<String>,
) -> Option<Budget> {
    let budget = card.budget.as_ref()?;
    let ceiling = Money {
        amount: budget.max,
        currency: budget.currency.clone(),
        period: budget.period,
    };
    let code = budget.currency.as_str();
    let Some(mut rate) = usd_rate_in(&ceiling, rates) else {
        notes.push(format!(
            "The budget is in {code}, which the exchange-rate table (market data, currencies.toml) does not list: \
             the budget is not used as a filter"
        ));
        return None;
    };
    // A ceiling of 0 USD is refused by the engine; a tiny budget still means "almost nothing fits".
    rate.amount_usd = rate.amount_usd.max(1);
    if code != "USD" {
        let from = rates.get(&budget.currency);
        notes.push(format!(
            "The budget ceiling of {} {code} per {} is compared as {} USD ({} rate of {})",
            budget.max,
            per(budget.period),
            rate.amount_usd,
            from.map_or("", |r| r.source.as_str()),
            from.map_or("", |r| r.date.as_str()),
        ));
    }
    Some(Budget {
        ceiling: rate,
        stretch_percent: 0,
    })
}

/// The role's engagement as the engine's filter. Candidates state full-time, part-time, contract or
/// contract-to-hire; an offshore team is not something a person states, so it does not filter.
pub(crate) fn engagement(card: &Scorecard, notes: &mut Vec<String>) -> Option<Engagement> {
    match card.engagement {
        Engagement::OffshoreTeam => {
            notes.push(
                "Engagement 'offshore_team': candidates do not state it, so it is not used as a filter".into(),
            );
            None
        }
        e => {
            notes.push(format!(
                "Engagement '{}': candidates who state other preferences only are left out; \
                 candidates who state no engagement preference are kept",
                e.as_str()
            ));
            Some(e)
        }
    }
}

/// Where candidates may live or work. Allowed countries become the country filter (residence or
/// work authorization, see `countries`); a candidate whose profile states no country passes it (`Country::default()` is the engine's "not stated") and the
/// note says so. On-site and hybrid roles filter on the work modes candidates state
/// (`WorkMode::admits`): willing to work that way, open to relocation, or stating none are kept.
pub(crate) fn place(card: &Scorecard, query: &mut Query, notes: &mut Vec<String>) {
    let Some(location) = &card.location else {
        return;
    };
    if !location.countries.is_empty() {
        let mut allowed: Vec<Country> = Vec::new();
        for code in &location.countries {
            match Country::parse(code.as_str()) {
                Ok(c) if !allowed.contains(&c) => allowed.push(c),
                Ok(_) => {}
                Err(e) => notes.push(format!("location.countries: {e}; left out")),
            }
        }
        if !allowed.is_empty() {
            let codes: Vec<&str> = allowed.iter().map(Country::as_str).collect();
            notes.push(format!(
                "Allowed countries ({}): candidates who live in one or are authorized to work in one \
                 (by country or by a region that includes it) are kept, others left out; candidates \
                 who state no country are kept (check where they live and may work before an offer)",
                codes.join(", ")
            ));
            allowed.push(Country::default());
            query.countries = Some(allowed);
        }
    }
    let (mode, willing) = match location.policy {
        LocationPolicy::Remote => return,
        LocationPolicy::Onsite => (WorkMode::Onsite, "willing to work on site"),
        LocationPolicy::Hybrid => (WorkMode::Hybrid, "willing to work hybrid or on site"),
    };
    query.work_mode = Some(mode);
    notes.push(format!(
        "The role is {}: candidates {willing} or open to relocation are kept, those who state \
         only other work modes are left out; candidates who state no work mode are kept (check \
         they can come in before an offer){}",
        location.policy.label().to_lowercase(),
        if location.countries.is_empty() {
            "; list the allowed countries to filter by where they live"
        } else {
            ""
        }
    ));
}

#[cfg(test)]
mod tests {
    use crate::adapt::{scorecard_query_in, QueryOptions};
    use crate::index::Index;
    use crate::profile::{Country, Profile, ProfileSkill, Rate, Vetting, WorkMode};
    use crate::taxonomy::Taxonomy;
    use chrono::NaiveDate;
    use hireloop_core::candidate::Region;
    use hireloop_core::ids::CandidateId;
    use hireloop_core::level::Level;
    use hireloop_core::market::advice::Engagement;
    use hireloop_core::market::currency::UsdRates;
    use hireloop_core::scorecard::from_toml;
    use std::sync::Arc;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, 1).unwrap()
    }

    const ROLE: &str = "title = \"Backend Engineer\"\nlevel = \"mid\"\nheadcount = 1\n\
                        primary_language = \"Go\"\n";

    fn card(extra: &str) -> hireloop_core::scorecard::Scorecard {
        from_toml(&format!("{ROLE}{extra}")).unwrap()
    }

    fn profile(
        tax: &Taxonomy,
        n: u128,
        country: &str,
        engagements: &[Engagement],
        rate: u32,
    ) -> Profile {
        Profile {
            id: CandidateId(uuid::Uuid::from_u128(n)),
            display_name: format!("c{n}"),
            skills: vec![ProfileSkill {
                skill: tax.resolve("go").unwrap(),
                years: Some(4.0),
            }],
            level: Level::Mid,
            region: Region::EasternEurope,
            country: if country.is_empty() {
                Country::default()
            } else {
                Country::parse(country).unwrap()
            },
            work_authorization: Vec::new(),
            utc_offset_minutes: 60,
            rate: Some(Rate::hourly(rate)),
            engagements: engagements.to_vec(),
            work_modes: Vec::new(),
            open_to_relocation: false,
            available_from: today(),
            vetting: Vetting::Vetted,
        }
    }

    fn ranked(index: &Index, card: &hireloop_core::scorecard::Scorecard) -> Vec<u128> {
        let q = scorecard_query_in(
            index.taxonomy(),
            card,
            today(),
            QueryOptions::default(),
            &UsdRates::shipped(),
        );
        let mut ids: Vec<u128> = index
            .search(&q.query, 0, 50)
            .unwrap()
            .matches
            .iter()
            .map(|m| m.candidate_id.as_uuid().as_u128())
            .collect();
        ids.sort_unstable();
        ids
    }

    #[test]
    fn a_euro_budget_is_converted_and_noted() {
        let tax = Taxonomy::shipped().unwrap();
        let c = card("engagement = \"contractor\"\n[budget]\ncurrency = \"EUR\"\nperiod = \"hour\"\nmin = 50\nmax = 80\n");
        let q = scorecard_query_in(
            &tax,
            &c,
            today(),
            QueryOptions::default(),
            &UsdRates::shipped(),
        );
        // 80 EUR at the ECB's 1.1155 USD per EUR (26 September 2024).
        assert_eq!(q.query.budget.unwrap().ceiling, Rate::hourly(89));
        let notes = q.notes.join("\n");
        assert!(
            notes.contains(
                "80 EUR per hour is compared as 89 USD (ecb-2024-09-26 rate of 2024-09-26)"
            ),
            "{notes}"
        );

        let unknown = card("engagement = \"contractor\"\n[budget]\ncurrency = \"XAU\"\nperiod = \"year\"\nmin = 1\nmax = 2\n");
        let q = scorecard_query_in(
            &tax,
            &unknown,
            today(),
            QueryOptions::default(),
            &UsdRates::shipped(),
        );
        assert!(q.query.budget.is_none());
        assert!(
            q.notes.join("\n").contains("The budget is in XAU"),
            "{:?}",
            q.notes
        );
    }

    #[test]
    fn engagement_and_countries_filter_but_keep_unstated_profiles() {
        let tax = Arc::new(Taxonomy::shipped().unwrap());
        let pool = vec![
            profile(&tax, 1, "PL", &[Engagement::Contractor], 60),
            profile(&tax, 2, "PL", &[Engagement::FullTime], 60),
            // No preference stated: the candidate side fills every engagement.
            profile(&tax, 3, "RO", Engagement::ALL, 60),
            profile(&tax, 4, "DE", &[Engagement::Contractor], 60),
            profile(&tax, 5, "", &[Engagement::Contractor], 60),
            profile(&tax, 6, "RS", &[Engagement::Contractor], 95),
        ];
        let (index, report) = Index::build(tax.clone(), &pool);
        assert!(report.rejected.is_empty());
        let c = card(
            "engagement = \"contractor\"\n[location]\npolicy = \"remote\"\ncountries = [\"PL\", \"RO\", \"RS\"]\n\
             [budget]\ncurrency = \"EUR\"\nperiod = \"hour\"\nmin = 50\nmax = 80\n",
        );
        // 2 wants full-time only, 4 lives outside the list, 6 costs more than 89 USD.
        assert_eq!(ranked(&index, &c), [1, 3, 5]);
        let q = scorecard_query_in(
            &tax,
            &c,
            today(),
            QueryOptions::default(),
            &UsdRates::shipped(),
        );
        let notes = q.notes.join("\n");
        assert!(notes.contains("Allowed countries (PL, RO, RS)"), "{notes}");
        assert!(notes.contains("who state no country are kept"), "{notes}");
        assert!(
            notes.contains("no engagement preference are kept"),
            "{notes}"
        );

        // An offshore team is not a personal preference: no engagement filter.
        let offshore = card("engagement = \"offshore_team\"\n");
        assert_eq!(ranked(&index, &offshore), [1, 2, 3, 4, 5, 6]);
    }

    #[test]
    fn on_site_roles_filter_on_work_modes_and_contradictions_are_empty_results() {
        let tax = Arc::new(Taxonomy::shipped().unwrap());
        let onsite = card("engagement = \"full_time\"\n[location]\npolicy = \"onsite\"\n");
        let q = scorecard_query_in(
            &tax,
            &onsite,
            today(),
            QueryOptions::default(),
            &UsdRates::shipped(),
        );
        assert!(q.query.countries.is_none());
        assert_eq!(q.query.work_mode, Some(WorkMode::Onsite));
        assert!(
            q.notes.iter().any(|n| n.contains("The role is on-site")
                && n.contains("who state no work mode are kept")),
            "{:?}",
            q.notes
        );

        let pool = vec![profile(&tax, 1, "PL", &[Engagement::FullTime], 60)];
        let (index, _) = Index::build(tax.clone(), &pool);
        let nine_hours = card(
            "engagement = \"full_time\"\n[location]\npolicy = \"remote\"\nteam_timezone = \"Europe/Warsaw\"\noverlap_hours = 9\n",
        );
        let q = scorecard_query_in(
            &tax,
            &nine_hours,
            today(),
            QueryOptions::default(),
            &UsdRates::shipped(),
        );
        let result = index.search(&q.query, 0, 10).unwrap();
        assert!(result.matches.is_empty());
        let why = result.empty_reason.unwrap();
        assert!(why.contains("9 h of overlap"), "{why}");
    }

    #[test]
    fn on_site_and_hybrid_roles_keep_the_willing_the_relocating_and_the_unstated() {
        use WorkMode::*;
        let tax = Arc::new(Taxonomy::shipped().unwrap());
        let mut pool = Vec::new();
        for (n, modes, relocate) in [
            (1, vec![Remote], false),
            (2, vec![Onsite], false),
            (3, vec![Hybrid], false),
            (4, vec![Remote], true),
            (5, vec![], false),
            (6, vec![Remote, Hybrid], false),
        ] {
            let mut p = profile(&tax, n, "PL", &[Engagement::FullTime], 60);
            p.work_modes = modes;
            p.open_to_relocation = relocate;
            pool.push(p);
        }
        let (index, _) = Index::build(tax.clone(), &pool);
        let with = |policy: &str| {
            card(&format!(
                "engagement = \"full_time\"\n[location]\npolicy = \"{policy}\"\n"
            ))
        };
        // On site: 1 works remotely only; 3 and 6 state hybrid at most.
        assert_eq!(ranked(&index, &with("onsite")), [2, 4, 5]);
        // Hybrid: on-site people accept it too.
        assert_eq!(ranked(&index, &with("hybrid")), [2, 3, 4, 5, 6]);
        // Remote: no work-mode filter at all.
        assert_eq!(ranked(&index, &with("remote")), [1, 2, 3, 4, 5, 6]);

        let q = scorecard_query_in(
            &tax,
            &with("onsite"),
            today(),
            QueryOptions::default(),
            &UsdRates::shipped(),
        );
        let reasons = |id: u128| -> Vec<String> {
            index
                .search(&q.query, 0, 10)
                .unwrap()
                .matches
                .into_iter()
                .find(|m| m.candidate_id.as_uuid().as_u128() == id)
                .map(|m| m.reasons)
                .unwrap_or_default()
        };
        assert!(reasons(2).iter().any(|r| r == "Willing to work on site"));
        assert!(reasons(4).iter().any(|r| r == "Open to relocation"));
        assert!(reasons(5)
            .iter()
            .any(|r| r.starts_with("States no work mode")));
    }
}
