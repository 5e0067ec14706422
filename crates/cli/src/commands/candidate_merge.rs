//! `hireloop candidate duplicates [ID]` and `hireloop candidate merge SURVIVOR DUPLICATE`: the
//! duplicate check and the merge (issue #5) from the command line, through the same store calls
//! as the API. A running server's indexes follow the merge through the change feed.

use crate::cli::Global;
use crate::commands::user_by_email;
use crate::error::CliError;
use crate::output::{print_json, print_page, say, Format};
use clap::Args;
use hireloop_core::candidate_merge::MergeInput;
use hireloop_core::ids::CandidateId;
use hireloop_core::page::PageRequest;
use hireloop_store::merges::GroupsRequest;
use hireloop_store::Store;

#[derive(Debug, Args)]
pub struct DuplicatesArgs {
    /// A candidate's id: their likely duplicates with the reasons. Without it, every group of
    /// candidates in the pool sharing an email, a phone, or a name in one city.
    pub candidate: Option<String>,
    /// Groups per page (1-200) when listing the pool.
    #[arg(long, conflicts_with = "candidate")]
    pub limit: Option<i64>,
    /// Continue after a previous page: the cursor it printed.
    #[arg(long, conflicts_with = "candidate")]
    pub cursor: Option<String>,
}

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The candidate who stays.
    pub survivor: String,
    /// The candidate merged into the survivor, then removed (kept in the merge history).
    pub duplicate: String,
    /// Why, 3-500 characters, kept in the history.
    #[arg(long)]
    pub note: Option<String>,
    /// The email of the user who merged, kept in the history.
    #[arg(long)]
    pub by: Option<String>,
}

fn candidate_id(field: &str, raw: &str) -> Result<CandidateId, CliError> {
    raw.parse().map_err(|m: String| CliError::invalid(field, m))
}

pub async fn duplicates(
    global: &Global,
    store: &Store,
    args: DuplicatesArgs,
) -> Result<(), CliError> {
    let Some(raw) = args.candidate else {
        let limit = PageRequest::parse(args.limit, None)
            .map_err(|(field, message)| CliError::invalid(field, message))?
            .limit;
        let request = GroupsRequest {
            limit,
            cursor: args.cursor,
        };
        let page = store.duplicate_groups(&request).await?;
        return print_page(
            global.format,
            &page,
            &["reason", "shared", "candidates"],
            |g| {
                let who: Vec<String> = g
                    .candidates
                    .iter()
                    .map(|c| format!("{} <{}> {}", c.name, c.email, c.id))
                    .collect();
                vec![g.reason.to_string(), g.key.clone(), who.join("\n")]
            },
        );
    };
    let id = candidate_id("candidate", &raw)?;
    let found = store.candidate_duplicates(id).await?;
    if global.format == Format::Json {
        return print_json(&found);
    }
    let page = hireloop_core::page::Page {
        items: found,
        next_cursor: None,
    };
    print_page(
        global.format,
        &page,
        &["id", "name", "email", "reasons"],
        |m| {
            let reasons: Vec<&str> = m.reasons.iter().map(|r| r.as_str()).collect();
            vec![
                m.candidate.id.to_string(),
                m.candidate.name.to_string(),
                m.candidate.email.to_string(),
                reasons.join(", "),
            ]
        },
    )
}

pub async fn merge(global: &Global, store: &Store, args: MergeArgs) -> Result<(), CliError> {
    let survivor = candidate_id("survivor", &args.survivor)?;
    let request = MergeInput {
        duplicate_id: args.duplicate,
        note: args.note,
    }
    .parse(survivor)?;
    let actor = match args.by.as_deref() {
        Some(email) => Some(user_by_email(store, "by", email).await?.id),
        None => None,
    };
    let (candidate, merge) = store
        .merge_candidates(survivor, request.duplicate, actor, request.note.as_ref())
        .await?;
    if global.format == Format::Json {
        return print_json(&serde_json::json!({"candidate": candidate, "merge": merge}));
    }
    let m = merge.moved;
    say!(
        "Merged {} ({}) into {} <{}>: {} applications, {} resume documents ({} already there), \
         {} vetting events, {} earlier merges moved.",
        merge.merged_name,
        merge.merged_id,
        candidate.name,
        candidate.email,
        m.applications,
        m.resume_documents,
        m.resume_documents_already_present,
        m.vetting_events,
        m.merges
    );
    Ok(())
}
