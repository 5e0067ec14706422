//! What a run measured, as JSON (`serde`) or as text tables for people.

use crate::spec::BenchQuery;
use serde::Serialize;
use std::fmt::Write;
use std::time::Duration;

/// Latency of one query of the mix on one engine.
#[derive(Debug, Clone, Serialize)]
pub struct QueryTiming {
    pub name: String,
    pub broad: bool,
    /// The query has free text (searched and timed with the query).
    pub text: bool,
    /// Candidates passing every filter (counted by the engine only).
    pub matches: Option<u64>,
    pub runs: usize,
    pub p50_ms: f64,
    pub p99_ms: f64,
}

/// One engine's figures.
#[derive(Debug, Clone, Serialize)]
pub struct EngineReport {
    pub engine: &'static str,
    /// How this engine ranks the scored mix.
    pub ranking: &'static str,
    /// Index build, or load + index + analyse for SQL.
    pub build_ms: f64,
    /// The engine's own accounting (engine), the database on disk (SQL), the RAM directory (tantivy).
    pub bytes_per_profile: f64,
    pub bytes_measure: &'static str,
    /// Growth of the process's resident set across the build, per profile.
    pub rss_delta_bytes_per_profile: Option<f64>,
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub mean_ms: f64,
    pub max_ms: f64,
    /// One thread, back to back.
    pub qps_one_thread: f64,
    /// `threads` workers (and connections) at once.
    pub qps_all_cores: f64,
    pub per_query: Vec<QueryTiming>,
    /// Scored queries whose top-k ids equal the engine's (informative: rankings may differ).
    pub scored_same_top_k: Option<usize>,
    /// Filter-only queries whose top-k and count equal the reference's (the check).
    pub filter_only_agree: usize,
    /// Latency over the runs of the queries with free text, and of those without.
    pub with_text: Split,
    pub without_text: Split,
    /// The engine's text index (built apart from the matching index); `None` for the baselines,
    /// whose text lives in the same database or index as the rest.
    pub text_index: Option<TextIndex>,
}

/// Latency over part of the mix.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Split {
    pub queries: usize,
    pub runs: usize,
    pub p50_ms: f64,
    pub p99_ms: f64,
}

/// Build time and size of the engine's text index.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct TextIndex {
    pub build_ms: f64,
    pub bytes_per_profile: f64,
}

/// How many times faster the engine is than a baseline (baseline ÷ engine; throughput engine ÷ baseline).
#[derive(Debug, Clone, Serialize)]
pub struct Ratio {
    pub baseline: &'static str,
    pub p50: f64,
    pub p99: f64,
    pub mean: f64,
    pub qps_all_cores: f64,
    /// p50 and p99 ratios over the queries with text, and over those without.
    pub with_text: (f64, f64),
    pub without_text: (f64, f64),
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub pool: usize,
    pub queries: usize,
    pub seed: u64,
    pub page: usize,
    pub threads: usize,
    pub today: String,
    pub generate_ms: f64,
    pub engines: Vec<EngineReport>,
    pub ratios: Vec<Ratio>,
    /// Filter-only queries checked (the contradictory one included).
    pub filter_only_queries: usize,
    /// Every engine returned the same top-k and count for every filter-only query.
    pub filter_only_same_top_k: bool,
    /// Engines asked for but not run, with the reason.
    pub not_run: Vec<String>,
    pub peak_rss_bytes: Option<u64>,
}

pub(crate) fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The p-th percentile (nearest rank) of sorted durations, in ms.
pub(crate) fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round().max(0.0) as usize;
    sorted.get(i).copied().map_or(0.0, ms)
}

/// Build time, bytes per profile with what they measure, and resident growth per profile.
pub(crate) struct Built {
    pub build: Duration,
    pub bytes: (f64, &'static str),
    pub rss_delta: Option<f64>,
    pub text_index: Option<TextIndex>,
}

fn split(queries: &[BenchQuery], per_query: &[Vec<Duration>], text: bool) -> Split {
    let mut all: Vec<Duration> = Vec::new();
    let mut n = 0;
    for (q, times) in queries.iter().zip(per_query) {
        if q.text.is_some() == text {
            n += 1;
            all.extend(times);
        }
    }
    all.sort_unstable();
    Split {
        queries: n,
        runs: all.len(),
        p50_ms: percentile(&all, 0.5),
        p99_ms: percentile(&all, 0.99),
    }
}

/// What the timed part and the check measured.
pub(crate) struct Measured<'a> {
    /// `per_query[i]` are the runs of the mix's query `i`.
    pub per_query: &'a [Vec<Duration>],
    pub qps_all_cores: f64,
    /// Candidates passing each query's filters, when the engine counts them.
    pub matches: &'a [Option<u64>],
    pub filter_only_agree: usize,
}

