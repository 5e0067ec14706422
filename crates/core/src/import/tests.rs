use super::*;
use serde_json::json;

fn no_map() -> ColumnMap {
    ColumnMap::default()
}

/// A stand-in taxonomy: knows Go and PostgreSQL (with an alias).
fn canonical(raw: &str) -> Option<String> {
    match raw.trim().to_lowercase().as_str() {
        "go" | "golang" => Some("go".into()),
        "postgres" | "postgresql" => Some("postgresql".into()),
        _ => None,
    }
}

fn fields(errors: &ValidationErrors) -> Vec<&str> {
    errors.errors.iter().map(|e| e.field.as_str()).collect()
}

#[test]
fn a_json_resume_maps_to_a_candidate() {
    let doc = json!({
        "basics": {"name": "Ana Petrović", "email": "ana@example.com",
                   "location": {"city": "Belgrade", "countryCode": "RS"}},
        "skills": [{"name": "Golang", "keywords": ["Postgres", "Temporal"]}]
    });
    let records = parse(
        InputFormat::JsonResume,
        doc.to_string().as_bytes(),
        &no_map(),
        DEFAULT_MAX_BYTES,
    )
    .unwrap();
    let record = records.into_iter().next().unwrap().unwrap();
    assert_eq!(record.at.to_string(), "document 1");
    assert_eq!(record.input.location.as_deref(), Some("Belgrade, RS"));
    assert_eq!(record.input.region.as_deref(), Some("eastern_europe"));
    let prepared = prepare(record, canonical).unwrap();
    let skills: Vec<&str> = prepared
        .candidate
        .skills
        .iter()
        .map(|s| s.as_str())
        .collect();
    assert_eq!(skills, ["go", "postgresql", "temporal"]);
    assert_eq!(prepared.unknown_skills, ["Temporal"]);
}

#[test]
fn wrong_types_are_named_by_json_path() {
    let doc = json!({
        "basics": {"name": 42, "email": "a@example.com", "location": "Berlin"},
        "skills": [{"name": "Go", "keywords": "sql"}, "rust"]
    });
    let err = json_resume::map_document(
        RecordAt {
            kind: RecordKind::Document,
            number: 1,
        },
        &doc,
    )
    .unwrap_err();
    assert_eq!(
        fields(&err.errors),
        [
            "basics.name",
            "basics.location",
            "skills[0].keywords",
            "skills[1]"
        ]
    );
    assert!(err.errors.errors[0].message.contains("found a number"));
}

#[test]
fn rule_errors_point_at_the_source_path() {
    let doc = json!({"basics": {"name": "Bo", "email": "not-an-email"}});
    let records = parse(
        InputFormat::JsonResume,
        doc.to_string().as_bytes(),
        &no_map(),
        DEFAULT_MAX_BYTES,
    )
    .unwrap();
    let record = records.into_iter().next().unwrap().unwrap();
    let err = prepare(record, canonical).unwrap_err();
    assert_eq!(fields(&err.errors), ["basics.email"]);
}

#[test]
fn ndjson_reports_the_malformed_line_and_keeps_the_rest() {
    let text = "{\"basics\":{\"name\":\"A\",\"email\":\"a@x.io\"}}\n\n{oops\n{\"basics\":{\"name\":\"B\",\"email\":\"b@x.io\"}}\n";
    let records = parse(InputFormat::Ndjson, text.as_bytes(), &no_map(), 1000).unwrap();
    assert_eq!(records.len(), 3);
    assert!(records[0].is_ok());
    let bad = records[1].as_ref().unwrap_err();
    assert_eq!(bad.at.to_string(), "line 3");
    assert_eq!(fields(&bad.errors), ["line"]);
    assert_eq!(records[2].as_ref().unwrap().at.to_string(), "line 4");
}

#[test]
fn files_over_the_limit_are_refused_whole() {
    let err = parse(InputFormat::Ndjson, b"{}\n{}\n", &no_map(), 3).unwrap_err();
    assert_eq!(fields(&err), ["file"]);
    assert!(err.errors[0].message.contains("limit of 3 bytes"));
}

