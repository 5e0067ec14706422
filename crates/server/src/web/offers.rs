//! The offer page (`/applications/{id}/offer`): the offer form, the completeness checklist with
//! what is still unanswered, the comparison with the market band, the status buttons the viewer may
//! use and every kept version. Saving and status changes go through `api::offers`, the same path as
//! the API's. Also the routes of the trial and onboarding pages.

use super::render::{field_messages, parse_form, see_other, View};
use super::{onboarding, trial};
use crate::api::offers::{offer_view, save_offer, transition, OfferView, TransitionInput};
use crate::application_context::ApplicationContext;
use crate::auth::WebUser;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use chrono::NaiveDate;
use hireloop_core::authz::Action;
use hireloop_core::ids::{ApplicationId, UserId};
use hireloop_core::interview::{Offer, OfferChecklist, OfferInput, OfferStatus};
use hireloop_core::market::advice::Engagement;
use hireloop_core::market::money;
use hireloop_core::money::{MoneyInput, RatePeriod};
use hireloop_core::scorecard::Conversion;
use hireloop_core::ValidationErrors;
use minijinja::{context, Value};
use std::collections::{BTreeMap, HashMap};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/applications/{id}/offer", get(show).post(save))
        .route("/applications/{id}/offer/transition", post(change_status))
        .route(
            "/applications/{id}/trial",
            get(trial::show).post(trial::start),
        )
        .route("/applications/{id}/trial/outcome", post(trial::outcome))
        .route(
            "/applications/{id}/onboarding",
            get(onboarding::show).post(onboarding::generate),
        )
        .route(
            "/applications/{id}/onboarding/tasks/{task_id}",
            post(onboarding::tick),
        )
        .route(
            "/applications/{id}/onboarding/quality",
            post(onboarding::rate),
        )
}

/// A form as typed, by field name; the names are the API's field paths, so errors land on them.
pub(super) type Form = BTreeMap<String, String>;

/// The application the viewer may see, by the id in the URL; otherwise not found.
pub(super) async fn load(view: &View<'_>, raw_id: &str) -> AppResult<ApplicationContext> {
    let id: ApplicationId = raw_id
        .parse()
        .map_err(|_| AppError::NotFound("application"))?;
    ApplicationContext::load(view.state, &view.principal()?, id).await
}

/// The trimmed value of `name`, "" when absent.
pub(super) fn value<'a>(form: &'a Form, name: &str) -> &'a str {
    form.get(name).map_or("", |v| v.trim())
}

fn optional(form: &Form, name: &str) -> Option<String> {
    Some(value(form, name).to_string()).filter(|v| !v.is_empty())
}

/// A `YYYY-MM-DD` date field, or a message for it.
pub(super) fn date_field(
    form: &Form,
    name: &str,
    errors: &mut ValidationErrors,
) -> Option<NaiveDate> {
    let raw = value(form, name);
    let parsed = NaiveDate::parse_from_str(raw, "%Y-%m-%d").ok();
    if parsed.is_none() {
        errors.add(name, format!("enter a date as YYYY-MM-DD (got '{raw}')"));
    }
    parsed
}

const CHECKLIST: [(&str, &str, &str); 6] = [
    (
        "ownership",
        "What they will own",
        "Services, systems and outcomes",
    ),
    (
        "decision_making",
        "How decisions are made",
        "Technical and product decisions, and who makes them",
    ),
    (
        "incident_support",
        "Incident support",
        "Support during incidents and the on-call rota",
    ),
    (
        "on_call_pay",
        "On-call pay",
        "How on-call is compensated; \"none\" is an answer",
    ),
    (
        "growth_path",
        "Growth path",
        "Where the role can lead in one to three years",
    ),
    (
        "review_culture",
        "Review and documentation culture",
        "Code review, design docs, decision records",
    ),
];

