//! The run: generate the pool, then for each engine build it, check its filter-only answers
//! against the first engine's, and time the scored mix on one thread and on all cores.

use crate::engine_text::EngineText;
use crate::report::{ms, speed_up, summarize, Built, EngineReport, Measured, Report, TextIndex};
use crate::spec::{compile, query_sets, BenchQuery, Spec};
use crate::sql::{SqlBaseline, SqlHandle};
use crate::text_index::{TextBaseline, TextSearcher};
use crate::{mem, BenchError, Config, EngineKind, Progress};
use chrono::NaiveDate;
use hireloop_match::synth::{profile_texts, PoolGenerator};
use hireloop_match::{Index, Profile, Taxonomy};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use uuid::Uuid;

/// A filter-only query's answer: the top-k candidate ids and how many pass.
#[derive(Debug, Clone, PartialEq)]
struct Answer {
    ids: Vec<Uuid>,
    total: u64,
}

/// Everything the engines share.
struct Ctx<'a> {
    config: &'a Config,
    taxonomy: Arc<Taxonomy>,
    pool: Vec<Profile>,
    /// `texts[i]` is `pool[i]`'s profile text.
    texts: Vec<String>,
    scored: Vec<BenchQuery>,
    scored_specs: Arc<Vec<Spec>>,
    filters: Vec<BenchQuery>,
    filter_specs: Vec<Spec>,
    progress: &'a dyn Progress,
    /// The first engine's filter-only answers, which every other engine must reproduce.
    reference: Option<(&'static str, Vec<Answer>)>,
}

/// What one engine's run yields besides its figures.
struct Outcome {
    report: EngineReport,
    filters: Vec<Answer>,
    scored: Vec<Vec<Uuid>>,
}

/// Timings of the scored mix.
struct Timed {
    per_query: Vec<Vec<Duration>>,
    scored: Vec<Vec<Uuid>>,
    qps_all_cores: f64,
}

fn check_config(c: &Config) -> Result<(), BenchError> {
    if c.pool == 0 || c.pool > u32::MAX as usize {
        return Err(BenchError::invalid(
            "pool",
            "must be between 1 and 4294967295",
        ));
    }
    if c.queries == 0 {
        return Err(BenchError::invalid("queries", "must be at least 1"));
    }
    if c.page == 0 || c.page > hireloop_match::MAX_LIMIT {
        return Err(BenchError::invalid(
            "page",
            format!("must be between 1 and {}", hireloop_match::MAX_LIMIT),
        ));
    }
    if c.threads == 0 {
        return Err(BenchError::invalid("threads", "must be at least 1"));
    }
    if c.engines.is_empty() {
        return Err(BenchError::invalid("engines", "name at least one engine"));
    }
    Ok(())
}

/// Runs the benchmark. Fails when an engine's filter-only answers differ from the first engine's,
/// naming the query and the first difference.
pub async fn run(config: &Config, progress: &dyn Progress) -> Result<Report, BenchError> {
    check_config(config)?;
    let taxonomy = Arc::new(Taxonomy::shipped().map_err(|e| BenchError::Engine(e.to_string()))?);
    // A fixed "today", so that the same seed gives the same pool and answers on any day.
    let today =
        NaiveDate::from_ymd_opt(2026, 6, 1).ok_or_else(|| BenchError::Engine("bad date".into()))?;
    let started = Instant::now();
    let mut generator = PoolGenerator::new(&taxonomy, config.seed, today)
        .map_err(|e| BenchError::Engine(e.to_string()))?;
    progress.start("generate", config.pool as u64);
    let mut pool = Vec::with_capacity(config.pool);
    for i in 0..config.pool {
        pool.push(generator.next_profile());
        if i % 10_000 == 9_999 {
            progress.inc(10_000);
        }
    }
    progress.finish();
    let texts = profile_texts(config.seed, &pool);
    let generate_ms = ms(started.elapsed());
    let (scored, filters) = query_sets(&taxonomy, today).map_err(BenchError::Engine)?;
    let mut ctx = Ctx {
        config,
        scored_specs: Arc::new(scored.iter().map(compile).collect()),
        filter_specs: filters.iter().map(compile).collect(),
        taxonomy,
        pool,
        texts,
        scored,
        filters,
        progress,
        reference: None,
    };

    let mut reports: Vec<EngineReport> = Vec::new();
    let mut not_run = Vec::new();
    let mut engine_scored: Option<Vec<Vec<Uuid>>> = None;
    // Always in the same order, the engine first: it is the reference the others are checked against.
    for kind in EngineKind::ALL
        .into_iter()
        .filter(|k| config.engines.contains(k))
    {
        let outcome = match kind {
            EngineKind::Engine => run_engine(&ctx)?,
            EngineKind::Tantivy => run_tantivy(&ctx)?,
            EngineKind::Sqlite => {
                let db = SqlBaseline::sqlite(config.threads as u32).await?;
                let result = run_sql(&ctx, &db, kind).await;
                let closed = db.close().await;
                let outcome = result?;
                closed?;
                outcome
            }
            EngineKind::Postgres => {
                let Some(url) = &config.postgres_url else {
                    not_run.push("postgres: no --postgres-url given".to_string());
                    continue;
                };
                let db = SqlBaseline::postgres(url, config.threads as u32).await?;
                // The throw-away database is dropped whatever happened.
                let result = run_sql(&ctx, &db, kind).await;
                let closed = db.close().await;
                let outcome = result?;
                closed?;
                outcome
            }
        };
        let mut report = outcome.report;
        match &engine_scored {
            Some(reference) => {
                report.scored_same_top_k = Some(
                    reference
                        .iter()
                        .zip(&outcome.scored)
                        .filter(|(a, b)| a == b)
                        .count(),
                )
            }
            None if kind == EngineKind::Engine => engine_scored = Some(outcome.scored),
            None => {}
        }
        if ctx.reference.is_none() {
            ctx.reference = Some((kind.as_str(), outcome.filters));
        }
        reports.push(report);
    }

    let ratios = match reports.iter().find(|r| r.engine == "engine") {
        Some(e) => reports
            .iter()
            .filter(|r| r.engine != "engine")
            .map(|b| speed_up(e, b))
            .collect(),
        None => Vec::new(),
    };
    Ok(Report {
        pool: config.pool,
        queries: config.queries,
        seed: config.seed,
        page: config.page,
        threads: config.threads,
        today: today.to_string(),
        generate_ms,
        filter_only_queries: ctx.filters.len(),
        filter_only_same_top_k: !reports.is_empty(),
        engines: reports,
        ratios,
        not_run,
        peak_rss_bytes: mem::peak_rss_bytes(),
    })
}

