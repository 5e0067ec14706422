//! Decisions on an application after interviews: advance, reject or withdraw, with a reason from
//! a closed taxonomy (data/interviews/reasons.toml) and a note; turned into a pipeline stage move.

use super::data::{parse_toml, require_text, DataError};
use crate::error::ValidationErrors;
use crate::pipeline::{MoveError, Stage, StageMove};
use crate::text::Reason;
use crate::vocab::vocabulary;
use serde::{Deserialize, Serialize};

vocabulary!(
    /// What the team (or the candidate) decided.
    DecisionKind, "decision" {
        Advance => "advance", "Advance";
        Reject => "reject", "Reject";
        /// The candidate left the process.
        Withdraw => "withdraw", "Withdraw";
    }
);

impl DecisionKind {
    fn closing_stage(self) -> Option<Stage> {
        match self {
            DecisionKind::Advance => None,
            DecisionKind::Reject => Some(Stage::Rejected),
            DecisionKind::Withdraw => Some(Stage::Withdrawn),
        }
    }
}

/// One reason of the taxonomy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DecisionReason {
    pub id: String,
    pub label: String,
    /// `reject` or `withdraw`.
    pub applies_to: DecisionKind,
    pub description: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    reason: Vec<DecisionReason>,
}

const SHIPPED_FILE: &str = "data/interviews/reasons.toml";
const SHIPPED: &str = include_str!("../../../../data/interviews/reasons.toml");

/// The closed list of reasons.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReasonTaxonomy(Vec<DecisionReason>);

impl ReasonTaxonomy {
    pub fn shipped() -> Result<Self, DataError> {
        Self::from_toml(SHIPPED_FILE, SHIPPED)
    }

    pub fn from_toml(file: &str, text: &str) -> Result<Self, DataError> {
        let raw: RawFile = parse_toml(file, text)?;
        for (i, r) in raw.reason.iter().enumerate() {
            let item = format!("reason[{i}] ({})", r.id);
            require_text(file, &item, "id", &r.id)?;
            require_text(file, &item, "label", &r.label)?;
            if r.applies_to == DecisionKind::Advance {
                return Err(DataError::new(
                    file,
                    &item,
                    "'applies_to' must be reject or withdraw",
                ));
            }
            if raw.reason[..i].iter().any(|o| o.id == r.id) {
                return Err(DataError::new(file, &item, "the id appears twice"));
            }
        }
        Ok(Self(raw.reason))
    }

    pub fn get(&self, id: &str) -> Option<&DecisionReason> {
        self.0.iter().find(|r| r.id == id)
    }

    /// The reasons offered for a kind of decision.
    pub fn for_kind(&self, kind: DecisionKind) -> impl Iterator<Item = &DecisionReason> {
        self.0.iter().filter(move |r| r.applies_to == kind)
    }
}

/// A decision as it arrives from the debrief form or the API.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DecisionInput {
    /// advance, reject or withdraw.
    pub decision: String,
    /// A reason id from the taxonomy; required to reject or withdraw.
    #[serde(default)]
    pub reason: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

/// A checked decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Decision {
    pub kind: DecisionKind,
    pub reason: Option<DecisionReason>,
    pub note: Option<Reason>,
}

impl DecisionInput {
    pub fn parse(&self, taxonomy: &ReasonTaxonomy) -> Result<Decision, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let kind = errors.check("decision", self.decision.parse::<DecisionKind>());
        let note = errors.check(
            "note",
            crate::text::optional(self.note.as_deref(), Reason::parse),
        );
        let reason_id = self
            .reason
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty());
        let reason = match (kind, reason_id) {
            (Some(DecisionKind::Advance), Some(_)) => {
                errors.add("reason", "advancing takes no reason; write it in the note");
                None
            }
            (Some(DecisionKind::Advance), None) | (None, _) => None,
            (Some(kind), None) => {
                errors.add(
                    "reason",
                    format!("to {kind} needs a reason: {}", known(taxonomy, kind)),
                );
                None
            }
            (Some(kind), Some(id)) => match taxonomy.get(id) {
                Some(r) if r.applies_to == kind => Some(r.clone()),
                _ => {
                    errors.add(
                        "reason",
                        format!(
                            "'{id}' is not a reason to {kind}; use one of: {}",
                            known(taxonomy, kind)
                        ),
                    );
                    None
                }
            },
        };
        match (kind, note) {
            (Some(kind), Some(note)) if errors.is_empty() => Ok(Decision { kind, reason, note }),
            _ => Err(errors),
        }
    }
}

