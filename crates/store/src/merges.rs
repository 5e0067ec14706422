//! Duplicate candidates and merging them (issue #5): the `Store` face of `queries/duplicates.rs`.
//! SQL narrows by the indexed keys; the core rule (`hireloop_core::duplicates`) decides and names
//! the reasons, so the API, the pages and the CLI all flag the same pairs.

use crate::{Backend, Result, Store, StoreError};
use hireloop_core::candidate::Candidate;
use hireloop_core::candidate_merge::CandidateMerge;
use hireloop_core::duplicates::{
    find_duplicates, name_key, DuplicateGroup, DuplicateMatch, DuplicateReason,
};
use hireloop_core::ids::{CandidateId, UserId};
use hireloop_core::page::Page;
use hireloop_core::text::Reason;

/// Cities read per round when listing name-and-city groups.
const CITY_BATCH: i64 = 200;

/// Which page of the pool-wide duplicate groups: `cursor` is a previous page's `next_cursor`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GroupsRequest {
    pub limit: u32,
    pub cursor: Option<String>,
}

/// Where a page of groups starts: after this reason and key.
struct GroupCursor {
    reason: DuplicateReason,
    key: String,
}

impl GroupCursor {
    fn parse(raw: &str) -> Result<Self> {
        let bad = || {
            StoreError::invalid(
                "cursor",
                format!("'{raw}' is not a cursor from a previous page"),
            )
        };
        let (reason, key) = raw.split_once(':').ok_or_else(bad)?;
        Ok(Self {
            reason: reason.parse().map_err(|_| bad())?,
            key: key.to_string(),
        })
    }
}

fn cursor_of(group: &DuplicateGroup) -> String {
    format!("{}:{}", group.reason.as_str(), group.key)
}

impl Store {
    /// One candidate, whoever may see them (callers check visibility first).
    async fn candidate_any(&self, id: CandidateId) -> Result<Option<Candidate>> {
        dispatch!(self.candidate_any(id))
    }

    /// The likely duplicates of a candidate with the reasons, strongest first; `NotFound` when
    /// there is no such candidate.
    pub async fn candidate_duplicates(&self, id: CandidateId) -> Result<Vec<DuplicateMatch>> {
        let candidate = self
            .candidate_any(id)
            .await?
            .ok_or(StoreError::NotFound("candidate"))?;
        let (mut ids, same_city) = dispatch!(self.duplicate_lookup(id))?;
        let wanted = name_key(candidate.name.as_str());
        ids.extend(
            same_city
                .into_iter()
                .filter(|row| name_key(&row.name) == wanted)
                .map(|row| row.id),
        );
        ids.sort();
        ids.dedup();
        let others = dispatch!(self.candidates_with_ids(&ids))?;
        Ok(find_duplicates(&candidate, &others))
    }

    /// Groups of candidates that share an email key, a phone key, or a name in one city, in that
    /// order and by key; a candidate may be in several groups.
    pub async fn duplicate_groups(&self, request: &GroupsRequest) -> Result<Page<DuplicateGroup>> {
        let want = request.limit as usize + 1;
        let cursor = request
            .cursor
            .as_deref()
            .map(GroupCursor::parse)
            .transpose()?;
        let mut groups: Vec<DuplicateGroup> = Vec::new();
        for &reason in DuplicateReason::ALL {
            if groups.len() >= want {
                break;
            }
            let after = match &cursor {
                Some(c) if c.reason > reason => continue,
                Some(c) if c.reason == reason => Some(c.key.as_str()),
                _ => None,
            };
            let left = (want - groups.len()) as i64;
            match reason {
                DuplicateReason::SameEmail | DuplicateReason::SamePhone => {
                    let column = if reason == DuplicateReason::SameEmail {
                        "email_key"
                    } else {
                        "phone_key"
                    };
                    for (key, ids) in dispatch!(self.shared_keys(column, after, left))? {
                        let candidates = dispatch!(self.candidates_with_ids(&ids))?;
                        groups.push(DuplicateGroup {
                            reason,
                            key,
                            candidates,
                        });
                    }
                }
                DuplicateReason::SameNameAndCity => {
                    self.name_city_groups(after, want, &mut groups).await?;
                }
            }
        }
        let limit = request.limit as usize;
        let next_cursor = if groups.len() > limit {
            groups.truncate(limit);
            groups.last().map(cursor_of)
        } else {
            None
        };
        Ok(Page {
            items: groups,
            next_cursor,
        })
    }

