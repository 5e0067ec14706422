//! Prometheus metrics, served at `/metrics`. (Filled in by the API work.)

#[derive(Default)]
pub struct Metrics {}
