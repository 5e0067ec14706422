//! The matching benchmark (not a timed test): builds the index over a synthetic pool, runs the
//! standard query mix, and runs the naive linear scan in the same process for comparison.
//! `HIRELOOP_BENCH_N` sets the pool size (default 100000), `HIRELOOP_BENCH_ROUNDS` the rounds
//! (default 30), `HIRELOOP_BENCH_QUERY` keeps only queries whose name contains it.

use chrono::NaiveDate;
use hireloop_match::baseline::LinearScan;
use hireloop_match::synth::{standard_queries, PoolGenerator};
use hireloop_match::{Index, Taxonomy};
use std::error::Error;
use std::sync::Arc;
use std::time::{Duration, Instant};

const SEED: u64 = 2026;
const PAGE: usize = 20;

fn env_usize(name: &str, default: usize) -> Result<usize, Box<dyn Error>> {
    match std::env::var(name) {
        Ok(v) => Ok(v.trim().replace('_', "").parse()?),
        Err(_) => Ok(default),
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted.get(i).copied().unwrap_or_default()
}

fn main() -> Result<(), Box<dyn Error>> {
    // `cargo bench` passes `--bench`; nothing else is expected.
    let n = env_usize("HIRELOOP_BENCH_N", 100_000)?;
    let rounds = env_usize("HIRELOOP_BENCH_ROUNDS", 30)?;
    let today = NaiveDate::from_ymd_opt(2026, 6, 1).ok_or("bad date")?;
    let taxonomy = Arc::new(Taxonomy::shipped()?);
    println!(
        "hireloop-match benchmark: N = {n}, seed = {SEED}, {} skills, page = {PAGE}",
        taxonomy.len()
    );

    let t = Instant::now();
    let pool = PoolGenerator::pool(&taxonomy, SEED, today, n)?;
    println!("generate pool            {:>10.0} ms", ms(t.elapsed()));

    let t = Instant::now();
    let (index, report) = Index::build(taxonomy.clone(), &pool);
    let build = t.elapsed();
    println!(
        "index build              {:>10.0} ms  ({} indexed, {} rejected)",
        ms(build),
        report.indexed,
        report.rejected.len()
    );
    println!(
        "index bytes per profile  {:>10.1}",
        index.bytes_per_profile()
    );

    let t = Instant::now();
    let scan = LinearScan::new(&taxonomy, &pool)?;
    println!(
        "baseline setup           {:>10.0} ms  (expands skills once)",
        ms(t.elapsed())
    );

    // `HIRELOOP_BENCH_QUERY` keeps only the queries whose name contains it (for profiling one).
    let only = std::env::var("HIRELOOP_BENCH_QUERY").unwrap_or_default();
    let queries: Vec<_> = standard_queries(&taxonomy, today)?
        .into_iter()
        .filter(|q| q.name.contains(only.as_str()))
        .collect();
    // Same answers first: the speed of a wrong answer is worth nothing.
    let mut baseline_times = Vec::new();
    println!(
        "\n{:<30} {:>6} {:>9} {:>10} {:>12} {:>8}",
        "query", "kind", "matches", "index ms", "baseline ms", "ratio"
    );
    for nq in &queries {
        let t = Instant::now();
        let got = index.search(&nq.query, 0, PAGE)?;
        let index_time = t.elapsed();
        let t = Instant::now();
        let want = scan.search(&nq.query, 0, PAGE)?;
        let base_time = t.elapsed();
        baseline_times.push(base_time);
        let got_ranked: Vec<_> = got
            .matches
            .iter()
            .map(|m| (m.candidate_id, m.score))
            .collect();
        if got_ranked != want.ranked || got.total != want.total {
            return Err(format!("{}: index and baseline disagree", nq.name).into());
        }
        let page2 = index.search(&nq.query, PAGE, PAGE)?;
        let want2 = scan.search(&nq.query, PAGE, PAGE)?;
        let got2: Vec<_> = page2
            .matches
            .iter()
            .map(|m| (m.candidate_id, m.score))
            .collect();
        if got2 != want2.ranked {
            return Err(format!("{}: second page differs", nq.name).into());
        }
        println!(
            "{:<30} {:>6} {:>9} {:>10.3} {:>12.1} {:>7.0}x",
            nq.name,
            if nq.broad { "broad" } else { "narrow" },
            got.total,
            ms(index_time),
            ms(base_time),
            base_time.as_secs_f64() / index_time.as_secs_f64().max(1e-9)
        );
    }
    println!(
        "top-{PAGE} and page 2 identical to the baseline for all {} queries",
        queries.len()
    );

    let mut times = Vec::with_capacity(rounds * queries.len());
    let mut per_query: Vec<Vec<Duration>> = vec![Vec::new(); queries.len()];
    let started = Instant::now();
    for _ in 0..rounds {
        for (i, nq) in queries.iter().enumerate() {
            let t = Instant::now();
            let r = index.search(std::hint::black_box(&nq.query), 0, PAGE)?;
            let d = t.elapsed();
            std::hint::black_box(r);
            times.push(d);
            per_query[i].push(d);
        }
    }
    let wall = started.elapsed();
    times.sort_unstable();
    let mean_index = times.iter().sum::<Duration>().as_secs_f64() / times.len().max(1) as f64;
    let mean_base =
        baseline_times.iter().sum::<Duration>().as_secs_f64() / baseline_times.len().max(1) as f64;
    println!(
        "\nindex, {} searches ({rounds} rounds of the mix), one thread:",
        times.len()
    );
    println!(
        "  p50 {:.3} ms   p99 {:.3} ms   max {:.3} ms   {:.0} queries/s",
        ms(percentile(&times, 0.50)),
        ms(percentile(&times, 0.99)),
        ms(*times.last().unwrap_or(&Duration::ZERO)),
        times.len() as f64 / wall.as_secs_f64()
    );
    for (nq, t) in queries.iter().zip(per_query.iter_mut()) {
        t.sort_unstable();
        println!(
            "  {:<30} p50 {:>7.3} ms  p99 {:>7.3} ms",
            nq.name,
            ms(percentile(t, 0.5)),
            ms(percentile(t, 0.99))
        );
    }
    println!(
        "baseline mean {:.1} ms per query; index mean {:.3} ms: {:.0}x faster",
        mean_base * 1000.0,
        mean_index * 1000.0,
        mean_base / mean_index.max(1e-12)
    );
    Ok(())
}
