//! Role-as-code: the scorecard as a TOML file (docs/role-as-code.md). Parsing reports every problem
//! at once, each named by its key path, with line and column for TOML syntax errors; rendering
//! writes the canonical form, which parses back to the same scorecard.

mod read;
mod render;

pub use render::to_toml;

use super::model::{
    Conversion, CountryCode, Location, LoopStage, MustHave, NiceToHave, RoleBudget, Scorecard,
    SkillName, TimezoneName,
};
use super::weights::{Matching, MatchingWeights, MAX_WEIGHT, WEIGHT_NAMES};
use crate::error::ValidationErrors;
use crate::money::{Currency, MAX_AMOUNT};
use crate::text::Title;
use chrono::NaiveDate;
use read::{join, Reader};
use serde::Serialize;
use std::fmt;
use toml::{Table, Value};

/// The top-level keys of a role file, in the order the canonical form writes them.
pub const TOP_LEVEL_KEYS: &[&str] = &[
    "title",
    "level",
    "primary_language",
    "framework",
    "mission",
    "scope",
    "constraints",
    "must_have",
    "nice_to_have",
    "stage",
    "engagement",
    "conversion",
    "duration_months",
    "headcount",
    "hiring_manager",
    "start_date",
    "location",
    "budget",
    "loop",
    "matching",
];
const LOCATION_KEYS: &[&str] = &["policy", "countries", "team_timezone", "overlap_hours"];
const BUDGET_KEYS: &[&str] = &["currency", "period", "min", "max"];
const CONVERSION_KEYS: &[&str] = &["after_months", "criteria", "decision_maker"];
const MUST_HAVE_KEYS: &[&str] = &["skill", "min_years"];
const NICE_TO_HAVE_KEYS: &[&str] = &["skill", "weight"];
const LOOP_KEYS: &[&str] = &["type", "competencies"];
const MATCHING_KEYS: &[&str] = &["weights"];

/// Longest free text accepted for one mission, scope item, constraint or criterion.
const MAX_TEXT: usize = 2000;

/// One problem in a role file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Problem {
    /// The key path: `title`, `location.overlap_hours`, `must_have[2].skill`.
    pub path: String,
    pub message: String,
    /// 1-based, for TOML syntax errors.
    pub line: Option<usize>,
    pub column: Option<usize>,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let (Some(line), Some(column)) = (self.line, self.column) {
            write!(f, "line {line}, column {column}: ")?;
        }
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Every problem found in a role file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ParseError {
    pub problems: Vec<Problem>,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lines: Vec<String> = self.problems.iter().map(Problem::to_string).collect();
        f.write_str(&lines.join("\n"))
    }
}

impl std::error::Error for ParseError {}

impl From<ParseError> for ValidationErrors {
    fn from(error: ParseError) -> Self {
        let mut errors = ValidationErrors::default();
        for p in error.problems {
            let message = match (p.line, p.column) {
                (Some(line), Some(column)) => {
                    format!("line {line}, column {column}: {}", p.message)
                }
                _ => p.message,
            };
            errors.add(p.path, message);
        }
        errors
    }
}

/// 1-based line and column (in characters) of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// The key a syntax error is on: the table header above it plus the key on its line.
fn key_path_at(text: &str, line: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let here = lines.get(line.saturating_sub(1)).copied().unwrap_or("");
    let key = here
        .split_once('=')
        .map(|(k, _)| k.trim().trim_matches('"'));
    let header = lines[..line.saturating_sub(1).min(lines.len())]
        .iter()
        .rev()
        .map(|l| l.trim())
        .find(|l| l.starts_with('['))
        .map(|l| l.trim_matches(|c| c == '[' || c == ']').trim().to_string());
    match (header, key) {
        (Some(h), Some(k)) if !k.is_empty() => format!("{h}.{k}"),
        (None, Some(k)) if !k.is_empty() => k.to_string(),
        (Some(h), _) => h,
        _ => "(file)".to_string(),
    }
}

/// Parses a role file.
pub fn from_toml(text: &str) -> Result<Scorecard, ParseError> {
    let table: Table = toml::from_str(text).map_err(|e| {
        let (line, column) = e
            .span()
            .map_or((1, 1), |span| line_column(text, span.start));
        ParseError {
            problems: vec![Problem {
                path: key_path_at(text, line),
                message: format!("invalid TOML: {}", e.message().trim()),
                line: Some(line),
                column: Some(column),
            }],
        }
    })?;
    from_table(&table)
}

