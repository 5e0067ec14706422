//! `/api/v1/applications/{id}/offer`: the offer with its completeness checklist, its comparison
//! with the market band and every version kept; status changes go through the core status machine.
//! The pages (`web/offers.rs`) call the same functions, so both check and store alike.

use super::extract::{ApiJson, PathId};
use super::{created, Created};
use crate::application_context::ApplicationContext;
use crate::auth::ApiUser;
use crate::error::{AppError, AppResult, ErrorBody};
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use hireloop_core::authz::{authorize, Action, Principal};
use hireloop_core::ids::ApplicationId;
use hireloop_core::interview::{market_comparison, OfferInput, OfferStatus};
use hireloop_core::market::cost::BudgetCheck;
use hireloop_store::records::{OfferRecord, OfferVersion};
use serde::{Deserialize, Serialize};

/// The longest note on a status change, in characters.
pub const MAX_NOTE_CHARS: usize = 1000;

/// An offer with what the team needs beside it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct OfferView {
    #[serde(flatten)]
    pub record: OfferRecord,
    /// Where the offer stands (also in `offer.status`).
    pub status: OfferStatus,
    /// Checklist items still unanswered, by field name: approval needs every one.
    pub missing: Vec<&'static str>,
    /// The statuses the offer can move to next.
    pub next: Vec<OfferStatus>,
    /// The offer's pay against the market band for the role's level in the candidate's region.
    pub market_comparison: Option<BudgetCheck>,
    /// Why there is no comparison, when there is none.
    pub market_note: Option<String>,
}

/// A status change.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TransitionInput {
    /// approved, sent, accepted, declined, withdrawn (or draft, from approved).
    pub to: String,
    #[serde(default)]
    pub note: Option<String>,
    /// The version the caller saw; a change made meanwhile is then a 409 instead of being acted on blindly.
    #[serde(default)]
    pub version: Option<i64>,
}

/// The offer as shown: checklist gaps, next statuses and the market comparison.
pub fn offer_view(state: &AppState, ctx: &ApplicationContext, record: OfferRecord) -> OfferView {
    let offer = &record.offer;
    let (market_comparison, market_note) = match ctx.candidate.region {
        None => (
            None,
            Some(
                "the candidate has no region: set it to compare the offer with the market band"
                    .into(),
            ),
        ),
        Some(region) => {
            let data = state.market.dataset();
            match market_comparison(offer, &data, ctx.role.level, region.as_str()) {
                Ok(check) => (Some(check), None),
                Err(err) => (None, Some(err.to_string())),
            }
        }
    };
    OfferView {
        status: offer.status,
        missing: offer.checklist.missing(),
        next: offer.status.next().to_vec(),
        market_comparison,
        market_note,
        record,
    }
}

/// Checks the input and stores it as a new offer (`replace` false) or as new terms for the open one.
pub async fn save_offer(
    state: &AppState,
    principal: &Principal,
    id: ApplicationId,
    input: &OfferInput,
    replace: bool,
) -> AppResult<(ApplicationContext, OfferRecord)> {
    authorize(principal, Action::ManageOffers)?;
    let ctx = ApplicationContext::load(state, principal, id).await?;
    let terms = input.parse(crate::matching::today())?;
    let actor = Some(principal.user_id);
    let record = if replace {
        state.store.update_offer(id, &terms, actor).await?
    } else {
        state.store.create_offer(id, &terms, actor).await?
    };
    Ok((ctx, record))
}

/// Checks and applies a status change. Approving needs `ApproveOffers`; the rest `ManageOffers`.
pub async fn transition(
    state: &AppState,
    principal: &Principal,
    id: ApplicationId,
    input: &TransitionInput,
) -> AppResult<(ApplicationContext, OfferRecord)> {
    let to: OfferStatus = input
        .to
        .parse()
        .map_err(|message: String| AppError::field("to", message))?;
    authorize(
        principal,
        if to == OfferStatus::Approved {
            Action::ApproveOffers
        } else {
            Action::ManageOffers
        },
    )?;
    let note = input
        .note
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty());
    if let Some(n) = note.filter(|n| n.chars().count() > MAX_NOTE_CHARS) {
        return Err(AppError::field(
            "note",
            format!(
                "must be at most {MAX_NOTE_CHARS} characters (got {})",
                n.chars().count()
            ),
        ));
    }
    let ctx = ApplicationContext::load(state, principal, id).await?;
    let record = state
        .store
        .transition_offer(id, to, note, input.version, Some(principal.user_id))
        .await?;
    if record.offer.status == OfferStatus::Sent {
        offer_sent(state, &ctx, &record).await;
    }
    Ok((ctx, record))
}

/// The one place an offer becomes `sent`, for the API and the pages alike: what goes out to the
/// candidate with it (the offer email) hooks in here.
async fn offer_sent(state: &AppState, ctx: &ApplicationContext, record: &OfferRecord) {
    tracing::info!(application = %ctx.application.id, offer = %record.id, version = record.version, "offer sent");
    crate::mail::notify::offer_sent(state, ctx.application.id, &record.offer).await;
}

