//! Authorization: the one place that decides who may do what. Handlers ask here; the store takes
//! the scopes this module produces, so listing applications without deciding visibility first does
//! not compile.

use crate::ids::UserId;
use crate::pipeline::MoveKind;
use crate::user::UserRole;

/// The authenticated user a request acts for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Principal {
    pub user_id: UserId,
    pub role: UserRole,
}

/// Something a principal may try to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    ViewRoles,
    ManageRoles,
    ManageCandidates,
    CreateApplication,
    MoveApplication(MoveKind),
    /// Choose who interviews a candidate for an application.
    AssignInterviewers,
    ManageUsers,
    /// Create, list and revoke one's own API tokens.
    ManageOwnTokens,
    /// Read the market benchmarks and what is computed from them (costs, timelines, advice).
    ViewMarketData,
    /// Upload or remove market data files that replace or extend the shipped benchmarks.
    ManageMarketData,
    /// See the talent pool ranked against a role: it reads every candidate, not only assigned ones.
    ViewMatches,
    // -- offers, trials and onboarding (issue #6) --
    /// See an application's offers: compensation is not for interviewers.
    ViewOffers,
    /// Draft, change, send, withdraw offers and record the candidate's answer.
    ManageOffers,
    /// Approve an offer: the people who own the budget and the hire.
    ApproveOffers,
    /// Start trials and record their outcome.
    ManageTrials,
    /// Generate onboarding plans and record the 90-day quality-of-hire rating.
    ManageOnboarding,
    /// Tick an onboarding task; anyone who sees the application may.
    TickOnboardingTask,
    // -- interviews and feedback (issue #6) --
    /// Schedule, reschedule or cancel an application's interviews.
    ScheduleInterviews,
    /// Write feedback on an interview; only its panel does, whatever their role.
    GiveFeedback {
        on_panel: bool,
    },
    // -- communication: outbox and message templates (issue #6) --
    /// Read the outbox (every message written to candidates and interviewers) and the templates.
    ViewOutbox,
    /// Change the message templates every candidate and interviewer receives.
    ManageMessageTemplates,
    // -- talent pool: candidate profiles (issue #5) --
    /// Move a candidate's vetting status: what an agency promises its clients, so the people who
    /// own the pool decide it.
    VetCandidates,
}

