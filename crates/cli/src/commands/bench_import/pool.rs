//! A seeded pool of JSON Resume documents as NDJSON, for timing imports: `hireloop bench import`
//! and the `json_resume_pool` example share it, so the same seed gives the same bytes in both.
//! Names, places and skills cycle through short lists; every email is distinct.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::io::Write;

const FIRST: [&str; 12] = [
    "Ana", "Tom", "Priya", "Lucía", "Kenji", "Olga", "Ibrahim", "Mei", "Jonas", "Fatima", "Diego",
    "Sara",
];
const LAST: [&str; 10] = [
    "Petrović",
    "Becker",
    "Nair",
    "Gómez",
    "Sato",
    "Ivanova",
    "Okafor",
    "Chen",
    "Berg",
    "Silva",
];
const PLACES: [(&str, &str); 8] = [
    ("Belgrade", "RS"),
    ("Hamburg", "DE"),
    ("Pune", "IN"),
    ("Medellín", "CO"),
    ("Kraków", "PL"),
    ("Lisbon", "PT"),
    ("Austin", "US"),
    ("Manila", "PH"),
];
const LANGUAGES: [&str; 6] = ["Go", "Rust", "Python", "Java", "TypeScript", "Elixir"];
const KEYWORDS: [&str; 12] = [
    "Postgres",
    "k8s",
    "gRPC",
    "Kafka",
    "Redis",
    "Docker",
    "Terraform",
    "AWS",
    "Django",
    "Spring Boot",
    "MySQL",
    "RabbitMQ",
];

/// Writes `n` documents, one per line, from `seed`. A pool of `k < n` documents is the first `k`
/// lines of the pool of `n`.
pub fn write_ndjson(n: usize, seed: u64, out: &mut impl Write) -> std::io::Result<()> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    for i in 0..n {
        let first = FIRST[rng.gen_range(0..FIRST.len())];
        let last = LAST[rng.gen_range(0..LAST.len())];
        let (city, country) = PLACES[rng.gen_range(0..PLACES.len())];
        let keywords: Vec<&str> = (0..rng.gen_range(1..5))
            .map(|_| KEYWORDS[rng.gen_range(0..KEYWORDS.len())])
            .collect();
        let doc = serde_json::json!({
            "basics": {
                "name": format!("{first} {last}"),
                "email": format!("{}.{}.{i}@example.com", first.to_lowercase(), last.to_lowercase()),
                "location": {"city": city, "countryCode": country},
            },
            "skills": [{"name": LANGUAGES[rng.gen_range(0..LANGUAGES.len())], "keywords": keywords}],
            "work": [{"name": "Acme", "position": "Backend engineer", "startDate": "2019-03-01",
                      "endDate": "2024-06-30", "highlights": []}],
        });
        writeln!(out, "{doc}")?;
    }
    Ok(())
}