#[test]
fn csv_rows_map_by_header_and_name_row_and_column() {
    let text = "Name,Email,Skills,Rate,Rate Period,Currency,Country\n\
                Ana,ana@example.com,Go; Postgres,90,hour,EUR,RS\n\
                Bo,bo@example.com,go,ninety,hour,,US\n";
    let map = ColumnMap::parse(&["country=region"]).unwrap();
    let records = parse(InputFormat::Csv, text.as_bytes(), &map, DEFAULT_MAX_BYTES).unwrap();
    let good = prepare(records[0].clone().unwrap(), canonical).unwrap();
    assert_eq!(good.at.to_string(), "row 2");
    assert_eq!(
        good.candidate.region.map(|r| r.as_str()),
        Some("eastern_europe")
    );
    let rate = good.candidate.expected_rate.unwrap();
    assert_eq!((rate.amount, rate.currency.as_str()), (90, "EUR"));
    let bad = records[1].as_ref().unwrap_err();
    assert_eq!(bad.at.to_string(), "row 3");
    assert_eq!(fields(&bad.errors), ["column 'Rate'"]);
}

#[test]
fn csv_rule_errors_name_the_column() {
    let text = "full name,email,region\nAna,ana@example.com,mars\n";
    let map = ColumnMap::parse(&["Full Name=name"]).unwrap();
    let records = parse(InputFormat::Csv, text.as_bytes(), &map, DEFAULT_MAX_BYTES).unwrap();
    let err = prepare(records[0].clone().unwrap(), canonical).unwrap_err();
    assert_eq!(fields(&err.errors), ["column 'region'"]);
}

#[test]
fn csv_headers_and_maps_are_checked_before_any_row() {
    let err = parse(InputFormat::Csv, b"name,mail\nA,a@x.io\n", &no_map(), 100).unwrap_err();
    assert!(err.errors[0].message.contains("no column for email"));
    let err = ColumnMap::parse(&["mail", "mail=fax"]).unwrap_err();
    assert_eq!(fields(&err), ["map", "map"]);
    let map = ColumnMap::parse(&["missing=email"]).unwrap();
    let err = parse(InputFormat::Csv, b"name,email\n", &map, 100).unwrap_err();
    assert!(err.errors[0].message.contains("no column 'missing'"));
}

#[test]
fn formats_are_guessed_from_the_file_name() {
    assert_eq!(
        InputFormat::from_file_name("a.JSON"),
        Some(InputFormat::JsonResume)
    );
    assert_eq!(
        InputFormat::from_file_name("pool.jsonl"),
        Some(InputFormat::Ndjson)
    );
    assert_eq!(InputFormat::from_file_name("x.csv"), Some(InputFormat::Csv));
    assert_eq!(InputFormat::from_file_name("resume"), None);
    assert_eq!(
        region_for_country("de"),
        Some(crate::candidate::Region::WesternEurope)
    );
    assert_eq!(region_for_country("AU"), None);
}

#[test]
fn a_byte_order_mark_does_not_hide_the_first_column() {
    let text = "\u{feff}name,email\nAna,ana@example.com\n";
    let records = parse(InputFormat::Csv, text.as_bytes(), &no_map(), 100).unwrap();
    assert_eq!(records[0].as_ref().unwrap().input.name, "Ana");
}

proptest::proptest! {
    /// Whatever the bytes, every format answers with records or a file error, never a panic, and
    /// NDJSON gives at most one result per line.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..400)) {
        for format in InputFormat::ALL {
            let _ = parse(*format, &bytes, &no_map(), DEFAULT_MAX_BYTES);
        }
        let lines = bytes.split(|b| *b == b'\n').count();
        let records = parse(InputFormat::Ndjson, &bytes, &no_map(), DEFAULT_MAX_BYTES).unwrap();
        proptest::prop_assert!(records.len() <= lines);
    }

    /// Any CSV row of printable text maps or fails with its row number, never another row's.
    #[test]
    fn csv_rows_keep_their_numbers(cells in proptest::collection::vec("[ -~]{0,12}", 1..6)) {
        let mut text = String::from("name,email,skills,rate\n");
        for cell in &cells {
            text.push_str(&format!("\"{}\",a@example.com,{},1\n", cell.replace('"', "\"\""), cell.replace([',', '"', '\n'], " ")));
        }
        let records = parse(InputFormat::Csv, text.as_bytes(), &no_map(), DEFAULT_MAX_BYTES).unwrap();
        proptest::prop_assert_eq!(records.len(), cells.len());
        for (i, record) in records.iter().enumerate() {
            let at = match record { Ok(r) => r.at, Err(e) => e.at };
            proptest::prop_assert_eq!(at.number, i + 2);
        }
    }
}

