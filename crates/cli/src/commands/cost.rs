//! `hireloop cost …`: what a backend hire costs, from the market dataset — rate and salary bands,
//! the all-in cost, a wrong hire, junior vs senior, and a budget against the market. The total cost
//! of employment and the in-house vs outsourced comparison live in `cost_tco`.

use crate::cli::Global;
use crate::commands::cost_tco::{self, CompareArgs, TcoArgs};
use crate::commands::dataset::{self, DatasetArgs};
use crate::commands::market::{flagged, parse_flag, print_used, table, title, Computed, DataArgs};
use crate::error::CliError;
use crate::output::{print_json, say, Format};
use clap::{Args, Subcommand};
use hireloop_core::level::Level;
use hireloop_core::market::bands::{self, SourcedBand, DEFAULT_HOURS_PER_YEAR};
use hireloop_core::market::cost::{self, Budget, Verdict};
use hireloop_core::market::{money, Dataset};
use hireloop_core::money::RatePeriod;

#[derive(Debug, Args)]
pub struct CostArgs {
    #[command(flatten)]
    pub data: DataArgs,
    #[command(subcommand)]
    pub command: CostCommand,
}

#[derive(Debug, Subcommand)]
pub enum CostCommand {
    /// Hourly rate bands for a level in a region from every source, and the same bands per year.
    Rates(RatesArgs),
    /// Annual salary bands and medians for a country, optionally after the remote discount.
    Salaries(SalariesArgs),
    /// Total cost of employment of one hire, line by line: first year vs steady state.
    Tco(TcoArgs),
    /// In-house vs outsourced, first year. With no flags: StepTo's 2026 table recomputed from its
    /// inputs; any flag replaces that input to make the comparison yours.
    Compare(CompareArgs),
    /// Salary plus benefits, payroll taxes and overhead (KORE1 2026: 20-30%), before recruiting
    /// fees and ramp-up.
    AllIn(SalaryArgs),
    /// What a wrong hire costs (KORE1 2026: 3-5x annual salary), with the parts the figures allow.
    WrongHire(SalaryArgs),
    /// What hiring junior for a senior job saves a year, and what it can cost later (KORE1 2026).
    JuniorVsSenior,
    /// A role's budget against the market band for its level and region: below, within or above,
    /// by how much, and what to do about it.
    Budget(BudgetArgs),
    /// The dataset in effect: version, files and sources; --figures lists every figure.
    Dataset(DatasetArgs),
}

#[derive(Debug, Args)]
pub struct RatesArgs {
    /// junior, mid or senior.
    #[arg(long)]
    pub level: String,
    /// A region the dataset has rates for. Shipped: united_states, canada, western_europe,
    /// latin_america, eastern_europe, asia (StepTo 2026); united_kingdom, india, global (MQBIT
    /// 2026). An unknown region is refused with the list of known ones.
    #[arg(long)]
    pub region: String,
    /// The primary language, to say where it sits within each band (StepTo 2026: Go, Rust and
    /// Java toward the top, PHP and Ruby toward the bottom).
    #[arg(long)]
    pub language: Option<String>,
    /// Hours worked per year (500-3000), to turn hourly bands into annual ones. Default 2080
    /// (40 h x 52 weeks): a hireloop assumption, not a market figure.
    #[arg(long, default_value_t = DEFAULT_HOURS_PER_YEAR, allow_negative_numbers = true)]
    pub hours_per_year: f64,
}

#[derive(Debug, Args)]
pub struct SalariesArgs {
    /// ISO country code as the sources write it: US, UK, CA, DE, IN… An unknown country is
    /// refused with the list of known ones.
    #[arg(long)]
    pub country: String,
    /// junior, mid or senior. Default: every level, and figures that do not split by level.
    #[arg(long)]
    pub level: Option<String>,
    /// Also show the bands after the remote discount (Arc.dev via KORE1 2026: 10-15% lower).
    #[arg(long)]
    pub remote: bool,
}

#[derive(Debug, Args)]
pub struct SalaryArgs {
    /// Annual base salary in USD (0-10,000,000).
    #[arg(long, allow_negative_numbers = true)]
    pub salary: f64,
}

