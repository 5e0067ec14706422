//! A benchmark query written as SQL, for SQLite or PostgreSQL. Filter values are bound as
//! parameters (as the product binds what users type); the score's constants are written into the
//! text, formatted from numbers this crate computed.
//!
//! Ranking runs in SQL entirely: every score component of the engine is an expression over the
//! row, and skill coverage is a correlated sum over the candidate's `profile_skills` rows. SQL
//! computes in f64 where the engine uses f32, so scored rankings can differ where two scores are
//! within float noise of each other; filter-only queries order by candidate id and must agree exactly.

use crate::spec::{
    vetting_fit, vetting_name, work_mode_filter_bits, Spec, ALL_WORK_MODE_BITS, YEARS_UNKNOWN,
};
use crate::sql_text;
use chrono::NaiveDate;
use hireloop_core::level::Level;
use hireloop_match::Vetting;
use std::fmt::Write;

/// A bound parameter.
#[derive(Debug, Clone)]
pub enum Param {
    Int(i64),
    Real(f64),
    Text(String),
    Date(NaiveDate),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

/// SQL text and its parameters, in order.
#[derive(Debug, Clone)]
pub struct SqlText {
    pub sql: String,
    pub params: Vec<Param>,
}

struct Builder {
    dialect: Dialect,
    params: Vec<Param>,
}

impl Builder {
    fn bind(&mut self, p: Param) -> String {
        self.params.push(p);
        match self.dialect {
            Dialect::Sqlite => "?".into(),
            Dialect::Postgres => format!("${}", self.params.len()),
        }
    }

    /// `column IN (…)`; an empty list allows nobody.
    fn in_list(&mut self, column: &str, values: Vec<Param>) -> String {
        if values.is_empty() {
            return "1 = 0".into();
        }
        let marks: Vec<String> = values.into_iter().map(|v| self.bind(v)).collect();
        format!("{column} IN ({})", marks.join(", "))
    }

    fn least(&self, a: &str, b: &str) -> String {
        match self.dialect {
            Dialect::Sqlite => format!("MIN({a}, {b})"),
            Dialect::Postgres => format!("LEAST({a}, {b})"),
        }
    }

    fn greatest(&self, a: &str, b: &str) -> String {
        match self.dialect {
            Dialect::Sqlite => format!("MAX({a}, {b})"),
            Dialect::Postgres => format!("GREATEST({a}, {b})"),
        }
    }

    /// A float literal: SQLite computes in REAL given a decimal point; PostgreSQL would take
    /// `0.5` as NUMERIC (exact and slow), so it is typed.
    fn lit(&self, v: f32) -> String {
        match self.dialect {
            Dialect::Sqlite => format!("{:?}", f64::from(v)),
            Dialect::Postgres => format!("{:?}::float8", f64::from(v)),
        }
    }

