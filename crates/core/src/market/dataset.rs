//! The market dataset: benchmark figures from `data/market/*.toml`, each with its source. The shipped
//! files are embedded; a user's directory can replace a shipped file (same name) or add new ones.

use super::advice::{AdviceRule, Advisor};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The shipped files, embedded at build time.
pub const SHIPPED_FILES: &[(&str, &str)] = &[
    (
        "sources.toml",
        include_str!("../../../../data/market/sources.toml"),
    ),
    (
        "rates.toml",
        include_str!("../../../../data/market/rates.toml"),
    ),
    (
        "salaries.toml",
        include_str!("../../../../data/market/salaries.toml"),
    ),
    (
        "costs.toml",
        include_str!("../../../../data/market/costs.toml"),
    ),
    (
        "timeline.toml",
        include_str!("../../../../data/market/timeline.toml"),
    ),
    (
        "advice.toml",
        include_str!("../../../../data/market/advice.toml"),
    ),
    (
        "currencies.toml",
        include_str!("../../../../data/market/currencies.toml"),
    ),
];

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatasetInfo {
    pub name: String,
    pub version: String,
}

/// A publication figures come from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: String,
    pub publisher: String,
    pub title: String,
    pub year: i32,
    /// Whom the publisher itself cites for these figures.
    #[serde(default)]
    pub cites: Option<String>,
}

/// An hourly rate band in USD for a region (and level, when the source splits by level).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HourlyRate {
    pub source: String,
    /// A core `Region` name, or a wider/narrower area the source uses (`global`, `united_kingdom`, `india`).
    pub region: String,
    #[serde(default)]
    pub level: Option<String>,
    pub min: f64,
    pub max: f64,
    /// The source quotes the top as "max+".
    #[serde(default)]
    pub open_ended: bool,
    /// Tells apart figures for the same region and level from one source.
    #[serde(default)]
    pub label: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlatformRate {
    pub source: String,
    pub platform: String,
    pub label: String,
    pub min: f64,
    pub max: f64,
}

/// Where languages sit within a rate band.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LanguagePosition {
    pub source: String,
    /// `top` or `bottom`.
    pub position: String,
    pub languages: Vec<String>,
}

/// An annual salary figure in USD: a range, a median, or both.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Salary {
    pub source: String,
    /// ISO 3166 alpha-2 code (UK for the United Kingdom, as sources write it).
    pub country: String,
    #[serde(default)]
    pub level: Option<String>,
    #[serde(default)]
    pub min: Option<f64>,
    #[serde(default)]
    pub max: Option<f64>,
    #[serde(default)]
    pub median: Option<f64>,
    #[serde(default)]
    pub open_ended: bool,
    /// What the figure counts ("base salary range with median", "total pay"…).
    pub basis: String,
}

/// Median total pay by country, all levels.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountryMedians {
    pub source: String,
    /// Year and month the figures describe, e.g. "2025-07".
    pub as_of: String,
    pub medians: BTreeMap<String, f64>,
}

/// A percentage range (min = max for a single figure).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Percentage {
    pub key: String,
    pub source: String,
    pub min: f64,
    pub max: f64,
    pub label: String,
}

/// A range in some unit: weeks, days, business_days, usd_per_year, times_annual_salary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Range {
    pub key: String,
    pub source: String,
    pub min: f64,
    pub max: f64,
    pub unit: String,
    pub label: String,
}

/// A worked example a source gives, used to check the computations against it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    pub key: String,
    pub source: String,
    pub salary: f64,
    pub all_in_min: f64,
    pub all_in_max: f64,
    pub label: String,
}

/// One side of a cost comparison table, as its source lists the cost factors.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CostFactors {
    pub base_salary: f64,
    pub benefits_taxes_percent: f64,
    pub equipment_software: f64,
    pub recruiting_percent: f64,
    pub management_overhead: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatedTotals {
    pub in_house_total: f64,
    pub outsourced_total: f64,
    pub savings: f64,
    pub savings_percent: f64,
}

/// A source's in-house vs outsourced table: the inputs, and the totals the source states.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TcoTable {
    pub source: String,
    pub label: String,
    pub in_house: CostFactors,
    pub outsourced: CostFactors,
    pub stated: StatedTotals,
}

