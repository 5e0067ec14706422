use super::*;
use crate::scorecard::lint::testkit::GOOD;
use crate::scorecard::model::{LocationPolicy, LoopStageKind, ScorecardLevel};

fn problems(text: &str) -> Vec<Problem> {
    from_toml(text).unwrap_err().problems
}

fn paths(text: &str) -> Vec<String> {
    problems(text).into_iter().map(|p| p.path).collect()
}

#[test]
fn parses_the_reference_role() {
    let card = from_toml(GOOD).unwrap();
    assert_eq!(
        card.title.as_str(),
        "Senior Go Engineer, Payments API (Remote)"
    );
    assert_eq!(card.level, ScorecardLevel::Senior);
    assert_eq!(card.must_have[0].min_years, Some(5));
    assert_eq!(card.nice_to_have[0].weight, 3);
    assert_eq!(card.policy(), Some(LocationPolicy::Remote));
    assert_eq!(card.interview_loop[1].kind, LoopStageKind::TakeHome);
    assert_eq!(
        card.start_date.map(|d| d.to_string()).as_deref(),
        Some("2026-03-01")
    );
    assert_eq!(card.budget.as_ref().map(|b| b.max), Some(190_000));
}

#[test]
fn rendering_round_trips() {
    let card = from_toml(GOOD).unwrap();
    let text = to_toml(&card);
    assert_eq!(from_toml(&text).unwrap(), card);
    // The canonical form is stable.
    assert_eq!(to_toml(&from_toml(&text).unwrap()), text);
}

#[test]
fn round_trips_awkward_text_and_contract_terms() {
    let text = r#"
title = "Staff \"Platform\" Engineer"
level = "staff"
framework = "Django"
mission = "Line one\nline two: ship the \\ tricky bits by Q2"
scope = "one system"
engagement = "contract-to-hire"
duration_months = 6
[conversion]
after_months = 4
criteria = ["owns the platform API", "on-call ready"]
decision_maker = "CTO"
"#;
    let card = from_toml(text).unwrap();
    assert_eq!(card.scope, ["one system"]);
    assert_eq!(from_toml(&to_toml(&card)).unwrap(), card);
}

#[test]
fn unknown_keys_suggest_the_nearest_known_key() {
    let p = problems("title = \"Go Engineer\"\nlevel = \"mid\"\nmisson = \"x\"\n");
    assert_eq!(p[0].path, "misson");
    assert!(
        p[0].message.contains("did you mean 'mission'?"),
        "{}",
        p[0].message
    );
    let p = problems("title = \"Go Engineer\"\nlevel = \"mid\"\n[location]\npolicy = \"remote\"\ntimezone = \"UTC\"\n");
    assert_eq!(p[0].path, "location.timezone");
    assert!(
        p[0].message.contains("did you mean 'team_timezone'?"),
        "{}",
        p[0].message
    );
    let p = problems("title = \"Go Engineer\"\nlevel = \"mid\"\nsalary = 5\n");
    assert!(
        p[0].message.contains("known keys: title, level"),
        "{}",
        p[0].message
    );
}

#[test]
fn invalid_toml_points_at_line_and_column() {
    let p = problems("title = \"Go Engineer\"\nlevel = \"mid\"\nheadcount = = 2\n");
    assert_eq!((p[0].line, p[0].column), (Some(3), Some(13)));
    assert_eq!(p[0].path, "headcount");
    assert!(
        p[0].to_string()
            .starts_with("line 3, column 13: headcount: invalid TOML"),
        "{}",
        p[0]
    );
    let p = problems("title = \"Go\"\n[budget]\nmin = 1\nmin = 2\n");
    assert_eq!(p[0].line, Some(4));
    assert_eq!(p[0].path, "budget.min");
}

#[test]
fn values_outside_their_sets_list_the_valid_ones_and_name_the_path() {
    let p = problems(
        "title = \"Go Engineer\"\nlevel = \"principal\"\nstage = \"scaleup\"\nengagement = \"gig\"\n\
         [[loop]]\ntype = \"vibes\"\n",
    );
    let by_path = |path: &str| p.iter().find(|p| p.path == path).unwrap().message.clone();
    assert!(by_path("level").contains("junior, mid, senior, staff"));
    assert!(by_path("stage").contains("startup, growth, enterprise"));
    assert!(by_path("engagement").contains("full_time, contractor, contract_to_hire, freelance"));
    assert!(by_path("loop[0].type").contains("take_home"));
}