/// One engine's figures from its timings of the scored mix.
pub(crate) fn summarize(
    engine: &'static str,
    ranking: &'static str,
    built: Built,
    queries: &[BenchQuery],
    m: Measured<'_>,
) -> EngineReport {
    let Measured {
        per_query,
        qps_all_cores,
        matches,
        filter_only_agree,
    } = m;
    let mut all: Vec<Duration> = per_query.iter().flatten().copied().collect();
    all.sort_unstable();
    let sum: Duration = all.iter().sum();
    let timings = queries
        .iter()
        .zip(per_query)
        .enumerate()
        .map(|(i, (q, times))| {
            let mut t = times.clone();
            t.sort_unstable();
            QueryTiming {
                name: q.name.clone(),
                broad: q.broad,
                text: q.text.is_some(),
                matches: matches.get(i).copied().flatten(),
                runs: t.len(),
                p50_ms: percentile(&t, 0.5),
                p99_ms: percentile(&t, 0.99),
            }
        })
        .collect();
    EngineReport {
        engine,
        ranking,
        build_ms: ms(built.build),
        bytes_per_profile: built.bytes.0,
        bytes_measure: built.bytes.1,
        rss_delta_bytes_per_profile: built.rss_delta,
        p50_ms: percentile(&all, 0.5),
        p99_ms: percentile(&all, 0.99),
        mean_ms: ms(sum) / all.len().max(1) as f64,
        max_ms: all.last().copied().map_or(0.0, ms),
        qps_one_thread: all.len() as f64 / sum.as_secs_f64().max(1e-9),
        qps_all_cores,
        per_query: timings,
        scored_same_top_k: None,
        filter_only_agree,
        with_text: split(queries, per_query, true),
        without_text: split(queries, per_query, false),
        text_index: built.text_index,
    }
}

/// The engine's speed-up over a baseline.
pub(crate) fn speed_up(e: &EngineReport, b: &EngineReport) -> Ratio {
    Ratio {
        baseline: b.engine,
        p50: ratio(b.p50_ms, e.p50_ms),
        p99: ratio(b.p99_ms, e.p99_ms),
        mean: ratio(b.mean_ms, e.mean_ms),
        qps_all_cores: ratio(e.qps_all_cores, b.qps_all_cores),
        with_text: (
            ratio(b.with_text.p50_ms, e.with_text.p50_ms),
            ratio(b.with_text.p99_ms, e.with_text.p99_ms),
        ),
        without_text: (
            ratio(b.without_text.p50_ms, e.without_text.p50_ms),
            ratio(b.without_text.p99_ms, e.without_text.p99_ms),
        ),
    }
}

pub(crate) fn ratio(baseline: f64, engine: f64) -> f64 {
    if engine > 0.0 {
        baseline / engine
    } else {
        0.0
    }
}

