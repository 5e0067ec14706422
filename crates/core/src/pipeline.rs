//! The pipeline: the stages an application moves through, and which moves are what kind of move.
//! Who may make which kind of move is decided in `authz`; this module only classifies.

use crate::text::Reason;
use crate::vocab::vocabulary;

vocabulary!(
    /// A stage of the default backend loop (FACTS.md §6), plus the two ways out.
    Stage, "stage" {
        Sourced => "sourced", "Sourced";
        Screening => "screening", "Screening";
        TakeHome => "take_home", "Take-home";
        Technical => "technical", "Technical";
        SystemDesign => "system_design", "System design";
        Final => "final", "Final";
        Offer => "offer", "Offer";
        Hired => "hired", "Hired";
        /// The team said no; needs a reason.
        Rejected => "rejected", "Rejected";
        /// The candidate said no; needs a reason.
        Withdrawn => "withdrawn", "Withdrawn";
    }
);

impl Stage {
    /// The board's columns, in order: every stage an application can be in.
    pub const BOARD: &'static [Stage] = Stage::ALL;

    /// Rejected and withdrawn: the application has left the pipeline.
    pub fn is_closed(self) -> bool {
        matches!(self, Stage::Rejected | Stage::Withdrawn)
    }

    /// Position along the loop; closed stages have none.
    pub fn position(self) -> Option<usize> {
        if self.is_closed() {
            None
        } else {
            Stage::ALL.iter().position(|s| *s == self)
        }
    }

    /// The next stage along the loop, if any.
    pub fn next(self) -> Option<Stage> {
        self.position()
            .and_then(|p| Stage::ALL.get(p + 1))
            .copied()
            .filter(|s| !s.is_closed())
    }
}

/// What kind of move a stage change is; the kind decides who may make it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoveKind {
    /// Further along the loop (skipping stages is allowed).
    Advance,
    /// Back to an earlier stage of the loop.
    MoveBack,
    /// Out of the pipeline: rejected or withdrawn.
    Close,
    /// From rejected or withdrawn back into the loop.
    Reopen,
    /// Out of `hired`: undoing a hire.
    UndoHire,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoveError {
    #[error("the application is already in stage '{0}'")]
    SameStage(Stage),
    #[error("moving to '{0}' needs a reason")]
    ReasonRequired(Stage),
    #[error("{0}")]
    InvalidReason(String),
}

/// A checked stage change, ready to be authorized and stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageMove {
    pub from: Stage,
    pub to: Stage,
    pub kind: MoveKind,
    /// Required when closing; an optional note otherwise.
    pub reason: Option<Reason>,
}

impl StageMove {
    pub fn plan(from: Stage, to: Stage, reason: Option<&str>) -> Result<StageMove, MoveError> {
        if from == to {
            return Err(MoveError::SameStage(from));
        }
        let reason =
            crate::text::optional(reason, Reason::parse).map_err(MoveError::InvalidReason)?;
        if to.is_closed() && reason.is_none() {
            return Err(MoveError::ReasonRequired(to));
        }
        let kind = if from == Stage::Hired {
            MoveKind::UndoHire
        } else if to.is_closed() {
            MoveKind::Close
        } else if from.is_closed() {
            MoveKind::Reopen
        } else if to.position() > from.position() {
            MoveKind::Advance
        } else {
            MoveKind::MoveBack
        };
        Ok(StageMove {
            from,
            to,
            kind,
            reason,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_every_kind_of_move() {
        let kind = |from, to, reason| StageMove::plan(from, to, reason).map(|m| m.kind);
        assert_eq!(
            kind(Stage::Sourced, Stage::Screening, None),
            Ok(MoveKind::Advance)
        );
        assert_eq!(
            kind(Stage::Sourced, Stage::Offer, None),
            Ok(MoveKind::Advance)
        );
        assert_eq!(
            kind(Stage::Final, Stage::Technical, None),
            Ok(MoveKind::MoveBack)
        );
        assert_eq!(
            kind(Stage::Final, Stage::Rejected, Some("weak on failure modes")),
            Ok(MoveKind::Close)
        );
        assert_eq!(
            kind(Stage::Rejected, Stage::Screening, None),
            Ok(MoveKind::Reopen)
        );
        assert_eq!(
            kind(Stage::Hired, Stage::Sourced, None),
            Ok(MoveKind::UndoHire)
        );
        assert_eq!(
            kind(Stage::Hired, Stage::Withdrawn, Some("declined at start")),
            Ok(MoveKind::UndoHire)
        );
    }

    #[test]
    fn closing_needs_a_reason_and_a_move_must_change_something() {
        assert_eq!(
            StageMove::plan(Stage::Screening, Stage::Rejected, Some("  ")),
            Err(MoveError::ReasonRequired(Stage::Rejected))
        );
        assert_eq!(
            StageMove::plan(Stage::Offer, Stage::Offer, None),
            Err(MoveError::SameStage(Stage::Offer))
        );
        assert!(matches!(
            StageMove::plan(Stage::Offer, Stage::Withdrawn, Some("no")),
            Err(MoveError::InvalidReason(_))
        ));
    }

    #[test]
    fn next_walks_the_loop_and_stops_at_hired() {
        assert_eq!(Stage::Sourced.next(), Some(Stage::Screening));
        assert_eq!(Stage::Offer.next(), Some(Stage::Hired));
        assert_eq!(Stage::Hired.next(), None);
        assert_eq!(Stage::Rejected.next(), None);
    }
}
