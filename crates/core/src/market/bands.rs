//! Rate and salary bands for a level and place, and the hourly ↔ annual conversion.

use super::{check_amount, Band, Cited, Dataset, MarketError};
use crate::level::Level;
use serde::Serialize;

/// Full-time hours in a year, 40 h × 52 weeks: a convention, not a market figure. Users may change it.
pub const DEFAULT_HOURS_PER_YEAR: f64 = 2080.0;

pub fn check_hours(hours_per_year: f64) -> Result<f64, MarketError> {
    if !(500.0..=3000.0).contains(&hours_per_year) {
        return Err(MarketError::OutOfRange {
            field: "hours_per_year",
            message: format!("must be between 500 and 3000 (got {hours_per_year})"),
        });
    }
    Ok(hours_per_year)
}

/// One band a source gives for the query, labelled when a source gives more than one.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SourcedBand {
    pub band: Band,
    /// What the band counts, and how it differs from others for the same query.
    pub label: String,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RateBands {
    pub dataset_version: String,
    pub level: Level,
    pub region: String,
    /// USD per hour.
    pub hourly: Vec<SourcedBand>,
    /// The same bands in USD per year at `hours_per_year`.
    pub annual: Vec<SourcedBand>,
    pub hours_per_year: f64,
    /// Where the language sits within the band, when the dataset says.
    pub language_note: Option<String>,
    pub used: Vec<Cited>,
}

/// The regions the dataset has rates for, for error messages and forms.
pub fn known_regions(data: &Dataset) -> Vec<String> {
    let mut regions: Vec<String> = data
        .figures
        .hourly_rate
        .iter()
        .map(|r| r.region.clone())
        .collect();
    regions.sort();
    regions.dedup();
    regions
}

/// Hourly rate bands for a level in a region, from every source that has them.
pub fn rate_bands(
    data: &Dataset,
    level: Level,
    region: &str,
    language: Option<&str>,
    hours_per_year: f64,
) -> Result<RateBands, MarketError> {
    let hours = check_hours(hours_per_year)?;
    let region = region.trim().to_ascii_lowercase().replace([' ', '-'], "_");
    let known = known_regions(data);
    if !known.contains(&region) {
        return Err(MarketError::Unknown {
            field: "region",
            message: format!(
                "unknown region '{region}'; expected one of: {}",
                known.join(", ")
            ),
        });
    }
    let mut hourly = Vec::new();
    let mut used = Vec::new();
    for r in data
        .figures
        .hourly_rate
        .iter()
        .filter(|r| r.region == region)
    {
        let matches_level = r.level.as_deref().is_none_or(|l| l == level.as_str());
        if !matches_level {
            continue;
        }
        let scope = if r.level.is_some() {
            level.label().to_string()
        } else {
            "all levels".to_string()
        };
        let label = match &r.label {
            Some(extra) => format!("{scope}, {extra}"),
            None => scope,
        };
        let band = Band {
            min: r.min,
            max: r.max,
            open_ended: r.open_ended,
        };
        let source = data.cite(&r.source);
        used.push(Cited::new(
            format!("hourly rate, {region}, {label}"),
            format!("{band} USD/h"),
            source.clone(),
        ));
        hourly.push(SourcedBand {
            band,
            label,
            source,
        });
    }
    if hourly.is_empty() {
        return Err(MarketError::NoBenchmark(format!(
            "hourly rates for {} in {region}",
            level.label().to_lowercase()
        )));
    }
    used.push(Cited::new(
        "hours per year",
        format!("{hours}"),
        "hireloop assumption (40 h × 52 weeks)",
    ));
    let annual = hourly
        .iter()
        .map(|b| SourcedBand {
            band: b.band.scale(hours),
            label: b.label.clone(),
            source: b.source.clone(),
        })
        .collect();
    let language_note = language.and_then(|lang| language_note(data, lang));
    Ok(RateBands {
        dataset_version: data.info.version.clone(),
        level,
        region,
        hourly,
        annual,
        hours_per_year: hours,
        language_note,
        used,
    })
}

