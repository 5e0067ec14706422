//! Role scorecards through the JSON API: stored as role-as-code TOML and read back as TOML or JSON,
//! linted (stored or not), refused with key paths when they do not parse, and rendered as job
//! descriptions in Markdown, HTML and JobPosting JSON-LD, on every backend.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use common::{on_each_backend, Api, TestApp};
use hireloop_core::user::UserRole;
use serde_json::{json, Value};

const GOOD: &str = include_str!("../../../examples/roles/senior-go-payments.toml");
const GOOD_ENTERPRISE: &str =
    include_str!("../../../examples/roles/staff-java-platform-enterprise.toml");
const WISHLIST: &str = include_str!("../../../examples/roles/junior-wishlist.toml");
const UNDERPAID: &str = include_str!("../../../examples/roles/senior-rails-underpaid.toml");
const CONTRACTOR: &str = include_str!("../../../examples/roles/contractor-core-owner.toml");

/// A response: status, content type (without parameters) and body text.
struct Reply {
    status: u16,
    content_type: String,
    text: String,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or_else(|_| panic!("not JSON: {}", self.text))
    }
}

async fn send(
    api: &Api,
    method: reqwest::Method,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<String>,
) -> Reply {
    let mut request = api.client.request(method, format!("{}{path}", api.base));
    if let Some(token) = &api.token {
        request = request.bearer_auth(token);
    }
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    if let Some(body) = body {
        request = request.body(body);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().split(';').next().unwrap().to_string())
        .unwrap_or_default();
    Reply {
        status,
        content_type,
        text: response.text().await.unwrap(),
    }
}

async fn put_toml(api: &Api, role: &str, text: &str) -> Reply {
    send(
        api,
        reqwest::Method::PUT,
        &format!("/api/v1/roles/{role}/scorecard"),
        &[("content-type", "application/toml")],
        Some(text.to_string()),
    )
    .await
}

async fn get(api: &Api, path: &str, headers: &[(&str, &str)]) -> Reply {
    send(api, reqwest::Method::GET, path, headers, None).await
}

async fn new_role(api: &Api) -> String {
    let (status, role) = api
        .post(
            "/api/v1/roles",
            &json!({"title": "Senior Go Engineer", "level": "senior", "primary_language": "Go"}),
        )
        .await;
    assert_eq!(status, 201, "{role}");
    role["id"].as_str().unwrap().to_string()
}