/// The typed form as the API's input; what cannot even be read (a word for a number) is named here,
/// the rest is the core's to check.
fn offer_input(form: &Form) -> Result<OfferInput, ValidationErrors> {
    let mut errors = ValidationErrors::default();
    let mut number = |name: &str, required: bool| -> Option<i64> {
        let raw = value(form, name);
        if raw.is_empty() && !required {
            return None;
        }
        let parsed = raw.replace([',', '_', ' '], "").parse::<i64>().ok();
        if parsed.is_none() {
            errors.add(name, format!("enter a whole number (got '{raw}')"));
        }
        parsed
    };
    let amount = number("compensation.pay.amount", true);
    let bonus_percent = number("compensation.bonus_percent", false);
    let after_months = number("conversion.after_months", false);
    let start_date = date_field(form, "start_date", &mut errors);
    let engagement = value(form, "engagement").to_string();
    let conversion = (engagement == Engagement::ContractToHire.as_str()).then(|| Conversion {
        after_months: after_months.and_then(|m| u8::try_from(m).ok()),
        criteria: value(form, "conversion.criteria")
            .lines()
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty())
            .collect(),
        decision_maker: optional(form, "conversion.decision_maker"),
    });
    let item = |name: &str| optional(form, &format!("checklist.{name}"));
    let checklist = OfferChecklist {
        ownership: item("ownership"),
        decision_making: item("decision_making"),
        incident_support: item("incident_support"),
        on_call_pay: item("on_call_pay"),
        growth_path: item("growth_path"),
        review_culture: item("review_culture"),
    };
    match (amount, start_date) {
        (Some(amount), Some(start_date)) if errors.is_empty() => Ok(OfferInput {
            compensation: hireloop_core::interview::offer::CompensationInput {
                pay: MoneyInput {
                    amount,
                    currency: optional(form, "compensation.pay.currency"),
                    period: value(form, "compensation.pay.period").to_string(),
                },
                equity: optional(form, "compensation.equity"),
                bonus_percent,
            },
            engagement,
            start_date,
            checklist,
            conversion,
        }),
        _ => Err(errors),
    }
}

/// The form filled with an offer's terms, to change them.
fn form_of(offer: &Offer) -> Form {
    let pay = &offer.compensation.pay;
    let mut form = Form::new();
    let mut set = |k: &str, v: String| {
        form.insert(k.to_string(), v);
    };
    set("compensation.pay.amount", pay.amount.to_string());
    set(
        "compensation.pay.currency",
        pay.currency.as_str().to_string(),
    );
    set("compensation.pay.period", pay.period.as_str().to_string());
    set(
        "compensation.equity",
        offer.compensation.equity.clone().unwrap_or_default(),
    );
    set(
        "compensation.bonus_percent",
        offer
            .compensation
            .bonus_percent
            .map(|b| b.to_string())
            .unwrap_or_default(),
    );
    set("engagement", offer.engagement.as_str().to_string());
    set("start_date", offer.start_date.to_string());
    let c = &offer.checklist;
    for (name, text) in [
        ("ownership", &c.ownership),
        ("decision_making", &c.decision_making),
        ("incident_support", &c.incident_support),
        ("on_call_pay", &c.on_call_pay),
        ("growth_path", &c.growth_path),
        ("review_culture", &c.review_culture),
    ] {
        set(
            &format!("checklist.{name}"),
            text.clone().unwrap_or_default(),
        );
    }
    if let Some(conv) = &offer.conversion {
        set(
            "conversion.after_months",
            conv.after_months.map(|m| m.to_string()).unwrap_or_default(),
        );
        set("conversion.criteria", conv.criteria.join("\n"));
        set(
            "conversion.decision_maker",
            conv.decision_maker.clone().unwrap_or_default(),
        );
    }
    form
}

/// GET /applications/{id}/offer
pub async fn show(
    State(state): State<AppState>,
    WebUser(auth): WebUser,
    Path(id): Path<String>,
) -> Response {
    let view = View::new(&state, &auth);
    let result = async {
        let ctx = load(&view, &id).await?;
        view.authorize(Action::ViewOffers)?;
        let posted = Posted::default();
        offer_page(&view, &ctx, StatusCode::OK, posted).await
    };
    view.finish(result.await)
}

/// What a refused post leaves on the page: the form as typed and the problems.
#[derive(Default)]
struct Posted {
    form: Option<Form>,
    errors: ValidationErrors,
    /// A refused status change, shown above the buttons.
    status_error: Option<String>,
}

