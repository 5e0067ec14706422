//! Reads typed values out of a parsed TOML table, collecting one problem per bad key, each named
//! by its full key path (`location.overlap_hours`, `must_have[2].skill`).

use super::Problem;
use std::ops::RangeInclusive;
use toml::{Table, Value};

#[derive(Default)]
pub(super) struct Reader {
    pub(super) problems: Vec<Problem>,
}

pub(super) fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_string()
    } else {
        format!("{prefix}.{key}")
    }
}

/// The allowed key nearest to `wrong` by edit distance, when near enough to be a typo.
pub(super) fn nearest<'a>(wrong: &str, allowed: &[&'a str]) -> Option<&'a str> {
    let wrong = wrong.to_ascii_lowercase();
    let typo = allowed
        .iter()
        .map(|k| (strsim::levenshtein(&wrong, k), *k))
        .filter(|(d, k)| *d <= (k.len() / 3).max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k);
    // Half a key ("timezone" for "team_timezone", "min" for "min_years") is also a near miss.
    typo.or_else(|| {
        allowed
            .iter()
            .copied()
            .find(|k| wrong.len() >= 3 && (k.ends_with(&wrong) || k.starts_with(&wrong)))
    })
}

impl Reader {
    pub(super) fn err(&mut self, path: String, message: impl Into<String>) {
        self.problems.push(Problem {
            path,
            message: message.into(),
            line: None,
            column: None,
        });
    }

    /// Reports every key of `table` that is not in `allowed`, with a "did you mean".
    pub(super) fn keys(&mut self, table: &Table, prefix: &str, allowed: &[&str]) {
        for key in table.keys() {
            if allowed.contains(&key.as_str()) {
                continue;
            }
            let hint = match nearest(key, allowed) {
                Some(near) => format!("; did you mean '{near}'?"),
                None => format!("; known keys: {}", allowed.join(", ")),
            };
            self.err(join(prefix, key), format!("unknown key '{key}'{hint}"));
        }
    }

    fn wrong_type(&mut self, path: String, expected: &str, got: &Value) {
        self.err(
            path,
            format!("expected {expected}, found {}", got.type_str()),
        );
    }

    pub(super) fn string(&mut self, table: &Table, key: &str, prefix: &str) -> Option<String> {
        match table.get(key)? {
            Value::String(s) if s.trim().is_empty() => None,
            Value::String(s) => Some(s.trim().to_string()),
            other => {
                self.wrong_type(join(prefix, key), "a string", other);
                None
            }
        }
    }

    /// A string parsed by `parse`; its error (e.g. listing the valid values) names the key.
    pub(super) fn parsed<T>(
        &mut self,
        table: &Table,
        key: &str,
        prefix: &str,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Option<T> {
        let raw = self.string(table, key, prefix)?;
        match parse(&raw) {
            Ok(value) => Some(value),
            Err(message) => {
                self.err(join(prefix, key), message);
                None
            }
        }
    }

    pub(super) fn required<T>(&mut self, found: Option<T>, table: &Table, key: &str) -> Option<T> {
        if found.is_none() && !table.contains_key(key) {
            self.err(key.to_string(), "is required");
        }
        found
    }

    pub(super) fn int(
        &mut self,
        table: &Table,
        key: &str,
        prefix: &str,
        range: RangeInclusive<i64>,
    ) -> Option<i64> {
        match table.get(key)? {
            Value::Integer(n) if range.contains(n) => Some(*n),
            Value::Integer(n) => {
                self.err(
                    join(prefix, key),
                    format!(
                        "{n} is out of range; expected {} to {}",
                        range.start(),
                        range.end()
                    ),
                );
                None
            }
            other => {
                self.wrong_type(join(prefix, key), "a whole number", other);
                None
            }
        }
    }

    /// A list of strings; a single string counts as a list of one.
    pub(super) fn strings(&mut self, table: &Table, key: &str, prefix: &str) -> Vec<String> {
        let path = join(prefix, key);
        match table.get(key) {
            None => Vec::new(),
            Some(Value::String(s)) => vec![s.trim().to_string()],
            Some(Value::Array(items)) => {
                let mut out = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    match item {
                        Value::String(s) if !s.trim().is_empty() => out.push(s.trim().to_string()),
                        Value::String(_) => self.err(format!("{path}[{i}]"), "must not be empty"),
                        other => self.wrong_type(format!("{path}[{i}]"), "a string", other),
                    }
                }
                out
            }
            Some(other) => {
                self.wrong_type(path, "a list of strings", other);
                Vec::new()
            }
        }
    }

    pub(super) fn table<'t>(&mut self, table: &'t Table, key: &str) -> Option<&'t Table> {
        match table.get(key)? {
            Value::Table(t) => Some(t),
            other => {
                self.wrong_type(key.to_string(), &format!("a table ([{key}])"), other);
                None
            }
        }
    }

    /// A table nested in another (`[matching.weights]`), named by its full path when it is not one.
    pub(super) fn table_in<'t>(
        &mut self,
        table: &'t Table,
        key: &str,
        prefix: &str,
    ) -> Option<&'t Table> {
        let path = join(prefix, key);
        match table.get(key)? {
            Value::Table(t) => Some(t),
            other => {
                self.wrong_type(path.clone(), &format!("a table ([{path}])"), other);
                None
            }
        }
    }

    /// An array of tables, each with its path (`must_have[0]`).
    pub(super) fn tables<'t>(&mut self, table: &'t Table, key: &str) -> Vec<(String, &'t Table)> {
        match table.get(key) {
            None => Vec::new(),
            Some(Value::Array(items)) => {
                let mut out = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    let path = format!("{key}[{i}]");
                    match item {
                        Value::Table(t) => out.push((path, t)),
                        other => self.wrong_type(path, &format!("a table ([[{key}]])"), other),
                    }
                }
                out
            }
            Some(other) => {
                self.wrong_type(
                    key.to_string(),
                    &format!("an array of tables ([[{key}]])"),
                    other,
                );
                Vec::new()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::nearest;

    #[test]
    fn nearest_key_only_when_it_looks_like_a_typo() {
        let keys = ["mission", "must_have", "headcount"];
        assert_eq!(nearest("misson", &keys), Some("mission"));
        assert_eq!(nearest("must_haves", &keys), Some("must_have"));
        assert_eq!(nearest("salary", &keys), None);
        assert_eq!(
            nearest("timezone", &["policy", "team_timezone"]),
            Some("team_timezone")
        );
    }
}
