//! Job descriptions rendered from a scorecard, as Markdown or HTML, in the voice of the company's
//! stage: startups lead with the problem, ownership and ambiguity; enterprises with scale,
//! compliance and stakeholders (HireDevelopers 2026). Growth companies use the startup voice.

use super::geo;
use super::model::{LocationPolicy, Scorecard};
use crate::market::advice::{CompanyStage, Engagement};
use crate::market::money;
use crate::money::RatePeriod;
use serde::Serialize;

/// How the description is told.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Voice {
    /// Problem, ownership and ambiguity first.
    Startup,
    /// Scale, compliance and stakeholders first.
    Enterprise,
}

impl Voice {
    pub fn for_stage(stage: Option<CompanyStage>) -> Self {
        match stage {
            Some(CompanyStage::Enterprise) => Voice::Enterprise,
            _ => Voice::Startup,
        }
    }
}

/// A section: a heading, paragraphs, then a bullet list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Section {
    pub heading: String,
    pub paragraphs: Vec<String>,
    pub items: Vec<String>,
}

/// A job description as structure, rendered to Markdown or HTML.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JobDescription {
    pub title: String,
    pub voice: Voice,
    pub sections: Vec<Section>,
}

/// The must-haves a description lists; the rest are shown as welcome, not required.
const SHOWN_MUST_HAVES: usize = 6;

fn contains_any(text: &str, words: &[&str]) -> bool {
    let lower = text.to_lowercase();
    words.iter().any(|w| lower.contains(w))
}

fn arrangement(policy: LocationPolicy) -> &'static str {
    match policy {
        LocationPolicy::Remote => "Remote",
        LocationPolicy::Hybrid => "Hybrid",
        LocationPolicy::Onsite => "On-site",
    }
}

/// The posting title: the scorecard's title plus whatever of level, focus and arrangement it lacks,
/// e.g. "Senior Go Engineer, Payments API (Remote)".
pub fn posting_title(card: &Scorecard) -> String {
    let mut title = card.title.as_str().to_string();
    if !contains_any(
        &title,
        &["junior", "mid", "senior", "staff", "lead", "principal"],
    ) {
        title = format!("{} {title}", card.level.label());
    }
    if !title.contains(',') && !title.contains('(') {
        if let Some(focus) = card.scope.first() {
            title = format!("{title}, {focus}");
        }
    }
    if let Some(loc) = &card.location {
        if !contains_any(&title, &["remote", "hybrid", "on-site", "onsite", "("]) {
            title = format!("{title} ({})", arrangement(loc.policy));
        }
    }
    title
}

fn section(heading: &str, paragraphs: Vec<String>, items: Vec<String>) -> Option<Section> {
    (!paragraphs.is_empty() || !items.is_empty()).then(|| Section {
        heading: heading.to_string(),
        paragraphs,
        items,
    })
}

fn country_names(card: &Scorecard) -> Vec<String> {
    card.location
        .iter()
        .flat_map(|l| l.countries.iter())
        .map(|c| geo::country(c.as_str()).map_or(c.as_str().to_string(), |k| k.name.to_string()))
        .collect()
}

fn terms(card: &Scorecard) -> Vec<String> {
    let mut items = vec![format!("Engagement: {}", card.engagement.label())];
    if card.engagement == Engagement::ContractToHire {
        if let Some(months) = card.conversion.as_ref().and_then(|c| c.after_months) {
            items.push(format!("Conversion to employment decided after {months} months, on criteria agreed up front"));
        }
    }
    if let Some(loc) = &card.location {
        let countries = country_names(card);
        let mut place = arrangement(loc.policy).to_string();
        if !countries.is_empty() {
            place = format!("{place}, from {}", countries.join(", "));
        }
        items.push(format!("Location: {place}"));
        if let (Some(tz), Some(hours)) = (&loc.team_timezone, loc.overlap_hours) {
            items.push(format!(
                "Working hours: at least {hours} hours a day overlapping with {}",
                tz.as_str()
            ));
        }
    }
    if card.headcount > 1 {
        items.push(format!("Openings: {}", card.headcount));
    }
    if let Some(date) = card.start_date {
        items.push(format!("Start: {}", date.format("%B %Y")));
    }
    if let Some(manager) = &card.hiring_manager {
        items.push(format!("You will report to {manager}"));
    }
    items
}

