//! The interview loop on the role page: the role's stages with what each assesses, the must-haves
//! and competencies no stage covers, and a button that copies the shipped template for the role's
//! level into its scorecard.

use super::render::{see_other, View};
use super::roles::load_role;
use crate::api::loops::copy_into_role;
use crate::auth::WebUser;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::response::Response;
use hireloop_core::authz::Action;
use hireloop_core::interview::{coverage_gaps, Competency, CoverageGap};
use hireloop_core::scorecard::Scorecard;
use minijinja::{context, Value};

/// What the loop block of the scorecard section shows.
pub fn summary(state: &AppState, card: &Scorecard) -> Value {
    let stages: Vec<Value> = card
        .interview_loop
        .iter()
        .map(|stage| {
            let assesses: Vec<Value> = stage
                .competencies
                .iter()
                .map(|name| {
                    // A free-text name shows the shipped competency it counts for, if any.
                    let counts_for = Competency::from_loop_name(name)
                        .filter(|c| c.as_str() != name)
                        .map(|c| c.label());
                    context! { name, counts_for }
                })
                .collect();
            context! { kind => stage.kind.label(), assesses }
        })
        .collect();
    let gaps = coverage_gaps(card);
    let must_haves: Vec<&str> = gaps
        .iter()
        .filter_map(|g| match g {
            CoverageGap::MustHave { skill, .. } => Some(skill.as_str()),
            CoverageGap::Competency { .. } => None,
        })
        .collect();
    let competencies: Vec<&str> = gaps
        .iter()
        .filter_map(|g| match g {
            CoverageGap::Competency { competency } => Some(competency.label()),
            CoverageGap::MustHave { .. } => None,
        })
        .collect();
    let template = state.interviews.loops.for_level(card.level).map(|t| {
        context! {
            level => card.level.as_str(),
            stages => t.stages.iter().map(|s| s.kind.label()).collect::<Vec<_>>(),
            minutes => t.total_minutes(),
        }
    });
    context! { stages, must_haves, competencies, template }
}

/// POST /roles/{id}/scorecard/loop: replaces the role's loop with the template for its level.
pub async fn copy_template(
    State(state): State<AppState>,
    WebUser(auth): WebUser,
    Path(id): Path<String>,
) -> Response {
    let view = View::new(&state, &auth);
    let result = async {
        view.authorize(Action::ManageRoles)?;
        let role = load_role(&view, &id).await?;
        copy_into_role(&state, role.id, None).await?;
        tracing::info!(role = %role.id, "loop template copied into the scorecard");
        Ok(see_other(&format!("/roles/{}#interview-loop", role.id)))
    };
    view.finish(result.await)
}
