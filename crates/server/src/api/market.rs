//! `/api/v1/market`: the market dataset and what is computed from it — rate and salary bands, the
//! cost of a hire, budget checks, time to hire, and channel / engagement advice. Every answer names
//! the dataset version and the figures it used; a missing figure is a 422 `no_benchmark`, never a guess.

use super::extract::{ApiJson, ApiQuery};
use crate::auth::ApiUser;
use crate::error::{AppError, AppResult, ErrorBody};
use crate::market::FileInEffect;
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use chrono::{Datelike, NaiveDate, Utc};
use hireloop_core::authz::{authorize, Action};
use hireloop_core::level::Level;
use hireloop_core::market::advice::{self, Advice, AdviceInput, TeamShapeInput};
use hireloop_core::market::bands::{self, RateBands, SalaryBands, DEFAULT_HOURS_PER_YEAR};
use hireloop_core::market::cost::{
    self, AllIn, BudgetCheck, Comparison, JuniorVsSenior, Tco, TcoInput, WrongHire,
};
use hireloop_core::market::dataset::Source;
use hireloop_core::market::timeline::{self, Channel, Timeline};
use hireloop_core::market::{Dataset, MarketError};
use hireloop_core::money::RatePeriod;
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use utoipa::{IntoParams, ToSchema};

/// A computed result and the dataset version it was computed with.
#[derive(Debug, Serialize, ToSchema)]
pub struct Computed<T: ToSchema> {
    pub dataset_version: String,
    #[serde(flatten)]
    pub result: T,
}

fn computed<T: ToSchema>(data: &Dataset, result: T) -> Json<Computed<T>> {
    Json(Computed {
        dataset_version: data.info.version.clone(),
        result,
    })
}

/// The dataset in effect, for a caller allowed to read it.
fn dataset_for(state: &AppState, user: &ApiUser) -> AppResult<Arc<Dataset>> {
    authorize(&user.0.principal(), Action::ViewMarketData)?;
    Ok(state.market.dataset())
}

/// A market error about a field that this endpoint's input names differently.
fn renamed(err: MarketError, name: impl Fn(&str) -> String) -> AppError {
    match err {
        MarketError::Unknown { field, message } | MarketError::OutOfRange { field, message } => {
            AppError::field(name(field), message)
        }
        other => other.into(),
    }
}

/// Parses a closed-vocabulary value (level, channel…) from a query parameter: 422 naming it.
fn parse_param<T: std::str::FromStr<Err = String>>(field: &str, raw: &str) -> AppResult<T> {
    raw.parse()
        .map_err(|message: String| AppError::field(field, message))
}

/// The whole dataset in effect.
#[derive(Debug, Serialize, ToSchema)]
pub struct DatasetView {
    pub dataset_version: String,
    pub name: String,
    /// The files it was built from, in order: a later file with an earlier name replaced it.
    pub files: Vec<FileInEffect>,
    /// The publications the figures come from; each figure names one by `id` in its `source`.
    #[schema(value_type = Vec<Object>)]
    pub sources: Vec<Source>,
    /// Every figure, grouped as in the data files: `hourly_rate`, `platform_rate`,
    /// `language_position`, `salary`, `country_median`, `percentage`, `range`, `example`,
    /// `tco_table`, `channel_rule`, `engagement_rule`, `team_shape_rule`.
    #[schema(value_type = Object)]
    pub figures: serde_json::Value,
}

#[utoipa::path(get, path = "/api/v1/market/dataset", tag = "market",
    responses((status = 200, body = DatasetView), (status = 401, body = ErrorBody)))]