/// Compares an engine's filter-only answers with the reference; the error names the query and
/// the first difference.
fn check(ctx: &Ctx, engine: EngineKind, answers: &[Answer]) -> Result<usize, BenchError> {
    let Some((reference, expected)) = &ctx.reference else {
        return Ok(answers.len());
    };
    let other = engine.as_str();
    for ((q, want), got) in ctx.filters.iter().zip(expected).zip(answers) {
        if let Some(rank) =
            (0..want.ids.len().max(got.ids.len())).find(|&i| want.ids.get(i) != got.ids.get(i))
        {
            let show = |v: Option<&Uuid>| v.map_or("nothing".to_string(), Uuid::to_string);
            return Err(BenchError::Disagree(format!(
                "filter-only query '{}': at rank {} {reference} returns {} but {other} returns {}",
                q.name,
                rank + 1,
                show(want.ids.get(rank)),
                show(got.ids.get(rank))
            )));
        }
        if want.total != got.total {
            return Err(BenchError::Disagree(format!(
                "filter-only query '{}': {} candidates pass the filters on {reference} but {} on {other}",
                q.name, want.total, got.total
            )));
        }
    }
    Ok(answers.len())
}

fn rss_per_profile(before: Option<u64>, n: usize) -> Option<f64> {
    let after = mem::rss_bytes()?;
    Some(after.saturating_sub(before?) as f64 / n.max(1) as f64)
}

/// The timed part for engines answering synchronously: a warm-up pass collecting the scored top-k,
/// the mix back to back on one thread, then the same queries spread over `threads` threads.
fn time_sync<F>(ctx: &Ctx, label: &str, search: F) -> Result<Timed, BenchError>
where
    F: Fn(usize) -> Result<Vec<Uuid>, BenchError> + Sync,
{
    let n = ctx.scored.len();
    let scored = (0..n).map(&search).collect::<Result<Vec<_>, _>>()?;
    let q = ctx.config.queries;
    ctx.progress.start(label, (q * 2) as u64);
    let mut per_query = vec![Vec::new(); n];
    for i in 0..q {
        let t = Instant::now();
        std::hint::black_box(search(i % n)?);
        per_query[i % n].push(t.elapsed());
        ctx.progress.inc(1);
    }
    // Workers take the next query from a shared counter, so a slow query does not idle the others.
    let next = AtomicUsize::new(0);
    let started = Instant::now();
    std::thread::scope(|s| {
        let workers: Vec<_> = (0..ctx.config.threads)
            .map(|_| {
                let (search, next) = (&search, &next);
                s.spawn(move || -> Result<(), BenchError> {
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        if i >= q {
                            return Ok(());
                        }
                        std::hint::black_box(search(i % n)?);
                        ctx.progress.inc(1);
                    }
                })
            })
            .collect();
        workers.into_iter().try_for_each(|h| {
            h.join()
                .map_err(|_| BenchError::Engine("a worker thread panicked".into()))?
        })
    })?;
    let wall = started.elapsed();
    ctx.progress.finish();
    Ok(Timed {
        per_query,
        scored,
        qps_all_cores: q as f64 / wall.as_secs_f64().max(1e-9),
    })
}