/// One data file; every section optional, so a user file may add just a few figures.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatasetFile {
    #[serde(default)]
    pub dataset: Option<DatasetInfo>,
    #[serde(default)]
    pub source: Vec<Source>,
    #[serde(default)]
    pub hourly_rate: Vec<HourlyRate>,
    #[serde(default)]
    pub platform_rate: Vec<PlatformRate>,
    #[serde(default)]
    pub language_position: Vec<LanguagePosition>,
    #[serde(default)]
    pub salary: Vec<Salary>,
    #[serde(default)]
    pub country_median: Vec<CountryMedians>,
    #[serde(default)]
    pub percentage: Vec<Percentage>,
    #[serde(default)]
    pub range: Vec<Range>,
    #[serde(default)]
    pub example: Vec<Example>,
    #[serde(default)]
    pub tco_table: Vec<TcoTable>,
    #[serde(default)]
    pub channel_rule: Vec<AdviceRule>,
    #[serde(default)]
    pub engagement_rule: Vec<AdviceRule>,
    #[serde(default)]
    pub team_shape_rule: Vec<AdviceRule>,
    #[serde(default)]
    pub exchange_rates: Vec<super::currency::ExchangeTable>,
}

/// The whole dataset: every file merged.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Dataset {
    pub info: DatasetInfo,
    /// The files it was built from, in order.
    pub files: Vec<String>,
    #[serde(flatten)]
    pub figures: DatasetFile,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DatasetError {
    #[error("{file}: {message}")]
    Parse { file: String, message: String },
    #[error("{file}: {what}: {message}")]
    Invalid {
        file: String,
        what: String,
        message: String,
    },
    #[error("no [dataset] name and version in any file")]
    NoInfo,
}

impl Dataset {
    /// The dataset hireloop ships.
    pub fn shipped() -> Result<Dataset, DatasetError> {
        Dataset::from_files(
            SHIPPED_FILES
                .iter()
                .map(|(n, t)| (n.to_string(), t.to_string()))
                .collect(),
        )
    }

    /// The shipped files with `overrides` applied: a file with a shipped name replaces it, others add to it.
    pub fn shipped_with(overrides: Vec<(String, String)>) -> Result<Dataset, DatasetError> {
        let mut files: Vec<(String, String)> = SHIPPED_FILES
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect();
        for (name, text) in overrides {
            match files.iter_mut().find(|(n, _)| *n == name) {
                Some(slot) => slot.1 = text,
                None => files.push((name, text)),
            }
        }
        Dataset::from_files(files)
    }

    /// Parses and merges files, then checks every figure: known source, min ≤ max, no negatives.
    pub fn from_files(files: Vec<(String, String)>) -> Result<Dataset, DatasetError> {
        let mut dataset = Dataset::default();
        let mut info = None;
        let mut origin: Vec<(String, DatasetFile)> = Vec::new();
        for (name, text) in files {
            let file: DatasetFile = toml::from_str(&text).map_err(|e| DatasetError::Parse {
                file: name.clone(),
                message: e.to_string(),
            })?;
            if let Some(i) = &file.dataset {
                info = Some(i.clone());
            }
            dataset.files.push(name.clone());
            origin.push((name, file));
        }
        dataset.info = info.ok_or(DatasetError::NoInfo)?;
        let known: Vec<String> = origin
            .iter()
            .flat_map(|(_, f)| f.source.iter().map(|s| s.id.clone()))
            .collect();
        for (name, file) in &origin {
            validate(name, file, &known)?;
        }
        for (_, file) in origin {
            let f = &mut dataset.figures;
            f.source.extend(file.source);
            f.hourly_rate.extend(file.hourly_rate);
            f.platform_rate.extend(file.platform_rate);
            f.language_position.extend(file.language_position);
            f.salary.extend(file.salary);
            f.country_median.extend(file.country_median);
            f.percentage.extend(file.percentage);
            f.range.extend(file.range);
            f.example.extend(file.example);
            f.tco_table.extend(file.tco_table);
            f.channel_rule.extend(file.channel_rule);
            f.engagement_rule.extend(file.engagement_rule);
            f.team_shape_rule.extend(file.team_shape_rule);
            f.exchange_rates.extend(file.exchange_rates);
        }
        Ok(dataset)
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.figures.source.iter().find(|s| s.id == id)
    }

