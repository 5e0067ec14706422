//! "Plan a hire": one GET form (so a plan is a link) whose inputs default to market figures, each
//! shown with its source; the results are computed by the core's market functions (see `plan_view`).

use super::plan_view;
use super::render::{field_messages, View};
use crate::auth::WebUser;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::{Datelike, NaiveDate, Utc};
use hireloop_core::authz::Action;
use hireloop_core::level::Level;
use hireloop_core::market::advice::{AdviceInput, CompanyStage, TeamShapeInput, Urgency};
use hireloop_core::market::bands::{known_regions, DEFAULT_HOURS_PER_YEAR};
use hireloop_core::market::cost::TcoInput;
use hireloop_core::market::timeline::Channel;
use hireloop_core::market::{money, Dataset};
use hireloop_core::ValidationErrors;
use minijinja::{context, Value};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The form as typed: strings, so what was typed is shown again next to its error.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct PlanForm {
    pub level: String,
    pub region: String,
    pub language: String,
    pub country: String,
    pub remote: String,
    pub hours_per_year: String,
    pub base_salary: String,
    pub benefits_taxes_percent: String,
    pub recruiting_fee_percent: String,
    pub equipment_software: String,
    pub management_overhead: String,
    pub ramp_days: String,
    pub ramp_loss_percent: String,
    pub outsourced_cost: String,
    pub channel: String,
    pub start: String,
    pub stage: String,
    pub hires: String,
    pub duration_months: String,
    pub urgency: String,
    pub recruiting_capacity: String,
    pub backend_leadership: String,
    pub core_work: String,
    pub compliance: String,
    pub several_clients: String,
    pub significant_load: String,
    pub complex_logic: String,
    pub high_security: String,
    pub deep_performance: String,
    pub crud_app: String,
}

/// The inputs, parsed: what the market computations take.
pub struct PlanInput {
    pub level: Level,
    pub region: String,
    pub language: Option<String>,
    pub country: String,
    pub remote: bool,
    pub hours_per_year: f64,
    pub tco: TcoInput,
    /// The user's own outsourced price per year, to compare with the in-house cost.
    pub outsourced_cost: Option<f64>,
    pub channel: Channel,
    pub start: NaiveDate,
    pub advice: AdviceInput,
    pub team: TeamShapeInput,
}

/// A default value for an empty field, and where it comes from.
struct Preset {
    value: String,
    note: String,
}

/// GET /plan
pub async fn show(
    State(state): State<AppState>,
    WebUser(auth): WebUser,
    RawQuery(query): RawQuery,
) -> Response {
    let view = View::new(&state, &auth);
    view.finish(page(&view, query.as_deref().unwrap_or("")))
}

fn page(view: &View<'_>, query: &str) -> AppResult<Response> {
    view.authorize(Action::ViewMarketData)?;
    let mut form: PlanForm =
        serde_urlencoded::from_str(query).map_err(|e| AppError::BadRequest {
            field: None,
            message: format!("the plan's inputs could not be read: {e}"),
        })?;
    let data = view.state.market.dataset();
    let defaults = defaults(&data, &form);
    let notes: BTreeMap<&str, String> = defaults
        .iter()
        .map(|(field, d)| (*field, d.note.clone()))
        .collect();
    form.fill(&defaults);
    let mut errors = ValidationErrors::default();
    let results = match form.parse(&data, &mut errors) {
        Some(input) => plan_view::results(&data, &input, &mut errors),
        None => Value::UNDEFINED,
    };
    let (status, results) = if errors.is_empty() {
        (StatusCode::OK, results)
    } else {
        (StatusCode::UNPROCESSABLE_ENTITY, Value::UNDEFINED)
    };
    Ok(view.page_with_status(
        status,
        "plan.html",
        context! {
            section => "plan",
            dataset_version => data.info.version.as_str(),
            form => &form,
            notes => notes,
            errors => field_messages(&errors),
            options => options(&data),
            results => results,
        },
    ))
}

/// The choices of the select fields: the vocabularies, and the regions and countries the dataset knows.
fn options(data: &Dataset) -> Value {
    fn vocab<T: Copy>(
        all: &[T],
        name: fn(T) -> &'static str,
        label: fn(T) -> &'static str,
    ) -> Vec<Value> {
        all.iter()
            .map(|v| context! { value => name(*v), label => label(*v) })
            .collect()
    }
    let regions: Vec<_> = known_regions(data)
        .into_iter()
        .map(|r| context! { label => region_label(&r), value => r })
        .collect();
    let countries: Vec<_> = known_countries(data)
        .into_iter()
        .map(|c| context! { label => c.clone(), value => c })
        .collect();
    context! {
        levels => vocab(Level::ALL, Level::as_str, Level::label),
        channels => vocab(Channel::ALL, Channel::as_str, Channel::label),
        stages => vocab(CompanyStage::ALL, CompanyStage::as_str, CompanyStage::label),
        urgencies => vocab(Urgency::ALL, Urgency::as_str, Urgency::label),
        regions => regions,
        countries => countries,
    }
}

