//! Structured interviews (FACTS.md §6, §8, §9): competencies with anchored rubrics, loop templates
//! per level, interviewer feedback and who may see it, debriefs, decisions, offers, trials and
//! onboarding plans. Pure rules over shipped data; storage and HTTP live elsewhere.

pub mod competency;
pub mod data;
pub mod debrief;
pub mod decision;
pub mod feedback;
pub mod loops;
pub mod offer;
pub mod onboarding;
pub mod quality;
pub mod schedule;
pub mod trial;
pub mod visibility;

pub use competency::{Competency, CompetencyKit, Kits, Question, RubricLevel};
pub use data::DataError;
pub use debrief::{debrief, Debrief, DebriefRow, MustHaveCoverage};
pub use decision::{Decision, DecisionInput, DecisionKind, DecisionReason, ReasonTaxonomy};
pub use feedback::{
    CompetencyRating, Feedback, FeedbackInput, Rating, RatingInput, Recommendation,
};
pub use loops::{coverage_gaps, CoverageGap, LoopTemplate, LoopTemplates, TemplateStage};
pub use offer::{market_comparison, Offer, OfferChecklist, OfferError, OfferInput, OfferStatus};
pub use onboarding::{OnboardingOwner, OnboardingPlan, OnboardingTask, OnboardingTemplate};
pub use quality::{hiring_scores, CompetencyScore, HiringScores, RecommendationCount};
pub use schedule::{
    Interview, InterviewChange, InterviewChangeInput, InterviewInput, InterviewStatus,
    NewInterview, Participant,
};
pub use trial::{Trial, TrialInput, TrialOutcome, TrialPolicy};
pub use visibility::{FeedbackMeta, FeedbackViewer, VisibilityPolicy};