    /// "StepTo 2026" for a source id: how results cite a figure.
    pub fn cite(&self, id: &str) -> String {
        self.source(id)
            .map_or_else(|| id.to_string(), |s| format!("{} {}", s.publisher, s.year))
    }

    pub fn percentages(&self, key: &str) -> impl Iterator<Item = &Percentage> {
        let key = key.to_string();
        self.figures.percentage.iter().filter(move |p| p.key == key)
    }

    pub fn ranges(&self, key: &str) -> impl Iterator<Item = &Range> {
        let key = key.to_string();
        self.figures.range.iter().filter(move |r| r.key == key)
    }

    /// The first range under `key`, or a "no benchmark" error naming it.
    pub fn range(&self, key: &str) -> Result<&Range, super::MarketError> {
        self.ranges(key)
            .next()
            .ok_or_else(|| super::MarketError::NoBenchmark(format!("figure '{key}'")))
    }

    /// The first percentage under `key`, or a "no benchmark" error naming it.
    pub fn percentage(&self, key: &str) -> Result<&Percentage, super::MarketError> {
        self.percentages(key)
            .next()
            .ok_or_else(|| super::MarketError::NoBenchmark(format!("figure '{key}'")))
    }
}

fn validate(file: &str, f: &DatasetFile, known: &[String]) -> Result<(), DatasetError> {
    let invalid = |what: String, message: String| DatasetError::Invalid {
        file: file.to_string(),
        what,
        message,
    };
    let check_source = |what: String, source: &str| {
        if known.iter().any(|k| k == source) {
            Ok(())
        } else {
            Err(invalid(
                what,
                format!("source '{source}' is not declared in any [[source]]"),
            ))
        }
    };
    let check_range = |what: String, min: f64, max: f64| {
        if !(min.is_finite() && max.is_finite()) || min < 0.0 {
            Err(invalid(
                what,
                "figures must be finite and not negative".into(),
            ))
        } else if min > max {
            Err(invalid(what, format!("min {min} is above max {max}")))
        } else {
            Ok(())
        }
    };
    for (i, r) in f.hourly_rate.iter().enumerate() {
        check_source(format!("hourly_rate[{i}]"), &r.source)?;
        check_range(format!("hourly_rate[{i}]"), r.min, r.max)?;
    }
    for (i, r) in f.platform_rate.iter().enumerate() {
        check_source(format!("platform_rate[{i}]"), &r.source)?;
        check_range(format!("platform_rate[{i}]"), r.min, r.max)?;
    }
    for (i, l) in f.language_position.iter().enumerate() {
        check_source(format!("language_position[{i}]"), &l.source)?;
        if l.position != "top" && l.position != "bottom" {
            return Err(invalid(
                format!("language_position[{i}]"),
                "position must be 'top' or 'bottom'".into(),
            ));
        }
    }
    for (i, s) in f.salary.iter().enumerate() {
        check_source(format!("salary[{i}]"), &s.source)?;
        if let (Some(min), Some(max)) = (s.min, s.max) {
            check_range(format!("salary[{i}]"), min, max)?;
        }
        if s.min.is_none() && s.median.is_none() {
            return Err(invalid(
                format!("salary[{i}]"),
                "needs min/max or a median".into(),
            ));
        }
    }
    for (i, c) in f.country_median.iter().enumerate() {
        check_source(format!("country_median[{i}]"), &c.source)?;
    }
    for (i, p) in f.percentage.iter().enumerate() {
        check_source(format!("percentage[{i}] ({})", p.key), &p.source)?;
        check_range(format!("percentage[{i}] ({})", p.key), p.min, p.max)?;
    }
    for (i, r) in f.range.iter().enumerate() {
        check_source(format!("range[{i}] ({})", r.key), &r.source)?;
        check_range(format!("range[{i}] ({})", r.key), r.min, r.max)?;
    }
    for (i, e) in f.example.iter().enumerate() {
        check_source(format!("example[{i}] ({})", e.key), &e.source)?;
    }
    for (i, t) in f.tco_table.iter().enumerate() {
        check_source(format!("tco_table[{i}]"), &t.source)?;
    }
    for (i, t) in f.exchange_rates.iter().enumerate() {
        check_source(format!("exchange_rates[{i}]"), &t.source)?;
        t.check()
            .map_err(|m| invalid(format!("exchange_rates[{i}]"), m))?;
    }
    for (section, advisor, rules) in [
        ("channel_rule", Advisor::Channel, &f.channel_rule),
        ("engagement_rule", Advisor::Engagement, &f.engagement_rule),
        ("team_shape_rule", Advisor::TeamShape, &f.team_shape_rule),
    ] {
        for (i, rule) in rules.iter().enumerate() {
            check_source(format!("{section}[{i}]"), &rule.source)?;
            advisor
                .check(rule)
                .map_err(|m| invalid(format!("{section}[{i}]"), m))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_dataset_loads_and_every_figure_has_a_declared_source() {
        let data = Dataset::shipped().unwrap();
        assert_eq!(data.info.version, "2026.11");
        assert_eq!(
            data.figures.source.len(),
            6,
            "five publications and the ECB's rates"
        );
        // FACTS.md §2: 6 regions x 3 levels from StepTo, plus the conflicting senior Eastern Europe figure.
        let stepto = data
            .figures
            .hourly_rate
            .iter()
            .filter(|r| r.source == "stepto-2026")
            .count();
        assert_eq!(stepto, 19);
        assert_eq!(data.cite("kore1-2026"), "KORE1 2026");
    }

    #[test]
    fn conflicting_figures_from_one_source_are_both_kept_and_labelled() {
        let data = Dataset::shipped().unwrap();
        let ee_senior: Vec<_> = data
            .figures
            .hourly_rate
            .iter()
            .filter(|r| {
                r.source == "stepto-2026"
                    && r.region == "eastern_europe"
                    && r.level.as_deref() == Some("senior")
            })
            .collect();
        assert_eq!(ee_senior.len(), 2);
        assert!(ee_senior.iter().all(|r| r.label.is_some()));
    }

    #[test]
    fn a_user_file_replaces_a_shipped_one_or_adds_to_the_set() {
        let extra = r#"
            [[source]]
            id = "our-offers-2026"
            publisher = "Our own offers"
            title = "Offers we made"
            year = 2026
            [[hourly_rate]]
            source = "our-offers-2026"
            region = "eastern_europe"
            level = "senior"
            min = 60
            max = 80
        "#;
        let data = Dataset::shipped_with(vec![("ours.toml".into(), extra.into())]).unwrap();
        assert!(data
            .figures
            .hourly_rate
            .iter()
            .any(|r| r.source == "our-offers-2026"));
        assert_eq!(data.files.last().map(String::as_str), Some("ours.toml"));
    }

    #[test]
    fn bad_files_are_refused_with_file_and_figure_named() {
        let unknown_source =
            "[[hourly_rate]]\nsource = \"nobody\"\nregion = \"asia\"\nmin = 1\nmax = 2\n";
        let err =
            Dataset::shipped_with(vec![("x.toml".into(), unknown_source.into())]).unwrap_err();
        assert!(
            err.to_string()
                .contains("x.toml: hourly_rate[0]: source 'nobody'"),
            "{err}"
        );

        let inverted = "[[range]]\nkey = \"k\"\nsource = \"kore1-2026\"\nmin = 5\nmax = 3\nunit = \"weeks\"\nlabel = \"l\"\n";
        let err = Dataset::shipped_with(vec![("y.toml".into(), inverted.into())]).unwrap_err();
        assert!(err.to_string().contains("min 5 is above max 3"), "{err}");

        let err = Dataset::shipped_with(vec![(
            "z.toml".into(),
            "[[hourly_rate]]\nsorce = 1\n".into(),
        )])
        .unwrap_err();
        assert!(err.to_string().starts_with("z.toml: "), "{err}");
    }
}
