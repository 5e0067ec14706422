//! `hireloop match ROLE|FILE`: ranks the talent pool in the database against a role's scorecard
//! (a role in the database, or a role file), with the same engine, filters and explanations as
//! `GET /api/v1/roles/{id}/matches`, and prints what of the scorecard the ranking could not use.
//! With `--text`, as the API's `q`: only candidates whose profile or newest resume the free text
//! matches, scored also by how well (the server's full-text index, built here the server's way).

use crate::cli::Global;
use crate::commands::market::DataArgs;
use crate::commands::role_file;
use crate::error::CliError;
use crate::output::{print_json, say, Format};
use comfy_table::{presets, ContentArrangement, Table};
use hireloop_core::ids::RoleId;
use hireloop_core::market::currency::UsdRates;
use hireloop_core::page::PageRequest;
use hireloop_core::scorecard::{from_table, from_toml, Scorecard};
use hireloop_match::adapt::{scorecard_query_in, QueryOptions};
use hireloop_match::Component;
use hireloop_match::{Taxonomy, MAX_OFFSET};
use hireloop_server::matching::{ranked, today, MatchingService, RankedCandidate};
use hireloop_server::search::{SearchError, SearchService};
use hireloop_server::text_match::{attach_text, checked_text};
use hireloop_store::Store;
use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;
use std::io::IsTerminal;
use std::path::Path;
use std::sync::Arc;

/// Candidates read from the database per batch while indexing.
const BATCH: i64 = 1000;
const DEFAULT_LIMIT: usize = 20;
const MAX_LIMIT: usize = 100;

#[derive(Debug, clap::Args)]
pub struct MatchArgs {
    /// A role: its id, its title, or its title as a slug (senior-go-engineer); or a role file:
    /// role-as-code TOML (docs/role-as-code.md), or the same fields as JSON (*.json).
    pub role: String,
    /// How many results to show (1-100).
    #[arg(long, default_value_t = DEFAULT_LIMIT)]
    pub limit: usize,
    /// Results to skip (up to 10000), for the next page.
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// Vetted candidates only.
    #[arg(long)]
    pub vetted_only: bool,
    /// Rank everyone with a must-have skill, whatever years they state (the minimums are noted).
    #[arg(long)]
    pub any_years: bool,
    /// Free text (the syntax of `hireloop search`): only candidates whose profile or newest resume
    /// matches it, with a text score for how well, e.g. --text "payments kafka".
    #[arg(long, short = 'q')]
    pub text: Option<String>,
    #[command(flatten)]
    pub data: DataArgs,
}

/// What `--format json` prints.
#[derive(Debug, Serialize)]
struct MatchReport {
    /// The role's id, when ranked for a role in the database.
    role_id: Option<uuid::Uuid>,
    title: String,
    /// The free text ranked by (`--text`), trimmed; each match's `text` component says how well.
    text: Option<String>,
    /// Candidates passing every hard filter, on all pages.
    total: u64,
    offset: usize,
    limit: usize,
    matches: Vec<RankedCandidate>,
    /// Why there are no matches, when there are none.
    empty_reason: Option<String>,
    /// What of the scorecard the ranking could not use, and how unstated values are treated.
    notes: Vec<String>,
}

pub async fn run(global: &Global, store: &Store, args: MatchArgs) -> Result<(), CliError> {
    if !(1..=MAX_LIMIT).contains(&args.limit) {
        return Err(CliError::invalid(
            "--limit",
            format!("must be 1-{MAX_LIMIT} (got {})", args.limit),
        ));
    }
    if args.offset > MAX_OFFSET {
        return Err(CliError::invalid(
            "--offset",
            format!("must be at most {MAX_OFFSET} (got {})", args.offset),
        ));
    }
    // Check everything the user typed before the (possibly long) indexing.
    let text = checked_text(args.text.as_deref()).map_err(|m| CliError::invalid("--text", m))?;
    let rates = UsdRates::from_dataset(&args.data.load()?.dataset);
    let (role_id, card) = scorecard(store, &args.role).await?;
    let taxonomy = Arc::new(role_file::catalog()?);
    let options = QueryOptions {
        vetted_only: args.vetted_only,
        enforce_min_years: !args.any_years,
    };
    let mut adapted = scorecard_query_in(&taxonomy, &card, today(), options, &rates);
    if let Some(id) = role_id {
        // As the API does: candidates whose trial on this role ended without a hire are left out.
        adapted.query.exclude = store.trial_excluded_candidates(id).await?;
    }
    if let Some(text) = text {
        // The syntax first, on an empty index: a typo should not wait for the whole pool.
        text_error(attach_text(
            &mut adapted.query,
            &card,
            &SearchService::empty(taxonomy.clone())?,
            text,
        ))?;
        let search = text_index(store, taxonomy.clone()).await?;
        text_error(attach_text(&mut adapted.query, &card, &search, text))?;
    }
    let pool = index(store, taxonomy).await?;
    let (result, cards) = pool
        .search(&adapted.query, args.offset, args.limit)
        .map_err(|e| CliError::invalid(&e.field, e.message))?;
    let report = MatchReport {
        role_id: role_id.map(|id| id.as_uuid()),
        title: card.title.to_string(),
        text: text.map(str::to_string),
        total: result.total,
        offset: args.offset,
        limit: args.limit,
        matches: result.matches.into_iter().zip(cards).map(ranked).collect(),
        empty_reason: result.empty_reason,
        notes: adapted.notes,
    };
    if global.format == Format::Json {
        return print_json(&report);
    }
    print_table(&report);
    Ok(())
}

