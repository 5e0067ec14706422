//! The `Store` methods, one file per area of the product, each forwarding to whichever backend is
//! in use (`dispatch!`). The queries themselves live in `crate::queries`.

mod accounts;
mod applications;
mod candidates;
mod interviews;
mod messages;
mod offers;
mod roles;
mod setup;
