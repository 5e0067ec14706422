//! What a role asks of the pool: hard filters (must-haves, primary language, levels, budget,
//! time-zone overlap, place, engagement, availability, vetting) and the weights of the score.

use crate::profile::{Country, Rate, Vetting, WorkMode};
use crate::taxonomy::SkillId;
use chrono::NaiveDate;
use hireloop_core::candidate::Region;
use hireloop_core::level::Level;
use hireloop_core::market::advice::Engagement;
use serde::Serialize;

/// A skill the candidate must have, optionally with at least some years of it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MustHave {
    pub skill: SkillId,
    pub min_years: Option<f32>,
}

/// A skill that raises the score, by `weight` (0-10, 1 is ordinary).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NiceToHave {
    pub skill: SkillId,
    pub weight: f32,
}

/// The most the role can pay. Rates above `ceiling` are filtered out, unless `stretch_percent`
/// allows some room above it, where the budget component falls linearly to zero.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Budget {
    pub ceiling: Rate,
    pub stretch_percent: u8,
}

/// The team's working day in its own time, and how many hours of it a candidate must share.
/// Candidates are taken to work 09:00-17:00 in their own time zone.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TeamHours {
    pub utc_offset_minutes: i16,
    /// Minutes after local midnight, start < end.
    pub start_minute: u16,
    pub end_minute: u16,
    pub min_overlap_hours: f32,
}

impl TeamHours {
    /// A 09:00-17:00 team day at `utc_offset_minutes`.
    pub fn office_day(utc_offset_minutes: i16, min_overlap_hours: f32) -> Self {
        Self {
            utc_offset_minutes,
            start_minute: 9 * 60,
            end_minute: 17 * 60,
            min_overlap_hours,
        }
    }
}

/// How much each score component counts. Any non-negative numbers: they are normalised to sum 1.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Weights {
    pub skills: f32,
    pub level: f32,
    pub budget: f32,
    pub timezone: f32,
    pub availability: f32,
    pub vetting: f32,
}

impl Default for Weights {
    /// Skills first: they are what the role needs; the rest break ties between people who have them.
    fn default() -> Self {
        Self {
            skills: 0.45,
            level: 0.15,
            budget: 0.10,
            timezone: 0.10,
            availability: 0.10,
            vetting: 0.10,
        }
    }
}

/// How much the text component weighs when a query has text, against the other weights (which
/// default to a sum of 1). A team choice, like the default weights.
pub const DEFAULT_TEXT_WEIGHT: f32 = 0.25;

/// The free-text part of a query: who the text matched (found by a search service outside the
/// engine) with a score each (any scale, higher is better, e.g. BM25). A hard filter (only these
/// candidates) and a score component: relevance 0-1, the score over the best score among the
/// candidates who pass every filter.
#[derive(Debug, Clone, PartialEq)]
pub struct TextMatch {
    /// The text as the user typed it, for the explanations.
    pub text: String,
    /// Matched candidates and their scores (≥ 0). `Survivors::rank` takes its hits apart and
    /// ignores these.
    pub hits: TextHits,
    /// The component's weight, normalised together with `Query::weights`.
    pub weight: f32,
}

/// Who a text matched, by candidate id or already as the index's slots.
#[derive(Debug, Clone, PartialEq)]
pub enum TextHits {
    /// By candidate id: what any caller can give.
    Ids(Vec<(hireloop_core::ids::CandidateId, f32)>),
    /// Resolved to slots of the index that will answer (`Index::slot_of`): a common word matches
    /// a fifth of a large pool, and looking each hit up by id would cost more than the search.
    Slots(SlotHits),
    /// As `Slots`, but looked for only among `Survivors::slots` of the query's filters: for a
    /// narrow role, far cheaper than finding every match in the pool.
    Survivors(SlotHits),
}

/// Text hits as slots, resolved while the index's `slot_epoch` was `epoch`; the engine refuses
/// them (a `text` error) when it has changed since.
#[derive(Debug, Clone, PartialEq)]
pub struct SlotHits {
    pub epoch: u64,
    /// `(slot, score ≥ 0)`, each slot once, in any order.
    pub hits: Vec<(u32, f32)>,
}

