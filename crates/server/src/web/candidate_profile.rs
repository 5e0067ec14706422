//! The candidate page's profile (issue #5): phone, city and country, time zone with its current UTC
//! offset, links, skills with years and last use, level (stated or estimated), availability, engagement, work modes and relocation, authorization, industries, consent
//! (flagged once past), source, tags, and the vetting status with its history and form.

use super::candidates::{candidate_page_with, load_candidate};
use super::render::{parse_form, see_other, View};
use crate::auth::WebUser;
use crate::error::AppError;
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::post;
use axum::Router;
use chrono::{DateTime, Utc};
use hireloop_core::authz::Action;
use hireloop_core::candidate::Candidate;
use hireloop_core::candidate_profile::{
    format_utc_offset, utc_offset_minutes_at, VettingEvent, VettingInput,
};
use hireloop_core::work_mode::relocation_label;
use minijinja::{context, Value};
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new().route("/candidates/{id}/vetting", post(set_vetting))
}

/// What the page shows of the profile; `now` gives the zone's current offset and the consent flag.
pub fn profile_view(candidate: &Candidate, now: DateTime<Utc>) -> Value {
    let p = &candidate.profile;
    let skills: Vec<_> = candidate
        .skills
        .iter()
        .map(|tag| {
            let detail = p.skill_details.iter().find(|d| &d.skill == tag);
            context! {
                name => tag.as_str(),
                // "6", "2.5": years are kept in halves.
                years => detail.and_then(|d| d.years).map(|y| format!("{y}")),
                last_used => detail.and_then(|d| d.last_used_year),
            }
        })
        .collect();
    let links: Vec<_> = [
        ("GitHub", &p.links.github),
        ("LinkedIn", &p.links.linkedin),
        ("Website", &p.links.website),
    ]
    .into_iter()
    .filter_map(|(label, url)| url.as_ref().map(|u| context! { label => label, url => u }))
    .collect();
    let today = now.date_naive();
    context! {
        timezone => p.timezone.as_ref().map(|z| z.as_str()),
        utc_offset => p.timezone.as_ref()
            .and_then(|z| utc_offset_minutes_at(z, now))
            .map(format_utc_offset),
        links => links,
        skills => skills,
        primary_language => p.primary_language.as_ref().map(|l| l.as_str()),
        // "Senior (stated)" or "Senior, estimated from 6.5 years of work history (StepTo 2026 bands)".
        level => candidate.level().map(|found| found.describe()),
        phone => p.phone.as_ref().map(|x| x.as_str()),
        // tel: links want the digits, with + when the number is international.
        phone_href => p.phone.as_ref().map(|x| {
            format!("{}{}", if x.is_international() { "+" } else { "" }, x.key())
        }),
        place => place(candidate),
        available_from => p.available_from.map(|d| d.to_string()),
        available_now => p.available_from.is_some_and(|d| d <= today),
        hours_per_week => p.hours_per_week,
        engagement => p.engagement.iter().map(|e| e.label()).collect::<Vec<_>>(),
        work_authorization => p.work_authorization.clone(),
        work_modes => p.work_modes.iter().map(|m| m.label()).collect::<Vec<_>>(),
        relocation => relocation_label(p.open_to_relocation),
        industries => p.industries.clone(),
        consent_until => p.consent_until.map(|d| d.to_string()),
        consent_expired => p.consent_expired(today),
        source => p.source_channel.map(|s| s.label()),
        tags => p.tags.clone(),
        vetting_status => candidate.vetting_status.as_str(),
        vetting_label => candidate.vetting_status.label(),
    }
}

/// "Novi Sad, RS", "RS", "Novi Sad", or `None` when neither is known.
fn place(candidate: &Candidate) -> Option<String> {
    let p = &candidate.profile;
    let parts: Vec<&str> = [
        p.city.as_ref().map(|c| c.as_str()),
        p.country.as_ref().map(|c| c.as_str()),
    ]
    .into_iter()
    .flatten()
    .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// The vetting history as the page lists it, and the moves the form offers from the status now.
pub fn vetting_view(candidate: &Candidate, history: &[VettingEvent]) -> Value {
    let events: Vec<_> = history
        .iter()
        .map(|e| {
            context! {
                from => e.from_status.label(),
                to => e.to_status.label(),
                by => e.actor_name.as_ref().map(|n| n.as_str()),
                note => e.note.as_ref().map(|n| n.as_str()),
                at => e.at.format("%Y-%m-%d %H:%M UTC").to_string(),
            }
        })
        .collect();
    let moves: Vec<_> = candidate
        .vetting_status
        .next()
        .iter()
        .map(|s| context! { value => s.as_str(), label => s.label() })
        .collect();
    context! { history => events, moves => moves }
}

#[derive(Debug, Default, Deserialize)]
struct VettingForm {
    #[serde(default)]
    status: String,
    #[serde(default)]
    note: String,
}

/// POST /candidates/{id}/vetting
async fn set_vetting(
    State(state): State<AppState>,
    WebUser(auth): WebUser,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let view = View::new(&state, &auth);
    let result = async {
        view.authorize(Action::VetCandidates)?;
        let candidate = load_candidate(&view, &id).await?;
        let form: VettingForm = parse_form(&body)?;
        let input = VettingInput {
            status: form.status,
            note: Some(form.note).filter(|n| !n.trim().is_empty()),
        };
        let actor = view.principal()?.user_id;
        let moved = match input.parse() {
            Ok(change) => view
                .state
                .set_vetting(candidate.id, &change, Some(actor))
                .await
                .map_err(AppError::from),
            Err(errors) => Err(AppError::Validation(errors)),
        };
        match moved {
            Ok(_) => Ok(see_other(&format!("/candidates/{}", candidate.id))),
            Err(err @ (AppError::Validation(_) | AppError::Conflict { .. })) => {
                let message = err
                    .field_errors()
                    .errors
                    .iter()
                    .map(|e| e.message.clone())
                    .collect::<Vec<_>>()
                    .join("; ");
                candidate_page_with(&view, &candidate, err.status(), None, Some(message)).await
            }
            Err(err) => Err(err),
        }
    };
    view.finish(result.await)
}