pub async fn dataset(State(state): State<AppState>, user: ApiUser) -> AppResult<Json<DatasetView>> {
    authorize(&user.0.principal(), Action::ViewMarketData)?;
    let snapshot = state.market.snapshot();
    let data = &snapshot.dataset;
    let mut figures = serde_json::to_value(&data.figures)
        .map_err(|e| AppError::Internal(anyhow::Error::new(e).context("market figures")))?;
    if let Some(groups) = figures.as_object_mut() {
        // Shown in their own fields.
        groups.remove("dataset");
        groups.remove("source");
    }
    Ok(Json(DatasetView {
        dataset_version: data.info.version.clone(),
        name: data.info.name.clone(),
        files: snapshot.files.as_ref().clone(),
        sources: data.figures.source.clone(),
        figures,
    }))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct RatesQuery {
    /// junior, mid or senior.
    pub level: String,
    /// A region the dataset has rates for (united_states, eastern_europe, india…); an unknown one
    /// is refused with the list of known ones.
    pub region: String,
    /// The primary language, to say where it sits within each band.
    pub language: Option<String>,
    /// Hours worked per year, for the annual figures; 2080 (40 h × 52 weeks) when omitted.
    pub hours_per_year: Option<f64>,
}

#[utoipa::path(get, path = "/api/v1/market/rates", tag = "market", params(RatesQuery),
    responses((status = 200, body = RateBands), (status = 400, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn rates(
    State(state): State<AppState>,
    user: ApiUser,
    ApiQuery(query): ApiQuery<RatesQuery>,
) -> AppResult<Json<RateBands>> {
    let data = dataset_for(&state, &user)?;
    let level: Level = parse_param("level", &query.level)?;
    Ok(Json(bands::rate_bands(
        &data,
        level,
        &query.region,
        query.language.as_deref(),
        query.hours_per_year.unwrap_or(DEFAULT_HOURS_PER_YEAR),
    )?))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct SalariesQuery {
    /// ISO country code as the sources write it: US, UK, DE, IN…
    pub country: String,
    /// junior, mid or senior; all levels when omitted.
    pub level: Option<String>,
    /// Also show the bands after the remote discount.
    pub remote: Option<bool>,
}

#[utoipa::path(get, path = "/api/v1/market/salaries", tag = "market", params(SalariesQuery),
    responses((status = 200, body = SalaryBands), (status = 400, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn salaries(
    State(state): State<AppState>,
    user: ApiUser,
    ApiQuery(query): ApiQuery<SalariesQuery>,
) -> AppResult<Json<SalaryBands>> {
    let data = dataset_for(&state, &user)?;
    let level = match &query.level {
        Some(raw) => Some(parse_param::<Level>("level", raw)?),
        None => None,
    };
    Ok(Json(bands::salary_bands(
        &data,
        &query.country,
        level,
        query.remote.unwrap_or(false),
    )?))
}

/// Total cost of employment for one hire: first year (recruiting and ramp-up included) and steady state.
#[utoipa::path(post, path = "/api/v1/market/cost", tag = "market", request_body = TcoInput,
    responses((status = 200, body = Computed<Tco>), (status = 422, body = ErrorBody)))]
pub async fn cost(
    State(state): State<AppState>,
    user: ApiUser,
    ApiJson(input): ApiJson<TcoInput>,
) -> AppResult<Json<Computed<Tco>>> {
    let data = dataset_for(&state, &user)?;
    Ok(computed(&data, cost::total_cost(&input)?))
}

/// The two sides of a cost comparison.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CompareInput {
    pub in_house: TcoInput,
    pub outsourced: TcoInput,
}

#[utoipa::path(post, path = "/api/v1/market/compare", tag = "market", request_body = CompareInput,
    responses((status = 200, body = Computed<Comparison>), (status = 422, body = ErrorBody)))]
pub async fn compare(
    State(state): State<AppState>,
    user: ApiUser,
    ApiJson(input): ApiJson<CompareInput>,
) -> AppResult<Json<Computed<Comparison>>> {
    let data = dataset_for(&state, &user)?;
    // Each side on its own first, so an error names the side it is in.
    cost::total_cost(&input.in_house).map_err(|e| renamed(e, |f| format!("in_house.{f}")))?;
    cost::total_cost(&input.outsourced).map_err(|e| renamed(e, |f| format!("outsourced.{f}")))?;
    Ok(computed(
        &data,
        cost::compare(&input.in_house, &input.outsourced)?,
    ))
}

/// The dataset's in-house vs outsourced table (StepTo 2026), recomputed from its inputs, with the
/// totals the source states cited beside it.
#[utoipa::path(get, path = "/api/v1/market/compare/benchmark", tag = "market",
    responses((status = 200, body = Computed<Comparison>), (status = 422, body = ErrorBody)))]
