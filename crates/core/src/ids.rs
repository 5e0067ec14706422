//! Identifiers. UUIDv7: time-ordered (good for keyset pagination and index locality) without leaking counts.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use uuid::Uuid;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            pub fn as_uuid(&self) -> Uuid {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = String;
            fn from_str(raw: &str) -> Result<Self, String> {
                Uuid::parse_str(raw.trim())
                    .map(Self)
                    .map_err(|_| format!("'{raw}' is not a valid id (expected a UUID)"))
            }
        }

        impl From<Uuid> for $name {
            fn from(id: Uuid) -> Self {
                Self(id)
            }
        }
    };
}

id_type!(
    /// A role (requisition).
    RoleId
);
id_type!(
    /// A candidate in the talent pool.
    CandidateId
);
id_type!(
    /// A candidate's application to one role.
    ApplicationId
);
id_type!(
    /// A person who logs in.
    UserId
);
id_type!(
    /// An API token.
    ApiTokenId
);
id_type!(
    /// A scheduled interview of an application.
    InterviewId
);
id_type!(
    /// One interviewer's feedback on one interview.
    FeedbackId
);