fn codes(lint: &Value) -> Vec<String> {
    lint["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect()
}

/// The `(field, message)` pairs of a 422.
fn field_errors(reply: &Reply) -> Vec<(String, String)> {
    assert_eq!(reply.status, 422, "{}", reply.text);
    let body = reply.json();
    assert_eq!(body["error"]["code"], "validation_failed");
    body["error"]["details"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["field"].as_str().unwrap().to_string(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[tokio::test]
async fn a_good_scorecard_is_stored_and_read_back_as_toml_and_json() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::HiringManager).await;
        let role = new_role(&api).await;
        let saved = put_toml(&api, &role, GOOD).await;
        assert_eq!(saved.status, 200, "{}", saved.text);
        let saved = saved.json();
        assert_eq!(saved["role_id"], role.as_str());
        assert_eq!(saved["lint"]["has_errors"], false, "{}", saved["lint"]);
        assert_eq!(saved["lint"]["errors"], 0);
        assert!(
            !codes(&saved["lint"]).contains(&"HL003".to_string()),
            "every skill is in the shipped taxonomy: {}",
            saved["lint"]
        );
        assert_eq!(
            saved["scorecard"]["title"],
            "Senior Go Engineer, Payments API (Remote)"
        );
        let stored_text = saved["toml"].as_str().unwrap().to_string();
        let id = role.parse::<hireloop_core::ids::RoleId>().unwrap();
        // The role row follows its scorecard: the roles list shows the scorecard's title.
        let (status, row) = api.get(&format!("/api/v1/roles/{role}")).await;
        assert_eq!(status, 200);
        assert_eq!(row["title"], "Senior Go Engineer, Payments API (Remote)");
        assert_eq!(row["primary_language"], "Go");
        assert_eq!(
            app.store.role_scorecard(id).await.unwrap().as_deref(),
            Some(stored_text.as_str())
        );

        let path = format!("/api/v1/roles/{role}/scorecard");
        for (query, headers) in [
            ("?format=toml", vec![]),
            ("", vec![("accept", "application/toml")]),
        ] {
            let toml = get(&api, &format!("{path}{query}"), &headers).await;
            assert_eq!(toml.status, 200, "{}", toml.text);
            assert_eq!(toml.content_type, "application/toml");
            assert_eq!(toml.text, stored_text, "exactly what was stored");
        }
        let as_json = get(&api, &path, &[]).await;
        assert_eq!(as_json.content_type, "application/json");
        let card = as_json.json();
        assert_eq!(card, saved["scorecard"]);
        assert_eq!(card["budget"]["min"], 150000);
        assert_eq!(card["loop"][1]["type"], "take_home");

        // The model sent back as JSON stores the same canonical text.
        let again = send(
            &api,
            reqwest::Method::PUT,
            &path,
            &[("content-type", "application/json")],
            Some(card.to_string()),
        )
        .await;
        assert_eq!(again.status, 200, "{}", again.text);
        assert_eq!(again.json()["toml"], stored_text.as_str());

        let lint = get(&api, &format!("/api/v1/roles/{role}/lint"), &[]).await;
        assert_eq!(lint.status, 200);
        assert_eq!(lint.json(), saved["lint"]);

        let (status, _) = api.get(&format!("{path}?format=yaml")).await;
        assert_eq!(status, 422);
        app
    })
    .await;
}

#[tokio::test]
async fn flawed_scorecards_are_stored_with_their_findings() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Recruiter).await;
        for (text, expected) in [
            (
                WISHLIST,
                &["HL004", "HL005", "HL006", "HL008", "HL014", "HL015"][..],
            ),
            (UNDERPAID, &["HL016", "HL020", "HL022"][..]),
            (
                CONTRACTOR,
                &["HL001", "HL007", "HL009", "HL013", "HL023"][..],
            ),
        ] {
            let role = new_role(&api).await;
            let saved = put_toml(&api, &role, text).await;
            assert_eq!(
                saved.status, 200,
                "lint findings never block saving: {}",
                saved.text
            );
            let lint = &saved.json()["lint"];
            assert_eq!(lint["has_errors"], true);
            let found = codes(lint);
            for code in expected {
                assert!(
                    found.contains(&code.to_string()),
                    "{code} missing from {found:?}"
                );
            }
            let finding = &lint["findings"][0];
            assert_eq!(finding["severity"], "error", "errors come first");
            for key in ["code", "rule", "path", "message", "fix", "source"] {
                assert!(
                    finding[key].as_str().is_some_and(|v| !v.is_empty()),
                    "{key}: {finding}"
                );
            }
            let stored = get(&api, &format!("/api/v1/roles/{role}/lint"), &[]).await;
            assert_eq!(codes(&stored.json()), found);
        }
        // The budget rule runs on the market dataset in effect: the classic mismatch is named.
        let role = new_role(&api).await;
        let saved = put_toml(&api, &role, UNDERPAID).await.json();
        let budget = saved["lint"]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["code"] == "HL022")
            .unwrap()
            .clone();
        assert!(
            budget["message"]
                .as_str()
                .unwrap()
                .contains("senior scorecard with a mid-level budget"),
            "{budget}"
        );
        app
    })
    .await;
}