impl Action {
    fn describe(self) -> &'static str {
        match self {
            Action::ViewRoles => "view roles",
            Action::ManageRoles => "create or change roles",
            Action::ManageCandidates => "create or change candidates",
            Action::CreateApplication => "put candidates on roles",
            Action::MoveApplication(MoveKind::Advance) => "advance applications",
            Action::MoveApplication(MoveKind::Close) => "reject or withdraw applications",
            Action::MoveApplication(MoveKind::MoveBack) => {
                "move applications back to an earlier stage"
            }
            Action::MoveApplication(MoveKind::Reopen) => {
                "reopen rejected or withdrawn applications"
            }
            Action::MoveApplication(MoveKind::UndoHire) => "move an application out of 'hired'",
            Action::AssignInterviewers => "assign interviewers",
            Action::ManageUsers => "manage users",
            Action::ManageOwnTokens => "manage API tokens",
            Action::ViewMarketData => "view market data",
            Action::ManageMarketData => "upload or remove market data files",
            Action::ViewMatches => "view a role's matches in the talent pool",
            Action::ViewOffers => "see offers",
            Action::ManageOffers => "make or change offers",
            Action::ApproveOffers => "approve offers",
            Action::ManageTrials => "start trials or record their outcome",
            Action::ManageOnboarding => "create onboarding plans or rate the quality of a hire",
            Action::TickOnboardingTask => "tick onboarding tasks",
            Action::ScheduleInterviews => "schedule interviews",
            Action::GiveFeedback { .. } => {
                "give feedback on an interview they are not on the panel of"
            }
            Action::ViewOutbox => "see the outbox",
            Action::ManageMessageTemplates => "change message templates",
            Action::VetCandidates => "change candidates' vetting status",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a user with role '{role}' may not {what}")]
pub struct Forbidden {
    pub role: UserRole,
    pub what: &'static str,
}

/// Decides whether `principal` may do `action`.
pub fn authorize(principal: &Principal, action: Action) -> Result<(), Forbidden> {
    use UserRole::*;
    let allowed = match action {
        // Offers, trials and onboarding belong to those who run the pipeline; approving spends the
        // budget, so it is the hiring manager's or an admin's call.
        Action::ViewOffers
        | Action::ManageOffers
        | Action::ManageTrials
        | Action::ManageOnboarding => {
            matches!(principal.role, Admin | Recruiter | HiringManager)
        }
        Action::ApproveOffers => matches!(principal.role, Admin | HiringManager),
        Action::TickOnboardingTask => true,
        // Messages hold candidates' addresses and decisions: the people who run communication read
        // them; what every candidate receives is an admin's call.
        Action::ViewOutbox => matches!(principal.role, Admin | Recruiter),
        Action::ManageMessageTemplates => principal.role == Admin,
        Action::VetCandidates => matches!(principal.role, Admin | Recruiter),
        // Feedback is evidence from the room: only those on the interview's panel write it.
        Action::GiveFeedback { on_panel } => on_panel,
        Action::ScheduleInterviews => matches!(principal.role, Admin | Recruiter | HiringManager),
        Action::ViewRoles | Action::ManageOwnTokens | Action::ViewMarketData => true,
        Action::ManageRoles
        | Action::ManageCandidates
        | Action::CreateApplication
        | Action::AssignInterviewers
        | Action::ViewMatches
        | Action::MoveApplication(MoveKind::Advance | MoveKind::Close) => {
            matches!(principal.role, Admin | Recruiter | HiringManager)
        }
        // Going backwards rewrites the pipeline's story: the people who own the pipeline do it.
        Action::MoveApplication(MoveKind::MoveBack | MoveKind::Reopen) => {
            matches!(principal.role, Admin | Recruiter)
        }
        // A hire has consequences outside hireloop (contracts, payroll): undoing one is an admin's call.
        // Uploaded figures change every cost and timeline everyone sees: an admin's call.
        Action::MoveApplication(MoveKind::UndoHire)
        | Action::ManageUsers
        | Action::ManageMarketData => principal.role == Admin,
    };
    if allowed {
        Ok(())
    } else {
        Err(Forbidden {
            role: principal.role,
            what: action.describe(),
        })
    }
}

/// Which applications (and, through them, which candidates) a principal may see.
/// Only `visibility` makes one, so a query cannot skip the decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Visibility(Scope);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Everything.
    All,
    /// Only applications this user is assigned to interview, and their candidates.
    AssignedTo(UserId),
}

impl Visibility {
    pub fn scope(&self) -> Scope {
        self.0
    }
}

/// Interviewers see only what they are assigned to; everyone else sees the whole pipeline.
pub fn visibility(principal: &Principal) -> Visibility {
    match principal.role {
        UserRole::Interviewer => Visibility(Scope::AssignedTo(principal.user_id)),
        _ => Visibility(Scope::All),
    }
}

/// For the CLI and demo loader, which act as the system rather than as a user.
pub fn system_visibility() -> Visibility {
    Visibility(Scope::All)
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn as_role(role: UserRole) -> Principal {
        Principal {
            user_id: UserId(Uuid::nil()),
            role,
        }
    }

    #[test]
    fn the_permission_matrix() {
        use MoveKind::*;
        use UserRole::*;
        let may = |role, action| authorize(&as_role(role), action).is_ok();
        for role in UserRole::ALL.iter().copied() {
            assert!(may(role, Action::ViewRoles));
            assert!(may(role, Action::ManageOwnTokens));
        }
        for role in [Admin, Recruiter, HiringManager] {
            assert!(may(role, Action::ManageRoles));
            assert!(may(role, Action::ManageCandidates));
            assert!(may(role, Action::MoveApplication(Advance)));
            assert!(may(role, Action::MoveApplication(Close)));
        }
        assert!(!may(Interviewer, Action::ManageCandidates));
        assert!(may(Admin, Action::VetCandidates) && may(Recruiter, Action::VetCandidates));
        assert!(
            !may(HiringManager, Action::VetCandidates) && !may(Interviewer, Action::VetCandidates)
        );
        assert!(!may(Interviewer, Action::MoveApplication(Advance)));
        assert!(!may(HiringManager, Action::MoveApplication(MoveBack)));
        assert!(may(Recruiter, Action::MoveApplication(Reopen)));
        assert!(!may(Recruiter, Action::MoveApplication(UndoHire)));
        assert!(may(Admin, Action::MoveApplication(UndoHire)));
        assert!(!may(Recruiter, Action::ManageUsers));
    }

    #[test]
    fn interviewers_are_assigned_by_those_who_run_the_pipeline() {
        use UserRole::*;
        let may = |role| authorize(&as_role(role), Action::AssignInterviewers).is_ok();
        assert!(may(Admin) && may(Recruiter) && may(HiringManager));
        assert!(!may(Interviewer));
    }

    #[test]
    fn interviewers_see_only_their_assignments() {
        let interviewer = as_role(UserRole::Interviewer);
        assert_eq!(
            visibility(&interviewer).scope(),
            Scope::AssignedTo(interviewer.user_id)
        );
        assert_eq!(
            visibility(&as_role(UserRole::Recruiter)).scope(),
            Scope::All
        );
    }

    #[test]
    fn everyone_reads_market_data_and_only_admins_change_it() {
        for role in UserRole::ALL.iter().copied() {
            let principal = as_role(role);
            assert!(authorize(&principal, Action::ViewMarketData).is_ok());
            assert_eq!(
                authorize(&principal, Action::ManageMarketData).is_ok(),
                role == UserRole::Admin,
                "{role}"
            );
        }
        let err = authorize(&as_role(UserRole::Recruiter), Action::ManageMarketData).unwrap_err();
        assert_eq!(
            err.to_string(),
            "a user with role 'recruiter' may not upload or remove market data files"
        );
    }

    #[test]
    fn interviewers_may_not_view_matches() {
        use UserRole::*;
        for role in [Admin, Recruiter, HiringManager] {
            assert!(
                authorize(&as_role(role), Action::ViewMatches).is_ok(),
                "{role}"
            );
        }
        let err = authorize(&as_role(Interviewer), Action::ViewMatches).unwrap_err();
        assert_eq!(
            err.to_string(),
            "a user with role 'interviewer' may not view a role's matches in the talent pool"
        );
    }

    #[test]
    fn offers_are_approved_by_hiring_managers_and_admins_and_hidden_from_interviewers() {
        use UserRole::*;
        let may = |role, action| authorize(&as_role(role), action).is_ok();
        for role in [Admin, Recruiter, HiringManager] {
            for action in [
                Action::ViewOffers,
                Action::ManageOffers,
                Action::ManageTrials,
                Action::ManageOnboarding,
            ] {
                assert!(may(role, action), "{role} {action:?}");
            }
        }
        assert!(may(Admin, Action::ApproveOffers) && may(HiringManager, Action::ApproveOffers));
        assert!(!may(Recruiter, Action::ApproveOffers));
        assert!(!may(Interviewer, Action::ViewOffers));
        assert!(!may(Interviewer, Action::ManageTrials));
        assert!(may(Interviewer, Action::TickOnboardingTask));
        let err = authorize(&as_role(Recruiter), Action::ApproveOffers).unwrap_err();
        assert_eq!(
            err.to_string(),
            "a user with role 'recruiter' may not approve offers"
        );
    }

    #[test]
    fn the_outbox_is_for_admins_and_recruiters_and_templates_for_admins() {
        use UserRole::*;
        for role in UserRole::ALL.iter().copied() {
            let principal = as_role(role);
            assert_eq!(
                authorize(&principal, Action::ViewOutbox).is_ok(),
                matches!(role, Admin | Recruiter),
                "{role}"
            );
            assert_eq!(
                authorize(&principal, Action::ManageMessageTemplates).is_ok(),
                role == Admin,
                "{role}"
            );
        }
    }

    #[test]
    fn the_pipeline_schedules_interviews_and_only_the_panel_gives_feedback() {
        use UserRole::*;
        for role in UserRole::ALL.iter().copied() {
            let principal = as_role(role);
            assert_eq!(
                authorize(&principal, Action::ScheduleInterviews).is_ok(),
                role != Interviewer,
                "{role}"
            );
            // Being an admin does not put anyone on a panel.
            assert!(authorize(&principal, Action::GiveFeedback { on_panel: true }).is_ok());
            assert!(authorize(&principal, Action::GiveFeedback { on_panel: false }).is_err());
        }
    }

    #[test]
    fn refusals_say_who_and_what() {
        let err = authorize(
            &as_role(UserRole::Recruiter),
            Action::MoveApplication(MoveKind::UndoHire),
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "a user with role 'recruiter' may not move an application out of 'hired'"
        );
    }
}