fn known(taxonomy: &ReasonTaxonomy, kind: DecisionKind) -> String {
    taxonomy
        .for_kind(kind)
        .map(|r| r.id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

impl Decision {
    /// The pipeline move this decision makes from the application's current stage: the next stage
    /// for advance, rejected or withdrawn otherwise, with the reason's label and the note.
    pub fn stage_move(&self, from: Stage) -> Result<StageMove, MoveError> {
        let to = match self.kind.closing_stage() {
            Some(stage) => stage,
            None => from.next().ok_or(MoveError::SameStage(from))?,
        };
        let text = match (&self.reason, &self.note) {
            (Some(r), Some(n)) => Some(format!("{}: {}", r.label, n)),
            (Some(r), None) => Some(r.label.clone()),
            (None, Some(n)) => Some(n.to_string()),
            (None, None) => None,
        };
        // Label plus a 500-character note can exceed the move's limit: keep the label, cut the note.
        let text = text.map(|t| t.chars().take(Reason::MAX_CHARS).collect::<String>());
        StageMove::plan(from, to, text.as_deref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::MoveKind;

    fn input(decision: &str, reason: Option<&str>, note: Option<&str>) -> DecisionInput {
        DecisionInput {
            decision: decision.into(),
            reason: reason.map(str::to_string),
            note: note.map(str::to_string),
        }
    }

    #[test]
    fn the_shipped_taxonomy_has_the_named_reasons() {
        let t = ReasonTaxonomy::shipped().unwrap();
        for id in ["level_mismatch", "skill_gap", "budget"] {
            assert_eq!(t.get(id).unwrap().applies_to, DecisionKind::Reject, "{id}");
        }
        for id in ["withdrew", "accepted_other_offer"] {
            assert_eq!(
                t.get(id).unwrap().applies_to,
                DecisionKind::Withdraw,
                "{id}"
            );
        }
    }

    #[test]
    fn rejecting_needs_a_reject_reason_and_becomes_a_close_move() {
        let t = ReasonTaxonomy::shipped().unwrap();
        let err = input("reject", None, None).parse(&t).unwrap_err();
        assert!(
            err.message_for("reason").unwrap().contains("skill_gap"),
            "{err}"
        );
        let err = input("reject", Some("withdrew"), None)
            .parse(&t)
            .unwrap_err();
        assert!(err
            .message_for("reason")
            .unwrap()
            .contains("not a reason to reject"));
        let d = input("reject", Some("skill_gap"), Some("weak on failure modes"))
            .parse(&t)
            .unwrap();
        let m = d.stage_move(Stage::SystemDesign).unwrap();
        assert_eq!((m.to, m.kind), (Stage::Rejected, MoveKind::Close));
        assert_eq!(
            m.reason.unwrap().as_str(),
            "Skill gap: weak on failure modes"
        );
    }

    #[test]
    fn advancing_moves_to_the_next_stage_and_takes_no_reason() {
        let t = ReasonTaxonomy::shipped().unwrap();
        assert!(input("advance", Some("budget"), None).parse(&t).is_err());
        let d = input("Advance", None, None).parse(&t).unwrap();
        assert_eq!(
            d.stage_move(Stage::Technical).unwrap().to,
            Stage::SystemDesign
        );
        assert!(d.stage_move(Stage::Hired).is_err());
        let w = input("withdraw", Some("accepted_other_offer"), None)
            .parse(&t)
            .unwrap();
        assert_eq!(w.stage_move(Stage::Offer).unwrap().to, Stage::Withdrawn);
    }

    #[test]
    fn a_broken_taxonomy_names_file_and_item() {
        let dup =
            "[[reason]]\nid = \"a\"\nlabel = \"A\"\napplies_to = \"reject\"\ndescription = \"\"\n"
                .repeat(2);
        let err = ReasonTaxonomy::from_toml("r.toml", &dup).unwrap_err();
        assert_eq!(
            err.to_string(),
            "r.toml: reason[1] (a): the id appears twice"
        );
        let adv =
            "[[reason]]\nid = \"a\"\nlabel = \"A\"\napplies_to = \"advance\"\ndescription = \"\"\n";
        assert!(ReasonTaxonomy::from_toml("r.toml", adv).is_err());
        let bad =
            "[[reason]]\nid = \"a\"\nlabel = \"A\"\napplies_to = \"maybe\"\ndescription = \"\"\n";
        assert!(ReasonTaxonomy::from_toml("r.toml", bad)
            .unwrap_err()
            .to_string()
            .starts_with("r.toml"));
    }
}
