//! The results of the plan page: each block computed by the core's market functions, with its
//! charts. A missing benchmark becomes that block's "no benchmark for …" message; a bad input
//! becomes an error next to its field.

use super::charts::{self, GanttKind, GanttRow, StackedBar};
use super::plan::PlanInput;
use hireloop_core::market::advice::{advise_channel, advise_engagement, advise_team_shape};
use hireloop_core::market::bands::{rate_bands, salary_bands};
use hireloop_core::market::cost::{
    all_in, benchmark_comparison, compare, junior_vs_senior, total_cost, wrong_hire, Comparison,
    Tco, TcoInput,
};
use hireloop_core::market::timeline::{estimate, Timeline};
use hireloop_core::market::{Dataset, MarketError};
use hireloop_core::ValidationErrors;
use minijinja::{context, Value};
use serde::Serialize;

/// One block of results: the value, or why there is none.
fn block<T: Serialize>(
    result: Result<T, MarketError>,
    rename: &[(&str, &str)],
    errors: &mut ValidationErrors,
) -> Value {
    match result {
        Ok(value) => context! { ok => Value::from_serialize(&value) },
        Err(MarketError::NoBenchmark(what)) => {
            context! { missing => format!("No benchmark for {what}.") }
        }
        Err(
            MarketError::Unknown { field, message } | MarketError::OutOfRange { field, message },
        ) => {
            // The core names some inputs differently from the form (salary is the base salary).
            let field = rename
                .iter()
                .find(|(from, _)| *from == field)
                .map_or(field, |(_, to)| *to);
            errors.add(field, message.clone());
            context! { missing => message }
        }
    }
}

/// Everything the page shows below the form. Field errors found while computing go to `errors`.
pub fn results(data: &Dataset, input: &PlanInput, errors: &mut ValidationErrors) -> Value {
    let salary_rename = [("salary", "base_salary")];
    let tco = total_cost(&input.tco);
    let tco_chart = tco.as_ref().ok().map(tco_chart);
    let tco_ok = tco.is_ok();
    let tco_block = block(tco, &[], errors);
    // The salary-based blocks repeat the salary's check; report it once.
    let salary = input.tco.base_salary;
    let (all_in_block, wrong_hire_block) = if tco_ok {
        (
            block(all_in(data, salary), &salary_rename, errors),
            block(wrong_hire(data, salary), &salary_rename, errors),
        )
    } else {
        (Value::UNDEFINED, Value::UNDEFINED)
    };

    let benchmark = benchmark_comparison(data);
    let own = input
        .outsourced_cost
        .filter(|_| tco_ok)
        .map(|cost| compare(&input.tco, &TcoInput::salary_only(cost)));
    let own = match own {
        Some(Ok(c)) => Some(c),
        Some(Err(err)) => {
            block::<()>(Err(err), &[("base_salary", "outsourced_cost")], errors);
            None
        }
        None => None,
    };
    let comparison_chart = comparison_chart(benchmark.as_ref().ok(), own.as_ref());

    let timeline = estimate(data, input.channel, input.level, input.start);
    let gantt = timeline.as_ref().ok().map(gantt);

    context! {
        rates => block(
            rate_bands(data, input.level, &input.region, input.language.as_deref(), input.hours_per_year),
            &[],
            errors,
        ),
        salaries => block(salary_bands(data, &input.country, Some(input.level), input.remote), &[], errors),
        tco => tco_block,
        tco_chart => tco_chart,
        all_in => all_in_block,
        benchmark => block(benchmark, &[], errors),
        own => own,
        comparison_chart => comparison_chart,
        timeline => block(timeline, &[], errors),
        gantt => gantt,
        channel_advice => block(advise_channel(data, &input.advice), &[], errors),
        engagement_advice => block(advise_engagement(data, &input.advice), &[], errors),
        team_shape_advice => advise_team_shape(data, &input.team),
        wrong_hire => wrong_hire_block,
        junior_vs_senior => block(junior_vs_senior(data), &[], errors),
    }
}

fn series(tco: &Tco) -> Vec<String> {
    tco.lines.iter().map(|l| l.item.clone()).collect()
}

fn tco_chart(tco: &Tco) -> charts::Pair {
    let bar = |label: &str, pick: fn(&hireloop_core::market::cost::CostLine) -> f64| StackedBar {
        label: label.into(),
        parts: tco.lines.iter().map(pick).enumerate().collect(),
    };
    charts::stacked_bars(
        "tco-chart",
        "Total cost of employment: first year and steady state",
        &series(tco),
        &[
            bar("First year", |l| l.first_year),
            bar("Steady state (a later year)", |l| l.steady_state),
        ],
    )
}

/// The benchmark's two sides, then the user's when given, as stacked first-year bars.
fn comparison_chart(
    benchmark: Option<&Comparison>,
    own: Option<&Comparison>,
) -> Option<charts::Pair> {
    let first = benchmark.or(own)?;
    let mut names = series(&first.in_house);
    if let Some(name) = names.first_mut() {
        // For the outsourced side the first line is the contract price, not a salary.
        *name = "salary or contract price".into();
    }
    let side = |label: String, tco: &Tco| StackedBar {
        label,
        parts: tco.lines.iter().map(|l| l.first_year).enumerate().collect(),
    };
    let mut bars = Vec::new();
    if let Some(b) = benchmark {
        let source = b.used.first().map_or("benchmark", |u| u.source.as_str());
        bars.push(side(format!("{source}: in-house"), &b.in_house));
        bars.push(side(format!("{source}: outsourced"), &b.outsourced));
    }
    if let Some(o) = own {
        bars.push(side("Your plan: in-house".into(), &o.in_house));
        bars.push(side("Your plan: outsourced".into(), &o.outsourced));
    }
    Some(charts::stacked_bars(
        "compare-chart",
        "In-house vs outsourced, first-year cost",
        &names,
        &bars,
    ))
}

fn gantt(t: &Timeline) -> charts::Pair {
    let mut rows = Vec::new();
    let (mut at_min, mut at_max) = (0, 0);
    for phase in &t.phases {
        rows.push(GanttRow {
            label: format!("{}: {}-{} days", phase.name, phase.min_days, phase.max_days),
            earliest_start: at_min,
            earliest_end: at_min + phase.min_days,
            latest_end: at_max + phase.max_days,
            kind: GanttKind::Phase,
        });
        at_min += phase.min_days;
        at_max += phase.max_days;
    }
    let day = |d: chrono::NaiveDate| (d - t.search_starts).num_days();
    let mut window = |label: String, when: &hireloop_core::market::timeline::DateRange| {
        rows.push(GanttRow {
            label,
            earliest_start: day(when.earliest),
            earliest_end: day(when.earliest),
            latest_end: day(when.latest),
            kind: GanttKind::Window,
        });
    };
    window("accepted offer".into(), &t.offer);
    window("first day".into(), &t.start);
    for m in &t.ramp_up {
        window(format!("ramp-up: {}", m.name), &m.when);
    }
    charts::gantt(
        "timeline-chart",
        &format!("Time to hire through {}", t.channel.label().to_lowercase()),
        t.search_starts,
        &rows,
    )
}