/// "Go sits toward the top of each band (StepTo 2026)", if the dataset places the language.
pub fn language_note(data: &Dataset, language: &str) -> Option<String> {
    let wanted = language.trim().to_ascii_lowercase();
    data.figures
        .language_position
        .iter()
        .find(|p| p.languages.contains(&wanted))
        .map(|p| {
            let place = if p.position == "top" {
                "toward the top"
            } else {
                "toward the bottom"
            };
            format!(
                "{language} sits {place} of each band ({})",
                data.cite(&p.source)
            )
        })
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SalaryBands {
    pub dataset_version: String,
    pub country: String,
    pub level: Option<Level>,
    pub remote: bool,
    /// USD per year, as the sources give them.
    pub bands: Vec<SourcedBand>,
    /// Medians, when given.
    pub medians: Vec<Cited>,
    /// The bands after the remote discount, when `remote`.
    pub remote_adjusted: Vec<SourcedBand>,
    pub used: Vec<Cited>,
}

/// Annual salary figures for a country (ISO code as the sources write it: US, UK, DE, IN…) and level.
pub fn salary_bands(
    data: &Dataset,
    country: &str,
    level: Option<Level>,
    remote: bool,
) -> Result<SalaryBands, MarketError> {
    let country = country.trim().to_ascii_uppercase();
    let mut known: Vec<String> = data
        .figures
        .salary
        .iter()
        .map(|s| s.country.clone())
        .collect();
    known.extend(
        data.figures
            .country_median
            .iter()
            .flat_map(|c| c.medians.keys().cloned()),
    );
    known.sort();
    known.dedup();
    if !known.contains(&country) {
        return Err(MarketError::Unknown {
            field: "country",
            message: format!(
                "unknown country '{country}'; expected one of: {}",
                known.join(", ")
            ),
        });
    }
    let mut bands = Vec::new();
    let mut medians = Vec::new();
    let mut used = Vec::new();
    for s in data.figures.salary.iter().filter(|s| s.country == country) {
        let level_ok = match (&s.level, level) {
            (None, _) => true,
            (Some(l), Some(wanted)) => l == wanted.as_str(),
            (Some(_), None) => true,
        };
        if !level_ok {
            continue;
        }
        let scope = s.level.as_deref().unwrap_or("all levels");
        let source = data.cite(&s.source);
        if let (Some(min), Some(max)) = (s.min, s.max) {
            let band = Band {
                min,
                max,
                open_ended: s.open_ended,
            };
            used.push(Cited::new(
                format!("salary, {country}, {scope}, {}", s.basis),
                format!("{band} USD/yr"),
                source.clone(),
            ));
            bands.push(SourcedBand {
                band,
                label: format!("{scope}: {}", s.basis),
                source: source.clone(),
            });
        }
        if let Some(median) = s.median {
            let cited = Cited::new(
                format!("median, {country}, {scope}, {}", s.basis),
                super::money(median),
                source,
            );
            used.push(cited.clone());
            medians.push(cited);
        }
    }
    for c in &data.figures.country_median {
        if let Some(median) = c.medians.get(&country) {
            let cited = Cited::new(
                format!("median total pay, {country}, all levels, as of {}", c.as_of),
                super::money(*median),
                data.cite(&c.source),
            );
            used.push(cited.clone());
            medians.push(cited);
        }
    }
    if bands.is_empty() && medians.is_empty() {
        let scope = level.map_or("any level".to_string(), |l| l.label().to_lowercase());
        return Err(MarketError::NoBenchmark(format!(
            "salaries for {scope} in {country}"
        )));
    }
    let mut remote_adjusted = Vec::new();
    if remote {
        let discount = data.percentage("remote_salary_discount")?;
        used.push(Cited::new(
            &discount.label,
            format!("{}-{}% lower", discount.min, discount.max),
            data.cite(&discount.source),
        ));
        remote_adjusted = bands
            .iter()
            .map(|b| SourcedBand {
                band: Band {
                    min: b.band.min * (1.0 - discount.max / 100.0),
                    max: b.band.max * (1.0 - discount.min / 100.0),
                    open_ended: b.band.open_ended,
                },
                label: format!("{}, remote", b.label),
                source: format!("{} with {}", b.source, data.cite(&discount.source)),
            })
            .collect();
    }
    Ok(SalaryBands {
        dataset_version: data.info.version.clone(),
        country,
        level,
        remote,
        bands,
        medians,
        remote_adjusted,
        used,
    })
}

pub fn hourly_to_annual(hourly: f64, hours_per_year: f64) -> Result<f64, MarketError> {
    Ok(check_amount("hourly", hourly, 10_000.0)? * check_hours(hours_per_year)?)
}

pub fn annual_to_hourly(annual: f64, hours_per_year: f64) -> Result<f64, MarketError> {
    Ok(check_amount("annual", annual, 100_000_000.0)? / check_hours(hours_per_year)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data() -> Dataset {
        Dataset::shipped().unwrap()
    }

    #[test]
    fn stepto_us_senior_is_open_ended_and_mqbit_adds_its_all_level_band() {
        let bands = rate_bands(
            &data(),
            Level::Senior,
            "united_states",
            Some("Go"),
            DEFAULT_HOURS_PER_YEAR,
        )
        .unwrap();
        let stepto = bands
            .hourly
            .iter()
            .find(|b| b.source == "StepTo 2026")
            .unwrap();
        assert_eq!(stepto.band.to_string(), "140-200+");
        let mqbit = bands
            .hourly
            .iter()
            .find(|b| b.source == "MQBIT 2026")
            .unwrap();
        assert_eq!(mqbit.band.to_string(), "80-180");
        assert_eq!(mqbit.label, "all levels");
        assert_eq!(bands.annual[0].band.min, 140.0 * 2080.0);
        assert!(bands.language_note.unwrap().contains("toward the top"));
    }

    #[test]
    fn eastern_european_seniors_show_both_stepto_figures() {
        let bands = rate_bands(&data(), Level::Senior, "Eastern Europe", None, 2080.0).unwrap();
        let stepto: Vec<_> = bands
            .hourly
            .iter()
            .filter(|b| b.source == "StepTo 2026")
            .map(|b| b.band.to_string())
            .collect();
        assert_eq!(stepto, ["70-100", "50-85"]);
    }

    #[test]
    fn unknown_regions_list_the_known_ones_and_missing_data_says_so() {
        let err = rate_bands(&data(), Level::Mid, "mars", None, 2080.0).unwrap_err();
        assert_eq!(err.field(), Some("region"));
        assert!(err.to_string().contains("eastern_europe"), "{err}");
        // MQBIT gives India and the UK for all levels only; a level-specific query still finds them.
        assert!(rate_bands(&data(), Level::Junior, "india", None, 2080.0).is_ok());
        let err = rate_bands(&data(), Level::Mid, "asia", None, 100.0).unwrap_err();
        assert_eq!(err.field(), Some("hours_per_year"));
    }

    #[test]
    fn us_salaries_by_level_with_medians_and_remote_discount() {
        let senior = salary_bands(&data(), "us", Some(Level::Senior), true).unwrap();
        let kore1 = senior
            .bands
            .iter()
            .find(|b| b.label.contains("median"))
            .unwrap();
        assert_eq!(kore1.band.to_string(), "122,000-225,000");
        assert!(senior.medians.iter().any(|m| m.value == "155,000"));
        assert!(senior
            .medians
            .iter()
            .any(|m| m.value == "115,000" && m.source == "Toptal 2026"));
        let remote = &senior.remote_adjusted[0];
        assert_eq!(
            (remote.band.min, remote.band.max),
            (122_000.0 * 0.85, 225_000.0 * 0.90)
        );
    }

    #[test]
    fn countries_without_level_figures_fall_back_to_medians_and_unknowns_are_named() {
        let germany = salary_bands(&data(), "DE", Some(Level::Mid), false).unwrap();
        assert!(germany.bands.is_empty());
        assert_eq!(germany.medians[0].value, "73,000");
        let err = salary_bands(&data(), "ZZ", None, false).unwrap_err();
        assert_eq!(err.field(), Some("country"));
    }

    #[test]
    fn hourly_and_annual_convert_both_ways() {
        assert_eq!(hourly_to_annual(100.0, 2080.0).unwrap(), 208_000.0);
        assert_eq!(annual_to_hourly(208_000.0, 2080.0).unwrap(), 100.0);
        assert!(hourly_to_annual(-5.0, 2080.0).is_err());
    }
}
