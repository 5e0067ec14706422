//! `hireloop cost tco` and `cost compare`: the total cost of employment, line by line, and in-house
//! vs outsourced. Inputs not given on the command line come from the dataset, and the output says
//! for each input whether it was a flag, a sourced figure or a hireloop assumption.

use crate::commands::market::{flagged, print_used, table, title};
use crate::error::CliError;
use crate::output::{print_json, say, Format};
use clap::Args;
use hireloop_core::market::cost::{self, Comparison, Tco, TcoInput};
use hireloop_core::market::dataset::{CostFactors, TcoTable};
use hireloop_core::market::{money, Cited, Dataset, MarketError};
use serde::Serialize;

#[derive(Debug, Args)]
pub struct TcoArgs {
    /// Annual base salary in USD (0-10,000,000).
    #[arg(long, allow_negative_numbers = true)]
    pub salary: f64,
    /// Benefits, payroll taxes and overhead, % of salary (0-200). Default: the in-house side of
    /// the dataset's in-house vs outsourced table (StepTo 2026: 30; KORE1 2026 gives 20-30).
    #[arg(long, allow_negative_numbers = true)]
    pub benefits_percent: Option<f64>,
    /// Recruiting fee, % of first-year salary, paid once (0-100). Default: the same table
    /// (StepTo 2026: 20; KORE1 2026 gives 20-25 for placed direct hires).
    #[arg(long, allow_negative_numbers = true)]
    pub recruiting_percent: Option<f64>,
    /// Equipment and software, USD per year. Default: the same table (StepTo 2026: 3,000).
    #[arg(long, allow_negative_numbers = true)]
    pub equipment: Option<f64>,
    /// Management overhead, USD per year. Default: the same table (StepTo 2026: 15,000).
    #[arg(long, allow_negative_numbers = true)]
    pub management: Option<f64>,
    /// Days of reduced productivity after the start (0-365). Default: the low end of the
    /// dataset's ramp-up figure (KORE1 2026: 60-90 days).
    #[arg(long, allow_negative_numbers = true)]
    pub ramp_days: Option<f64>,
    /// Share of salary lost during those days, % (0-100). Default 0: no source gives it, so
    /// ramp-up costs nothing until you set it (a hireloop assumption).
    #[arg(long, allow_negative_numbers = true)]
    pub ramp_loss_percent: Option<f64>,
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// In-house annual base salary, USD. Default: the dataset's table (StepTo 2026: 140,000, US mid-level).
    #[arg(long, allow_negative_numbers = true)]
    pub in_house_salary: Option<f64>,
    /// Outsourced annual cost, USD. Default: the dataset's table (StepTo 2026: 68,000, Eastern Europe).
    #[arg(long, allow_negative_numbers = true)]
    pub outsourced_salary: Option<f64>,
    /// In-house benefits and taxes, % of salary. Default: the table (StepTo 2026: 30).
    #[arg(long, allow_negative_numbers = true)]
    pub in_house_benefits_percent: Option<f64>,
    /// Outsourced benefits and taxes, % of salary. Default: the table (StepTo 2026: 0, included in the rate).
    #[arg(long, allow_negative_numbers = true)]
    pub outsourced_benefits_percent: Option<f64>,
    /// In-house recruiting fee, % of first-year salary. Default: the table (StepTo 2026: 20).
    #[arg(long, allow_negative_numbers = true)]
    pub in_house_recruiting_percent: Option<f64>,
    /// Outsourced recruiting fee, % of first-year cost. Default: the table (StepTo 2026: 0).
    #[arg(long, allow_negative_numbers = true)]
    pub outsourced_recruiting_percent: Option<f64>,
    /// In-house equipment and software, USD per year. Default: the table (StepTo 2026: 3,000).
    #[arg(long, allow_negative_numbers = true)]
    pub in_house_equipment: Option<f64>,
    /// Outsourced equipment and software, USD per year. Default: the table (StepTo 2026: 0, included).
    #[arg(long, allow_negative_numbers = true)]
    pub outsourced_equipment: Option<f64>,
    /// In-house management overhead, USD per year. Default: the table (StepTo 2026: 15,000).
    #[arg(long, allow_negative_numbers = true)]
    pub in_house_management: Option<f64>,
    /// Outsourced management overhead, USD per year. Default: the table (StepTo 2026: 0, included).
    #[arg(long, allow_negative_numbers = true)]
    pub outsourced_management: Option<f64>,
}

/// Builds inputs from flags and dataset defaults, remembering where each value came from.
struct Inputs<'a> {
    data: &'a Dataset,
    table: Option<&'a TcoTable>,
    used: Vec<Cited>,
}

impl<'a> Inputs<'a> {
    fn new(data: &'a Dataset) -> Self {
        Self {
            data,
            table: data.figures.tco_table.first(),
            used: Vec::new(),
        }
    }

