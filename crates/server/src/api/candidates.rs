//! `/api/v1/candidates`: the talent pool. Interviewers see only candidates of applications they are
//! assigned to; any other candidate is a 404 to them, so its existence does not leak.

use super::extract::{ApiJson, ApiQuery, PageQuery, PathId};
use super::{created, Created};
use crate::auth::ApiUser;
use crate::error::{AppError, AppResult, ErrorBody};
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use hireloop_core::authz::{authorize, visibility, Action};
use hireloop_core::candidate::{Candidate, CandidateInput, SkillTag};
use hireloop_core::candidate_profile::{VettingEvent, VettingInput};
use hireloop_core::ids::CandidateId;
use hireloop_core::page::Page;

#[utoipa::path(get, path = "/api/v1/candidates", tag = "candidates", params(PageQuery),
    responses((status = 200, body = super::openapi::CandidatePage), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiQuery(query): ApiQuery<PageQuery>,
) -> AppResult<Json<Page<Candidate>>> {
    let scope = visibility(&user.principal());
    Ok(Json(
        state.store.list_candidates(&scope, &query.page()?).await?,
    ))
}

#[utoipa::path(post, path = "/api/v1/candidates", tag = "candidates", request_body = CandidateInput,
    responses((status = 201, body = Candidate, headers(("Location" = String, description = "The new candidate's URL"))),
        (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiJson(input): ApiJson<CandidateInput>,
) -> AppResult<Created<Candidate>> {
    authorize(&user.principal(), Action::ManageCandidates)?;
    let candidate = state.create_candidate(&input.parse()?).await?;
    Ok(created(
        format!("/api/v1/candidates/{}", candidate.id),
        candidate,
    ))
}

#[utoipa::path(get, path = "/api/v1/candidates/{id}", tag = "candidates", params(("id" = uuid::Uuid, Path)),
    responses((status = 200, body = Candidate), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathId(id): PathId<CandidateId>,
) -> AppResult<Json<Candidate>> {
    let scope = visibility(&user.principal());
    state
        .store
        .candidate(&scope, id)
        .await?
        .map(Json)
        .ok_or(AppError::NotFound("candidate"))
}

// ---- the extended profile and vetting (issue #5) -----------------------------------------------

/// Routes beyond the collection and one candidate's GET/PATCH (which `api::routes` declares).
pub fn routes() -> axum::Router<AppState> {
    axum::Router::new().route(
        "/api/v1/candidates/{id}/vetting",
        axum::routing::get(vetting_history).post(set_vetting),
    )
}

/// Changes some of a candidate's fields: a JSON merge patch (RFC 7386) over the candidate's
/// fields as `POST /api/v1/candidates` takes them. A field sent as `null` is cleared; fields not
/// sent stay; `links` merge key by key. The vetting status is not a field here (see `/vetting`).
#[utoipa::path(patch, path = "/api/v1/candidates/{id}", tag = "candidates",
    params(("id" = uuid::Uuid, Path)), request_body(content = Object,
        description = "Any of the fields of CandidateInput; null clears an optional one"),
    responses((status = 200, body = Candidate), (status = 400, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn update(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathId(id): PathId<CandidateId>,
    ApiJson(patch): ApiJson<serde_json::Value>,
) -> AppResult<Json<Candidate>> {
    let principal = user.principal();
    authorize(&principal, Action::ManageCandidates)?;
    if !patch.is_object() {
        return Err(AppError::BadRequest {
            field: None,
            message: "send a JSON object with the fields to change".into(),
        });
    }
    let existing = state
        .store
        .candidate(&visibility(&principal), id)
        .await?
        .ok_or(AppError::NotFound("candidate"))?;
    let mut before = existing.to_input();
    // New skills without new details: keep the details of the skills that stay, rather than
    // refuse the patch for describing a skill it just removed.
    if let (Some(skills), None) = (patch.get("skills"), patch.get("skill_details")) {
        let listed: Vec<SkillTag> = skills
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|s| s.as_str().and_then(|s| SkillTag::parse(s).ok()))
            .collect();
        before
            .skill_details
            .retain(|d| SkillTag::parse(&d.skill).is_ok_and(|t| listed.contains(&t)));
    }
    let mut merged =
        serde_json::to_value(before).map_err(|e| AppError::Internal(anyhow::Error::new(e)))?;
    merge_patch(&mut merged, patch);
    let bytes =
        serde_json::to_vec(&merged).map_err(|e| AppError::Internal(anyhow::Error::new(e)))?;
    let input: CandidateInput = super::extract::parse_json(&bytes)?;
    let candidate = state.update_candidate(id, &input.parse()?).await?;
    Ok(Json(candidate))
}

/// RFC 7386: objects merge key by key, `null` removes, anything else replaces.
fn merge_patch(target: &mut serde_json::Value, patch: serde_json::Value) {
    use serde_json::Value;
    match patch {
        Value::Object(changes) => {
            if !target.is_object() {
                *target = Value::Object(serde_json::Map::new());
            }
            if let Value::Object(fields) = target {
                for (key, value) in changes {
                    if value.is_null() {
                        fields.remove(&key);
                    } else {
                        merge_patch(fields.entry(key).or_insert(Value::Null), value);
                    }
                }
            }
        }
        other => *target = other,
    }
}

/// Moves the candidate's vetting status: unvetted → in_vetting → vetted | not_accepted, and back
/// to in_vetting from not_accepted. A move the rule forbids is 409 naming `status`; not accepted
/// needs a `note` saying why. Who and when are recorded with it.
#[utoipa::path(post, path = "/api/v1/candidates/{id}/vetting", tag = "candidates",
    params(("id" = uuid::Uuid, Path)), request_body = VettingInput,
    responses((status = 200, body = Candidate), (status = 400, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn set_vetting(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathId(id): PathId<CandidateId>,
    ApiJson(input): ApiJson<VettingInput>,
) -> AppResult<Json<Candidate>> {
    let principal = user.principal();
    authorize(&principal, Action::VetCandidates)?;
    let change = input.parse()?;
    let candidate = state
        .set_vetting(id, &change, Some(principal.user_id))
        .await?;
    Ok(Json(candidate))
}

/// The candidate's vetting changes, oldest first: from, to, who, when and why.
#[utoipa::path(get, path = "/api/v1/candidates/{id}/vetting", tag = "candidates",
    params(("id" = uuid::Uuid, Path)),
    responses((status = 200, body = Vec<VettingEvent>), (status = 404, body = ErrorBody)))]
pub async fn vetting_history(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathId(id): PathId<CandidateId>,
) -> AppResult<Json<Vec<VettingEvent>>> {
    // Whoever may see the candidate may see how they were vetted.
    state
        .store
        .candidate(&visibility(&user.principal()), id)
        .await?
        .ok_or(AppError::NotFound("candidate"))?;
    Ok(Json(state.store.vetting_history(id).await?))
}