pub async fn benchmark(
    State(state): State<AppState>,
    user: ApiUser,
) -> AppResult<Json<Computed<Comparison>>> {
    let data = dataset_for(&state, &user)?;
    Ok(computed(&data, cost::benchmark_comparison(&data)?))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct SalaryQuery {
    /// Annual base salary in USD.
    pub salary: f64,
}

/// Salary plus benefits, payroll taxes and overhead (KORE1 2026: 20-30%).
#[utoipa::path(get, path = "/api/v1/market/all-in", tag = "market", params(SalaryQuery),
    responses((status = 200, body = Computed<AllIn>), (status = 400, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn all_in(
    State(state): State<AppState>,
    user: ApiUser,
    ApiQuery(query): ApiQuery<SalaryQuery>,
) -> AppResult<Json<Computed<AllIn>>> {
    let data = dataset_for(&state, &user)?;
    Ok(computed(&data, cost::all_in(&data, query.salary)?))
}

/// What a wrong hire costs (KORE1 2026: 3-5× salary), with the parts the figures allow.
#[utoipa::path(get, path = "/api/v1/market/wrong-hire", tag = "market", params(SalaryQuery),
    responses((status = 200, body = Computed<WrongHire>), (status = 400, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn wrong_hire(
    State(state): State<AppState>,
    user: ApiUser,
    ApiQuery(query): ApiQuery<SalaryQuery>,
) -> AppResult<Json<Computed<WrongHire>>> {
    let data = dataset_for(&state, &user)?;
    Ok(computed(&data, cost::wrong_hire(&data, query.salary)?))
}

/// What hiring junior for a senior job saves, and what it can cost later.
#[utoipa::path(get, path = "/api/v1/market/junior-vs-senior", tag = "market",
    responses((status = 200, body = Computed<JuniorVsSenior>), (status = 422, body = ErrorBody)))]
pub async fn junior_vs_senior(
    State(state): State<AppState>,
    user: ApiUser,
) -> AppResult<Json<Computed<JuniorVsSenior>>> {
    let data = dataset_for(&state, &user)?;
    Ok(computed(&data, cost::junior_vs_senior(&data)?))
}

/// A role's budget, to check against the market band for its level and region.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BudgetCheckInput {
    pub level: Level,
    /// A region the dataset has rates for (united_states, eastern_europe…).
    pub region: String,
    /// The bottom of the budget in whole USD per `period`.
    pub min: f64,
    /// The top of the budget in whole USD per `period`.
    pub max: f64,
    pub period: RatePeriod,
    /// Hours worked per year, to compare an annual budget with hourly bands; 2080 when omitted.
    #[serde(default)]
    pub hours_per_year: Option<f64>,
}

/// Below, within or above the market band, by how much, and what to do about it.
#[utoipa::path(post, path = "/api/v1/market/budget-check", tag = "market", request_body = BudgetCheckInput,
    responses((status = 200, body = Computed<BudgetCheck>), (status = 422, body = ErrorBody)))]
pub async fn budget_check(
    State(state): State<AppState>,
    user: ApiUser,
    ApiJson(input): ApiJson<BudgetCheckInput>,
) -> AppResult<Json<Computed<BudgetCheck>>> {
    let data = dataset_for(&state, &user)?;
    let hours = bands::check_hours(input.hours_per_year.unwrap_or(DEFAULT_HOURS_PER_YEAR))?;
    let budget = cost::Budget {
        min: input.min,
        max: input.max,
        period: input.period,
    };
    // The core names the budget's bounds `budget.min`/`budget.max`; this input calls them `min`/`max`.
    let check =
        cost::budget_check(&data, input.level, &input.region, budget, hours).map_err(|err| {
            match err {
                MarketError::OutOfRange { field, message } if field.starts_with("budget.") => {
                    AppError::field(
                        field.trim_start_matches("budget."),
                        message.replace("budget.", ""),
                    )
                }
                other => other.into(),
            }
        })?;
    Ok(computed(&data, check))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct TimelineQuery {
    /// in_house, agency, staffing_firm, freelance_platform, curated_network, community or managed_team.
    pub channel: String,
    /// junior, mid or senior.
    pub level: String,
    /// The day the search starts, YYYY-MM-DD; today when omitted.
    pub start: Option<String>,
}

/// The phases of a search, the expected offer and start dates, and the ramp-up after the start.
#[utoipa::path(get, path = "/api/v1/market/timeline", tag = "market", params(TimelineQuery),
    responses((status = 200, body = Timeline), (status = 400, body = ErrorBody),
        (status = 422, body = ErrorBody, description = "A bad input (naming the field), or `no_benchmark` when \
         the dataset has no time-to-hire figures for the channel")))]