/// "USD 150,000-190,000 per year".
pub fn pay_range(card: &Scorecard) -> Option<String> {
    let b = card.budget.as_ref()?;
    let per = match b.period {
        RatePeriod::Year => "per year",
        RatePeriod::Hour => "per hour",
    };
    Some(format!(
        "{} {}-{} {per}",
        b.currency.as_str(),
        money(b.min as f64),
        money(b.max as f64)
    ))
}

/// Builds the job description for a scorecard.
pub fn job_description(card: &Scorecard) -> JobDescription {
    let voice = Voice::for_stage(card.stage);
    let stack = match (&card.primary_language, &card.framework) {
        (Some(l), Some(f)) => Some(format!("{l} with {f}")),
        (Some(l), None) => Some(l.to_string()),
        (None, Some(f)) => Some(f.to_string()),
        (None, None) => None,
    };
    let mission = card.mission.iter().cloned().collect::<Vec<_>>();
    let opening = match voice {
        Voice::Startup => section(
            "The problem",
            mission.clone(),
            vec![],
        )
        .map(|mut s| {
            s.paragraphs.push("You will own this end to end: there is no finished spec, so you will clarify the problem, choose the approach and decide under ambiguity.".into());
            s
        }),
        Voice::Enterprise => section(
            "The environment",
            vec!["You will join an established engineering organisation: the systems carry real scale, compliance shapes the work and decisions involve many stakeholders.".into()],
            card.constraints.clone(),
        ),
    };
    let mut sections: Vec<Option<Section>> = vec![opening];
    let owned = section("What you will own", vec![], card.scope.clone());
    match voice {
        Voice::Startup => {
            sections.push(owned);
            sections.push(section(
                "What you will work with",
                vec![],
                card.constraints.clone(),
            ));
        }
        Voice::Enterprise => {
            sections.push(section("The mission", mission, vec![]));
            sections.push(owned);
        }
    }
    let required: Vec<String> = card
        .must_have
        .iter()
        .take(SHOWN_MUST_HAVES)
        .map(|m| match m.min_years {
            Some(y) if y > 0 => format!("{} ({y}+ years)", m.skill),
            _ => m.skill.to_string(),
        })
        .collect();
    sections.push(section(
        "What you need",
        stack
            .map(|s| format!("Our stack is {s}."))
            .into_iter()
            .collect(),
        required,
    ));
    let mut welcome: Vec<_> = card.nice_to_have.iter().collect();
    welcome.sort_by_key(|n| std::cmp::Reverse(n.weight));
    let welcome: Vec<String> = card
        .must_have
        .iter()
        .skip(SHOWN_MUST_HAVES)
        .map(|m| m.skill.to_string())
        .chain(welcome.iter().map(|n| n.skill.to_string()))
        .collect();
    sections.push(section("Nice to have", vec![], welcome));
    sections.push(section("Terms", vec![], terms(card)));
    sections.push(section(
        "Pay",
        pay_range(card).into_iter().collect(),
        vec![],
    ));
    let stages: Vec<String> = card
        .interview_loop
        .iter()
        .map(|s| {
            if s.competencies.is_empty() {
                s.kind.label().to_string()
            } else {
                format!("{}: {}", s.kind.label(), s.competencies.join(", "))
            }
        })
        .collect();
    sections.push(section("How we interview", vec![], stages));
    JobDescription {
        title: posting_title(card),
        voice,
        sections: sections.into_iter().flatten().collect(),
    }
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

impl JobDescription {
    pub fn to_markdown(&self) -> String {
        let mut blocks = vec![format!("# {}", self.title)];
        for s in &self.sections {
            blocks.push(format!("## {}", s.heading));
            blocks.extend(s.paragraphs.iter().cloned());
            if !s.items.is_empty() {
                let items: Vec<String> = s.items.iter().map(|i| format!("- {i}")).collect();
                blocks.push(items.join("\n"));
            }
        }
        format!("{}\n", blocks.join("\n\n"))
    }

    pub fn to_html(&self) -> String {
        let mut out = format!("<h1>{}</h1>\n", escape_html(&self.title));
        for s in &self.sections {
            out.push_str(&format!("<h2>{}</h2>\n", escape_html(&s.heading)));
            for p in &s.paragraphs {
                out.push_str(&format!("<p>{}</p>\n", escape_html(p)));
            }
            if !s.items.is_empty() {
                out.push_str("<ul>\n");
                for item in &s.items {
                    out.push_str(&format!("<li>{}</li>\n", escape_html(item)));
                }
                out.push_str("</ul>\n");
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scorecard::lint::testkit::good;
    use crate::text::Title;

    #[test]
    fn startup_voice_leads_with_the_problem_and_shows_pay() {
        let mut card = good();
        card.stage = Some(CompanyStage::Startup);
        let md = job_description(&card).to_markdown();
        let lines: Vec<&str> = md.lines().collect();
        assert_eq!(lines[0], "# Senior Go Engineer, Payments API (Remote)");
        assert_eq!(lines[2], "## The problem");
        assert!(lines[4].starts_with("Cut payment failures"));
        assert!(md.contains("- Go (5+ years)\n- PostgreSQL\n"), "{md}");
        assert!(md.contains("## Pay\n\nUSD 150,000-190,000 per year"));
        assert!(md.contains("- Location: Remote, from Poland, Romania, Serbia"));
        assert!(md.contains("- Take-home work sample: go, postgresql, rest-api, testing"));
    }

    #[test]
    fn enterprise_voice_leads_with_scale_and_compliance() {
        let mut card = good();
        card.stage = Some(CompanyStage::Enterprise);
        let jd = job_description(&card);
        assert_eq!(jd.sections[0].heading, "The environment");
        assert!(jd.sections[0].items.contains(&"PCI DSS".to_string()));
        assert_eq!(jd.sections[1].heading, "The mission");
    }

    #[test]
    fn the_title_gains_level_focus_and_arrangement_and_must_haves_stay_few() {
        let mut card = good();
        card.title = Title::parse("Go Engineer").unwrap();
        for i in 0..4 {
            card.must_have.push(crate::scorecard::MustHave {
                skill: crate::scorecard::SkillName::parse(&format!("Skill {i}")).unwrap(),
                min_years: None,
            });
        }
        card.budget = None;
        let jd = job_description(&card);
        assert_eq!(jd.title, "Senior Go Engineer, payments API (Remote)");
        let need = jd
            .sections
            .iter()
            .find(|s| s.heading == "What you need")
            .unwrap();
        assert_eq!(need.items.len(), 6);
        let nice = jd
            .sections
            .iter()
            .find(|s| s.heading == "Nice to have")
            .unwrap();
        assert_eq!(nice.items, ["Skill 2", "Skill 3", "Kubernetes"]);
        assert!(jd.sections.iter().all(|s| s.heading != "Pay"));
    }

    #[test]
    fn html_escapes_user_text() {
        let mut card = good();
        card.scope = vec!["<script>alert('x')</script> & more".into()];
        let html = job_description(&card).to_html();
        assert!(
            html.contains("<li>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more</li>")
        );
        assert!(!html.contains("<script>"));
        assert!(html.starts_with("<h1>Senior Go Engineer, Payments API (Remote)</h1>"));
    }
}