#[derive(Debug, Args)]
pub struct BudgetArgs {
    /// The role's level: junior, mid or senior.
    #[arg(long)]
    pub level: String,
    /// A region the dataset has rates for (see `cost rates --help`); the band compared against is
    /// the first level-specific one (StepTo 2026's region x level table).
    #[arg(long)]
    pub region: String,
    /// The bottom of the budget, whole USD per --period.
    #[arg(long, allow_negative_numbers = true)]
    pub min: f64,
    /// The top of the budget, whole USD per --period.
    #[arg(long, allow_negative_numbers = true)]
    pub max: f64,
    /// hour or year. An annual budget is compared with the hourly band x --hours-per-year.
    #[arg(long)]
    pub period: String,
    /// Hours worked per year (500-3000). Default 2080 (40 h x 52 weeks): a hireloop assumption.
    #[arg(long, default_value_t = DEFAULT_HOURS_PER_YEAR, allow_negative_numbers = true)]
    pub hours_per_year: f64,
}

pub fn run(global: &Global, args: CostArgs) -> Result<(), CliError> {
    let snapshot = args.data.load()?;
    let data = snapshot.dataset.as_ref();
    let format = global.format;
    match args.command {
        CostCommand::Rates(a) => rates(format, data, a),
        CostCommand::Salaries(a) => salaries(format, data, a),
        CostCommand::Tco(a) => cost_tco::tco(format, data, a),
        CostCommand::Compare(a) => cost_tco::compare(format, data, a),
        CostCommand::AllIn(a) => all_in(format, data, a),
        CostCommand::WrongHire(a) => wrong_hire(format, data, a),
        CostCommand::JuniorVsSenior => junior_vs_senior(format, data),
        CostCommand::Budget(a) => budget(format, data, a),
        CostCommand::Dataset(a) => dataset::run(format, &snapshot, a),
    }
}

fn band_rows(headers: &[&str], bands: &[SourcedBand], unit: &str) -> comfy_table::Table {
    let mut t = table(headers);
    for b in bands {
        t.add_row(vec![
            b.label.clone(),
            format!("{} {unit}", b.band),
            b.source.clone(),
        ]);
    }
    t
}

fn rates(format: Format, data: &Dataset, args: RatesArgs) -> Result<(), CliError> {
    let level: Level = parse_flag("--level", &args.level)?;
    let bands = bands::rate_bands(
        data,
        level,
        &args.region,
        args.language.as_deref(),
        args.hours_per_year,
    )
    .map_err(|e| flagged(e, &[]))?;
    if format == Format::Json {
        return print_json(&bands);
    }
    title(
        &format!("Rate bands, {}, {}", level.label(), bands.region),
        &bands.dataset_version,
    );
    let mut t = table(&["band", "USD per hour", "USD per year", "source"]);
    for (hourly, annual) in bands.hourly.iter().zip(&bands.annual) {
        t.add_row(vec![
            hourly.label.clone(),
            hourly.band.to_string(),
            annual.band.to_string(),
            hourly.source.clone(),
        ]);
    }
    say!("{t}");
    say!(
        "Per year = per hour x {} hours (hireloop assumption: 40 h x 52 weeks; change with --hours-per-year).",
        bands.hours_per_year
    );
    if let Some(note) = &bands.language_note {
        say!("{note}.");
    } else if let Some(language) = &args.language {
        say!("The dataset does not place {language} within the bands.");
    }
    Ok(())
}

fn salaries(format: Format, data: &Dataset, args: SalariesArgs) -> Result<(), CliError> {
    let level = match &args.level {
        Some(raw) => Some(parse_flag::<Level>("--level", raw)?),
        None => None,
    };
    let result = bands::salary_bands(data, &args.country, level, args.remote)
        .map_err(|e| flagged(e, &[]))?;
    if format == Format::Json {
        return print_json(&result);
    }
    let scope = level.map_or("all levels".to_string(), |l| l.label().to_string());
    title(
        &format!("Salaries, {}, {scope}, USD per year", result.country),
        &result.dataset_version,
    );
    if !result.bands.is_empty() {
        say!(
            "{}",
            band_rows(&["band", "range", "source"], &result.bands, "USD/yr")
        );
    }
    if !result.medians.is_empty() {
        print_used("Medians", &result.medians);
    }
    if !result.remote_adjusted.is_empty() {
        say!("Remote (after the remote discount):");
        say!(
            "{}",
            band_rows(
                &["band", "range", "source"],
                &result.remote_adjusted,
                "USD/yr"
            )
        );
    }
    Ok(())
}

