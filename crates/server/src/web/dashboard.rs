//! The dashboard: the numbers a hiring team opens the day with, within what the viewer may see.

use super::render::View;
use crate::auth::WebUser;
use crate::error::AppResult;
use crate::state::AppState;
use axum::extract::State;
use axum::response::Response;
use hireloop_core::page::PageRequest;
use hireloop_core::role::RoleStatus;
use minijinja::context;

/// How many of the newest roles the dashboard links to.
const RECENT_ROLES: u32 = 6;

/// GET /
pub async fn show(State(state): State<AppState>, WebUser(auth): WebUser) -> Response {
    let view = View::new(&state, &auth);
    view.finish(render(&view).await)
}

async fn render(view: &View<'_>) -> AppResult<Response> {
    let store = &view.state.store;
    let numbers = store.dashboard(&view.visibility()?).await?;
    let widest = numbers.by_stage.iter().map(|s| s.count).max().unwrap_or(0);
    let stages: Vec<_> = numbers
        .by_stage
        .iter()
        .map(|s| {
            context! {
                name => s.stage.as_str(),
                label => s.stage.label(),
                count => s.count,
                closed => s.stage.is_closed(),
            }
        })
        .collect();
    let recent = store
        .list_roles(&PageRequest {
            limit: RECENT_ROLES,
            after: None,
        })
        .await?;
    let roles: Vec<_> = recent
        .items
        .iter()
        .map(|r| {
            context! {
                id => r.id.to_string(),
                title => r.title.as_str(),
                level => r.level.label(),
                status => r.status.label(),
                open => r.status == RoleStatus::Open,
            }
        })
        .collect();
    // The viewer's own upcoming interviews, linked to their kits.
    let upcoming = store
        .upcoming_interviews_for_user(view.principal()?.user_id, chrono::Utc::now())
        .await?;
    let interviews: Vec<_> = upcoming
        .iter()
        .map(|u| {
            context! {
                id => u.interview.id.to_string(),
                stage => u.interview.stage_kind.label(),
                candidate => u.candidate_name.as_str(),
                role => u.role_title.as_str(),
                when => super::interviews::when(&u.interview),
                starts_iso => u.interview.starts_at.to_rfc3339(),
            }
        })
        .collect();
    Ok(view.page(
        "dashboard.html",
        context! {
            section => "dashboard",
            numbers => numbers,
            stages => stages,
            widest => widest,
            roles => roles,
            interviews => interviews,
        },
    ))
}