impl TextHits {
    /// How many candidates the text matched.
    pub fn len(&self) -> usize {
        match self {
            TextHits::Ids(h) => h.len(),
            TextHits::Slots(s) | TextHits::Survivors(s) => s.hits.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl TextMatch {
    pub fn new(
        text: impl Into<String>,
        relevance: Vec<(hireloop_core::ids::CandidateId, f32)>,
    ) -> Self {
        Self::with_hits(text, TextHits::Ids(relevance))
    }

    pub fn with_hits(text: impl Into<String>, hits: TextHits) -> Self {
        Self {
            text: text.into(),
            hits,
            weight: DEFAULT_TEXT_WEIGHT,
        }
    }
}

/// A matching query. Build with `Query::new(today)` and set what the role needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    pub must_have: Vec<MustHave>,
    pub nice_to_have: Vec<NiceToHave>,
    pub primary_language: Option<SkillId>,
    /// When true (the default) the primary language is a hard filter; else it only scores (weight 2).
    pub primary_language_required: bool,
    /// The level the role is for: drives level fit and how many years a skill is expected to have.
    pub level: Option<Level>,
    /// Hard filter on level; `None` allows every level.
    pub allowed_levels: Option<Vec<Level>>,
    pub budget: Option<Budget>,
    pub team_hours: Option<TeamHours>,
    /// Hard filter on rate region; `None` allows all.
    pub regions: Option<Vec<Region>>,
    /// Hard filter: living in one of these countries or authorized to work in one (by code, or by
    /// a region that includes it); `None` allows all.
    pub countries: Option<Vec<Country>>,
    pub work_mode: Option<WorkMode>,
    pub engagement: Option<Engagement>,
    /// Only candidates available on or before this date.
    pub available_by: Option<NaiveDate>,
    /// The date availability is measured from (the engine has no clock).
    pub today: NaiveDate,
    pub vetted_only: bool,
    pub weights: Weights,
    /// Candidates left out whatever they score, e.g. those whose trial on the role ended without a hire.
    pub exclude: Vec<hireloop_core::ids::CandidateId>,
    /// Free text the candidates must match; `None` leaves filters and scores as they are.
    pub text: Option<TextMatch>,
}

impl Query {
    pub fn new(today: NaiveDate) -> Self {
        Self {
            must_have: Vec::new(),
            nice_to_have: Vec::new(),
            primary_language: None,
            primary_language_required: true,
            level: None,
            allowed_levels: None,
            budget: None,
            team_hours: None,
            regions: None,
            countries: None,
            work_mode: None,
            engagement: None,
            available_by: None,
            today,
            vetted_only: false,
            weights: Weights::default(),
            exclude: Vec::new(),
            text: None,
        }
    }

    /// Adds a must-have skill.
    pub fn must(mut self, skill: SkillId, min_years: Option<f32>) -> Self {
        self.must_have.push(MustHave { skill, min_years });
        self
    }

    /// Adds a nice-to-have skill.
    pub fn nice(mut self, skill: SkillId, weight: f32) -> Self {
        self.nice_to_have.push(NiceToHave { skill, weight });
        self
    }

    /// The vetting statuses the query accepts.
    pub(crate) fn allowed_vetting(&self) -> &'static [Vetting] {
        if self.vetted_only {
            &[Vetting::Vetted]
        } else {
            &Vetting::ALL
        }
    }
}

/// A query that cannot be run as given: names the field, like every 4xx of the API.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct QueryError {
    pub field: String,
    pub message: String,
}

impl QueryError {
    pub(crate) fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// Most results one page may hold, and the deepest offset: ranking is for the top, not a dump.
pub const MAX_LIMIT: usize = 1000;
pub const MAX_OFFSET: usize = 10_000;
pub const MAX_MUST_HAVES: usize = 20;
pub const MAX_NICE_TO_HAVES: usize = 30;
