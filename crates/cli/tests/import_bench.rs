//! `hireloop bench import` as a user runs it: a small pool imported batched and one at a time into
//! fresh databases (PostgreSQL too when HIRELOOP_TEST_DATABASE_URL is set); every record stored in
//! both modes, rates and the ratio reported; bad flags name the flag.
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;
use common::{command, Run};

/// The benchmark never opens the hireloop database; this one cannot be opened anyway.
const NO_DB: &str = "sqlite:///nonexistent-dir-for-bench-tests/never.db";

fn bench(args: &[&str]) -> Run {
    let output = command(NO_DB, args)
        // Only the URL the test passes: not one from the developer's environment.
        .env_remove("HIRELOOP_BENCH_POSTGRES_URL")
        .output()
        .unwrap();
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

#[test]
fn bench_import_stores_every_record_in_both_modes() {
    let mut args = vec![
        "bench",
        "import",
        "--records",
        "200",
        "--baseline-records",
        "50",
        "--batch",
        "64",
        "--format",
        "json",
    ];
    let pg = std::env::var("HIRELOOP_TEST_DATABASE_URL")
        .ok()
        .filter(|u| !u.is_empty());
    if let Some(url) = &pg {
        args.extend(["--postgres-url", url.as_str()]);
    }
    let json = bench(&args).ok().json();
    assert_eq!(json["records"], 200);
    assert_eq!(json["baseline_records"], 50);
    assert_eq!(json["seed"], 7);
    assert!(json["pool_bytes"].as_u64().unwrap() > 200 * 100);
    let backends: &[&str] = if pg.is_some() {
        &["sqlite", "postgres"]
    } else {
        &["sqlite"]
    };
    let runs = json["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 2 * backends.len());
    for (pair, backend) in runs.chunks(2).zip(backends) {
        for (run, (mode, batch, records)) in pair
            .iter()
            .zip([("batched", 64, 200), ("one_at_a_time", 1, 50)])
        {
            assert_eq!(run["backend"], *backend, "{run}");
            assert_eq!(run["mode"], mode, "{run}");
            assert_eq!(run["batch"], batch, "{run}");
            assert_eq!(run["records"], records, "{run}");
            // Reported as imported, and counted in the database afterwards.
            assert_eq!(run["imported"], records, "{run}");
            assert_eq!(run["rows"], records, "{run}");
            assert!(run["seconds"].as_f64().unwrap() > 0.0, "{run}");
            assert!(run["profiles_per_second"].as_f64().unwrap() > 0.0, "{run}");
        }
    }
    let speedups = json["speedups"].as_array().unwrap();
    assert_eq!(speedups.len(), backends.len());
    for (s, backend) in speedups.iter().zip(backends) {
        assert_eq!(s["backend"], *backend);
        let ratio = s["batched_over_one_at_a_time"].as_f64().unwrap();
        let batched = runs[0]["profiles_per_second"].as_f64().unwrap();
        let one = runs[1]["profiles_per_second"].as_f64().unwrap();
        if *backend == "sqlite" {
            assert!((ratio - batched / one).abs() < 1e-9 * ratio.max(1.0));
        }
        assert!(ratio > 0.0);
    }
}

#[test]
fn bench_import_prints_a_table_for_people() {
    let run = bench(&[
        "bench",
        "import",
        "--records",
        "30",
        "--baseline-records",
        "10",
    ])
    .ok();
    assert!(
        run.stdout
            .contains("JSON Resume NDJSON import: 30 profiles batched, 10 one at a time"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("sqlite    batched"), "{}", run.stdout);
    assert!(
        run.stdout.contains("sqlite    one_at_a_time"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("sqlite: batched is"), "{}", run.stdout);
}

#[test]
fn bad_settings_name_the_flag() {
    let r = bench(&["bench", "import", "--records", "0"]);
    assert_eq!(r.code, 1, "{r:#?}");
    assert!(
        r.stderr.contains("records: must be at least 1"),
        "{}",
        r.stderr
    );
    let r = bench(&["bench", "import", "--batch", "0"]);
    assert_eq!(r.code, 1, "{r:#?}");
    assert!(
        r.stderr.contains("batch: must be at least 1"),
        "{}",
        r.stderr
    );
    let r = bench(&["bench", "import", "--records", "lots"]);
    assert_eq!(r.code, 2, "clap reports a usage error: {r:#?}");
}
