//! Independent submission: an interviewer sees other interviewers' feedback on an application only
//! after submitting their own, so nobody anchors on someone else's opinion. Which roles may read
//! everything without interviewing is configurable. `authz` asks this module; handlers do not.

use crate::authz::Principal;
use crate::ids::UserId;
use crate::user::UserRole;
use serde::{Deserialize, Serialize};

/// Who may read feedback before (or without) submitting their own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VisibilityPolicy {
    /// Roles that read all submitted feedback without writing any (they run the process).
    pub unrestricted_roles: Vec<UserRole>,
    /// When true, anyone on the application's panel waits until they have submitted, whatever
    /// their role: a hiring manager who interviews is anchored like anybody else.
    pub panel_members_wait: bool,
}

impl Default for VisibilityPolicy {
    fn default() -> Self {
        Self {
            unrestricted_roles: vec![
                UserRole::Admin,
                UserRole::Recruiter,
                UserRole::HiringManager,
            ],
            panel_members_wait: true,
        }
    }
}

/// What the rule needs to know about one piece of feedback.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeedbackMeta {
    pub author: UserId,
    /// Drafts are private to their author.
    pub submitted: bool,
}

/// The viewer in the context of one application.
#[derive(Debug, Clone, Copy)]
pub struct FeedbackViewer<'a> {
    pub principal: Principal,
    /// The interviewers assigned to any interview of the application.
    pub panel: &'a [UserId],
    /// All feedback on the application, the viewer's own included.
    pub all: &'a [FeedbackMeta],
}

impl FeedbackViewer<'_> {
    fn on_panel(&self) -> bool {
        self.panel.contains(&self.principal.user_id)
    }

    /// Has the viewer submitted feedback of their own on this application?
    pub fn has_submitted(&self) -> bool {
        self.all
            .iter()
            .any(|f| f.author == self.principal.user_id && f.submitted)
    }

    /// May the viewer read this piece of feedback?
    pub fn can_see(&self, policy: &VisibilityPolicy, feedback: &FeedbackMeta) -> bool {
        if feedback.author == self.principal.user_id {
            return true;
        }
        if !feedback.submitted {
            return false;
        }
        if self.has_submitted() {
            return true;
        }
        let unrestricted = policy.unrestricted_roles.contains(&self.principal.role);
        unrestricted && !(policy.panel_members_wait && self.on_panel())
    }

    /// The items the viewer may read, in their original order.
    pub fn visible<'t, T>(
        &self,
        policy: &VisibilityPolicy,
        items: &'t [T],
        meta: impl Fn(&T) -> FeedbackMeta,
    ) -> Vec<&'t T> {
        items
            .iter()
            .filter(|i| self.can_see(policy, &meta(i)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn user(n: u128) -> UserId {
        UserId(Uuid::from_u128(n))
    }

    fn principal(n: u128, role: UserRole) -> Principal {
        Principal {
            user_id: user(n),
            role,
        }
    }

    const ANA: u128 = 1;
    const BO: u128 = 2;
    const HM: u128 = 3;
    const REC: u128 = 4;

    fn seen(
        viewer: Principal,
        panel: &[UserId],
        all: &[FeedbackMeta],
        policy: &VisibilityPolicy,
    ) -> Vec<UserId> {
        let v = FeedbackViewer {
            principal: viewer,
            panel,
            all,
        };
        v.visible(policy, all, |f| *f)
            .into_iter()
            .map(|f| f.author)
            .collect()
    }

    #[test]
    fn an_interviewer_sees_others_only_after_submitting_their_own() {
        let panel = [user(ANA), user(BO)];
        let policy = VisibilityPolicy::default();
        let ana_submitted = FeedbackMeta {
            author: user(ANA),
            submitted: true,
        };
        let bo_draft = FeedbackMeta {
            author: user(BO),
            submitted: false,
        };
        let all = [ana_submitted, bo_draft];
        // Bo has only a draft: sees his own draft, not Ana's submission.
        assert_eq!(
            seen(principal(BO, UserRole::Interviewer), &panel, &all, &policy),
            vec![user(BO)]
        );
        // Ana submitted: sees her own, but not Bo's draft.
        assert_eq!(
            seen(principal(ANA, UserRole::Interviewer), &panel, &all, &policy),
            vec![user(ANA)]
        );
        // Bo submits: now both see both.
        let all = [
            ana_submitted,
            FeedbackMeta {
                author: user(BO),
                submitted: true,
            },
        ];
        assert_eq!(
            seen(principal(BO, UserRole::Interviewer), &panel, &all, &policy),
            vec![user(ANA), user(BO)]
        );
        assert_eq!(
            seen(principal(ANA, UserRole::Interviewer), &panel, &all, &policy),
            vec![user(ANA), user(BO)]
        );
    }

    #[test]
    fn an_interviewer_off_the_panel_sees_nothing() {
        let all = [FeedbackMeta {
            author: user(ANA),
            submitted: true,
        }];
        let seen = seen(
            principal(BO, UserRole::Interviewer),
            &[user(ANA)],
            &all,
            &VisibilityPolicy::default(),
        );
        assert!(seen.is_empty());
    }

    #[test]
    fn recruiters_and_hiring_managers_read_submitted_feedback_unless_they_interview() {
        let policy = VisibilityPolicy::default();
        let all = [
            FeedbackMeta {
                author: user(ANA),
                submitted: true,
            },
            FeedbackMeta {
                author: user(BO),
                submitted: false,
            },
        ];
        let panel = [user(ANA), user(BO)];
        assert_eq!(
            seen(principal(REC, UserRole::Recruiter), &panel, &all, &policy),
            vec![user(ANA)]
        );
        assert_eq!(
            seen(
                principal(HM, UserRole::HiringManager),
                &panel,
                &all,
                &policy
            ),
            vec![user(ANA)]
        );
        // On the panel, the hiring manager waits like any interviewer.
        let with_hm = [user(ANA), user(BO), user(HM)];
        assert!(seen(
            principal(HM, UserRole::HiringManager),
            &with_hm,
            &all,
            &policy
        )
        .is_empty());
        // Configurable: the hiring manager may be made to wait even off the panel, or not wait on it.
        let strict = VisibilityPolicy {
            unrestricted_roles: vec![UserRole::Admin],
            panel_members_wait: true,
        };
        assert!(seen(
            principal(HM, UserRole::HiringManager),
            &panel,
            &all,
            &strict
        )
        .is_empty());
        let lenient = VisibilityPolicy {
            panel_members_wait: false,
            ..VisibilityPolicy::default()
        };
        assert_eq!(
            seen(
                principal(HM, UserRole::HiringManager),
                &with_hm,
                &all,
                &lenient
            ),
            vec![user(ANA)]
        );
    }

    #[test]
    fn nobody_reads_another_persons_draft_not_even_an_admin() {
        let all = [FeedbackMeta {
            author: user(ANA),
            submitted: false,
        }];
        assert!(seen(
            principal(9, UserRole::Admin),
            &[user(ANA)],
            &all,
            &VisibilityPolicy::default()
        )
        .is_empty());
    }
}