async fn viewable(
    state: &AppState,
    principal: &Principal,
    id: ApplicationId,
) -> AppResult<ApplicationContext> {
    let ctx = ApplicationContext::load(state, principal, id).await?;
    authorize(principal, Action::ViewOffers)?;
    Ok(ctx)
}

#[utoipa::path(get, path = "/api/v1/applications/{id}/offer", tag = "offers", params(("id" = Uuid, Path)),
    responses((status = 200, body = OfferView), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody, description = "No such application, or no offer yet")))]
pub async fn get(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathId(id): PathId<ApplicationId>,
) -> AppResult<Json<OfferView>> {
    let ctx = viewable(&state, &user.principal(), id).await?;
    let record = state
        .store
        .current_offer(id)
        .await?
        .ok_or(AppError::NotFound("offer"))?;
    Ok(Json(offer_view(&state, &ctx, record)))
}

#[utoipa::path(post, path = "/api/v1/applications/{id}/offer", tag = "offers", params(("id" = Uuid, Path)),
    request_body = OfferInput,
    responses((status = 201, body = OfferView, headers(("Location" = String, description = "The offer's URL"))),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "The application is rejected or withdrawn, or has an open offer"),
        (status = 422, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathId(id): PathId<ApplicationId>,
    ApiJson(input): ApiJson<OfferInput>,
) -> AppResult<Created<OfferView>> {
    let (ctx, record) = save_offer(&state, &user.principal(), id, &input, false).await?;
    Ok(created(
        format!("/api/v1/applications/{id}/offer"),
        offer_view(&state, &ctx, record),
    ))
}

#[utoipa::path(put, path = "/api/v1/applications/{id}/offer", tag = "offers", params(("id" = Uuid, Path)),
    request_body = OfferInput,
    responses((status = 200, body = OfferView, description = "The new version; an approved offer is back in draft"),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "The offer was sent or is final, or the application is closed"),
        (status = 422, body = ErrorBody)))]
pub async fn update(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathId(id): PathId<ApplicationId>,
    ApiJson(input): ApiJson<OfferInput>,
) -> AppResult<Json<OfferView>> {
    let (ctx, record) = save_offer(&state, &user.principal(), id, &input, true).await?;
    Ok(Json(offer_view(&state, &ctx, record)))
}

#[utoipa::path(post, path = "/api/v1/applications/{id}/offer/transition", tag = "offers",
    params(("id" = Uuid, Path)), request_body = TransitionInput,
    responses((status = 200, body = OfferView),
        (status = 403, body = ErrorBody, description = "Approving is for hiring managers and admins"),
        (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "Not a next status, the application is closed, or the offer changed meanwhile"),
        (status = 422, body = ErrorBody, description = "Approval with checklist items unanswered: each is named as `checklist.<item>`")))]
pub async fn transition_status(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathId(id): PathId<ApplicationId>,
    ApiJson(input): ApiJson<TransitionInput>,
) -> AppResult<Json<OfferView>> {
    let (ctx, record) = transition(&state, &user.principal(), id, &input).await?;
    Ok(Json(offer_view(&state, &ctx, record)))
}

#[utoipa::path(get, path = "/api/v1/applications/{id}/offer/versions", tag = "offers",
    params(("id" = Uuid, Path)),
    responses((status = 200, body = [OfferVersion], description = "Every version of every offer, oldest first"),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn versions(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathId(id): PathId<ApplicationId>,
) -> AppResult<Json<Vec<OfferVersion>>> {
    viewable(&state, &user.principal(), id).await?;
    Ok(Json(state.store.offer_versions(id).await?))
}

/// The routes for offers, trials and onboarding: what follows the interviews.
pub fn routes() -> axum::Router<AppState> {
    use super::{offers, onboarding, trials};
    use axum::routing::{get, post};
    axum::Router::new()
        .route(
            "/api/v1/applications/{id}/offer",
            get(offers::get).post(create).put(update),
        )
        .route(
            "/api/v1/applications/{id}/offer/transition",
            post(transition_status),
        )
        .route("/api/v1/applications/{id}/offer/versions", get(versions))
        .route(
            "/api/v1/applications/{id}/trial",
            get(trials::get).post(trials::create),
        )
        .route(
            "/api/v1/applications/{id}/trial/outcome",
            post(trials::outcome),
        )
        .route(
            "/api/v1/applications/{id}/onboarding",
            get(onboarding::get).post(onboarding::create),
        )
        .route(
            "/api/v1/applications/{id}/onboarding/tasks/{task_id}",
            post(onboarding::set_task),
        )
        .route(
            "/api/v1/applications/{id}/onboarding/quality",
            post(onboarding::quality),
        )
        .route(
            "/api/v1/applications/{id}/quality-of-hire",
            get(onboarding::quality_of_hire),
        )
}
