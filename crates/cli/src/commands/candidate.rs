//! `hireloop candidate …`: add candidates to the talent pool and list them.

use crate::cli::Global;
use crate::error::CliError;
use crate::output::{print_page, say, ListArgs};
use clap::{Args, Subcommand};
use hireloop_core::authz::system_visibility;
use hireloop_core::candidate::CandidateInput;
use hireloop_core::candidate_profile::SkillDetailInput;
use hireloop_core::money::MoneyInput;
use hireloop_core::work_mode::parse_yes_no;
use hireloop_core::ValidationErrors;
use hireloop_store::Store;

#[derive(Debug, Subcommand)]
// Parsed once per run: the size of the largest variant does not matter.
#[allow(clippy::large_enum_variant)]
pub enum CandidateCommand {
    /// Add a candidate to the talent pool.
    Create(CreateArgs),
    /// List candidates, newest first.
    List(ListArgs),
    /// Likely duplicates of one candidate, or every duplicate group in the pool, with the reasons.
    Duplicates(super::candidate_merge::DuplicatesArgs),
    /// Merge a duplicate into the candidate who stays, keeping the history.
    Merge(super::candidate_merge::MergeArgs),
}

#[derive(Debug, Args)]
pub struct CreateArgs {
    /// Full name as the candidate writes it.
    #[arg(long)]
    pub name: String,
    /// Contact email; one candidate per email.
    #[arg(long)]
    pub email: String,
    /// Where they are, free text, e.g. "Belgrade, Serbia".
    #[arg(long)]
    pub location: Option<String>,
    /// Rate region: united_states, canada, western_europe, latin_america, eastern_europe or asia.
    #[arg(long)]
    pub region: Option<String>,
    /// Comma-separated skills, e.g. "go,postgresql,kafka".
    #[arg(long)]
    pub skills: Option<String>,
    /// Expected rate as AMOUNT/PERIOD, e.g. "90/hour" or "120000/year".
    #[arg(long)]
    pub rate: Option<String>,
    /// ISO 4217 currency of --rate (default USD).
    #[arg(long, requires = "rate")]
    pub currency: Option<String>,
    /// IANA time zone, e.g. "Europe/Belgrade": matching measures overlap from it.
    #[arg(long)]
    pub timezone: Option<String>,
    /// The level the candidate states: junior, mid or senior.
    #[arg(long)]
    pub level: Option<String>,
    /// The first day they could start, YYYY-MM-DD.
    #[arg(long)]
    pub available_from: Option<String>,
    /// 7-15 digits; +, spaces, dashes, dots and parentheses allowed, e.g. "+381 64 123 4567".
    /// Give it in international form or with --country, so duplicates are found.
    #[arg(long)]
    pub phone: Option<String>,
    /// ISO 3166 alpha-2 country code, e.g. RS.
    #[arg(long)]
    pub country: Option<String>,
    /// City, e.g. Belgrade.
    #[arg(long)]
    pub city: Option<String>,
    /// Where they will work: remote, hybrid or onsite; repeat or comma-separate for several.
    /// On-site and hybrid roles rank only the willing (and those open to relocation).
    #[arg(long = "work-mode", value_delimiter = ',')]
    pub work_modes: Vec<String>,
    /// Whether they would relocate: yes or no.
    #[arg(long)]
    pub relocation: Option<String>,
}

pub async fn run(
    global: &Global,
    store: &Store,
    command: CandidateCommand,
) -> Result<(), CliError> {
    match command {
        CandidateCommand::Create(args) => create(store, args).await,
        CandidateCommand::List(args) => list(global, store, args).await,
        CandidateCommand::Duplicates(args) => {
            super::candidate_merge::duplicates(global, store, args).await
        }
        CandidateCommand::Merge(args) => super::candidate_merge::merge(global, store, args).await,
    }
}

/// Splits "90/hour" into the API's money fields; the core checks the values.
fn parse_rate(raw: &str, currency: Option<String>) -> Result<MoneyInput, ValidationErrors> {
    let Some((amount, period)) = raw.split_once('/') else {
        return Err(ValidationErrors::single(
            "expected_rate",
            format!("'{raw}' is not a rate; write AMOUNT/PERIOD, e.g. 90/hour"),
        ));
    };
    let amount = amount.trim().parse::<i64>().map_err(|_| {
        ValidationErrors::single(
            "expected_rate.amount",
            format!("'{}' is not a whole number", amount.trim()),
        )
    })?;
    Ok(MoneyInput {
        amount,
        currency,
        period: period.trim().to_string(),
    })
}