/// POST /applications/{id}/offer: a new offer (`mode=create`) or new terms for the open one.
pub async fn save(
    State(state): State<AppState>,
    WebUser(auth): WebUser,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let view = View::new(&state, &auth);
    let result = async {
        let ctx = load(&view, &id).await?;
        let form: Form = parse_form(&body)?;
        let replace = value(&form, "mode") == "update";
        let saved = match offer_input(&form) {
            Ok(input) => save_offer(
                view.state,
                &view.principal()?,
                ctx.application.id,
                &input,
                replace,
            )
            .await
            .map(|_| ()),
            Err(errors) => Err(AppError::Validation(errors)),
        };
        match saved {
            Ok(()) => Ok(see_other(&format!(
                "/applications/{}/offer",
                ctx.application.id
            ))),
            Err(err @ (AppError::Validation(_) | AppError::Conflict { .. })) => {
                let mut errors = err.field_errors();
                if errors.is_empty() {
                    errors.add("offer", err.to_string());
                }
                let posted = Posted {
                    form: Some(form),
                    errors,
                    status_error: None,
                };
                offer_page(&view, &ctx, err.status(), posted).await
            }
            Err(err) => Err(err),
        }
    };
    view.finish(result.await)
}

/// POST /applications/{id}/offer/transition
pub async fn change_status(
    State(state): State<AppState>,
    WebUser(auth): WebUser,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let view = View::new(&state, &auth);
    let result = async {
        let ctx = load(&view, &id).await?;
        let form: Form = parse_form(&body)?;
        let version = match value(&form, "version") {
            "" => None,
            raw => Some(
                raw.parse::<i64>()
                    .map_err(|_| AppError::field("version", "not a version number"))?,
            ),
        };
        let input = TransitionInput {
            to: value(&form, "to").to_string(),
            note: optional(&form, "note"),
            version,
        };
        match transition(view.state, &view.principal()?, ctx.application.id, &input).await {
            Ok(_) => Ok(see_other(&format!(
                "/applications/{}/offer",
                ctx.application.id
            ))),
            Err(err @ (AppError::Validation(_) | AppError::Conflict { .. })) => {
                // Name what is missing in words, as the checklist on the page does.
                let message = match &err {
                    AppError::Validation(errors) => errors
                        .errors
                        .iter()
                        .map(|e| format!("{}: {}", checklist_label(&e.field), e.message))
                        .collect::<Vec<_>>()
                        .join("; "),
                    other => other.to_string(),
                };
                let ctx = load(&view, &id).await?;
                let posted = Posted {
                    form: None,
                    errors: ValidationErrors::default(),
                    status_error: Some(message),
                };
                offer_page(&view, &ctx, err.status(), posted).await
            }
            Err(err) => Err(err),
        }
    };
    view.finish(result.await)
}

fn checklist_label(field: &str) -> &str {
    let name = field.strip_prefix("checklist.").unwrap_or(field);
    CHECKLIST
        .iter()
        .find(|(n, _, _)| *n == name)
        .map_or(field, |(_, label, _)| label)
}

async fn offer_page(
    view: &View<'_>,
    ctx: &ApplicationContext,
    status: StatusCode,
    posted: Posted,
) -> AppResult<Response> {
    let store = &view.state.store;
    let current = store.current_offer(ctx.application.id).await?;
    let shown = current.map(|record| offer_view(view.state, ctx, record));
    let may_manage = view.may(Action::ManageOffers);
    // A new offer once there is none or the last one was declined or withdrawn; else the open one
    // is changed.
    let mode = match shown.as_ref().map(|v| v.status) {
        None => Some("create"),
        // An accepted offer is the end of the road: nothing to make or change.
        Some(OfferStatus::Accepted) => None,
        Some(s) if s.is_final() => Some("create"),
        Some(OfferStatus::Draft | OfferStatus::Approved) => Some("update"),
        Some(_) => None,
    }
    .filter(|_| may_manage && !ctx.application.stage.is_closed());
    let form = posted.form.unwrap_or_else(|| match (&shown, mode) {
        (Some(v), Some("update")) => form_of(&v.record.offer),
        _ => Form::new(),
    });
    let versions = versions(view, ctx.application.id).await?;
    let checklist: Vec<Value> = CHECKLIST
        .iter()
        .map(|(name, label, hint)| {
            let field = format!("checklist.{name}");
            context! {
                field => field,
                label => label,
                hint => hint,
                value => value(&form, &field),
                missing => shown.as_ref().is_some_and(|v| v.missing.contains(name)),
            }
        })
        .collect();
    let engagements: Vec<Value> = Engagement::ALL
        .iter()
        .map(|e| context! { value => e.as_str(), label => e.label() })
        .collect();
    let periods: Vec<Value> = RatePeriod::ALL
        .iter()
        .map(|p| context! { value => p.as_str(), label => p.label() })
        .collect();
    let form_values: BTreeMap<&str, &str> =
        form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    Ok(view.page_with_status(
        status,
        "offer.html",
        context! {
            section => "roles",
            tabs => ctx.tabs("offer"),
            application => context! {
                id => ctx.application.id.to_string(),
                stage => ctx.application.stage.label(),
                closed => ctx.application.stage.is_closed(),
            },
            offer => shown.as_ref().map(|v| offer_context(view, v)),
            mode => mode,
            form => form_values,
            errors => field_messages(&posted.errors),
            status_error => posted.status_error,
            checklist => checklist,
            engagements => engagements,
            periods => periods,
            versions => versions,
        },
    ))
}

