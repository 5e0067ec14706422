//! `hireloop bench match` as a user runs it: a small pool, JSON with every engine's figures and the
//! speed-ups, PostgreSQL too when HIRELOOP_TEST_DATABASE_URL is set; bad flags name the flag.
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;
use common::hireloop;

/// The benchmark never opens the hireloop database; this one cannot be opened anyway.
const NO_DB: &str = "sqlite:///nonexistent-dir-for-bench-tests/never.db";

#[test]
fn bench_match_reports_every_engine_in_json() {
    let mut args = vec![
        "bench",
        "match",
        "--pool",
        "2000",
        "--queries",
        "18",
        "--format",
        "json",
    ];
    let pg = std::env::var("HIRELOOP_TEST_DATABASE_URL")
        .ok()
        .filter(|u| !u.is_empty());
    if let Some(url) = &pg {
        args.extend(["--postgres-url", url.as_str()]);
    }
    let json = hireloop(NO_DB, &args).ok().json();
    assert_eq!(json["pool"], 2000);
    assert_eq!(json["queries"], 18);
    assert_eq!(json["seed"], 2026);
    assert_eq!(json["filter_only_same_top_k"], true);
    // 12 queries without text and 6 with, each as a filter-only variant, plus one contradictory.
    assert_eq!(json["filter_only_queries"], 19);
    let engines: Vec<&str> = json["engines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["engine"].as_str().unwrap())
        .collect();
    let want: &[&str] = if pg.is_some() {
        &["engine", "sqlite", "postgres", "tantivy"]
    } else {
        &["engine", "sqlite", "tantivy"]
    };
    assert_eq!(engines, want);
    for e in json["engines"].as_array().unwrap() {
        for field in [
            "build_ms",
            "bytes_per_profile",
            "p50_ms",
            "p99_ms",
            "mean_ms",
            "qps_one_thread",
            "qps_all_cores",
        ] {
            assert!(e[field].as_f64().unwrap() > 0.0, "{field} of {e}");
        }
        assert_eq!(e["per_query"].as_array().unwrap().len(), 18);
        assert_eq!(e["filter_only_agree"], 19);
        assert_eq!(e["with_text"]["queries"], 6, "{e}");
        assert_eq!(e["without_text"]["queries"], 12, "{e}");
        assert!(e["with_text"]["p99_ms"].as_f64().unwrap() > 0.0, "{e}");
        // Only the engine keeps its text in an index of its own, reported apart.
        assert_eq!(e["text_index"].is_object(), e["engine"] == "engine", "{e}");
    }
    let ratios = json["ratios"].as_array().unwrap();
    assert_eq!(ratios.len(), want.len() - 1);
    assert!(ratios.iter().all(|r| r["p99"].as_f64().unwrap() > 0.0));
    assert!(json["peak_rss_bytes"].as_u64().unwrap() > 0);
    if pg.is_none() {
        assert_eq!(json["not_run"][0], "postgres: no --postgres-url given");
    }
}

#[test]
fn bench_match_prints_tables_for_people() {
    let run = hireloop(
        NO_DB,
        &[
            "bench",
            "match",
            "--pool",
            "500",
            "--queries",
            "12",
            "--engines",
            "engine,tantivy",
        ],
    )
    .ok();
    assert!(
        run.stdout.contains("hireloop bench match: pool 500"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("vs tantivy"), "{}", run.stdout);
    assert!(run.stdout.contains("senior-go-payments"), "{}", run.stdout);
}

#[test]
fn bad_settings_name_the_flag() {
    let r = hireloop(NO_DB, &["bench", "match", "--engines", "engine,elastic"]);
    assert_eq!(r.code, 1, "{r:#?}");
    assert!(
        r.stderr.contains("engines: unknown engine 'elastic'"),
        "{}",
        r.stderr
    );
    let r = hireloop(NO_DB, &["bench", "match", "--pool", "0"]);
    assert_eq!(r.code, 1, "{r:#?}");
    assert!(r.stderr.contains("pool: must be between 1"), "{}", r.stderr);
    let r = hireloop(NO_DB, &["bench", "match", "--queries", "lots"]);
    assert_eq!(r.code, 2, "clap reports a usage error: {r:#?}");
}
