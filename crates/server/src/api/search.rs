//! `GET /api/v1/search`: full-text search over the talent pool with filters and facets.
//! Interviewers search too, but only among the candidates they are assigned to (the same
//! visibility as `/api/v1/candidates`): results, totals and facets never count anyone else.

use crate::auth::ApiUser;
use crate::error::{AppError, AppResult, ErrorBody};
use crate::search::{SearchError, SearchRequest, SearchResults};
use crate::state::AppState;
use axum::extract::{RawQuery, State};
use axum::Json;
use hireloop_core::authz::{visibility, Scope, Visibility};
use hireloop_core::page::PageRequest;
use std::collections::HashSet;
use uuid::Uuid;

pub fn routes() -> axum::Router<AppState> {
    axum::Router::new().route("/api/v1/search", axum::routing::get(search))
}

/// Query parameters (documentation only: the handler reads the raw query so `skill` may repeat).
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct SearchParams {
    /// Free text: words (all must match), "phrases", -excluded, field:value over name, location,
    /// skills, tags, industries.
    q: Option<String>,
    /// A skill every result has (taxonomy name, id or alias; a framework implies its language);
    /// repeat for several.
    skill: Option<Vec<String>>,
    /// junior, mid or senior.
    level: Option<String>,
    /// united_states, canada, western_europe, latin_america, eastern_europe or asia.
    region: Option<String>,
    /// unvetted, in_vetting, vetted or not_accepted.
    vetting: Option<String>,
    /// Lowest expected rate, USD per hour (annual rates over 2080 h); no stated USD rate fails.
    min_rate: Option<u32>,
    /// Highest expected rate, USD per hour; no stated USD rate fails.
    max_rate: Option<u32>,
    /// Available on or before today plus this many days; no stated date fails.
    available_within_days: Option<u32>,
    /// Results per page, 1-100 (20 when omitted).
    limit: Option<u32>,
    /// The `next_cursor` of the previous page.
    cursor: Option<String>,
}

/// Parses a query string (`a=1&skill=go&skill=kafka`) into a search.
pub fn parse_search(raw: &str) -> Result<SearchRequest, AppError> {
    let pairs: Vec<(String, String)> = form_urlencoded::parse(raw.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    SearchRequest::parse(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .map_err(AppError::Validation)
}

/// The candidates a scope may see: `None` for everyone; an interviewer's assigned ones (few, so
/// read whole).
pub async fn visible_candidates(
    state: &AppState,
    scope: &Visibility,
) -> AppResult<Option<HashSet<Uuid>>> {
    if scope.scope() == Scope::All {
        return Ok(None);
    }
    let mut seen = HashSet::new();
    let mut page = PageRequest {
        limit: 200,
        after: None,
    };
    loop {
        let got = state.store.list_candidates(scope, &page).await?;
        seen.extend(got.items.iter().map(|c| c.id.as_uuid()));
        match got.next_cursor.as_deref().map(str::parse::<Uuid>) {
            Some(Ok(after)) => page.after = Some(after),
            _ => break,
        }
    }
    Ok(Some(seen))
}

/// Runs a parsed search as `scope` sees the pool; a query tantivy cannot read is a 422 on `q`.
pub async fn run(
    state: &AppState,
    scope: &Visibility,
    request: &SearchRequest,
) -> AppResult<SearchResults> {
    let visible = visible_candidates(state, scope).await?;
    state
        .search
        .search(request, visible.as_ref())
        .map_err(|e| match e {
            SearchError::Query(message) => AppError::field("q", message),
            SearchError::Index(message) => AppError::Internal(anyhow::anyhow!(message)),
        })
}

#[utoipa::path(get, path = "/api/v1/search", tag = "candidates", params(SearchParams),
    responses((status = 200, body = SearchResults), (status = 401, body = ErrorBody),
        (status = 422, body = ErrorBody, description = "A parameter is wrong (named in details), or `q` does not parse")))]
pub async fn search(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    RawQuery(raw): RawQuery,
) -> AppResult<Json<SearchResults>> {
    let request = parse_search(raw.as_deref().unwrap_or(""))?;
    let scope = visibility(&user.principal());
    Ok(Json(run(&state, &scope, &request).await?))
}
