//! CSV with a header row to candidates. Columns map to candidate fields by name (`name`, `email`,
//! `location`, `region`, `skills`, `rate`, `rate_period`, `currency`), and `column=field` pairs
//! override that; a row's problems name the row and the column.

use super::region::region_for_country;
use super::{ImportRecord, RecordAt, RecordError, RecordKind, RecordResult};
use crate::candidate::{CandidateInput, Region};
use crate::error::ValidationErrors;
use crate::money::MoneyInput;
use crate::vocab::vocabulary;

vocabulary!(
    /// The candidate fields a CSV column can fill.
    CsvField, "candidate field" {
        Name => "name", "Name";
        Email => "email", "Email";
        Location => "location", "Location";
        Region => "region", "Region or country code";
        Skills => "skills", "Skills, separated by ';' or ','";
        Rate => "rate", "Expected rate, a whole amount";
        RatePeriod => "rate_period", "hour or year";
        Currency => "currency", "ISO 4217 code, USD when empty";
    }
);

/// Column-to-field overrides given as `column=field`; other columns map by their own name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ColumnMap {
    overrides: Vec<(String, CsvField)>,
}

impl ColumnMap {
    /// Parses `column=field` pairs, naming each bad one under `map`.
    pub fn parse<S: AsRef<str>>(pairs: &[S]) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let mut overrides = Vec::new();
        for pair in pairs {
            let pair = pair.as_ref();
            match pair.split_once('=') {
                Some((column, field)) if !column.trim().is_empty() => {
                    if let Some(field) = errors.check("map", field.parse::<CsvField>()) {
                        overrides.push((column_key(column), field));
                    }
                }
                _ => errors.add(
                    "map",
                    format!("'{pair}' is not COLUMN=FIELD, e.g. \"Full name=name\""),
                ),
            }
        }
        if errors.is_empty() {
            Ok(Self { overrides })
        } else {
            Err(errors)
        }
    }

    /// The field each header column fills, if any; checks that name and email are covered.
    fn resolve(
        &self,
        header: &csv::StringRecord,
    ) -> Result<Vec<Option<CsvField>>, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let keys: Vec<String> = header.iter().map(column_key).collect();
        for (column, _) in &self.overrides {
            if !keys.contains(column) {
                errors.add("map", format!("the header has no column '{column}'"));
            }
        }
        let fields: Vec<Option<CsvField>> = keys
            .iter()
            .map(|key| match self.overrides.iter().find(|(c, _)| c == key) {
                Some((_, field)) => Some(*field),
                None => key.parse().ok(),
            })
            .collect();
        for field in CsvField::ALL {
            let columns: Vec<&str> = header
                .iter()
                .zip(&fields)
                .filter(|(_, f)| *f == &Some(*field))
                .map(|(c, _)| c)
                .collect();
            if columns.len() > 1 {
                errors.add(
                    "header",
                    format!("columns '{}' all map to {field}", columns.join("', '")),
                );
            }
            if columns.is_empty() && matches!(field, CsvField::Name | CsvField::Email) {
                errors.add(
                    "header",
                    format!("no column for {field}; name one with --map COLUMN={field}"),
                );
            }
        }
        if errors.is_empty() {
            Ok(fields)
        } else {
            Err(errors)
        }
    }
}

fn column_key(raw: &str) -> String {
    raw.trim().to_lowercase()
}

pub(super) fn parse(
    bytes: &[u8],
    columns: &ColumnMap,
) -> Result<Vec<RecordResult>, ValidationErrors> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(bytes);
    let header = reader
        .headers()
        .map_err(|e| ValidationErrors::single("header", format!("cannot be read: {e}")))?
        .clone();
    if header.iter().all(str::is_empty) {
        return Err(ValidationErrors::single(
            "header",
            "the file has no header row",
        ));
    }
    let fields = columns.resolve(&header)?;
    Ok(reader
        .records()
        .enumerate()
        .map(|(i, record)| {
            let at = RecordAt {
                kind: RecordKind::Row,
                number: i + 2,
            };
            match record {
                Ok(record) => map_row(at, &header, &fields, &record),
                Err(e) => Err(RecordError {
                    at,
                    errors: ValidationErrors::single("row", format!("cannot be read: {e}")),
                }),
            }
        })
        .collect())
}

fn map_row(
    at: RecordAt,
    header: &csv::StringRecord,
    fields: &[Option<CsvField>],
    record: &csv::StringRecord,
) -> RecordResult {
    let cell = |wanted: CsvField| {
        fields.iter().position(|f| *f == Some(wanted)).map(|i| {
            (
                header.get(i).unwrap_or_default(),
                record.get(i).unwrap_or_default(),
            )
        })
    };
    let text = |wanted| {
        cell(wanted)
            .map(|(_, v)| v.to_string())
            .filter(|v| !v.is_empty())
    };
    let mut sources = Vec::new();
    for (field, csv_field) in [
        ("name", CsvField::Name),
        ("email", CsvField::Email),
        ("location", CsvField::Location),
        ("region", CsvField::Region),
        ("skills", CsvField::Skills),
        ("expected_rate.amount", CsvField::Rate),
        ("expected_rate.period", CsvField::RatePeriod),
        ("expected_rate.currency", CsvField::Currency),
    ] {
        if let Some((column, _)) = cell(csv_field) {
            sources.push((field, format!("column '{column}'")));
        }
    }
    let mut errors = ValidationErrors::default();
    let expected_rate = match cell(CsvField::Rate).filter(|(_, v)| !v.is_empty()) {
        None => None,
        Some((column, raw)) => match raw.parse::<i64>() {
            Ok(amount) => Some(MoneyInput {
                amount,
                currency: text(CsvField::Currency),
                period: text(CsvField::RatePeriod).unwrap_or_default(),
            }),
            Err(_) => {
                errors.add(
                    format!("column '{column}'"),
                    format!("'{raw}' is not a whole amount"),
                );
                None
            }
        },
    };
    if !errors.is_empty() {
        return Err(RecordError { at, errors });
    }
    let region = text(CsvField::Region).map(|raw| match raw.parse::<Region>() {
        Ok(region) => region.as_str().to_string(),
        // A country code is accepted too and mapped through the region table.
        Err(_) => region_for_country(&raw).map_or(raw, |r| r.as_str().to_string()),
    });
    let skills = text(CsvField::Skills)
        .map(|s| {
            s.split([';', ','])
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    Ok(ImportRecord {
        at,
        input: CandidateInput {
            name: text(CsvField::Name).unwrap_or_default(),
            email: text(CsvField::Email).unwrap_or_default(),
            location: text(CsvField::Location),
            region,
            skills,
            expected_rate,
            ..Default::default()
        },
        sources,
    })
}
