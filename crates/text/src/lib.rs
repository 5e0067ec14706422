//! Free text for the matching engine. A tantivy index finds who a text matches and how well
//! (BM25); the engine wants them as its slots (`hireloop_match::TextHits`). Two ways:
//!
//! - every match in the pool, through a per-segment table of document -> slot (`TextHits::Slots`);
//! - only the candidates who pass the role's other filters, seeking each one's document in the
//!   text's matches (`TextHits::Survivors`). For a narrow role this skips walking the long
//!   posting lists of common words, which was most of the time of a narrow text query.
//!
//! `SlotTables::hits` picks the cheaper one from tantivy's own estimate of the matches. Used by the
//! server and by `hireloop bench match`, so the benchmark measures the product's code.

mod tables;

pub use tables::SlotTables;

/// The fast fields holding a document's candidate id (high and low 64 bits of the uuid).
pub const ID_HI: &str = "id_hi";
pub const ID_LO: &str = "id_lo";
