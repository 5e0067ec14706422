//! Candidate pages: the talent pool list, the "new candidate" form, and one candidate's profile with
//! their applications. Interviewers see only the candidates of applications assigned to them.

use super::render::{
    day, field_messages, is_form_error, next_page_link, page_request, parse_form, see_other, View,
};
use crate::auth::WebUser;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use hireloop_core::authz::Action;
use hireloop_core::candidate::{Candidate, CandidateInput, NewCandidate, Region};
use hireloop_core::ids::CandidateId;
use hireloop_core::money::{MoneyInput, RatePeriod};
use hireloop_core::page::{PageRequest, MAX_LIMIT};
use hireloop_core::ValidationErrors;
use hireloop_store::records::ApplicationFilter;
use minijinja::{context, Value};
use serde::{Deserialize, Serialize};

/// GET /candidates
pub async fn list(
    State(state): State<AppState>,
    WebUser(auth): WebUser,
    RawQuery(query): RawQuery,
) -> Response {
    let view = View::new(&state, &auth);
    view.finish(list_page(&view, query.as_deref()).await)
}

async fn list_page(view: &View<'_>, query: Option<&str>) -> AppResult<Response> {
    let request = page_request(query)?;
    let page = view
        .state
        .store
        .list_candidates(&view.visibility()?, &request)
        .await?;
    let candidates: Vec<_> = page.items.iter().map(candidate_view).collect();
    Ok(view.page(
        "candidates.html",
        context! {
            section => "candidates",
            candidates => candidates,
            next_page => next_page_link("/candidates", &request, page.next_cursor.as_deref()),
            first_page => request.after.is_some(),
            may_create => view.may(Action::ManageCandidates),
        },
    ))
}

fn candidate_view(candidate: &Candidate) -> Value {
    context! {
        id => candidate.id.to_string(),
        name => candidate.name.as_str(),
        email => candidate.email.as_str(),
        location => candidate.location.as_ref().map(|l| l.as_str()),
        region => candidate.region.map(Region::label),
        skills => candidate.skills.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
        expected_rate => candidate.expected_rate.as_ref().map(|r| format!(
            "{} {} {}", r.amount, r.currency.as_str(), r.period.label()
        )),
        created => day(&candidate.created_at),
    }
}

/// The candidate form as typed. Rate fields carry their API names so errors land next to them.
#[derive(Debug, Default, Deserialize, Serialize)]
pub struct CandidateForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    location: String,
    #[serde(default)]
    region: String,
    /// Comma-separated: "Go, PostgreSQL, Kafka".
    #[serde(default)]
    skills: String,
    #[serde(default, rename = "expected_rate.amount")]
    rate_amount: String,
    #[serde(default, rename = "expected_rate.currency")]
    rate_currency: String,
    #[serde(default, rename = "expected_rate.period")]
    rate_period: String,
}

impl CandidateForm {
    fn parse(&self) -> Result<NewCandidate, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let skills = self
            .skills
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        // A blank amount means "no expected rate"; the period select alone says nothing.
        let expected_rate = match self.rate_amount.trim() {
            "" => None,
            raw => match raw.replace([',', '_', ' '], "").parse::<i64>() {
                Ok(amount) => Some(MoneyInput {
                    amount,
                    currency: Some(self.rate_currency.clone()).filter(|c| !c.trim().is_empty()),
                    period: self.rate_period.clone(),
                }),
                Err(_) => {
                    errors.add(
                        "expected_rate.amount",
                        format!("'{raw}' is not a whole amount, e.g. 90 or 120000"),
                    );
                    None
                }
            },
        };
        let input = CandidateInput {
            name: self.name.clone(),
            email: self.email.clone(),
            location: Some(self.location.clone()),
            region: Some(self.region.clone()),
            skills,
            expected_rate,
        };
        match input.parse() {
            Ok(candidate) if errors.is_empty() => Ok(candidate),
            Ok(_) => Err(errors),
            Err(mut found) => {
                found.errors.extend(errors.errors);
                Err(found)
            }
        }
    }
}

/// GET /candidates/new
pub async fn new_form(State(state): State<AppState>, WebUser(auth): WebUser) -> Response {
    let view = View::new(&state, &auth);
    let form = CandidateForm {
        rate_currency: "USD".into(),
        rate_period: RatePeriod::Hour.as_str().into(),
        ..Default::default()
    };
    let result = view
        .authorize(Action::ManageCandidates)
        .map(|()| form_page(&view, StatusCode::OK, &form, &ValidationErrors::default()));
    view.finish(result)
}

