//! Duplicate candidates (issue #5): the keys two records of one person share, and the rule that
//! says which candidates are likely the same person and why. Detection only flags: merging is a
//! person's decision (`candidate_merge`).
//!
//! - Email: lower case (already so when parsed), the `+tag` of the local part dropped for every
//!   domain (sub-addressing, RFC 5233: `ana+jobs@x.io` reaches `ana@x.io` at Gmail, Outlook,
//!   Fastmail, iCloud, Proton…), and for Gmail the dots of the local part too, `googlemail.com`
//!   read as `gmail.com` (Gmail ignores dots). A false match costs a glance; a missed one a person
//!   in the pool twice. The SQL twin of this rule is the `email_key` column (migration 0011).
//! - Phone: the digits with the country calling code (`Phone::key`).
//! - Name and city: letters folded (case, diacritics, "ß" → "ss"…), punctuation and spacing
//!   ignored, word order too ("Petrović Jelena" = "jelena petrovic"); the city folded the same way
//!   but in order. A name alone is too common to flag, so it counts only with the same city.

use crate::candidate::Candidate;
use crate::email::Email;
use crate::vocab::vocabulary;
use serde::Serialize;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

vocabulary!(
    /// Why two candidates are likely one person, strongest first.
    DuplicateReason, "duplicate reason" {
        SameEmail => "same_email", "Same email";
        SamePhone => "same_phone", "Same phone";
        SameNameAndCity => "same_name_and_city", "Same name and city";
    }
);

/// The email as duplicate detection compares it (see the module docs).
pub fn email_key(email: &Email) -> String {
    let text = email.as_str();
    let Some((local, domain)) = text.split_once('@') else {
        return text.to_string();
    };
    let local = local.split('+').next().unwrap_or_default();
    match domain {
        "gmail.com" | "googlemail.com" => format!("{}@gmail.com", local.replace('.', "")),
        _ => format!("{local}@{domain}"),
    }
}

/// Folds one piece of text to lower-case ASCII-like words: diacritics dropped ("Đorđević" →
/// "dordevic"), anything that is not a letter or digit a word break.
fn folded_words(text: &str) -> Vec<String> {
    let mut folded = String::with_capacity(text.len());
    for c in text.nfd().filter(|c| !is_combining_mark(*c)) {
        // Letters that carry their mark inside the code point: NFD leaves them whole.
        match c {
            'đ' | 'Đ' => folded.push('d'),
            'ł' | 'Ł' => folded.push('l'),
            'ø' | 'Ø' => folded.push('o'),
            'ħ' | 'Ħ' => folded.push('h'),
            'ı' => folded.push('i'),
            'ß' => folded.push_str("ss"),
            'æ' | 'Æ' => folded.push_str("ae"),
            'œ' | 'Œ' => folded.push_str("oe"),
            'þ' | 'Þ' => folded.push_str("th"),
            c if c.is_alphanumeric() => folded.extend(c.to_lowercase()),
            _ => folded.push(' '),
        }
    }
    folded.split_whitespace().map(str::to_string).collect()
}

/// A name as duplicate detection compares it: folded words in sorted order, so that "Jelena
/// Petrović", "PETROVIC, Jelena" and "petrovic jelena" are one key.
pub fn name_key(name: &str) -> String {
    let mut words = folded_words(name);
    words.sort();
    words.join(" ")
}

/// A city as duplicate detection compares it: folded words in their order; None when blank.
pub fn city_key(city: &str) -> Option<String> {
    let words = folded_words(city);
    (!words.is_empty()).then(|| words.join(" "))
}

/// The city a candidate states: the `city` field, else the first part of a free-text location
/// ("Belgrade, Serbia" → "Belgrade"), as locations were written before the city had its field.
pub fn candidate_city(candidate: &Candidate) -> Option<String> {
    if let Some(city) = candidate.profile.city.as_ref() {
        return Some(city.to_string());
    }
    let location = candidate.location.as_ref()?;
    location
        .as_str()
        .split(',')
        .next()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_string)
}

/// Everything duplicate detection compares of one candidate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateKeys {
    pub email: String,
    pub phone: Option<String>,
    pub name: String,
    pub city: Option<String>,
}

impl DuplicateKeys {
    pub fn of(candidate: &Candidate) -> Self {
        Self {
            email: email_key(&candidate.email),
            phone: candidate
                .profile
                .phone
                .as_ref()
                .map(|p| p.key().to_string()),
            name: name_key(candidate.name.as_str()),
            city: candidate_city(candidate).as_deref().and_then(city_key),
        }
    }

    /// Why `self` and `other` look like one person, strongest first; empty when they do not.
    pub fn reasons(&self, other: &DuplicateKeys) -> Vec<DuplicateReason> {
        let mut reasons = Vec::new();
        if self.email == other.email {
            reasons.push(DuplicateReason::SameEmail);
        }
        if self.phone.is_some() && self.phone == other.phone {
            reasons.push(DuplicateReason::SamePhone);
        }
        if !self.name.is_empty()
            && self.name == other.name
            && self.city.is_some()
            && self.city == other.city
        {
            reasons.push(DuplicateReason::SameNameAndCity);
        }
        reasons
    }
}

/// One likely duplicate of a candidate and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DuplicateMatch {
    pub candidate: Candidate,
    /// Strongest first: same_email, same_phone, same_name_and_city.
    pub reasons: Vec<DuplicateReason>,
}