#[test]
fn a_json_resume_brings_links_level_and_years_from_work() {
    let doc = json!({
        "basics": {"name": "Ana Petrović", "email": "ana@example.com", "url": "https://ana.dev",
                   "profiles": [{"network": "GitHub", "username": "ana"}]},
        "skills": [{"name": "Golang", "level": "Senior", "keywords": ["Postgres"]}],
        "work": [{"startDate": "2019-03-01", "endDate": "2024-03-01",
                  "highlights": ["Ledger in Golang on Postgres"]},
                 {"startDate": "2015-01-01", "endDate": "2016-01-01", "summary": "Postgres DBA"}]
    });
    let records = parse(
        InputFormat::JsonResume,
        doc.to_string().as_bytes(),
        &no_map(),
        DEFAULT_MAX_BYTES,
    )
    .unwrap();
    let record = records.into_iter().next().unwrap().unwrap();
    let prepared = prepare(record, canonical).unwrap();
    let profile = &prepared.candidate.profile;
    assert_eq!(
        profile.links.github.as_deref(),
        Some("https://github.com/ana")
    );
    assert_eq!(profile.links.website.as_deref(), Some("https://ana.dev"));
    assert_eq!(profile.stated_level, Some(crate::level::Level::Senior));
    let years: Vec<(&str, Option<f32>, Option<i32>)> = profile
        .skill_details
        .iter()
        .map(|d| (d.skill.as_str(), d.years, d.last_used_year))
        .collect();
    // Go from the ledger job (5 years), PostgreSQL from both (5 + 1), tags canonical.
    assert_eq!(
        years,
        [
            ("go", Some(5.0), Some(2024)),
            ("postgresql", Some(6.0), Some(2024))
        ]
    );
}

#[test]
fn a_bad_profile_link_in_a_json_resume_is_named_by_its_path() {
    let doc = json!({
        "basics": {"name": "Ana", "email": "ana@example.com",
                   "profiles": [{"network": "GitHub", "url": "https://gitlab.com/ana"}]}
    });
    let records = parse(
        InputFormat::JsonResume,
        doc.to_string().as_bytes(),
        &no_map(),
        DEFAULT_MAX_BYTES,
    )
    .unwrap();
    let record = records.into_iter().next().unwrap().unwrap();
    let err = prepare(record, canonical).unwrap_err();
    assert_eq!(fields(&err.errors), ["basics.profiles"]);
}

#[test]
fn a_json_resume_brings_phone_place_and_years_of_work() {
    let doc = json!({
        "basics": {"name": "Ana", "email": "ana@example.com", "phone": "064 123 4567",
                   "location": {"city": "Novi Sad", "countryCode": "rs"}},
        "work": [{"startDate": "2018-01-01", "endDate": "2021-01-01"},
                 {"startDate": "2020-01-01", "endDate": "2024-07-01"}]
    });
    let records = parse(
        InputFormat::JsonResume,
        doc.to_string().as_bytes(),
        &no_map(),
        DEFAULT_MAX_BYTES,
    )
    .unwrap();
    let record = records.into_iter().next().unwrap().unwrap();
    let profile = prepare(record, canonical).unwrap().candidate.profile;
    assert_eq!(profile.phone.unwrap().as_str(), "+381 64 123 4567");
    assert_eq!(profile.country.unwrap().as_str(), "RS");
    assert_eq!(profile.city.unwrap().as_str(), "Novi Sad");
    // 2018-01 to 2024-07, the overlap counted once.
    assert_eq!(profile.experience_years, Some(6.5));

    let bad = json!({"basics": {"name": "Bo", "email": "bo@example.com", "phone": "call me"}});
    let record = parse(
        InputFormat::JsonResume,
        bad.to_string().as_bytes(),
        &no_map(),
        1000,
    )
    .unwrap()
    .remove(0)
    .unwrap();
    let err = prepare(record, canonical).unwrap_err();
    assert_eq!(fields(&err.errors), ["basics.phone"]);
}

