//! The talent pool search page (`/candidates/search`): a search box, filters, facet counts as
//! links that narrow the search, and results with highlighted snippets. Same search, same
//! visibility and same errors as `GET /api/v1/search`; a bad parameter shows the form again with
//! the message beside it rather than an error page.

use super::render::{field_messages, View};
use crate::api::search::{parse_search, run};
use crate::auth::WebUser;
use crate::error::{AppError, AppResult};
use crate::search::{FacetCount, SearchRequest, SearchResults};
use crate::state::AppState;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use hireloop_core::candidate::Region;
use hireloop_core::candidate_profile::VettingStatus;
use hireloop_core::level::Level;
use minijinja::{context, Value};

pub fn routes() -> axum::Router<AppState> {
    axum::Router::new().route("/candidates/search", axum::routing::get(show))
}

/// GET /candidates/search
pub async fn show(
    State(state): State<AppState>,
    WebUser(auth): WebUser,
    RawQuery(query): RawQuery,
) -> Response {
    let view = View::new(&state, &auth);
    view.finish(page(&view, query.as_deref().unwrap_or("")).await)
}

async fn page(view: &View<'_>, raw: &str) -> AppResult<Response> {
    let request = match parse_search(raw) {
        Ok(r) => r,
        Err(err) => return Ok(form_with_errors(view, raw, &err)),
    };
    let results = match run(view.state, &view.visibility()?, &request).await {
        Ok(r) => r,
        Err(err @ AppError::Validation(_)) => return Ok(form_with_errors(view, raw, &err)),
        Err(err) => return Err(err),
    };
    Ok(view.page("search.html", page_context(&request, &results, raw)))
}

/// The form as typed, with each parameter's problem beside it (422).
fn form_with_errors(view: &View<'_>, raw: &str, err: &AppError) -> Response {
    let errors = field_messages(&err.field_errors());
    let typed: Vec<(String, String)> = form_urlencoded::parse(raw.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let get = |key: &str| {
        typed
            .iter()
            .find(|(k, _)| k == key)
            .map_or(String::new(), |(_, v)| v.clone())
    };
    let skills: Vec<&String> = typed
        .iter()
        .filter(|(k, v)| k == "skill" && !v.trim().is_empty())
        .map(|(_, v)| v)
        .collect();
    let form = context! {
        q => get("q"),
        skills => skills,
        level => get("level"),
        region => get("region"),
        vetting => get("vetting"),
        max_rate => get("max_rate"),
        available_within_days => get("available_within_days"),
    };
    view.page_with_status(
        StatusCode::UNPROCESSABLE_ENTITY,
        "search.html",
        context! { section => "candidates", errors => errors, form => form, options => options() },
    )
}

/// A link to this search with one more `key=value` (facet links narrow the search).
fn narrow(request: &SearchRequest, key: &str, value: &str) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (k, v) in request.filter_pairs() {
        if k != key || k == "skill" {
            query.append_pair(k, &v);
        }
    }
    query.append_pair(key, value);
    format!("/candidates/search?{}", query.finish())
}

/// Facet counts with the link each one narrows to (none for values that are not filters, such
/// as "unknown").
fn facet_links(
    request: &SearchRequest,
    counts: &[FacetCount],
    link: impl Fn(&str) -> Option<(&'static str, String)>,
) -> Vec<Value> {
    counts
        .iter()
        .map(|f| {
            let href = link(&f.value).map(|(key, value)| narrow(request, key, &value));
            context! { value => f.value.replace('_', " "), count => f.count, href => href }
        })
        .collect()
}

/// `{value, label}` choices for a select.
fn choices<T: Copy>(
    all: &[T],
    value: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<Value> {
    all.iter()
        .map(|&x| context! { value => value(x), label => label(x) })
        .collect()
}

fn options() -> Value {
    context! {
        levels => choices(Level::ALL, Level::as_str, Level::label),
        regions => choices(Region::ALL, Region::as_str, Region::label),
        vetting => choices(VettingStatus::ALL, VettingStatus::as_str, VettingStatus::label),
    }
}

/// The `available_within_days` an availability bucket links to; none for later and unknown.
fn within_days(bucket: &str) -> Option<(&'static str, String)> {
    let days = match bucket {
        "now" => "0",
        "within_30_days" => "30",
        "within_90_days" => "90",
        _ => return None,
    };
    Some(("available_within_days", days.to_string()))
}

fn page_context(request: &SearchRequest, results: &SearchResults, raw: &str) -> Value {
    let f = &results.facets;
    let known = |key: &'static str, ok: fn(&str) -> bool| {
        move |v: &str| ok(v).then(|| (key, v.to_string()))
    };
    let skill = facet_links(request, &f.skill, |v| Some(("skill", v.to_string())));
    let level = facet_links(
        request,
        &f.level,
        known("level", |v| v.parse::<Level>().is_ok()),
    );
    let region = facet_links(
        request,
        &f.region,
        known("region", |v| v.parse::<Region>().is_ok()),
    );
    let vetting = facet_links(
        request,
        &f.vetting,
        known("vetting", |v| v.parse::<VettingStatus>().is_ok()),
    );
    // Bands are counted, not linked: a band is not one of the rate filters' values.
    let rate = facet_links(request, &f.rate_band, |_| None);
    let available = facet_links(request, &f.availability, within_days);
    let facets = vec![
        context! { name => "Skill", items => skill },
        context! { name => "Level", items => level },
        context! { name => "Region", items => region },
        context! { name => "Vetting", items => vetting },
        context! { name => "Rate (USD/h)", items => rate },
        context! { name => "Available", items => available },
    ];
    let results_view: Vec<Value> = results
        .results
        .iter()
        .map(|r| {
            context! {
                id => r.candidate_id.to_string(),
                name => r.name,
                score => format!("{:.2}", r.score),
                // tantivy escapes the text and adds only <b> around matched words.
                snippet => Value::from_safe_string(r.snippet.clone()),
            }
        })
        .collect();
    let next_page = results.next_cursor.as_ref().map(|c| {
        let mut query = form_urlencoded::Serializer::new(String::new());
        for (k, v) in request.filter_pairs() {
            query.append_pair(k, &v);
        }
        query.append_pair("limit", &request.limit.to_string());
        query.append_pair("cursor", c);
        format!("/candidates/search?{}", query.finish())
    });
    let form = context! {
        q => request.q.clone().unwrap_or_default(),
        skills => request.skills.clone(),
        level => request.level.map(Level::as_str),
        region => request.region.map(Region::as_str),
        vetting => request.vetting.map(VettingStatus::as_str),
        max_rate => request.max_rate,
        available_within_days => request.available_within_days,
    };
    context! {
        section => "candidates",
        searched => !raw.is_empty(),
        form => form,
        options => options(),
        results => results_view,
        total => results.total,
        reason => results.reason,
        facets => facets,
        next_page => next_page,
        first_page => request.offset > 0,
    }
}
