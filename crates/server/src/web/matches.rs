//! A role's matches page: the talent pool ranked against the role's scorecard, each candidate with
//! the score's parts, skills and reasons, and a shortlist form that puts the chosen ones on the role.
//! The ranking and the shortlist are `crate::matching`'s, shared with the JSON API.

use super::render::View;
use super::roles::load_role;
use crate::auth::WebUser;
use crate::error::{AppError, AppResult};
use crate::matching::{self, MatchPage, RankedCandidate, ShortlistResult, MAX_SHORTLIST};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use hireloop_core::authz::Action;
use hireloop_core::ids::CandidateId;
use hireloop_core::role::Role;
use hireloop_match::{Component, MAX_OFFSET};
use minijinja::{context, Value};
use uuid::Uuid;

/// Candidates per page.
const PAGE_SIZE: usize = 20;

/// What a post left to show on the page: its outcome, or why it was refused.
enum Posted {
    Nothing,
    Shortlisted(Vec<Value>, usize),
    Refused(String),
}

/// GET /roles/{id}/matches
pub async fn show(
    State(state): State<AppState>,
    WebUser(auth): WebUser,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
) -> Response {
    let view = View::new(&state, &auth);
    let result = async {
        view.authorize(Action::ViewMatches)?;
        let role = load_role(&view, &id).await?;
        let offset = offset(query.as_deref())?;
        let text = text(query.as_deref());
        let at = Listing {
            offset,
            text: text.as_deref(),
        };
        matches_page(&view, &role, at, StatusCode::OK, Posted::Nothing).await
    };
    view.finish(result.await)
}

/// POST /roles/{id}/matches/shortlist: one application per chosen candidate, each outcome shown.
pub async fn shortlist(
    State(state): State<AppState>,
    WebUser(auth): WebUser,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let view = View::new(&state, &auth);
    let result = async {
        view.authorize(Action::ViewMatches)?;
        view.authorize(Action::CreateApplication)?;
        let role = load_role(&view, &id).await?;
        let chosen = match chosen_candidates(&body) {
            Ok(ids) => ids,
            Err(message) => {
                let posted = Posted::Refused(message);
                return matches_page(
                    &view,
                    &role,
                    Listing::TOP,
                    StatusCode::UNPROCESSABLE_ENTITY,
                    posted,
                )
                .await;
            }
        };
        let by = view.principal()?.user_id;
        let result = match matching::shortlist(view.state, role.id, &chosen, by).await {
            Ok(result) => result,
            Err(err @ AppError::Conflict { .. }) => {
                let status = err.status();
                let posted = Posted::Refused(conflict_message(&err));
                return matches_page(&view, &role, Listing::TOP, status, posted).await;
            }
            Err(err) => return Err(err),
        };
        tracing::info!(role = %role.id, created = result.created, "shortlist added to the role");
        let outcomes = outcomes(&view, &result).await?;
        let posted = Posted::Shortlisted(outcomes, result.created);
        matches_page(&view, &role, Listing::TOP, StatusCode::OK, posted).await
    };
    view.finish(result.await)
}

/// Where on the ranking a page is: its offset and the free text narrowing it.
#[derive(Clone, Copy)]
struct Listing<'a> {
    offset: usize,
    text: Option<&'a str>,
}

impl Listing<'_> {
    const TOP: Self = Self {
        offset: 0,
        text: None,
    };
}

/// `?q=`, the free text of the text box, as typed (checked by `rank`'s caller).
fn text(query: Option<&str>) -> Option<String> {
    form_urlencoded::parse(query.unwrap_or("").as_bytes())
        .find(|(key, _)| key == "q")
        .map(|(_, value)| value.into_owned())
}

