//! Role pages: the list, the "new role" form, and one role with its scorecard and pipeline board.

use super::render::{
    day, field_messages, is_form_error, next_page_link, page_request, parse_form, see_other, View,
};
use super::{board, scorecard};
use crate::auth::WebUser;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use hireloop_core::authz::Action;
use hireloop_core::ids::RoleId;
use hireloop_core::level::Level;
use hireloop_core::page::{PageRequest, MAX_LIMIT};
use hireloop_core::role::{NewRole, Role, RoleInput, RoleStatus};
use hireloop_core::ValidationErrors;
use minijinja::{context, Value};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// GET /roles
pub async fn list(
    State(state): State<AppState>,
    WebUser(auth): WebUser,
    RawQuery(query): RawQuery,
) -> Response {
    let view = View::new(&state, &auth);
    view.finish(list_page(&view, query.as_deref()).await)
}

async fn list_page(view: &View<'_>, query: Option<&str>) -> AppResult<Response> {
    view.authorize(Action::ViewRoles)?;
    let request = page_request(query)?;
    let page = view.state.store.list_roles(&request).await?;
    let roles: Vec<_> = page.items.iter().map(role_row).collect();
    Ok(view.page(
        "roles.html",
        context! {
            section => "roles",
            roles => roles,
            next_page => next_page_link("/roles", &request, page.next_cursor.as_deref()),
            first_page => request.after.is_some(),
            may_create => view.may(Action::ManageRoles),
        },
    ))
}

fn role_row(role: &Role) -> Value {
    context! {
        id => role.id.to_string(),
        title => role.title.as_str(),
        level => role.level.label(),
        primary_language => role.primary_language.as_str(),
        status => role.status.as_str(),
        status_label => role.status.label(),
        created => day(&role.created_at),
    }
}

/// The role form as typed: every field a string, so what was typed can be shown again.
#[derive(Debug, Default, Deserialize, Serialize)]
pub struct RoleForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    level: String,
    #[serde(default)]
    primary_language: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    hiring_manager_id: String,
}

impl RoleForm {
    fn parse(&self) -> Result<NewRole, ValidationErrors> {
        let manager = match self.hiring_manager_id.trim() {
            "" => Ok(None),
            raw => Uuid::parse_str(raw)
                .map(Some)
                .map_err(|_| format!("'{raw}' is not a user id")),
        };
        let input = RoleInput {
            title: self.title.clone(),
            level: self.level.clone(),
            primary_language: self.primary_language.clone(),
            status: Some(self.status.clone()),
            hiring_manager_id: manager.clone().ok().flatten(),
        };
        let parsed = input.parse();
        match (parsed, manager) {
            (Ok(role), Ok(_)) => Ok(role),
            (parsed, manager) => {
                let mut errors = parsed.err().unwrap_or_default();
                if let Err(message) = manager {
                    errors.add("hiring_manager_id", message);
                }
                Err(errors)
            }
        }
    }
}

/// GET /roles/new
pub async fn new_form(State(state): State<AppState>, WebUser(auth): WebUser) -> Response {
    let view = View::new(&state, &auth);
    let form = RoleForm {
        status: RoleStatus::Open.as_str().into(),
        hiring_manager_id: auth.user.id.to_string(),
        ..Default::default()
    };
    let result = async {
        view.authorize(Action::ManageRoles)?;
        form_page(&view, StatusCode::OK, &form, &ValidationErrors::default()).await
    };
    view.finish(result.await)
}

async fn form_page(
    view: &View<'_>,
    status: StatusCode,
    form: &RoleForm,
    errors: &ValidationErrors,
) -> AppResult<Response> {
    let users = view
        .state
        .store
        .list_users(&PageRequest {
            limit: MAX_LIMIT,
            after: None,
        })
        .await?;
    let managers: Vec<_> = users
        .items
        .iter()
        .map(|u| context! { value => u.id.to_string(), label => format!("{} ({})", u.name, u.role.label()) })
        .collect();
    let levels: Vec<_> = Level::ALL
        .iter()
        .map(|l| context! { value => l.as_str(), label => l.label() })
        .collect();
    let statuses: Vec<_> = RoleStatus::ALL
        .iter()
        .map(|s| context! { value => s.as_str(), label => s.label() })
        .collect();
    Ok(view.page_with_status(
        status,
        "role_form.html",
        context! {
            section => "roles",
            form => form,
            errors => field_messages(errors),
            levels => levels,
            statuses => statuses,
            managers => managers,
        },
    ))
}

