#![allow(clippy::unwrap_used)]
//! The baselines answer the benchmark's queries like the engine: same top-k and count for the
//! filter-only queries (SQLite, tantivy, and PostgreSQL when HIRELOOP_TEST_DATABASE_URL is set),
//! the same scores in SQL for the scored mix, nothing for a contradictory query; the queries with
//! free text select the same candidates everywhere; and a whole run.

use chrono::NaiveDate;
use hireloop_bench::engine_text::EngineText;
use hireloop_bench::spec::{compile, contradictory, query_sets, text_tokens, BenchQuery};
use hireloop_bench::sql::{SqlBaseline, SqlHandle};
use hireloop_bench::text_index::TextBaseline;
use hireloop_bench::{Config, EngineKind, NoProgress};
use hireloop_core::level::Level;
use hireloop_match::synth::{profile_texts, PoolGenerator};
use hireloop_match::{Index, Profile, Taxonomy};
use std::sync::Arc;
use uuid::Uuid;

const N: usize = 2_000;
const K: usize = 20;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 1).unwrap()
}

struct Setup {
    taxonomy: Arc<Taxonomy>,
    pool: Vec<Profile>,
    texts: Vec<String>,
    index: Index,
    text: EngineText,
}

fn setup() -> Setup {
    let taxonomy = Arc::new(Taxonomy::shipped().unwrap());
    let pool = PoolGenerator::pool(&taxonomy, 7, today(), N).unwrap();
    let texts = profile_texts(7, &pool);
    let (index, report) = Index::build(taxonomy.clone(), &pool);
    assert!(report.rejected.is_empty());
    let text = EngineText::build(&pool, &texts, 1, &NoProgress, &index).unwrap();
    Setup {
        taxonomy,
        pool,
        texts,
        index,
        text,
    }
}

/// The engine's answer, with the query's text searched first as the run does.
fn engine_answer(s: &Setup, q: &BenchQuery) -> (Vec<Uuid>, u64) {
    let r = s.text.search(&s.index, q, K).unwrap();
    (
        r.matches.iter().map(|m| m.candidate_id.as_uuid()).collect(),
        r.total,
    )
}

fn postgres_url() -> Option<String> {
    std::env::var("HIRELOOP_TEST_DATABASE_URL")
        .ok()
        .filter(|u| !u.is_empty())
}

/// Loads the pool into SQLite, and into PostgreSQL when a test server is configured.
async fn sql_baselines(s: &Setup) -> Vec<(&'static str, SqlBaseline)> {
    let mut out = Vec::new();
    let sqlite = SqlBaseline::sqlite(2).await.unwrap();
    sqlite
        .load(&s.taxonomy, &s.pool, &s.texts, &NoProgress)
        .await
        .unwrap();
    out.push(("sqlite", sqlite));
    if let Some(url) = postgres_url() {
        let pg = SqlBaseline::postgres(&url, 2).await.unwrap();
        pg.load(&s.taxonomy, &s.pool, &s.texts, &NoProgress)
            .await
            .unwrap();
        out.push(("postgres", pg));
    }
    out
}