/// The scorecard to rank for: a role file when `role` names an existing file, else a role in the
/// database by id, title or slug.
async fn scorecard(store: &Store, role: &str) -> Result<(Option<RoleId>, Scorecard), CliError> {
    let path = Path::new(role);
    if path.is_file() {
        return Ok((None, from_file(path)?));
    }
    let id = match role.parse::<RoleId>() {
        Ok(id) => id,
        Err(_) => role_by_name(store, role).await?,
    };
    let Some(text) = store.role_scorecard(id).await? else {
        store
            .role(id)
            .await?
            .ok_or_else(|| CliError::Failed(format!("no role with id {id}")))?;
        return Err(CliError::Failed(format!(
            "role {id} has no scorecard; give it one with `hireloop role import FILE --update {id}`"
        )));
    };
    let card = from_toml(&text).map_err(|e| {
        CliError::Failed(format!("the stored scorecard of role {id} is corrupt: {e}"))
    })?;
    Ok((Some(id), card))
}

/// A role file: TOML, or the same fields as JSON, checked by the one role-file parser.
fn from_file(path: &Path) -> Result<Scorecard, CliError> {
    let is_json = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    if !is_json {
        return Ok(role_file::load_or_fail(path)?.1);
    }
    let text = std::fs::read_to_string(path)
        .map_err(|e| CliError::Failed(format!("cannot read {}: {e}", path.display())))?;
    let bad = |message: String| {
        CliError::Failed(format!("{} does not parse:\n  {message}", path.display()))
    };
    let json: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| bad(format!("invalid JSON: {e}")))?;
    if !json.is_object() {
        return Err(bad(
            "expected a JSON object with the role file's fields".into()
        ));
    }
    // JSON null has no TOML form: the error names it rather than dropping the field.
    let table = toml::Table::try_from(json)
        .map_err(|e| bad(format!("{e} (leave optional fields out instead of null)")))?;
    from_table(&table).map_err(|e| {
        let lines: Vec<String> = e.problems.iter().map(|p| format!("  {p}")).collect();
        CliError::Failed(format!(
            "{} does not parse:\n{}",
            path.display(),
            lines.join("\n")
        ))
    })
}

