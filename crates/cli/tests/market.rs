//! `hireloop cost …` and `hireloop advise …` run as a user would: the sources' own worked examples
//! reproduced, budget and timeline results, advice order, JSON output, errors that name the flag,
//! and a user's market data directory taking part in the results.
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;
use common::{command, hireloop, Run};

/// The market commands never open a database; this one cannot be opened anyway.
const NO_DB: &str = "sqlite:///nonexistent-dir-for-market-tests/never.db";

/// A command line as its words: `words("cost tco --salary 1")`.
fn words(line: &str) -> Vec<&str> {
    line.split_whitespace().collect()
}

fn run(args: &[&str]) -> Run {
    hireloop(NO_DB, args)
}

fn json(args: &[&str]) -> serde_json::Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    run(&all).ok().json()
}

/// Asserts exit 1 with every `needle` in stderr, and returns stderr.
fn fails(args: &[&str], needles: &[&str]) -> String {
    let r = run(args);
    assert_eq!(r.code, 1, "{args:?}: {r:#?}");
    for needle in needles {
        assert!(
            r.stderr.contains(needle),
            "{args:?}: '{needle}' not in {}",
            r.stderr
        );
    }
    r.stderr
}

const OUR_RATES: &str = r#"
[[source]]
id = "our-offers-2026"
publisher = "Our own offers"
title = "Offers we made in 2026"
year = 2026

[[hourly_rate]]
source = "our-offers-2026"
region = "eastern_europe"
level = "senior"
min = 62
max = 88
label = "our accepted offers"
"#;

#[test]
fn compare_with_no_flags_reproduces_steptos_table() {
    let r = run(&["cost", "compare"]).ok();
    assert!(
        r.stdout
            .contains("In-house 228,000 vs outsourced 68,000 per year: savings 160,000 (70%)."),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("(market dataset 2026.11)"),
        "{}",
        r.stdout
    );
    // The source's stated totals are cited beside the recomputation.
    assert!(r.stdout.contains("StepTo 2026"), "{}", r.stdout);

    let c = json(&["cost", "compare"]);
    assert_eq!(c["dataset_version"], "2026.11");
    assert_eq!(c["kind"], "benchmark");
    assert_eq!(c["in_house"]["first_year"], 228_000.0);
    assert_eq!(c["outsourced"]["first_year"], 68_000.0);
    assert_eq!(c["savings"], 160_000.0);
    assert_eq!(c["savings_percent"], 70.0);
    assert_eq!(c["in_house"]["steady_state"], 200_000.0);
}

#[test]
fn compare_flags_replace_the_tables_inputs_one_by_one() {
    let same = json(&words(
        "cost compare --in-house-salary 140000 --outsourced-salary 68000",
    ));
    assert_eq!(same["kind"], "custom");
    assert_eq!(same["savings"], 160_000.0);

    // 100,000 + 30% + 3,000 + 20% + 15,000 = 168,000 against the table's outsourced 68,000.
    let ours = json(&["cost", "compare", "--in-house-salary", "100000"]);
    assert_eq!(ours["in_house"]["first_year"], 168_000.0);
    assert_eq!(ours["savings"], 100_000.0);
    assert_eq!(ours["savings_percent"], 60.0);
    let inputs = ours["inputs"].as_array().unwrap();
    assert!(inputs
        .iter()
        .any(|i| i["value"] == "100,000" && i["source"] == "--in-house-salary"));
    assert!(inputs
        .iter()
        .any(|i| i["source"].as_str().unwrap().starts_with("StepTo 2026")));
}

