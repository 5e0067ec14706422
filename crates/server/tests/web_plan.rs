//! The "Plan a hire" page: defaults with their sources, market figures, charts, advice, and bad
//! inputs named next to their field.
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use common::{on_each_backend, TestApp};
use hireloop_core::user::UserRole;

/// The text of the element with `id`, up to its closing tag (enough for one-line elements).
fn element(html: &str, id: &str) -> Option<String> {
    let start = html.find(&format!("id=\"{id}\""))?;
    let rest = &html[start..];
    let open_end = rest.find('>')? + 1;
    let close = rest[open_end..].find("</")?;
    Some(rest[open_end..open_end + close].to_string())
}

/// The value of the input named `name`.
fn input_value(html: &str, name: &str) -> Option<String> {
    let start = html.find(&format!("name=\"{name}\""))?;
    let rest = &html[start..];
    let value = rest.find("value=\"")? + "value=\"".len();
    Some(rest[value..value + rest[value..].find('"')?].to_string())
}

/// The `<svg>` element whose title id starts with `chart_id`.
fn svg<'a>(html: &'a str, chart_id: &str) -> Option<&'a str> {
    let at = html.find(&format!("aria-labelledby=\"{chart_id}"))?;
    let start = html[..at].rfind("<svg")?;
    let end = start + html[start..].find("</svg>")?;
    Some(&html[start..end])
}

#[tokio::test]
async fn a_recruiter_sees_the_plan_with_market_defaults_and_their_sources() {
    on_each_backend(|app: TestApp| async move {
        let browser = app.browser_as(UserRole::Recruiter).await;
        let (status, html) = browser.get("/plan").await;
        assert_eq!(status, 200, "{html}");
        assert!(
            html.contains("Dataset 2026.11"),
            "the dataset version is shown"
        );
        // Mid-level in the US by default: the KORE1 median is the salary, with its source beside it.
        assert_eq!(input_value(&html, "base_salary").as_deref(), Some("101000"));
        let hint = element(&html, "f-base_salary-hint").unwrap();
        assert!(
            hint.contains("101,000") && hint.contains("KORE1 2026"),
            "{hint}"
        );
        assert_eq!(
            input_value(&html, "benefits_taxes_percent").as_deref(),
            Some("25")
        );
        assert!(element(&html, "f-benefits_taxes_percent-hint")
            .unwrap()
            .contains("20-30%"));
        assert!(element(&html, "f-equipment_software-hint")
            .unwrap()
            .contains("StepTo 2026"));
        // Results are there from the first visit, every block with its sources.
        for heading in [
            "Market rates",
            "Cost of the hire",
            "In-house vs outsourced",
            "Time to hire",
            "Advice",
            "Risks",
        ] {
            assert!(html.contains(&format!(">{heading}</h2>")), "{heading}");
        }
        assert!(html.contains("90–140"), "US mid-level StepTo band");
        assert!(html.contains("aria-current=\"page\">Plan a hire</a>"));
        // The junior-vs-senior warning and the wrong-hire cost (3-5x 101,000).
        assert!(html.contains("303,000–505,000 USD"), "wrong-hire band");
        assert!(
            html.contains("200,000 in rework"),
            "junior vs senior warning"
        );
        app
    })
    .await;
}

#[tokio::test]
async fn senior_eastern_europe_shows_both_stepto_figures_and_the_benchmark_table() {
    on_each_backend(|app: TestApp| async move {
        let browser = app.browser_as(UserRole::Interviewer).await;
        let (status, html) = browser
            .get("/plan?level=senior&region=eastern_europe&channel=curated_network&urgency=high&stage=startup")
            .await;
        assert_eq!(status, 200, "{html}");
        // StepTo quotes two figures for Eastern European seniors; both are kept and labelled.
        assert!(html.contains("70–100"), "first StepTo figure");
        assert!(html.contains("50–85"), "second StepTo figure");
        assert!(html.contains("145,600–208,000"), "70-100 USD/h at 2080 h");
        // The StepTo in-house vs outsourced table, recomputed and cited.
        assert!(html.contains("<strong>228,000</strong>"), "in-house total");
        assert!(html.contains("<strong>68,000</strong>"), "outsourced total");
        assert!(html.contains("<strong>160,000</strong> (70%)"), "savings");
        // The senior default salary is the senior median.
        assert_eq!(input_value(&html, "base_salary").as_deref(), Some("155000"));
        // An urgent startup is pointed at a curated network first, with its reasons and sources.
        let channel = &html[html.find("id=\"advice-channel\"").unwrap()..];
        let first = &channel[channel.find("<li").unwrap()..];
        assert!(
            first[..first.find("</li>\n").unwrap_or(first.len())].contains("Curated talent network"),
            "{first}"
        );
        assert!(channel.contains("Toptal 2026"));
        app
    })
    .await;
}

