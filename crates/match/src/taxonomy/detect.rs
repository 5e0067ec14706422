//! Finding skills inside free text (resume imports) with one Aho-Corasick pass per case mode.
//! Only whole words count: "Java" is not found in "JavaScript", nor "SQL" in "PostgreSQL".

use super::load::{LoadedSkill, TextMode};
use super::SkillId;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::Serialize;

/// A skill found in text, with where it was found (byte offsets) and the text as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Detected {
    pub skill: SkillId,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

#[derive(Debug)]
pub(crate) struct Detector {
    any_case: Option<(AhoCorasick, Vec<u16>)>,
    exact_case: Option<(AhoCorasick, Vec<u16>)>,
}

fn automaton(forms: &[String], ascii_case_insensitive: bool) -> Option<AhoCorasick> {
    if forms.is_empty() {
        return None;
    }
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(ascii_case_insensitive)
        .match_kind(MatchKind::Standard)
        .build(forms)
        .ok()
}

impl Detector {
    pub(crate) fn new(skills: &[LoadedSkill]) -> Self {
        let mut any = (Vec::new(), Vec::new());
        let mut exact = (Vec::new(), Vec::new());
        for (i, s) in skills.iter().enumerate() {
            let target = match s.text {
                TextMode::AnyCase => &mut any,
                TextMode::ExactCase => &mut exact,
                TextMode::Off => continue,
            };
            for form in std::iter::once(&s.name).chain(&s.aliases) {
                let form = form.trim();
                if !form.is_empty() && !target.0.iter().any(|f: &String| f == form) {
                    target.0.push(form.to_string());
                    target.1.push(i as u16);
                }
            }
        }
        Self {
            any_case: automaton(&any.0, true).map(|a| (a, any.1)),
            exact_case: automaton(&exact.0, false).map(|a| (a, exact.1)),
        }
    }

    /// Every whole-word skill mention, leftmost-longest and non-overlapping, in text order.
    pub(crate) fn detect(&self, text: &str) -> Vec<Detected> {
        let mut hits: Vec<(usize, usize, u16)> = Vec::new();
        for (ac, skills) in [&self.any_case, &self.exact_case].into_iter().flatten() {
            for m in ac.find_overlapping_iter(text) {
                if is_whole_word(text, m.start(), m.end()) {
                    hits.push((m.start(), m.end(), skills[m.pattern().as_usize()]));
                }
            }
        }
        // Longest first at each start, then keep those not overlapping an earlier kept one.
        hits.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut out: Vec<Detected> = Vec::new();
        let mut covered_to = 0;
        for (start, end, skill) in hits {
            if start < covered_to {
                continue;
            }
            covered_to = end;
            out.push(Detected {
                skill: SkillId(skill),
                start,
                end,
                text: text[start..end].to_string(),
            });
        }
        out
    }
}

fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    let word = |c: char| c.is_alphanumeric() || c == '_';
    let before = text.get(..start).and_then(|t| t.chars().next_back());
    let after = text.get(end..).and_then(|t| t.chars().next());
    let first = text.get(start..).and_then(|t| t.chars().next());
    let last = text.get(..end).and_then(|t| t.chars().next_back());
    // A boundary matters only where the match itself starts or ends with a word character
    // (".NET" may follow "ASP"; "C++" may be followed by anything).
    let start_ok = !first.is_some_and(word) || !before.is_some_and(word);
    let end_ok = !last.is_some_and(word) || !after.is_some_and(|c| word(c) || c == '+' || c == '#');
    start_ok && end_ok
}
