//! Which candidate field each CSV column fills: the field's own name ("phone", "rate_period", in
//! any case, with spaces or dashes for `_`), `column=field` overrides, then common header names
//! ("Mobile", "Full name", "Years of experience"). An alias only fills a field no column names
//! exactly, and the first such column wins, so a sheet with both "Phone" and "Mobile" still reads.

use crate::error::ValidationErrors;
use crate::vocab::vocabulary;

vocabulary!(
    /// The candidate fields a CSV column can fill.
    CsvField, "candidate field" {
        Name => "name", "Name";
        Email => "email", "Email";
        Phone => "phone", "Phone number, international (+381 …) or with a country";
        Location => "location", "Location, free text";
        Country => "country", "ISO 3166 country code, e.g. RS";
        City => "city", "City";
        Region => "region", "Region or country code";
        Timezone => "timezone", "IANA time zone, e.g. Europe/Belgrade";
        Github => "github", "GitHub URL";
        Linkedin => "linkedin", "LinkedIn URL";
        Website => "website", "Website URL";
        Skills => "skills", "Skills separated by ';' or ',', each with optional years: Go:5; PostgreSQL:3";
        PrimaryLanguage => "primary_language", "Primary language, e.g. Go";
        Level => "level", "Stated level: junior, mid or senior";
        ExperienceYears => "experience_years", "Years of professional work, 0-60";
        AvailableFrom => "available_from", "Available from, YYYY-MM-DD";
        HoursPerWeek => "hours_per_week", "Hours per week, 1-80";
        Engagement => "engagement", "full_time; part_time; contract; contract_to_hire";
        WorkAuthorization => "work_authorization", "Country codes or regions, separated by ';'";
        WorkModes => "work_modes", "Where they will work: remote; hybrid; onsite";
        OpenToRelocation => "open_to_relocation", "Open to relocation: yes or no (true, false)";
        Industries => "industries", "Industries separated by ';'";
        ConsentUntil => "consent_until", "Consent to keep in the pool until, YYYY-MM-DD";
        SourceChannel => "source_channel", "referral, job_board, agency, sourced, inbound, talent_network or other";
        Tags => "tags", "Tags separated by ';'";
        Rate => "rate", "Expected rate, a whole amount";
        RatePeriod => "rate_period", "hour or year";
        Currency => "currency", "ISO 4217 code, USD when empty";
    }
);

/// Header names that usually mean a field, compared after lower-casing and folding spaces,
/// dashes and dots into `_`.
const ALIASES: &[(&str, CsvField)] = &[
    ("full_name", CsvField::Name),
    ("candidate", CsvField::Name),
    ("candidate_name", CsvField::Name),
    ("e_mail", CsvField::Email),
    ("email_address", CsvField::Email),
    ("mobile", CsvField::Phone),
    ("mobile_phone", CsvField::Phone),
    ("phone_number", CsvField::Phone),
    ("telephone", CsvField::Phone),
    ("tel", CsvField::Phone),
    ("cell", CsvField::Phone),
    ("country_code", CsvField::Country),
    ("countrycode", CsvField::Country),
    ("town", CsvField::City),
    ("time_zone", CsvField::Timezone),
    ("tz", CsvField::Timezone),
    ("github_url", CsvField::Github),
    ("github_profile", CsvField::Github),
    ("linkedin_url", CsvField::Linkedin),
    ("linkedin_profile", CsvField::Linkedin),
    ("site", CsvField::Website),
    ("url", CsvField::Website),
    ("homepage", CsvField::Website),
    ("portfolio", CsvField::Website),
    ("skill", CsvField::Skills),
    ("technologies", CsvField::Skills),
    ("tech_stack", CsvField::Skills),
    ("main_language", CsvField::PrimaryLanguage),
    ("language", CsvField::PrimaryLanguage),
    ("seniority", CsvField::Level),
    ("stated_level", CsvField::Level),
    ("years_of_experience", CsvField::ExperienceYears),
    ("experience", CsvField::ExperienceYears),
    ("yoe", CsvField::ExperienceYears),
    ("available", CsvField::AvailableFrom),
    ("availability", CsvField::AvailableFrom),
    ("start_date", CsvField::AvailableFrom),
    ("hours", CsvField::HoursPerWeek),
    ("weekly_hours", CsvField::HoursPerWeek),
    ("engagement_type", CsvField::Engagement),
    ("employment_type", CsvField::Engagement),
    ("work_authorisation", CsvField::WorkAuthorization),
    ("authorization", CsvField::WorkAuthorization),
    ("work_permit", CsvField::WorkAuthorization),
    ("work_mode", CsvField::WorkModes),
    ("work_model", CsvField::WorkModes),
    ("relocation", CsvField::OpenToRelocation),
    ("relocate", CsvField::OpenToRelocation),
    ("willing_to_relocate", CsvField::OpenToRelocation),
    ("industry", CsvField::Industries),
    ("domains", CsvField::Industries),
    ("consent", CsvField::ConsentUntil),
    ("consent_expires", CsvField::ConsentUntil),
    ("source", CsvField::SourceChannel),
    ("channel", CsvField::SourceChannel),
    ("tag", CsvField::Tags),
    ("labels", CsvField::Tags),
    ("expected_rate", CsvField::Rate),
    ("rate_amount", CsvField::Rate),
    ("period", CsvField::RatePeriod),
    ("rate_currency", CsvField::Currency),
];

