//! Role files through the real binary: `lint` on every example and on broken files, `jd` in its
//! three formats, and `role import` / `role export` on each database backend.
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;
use common::{hireloop, on_each_backend, Run};
use hireloop_core::scorecard::{from_toml, to_toml};
use std::path::{Path, PathBuf};

/// lint and jd open no database; a URL that could not be opened proves it.
const NO_DATABASE: &str = "sqlite:///nonexistent-dir/never-created.db";

fn example(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/roles")
        .join(name)
        .display()
        .to_string()
}

/// Writes `text` to a role file in a fresh temporary directory (kept alive by the returned guard).
fn role_file(text: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let path: PathBuf = dir.path().join("role.toml");
    std::fs::write(&path, text).unwrap();
    (dir, path.display().to_string())
}

fn lint_json(file: &str) -> (Run, serde_json::Value) {
    let run = hireloop(NO_DATABASE, &["lint", "--format", "json", file]);
    let json = run.json();
    (run, json)
}

fn codes(report: &serde_json::Value) -> Vec<String> {
    report["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect()
}

/// Each example file and the codes it is written to show; the clean ones have none.
const EXAMPLES: &[(&str, &[&str])] = &[
    ("senior-go-payments.toml", &[]),
    ("mid-python-django-startup.toml", &[]),
    ("staff-java-platform-enterprise.toml", &[]),
    (
        "junior-wishlist.toml",
        &["HL004", "HL005", "HL006", "HL008", "HL014", "HL015"],
    ),
    ("senior-rails-underpaid.toml", &["HL016", "HL020", "HL022"]),
    (
        "contract-to-hire-fullstack.toml",
        &["HL011", "HL024", "HL025"],
    ),
    (
        "contractor-core-owner.toml",
        &["HL001", "HL007", "HL009", "HL013", "HL023"],
    ),
];

#[test]
fn every_example_lints_with_its_expected_exit_code_and_codes() {
    let shipped: Vec<_> = std::fs::read_dir(example(""))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".toml"))
        .collect();
    for name in &shipped {
        assert!(
            EXAMPLES.iter().any(|(n, _)| n == name),
            "{name} has no expectation here"
        );
    }
    for (name, expected) in EXAMPLES {
        let (run, report) = lint_json(&example(name));
        let found = codes(&report);
        let file = &report["files"][0];
        assert_eq!(file["parsed"], true, "{name}");
        if expected.is_empty() {
            assert_eq!(run.code, 0, "{name} should be clean: {found:?}");
            assert_eq!(file["errors"], 0, "{name}");
            // Every skill of a clean example is known to the shipped taxonomy.
            assert!(!found.contains(&"HL003".to_string()), "{name}: {found:?}");
            assert_eq!(report["files_with_errors"], 0);
        } else {
            assert_eq!(run.code, 1, "{name} should fail: {found:?}");
            for code in *expected {
                assert!(
                    found.iter().any(|c| c == code),
                    "{name}: {code} in {found:?}"
                );
            }
            assert!(
                run.stderr.contains("1 of 1 role files have errors"),
                "{run:?}"
            );
        }
    }
}