/// Builds a scorecard from a TOML table (also the route for JSON input converted to TOML values).
pub fn from_table(table: &Table) -> Result<Scorecard, ParseError> {
    let mut r = Reader::default();
    r.keys(table, "", TOP_LEVEL_KEYS);
    let title = r.parsed(table, "title", "", Title::parse);
    let title = r.required(title, table, "title");
    let level = r.parsed(table, "level", "", str::parse);
    let level = r.required(level, table, "level");
    let mut card = match (title, level) {
        (Some(title), Some(level)) => Some(Scorecard::new(title, level)),
        _ => None,
    };
    let primary_language = r.parsed(table, "primary_language", "", SkillName::parse);
    let framework = r.parsed(table, "framework", "", SkillName::parse);
    let mission = r.parsed(table, "mission", "", bounded_text);
    let scope = texts(&mut r, table, "scope", "");
    let constraints = texts(&mut r, table, "constraints", "");
    let must_have = must_haves(&mut r, table);
    let nice_to_have = nice_to_haves(&mut r, table);
    let stage = r.parsed(table, "stage", "", str::parse);
    let engagement = r.parsed(table, "engagement", "", str::parse);
    let conversion = r.table(table, "conversion").map(|t| conversion(&mut r, t));
    let duration_months = r.int(table, "duration_months", "", 1..=120);
    let headcount = r.int(table, "headcount", "", 1..=1000);
    let hiring_manager = r.parsed(table, "hiring_manager", "", bounded_text);
    let start_date = date(&mut r, table, "start_date");
    let location = r.table(table, "location").and_then(|t| location(&mut r, t));
    let budget = r.table(table, "budget").and_then(|t| budget(&mut r, t));
    let interview_loop = stages(&mut r, table);
    let matching = r.table(table, "matching").and_then(|t| matching(&mut r, t));
    if let (Some(card), true) = (card.as_mut(), r.problems.is_empty()) {
        card.primary_language = primary_language;
        card.framework = framework;
        card.mission = mission;
        card.scope = scope;
        card.constraints = constraints;
        card.must_have = must_have;
        card.nice_to_have = nice_to_have;
        card.stage = stage;
        card.engagement = engagement.unwrap_or(card.engagement);
        card.conversion = conversion;
        card.duration_months = duration_months.and_then(|n| u16::try_from(n).ok());
        card.headcount = headcount.and_then(|n| u16::try_from(n).ok()).unwrap_or(1);
        card.hiring_manager = hiring_manager;
        card.start_date = start_date;
        card.location = location;
        card.budget = budget;
        card.interview_loop = interview_loop;
        card.matching = matching;
    }
    match card {
        Some(card) if r.problems.is_empty() => Ok(card),
        _ => Err(ParseError {
            problems: r.problems,
        }),
    }
}

fn bounded_text(raw: &str) -> Result<String, String> {
    let len = raw.chars().count();
    if len > MAX_TEXT {
        return Err(format!("must be at most {MAX_TEXT} characters (got {len})"));
    }
    Ok(raw.to_string())
}

fn texts(r: &mut Reader, table: &Table, key: &str, prefix: &str) -> Vec<String> {
    let items = r.strings(table, key, prefix);
    for (i, item) in items.iter().enumerate() {
        if let Err(message) = bounded_text(item) {
            r.err(format!("{}[{i}]", join(prefix, key)), message);
        }
    }
    items
}

fn must_haves(r: &mut Reader, table: &Table) -> Vec<MustHave> {
    let mut out = Vec::new();
    for (path, t) in r.tables(table, "must_have") {
        r.keys(t, &path, MUST_HAVE_KEYS);
        let skill = r.parsed(t, "skill", &path, SkillName::parse);
        if skill.is_none() && !t.contains_key("skill") {
            r.err(join(&path, "skill"), "is required");
        }
        let min_years = r
            .int(t, "min_years", &path, 0..=40)
            .and_then(|n| u8::try_from(n).ok());
        if let Some(skill) = skill {
            out.push(MustHave { skill, min_years });
        }
    }
    out
}

fn nice_to_haves(r: &mut Reader, table: &Table) -> Vec<NiceToHave> {
    let mut out = Vec::new();
    for (path, t) in r.tables(table, "nice_to_have") {
        r.keys(t, &path, NICE_TO_HAVE_KEYS);
        let skill = r.parsed(t, "skill", &path, SkillName::parse);
        if skill.is_none() && !t.contains_key("skill") {
            r.err(join(&path, "skill"), "is required");
        }
        let weight = r.int(t, "weight", &path, 1..=10);
        if let Some(skill) = skill {
            let weight = weight.and_then(|n| u8::try_from(n).ok()).unwrap_or(1);
            out.push(NiceToHave { skill, weight });
        }
    }
    out
}

fn conversion(r: &mut Reader, t: &Table) -> Conversion {
    r.keys(t, "conversion", CONVERSION_KEYS);
    Conversion {
        after_months: r
            .int(t, "after_months", "conversion", 1..=24)
            .and_then(|n| u8::try_from(n).ok()),
        criteria: texts(r, t, "criteria", "conversion"),
        decision_maker: r.parsed(t, "decision_maker", "conversion", bounded_text),
    }
}