    /// Days from `today` to the candidate's start date.
    fn days_until_available(&self, today: NaiveDate) -> String {
        match self.dialect {
            Dialect::Sqlite => {
                format!("(julianday(p.available_from) - julianday('{today}'))")
            }
            Dialect::Postgres => format!("(p.available_from - DATE '{today}')::float8"),
        }
    }
}

/// The WHERE clause of a query's hard filters; the free text too unless the query joins it.
fn filters(b: &mut Builder, spec: &Spec, text_joined: bool) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let (Some(words), false) = (&spec.text, text_joined) {
        let m = b.bind(Param::Text(sql_text::text_param(b.dialect, words)));
        parts.push(sql_text::text_filter(b.dialect, &m));
    }
    if let Some(levels) = &spec.levels {
        let v = levels
            .iter()
            .map(|l| Param::Text(l.as_str().into()))
            .collect();
        parts.push(b.in_list("p.level", v));
    }
    if let Some(regions) = &spec.regions {
        let v = regions
            .iter()
            .map(|r| Param::Text(r.as_str().into()))
            .collect();
        parts.push(b.in_list("p.region", v));
    }
    if let Some(countries) = &spec.countries {
        // The engine's rule: living in an allowed country, or authorized for one (by its code or
        // by a region holding it).
        let v = countries
            .iter()
            .map(|c| Param::Text(c.as_str().into()))
            .collect();
        let lives = b.in_list("p.country", v);
        let codes = spec.authorization_codes();
        if codes.is_empty() {
            parts.push(lives);
        } else {
            let may = b.in_list("a.code", codes.into_iter().map(Param::Text).collect());
            parts.push(format!(
                "({lives} OR EXISTS (SELECT 1 FROM profile_work_authorization a \
                 WHERE a.profile_id = p.id AND {may}))"
            ));
        }
    }
    if let Some(vetting) = &spec.vetting {
        let v = vetting
            .iter()
            .map(|v| Param::Text(vetting_name(*v).into()))
            .collect();
        parts.push(b.in_list("p.vetting", v));
    }
    if let Some(e) = spec.engagement {
        let m = b.bind(Param::Int(crate::spec::engagement_bit(e)));
        parts.push(format!("(p.engagements & {m}) <> 0"));
    }
    if let Some(w) = spec.work_mode {
        // The engine's rule (`WorkMode::admits`): an accepted mode or relocation, or no mode stated.
        let m = b.bind(Param::Int(work_mode_filter_bits(w)));
        let all = b.bind(Param::Int(ALL_WORK_MODE_BITS));
        parts.push(format!(
            "((p.work_modes & {m}) <> 0 OR (p.work_modes & {all}) = 0)"
        ));
    }
    if let Some(offsets) = &spec.offsets {
        let v = offsets
            .iter()
            .map(|(o, _)| Param::Int(i64::from(*o)))
            .collect();
        parts.push(b.in_list("p.utc_offset_minutes", v));
    }
    if let Some(limit) = spec.rate_limit {
        let m = b.bind(Param::Real(f64::from(limit)));
        parts.push(format!(
            "(p.rate_hourly_usd IS NULL OR p.rate_hourly_usd <= {m})"
        ));
    }
    if let Some(by) = spec.available_by {
        let m = b.bind(Param::Date(by));
        parts.push(format!("p.available_from <= {m}"));
    }
    // One semi-join per required skill: the planner starts from the rarest through the skill index.
    for w in spec.wanted.iter().filter(|w| w.must) {
        let skill = b.bind(Param::Int(i64::from(w.skill)));
        let years = if w.min_half_years > 0 && w.min_half_years != YEARS_UNKNOWN {
            let y = b.bind(Param::Real(f64::from(w.min_half_years) / 2.0));
            format!(" AND s.years >= {y}")
        } else {
            String::new()
        };
        parts.push(format!(
            "p.id IN (SELECT s.profile_id FROM profile_skills s WHERE s.skill_id = {skill}{years})"
        ));
    }
    if parts.is_empty() {
        "1 = 1".into()
    } else {
        parts.join("\n  AND ")
    }
}