    /// Appends name-and-city groups after `after` ("city|name") until `groups` holds `want`.
    async fn name_city_groups(
        &self,
        after: Option<&str>,
        want: usize,
        groups: &mut Vec<DuplicateGroup>,
    ) -> Result<()> {
        let (cursor_city, after_name) = match after.and_then(|a| a.rsplit_once('|')) {
            Some((city, name)) => (Some(city.to_string()), Some(name.to_string())),
            None => (None, None),
        };
        let mut from = cursor_city.clone();
        let mut done_city: Option<String> = None;
        loop {
            let rows = dispatch!(self.names_by_city(from.as_deref(), CITY_BATCH))?;
            if rows.is_empty() {
                return Ok(());
            }
            // Rows come in city order; group each city's rows by name key.
            let mut cities: Vec<(String, Vec<(String, uuid::Uuid)>)> = Vec::new();
            for row in rows {
                let city = row.city_key.unwrap_or_default();
                if done_city.as_ref().is_some_and(|d| *d == city) {
                    continue;
                }
                match cities.last_mut() {
                    Some((c, members)) if *c == city => members.push((name_key(&row.name), row.id)),
                    _ => cities.push((city, vec![(name_key(&row.name), row.id)])),
                }
            }
            let read_all = (cities.len() as i64) < CITY_BATCH;
            for (city, mut members) in cities {
                members.sort();
                let mut names: Vec<(String, Vec<uuid::Uuid>)> = Vec::new();
                for (name, id) in members {
                    match names.last_mut() {
                        Some((n, ids)) if *n == name => ids.push(id),
                        _ => names.push((name, vec![id])),
                    }
                }
                for (name, mut ids) in names {
                    let skip = ids.len() < 2
                        || name.is_empty()
                        || (cursor_city.as_deref() == Some(city.as_str())
                            && after_name.as_ref().is_some_and(|a| name <= *a));
                    if skip {
                        continue;
                    }
                    ids.sort();
                    let candidates = dispatch!(self.candidates_with_ids(&ids))?;
                    groups.push(DuplicateGroup {
                        reason: DuplicateReason::SameNameAndCity,
                        key: format!("{city}|{name}"),
                        candidates,
                    });
                    if groups.len() >= want {
                        return Ok(());
                    }
                }
                done_city = Some(city);
            }
            if read_all {
                return Ok(());
            }
            from.clone_from(&done_city);
        }
    }

    /// Merges `duplicate` into `survivor` in one transaction: the duplicate's applications (with
    /// their interviews, feedback and offers), resume documents, vetting history and earlier
    /// merges move to the survivor; the survivor keeps its fields and takes what it leaves
    /// unstated from the duplicate, skills as the union with the larger years; a merge record keeps
    /// the duplicate's full record, the counts, who, when and why; the duplicate is deleted.
    /// Both having an application for one role is `Conflict` on `duplicate_id`, naming the role,
    /// and nothing changes; no survivor is `NotFound`; no duplicate is `Invalid` on `duplicate_id`.
    pub async fn merge_candidates(
        &self,
        survivor: CandidateId,
        duplicate: CandidateId,
        actor: Option<UserId>,
        note: Option<&Reason>,
    ) -> Result<(Candidate, CandidateMerge)> {
        if survivor == duplicate {
            return Err(StoreError::invalid(
                "duplicate_id",
                "a candidate cannot be merged into itself",
            ));
        }
        let today = chrono::Utc::now().date_naive();
        let (candidate, merge_id) =
            dispatch!(self.merge_candidates(survivor, duplicate, actor, note, today))?;
        let merge = dispatch!(self.candidate_merge(merge_id))?
            .ok_or(StoreError::NotFound("candidate merge"))?;
        Ok((candidate, merge))
    }

    /// The merges into a candidate (and, through them, into the candidates merged into it),
    /// oldest first.
    pub async fn candidate_merges(&self, survivor: CandidateId) -> Result<Vec<CandidateMerge>> {
        dispatch!(self.candidate_merges(survivor))
    }
}