fn date(r: &mut Reader, table: &Table, key: &str) -> Option<NaiveDate> {
    let bad = "expected a date such as 2026-03-01";
    match table.get(key)? {
        Value::Datetime(dt) => match (dt.date, dt.time) {
            (Some(d), None) => {
                let date = NaiveDate::from_ymd_opt(i32::from(d.year), d.month.into(), d.day.into());
                if date.is_none() {
                    r.err(key.to_string(), bad);
                }
                date
            }
            _ => {
                r.err(key.to_string(), format!("{bad}, without a time"));
                None
            }
        },
        Value::String(s) => match NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d") {
            Ok(d) => Some(d),
            Err(_) => {
                r.err(key.to_string(), format!("{bad}, got '{s}'"));
                None
            }
        },
        other => {
            r.err(
                key.to_string(),
                format!("{bad}, found {}", other.type_str()),
            );
            None
        }
    }
}

fn location(r: &mut Reader, t: &Table) -> Option<Location> {
    r.keys(t, "location", LOCATION_KEYS);
    let policy = r.parsed(t, "policy", "location", str::parse);
    if policy.is_none() && !t.contains_key("policy") {
        r.err("location.policy".into(), "is required in [location]");
    }
    let mut countries = Vec::new();
    for (i, raw) in r.strings(t, "countries", "location").iter().enumerate() {
        match CountryCode::parse(raw) {
            Ok(code) if !countries.contains(&code) => countries.push(code),
            Ok(_) => {}
            Err(message) => r.err(format!("location.countries[{i}]"), message),
        }
    }
    let team_timezone = r.parsed(t, "team_timezone", "location", TimezoneName::parse);
    let overlap_hours = r
        .int(t, "overlap_hours", "location", 0..=24)
        .and_then(|n| u8::try_from(n).ok());
    Some(Location {
        policy: policy?,
        countries,
        team_timezone,
        overlap_hours,
    })
}

fn budget(r: &mut Reader, t: &Table) -> Option<RoleBudget> {
    r.keys(t, "budget", BUDGET_KEYS);
    let currency = r
        .parsed(t, "currency", "budget", Currency::parse)
        .or_else(|| (!t.contains_key("currency")).then(Currency::usd));
    let period = r.parsed(t, "period", "budget", str::parse);
    let min = r.int(t, "min", "budget", 0..=MAX_AMOUNT);
    let max = r.int(t, "max", "budget", 0..=MAX_AMOUNT);
    for key in ["period", "min", "max"] {
        if !t.contains_key(key) {
            r.err(format!("budget.{key}"), "is required in [budget]");
        }
    }
    if let (Some(min), Some(max)) = (min, max) {
        if min > max {
            r.err(
                "budget.min".into(),
                format!("{min} is above budget.max ({max})"),
            );
        }
    }
    Some(RoleBudget {
        currency: currency?,
        period: period?,
        min: min?,
        max: max?,
    })
}

fn stages(r: &mut Reader, table: &Table) -> Vec<LoopStage> {
    let mut out = Vec::new();
    for (path, t) in r.tables(table, "loop") {
        r.keys(t, &path, LOOP_KEYS);
        let kind = r.parsed(t, "type", &path, str::parse);
        if kind.is_none() && !t.contains_key("type") {
            r.err(join(&path, "type"), "is required");
        }
        let competencies = texts(r, t, "competencies", &path);
        if let Some(kind) = kind {
            out.push(LoopStage { kind, competencies });
        }
    }
    out
}

/// `[matching]`; `None` when it sets no weight (the canonical form then leaves it out).
fn matching(r: &mut Reader, t: &Table) -> Option<Matching> {
    r.keys(t, "matching", MATCHING_KEYS);
    let w = r.table_in(t, "weights", "matching")?;
    r.keys(w, "matching.weights", &WEIGHT_NAMES);
    let mut weights = MatchingWeights::default();
    for name in WEIGHT_NAMES {
        let value = weight(r, w, name);
        if let Some(slot) = weights.slot(name) {
            *slot = value;
        }
    }
    (!weights.is_empty()).then_some(Matching {
        weights: Some(weights),
    })
}

/// One weight: a whole number 0-100. Fractions, negatives and nan/inf are refused by name
/// rather than rounded, so what the file says is what ranks.
fn weight(r: &mut Reader, t: &Table, name: &str) -> Option<u8> {
    let path = format!("matching.weights.{name}");
    let expected =
        format!("weights are whole numbers from 0 to {MAX_WEIGHT}; only their proportions count");
    match t.get(name)? {
        Value::Integer(n) => match u8::try_from(*n) {
            Ok(v) if v <= MAX_WEIGHT => Some(v),
            _ if *n < 0 => {
                r.err(path, format!("{n} is negative; {expected}"));
                None
            }
            _ => {
                r.err(path, format!("{n} is above {MAX_WEIGHT}; {expected}"));
                None
            }
        },
        Value::Float(f) if !f.is_finite() => {
            r.err(path, format!("{f} is not a number; {expected}"));
            None
        }
        Value::Float(f) => {
            r.err(path, format!("{f} is not a whole number; {expected}"));
            None
        }
        other => {
            r.err(
                path,
                format!("expected a whole number, found {}", other.type_str()),
            );
            None
        }
    }
}

#[cfg(test)]
mod tests;
