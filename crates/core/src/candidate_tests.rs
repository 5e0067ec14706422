//! Unit tests of candidates: skills, updates that keep unstated fields, place, and field errors.

use super::*;

#[test]
fn skills_are_normalised_and_deduplicated() {
    let skills = parse_skills(&[
        "Go".into(),
        " go ".into(),
        "PostgreSQL".into(),
        "".into(),
        "C#".into(),
    ])
    .unwrap();
    let names: Vec<_> = skills.iter().map(SkillTag::as_str).collect();
    assert_eq!(names, ["go", "postgresql", "c#"]);
    assert!(parse_skills(&["rust;drop".into()])
        .unwrap_err()
        .contains("';'"));
    let many: Vec<String> = (0..51).map(|i| format!("skill{i}")).collect();
    assert!(parse_skills(&many).unwrap_err().contains("at most 50"));
}

#[test]
fn an_update_keeps_what_it_does_not_state_and_only_details_of_its_skills() {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    let older = CandidateInput {
        name: "Ana".into(),
        email: "ana@example.com".into(),
        skills: vec!["go".into(), "rust".into()],
        skill_details: vec![
            SkillDetailInput {
                skill: "go".into(),
                years: Some(5.0),
                last_used_year: None,
            },
            SkillDetailInput {
                skill: "rust".into(),
                years: Some(2.0),
                last_used_year: None,
            },
        ],
        timezone: Some("Europe/Belgrade".into()),
        ..Default::default()
    }
    .parse_on(today)
    .unwrap();
    let existing = Candidate {
        id: crate::ids::CandidateId(uuid::Uuid::now_v7()),
        name: older.name,
        email: older.email,
        location: None,
        region: None,
        skills: older.skills,
        expected_rate: None,
        profile: older.profile,
        vetting_status: VettingStatus::Vetted,
        created_at: Utc::now(),
        updated_at: Utc::now(),
    };
    let mut newer = CandidateInput {
        name: "Ana".into(),
        email: "ana@example.com".into(),
        skills: vec!["go".into()],
        ..Default::default()
    }
    .parse_on(today)
    .unwrap();
    newer.keep_unstated_from(&existing);
    assert_eq!(newer.profile.timezone, existing.profile.timezone);
    let kept: Vec<_> = newer
        .profile
        .skill_details
        .iter()
        .map(|d| d.skill.as_str())
        .collect();
    assert_eq!(kept, ["go"]);
    // Back to input and parsed again: what an edit starts from is valid.
    let round = Candidate {
        skills: newer.skills.clone(),
        profile: newer.profile.clone(),
        ..existing
    };
    assert_eq!(
        round.to_input().parse_on(today).unwrap().profile,
        newer.profile
    );
}

#[test]
fn place_comes_from_a_location_and_gives_the_region() {
    let c = CandidateInput {
        name: "Ana".into(),
        email: "ana@example.com".into(),
        location: Some("Novi Sad, RS".into()),
        phone: Some("064 123 4567".into()),
        ..Default::default()
    }
    .parse()
    .unwrap();
    assert_eq!(c.location.unwrap().as_str(), "Novi Sad, RS");
    assert_eq!(c.profile.city.unwrap().as_str(), "Novi Sad");
    assert_eq!(c.profile.country.unwrap().as_str(), "RS");
    assert_eq!(c.region, Some(Region::EasternEurope));
    assert_eq!(c.profile.phone.unwrap().as_str(), "+381 64 123 4567");
    // A stated country is not mixed with a city guessed from the location; a stated region stays.
    let c = CandidateInput {
        name: "Bo".into(),
        email: "bo@example.com".into(),
        location: Some("Berlin, DE".into()),
        country: Some("pt".into()),
        region: Some("united_states".into()),
        ..Default::default()
    }
    .parse()
    .unwrap();
    assert_eq!(c.profile.city, None);
    assert_eq!(c.profile.country.unwrap().as_str(), "PT");
    assert_eq!(c.region, Some(Region::UnitedStates));
}

#[test]
fn contact_errors_name_their_fields() {
    let input = CandidateInput {
        name: "Ana".into(),
        email: "ana@example.com".into(),
        phone: Some("12 34".into()),
        country: Some("EU".into()),
        city: Some("x".repeat(101)),
        experience_years: Some(70.0),
        ..Default::default()
    };
    let errors = input.parse().unwrap_err();
    let fields: Vec<_> = errors.errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["country", "phone", "city", "experience_years"]);
    assert!(errors.message_for("phone").unwrap().contains("7-15"));
}

#[test]
fn json_carries_the_derived_level_and_reads_back() {
    let new = CandidateInput {
        name: "Ana".into(),
        email: "ana@example.com".into(),
        experience_years: Some(6.5),
        ..Default::default()
    }
    .parse()
    .unwrap();
    let mut c = Candidate {
        id: crate::ids::CandidateId(uuid::Uuid::now_v7()),
        name: new.name,
        email: new.email,
        location: None,
        region: None,
        skills: new.skills,
        expected_rate: None,
        profile: new.profile,
        vetting_status: VettingStatus::Unvetted,
        created_at: Utc::now(),
        updated_at: Utc::now(),
    };
    let json = serde_json::to_value(&c).unwrap();
    assert_eq!(json["experience_years"], 6.5);
    assert_eq!(json["estimated_level"], "senior");
    assert_eq!(
        json["level"],
        serde_json::json!({"level": "senior", "basis": "estimated", "years": 6.5})
    );
    assert_eq!(serde_json::from_value::<Candidate>(json).unwrap(), c);
    c.profile.stated_level = Some(Level::Mid);
    let json = serde_json::to_value(&c).unwrap();
    assert_eq!(json["level"]["basis"], "stated");
    assert_eq!(json["estimated_level"], "senior");
}

#[test]
fn every_bad_field_is_named() {
    let input = CandidateInput {
        name: " ".into(),
        email: "nope".into(),
        region: Some("mars".into()),
        ..Default::default()
    };
    let errors = input.parse().unwrap_err();
    let fields: Vec<_> = errors.errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["name", "email", "region"]);
    assert!(errors
        .message_for("region")
        .unwrap()
        .contains("eastern_europe"));
}
