//! Duplicate candidates and merging them (issue #5): a candidate's likely duplicates with the
//! reasons, the pool-wide duplicate groups, the merge itself and a candidate's merge history.
//! Finding and merging need `ManageCandidates`; the history is for whoever may see the candidate.

use super::extract::{page_request, ApiJson, ApiQuery, PathId};
use crate::auth::ApiUser;
use crate::error::{AppError, AppResult, ErrorBody};
use crate::state::AppState;
use axum::extract::State;
use axum::routing::{get, post};
use axum::{Json, Router};
use hireloop_core::authz::{authorize, visibility, Action, Principal};
use hireloop_core::candidate::Candidate;
use hireloop_core::candidate_merge::{CandidateMerge, MergeInput, MergeRequest};
use hireloop_core::duplicates::{DuplicateGroup, DuplicateMatch};
use hireloop_core::ids::{CandidateId, UserId};
use hireloop_core::page::Page;
use hireloop_store::merges::GroupsRequest;
use serde::{Deserialize, Serialize};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/candidates/duplicates", get(groups))
        .route("/api/v1/candidates/{id}/duplicates", get(duplicates))
        .route("/api/v1/candidates/{id}/merge", post(merge))
        .route("/api/v1/candidates/{id}/merges", get(history))
}

/// What a merge answers: the survivor as it is now and the merge record.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct MergeOutcome {
    pub candidate: Candidate,
    pub merge: CandidateMerge,
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct GroupsQuery {
    /// Groups per page, 1-200; 50 when omitted.
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// One page of duplicate groups, for the OpenAPI document.
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct DuplicateGroupPage {
    pub items: Vec<DuplicateGroup>,
    pub next_cursor: Option<String>,
}

/// The candidate if the principal may see them, else 404 (existence does not leak).
async fn visible(state: &AppState, principal: &Principal, id: CandidateId) -> AppResult<Candidate> {
    state
        .store
        .candidate(&visibility(principal), id)
        .await?
        .ok_or(AppError::NotFound("candidate"))
}

/// Merges and brings both in-process indexes up to date: the duplicate leaves them, the survivor
/// is re-indexed with its new fields and, for search, its newest resume text (it may have come
/// with the duplicate). Other servers follow through the change feed.
pub async fn merge_and_reindex(
    state: &AppState,
    survivor: CandidateId,
    request: &MergeRequest,
    actor: Option<UserId>,
) -> AppResult<(Candidate, CandidateMerge)> {
    let (candidate, merge) = state
        .store
        .merge_candidates(survivor, request.duplicate, actor, request.note.as_ref())
        .await?;
    let changed = [candidate.id, request.duplicate];
    state
        .matching
        .apply(&changed, std::slice::from_ref(&candidate));
    let resumes = match state.store.newest_resume_texts(&[candidate.id]).await {
        Ok(texts) => texts.into_iter().collect(),
        Err(e) => {
            // The merge is done; the change feed re-reads the text on its next round.
            tracing::warn!(candidate = %candidate.id, error = %e, "resume text not read after a merge");
            Default::default()
        }
    };
    if let Err(e) = state
        .search
        .apply(&changed, std::slice::from_ref(&candidate), resumes)
    {
        tracing::error!(candidate = %candidate.id, error = %e, "search index not updated after a merge");
    }
    tracing::info!(survivor = %candidate.id, merged = %request.duplicate, "candidates merged");
    Ok((candidate, merge))
}

/// The candidate's likely duplicates, strongest reason first: `same_email` (the email with its
/// `+tag` dropped, and Gmail's dots), `same_phone` (digits with the country code),
/// `same_name_and_city` (name folded for case, accents and word order, in the same city).
#[utoipa::path(get, path = "/api/v1/candidates/{id}/duplicates", tag = "candidates",
    params(("id" = uuid::Uuid, Path)),
    responses((status = 200, body = Vec<DuplicateMatch>), (status = 400, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn duplicates(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathId(id): PathId<CandidateId>,
) -> AppResult<Json<Vec<DuplicateMatch>>> {
    let principal = user.principal();
    authorize(&principal, Action::ManageCandidates)?;
    visible(&state, &principal, id).await?;
    Ok(Json(state.store.candidate_duplicates(id).await?))
}

/// Every group of candidates in the pool that share an email key, a phone key, or a name in one
/// city, in that order; a candidate may be in several groups. Pages by `cursor`.
#[utoipa::path(get, path = "/api/v1/candidates/duplicates", tag = "candidates", params(GroupsQuery),
    responses((status = 200, body = DuplicateGroupPage), (status = 400, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn groups(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiQuery(query): ApiQuery<GroupsQuery>,
) -> AppResult<Json<Page<DuplicateGroup>>> {
    authorize(&user.principal(), Action::ManageCandidates)?;
    let limit = page_request(query.limit, None)?.limit;
    let request = GroupsRequest {
        limit,
        cursor: query.cursor.filter(|c| !c.trim().is_empty()),
    };
    Ok(Json(state.store.duplicate_groups(&request).await?))
}

/// Merges `duplicate_id` into this candidate, which stays: applications (with interviews,
/// feedback and offers), resume documents, vetting history and earlier merges move here; this
/// candidate keeps its fields and takes from the duplicate what it leaves unstated, skills as the
/// union with the larger years; the duplicate is removed and its full record kept in the merge
/// record. Both having an application for one role is 409 naming the role, and nothing changes.
#[utoipa::path(post, path = "/api/v1/candidates/{id}/merge", tag = "candidates",
    params(("id" = uuid::Uuid, Path)), request_body = MergeInput,
    responses((status = 200, body = MergeOutcome), (status = 400, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "Both candidates have an application for one role"),
        (status = 422, body = ErrorBody, description = "duplicate_id missing, unknown or the same candidate; note too short or long")))]
pub async fn merge(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathId(id): PathId<CandidateId>,
    ApiJson(input): ApiJson<MergeInput>,
) -> AppResult<Json<MergeOutcome>> {
    let principal = user.principal();
    authorize(&principal, Action::ManageCandidates)?;
    let request = input.parse(id)?;
    visible(&state, &principal, id).await?;
    let (candidate, merge) =
        merge_and_reindex(&state, id, &request, Some(principal.user_id)).await?;
    Ok(Json(MergeOutcome { candidate, merge }))
}

/// The merges into this candidate, oldest first: who merged whom, when, why, what moved, and the
/// merged candidate's full record as it was.
#[utoipa::path(get, path = "/api/v1/candidates/{id}/merges", tag = "candidates",
    params(("id" = uuid::Uuid, Path)),
    responses((status = 200, body = Vec<CandidateMerge>), (status = 400, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub async fn history(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathId(id): PathId<CandidateId>,
) -> AppResult<Json<Vec<CandidateMerge>>> {
    visible(&state, &user.principal(), id).await?;
    Ok(Json(state.store.candidate_merges(id).await?))
}
