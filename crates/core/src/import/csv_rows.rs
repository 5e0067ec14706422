//! CSV with a header row to candidates. Which column fills which field is `csv_columns`; here each
//! row becomes a candidate input, and a row's problems name the row and the column.

use super::csv_columns::{ColumnMap, CsvField};
use super::region::region_for_country;
use super::{ImportRecord, RecordAt, RecordError, RecordKind, RecordResult};
use crate::candidate::{CandidateInput, Region};
use crate::candidate_profile::{ProfileLinks, SkillDetailInput};
use crate::error::ValidationErrors;
use crate::money::MoneyInput;

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

/// The candidate input field each CSV field fills, for naming errors by column.
const SOURCES: &[(&str, CsvField)] = &[
    ("name", CsvField::Name),
    ("email", CsvField::Email),
    ("phone", CsvField::Phone),
    ("location", CsvField::Location),
    ("country", CsvField::Country),
    ("city", CsvField::City),
    ("region", CsvField::Region),
    ("timezone", CsvField::Timezone),
    ("links.github", CsvField::Github),
    ("links.linkedin", CsvField::Linkedin),
    ("links.website", CsvField::Website),
    ("skills", CsvField::Skills),
    ("skill_details", CsvField::Skills),
    ("primary_language", CsvField::PrimaryLanguage),
    ("stated_level", CsvField::Level),
    ("experience_years", CsvField::ExperienceYears),
    ("available_from", CsvField::AvailableFrom),
    ("hours_per_week", CsvField::HoursPerWeek),
    ("engagement", CsvField::Engagement),
    ("work_authorization", CsvField::WorkAuthorization),
    ("work_modes", CsvField::WorkModes),
    ("industries", CsvField::Industries),
    ("consent_until", CsvField::ConsentUntil),
    ("source_channel", CsvField::SourceChannel),
    ("tags", CsvField::Tags),
    ("expected_rate.amount", CsvField::Rate),
    ("expected_rate.period", CsvField::RatePeriod),
    ("expected_rate.currency", CsvField::Currency),
];

/// A row's cells by field.
struct Row<'a> {
    header: &'a csv::StringRecord,
    fields: &'a [Option<CsvField>],
    record: &'a csv::StringRecord,
}