#[test]
fn every_problem_is_reported_with_its_key_path() {
    let text = r#"
headcount = 0
start_date = "soon"
[[must_have]]
min_years = "five"
[[nice_to_have]]
skill = "Redis"
weight = 11
[location]
policy = "remote"
countries = ["Germany", "PL"]
team_timezone = "Europe/Atlantis"
overlap_hours = 30
[budget]
currency = "dollars"
period = "month"
min = 200
max = 100
"#;
    let got = paths(text);
    for want in [
        "title",
        "level",
        "headcount",
        "start_date",
        "must_have[0].skill",
        "must_have[0].min_years",
        "nice_to_have[0].weight",
        "location.countries[0]",
        "location.team_timezone",
        "location.overlap_hours",
        "budget.currency",
        "budget.period",
        "budget.min",
    ] {
        assert!(got.iter().any(|p| p == want), "missing {want} in {got:?}");
    }
}

#[test]
fn parse_errors_become_field_errors() {
    let errors: ValidationErrors = from_toml("title = \"Go Engineer\"\nlevel = \"x\"\n")
        .unwrap_err()
        .into();
    assert_eq!(errors.errors[0].field, "level");
}

#[test]
fn matching_weights_round_trip_and_omitted_ones_stay_omitted() {
    let text = format!(
        "{GOOD}\n[matching.weights]\nskills = 50\nbudget = 15\navailability = 0\ntext = 25\n"
    );
    let card = from_toml(&text).unwrap();
    let weights = card.matching_weights().unwrap();
    assert_eq!(weights.skills, Some(50));
    assert_eq!(weights.availability, Some(0));
    assert_eq!(weights.level, None, "omitted: keeps its default");
    assert_eq!(weights.points().level, 15);
    let rendered = to_toml(&card);
    assert!(
        rendered.ends_with(
            "\n[matching.weights]\nskills = 50\nbudget = 15\navailability = 0\ntext = 25\n"
        ),
        "{rendered}"
    );
    assert_eq!(from_toml(&rendered).unwrap(), card);
    // The model as JSON carries the same keys.
    let json = serde_json::to_value(&card).unwrap();
    assert_eq!(json["matching"]["weights"]["skills"], 50);
    assert!(json["matching"]["weights"].get("level").is_none());

    // An empty section sets nothing: it is the default, and the canonical form leaves it out.
    let empty = from_toml(&format!("{GOOD}\n[matching.weights]\n")).unwrap();
    assert_eq!(empty.matching, None);
    assert!(!to_toml(&empty).contains("matching"));
    assert_eq!(from_toml(GOOD).unwrap().matching, None);
}

#[test]
fn bad_matching_weights_are_named_by_key_path() {
    let p = problems(&format!(
        "{GOOD}\n[matching.weights]\nskills = -5\nlevel = 12.5\nbudget = 101\ntimezone = nan\n\
         vetting = \"high\"\nskils = 3\n"
    ));
    let by_path = |path: &str| {
        p.iter()
            .find(|p| p.path == path)
            .unwrap_or_else(|| panic!("no problem at {path}: {p:?}"))
            .message
            .clone()
    };
    assert!(by_path("matching.weights.skills").contains("-5 is negative"));
    assert!(by_path("matching.weights.level").contains("12.5 is not a whole number"));
    assert!(by_path("matching.weights.budget").contains("101 is above 100"));
    assert!(by_path("matching.weights.timezone").contains("NaN is not a number"));
    assert!(by_path("matching.weights.vetting").contains("expected a whole number"));
    assert!(by_path("matching.weights.skils").contains("did you mean 'skills'?"));

    let p = problems(&format!("{GOOD}\n[matching]\nweigths = 3\n"));
    assert_eq!(p[0].path, "matching.weigths");
    let p = problems(&format!("{GOOD}\n[matching]\nweights = 3\n"));
    assert_eq!(p[0].path, "matching.weights");
    assert!(
        p[0].message.contains("a table ([matching.weights])"),
        "{}",
        p[0].message
    );
}
