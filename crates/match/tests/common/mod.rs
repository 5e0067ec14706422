//! Helpers for the matching tests: the shipped taxonomy, a dated query, and a profile builder.
#![allow(dead_code)]

use chrono::NaiveDate;
use hireloop_core::candidate::Region;
use hireloop_core::ids::CandidateId;
use hireloop_core::level::Level;
use hireloop_core::market::advice::Engagement;
use hireloop_match::{
    Country, Profile, ProfileSkill, Query, Rate, SkillId, Taxonomy, Vetting, WorkMode,
};
use std::sync::Arc;
use uuid::Uuid;

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 1).unwrap()
}

pub fn taxonomy() -> Arc<Taxonomy> {
    Arc::new(Taxonomy::shipped().unwrap())
}

pub fn skill(t: &Taxonomy, name: &str) -> SkillId {
    t.resolve(name).unwrap()
}

pub fn query() -> Query {
    Query::new(today())
}

/// A mid-level remote full-time candidate in Poland, vetted, available now, 60 USD/h.
pub fn profile(t: &Taxonomy, n: u128, skills: &[(&str, f32)]) -> Profile {
    Profile {
        id: CandidateId(Uuid::from_u128(n)),
        display_name: format!("Person {n}"),
        skills: skills
            .iter()
            .map(|(s, y)| ProfileSkill {
                skill: skill(t, s),
                years: Some(*y),
            })
            .collect(),
        level: Level::Mid,
        region: Region::EasternEurope,
        country: Country::parse("PL").unwrap(),
        work_authorization: Vec::new(),
        utc_offset_minutes: 60,
        rate: Some(Rate::hourly(60)),
        engagements: vec![Engagement::FullTime, Engagement::Contractor],
        work_modes: vec![WorkMode::Remote],
        open_to_relocation: false,
        available_from: today(),
        vetting: Vetting::Vetted,
    }
}

pub fn ids(r: &hireloop_match::SearchResult) -> Vec<u128> {
    r.matches
        .iter()
        .map(|m| m.candidate_id.as_uuid().as_u128())
        .collect()
}
