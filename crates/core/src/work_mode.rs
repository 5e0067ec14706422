//! Where a candidate is willing to work (remote, hybrid, on site) and whether they would relocate
//! (issue #5: "engagement preferences; work authorization/regions"). Matching keeps candidates for
//! on-site and hybrid roles by these; an empty list and `None` mean "not stated", never "no".

use crate::vocab::vocabulary;

vocabulary!(
    /// A way of working a candidate accepts. Several may be stated.
    WorkMode, "work mode" {
        Remote => "remote", "Remote";
        Hybrid => "hybrid", "Hybrid";
        Onsite => "onsite", "On-site";
    }
);

/// A work mode as people write it: the API name, or "on-site" / "on site" for `onsite`.
pub fn parse_work_mode(raw: &str) -> Result<WorkMode, String> {
    let folded = raw.trim().to_ascii_lowercase().replace(['-', ' ', '_'], "");
    match folded.as_str() {
        "onsite" => Ok(WorkMode::Onsite),
        _ => raw.parse(),
    }
}

/// A yes/no answer as spreadsheets and forms write it: yes, no, true, false, y, n, 1, 0 (any case).
/// A blank is "not stated" and is the caller's to handle.
pub fn parse_yes_no(raw: &str) -> Result<bool, String> {
    match raw.trim().to_ascii_lowercase().as_str() {
        "yes" | "y" | "true" | "1" => Ok(true),
        "no" | "n" | "false" | "0" => Ok(false),
        _ => Err(format!(
            "'{}' is not yes or no (also: true, false)",
            raw.trim()
        )),
    }
}

/// How the page shows relocation: "Open to relocation", "Not open to relocation", or nothing.
pub fn relocation_label(open: Option<bool>) -> Option<&'static str> {
    open.map(|yes| {
        if yes {
            "Open to relocation"
        } else {
            "Not open to relocation"
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_parse_forgivingly_and_name_the_known_values() {
        assert_eq!(parse_work_mode("On-site"), Ok(WorkMode::Onsite));
        assert_eq!(parse_work_mode("on site"), Ok(WorkMode::Onsite));
        assert_eq!(parse_work_mode(" HYBRID "), Ok(WorkMode::Hybrid));
        let err = parse_work_mode("office").unwrap_err();
        assert!(err.contains("remote, hybrid, onsite"), "{err}");
        assert_eq!(
            serde_json::to_string(&WorkMode::Onsite).unwrap(),
            "\"onsite\""
        );
    }

    #[test]
    fn yes_no_accepts_spreadsheet_spellings_only() {
        assert_eq!(parse_yes_no("Yes"), Ok(true));
        assert_eq!(parse_yes_no("TRUE"), Ok(true));
        assert_eq!(parse_yes_no(" n "), Ok(false));
        assert_eq!(parse_yes_no("0"), Ok(false));
        assert!(parse_yes_no("maybe").unwrap_err().contains("'maybe'"));
        assert_eq!(relocation_label(None), None);
        assert_eq!(
            relocation_label(Some(false)),
            Some("Not open to relocation")
        );
    }
}
