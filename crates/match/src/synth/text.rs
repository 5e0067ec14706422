//! A short, deterministic profile text (headline and summary, about 15-40 words) per synthetic
//! candidate, for benchmarking free-text search next to the filters. The words come from a small
//! vocabulary of backend work, each list Zipf-ranked so that some words are common and some rare.
//! Only lowercase ASCII words, spaces and full stops: every tokenizer (tantivy's, SQLite FTS5's,
//! PostgreSQL's `simple`) splits the text into the same tokens.

use super::Zipf;
use crate::profile::Profile;
use hireloop_core::ids::CandidateId;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Most common first (ranks of the Zipf draw).
const ROLES: &[&str] = &[
    "backend engineer",
    "software engineer",
    "platform engineer",
    "full stack developer",
    "data engineer",
    "site reliability engineer",
];

const DOMAINS: &[&str] = &[
    "payments",
    "ecommerce",
    "logistics",
    "fintech",
    "saas",
    "healthcare",
    "streaming",
    "marketplaces",
    "insurance",
    "adtech",
    "gaming",
    "telecom",
    "travel",
    "education",
    "energy",
    "biotech",
];

const ACTIVITIES: &[&str] = &[
    "built",
    "maintained",
    "designed",
    "scaled",
    "led",
    "migrated",
    "optimized",
    "shipped",
    "owned",
    "refactored",
    "automated",
    "rewrote",
    "modernized",
    "hardened",
    "decommissioned",
    "benchmarked",
];

const ADJECTIVES: &[&str] = &[
    "internal",
    "legacy",
    "distributed",
    "realtime",
    "critical",
    "public",
];

const OBJECTS: &[&str] = &[
    "services",
    "apis",
    "microservices",
    "backend",
    "pipelines",
    "databases",
    "platform",
    "integrations",
    "kubernetes",
    "monolith",
    "queues",
    "billing",
    "search",
    "authentication",
    "observability",
    "caching",
    "dashboards",
    "workers",
    "schemas",
    "mainframe",
];

const TEAMS: &[&str] = &["team", "company", "startup", "client", "product"];

/// Sentences some profiles add, with the share of profiles that do.
const EXTRAS: &[(&str, f64)] = &[
    ("joined the oncall rotation", 0.20),
    ("mentored junior engineers", 0.10),
    ("wrote runbooks and postmortems", 0.05),
];

/// Draws each candidate's text from the seed and the candidate id alone, so a text does not depend
/// on the order profiles were generated in, nor shift the profile generator's random stream.
pub struct TextGenerator {
    seed: u64,
    roles: Zipf,
    domains: Zipf,
    activities: Zipf,
    objects: Zipf,
}

impl TextGenerator {
    pub fn new(seed: u64) -> Self {
        Self {
            seed,
            roles: Zipf::new(ROLES.len(), 1.0),
            domains: Zipf::new(DOMAINS.len(), 1.0),
            activities: Zipf::new(ACTIVITIES.len(), 1.0),
            objects: Zipf::new(OBJECTS.len(), 1.0),
        }
    }

    /// The text of one candidate, e.g. "backend engineer working on payments and logistics
    /// systems. migrated legacy services for a payments team. …".
    pub fn text(&self, id: CandidateId) -> String {
        let mut seed = [0u8; 32];
        seed[..8].copy_from_slice(&self.seed.to_le_bytes());
        seed[8..24].copy_from_slice(&id.as_uuid().as_u128().to_le_bytes());
        seed[24..].copy_from_slice(b"proftext");
        let rng = &mut ChaCha8Rng::from_seed(seed);
        let pick = |list: &[&'static str], zipf: &Zipf, rng: &mut ChaCha8Rng| -> &'static str {
            list.get(zipf.sample(rng)).copied().unwrap_or_default()
        };
        let mut out = String::with_capacity(256);
        let first = pick(DOMAINS, &self.domains, rng);
        let second = pick(DOMAINS, &self.domains, rng);
        out.push_str(pick(ROLES, &self.roles, rng));
        out.push_str(" working on ");
        out.push_str(first);
        if second != first {
            out.push_str(" and ");
            out.push_str(second);
        }
        out.push_str(" systems.");
        for _ in 0..rng.gen_range(1..=4) {
            out.push(' ');
            out.push_str(pick(ACTIVITIES, &self.activities, rng));
            if rng.gen::<f64>() < 0.5 {
                out.push(' ');
                out.push_str(ADJECTIVES[rng.gen_range(0..ADJECTIVES.len())]);
            }
            out.push(' ');
            out.push_str(pick(OBJECTS, &self.objects, rng));
            if rng.gen::<f64>() < 0.3 {
                out.push_str(" and ");
                out.push_str(pick(OBJECTS, &self.objects, rng));
            }
            out.push_str(" for a ");
            out.push_str(pick(DOMAINS, &self.domains, rng));
            out.push(' ');
            out.push_str(TEAMS[rng.gen_range(0..TEAMS.len())]);
            out.push('.');
        }
        for (sentence, share) in EXTRAS {
            if rng.gen::<f64>() < *share {
                out.push(' ');
                out.push_str(sentence);
                out.push('.');
            }
        }
        out
    }
}

/// The texts of a pool, in the pool's order (a parallel list: `Profile` carries no text).
pub fn profile_texts(seed: u64, profiles: &[Profile]) -> Vec<String> {
    let g = TextGenerator::new(seed);
    profiles.iter().map(|p| g.text(p.id)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    #[test]
    fn the_same_seed_and_candidate_give_the_same_short_lowercase_text() {
        let g = TextGenerator::new(7);
        let id = CandidateId(Uuid::from_u128(42));
        assert_eq!(g.text(id), TextGenerator::new(7).text(id));
        assert_ne!(g.text(id), TextGenerator::new(8).text(id));
        let mut words = 0usize;
        let mut oncall = 0;
        for i in 0..2_000u128 {
            let t = g.text(CandidateId(Uuid::from_u128(i)));
            let n = t.split_whitespace().count();
            assert!((12..=60).contains(&n), "{n} words: {t}");
            assert!(
                t.chars()
                    .all(|c| c.is_ascii_lowercase() || c == ' ' || c == '.'),
                "{t}"
            );
            words += n;
            oncall += usize::from(t.contains("oncall"));
        }
        let mean = words as f64 / 2_000.0;
        assert!((15.0..=40.0).contains(&mean), "mean {mean} words");
        // Zipf-ranked: the first domain is common, the last rare; the extras keep their share.
        assert!((300..=500).contains(&oncall), "{oncall}");
        let with = |w: &str| {
            (0..2_000u128)
                .filter(|i| g.text(CandidateId(Uuid::from_u128(*i))).contains(w))
                .count()
        };
        assert!(with("payments") > 4 * with("biotech"));
    }
}
