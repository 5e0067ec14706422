//! Writes a scorecard in the canonical role-file form: keys in the documented order, tables last,
//! strings quoted by the toml crate so any text survives the round trip.

use super::super::model::Scorecard;
use std::fmt::Write;

fn quote(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

fn list(items: &[String]) -> String {
    if items.is_empty() {
        return "[]".into();
    }
    let inner: Vec<String> = items.iter().map(|i| format!("  {},", quote(i))).collect();
    format!("[\n{}\n]", inner.join("\n"))
}

fn inline_list<T: AsRef<str>>(items: &[T]) -> String {
    let inner: Vec<String> = items.iter().map(|i| quote(i.as_ref())).collect();
    format!("[{}]", inner.join(", "))
}

/// The scorecard as a role file.
pub fn to_toml(card: &Scorecard) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail; the results are ignored on purpose.
    let mut line = |key: &str, value: String| {
        let _ = writeln!(out, "{key} = {value}");
    };
    line("title", quote(card.title.as_str()));
    line("level", quote(card.level.as_str()));
    if let Some(lang) = &card.primary_language {
        line("primary_language", quote(lang.as_str()));
    }
    if let Some(fw) = &card.framework {
        line("framework", quote(fw.as_str()));
    }
    if let Some(mission) = &card.mission {
        line("mission", quote(mission));
    }
    if !card.scope.is_empty() {
        line("scope", list(&card.scope));
    }
    if !card.constraints.is_empty() {
        line("constraints", list(&card.constraints));
    }
    if let Some(stage) = card.stage {
        line("stage", quote(stage.as_str()));
    }
    line("engagement", quote(card.engagement.as_str()));
    if let Some(months) = card.duration_months {
        line("duration_months", months.to_string());
    }
    line("headcount", card.headcount.to_string());
    if let Some(manager) = &card.hiring_manager {
        line("hiring_manager", quote(manager));
    }
    if let Some(date) = card.start_date {
        line("start_date", date.format("%Y-%m-%d").to_string());
    }
    for m in &card.must_have {
        let _ = write!(
            out,
            "\n[[must_have]]\nskill = {}\n",
            quote(m.skill.as_str())
        );
        if let Some(years) = m.min_years {
            let _ = writeln!(out, "min_years = {years}");
        }
    }
    for n in &card.nice_to_have {
        let _ = write!(
            out,
            "\n[[nice_to_have]]\nskill = {}\nweight = {}\n",
            quote(n.skill.as_str()),
            n.weight
        );
    }
    if let Some(c) = &card.conversion {
        let _ = write!(out, "\n[conversion]\n");
        if let Some(months) = c.after_months {
            let _ = writeln!(out, "after_months = {months}");
        }
        if !c.criteria.is_empty() {
            let _ = writeln!(out, "criteria = {}", list(&c.criteria));
        }
        if let Some(who) = &c.decision_maker {
            let _ = writeln!(out, "decision_maker = {}", quote(who));
        }
    }
    if let Some(loc) = &card.location {
        let _ = write!(
            out,
            "\n[location]\npolicy = {}\ncountries = {}\n",
            quote(loc.policy.as_str()),
            inline_list(&loc.countries.iter().map(|c| c.as_str()).collect::<Vec<_>>())
        );
        if let Some(tz) = &loc.team_timezone {
            let _ = writeln!(out, "team_timezone = {}", quote(tz.as_str()));
        }
        if let Some(hours) = loc.overlap_hours {
            let _ = writeln!(out, "overlap_hours = {hours}");
        }
    }
    if let Some(b) = &card.budget {
        let _ = write!(
            out,
            "\n[budget]\ncurrency = {}\nperiod = {}\nmin = {}\nmax = {}\n",
            quote(b.currency.as_str()),
            quote(b.period.as_str()),
            b.min,
            b.max
        );
    }
    for stage in &card.interview_loop {
        let _ = write!(
            out,
            "\n[[loop]]\ntype = {}\ncompetencies = {}\n",
            quote(stage.kind.as_str()),
            inline_list(&stage.competencies)
        );
    }
    if let Some(weights) = card.matching_weights() {
        let _ = write!(out, "\n[matching.weights]\n");
        for (name, value) in weights.entries() {
            if let Some(value) = value {
                let _ = writeln!(out, "{name} = {value}");
            }
        }
    }
    out
}