/// Lowercase words joined by hyphens: "Senior Go Engineer (Remote)" → "senior-go-engineer-remote".
fn slug(text: &str) -> String {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// The one role whose title, or title slug, is `name` (case does not matter).
async fn role_by_name(store: &Store, name: &str) -> Result<RoleId, CliError> {
    let wanted = slug(name);
    let mut found = Vec::new();
    let mut page = PageRequest {
        limit: hireloop_core::page::MAX_LIMIT,
        after: None,
    };
    loop {
        let roles = store.list_roles(&page).await?;
        found.extend(
            roles
                .items
                .iter()
                .filter(|r| slug(r.title.as_str()) == wanted)
                .map(|r| (r.id, r.title.to_string())),
        );
        // The cursor is the last role's id, which is a UUID.
        match roles
            .next_cursor
            .and_then(|c| uuid::Uuid::parse_str(&c).ok())
        {
            Some(after) => page.after = Some(after),
            None => break,
        }
    }
    match found.as_slice() {
        [(id, _)] => Ok(*id),
        [] => Err(CliError::invalid(
            "ROLE",
            format!("no role file and no role with id, title or slug '{name}'; see `hireloop role list`"),
        )),
        several => {
            let ids: Vec<String> = several.iter().map(|(id, t)| format!("{id} ({t})")).collect();
            Err(CliError::invalid(
                "ROLE",
                format!("'{name}' names {} roles; give the id: {}", several.len(), ids.join(", ")),
            ))
        }
    }
}

/// A free text that does not parse is the user's, on `--text`.
fn text_error(result: Result<(), SearchError>) -> Result<(), CliError> {
    result.map_err(|e| match e {
        SearchError::Query(message) => CliError::invalid("--text", message),
        SearchError::Index(message) => CliError::Failed(message),
    })
}

/// The server's full-text index over profiles and newest resumes, built as the server builds it;
/// a spinner on stderr meanwhile (the build reads the pool and every resume once).
async fn text_index(store: &Store, taxonomy: Arc<Taxonomy>) -> Result<SearchService, CliError> {
    let bar = if std::io::stderr().is_terminal() {
        let bar = ProgressBar::new_spinner();
        if let Ok(style) =
            ProgressStyle::with_template("{spinner} indexing profile and resume text ({elapsed})")
        {
            bar.set_style(style);
        }
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        bar
    } else {
        ProgressBar::hidden()
    };
    let search = SearchService::build(store, taxonomy).await;
    bar.finish_and_clear();
    Ok(search?)
}

/// The talent pool as a matching index, read in batches; a counter on stderr for people watching.
async fn index(store: &Store, taxonomy: Arc<Taxonomy>) -> Result<MatchingService, CliError> {
    let service = MatchingService::empty(taxonomy);
    let bar = if std::io::stderr().is_terminal() {
        let bar = ProgressBar::new_spinner();
        if let Ok(style) =
            ProgressStyle::with_template("{spinner} {pos} candidates indexed ({per_sec})")
        {
            bar.set_style(style);
        }
        bar
    } else {
        ProgressBar::hidden()
    };
    let mut after = None;
    loop {
        let batch = store.candidates_after(after, BATCH).await?;
        let Some(last) = batch.last() else { break };
        after = Some(last.id);
        service.upsert_all(&batch);
        bar.inc(batch.len() as u64);
    }
    bar.finish_and_clear();
    Ok(service)
}

/// A score as a bar of ten cells.
fn score_bar(score: f32) -> String {
    let full = ((score / 10.0).round().clamp(0.0, 10.0)) as usize;
    format!("{}{}", "█".repeat(full), "░".repeat(10 - full))
}

/// The text component: relevance (1 = the best text hit) and the points it adds.
fn text_cell(m: &RankedCandidate) -> String {
    m.breakdown
        .iter()
        .find(|c| c.component == Component::Text)
        .map_or_else(String::new, |c| {
            format!("{:.0}% (+{:.1})", c.value * 100.0, c.points)
        })
}

fn print_table(report: &MatchReport) {
    say!("{}", report.title);
    if let Some(text) = &report.text {
        say!("text: {text}");
    }
    for note in &report.notes {
        say!("note: {note}");
    }
    if report.matches.is_empty() {
        match &report.empty_reason {
            Some(reason) => say!("No candidates: {reason}"),
            None => say!("No candidates on this page ({} in all).", report.total),
        }
        return;
    }
    let mut table = Table::new();
    let mut header = vec!["#", "Name", "Score", ""];
    if report.text.is_some() {
        header.push("Text");
    }
    header.extend(["Matched", "Missing", "Reasons"]);
    table
        .load_preset(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(header);
    for (i, m) in report.matches.iter().enumerate() {
        let matched: Vec<&str> = m.matched_skills.iter().map(|s| s.name.as_str()).collect();
        let missing: Vec<&str> = m.missing_skills.iter().map(|s| s.name.as_str()).collect();
        let mut row = vec![
            (report.offset + i + 1).to_string(),
            m.name.clone(),
            format!("{:.1}", m.score),
            score_bar(m.score),
        ];
        if report.text.is_some() {
            row.push(text_cell(m));
        }
        row.extend([matched.join(", "), missing.join(", "), m.reasons.join("\n")]);
        table.add_row(row);
    }
    say!("{table}");
    let shown = report.offset + report.matches.len();
    if (shown as u64) < report.total {
        say!(
            "{}-{} of {}; more with --offset {shown}",
            report.offset + 1,
            shown,
            report.total
        );
    } else {
        say!("{}-{} of {}", report.offset + 1, shown, report.total);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_and_bars() {
        assert_eq!(
            slug("Senior Go Engineer, Payments API (Remote)"),
            "senior-go-engineer-payments-api-remote"
        );
        assert_eq!(
            slug("senior-go-engineer-payments-api-remote"),
            "senior-go-engineer-payments-api-remote"
        );
        assert_eq!(score_bar(84.0), "████████░░");
        assert_eq!(score_bar(0.0), "░░░░░░░░░░");
    }
}
