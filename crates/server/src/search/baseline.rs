//! The search as it was before facets were counted from fast fields: every hit collected and
//! sorted, facets counted from the per-candidate summaries. Kept only as the benchmark's baseline
//! (`examples/search_index.rs`), so the speed-up is measured side by side in one run.

use super::collect::sorted;
use super::params::availability_bucket;
use super::{
    index_err, Facets, SearchError, SearchHit, SearchRequest, SearchResults, SearchService,
};
use super::{Summary, TOP_SKILL_FACETS};
use crate::matching::today;
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap, HashSet};
use tantivy::collector::TopDocs;
use tantivy::DocAddress;
use uuid::Uuid;

impl SearchService {
    /// The former search path (see the module doc); same answers as `search`.
    #[doc(hidden)]
    pub fn search_baseline(
        &self,
        r: &SearchRequest,
        visible: Option<&HashSet<Uuid>>,
    ) -> Result<SearchResults, SearchError> {
        let today = today();
        let query = self.query(r, today)?;
        let searcher = self.reader.searcher();
        let everyone = usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX);
        let found = if everyone == 0 {
            Vec::new()
        } else {
            searcher
                .search(&query, &TopDocs::with_limit(everyone))
                .map_err(index_err("search"))?
        };
        let summaries = self.summaries.read().unwrap_or_else(|e| e.into_inner());
        let mut hits: Vec<(f32, Uuid, DocAddress, &Summary)> = Vec::with_capacity(found.len());
        for (score, addr) in found {
            let ff = searcher.segment_reader(addr.segment_ord).fast_fields();
            let hi = ff.u64("id_hi").map_err(index_err("id"))?.first(addr.doc_id);
            let lo = ff.u64("id_lo").map_err(index_err("id"))?.first(addr.doc_id);
            let (Some(hi), Some(lo)) = (hi, lo) else {
                continue;
            };
            let id = Uuid::from_u128((u128::from(hi) << 64) | u128::from(lo));
            if visible.is_some_and(|v| !v.contains(&id)) {
                continue;
            }
            if let Some(s) = summaries.get(&id) {
                let score = if r.q.is_some() { score } else { 1.0 };
                hits.push((score, id, addr, s));
            }
        }
        hits.sort_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then_with(|| a.3.name.cmp(&b.3.name))
                .then_with(|| a.1.cmp(&b.1))
        });
        let facets = facets(hits.iter().map(|h| h.3), today);
        let total = hits.len() as u64;
        let end = r.offset.saturating_add(r.limit).min(hits.len());
        let page: Vec<(DocAddress, bool)> = hits
            .get(r.offset..end)
            .unwrap_or(&[])
            .iter()
            .map(|h| (h.2, h.3.has_resume))
            .collect();
        let snippets = self.snippets(&searcher, &*query, r.q.is_some(), &page)?;
        let results = hits
            .get(r.offset..end)
            .unwrap_or(&[])
            .iter()
            .zip(snippets)
            .map(|(h, snippet)| SearchHit {
                candidate_id: h.1,
                name: h.3.name.clone(),
                score: h.0,
                snippet,
            })
            .collect();
        Ok(SearchResults {
            results,
            total,
            facets,
            next_cursor: (end < hits.len()).then(|| end.to_string()),
            reason: None,
        })
    }
}