/// `?offset=` as a whole number up to the engine's limit, naming the parameter when it is not.
fn offset(query: Option<&str>) -> AppResult<usize> {
    let raw = form_urlencoded::parse(query.unwrap_or("").as_bytes())
        .find(|(key, _)| key == "offset")
        .map(|(_, value)| value.trim().to_string());
    let offset = match raw.as_deref() {
        None | Some("") => 0,
        Some(raw) => raw.parse::<usize>().map_err(|_| AppError::BadRequest {
            field: Some("offset".into()),
            message: format!("offset must be a whole number (got '{raw}')"),
        })?,
    };
    if offset > MAX_OFFSET {
        return Err(AppError::BadRequest {
            field: Some("offset".into()),
            message: format!("offset must be at most {MAX_OFFSET}"),
        });
    }
    Ok(offset)
}

/// The ticked `candidate_id` boxes, in order; a message when there are none, too many, or a bad one.
fn chosen_candidates(body: &[u8]) -> Result<Vec<Uuid>, String> {
    let mut ids = Vec::new();
    for (key, value) in form_urlencoded::parse(body) {
        if key != "candidate_id" {
            continue;
        }
        let id = Uuid::parse_str(value.trim())
            .map_err(|_| format!("'{value}' is not a candidate id"))?;
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    match ids.len() {
        0 => Err("Tick at least one candidate to shortlist.".into()),
        n if n > MAX_SHORTLIST => Err(format!(
            "Shortlist at most {MAX_SHORTLIST} candidates at once."
        )),
        _ => Ok(ids),
    }
}

fn conflict_message(err: &AppError) -> String {
    match err {
        AppError::Conflict { message, .. } => message.clone(),
        other => other.to_string(),
    }
}

/// Each outcome with the candidate's name, as far as the viewer may see the candidate.
async fn outcomes(view: &View<'_>, result: &ShortlistResult) -> AppResult<Vec<Value>> {
    let visibility = view.visibility()?;
    let mut rows = Vec::with_capacity(result.outcomes.len());
    for o in &result.outcomes {
        let name = view
            .state
            .store
            .candidate(&visibility, CandidateId(o.candidate_id))
            .await?
            .map(|c| c.name.to_string());
        let label = match o.outcome {
            "created" => "Added to the role",
            "already_on_role" => "Already on the role",
            _ => "No such candidate",
        };
        rows.push(context! {
            id => o.candidate_id.to_string(),
            name => name,
            outcome => o.outcome,
            label => label,
        });
    }
    Ok(rows)
}

async fn matches_page(
    view: &View<'_>,
    role: &Role,
    at: Listing<'_>,
    status: StatusCode,
    posted: Posted,
) -> AppResult<Response> {
    let offset = at.offset;
    let role_ctx = context! {
        id => role.id.to_string(),
        title => role.title.as_str(),
    };
    let (shortlisted, created, refused) = match posted {
        Posted::Nothing => (None, 0, None),
        Posted::Shortlisted(rows, created) => (Some(rows), created, None),
        Posted::Refused(message) => (None, 0, Some(message)),
    };
    let Some(card) = matching::role_scorecard(view.state, role.id).await? else {
        return Ok(view.page_with_status(
            status,
            "matches.html",
            context! {
                section => "roles",
                role => role_ctx,
                no_scorecard => true,
                may_edit_scorecard => view.may(Action::ManageRoles),
            },
        ));
    };
    let page = MatchPage {
        offset,
        limit: PAGE_SIZE,
        options: Default::default(),
    };
    let typed = at.text.unwrap_or("");
    // Pager links keep the text: `&q=...`, encoded, or nothing.
    let text_param = match at.text.map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => format!(
            "&{}",
            form_urlencoded::Serializer::new(String::new())
                .append_pair("q", t)
                .finish()
        ),
        None => String::new(),
    };
    let ranked = match crate::api::matches::match_text(at.text) {
        Ok(text) => matching::rank(view.state, role.id, &card, page, text).await,
        Err(e) => Err(e),
    };
    let ranking = match ranked {
        // A text the search cannot read is the user's to fix: say so beside the box.
        Err(AppError::Validation(errors)) if at.text.is_some() => {
            let message = errors
                .errors
                .first()
                .map_or_else(|| errors.to_string(), |e| e.message.clone());
            return Ok(view.page_with_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                "matches.html",
                context! {
                    section => "roles",
                    role => role_ctx,
                    text => typed,
                    text_error => message,
                    matches => Vec::<Value>::new(),
                    empty_reason => "Fix the search text to see matches.",
                },
            ));
        }
        other => other?,
    };
    let shown = ranking.matches.len();
    let rows: Vec<Value> = ranking
        .matches
        .iter()
        .enumerate()
        .map(|(i, m)| ranked_row(offset + i + 1, m))
        .collect();
    let more = (offset + shown) < usize::try_from(ranking.total).unwrap_or(usize::MAX);
    let weights: Vec<Value> = ranking
        .weights
        .shares()
        .into_iter()
        .map(|(label, share)| context! { component => label, share => format!("{share:.0}") })
        .collect();
    Ok(view.page_with_status(
        status,
        "matches.html",
        context! {
            section => "roles",
            role => role_ctx,
            matches => rows,
            total => ranking.total,
            first => offset + 1,
            last => offset + shown,
            previous_offset => (offset > 0).then(|| offset.saturating_sub(PAGE_SIZE)),
            next_offset => more.then_some(offset + PAGE_SIZE),
            empty_reason => ranking.empty_reason,
            notes => ranking.notes,
            weights => weights,
            weights_by_role => ranking.weights.source == "role",
            may_edit_scorecard => view.may(Action::ManageRoles),
            text => typed,
            text_param => text_param,
            may_shortlist => view.may(Action::CreateApplication) && role.status.accepts_applications(),
            shortlisted => shortlisted,
            created => created,
            refused => refused,
        },
    ))
}