/// The engine's score (0-1) as an SQL expression over `p`.
fn score(b: &Builder, spec: &Spec) -> String {
    let w = &spec.weights;
    let mut terms: Vec<String> = Vec::new();
    if w.level > 0.0 {
        let mut case = String::from("CASE p.level");
        for (i, l) in Level::ALL.iter().enumerate() {
            let _ = write!(
                case,
                " WHEN '{}' THEN {}",
                l.as_str(),
                b.lit(spec.level_fit[i])
            );
        }
        case.push_str(" ELSE 0.0 END");
        terms.push(format!("{} * {case}", b.lit(w.level)));
    }
    if w.budget > 0.0 {
        let fit = match (spec.ceiling, spec.rate_limit) {
            (Some(c), Some(limit)) => {
                let over = if limit > c {
                    let fall = format!(
                        "1.0 - (p.rate_hourly_usd - {}) / {}",
                        b.lit(c),
                        b.lit(limit - c)
                    );
                    b.greatest(&b.lit(0.0), &fall)
                } else {
                    "0.0".into()
                };
                format!(
                    "CASE WHEN p.rate_hourly_usd IS NULL THEN 0.5 WHEN p.rate_hourly_usd <= {} THEN 1.0 ELSE {over} END",
                    b.lit(c)
                )
            }
            _ => "1.0".into(),
        };
        terms.push(format!("{} * {fit}", b.lit(w.budget)));
    }
    if w.timezone > 0.0 {
        let fit = match &spec.offsets {
            None => "1.0".into(),
            Some(offsets) if offsets.is_empty() => "0.0".into(),
            Some(offsets) => {
                let mut case = String::from("CASE p.utc_offset_minutes");
                for (o, f) in offsets {
                    let _ = write!(case, " WHEN {o} THEN {}", b.lit(*f));
                }
                case.push_str(" ELSE 0.0 END");
                case
            }
        };
        terms.push(format!("{} * {fit}", b.lit(w.timezone)));
    }
    if w.availability > 0.0 {
        let days = b.greatest(&b.lit(0.0), &b.days_until_available(spec.today));
        let fit = b.greatest(
            &b.lit(0.0),
            &format!(
                "1.0 - {days} / {}",
                b.lit(hireloop_match::AVAILABILITY_HORIZON_DAYS)
            ),
        );
        terms.push(format!("{} * {fit}", b.lit(w.availability)));
    }
    if w.vetting > 0.0 {
        let mut case = String::from("CASE p.vetting");
        for v in Vetting::ALL {
            let _ = write!(
                case,
                " WHEN '{}' THEN {}",
                vetting_name(v),
                b.lit(vetting_fit(v))
            );
        }
        case.push_str(" ELSE 0.0 END");
        terms.push(format!("{} * {case}", b.lit(w.vetting)));
    }
    if w.skills > 0.0 {
        let coverage = if spec.wanted.is_empty() {
            "1.0".to_string()
        } else {
            let mut case = String::from("CASE s.skill_id");
            for x in &spec.wanted {
                let factor = format!(
                    "CASE WHEN s.years IS NULL THEN 0.5 ELSE {} END",
                    b.least(
                        &b.lit(1.0),
                        &format!("s.years / {}", b.lit(x.expected_years))
                    )
                );
                let _ = write!(
                    case,
                    " WHEN {} THEN {} * {factor}",
                    x.skill,
                    b.lit(x.weight)
                );
            }
            case.push_str(" ELSE 0.0 END");
            let ids: Vec<String> = spec.wanted.iter().map(|x| x.skill.to_string()).collect();
            format!(
                "{} * (SELECT COALESCE(SUM({case}), 0.0) FROM profile_skills s \
                 WHERE s.profile_id = p.id AND s.skill_id IN ({}))",
                b.lit(spec.inv_total_weight),
                ids.join(", ")
            )
        };
        terms.push(format!("{} * {coverage}", b.lit(w.skills)));
    }
    if terms.is_empty() {
        "0.0".into()
    } else {
        terms.join("\n  + ")
    }
}

/// The top `limit`: by score then candidate id, or by candidate id alone for filter-only queries.
pub fn top_k(dialect: Dialect, spec: &Spec, limit: usize) -> SqlText {
    let mut b = Builder {
        dialect,
        params: Vec::new(),
    };
    // A scored text query joins the text's hits (for their relevance) instead of filtering on them;
    // its parameter comes first, as the `WITH` clause does in the text.
    let text = match &spec.text {
        Some(words) if !spec.filter_only => {
            let m = b.bind(Param::Text(sql_text::text_param(dialect, words)));
            Some(sql_text::text_join(dialect, &m))
        }
        _ => None,
    };
    let where_ = filters(&mut b, spec, text.is_some());
    let real = match dialect {
        Dialect::Sqlite => "REAL",
        Dialect::Postgres => "DOUBLE PRECISION",
    };
    let sql = if spec.filter_only {
        let l = b.bind(Param::Int(limit as i64));
        format!(
            "SELECT p.candidate_id, CAST(1.0 AS {real}) AS score FROM profiles p\nWHERE {where_}\nORDER BY p.candidate_id\nLIMIT {l}"
        )
    } else {
        let mut score = score(&b, spec);
        let (with, join) = match &text {
            Some((with, join, relevance)) => {
                let _ = write!(score, "\n  + {} * {relevance}", b.lit(spec.w_text));
                (with.as_str(), *join)
            }
            None => ("", ""),
        };
        let l = b.bind(Param::Int(limit as i64));
        format!(
            "{with}SELECT p.candidate_id, CAST({score} AS {real}) AS score FROM profiles p {join}\nWHERE {where_}\n\
             ORDER BY score DESC, p.candidate_id\nLIMIT {l}"
        )
    };
    SqlText {
        sql,
        params: b.params,
    }
}

/// How many candidates pass the filters (for the agreement check, not timed).
pub fn count(dialect: Dialect, spec: &Spec) -> SqlText {
    let mut b = Builder {
        dialect,
        params: Vec::new(),
    };
    let where_ = filters(&mut b, spec, false);
    SqlText {
        sql: format!("SELECT COUNT(*) FROM profiles p WHERE {where_}"),
        params: b.params,
    }
}