/// Column-to-field overrides given as `column=field`; other columns map by name or alias.
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
    pub(super) fn resolve(
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
        let mut fields: Vec<Option<CsvField>> = keys
            .iter()
            .map(|key| match self.overrides.iter().find(|(c, _)| c == key) {
                Some((_, field)) => Some(*field),
                None => key.parse().ok(),
            })
            .collect();
        for (i, key) in keys.iter().enumerate() {
            if fields[i].is_some() {
                continue;
            }
            let alias = ALIASES
                .iter()
                .find(|(a, _)| *a == key.as_str())
                .map(|(_, f)| *f);
            if let Some(field) = alias.filter(|f| !fields.contains(&Some(*f))) {
                fields[i] = Some(field);
            }
        }
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

/// A header cell as compared: lower case, with runs of spaces, dashes and dots as one `_`.
fn column_key(raw: &str) -> String {
    let lower = raw.trim().to_lowercase();
    let mut key = String::with_capacity(lower.len());
    for c in lower.chars() {
        if c.is_whitespace() || c == '-' || c == '.' || c == '_' {
            if !key.ends_with('_') {
                key.push('_');
            }
        } else {
            key.push(c);
        }
    }
    key.trim_matches('_').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(header: &[&str], map: &[&str]) -> Result<Vec<Option<CsvField>>, ValidationErrors> {
        ColumnMap::parse(map)
            .unwrap()
            .resolve(&csv::StringRecord::from(header.to_vec()))
    }

    #[test]
    fn names_then_overrides_then_aliases() {
        let fields = resolve(
            &[
                "Full Name",
                "E-mail",
                "Mobile",
                "Country",
                "Years of experience",
                "Notes",
            ],
            &[],
        )
        .unwrap();
        assert_eq!(
            fields,
            [
                Some(CsvField::Name),
                Some(CsvField::Email),
                Some(CsvField::Phone),
                Some(CsvField::Country),
                Some(CsvField::ExperienceYears),
                None
            ]
        );
        // "Phone" names the field; "Mobile" is then just another column.
        let fields = resolve(&["name", "email", "Mobile", "Phone"], &[]).unwrap();
        assert_eq!(fields[2..], [None, Some(CsvField::Phone)]);
        // An override beats both the name and the alias.
        let fields = resolve(
            &["name", "email", "Mobile", "Phone"],
            &["Mobile=phone", "Phone=tags"],
        )
        .unwrap();
        assert_eq!(fields[2..], [Some(CsvField::Phone), Some(CsvField::Tags)]);
    }

    #[test]
    fn two_columns_named_for_one_field_are_refused() {
        let err = resolve(&["name", "email", "phone", "Phone "], &[]).unwrap_err();
        assert!(err.errors[0].message.contains("all map to phone"), "{err}");
    }
}
