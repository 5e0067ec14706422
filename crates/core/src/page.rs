//! Pagination: newest first, keyset by id (UUIDv7 ids sort by creation time), so pages stay stable
//! while rows are added and deep pages cost the same as the first.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub const DEFAULT_LIMIT: u32 = 50;
pub const MAX_LIMIT: u32 = 200;

/// Which page of a list to return.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    pub limit: u32,
    /// Return items older than this id (the previous page's `next_cursor`).
    pub after: Option<Uuid>,
}

impl Default for PageRequest {
    fn default() -> Self {
        Self {
            limit: DEFAULT_LIMIT,
            after: None,
        }
    }
}

impl PageRequest {
    /// Parses `limit` (1-200, default 50) and `cursor`, naming the field on error.
    pub fn parse(limit: Option<i64>, cursor: Option<&str>) -> Result<Self, (&'static str, String)> {
        let limit = match limit {
            None => DEFAULT_LIMIT,
            Some(n) if (1..=i64::from(MAX_LIMIT)).contains(&n) => n as u32,
            Some(n) => {
                return Err((
                    "limit",
                    format!("must be between 1 and {MAX_LIMIT} (got {n})"),
                ))
            }
        };
        let after = match cursor.map(str::trim).filter(|c| !c.is_empty()) {
            None => None,
            Some(c) => Some(Uuid::parse_str(c).map_err(|_| {
                (
                    "cursor",
                    format!("'{c}' is not a cursor from a previous page"),
                )
            })?),
        };
        Ok(Self { limit, after })
    }

    /// Fetch one row more than the limit to learn whether another page exists.
    pub fn fetch_limit(&self) -> i64 {
        i64::from(self.limit) + 1
    }
}

/// One page of a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Pass as `cursor` to get the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

impl<T> Page<T> {
    /// Builds a page from `limit + 1` fetched rows, using `id` to make the cursor.
    pub fn from_rows(mut rows: Vec<T>, request: &PageRequest, id: impl Fn(&T) -> Uuid) -> Self {
        let limit = request.limit as usize;
        let next_cursor = if rows.len() > limit {
            rows.truncate(limit);
            rows.last().map(|last| id(last).to_string())
        } else {
            None
        };
        Self {
            items: rows,
            next_cursor,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_and_cursors_are_checked() {
        assert_eq!(PageRequest::parse(None, None).unwrap().limit, 50);
        assert_eq!(PageRequest::parse(Some(0), None).unwrap_err().0, "limit");
        assert_eq!(PageRequest::parse(Some(201), None).unwrap_err().0, "limit");
        assert_eq!(
            PageRequest::parse(None, Some("nope")).unwrap_err().0,
            "cursor"
        );
    }

    #[test]
    fn a_full_page_gets_a_cursor_and_the_last_does_not() {
        let request = PageRequest {
            limit: 2,
            after: None,
        };
        let ids: Vec<Uuid> = (0..3u128).map(Uuid::from_u128).collect();
        let page = Page::from_rows(ids.clone(), &request, |u| *u);
        assert_eq!(page.items.len(), 2);
        assert_eq!(page.next_cursor, Some(ids[1].to_string()));
        let last = Page::from_rows(ids[..2].to_vec(), &request, |u| *u);
        assert_eq!(last.next_cursor, None);
    }
}
