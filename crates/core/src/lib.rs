//! hireloop-core: the hiring domain as types and pure rules.
//!
//! A value of a type from this crate is valid by construction: raw input is parsed at the edge
//! (`…Input::parse`) and everything past that point works with the parsed types. No I/O lives here.

pub mod application;
pub mod authz;
pub mod candidate;
pub mod candidate_merge;
pub mod candidate_profile;
pub mod contact;
pub mod duplicates;
pub mod email;
pub mod error;
pub mod experience;
pub mod ics;
pub mod ids;
pub mod import;
pub mod interview;
pub mod level;
pub mod market;
pub mod messages;
pub mod money;
pub mod page;
pub mod phone;
pub mod pipeline;
pub mod profile_links;
pub mod role;
pub mod scorecard;
pub mod text;
pub mod user;
mod vocab;
pub mod work_mode;

pub use error::{FieldError, ValidationErrors};