#[test]
fn the_table_shows_severity_fix_and_source_and_many_files_are_summed_up() {
    let all: Vec<String> = EXAMPLES.iter().map(|(n, _)| example(n)).collect();
    let mut args = vec!["lint"];
    args.extend(all.iter().map(String::as_str));
    let run = hireloop(NO_DATABASE, &args);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stdout.contains("senior-go-payments.toml: "),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("7 files, 4 with errors."),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr.contains("4 of 7 role files have errors"),
        "{}",
        run.stderr
    );
    // The underpaid senior: code, severity, fix and source (the message wraps in its cell).
    let underpaid = run
        .stdout
        .split("senior-rails-underpaid.toml:")
        .nth(1)
        .unwrap();
    for part in ["HL022", "budget-below-market", "error", "fix: ", "source: "] {
        assert!(underpaid.contains(part), "{part} missing in {underpaid}");
    }
    let (_, report) = lint_json(&example("senior-rails-underpaid.toml"));
    let findings = report["files"][0]["findings"].as_array().unwrap();
    let budget = findings.iter().find(|f| f["code"] == "HL022").unwrap();
    assert_eq!(budget["severity"], "error");
    assert!(
        budget["message"]
            .as_str()
            .unwrap()
            .contains("senior scorecard with a mid-level budget"),
        "{budget}"
    );
    assert!(budget["source"].as_str().unwrap().contains("2026"));
    assert!(!budget["fix"].as_str().unwrap().is_empty());

    let clean = hireloop(NO_DATABASE, &["lint", &example("senior-go-payments.toml")]);
    assert_eq!(clean.code, 0, "{clean:?}");
    assert!(clean.stderr.is_empty(), "{}", clean.stderr);
}

#[test]
fn market_data_changes_what_the_budget_is_checked_against() {
    let underpaid = example("senior-rails-underpaid.toml");
    let (_, shipped) = lint_json(&underpaid);
    assert!(codes(&shipped).contains(&"HL022".to_string()));
    // A rates file of our own in which a senior in Eastern Europe costs 45-60 USD/h.
    let rates = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/market/rates.toml"),
    )
    .unwrap();
    let band = "level = \"senior\"\nmin = 70\nmax = 100\nlabel = \"region x level table\"";
    assert!(rates.contains(band), "the shipped band moved");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("rates.toml"),
        rates.replace(
            band,
            "level = \"senior\"\nmin = 45\nmax = 60\nlabel = \"region x level table\"",
        ),
    )
    .unwrap();
    let path = dir.path().to_str().unwrap();
    let run = hireloop(
        NO_DATABASE,
        &[
            "lint",
            "--format",
            "json",
            "--market-data",
            path,
            &underpaid,
        ],
    );
    let report = run.json();
    assert!(
        report["dataset_version"]
            .as_str()
            .unwrap()
            .contains("+local."),
        "{report}"
    );
    assert!(
        !codes(&report).contains(&"HL022".to_string()),
        "{:?}",
        codes(&report)
    );
    assert_ne!(report["dataset_version"], shipped["dataset_version"]);
}

