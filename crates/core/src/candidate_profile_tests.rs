//! Unit tests of the candidate profile: vetting moves, links, offsets and field parsing.

use super::*;
use VettingStatus::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

fn note() -> Reason {
    Reason::parse("Failed the system design round").unwrap()
}

#[test]
fn vetting_moves_follow_the_rule() {
    assert!(check_vetting_move(Unvetted, InVetting, None).is_ok());
    assert!(check_vetting_move(InVetting, Vetted, None).is_ok());
    assert!(check_vetting_move(InVetting, NotAccepted, Some(&note())).is_ok());
    assert!(check_vetting_move(NotAccepted, InVetting, None).is_ok());
    let err = check_vetting_move(Unvetted, Vetted, None).unwrap_err();
    assert!(err.contains("allowed: in_vetting"), "{err}");
    assert!(check_vetting_move(NotAccepted, Vetted, None).is_err());
    assert!(check_vetting_move(InVetting, InVetting, None).is_err());
    assert!(check_vetting_move(Vetted, InVetting, None)
        .unwrap_err()
        .contains("stays vetted"));
    assert!(check_vetting_move(InVetting, NotAccepted, None)
        .unwrap_err()
        .contains("note"));
}

#[test]
fn vetting_input_names_bad_fields() {
    let bad = VettingInput {
        status: "approved".into(),
        note: Some("no".into()),
    };
    let errors = bad.parse().unwrap_err();
    let fields: Vec<_> = errors.errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["status", "note"]);
    let ok = VettingInput {
        status: "In vetting".into(),
        note: None,
    };
    assert_eq!(ok.parse().unwrap().to, InVetting);
}

#[test]
fn offsets_follow_the_zone_and_format() {
    let zone = TimezoneName::parse("America/New_York").unwrap();
    let winter = Utc.with_ymd_and_hms(2026, 1, 15, 12, 0, 0).unwrap();
    let summer = Utc.with_ymd_and_hms(2026, 7, 15, 12, 0, 0).unwrap();
    assert_eq!(utc_offset_minutes_at(&zone, winter), Some(-300));
    assert_eq!(utc_offset_minutes_at(&zone, summer), Some(-240));
    assert_eq!(format_utc_offset(-300), "UTC-05:00");
    assert_eq!(format_utc_offset(330), "UTC+05:30");
    assert_eq!(format_utc_offset(0), "UTC");
}

#[test]
fn fill_keeps_what_the_newer_profile_does_not_state() {
    let older = CandidateProfile {
        timezone: Some(TimezoneName::parse("Europe/Berlin").unwrap()),
        stated_level: Some(Level::Senior),
        tags: vec!["rehire".into()],
        ..Default::default()
    };
    let mut newer = CandidateProfile {
        stated_level: Some(Level::Mid),
        ..Default::default()
    };
    newer.fill_unstated_from(&older);
    assert_eq!(newer.stated_level, Some(Level::Mid));
    assert_eq!(newer.timezone, older.timezone);
    assert_eq!(newer.tags, ["rehire"]);
}

#[test]
fn every_bad_profile_field_is_named() {
    let skills = [
        SkillTag::parse("go").unwrap(),
        SkillTag::parse("rust").unwrap(),
    ];
    let details = [
        SkillDetailInput {
            skill: "go".into(),
            years: Some(4.3),
            last_used_year: Some(2026),
        },
        SkillDetailInput {
            skill: "python".into(),
            years: Some(1.0),
            last_used_year: None,
        },
        SkillDetailInput {
            skill: "rust".into(),
            years: Some(51.0),
            last_used_year: Some(2030),
        },
    ];
    let engagement = vec!["full_time".into(), "gig".into()];
    let authorization = vec!["DE".into(), "eu-ish".into()];
    let input = ProfileInput {
        timezone: Some("Mars/Base"),
        skill_details: &details,
        hours_per_week: Some(90),
        engagement: &engagement,
        work_authorization: &authorization,
        available_from: Some("soon"),
        stated_level: Some("principal"),
        source_channel: Some("carrier pigeon"),
        ..Default::default()
    };
    let mut errors = ValidationErrors::default();
    assert!(input.parse(Some(&skills), today(), &mut errors).is_none());
    let fields: Vec<_> = errors.errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(
        fields,
        [
            "timezone",
            "skill_details[1].skill",
            "skill_details[2].years",
            "skill_details[2].last_used_year",
            "stated_level",
            "available_from",
            "hours_per_week",
            "engagement[1]",
            "work_authorization[1]",
            "source_channel",
        ]
    );
    assert_eq!(
        errors.message_for("timezone").unwrap(),
        "unknown time zone 'Mars/Base'; use an IANA name such as Europe/Berlin or America/New_York"
    );
    assert!(errors
        .message_for("skill_details[2].last_used_year")
        .unwrap()
        .contains("future"));
}

