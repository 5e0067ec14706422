//! iCalendar (RFC 5545) invites for interviews: one VEVENT with METHOD:REQUEST, times in UTC,
//! CRLF line endings, lines folded at 75 octets and text values escaped. Written by hand rather
//! than with a crate: the subset a calendar invite needs is small and every rule of it is tested
//! here.

use crate::email::Email;
use crate::error::ValidationErrors;
use chrono::{DateTime, Duration, Utc};

/// Longest interview accepted in an invite, in minutes (a full working day).
pub const MAX_DURATION_MINUTES: i64 = 8 * 60;

/// Someone on the invite.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Participant {
    pub name: String,
    pub email: Email,
}

/// What an invite says. `start`, `duration_minutes`, `organizer` and at least one attendee are
/// required; the others may be left empty.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct InviteEvent {
    /// Stable across updates of the same interview, so calendars replace rather than duplicate it.
    pub uid: String,
    /// Bumped when the interview changes.
    pub sequence: u32,
    pub stamp: Option<DateTime<Utc>>,
    pub start: Option<DateTime<Utc>>,
    pub duration_minutes: Option<i64>,
    pub summary: String,
    pub location: Option<String>,
    pub description: Option<String>,
    pub organizer: Option<Participant>,
    pub attendees: Vec<Participant>,
}

/// The invite as an iCalendar document, or the fields that are missing or wrong.
pub fn invite(event: &InviteEvent) -> Result<String, ValidationErrors> {
    let mut errors = ValidationErrors::default();
    if event.uid.trim().is_empty() {
        errors.add("uid", "an invite needs a UID (the interview id)");
    }
    if event.start.is_none() {
        errors.add("starts_at", "an invite needs the interview's start time");
    }
    match event.duration_minutes {
        None => errors.add(
            "duration_minutes",
            "an invite needs the interview's duration",
        ),
        Some(m) if !(1..=MAX_DURATION_MINUTES).contains(&m) => errors.add(
            "duration_minutes",
            format!("must be between 1 and {MAX_DURATION_MINUTES} minutes (got {m})"),
        ),
        Some(_) => {}
    }
    if event.summary.trim().is_empty() {
        errors.add("summary", "an invite needs a summary (its title)");
    }
    if event.organizer.is_none() {
        errors.add("organizer", "an invite needs an organizer");
    }
    if event.attendees.is_empty() {
        errors.add("attendees", "an invite needs at least one attendee");
    }
    let (Some(start), Some(minutes), Some(organizer), true) = (
        event.start,
        event.duration_minutes,
        event.organizer.as_ref(),
        errors.is_empty(),
    ) else {
        return Err(errors);
    };
    let end = start + Duration::minutes(minutes);
    let stamp = event.stamp.unwrap_or(start);

    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".into(),
        "PRODID:-//hireloop//hireloop interview invite//EN".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:REQUEST".into(),
        "BEGIN:VEVENT".into(),
        format!("UID:{}", text(&event.uid)),
        format!("SEQUENCE:{}", event.sequence),
        format!("DTSTAMP:{}", utc(stamp)),
        format!("DTSTART:{}", utc(start)),
        format!("DTEND:{}", utc(end)),
        format!("SUMMARY:{}", text(&event.summary)),
    ];
    if let Some(location) = event.location.as_deref().filter(|l| !l.trim().is_empty()) {
        lines.push(format!("LOCATION:{}", text(location)));
    }
    if let Some(description) = event
        .description
        .as_deref()
        .filter(|d| !d.trim().is_empty())
    {
        lines.push(format!("DESCRIPTION:{}", text(description)));
    }
    lines.push(format!(
        "ORGANIZER;CN={}:mailto:{}",
        param(&organizer.name),
        organizer.email.as_str()
    ));
    for a in &event.attendees {
        lines.push(format!(
            "ATTENDEE;CN={};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:{}",
            param(&a.name),
            a.email.as_str()
        ));
    }
    lines.extend([
        "STATUS:CONFIRMED".into(),
        "END:VEVENT".into(),
        "END:VCALENDAR".into(),
    ]);

    let mut out = String::new();
    for line in &lines {
        fold_into(&mut out, line);
    }
    Ok(out)
}

fn utc(at: DateTime<Utc>) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

/// A TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines escaped; other
/// control characters dropped.
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let normalised = value.replace("\r\n", "\n").replace('\r', "\n");
    for c in normalised.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A parameter value (§3.2): quoted when it holds `:`, `;` or `,`; a double quote cannot appear in
/// one at all, so it becomes a single quote; control characters are dropped.
fn param(value: &str) -> String {
    let clean: String = value
        .chars()
        .filter(|c| !c.is_control())
        .map(|c| if c == '"' { '\'' } else { c })
        .collect();
    if clean.contains([':', ';', ',']) {
        format!("\"{clean}\"")
    } else {
        clean
    }
}