    /// The flag's value, else the table's (for one side), else "no benchmark".
    fn flag_or_table(
        &mut self,
        what: &str,
        flag: &str,
        given: Option<f64>,
        side: fn(&TcoTable) -> &CostFactors,
        pick: fn(&CostFactors) -> f64,
    ) -> Result<f64, CliError> {
        if let Some(value) = given {
            self.used.push(Cited::new(what, fmt(value), flag));
            return Ok(value);
        }
        let table = self.table.ok_or_else(|| {
            CliError::Failed(format!(
                "no benchmark for a default of {flag} (the dataset has no in-house vs outsourced table); give {flag}"
            ))
        })?;
        let value = pick(side(table));
        let source = format!("{} ({})", self.data.cite(&table.source), table.label);
        self.used.push(Cited::new(what, fmt(value), source));
        Ok(value)
    }
}

fn fmt(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() >= 1000.0 {
        money(value)
    } else {
        value.to_string()
    }
}

fn in_house(t: &TcoTable) -> &CostFactors {
    &t.in_house
}

fn outsourced(t: &TcoTable) -> &CostFactors {
    &t.outsourced
}

/// Core field names → this command's flags, for error messages.
const TCO_FLAGS: &[(&str, &str)] = &[
    ("base_salary", "--salary"),
    ("benefits_taxes_percent", "--benefits-percent"),
    ("recruiting_fee_percent", "--recruiting-percent"),
    ("equipment_software", "--equipment"),
    ("management_overhead", "--management"),
];

#[derive(Serialize)]
struct TcoView<'a> {
    dataset_version: &'a str,
    /// Every input and where it came from: a flag, a source, or a hireloop assumption.
    inputs: &'a [Cited],
    #[serde(flatten)]
    tco: &'a Tco,
}

pub fn tco(format: Format, data: &Dataset, args: TcoArgs) -> Result<(), CliError> {
    let mut inputs = Inputs::new(data);
    inputs
        .used
        .push(Cited::new("base salary", fmt(args.salary), "--salary"));
    let benefits = inputs.flag_or_table(
        "benefits & taxes, % of salary",
        "--benefits-percent",
        args.benefits_percent,
        in_house,
        |f| f.benefits_taxes_percent,
    )?;
    let recruiting = inputs.flag_or_table(
        "recruiting fee, % of first-year salary",
        "--recruiting-percent",
        args.recruiting_percent,
        in_house,
        |f| f.recruiting_percent,
    )?;
    let equipment = inputs.flag_or_table(
        "equipment & software, per year",
        "--equipment",
        args.equipment,
        in_house,
        |f| f.equipment_software,
    )?;
    let management = inputs.flag_or_table(
        "management overhead, per year",
        "--management",
        args.management,
        in_house,
        |f| f.management_overhead,
    )?;
    let ramp_days = match args.ramp_days {
        Some(days) => {
            inputs
                .used
                .push(Cited::new("ramp-up days", fmt(days), "--ramp-days"));
            days
        }
        None => {
            let ramp = data
                .range("ramp_reduced_productivity")
                .map_err(|e| flagged(e, &[]))?;
            inputs.used.push(Cited::new(
                "ramp-up days",
                fmt(ramp.min),
                format!(
                    "{} ({}: {}-{} days, low end)",
                    data.cite(&ramp.source),
                    ramp.label,
                    ramp.min,
                    ramp.max
                ),
            ));
            ramp.min
        }
    };
    let ramp_loss = args.ramp_loss_percent.unwrap_or(0.0);
    inputs.used.push(Cited::new(
        "productivity lost while ramping, %",
        fmt(ramp_loss),
        if args.ramp_loss_percent.is_some() {
            "--ramp-loss-percent"
        } else {
            "hireloop assumption (no source gives it)"
        },
    ));
    let input = TcoInput {
        base_salary: args.salary,
        benefits_taxes_percent: benefits,
        recruiting_fee_percent: recruiting,
        equipment_software: equipment,
        management_overhead: management,
        ramp_days,
        ramp_loss_percent: ramp_loss,
    };
    let result = cost::total_cost(&input).map_err(|e| flagged(e, TCO_FLAGS))?;
    let version = &data.info.version;
    if format == Format::Json {
        return print_json(&TcoView {
            dataset_version: version,
            inputs: &inputs.used,
            tco: &result,
        });
    }
    title("Total cost of employment, USD per year", version);
    let mut t = table(&["cost factor", "first year", "steady state"]);
    for line in &result.lines {
        t.add_row(vec![
            line.item.clone(),
            money(line.first_year),
            money(line.steady_state),
        ]);
    }
    t.add_row(vec![
        "total".to_string(),
        money(result.first_year),
        money(result.steady_state),
    ]);
    say!("{t}");
    say!("The first year includes the recruiting fee and the ramp-up loss; later years do not.");
    print_used("Inputs", &inputs.used);
    Ok(())
}

#[derive(Serialize)]
struct CompareView<'a> {
    dataset_version: &'a str,
    /// `benchmark` (the dataset's table, unchanged) or `custom`.
    kind: &'static str,
    /// Every input and where it came from (a custom comparison only).
    inputs: &'a [Cited],
    #[serde(flatten)]
    comparison: &'a Comparison,
}

