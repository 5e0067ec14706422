//! `Store` methods for applications on roles: the pipeline, decisions and the dashboard counts.

use crate::{records, Backend, Result, Store};
use hireloop_core::application::{Application, NewApplication, StageChange};
use hireloop_core::authz::Visibility;
use hireloop_core::ids::{ApplicationId, RoleId, UserId};
use hireloop_core::page::{Page, PageRequest};
use hireloop_core::pipeline::StageMove;
use records::{ApplicationFilter, Dashboard};

impl Store {
    pub async fn create_application(
        &self,
        new: &NewApplication,
        actor: Option<UserId>,
    ) -> Result<Application> {
        dispatch!(self.create_application(new, actor))
    }
    pub async fn application(
        &self,
        visibility: &Visibility,
        id: ApplicationId,
    ) -> Result<Option<Application>> {
        dispatch!(self.application(visibility, id))
    }
    pub async fn list_applications(
        &self,
        visibility: &Visibility,
        filter: &ApplicationFilter,
        page: &PageRequest,
    ) -> Result<Page<Application>> {
        dispatch!(self.list_applications(visibility, filter, page))
    }
    pub async fn role_board(
        &self,
        visibility: &Visibility,
        role: RoleId,
    ) -> Result<Vec<Application>> {
        dispatch!(self.role_board(visibility, role))
    }
    /// Applies a planned move if the application is still in `planned.from`; else `Conflict`.
    pub async fn move_application(
        &self,
        id: ApplicationId,
        planned: &StageMove,
        actor: Option<UserId>,
    ) -> Result<Application> {
        dispatch!(self.move_application(id, planned, actor))
    }
    pub async fn stage_history(&self, id: ApplicationId) -> Result<Vec<StageChange>> {
        dispatch!(self.stage_history(id))
    }
    pub async fn assign_interviewer(&self, application: ApplicationId, user: UserId) -> Result<()> {
        dispatch!(self.assign_interviewer(application, user))
    }

    // ---- decisions (advance / reject / withdraw with a structured reason) ----------------------

    /// Applies a decision's planned move if the application is still in `planned.from` (else
    /// `Conflict`) and records the reason code, note and actor in the history, in one transaction.
    pub async fn decide(
        &self,
        id: ApplicationId,
        planned: &StageMove,
        reason_code: Option<&str>,
        note: Option<&hireloop_core::text::Reason>,
        actor: Option<UserId>,
    ) -> Result<Application> {
        dispatch!(self.decide(id, planned, reason_code, note, actor))
    }

    pub async fn dashboard(&self, visibility: &Visibility) -> Result<Dashboard> {
        dispatch!(self.dashboard(visibility))
    }
}
