//! `hireloop cost dataset`: the market dataset in effect — its version, the files it was built from
//! and where each comes from, the sources, and with `--figures` every figure with its source.

use crate::commands::market::{table, title};
use crate::error::CliError;
use crate::output::{print_json, say, Format};
use clap::Args;
use hireloop_core::market::advice::{AdviceRule, Condition};
use hireloop_core::market::dataset::Source;
use hireloop_core::market::{money, Band, Dataset};
use hireloop_server::market::{FileInEffect, FileOrigin, Snapshot};
use serde::Serialize;

#[derive(Debug, Args)]
pub struct DatasetArgs {
    /// Also list every figure (rates, salaries, percentages, ranges, examples, tables and the
    /// advisors' rules), each with its source.
    #[arg(long)]
    pub figures: bool,
}

#[derive(Serialize)]
struct DatasetView<'a> {
    dataset_version: &'a str,
    name: &'a str,
    files: &'a [FileInEffect],
    sources: &'a [Source],
    /// Every figure, grouped as in the data files (with --figures only).
    #[serde(skip_serializing_if = "Option::is_none")]
    figures: Option<serde_json::Value>,
}

pub fn run(format: Format, snapshot: &Snapshot, args: DatasetArgs) -> Result<(), CliError> {
    let data = snapshot.dataset.as_ref();
    if format == Format::Json {
        let figures = if args.figures {
            let mut value = serde_json::to_value(&data.figures)
                .map_err(|e| CliError::Failed(format!("cannot write JSON: {e}")))?;
            if let Some(groups) = value.as_object_mut() {
                // Shown in their own fields.
                groups.remove("dataset");
                groups.remove("source");
            }
            Some(value)
        } else {
            None
        };
        return print_json(&DatasetView {
            dataset_version: &data.info.version,
            name: &data.info.name,
            files: &snapshot.files,
            sources: &data.figures.source,
            figures,
        });
    }
    title(&data.info.name, &data.info.version);
    let mut files = table(&["file", "from"]);
    for f in snapshot.files.iter() {
        let origin = match f.origin {
            FileOrigin::Shipped => "shipped with hireloop",
            FileOrigin::Directory => "--market-data directory",
            FileOrigin::Uploaded => "uploaded by an admin",
        };
        let replaces = if f.replaces_shipped {
            ", replaces the shipped file"
        } else {
            ""
        };
        files.add_row(vec![f.name.clone(), format!("{origin}{replaces}")]);
    }
    say!("{files}");
    let mut sources = table(&["source id", "publisher", "title", "year", "cites"]);
    for s in &data.figures.source {
        sources.add_row(vec![
            s.id.clone(),
            s.publisher.clone(),
            s.title.clone(),
            s.year.to_string(),
            s.cites.clone().unwrap_or_default(),
        ]);
    }
    say!("{sources}");
    if args.figures {
        let rows = figure_rows(data);
        let mut t = table(&["section", "figure", "value", "source"]);
        let count = rows.len();
        for row in rows {
            t.add_row(row.to_vec());
        }
        say!("{t}");
        say!("{count} figures.");
    } else {
        say!("List every figure with `hireloop cost dataset --figures`.");
    }
    Ok(())
}

/// One row per figure: section, what it is, its value with unit, its source.
fn figure_rows(data: &Dataset) -> Vec<[String; 4]> {
    let f = &data.figures;
    let mut rows = Vec::new();
    let mut row = |section: &str, what: String, value: String, source: &str| {
        rows.push([section.to_string(), what, value, data.cite(source)]);
    };
    let with_label = |what: String, label: &Option<String>| match label {
        Some(l) => format!("{what} ({l})"),
        None => what,
    };
    for r in &f.hourly_rate {
        let band = Band {
            min: r.min,
            max: r.max,
            open_ended: r.open_ended,
        };
        let level = r.level.as_deref().unwrap_or("all levels");
        let what = with_label(format!("{}, {level}", r.region), &r.label);
        row("hourly_rate", what, format!("{band} USD/h"), &r.source);
    }
    for p in &f.platform_rate {
        let what = format!("{}: {}", p.platform, p.label);
        let value = format!("{} USD/h", Band::new(p.min, p.max));
        row("platform_rate", what, value, &p.source);
    }
    for l in &f.language_position {
        let what = format!("toward the {} of each band", l.position);
        row("language_position", what, l.languages.join(", "), &l.source);
    }
    for s in &f.salary {
        let level = s.level.as_deref().unwrap_or("all levels");
        let mut value = Vec::new();
        if let (Some(min), Some(max)) = (s.min, s.max) {
            let band = Band {
                min,
                max,
                open_ended: s.open_ended,
            };
            value.push(band.to_string());
        }
        if let Some(median) = s.median {
            value.push(format!("median {}", money(median)));
        }
        let what = format!("{}, {level}, {}", s.country, s.basis);
        row(
            "salary",
            what,
            format!("{} USD/yr", value.join(", ")),
            &s.source,
        );
    }
    for c in &f.country_median {
        for (country, median) in &c.medians {
            let what = format!("{country}, median total pay, as of {}", c.as_of);
            row(
                "country_median",
                what,
                format!("{} USD/yr", money(*median)),
                &c.source,
            );
        }
    }
    for p in &f.percentage {
        let value = if p.min == p.max {
            format!("{}%", p.min)
        } else {
            format!("{}-{}%", p.min, p.max)
        };
        row(
            "percentage",
            format!("{}: {}", p.key, p.label),
            value,
            &p.source,
        );
    }
    for r in &f.range {
        let value = if r.min == r.max {
            format!("{} {}", r.min, r.unit)
        } else {
            format!("{}-{} {}", r.min, r.max, r.unit)
        };
        row("range", format!("{}: {}", r.key, r.label), value, &r.source);
    }
    for e in &f.example {
        let value = format!(
            "salary {} → {}",
            money(e.salary),
            Band::new(e.all_in_min, e.all_in_max)
        );
        row(
            "example",
            format!("{}: {}", e.key, e.label),
            value,
            &e.source,
        );
    }
    for t in &f.tco_table {
        let value = format!(
            "in-house {} vs outsourced {}: savings {} ({}%)",
            money(t.stated.in_house_total),
            money(t.stated.outsourced_total),
            money(t.stated.savings),
            t.stated.savings_percent
        );
        row("tco_table", t.label.clone(), value, &t.source);
    }
    for t in &f.exchange_rates {
        for (code, rate) in &t.rates {
            let what = format!("{code} per {}, {}", t.base, t.date);
            row("exchange_rates", what, rate.to_string(), &t.source);
        }
    }
    for (section, rules) in [
        ("channel_rule", &f.channel_rule),
        ("engagement_rule", &f.engagement_rule),
        ("team_shape_rule", &f.team_shape_rule),
    ] {
        for rule in rules {
            row(
                section,
                describe(rule),
                format!("{:+}", rule.weight),
                &rule.source,
            );
        }
    }
    rows
}

/// "curated_network when urgency = high: <reason>".
fn describe(rule: &AdviceRule) -> String {
    let conditions: Vec<String> = rule
        .when
        .iter()
        .map(|(key, value)| match value {
            Condition::Flag(flag) => format!("{key} = {flag}"),
            Condition::Value(text) => format!("{key} = {text}"),
        })
        .collect();
    let when = if conditions.is_empty() {
        "always".to_string()
    } else {
        format!("when {}", conditions.join(", "))
    };
    format!("{} {when}: {}", rule.option, rule.reason)
}
