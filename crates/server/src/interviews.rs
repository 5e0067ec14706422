//! The structured-interview data shipped with hireloop (competency kits with rubrics, loop templates,
//! decision reasons, the onboarding template), loaded once at start-up, plus the policies the
//! server runs with (who reads feedback before submitting, how long a trial may last).

use anyhow::Context;
use hireloop_core::interview::{
    Kits, LoopTemplates, OnboardingTemplate, ReasonTaxonomy, TrialPolicy, VisibilityPolicy,
};

pub struct InterviewData {
    pub kits: Kits,
    pub loops: LoopTemplates,
    pub reasons: ReasonTaxonomy,
    pub onboarding: OnboardingTemplate,
    pub trial_policy: TrialPolicy,
    pub feedback_policy: VisibilityPolicy,
}

impl InterviewData {
    /// The shipped data with the given policies; a broken shipped file is a build defect, named.
    pub fn shipped(
        trial_policy: TrialPolicy,
        feedback_policy: VisibilityPolicy,
    ) -> anyhow::Result<Self> {
        Ok(Self {
            kits: Kits::shipped().context("the shipped competency kits")?,
            loops: LoopTemplates::shipped().context("the shipped loop templates")?,
            reasons: ReasonTaxonomy::shipped().context("the shipped decision reasons")?,
            onboarding: OnboardingTemplate::shipped().context("the shipped onboarding template")?,
            trial_policy,
            feedback_policy,
        })
    }
}