fn ranked_row(rank: usize, m: &RankedCandidate) -> Value {
    let breakdown: Vec<Value> = m
        .breakdown
        .iter()
        // Unweighted parts are placeholders (the notes say why): showing "0 of 0" explains nothing.
        .filter(|c| c.weight > 0.0)
        .map(|c| {
            context! {
                component => component_label(c.component),
                points => format!("{:.1}", c.points),
                weight => format!("{:.0}", c.weight * 100.0),
            }
        })
        .collect();
    let matched: Vec<Value> = m
        .matched_skills
        .iter()
        .map(|s| {
            context! {
                name => s.name.as_str(),
                required => s.required,
                implied_by => s.implied_by.as_deref(),
            }
        })
        .collect();
    let missing: Vec<&str> = m.missing_skills.iter().map(|s| s.name.as_str()).collect();
    context! {
        rank => rank,
        id => m.candidate_id.to_string(),
        name => m.name.as_str(),
        score => format!("{:.0}", m.score),
        score_value => m.score.clamp(0.0, 100.0),
        breakdown => breakdown,
        matched => matched,
        missing => missing,
        unrecognised => &m.unrecognised_skills,
        reasons => &m.reasons,
    }
}

fn component_label(component: Component) -> &'static str {
    match component {
        Component::Skills => "Skills",
        Component::Level => "Level",
        Component::Budget => "Budget",
        Component::Timezone => "Time zone",
        Component::Availability => "Availability",
        Component::Vetting => "Vetting",
        Component::Text => "Text",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_offset_is_checked_and_named() {
        assert_eq!(offset(None).unwrap(), 0);
        assert_eq!(offset(Some("offset=40")).unwrap(), 40);
        let err = offset(Some("offset=many")).unwrap_err();
        assert_eq!(err.field_errors().errors[0].field, "offset");
        assert!(offset(Some("offset=99999999")).is_err());
    }

    #[test]
    fn ticked_candidates_are_read_in_order_once() {
        let a = Uuid::new_v4();
        let b = Uuid::new_v4();
        let body = format!("_csrf=t&candidate_id={a}&candidate_id={b}&candidate_id={a}");
        assert_eq!(chosen_candidates(body.as_bytes()).unwrap(), vec![a, b]);
        assert!(chosen_candidates(b"_csrf=t")
            .unwrap_err()
            .contains("at least one"));
        assert!(chosen_candidates(b"candidate_id=nope")
            .unwrap_err()
            .contains("'nope'"));
    }
}
