//! The free text of a role's ranking (`q` in the API and on the Matches page, `--text` in
//! `hireloop match`): checked and turned into the engine's `TextMatch` in one place, so every
//! caller filters and scores the same way. Each caller names its own field in errors.

use crate::search::{ReadText, SearchError, SearchService};
use hireloop_core::scorecard::Scorecard;
use hireloop_match::{role_text_weight, Query, Survivors, TextHits, TextMatch};

/// The longest free text a ranking takes.
pub const MAX_TEXT_CHARS: usize = 500;

/// The free text to rank by: trimmed, `None` when blank. Too long is the user's to fix: the
/// message says so, for the caller to put on its field.
pub fn checked_text(q: Option<&str>) -> Result<Option<&str>, String> {
    let Some(q) = q.map(str::trim).filter(|q| !q.is_empty()) else {
        return Ok(None);
    };
    if q.chars().count() > MAX_TEXT_CHARS {
        return Err(format!("at most {MAX_TEXT_CHARS} characters"));
    }
    Ok(Some(q))
}

/// Filters and scores `query` by who the full-text index finds for `text`, and how well; the
/// text counts as much as the role's scorecard says (`[matching.weights] text`), else the default.
/// For a caller whose matching index is not at hand (hits by id); `text_for_survivors` otherwise.
/// `SearchError::Query` means the text does not parse (the user's); `Index`, a failure of ours.
pub fn attach_text(
    query: &mut Query,
    card: &Scorecard,
    search: &SearchService,
    text: &str,
) -> Result<(), SearchError> {
    let mut text_match = search.text_match(text)?;
    text_match.weight = role_text_weight(card);
    query.text = Some(text_match);
    Ok(())
}

/// The text part of `query` without its hits, for a ranking that finds them once the filters
/// have run (`MatchingService::search_with`, `text_for_survivors`).
pub fn attach_pending_text(query: &mut Query, card: &Scorecard, text: &str) {
    let mut text_match = TextMatch::new(text.trim(), Vec::new());
    text_match.weight = role_text_weight(card);
    query.text = Some(text_match);
}

/// Who `text` matches among the candidates who pass the role's filters (or in the whole pool,
/// when that is cheaper), as the index's slots.
pub fn text_for_survivors(
    search: &SearchService,
    text: &ReadText,
    survivors: &Survivors<'_>,
) -> Result<TextHits, SearchError> {
    search.text_hits(text, survivors.index(), Some(survivors.slots()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_is_none_and_too_long_is_refused() {
        assert_eq!(checked_text(None), Ok(None));
        assert_eq!(checked_text(Some("   ")), Ok(None));
        assert_eq!(checked_text(Some("  rust kafka ")), Ok(Some("rust kafka")));
        let long = "x".repeat(MAX_TEXT_CHARS + 1);
        assert_eq!(
            checked_text(Some(&long)),
            Err("at most 500 characters".to_string())
        );
        assert!(checked_text(Some(&long[1..])).is_ok());
    }
}