#[test]
fn a_typo_in_a_key_fails_with_did_you_mean() {
    let (_dir, file) = role_file(
        "title = \"Senior Go Engineer, Payments API (Remote)\"\nlevel = \"senior\"\n\
         misson = \"Cut failed payments to 0.5% by Q3\"\n",
    );
    let run = hireloop(NO_DATABASE, &["lint", &file]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stdout.contains("does not parse (1 problem)"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("misson: unknown key 'misson'; did you mean 'mission'?"),
        "{}",
        run.stdout
    );

    let (_dir, file) = role_file("title = \"Senior Go Engineer\"\nlevel = \"principal\"\n");
    let (run, report) = lint_json(&file);
    assert_eq!(run.code, 1);
    let message = report["files"][0]["problems"][0]["message"]
        .as_str()
        .unwrap();
    assert!(message.contains("junior, mid, senior, staff"), "{message}");
}

#[test]
fn invalid_toml_points_at_line_and_column() {
    let (_dir, file) =
        role_file("title = \"Senior Go Engineer\"\nlevel = \"senior\"\nheadcount = = 2\n");
    let (run, report) = lint_json(&file);
    assert_eq!(run.code, 1, "{run:?}");
    let problem = &report["files"][0]["problems"][0];
    assert_eq!(problem["line"], 3);
    assert!(problem["column"].as_u64().unwrap() > 1, "{problem}");
    assert_eq!(problem["path"], "headcount");
    let table = hireloop(NO_DATABASE, &["lint", &file]);
    assert!(table.stdout.contains("line 3, column "), "{}", table.stdout);

    let missing = hireloop(NO_DATABASE, &["lint", "/nonexistent/role.toml"]);
    assert_eq!(missing.code, 1);
    assert!(
        missing
            .stdout
            .contains("cannot read /nonexistent/role.toml"),
        "{missing:?}"
    );
}

#[test]
fn an_unknown_skill_is_a_warning_with_the_nearest_known_ones() {
    let text = std::fs::read_to_string(example("senior-go-payments.toml"))
        .unwrap()
        .replace("skill = \"PostgreSQL\"", "skill = \"Postgress\"");
    let (_dir, file) = role_file(&text);
    let (run, report) = lint_json(&file);
    // A warning alone does not fail the lint.
    assert_eq!(run.code, 0, "{run:?}");
    let findings = report["files"][0]["findings"].as_array().unwrap();
    let unknown = findings.iter().find(|f| f["code"] == "HL003").unwrap();
    assert_eq!(unknown["severity"], "warning");
    assert!(
        unknown["message"].as_str().unwrap().contains("PostgreSQL"),
        "{unknown}"
    );
}

#[test]
fn jd_renders_markdown_html_and_json_ld() {
    let go = example("senior-go-payments.toml");
    let md = hireloop(NO_DATABASE, &["jd", &go]).ok();
    assert!(
        md.stdout
            .starts_with("# Senior Go Engineer, Payments API (Remote)\n"),
        "{}",
        md.stdout
    );
    assert!(md.stdout.contains("\n## "), "{}", md.stdout);
    assert!(
        md.stdout.contains("150,000"),
        "pay range shown: {}",
        md.stdout
    );

    let html = hireloop(NO_DATABASE, &["jd", &go, "--format", "html"]).ok();
    assert!(
        html.stdout.starts_with("<h1>Senior Go Engineer"),
        "{}",
        html.stdout
    );
    assert!(html.stdout.contains("<li>"), "{}", html.stdout);

    let args = [
        "jd",
        &go,
        "--format",
        "jsonld",
        "--organization",
        "Acme Payments",
        "--date-posted",
        "2026-01-10",
    ];
    let posting = hireloop(NO_DATABASE, &args).ok().json();
    assert_eq!(posting["@type"], "JobPosting");
    assert_eq!(
        posting["title"],
        "Senior Go Engineer, Payments API (Remote)"
    );
    assert_eq!(posting["hiringOrganization"]["name"], "Acme Payments");
    assert_eq!(posting["datePosted"], "2026-01-10");
    assert_eq!(posting["validThrough"], "2026-02-09");
    assert_eq!(posting["jobLocationType"], "TELECOMMUTE");
    assert_eq!(posting["baseSalary"]["currency"], "USD");
    assert_eq!(posting["baseSalary"]["value"]["minValue"], 150000);
    assert_eq!(posting["baseSalary"]["value"]["unitText"], "YEAR");
    assert!(posting["description"].as_str().unwrap().starts_with("<h1>"));
}

#[test]
fn jd_names_the_missing_flag_and_refuses_broken_files() {
    let go = example("senior-go-payments.toml");
    let run = hireloop(NO_DATABASE, &["jd", &go, "--format", "jsonld"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.is_empty());
    assert!(run.stderr.contains("--organization:"), "{}", run.stderr);

    let run = hireloop(
        NO_DATABASE,
        &[
            "jd",
            &go,
            "--format",
            "jsonld",
            "--organization",
            "Acme",
            "--date-posted",
            "2026-03-01",
            "--valid-through",
            "2026-02-01",
        ],
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("--valid-through: must not be before --date-posted"),
        "{}",
        run.stderr
    );

    // The global --format (table|json) given before `jd` is not a document format.
    let run = hireloop(NO_DATABASE, &["--format", "json", "jd", &go]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("--format: jd prints md, html or jsonld"),
        "{}",
        run.stderr
    );

    let run = hireloop(NO_DATABASE, &["jd", &go, "--format", "pdf"]);
    assert_eq!(run.code, 2, "a usage error: {run:?}");

    let (_dir, file) =
        role_file("title = \"Go Engineer\"\nlevel = \"senior\"\nstage = \"scaleup\"\n");
    let run = hireloop(NO_DATABASE, &["jd", &file]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("does not parse"), "{}", run.stderr);
    assert!(run.stderr.contains("stage: unknown"), "{}", run.stderr);
}

/// The id at the end of "Created role '…' (…) with id ID."
fn created_id(run: &Run) -> String {
    run.after("with id ").trim_end_matches('.').to_string()
}

#[tokio::test]
async fn import_then_export_gives_the_canonical_file() {
    on_each_backend(|_store, db| async move {
        for name in [
            "senior-go-payments.toml",
            "staff-java-platform-enterprise.toml",
        ] {
            let file = example(name);
            let imported = hireloop(&db, &["role", "import", &file]).ok();
            let id = created_id(&imported);
            let exported = hireloop(&db, &["role", "export", &id]).ok();
            let canonical = to_toml(&from_toml(&std::fs::read_to_string(&file).unwrap()).unwrap());
            assert_eq!(exported.stdout, canonical, "{name}");
            // Exporting again and importing that gives the same text.
            let (_dir, again) = role_file(&exported.stdout);
            let second = created_id(&hireloop(&db, &["role", "import", &again]).ok());
            assert_eq!(
                hireloop(&db, &["role", "export", &second]).ok().stdout,
                canonical
            );
        }
        let roles = hireloop(&db, &["role", "list", "--format", "json"])
            .ok()
            .json();
        let items = roles["items"].as_array().unwrap();
        assert_eq!(items.len(), 4);
        let staff = items
            .iter()
            .find(|r| r["title"].as_str().unwrap().starts_with("Staff Java"))
            .unwrap();
        assert_eq!(staff["level"], "senior");
        assert_eq!(staff["status"], "open");
        assert_eq!(staff["primary_language"], "Java/Spring Boot");
    })
    .await;
}

#[tokio::test]
async fn import_says_what_it_mapped_and_links_a_hiring_manager_by_email() {
    on_each_backend(|_store, db| async move {
        let staff = hireloop(
            &db,
            &[
                "role",
                "import",
                &example("staff-java-platform-enterprise.toml"),
            ],
        )
        .ok();
        assert!(
            staff.stdout.contains("stored as senior"),
            "{}",
            staff.stdout
        );
        assert!(
            staff.stdout.contains("kept in the scorecard only"),
            "{}",
            staff.stdout
        );
        // A framework alone is listed under its language.
        let rails = hireloop(
            &db,
            &["role", "import", &example("senior-rails-underpaid.toml")],
        )
        .ok();
        assert!(
            rails.stdout.contains("(senior, Ruby/Rails, open)"),
            "{}",
            rails.stdout
        );
        assert!(
            rails.stdout.contains("Lint: "),
            "flawed plans are flagged: {}",
            rails.stdout
        );

        hireloop(
            &db,
            &[
                "user",
                "add",
                "--role",
                "hiring_manager",
                "--email",
                "hm@example.com",
                "--name",
                "Henrik",
            ],
        )
        .ok();
        let text = std::fs::read_to_string(example("senior-go-payments.toml"))
            .unwrap()
            .replace("Ana Petrović, Head of Engineering", "HM@example.com");
        let (_dir, file) = role_file(&text);
        let run = hireloop(&db, &["role", "import", &file]).ok();
        assert!(
            run.stdout
                .contains("Hiring manager: Henrik <hm@example.com>"),
            "{}",
            run.stdout
        );
        let roles = hireloop(&db, &["role", "list", "--format", "json"])
            .ok()
            .json();
        assert!(roles["items"][0]["hiring_manager_id"].is_string());

        // An email that is no user's is refused, and nothing is stored.
        let (_dir, file) = role_file(&text.replace("HM@example.com", "nobody@example.com"));
        let run = hireloop(&db, &["role", "import", &file]);
        assert_eq!(run.code, 1);
        assert!(
            run.stderr
                .contains("hiring_manager: no user with email nobody@example.com"),
            "{}",
            run.stderr
        );
        let roles = hireloop(&db, &["role", "list", "--format", "json"])
            .ok()
            .json();
        assert_eq!(roles["items"].as_array().unwrap().len(), 3);
    })
    .await;
}

#[tokio::test]
async fn a_broken_file_stores_nothing_and_update_replaces_the_scorecard() {
    on_each_backend(|_store, db| async move {
        let (_dir, broken) =
            role_file("title = \"Senior Go Engineer\"\nlevel = \"senior\"\nmisson = \"x\"\n");
        let run = hireloop(&db, &["role", "import", &broken]);
        assert_eq!(run.code, 1);
        assert!(
            run.stderr.contains("did you mean 'mission'"),
            "{}",
            run.stderr
        );
        let (_dir2, no_language) =
            role_file("title = \"Senior Backend Engineer\"\nlevel = \"senior\"\n");
        let run = hireloop(&db, &["role", "import", &no_language]);
        assert_eq!(run.code, 1);
        assert!(run.stderr.contains("primary_language:"), "{}", run.stderr);
        let roles = hireloop(&db, &["role", "list", "--format", "json"])
            .ok()
            .json();
        assert!(roles["items"].as_array().unwrap().is_empty(), "{roles}");

        // A role made without a file has no scorecard until one is imported onto it.
        let created = hireloop(
            &db,
            &[
                "role",
                "create",
                "--title",
                "Senior Go Engineer",
                "--level",
                "senior",
                "--language",
                "Go",
            ],
        )
        .ok();
        let id = created_id(&created);
        let run = hireloop(&db, &["role", "export", &id]);
        assert_eq!(run.code, 1);
        assert!(run.stderr.contains("has no scorecard"), "{}", run.stderr);
        let run = hireloop(&db, &["role", "import", &broken, "--update", &id]);
        assert_eq!(run.code, 1);
        assert_eq!(
            hireloop(&db, &["role", "export", &id]).code,
            1,
            "still none"
        );

        let go = example("senior-go-payments.toml");
        let run = hireloop(&db, &["role", "import", &go, "--update", &id]).ok();
        assert!(
            run.stdout.contains(
                "Replaced the scorecard of role 'Senior Go Engineer, Payments API (Remote)'"
            ),
            "{}",
            run.stdout
        );
        let exported = hireloop(&db, &["role", "export", &id]).ok().stdout;
        assert!(
            exported.starts_with("title = \"Senior Go Engineer, Payments API (Remote)\"\n"),
            "{exported}"
        );
        let roles = hireloop(&db, &["role", "list", "--format", "json"])
            .ok()
            .json();
        assert_eq!(
            roles["items"].as_array().unwrap().len(),
            1,
            "--update creates no role"
        );

        let unknown = "0199f3c2-6a7e-7c1d-9d0b-2f4a5e6b7c8d";
        let run = hireloop(&db, &["role", "export", unknown]);
        assert_eq!(run.code, 1);
        assert!(
            run.stderr.contains(&format!("no role with id {unknown}")),
            "{}",
            run.stderr
        );
        let run = hireloop(&db, &["role", "import", &go, "--update", unknown]);
        assert_eq!(run.code, 1);
        assert!(run.stderr.contains("no role with id"), "{}", run.stderr);
        let run = hireloop(&db, &["role", "export", "not-an-id"]);
        assert_eq!(run.code, 1);
        assert!(
            run.stderr.contains("id: 'not-an-id' is not a valid id"),
            "{}",
            run.stderr
        );
    })
    .await;
}
