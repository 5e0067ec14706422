//! schema.org JobPosting JSON-LD for a scorecard, with the properties Google's job-posting
//! guidelines require (title, description, datePosted, hiringOrganization, a location or
//! TELECOMMUTE with applicant countries) and recommend (validThrough, employmentType, baseSalary).

use super::geo;
use super::jd::job_description;
use super::model::{LocationPolicy, Scorecard};
use crate::error::ValidationErrors;
use crate::market::advice::Engagement;
use crate::money::RatePeriod;
use chrono::NaiveDate;
use serde_json::{json, Map, Value};

/// How long a posting stays valid when no end date is given: a product default (Google asks for
/// `validThrough`, not a particular period), shared by the API and the preview page.
pub const DEFAULT_VALID_DAYS: u64 = 60;

/// What a posting needs that the scorecard does not hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostingInfo {
    pub organization_name: String,
    pub organization_url: Option<String>,
    pub date_posted: NaiveDate,
    pub valid_through: NaiveDate,
    /// The office, for hybrid and on-site roles: locality (city) and postal address line.
    pub office_locality: Option<String>,
    pub office_street: Option<String>,
    /// The employer's own id for the posting.
    pub identifier: Option<String>,
}

fn employment_type(engagement: Engagement) -> Value {
    match engagement {
        Engagement::FullTime => json!("FULL_TIME"),
        Engagement::Contractor | Engagement::OffshoreTeam => json!("CONTRACTOR"),
        // Starts as a contract, meant to become employment.
        Engagement::ContractToHire => json!(["CONTRACTOR", "FULL_TIME"]),
        Engagement::Freelance => json!(["CONTRACTOR", "PART_TIME"]),
    }
}

fn country_name(code: &str) -> String {
    geo::country(code).map_or_else(|| code.to_string(), |c| c.name.to_string())
}

