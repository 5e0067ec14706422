//! Resume documents (issue #5): one path from a resume file to a candidate's profile, shared by the
//! API, the candidate page and the CLI. The file's text is extracted (`hireloop_resume`), stored
//! as a document, scanned for skills over the taxonomy's names and aliases, and the skills the
//! candidate did not list yet are added (with years estimated from dated work entries), then the
//! candidate is re-indexed. What the candidate already had is never removed or changed.

use crate::error::{AppError, AppResult};
use crate::state::AppState;
use chrono::Datelike;
use hireloop_core::candidate::{Candidate, CandidateInput, NewCandidate, SkillTag};
use hireloop_core::candidate_profile::SkillDetailInput;
use hireloop_core::ids::UserId;
use hireloop_core::ValidationErrors;
use hireloop_match::Taxonomy;
use hireloop_resume::{Extracted, ResumeError, ResumeKind};
use hireloop_store::records::{NewResumeDocument, ResumeDocument};
use hireloop_store::Store;
use serde::Serialize;

/// A file as it arrived: its name, the kind its media type named (if any), its bytes.
pub struct ResumeFile<'a> {
    pub file_name: &'a str,
    pub kind: Option<ResumeKind>,
    pub bytes: &'a [u8],
}

/// What adding a resume did, for the API answer, the page and the CLI's report.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ResumeOutcome {
    /// The stored document (without its text).
    pub document: ResumeDocument,
    /// False when the same file was already stored for this candidate: nothing new was written.
    pub created: bool,
    /// Taxonomy skill ids found in the text, in order of first mention.
    pub skills_detected: Vec<String>,
    /// Those the candidate did not have, now added to their skills.
    pub skills_added: Vec<String>,
    /// Years estimated for the added skills from the resume's dated work entries.
    pub skill_years: Vec<SkillYearsOut>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SkillYearsOut {
    pub skill: String,
    pub years: f32,
    pub last_used_year: i32,
}

/// A file that could not be read, as a 422 naming the `file` field and the problem.
pub fn file_error(err: ResumeError) -> AppError {
    AppError::Validation(ValidationErrors::single("file", err.to_string()))
}

/// The file name to store: the given one trimmed to its last path segment, or a default.
pub fn clean_file_name(raw: Option<&str>, kind: Option<ResumeKind>) -> String {
    let name = raw
        .map(|n| n.rsplit(['/', '\\']).next().unwrap_or(n).trim())
        .filter(|n| !n.is_empty())
        .map(|n| n.chars().filter(|c| !c.is_control()).take(255).collect())
        .unwrap_or_default();
    if !String::is_empty(&name) {
        return name;
    }
    match kind {
        Some(ResumeKind::Pdf) => "resume.pdf".into(),
        Some(ResumeKind::Docx) => "resume.docx".into(),
        _ => "resume.txt".into(),
    }
}

/// What reading a resume file for a candidate produced: the outcome to report and, when the
/// text showed skills the candidate lacks, the candidate's new fields to store.
pub struct Ingested {
    pub outcome: ResumeOutcome,
    pub update: Option<NewCandidate>,
}

/// Adds a resume file to `candidate` through the app: the document is stored, the new skills are
/// written with `AppState::update_candidate`, so matching and search follow. The document and the
/// candidate's skills are two writes; both are idempotent, so sending the same file again
/// finishes whatever an interruption left.
pub async fn add_resume(
    state: &AppState,
    candidate: &Candidate,
    file: ResumeFile<'_>,
    actor: Option<UserId>,
) -> AppResult<ResumeOutcome> {
    let max = state.config.resume_max_bytes;
    let ingested = ingest(&state.store, &state.taxonomy, max, candidate, file, actor).await?;
    if let Some(new) = &ingested.update {
        state.update_candidate(candidate.id, new).await?;
    }
    // The resume's text is searchable at once (the change feed would catch up within a refresh).
    crate::index_sync::reindex(state, &[candidate.id]).await?;
    Ok(ingested.outcome)
}

/// Extracts the text, stores the document and works out the candidate's new skills, without
/// writing them: the server writes through its indexes, the CLI straight to the store.
pub async fn ingest(
    store: &Store,
    taxonomy: &Taxonomy,
    max_bytes: usize,
    candidate: &Candidate,
    file: ResumeFile<'_>,
    actor: Option<UserId>,
) -> AppResult<Ingested> {
    let extracted = extract(&file, max_bytes).await?.map_err(file_error)?;
    ingest_extracted(
        store,
        taxonomy,
        candidate,
        file.file_name,
        &extracted,
        actor,
    )
    .await
}

/// The file's text, or why it cannot be read (a per-file problem, for the caller to report); the
/// outer error is only for the extraction task itself failing.
pub async fn extract(
    file: &ResumeFile<'_>,
    max_bytes: usize,
) -> AppResult<Result<Extracted, ResumeError>> {
    // Parsing a large PDF is CPU work: keep it off the async workers that serve other requests.
    let (name, kind, bytes) = (file.file_name.to_string(), file.kind, file.bytes.to_vec());
    tokio::task::spawn_blocking(move || hireloop_resume::extract(&name, kind, &bytes, max_bytes))
        .await
        .map_err(|e| AppError::Internal(anyhow::anyhow!("resume extraction stopped: {e}")))
}

