//! `Store` methods for roles and their scorecards (role-as-code TOML).

use crate::{Backend, Result, Store};
use hireloop_core::ids::RoleId;
use hireloop_core::page::{Page, PageRequest};
use hireloop_core::role::{NewRole, Role, RoleStatus};

impl Store {
    pub async fn create_role(&self, new: &NewRole) -> Result<Role> {
        dispatch!(self.create_role(new))
    }
    pub async fn role(&self, id: RoleId) -> Result<Option<Role>> {
        dispatch!(self.role(id))
    }
    pub async fn list_roles(&self, page: &PageRequest) -> Result<Page<Role>> {
        dispatch!(self.list_roles(page))
    }
    pub async fn set_role_status(&self, id: RoleId, status: RoleStatus) -> Result<Role> {
        dispatch!(self.set_role_status(id, status))
    }
    /// Stores a role's scorecard (role-as-code TOML) in its canonical form and returns that text.
    /// Text that does not parse is `Invalid`, naming every problem; no such role is `NotFound`.
    pub async fn set_role_scorecard(&self, id: RoleId, toml_text: &str) -> Result<String> {
        dispatch!(self.set_role_scorecard(id, toml_text))
    }
    /// The role's scorecard TOML; `None` when it has none, `NotFound` when there is no such role,
    /// `Corrupt` when the stored text no longer parses.
    pub async fn role_scorecard(&self, id: RoleId) -> Result<Option<String>> {
        dispatch!(self.role_scorecard(id))
    }
    /// Removes a role's scorecard; `NotFound` when there is no such role.
    /// Stores the scorecard and updates the role's title, level and primary language from it, atomically.
    pub async fn set_role_scorecard_and_requisition(
        &self,
        id: RoleId,
        text: &str,
        requisition: &hireloop_core::scorecard::Requisition,
    ) -> Result<String> {
        dispatch!(self.set_role_scorecard_and_requisition(id, text, requisition))
    }
    pub async fn clear_role_scorecard(&self, id: RoleId) -> Result<()> {
        dispatch!(self.clear_role_scorecard(id))
    }
}
