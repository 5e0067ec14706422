//! One application with its candidate and role, loaded once for the pages and endpoints about it
//! (interviews, debrief, offer, trial, onboarding). An application the caller may not see is a 404,
//! whether or not it exists, like everywhere else.

use crate::error::{AppError, AppResult};
use crate::state::AppState;
use hireloop_core::application::Application;
use hireloop_core::authz::{visibility, Principal};
use hireloop_core::candidate::Candidate;
use hireloop_core::ids::ApplicationId;
use hireloop_core::role::Role;
use serde::Serialize;

pub struct ApplicationContext {
    pub application: Application,
    pub candidate: Candidate,
    pub role: Role,
}

/// What `application_tabs.html` needs.
#[derive(Debug, Serialize)]
pub struct Tabs {
    pub id: String,
    pub active: &'static str,
    pub title: String,
}

impl ApplicationContext {
    pub async fn load(
        state: &AppState,
        principal: &Principal,
        id: ApplicationId,
    ) -> AppResult<ApplicationContext> {
        let scope = visibility(principal);
        let application = state
            .store
            .application(&scope, id)
            .await?
            .ok_or(AppError::NotFound("application"))?;
        let candidate = state
            .store
            .candidate(&scope, application.candidate_id)
            .await?
            .ok_or(AppError::NotFound("application"))?;
        let role = state
            .store
            .role(application.role_id)
            .await?
            .ok_or(AppError::NotFound("application"))?;
        Ok(ApplicationContext {
            application,
            candidate,
            role,
        })
    }

    /// "Ana Lima · Senior Go engineer": how the application is named on its pages.
    pub fn title(&self) -> String {
        format!(
            "{} · {}",
            self.candidate.name.as_str(),
            self.role.title.as_str()
        )
    }

    /// The tab bar with `active` (overview, interviews, debrief, offer, trial, onboarding) marked.
    pub fn tabs(&self, active: &'static str) -> Tabs {
        Tabs {
            id: self.application.id.to_string(),
            active,
            title: self.title(),
        }
    }
}
