//! A role's scorecard in the UI: its section on the role page, the role-as-code editor with a live
//! lint panel (htmx posts the text as you type), and the job description preview.

use super::render::{parse_form, see_other, View};
use super::roles::load_role;
use super::scorecard_view as show;
use crate::auth::WebUser;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::{Days, Utc};
use hireloop_core::authz::Action;
use hireloop_core::role::Role;
use hireloop_core::scorecard::jd::job_description;
use hireloop_core::scorecard::jsonld::{job_posting, PostingInfo, DEFAULT_VALID_DAYS};
use hireloop_core::scorecard::{from_toml, requisition, to_toml, Scorecard};
use hireloop_store::StoreError;
use minijinja::{context, Value};
use serde::Deserialize;

/// The clean example the editor starts from when a role has no scorecard yet.
const STARTER: &str = include_str!("../../../../examples/roles/senior-go-payments.toml");

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct EditorForm {
    toml: String,
}

/// The scorecard section of the role page.
pub async fn section(view: &View<'_>, role: &Role) -> AppResult<Value> {
    let may_edit = view.may(Action::ManageRoles);
    let text = match view.state.store.role_scorecard(role.id).await {
        Ok(text) => text,
        // Left for an admin to fix: the rest of the role page still works.
        Err(StoreError::Corrupt(message)) => {
            tracing::error!(role = %role.id, %message, "stored scorecard does not parse");
            return Ok(context! { may_edit, corrupt => true });
        }
        Err(err) => return Err(err.into()),
    };
    let Some(card) = text.as_deref().and_then(|t| from_toml(t).ok()) else {
        return Ok(context! { may_edit, missing => true });
    };
    let data = view.state.market.dataset();
    Ok(context! {
        may_edit,
        card => show::summary(&card),
        budget => show::budget(&data, &card),
        matching_weights => show::matching_weights(view.state, &card),
        lint => show::findings(&view.state.lint(&card)),
        interview_loop => super::interview_loop::summary(view.state, &card),
        dataset_version => data.info.version.as_str(),
    })
}

/// A starter scorecard for `role`: the example with the role's title and level put in.
fn starter(role: &Role) -> String {
    let quoted = |s: &str| toml::Value::String(s.to_string()).to_string();
    let mut out = String::from(
        "# A starter scorecard from examples/roles/senior-go-payments.toml: make every line true for this role.\n",
    );
    for line in STARTER.lines().skip_while(|l| l.starts_with('#')) {
        let replaced = if line.starts_with("title = ") {
            format!("title = {}", quoted(role.title.as_str()))
        } else if line.starts_with("level = ") {
            format!("level = {}", quoted(role.level.as_str()))
        } else {
            line.to_string()
        };
        out.push_str(&replaced);
        out.push('\n');
    }
    out
}

/// What the lint panel shows for `text`: the parse problems, or the findings and budget check.
fn panel(state: &AppState, text: &str) -> (Option<Scorecard>, Value) {
    match from_toml(text) {
        Ok(card) => {
            let data = state.market.dataset();
            let value = context! {
                live => true,
                lint => show::findings(&state.lint(&card)),
                budget => show::budget(&data, &card),
            };
            (Some(card), value)
        }
        Err(err) => (None, context! { problems => show::problems(&err) }),
    }
}

/// GET /roles/{id}/scorecard/edit
pub async fn edit_form(
    State(state): State<AppState>,
    WebUser(auth): WebUser,
    Path(id): Path<String>,
) -> Response {
    let view = View::new(&state, &auth);
    let result = async {
        view.authorize(Action::ManageRoles)?;
        let role = load_role(&view, &id).await?;
        let stored = match state.store.role_scorecard(role.id).await {
            Ok(text) => text,
            // A stored text that no longer parses is shown so it can be fixed.
            Err(StoreError::Corrupt(_)) => None,
            Err(err) => return Err(err.into()),
        };
        let is_new = stored.is_none();
        let text = stored.unwrap_or_else(|| starter(&role));
        Ok(editor(&view, &role, &text, Outcome::Opened { is_new }))
    };
    view.finish(result.await)
}

/// What the editor was opened with, or why saving failed.
enum Outcome {
    Opened {
        is_new: bool,
    },
    /// The text does not parse: the lint panel lists the problems.
    Unparsed,
    /// It parses but cannot be stored: these messages say why.
    Refused(Vec<String>),
}

fn editor(view: &View<'_>, role: &Role, text: &str, outcome: Outcome) -> Response {
    let (_, panel) = panel(view.state, text);
    let (status, is_new, refused) = match outcome {
        Outcome::Opened { is_new } => (StatusCode::OK, is_new, Vec::new()),
        Outcome::Unparsed => (StatusCode::UNPROCESSABLE_ENTITY, false, Vec::new()),
        Outcome::Refused(messages) => (StatusCode::UNPROCESSABLE_ENTITY, false, messages),
    };
    view.page_with_status(
        status,
        "scorecard_edit.html",
        context! {
            section => "roles",
            role => context! { id => role.id.to_string(), title => role.title.as_str() },
            toml => text,
            is_new,
            failed => status != StatusCode::OK,
            refused,
            ..panel
        },
    )
}