#[test]
fn a_csv_row_fills_every_profile_field_by_header_alias() {
    let text = "Full name,E-mail,Mobile,Country,City,Time zone,GitHub,LinkedIn,Website,Skills,\
                Primary language,Seniority,Years of experience,Available from,Hours per week,\
                Engagement,Work authorization,Industries,Consent until,Source,Tags,Rate,Rate period,Currency\n\
                Ana Petrović,ana@example.com,064 123 4567,RS,Novi Sad,Europe/Belgrade,https://github.com/ana,\
                https://www.linkedin.com/in/ana,https://ana.dev,\"Golang:5; Postgres:3; Kafka\",Go,senior,7.5,\
                2026-12-01,40,full_time; contract,RS; western_europe,payments; fintech,2027-11-30,referral,\
                rehire,90,hour,EUR\n";
    let records = parse(
        InputFormat::Csv,
        text.as_bytes(),
        &no_map(),
        DEFAULT_MAX_BYTES,
    )
    .unwrap();
    let c = prepare(records[0].clone().unwrap(), canonical)
        .unwrap()
        .candidate;
    let p = &c.profile;
    assert_eq!(c.name.as_str(), "Ana Petrović");
    assert_eq!(p.phone.as_ref().unwrap().key(), "381641234567");
    assert_eq!(p.country.as_ref().unwrap().as_str(), "RS");
    assert_eq!(p.city.as_ref().unwrap().as_str(), "Novi Sad");
    // No region column: the country gives it.
    assert_eq!(c.region.map(|r| r.as_str()), Some("eastern_europe"));
    assert_eq!(p.timezone.as_ref().unwrap().as_str(), "Europe/Belgrade");
    assert_eq!(p.links.website.as_deref(), Some("https://ana.dev"));
    let skills: Vec<&str> = c.skills.iter().map(|s| s.as_str()).collect();
    assert_eq!(skills, ["go", "postgresql", "kafka"]);
    let years: Vec<(&str, Option<f32>)> = p
        .skill_details
        .iter()
        .map(|d| (d.skill.as_str(), d.years))
        .collect();
    assert_eq!(years, [("go", Some(5.0)), ("postgresql", Some(3.0))]);
    assert_eq!(p.stated_level, Some(crate::level::Level::Senior));
    assert_eq!(p.experience_years, Some(7.5));
    assert_eq!(p.hours_per_week, Some(40));
    assert_eq!(p.engagement.len(), 2);
    assert_eq!(p.work_authorization, ["RS", "western_europe"]);
    assert_eq!(p.industries, ["payments", "fintech"]);
    assert_eq!(p.consent_until.unwrap().to_string(), "2027-11-30");
    assert_eq!(p.source_channel.unwrap().as_str(), "referral");
    assert_eq!(p.tags, ["rehire"]);
    assert_eq!(c.expected_rate.unwrap().currency.as_str(), "EUR");
}

#[test]
fn csv_profile_errors_name_the_column() {
    let text = "name,email,Mobile,Country,Skills,YOE,Hours,Engagement\n\
                Ana,ana@example.com,call me,EU,Go:lots,many,forty,full_time; gig\n\
                Bo,bo@example.com,+1 555 123 4567,US,Go:2,61,40,gig\n";
    let records = parse(
        InputFormat::Csv,
        text.as_bytes(),
        &no_map(),
        DEFAULT_MAX_BYTES,
    )
    .unwrap();
    // Cells that are not numbers stop the row before the rules run.
    let bad = records[0].as_ref().unwrap_err();
    assert_eq!(
        fields(&bad.errors),
        ["column 'Hours'", "column 'YOE'", "column 'Skills'"]
    );
    let err = prepare(records[1].clone().unwrap(), canonical).unwrap_err();
    assert_eq!(
        fields(&err.errors),
        ["column 'YOE'", "column 'Engagement'[0]"]
    );
}

#[test]
fn csv_work_modes_and_relocation_map_and_name_their_column() {
    let text = "name,email,Work mode,Willing to relocate\n\
                Ana,ana@example.com,remote; Hybrid,Yes\n\
                Bo,bo@example.com,,\n\
                Cy,cy@example.com,onsite,perhaps\n\
                Di,di@example.com,remote; office,no\n";
    let records = parse(
        InputFormat::Csv,
        text.as_bytes(),
        &no_map(),
        DEFAULT_MAX_BYTES,
    )
    .unwrap();
    let ana = prepare(records[0].clone().unwrap(), canonical)
        .unwrap()
        .candidate;
    use crate::work_mode::WorkMode;
    assert_eq!(ana.profile.work_modes, [WorkMode::Remote, WorkMode::Hybrid]);
    assert_eq!(ana.profile.open_to_relocation, Some(true));
    // Blank cells state nothing.
    let bo = prepare(records[1].clone().unwrap(), canonical)
        .unwrap()
        .candidate;
    assert!(bo.profile.work_modes.is_empty());
    assert_eq!(bo.profile.open_to_relocation, None);
    // A relocation cell that is not yes/no stops the row, named by its column.
    let cy = records[2].as_ref().unwrap_err();
    assert_eq!(fields(&cy.errors), ["column 'Willing to relocate'"]);
    assert!(cy.errors.errors[0].message.contains("'perhaps'"));
    // An unknown mode is named by column and position.
    let di = prepare(records[3].clone().unwrap(), canonical).unwrap_err();
    assert_eq!(fields(&di.errors), ["column 'Work mode'[1]"]);
}
