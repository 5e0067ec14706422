//! The OpenAPI 3 document, generated from the handlers' `#[utoipa::path]` annotations and served at
//! `/api/v1/openapi.json`. `Page<T>` is generic, so each list gets a concrete page schema here.

use super::{
    applications, candidates, decisions, feedback, health, import, interviews, loops, market,
    market_files, matches, merges, messages, offers, onboarding, resumes, roles, scorecards,
    search, tokens, trials, users,
};
use crate::error::{ErrorBody, ErrorPayload};
use axum::Json;
use hireloop_core::application::Application;
use hireloop_core::candidate::Candidate;
use hireloop_core::role::Role;
use hireloop_core::user::User;
use hireloop_store::records::ApiToken;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi, ToSchema};

/// The name of the bearer-token security scheme in the document.
pub const BEARER: &str = "bearer";

macro_rules! page_schema {
    ($(#[$doc:meta])* $name:ident, $item:ty) => {
        $(#[$doc])*
        #[derive(ToSchema)]
        #[allow(dead_code)]
        pub struct $name {
            pub items: Vec<$item>,
            /// Pass as `cursor` to get the next page; null on the last page.
            pub next_cursor: Option<String>,
        }
    };
}

page_schema!(
    /// One page of roles, newest first.
    RolePage, Role
);
page_schema!(
    /// One page of candidates, newest first.
    CandidatePage, Candidate
);
page_schema!(
    /// One page of applications, newest first.
    ApplicationPage, Application
);
page_schema!(
    /// One page of users, newest first.
    UserPage, User
);
page_schema!(
    /// The caller's API tokens, newest first, all on one page.
    ApiTokenPage, ApiToken
);

#[derive(OpenApi)]
#[openapi(
    info(
        title = "hireloop API",
        description = "Roles, candidates and applications through the interview loop. Errors are \
                       `{\"error\": {\"code\", \"message\", \"details\"}}`; lists are pages with `next_cursor`."
    ),
    paths(
        document,
        users::me, users::list, users::create,
        roles::list, roles::create, roles::get, roles::update_status, roles::board,
        scorecards::get, scorecards::put, scorecards::delete, scorecards::lint_body, scorecards::lint_stored,
        scorecards::jd_body, scorecards::jd_stored,
        loops::competencies, loops::templates, loops::role_loop, loops::copy_template,
        interviews::create, interviews::list, interviews::get, interviews::update, interviews::kit,
        interviews::mine, feedback::get_own, feedback::put_own, feedback::for_application, feedback::debrief_of,
        candidates::list, candidates::create, candidates::get, import::import,
        candidates::update, candidates::set_vetting, candidates::vetting_history,
        resumes::upload, resumes::list, resumes::get_one,
        merges::duplicates, merges::groups, merges::merge, merges::history,
        matches::list, matches::shortlist,
        search::search,
        offers::get, offers::create, offers::update, offers::transition_status, offers::versions,
        trials::get, trials::create, trials::outcome,
        onboarding::get, onboarding::create, onboarding::set_task, onboarding::quality,
        onboarding::quality_of_hire,
        applications::list, applications::create, applications::get, applications::move_stage,
        applications::history, applications::assign_interviewer,
        decisions::decide_one, decisions::decide_bulk, decisions::reasons,
        tokens::list, tokens::create, tokens::revoke,
        market::dataset, market::rates, market::salaries, market::cost, market::compare, market::benchmark,
        market::all_in, market::wrong_hire, market::junior_vs_senior, market::budget_check, market::timeline,
        market::advice_channel, market::advice_engagement, market::advice_team_shape,
        market_files::list, market_files::get, market_files::put, market_files::delete,
        messages::list_outbox, messages::get_message, messages::list_templates, messages::get_template,
        messages::put_template, messages::reset_template, messages::preview, messages::invite_ics,
        health::healthz, health::readyz, health::render_metrics,
    ),
    components(schemas(ErrorBody, ErrorPayload)),
    modifiers(&BearerScheme),
    security(("bearer" = [])),
    tags(
        (name = "roles", description = "Roles (requisitions) and their pipeline boards"),
        (name = "scorecards", description = "A role's scorecard as role-as-code (TOML, or the same model as JSON; \
            docs/role-as-code.md): stored when it parses, linted against the known mistakes of backend hiring \
            plans (each finding with its fix and source), and rendered as a job description in Markdown, HTML or \
            schema.org JobPosting JSON-LD. Parse errors are 422 naming the key path, with line and column for \
            TOML syntax and a \"did you mean\" for unknown keys."),
        (name = "candidates", description = "The talent pool"),
        (name = "matching", description = "The talent pool ranked against a role's scorecard: must-haves and \
            the primary language filter, nice-to-haves and the rest score; every result has its score breakdown, \
            matched and missing skills and reasons, and `notes` say what of the scorecard could not be used. \
            A shortlist puts chosen candidates on the role as sourced applications."),
        (name = "applications", description = "Candidates on roles, moving through the stages"),
        (name = "decisions", description = "Advance, reject or withdraw an application with a reason from the \
            shipped taxonomy and a note, one at a time or in bulk (each application in its own transaction, \
            reported decided or skipped with why); every decision is kept in the append-only stage history"),
        (name = "interviews", description = "The structured interview loop: competencies with behaviourally \
            anchored rubrics and questions, loop templates per level copied into a role's scorecard, and what a \
            role's loop leaves untested; interviews scheduled with their stage, competencies and panel (the panel \
            is assigned to the application), the interviewer's kit, feedback written by the panel only (drafts, \
            then submitted once), read under the independent-submission rule (an interviewer reads others' \
            feedback only after submitting their own; `hidden` counts what is held back), and the debrief"),
        (name = "offers", description = "An application's offer: compensation, engagement, start date, the \
            completeness checklist (approval needs every item answered) and contract-to-hire terms; draft → \
            approved (hiring manager or admin) → sent → accepted | declined | withdrawn, every edit and status \
            change kept as a version; compared with the market band for the role's level in the candidate's \
            region. Refused with 409 on a rejected or withdrawn application."),
        (name = "trials", description = "A paid trial with goals (up to the installation's maximum, 14 days by \
            default) and its outcome, recorded once: convert hires; replace and end reject, and the role's matches \
            leave the candidate out."),
        (name = "onboarding", description = "The hire's 30/60/90-day plan from the shipped template and the \
            role's scope, with owners and due dates; tasks ticked by anyone who sees the application; the 90-day \
            quality-of-hire rating on the rubric's 1-4 scale."),
        (name = "users", description = "Who can log in"),
        (name = "tokens", description = "API tokens"),
        (name = "market", description = "Market benchmarks (each figure with its source and year) and what is \
            computed from them: rate and salary bands, cost of a hire, budget check, time to hire, channel and \
            engagement advice. Computed answers carry `dataset_version` and the figures used. A combination the \
            dataset has no figure for is refused with 422 and code `no_benchmark`, never estimated; a bad input \
            is 422 `validation_failed` naming the field (unknown values list the known ones)."),
        (name = "messages", description = "Communication: the outbox of every message written (interview invites \
            with their .ics, feedback reminders, rejections, offers) and its delivery, and the templates they are \
            written from. Templates are minijinja with strict variables: a template using a variable its event \
            does not offer, or with a syntax error, is refused at save time with 422 naming `subject` or `body`."),
        (name = "operations", description = "Health, readiness and metrics"),
    )
)]
pub struct ApiDoc;

struct BearerScheme;

impl Modify for BearerScheme {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            BEARER,
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "An API token (hl_…) from POST /api/v1/tokens or `hireloop user token`",
                    ))
                    .build(),
            ),
        );
    }
}

/// This document. No login needed: clients read it to learn how to log in.
#[utoipa::path(get, path = "/api/v1/openapi.json", tag = "operations", security(()),
    responses((status = 200, description = "The OpenAPI 3 document", content_type = "application/json")))]
pub async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