/// Appends `line` with CRLF, folded so that no line is longer than 75 octets (§3.1): continuation
/// lines start with one space, and a UTF-8 character is never split.
fn fold_into(out: &mut String, line: &str) {
    let mut budget = 75;
    let mut used = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if used + len > budget {
            out.push_str("\r\n ");
            // The leading space counts towards the next line's 75 octets.
            budget = 74;
            used = 0;
        }
        out.push(c);
        used += len;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn person(name: &str, email: &str) -> Participant {
        Participant {
            name: name.into(),
            email: Email::parse(email).unwrap(),
        }
    }

    fn sample() -> InviteEvent {
        InviteEvent {
            uid: "0193a5f0-1111-7000-8000-000000000001@hireloop".into(),
            sequence: 0,
            stamp: Some(Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap()),
            start: Some(Utc.with_ymd_and_hms(2026, 12, 1, 14, 0, 0).unwrap()),
            duration_minutes: Some(90),
            summary: "System design: Ana Petrović, Senior Go Engineer".into(),
            location: Some("Room 4; floor 2, Berlin".into()),
            description: Some("Line one\nLine two \\ done".into()),
            organizer: Some(person("Hiring, Team", "hiring@example.com")),
            attendees: vec![
                person("Ana \"AP\" Petrović", "ana@example.com"),
                person("Sam Okafor", "sam@example.com"),
            ],
        }
    }

    fn unfold(ics: &str) -> String {
        ics.replace("\r\n ", "")
    }

    #[test]
    fn an_invite_has_every_required_property_in_utc() {
        let ics = invite(&sample()).unwrap();
        let text = unfold(&ics);
        for line in [
            "BEGIN:VCALENDAR\r\n",
            "VERSION:2.0\r\n",
            "METHOD:REQUEST\r\n",
            "BEGIN:VEVENT\r\n",
            "UID:0193a5f0-1111-7000-8000-000000000001@hireloop\r\n",
            "DTSTAMP:20261125T090000Z\r\n",
            "DTSTART:20261201T140000Z\r\n",
            "DTEND:20261201T153000Z\r\n",
            "SUMMARY:System design: Ana Petrović\\, Senior Go Engineer\r\n",
            "LOCATION:Room 4\\; floor 2\\, Berlin\r\n",
            "DESCRIPTION:Line one\\nLine two \\\\ done\r\n",
            "ORGANIZER;CN=\"Hiring, Team\":mailto:hiring@example.com\r\n",
            "ATTENDEE;CN=Ana 'AP' Petrović;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:ana@example.com\r\n",
            "END:VEVENT\r\n",
        ] {
            assert!(text.contains(line), "missing {line:?} in\n{text}");
        }
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        assert!(text.starts_with("BEGIN:VCALENDAR\r\n"));
    }

    #[test]
    fn every_line_ends_in_crlf_and_is_at_most_75_octets() {
        let mut event = sample();
        event.description = Some("ä".repeat(100) + &"x".repeat(200));
        let ics = invite(&event).unwrap();
        assert!(!ics.replace("\r\n", "").contains('\n'), "a bare LF");
        assert!(!ics.replace("\r\n", "").contains('\r'), "a bare CR");
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        // Folding loses nothing and never splits a character.
        assert!(unfold(&ics).contains(&format!(
            "DESCRIPTION:{}{}\r\n",
            "ä".repeat(100),
            "x".repeat(200)
        )));
        let folded: Vec<&str> = ics.split("\r\n").filter(|l| l.starts_with(' ')).collect();
        assert!(folded.len() >= 4, "{folded:?}");
    }

    #[test]
    fn missing_required_fields_are_named() {
        let event = InviteEvent {
            uid: "x".into(),
            summary: "Interview".into(),
            ..Default::default()
        };
        let err = invite(&event).unwrap_err();
        let fields: Vec<&str> = err.errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            ["starts_at", "duration_minutes", "organizer", "attendees"]
        );
        let mut bad = sample();
        bad.duration_minutes = Some(0);
        assert_eq!(
            invite(&bad).unwrap_err().message_for("duration_minutes"),
            Some("must be between 1 and 480 minutes (got 0)")
        );
    }

    #[test]
    fn control_characters_cannot_break_out_of_a_property() {
        let mut event = sample();
        event.summary = "Interview\r\nATTENDEE:mailto:evil@example.com\u{7}".into();
        event.attendees[0].name = "Evil\r\nX-INJECTED:1".into();
        let ics = invite(&event).unwrap();
        assert!(ics.contains("SUMMARY:Interview\\nATTENDEE:mailto:evil@example.com\r\n"));
        assert!(!ics.contains("\r\nX-INJECTED"));
        assert!(!ics.contains('\u{7}'));
    }
}