#[test]
fn a_good_profile_parses_and_rounds_years_to_halves() {
    let skills = [SkillTag::parse("go").unwrap()];
    let details = [SkillDetailInput {
        skill: "Go".into(),
        years: Some(4.3),
        last_used_year: Some(2026),
    }];
    let authorization = vec!["de".into(), "Western Europe".into(), "DE".into()];
    let tags = vec!["Fintech ".into(), "".into()];
    let links = ProfileLinks {
        github: Some(" https://github.com/ana ".into()),
        ..Default::default()
    };
    let input = ProfileInput {
        timezone: Some("Europe/Belgrade"),
        links: Some(&links),
        skill_details: &details,
        hours_per_week: Some(40),
        available_from: Some("2026-12-01"),
        stated_level: Some("senior"),
        work_authorization: &authorization,
        tags: &tags,
        ..Default::default()
    };
    let mut errors = ValidationErrors::default();
    let profile = input.parse(Some(&skills), today(), &mut errors).unwrap();
    assert!(errors.is_empty(), "{errors}");
    assert_eq!(profile.skill_details[0].years, Some(4.5));
    assert_eq!(profile.years_for(&skills[0]), Some(4.5));
    assert_eq!(profile.work_authorization, ["DE", "western_europe"]);
    assert_eq!(profile.tags, ["fintech"]);
    assert_eq!(
        profile.links.github.as_deref(),
        Some("https://github.com/ana")
    );
    assert_eq!(profile.hours_per_week, Some(40));
    assert!(!profile.consent_expired(today()));
    let back = profile.to_input_parts();
    assert_eq!(back.stated_level.as_deref(), Some("senior"));
    assert_eq!(back.available_from.as_deref(), Some("2026-12-01"));
}

#[test]
fn work_modes_are_parsed_deduplicated_and_named_by_index() {
    let modes = ["Remote".to_string(), "on-site".into(), "remote".into()];
    let mut errors = ValidationErrors::default();
    let p = ProfileInput {
        work_modes: &modes,
        open_to_relocation: Some(true),
        ..Default::default()
    }
    .parse(None, today(), &mut errors)
    .unwrap();
    assert!(errors.is_empty(), "{errors}");
    assert_eq!(p.work_modes, [WorkMode::Remote, WorkMode::Onsite]);
    assert_eq!(p.open_to_relocation, Some(true));
    let back = p.to_input_parts();
    assert_eq!(back.work_modes, ["remote", "onsite"]);
    assert_eq!(back.open_to_relocation, Some(true));

    let bad = ["hybrid".to_string(), "office".into()];
    let mut errors = ValidationErrors::default();
    let parsed = ProfileInput {
        work_modes: &bad,
        ..Default::default()
    }
    .parse(None, today(), &mut errors);
    assert!(parsed.is_none());
    let message = errors.message_for("work_modes[1]").unwrap();
    assert!(message.contains("unknown work mode 'office'"), "{message}");
}

#[test]
fn an_import_without_work_modes_keeps_the_stated_ones() {
    let older = CandidateProfile {
        work_modes: vec![WorkMode::Hybrid],
        open_to_relocation: Some(false),
        ..Default::default()
    };
    let mut newer = CandidateProfile::default();
    newer.fill_unstated_from(&older);
    assert_eq!(newer.work_modes, [WorkMode::Hybrid]);
    assert_eq!(newer.open_to_relocation, Some(false));
}