fn run_engine(ctx: &Ctx) -> Result<Outcome, BenchError> {
    let before = mem::rss_bytes();
    let started = Instant::now();
    let (index, build_report) = Index::build(ctx.taxonomy.clone(), &ctx.pool);
    let build = started.elapsed();
    let rss = rss_per_profile(before, ctx.pool.len());
    if let Some(e) = build_report.rejected.first() {
        return Err(BenchError::Engine(format!(
            "the index refused a profile: {e}"
        )));
    }
    // The text index is built and measured apart: the matching index never holds text.
    let started = Instant::now();
    let text = EngineText::build(
        &ctx.pool,
        &ctx.texts,
        ctx.config.threads,
        ctx.progress,
        &index,
    )?;
    let text_index = TextIndex {
        build_ms: ms(started.elapsed()),
        bytes_per_profile: text.bytes() as f64 / ctx.pool.len().max(1) as f64,
    };
    let page = ctx.config.page;
    // What a user waits for: the engine's filters, the text search (when the query has text)
    // and the ranking.
    let search = |q: &BenchQuery| text.search(&index, q, page);
    let filters = ctx
        .filters
        .iter()
        .map(|q| {
            let r = search(q)?;
            Ok(Answer {
                ids: r.matches.iter().map(|m| m.candidate_id.as_uuid()).collect(),
                total: r.total,
            })
        })
        .collect::<Result<Vec<_>, BenchError>>()?;
    let agree = check(ctx, EngineKind::Engine, &filters)?;
    let mut matches = Vec::new();
    for q in &ctx.scored {
        matches.push(Some(search(q)?.total));
    }
    let timed = time_sync(ctx, "queries: engine", |i| {
        let r = search(&ctx.scored[i])?;
        Ok(r.matches.iter().map(|m| m.candidate_id.as_uuid()).collect())
    })?;
    let bytes = (index.bytes_per_profile(), "matching index, own accounting");
    let report = summarize(
        EngineKind::Engine.as_str(),
        "engine score (text: BM25 / best among survivors, weight 0.25)",
        Built {
            build,
            bytes,
            rss_delta: rss,
            text_index: Some(text_index),
        },
        &ctx.scored,
        Measured {
            per_query: &timed.per_query,
            qps_all_cores: timed.qps_all_cores,
            matches: &matches,
            filter_only_agree: agree,
        },
    );
    Ok(Outcome {
        report,
        filters,
        scored: timed.scored,
    })
}

fn run_tantivy(ctx: &Ctx) -> Result<Outcome, BenchError> {
    let before = mem::rss_bytes();
    let started = Instant::now();
    let built = TextBaseline::build(
        &ctx.taxonomy,
        &ctx.pool,
        &ctx.texts,
        ctx.config.threads,
        ctx.progress,
    )?;
    let build = started.elapsed();
    let rss = rss_per_profile(before, ctx.pool.len());
    let searcher: TextSearcher = built.searcher();
    let page = ctx.config.page;
    let filters = ctx
        .filter_specs
        .iter()
        .map(|s| {
            Ok(Answer {
                ids: searcher.top_k(s, page)?,
                total: searcher.count(s)?,
            })
        })
        .collect::<Result<Vec<_>, BenchError>>()?;
    let agree = check(ctx, EngineKind::Tantivy, &filters)?;
    let specs = ctx.scored_specs.clone();
    let timed = time_sync(ctx, "queries: tantivy", |i| searcher.top_k(&specs[i], page))?;
    let bytes = (
        built.bytes() as f64 / ctx.pool.len().max(1) as f64,
        "text index in RAM (tantivy files)",
    );
    let report = summarize(
        EngineKind::Tantivy.as_str(),
        "BM25 over the nice-to-haves and the text",
        Built {
            build,
            bytes,
            rss_delta: rss,
            text_index: None,
        },
        &ctx.scored,
        Measured {
            per_query: &timed.per_query,
            qps_all_cores: timed.qps_all_cores,
            matches: &[],
            filter_only_agree: agree,
        },
    );
    Ok(Outcome {
        report,
        filters,
        scored: timed.scored,
    })
}