/// POST /roles/{id}/scorecard/edit: stores the scorecard when it parses (findings never block
/// saving), updates the role's title, level and language from it, and goes back to the role page;
/// otherwise the editor again with the problems.
pub async fn save(
    State(state): State<AppState>,
    WebUser(auth): WebUser,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let view = View::new(&state, &auth);
    let result = async {
        view.authorize(Action::ManageRoles)?;
        let role = load_role(&view, &id).await?;
        let form: EditorForm = parse_form(&body)?;
        let Ok(card) = from_toml(&form.toml) else {
            return Ok(editor(&view, &role, &form.toml, Outcome::Unparsed));
        };
        // The role's title, level and language follow its scorecard, as through the API.
        let requisition = match requisition(&card, state.taxonomy.as_ref()) {
            Ok(r) => r,
            Err(errors) => {
                let messages = errors
                    .errors
                    .iter()
                    .map(|e| format!("{}: {}", e.field, e.message))
                    .collect();
                return Ok(editor(&view, &role, &form.toml, Outcome::Refused(messages)));
            }
        };
        state
            .store
            .set_role_scorecard_and_requisition(role.id, &to_toml(&card), &requisition)
            .await?;
        tracing::info!(role = %role.id, "scorecard saved");
        Ok(see_other(&format!("/roles/{}#scorecard", role.id)))
    };
    view.finish(result.await)
}

/// POST /roles/{id}/scorecard/lint: the lint panel for the text being edited (an htmx fragment).
/// Nothing is stored.
pub async fn lint_fragment(
    State(state): State<AppState>,
    WebUser(auth): WebUser,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let view = View::new(&state, &auth);
    let result = async {
        load_role(&view, &id).await?;
        let form: EditorForm = parse_form(&body)?;
        let (card, panel) = panel(&state, &form.toml);
        let status = match card {
            Some(_) => StatusCode::OK,
            None => StatusCode::UNPROCESSABLE_ENTITY,
        };
        Ok(view.page_with_status(status, "scorecard_lint.html", panel))
    };
    view.finish(result.await)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct JdForm {
    organization: String,
}

/// GET /roles/{id}/scorecard/jd: the job description as the candidate reads it, its Markdown, and
/// the JobPosting JSON-LD once the organisation is named.
pub async fn jd_preview(
    State(state): State<AppState>,
    WebUser(auth): WebUser,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
) -> Response {
    let view = View::new(&state, &auth);
    let result = async {
        let role = load_role(&view, &id).await?;
        let form: JdForm =
            serde_urlencoded::from_str(query.as_deref().unwrap_or("")).map_err(|e| {
                AppError::BadRequest {
                    field: None,
                    message: format!("the preview's inputs could not be read: {e}"),
                }
            })?;
        let text = state
            .store
            .role_scorecard(role.id)
            .await?
            .ok_or(AppError::NotFound("scorecard"))?;
        let card = from_toml(&text)
            .map_err(|e| AppError::from(StoreError::Corrupt(format!("scorecard: {e}"))))?;
        let jd = job_description(&card);
        let organization = form.organization.trim();
        let (json_ld, json_ld_error) = if organization.is_empty() {
            (None, None)
        } else {
            match posting(&card, organization, &role) {
                Ok(json) => (Some(json), None),
                Err(message) => (None, Some(message)),
            }
        };
        Ok(view.page(
            "scorecard_jd.html",
            context! {
                section => "roles",
                role => context! { id => role.id.to_string(), title => role.title.as_str() },
                // The core escapes every piece of the scorecard's text in its HTML.
                html => Value::from_safe_string(jd.to_html()),
                markdown => jd.to_markdown(),
                organization,
                json_ld,
                json_ld_error,
            },
        ))
    };
    view.finish(result.await)
}

/// The JobPosting JSON-LD, posted today and valid for the API's default period.
fn posting(card: &Scorecard, organization: &str, role: &Role) -> Result<String, String> {
    let today = Utc::now().date_naive();
    let valid_through = today
        .checked_add_days(Days::new(DEFAULT_VALID_DAYS))
        .ok_or("the posting's dates are out of range")?;
    let info = PostingInfo {
        organization_name: organization.to_string(),
        organization_url: None,
        date_posted: today,
        valid_through,
        office_locality: None,
        office_street: None,
        identifier: Some(role.id.to_string()),
    };
    let value = job_posting(card, &info).map_err(|e| e.to_string())?;
    serde_json::to_string_pretty(&value).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use hireloop_core::level::Level;
    use hireloop_core::role::RoleStatus;
    use hireloop_core::text::Title;

    #[test]
    fn the_starter_carries_the_roles_title_and_level_and_parses() {
        let role = Role {
            id: uuid::Uuid::now_v7().into(),
            title: Title::parse("Mid \"Backend\" Engineer").unwrap(),
            level: Level::Mid,
            primary_language: hireloop_core::text::PrimaryLanguage::parse("Go").unwrap(),
            status: RoleStatus::Open,
            hiring_manager_id: None,
            created_at: Utc::now(),
            updated_at: Utc::now(),
        };
        let card = from_toml(&starter(&role)).unwrap();
        assert_eq!(card.title.as_str(), "Mid \"Backend\" Engineer");
        assert_eq!(card.level.as_str(), "mid");
    }
}
