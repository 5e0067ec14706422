//! Years per skill, estimated from the dated work entries of a resume's text: a line holding a
//! year range ("2019 – 2023", "Mar 2020 - present") opens a work entry that runs to the next such
//! line; a skill mentioned inside an entry was used for that entry's span. Overlapping entries
//! count once, so two parallel jobs do not double a skill's years.

/// One dated work entry: where it starts in the text and the years it spans.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// Byte offset of the line holding the range.
    pub at: usize,
    pub from_year: i32,
    /// Inclusive; "present" is `this_year`.
    pub to_year: i32,
}

/// A skill's estimate: whole years of the entries mentioning it, and the last year of use.
#[derive(Debug, Clone, PartialEq)]
pub struct SkillYears {
    pub skill: String,
    pub years: f32,
    pub last_used_year: i32,
}

/// The dated entries in text order. Years outside 1970..=this_year are not work dates.
pub fn periods(text: &str, this_year: i32) -> Vec<Period> {
    let mut out = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        if let Some((from_year, to_year)) = range_in(line, this_year) {
            out.push(Period {
                at,
                from_year,
                to_year,
            });
        }
        at += line.len();
    }
    out
}

/// `mentions` are (skill id, byte offset) pairs from skill detection. A skill mentioned before the
/// first dated entry (a summary or skills list) gets no estimate from that mention.
pub fn estimate(text: &str, mentions: &[(String, usize)], this_year: i32) -> Vec<SkillYears> {
    let periods = periods(text, this_year);
    let mut spans: Vec<(String, Vec<(i32, i32)>)> = Vec::new();
    for (skill, offset) in mentions {
        let Some(period) = periods.iter().rev().find(|p| p.at <= *offset) else {
            continue;
        };
        let span = (period.from_year, period.to_year);
        match spans.iter_mut().find(|(s, _)| s == skill) {
            Some((_, list)) if !list.contains(&span) => list.push(span),
            Some(_) => {}
            None => spans.push((skill.clone(), vec![span])),
        }
    }
    spans
        .into_iter()
        .map(|(skill, mut list)| {
            list.sort_unstable();
            let (mut years, mut last) = (0, i32::MIN);
            let mut current: Option<(i32, i32)> = None;
            for (from, to) in list {
                current = match current {
                    Some((a, b)) if from <= b => Some((a, b.max(to))),
                    Some((a, b)) => {
                        years += b - a;
                        Some((from, to))
                    }
                    None => Some((from, to)),
                };
                last = last.max(to);
            }
            if let Some((a, b)) = current {
                years += b - a;
            }
            SkillYears {
                skill,
                // A range within one year still means some use: count it as half a year.
                years: if years == 0 {
                    0.5
                } else {
                    years.min(50) as f32
                },
                last_used_year: last,
            }
        })
        .collect()
}

/// The first "YEAR sep YEAR|present" in a line, where sep is a dash, en/em dash or "to".
fn range_in(line: &str, this_year: i32) -> Option<(i32, i32)> {
    let words: Vec<String> = line
        .split(|c: char| c.is_whitespace() || c == '-' || c == '–' || c == '—' || c == '/')
        .filter(|w| !w.is_empty())
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_ascii_lowercase()
        })
        .collect();
    let year = |w: &str| {
        w.parse::<i32>()
            .ok()
            .filter(|y| w.len() == 4 && (1970..=this_year).contains(y))
    };
    let joined_by_dash = line.contains(['-', '–', '—']);
    for (i, w) in words.iter().enumerate() {
        let Some(from) = year(w) else { continue };
        // Skip a month name or "to" between the two ends: "2019 to Mar 2021".
        for next in words.iter().skip(i + 1).take(3) {
            if next == "to" || is_month(next) {
                continue;
            }
            if matches!(next.as_str(), "present" | "current" | "now" | "today") {
                return Some((from, this_year));
            }
            if let Some(to) = year(next).filter(|to| *to >= from) {
                if joined_by_dash || words.iter().any(|w| w == "to") {
                    return Some((from, to));
                }
            }
            break;
        }
    }
    None
}

fn is_month(word: &str) -> bool {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    word.len() >= 3 && MONTHS.iter().any(|m| word.starts_with(m))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const CV: &str = "Summary: Go and Rust.\n\
        Acme, Backend engineer, Jan 2016 - Dec 2019\nBuilt services in Go on PostgreSQL.\n\
        Beta, Staff engineer, 2019 – present\nRust and Go. Kafka.\n";

    fn at(word: &str, nth: usize) -> usize {
        CV.match_indices(word).nth(nth).unwrap().0
    }

    #[test]
    fn ranges_are_found_with_months_dashes_and_present() {
        let p = periods(CV, 2026);
        assert_eq!(p.len(), 2);
        assert_eq!((p[0].from_year, p[0].to_year), (2016, 2019));
        assert_eq!((p[1].from_year, p[1].to_year), (2019, 2026));
        assert_eq!(range_in("2018 to 2020", 2026), Some((2018, 2020)));
        assert_eq!(range_in("Phone 2018 2020", 2026), None);
        assert_eq!(range_in("1066 - 1070", 2026), None);
    }

    #[test]
    fn overlapping_entries_count_once_and_summary_mentions_none() {
        let mentions = vec![
            ("go".to_string(), at("Go", 0)),
            ("go".to_string(), at("Go", 1)),
            ("go".to_string(), at("Go", 2)),
            ("postgresql".to_string(), at("PostgreSQL", 0)),
            ("kafka".to_string(), at("Kafka", 0)),
        ];
        let got = estimate(CV, &mentions, 2026);
        let go = got.iter().find(|s| s.skill == "go").unwrap();
        assert_eq!((go.years, go.last_used_year), (10.0, 2026));
        let pg = got.iter().find(|s| s.skill == "postgresql").unwrap();
        assert_eq!((pg.years, pg.last_used_year), (3.0, 2019));
        let kafka = got.iter().find(|s| s.skill == "kafka").unwrap();
        assert_eq!(kafka.years, 7.0);
        // Rust appears only in the summary here (its second mention is not passed).
        assert!(got.iter().all(|s| s.skill != "rust"));
    }
}