fn all_in(format: Format, data: &Dataset, args: SalaryArgs) -> Result<(), CliError> {
    let result = cost::all_in(data, args.salary).map_err(|e| flagged(e, &[]))?;
    let version = &data.info.version;
    if format == Format::Json {
        return print_json(&Computed {
            dataset_version: version,
            result: &result,
        });
    }
    title("All-in cost of employment", version);
    say!(
        "Salary {} + benefits, payroll taxes and overhead = {} USD per year,",
        money(result.salary),
        result.all_in
    );
    say!("before recruiting fees and ramp-up (see `hireloop cost tco`).");
    print_used("Figures used", &result.used);
    Ok(())
}

fn wrong_hire(format: Format, data: &Dataset, args: SalaryArgs) -> Result<(), CliError> {
    let result = cost::wrong_hire(data, args.salary).map_err(|e| flagged(e, &[]))?;
    let version = &data.info.version;
    if format == Format::Json {
        return print_json(&Computed {
            dataset_version: version,
            result: &result,
        });
    }
    title("Cost of a wrong hire", version);
    say!(
        "A wrong hire at {} a year costs {} USD once everything is counted:",
        money(result.salary),
        result.total
    );
    let mut t = table(&["part", "USD"]);
    for line in &result.breakdown {
        t.add_row(vec![line.item.clone(), line.amount.to_string()]);
    }
    t.add_row(vec!["total".to_string(), result.total.to_string()]);
    say!("{t}");
    print_used("Figures used", &result.used);
    Ok(())
}

fn junior_vs_senior(format: Format, data: &Dataset) -> Result<(), CliError> {
    let result = cost::junior_vs_senior(data).map_err(|e| flagged(e, &[]))?;
    let version = &data.info.version;
    if format == Format::Json {
        return print_json(&Computed {
            dataset_version: version,
            result: &result,
        });
    }
    title("Junior vs senior", version);
    say!(
        "US median salary: junior {}, senior {}; hiring junior saves {} a year.",
        money(result.junior_median),
        money(result.senior_median),
        money(result.yearly_saving)
    );
    say!("{}", result.warning);
    print_used("Figures used", &result.used);
    Ok(())
}

fn budget(format: Format, data: &Dataset, args: BudgetArgs) -> Result<(), CliError> {
    let level: Level = parse_flag("--level", &args.level)?;
    let period: RatePeriod = parse_flag("--period", &args.period)?;
    let hours = bands::check_hours(args.hours_per_year).map_err(|e| flagged(e, &[]))?;
    let budget = Budget {
        min: args.min,
        max: args.max,
        period,
    };
    let check = cost::budget_check(data, level, &args.region, budget, hours)
        .map_err(|e| flagged(e, &[("budget.min", "--min"), ("budget.max", "--max")]))?;
    let version = &data.info.version;
    if format == Format::Json {
        return print_json(&Computed {
            dataset_version: version,
            result: &check,
        });
    }
    let unit = match period {
        RatePeriod::Hour => "USD/h",
        RatePeriod::Year => "USD/yr",
    };
    title(
        &format!(
            "Budget check, {}, {}",
            level.label(),
            args.region.trim().to_ascii_lowercase()
        ),
        version,
    );
    let verdict = match check.verdict {
        Verdict::Below => format!(
            "below the market by {} {unit} ({}%)",
            money(check.gap),
            check.gap_percent
        ),
        Verdict::Within => "within the market band".to_string(),
        Verdict::Above => format!("above the market by {} {unit}", money(check.gap)),
    };
    say!(
        "Budget {}-{} {unit} against the market's {} {unit}: {verdict}.",
        money(args.min),
        money(args.max),
        check.market
    );
    for advice in &check.advice {
        say!("- {advice}");
    }
    print_used("Figures used", &check.used);
    Ok(())
}
