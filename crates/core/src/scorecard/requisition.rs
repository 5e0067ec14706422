//! The requisition fields a stored role keeps beside its scorecard (title, level, primary
//! language), derived from the scorecard so that the two never disagree.

use super::catalog::SkillCatalog;
use super::model::Scorecard;
use crate::error::ValidationErrors;
use crate::level::Level;
use crate::text::{PrimaryLanguage, Title};

/// What a role row stores of a scorecard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Requisition {
    pub title: Title,
    /// Roles store junior, mid or senior: a staff scorecard is listed as senior (its scorecard keeps staff).
    pub level: Level,
    /// "Python/Django" for a language and a framework; the framework's language when only it is
    /// given; None when the scorecard names neither (the linter flags that; a stored role keeps its own).
    pub primary_language: Option<PrimaryLanguage>,
}

pub fn requisition(
    card: &Scorecard,
    catalog: &dyn SkillCatalog,
) -> Result<Requisition, ValidationErrors> {
    let language = card
        .primary_language
        .as_ref()
        .map(|l| l.as_str().to_string())
        .or_else(|| {
            let framework = catalog.resolve(card.framework.as_ref()?.as_str())?;
            catalog
                .languages_of(&framework.id)
                .into_iter()
                .next()
                .map(|l| l.name)
        });
    let framework = card.framework.as_ref().map(|f| f.as_str());
    let choices: Vec<String> = match (language, framework) {
        (Some(l), Some(f)) => vec![format!("{l}/{f}"), l],
        (Some(l), None) => vec![l],
        (None, Some(f)) => vec![f.to_string()],
        (None, None) => {
            return Ok(Requisition {
                title: card.title.clone(),
                level: card.level.market_level(),
                primary_language: None,
            })
        }
    };
    // The combined form may be longer than a stored language allows; then the language alone.
    let mut last = String::new();
    for text in &choices {
        match PrimaryLanguage::parse(text) {
            Ok(primary_language) => {
                return Ok(Requisition {
                    title: card.title.clone(),
                    level: card.level.market_level(),
                    primary_language: Some(primary_language),
                })
            }
            Err(message) => last = message,
        }
    }
    Err(ValidationErrors::single("primary_language", last))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scorecard::catalog::testing::CATALOG;
    use crate::scorecard::from_toml;

    const CARD: &str = r#"
        title = "Staff Engineer, Billing"
        level = "staff"
        framework = "Django"
        engagement = "full_time"
    "#;

    #[test]
    fn staff_is_listed_as_senior_and_a_framework_brings_its_language() {
        let card = from_toml(CARD).unwrap();
        let req = requisition(&card, &CATALOG).unwrap();
        assert_eq!(req.level, Level::Senior);
        assert_eq!(req.primary_language.unwrap().as_str(), "Python/Django");
        assert_eq!(req.title.as_str(), "Staff Engineer, Billing");
        let bare = from_toml(
            "title = \"Backend Engineer\"\nlevel = \"mid\"\nengagement = \"full_time\"\n",
        )
        .unwrap();
        assert_eq!(requisition(&bare, &CATALOG).unwrap().primary_language, None);
    }
}