async fn sql_answer(h: &SqlHandle, q: &BenchQuery) -> (Vec<Uuid>, u64) {
    let spec = compile(q);
    let ids = h.top_k(&spec, K).await.unwrap();
    (
        ids.into_iter().map(|r| r.0).collect(),
        h.count(&spec).await.unwrap(),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_engine_returns_the_same_top_k_for_the_filter_only_queries() {
    let s = setup();
    let (_, filters) = query_sets(&s.taxonomy, today()).unwrap();
    let text = TextBaseline::build(&s.taxonomy, &s.pool, &s.texts, 1, &NoProgress).unwrap();
    let searcher = text.searcher();
    let dbs = sql_baselines(&s).await;
    let mut non_empty = 0;
    for q in &filters {
        let want = engine_answer(&s, q);
        if !want.0.is_empty() {
            non_empty += 1;
        }
        let spec = compile(q);
        let got = (
            searcher.top_k(&spec, K).unwrap(),
            searcher.count(&spec).unwrap(),
        );
        assert_eq!(got, want, "tantivy, {}", q.name);
        for (name, db) in &dbs {
            assert_eq!(
                sql_answer(&db.handle(), q).await,
                want,
                "{name}, {}",
                q.name
            );
        }
    }
    // The check means something only if most queries find people (2,000 profiles, 18 queries).
    assert!(
        non_empty >= 13,
        "only {non_empty} filter-only queries found anyone"
    );
    for (_, db) in dbs {
        db.close().await.unwrap();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_text_queries_find_exactly_the_profiles_having_every_word_on_every_engine() {
    let s = setup();
    let (_, filters) = query_sets(&s.taxonomy, today()).unwrap();
    let text = TextBaseline::build(&s.taxonomy, &s.pool, &s.texts, 1, &NoProgress).unwrap();
    let dbs = sql_baselines(&s).await;
    let with_text: Vec<&BenchQuery> = filters.iter().filter(|q| q.text.is_some()).collect();
    assert_eq!(with_text.len(), 6);
    let mut non_empty = 0;
    for q in with_text {
        // The truth, by brute force: the text's words all among the profile's words.
        let words = text_tokens(q.text.as_deref().unwrap());
        let hits: Vec<bool> = s
            .texts
            .iter()
            .map(|t| {
                let have = text_tokens(t);
                words.iter().all(|w| have.contains(w))
            })
            .collect();
        let text_only = hits.iter().filter(|h| **h).count() as u64;
        assert_eq!(
            s.text
                .hit_count(&s.index, q.text.as_deref().unwrap())
                .unwrap() as u64,
            text_only
        );
        let want = engine_answer(&s, q);
        // The text narrows: fewer pass with it than without it.
        let mut no_text = (*q).clone();
        no_text.text = None;
        let without = engine_answer(&s, &no_text).1;
        assert!(want.1 < without, "{}: {} of {without}", q.name, want.1);
        non_empty += usize::from(want.1 > 0);
        assert!(want.1 <= text_only, "{}", q.name);
        let spec = compile(q);
        let searcher = text.searcher();
        let got = (
            searcher.top_k(&spec, K).unwrap(),
            searcher.count(&spec).unwrap(),
        );
        assert_eq!(got, want, "tantivy, {}", q.name);
        for (name, db) in &dbs {
            assert_eq!(
                sql_answer(&db.handle(), q).await,
                want,
                "{name}, {}",
                q.name
            );
        }
        // And scored, every engine returns only such profiles.
        let mut scored = (*q).clone();
        scored.filter_only = false;
        scored.name = q.name.trim_end_matches("/filters").to_string();
        let ids_ok = |ids: &[Uuid]| {
            ids.iter().all(|id| {
                let i = s.pool.iter().position(|p| p.id.as_uuid() == *id).unwrap();
                hits[i]
            })
        };
        assert!(
            ids_ok(&engine_answer(&s, &scored).0),
            "engine, {}",
            scored.name
        );
        for (name, db) in &dbs {
            let top = db.handle().top_k(&compile(&scored), K).await.unwrap();
            let ids: Vec<Uuid> = top.iter().map(|r| r.0).collect();
            assert!(ids_ok(&ids), "{name}, {}", scored.name);
            assert!(
                top.iter().all(|r| (0.0..=1.0 + 1e-6).contains(&r.1)),
                "{name}, {}: {top:?}",
                scored.name
            );
        }
        let ids = searcher.top_k(&compile(&scored), K).unwrap();
        assert!(ids_ok(&ids), "tantivy, {}", scored.name);
    }
    // In 2,000 profiles the narrowest (senior Java with Spring Boot, "led platform team") may
    // find nobody; the others must find somebody for the check to mean something.
    assert!(non_empty >= 5, "{non_empty} of 6 text queries found anyone");
    for (_, db) in dbs {
        db.close().await.unwrap();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sql_computes_the_engines_scores_for_the_scored_mix() {
    let s = setup();
    let (scored, _) = query_sets(&s.taxonomy, today()).unwrap();
    let dbs = sql_baselines(&s).await;
    // Text relevance is each database's own rank (FTS5 bm25, ts_rank), not tantivy's BM25: the
    // queries with text are timed, not compared (their filters are, above and below).
    for q in scored.iter().filter(|q| q.text.is_none()) {
        let want: Vec<f64> = s
            .index
            .search(&q.query, 0, K)
            .unwrap()
            .matches
            .iter()
            .map(|m| f64::from(m.score) / 100.0)
            .collect();
        for (name, db) in &dbs {
            let got: Vec<f64> = db
                .handle()
                .top_k(&compile(q), K)
                .await
                .unwrap()
                .into_iter()
                .map(|r| r.1)
                .collect();
            assert_eq!(got.len(), want.len(), "{name}, {}", q.name);
            for (g, w) in got.iter().zip(&want) {
                assert!(
                    (g - w).abs() < 1e-5,
                    "{name}, {}: {got:?} vs {want:?}",
                    q.name
                );
            }
        }
    }
    for (_, db) in dbs {
        db.close().await.unwrap();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_contradictory_query_returns_nothing_on_every_engine() {
    let s = setup();
    let overlap = contradictory(today());
    let mut no_level = overlap.clone();
    no_level.query.team_hours = None;
    no_level.query.allowed_levels = Some(Vec::<Level>::new());
    let text = TextBaseline::build(&s.taxonomy, &s.pool, &s.texts, 1, &NoProgress).unwrap();
    let dbs = sql_baselines(&s).await;
    for q in [&overlap, &no_level] {
        let r = s.index.search(&q.query, 0, K).unwrap();
        assert!(r.matches.is_empty() && r.total == 0, "{}", q.name);
        assert!(r.empty_reason.is_some(), "{}: the engine says why", q.name);
        let spec = compile(q);
        assert_eq!(text.searcher().top_k(&spec, K).unwrap(), Vec::<Uuid>::new());
        assert_eq!(text.searcher().count(&spec).unwrap(), 0);
        for (name, db) in &dbs {
            assert_eq!(sql_answer(&db.handle(), q).await, (vec![], 0), "{name}");
        }
    }
    for (_, db) in dbs {
        db.close().await.unwrap();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_postgres_baseline_drops_its_database() {
    let Some(url) = postgres_url() else {
        return;
    };
    let db = SqlBaseline::postgres(&url, 1).await.unwrap();
    let name = db.database_name().unwrap().to_string();
    assert!(name.starts_with("hireloop_bench_"));
    db.close().await.unwrap();
    let admin = sqlx::PgPool::connect(&url).await.unwrap();
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM pg_database WHERE datname = $1")
        .bind(&name)
        .fetch_one(&admin)
        .await
        .unwrap();
    assert_eq!(left, 0, "{name} is still there");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_whole_run_reports_every_engine_and_the_speed_ups() {
    let mut config = Config::new(N, 36, 7);
    config.threads = 2;
    config.postgres_url = postgres_url();
    let report = hireloop_bench::run(&config, &NoProgress).await.unwrap();
    let names: Vec<&str> = report.engines.iter().map(|e| e.engine).collect();
    let mut want = vec!["engine", "sqlite"];
    if config.postgres_url.is_some() {
        want.push("postgres");
    } else {
        assert_eq!(report.not_run, ["postgres: no --postgres-url given"]);
    }
    want.push("tantivy");
    assert_eq!(names, want);
    assert!(report.filter_only_same_top_k);
    assert_eq!(report.filter_only_queries, 19);
    assert_eq!(report.ratios.len(), want.len() - 1);
    for e in &report.engines {
        assert_eq!(e.filter_only_agree, 19, "{}", e.engine);
        assert_eq!(e.per_query.len(), 18);
        assert_eq!(e.per_query.iter().filter(|q| q.text).count(), 6);
        assert_eq!((e.with_text.queries, e.without_text.queries), (6, 12));
        assert!(e.with_text.p50_ms > 0.0 && e.without_text.p99_ms > 0.0);
        assert!(e.per_query.iter().all(|q| q.runs == 2), "{}", e.engine);
        assert!(e.p50_ms > 0.0 && e.p99_ms >= e.p50_ms && e.qps_all_cores > 0.0);
        assert!(
            e.build_ms > 0.0 && e.bytes_per_profile > 0.0,
            "{}",
            e.engine
        );
    }
    // SQL computes the same scores (see above) in f64, so its scored top-k is the engine's except
    // where near-equal scores swap places; tantivy ranks by BM25 and is only counted.
    let same = report.engines[1].scored_same_top_k.unwrap();
    assert!((6..=18).contains(&same), "sqlite: {same} of 18");
    assert!(report.engines[0].scored_same_top_k.is_none());
    let text_index = report.engines[0].text_index.unwrap();
    assert!(text_index.build_ms > 0.0 && text_index.bytes_per_profile > 0.0);
    assert!(report.engines[1..].iter().all(|e| e.text_index.is_none()));
    let table = report.to_text();
    assert!(table.contains("vs sqlite"));
    assert!(table.contains("narrow+text") && table.contains("broad+text"));
    assert!(table.contains("with text (6 queries)"));
}

#[tokio::test]
async fn settings_that_cannot_run_name_the_field() {
    let mut config = Config::new(0, 12, 1);
    let err = hireloop_bench::run(&config, &NoProgress).await.unwrap_err();
    assert_eq!(err.to_string(), "pool: must be between 1 and 4294967295");
    config.pool = 10;
    config.queries = 0;
    let err = hireloop_bench::run(&config, &NoProgress).await.unwrap_err();
    assert!(err.to_string().starts_with("queries:"), "{err}");
    config.queries = 1;
    config.engines = vec![];
    let err = hireloop_bench::run(&config, &NoProgress).await.unwrap_err();
    assert!(err.to_string().starts_with("engines:"), "{err}");
    assert_eq!(EngineKind::parse("Tantivy"), Ok(EngineKind::Tantivy));
    assert!(EngineKind::parse("elastic").is_err());
}
