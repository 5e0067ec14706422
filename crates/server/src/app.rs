//! The application as a value: build the router, bind, serve until told to stop. Tests start it on
//! port 0 with `spawn` and talk HTTP to the real thing.

use crate::config::ServerConfig;
use crate::market::MarketData;
use crate::matching::MatchingService;
use crate::metrics::Metrics;
use crate::state::AppState;
use crate::{api, auth, web};
use anyhow::Context;
use axum::Router;
use hireloop_store::Store;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

/// Request bodies above this are refused with 413 before any handler reads them.
const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;

/// The outer cap on any body: resume uploads may be larger than other requests (their route reads
/// up to the resume limit itself and names the file when it is over); every other route still has
/// axum's 2 MB extractor limit.
fn body_limit(config: &ServerConfig) -> usize {
    MAX_BODY_BYTES.max(config.resume_max_bytes.saturating_add(1024 * 1024))
}

/// Everything handlers share. Fails if the market data directory holds a bad file (named, with the
/// figure that is wrong).
pub async fn state(store: Store, config: ServerConfig) -> anyhow::Result<AppState> {
    let market = MarketData::load(&store, config.market_data_dir.as_deref()).await?;
    let taxonomy =
        Arc::new(hireloop_match::Taxonomy::shipped().context("the shipped skill taxonomy")?);
    let matching = MatchingService::build_in(&store, taxonomy.clone(), market.usd_rates()).await?;
    let search = crate::search::SearchService::build(&store, taxonomy.clone()).await?;
    let interviews = crate::interviews::InterviewData::shipped(
        config.trial_policy,
        config.feedback_policy.clone(),
    )?;
    Ok(AppState {
        store,
        config: Arc::new(config),
        metrics: Arc::new(Metrics::default()),
        templates: Arc::new(web::templates()),
        market: Arc::new(market),
        taxonomy,
        matching: Arc::new(matching),
        search: Arc::new(search),
        interviews: Arc::new(interviews),
    })
}

pub fn router(state: AppState) -> Router {
    let trace = TraceLayer::new_for_http().make_span_with(|request: &axum::http::Request<_>| {
        let request_id = request
            .headers()
            .get("x-request-id")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("-");
        tracing::info_span!("request", method = %request.method(), path = %request.uri().path(), request_id)
    });
    Router::new()
        .merge(api::routes())
        .merge(web::routes())
        .merge(api::ops_routes())
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            auth::authenticate,
        ))
        // Outside authentication, so refused requests (401, 403) are counted too.
        .layer(axum::middleware::from_fn_with_state(
            state.metrics.clone(),
            crate::metrics::track,
        ))
        .layer(trace)
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .layer(RequestBodyLimitLayer::new(body_limit(&state.config)))
        .with_state(state)
}

/// A server running in the background, for tests and for `serve`.
pub struct RunningApp {
    pub addr: SocketAddr,
    pub store: Store,
    shutdown: Option<oneshot::Sender<()>>,
    task: JoinHandle<std::io::Result<()>>,
}

impl RunningApp {
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops accepting connections and waits for requests in flight to finish.
    pub async fn stop(mut self) -> anyhow::Result<()> {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        self.task.await.context("server task")?.context("server")?;
        Ok(())
    }
}

/// Binds `config.bind` and serves in a background task.
pub async fn spawn(store: Store, config: ServerConfig) -> anyhow::Result<RunningApp> {
    let listener = TcpListener::bind(config.bind)
        .await
        .with_context(|| format!("cannot listen on {}", config.bind))?;
    let addr = listener.local_addr()?;
    let state = state(store.clone(), config).await?;
    // Outbox delivery (when SMTP is configured) and feedback reminders run beside the server.
    crate::mail::start(&state)?;
    // Follows writes by other servers and the CLI into the indexes; stopped with the server.
    let index_sync = crate::index_sync::start(&state);
    let app = router(state);
    let (tx, rx) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        let served = axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = rx.await;
            })
            .await;
        if let Some(sync) = index_sync {
            sync.stop().await;
        }
        served
    });
    Ok(RunningApp {
        addr,
        store,
        shutdown: Some(tx),
        task,
    })
}

/// Serves until Ctrl-C or SIGTERM, then finishes requests in flight.
pub async fn serve(store: Store, config: ServerConfig) -> anyhow::Result<()> {
    let running = spawn(store, config).await?;
    tracing::info!(url = %running.url(), "hireloop is listening");
    shutdown_signal().await;
    tracing::info!("shutting down");
    running.stop().await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}