/// Facet counts over the found candidates' summaries.
fn facets<'a>(found: impl Iterator<Item = &'a Summary>, today: NaiveDate) -> Facets {
    let mut skill: HashMap<&str, u64> = HashMap::new();
    let mut level: BTreeMap<&str, u64> = BTreeMap::new();
    let mut region: BTreeMap<&str, u64> = BTreeMap::new();
    let mut rate: BTreeMap<&str, u64> = BTreeMap::new();
    let mut vetting: BTreeMap<&str, u64> = BTreeMap::new();
    let mut availability: BTreeMap<&str, u64> = BTreeMap::new();
    for s in found {
        for name in &s.skills {
            *skill.entry(name).or_default() += 1;
        }
        *level.entry(s.level).or_default() += 1;
        *region.entry(s.region).or_default() += 1;
        *rate.entry(s.rate_band).or_default() += 1;
        *vetting.entry(s.vetting).or_default() += 1;
        let days = s.available.map(|d| (d - today).num_days());
        *availability.entry(availability_bucket(days)).or_default() += 1;
    }
    Facets {
        skill: sorted(skill, TOP_SKILL_FACETS),
        level: sorted(level, usize::MAX),
        region: sorted(region, usize::MAX),
        rate_band: sorted(rate, usize::MAX),
        vetting: sorted(vetting, usize::MAX),
        availability: sorted(availability, usize::MAX),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use hireloop_core::candidate::{Candidate, Region, SkillTag};
    use hireloop_core::candidate_profile::{CandidateProfile, VettingStatus};
    use hireloop_core::email::Email;
    use hireloop_core::ids::CandidateId;
    use hireloop_core::level::Level;
    use hireloop_core::money::{Currency, Money, RatePeriod};
    use hireloop_core::text::{Location, PersonName};
    use hireloop_match::Taxonomy;
    use std::sync::Arc;

    const SKILLS: [&str; 6] = [
        "Go",
        "Postgres",
        "PostgreSQL",
        "Kafka",
        "Django",
        "quantum-widgets",
    ];
    const NAMES: [&str; 4] = ["Ana", "Bora", "Cy", "Ana"];

    fn candidate(i: usize) -> Candidate {
        let now = chrono::Utc::now();
        let skills = (0..=i % 4)
            .map(|k| SkillTag::parse(SKILLS[(i + k) % SKILLS.len()]).unwrap())
            .collect();
        Candidate {
            id: CandidateId(Uuid::from_u128(1000 + i as u128)),
            // Repeated names: the id breaks the tie.
            name: PersonName::parse(NAMES[i % NAMES.len()]).unwrap(),
            email: Email::parse(&format!("c{i}@example.com")).unwrap(),
            location: (i % 3 == 0).then(|| Location::parse("Berlin").unwrap()),
            region: (i % 5 != 0).then_some(Region::ALL[i % Region::ALL.len()]),
            skills,
            expected_rate: (i % 4 != 0).then(|| Money {
                amount: 20 + (i as i64 * 13) % 160,
                currency: Currency::usd(),
                period: RatePeriod::Hour,
            }),
            profile: CandidateProfile {
                stated_level: (i % 6 != 0).then_some(Level::ALL[i % Level::ALL.len()]),
                available_from: (i % 2 == 0)
                    .then(|| now.date_naive() + chrono::Duration::days((i as i64 * 7) % 120 - 10)),
                ..Default::default()
            },
            vetting_status: VettingStatus::ALL[i % VettingStatus::ALL.len()],
            created_at: now,
            updated_at: now,
        }
    }

    /// The collector answers exactly as the former path: same total, facets, page and order,
    /// over several segments with deleted (re-indexed) documents, with and without free text,
    /// filters, an interviewer's visible set and pages further in. One segment holds more than
    /// `FEW_HITS` documents, so skills are counted both from summaries and from the dictionary.
    #[test]
    fn the_collector_matches_the_former_path() {
        let service = SearchService::empty(Arc::new(Taxonomy::shipped().unwrap())).unwrap();
        let all: Vec<Candidate> = (0..140).map(candidate).collect();
        for chunk in [
            &all[..15],
            &all[15..30],
            &all[30..45],
            &all[45..60],
            &all[60..],
        ] {
            service.add_all(chunk).unwrap();
            service.commit().unwrap();
        }
        // Re-indexing deletes the old documents: they must not count.
        service.upsert_all(&all[10..20]);
        let visible: HashSet<Uuid> = all.iter().step_by(3).map(|c| c.id.as_uuid()).collect();
        let requests: [&[(&str, &str)]; 6] = [
            &[],
            &[("q", "postgresql")],
            &[("q", "ana kafka")],
            &[("skill", "python")],
            &[("level", "senior"), ("limit", "5"), ("cursor", "5")],
            &[("max_rate", "90"), ("limit", "7"), ("cursor", "14")],
        ];
        for pairs in requests {
            let r = SearchRequest::parse(pairs.iter().copied()).unwrap();
            for v in [None, Some(&visible)] {
                let new = service.search(&r, v).unwrap();
                let old = service.search_baseline(&r, v).unwrap();
                let show = |x: &SearchResults| serde_json::to_value(x).unwrap();
                assert_eq!(
                    show(&new),
                    show(&old),
                    "{pairs:?}, visible: {}",
                    v.is_some()
                );
            }
        }
        let everyone = service
            .search(&SearchRequest::parse([]).unwrap(), None)
            .unwrap();
        assert_eq!(everyone.total, 140);
        let postgres = everyone
            .facets
            .skill
            .iter()
            .find(|f| f.value == "PostgreSQL");
        assert!(postgres.is_some(), "{:?}", everyone.facets.skill);
    }
}