/// [`ingest`] for a file whose text is already extracted (the import reads the text first to find
/// whose resume it is).
pub async fn ingest_extracted(
    store: &Store,
    taxonomy: &Taxonomy,
    candidate: &Candidate,
    file_name: &str,
    extracted: &Extracted,
    actor: Option<UserId>,
) -> AppResult<Ingested> {
    let new = NewResumeDocument {
        candidate_id: candidate.id,
        file_name: file_name.to_string(),
        media_type: extracted.kind.media_type().to_string(),
        bytes_len: i64::try_from(extracted.bytes_len).unwrap_or(i64::MAX),
        sha256: extracted.sha256.clone(),
        extracted_text: extracted.text.clone(),
        uploaded_by: actor,
    };
    let (mut document, created) = store.add_resume_document(&new).await?;
    document.extracted_text = None;

    let mut input = candidate.to_input();
    let (found, additions) = add_found_skills(taxonomy, &mut input, &extracted.text);
    let update = if additions.is_empty() {
        None
    } else {
        Some(input.parse().map_err(AppError::Validation)?)
    };
    let outcome = ResumeOutcome {
        document,
        created,
        skills_detected: found.iter().map(|f| f.skill.clone()).collect(),
        skill_years: additions
            .iter()
            .filter_map(|a| {
                Some(SkillYearsOut {
                    skill: a.skill.clone(),
                    years: a.years?,
                    last_used_year: a.last_used_year?,
                })
            })
            .collect(),
        skills_added: additions.into_iter().map(|a| a.skill).collect(),
    };
    Ok(Ingested { outcome, update })
}

/// Adds to `input` the skills `text` names that it lacks (with years when dated entries show
/// them); never removes one. Answers (all skills found, those added). The import uses it to
/// build a new candidate from a resume, [`ingest_extracted`] to extend an existing one.
pub fn add_found_skills(
    taxonomy: &Taxonomy,
    input: &mut CandidateInput,
    text: &str,
) -> (Vec<Found>, Vec<Found>) {
    let found = detect(taxonomy, text, chrono::Utc::now().year());
    let additions = new_skills(taxonomy, &input.skills, &found);
    for add in &additions {
        input.skills.push(add.skill.clone());
        if add.years.is_some() {
            input.skill_details.push(SkillDetailInput {
                skill: add.skill.clone(),
                years: add.years,
                last_used_year: add.last_used_year,
            });
        }
    }
    (found, additions)
}

/// A skill found in the text, with its estimated years when a dated entry mentions it.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub skill: String,
    pub years: Option<f32>,
    pub last_used_year: Option<i32>,
}

/// Taxonomy skills in the text, once each in order of first mention, with years per skill.
fn detect(taxonomy: &Taxonomy, text: &str, this_year: i32) -> Vec<Found> {
    let mentions: Vec<(String, usize)> = taxonomy
        .detect(text)
        .into_iter()
        .filter_map(|d| taxonomy.get(d.skill).map(|s| (s.id.clone(), d.start)))
        .collect();
    let years = hireloop_resume::years::estimate(text, &mentions, this_year);
    let mut found: Vec<Found> = Vec::new();
    for (skill, _) in &mentions {
        if found.iter().any(|f| &f.skill == skill) {
            continue;
        }
        let estimate = years.iter().find(|y| &y.skill == skill);
        found.push(Found {
            skill: skill.clone(),
            years: estimate.map(|y| y.years),
            last_used_year: estimate.map(|y| y.last_used_year),
        });
    }
    found
}

/// The found skills the candidate (`skills`) does not have yet, by taxonomy identity ("Postgres" on the
/// profile is the same skill as "postgresql" in the text) and by tag for skills outside it.
fn new_skills(taxonomy: &Taxonomy, skills: &[String], found: &[Found]) -> Vec<Found> {
    let has = |skill: &str| {
        let wanted = taxonomy.resolve(skill);
        skills.iter().any(|tag| {
            let tag = tag.as_str();
            tag.eq_ignore_ascii_case(skill) || (wanted.is_some() && taxonomy.resolve(tag) == wanted)
        })
    };
    found
        .iter()
        .filter(|f| !has(&f.skill) && SkillTag::parse(&f.skill).is_ok())
        .cloned()
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_cleaned() {
        assert_eq!(clean_file_name(Some("C:\\cv\\ana.pdf"), None), "ana.pdf");
        assert_eq!(clean_file_name(Some("../../x.docx"), None), "x.docx");
        assert_eq!(
            clean_file_name(Some("  "), Some(ResumeKind::Pdf)),
            "resume.pdf"
        );
        assert_eq!(clean_file_name(None, None), "resume.txt");
    }

    #[test]
    fn detection_uses_aliases_and_estimates_years() {
        let taxonomy = Taxonomy::shipped().unwrap();
        let text = "Skills: k8s\nAcme, 2018 - 2022\nBuilt services on Postgres and Kafka.\n";
        let found = detect(&taxonomy, text, 2026);
        let ids: Vec<_> = found.iter().map(|f| f.skill.as_str()).collect();
        assert_eq!(ids, ["kubernetes", "postgresql", "kafka"]);
        assert_eq!(found[0].years, None, "a skills list has no dates");
        assert_eq!(found[1].years, Some(4.0));
        assert_eq!(found[1].last_used_year, Some(2022));
    }
}
