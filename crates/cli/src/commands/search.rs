//! `hireloop search "kafka payments" --skill go --level senior --vetted`: full-text search over
//! the talent pool in the database. Builds the same tantivy index the server holds, in process,
//! and asks it the same question `GET /api/v1/search` does.

use crate::cli::Global;
use crate::error::CliError;
use crate::output::{print_json, say, Format};
use comfy_table::{presets, ContentArrangement, Table};
use hireloop_match::Taxonomy;
use hireloop_server::search::{FacetCount, SearchError, SearchRequest, SearchService};
use hireloop_store::Store;
use std::sync::Arc;

#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    /// Words in name, location, skills, tags and industries (all must match); "quoted phrases",
    /// -excluded words.
    pub query: Option<String>,
    /// A skill every result has (name, id or alias); repeat for several.
    #[arg(long)]
    pub skill: Vec<String>,
    /// junior, mid or senior.
    #[arg(long)]
    pub level: Option<String>,
    /// united_states, canada, western_europe, latin_america, eastern_europe or asia.
    #[arg(long)]
    pub region: Option<String>,
    /// unvetted, in_vetting, vetted or not_accepted.
    #[arg(long, conflicts_with = "vetted")]
    pub vetting: Option<String>,
    /// Vetted candidates only (same as --vetting vetted).
    #[arg(long)]
    pub vetted: bool,
    /// Highest expected rate, USD per hour.
    #[arg(long)]
    pub max_rate: Option<String>,
    /// Lowest expected rate, USD per hour.
    #[arg(long)]
    pub min_rate: Option<String>,
    /// Available on or before today plus this many days.
    #[arg(long)]
    pub available_within_days: Option<String>,
    /// How many results to show (1-100, default 20).
    #[arg(long)]
    pub limit: Option<String>,
    /// Continue after a previous page: the cursor it printed.
    #[arg(long)]
    pub cursor: Option<String>,
}

impl SearchArgs {
    /// The flags as the API's query pairs, so the one parser checks both.
    fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        let mut push = |key, value: &Option<String>| {
            if let Some(v) = value {
                pairs.push((key, v.clone()));
            }
        };
        push("q", &self.query);
        push("level", &self.level);
        push("region", &self.region);
        push("vetting", &self.vetting);
        push("max_rate", &self.max_rate);
        push("min_rate", &self.min_rate);
        push("available_within_days", &self.available_within_days);
        push("limit", &self.limit);
        push("cursor", &self.cursor);
        if self.vetted {
            pairs.push(("vetting", "vetted".to_string()));
        }
        for s in &self.skill {
            pairs.push(("skill", s.clone()));
        }
        pairs
    }
}

pub async fn run(global: &Global, store: &Store, args: SearchArgs) -> Result<(), CliError> {
    let pairs = args.pairs();
    let request = SearchRequest::parse(pairs.iter().map(|(k, v)| (*k, v.as_str())))
        .map_err(CliError::Invalid)?;
    let taxonomy = Arc::new(Taxonomy::shipped().map_err(|e| CliError::Failed(e.to_string()))?);
    let index = SearchService::build(store, taxonomy).await?;
    // The CLI acts as the system: the whole pool is visible.
    let found = index.search(&request, None).map_err(|e| match e {
        SearchError::Query(message) => CliError::invalid("query", message),
        SearchError::Index(message) => CliError::Failed(message),
    })?;
    if global.format == Format::Json {
        return print_json(&found);
    }
    if let Some(reason) = &found.reason {
        say!("No candidates: {reason}");
        return Ok(());
    }
    let mut table = Table::new();
    table
        .load_preset(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(vec!["Candidate", "Name", "Score", "Matched"]);
    for hit in &found.results {
        table.add_row(vec![
            hit.candidate_id.to_string(),
            hit.name.clone(),
            format!("{:.2}", hit.score),
            // The terminal has no bold: mark the matched words with asterisks instead.
            plain(&hit.snippet),
        ]);
    }
    say!("{table}");
    let facets = &found.facets;
    for (name, counts) in [
        ("skills", &facets.skill),
        ("level", &facets.level),
        ("region", &facets.region),
        ("rate band", &facets.rate_band),
        ("vetting", &facets.vetting),
        ("availability", &facets.availability),
    ] {
        say!("{name}: {}", facet_line(counts));
    }
    match &found.next_cursor {
        Some(c) => say!(
            "{} of {} shown; more with --cursor {c}",
            found.results.len(),
            found.total
        ),
        None => say!("{} of {} shown", found.results.len(), found.total),
    }
    Ok(())
}

fn facet_line(counts: &[FacetCount]) -> String {
    counts
        .iter()
        .map(|f| format!("{} ({})", f.value, f.count))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A snippet for the terminal: no bold there, so matched words are marked with asterisks, and the
/// HTML escapes tantivy adds are undone.
fn plain(snippet: &str) -> String {
    snippet
        .replace("<b>", "*")
        .replace("</b>", "*")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
}