fn form_page(
    view: &View<'_>,
    status: StatusCode,
    form: &CandidateForm,
    errors: &ValidationErrors,
) -> Response {
    let regions: Vec<_> = Region::ALL
        .iter()
        .map(|r| context! { value => r.as_str(), label => r.label() })
        .collect();
    let periods: Vec<_> = RatePeriod::ALL
        .iter()
        .map(|p| context! { value => p.as_str(), label => p.label() })
        .collect();
    view.page_with_status(
        status,
        "candidate_form.html",
        context! {
            section => "candidates",
            form => form,
            errors => field_messages(errors),
            regions => regions,
            periods => periods,
        },
    )
}

/// POST /candidates
pub async fn create(
    State(state): State<AppState>,
    WebUser(auth): WebUser,
    body: Bytes,
) -> Response {
    let view = View::new(&state, &auth);
    view.finish(create_candidate(&view, &body).await)
}

async fn create_candidate(view: &View<'_>, body: &[u8]) -> AppResult<Response> {
    view.authorize(Action::ManageCandidates)?;
    let form: CandidateForm = parse_form(body)?;
    let stored = match form.parse() {
        Ok(new) => view
            .state
            .create_candidate(&new)
            .await
            .map_err(AppError::from),
        Err(errors) => Err(AppError::Validation(errors)),
    };
    match stored {
        Ok(candidate) => {
            tracing::info!(candidate = %candidate.id, "candidate created");
            Ok(see_other(&format!("/candidates/{}", candidate.id)))
        }
        Err(err) if is_form_error(&err) => {
            Ok(form_page(view, err.status(), &form, &err.field_errors()))
        }
        Err(err) => Err(err),
    }
}

/// GET /candidates/{id}
pub async fn show(
    State(state): State<AppState>,
    WebUser(auth): WebUser,
    Path(id): Path<String>,
) -> Response {
    let view = View::new(&state, &auth);
    let result = async {
        let candidate = load_candidate(&view, &id).await?;
        candidate_page(&view, &candidate, StatusCode::OK, None).await
    };
    view.finish(result.await)
}

/// A candidate the viewer may see, by the id in the URL; otherwise not found.
pub async fn load_candidate(view: &View<'_>, raw_id: &str) -> AppResult<Candidate> {
    let id: CandidateId = raw_id
        .parse()
        .map_err(|_| AppError::NotFound("candidate"))?;
    view.state
        .store
        .candidate(&view.visibility()?, id)
        .await?
        .ok_or(AppError::NotFound("candidate"))
}

/// The profile page; `add_error` is the message of a failed "add to role" post.
pub async fn candidate_page(
    view: &View<'_>,
    candidate: &Candidate,
    status: StatusCode,
    add_error: Option<String>,
) -> AppResult<Response> {
    let store = &view.state.store;
    let everything = PageRequest {
        limit: MAX_LIMIT,
        after: None,
    };
    let filter = ApplicationFilter {
        candidate_id: Some(candidate.id),
        ..Default::default()
    };
    let applications = store
        .list_applications(&view.visibility()?, &filter, &everything)
        .await?;
    let rows: Vec<_> = applications
        .items
        .iter()
        .map(|a| {
            context! {
                id => a.id.to_string(),
                role_id => a.role_id.to_string(),
                role_title => a.role_title.as_str(),
                stage => a.stage.as_str(),
                stage_label => a.stage.label(),
                reason => a.stage_reason.as_ref().map(|r| r.as_str()),
                since => day(&a.updated_at),
            }
        })
        .collect();
    let may_add = view.may(Action::CreateApplication);
    let roles: Vec<_> = if may_add {
        store
            .list_roles(&everything)
            .await?
            .items
            .iter()
            .filter(|r| r.status.accepts_applications())
            .filter(|r| !applications.items.iter().any(|a| a.role_id == r.id))
            .map(|r| context! { id => r.id.to_string(), label => format!("{} ({})", r.title, r.level.label()) })
            .collect()
    } else {
        Vec::new()
    };
    Ok(view.page_with_status(
        status,
        "candidate.html",
        context! {
            section => "candidates",
            candidate => candidate_view(candidate),
            applications => rows,
            may_add => may_add,
            roles => roles,
            add_error => add_error,
        },
    ))
}
