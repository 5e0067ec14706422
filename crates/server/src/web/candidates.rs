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
use hireloop_core::candidate_profile::{SkillDetailInput, SourceChannel};
use hireloop_core::ids::CandidateId;
use hireloop_core::level::Level;
use hireloop_core::money::{MoneyInput, RatePeriod};
use hireloop_core::page::{PageRequest, MAX_LIMIT};
use hireloop_core::work_mode::{parse_yes_no, WorkMode};
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
    phone: String,
    #[serde(default)]
    city: String,
    /// ISO 3166 code.
    #[serde(default)]
    country: String,
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
    /// IANA name, e.g. "Europe/Belgrade".
    #[serde(default)]
    timezone: String,
    #[serde(default)]
    stated_level: String,
    /// YYYY-MM-DD (a date input).
    #[serde(default)]
    available_from: String,
    #[serde(default)]
    hours_per_week: String,
    #[serde(default)]
    source_channel: String,
    /// One checkbox per work mode ("on" when ticked): a form posts repeated names as one value.
    #[serde(default)]
    work_mode_remote: Option<String>,
    #[serde(default)]
    work_mode_hybrid: Option<String>,
    #[serde(default)]
    work_mode_onsite: Option<String>,
    /// "yes", "no" or "" (not stated).
    #[serde(default)]
    open_to_relocation: String,
}

impl CandidateForm {
    /// The ticked work modes, by API name, in `WorkMode::ALL` order.
    fn work_modes(&self) -> Vec<String> {
        WorkMode::ALL
            .iter()
            .filter(|m| self.ticked(**m))
            .map(|m| m.as_str().to_string())
            .collect()
    }

    fn ticked(&self, mode: WorkMode) -> bool {
        match mode {
            WorkMode::Remote => &self.work_mode_remote,
            WorkMode::Hybrid => &self.work_mode_hybrid,
            WorkMode::Onsite => &self.work_mode_onsite,
        }
        .is_some()
    }
}

impl CandidateForm {
    fn parse(&self) -> Result<NewCandidate, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        // "Go:5, PostgreSQL:3, Kafka": a skill, optionally with its years after a colon (a colon
        // is never part of a skill tag, so this cannot misread a skill).
        let mut skills = Vec::new();
        let mut skill_details = Vec::new();
        for item in self
            .skills
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            let (tag, years) = match item.split_once(':') {
                None => (item, None),
                Some((tag, raw)) => {
                    match raw.trim().replace(',', ".").parse::<f32>() {
                        Ok(years) if years.is_finite() => (tag.trim(), Some(years)),
                        _ => {
                            errors.add(
                            "skills",
                            format!("'{item}': the years after the colon must be a number, e.g. Go:5"),
                        );
                            continue;
                        }
                    }
                }
            };
            skills.push(tag.to_string());
            if years.is_some() {
                skill_details.push(SkillDetailInput {
                    skill: tag.to_string(),
                    years,
                    last_used_year: None,
                });
            }
        }
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
        let hours_per_week = match self.hours_per_week.trim() {
            "" => None,
            raw => match raw.parse::<i64>() {
                Ok(hours) => Some(hours),
                Err(_) => {
                    errors.add(
                        "hours_per_week",
                        format!("'{raw}' is not a whole number of hours, e.g. 40"),
                    );
                    None
                }
            },
        };
        let text = |value: &str| Some(value.to_string()).filter(|v| !v.trim().is_empty());
        let open_to_relocation = match self.open_to_relocation.trim() {
            "" => None,
            raw => errors.check("open_to_relocation", parse_yes_no(raw)),
        };
        let input = CandidateInput {
            name: self.name.clone(),
            email: self.email.clone(),
            phone: text(&self.phone),
            city: text(&self.city),
            country: text(&self.country),
            location: Some(self.location.clone()),
            region: Some(self.region.clone()),
            skills,
            expected_rate,
            timezone: text(&self.timezone),
            stated_level: text(&self.stated_level),
            available_from: text(&self.available_from),
            hours_per_week,
            source_channel: text(&self.source_channel),
            skill_details,
            work_modes: self.work_modes(),
            open_to_relocation,
            ..Default::default()
        };
        match input.parse() {
            Ok(candidate) if errors.is_empty() => Ok(candidate),
            Ok(_) => Err(errors),
            Err(mut found) => {
                // Years are typed in the skills field: show their problems there.
                for e in &mut found.errors {
                    if e.field.starts_with("skill_details") {
                        e.message = format!("{}: {}", e.field, e.message);
                        e.field = "skills".into();
                    } else if e.field.starts_with("work_modes") {
                        e.field = "work_modes".into();
                    }
                }
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
    let levels: Vec<_> = Level::ALL
        .iter()
        .map(|l| context! { value => l.as_str(), label => l.label() })
        .collect();
    let channels: Vec<_> = SourceChannel::ALL
        .iter()
        .map(|c| context! { value => c.as_str(), label => c.label() })
        .collect();
    let work_modes: Vec<_> = WorkMode::ALL
        .iter()
        .map(|m| context! { value => m.as_str(), label => m.label(), checked => form.ticked(*m) })
        .collect();
    let relocation = [("yes", "Yes"), ("no", "No")]
        .map(|(value, label)| context! { value => value, label => label });
    view.page_with_status(
        status,
        "candidate_form.html",
        context! {
            section => "candidates",
            form => form,
            errors => field_messages(errors),
            regions => regions,
            periods => periods,
            levels => levels,
            channels => channels,
            work_modes => work_modes,
            relocation => relocation,
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
    candidate_page_with(view, candidate, status, add_error, None).await
}

/// The profile page with the message of a failed post of either form on it.
pub async fn candidate_page_with(
    view: &View<'_>,
    candidate: &Candidate,
    status: StatusCode,
    add_error: Option<String>,
    vetting_error: Option<String>,
) -> AppResult<Response> {
    let store = &view.state.store;
    let vetting_history = store.vetting_history(candidate.id).await?;
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
            profile => super::candidate_profile::profile_view(candidate, chrono::Utc::now()),
            vetting => super::candidate_profile::vetting_view(candidate, &vetting_history),
            may_vet => view.may(Action::VetCandidates),
            vetting_error => vetting_error,
            applications => rows,
            may_add => may_add,
            roles => roles,
            add_error => add_error,
            resumes => super::resumes::section(view, candidate, None, None).await?,
        },
    ))
}