/// The candidates among `others` that are likely the same person as `candidate`, strongest
/// reason first, then oldest first (the oldest record is the usual survivor). `candidate` itself,
/// if among `others`, is left out.
pub fn find_duplicates(candidate: &Candidate, others: &[Candidate]) -> Vec<DuplicateMatch> {
    let keys = DuplicateKeys::of(candidate);
    let mut matches: Vec<DuplicateMatch> = others
        .iter()
        .filter(|o| o.id != candidate.id)
        .filter_map(|o| {
            let reasons = keys.reasons(&DuplicateKeys::of(o));
            (!reasons.is_empty()).then(|| DuplicateMatch {
                candidate: o.clone(),
                reasons,
            })
        })
        .collect();
    matches.sort_by(|a, b| {
        a.reasons[0]
            .cmp(&b.reasons[0])
            .then(b.reasons.len().cmp(&a.reasons.len()))
            .then(a.candidate.id.cmp(&b.candidate.id))
    });
    matches
}

/// A group of candidates sharing one key: what the pool-wide duplicates list shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DuplicateGroup {
    pub reason: DuplicateReason,
    /// The shared key as compared (e.g. the email key, or "city | name").
    pub key: String,
    /// Oldest first.
    pub candidates: Vec<Candidate>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::candidate::CandidateInput;
    use chrono::{NaiveDate, Utc};

    fn candidate(name: &str, email: &str, location: Option<&str>) -> Candidate {
        with_phone(name, email, location, None)
    }

    fn with_phone(
        name: &str,
        email: &str,
        location: Option<&str>,
        phone: Option<&str>,
    ) -> Candidate {
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let new = CandidateInput {
            name: name.into(),
            email: email.into(),
            location: location.map(Into::into),
            phone: phone.map(Into::into),
            ..Default::default()
        }
        .parse_on(today)
        .unwrap();
        Candidate {
            id: crate::ids::CandidateId(uuid::Uuid::now_v7()),
            name: new.name,
            email: new.email,
            location: new.location,
            region: new.region,
            skills: new.skills,
            expected_rate: new.expected_rate,
            profile: new.profile,
            vetting_status: crate::candidate_profile::VettingStatus::Unvetted,
            created_at: Utc::now(),
            updated_at: Utc::now(),
        }
    }

    #[test]
    fn email_keys_drop_tags_and_gmail_dots() {
        let key = |e: &str| email_key(&Email::parse(e).unwrap());
        assert_eq!(key("Ana+Jobs@Example.com"), "ana@example.com");
        assert_eq!(key("j.petrovic@googlemail.com"), "jpetrovic@gmail.com");
        assert_eq!(key("j.petrovic+cv@gmail.com"), "jpetrovic@gmail.com");
        // Dots matter outside Gmail: two different people at one company.
        assert_ne!(key("j.petrovic@acme.io"), key("jpetrovic@acme.io"));
    }

    #[test]
    fn names_fold_case_diacritics_punctuation_and_order() {
        assert_eq!(name_key("Jelena Petrović"), "jelena petrovic");
        assert_eq!(name_key("PETROVIC,  Jelena"), "jelena petrovic");
        assert_eq!(
            name_key("Đorđe Łukasz-Strauß"),
            name_key("lukasz strauss dorde")
        );
        assert_ne!(name_key("Jelena Petrović"), name_key("Jelena Petrovićka"));
        assert_eq!(city_key("  São   Paulo "), Some("sao paulo".into()));
        assert_eq!(city_key(" , "), None);
    }

    #[test]
    fn finds_duplicates_with_reasons_strongest_first() {
        let ana = candidate(
            "Jelena Petrović",
            "jelena@example.com",
            Some("Belgrade, Serbia"),
        );
        let same_email = candidate("J. P.", "Jelena+cv@example.com", None);
        let same_name_city = candidate("petrovic jelena", "jp@other.io", Some("belgrade"));
        let other_city = candidate("Jelena Petrović", "jp2@other.io", Some("Novi Sad"));
        let stranger = candidate("Ivo Horvat", "ivo@example.com", Some("Belgrade"));
        let pool = vec![
            ana.clone(),
            same_name_city.clone(),
            same_email.clone(),
            other_city,
            stranger,
        ];
        let found = find_duplicates(&ana, &pool);
        let got: Vec<_> = found
            .iter()
            .map(|m| (m.candidate.id, m.reasons.clone()))
            .collect();
        assert_eq!(
            got,
            [
                (same_email.id, vec![DuplicateReason::SameEmail]),
                (same_name_city.id, vec![DuplicateReason::SameNameAndCity]),
            ]
        );
    }

    #[test]
    fn phones_match_however_they_are_written() {
        let a = with_phone("A", "a@x.io", None, Some("+381 64 123 4567"));
        let b = with_phone("B", "b@x.io", None, Some("00381 (64) 123-4567"));
        let c = with_phone("C", "c@x.io", None, Some("+381 64 123 4568"));
        let found = find_duplicates(&a, &[b.clone(), c]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].candidate.id, b.id);
        assert_eq!(found[0].reasons, [DuplicateReason::SamePhone]);
    }

    #[test]
    fn a_name_without_a_city_is_not_enough() {
        let a = candidate("Ana Novak", "a@x.io", None);
        let b = candidate("Ana Novak", "b@x.io", None);
        assert!(find_duplicates(&a, &[b]).is_empty());
    }
}