#[tokio::test]
async fn scorecards_that_do_not_parse_are_refused_naming_the_problem() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::HiringManager).await;
        let role = new_role(&api).await;

        let syntax = put_toml(&api, &role, "title = \"Go dev\"\nlevel = \"mid\"\nheadcount = = 2\n").await;
        let errors = field_errors(&syntax);
        assert_eq!(errors[0].0, "headcount");
        assert!(errors[0].1.starts_with("line 3, column 13:"), "{errors:?}");

        let typo = put_toml(&api, &role, "title = \"Go dev\"\nlevel = \"mid\"\nmisson = \"Ship it\"\n").await;
        let errors = field_errors(&typo);
        assert_eq!(errors[0].0, "misson");
        assert!(errors[0].1.contains("did you mean 'mission'?"), "{errors:?}");

        let many = put_toml(
            &api,
            &role,
            "title = \"Go dev\"\nlevel = \"principal\"\n[location]\npolicy = \"remote\"\ntimezone = \"UTC\"\n",
        )
        .await;
        let errors = field_errors(&many);
        assert!(
            errors.iter().any(|(f, m)| f == "level" && m.contains("junior, mid, senior, staff")),
            "{errors:?}"
        );
        assert!(
            errors.iter().any(|(f, m)| f == "location.timezone" && m.contains("team_timezone")),
            "every problem at once: {errors:?}"
        );

        let json = send(
            &api,
            reqwest::Method::PUT,
            &format!("/api/v1/roles/{role}/scorecard"),
            &[("content-type", "application/json")],
            Some(json!({"title": "Go dev", "level": "mid", "headcount": 0}).to_string()),
        )
        .await;
        assert_eq!(field_errors(&json)[0].0, "headcount");

        let xml = send(
            &api,
            reqwest::Method::PUT,
            &format!("/api/v1/roles/{role}/scorecard"),
            &[("content-type", "application/xml")],
            Some("<role/>".into()),
        )
        .await;
        assert_eq!(xml.status, 400, "{}", xml.text);

        // Nothing was stored by any of them.
        let none = get(&api, &format!("/api/v1/roles/{role}/scorecard"), &[]).await;
        assert_eq!(none.status, 404);
        assert_eq!(none.json()["error"]["message"], "scorecard not found");

        // An unknown skill is no reason to refuse: it is stored, with the nearest known skills.
        let unknown = GOOD.replace("primary_language = \"Go\"", "primary_language = \"Go\"\nframework = \"Djangoo\"");
        let saved = put_toml(&api, &role, &unknown).await;
        assert_eq!(saved.status, 200, "{}", saved.text);
        let lint = &saved.json()["lint"];
        let finding = lint["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["code"] == "HL003")
            .unwrap_or_else(|| panic!("no unknown-skill finding in {lint}"));
        assert_eq!(finding["path"], "framework");
        assert!(
            finding["message"].as_str().unwrap().contains("did you mean Django (django)"),
            "{finding}"
        );
        app
    })
    .await;
}

#[tokio::test]
async fn the_lint_endpoint_stores_nothing() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::Interviewer).await;
        let admin = app.api_as(UserRole::Admin).await;
        let role = new_role(&admin).await;
        let reply = send(
            &api,
            reqwest::Method::POST,
            "/api/v1/scorecards/lint",
            &[("content-type", "text/plain")],
            Some(WISHLIST.to_string()),
        )
        .await;
        assert_eq!(reply.status, 200, "{}", reply.text);
        let lint = reply.json();
        assert_eq!(lint["has_errors"], true);
        assert!(codes(&lint).contains(&"HL004".to_string()));
        assert_eq!(
            lint["errors"].as_u64().unwrap()
                + lint["warnings"].as_u64().unwrap()
                + lint["infos"].as_u64().unwrap(),
            lint["findings"].as_array().unwrap().len() as u64
        );

        let card =
            json!({"title": "Senior Go Engineer", "level": "senior", "primary_language": "Go"});
        let (status, lint) = api.post("/api/v1/scorecards/lint", &card).await;
        assert_eq!(status, 200, "{lint}");
        assert!(
            codes(&lint).contains(&"HL007".to_string()),
            "no mission: {lint}"
        );

        let bad = send(
            &api,
            reqwest::Method::POST,
            "/api/v1/scorecards/lint",
            &[("content-type", "application/toml")],
            Some("title = ".into()),
        )
        .await;
        assert!(
            field_errors(&bad)[0].1.starts_with("line 1"),
            "{}",
            bad.text
        );

        let none = get(&admin, &format!("/api/v1/roles/{role}/scorecard"), &[]).await;
        assert_eq!(none.status, 404, "{}", none.text);
        let none = get(&admin, &format!("/api/v1/roles/{role}/lint"), &[]).await;
        assert_eq!(none.status, 404, "{}", none.text);
        app
    })
    .await;
}