/// The JobPosting for a scorecard. Errors name the `PostingInfo` field or scorecard key at fault.
pub fn job_posting(card: &Scorecard, info: &PostingInfo) -> Result<Value, ValidationErrors> {
    let mut errors = ValidationErrors::default();
    if info.organization_name.trim().is_empty() {
        errors.add("organization_name", "must not be empty");
    }
    if info.valid_through < info.date_posted {
        errors.add("valid_through", "must not be before date_posted");
    }
    let policy = card.location.as_ref().map(|l| l.policy);
    let countries: Vec<&str> = card
        .location
        .iter()
        .flat_map(|l| l.countries.iter())
        .map(|c| c.as_str())
        .collect();
    match policy {
        None => errors.add("location", "a posting needs [location] with a policy"),
        Some(LocationPolicy::Remote) if countries.is_empty() => errors.add(
            "location.countries",
            "a remote posting must say which countries applicants may work from",
        ),
        Some(LocationPolicy::Hybrid | LocationPolicy::Onsite) if countries.is_empty() => errors
            .add(
                "location.countries",
                "a hybrid or on-site posting needs the office's country",
            ),
        _ => {}
    }
    if !errors.is_empty() {
        return Err(errors);
    }

    let mut organization = json!({"@type": "Organization", "name": info.organization_name.trim()});
    if let Some(url) = &info.organization_url {
        organization["sameAs"] = json!(url);
    }
    let mut posting = Map::new();
    posting.insert("@context".into(), json!("https://schema.org/"));
    posting.insert("@type".into(), json!("JobPosting"));
    let jd = job_description(card);
    posting.insert("title".into(), json!(jd.title));
    posting.insert("description".into(), json!(jd.to_html()));
    posting.insert(
        "datePosted".into(),
        json!(info.date_posted.format("%Y-%m-%d").to_string()),
    );
    posting.insert(
        "validThrough".into(),
        json!(info.valid_through.format("%Y-%m-%d").to_string()),
    );
    posting.insert("hiringOrganization".into(), organization);
    posting.insert("employmentType".into(), employment_type(card.engagement));
    if let Some(id) = &info.identifier {
        posting.insert(
            "identifier".into(),
            json!({"@type": "PropertyValue", "name": info.organization_name.trim(), "value": id}),
        );
    }
    if policy == Some(LocationPolicy::Remote) {
        posting.insert("jobLocationType".into(), json!("TELECOMMUTE"));
        let required: Vec<Value> = countries
            .iter()
            .map(|c| json!({"@type": "Country", "name": country_name(c)}))
            .collect();
        posting.insert("applicantLocationRequirements".into(), json!(required));
    } else {
        let mut address = json!({"@type": "PostalAddress", "addressCountry": countries.first()});
        if let Some(city) = &info.office_locality {
            address["addressLocality"] = json!(city);
        }
        if let Some(street) = &info.office_street {
            address["streetAddress"] = json!(street);
        }
        posting.insert(
            "jobLocation".into(),
            json!({"@type": "Place", "address": address}),
        );
    }
    if let Some(b) = &card.budget {
        let unit = match b.period {
            RatePeriod::Year => "YEAR",
            RatePeriod::Hour => "HOUR",
        };
        posting.insert(
            "baseSalary".into(),
            json!({
                "@type": "MonetaryAmount",
                "currency": b.currency.as_str(),
                "value": {"@type": "QuantitativeValue", "minValue": b.min, "maxValue": b.max, "unitText": unit}
            }),
        );
    }
    let skills: Vec<&str> = card.must_have.iter().map(|m| m.skill.as_str()).collect();
    if !skills.is_empty() {
        posting.insert("skills".into(), json!(skills.join(", ")));
    }
    if let Some(n) = (card.headcount > 1).then_some(card.headcount) {
        posting.insert("totalJobOpenings".into(), json!(n));
    }
    Ok(Value::Object(posting))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scorecard::lint::testkit::good;

    fn info() -> PostingInfo {
        PostingInfo {
            organization_name: "Acme Payments".into(),
            organization_url: Some("https://acme.example".into()),
            date_posted: NaiveDate::from_ymd_opt(2026, 1, 10).unwrap(),
            valid_through: NaiveDate::from_ymd_opt(2026, 3, 10).unwrap(),
            office_locality: Some("Warsaw".into()),
            office_street: None,
            identifier: Some("ROLE-42".into()),
        }
    }

    #[test]
    fn a_remote_posting_has_the_required_and_recommended_properties() {
        let v = job_posting(&good(), &info()).unwrap();
        for key in [
            "title",
            "description",
            "datePosted",
            "validThrough",
            "hiringOrganization",
            "employmentType",
            "jobLocationType",
            "applicantLocationRequirements",
            "baseSalary",
        ] {
            assert!(v.get(key).is_some(), "missing {key}");
        }
        assert_eq!(v["@type"], "JobPosting");
        assert_eq!(v["title"], "Senior Go Engineer, Payments API (Remote)");
        assert!(v["description"].as_str().unwrap().starts_with("<h1>"));
        assert_eq!(v["datePosted"], "2026-01-10");
        assert_eq!(v["employmentType"], "FULL_TIME");
        assert_eq!(v["jobLocationType"], "TELECOMMUTE");
        assert_eq!(v["applicantLocationRequirements"][0]["name"], "Poland");
        assert_eq!(v["hiringOrganization"]["name"], "Acme Payments");
        let salary = &v["baseSalary"];
        assert_eq!(salary["currency"], "USD");
        assert_eq!(salary["value"]["minValue"], 150000);
        assert_eq!(salary["value"]["maxValue"], 190000);
        assert_eq!(salary["value"]["unitText"], "YEAR");
        assert!(v.get("jobLocation").is_none());
    }

    #[test]
    fn an_onsite_contract_posting_has_a_place_and_an_hourly_rate() {
        let mut card = good();
        card.location.as_mut().unwrap().policy = LocationPolicy::Onsite;
        card.engagement = Engagement::ContractToHire;
        card.budget.as_mut().unwrap().period = RatePeriod::Hour;
        let v = job_posting(&card, &info()).unwrap();
        assert_eq!(v["jobLocation"]["address"]["addressCountry"], "PL");
        assert_eq!(v["jobLocation"]["address"]["addressLocality"], "Warsaw");
        assert_eq!(v["employmentType"], json!(["CONTRACTOR", "FULL_TIME"]));
        assert_eq!(v["baseSalary"]["value"]["unitText"], "HOUR");
        assert!(v.get("jobLocationType").is_none());
    }

    #[test]
    fn missing_inputs_are_named() {
        let mut card = good();
        card.location.as_mut().unwrap().countries.clear();
        let mut bad = info();
        bad.organization_name = " ".into();
        bad.valid_through = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
        let err = job_posting(&card, &bad).unwrap_err();
        let fields: Vec<_> = err.errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            ["organization_name", "valid_through", "location.countries"]
        );
    }
}