pub fn compare(format: Format, data: &Dataset, args: CompareArgs) -> Result<(), CliError> {
    let given = [
        args.in_house_salary,
        args.outsourced_salary,
        args.in_house_benefits_percent,
        args.outsourced_benefits_percent,
        args.in_house_recruiting_percent,
        args.outsourced_recruiting_percent,
        args.in_house_equipment,
        args.outsourced_equipment,
        args.in_house_management,
        args.outsourced_management,
    ];
    let (comparison, inputs, kind) = if given.iter().all(Option::is_none) {
        let c = cost::benchmark_comparison(data).map_err(|e| flagged(e, &[]))?;
        (c, Vec::new(), "benchmark")
    } else {
        let mut inputs = Inputs::new(data);
        let mut side = |prefix: &str,
                        pick: fn(&TcoTable) -> &CostFactors,
                        values: [Option<f64>; 5]|
         -> Result<TcoInput, CliError> {
            let name = prefix.replace('-', " ");
            let salary = inputs.flag_or_table(
                &format!("{name}: base salary"),
                &format!("--{prefix}-salary"),
                values[0],
                pick,
                |f| f.base_salary,
            )?;
            let benefits = inputs.flag_or_table(
                &format!("{name}: benefits & taxes, %"),
                &format!("--{prefix}-benefits-percent"),
                values[1],
                pick,
                |f| f.benefits_taxes_percent,
            )?;
            let recruiting = inputs.flag_or_table(
                &format!("{name}: recruiting, %"),
                &format!("--{prefix}-recruiting-percent"),
                values[2],
                pick,
                |f| f.recruiting_percent,
            )?;
            let equipment = inputs.flag_or_table(
                &format!("{name}: equipment & software"),
                &format!("--{prefix}-equipment"),
                values[3],
                pick,
                |f| f.equipment_software,
            )?;
            let management = inputs.flag_or_table(
                &format!("{name}: management overhead"),
                &format!("--{prefix}-management"),
                values[4],
                pick,
                |f| f.management_overhead,
            )?;
            let input = TcoInput {
                base_salary: salary,
                benefits_taxes_percent: benefits,
                recruiting_fee_percent: recruiting,
                equipment_software: equipment,
                management_overhead: management,
                ramp_days: 0.0,
                ramp_loss_percent: 0.0,
            };
            // Checked side by side so an error names the side's flag.
            cost::total_cost(&input).map_err(|e| side_flag(e, prefix))?;
            Ok(input)
        };
        let house = side(
            "in-house",
            in_house,
            [
                args.in_house_salary,
                args.in_house_benefits_percent,
                args.in_house_recruiting_percent,
                args.in_house_equipment,
                args.in_house_management,
            ],
        )?;
        let out = side(
            "outsourced",
            outsourced,
            [
                args.outsourced_salary,
                args.outsourced_benefits_percent,
                args.outsourced_recruiting_percent,
                args.outsourced_equipment,
                args.outsourced_management,
            ],
        )?;
        let c = cost::compare(&house, &out).map_err(|e| flagged(e, &[]))?;
        (c, inputs.used, "custom")
    };
    let version = &data.info.version;
    if format == Format::Json {
        return print_json(&CompareView {
            dataset_version: version,
            kind,
            inputs: &inputs,
            comparison: &comparison,
        });
    }
    print_comparison(version, kind, &comparison, &inputs);
    Ok(())
}

fn side_flag(err: MarketError, prefix: &str) -> CliError {
    let renames: Vec<(String, String)> = TCO_FLAGS
        .iter()
        .map(|(field, flag)| {
            let flag = flag.trim_start_matches("--");
            (field.to_string(), format!("--{prefix}-{flag}"))
        })
        .collect();
    let borrowed: Vec<(&str, &str)> = renames
        .iter()
        .map(|(f, fl)| (f.as_str(), fl.as_str()))
        .collect();
    flagged(err, &borrowed)
}

fn print_comparison(version: &str, kind: &str, c: &Comparison, inputs: &[Cited]) {
    let heading = if kind == "benchmark" {
        "In-house vs outsourced, first year, USD: the dataset's table recomputed"
    } else {
        "In-house vs outsourced, first year, USD"
    };
    title(heading, version);
    let mut t = table(&["cost factor", "in-house", "outsourced", "savings"]);
    for (h, o) in c.in_house.lines.iter().zip(&c.outsourced.lines) {
        t.add_row(vec![
            h.item.clone(),
            money(h.first_year),
            money(o.first_year),
            money(h.first_year - o.first_year),
        ]);
    }
    t.add_row(vec![
        "total".to_string(),
        money(c.in_house.first_year),
        money(c.outsourced.first_year),
        format!("{} ({}%)", money(c.savings), c.savings_percent),
    ]);
    say!("{t}");
    say!(
        "In-house {} vs outsourced {} per year: savings {} ({}%).",
        money(c.in_house.first_year),
        money(c.outsourced.first_year),
        money(c.savings),
        c.savings_percent
    );
    say!(
        "Later years, without recruiting: in-house {} vs outsourced {}.",
        money(c.in_house.steady_state),
        money(c.outsourced.steady_state)
    );
    print_used("The source's own figures", &c.used);
    print_used("Inputs", inputs);
}