#[test]
fn all_in_shows_kore1s_band_and_its_worked_example() {
    let r = run(&["cost", "all-in", "--salary", "110000"]).ok();
    assert!(
        r.stdout.contains("132,000-143,000 USD per year"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("135,000-143,000 all-in"), "{}", r.stdout);
    assert!(r.stdout.contains("20-30%"), "{}", r.stdout);

    let a = json(&["cost", "all-in", "--salary", "110000"]);
    assert_eq!(a["all_in"]["min"].as_f64().unwrap().round(), 132_000.0);
    assert_eq!(a["all_in"]["max"].as_f64().unwrap().round(), 143_000.0);
}

#[test]
fn tco_defaults_come_from_the_dataset_and_say_so() {
    let t = json(&["cost", "tco", "--salary", "140000"]);
    assert_eq!(t["first_year"], 228_000.0);
    assert_eq!(t["steady_state"], 200_000.0);
    let inputs = t["inputs"].as_array().unwrap();
    let source_of = |what: &str| {
        inputs
            .iter()
            .find(|i| i["what"].as_str().unwrap().starts_with(what))
            .unwrap()["source"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert!(source_of("benefits").starts_with("StepTo 2026"));
    assert!(source_of("ramp-up days").starts_with("KORE1 2026"));
    assert!(source_of("productivity lost").starts_with("hireloop assumption"));

    // Half a year's salary over 73 days at 50% loss: 100,000 / 365 x 73 x 0.5 = 10,000, first year only.
    let t = json(&words("cost tco --salary 100000 --benefits-percent 25 --recruiting-percent 20 --equipment 0 --management 0 --ramp-days 73 --ramp-loss-percent 50"));
    assert_eq!(t["steady_state"], 125_000.0);
    assert_eq!(t["first_year"], 155_000.0);
}

#[test]
fn a_senior_budget_below_market_gets_the_mid_level_budget_advice() {
    let args =
        words("cost budget --level senior --region eastern_europe --min 60 --max 65 --period hour");
    let r = run(&args).ok();
    assert!(
        r.stdout.contains("below the market by 5 USD/h (7%)"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("senior scorecard with a mid-level budget"),
        "{}",
        r.stdout
    );
    let b = json(&args);
    assert_eq!(b["verdict"], "below");
    assert_eq!(b["gap"], 5.0);

    let within = json(&words(
        "cost budget --level mid --region western_europe --min 150000 --max 180000 --period year",
    ));
    assert_eq!(within["verdict"], "within");
    assert_eq!(within["market"]["min"], 70.0 * 2080.0);
}

#[test]
fn an_in_house_mid_level_search_from_a_fixed_date() {
    let args = words("advise timeline --channel in_house --level mid --start 2026-03-02");
    let r = run(&args).ok();
    assert!(
        r.stdout
            .contains("Accepted offer: 2026-03-23 to 2026-04-06"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("First day:      2026-04-06 to 2026-05-04"),
        "{}",
        r.stdout
    );
    // StepTo's stated total is shown beside the phases it splits into.
    assert!(r.stdout.contains("42-70 days"), "{}", r.stdout);
    assert!(r.stdout.contains("add up to 35-63 days"), "{}", r.stdout);

    let t = json(&args);
    assert_eq!(t["offer"]["earliest"], "2026-03-23");
    assert_eq!(t["offer"]["latest"], "2026-04-06");
    let phases: Vec<_> = t["phases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(phases, ["sourcing", "interview rounds", "notice period"]);
    assert_eq!(t["ramp_up"].as_array().unwrap().len(), 3);

    let october = run(&words(
        "advise timeline --channel in_house --level senior --start 2026-10-05",
    ))
    .ok();
    assert!(october.stdout.contains("42% faster"), "{}", october.stdout);
}

#[test]
fn an_urgent_startup_is_pointed_at_a_curated_network_first() {
    let args = words("advise channel --stage startup --urgency high --level senior --core-work --backend-leadership");
    let r = run(&args).ok();
    assert!(
        r.stdout
            .lines()
            .nth(1)
            .unwrap()
            .starts_with("1. Curated talent network (curated_network): score +6"),
        "{}",
        r.stdout
    );
    let a = json(&args);
    let ranked = a["ranked"].as_array().unwrap();
    let order: Vec<_> = ranked
        .iter()
        .map(|r| r["option"].as_str().unwrap())
        .collect();
    assert_eq!(order.first(), Some(&"curated_network"));
    assert_eq!(order.last(), Some(&"in_house"));
    assert!(ranked.last().unwrap()["score"].as_i64().unwrap() < 0);
    assert!(ranked
        .iter()
        .flat_map(|r| r["reasons"].as_array().unwrap())
        .all(|reason| reason["source"]
            .as_str()
            .is_some_and(|s| s.ends_with("2026"))));
    assert_eq!(a["input"]["stage"], "startup");

    let engagement = json(&words(
        "advise engagement --duration-months 6 --urgency high",
    ));
    assert_eq!(engagement["ranked"][0]["option"], "contractor");
    let shape = json(&words(
        "advise team-shape --high-security --several-clients",
    ));
    assert_eq!(shape["ranked"][0]["option"], "dedicated_backend");
}

#[test]
fn every_command_prints_json_that_names_the_dataset_version() {
    for args in [
        &words("cost rates --level senior --region united_states --language go")[..],
        &words("cost salaries --country US --level mid --remote"),
        &["cost", "tco", "--salary", "120000"],
        &["cost", "compare"],
        &["cost", "all-in", "--salary", "110000"],
        &["cost", "wrong-hire", "--salary", "75000"],
        &["cost", "junior-vs-senior"],
        &words("cost budget --level mid --region asia --min 30 --max 40 --period hour"),
        &["cost", "dataset", "--figures"],
        &["advise", "channel"],
        &["advise", "engagement", "--core-work"],
        &["advise", "team-shape", "--crud-app", "--stage", "startup"],
        &words("advise timeline --channel curated_network --level senior"),
    ] {
        let value = json(args);
        assert_eq!(value["dataset_version"], "2026.11", "{args:?}: {value}");
    }
    let wrong = json(&["cost", "wrong-hire", "--salary", "75000"]);
    assert_eq!(wrong["total"]["min"], 225_000.0);
    assert_eq!(wrong["breakdown"].as_array().unwrap().len(), 3);
    let dataset = json(&["cost", "dataset", "--figures"]);
    // Five publications and the ECB exchange rates (currencies.toml).
    assert_eq!(dataset["sources"].as_array().unwrap().len(), 6);
    assert!(dataset["figures"]["hourly_rate"].as_array().unwrap().len() >= 19);
}

#[test]
fn unknown_values_are_refused_naming_the_flag_and_the_known_values() {
    fails(
        &["cost", "rates", "--level", "mid", "--region", "mars"],
        &[
            "--region: unknown region 'mars'",
            "eastern_europe",
            "united_states",
        ],
    );
    fails(
        &["cost", "rates", "--level", "staff", "--region", "asia"],
        &["--level: unknown level 'staff'", "junior, mid, senior"],
    );
    fails(
        &["cost", "salaries", "--country", "ZZ"],
        &["--country: unknown country 'ZZ'", "DE", "US"],
    );
    fails(
        &words("advise timeline --channel carrier_pigeon --level mid"),
        &[
            "--channel: unknown channel 'carrier_pigeon'",
            "in_house",
            "curated_network",
        ],
    );
    fails(
        &["advise", "channel", "--urgency", "asap"],
        &["--urgency: unknown urgency 'asap'", "low, normal, high"],
    );
}

#[test]
fn negative_or_absurd_numbers_are_refused_naming_the_flag() {
    fails(
        &["cost", "tco", "--salary", "-5"],
        &["--salary: must not be negative"],
    );
    fails(
        &words("cost tco --salary 100000 --recruiting-percent 250"),
        &["--recruiting-percent: 250 is not plausible"],
    );
    fails(
        &["cost", "all-in", "--salary", "1e12"],
        &["--salary: ", "not plausible"],
    );
    fails(
        &["cost", "wrong-hire", "--salary", "-1"],
        &["--salary: must not be negative"],
    );
    fails(
        &["cost", "compare", "--outsourced-equipment", "-3000"],
        &["--outsourced-equipment: must not be negative"],
    );
    fails(
        &words("cost rates --level mid --region asia --hours-per-year 40"),
        &["--hours-per-year: must be between 500 and 3000"],
    );
    fails(
        &words("cost budget --level mid --region asia --min 90 --max 80 --period hour"),
        &["--min: must not be above --max"],
    );
    fails(
        &["advise", "channel", "--hires", "0"],
        &["--hires: must be between 1 and 1000"],
    );
    fails(
        &["advise", "engagement", "--duration-months", "-2"],
        &["--duration-months: must be between 1 and 600"],
    );
    fails(
        &words("advise timeline --channel agency --level mid --start 2026-02-30"),
        &["--start: '2026-02-30' is not a date"],
    );
}

#[test]
fn missing_data_says_no_benchmark_rather_than_guessing() {
    let stderr = fails(
        &words("advise timeline --channel community --level senior"),
        &["error: no benchmark for time to hire through developer communities"],
    );
    assert!(!stderr.contains("invalid input"), "{stderr}");
}

#[test]
fn a_market_data_directory_adds_figures_and_changes_the_version() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ours.toml"), OUR_RATES).unwrap();
    let path = dir.path().to_str().unwrap();
    let args = words("cost rates --level senior --region eastern_europe");

    let mut with_dir = args.to_vec();
    with_dir.extend(["--market-data", path]);
    let r = run(&with_dir).ok();
    assert!(r.stdout.contains("our accepted offers"), "{}", r.stdout);
    assert!(r.stdout.contains("62-88"), "{}", r.stdout);
    assert!(r.stdout.contains("Our own offers 2026"), "{}", r.stdout);
    assert!(
        r.stdout.contains("market dataset 2026.11+local."),
        "{}",
        r.stdout
    );
    // The shipped figures are still there.
    assert!(r.stdout.contains("70-100"), "{}", r.stdout);

    // The same through the environment, as `serve` reads it.
    let output = command(NO_DB, &args)
        .env("HIRELOOP_MARKET_DATA", path)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{output:?}");
    assert!(stdout.contains("our accepted offers"), "{stdout}");

    // Without it, the figure is not there.
    let plain = run(&args).ok();
    assert!(
        !plain.stdout.contains("our accepted offers"),
        "{}",
        plain.stdout
    );

    let files = json(&["cost", "dataset", "--market-data", path]);
    let ours = files["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "ours.toml")
        .unwrap()
        .clone();
    assert_eq!(ours["origin"], "directory");
}

#[test]
fn a_bad_market_data_file_is_refused_naming_the_file_and_the_figure() {
    let dir = tempfile::tempdir().unwrap();
    let bad = "[[hourly_rate]]\nsource = \"nobody\"\nregion = \"asia\"\nmin = 1\nmax = 2\n";
    std::fs::write(dir.path().join("bad.toml"), bad).unwrap();
    fails(
        &[
            "cost",
            "compare",
            "--market-data",
            dir.path().to_str().unwrap(),
        ],
        &["bad.toml: hourly_rate[0]: source 'nobody' is not declared"],
    );
    let inverted = "[[range]]\nkey = \"notice_period\"\nsource = \"kore1-2026\"\nmin = 5\nmax = 3\nunit = \"weeks\"\nlabel = \"l\"\n";
    std::fs::write(dir.path().join("bad.toml"), inverted).unwrap();
    fails(
        &[
            "advise",
            "channel",
            "--market-data",
            dir.path().to_str().unwrap(),
        ],
        &["bad.toml: range[0] (notice_period): min 5 is above max 3"],
    );
    let missing = dir.path().join("missing");
    fails(
        &[
            "cost",
            "dataset",
            "--market-data",
            missing.to_str().unwrap(),
        ],
        &["cannot read the market data directory"],
    );
}

#[test]
fn help_explains_each_input_and_where_its_default_comes_from() {
    // Help is wrapped to the terminal's width: compare with the line breaks taken out.
    let help = |args: &[&str]| {
        let stdout = run(args).ok().stdout;
        stdout.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let tco = help(&["cost", "tco", "--help"]);
    for needle in [
        "--benefits-percent",
        "StepTo 2026",
        "KORE1 2026",
        "hireloop assumption",
        "--market-data",
    ] {
        assert!(tco.contains(needle), "'{needle}' not in {tco}");
    }
    let rates = help(&["cost", "rates", "--help"]);
    assert!(rates.contains("2080"), "{rates}");
    assert!(rates.contains("--format"), "{rates}");
    let timeline = help(&["advise", "timeline", "--help"]);
    assert!(timeline.contains("YYYY-MM-DD"), "{timeline}");
}

#[test]
fn market_commands_create_no_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("never.db");
    let url = format!("sqlite://{}", db.display());
    hireloop(&url, &["cost", "junior-vs-senior"]).ok();
    hireloop(&url, &["advise", "channel"]).ok();
    assert!(!db.exists());
}