/// "eastern_europe" → "Eastern Europe".
pub(super) fn region_label(region: &str) -> String {
    region
        .split('_')
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or(String::new(), |first| {
                first.to_uppercase().chain(chars).collect()
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The countries the dataset has salaries or medians for (as `salary_bands` accepts them).
fn known_countries(data: &Dataset) -> Vec<String> {
    let mut known: Vec<String> = data
        .figures
        .salary
        .iter()
        .map(|s| s.country.clone())
        .chain(
            data.figures
                .country_median
                .iter()
                .flat_map(|c| c.medians.keys().cloned()),
        )
        .collect();
    known.sort();
    known.dedup();
    known
}

fn number(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// The defaults for empty fields, from the dataset where it has the figure, with their sources.
fn defaults(data: &Dataset, form: &PlanForm) -> BTreeMap<&'static str, Preset> {
    let mut out = BTreeMap::new();
    let mut put = |field: &'static str, value: String, note: String| {
        out.insert(field, Preset { value, note });
    };
    put("level", "mid".into(), String::new());
    put("region", "united_states".into(), String::new());
    put("country", "US".into(), String::new());
    put("channel", Channel::InHouse.as_str().into(), String::new());
    put("stage", CompanyStage::Growth.as_str().into(), String::new());
    put("urgency", Urgency::Normal.as_str().into(), String::new());
    put("hires", "1".into(), String::new());
    put(
        "start",
        Utc::now().date_naive().format("%Y-%m-%d").to_string(),
        "Default: today.".into(),
    );
    put(
        "hours_per_year",
        number(DEFAULT_HOURS_PER_YEAR),
        "Default 2080: 40 h × 52 weeks, a convention, not a market figure.".into(),
    );
    let level = form.level.parse::<Level>().unwrap_or(Level::Mid);
    let level = if form.level.trim().is_empty() {
        Level::Mid
    } else {
        level
    };
    let country = match form.country.trim() {
        "" => "US".to_string(),
        c => c.to_ascii_uppercase(),
    };
    match salary_default(data, level, &country) {
        Some((median, note)) => put("base_salary", number(median), note),
        None => put(
            "base_salary",
            String::new(),
            format!("No salary median for {country} in the dataset: enter your own."),
        ),
    }
    let percent = |key: &str, what: &str| {
        data.percentage(key).ok().map(|p| {
            (
                number((p.min + p.max) / 2.0),
                format!(
                    "Default: the middle of {}-{}% {what} ({}).",
                    number(p.min),
                    number(p.max),
                    data.cite(&p.source)
                ),
            )
        })
    };
    let missing = |what: &str| {
        (
            String::new(),
            format!("No benchmark for {what}: enter your own."),
        )
    };
    let (v, n) = percent(
        "benefits_taxes_overhead",
        "for benefits, payroll taxes and overhead",
    )
    .unwrap_or_else(|| missing("benefits and taxes"));
    put("benefits_taxes_percent", v, n);
    let (v, n) =
        percent("recruiting_fee", "placement fee").unwrap_or_else(|| missing("a recruiting fee"));
    put("recruiting_fee_percent", v, n);
    let table = data.figures.tco_table.first();
    for (field, value) in [
        (
            "equipment_software",
            table.map(|t| t.in_house.equipment_software),
        ),
        (
            "management_overhead",
            table.map(|t| t.in_house.management_overhead),
        ),
    ] {
        match (value, table) {
            (Some(v), Some(t)) => put(
                field,
                number(v),
                format!(
                    "Default {} USD/yr: {}'s in-house figure ({}).",
                    money(v),
                    data.cite(&t.source),
                    t.label
                ),
            ),
            _ => {
                let (v, n) = missing(field);
                put(field, v, n)
            }
        }
    }
    match data.range("ramp_reduced_productivity") {
        Ok(r) => put(
            "ramp_days",
            number((r.min + r.max) / 2.0),
            format!(
                "Default: the middle of {}-{} days of reduced productivity ({}).",
                number(r.min),
                number(r.max),
                data.cite(&r.source)
            ),
        ),
        Err(_) => put(
            "ramp_days",
            "0".into(),
            "No benchmark for ramp-up: 0 counts none.".into(),
        ),
    }
    put(
        "ramp_loss_percent",
        "0".into(),
        "Default 0: no source says how much is lost while ramping up; set your own estimate."
            .into(),
    );
    put(
        "outsourced_cost",
        String::new(),
        "Optional, USD per year: e.g. a contractor's hourly rate × hours; compared with your in-house cost.".into(),
    );
    put(
        "duration_months",
        String::new(),
        "Leave empty for an open-ended need.".into(),
    );
    out
}

/// The median salary for the level in the country, else the country's median across levels.
fn salary_default(data: &Dataset, level: Level, country: &str) -> Option<(f64, String)> {
    let by_level = data.figures.salary.iter().find_map(|s| {
        let fits = s.country == country && s.level.as_deref() == Some(level.as_str());
        s.median.filter(|_| fits).map(|m| {
            let note = format!(
                "Default {}: median base salary, {} {} ({}).",
                money(m),
                country,
                level.label().to_lowercase(),
                data.cite(&s.source)
            );
            (m, note)
        })
    });
    by_level.or_else(|| {
        data.figures.country_median.iter().find_map(|c| {
            c.medians.get(country).map(|m| {
                let note = format!(
                    "Default {}: median total pay in {country}, all levels, as of {} ({}); the dataset has no median by level there.",
                    money(*m),
                    c.as_of,
                    data.cite(&c.source)
                );
                (*m, note)
            })
        })
    })
}

/// Parses an amount as typed: "110,000", "110000", "$ 110 000".
fn amount(field: &str, raw: &str, errors: &mut ValidationErrors) -> Option<f64> {
    let cleaned: String = raw
        .chars()
        .filter(|c| !matches!(c, ',' | '_' | ' ' | '$'))
        .collect();
    let parsed = cleaned
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(|| format!("must be a number (got '{raw}')"));
    errors.check(field, parsed)
}

fn whole(field: &str, raw: &str, errors: &mut ValidationErrors) -> Option<u32> {
    let parsed = raw
        .trim()
        .parse::<u32>()
        .map_err(|_| format!("must be a whole number (got '{raw}')"));
    errors.check(field, parsed)
}

fn checked(raw: &str) -> bool {
    !raw.is_empty() && raw != "false" && raw != "0"
}

impl PlanForm {
    /// Puts each default into its field when the field was left empty.
    fn fill(&mut self, defaults: &BTreeMap<&'static str, Preset>) {
        for (field, slot) in [
            ("level", &mut self.level),
            ("region", &mut self.region),
            ("country", &mut self.country),
            ("hours_per_year", &mut self.hours_per_year),
            ("base_salary", &mut self.base_salary),
            ("benefits_taxes_percent", &mut self.benefits_taxes_percent),
            ("recruiting_fee_percent", &mut self.recruiting_fee_percent),
            ("equipment_software", &mut self.equipment_software),
            ("management_overhead", &mut self.management_overhead),
            ("ramp_days", &mut self.ramp_days),
            ("ramp_loss_percent", &mut self.ramp_loss_percent),
            ("channel", &mut self.channel),
            ("start", &mut self.start),
            ("stage", &mut self.stage),
            ("hires", &mut self.hires),
            ("urgency", &mut self.urgency),
        ] {
            if slot.trim().is_empty() {
                if let Some(d) = defaults.get(field) {
                    *slot = d.value.clone();
                }
            }
        }
    }

    /// The parsed inputs, or None with every problem recorded against its field.
    fn parse(&self, data: &Dataset, errors: &mut ValidationErrors) -> Option<PlanInput> {
        let level = errors.check("level", self.level.parse::<Level>());
        let region = self
            .region
            .trim()
            .to_ascii_lowercase()
            .replace([' ', '-'], "_");
        let regions = known_regions(data);
        if !regions.contains(&region) {
            errors.add(
                "region",
                format!(
                    "unknown region '{}'; expected one of: {}",
                    self.region,
                    regions.join(", ")
                ),
            );
        }
        let country = self.country.trim().to_ascii_uppercase();
        let countries = known_countries(data);
        if !countries.contains(&country) {
            errors.add(
                "country",
                format!(
                    "unknown country '{}'; expected one of: {}",
                    self.country,
                    countries.join(", ")
                ),
            );
        }
        let hours = amount("hours_per_year", &self.hours_per_year, errors);
        let base_salary = if self.base_salary.trim().is_empty() {
            errors.add("base_salary", "enter the annual base salary in USD");
            None
        } else {
            amount("base_salary", &self.base_salary, errors)
        };
        let mut num = |field: &str, raw: &str| amount(field, raw, errors);
        let benefits = num("benefits_taxes_percent", &self.benefits_taxes_percent);
        let fee = num("recruiting_fee_percent", &self.recruiting_fee_percent);
        let equipment = num("equipment_software", &self.equipment_software);
        let management = num("management_overhead", &self.management_overhead);
        let ramp_days = num("ramp_days", &self.ramp_days);
        let ramp_loss = num("ramp_loss_percent", &self.ramp_loss_percent);
        let outsourced = match self.outsourced_cost.trim() {
            "" => Some(None),
            raw => num("outsourced_cost", raw).map(Some),
        };
        let channel = errors.check("channel", self.channel.parse::<Channel>());
        let start = errors.check("start", parse_start(&self.start));
        let stage = errors.check("stage", self.stage.parse::<CompanyStage>());
        let urgency = errors.check("urgency", self.urgency.parse::<Urgency>());
        let hires = whole("hires", &self.hires, errors);
        let duration = match self.duration_months.trim() {
            "" => Some(None),
            raw => whole("duration_months", raw, errors).map(Some),
        };
        let tco = TcoInput {
            base_salary: base_salary?,
            benefits_taxes_percent: benefits?,
            recruiting_fee_percent: fee?,
            equipment_software: equipment?,
            management_overhead: management?,
            ramp_days: ramp_days?,
            ramp_loss_percent: ramp_loss?,
        };
        let level = level?;
        if !errors.is_empty() {
            return None;
        }
        Some(PlanInput {
            level,
            region,
            language: Some(self.language.trim().to_string()).filter(|l| !l.is_empty()),
            country,
            remote: checked(&self.remote),
            hours_per_year: hours?,
            tco,
            outsourced_cost: outsourced?,
            channel: channel?,
            start: start?,
            advice: AdviceInput {
                stage: stage?,
                hires: hires?,
                duration_months: duration?,
                urgency: urgency?,
                level: Some(level),
                recruiting_capacity: checked(&self.recruiting_capacity),
                backend_leadership: checked(&self.backend_leadership),
                core_work: checked(&self.core_work),
                compliance: checked(&self.compliance),
            },
            team: TeamShapeInput {
                stage,
                several_clients: checked(&self.several_clients),
                significant_load: checked(&self.significant_load),
                complex_logic: checked(&self.complex_logic),
                high_security: checked(&self.high_security),
                deep_performance: checked(&self.deep_performance),
                crud_app: checked(&self.crud_app),
            },
        })
    }
}

/// A search start date: a real date in a plausible range (date arithmetic far out would overflow).
fn parse_start(raw: &str) -> Result<NaiveDate, String> {
    let date = NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
        .map_err(|_| format!("'{raw}' is not a date as YYYY-MM-DD"))?;
    if !(2000..=2100).contains(&date.year()) {
        return Err(format!(
            "{date} is not plausible (use a year from 2000 to 2100)"
        ));
    }
    Ok(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data() -> Dataset {
        Dataset::shipped().unwrap()
    }

    #[test]
    fn empty_fields_take_market_defaults_with_their_sources() {
        let mut form = PlanForm {
            level: "senior".into(),
            ..Default::default()
        };
        let defaults = defaults(&data(), &form);
        form.fill(&defaults);
        assert_eq!(form.base_salary, "155000");
        assert!(defaults["base_salary"].note.contains("KORE1 2026"));
        assert_eq!(form.benefits_taxes_percent, "25");
        assert_eq!(form.equipment_software, "3000");
        assert_eq!(form.ramp_days, "75");
        let mut errors = ValidationErrors::default();
        let input = form.parse(&data(), &mut errors).unwrap();
        assert!(errors.is_empty(), "{errors}");
        assert_eq!(input.tco.management_overhead, 15_000.0);
        assert_eq!(input.advice.level, Some(Level::Senior));
    }

    #[test]
    fn countries_without_a_level_median_fall_back_to_the_country_median() {
        let (median, note) = salary_default(&data(), Level::Mid, "DE").unwrap();
        assert_eq!(median, 73_000.0);
        assert!(note.contains("all levels"), "{note}");
    }

    #[test]
    fn every_bad_field_is_named() {
        let mut form = PlanForm {
            level: "guru".into(),
            region: "mars".into(),
            base_salary: "lots".into(),
            start: "2026-02-30".into(),
            hires: "-1".into(),
            ..Default::default()
        };
        form.fill(&defaults(&data(), &form));
        let mut errors = ValidationErrors::default();
        assert!(form.parse(&data(), &mut errors).is_none());
        for field in ["level", "region", "base_salary", "start", "hires"] {
            assert!(errors.message_for(field).is_some(), "{field}: {errors}");
        }
        assert!(errors
            .message_for("region")
            .unwrap()
            .contains("eastern_europe"));
        assert_eq!(amount("x", "$110,000", &mut errors), Some(110_000.0));
        assert_eq!(region_label("eastern_europe"), "Eastern Europe");
    }
}