/// POST /roles
pub async fn create(
    State(state): State<AppState>,
    WebUser(auth): WebUser,
    body: Bytes,
) -> Response {
    let view = View::new(&state, &auth);
    view.finish(create_role(&view, &body).await)
}

async fn create_role(view: &View<'_>, body: &[u8]) -> AppResult<Response> {
    view.authorize(Action::ManageRoles)?;
    let form: RoleForm = parse_form(body)?;
    let stored = match form.parse() {
        Ok(new) => view
            .state
            .store
            .create_role(&new)
            .await
            .map_err(AppError::from),
        Err(errors) => Err(AppError::Validation(errors)),
    };
    match stored {
        Ok(role) => {
            tracing::info!(role = %role.id, "role created");
            Ok(see_other(&format!("/roles/{}", role.id)))
        }
        Err(err) if is_form_error(&err) => {
            form_page(view, err.status(), &form, &err.field_errors()).await
        }
        Err(err) => Err(err),
    }
}

/// GET /roles/{id}
pub async fn show(
    State(state): State<AppState>,
    WebUser(auth): WebUser,
    Path(id): Path<String>,
) -> Response {
    let view = View::new(&state, &auth);
    let result = async {
        let role = load_role(&view, &id).await?;
        role_page(&view, &role, StatusCode::OK, Notice::None).await
    };
    view.finish(result.await)
}

/// A role by the id in the URL; a malformed id is simply not found.
pub async fn load_role(view: &View<'_>, raw_id: &str) -> AppResult<Role> {
    view.authorize(Action::ViewRoles)?;
    let id: RoleId = raw_id.parse().map_err(|_| AppError::NotFound("role"))?;
    view.state
        .store
        .role(id)
        .await?
        .ok_or(AppError::NotFound("role"))
}

/// A message from a failed post, shown where it happened on the role page.
pub enum Notice {
    None,
    /// A move on the board.
    Board(String),
    /// The "add candidate to this role" form.
    Add(String),
}

/// The role page, with the board and the "add candidate" form.
pub async fn role_page(
    view: &View<'_>,
    role: &Role,
    status: StatusCode,
    notice: Notice,
) -> AppResult<Response> {
    let store = &view.state.store;
    let manager = match role.hiring_manager_id {
        Some(id) => store.user(id).await?.map(|u| u.name.to_string()),
        None => None,
    };
    let mut board = board::load(view, role).await?;
    let add_error = match notice {
        Notice::None => None,
        Notice::Board(message) => {
            board.error = Some(message);
            None
        }
        Notice::Add(message) => Some(message),
    };
    let may_add = view.may(Action::CreateApplication) && role.status.accepts_applications();
    let mut pool_empty = false;
    let candidates = if may_add {
        let pool = store
            .list_candidates(
                &view.visibility()?,
                &PageRequest {
                    limit: MAX_LIMIT,
                    after: None,
                },
            )
            .await?;
        pool_empty = pool.items.is_empty();
        pool.items
            .iter()
            .filter(|c| !board.has_candidate(c.id))
            .map(|c| context! { id => c.id.to_string(), label => format!("{} <{}>", c.name, c.email) })
            .collect()
    } else {
        Vec::new()
    };
    let scorecard = scorecard::section(view, role).await?;
    Ok(view.page_with_status(
        status,
        "role.html",
        context! {
            section => "roles",
            role => role_row(role),
            scorecard => scorecard,
            manager => manager,
            board => board.context(),
            may_add => may_add,
            candidates => candidates,
            pool_empty => pool_empty,
            add_error => add_error,
            may_view_matches => view.may(Action::ViewMatches),
        },
    ))
}