#[tokio::test]
async fn job_descriptions_render_as_markdown_html_and_json_ld() {
    on_each_backend(|app: TestApp| async move {
        let api = app.api_as(UserRole::HiringManager).await;
        let role = new_role(&api).await;
        assert_eq!(put_toml(&api, &role, GOOD).await.status, 200);
        let jd = |query: &'static str| {
            let api = &api;
            let path = format!("/api/v1/roles/{role}/jd{query}");
            async move { get(api, &path, &[]).await }
        };

        let md = jd("?format=md").await;
        assert_eq!(
            (md.status, md.content_type.as_str()),
            (200, "text/markdown")
        );
        assert!(
            md.text
                .starts_with("# Senior Go Engineer, Payments API (Remote)\n"),
            "{}",
            md.text
        );
        assert!(
            md.text.contains("150,000") || md.text.contains("150000"),
            "pay range: {}",
            md.text
        );
        assert_eq!(jd("").await.text, md.text, "Markdown by default");

        let html = jd("?format=html").await;
        assert_eq!(
            (html.status, html.content_type.as_str()),
            (200, "text/html")
        );
        assert!(
            html.text.starts_with("<h1>Senior Go Engineer"),
            "{}",
            html.text
        );

        let missing = jd("?format=jsonld").await;
        assert_eq!(field_errors(&missing)[0].0, "organization");
        assert_eq!(field_errors(&jd("?format=pdf").await)[0].0, "format");
        let (status, _) = api
            .get(&format!(
                "/api/v1/roles/{role}/jd?format=jsonld&organization=Acme&date_posted=soon"
            ))
            .await;
        assert_eq!(status, 400, "a malformed date names the parameter");

        let posting =
            jd("?format=jsonld&organization=Acme%20Payments&date_posted=2026-01-10").await;
        assert_eq!(
            (posting.status, posting.content_type.as_str()),
            (200, "application/ld+json")
        );
        let posting = posting.json();
        assert_eq!(posting["@context"], "https://schema.org/");
        assert_eq!(posting["@type"], "JobPosting");
        for key in [
            "title",
            "description",
            "datePosted",
            "validThrough",
            "hiringOrganization",
            "employmentType",
            "jobLocationType",
            "applicantLocationRequirements",
            "baseSalary",
        ] {
            assert!(posting.get(key).is_some(), "{key} missing: {posting}");
        }
        assert_eq!(posting["datePosted"], "2026-01-10");
        assert_eq!(
            posting["validThrough"], "2026-03-11",
            "60 days later by default"
        );
        assert_eq!(posting["hiringOrganization"]["name"], "Acme Payments");
        assert_eq!(posting["jobLocationType"], "TELECOMMUTE");
        assert_eq!(posting["baseSalary"]["value"]["minValue"], 150000);
        assert_eq!(posting["identifier"]["value"], role.as_str());

        // A scorecard sent in the body: the hybrid enterprise role gets a place, not TELECOMMUTE.
        let reply = send(
            &api,
            reqwest::Method::POST,
            "/api/v1/scorecards/jd?format=jsonld&organization=Acme&office_locality=Berlin",
            &[("content-type", "application/toml")],
            Some(GOOD_ENTERPRISE.to_string()),
        )
        .await;
        assert_eq!(reply.status, 200, "{}", reply.text);
        let posting = reply.json();
        assert_eq!(posting["jobLocation"]["address"]["addressCountry"], "DE");
        assert_eq!(
            posting["jobLocation"]["address"]["addressLocality"],
            "Berlin"
        );
        assert!(posting.get("jobLocationType").is_none());
        assert!(posting.get("datePosted").is_some(), "today by default");

        let remote_nowhere = send(
            &api,
            reqwest::Method::POST,
            "/api/v1/scorecards/jd?format=jsonld&organization=Acme",
            &[("content-type", "application/toml")],
            Some("title = \"Go dev\"\nlevel = \"mid\"\n[location]\npolicy = \"remote\"\n".into()),
        )
        .await;
        assert_eq!(field_errors(&remote_nowhere)[0].0, "location.countries");
        app
    })
    .await;
}