pub async fn timeline(
    State(state): State<AppState>,
    user: ApiUser,
    ApiQuery(query): ApiQuery<TimelineQuery>,
) -> AppResult<Json<Timeline>> {
    let data = dataset_for(&state, &user)?;
    let channel: Channel = parse_param("channel", &query.channel)?;
    let level: Level = parse_param("level", &query.level)?;
    let start = match &query.start {
        Some(raw) => parse_start(raw)?,
        None => Utc::now().date_naive(),
    };
    Ok(Json(timeline::estimate(&data, channel, level, start)?))
}

/// A search start date: a real date in a plausible range (date arithmetic far out would overflow).
fn parse_start(raw: &str) -> AppResult<NaiveDate> {
    let date = NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
        .map_err(|_| AppError::field("start", format!("'{raw}' is not a date as YYYY-MM-DD")))?;
    if !(2000..=2100).contains(&date.year()) {
        return Err(AppError::field(
            "start",
            format!("{date} is not plausible (use a year from 2000 to 2100)"),
        ));
    }
    Ok(date)
}

/// Sourcing channels ranked for the situation, each with its reasons and their sources.
#[utoipa::path(post, path = "/api/v1/market/advice/channel", tag = "market", request_body = AdviceInput,
    responses((status = 200, body = Advice), (status = 422, body = ErrorBody)))]
pub async fn advice_channel(
    State(state): State<AppState>,
    user: ApiUser,
    ApiJson(input): ApiJson<AdviceInput>,
) -> AppResult<Json<Advice>> {
    let data = dataset_for(&state, &user)?;
    Ok(Json(advice::advise_channel(&data, &input)?))
}

/// Engagement models (employee, contractor, contract-to-hire…) ranked for the situation.
#[utoipa::path(post, path = "/api/v1/market/advice/engagement", tag = "market", request_body = AdviceInput,
    responses((status = 200, body = Advice), (status = 422, body = ErrorBody)))]
pub async fn advice_engagement(
    State(state): State<AppState>,
    user: ApiUser,
    ApiJson(input): ApiJson<AdviceInput>,
) -> AppResult<Json<Advice>> {
    let data = dataset_for(&state, &user)?;
    Ok(Json(advice::advise_engagement(&data, &input)?))
}

/// Full-stack or dedicated backend engineer, for the product's shape.
#[utoipa::path(post, path = "/api/v1/market/advice/team-shape", tag = "market", request_body = TeamShapeInput,
    responses((status = 200, body = Advice), (status = 422, body = ErrorBody)))]
pub async fn advice_team_shape(
    State(state): State<AppState>,
    user: ApiUser,
    ApiJson(input): ApiJson<TeamShapeInput>,
) -> AppResult<Json<Advice>> {
    let data = dataset_for(&state, &user)?;
    Ok(Json(advice::advise_team_shape(&data, &input)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn start_dates_must_be_real_and_plausible() {
        assert_eq!(
            parse_start("2026-03-02").unwrap(),
            NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()
        );
        for bad in ["2026-02-30", "03/02/2026", "262143-12-31", "1900-01-01"] {
            let err = parse_start(bad).unwrap_err();
            assert_eq!(err.field_errors().errors[0].field, "start", "{bad}");
        }
    }

    #[test]
    fn renamed_fields_keep_the_message_and_no_benchmark_stays_itself() {
        let err = renamed(
            MarketError::OutOfRange {
                field: "base_salary",
                message: "must not be negative (got -1)".into(),
            },
            |f| format!("in_house.{f}"),
        );
        assert_eq!(err.field_errors().errors[0].field, "in_house.base_salary");
        let err = renamed(MarketError::NoBenchmark("x".into()), |f| f.to_string());
        assert_eq!((err.status().as_u16(), err.code()), (422, "no_benchmark"));
    }
}
