//! Interview loop templates per level (data/interviews/loops.toml): copied into a role's
//! scorecard loop, and the coverage check that says which must-haves and competencies no stage tests.

use super::competency::Competency;
use super::data::{parse_toml, require_text, DataError};
use crate::scorecard::lint::normalise;
use crate::scorecard::{LoopStage, LoopStageKind, Scorecard, ScorecardLevel};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One stage of a template: what it is, why, how long, and what it assesses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TemplateStage {
    #[serde(rename = "type")]
    pub kind: LoopStageKind,
    pub purpose: String,
    pub minutes: u16,
    pub competencies: Vec<Competency>,
}

impl TemplateStage {
    /// The stage as a role's scorecard stores it.
    pub fn to_loop_stage(&self) -> LoopStage {
        LoopStage {
            kind: self.kind,
            competencies: self
                .competencies
                .iter()
                .map(|c| c.as_str().to_string())
                .collect(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoopTemplate {
    pub level: ScorecardLevel,
    pub stages: Vec<TemplateStage>,
}

impl LoopTemplate {
    /// Replaces the role's loop with a copy of this template; the role edits its copy freely.
    pub fn copy_into(&self, card: &mut Scorecard) {
        card.interview_loop = self
            .stages
            .iter()
            .map(TemplateStage::to_loop_stage)
            .collect();
    }

    pub fn total_minutes(&self) -> u32 {
        self.stages.iter().map(|s| u32::from(s.minutes)).sum()
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(rename = "loop")]
    loops: Vec<RawLoop>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLoop {
    level: ScorecardLevel,
    stage: Vec<TemplateStage>,
}

/// The longest stage accepted: a full working day.
const MAX_STAGE_MINUTES: u16 = 480;

const SHIPPED_FILE: &str = "data/interviews/loops.toml";
const SHIPPED: &str = include_str!("../../../../data/interviews/loops.toml");

/// One template per scorecard level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoopTemplates(BTreeMap<ScorecardLevel, LoopTemplate>);

impl LoopTemplates {
    pub fn shipped() -> Result<Self, DataError> {
        Self::from_toml(SHIPPED_FILE, SHIPPED)
    }

    pub fn from_toml(file: &str, text: &str) -> Result<Self, DataError> {
        let raw: RawFile = parse_toml(file, text)?;
        let mut templates = BTreeMap::new();
        for raw_loop in raw.loops {
            let level = raw_loop.level;
            for (i, stage) in raw_loop.stage.iter().enumerate() {
                let item = format!("loop.{level}.stage[{i}] ({})", stage.kind);
                require_text(file, &item, "purpose", &stage.purpose)?;
                if stage.minutes == 0 || stage.minutes > MAX_STAGE_MINUTES {
                    return Err(DataError::new(
                        file,
                        &item,
                        format!("'minutes' must be 1 to {MAX_STAGE_MINUTES}"),
                    ));
                }
                if stage.competencies.is_empty() {
                    return Err(DataError::new(
                        file,
                        &item,
                        "a stage must assess at least one competency",
                    ));
                }
            }
            let template = LoopTemplate {
                level,
                stages: raw_loop.stage,
            };
            if templates.insert(level, template).is_some() {
                return Err(DataError::new(
                    file,
                    format!("loop.{level}"),
                    "the level has two templates",
                ));
            }
        }
        if let Some(missing) = ScorecardLevel::ALL
            .iter()
            .find(|l| !templates.contains_key(l))
        {
            return Err(DataError::new(
                file,
                format!("loop.{missing}"),
                "this level has no template",
            ));
        }
        Ok(Self(templates))
    }

    pub fn for_level(&self, level: ScorecardLevel) -> Option<&LoopTemplate> {
        self.0.get(&level)
    }
}

/// Something the role's loop leaves untested.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CoverageGap {
    /// A must-have skill that no stage lists, with its index in `must_have`.
    MustHave { index: usize, skill: String },
    /// A shipped competency that no stage assesses.
    Competency { competency: Competency },
}

/// Which must-haves and which competencies no stage of the role's loop covers. Names are compared
/// after normalising case and separators, so "PostgreSQL" covers "postgresql"; free-text
/// competencies count for the shipped competency they map to. System design is expected from mid
/// level up, as the scorecard linter expects it (KORE1 2026).
pub fn coverage_gaps(card: &Scorecard) -> Vec<CoverageGap> {
    let listed: Vec<&String> = card
        .interview_loop
        .iter()
        .flat_map(|s| s.competencies.iter())
        .collect();
    let names: Vec<String> = listed.iter().map(|c| normalise(c)).collect();
    let mut gaps: Vec<CoverageGap> = card
        .must_have
        .iter()
        .enumerate()
        .filter(|(_, m)| !names.contains(&normalise(m.skill.as_str())))
        .map(|(index, m)| CoverageGap::MustHave {
            index,
            skill: m.skill.to_string(),
        })
        .collect();
    let assessed: Vec<Competency> = listed
        .iter()
        .filter_map(|c| Competency::from_loop_name(c))
        .collect();
    gaps.extend(
        Competency::ALL
            .iter()
            .filter(|c| !assessed.contains(c))
            .filter(|&&c| c != Competency::SystemDesign || card.level.at_least_mid())
            .map(|&competency| CoverageGap::Competency { competency }),
    );
    gaps
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scorecard::{MustHave, SkillName};
    use crate::text::Title;

    fn card(level: ScorecardLevel) -> Scorecard {
        Scorecard::new(Title::parse("Backend Engineer").unwrap(), level)
    }

    #[test]
    fn every_level_has_a_template_and_they_grow_with_seniority() {
        let t = LoopTemplates::shipped().unwrap();
        let kinds = |level| -> Vec<LoopStageKind> {
            t.for_level(level)
                .unwrap()
                .stages
                .iter()
                .map(|s| s.kind)
                .collect()
        };
        let junior = kinds(ScorecardLevel::Junior);
        assert_eq!(junior[0], LoopStageKind::ResumeScreen);
        assert!(junior.contains(&LoopStageKind::WorkSample));
        assert!(!junior.contains(&LoopStageKind::SystemDesign));
        assert!(kinds(ScorecardLevel::Mid).contains(&LoopStageKind::SystemDesign));
        for level in [ScorecardLevel::Senior, ScorecardLevel::Staff] {
            assert!(kinds(level).contains(&LoopStageKind::HiringManager));
            let mid = t.for_level(ScorecardLevel::Mid).unwrap();
            assert!(t.for_level(level).unwrap().total_minutes() > mid.total_minutes());
        }
    }

    #[test]
    fn a_copied_template_covers_every_competency_and_passes_the_loop_lint() {
        let templates = LoopTemplates::shipped().unwrap();
        for &level in ScorecardLevel::ALL {
            let mut c = card(level);
            templates.for_level(level).unwrap().copy_into(&mut c);
            assert!(!c.interview_loop.is_empty());
            assert_eq!(coverage_gaps(&c), vec![], "{level}");
            let catalog = crate::scorecard::StaticCatalog { entries: &[] };
            let ctx = crate::scorecard::LintContext::new(&catalog, None);
            let report = crate::scorecard::lint(&c, &ctx);
            let loop_findings: Vec<_> = report
                .findings
                .iter()
                .filter(|f| f.path == "loop")
                .collect();
            assert!(loop_findings.is_empty(), "{level}: {loop_findings:?}");
        }
    }

    #[test]
    fn gaps_name_uncovered_must_haves_and_competencies() {
        let mut c = card(ScorecardLevel::Mid);
        c.must_have = vec![
            MustHave {
                skill: SkillName::parse("PostgreSQL").unwrap(),
                min_years: None,
            },
            MustHave {
                skill: SkillName::parse("Kafka").unwrap(),
                min_years: None,
            },
        ];
        c.interview_loop = vec![LoopStage {
            kind: LoopStageKind::Technical,
            competencies: vec!["postgresql".into(), "REST API design".into()],
        }];
        let gaps = coverage_gaps(&c);
        assert!(gaps.contains(&CoverageGap::MustHave {
            index: 1,
            skill: "Kafka".into()
        }));
        assert!(!gaps
            .iter()
            .any(|g| matches!(g, CoverageGap::MustHave { index: 0, .. })));
        assert!(gaps.contains(&CoverageGap::Competency {
            competency: Competency::Security
        }));
        assert!(!gaps.contains(&CoverageGap::Competency {
            competency: Competency::ApiDesign
        }));
        assert!(!gaps.contains(&CoverageGap::Competency {
            competency: Competency::DataModelling
        }));
        assert!(gaps.contains(&CoverageGap::Competency {
            competency: Competency::SystemDesign
        }));
        c.level = ScorecardLevel::Junior;
        assert!(!coverage_gaps(&c).contains(&CoverageGap::Competency {
            competency: Competency::SystemDesign
        }));
    }

    #[test]
    fn load_errors_name_the_file_and_stage() {
        let bad = "[[loop]]\nlevel = \"junior\"\n[[loop.stage]]\ntype = \"screening\"\npurpose = \"x\"\nminutes = 0\ncompetencies = [\"testing\"]\n";
        let err = LoopTemplates::from_toml("loops.toml", bad).unwrap_err();
        assert_eq!(err.item, "loop.junior.stage[0] (screening)");
        assert!(err.message.contains("minutes"), "{err}");
        let missing = SHIPPED.replace("level = \"staff\"", "level = \"senior\"");
        let err = LoopTemplates::from_toml("loops.toml", &missing).unwrap_err();
        assert!(
            err.to_string().starts_with("loops.toml: loop.senior"),
            "{err}"
        );
    }
}