#[tokio::test]
async fn reading_needs_view_roles_and_writing_manage_roles() {
    on_each_backend(|app: TestApp| async move {
        let manager = app.api_as(UserRole::HiringManager).await;
        let interviewer = app.api_as(UserRole::Interviewer).await;
        let role = new_role(&manager).await;
        let path = format!("/api/v1/roles/{role}/scorecard");

        let refused = put_toml(&interviewer, &role, GOOD).await;
        assert_eq!(refused.status, 403, "{}", refused.text);
        assert_eq!(refused.json()["error"]["code"], "forbidden");
        // Refused before the body is read: a bad body is still a 403, not a 422.
        assert_eq!(put_toml(&interviewer, &role, "title = ").await.status, 403);
        assert_eq!(
            get(&manager, &path, &[]).await.status,
            404,
            "nothing stored"
        );
        assert_eq!(get(&app.anonymous(), &path, &[]).await.status, 401);

        assert_eq!(put_toml(&manager, &role, GOOD).await.status, 200);
        assert_eq!(
            get(&interviewer, &path, &[]).await.status,
            200,
            "interviewers read roles"
        );
        let delete = send(&interviewer, reqwest::Method::DELETE, &path, &[], None).await;
        assert_eq!(delete.status, 403);
        let delete = send(&manager, reqwest::Method::DELETE, &path, &[], None).await;
        assert_eq!(delete.status, 204, "{}", delete.text);
        assert_eq!(get(&manager, &path, &[]).await.status, 404);
        let (status, again) = manager.get(&format!("/api/v1/roles/{role}")).await;
        assert_eq!(status, 200, "the role stays: {again}");

        let nobody = uuid::Uuid::now_v7().to_string();
        let missing = get(&manager, &format!("/api/v1/roles/{nobody}/scorecard"), &[]).await;
        assert_eq!(missing.status, 404);
        assert_eq!(missing.json()["error"]["message"], "role not found");
        assert_eq!(put_toml(&manager, &nobody, GOOD).await.status, 404);
        let bad_id = get(&manager, "/api/v1/roles/not-a-uuid/scorecard", &[]).await;
        assert_eq!(bad_id.status, 400);
        app
    })
    .await;
}

#[tokio::test]
async fn the_openapi_document_describes_both_body_formats() {
    on_each_backend(|app: TestApp| async move {
        let (status, document) = app.anonymous().get("/api/v1/openapi.json").await;
        assert_eq!(status, 200);
        let scorecard = &document["paths"]["/api/v1/roles/{id}/scorecard"];
        let put = &scorecard["put"]["requestBody"]["content"];
        assert_eq!(
            put["application/json"]["schema"]["$ref"],
            "#/components/schemas/Scorecard"
        );
        assert!(put.get("application/toml").is_some(), "{put}");
        let read = &scorecard["get"]["responses"]["200"]["content"];
        assert!(read.get("application/toml").is_some(), "{read}");
        assert!(scorecard.get("delete").is_some());
        let jd = &document["paths"]["/api/v1/roles/{id}/jd"]["get"]["responses"]["200"]["content"];
        for kind in ["text/markdown", "text/html", "application/ld+json"] {
            assert!(jd.get(kind).is_some(), "{kind}: {jd}");
        }
        let schemas = document["components"]["schemas"].as_object().unwrap();
        for schema in ["Scorecard", "SavedScorecard", "LintResult", "Finding"] {
            assert!(schemas.contains_key(schema), "schema {schema} missing");
        }
        app
    })
    .await;
}