async fn create(store: &Store, args: CreateArgs) -> Result<(), CliError> {
    let rate = args
        .rate
        .as_deref()
        .map(|r| parse_rate(r, args.currency.clone()))
        .transpose();
    let open_to_relocation = args
        .relocation
        .as_deref()
        .map(parse_yes_no)
        .transpose()
        .map_err(|m| ValidationErrors::single("open_to_relocation", m))?;
    // "go:5,postgresql:3,kafka": years after a colon, as on the web form.
    let mut skills = Vec::new();
    let mut skill_details = Vec::new();
    for item in args.skills.as_deref().unwrap_or("").split(',') {
        let (tag, years) = match item.split_once(':') {
            Some((tag, years)) => (tag, Some(years.trim())),
            None => (item, None),
        };
        skills.push(tag.to_string());
        if let Some(raw) = years {
            let years = raw.parse::<f32>().ok().filter(|y| y.is_finite());
            if years.is_none() {
                return Err(ValidationErrors::single(
                    "skills",
                    format!(
                        "'{}': the years after the colon must be a number, e.g. go:5",
                        item.trim()
                    ),
                )
                .into());
            }
            skill_details.push(SkillDetailInput {
                skill: tag.to_string(),
                years,
                last_used_year: None,
            });
        }
    }
    let input = CandidateInput {
        name: args.name,
        email: args.email,
        location: args.location,
        region: args.region,
        skills,
        expected_rate: rate.as_ref().ok().cloned().flatten(),
        timezone: args.timezone,
        stated_level: args.level,
        available_from: args.available_from,
        phone: args.phone,
        country: args.country,
        city: args.city,
        skill_details,
        work_modes: args
            .work_modes
            .iter()
            .map(|m| m.trim().to_string())
            .collect(),
        open_to_relocation,
        ..Default::default()
    };
    // Report every bad field at once, the rate's included.
    let new = match (input.parse(), rate) {
        (Ok(new), Ok(_)) => new,
        (Ok(_), Err(errors)) => return Err(errors.into()),
        (Err(mut errors), Err(more)) => {
            errors.errors.extend(more.errors);
            return Err(errors.into());
        }
        (Err(errors), Ok(_)) => return Err(errors.into()),
    };
    let candidate = store.create_candidate(&new).await?;
    say!(
        "Added candidate {} <{}> (id {}).",
        candidate.name,
        candidate.email,
        candidate.id
    );
    Ok(())
}

async fn list(global: &Global, store: &Store, args: ListArgs) -> Result<(), CliError> {
    let visibility = system_visibility();
    let visibility = &visibility;
    let page = args
        .fetch(|page| async move { store.list_candidates(visibility, &page).await })
        .await?;
    print_page(
        global.format,
        &page,
        &[
            "id", "name", "email", "region", "location", "skills", "rate",
        ],
        |c| {
            let skills: Vec<&str> = c.skills.iter().map(|s| s.as_str()).collect();
            vec![
                c.id.to_string(),
                c.name.to_string(),
                c.email.to_string(),
                c.region.map_or(String::new(), |r| r.to_string()),
                c.location.as_ref().map_or(String::new(), |l| l.to_string()),
                skills.join(", "),
                c.expected_rate
                    .as_ref()
                    .map_or(String::new(), |m| m.to_string()),
            ]
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_split_into_the_api_fields() {
        let rate = parse_rate("90/hour", Some("EUR".into())).unwrap();
        assert_eq!((rate.amount, rate.period.as_str()), (90, "hour"));
        assert_eq!(rate.currency.as_deref(), Some("EUR"));
        assert_eq!(
            parse_rate("ninety/hour", None).unwrap_err().errors[0].field,
            "expected_rate.amount"
        );
        assert_eq!(
            parse_rate("90", None).unwrap_err().errors[0].field,
            "expected_rate"
        );
    }
}
