//! Prometheus metrics, served at `/metrics`: a request counter and a latency histogram per route,
//! and how the talent pool's in-memory indexes follow the database (refreshes, changes applied,
//! profiles held). Each `Metrics` value owns its registry (no globals), so several apps can run in
//! one process.

use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::Response;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::{Registry, Unit};
use std::sync::Arc;
use std::time::Instant;

/// The content type of the OpenMetrics text that `prometheus-client` writes (Prometheus reads it).
pub const CONTENT_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

/// Latency buckets in seconds: Prometheus' usual spread, from 5 ms to 10 s.
const BUCKETS: [f64; 11] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    method: String,
    route: String,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    method: String,
    route: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct IndexLabels {
    /// `matching` or `search`.
    index: &'static str,
}

pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    durations: Family<RouteLabels, Histogram, fn() -> Histogram>,
    index_refreshes: Counter,
    index_changes: Counter,
    index_profiles: Family<IndexLabels, Gauge>,
}

fn new_histogram() -> Histogram {
    Histogram::new(BUCKETS)
}

impl Default for Metrics {
    fn default() -> Self {
        let mut registry = Registry::default();
        let requests = Family::<RequestLabels, Counter>::default();
        // The counter's `_total` suffix and the histogram's `_seconds` are added by the encoder.
        registry.register(
            "http_requests",
            "HTTP requests answered, by method, route and status",
            requests.clone(),
        );
        let durations: Family<RouteLabels, Histogram, fn() -> Histogram> =
            Family::new_with_constructor(new_histogram);
        registry.register_with_unit(
            "http_request_duration",
            "Time to answer an HTTP request, by method and route",
            Unit::Seconds,
            durations.clone(),
        );
        let index_refreshes = Counter::default();
        registry.register(
            "pool_index_refreshes",
            "Refreshes of the in-memory talent pool indexes from the database change feed that \
             applied at least one change",
            index_refreshes.clone(),
        );
        let index_changes = Counter::default();
        registry.register(
            "pool_index_changes",
            "Candidate changes read from the database change feed and applied to the indexes",
            index_changes.clone(),
        );
        let index_profiles = Family::<IndexLabels, Gauge>::default();
        registry.register(
            "pool_index_profiles",
            "Candidates held by each in-memory index (matching, search)",
            index_profiles.clone(),
        );
        Self {
            registry,
            requests,
            durations,
            index_refreshes,
            index_changes,
            index_profiles,
        }
    }
}

impl Metrics {
    /// Counts one answered request. `route` is the route pattern, never the raw path, so the
    /// number of series stays bounded whatever URLs clients send.
    pub fn record(&self, method: &str, route: &str, status: u16, seconds: f64) {
        let (method, route) = (method.to_string(), route.to_string());
        self.durations
            .get_or_create(&RouteLabels {
                method: method.clone(),
                route: route.clone(),
            })
            .observe(seconds);
        self.requests
            .get_or_create(&RequestLabels {
                method,
                route,
                status,
            })
            .inc();
    }

    /// Counts one refresh of the indexes that applied `changes` candidate changes.
    pub fn record_index_refresh(&self, changes: u64) {
        self.index_refreshes.inc();
        self.index_changes.inc_by(changes);
    }

    /// How many candidates each index holds now.
    pub fn set_index_profiles(&self, matching: usize, search: usize) {
        for (index, n) in [("matching", matching), ("search", search)] {
            self.index_profiles
                .get_or_create(&IndexLabels { index })
                .set(i64::try_from(n).unwrap_or(i64::MAX));
        }
    }

    /// Everything recorded so far, in the OpenMetrics text format.
    pub fn render(&self) -> Result<String, std::fmt::Error> {
        let mut text = String::new();
        prometheus_client::encoding::text::encode(&mut text, &self.registry)?;
        Ok(text)
    }
}

/// Middleware recording every request. Added with `Router::layer`, so the matched route is known.
pub async fn track(State(metrics): State<Arc<Metrics>>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().as_str().to_string();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_string(), |p| p.as_str().to_string());
    let response = next.run(request).await;
    metrics.record(
        &method,
        &route,
        response.status().as_u16(),
        started.elapsed().as_secs_f64(),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_counts_per_route_and_status() {
        let metrics = Metrics::default();
        metrics.record("GET", "/api/v1/roles", 200, 0.02);
        metrics.record("GET", "/api/v1/roles", 200, 0.03);
        metrics.record("GET", "unmatched", 404, 0.001);
        let text = metrics.render().unwrap();
        assert!(
            text.contains(
                r#"http_requests_total{method="GET",route="/api/v1/roles",status="200"} 2"#
            ),
            "{text}"
        );
        assert!(
            text.contains(r#"route="unmatched",status="404"} 1"#),
            "{text}"
        );
        assert!(
            text.contains(
                r#"http_request_duration_seconds_count{method="GET",route="/api/v1/roles"} 2"#
            ),
            "{text}"
        );
    }

    #[test]
    fn renders_index_refreshes_and_sizes() {
        let metrics = Metrics::default();
        metrics.record_index_refresh(3);
        metrics.record_index_refresh(2);
        metrics.set_index_profiles(7, 6);
        let text = metrics.render().unwrap();
        assert!(text.contains("pool_index_refreshes_total 2"), "{text}");
        assert!(text.contains("pool_index_changes_total 5"), "{text}");
        assert!(
            text.contains(r#"pool_index_profiles{index="matching"} 7"#),
            "{text}"
        );
        assert!(
            text.contains(r#"pool_index_profiles{index="search"} 6"#),
            "{text}"
        );
    }

    #[test]
    fn each_value_has_its_own_registry() {
        let a = Metrics::default();
        let b = Metrics::default();
        a.record("GET", "/healthz", 200, 0.001);
        assert!(!b.render().unwrap().contains("/healthz"));
    }
}
