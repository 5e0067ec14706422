//! The offer's status machine: draft → approved → sent → accepted | declined, and withdrawn from
//! any open status. Approval needs the completeness checklist answered.

use super::Offer;
use crate::pipeline::Stage;
use crate::vocab::vocabulary;

vocabulary!(
    /// Where an offer stands.
    OfferStatus, "offer status" {
        Draft => "draft", "Draft";
        /// Approved by the hiring manager or an admin; ready to send.
        Approved => "approved", "Approved";
        Sent => "sent", "Sent";
        Accepted => "accepted", "Accepted";
        Declined => "declined", "Declined";
        /// Taken back by the team before an answer.
        Withdrawn => "withdrawn", "Withdrawn";
    }
);

impl OfferStatus {
    /// Accepted, declined and withdrawn offers do not change any more.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            OfferStatus::Accepted | OfferStatus::Declined | OfferStatus::Withdrawn
        )
    }

    /// The statuses reachable from this one.
    pub fn next(self) -> &'static [OfferStatus] {
        use OfferStatus::*;
        match self {
            Draft => &[Approved, Withdrawn],
            // Editing an approved offer sends it back for approval.
            Approved => &[Sent, Draft, Withdrawn],
            Sent => &[Accepted, Declined, Withdrawn],
            Accepted | Declined | Withdrawn => &[],
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OfferError {
    #[error("an offer cannot go from '{from}' to '{to}'")]
    Transition { from: OfferStatus, to: OfferStatus },
    #[error("the offer cannot be approved until the checklist answers: {}", .0.join(", "))]
    Incomplete(Vec<&'static str>),
    #[error("the application is {0}; reopen it before making an offer")]
    ApplicationClosed(Stage),
    #[error("the market data is in USD; an offer in {0} cannot be compared with it")]
    Currency(String),
    #[error("{0}")]
    Market(String),
}

impl Offer {
    /// Checks that an offer may be made on an application in `stage`.
    pub fn may_offer_in(stage: Stage) -> Result<(), OfferError> {
        if stage.is_closed() {
            Err(OfferError::ApplicationClosed(stage))
        } else {
            Ok(())
        }
    }

    /// Moves the offer to `to`, if the machine allows it. Who may do it is `authz`'s question.
    pub fn transition(&mut self, to: OfferStatus) -> Result<(), OfferError> {
        if !self.status.next().contains(&to) {
            return Err(OfferError::Transition {
                from: self.status,
                to,
            });
        }
        if to == OfferStatus::Approved {
            let missing = self.checklist.missing();
            if !missing.is_empty() {
                return Err(OfferError::Incomplete(missing));
            }
        }
        self.status = to;
        Ok(())
    }
}
