//! Seniority levels, as defined in FACTS.md §1 (StepTo, KORE1, Toptal 2026).

use crate::vocab::vocabulary;

vocabulary!(
    /// How senior a role is, or a candidate.
    Level, "level" {
        /// 0-3 years (KORE1) / 1-3 (StepTo): executes defined tasks with mentoring.
        Junior => "junior", "Junior";
        /// 3-6 years: works independently, proposes solutions.
        Mid => "mid", "Mid-level";
        /// 5-7+ years: designs architecture, leads, decides under ambiguity.
        Senior => "senior", "Senior";
    }
);