#[tokio::test]
async fn the_charts_are_svg_with_titles_descriptions_and_units() {
    on_each_backend(|app: TestApp| async move {
        let browser = app.browser_as(UserRole::Recruiter).await;
        let (status, html) = browser
            .get("/plan?level=mid&outsourced_cost=80000&start=2026-03-02")
            .await;
        assert_eq!(status, 200, "{html}");
        for (id, title, unit) in [
            ("tco-chart-wide", "Total cost of employment", "USD per year"),
            (
                "compare-chart-wide",
                "In-house vs outsourced",
                "USD per year",
            ),
            (
                "timeline-chart-wide",
                "Time to hire",
                "weeks from the search start, 2026-03-02",
            ),
            (
                "tco-chart-narrow",
                "Total cost of employment",
                "USD per year",
            ),
        ] {
            let chart = svg(&html, id).unwrap_or_else(|| panic!("no {id}"));
            assert!(chart.contains("role=\"img\""), "{id}");
            assert!(
                element(chart, &format!("{id}-title"))
                    .unwrap()
                    .starts_with(title),
                "{id}"
            );
            assert!(chart.contains(unit), "{id}: {unit}");
            assert!(
                !chart.contains("style="),
                "{id}: no inline styles under the CSP"
            );
        }
        // The description gives the numbers: the StepTo sides and the user's own.
        let compare = element(&html, "compare-chart-wide-desc").unwrap();
        assert!(
            compare.contains("StepTo 2026: in-house: 228,000 USD"),
            "{compare}"
        );
        assert!(
            compare.contains("Your plan: outsourced: 80,000 USD"),
            "{compare}"
        );
        let timeline = element(&html, "timeline-chart-wide-desc").unwrap();
        assert!(timeline.contains("sourcing"), "{timeline}");
        app
    })
    .await;
}

#[tokio::test]
async fn a_negative_salary_is_refused_next_to_its_field() {
    on_each_backend(|app: TestApp| async move {
        let browser = app.browser_as(UserRole::Recruiter).await;
        let (status, html) = browser.get("/plan?base_salary=-5").await;
        assert_eq!(status, 422, "{html}");
        let message = element(&html, "f-base_salary-error").unwrap();
        assert!(message.contains("must not be negative"), "{message}");
        // What was typed is shown again, and no results are computed from it.
        assert_eq!(input_value(&html, "base_salary").as_deref(), Some("-5"));
        assert!(!html.contains(">Cost of the hire</h2>"));

        let (status, html) = browser.get("/plan?base_salary=lots").await;
        assert_eq!(status, 422);
        let message = element(&html, "f-base_salary-error").unwrap();
        assert!(message.contains("must be a number"), "{message}");
        // A check the core makes while computing lands at its field too.
        let (status, html) = browser.get("/plan?hires=0").await;
        assert_eq!(status, 422);
        let message = element(&html, "f-hires-error").unwrap();
        assert!(message.contains("between 1 and 1000"), "{message}");
        app
    })
    .await;
}

#[tokio::test]
async fn an_unknown_region_lists_the_known_ones() {
    on_each_backend(|app: TestApp| async move {
        let browser = app.browser_as(UserRole::Recruiter).await;
        let (status, html) = browser.get("/plan?region=mars&country=ZZ").await;
        assert_eq!(status, 422, "{html}");
        let message = element(&html, "f-region-error").unwrap();
        assert!(
            message.contains("unknown region &#x27;mars&#x27;"),
            "{message}"
        );
        assert!(
            message.contains("eastern_europe") && message.contains("united_states"),
            "{message}"
        );
        assert!(element(&html, "f-country-error").unwrap().contains("US"));
        app
    })
    .await;
}

#[tokio::test]
async fn a_channel_without_figures_says_no_benchmark_in_place_of_the_timeline() {
    on_each_backend(|app: TestApp| async move {
        let browser = app.browser_as(UserRole::Recruiter).await;
        let (status, html) = browser.get("/plan?channel=community").await;
        assert_eq!(
            status, 200,
            "a missing benchmark is not an error page: {html}"
        );
        let section = &html[html.find(">Time to hire</h2>").unwrap()..];
        let section = &section[..section.find("</section>").unwrap()];
        assert!(
            section.contains("No benchmark for time to hire through developer communities"),
            "{section}"
        );
        assert!(!section.contains("<svg"), "no chart made up");
        // The other blocks still show.
        assert!(svg(&html, "tco-chart-wide").is_some());
        app
    })
    .await;
}

#[tokio::test]
async fn the_plan_needs_a_login() {
    on_each_backend(|app: TestApp| async move {
        let anonymous = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let response = anonymous
            .get(app.url("/plan?level=senior"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 303);
        let location = response.headers()["location"].to_str().unwrap().to_string();
        assert!(location.starts_with("/login?next="), "{location}");
        app
    })
    .await;
}