impl Report {
    /// Plain-text tables: the summary per engine, the ratios, then per-query latency.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "hireloop bench match: pool {} (seed {}), {} timed queries per engine, top {}, {} threads",
            self.pool, self.seed, self.queries, self.page, self.threads
        );
        let _ = writeln!(out, "generate pool: {:.0} ms", self.generate_ms);
        let _ = writeln!(
            out,
            "\n{:<9} {:>10} {:>10} {:>9} {:>9} {:>9} {:>9} {:>11} {:>11}",
            "engine",
            "build ms",
            "bytes/prof",
            "rss/prof",
            "p50 ms",
            "p99 ms",
            "mean ms",
            "qps 1 thr",
            "qps all"
        );
        for e in &self.engines {
            let rss = e
                .rss_delta_bytes_per_profile
                .map_or("-".to_string(), |b| format!("{b:.0}"));
            let _ = writeln!(
                out,
                "{:<9} {:>10.0} {:>10.1} {:>9} {:>9.3} {:>9.3} {:>9.3} {:>11.1} {:>11.1}",
                e.engine,
                e.build_ms,
                e.bytes_per_profile,
                rss,
                e.p50_ms,
                e.p99_ms,
                e.mean_ms,
                e.qps_one_thread,
                e.qps_all_cores
            );
        }
        let _ = writeln!(out, "\nbytes/prof: {}", self.bytes_legend());
        for e in &self.engines {
            if let Some(t) = e.text_index {
                let _ = writeln!(
                    out,
                    "{} text index (apart from the above): build {:.0} ms, {:.1} bytes/prof",
                    e.engine, t.build_ms, t.bytes_per_profile
                );
            }
        }
        if let Some(first) = self.engines.first() {
            let _ = writeln!(
                out,
                "\np50 / p99 ms       with text ({} queries)   without text ({} queries)",
                first.with_text.queries, first.without_text.queries
            );
        }
        for e in &self.engines {
            let _ = writeln!(
                out,
                "{:<9} {:>28} {:>26}",
                e.engine,
                format!("{:.3} / {:.3}", e.with_text.p50_ms, e.with_text.p99_ms),
                format!(
                    "{:.3} / {:.3}",
                    e.without_text.p50_ms, e.without_text.p99_ms
                ),
            );
        }
        if !self.ratios.is_empty() {
            let _ = writeln!(
                out,
                "\nengine speed-up  {:>8} {:>8} {:>8} {:>10}",
                "p50", "p99", "mean", "qps all"
            );
            for r in &self.ratios {
                let _ = writeln!(
                    out,
                    "  vs {:<12} {:>7.1}x {:>7.1}x {:>7.1}x {:>9.1}x",
                    r.baseline, r.p50, r.p99, r.mean, r.qps_all_cores
                );
            }
            let _ = writeln!(out, "engine speed-up, p50 / p99: with text | without text");
            for r in &self.ratios {
                let _ = writeln!(
                    out,
                    "  vs {:<12} {:>7.1}x / {:.1}x | {:.1}x / {:.1}x",
                    r.baseline, r.with_text.0, r.with_text.1, r.without_text.0, r.without_text.1
                );
            }
        }
        let _ = writeln!(
            out,
            "\nfilter-only queries: {} checked, same top-{} and count on every engine: {}",
            self.filter_only_queries,
            self.page,
            if self.filter_only_same_top_k {
                "yes"
            } else {
                "no"
            }
        );
        for e in &self.engines {
            if let Some(same) = e.scored_same_top_k {
                let _ = writeln!(
                    out,
                    "scored mix, {} ({}): top-{} equal to the engine's for {} of {} queries",
                    e.engine,
                    e.ranking,
                    self.page,
                    same,
                    e.per_query.len()
                );
            }
        }
        for n in &self.not_run {
            let _ = writeln!(out, "not run: {n}");
        }
        if let Some(peak) = self.peak_rss_bytes {
            let _ = writeln!(
                out,
                "peak resident memory (VmHWM): {:.1} MiB",
                peak as f64 / 1048576.0
            );
        }
        let _ = writeln!(out, "\nper query, p50 / p99 ms:");
        let mut header = format!("{:<36} {:>11} {:>9}", "query", "kind", "matches");
        for e in &self.engines {
            let _ = write!(header, " {:>19}", e.engine);
        }
        let _ = writeln!(out, "{header}");
        let names = self
            .engines
            .first()
            .map(|e| e.per_query.clone())
            .unwrap_or_default();
        for (i, q) in names.iter().enumerate() {
            let matches = self
                .engines
                .iter()
                .find_map(|e| e.per_query.get(i).and_then(|t| t.matches))
                .map_or("-".to_string(), |m| m.to_string());
            let kind = format!(
                "{}{}",
                if q.broad { "broad" } else { "narrow" },
                if q.text { "+text" } else { "" }
            );
            let mut line = format!("{:<36} {:>11} {:>9}", q.name, kind, matches);
            for e in &self.engines {
                let cell = e.per_query.get(i).map_or("-".to_string(), |t| {
                    format!("{:.3} / {:.3}", t.p50_ms, t.p99_ms)
                });
                let _ = write!(line, " {cell:>19}");
            }
            let _ = writeln!(out, "{line}");
        }
        out
    }

    fn bytes_legend(&self) -> String {
        self.engines
            .iter()
            .map(|e| format!("{} = {}", e.engine, e.bytes_measure))
            .collect::<Vec<_>>()
            .join("; ")
    }
}