async fn run_sql(ctx: &Ctx<'_>, db: &SqlBaseline, kind: EngineKind) -> Result<Outcome, BenchError> {
    // An empty PostgreSQL database already holds several MB of catalog: count only what the load adds.
    let empty = db.bytes().await?;
    let started = Instant::now();
    db.load(&ctx.taxonomy, &ctx.pool, &ctx.texts, ctx.progress)
        .await?;
    let build = started.elapsed();
    let h = db.handle();
    let page = ctx.config.page;
    let mut filters = Vec::new();
    for s in &ctx.filter_specs {
        let ids = h.top_k(s, page).await?.into_iter().map(|r| r.0).collect();
        filters.push(Answer {
            ids,
            total: h.count(s).await?,
        });
    }
    let agree = check(ctx, kind, &filters)?;
    let specs = ctx.scored_specs.clone();
    let n = specs.len();
    let mut scored = Vec::new();
    for s in specs.iter() {
        scored.push(h.top_k(s, page).await?.into_iter().map(|r| r.0).collect());
    }
    let q = ctx.config.queries;
    ctx.progress
        .start(&format!("queries: {}", kind.as_str()), (q * 2) as u64);
    let mut per_query = vec![Vec::new(); n];
    for i in 0..q {
        let t = Instant::now();
        std::hint::black_box(h.top_k(&specs[i % n], page).await?);
        per_query[i % n].push(t.elapsed());
        ctx.progress.inc(1);
    }
    let next = Arc::new(AtomicUsize::new(0));
    let wall = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..ctx.config.threads {
        let (h, specs, next): (SqlHandle, _, _) = (h.clone(), specs.clone(), next.clone());
        tasks.push(tokio::spawn(async move {
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= q {
                    return Ok::<(), BenchError>(());
                }
                h.top_k(&specs[i % n], page).await?;
            }
        }));
    }
    for t in tasks {
        t.await
            .map_err(|e| BenchError::Sql(format!("worker: {e}")))??;
    }
    let qps_all_cores = q as f64 / wall.elapsed().as_secs_f64().max(1e-9);
    ctx.progress.inc(q as u64);
    ctx.progress.finish();
    let bytes = (
        db.bytes().await?.saturating_sub(empty) as f64 / ctx.pool.len().max(1) as f64,
        match kind {
            EngineKind::Postgres => "growth of pg_database_size over the empty database",
            _ => "database file on disk",
        },
    );
    let timed = Timed {
        per_query,
        scored,
        qps_all_cores,
    };
    let report = summarize(
        kind.as_str(),
        "engine score computed in SQL (f64; text: the database's rank / best)",
        Built {
            build,
            bytes,
            rss_delta: None,
            text_index: None,
        },
        &ctx.scored,
        Measured {
            per_query: &timed.per_query,
            qps_all_cores: timed.qps_all_cores,
            matches: &[],
            filter_only_agree: agree,
        },
    );
    Ok(Outcome {
        report,
        filters,
        scored: timed.scored,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::NoProgress;

    fn ctx(config: &Config) -> Ctx<'_> {
        let taxonomy = Arc::new(Taxonomy::shipped().unwrap_or_else(|e| panic!("{e}")));
        let today = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap_or_default();
        let (scored, filters) = query_sets(&taxonomy, today).unwrap_or_else(|e| panic!("{e}"));
        Ctx {
            config,
            scored_specs: Arc::new(Vec::new()),
            filter_specs: Vec::new(),
            taxonomy,
            pool: Vec::new(),
            texts: Vec::new(),
            scored,
            filters: filters.into_iter().take(1).collect(),
            progress: &NoProgress,
            reference: None,
        }
    }

    #[test]
    fn a_difference_names_the_query_the_rank_and_both_answers() {
        let config = Config::new(1, 1, 1);
        let mut ctx = ctx(&config);
        let (a, b, c) = (Uuid::from_u128(1), Uuid::from_u128(2), Uuid::from_u128(3));
        let answer = |ids: Vec<Uuid>, total| Answer { ids, total };
        // The first engine is the reference: nothing to compare with.
        assert_eq!(
            check(&ctx, EngineKind::Engine, &[answer(vec![a, b], 7)]).ok(),
            Some(1)
        );
        ctx.reference = Some(("engine", vec![answer(vec![a, b], 7)]));
        assert_eq!(
            check(&ctx, EngineKind::Sqlite, &[answer(vec![a, b], 7)]).ok(),
            Some(1)
        );
        let err = check(&ctx, EngineKind::Sqlite, &[answer(vec![a, c], 7)])
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert_eq!(
            err,
            format!(
                "engines disagree: filter-only query 'senior-go-payments/filters': at rank 2 \
                 engine returns {b} but sqlite returns {c}"
            )
        );
        let err = check(&ctx, EngineKind::Tantivy, &[answer(vec![a], 7)])
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.ends_with(&format!("engine returns {b} but tantivy returns nothing")));
        let err = check(&ctx, EngineKind::Postgres, &[answer(vec![a, b], 8)])
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            err.ends_with("7 candidates pass the filters on engine but 8 on postgres"),
            "{err}"
        );
    }
}