fn offer_context(view: &View<'_>, shown: &OfferView) -> Value {
    let offer = &shown.record.offer;
    let may = |to: OfferStatus| {
        view.may(if to == OfferStatus::Approved {
            Action::ApproveOffers
        } else {
            Action::ManageOffers
        })
    };
    let buttons: Vec<Value> = shown
        .next
        .iter()
        .filter(|to| may(**to))
        .map(|to| context! { value => to.as_str(), label => button_label(*to) })
        .collect();
    let unit = match offer.compensation.pay.period {
        RatePeriod::Hour => "USD/h",
        RatePeriod::Year => "USD/yr",
    };
    let market = shown.market_comparison.as_ref().map(|check| {
        context! {
            verdict => format!("{:?}", check.verdict).to_lowercase(),
            band => check.market.to_string(),
            unit => unit,
            gap => money(check.gap),
            gap_percent => format!("{:.0}", check.gap_percent),
            advice => check.advice.clone(),
            used => check.used.iter().map(|c| context! { what => c.what.as_str(), value => c.value.as_str(), source => c.source.as_str() }).collect::<Vec<_>>(),
        }
    });
    let missing: Vec<&str> = shown.missing.iter().map(|m| checklist_label(m)).collect();
    context! {
        status => offer.status.as_str(),
        status_label => offer.status.label(),
        version => shown.record.version,
        pay => offer.compensation.pay.to_string(),
        equity => offer.compensation.equity.clone(),
        bonus_percent => offer.compensation.bonus_percent,
        engagement => offer.engagement.label(),
        start_date => offer.start_date.to_string(),
        conversion => offer.conversion.as_ref().map(|c| context! {
            after_months => c.after_months,
            criteria => c.criteria.clone(),
            decision_maker => c.decision_maker.clone(),
        }),
        missing => missing,
        buttons => buttons,
        market => market,
        market_note => shown.market_note.clone(),
    }
}

fn button_label(to: OfferStatus) -> &'static str {
    match to {
        OfferStatus::Draft => "Back to draft",
        OfferStatus::Approved => "Approve",
        OfferStatus::Sent => "Mark as sent",
        OfferStatus::Accepted => "Candidate accepted",
        OfferStatus::Declined => "Candidate declined",
        OfferStatus::Withdrawn => "Withdraw the offer",
    }
}

/// Every version, newest first, with who made it.
async fn versions(view: &View<'_>, id: ApplicationId) -> AppResult<Vec<Value>> {
    let store = &view.state.store;
    let mut names: HashMap<UserId, String> = HashMap::new();
    let mut out = Vec::new();
    for v in store.offer_versions(id).await?.into_iter().rev() {
        let actor = match v.actor_id {
            None => None,
            Some(user) => match names.get(&user) {
                Some(name) => Some(name.clone()),
                None => {
                    let name = store
                        .user(user)
                        .await?
                        .map_or_else(String::new, |u| u.name.as_str().to_string());
                    names.insert(user, name.clone());
                    Some(name)
                }
            },
        };
        out.push(context! {
            version => v.version,
            status => v.status.label(),
            pay => v.offer.compensation.pay.to_string(),
            start_date => v.offer.start_date.to_string(),
            at => v.at.format("%Y-%m-%d %H:%M UTC").to_string(),
            at_iso => v.at.to_rfc3339(),
            note => v.note,
            actor => actor,
        });
    }
    Ok(out)
}