impl Row<'_> {
    /// The column name and cell of `wanted`, when a column fills it.
    fn cell(&self, wanted: CsvField) -> Option<(&str, &str)> {
        self.fields
            .iter()
            .position(|f| *f == Some(wanted))
            .map(|i| {
                (
                    self.header.get(i).unwrap_or_default(),
                    self.record.get(i).unwrap_or_default(),
                )
            })
    }

    /// The cell's text, `None` when empty or absent.
    fn text(&self, wanted: CsvField) -> Option<String> {
        self.cell(wanted)
            .map(|(_, v)| v.to_string())
            .filter(|v| !v.is_empty())
    }

    /// A list cell: items separated by ';' or ','.
    fn list(&self, wanted: CsvField) -> Vec<String> {
        self.text(wanted)
            .map(|s| {
                s.split([';', ','])
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// A number cell, with an error naming the column when it is not one.
    fn number<T: std::str::FromStr>(
        &self,
        wanted: CsvField,
        what: &str,
        errors: &mut ValidationErrors,
    ) -> Option<T> {
        let (column, raw) = self.cell(wanted).filter(|(_, v)| !v.is_empty())?;
        match raw.parse::<T>() {
            Ok(n) => Some(n),
            Err(_) => {
                errors.add(
                    format!("column '{column}'"),
                    format!("'{raw}' is not {what}"),
                );
                None
            }
        }
    }

    /// A yes/no cell, `None` when empty; an error naming the column when it is neither.
    fn yes_no(&self, wanted: CsvField, errors: &mut ValidationErrors) -> Option<bool> {
        let (column, raw) = self.cell(wanted).filter(|(_, v)| !v.trim().is_empty())?;
        errors.check(
            &format!("column '{column}'"),
            crate::work_mode::parse_yes_no(raw),
        )
    }
}

/// "Go:5; PostgreSQL:3.5; Kafka": the skills, and years for those that give them.
fn skills_with_years(
    row: &Row<'_>,
    errors: &mut ValidationErrors,
) -> (Vec<String>, Vec<SkillDetailInput>) {
    let mut skills = Vec::new();
    let mut details = Vec::new();
    let column = row.cell(CsvField::Skills).map_or("", |(c, _)| c);
    for item in row.list(CsvField::Skills) {
        match item.split_once(':') {
            None => skills.push(item),
            Some((skill, years)) => {
                let skill = skill.trim().to_string();
                match years.trim().replace(',', ".").parse::<f32>() {
                    Ok(years) => {
                        details.push(SkillDetailInput {
                            skill: skill.clone(),
                            years: Some(years),
                            last_used_year: None,
                        });
                        skills.push(skill);
                    }
                    Err(_) => errors.add(
                        format!("column '{column}'"),
                        format!("'{item}' is not SKILL or SKILL:YEARS, e.g. Go:5"),
                    ),
                }
            }
        }
    }
    (skills, details)
}

fn map_row(
    at: RecordAt,
    header: &csv::StringRecord,
    fields: &[Option<CsvField>],
    record: &csv::StringRecord,
) -> RecordResult {
    let row = Row {
        header,
        fields,
        record,
    };
    let sources = SOURCES
        .iter()
        .filter_map(|(field, csv_field)| {
            row.cell(*csv_field)
                .map(|(column, _)| (*field, format!("column '{column}'")))
        })
        .collect();
    let mut errors = ValidationErrors::default();
    let expected_rate = row
        .number::<i64>(CsvField::Rate, "a whole amount", &mut errors)
        .map(|amount| MoneyInput {
            amount,
            currency: row.text(CsvField::Currency),
            period: row.text(CsvField::RatePeriod).unwrap_or_default(),
        });
    let hours_per_week = row.number::<i64>(CsvField::HoursPerWeek, "a whole number", &mut errors);
    let open_to_relocation = row.yes_no(CsvField::OpenToRelocation, &mut errors);
    let experience_years =
        row.number::<f32>(CsvField::ExperienceYears, "a number of years", &mut errors);
    let (skills, skill_details) = skills_with_years(&row, &mut errors);
    if !errors.is_empty() {
        return Err(RecordError { at, errors });
    }
    let region = row
        .text(CsvField::Region)
        .map(|raw| match raw.parse::<Region>() {
            Ok(region) => region.as_str().to_string(),
            // A country code is accepted too and mapped through the region table.
            Err(_) => region_for_country(&raw).map_or(raw, |r| r.as_str().to_string()),
        });
    let links = ProfileLinks {
        github: row.text(CsvField::Github),
        linkedin: row.text(CsvField::Linkedin),
        website: row.text(CsvField::Website),
    };
    Ok(ImportRecord {
        at,
        input: CandidateInput {
            name: row.text(CsvField::Name).unwrap_or_default(),
            email: row.text(CsvField::Email).unwrap_or_default(),
            phone: row.text(CsvField::Phone),
            location: row.text(CsvField::Location),
            country: row.text(CsvField::Country),
            city: row.text(CsvField::City),
            region,
            skills,
            skill_details,
            expected_rate,
            timezone: row.text(CsvField::Timezone),
            links: (!links.is_empty()).then_some(links),
            primary_language: row.text(CsvField::PrimaryLanguage),
            stated_level: row.text(CsvField::Level),
            experience_years,
            available_from: row.text(CsvField::AvailableFrom),
            hours_per_week,
            engagement: row.list(CsvField::Engagement),
            work_authorization: row.list(CsvField::WorkAuthorization),
            work_modes: row.list(CsvField::WorkModes),
            open_to_relocation,
            industries: row.list(CsvField::Industries),
            consent_until: row.text(CsvField::ConsentUntil),
            source_channel: row.text(CsvField::SourceChannel),
            tags: row.list(CsvField::Tags),
        },
        sources,
    })
}
